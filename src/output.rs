//! Stage 5: write generated files all or nothing, or check them without writing.
//!
//! retcode owns only the files its manifest (`<out>/.retcode-manifest`) lists:
//! it removes a file only when the previous manifest lists it, never follows a
//! symbolic link inside the output directory and never opens anything but
//! regular files, so a FIFO or device cannot hang or flood it.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, Read as _, Write as _};
use std::path::{Component, Path, PathBuf};

use similar::TextDiff;
use tempfile::TempPath;

use crate::error::Error;

/// The file, in the output directory, listing every file `generate` wrote there.
pub const MANIFEST: &str = ".retcode-manifest";

const MANIFEST_HEADER: &str =
    "# Written by `retcode generate`, which removes only the files listed here.\n";

/// A previous manifest larger than this is not ours (today's is about 1 KiB).
const MANIFEST_LIMIT: u64 = 1 << 20;

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

/// Refuses an output directory where `generate` could overwrite what is not
/// generated: the filesystem root, the home directory, a directory holding the
/// catalog, a repository root (`.git` inside) or anything inside a `.git`
/// directory. `out_dir` need not exist yet; paths are compared canonicalised.
pub fn guard_out_dir(out_dir: &Path, catalog: &Path) -> Result<(), Error> {
    let refuse = |reason: String| Error::RefusedOut {
        path: out_dir.to_path_buf(),
        reason,
    };
    let out = resolve(out_dir).map_err(|e| refuse(e.to_string()))?;
    if out.parent().is_none() {
        return Err(refuse("it is the filesystem root".into()));
    }
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
    if home
        .filter(|h| !h.is_empty())
        .is_some_and(|home| fs::canonicalize(home).is_ok_and(|home| home == out))
    {
        return Err(refuse("it is the home directory".into()));
    }
    if let Ok(catalog) = fs::canonicalize(catalog)
        && catalog.starts_with(&out)
    {
        return Err(refuse(format!(
            "it contains the catalog {}",
            catalog.display()
        )));
    }
    if out.components().any(|c| c.as_os_str() == ".git") {
        return Err(refuse("it is inside a .git directory".into()));
    }
    if fs::symlink_metadata(out.join(".git")).is_ok() {
        return Err(refuse(
            "it contains .git (a repository root); choose a subdirectory such as generated".into(),
        ));
    }
    Ok(())
}

/// The canonical form of `path`, whose trailing components may not exist yet.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    loop {
        match fs::canonicalize(existing) {
            Ok(mut canonical) => {
                canonical.extend(missing.iter().rev());
                return Ok(canonical);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // `..` after a missing directory cannot be resolved without guessing.
                let (Some(name), Some(parent)) = (existing.file_name(), existing.parent()) else {
                    return Err(e);
                };
                missing.push(name);
                existing = parent;
            }
            Err(e) => return Err(e),
        }
    }
}

/// One change `write` stages before committing any of them.
struct Change {
    relative: String,
    target: PathBuf,
    /// New bytes were staged; `false` removes the file.
    writes: bool,
}

/// A staged change: the new file beside its target, and a hard link (or copy)
/// of the old one, both deleted when dropped.
struct Staged {
    change: Change,
    new: Option<TempPath>,
    backup: Option<TempPath>,
}

/// Writes every file whose bytes differ and removes files the previous
/// manifest lists that the catalog no longer produces; then the manifest.
/// All changes are staged as temporary files first and renamed into place only
/// when every one is staged; a failure undoes the renames already done.
/// Callers taking `out_dir` from a user call [`guard_out_dir`] first.
pub fn write(out_dir: &Path, files: &[GeneratedFile]) -> Result<WriteReport, Error> {
    let mut writer = Writer::new(out_dir)?;
    for file in files {
        writer.add(file)?;
    }
    writer.finish()
}

/// [`write`] one file at a time, so a caller can render, stage and drop each
/// file instead of holding the whole output in memory. Nothing is visible in
/// the output directory before [`Writer::finish`]; dropping an unfinished
/// writer deletes what it staged.
pub struct Writer<'o> {
    out_dir: &'o Path,
    previous: BTreeSet<String>,
    produced: BTreeSet<String>,
    staged: Vec<Staged>,
    created_dirs: Vec<PathBuf>,
    unchanged: usize,
}

