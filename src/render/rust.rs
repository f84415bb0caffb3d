//! Rust backend: a dependency-free crate (serde behind a feature) in `rust/`.

use askama::Template;

use super::bindings::{AttrKindView, CatalogView, Spelling, tidy};
use super::naming::{self, Oracle, rust::Rust};
use crate::model::Model;
use crate::output::GeneratedFile;

pub fn render(model: &Model) -> Vec<GeneratedFile> {
    let view = CatalogView::build(model, &Rust);
    let types = view
        .sets
        .iter()
        .map(|set| {
            let code = if set.int_key { "i32" } else { "&'static str" };
            let param = if set.int_key { "i32" } else { "&str" };
            let attributes = set.attributes.iter().map(|a| value_type(&a.kind)).collect();
            SetTypes {
                code,
                param,
                attributes,
            }
        })
        .collect();
    let has_history = view
        .sets
        .iter()
        .flat_map(|s| &s.attributes)
        .any(|a| a.on_accessor.is_some());
    let lib = Lib {
        view: &view,
        types,
        has_history,
    };
    let manifest = Manifest {
        name: &model.name,
        description: model.title.get(model.default_locale()),
    };
    vec![
        GeneratedFile {
            path: "rust/Cargo.toml".into(),
            contents: manifest.render().expect("template renders"),
        },
        GeneratedFile {
            path: "rust/src/lib.rs".into(),
            contents: tidy(lib.render().expect("template renders")),
        },
        GeneratedFile {
            path: "rust/rustfmt.toml".into(),
            contents: include_str!("../../templates/rust/rustfmt.toml").into(),
        },
    ]
}

/// The Rust type of one stored attribute value.
fn value_type(kind: &AttrKindView) -> String {
    match kind {
        AttrKindView::Bool => "bool".into(),
        AttrKindView::Enum(name) => name.clone(),
        AttrKindView::List(name) => format!("&'static [{name}]"),
        AttrKindView::Text => "&'static [&'static str]".into(),
    }
}

struct SetTypes {
    /// Type of a code as returned.
    code: &'static str,
    /// Type of a code as accepted by `from_code`.
    param: &'static str,
    /// Stored type of each attribute.
    attributes: Vec<String>,
}

#[derive(Template)]
#[template(path = "rust/lib.rs", escape = "none")]
struct Lib<'a> {
    view: &'a CatalogView,
    types: Vec<SetTypes>,
    has_history: bool,
}

#[derive(Template)]
#[template(path = "rust/Cargo.toml", escape = "none")]
struct Manifest<'a> {
    name: &'a str,
    description: &'a str,
}

impl Spelling for Rust {
    fn doc(&self, text: &str) -> Vec<String> {
        naming::rust::doc(text)
    }

    fn list(&self, items: &[String]) -> String {
        format!("&[{}]", items.join(", "))
    }

    fn enum_value(&self, type_name: &str, value: &str) -> String {
        format!("{type_name}::{value}")
    }
}

impl Manifest<'_> {
    fn description_literal(&self) -> String {
        Rust.string(self.description)
    }
}
