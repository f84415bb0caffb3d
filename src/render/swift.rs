//! Swift backend: a Swift package (`Package.swift`, `Sources/<Module>/`) in `swift/`.

use askama::Template;
use heck::ToUpperCamelCase;

use super::bindings::{AttrKindView, CatalogView, SetTypes, Spelling, TypeSpelling, tidy};
use super::naming::{self, swift::Swift};
use crate::model::Model;
use crate::output::GeneratedFile;

pub fn render(model: &Model) -> Vec<GeneratedFile> {
    let view = CatalogView::build(model, &Swift);
    let types = view.set_types(&TypeSpelling {
        int_code: ("Int", "Int"),
        string_code: ("String", "String"),
        value: value_type,
    });
    let module = module(model);
    let has_history = view.has_history();
    let source = SwiftFile {
        view: &view,
        types,
        has_history,
    };
    let manifest = Manifest {
        module: module.clone(),
    };
    vec![
        GeneratedFile {
            path: "swift/Package.swift".into(),
            contents: manifest.render().expect("template renders"),
        },
        GeneratedFile {
            path: format!("swift/Sources/{module}/{module}.swift"),
            contents: tidy(source.render().expect("template renders")),
        },
    ]
}

/// The module: `swift_module`, or one derived from the catalog name.
pub fn module(model: &Model) -> String {
    model
        .swift_module
        .clone()
        .unwrap_or_else(|| model.name.to_upper_camel_case())
}

fn value_type(kind: &AttrKindView) -> String {
    match kind {
        AttrKindView::Bool => "Bool".into(),
        AttrKindView::Enum(name) => name.clone(),
        AttrKindView::List(name) => format!("[{name}]"),
        AttrKindView::Text => "[String]".into(),
    }
}

#[derive(Template)]
#[template(path = "swift/Codes.swift", escape = "none")]
struct SwiftFile<'a> {
    view: &'a CatalogView,
    types: Vec<SetTypes>,
    has_history: bool,
}

#[derive(Template)]
#[template(path = "swift/Package.swift", escape = "none")]
struct Manifest {
    module: String,
}

impl Spelling for Swift {
    fn doc(&self, text: &str) -> Vec<String> {
        naming::swift::doc(text)
    }

    fn list(&self, items: &[String]) -> String {
        format!("[{}]", items.join(", "))
    }

    fn enum_value(&self, _type_name: &str, value: &str) -> String {
        format!(".{value}")
    }
}
