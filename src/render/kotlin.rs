//! Kotlin: one file of enum classes, standard library only (fits Kotlin
//! Multiplatform common code), in `kotlin/<package path>/`.
//! Spelling: UpperCamel types, SCREAMING_SNAKE enum constants, lowerCamel
//! members in backticks when they are keywords.

use askama::Template;
use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use super::naming::{
    self, AttrType, AttributeNames, Oracle, PackageKey, PackageNames, PackageProblem, Reserved,
    lower_camel,
};
use super::view::CatalogView;
use super::{Backend, Catalog};
use crate::model::{KeyKind, Model};
use crate::output::GeneratedFile;

pub struct Kotlin;

/// Hard keywords, plus soft and modifier keywords that read badly unescaped.
const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];
/// Members of every Kotlin enum entry; constants and accessors may not shadow them.
const ENUM_MEMBERS: &[&str] = &[
    "name",
    "ordinal",
    "entries",
    "values",
    "valueOf",
    "compareTo",
    "equals",
    "hashCode",
    "toString",
];

/// Types the file declares, and standard types it uses unqualified.
const RESERVED_TYPES: &[&str] = &[
    "CatalogLocale",
    "Past",
    "List",
    "Map",
    "String",
    "Int",
    "Boolean",
    "Pair",
    "Any",
    "Unit",
    "Nothing",
    "Companion",
    "Enum",
    "Comparable",
    "Array",
    "IntArray",
    "Throwable",
    "Exception",
    "Class",
];
/// Members of every set enum class, its companion, and every Kotlin enum entry.
const SET_MEMBERS: &[&str] = &[
    "code",
    "codes",
    "identifier",
    "messages",
    "hints",
    "message",
    "messageIn",
    "hint",
    "hintIn",
    "byCode",
    "fromCode",
    "describe",
    "name",
    "ordinal",
    "entries",
    "values",
    "valueOf",
    "compareTo",
    "equals",
    "hashCode",
    "toString",
    "declaringJavaClass",
];

/// The names this language treats specially; validation checks catalog names against them.
const RESERVED: Reserved = Reserved {
    keywords: &[KEYWORDS, ENUM_MEMBERS],
    types: RESERVED_TYPES,
    set_members: SET_MEMBERS,
    enum_members: &[
        "identifier",
        "labels",
        "label",
        "labelIn",
        "name",
        "ordinal",
        "entries",
        "values",
        "valueOf",
        "compareTo",
        "equals",
        "hashCode",
        "toString",
    ],
    locale_members: &[
        "tag", "DEFAULT", "fromTag", "name", "ordinal", "entries", "values", "valueOf",
    ],
};

