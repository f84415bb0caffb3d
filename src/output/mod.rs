//! Stage 5: write generated files all or nothing, or check them without writing.
//!
//! retcode owns only the files its manifest (`<out>/.retcode-manifest`) lists:
//! it removes a file only when the previous manifest lists it, overwrites no
//! file the manifest does not list (unless told to adopt it), never follows a
//! symbolic link inside the output directory and never opens anything but
//! regular files, so a FIFO or device cannot hang or flood it. One run at a
//! time holds the directory's lock, and every change is journaled first.

mod fault;
mod journal;
mod lock;
mod paths;

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::diagnostic::printable;
use crate::error::Error;
pub use journal::Settled;
use journal::{JOURNAL, Journal, NEW_PREFIX, OLD_PREFIX, Record};
use lock::Lock;
use paths::{holds_exactly, inspect, is_owned_path, is_real_dir, read_at_most};

pub use paths::MANIFEST;

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
    /// How an interrupted earlier run found in the journal was settled.
    pub settled: Option<Settled>,
    /// Staged files of interrupted runs that no journal listed, removed.
    pub swept: Vec<String>,
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

/// How `generate` treats existing files at the paths it produces.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Take over files the manifest does not list instead of refusing.
    pub adopt: bool,
}

/// One change staged before committing any: the new bytes beside the target
/// (`writes`) or a removal, with a backup when the target exists.
struct Staged {
    relative: String,
    writes: bool,
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
///
/// While it lives, the writer holds the output directory's lock; every change
/// is recorded in the journal before it is made (see `journal.rs`), so a run
/// killed at any point is settled by the next one.
pub struct Writer<'o> {
    out_dir: &'o Path,
    options: WriteOptions,
    previous: BTreeSet<String>,
    produced: BTreeSet<String>,
    staged: Vec<Staged>,
    /// Present from the first staged change until the run is settled.
    journal: Option<Journal>,
    /// Produced paths where a file the manifest does not list exists.
    unowned: Vec<String>,
    unchanged: usize,
    settled: Option<Settled>,
    swept: Vec<String>,
    /// The output directory and parents this run created (before it could
    /// journal anything), removed again if the run fails.
    created_out: Vec<PathBuf>,
    lock: Option<Lock>,
}

impl<'o> Writer<'o> {
    pub fn new(out_dir: &'o Path) -> Result<Self, Error> {
        Self::with_options(out_dir, WriteOptions::default())
    }

    /// Creates `out_dir` if needed, locks it, settles an interrupted earlier
    /// run, sweeps stray staged files and reads the manifest.
    pub fn with_options(out_dir: &'o Path, options: WriteOptions) -> Result<Self, Error> {
        require_dir_or_missing(out_dir)?;
        let mut writer = Writer {
            out_dir,
            options,
            previous: BTreeSet::new(),
            produced: BTreeSet::new(),
            staged: Vec::new(),
            journal: None,
            unowned: Vec::new(),
            unchanged: 0,
            settled: None,
            swept: Vec::new(),
            created_out: Vec::new(),
            lock: None,
        };
        create_dirs(out_dir, &mut writer.created_out)?;
        writer.lock = Some(Lock::exclusive(out_dir)?);
        if let Some(records) = journal::read(out_dir)? {
            writer.settled =
                Some(
                    journal::settle(out_dir, &records).map_err(|paths| Error::Unsettled {
                        journal: out_dir.join(JOURNAL),
                        paths,
                    })?,
                );
        }
        writer.previous = read_manifest(out_dir)?.unwrap_or_default();
        writer.swept = journal::sweep(out_dir, &owned_dirs(&writer.previous));
        Ok(writer)
    }

    /// Stages `file` unless the output directory already holds exactly it.
    pub fn add(&mut self, file: &GeneratedFile) -> Result<(), Error> {
        claim(self.out_dir, &mut self.produced, &file.path)?;
        self.add_unclaimed(file)
    }

