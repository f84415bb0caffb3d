//! retcode: one error-code catalog (`codes.toml`) rendered into code and docs.
//!
//! Pipeline: read → validate ([`load`], [`load_str`]) → [`model`] → [`render`]
//! ([`render_all`], one [`Backend`] per output) → [`output`] ([`write`], [`check`]).
//! Problems in a catalog are [`Diagnostic`]s, shown by [`SourceFile`].

pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod explain;
pub mod locale;
pub mod model;
pub mod output;
mod read;
pub mod render;
mod validate;

pub use diagnostic::{Diagnostic, DiagnosticKind, SourceFile};
pub use error::Error;
pub use model::Model;
pub use output::{Checker, GeneratedFile, Writer, check, write};
pub use render::{BACKENDS, Backend, catalog_hash, render_all, render_each};

use std::path::Path;

use diagnostic::Report;

/// Reads and validates catalog text; on failure, every problem found.
pub fn load_str(text: &str) -> Result<Model, Vec<Diagnostic>> {
    let (raw, mut diagnostics) = read::read(text);
    let model = raw.and_then(|raw| validate::validate(&raw, &mut diagnostics));
    match model {
        Some(model) if diagnostics.is_empty() => Ok(model),
        _ => Err(diagnostics),
    }
}

/// Reads and validates a catalog file; an invalid catalog becomes its diagnostics.
pub fn load(path: &Path) -> Result<Model, Error> {
    let text = std::fs::read_to_string(path).map_err(Error::io(path))?;
    load_str(&text).map_err(|diagnostics| {
        let file = SourceFile::new(path.display().to_string(), text);
        Error::InvalidCatalog(Report { file, diagnostics })
    })
}
