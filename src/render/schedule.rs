//! Rendering every backend on every core, handing files over in path order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::backend::{Backend, Catalog};
use super::naming;
use super::registry::BACKENDS;
use super::view;
use crate::model::Model;
use crate::output::GeneratedFile;

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

/// The files of one backend alone, sorted by path: what it contributes to
/// [`render_all`].
pub fn render_one(backend: &dyn Backend, model: &Model, source: &str) -> Vec<GeneratedFile> {
    with_catalog(model, source, |catalog| {
        let mut files = backend.render(catalog);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    })
}

/// Calls `render` with what every backend renders from: the model, the
/// catalog's file name as generated headers name it (its last component, on one
/// line without controls: it lands in `//` and `#` comments) and the shared view.
fn with_catalog<R>(model: &Model, source: &str, render: impl FnOnce(&Catalog) -> R) -> R {
    let name = std::path::Path::new(source)
        .file_name()
        .map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned());
    let name = naming::comment_line(&name);
    let shared = view::Shared::build(model, &name);
    render(&Catalog {
        model,
        source: &name,
        shared: &shared,
    })
}

/// Hands every output file to `sink` on the calling thread, in path order, as
/// soon as its backend has rendered it, so the caller can write and drop it:
/// only the outputs in flight are in memory. Backends render on every core.
/// The first error from `sink` stops the handing over and is returned.
pub fn render_each<E>(
    model: &Model,
    source: &str,
    sink: impl FnMut(GeneratedFile) -> Result<(), E>,
) -> Result<(), E> {
    with_catalog(model, source, |catalog| render_in_order(catalog, sink))
}

/// [`render_each`] for one catalog.
fn render_in_order<E>(
    catalog: &Catalog,
    mut sink: impl FnMut(GeneratedFile) -> Result<(), E>,
) -> Result<(), E> {
    // Backends in the order of their output folders, so files reach `sink` in
    // path order (which file a failing write stops at does not depend on thread
    // timing) wherever a backend stands in the registry.
    let mut backends: Vec<&dyn Backend> = BACKENDS.to_vec();
    backends.sort_by_key(|backend| backend.folder());
    let backends = &backends;
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(backends.len());
    // One rendered backend may wait per thread; a bound keeps memory flat.
    let (sender, receiver) = mpsc::sync_channel::<(usize, Vec<GeneratedFile>)>(0);
    std::thread::scope(|scope| {
        let mut spawned = 0;
        for _ in 0..threads {
            let sender = sender.clone();
            let next = &next;
            let work = move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(backend) = backends.get(index) else {
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
            for backend in backends {
                let mut files = backend.render(catalog);
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
                        next.store(backends.len(), Ordering::Relaxed);
                        return Err(e);
                    }
                }
            }
        }
        Ok(())
    })
}
