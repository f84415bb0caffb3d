//! Reading a side of the comparison: a catalog file, or the catalog at a git
//! revision (`git:REV`, `git:REV:PATH`), read as one blob with `git cat-file`
//! without touching the work tree.

use std::path::{Path, PathBuf};

use crate::catalog::{self, MAX_CATALOG_BYTES, load_str};
use crate::diagnostic::Report as DiagnosticReport;
use crate::diagnostic::SourceFile;
use crate::error::Error;
use crate::model::Model;

/// Loads `spec`: a catalog file, `git:REV` (`catalog` at REV) or `git:REV:PATH`.
pub fn load_side(spec: &str, catalog: &Path) -> Result<Model, Error> {
    let Some(rest) = spec.strip_prefix("git:") else {
        return catalog::load(Path::new(spec));
    };
    let (rev, path) = match rest.split_once(':') {
        Some((rev, path)) => (rev, PathBuf::from(path)),
        None => (rest, catalog.to_path_buf()),
    };
    if rev.is_empty() || path.as_os_str().is_empty() {
        return Err(Error::Git {
            reason: format!("`{spec}` names no revision or path; write git:REV or git:REV:PATH"),
        });
    }
    let text = git_show(rev, &path)?;
    load_str(&text).map_err(|diagnostics| {
        let file = SourceFile::new(format!("git:{rev}:{}", path.display()), text);
        Error::InvalidCatalog(DiagnosticReport { file, diagnostics })
    })
}

/// A catalog at a revision is capped like a catalog file.
const MAX_GIT_BLOB_BYTES: u64 = MAX_CATALOG_BYTES;

/// The blob at `REV:./PATH` from the current directory; only the object store is
/// read. `rev` and `path` are data: `rev` may not start with `-`, every git
/// argument follows `--end-of-options`, and anything but one blob is refused.
fn git_show(rev: &str, path: &Path) -> Result<String, Error> {
    let fail = |reason: String| Error::Git { reason };
    let relative = relative_to_cwd(path)?;
    let file = shown(&relative.display().to_string());
    let at = shown(rev);
    let cannot = |why: &str| fail(format!("cannot read {file} at revision {at}: {why}"));
    if rev.starts_with('-') {
        return Err(fail(format!(
            "revision {} starts with `-`; retcode does not pass options to git",
            shown_rev(rev)
        )));
    }
    // `A..B`, `A...B`, `A^!`, `A^@`, `A^-`: several commits, no single catalog.
    if rev.contains("..") || rev.ends_with("^!") || rev.ends_with("^@") || rev.contains("^-") {
        return Err(fail(format!(
            "{} is a range of revisions; give one revision (a commit, tag or branch)",
            shown_rev(rev)
        )));
    }
    // The tree first, so the path is looked up in one fixed object.
    let tree = git(
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{rev}^{{tree}}"),
        ],
        rev,
    )?;
    if !tree.status.success() {
        return Err(match first_line(&tree.stderr) {
            Some(line) => cannot(&line),
            None => cannot("unknown revision (no commit, tag or tree of that name)"),
        });
    }
    let tree = String::from_utf8_lossy(&tree.stdout).trim().to_owned();
    // `./` makes the path relative to the current directory; cat-file, unlike
    // rev-parse, never reads `..` in it as a range.
    let object = format!("{tree}:./{}", relative.display());
    let kind = git(&["cat-file", "-t", "--end-of-options", &object], rev)?;
    if !kind.status.success() {
        let stderr = String::from_utf8_lossy(&kind.stderr);
        return Err(if stderr.contains("outside repository") {
            cannot("the path is outside the repository")
        } else if stderr.contains("does not exist") || stderr.contains("Not a valid object name") {
            cannot("no such file at that revision")
        } else {
            cannot(&first_line(&kind.stderr).unwrap_or_else(|| "git failed".to_owned()))
        });
    }
    match String::from_utf8_lossy(&kind.stdout).trim() {
        "blob" => {}
        "tree" => {
            return Err(fail(format!(
                "{file} at revision {at} is a directory, not a file"
            )));
        }
        "commit" => {
            return Err(fail(format!(
                "{file} at revision {at} is a submodule, not a file"
            )));
        }
        other => return Err(cannot(&format!("it is a {}, not a file", shown(other)))),
    }
    // A symbolic link is a blob too, holding the link's target: its mode tells.
    if let (Some(parent), Some(name)) = (relative.parent(), relative.file_name()) {
        let directory = format!("{tree}:./{}", parent.display());
        let name = name.to_string_lossy();
        let listing = git(
            &[
                "--literal-pathspecs",
                "ls-tree",
                "--full-tree",
                "-z",
                "--end-of-options",
                &directory,
                &name,
            ],
            rev,
        )?;
        if listing.stdout.starts_with(b"120000 ") {
            return Err(fail(format!(
                "{file} at revision {at} is a symbolic link, not a file"
            )));
        }
    }
    let size = git(&["cat-file", "-s", "--end-of-options", &object], rev)?;
    let size: Option<u64> = String::from_utf8_lossy(&size.stdout).trim().parse().ok();
    match size {
        Some(size) if size <= MAX_GIT_BLOB_BYTES => {}
        Some(size) => {
            return Err(cannot(&format!(
                "{size} bytes, more than the {} MiB a catalog may hold",
                MAX_GIT_BLOB_BYTES >> 20
            )));
        }
        None => return Err(cannot("git did not report the file's size")),
    }
    let bytes = git_blob(&object, rev, MAX_GIT_BLOB_BYTES)?.ok_or_else(|| {
        cannot(&format!(
            "more than the {} MiB a catalog may hold",
            MAX_GIT_BLOB_BYTES >> 20
        ))
    })?;
    String::from_utf8(bytes).map_err(|_| cannot("the file is not UTF-8"))
}

