//! Stage 5: write generated files atomically, or check them without writing.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::error::Error;

/// One output file: a path relative to the output directory and its full text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
}

/// What `check` found: one readable problem (with a diff where useful) per stale file.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub problems: Vec<String>,
}

/// Writes every file whose bytes differ, each through a temporary file and a
/// rename, and removes files in `out_dir` that the catalog no longer produces.
pub fn write(out_dir: &Path, files: &[GeneratedFile]) -> Result<WriteReport, Error> {
    let mut report = WriteReport::default();
    for file in files {
        let path = out_dir.join(&file.path);
        if fs::read(&path).is_ok_and(|old| old == file.contents.as_bytes()) {
            report.unchanged += 1;
            continue;
        }
        let dir = path.parent().unwrap_or(out_dir);
        fs::create_dir_all(dir).map_err(Error::io(dir))?;
        let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(Error::io(dir))?;
        temp.write_all(file.contents.as_bytes())
            .map_err(Error::io(temp.path()))?;
        temp.persist(&path).map_err(|e| Error::io(&path)(e.error))?;
        report.written.push(file.path.clone());
    }
    let expected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for existing in existing_files(out_dir)? {
        if !expected.contains(existing.as_str()) {
            let path = out_dir.join(&existing);
            fs::remove_file(&path).map_err(Error::io(&path))?;
            report.removed.push(existing);
        }
    }
    remove_empty_dirs(out_dir)?;
    Ok(report)
}

/// Compares `out_dir` with what would be generated, writing nothing.
pub fn check(out_dir: &Path, files: &[GeneratedFile]) -> Result<CheckReport, Error> {
    let mut report = CheckReport::default();
    for file in files {
        let path = out_dir.join(&file.path);
        let shown = display(out_dir, &file.path);
        match fs::read(&path) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(bytes) => {
                let old = String::from_utf8_lossy(&bytes);
                let diff = TextDiff::from_lines(old.as_ref(), file.contents.as_str())
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("{shown} (committed)"),
                        &format!("{shown} (generated)"),
                    )
                    .to_string();
                report.problems.push(format!("stale: {shown}\n{diff}"));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.problems.push(format!("missing: {shown}"));
            }
            Err(e) => return Err(Error::io(path)(e)),
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for existing in existing_files(out_dir)? {
        if !expected.contains(existing.as_str()) {
            report.problems.push(format!(
                "unexpected: {} (not produced by the catalog; `retcode generate` removes it)",
                display(out_dir, &existing)
            ));
        }
    }
    Ok(report)
}

fn display(out_dir: &Path, relative: &str) -> String {
    format!("{}/{relative}", out_dir.display()).replace('\\', "/")
}

/// Every file under `dir`, as sorted `/`-separated relative paths.
fn existing_files(dir: &Path) -> Result<Vec<String>, Error> {
    let mut found = Vec::new();
    if dir.is_dir() {
        collect(dir, "", &mut found)?;
    }
    found.sort();
    Ok(found)
}

fn collect(dir: &Path, prefix: &str, found: &mut Vec<String>) -> Result<(), Error> {
    for item in fs::read_dir(dir).map_err(Error::io(dir))? {
        let item = item.map_err(Error::io(dir))?;
        let name = item.file_name().to_string_lossy().into_owned();
        let relative = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let file_type = item.file_type().map_err(Error::io(item.path()))?;
        if file_type.is_dir() {
            collect(&item.path(), &relative, found)?;
        } else {
            found.push(relative);
        }
    }
    Ok(())
}

fn remove_empty_dirs(dir: &Path) -> Result<bool, Error> {
    if !dir.is_dir() {
        return Ok(false);
    }
    let mut empty = true;
    let entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(Error::io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    for path in entries {
        if path.is_dir() && remove_empty_dirs(&path)? {
            fs::remove_dir(&path).map_err(Error::io(&path))?;
        } else {
            empty = false;
        }
    }
    Ok(empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn write_skips_unchanged_files_and_removes_strays() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![file("a/x.md", "one\n"), file("b.json", "{}\n")];
        let first = write(dir.path(), &files).unwrap();
        assert_eq!(first.written, vec!["a/x.md", "b.json"]);
        fs::create_dir_all(dir.path().join("old")).unwrap();
        fs::write(dir.path().join("old/stray.txt"), "x").unwrap();
        let second = write(dir.path(), &files).unwrap();
        assert!(second.written.is_empty());
        assert_eq!(second.unchanged, 2);
        assert_eq!(second.removed, vec!["old/stray.txt"]);
        assert!(!dir.path().join("old").exists());
    }

    #[test]
    fn check_reports_stale_missing_and_unexpected_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "old\n").unwrap();
        fs::write(dir.path().join("stray.md"), "x").unwrap();
        let files = vec![file("a.md", "new\n"), file("b.md", "b\n")];
        let report = check(dir.path(), &files).unwrap();
        assert_eq!(report.problems.len(), 3, "{:?}", report.problems);
        assert!(
            report.problems[0].contains("-old\n+new\n"),
            "{}",
            report.problems[0]
        );
        assert!(report.problems[1].starts_with("missing:"));
        assert!(report.problems[2].starts_with("unexpected:"));
        assert_eq!(
            fs::read_to_string(dir.path().join("a.md")).unwrap(),
            "old\n"
        );
    }
}
