//! Stage 4: one backend per output, all reading the same model.
//!
//! [`BACKENDS`] is the one list of outputs: rendering, validation of names and
//! the test suite iterate it. A language is one module implementing [`Backend`]
//! (and [`naming::Oracle`], how it spells names), plus its template folder.

mod html;
mod json;
pub mod kotlin;
mod markdown;
pub mod naming;
pub mod rust;
pub mod swift;
pub mod typescript;
mod view;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use askama::Template;

use crate::model::Model;
use crate::output::GeneratedFile;

pub use crate::export::{catalog_hash, json_schema};
pub use html::{SEARCH_LOCALES, search_locales};

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

/// Every output retcode produces.
///
/// In the order of their output folders (`docs/`, `html/`, `json/`, `kotlin/`, …): files
/// reach [`render_each`]'s sink in path order, so which file a failing write
/// stops at does not depend on thread timing.
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

/// Every output file for the model, sorted by path. `source` is the catalog's
/// file path; only its file name reaches the output.
pub fn render_all(model: &Model, source: &str) -> Vec<GeneratedFile> {
    let mut files = Vec::new();
    let collected: Result<(), std::convert::Infallible> = render_each(model, source, |file| {
        files.push(file);
        Ok(())
    });
    let Ok(()) = collected;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Hands every output file to `sink` on the calling thread, in path order, as
/// soon as its backend has rendered it, so the caller can write and drop it:
/// only the outputs in flight are in memory. Backends render on every core.
/// The first error from `sink` stops the handing over and is returned.
pub fn render_each<E>(
    model: &Model,
    source: &str,
    mut sink: impl FnMut(GeneratedFile) -> Result<(), E>,
) -> Result<(), E> {
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
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(BACKENDS.len());
    // One rendered backend may wait per thread; a bound keeps memory flat.
    let (sender, receiver) = mpsc::sync_channel::<(usize, Vec<GeneratedFile>)>(0);
    std::thread::scope(|scope| {
        let mut spawned = 0;
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, catalog) = (&next, &catalog);
            let work = move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(backend) = BACKENDS.get(index) else {
                        break;
                    };
                    let mut files = backend.render(catalog);
                    files.sort_by(|a, b| a.path.cmp(&b.path));
                    // The receiver is gone once the sink failed: stop quietly.
                    if sender.send((index, files)).is_err() {
                        break;
                    }
                }
            };
            // Creating a thread fails when memory is short (`ulimit -v`): fewer
            // threads, or none and the work done here, instead of a panic.
            if std::thread::Builder::new()
                .spawn_scoped(scope, work)
                .is_ok()
            {
                spawned += 1;
            }
        }
        if spawned == 0 {
            drop(sender);
            for backend in BACKENDS {
                let mut files = backend.render(&catalog);
                files.sort_by(|a, b| a.path.cmp(&b.path));
                for file in files {
                    sink(file)?;
                }
            }
            return Ok(());
        }
        drop(sender);
        // Backends finishing early wait here until those before them are handed over.
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        // Owned here, so an early return closes the channel before the threads are joined.
        for (index, files) in receiver {
            waiting.insert(index, files);
            while let Some(files) = waiting.remove(&due) {
                due += 1;
                for file in files {
                    if let Err(e) = sink(file) {
                        // Rendering threads see the closed channel and stop.
                        next.store(BACKENDS.len(), Ordering::Relaxed);
                        return Err(e);
                    }
                }
            }
        }
        Ok(())
    })
}

/// Renders one template into a file. Templates print owned strings only, so
/// rendering cannot fail short of running out of memory.
fn file(path: &str, template: &impl Template) -> GeneratedFile {
    GeneratedFile {
        path: path.to_string(),
        contents: template.render().expect("template renders"),
    }
}
