//! TypeScript backend: an ES module of classes, erasable syntax only, in `typescript/`.

use askama::Template;

use super::bindings::{AttrKindView, CatalogView, SetTypes, Spelling, TypeSpelling, tidy};
use super::naming::{self, Oracle, typescript::TypeScript};
use crate::model::Model;
use crate::output::GeneratedFile;

pub fn render(model: &Model) -> Vec<GeneratedFile> {
    let view = CatalogView::build(model, &TypeScript);
    let types = view.set_types(&TypeSpelling {
        int_code: ("number", "number"),
        string_code: ("string", "string"),
        value: value_type,
    });
    let has_history = view.has_history();
    let module = Module {
        view: &view,
        types,
        has_history,
    };
    let package = Package {
        name: &model.name,
        description: TypeScript.string(model.title.get(model.default_locale())),
    };
    vec![
        GeneratedFile {
            path: "typescript/index.ts".into(),
            contents: tidy(module.render().expect("template renders")),
        },
        GeneratedFile {
            path: "typescript/package.json".into(),
            contents: package.render().expect("template renders"),
        },
    ]
}

fn value_type(kind: &AttrKindView) -> String {
    match kind {
        AttrKindView::Bool => "boolean".into(),
        AttrKindView::Enum(name) => name.clone(),
        AttrKindView::List(name) => format!("readonly {name}[]"),
        AttrKindView::Text => "readonly string[]".into(),
    }
}

#[derive(Template)]
#[template(path = "typescript/index.ts", escape = "none")]
struct Module<'a> {
    view: &'a CatalogView,
    types: Vec<SetTypes>,
    has_history: bool,
}

#[derive(Template)]
#[template(path = "typescript/package.json", escape = "none")]
struct Package<'a> {
    name: &'a str,
    description: String,
}

impl Spelling for TypeScript {
    fn doc(&self, text: &str) -> Vec<String> {
        naming::typescript::doc(text)
    }

    fn list(&self, items: &[String]) -> String {
        format!("[{}]", items.join(", "))
    }

    fn enum_value(&self, type_name: &str, value: &str) -> String {
        format!("{type_name}.{value}")
    }
}