/// `path` relative to the current directory, which `./` in a git object name means.
/// An absolute path is compared physically as well, so one reached through a
/// symlinked directory (the shell's logical `$PWD`) still counts as inside.
fn relative_to_cwd(path: &Path) -> Result<PathBuf, Error> {
    if !path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    let cwd = std::env::current_dir().map_err(Error::io("."))?;
    if let Ok(relative) = path.strip_prefix(&cwd) {
        return Ok(relative.to_path_buf());
    }
    // The file may be gone from the work tree: resolve its directory only.
    let physical = match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => parent.canonicalize().ok().map(|p| p.join(name)),
        _ => None,
    };
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    physical
        .as_deref()
        .and_then(|p| p.strip_prefix(&cwd).ok())
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::Git {
            reason: format!(
                "{} is outside the current directory; give git:REV:PATH relative to it",
                shown(&path.display().to_string())
            ),
        })
}

/// git with no pager, no prompt, no stdin and messages in English (their words
/// are matched above); `args` must already keep values behind `--end-of-options`.
fn git_command(args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new("git");
    command
        .arg("--no-pager")
        .args(args)
        .env("LC_ALL", "C")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(std::process::Stdio::null());
    command
}

/// Runs git to completion; stdout is small here (an id, a type, a size).
fn git(args: &[&str], rev: &str) -> Result<std::process::Output, Error> {
    git_command(args).output().map_err(|e| not_run(e, rev))
}

fn not_run(e: std::io::Error, rev: &str) -> Error {
    Error::Git {
        reason: if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "cannot read git:{}: git is not installed or not on PATH",
                shown(rev)
            )
        } else {
            format!(
                "cannot run git to read git:{}: {}",
                shown(rev),
                shown(&e.to_string())
            )
        },
    }
}

/// The blob `object`, or None when it holds more than `limit` bytes (read no further).
fn git_blob(object: &str, rev: &str, limit: u64) -> Result<Option<Vec<u8>>, Error> {
    use std::io::Read as _;
    let mut child = git_command(&["cat-file", "blob", "--end-of-options", object])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| not_run(e, rev))?;
    let mut bytes = Vec::new();
    let read = match child.stdout.take() {
        Some(stdout) => stdout.take(limit + 1).read_to_end(&mut bytes),
        None => Ok(0),
    };
    if bytes.len() as u64 > limit {
        // The rest is never read; git stops on the closed pipe or here.
        let _ = child.kill();
        let _ = child.wait();
        return Ok(None);
    }
    let status = child.wait();
    match (read, status) {
        (Ok(_), Ok(status)) if status.success() => Ok(Some(bytes)),
        _ => Err(Error::Git {
            reason: format!("cannot read git:{}: git cat-file failed", shown(rev)),
        }),
    }
}

/// The first line git wrote, without `fatal: `.
fn first_line(stderr: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(shown(line.strip_prefix("fatal: ").unwrap_or(line)))
}

/// A revision as the error shows it: in backticks, on one line.
fn shown_rev(rev: &str) -> String {
    format!("`{}`", shown(rev))
}

/// Text from the command line or git, kept on one line: control characters
/// (line breaks, escapes) are written as `\u{..}`.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