impl<'o> Writer<'o> {
    pub fn new(out_dir: &'o Path) -> Result<Self, Error> {
        require_dir_or_missing(out_dir)?;
        let previous = read_manifest(out_dir)?.unwrap_or_default();
        Ok(Writer {
            out_dir,
            previous,
            produced: BTreeSet::new(),
            staged: Vec::new(),
            created_dirs: Vec::new(),
            unchanged: 0,
        })
    }

    /// Stages `file` unless the output directory already holds exactly it.
    pub fn add(&mut self, file: &GeneratedFile) -> Result<(), Error> {
        claim(self.out_dir, &mut self.produced, &file.path)?;
        self.add_unclaimed(file)
    }

    fn add_unclaimed(&mut self, file: &GeneratedFile) -> Result<(), Error> {
        let target = self.out_dir.join(&file.path);
        let bytes = file.contents.as_bytes();
        let exists = match inspect(self.out_dir, &file.path)? {
            Some(len) if len == bytes.len() as u64 => {
                if holds_exactly(&target, bytes)? {
                    self.unchanged += 1;
                    return Ok(());
                }
                true
            }
            Some(_) => true,
            None => false,
        };
        let change = Change {
            relative: file.path.clone(),
            target,
            writes: true,
        };
        let staged = stage(
            self.out_dir,
            change,
            Some(bytes),
            exists,
            &mut self.created_dirs,
        )?;
        self.staged.push(staged);
        Ok(())
    }

    /// Stages the manifest and the removals, then renames everything into place.
    pub fn finish(self) -> Result<WriteReport, Error> {
        self.finish_inner(None)
    }

    fn finish_inner(mut self, fail_at: Option<usize>) -> Result<WriteReport, Error> {
        let manifest = manifest(&self.produced);
        self.add_unclaimed(&manifest)?;
        let obsolete: Vec<String> = self.previous.difference(&self.produced).cloned().collect();
        for relative in obsolete {
            if inspect(self.out_dir, &relative)?.is_some() {
                let change = Change {
                    target: self.out_dir.join(&relative),
                    relative,
                    writes: false,
                };
                let staged = stage(self.out_dir, change, None, true, &mut self.created_dirs)?;
                self.staged.push(staged);
            }
        }
        // Files arrive in rendering order; commit (and report) in path order, the
        // manifest after the files it lists, removals last.
        self.staged.sort_by(|a, b| {
            let rank = |s: &Staged| (!s.change.writes, s.change.relative == MANIFEST);
            rank(a)
                .cmp(&rank(b))
                .then_with(|| a.change.relative.cmp(&b.change.relative))
        });
        commit(&mut self.staged, fail_at)?;
        self.created_dirs.clear();
        let mut report = WriteReport {
            unchanged: self.unchanged,
            ..WriteReport::default()
        };
        for item in std::mem::take(&mut self.staged) {
            if let Some(backup) = item.backup {
                let path = backup.to_path_buf();
                backup.close().map_err(Error::io(path))?;
            }
            if item.change.writes {
                report.written.push(item.change.relative);
            } else {
                remove_empty_parents(self.out_dir, &item.change.target);
                report.removed.push(item.change.relative);
            }
        }
        Ok(report)
    }
}

