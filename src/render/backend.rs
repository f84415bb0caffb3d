//! The contract every output implements, and what it renders from.

use askama::Template;

use super::naming::{Oracle, ValueProblem};
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
    /// The folder of the output directory its files are in (`docs`, `rust`).
    fn folder(&self) -> &'static str;
    /// How a code backend spells names; `None` for documents and data.
    fn oracle(&self) -> Option<&dyn Oracle>;
    /// Every file of this output, paths relative to the output directory.
    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile>;
    /// The keys this output reads from the catalog's `[targets.<name>]` table.
    fn settings(&self) -> &'static [Setting] {
        &[]
    }
    /// Whether users match the generated enum types exhaustively, so that a new
    /// case breaks their code (`diff` names such targets).
    fn matching(&self) -> Matching {
        Matching::NotCode
    }
    /// The name a user installs or imports the output by (crate, npm package,
    /// Kotlin package, Swift module); `None` for documents and data.
    fn package(&self, _model: &Model) -> Option<String> {
        None
    }
}

/// How users of one output match its enum types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// Exhaustively, as named (`Swift \`switch\``): a new case breaks them.
    Exhaustive(&'static str),
    /// Not exhaustively, and why (`#[non_exhaustive]`): a new case is safe.
    Open(&'static str),
    /// Documents and data: no enum types.
    NotCode,
}

/// A key of a `[targets.<backend>]` table.
pub struct Setting {
    pub key: &'static str,
    /// What it sets, for hints and `retcode`'s docs.
    pub about: &'static str,
    /// What is wrong with a value, if anything: validation reports it at the
    /// value (`naming` has the common forms).
    pub check: fn(&str) -> Option<ValueProblem>,
}

/// Renders one template into a file. Templates print owned strings only, so
/// rendering cannot fail short of running out of memory.
pub(super) fn file(path: &str, template: &impl Template) -> GeneratedFile {
    GeneratedFile {
        path: path.to_string(),
        contents: template.render().expect("template renders"),
    }
}
