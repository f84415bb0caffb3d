//! Looking at and opening paths inside the output directory without following
//! symlinks or opening special files.

use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::{Component, Path};

use crate::error::Error;

/// The file, in the output directory, listing every file `generate` wrote there.
pub const MANIFEST: &str = ".retcode-manifest";

/// `a/b/c`: `/`-separated, no empty, `.` or `..` part, not absolute, no
/// backslash and no control character (a line of the manifest or journal).
pub fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(|c: char| c == '\\' || c.is_control())
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// A path retcode may own: plain, outside any `.git` directory (compared
/// ignoring case, as case-insensitive filesystems do), and not one of
/// retcode's own bookkeeping names (`.retcode-*`).
pub fn is_owned_path(path: &str) -> bool {
    is_plain_relative(path)
        && path
            .split('/')
            .all(|part| !part.eq_ignore_ascii_case(".git") && !part.starts_with(".retcode-"))
}

/// Whether every directory above `out_dir/relative` that exists is a real
/// directory (no symlink), and they all exist.
pub fn parents_are_real(out_dir: &Path, relative: &str) -> bool {
    let mut path = out_dir.to_path_buf();
    let mut parts: Vec<&str> = relative.split('/').collect();
    parts.pop();
    parts.into_iter().all(|part| {
        path.push(part);
        fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_dir())
    })
}

/// The size of the regular file at `out_dir/relative`, or `None` when it (or a
/// directory above it) does not exist. Every existing part below `out_dir`
/// must be a real directory and the file a regular file: symlinks and special
/// files are refused, never followed or opened.
pub fn inspect(out_dir: &Path, relative: &str) -> Result<Option<u64>, Error> {
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

pub fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir())
}

pub fn kind(file_type: &fs::FileType) -> &'static str {
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
pub fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    open_regular(path)?
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(Error::io(path))?;
    Ok(bytes)
}

/// Whether the regular file at `path` holds exactly `expected`, read in blocks
/// so comparing a large output costs no second copy of it in memory.
pub fn holds_exactly(path: &Path, expected: &[u8]) -> Result<bool, Error> {
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
pub fn open_regular(path: &Path) -> Result<File, Error> {
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

/// Creates a new regular file for writing, failing if anything exists at
/// `path` (a symlink included): mode 0o666 minus the umask, as `fs::write`
/// gives a new file.
pub fn create_new(path: &Path) -> Result<File, Error> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW).mode(0o666);
    }
    options.open(path).map_err(Error::io(path))
}
