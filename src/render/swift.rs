//! Swift: a Swift package (`Package.swift`, `Sources/<Module>/`) in `swift/`.
//! Spelling: UpperCamel types, lowerCamel cases and members, backticks for keywords.

use askama::Template;
use heck::ToUpperCamelCase;

use super::naming::{
    self, AttrType, AttributeNames, Oracle, PackageKey, PackageNames, PackageProblem, Reserved,
    lower_camel,
};
use super::view::CatalogView;
use super::{Backend, Catalog};
use crate::model::{KeyKind, Model};
use crate::output::GeneratedFile;

pub struct Swift;

/// Keywords used in declarations, statements and expressions, plus `Type`/`Self`.
const KEYWORDS: &[&str] = &[
    "associatedtype",
    "class",
    "deinit",
    "enum",
    "extension",
    "fileprivate",
    "func",
    "import",
    "init",
    "inout",
    "internal",
    "let",
    "open",
    "operator",
    "private",
    "precedencegroup",
    "protocol",
    "public",
    "rethrows",
    "static",
    "struct",
    "subscript",
    "typealias",
    "var",
    "break",
    "case",
    "catch",
    "continue",
    "default",
    "defer",
    "do",
    "else",
    "fallthrough",
    "for",
    "guard",
    "if",
    "in",
    "repeat",
    "return",
    "throw",
    "switch",
    "where",
    "while",
    "Any",
    "as",
    "await",
    "false",
    "is",
    "nil",
    "self",
    "Self",
    "super",
    "throws",
    "true",
    "try",
    "Type",
    "Protocol",
    // Contextual keywords: declaration modifiers and accessor names. Unescaped, a
    // member `final` or `set` read in a getter (`{ set(in: .default) }`) parses as
    // a modifier or a setter; backticks keep them identifiers.
    "final",
    "optional",
    "override",
    "required",
    "convenience",
    "dynamic",
    "lazy",
    "mutating",
    "nonmutating",
    "weak",
    "unowned",
    "indirect",
    "prefix",
    "postfix",
    "infix",
    "get",
    "set",
    "willSet",
    "didSet",
];
/// Modules an app imports from the platform; a package module of the same name hides them.
const SYSTEM_MODULES: &[&str] = &[
    "Swift",
    "Foundation",
    "Darwin",
    "Glibc",
    "Dispatch",
    "ObjectiveC",
    "XCTest",
    "SwiftUI",
    "UIKit",
    "AppKit",
    "Combine",
    "CoreFoundation",
    "Observation",
];
/// Members every generated enum has; accessors may not shadow them.
const MEMBERS: &[&str] = &[
    "code",
    "codes",
    "identifier",
    "message",
    "hint",
    "description",
    "allCases",
    "hashValue",
];

/// Types the package declares, and standard or Foundation types it uses or hides.
const RESERVED_TYPES: &[&str] = &[
    "CatalogLocale",
    "Locale",
    "Foundation",
    "Swift",
    "String",
    "Int",
    "Bool",
    "Error",
    "LocalizedError",
    "CustomStringConvertible",
    "CaseIterable",
    "Hashable",
    "Equatable",
    "Sendable",
    "Never",
    "Any",
    "AnyObject",
    "Type",
    "Protocol",
    "Self",
    "Array",
    "Dictionary",
    "Set",
    "Optional",
    "Void",
];
/// Members of every set enum, and those its protocols give it.
const SET_MEMBERS: &[&str] = &[
    "code",
    "codes",
    "identifier",
    "message",
    "hint",
    "describe",
    "description",
    "errorDescription",
    "allCases",
    "hashValue",
    "hash",
    "init",
];

/// The names this language treats specially; validation checks catalog names against them.
const RESERVED: Reserved = Reserved {
    keywords: &[KEYWORDS, SYSTEM_MODULES, MEMBERS],
    types: RESERVED_TYPES,
    set_members: SET_MEMBERS,
    enum_members: &[
        "identifier",
        "label",
        "allCases",
        "hashValue",
        "hash",
        "init",
    ],
    locale_members: &[
        "default",
        "tag",
        "index",
        "rawValue",
        "allCases",
        "hashValue",
        "hash",
        "init",
    ],
};

