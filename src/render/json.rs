//! JSON backend: the whole catalog as data, plus a JSON Schema describing it
//! (both built by [`crate::export`]).

use super::backend::{Backend, Catalog};
use super::naming::Oracle;
use crate::export;
use crate::output::GeneratedFile;

pub struct Json;

impl Backend for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn folder(&self) -> &'static str {
        "json"
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        None
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        vec![
            GeneratedFile {
                path: format!("json/{}.json", model.name),
                contents: export::catalog_json(
                    model,
                    &catalog.shared.anchors,
                    &catalog.shared.hash,
                ),
            },
            GeneratedFile {
                path: format!("json/{}.schema.json", model.name),
                contents: export::json_schema(),
            },
        ]
    }
}