    fn add_unclaimed(&mut self, file: &GeneratedFile) -> Result<(), Error> {
        let bytes = file.contents.as_bytes();
        let existing = inspect(self.out_dir, &file.path)?;
        if let Some(len) = existing {
            if file.path != MANIFEST && !self.previous.contains(&file.path) && !self.options.adopt {
                self.unowned.push(file.path.clone());
                return Ok(());
            }
            if len == bytes.len() as u64 && holds_exactly(&self.out_dir.join(&file.path), bytes)? {
                self.unchanged += 1;
                return Ok(());
            }
        }
        if !self.unowned.is_empty() {
            // The run will be refused: staging more would only cost time.
            return Ok(());
        }
        self.stage(&file.path, Some(bytes), existing.is_some())
    }

    fn journal(&mut self) -> Result<&mut Journal, Error> {
        if self.journal.is_none() {
            self.journal = Some(Journal::create(self.out_dir)?);
        }
        Ok(self.journal.as_mut().expect("just created"))
    }

    /// Writes the new bytes beside `relative` (creating its directories) and
    /// backs up the file there; every step journaled first, nothing visible.
    fn stage(&mut self, relative: &str, bytes: Option<&[u8]>, exists: bool) -> Result<(), Error> {
        let out_dir = self.out_dir;
        if let Some(bytes) = bytes {
            let mut prefix = String::new();
            for part in relative
                .split('/')
                .rev()
                .skip(1)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
            {
                if !prefix.is_empty() {
                    prefix.push('/');
                }
                prefix.push_str(part);
                let dir = out_dir.join(&prefix);
                match fs::symlink_metadata(&dir) {
                    Ok(meta) if meta.file_type().is_dir() => continue,
                    Ok(meta) => {
                        return Err(Error::Unsafe {
                            reason: format!(
                                "is a {} where retcode expects a directory; it neither follows nor replaces it",
                                paths::kind(&meta.file_type())
                            ),
                            path: dir,
                        });
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io(dir)(e)),
                }
                self.journal()?.append(Record::Dir(prefix.clone()))?;
                fs::create_dir(&dir).map_err(Error::io(&dir))?;
                fault::step("directory created");
            }
            self.journal()?.append(Record::New(relative.into()))?;
            let staged = journal::beside(out_dir, relative, NEW_PREFIX);
            if fs::symlink_metadata(&staged).is_ok_and(|m| m.file_type().is_file()) {
                fs::remove_file(&staged).map_err(Error::io(&staged))?;
            }
            let target = out_dir.join(relative);
            let mut file = paths::create_new(&staged)?;
            file.write_all(bytes).map_err(Error::io(&target))?;
            drop(file);
            fault::step("file staged");
        }
        if exists {
            self.journal()?.append(Record::Old(relative.into()))?;
            let target = out_dir.join(relative);
            let backup = journal::beside(out_dir, relative, OLD_PREFIX);
            if fs::symlink_metadata(&backup).is_ok_and(|m| m.file_type().is_file()) {
                fs::remove_file(&backup).map_err(Error::io(&backup))?;
            }
            match fs::hard_link(&target, &backup) {
                Ok(()) => {}
                // A filesystem without hard links gets a copy.
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                    copy_regular(&target, &backup)?;
                }
                Err(e) => return Err(Error::io(&backup)(e)),
            }
            fault::step("backup linked");
        }
        self.staged.push(Staged {
            relative: relative.into(),
            writes: bytes.is_some(),
        });
        Ok(())
    }

    /// Stages the manifest and the removals, then renames everything into place.
    pub fn finish(self) -> Result<WriteReport, Error> {
        self.finish_inner(None)
    }

    fn finish_inner(mut self, fail_at: Option<usize>) -> Result<WriteReport, Error> {
        if !self.unowned.is_empty() {
            // Dropping `self` removes what was staged.
            return Err(Error::Unowned {
                out_dir: self.out_dir.to_path_buf(),
                paths: std::mem::take(&mut self.unowned),
            });
        }
        let manifest = manifest(&self.produced);
        self.add_unclaimed(&manifest)?;
        let obsolete: Vec<String> = self.previous.difference(&self.produced).cloned().collect();
        for relative in obsolete {
            if inspect(self.out_dir, &relative)?.is_some() {
                self.stage(&relative, None, true)?;
            }
        }
        // Files arrive in rendering order; commit (and report) in path order, the
        // manifest after the files it lists, removals last.
        self.staged.sort_by(|a, b| {
            let rank = |s: &Staged| (!s.writes, s.relative == MANIFEST);
            rank(a)
                .cmp(&rank(b))
                .then_with(|| a.relative.cmp(&b.relative))
        });
        let mut report = WriteReport {
            unchanged: self.unchanged,
            settled: self.settled.take(),
            swept: std::mem::take(&mut self.swept),
            ..WriteReport::default()
        };
        if let Some(mut journal) = self.journal.take() {
            let committed = journal
                .append(Record::Commit)
                .and_then(|()| commit(self.out_dir, &self.staged, fail_at))
                .and_then(|()| journal.append(Record::Done));
            let settled = journal::settle(self.out_dir, &journal.records);
            match (committed, settled) {
                (Ok(()), Ok(_)) => {}
                (Ok(()), Err(paths)) => {
                    return Err(Error::Unsettled {
                        journal: self.out_dir.join(JOURNAL),
                        paths,
                    });
                }
                (Err(error), Ok(_)) => return Err(error),
                (Err(error), Err(paths)) => {
                    return Err(Error::RollbackFailed {
                        source: Box::new(error),
                        paths,
                    });
                }
            }
        }
        self.created_out.clear();
        for item in std::mem::take(&mut self.staged) {
            if item.writes {
                report.written.push(item.relative);
            } else {
                report.removed.push(item.relative);
            }
        }
        Ok(report)
    }
}

