//! The contract every output implements, and what it renders from.

use askama::Template;

use super::naming::Oracle;
use super::view;
use crate::model::Model;
use crate::output::GeneratedFile;

/// What every backend renders from.
pub struct Catalog<'a> {
    pub model: &'a Model,
    /// The catalog's file name, named in generated headers (`codes.toml`).
    pub source: &'a str,
    /// The language-neutral view, built once for every code backend.
    pub shared: &'a view::Shared<'a>,
}

/// One output: a language binding, the docs or the data export.
pub trait Backend: Sync {
    /// A short stable name (`rust`, `markdown`); tests key their checks on it.
    fn name(&self) -> &'static str;
    /// How a code backend spells names; `None` for documents and data.
    fn oracle(&self) -> Option<&dyn Oracle>;
    /// Every file of this output, paths relative to the output directory.
    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile>;
}

/// Renders one template into a file. Templates print owned strings only, so
/// rendering cannot fail short of running out of memory.
pub(super) fn file(path: &str, template: &impl Template) -> GeneratedFile {
    GeneratedFile {
        path: path.to_string(),
        contents: template.render().expect("template renders"),
    }
}
