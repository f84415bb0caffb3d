//! Rust backend: a dependency-free crate (serde behind a feature) in `rust/`.

use askama::Template;

use super::bindings::{AttrKindView, CatalogView, SetTypes, Spelling, TypeSpelling, tidy};
use super::naming::{self, Oracle, rust::Rust};
use crate::model::Model;
use crate::output::GeneratedFile;

pub fn render(model: &Model) -> Vec<GeneratedFile> {
    let view = CatalogView::build(model, &Rust);
    let types = view.set_types(&TypeSpelling {
        int_code: ("i32", "i32"),
        string_code: ("&'static str", "&str"),
        value: value_type,
    });
    let has_history = view.has_history();
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
