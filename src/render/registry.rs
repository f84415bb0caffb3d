//! The one list of outputs.

use super::backend::Backend;
use super::naming::Oracle;
use super::{html, json, kotlin, markdown, rust, swift, typescript};

/// Every output retcode produces, in any order: the scheduler orders them by
/// their output folders.
pub static BACKENDS: &[&dyn Backend] = &[
    &markdown::Markdown,
    &html::Html,
    &json::Json,
    &kotlin::Kotlin,
    &rust::Rust,
    &swift::Swift,
    &typescript::TypeScript,
];

/// The naming oracles of every code backend.
pub fn oracles() -> impl Iterator<Item = &'static dyn Oracle> {
    BACKENDS.iter().filter_map(|backend| backend.oracle())
}