impl Drop for Writer<'_> {
    /// An unfinished or failed write leaves no trace: staged files are deleted
    /// by their own drop; directories this run created go if empty again.
    fn drop(&mut self) {
        self.staged.clear();
        for dir in self.created_dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
fn write_inner(
    out_dir: &Path,
    files: &[GeneratedFile],
    fail_at: Option<usize>,
) -> Result<WriteReport, Error> {
    let mut writer = Writer::new(out_dir)?;
    for file in files {
        writer.add(file)?;
    }
    writer.finish_inner(fail_at)
}

/// Records `relative` as produced: a unique plain path inside the output directory.
fn claim(out_dir: &Path, produced: &mut BTreeSet<String>, relative: &str) -> Result<(), Error> {
    if !is_plain_relative(relative)
        || relative == MANIFEST
        || !produced.insert(relative.to_string())
    {
        return Err(Error::Unsafe {
            path: out_dir.join(relative),
            reason: "a rendered path that is not a unique plain path inside the output directory"
                .into(),
        });
    }
    Ok(())
}

/// The manifest listing every produced file.
fn manifest(produced: &BTreeSet<String>) -> GeneratedFile {
    let mut contents = String::from(MANIFEST_HEADER);
    for path in produced {
        contents.push_str(path);
        contents.push('\n');
    }
    GeneratedFile {
        path: MANIFEST.into(),
        contents,
    }
}

/// Writes a new file as a temporary file beside its target and backs up a
/// file to be replaced or removed; nothing visible changes yet.
fn stage(
    out_dir: &Path,
    change: Change,
    contents: Option<&[u8]>,
    exists: bool,
    created_dirs: &mut Vec<PathBuf>,
) -> Result<Staged, Error> {
    let dir = change.target.parent().unwrap_or(out_dir).to_path_buf();
    let new = match contents {
        Some(bytes) => {
            create_dirs(&dir, created_dirs)?;
            let mut temp = new_file_builder()
                .tempfile_in(&dir)
                .map_err(Error::io(&dir))?;
            temp.write_all(bytes).map_err(Error::io(&change.target))?;
            Some(temp.into_temp_path())
        }
        None => None,
    };
    let backup = if exists {
        let target = &change.target;
        let backup = tempfile::Builder::new()
            .prefix(".retcode-old-")
            .make_in(&dir, |path| match fs::hard_link(target, path) {
                // A filesystem without hard links gets a copy.
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                    fs::copy(target, path).map(drop)
                }
                other => other,
            })
            .map_err(Error::io(target))?;
        Some(backup.into_temp_path())
    } else {
        None
    };
    Ok(Staged {
        change,
        new,
        backup,
    })
}

/// A temporary file that becomes an output file: mode 0o666 minus the umask,
/// as `fs::write` would create it (tempfile's default is 0o600).
fn new_file_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".retcode-new-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // open(2) applies the umask to this mode, exactly as for fs::write.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
}

/// Renames every staged file into place (or removes the file); on the first
/// failure, undoes the changes already made from their backups.
fn commit(staged: &mut [Staged], fail_at: Option<usize>) -> Result<(), Error> {
    for index in 0..staged.len() {
        let item = &mut staged[index];
        let target = item.change.target.clone();
        let result = if fail_at == Some(index) {
            Err(io::Error::other("injected failure"))
        } else if let Some(new) = item.new.take() {
            new.persist(&target).map_err(|e| e.error)
        } else {
            fs::remove_file(&target)
        };
        if let Err(e) = result {
            let error = Error::io(&target)(e);
            let failed = rollback(&mut staged[..index]);
            return Err(if failed.is_empty() {
                error
            } else {
                Error::RollbackFailed {
                    source: Box::new(error),
                    paths: failed,
                }
            });
        }
    }
    Ok(())
}

/// Puts back what `commit` changed; returns the paths it could not restore.
fn rollback(done: &mut [Staged]) -> Vec<PathBuf> {
    let mut failed = Vec::new();
    for item in done.iter_mut().rev() {
        let target = &item.change.target;
        let restored = match item.backup.take() {
            Some(backup) => backup.persist(target).map_err(|e| e.error),
            None => fs::remove_file(target),
        };
        if restored.is_err() {
            failed.push(target.clone());
        }
    }
    failed
}

/// Creates `dir` and its missing parents, recording each one created.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> Result<(), Error> {
    let mut missing = Vec::new();
    let mut current = dir;
    while !current.as_os_str().is_empty()
        && matches!(fs::symlink_metadata(current), Err(e) if e.kind() == io::ErrorKind::NotFound)
    {
        missing.push(current);
        match current.parent() {
            Some(parent) => current = parent,
            None => break,
        }
    }
    for dir in missing.into_iter().rev() {
        match fs::create_dir(dir) {
            Ok(()) => created.push(dir.to_path_buf()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && is_real_dir(dir) => {}
            Err(e) => return Err(Error::io(dir)(e)),
        }
    }
    Ok(())
}

