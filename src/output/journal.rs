//! The write journal: `generate` records every filesystem change before making
//! it, so a run killed at any point leaves a state the next run settles.
//!
//! Staging appends `dir D` before creating directory `D`, `new P` before
//! writing P's new bytes to `.retcode-new.<name>` beside it, and `old P` before
//! hard-linking the file P it replaces or removes to `.retcode-old.<name>`.
//! Then `commit`, the renames and removals, `done`, the backups' removal, and
//! the journal's. Settling an interrupted run:
//! - before `commit`: nothing visible changed; staged files and new (empty)
//!   directories are removed;
//! - after `commit`, before `done`: the renames are undone from the backups;
//! - after `done`: the new tree is complete; the backups are removed.

use std::collections::{BTreeSet, HashSet};
use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::fault;
use super::paths::{self, is_owned_path};
use crate::error::Error;

/// The journal's name inside the output directory.
pub const JOURNAL: &str = ".retcode-journal";
/// Names of staged new files and of backups: `<prefix>.<file name>` beside the
/// file. Older retcode versions used `<prefix>-<random>`; both are swept.
pub const NEW_PREFIX: &str = ".retcode-new";
pub const OLD_PREFIX: &str = ".retcode-old";

const HEADER: &str =
    "# retcode journal of an unfinished `retcode generate`; the next generate settles it\n";
/// A journal lists a few lines per output file; anything far larger is not ours.
const JOURNAL_LIMIT: u64 = 64 << 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Dir(String),
    New(String),
    Old(String),
    Commit,
    Done,
}

impl Record {
    fn line(&self) -> String {
        match self {
            Record::Dir(p) => format!("dir {p}\n"),
            Record::New(p) => format!("new {p}\n"),
            Record::Old(p) => format!("old {p}\n"),
            Record::Commit => "commit\n".into(),
            Record::Done => "done\n".into(),
        }
    }

    fn parse(line: &str) -> Option<Record> {
        let record = match line.split_once(' ') {
            None if line == "commit" => Record::Commit,
            None if line == "done" => Record::Done,
            Some(("dir", p)) => Record::Dir(p.into()),
            Some(("new", p)) => Record::New(p.into()),
            Some(("old", p)) => Record::Old(p.into()),
            _ => return None,
        };
        match &record {
            Record::New(p) | Record::Old(p) if p == paths::MANIFEST => Some(record),
            Record::Dir(p) | Record::New(p) | Record::Old(p) if !is_owned_path(p) => None,
            _ => Some(record),
        }
    }
}

/// The open journal of the run in progress, and what it holds so far.
pub struct Journal {
    file: File,
    path: PathBuf,
    pub records: Vec<Record>,
}

impl Journal {
    /// Starts a journal; the caller settled any earlier one first.
    pub fn create(out_dir: &Path) -> Result<Journal, Error> {
        let path = out_dir.join(JOURNAL);
        let mut file = paths::create_new(&path)?;
        file.write_all(HEADER.as_bytes())
            .map_err(Error::io(&path))?;
        fault::step("journal created");
        Ok(Journal {
            file,
            path,
            records: Vec::new(),
        })
    }

    /// Records a change before it is made. One `write` per line: a killed
    /// process loses nothing it wrote (the page cache keeps it).
    pub fn append(&mut self, record: Record) -> Result<(), Error> {
        self.file
            .write_all(record.line().as_bytes())
            .map_err(Error::io(&self.path))?;
        if matches!(record, Record::Commit | Record::Done) {
            // The two points that decide between undoing and completing.
            self.file.sync_data().map_err(Error::io(&self.path))?;
        }
        self.records.push(record);
        fault::step("journal line");
        Ok(())
    }
}

/// The records of an earlier run's journal, or `None` when there is none.
pub fn read(out_dir: &Path) -> Result<Option<Vec<Record>>, Error> {
    let path = out_dir.join(JOURNAL);
    let Some(len) = paths::inspect(out_dir, JOURNAL)? else {
        return Ok(None);
    };
    let not_ours = |reason: String| Error::Unsafe {
        path: path.clone(),
        reason: format!("{reason}; not a retcode journal (inspect it, then delete it)"),
    };
    if len > JOURNAL_LIMIT {
        return Err(not_ours(format!("larger than {JOURNAL_LIMIT} bytes")));
    }
    let bytes = paths::read_at_most(&path, JOURNAL_LIMIT)?;
    let text = String::from_utf8(bytes).map_err(|_| not_ours("not UTF-8".into()))?;
    let mut records = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        records.push(
            Record::parse(line).ok_or_else(|| {
                not_ours(format!("line {}: `{}`", index + 1, line.escape_debug()))
            })?,
        );
    }
    Ok(Some(records))
}

/// `dir/.retcode-new.<name>` or `dir/.retcode-old.<name>` for `out_dir/relative`.
pub fn beside(out_dir: &Path, relative: &str, prefix: &str) -> PathBuf {
    let (dir, name) = relative.rsplit_once('/').unwrap_or(("", relative));
    let mut path = out_dir.join(dir);
    path.push(format!("{prefix}.{name}"));
    path
}

/// How an interrupted (or failed) run was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Nothing had become visible, or the renames were undone: the old tree.
    Undone,
    /// Every rename had happened: the new tree, its backups now removed.
    Completed,
}