impl Drop for Writer<'_> {
    /// An unfinished or failed write leaves no trace: what it staged is
    /// removed through its journal (kept, for the next run, if that fails),
    /// then the lock, then the output directory if this run created it.
    fn drop(&mut self) {
        if let Some(journal) = self.journal.take() {
            let _ = journal::settle(self.out_dir, &journal.records);
        }
        self.lock = None;
        for dir in self.created_out.iter().rev() {
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

/// Records `relative` as produced: a unique path retcode may own.
fn claim(out_dir: &Path, produced: &mut BTreeSet<String>, relative: &str) -> Result<(), Error> {
    if !is_owned_path(relative) || !produced.insert(relative.to_string()) {
        return Err(Error::Unsafe {
            path: out_dir.join(relative),
            reason: "a rendered path that is not a unique plain path inside the output directory (outside .git, not .retcode-*)"
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

/// The directories holding owned files (relative, `""` for the output
/// directory itself): where stray staged files are looked for.
fn owned_dirs(owned: &BTreeSet<String>) -> BTreeSet<String> {
    let mut dirs = BTreeSet::from([String::new()]);
    for path in owned {
        if let Some((dir, _)) = path.rsplit_once('/') {
            dirs.insert(dir.to_string());
        }
    }
    dirs
}

/// Copies a regular file without following a symlink at `from`.
fn copy_regular(from: &Path, to: &Path) -> Result<(), Error> {
    let mut source = paths::open_regular(from)?;
    let mut copy = paths::create_new(to)?;
    io::copy(&mut source, &mut copy).map_err(Error::io(to))?;
    Ok(())
}

/// Renames every staged file into place, or removes the file; stops at the
/// first failure (the caller undoes through the journal).
fn commit(out_dir: &Path, staged: &[Staged], fail_at: Option<usize>) -> Result<(), Error> {
    for (index, item) in staged.iter().enumerate() {
        let target = out_dir.join(&item.relative);
        let result = if fail_at == Some(index) {
            Err(io::Error::other("injected failure"))
        } else if item.writes {
            fs::rename(
                journal::beside(out_dir, &item.relative, NEW_PREFIX),
                &target,
            )
        } else {
            fs::remove_file(&target)
        };
        result.map_err(Error::io(&target))?;
        fault::step(if item.writes { "renamed" } else { "removed" });
    }
    Ok(())
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
/// Holds a shared lock on the output directory while a lock file exists, so
/// it never reads a tree a `generate` is changing.
pub struct Checker<'o> {
    out_dir: &'o Path,
    previous: BTreeSet<String>,
    produced: BTreeSet<String>,
    /// Problems by path, reported in path order whatever order files arrive in.
    problems: Vec<(String, String)>,
    /// Problems with the directory as a whole, reported first.
    interrupted: Vec<String>,
    _lock: Option<Lock>,
}

impl<'o> Checker<'o> {
    pub fn new(out_dir: &'o Path) -> Result<Self, Error> {
        require_dir_or_missing(out_dir)?;
        let lock = if fs::metadata(out_dir).is_ok_and(|m| m.is_dir()) {
            Lock::shared_if_present(out_dir)?
        } else {
            None
        };
        let mut interrupted = Vec::new();
        if journal::read(out_dir)?.is_some() {
            interrupted.push(format!(
                "interrupted: {} (a `retcode generate` stopped part-way; the next `retcode generate` completes or undoes it)",
                display(out_dir, JOURNAL)
            ));
        }
        let previous = read_manifest(out_dir)?.unwrap_or_default();
        for leftover in journal::leftovers(out_dir, &owned_dirs(&previous)) {
            interrupted.push(format!(
                "leftover: {} (a staged file of an interrupted run; `retcode generate` removes it)",
                display(out_dir, &leftover)
            ));
        }
        Ok(Checker {
            out_dir,
            previous,
            produced: BTreeSet::new(),
            problems: Vec::new(),
            interrupted,
            _lock: lock,
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
        if file.path != MANIFEST && !self.previous.contains(&file.path) {
            self.problems.push((
                file.path.clone(),
                format!(
                    "unowned: {shown} (exists but the manifest does not list it; `retcode generate` will not overwrite it, `retcode generate --adopt` takes it over)"
                ),
            ));
            return Ok(());
        }
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
            // A tampered file may hold ESC or CR: none reaches the terminal raw.
            self.problems.push((
                file.path.clone(),
                printable(&format!("stale: {shown}\n{diff}")),
            ));
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<CheckReport, Error> {
        self.problems.sort_by(|a, b| a.0.cmp(&b.0));
        self.compare(&manifest(&self.produced))?;
        let mut problems = std::mem::take(&mut self.interrupted);
        problems.extend(self.problems.drain(..).map(|(_, p)| p));
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
    printable(&format!("{}/{relative}", out_dir.display()).replace('\\', "/"))
}

/// The paths the manifest in `out_dir` lists, or `None` when there is none yet
/// (a first run into an existing directory then removes nothing). A line is
/// honoured only for a plain path inside the output directory, outside any
/// `.git` and not one of retcode's own files; any other line refuses the run.
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
        if !is_owned_path(line) {
            return Err(unsafe_manifest(format!(
                "line {}: `{}` is not a path retcode may own (inside the output directory, outside any .git, not .retcode-*)",
                index + 1,
                line.escape_debug()
            )));
        }
        paths.insert(line.to_string());
    }
    Ok(Some(paths))
}

/// The output directory itself may be a symlink (the user named it), but it
/// must be a directory if it exists.
fn require_dir_or_missing(out_dir: &Path) -> Result<(), Error> {
    match fs::metadata(out_dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(meta) => Err(Error::Unsafe {
            path: out_dir.to_path_buf(),
            reason: format!("is a {}, not a directory", paths::kind(&meta.file_type())),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(out_dir)(e)),
    }
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