impl Oracle for Swift {
    fn language(&self) -> &'static str {
        "Swift"
    }

    fn type_name(&self, name: &str) -> String {
        escape(name.to_string())
    }

    fn variant(&self, name: &str) -> String {
        escape(lower_camel(name))
    }

    fn member(&self, snake: &str) -> String {
        let name = lower_camel(snake);
        if MEMBERS.contains(&name.as_str()) {
            format!("{name}Value")
        } else {
            escape(name)
        }
    }

    fn string(&self, text: &str) -> String {
        // Escaping `\` also defuses `\(`: "\\(" is a backslash and a parenthesis.
        naming::c_like_string(text, |n| format!("\\u{{{n:X}}}"), &[('\0', "\\0")])
    }

    fn list(&self, items: &[String]) -> String {
        format!("[{}]", items.join(", "))
    }

    fn enum_value(&self, _type_name: &str, value: &str) -> String {
        format!(".{value}")
    }

    fn code_type(&self, key: KeyKind) -> &'static str {
        match key {
            KeyKind::Int => "Int",
            KeyKind::Str => "String",
        }
    }

    fn code_to_text(&self, key: KeyKind) -> &'static str {
        match key {
            KeyKind::Int => "String(code)",
            KeyKind::Str => "code",
        }
    }

    fn value_type(&self, kind: &AttrType) -> String {
        match kind {
            AttrType::Bool => "Bool".into(),
            AttrType::Enum(name) => name.clone(),
            AttrType::List(name) => format!("[{name}]"),
            AttrType::Text => "[String]".into(),
        }
    }

    fn reserved(&self) -> &'static Reserved {
        &RESERVED
    }

    fn attribute_members<'n>(&self, names: &'n AttributeNames) -> Vec<&'n str> {
        let mut members = vec![names.accessor.as_str()];
        if names.is_text {
            members.push(&names.field);
        }
        if let Some(on) = &names.on_accessor {
            members.extend([on.as_str(), names.history_field.as_str()]);
        }
        members
    }

    fn package_problems(&self, names: &PackageNames) -> Vec<PackageProblem> {
        let (module, key) = match names.swift_module {
            Some(module) => (module.to_string(), PackageKey::SwiftModule),
            None => (names.name.to_upper_camel_case(), PackageKey::Name),
        };
        if !SYSTEM_MODULES.contains(&module.as_str()) {
            return Vec::new();
        }
        vec![PackageProblem {
            key,
            message: format!("the Swift module `{module}` would hide a system module of that name"),
            hint: "set `swift_module` (or the catalog name) to something else, e.g. `MyCodes`"
                .into(),
        }]
    }

    fn text_type(&self) -> &'static str {
        "String"
    }
}

fn escape(name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) {
        format!("`{name}`")
    } else {
        name
    }
}

impl Backend for Swift {
    fn name(&self) -> &'static str {
        "swift"
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        Some(self)
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let view = CatalogView::spell(catalog.shared, self);
        let module = module(catalog.model);
        vec![
            super::file(
                "swift/Package.swift",
                &Manifest {
                    source: catalog.source,
                    module: &module,
                },
            ),
            super::file(
                &format!("swift/Sources/{module}/{module}.swift"),
                &SwiftFile { view: &view },
            ),
        ]
    }
}

/// The module: `swift_module`, or one derived from the catalog name.
pub fn module(model: &Model) -> String {
    model
        .swift_module
        .clone()
        .unwrap_or_else(|| model.name.to_upper_camel_case())
}

#[derive(Template)]
#[template(path = "swift/Codes.swift", escape = "none")]
struct SwiftFile<'a> {
    view: &'a CatalogView,
}

#[derive(Template)]
#[template(path = "swift/Package.swift", escape = "none")]
struct Manifest<'a> {
    source: &'a str,
    module: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(Swift.variant("Self"), "`self`");
        assert_eq!(Swift.variant("Default"), "`default`");
        assert_eq!(Swift.variant("VerificationPassed"), "verificationPassed");
        assert_eq!(Swift.member("in"), "`in`");
        assert_eq!(Swift.string("\\(x) \"\u{7}"), "\"\\\\(x) \\\"\\u{7}\"");
    }
}
