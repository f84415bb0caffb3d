//! Kotlin backend: one file of enum classes, standard library only (fits
//! Kotlin Multiplatform common code), in `kotlin/<package path>/`.

use askama::Template;
use heck::ToUpperCamelCase;

use super::bindings::{AttrKindView, CatalogView, SetTypes, Spelling, TypeSpelling, tidy};
use super::naming::{self, kotlin::Kotlin};
use crate::model::Model;
use crate::output::GeneratedFile;

pub fn render(model: &Model) -> Vec<GeneratedFile> {
    let view = CatalogView::build(model, &Kotlin);
    let types = view.set_types(&TypeSpelling {
        int_code: ("Int", "Int"),
        string_code: ("String", "String"),
        value: value_type,
    });
    let package = package(model);
    let has_history = view.has_history();
    let file = KotlinFile {
        view: &view,
        types,
        package: package.clone(),
        has_history,
    };
    vec![GeneratedFile {
        path: format!(
            "kotlin/{}/{}.kt",
            package.replace('.', "/"),
            file_name(model)
        ),
        contents: tidy(file.render().expect("template renders")),
    }]
}

/// The package: `kotlin_package`, or one derived from the catalog name.
pub fn package(model: &Model) -> String {
    model
        .kotlin_package
        .clone()
        .unwrap_or_else(|| model.name.replace('-', "."))
}

/// The file name (without `.kt`), e.g. `FaceidCodes`.
pub fn file_name(model: &Model) -> String {
    model.name.to_upper_camel_case()
}

fn value_type(kind: &AttrKindView) -> String {
    match kind {
        AttrKindView::Bool => "Boolean".into(),
        AttrKindView::Enum(name) => name.clone(),
        AttrKindView::List(name) => format!("List<{name}>"),
        AttrKindView::Text => "List<String>".into(),
    }
}

#[derive(Template)]
#[template(path = "kotlin/Codes.kt", escape = "none")]
struct KotlinFile<'a> {
    view: &'a CatalogView,
    types: Vec<SetTypes>,
    package: String,
    has_history: bool,
}

impl Spelling for Kotlin {
    fn doc(&self, text: &str) -> Vec<String> {
        naming::kotlin::doc(text)
    }

    fn list(&self, items: &[String]) -> String {
        format!("listOf({})", items.join(", "))
    }

    fn enum_value(&self, type_name: &str, value: &str) -> String {
        format!("{type_name}.{value}")
    }
}