/// Removes the directories above a removed file that it left empty, up to `out_dir`.
fn remove_empty_parents(out_dir: &Path, removed: &Path) {
    let mut dir = removed.parent();
    while let Some(current) = dir {
        if current == out_dir || !current.starts_with(out_dir) || fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

/// Compares `out_dir` with what would be generated, writing nothing. Files the
/// manifest does not list are not looked at.
pub fn check(out_dir: &Path, files: &[GeneratedFile]) -> Result<CheckReport, Error> {
    let mut checker = Checker::new(out_dir)?;
    for file in files {
        checker.add(file)?;
    }
    checker.finish()
}

/// [`check`] one file at a time, so a caller can render, compare and drop each.
pub struct Checker<'o> {
    out_dir: &'o Path,
    previous: BTreeSet<String>,
    produced: BTreeSet<String>,
    /// Problems by path, reported in path order whatever order files arrive in.
    problems: Vec<(String, String)>,
}

impl<'o> Checker<'o> {
    pub fn new(out_dir: &'o Path) -> Result<Self, Error> {
        require_dir_or_missing(out_dir)?;
        let previous = read_manifest(out_dir)?.unwrap_or_default();
        Ok(Checker {
            out_dir,
            previous,
            produced: BTreeSet::new(),
            problems: Vec::new(),
        })
    }

    pub fn add(&mut self, file: &GeneratedFile) -> Result<(), Error> {
        claim(self.out_dir, &mut self.produced, &file.path)?;
        self.compare(file)
    }

    fn compare(&mut self, file: &GeneratedFile) -> Result<(), Error> {
        let shown = display(self.out_dir, &file.path);
        let Some(len) = inspect(self.out_dir, &file.path)? else {
            self.problems
                .push((file.path.clone(), format!("missing: {shown}")));
            return Ok(());
        };
        let expected = file.contents.as_bytes();
        let path = self.out_dir.join(&file.path);
        if len != expected.len() as u64 || !holds_exactly(&path, expected)? {
            // One byte more than expected tells a longer file apart, and bounds the
            // read (and the diff) whatever sits there.
            let bytes = read_at_most(&path, expected.len() as u64 + 1)?;
            let old = String::from_utf8_lossy(&bytes);
            let diff = TextDiff::from_lines(old.as_ref(), file.contents.as_str())
                .unified_diff()
                .context_radius(3)
                .header(
                    &format!("{shown} (committed)"),
                    &format!("{shown} (generated)"),
                )
                .to_string();
            self.problems
                .push((file.path.clone(), format!("stale: {shown}\n{diff}")));
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<CheckReport, Error> {
        self.problems.sort_by(|a, b| a.0.cmp(&b.0));
        self.compare(&manifest(&self.produced))?;
        let mut problems: Vec<String> = self.problems.into_iter().map(|(_, p)| p).collect();
        for relative in self.previous.difference(&self.produced) {
            if inspect(self.out_dir, relative)?.is_some() {
                problems.push(format!(
                    "obsolete: {} (generated before, no longer produced; `retcode generate` removes it)",
                    display(self.out_dir, relative)
                ));
            }
        }
        Ok(CheckReport { problems })
    }
}

fn display(out_dir: &Path, relative: &str) -> String {
    format!("{}/{relative}", out_dir.display()).replace('\\', "/")
}

/// The paths the manifest in `out_dir` lists, or `None` when there is none yet
/// (a first run into an existing directory then removes nothing).
fn read_manifest(out_dir: &Path) -> Result<Option<BTreeSet<String>>, Error> {
    let path = out_dir.join(MANIFEST);
    let Some(len) = inspect(out_dir, MANIFEST)? else {
        return Ok(None);
    };
    let unsafe_manifest = |reason: String| Error::Unsafe {
        path: path.clone(),
        reason,
    };
    if len > MANIFEST_LIMIT {
        return Err(unsafe_manifest(format!(
            "larger than {MANIFEST_LIMIT} bytes; not a retcode manifest"
        )));
    }
    let bytes = read_at_most(&path, MANIFEST_LIMIT)?;
    let text = String::from_utf8(bytes).map_err(|_| unsafe_manifest("not UTF-8".into()))?;
    let mut paths = BTreeSet::new();
    for (index, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !is_plain_relative(line) || line == MANIFEST {
            return Err(unsafe_manifest(format!(
                "line {}: `{}` is not a path inside the output directory",
                index + 1,
                line.escape_debug()
            )));
        }
        paths.insert(line.to_string());
    }
    Ok(Some(paths))
}

/// `a/b/c`: `/`-separated, no empty, `.` or `..` part, not absolute, no backslash.
fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', '\0'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// The output directory itself may be a symlink (the user named it), but it
/// must be a directory if it exists.
fn require_dir_or_missing(out_dir: &Path) -> Result<(), Error> {
    match fs::metadata(out_dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(meta) => Err(Error::Unsafe {
            path: out_dir.to_path_buf(),
            reason: format!("is a {}, not a directory", kind(&meta.file_type())),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(out_dir)(e)),
    }
}

/// The size of the regular file at `out_dir/relative`, or `None` when it (or a
/// directory above it) does not exist. Every existing part below `out_dir`
/// must be a real directory and the file a regular file: symlinks and special
/// files are refused, never followed or opened.
fn inspect(out_dir: &Path, relative: &str) -> Result<Option<u64>, Error> {
    let parts: Vec<&str> = relative.split('/').collect();
    let mut path = out_dir.to_path_buf();
    for (index, part) in parts.iter().enumerate() {
        path.push(part);
        let last = index + 1 == parts.len();
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path)(e)),
        };
        let file_type = meta.file_type();
        let wanted = if last {
            file_type.is_file()
        } else {
            file_type.is_dir()
        };
        if !wanted {
            return Err(Error::Unsafe {
                reason: format!(
                    "is a {} where retcode expects a {}; it neither follows nor replaces it",
                    kind(&file_type),
                    if last { "regular file" } else { "directory" },
                ),
                path,
            });
        }
        if last {
            return Ok(Some(meta.len()));
        }
    }
    Ok(None)
}

fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir())
}

