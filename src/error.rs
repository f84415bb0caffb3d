//! The one error type of the tool, and the exit status each kind maps to.

use std::path::PathBuf;

use crate::diagnostic::Report;

/// Exit status when generated output is stale (`check`), when the version bump is
/// smaller than the catalog changes require (`diff --gate`, `check --against`), or
/// when `explain` finds no such code.
pub const EXIT_STALE: i32 = 1;
/// Exit status for command-line usage errors: bad arguments (reported by clap) or
/// an output directory refused before anything is written.
pub const EXIT_USAGE: i32 = 2;
/// Exit status when the catalog is invalid.
pub const EXIT_INVALID: i32 = 3;
/// Exit status when reading or writing files fails.
pub const EXIT_IO: i32 = 4;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Every problem found; rendered at print time, when colour is known.
    #[error("{0}")]
    InvalidCatalog(Report),
    #[error("{count} generated file(s) are stale; run `retcode generate`")]
    Stale { count: usize },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `--out` names a directory where writing could destroy what retcode does not own.
    #[error("refusing to use {} as the output directory: {reason}", path.display())]
    RefusedOut { path: PathBuf, reason: String },
    /// A path retcode will not read, write or remove (a symlink, FIFO, device, a
    /// directory where a file belongs, a manifest line leaving the output directory).
    #[error("{}: {reason}", path.display())]
    Unsafe { path: PathBuf, reason: String },
    /// `explain`: the code is in no set searched.
    #[error("{message}")]
    CodeNotFound { message: String },
    /// `explain --set` names no set of the catalog.
    #[error(
        "no set named `{name}` in the catalog{}; sets: {}",
        nearest.as_ref().map(|n| format!(" (did you mean `{n}`?)")).unwrap_or_default(),
        known.join(", ")
    )]
    UnknownSet {
        name: String,
        nearest: Option<String>,
        known: Vec<String>,
    },
    /// `diff --gate`, `check --against`: the version bump is smaller than the changes require.
    #[error(
        "version {old} → {new} is a {actual} bump, but the changes require a {required} bump:\n{because}"
    )]
    Gate {
        old: String,
        new: String,
        required: &'static str,
        actual: &'static str,
        because: String,
    },
    /// A `git:REV` catalog could not be read: git missing, unknown revision or path.
    #[error("{reason}")]
    Git { reason: String },
    /// `generate` would overwrite files the manifest does not list.
    #[error(
        "{}: {} file(s) that retcode did not write are where it would write its own; it refuses to overwrite them:\n{}\nmove them away, or run `retcode generate --adopt` to take them over (later runs may then replace or remove them)",
        out_dir.display(),
        paths.len(),
        paths.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
    )]
    Unowned {
        out_dir: PathBuf,
        paths: Vec<String>,
    },
    /// An interrupted run's journal could not be settled (completed or undone).
    #[error(
        "{}: an interrupted `retcode generate` could not be settled; these paths are in the way or could not be restored:\n{}",
        journal.display(),
        paths.iter().map(|p| format!("  {}", p.display())).collect::<Vec<_>>().join("\n")
    )]
    Unsettled {
        journal: PathBuf,
        paths: Vec<PathBuf>,
    },
    /// A write failed after some files were renamed into place, and undoing them failed too.
    #[error(
        "{source}\nrolling back failed as well; these paths may hold new output or be missing:\n{}",
        paths.iter().map(|p| format!("  {}", p.display())).collect::<Vec<_>>().join("\n")
    )]
    RollbackFailed {
        source: Box<Error>,
        paths: Vec<PathBuf>,
    },
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Stale { .. } | Error::CodeNotFound { .. } | Error::Gate { .. } => EXIT_STALE,
            Error::InvalidCatalog(_) => EXIT_INVALID,
            Error::RefusedOut { .. } | Error::UnknownSet { .. } => EXIT_USAGE,
            Error::Io { .. }
            | Error::Git { .. }
            | Error::Unsafe { .. }
            | Error::RollbackFailed { .. }
            | Error::Unowned { .. }
            | Error::Unsettled { .. } => EXIT_IO,
        }
    }

    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}