impl Oracle for Kotlin {
    fn language(&self) -> &'static str {
        "Kotlin"
    }

    fn type_name(&self, name: &str) -> String {
        name.to_string()
    }

    fn variant(&self, name: &str) -> String {
        name.to_shouty_snake_case()
    }

    fn member(&self, snake: &str) -> String {
        let name = lower_camel(snake);
        if ENUM_MEMBERS.contains(&name.as_str()) {
            format!("{name}Value")
        } else if KEYWORDS.contains(&name.as_str()) {
            format!("`{name}`")
        } else {
            name
        }
    }

    fn string(&self, text: &str) -> String {
        // Kotlin has no \u{…}: code points outside the BMP stay literal (UTF-8 source).
        naming::c_like_string(
            text,
            |n| format!("\\u{n:04X}"),
            &[('$', "\\$"), ('\u{8}', "\\b")],
        )
    }

    /// KDoc is Markdown in a block comment, and Kotlin block comments nest: both
    /// `/*` and `*/` are broken up; `@` would start a KDoc tag.
    fn doc_from_prose(&self, prose: &[String]) -> Vec<String> {
        prose
            .iter()
            .map(|l| naming::block_comment_safe(l).replace('@', "&#64;"))
            .collect()
    }

    fn list(&self, items: &[String]) -> String {
        format!("listOf({})", items.join(", "))
    }

    fn enum_value(&self, type_name: &str, value: &str) -> String {
        format!("{type_name}.{value}")
    }

    fn code_type(&self, key: KeyKind) -> &'static str {
        match key {
            KeyKind::Int => "Int",
            KeyKind::Str => "String",
        }
    }

    fn code_to_text(&self, key: KeyKind) -> &'static str {
        match key {
            KeyKind::Int => "code.toString()",
            KeyKind::Str => "code",
        }
    }

    fn value_type(&self, kind: &AttrType) -> String {
        match kind {
            AttrType::Bool => "Boolean".into(),
            AttrType::Enum(name) => name.clone(),
            AttrType::List(name) => format!("List<{name}>"),
            AttrType::Text => "List<String>".into(),
        }
    }

    fn reserved(&self) -> &'static Reserved {
        &RESERVED
    }

    fn attribute_members<'n>(&self, names: &'n AttributeNames) -> Vec<&'n str> {
        let mut members = vec![names.accessor.as_str()];
        if names.is_text {
            members.extend([names.field.as_str(), names.in_accessor.as_str()]);
        }
        if let Some(on) = &names.on_accessor {
            members.extend([on.as_str(), names.history_field.as_str()]);
        }
        members
    }

    fn package_problems(&self, names: &PackageNames) -> Vec<PackageProblem> {
        let (package, key) = match names.kotlin_package {
            Some(package) => (package.to_string(), PackageKey::KotlinPackage),
            None => (names.name.replace('-', "."), PackageKey::Name),
        };
        let from = match key {
            PackageKey::Name => " (from the catalog name; set `kotlin_package` to choose another)",
            _ => "",
        };
        let problem = |message: String| {
            PackageProblem {
            key,
            message: format!("{message}{from}"),
            hint: "use dot-separated lower-case segments that are not keywords, e.g. `com.example.codes`".into(),
        }
        };
        let mut problems = Vec::new();
        if package == "kotlin"
            || ["kotlin.", "java.", "javax."]
                .iter()
                .any(|p| package.starts_with(p))
        {
            problems.push(problem(format!(
                "the Kotlin package `{package}` is reserved for the platform"
            )));
        }
        for segment in package.split('.') {
            if KEYWORDS.contains(&segment) {
                problems.push(problem(format!(
                    "the Kotlin package `{package}` has the keyword `{segment}` as a segment"
                )));
            } else if !segment.starts_with(|c: char| c.is_ascii_alphabetic()) {
                problems.push(problem(format!("the Kotlin package `{package}` has a segment `{segment}` that does not start with a letter")));
            }
        }
        problems
    }

    fn text_type(&self) -> &'static str {
        "String"
    }
}

impl Backend for Kotlin {
    fn name(&self) -> &'static str {
        "kotlin"
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        Some(self)
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        let view = CatalogView::spell(catalog.shared, self);
        let package = package(model);
        let path = format!(
            "kotlin/{}/{}.kt",
            package.replace('.', "/"),
            file_name(model)
        );
        vec![super::file(
            &path,
            &KotlinFile {
                view: &view,
                package,
            },
        )]
    }
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

#[derive(Template)]
#[template(path = "kotlin/Codes.kt", escape = "none")]
struct KotlinFile<'a> {
    view: &'a CatalogView,
    package: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(Kotlin.variant("LivenessFailed5026"), "LIVENESS_FAILED5026");
        assert_eq!(Kotlin.member("in"), "`in`");
        assert_eq!(Kotlin.member("name"), "nameValue");
        assert_eq!(Kotlin.string("$x ${x} \"\\"), "\"\\$x \\${x} \\\"\\\\\"");
        assert_eq!(Kotlin.string("\u{7}"), "\"\\u0007\"");
        assert_eq!(
            Kotlin.doc("a */ b /* c @suppress"),
            vec!["a *\\/ b /\\* c &#64;suppress"]
        );
    }
}