/// Settles a journal's records (see the module docs); the journal file itself
/// is removed only when every step succeeded, so a failure is retried by the
/// next run. Returns the paths it could not settle as the error's list.
pub fn settle(out_dir: &Path, records: &[Record]) -> Result<Settled, Vec<PathBuf>> {
    let committed = records.contains(&Record::Commit);
    let done = records.contains(&Record::Done);
    // Looked up per record: sets keep a long (or tampered) journal linear.
    let staged_new: HashSet<&str> = records
        .iter()
        .filter_map(|r| match r {
            Record::New(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    let backed_up: HashSet<&str> = records
        .iter()
        .filter_map(|r| match r {
            Record::Old(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    let mut failed = Vec::new();
    let mut note = |result: io::Result<()>, path: PathBuf| {
        if let Err(e) = result
            && e.kind() != io::ErrorKind::NotFound
        {
            failed.push(path);
        }
    };
    for record in records.iter().rev() {
        match record {
            Record::Old(relative) if committed && !done => {
                // Put the old file back, whether the new one replaced it or it was removed.
                let backup = beside(out_dir, relative, OLD_PREFIX);
                if is_regular(&backup) && paths::parents_are_real(out_dir, relative) {
                    note(
                        fs::rename(&backup, out_dir.join(relative)),
                        out_dir.join(relative),
                    );
                    // rename(2) does nothing when both names are links to one
                    // file (the target was never replaced): drop the backup name.
                    if is_regular(&backup) {
                        note(fs::remove_file(&backup), backup);
                    }
                    fault::step("restored");
                }
            }
            Record::Old(relative) => {
                let backup = beside(out_dir, relative, OLD_PREFIX);
                note(remove_regular(out_dir, relative, &backup), backup);
            }
            Record::New(relative) => {
                let staged = beside(out_dir, relative, NEW_PREFIX);
                if is_regular(&staged) || !committed {
                    note(remove_regular(out_dir, relative, &staged), staged);
                } else if !done && !backed_up.contains(relative.as_str()) {
                    // Renamed into place where no file was: the new file goes.
                    let target = out_dir.join(relative);
                    note(remove_regular(out_dir, relative, &target), target);
                }
            }
            // Only if empty: a directory the run created and filled stays once
            // the run is done.
            Record::Dir(relative) if !done && paths::parents_are_real(out_dir, relative) => {
                let _ = fs::remove_dir(out_dir.join(relative));
                fault::step("directory removed");
            }
            _ => {}
        }
    }
    if done {
        // Directories that removals left empty.
        for record in records {
            if let Record::Old(relative) = record
                && !staged_new.contains(relative.as_str())
            {
                remove_empty_parents(out_dir, relative);
            }
        }
    }
    if !failed.is_empty() {
        return Err(failed);
    }
    let journal = out_dir.join(JOURNAL);
    if let Err(e) = fs::remove_file(&journal)
        && e.kind() != io::ErrorKind::NotFound
    {
        return Err(vec![journal]);
    }
    fault::step("journal removed");
    Ok(if done {
        Settled::Completed
    } else {
        Settled::Undone
    })
}

fn is_regular(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}

/// Removes `path` (a staged file, a backup, or a target beside them) if it is
/// a regular file under real directories; anything else is left and reported.
fn remove_regular(out_dir: &Path, relative: &str, path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) => Err(e),
        Ok(meta) if meta.file_type().is_file() && paths::parents_are_real(out_dir, relative) => {
            fs::remove_file(path)?;
            fault::step("removed");
            Ok(())
        }
        Ok(_) => Err(io::Error::other("not a regular file")),
    }
}

/// Removes the directories above `out_dir/relative` that are empty, up to `out_dir`.
pub fn remove_empty_parents(out_dir: &Path, relative: &str) {
    let mut parts: Vec<&str> = relative.split('/').collect();
    parts.pop();
    while !parts.is_empty() {
        let dir = parts.join("/");
        if !paths::parents_are_real(out_dir, &dir) || fs::remove_dir(out_dir.join(&dir)).is_err() {
            break;
        }
        parts.pop();
    }
}

/// Staged files and backups that no journal lists (left by a run of an older
/// version, which named them `<prefix>-<random>`, or a crash in one), in the
/// given directories (relative to `out_dir`, `""` for itself), as relative paths.
pub fn leftovers(out_dir: &Path, dirs: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for dir in dirs {
        if !dir.is_empty() && !paths::parents_are_real(out_dir, &format!("{dir}/x")) {
            continue;
        }
        let Ok(entries) = fs::read_dir(out_dir.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let ours = [NEW_PREFIX, OLD_PREFIX].iter().any(|prefix| {
                name.strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with(['.', '-']))
            });
            if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
                found.push(if dir.is_empty() {
                    name.to_string()
                } else {
                    format!("{dir}/{name}")
                });
            }
        }
    }
    found.sort();
    found
}

/// Removes the [`leftovers`]; returns what it removed.
pub fn sweep(out_dir: &Path, dirs: &BTreeSet<String>) -> Vec<String> {
    let mut swept = leftovers(out_dir, dirs);
    swept.retain(|relative| {
        let removed = fs::remove_file(out_dir.join(relative)).is_ok();
        fault::step("swept");
        removed
    });
    swept
}
