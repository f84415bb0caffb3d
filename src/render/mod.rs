//! Stage 4: one backend per output, all reading the same model.
//!
//! [`BACKENDS`] is the one list of outputs: rendering, validation of names and
//! the test suite iterate it. A language is one module implementing [`Backend`]
//! (and [`naming::Oracle`], how it spells names), plus its template folder.

mod json;
pub mod kotlin;
mod markdown;
pub mod naming;
pub mod rust;
pub mod swift;
pub mod typescript;
mod view;

use askama::Template;

use crate::model::Model;
use crate::output::GeneratedFile;

pub use json::json_schema;

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

use naming::Oracle;

/// Every output retcode produces, in no particular order.
pub static BACKENDS: &[&dyn Backend] = &[
    &markdown::Markdown,
    &json::Json,
    &rust::Rust,
    &typescript::TypeScript,
    &kotlin::Kotlin,
    &swift::Swift,
];

/// The naming oracles of every code backend.
pub fn oracles() -> impl Iterator<Item = &'static dyn Oracle> {
    BACKENDS.iter().filter_map(|backend| backend.oracle())
}

/// Every output file for the model, sorted by path. `source` is the catalog's
/// file path; only its file name reaches the output.
pub fn render_all(model: &Model, source: &str) -> Vec<GeneratedFile> {
    let name = std::path::Path::new(source)
        .file_name()
        .map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned());
    // The name lands in `//` and `#` comments: one line, no controls.
    let name = naming::comment_line(&name);
    let shared = view::Shared::build(model, &name);
    let catalog = Catalog {
        model,
        source: &name,
        shared: &shared,
    };
    let mut files: Vec<GeneratedFile> = in_parallel(BACKENDS, |backend| backend.render(&catalog))
        .into_iter()
        .flatten()
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// `work` applied to every item on up to one thread per core, results in item
/// order. Backends are independent, so rendering them is the one place where the
/// pipeline can use several cores.
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = work(item);
                    results.lock().unwrap_or_else(|e| e.into_inner())[index] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

/// Renders one template into a file. Templates print owned strings only, so
/// rendering cannot fail short of running out of memory.
fn file(path: &str, template: &impl Template) -> GeneratedFile {
    GeneratedFile {
        path: path.to_string(),
        contents: template.render().expect("template renders"),
    }
}
