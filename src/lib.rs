//! retcode: one error-code catalog (`codes.toml`) rendered into code and docs.
//!
//! Pipeline: read → validate ([`catalog`]: [`load`], [`load_str`]) → [`model`] → [`render`]
//! ([`render_all`], one [`Backend`] per output) → [`output`] ([`write`], [`check`]).
//! Problems in a catalog are [`Diagnostic`]s, shown by [`SourceFile`].

pub mod catalog;
pub mod cli;
pub mod diagnostic;
pub mod diff;
mod docs;
pub mod error;
pub mod explain;
mod export;
pub mod locale;
pub mod model;
pub mod output;
mod read;
pub mod render;
mod validate;

pub use catalog::{MAX_CATALOG_BYTES, load, load_str, load_str_with_warnings, load_with_warnings};
pub use diagnostic::{Diagnostic, DiagnosticKind, SourceFile};
pub use error::Error;
pub use model::Model;
pub use output::{Checker, GeneratedFile, Writer, check, write};
pub use render::{BACKENDS, Backend, catalog_hash, render_all, render_each};
