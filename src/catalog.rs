//! Stages 1 and 2 for one catalog: its file read safely, its text read and validated.

use std::path::Path;

use crate::diagnostic::{self, Diagnostic, Report, SourceFile};
use crate::error::Error;
use crate::model::Model;
use crate::{read, validate};

/// Reads and validates catalog text; on failure, every problem found.
/// Warnings (a deprecated spelling) leave the catalog valid and are dropped
/// here; [`load_str_with_warnings`] keeps them.
pub fn load_str(text: &str) -> Result<Model, Vec<Diagnostic>> {
    load_str_with_warnings(text).map(|(model, _)| model)
}

/// [`load_str`], and the warnings of a valid catalog.
pub fn load_str_with_warnings(text: &str) -> Result<(Model, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (raw, mut diagnostics) = read::read(text);
    let model = raw.and_then(|raw| validate::validate(&raw, &mut diagnostics));
    match model {
        Some(model) if !diagnostics.iter().any(Diagnostic::is_error) => Ok((model, diagnostics)),
        _ => Err(diagnostics),
    }
}

/// The largest catalog read, in bytes: far above any real catalog (the
/// 50,000-code synthetic one is about 11 MB), and a bound on what a FIFO, a
/// device or a mistaken path can make retcode read.
pub const MAX_CATALOG_BYTES: u64 = 64 << 20;

/// Reads and validates a catalog file; an invalid catalog becomes its diagnostics.
pub fn load(path: &Path) -> Result<Model, Error> {
    load_with_warnings(path).map(|(model, _)| model)
}

/// [`load`], and the warnings of a valid catalog as a report to print, if any.
pub fn load_with_warnings(path: &Path) -> Result<(Model, Option<Report>), Error> {
    let text = read_catalog(path)?;
    // The name is printed in every diagnostic: no control byte reaches the terminal.
    let file = |text| SourceFile::new(diagnostic::printable(&path.display().to_string()), text);
    match load_str_with_warnings(&text) {
        Ok((model, warnings)) if warnings.is_empty() => Ok((model, None)),
        Ok((model, diagnostics)) => Ok((
            model,
            Some(Report {
                file: file(text),
                diagnostics,
            }),
        )),
        Err(diagnostics) => Err(Error::InvalidCatalog(Report {
            file: file(text),
            diagnostics,
        })),
    }
}

/// The text of the catalog file at `path`: a regular file (a symlink to one is
/// followed) of at most [`MAX_CATALOG_BYTES`], opened without blocking so a
/// FIFO is refused instead of waited on.
fn read_catalog(path: &Path) -> Result<String, Error> {
    use std::io::Read as _;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(Error::io(path))?;
    let meta = file.metadata().map_err(Error::io(path))?;
    if !meta.is_file() {
        return Err(Error::Unsafe {
            path: path.to_path_buf(),
            reason: "is not a regular file; a catalog must be one".into(),
        });
    }
    let too_large = || Error::Unsafe {
        path: path.to_path_buf(),
        reason: format!("is larger than {MAX_CATALOG_BYTES} bytes, the most a catalog may hold"),
    };
    if meta.len() > MAX_CATALOG_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(MAX_CATALOG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Error::io(path))?;
    if bytes.len() as u64 > MAX_CATALOG_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes)
        .map_err(|e| Error::io(path)(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}
