//! An advisory lock on the output directory, so two runs never interleave.
//!
//! The lock file `<out>/.retcode-lock` exists only while `generate` holds it:
//! the holder unlinks it before closing, and a run that was waiting checks
//! after locking that the path still names the file it locked (else it locks
//! the new one), the usual protocol for lock files that are removed.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The lock file's name inside the output directory.
pub const LOCK: &str = ".retcode-lock";

pub struct Lock {
    path: PathBuf,
    /// The exclusive holder removes the file when done; shared holders do not.
    exclusive: bool,
    // Dropped after `drop` below has run: the unlink happens while still locked.
    _file: File,
}

impl Lock {
    /// Locks `out_dir` (which must exist) for writing, waiting for a run that
    /// holds it, with a message saying so.
    pub fn exclusive(out_dir: &Path) -> Result<Lock, Error> {
        let path = out_dir.join(LOCK);
        loop {
            // With `create`, `open` gives a file or an error.
            let Some(file) = open(&path, true)? else {
                continue;
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    eprintln!(
                        "waiting for another retcode run on {} to finish ({} is locked)",
                        out_dir.display(),
                        path.display()
                    );
                    file.lock().map_err(Error::io(&path))?;
                }
                Err(TryLockError::Error(e)) => return Err(Error::io(&path)(e)),
            }
            if still_named(&file, &path)? {
                return Ok(Lock {
                    path,
                    exclusive: true,
                    _file: file,
                });
            }
        }
    }

    /// A shared lock for reading, when a lock file exists: `check` writes
    /// nothing, so it never creates one, and waits only for a run in progress.
    pub fn shared_if_present(out_dir: &Path) -> Result<Option<Lock>, Error> {
        let path = out_dir.join(LOCK);
        loop {
            let Some(file) = open(&path, false)? else {
                return Ok(None);
            };
            match file.try_lock_shared() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    eprintln!(
                        "waiting for a retcode generate on {} to finish",
                        out_dir.display()
                    );
                    file.lock_shared().map_err(Error::io(&path))?;
                }
                Err(TryLockError::Error(e)) => return Err(Error::io(&path)(e)),
            }
            if still_named(&file, &path)? {
                return Ok(Some(Lock {
                    path,
                    exclusive: false,
                    _file: file,
                }));
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if self.exclusive {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Opens the lock file without following a symlink; `None` when it does not
/// exist and `create` is false.
fn open(path: &Path, create: bool) -> Result<Option<File>, Error> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    if create {
        options.write(true).create(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .mode(0o666);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if !create && e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(refusal(path, e)),
    };
    let meta = file.metadata().map_err(Error::io(path))?;
    if !meta.is_file() {
        return Err(Error::Unsafe {
            path: path.to_path_buf(),
            reason: "is not a regular file; retcode's lock file must be one".into(),
        });
    }
    Ok(Some(file))
}

/// ELOOP from O_NOFOLLOW means a symlink sits where the lock belongs.
fn refusal(path: &Path, e: io::Error) -> Error {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return Error::Unsafe {
            path: path.to_path_buf(),
            reason: "is a symbolic link where retcode expects its lock file; it neither follows nor replaces it".into(),
        };
    }
    Error::io(path)(e)
}

/// Whether `path` still names the locked `file` (the previous holder may have
/// removed it, or another run created a new one, while this one waited).
fn still_named(file: &File, path: &Path) -> Result<bool, Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let locked = file.metadata().map_err(Error::io(path))?;
        match fs::symlink_metadata(path) {
            Ok(now) => Ok(now.dev() == locked.dev() && now.ino() == locked.ino()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(Error::io(path)(e)),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        Ok(true)
    }
}