fn kind(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "device";
        }
    }
    if file_type.is_symlink() {
        "symbolic link"
    } else if file_type.is_dir() {
        "directory"
    } else if file_type.is_file() {
        "regular file"
    } else {
        "special file"
    }
}

/// At most `limit` bytes of the regular file at `path`. Opened without
/// following a symlink and without blocking on a FIFO, in case the path was
/// swapped after `inspect` looked at it.
fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    open_regular(path)?
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(Error::io(path))?;
    Ok(bytes)
}

/// Whether the regular file at `path` holds exactly `expected`, read in blocks
/// so comparing a large output costs no second copy of it in memory.
fn holds_exactly(path: &Path, expected: &[u8]) -> Result<bool, Error> {
    let mut file = open_regular(path)?;
    let mut block = vec![0; 1 << 16];
    let mut rest = expected;
    loop {
        let read = match file.read(&mut block) {
            Ok(0) => return Ok(rest.is_empty()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(path)(e)),
        };
        if read > rest.len() || block[..read] != rest[..read] {
            return Ok(false);
        }
        rest = &rest[read..];
    }
}

/// Opens a regular file for reading without following a symbolic link or
/// blocking on a FIFO.
fn open_regular(path: &Path) -> Result<File, Error> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file: File = options.open(path).map_err(Error::io(path))?;
    let meta = file.metadata().map_err(Error::io(path))?;
    if !meta.is_file() {
        return Err(Error::Unsafe {
            path: path.to_path_buf(),
            reason: format!("is a {}, not a regular file", kind(&meta.file_type())),
        });
    }
    Ok(file)
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

    fn read(dir: &Path, relative: &str) -> String {
        fs::read_to_string(dir.join(relative)).unwrap()
    }

    #[test]
    fn write_skips_unchanged_files_and_removes_only_what_it_wrote_before() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![file("a/x.md", "one\n"), file("b.json", "{}\n")];
        let first = write(dir.path(), &files).unwrap();
        assert_eq!(first.written, vec!["a/x.md", "b.json", MANIFEST]);
        assert_eq!(
            read(dir.path(), MANIFEST),
            format!("{MANIFEST_HEADER}a/x.md\nb.json\n")
        );
        fs::create_dir_all(dir.path().join("old")).unwrap();
        fs::write(dir.path().join("old/foreign.txt"), "x").unwrap();
        let second = write(dir.path(), &files[1..]).unwrap();
        assert_eq!(second.written, vec![MANIFEST]);
        assert_eq!(second.unchanged, 1);
        assert_eq!(second.removed, vec!["a/x.md"]);
        assert!(!dir.path().join("a").exists(), "emptied directory stays");
        assert_eq!(read(dir.path(), "old/foreign.txt"), "x");
    }

    #[test]
    fn check_reports_stale_missing_and_obsolete_files_and_ignores_foreign_ones() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[file("a.md", "old\n"), file("gone.md", "g\n")]).unwrap();
        fs::write(dir.path().join("foreign.md"), "x").unwrap();
        let files = vec![file("a.md", "new\n"), file("b.md", "b\n")];
        let report = check(dir.path(), &files).unwrap();
        let kinds: Vec<&str> = report
            .problems
            .iter()
            .map(|p| p.split(':').next().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["stale", "missing", "stale", "obsolete"],
            "{:?}",
            report.problems
        );
        assert!(
            report.problems[0].contains("-old\n+new\n"),
            "{}",
            report.problems[0]
        );
        assert!(
            report.problems[3].contains("gone.md"),
            "{}",
            report.problems[3]
        );
        assert_eq!(read(dir.path(), "a.md"), "old\n");
    }

    #[test]
    fn a_failed_rename_part_way_restores_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let old = vec![
            file("a.md", "a1\n"),
            file("b.md", "b1\n"),
            file("gone.md", "g\n"),
        ];
        write(dir.path(), &old).unwrap();
        let before: Vec<String> = ["a.md", "b.md", "gone.md", MANIFEST]
            .iter()
            .map(|p| read(dir.path(), p))
            .collect();
        let new = vec![
            file("a.md", "a2\n"),
            file("b.md", "b2\n"),
            file("c/new.md", "n\n"),
        ];
        // Changes are a.md, b.md, c/new.md, the manifest, then removing gone.md.
        for fail_at in 0..5 {
            let error = write_inner(dir.path(), &new, Some(fail_at)).unwrap_err();
            assert!(error.to_string().contains("injected failure"), "{error}");
            let after: Vec<String> = ["a.md", "b.md", "gone.md", MANIFEST]
                .iter()
                .map(|p| read(dir.path(), p))
                .collect();
            assert_eq!(before, after, "failure at change {fail_at}");
            let mut left: Vec<String> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            left.sort();
            assert_eq!(
                left,
                [MANIFEST, "a.md", "b.md", "gone.md"],
                "failure at {fail_at}"
            );
        }
        write(dir.path(), &new).unwrap();
        assert_eq!(read(dir.path(), "a.md"), "a2\n");
        assert!(!dir.path().join("gone.md").exists());
    }

    #[test]
    fn manifest_lines_leaving_the_output_directory_are_refused() {
        for line in [
            "../codes.toml",
            "/etc/passwd",
            "a/../../x",
            "a//b",
            "./a",
            "a\\b",
        ] {
            let dir = tempfile::tempdir().unwrap();
            fs::write(dir.path().join(MANIFEST), format!("# header\n{line}\n")).unwrap();
            let error = write(dir.path(), &[file("a.md", "a\n")]).unwrap_err();
            assert!(
                matches!(&error, Error::Unsafe { reason, .. } if reason.starts_with("line 2:")),
                "{line}: {error}"
            );
            assert!(
                !dir.path().join("a.md").exists(),
                "{line}: wrote before refusing"
            );
        }
    }

    #[test]
    fn resolve_keeps_missing_components() {
        let dir = tempfile::tempdir().unwrap();
        let canonical = fs::canonicalize(dir.path()).unwrap();
        assert_eq!(
            resolve(&dir.path().join("new/deeper")).unwrap(),
            canonical.join("new/deeper")
        );
        assert_eq!(
            resolve(&dir.path().join("new/.."))
                .map_err(|e| e.kind())
                .ok(),
            None
        );
    }
}
