//! Stage 4: one backend per output language, all reading the same model.

mod bindings;
mod json;
pub mod kotlin;
mod markdown;
pub mod naming;
mod rust;
pub mod swift;
mod typescript;

use crate::model::Model;
use crate::output::GeneratedFile;

pub use json::json_schema;

/// Every output file for the model, sorted by path.
pub fn render_all(model: &Model) -> Vec<GeneratedFile> {
    let mut files = Vec::new();
    files.extend(markdown::render(model));
    files.extend(json::render(model));
    files.extend(rust::render(model));
    files.extend(typescript::render(model));
    files.extend(kotlin::render(model));
    files.extend(swift::render(model));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
