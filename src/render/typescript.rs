//! TypeScript: an ES module of classes, erasable syntax only, in `typescript/`.
//! Spelling: UpperCamel classes and static members, lowerCamel members.

use askama::Template;

use super::api::{Api, AttrName, Derived, DerivedFrom, Helper, When};
use super::backend::{Backend, Catalog, Matching, file};
use super::naming::{
    self, Oracle, PackageKey, PackageNames, PackageProblem, TypeNames, lower_camel,
};
use super::view::CatalogView;
use crate::model::Model;
use crate::output::GeneratedFile;

pub struct TypeScript;

/// Reserved words that cannot name a declaration (class members may use them).
const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
];
/// Members every generated class has; an attribute accessor may not shadow them.
const CLASS_MEMBERS: &[&str] = &["constructor", "prototype", "name", "length", "toString"];

/// Types the module declares, and globals it uses.
const RESERVED_TYPES: &[&str] = &[
    "CatalogLocale",
    "Decoded",
    "History",
    "Map",
    "ReadonlyMap",
    "String",
    "Number",
    "Boolean",
    "Object",
    "Array",
    "Error",
    "Symbol",
    "Function",
    "Readonly",
    "Record",
    "Set",
    "Date",
    "Promise",
    // Values and functions beside the types.
    "CATALOG_VERSION",
    "CATALOG_HASH",
    "CATALOG_LOCALES",
    "DEFAULT_LOCALE",
    "UNKNOWN_CODE",
    "describeUnknown",
    "isCatalogLocale",
    "localeIndex",
    "localeParts",
    "lookupLocale",
    "matchLocale",
    "matchLocales",
    "textIn",
    "valueOn",
];
/// Members of every set class (static and instance) and those every object has.
const SET_MEMBERS: &[&str] = &[
    "ENTRIES",
    "BY_CODE",
    // The JavaScript classes' own static tables.
    "entries",
    "byCode",
    "fromCode",
    "decode",
    "all",
    "describe",
    "identifier",
    "codes",
    "messages",
    "hints",
    "code",
    "message",
    "messageIn",
    "hint",
    "hintIn",
    "toString",
    "constructor",
    "prototype",
    "name",
    "length",
    "valueOf",
    "toJSON",
    "toLocaleString",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "docUrl",
];

/// How the language spells code and value types.
const TYPES: TypeNames = TypeNames {
    int_code: "number",
    string_code: "string",
    int_param: "number",
    string_param: "string",
    int_to_text: "String(code)",
    string_to_text: "String(code)",
    bool: "boolean",
    list: ("readonly ", "[]"),
    text: "string",
};

/// Every name the generated code declares; validation checks catalog names against it.
const API: Api = Api {
    keywords: &[KEYWORDS, CLASS_MEMBERS],
    file: RESERVED_TYPES,
    derived: &[UNION, ERROR],
    locale_type: "CatalogLocale",
    set_members: SET_MEMBERS,
    enum_members: &[
        "ALL",
        "identifier",
        "labels",
        "label",
        "labelIn",
        "toString",
        "constructor",
        "prototype",
        "name",
        "length",
    ],
    locale_members: &[],
    set_trait_items: &[],
    attribute_members: &[
        (AttrName::Accessor, When::Always),
        (AttrName::AccessorTexts, When::Text),
        (AttrName::InAccessor, When::Text),
        (AttrName::OnAccessor, When::Dated),
        (AttrName::AccessorHistory, When::Dated),
    ],
    attribute_private: &[],
    helpers: &[
        Helper {
            scope: "{error_set}Error",
            members: &["code", "entry", "locale", "name", "raw", "toJSON"],
        },
        Helper {
            scope: "Decoded",
            members: &["known", "raw"],
        },
    ],
};

impl Oracle for TypeScript {
    fn boolean(&self, value: bool) -> String {
        value.to_string()
    }
    fn integer(&self, value: i32) -> String {
        value.to_string()
    }
    fn language(&self) -> &'static str {
        "TypeScript"
    }

    fn type_name(&self, name: &str) -> String {
        if KEYWORDS.contains(&name) {
            format!("{name}_")
        } else {
            name.to_string()
        }
    }

    fn variant(&self, name: &str) -> String {
        // Static class members may be reserved words; UpperCamel never clashes with
        // the lowerCamel built-ins (`name`, `length`, `prototype`).
        name.to_string()
    }

    fn member(&self, snake: &str) -> String {
        let name = lower_camel(snake);
        if CLASS_MEMBERS.contains(&name.as_str()) {
            format!("{name}Value")
        } else {
            name
        }
    }

    fn string(&self, text: &str) -> String {
        // A JSON string is a valid JavaScript string literal; `${` is inert in "…".
        naming::c_like_string(text, |n| format!("\\u{{{n:X}}}"), &[])
    }

    /// TSDoc is Markdown in a block comment: `*/` would end it, and a tag such as
    /// `@internal` would change the declarations tsc emits.
    fn doc_from_prose(&self, prose: &[String]) -> Vec<String> {
        naming::tagged_block_doc(prose)
    }

    fn list(&self, items: &[String]) -> String {
        format!("[{}]", items.join(", "))
    }

    fn enum_value(&self, type_name: &str, value: &str) -> String {
        format!("{type_name}.{value}")
    }

    fn api(&self) -> &'static Api {
        &API
    }

    fn types(&self) -> &'static TypeNames {
        &TYPES
    }

    fn package_problems(&self, names: &PackageNames) -> Vec<PackageProblem> {
        // npm's rules for a package name beyond kebab case.
        if ["node_modules", "favicon.ico"].contains(&names.name) || names.name.len() > 214 {
            return vec![PackageProblem {
                key: PackageKey::Name,
                message: format!("npm refuses the package name `{}`", names.name),
                hint: "choose another catalog name".into(),
            }];
        }
        Vec::new()
    }
}

/// The literal union of a set's identifiers.
fn union_name(set: &str) -> String {
    UNION.name(set)
}

const UNION: Derived = Derived {
    prefix: "",
    suffix: "Name",
    from: DerivedFrom::Set,
};
const ERROR: Derived = Derived {
    prefix: "",
    suffix: "Error",
    from: DerivedFrom::ErrorSet,
};

/// An error set's `Error` subclass.
fn error_name(set: &str) -> String {
    ERROR.name(set)
}

impl Backend for TypeScript {
    fn name(&self) -> &'static str {
        "typescript"
    }

    fn folder(&self) -> &'static str {
        "typescript"
    }

    fn matching(&self) -> Matching {
        Matching::Exhaustive("TypeScript `switch` checked with `never`")
    }

    /// The npm package is named like the catalog.
    fn package(&self, model: &Model) -> Option<String> {
        Some(model.name.clone())
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        Some(self)
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        let view = CatalogView::spell(catalog.shared, self);
        let package = Package {
            name: &model.name,
            version: naming::json_string(&model.version),
            license: model.license.as_deref().map(naming::json_string),
            repository: model.repository.as_deref().map(naming::json_string),
            homepage: model.homepage.as_deref().map(naming::json_string),
            description: naming::json_string(model.title.get(model.default_locale())),
        };
        let sets: Vec<SetNames> = view
            .sets
            .iter()
            .map(|set| SetNames {
                union_name: union_name(&set.name),
                union: if set.entries.is_empty() {
                    vec!["never".to_string()]
                } else {
                    set.entries.iter().map(|e| e.identifier.clone()).collect()
                },
                error_name: error_name(&set.name),
                error_name_literal: self.string(&error_name(&set.name)),
                set,
            })
            .collect();
        let module = Module {
            view: &view,
            sets: &sets,
        };
        vec![
            file("typescript/index.d.ts", &Declarations(&module)),
            file("typescript/index.js", &module),
            file("typescript/package.json", &package),
        ]
    }
}

/// The compiled module: ES2020 JavaScript, tree-shakeable.
#[derive(Template)]
#[template(path = "typescript/index.js", escape = "none")]
struct Module<'a> {
    view: &'a CatalogView,
    /// The sets with the names of their companion declarations.
    sets: &'a [SetNames<'a>],
}

/// The module's types and documentation, for TypeScript and editors.
#[derive(Template)]
#[template(path = "typescript/index.d.ts", escape = "none")]
struct Declarations<'a>(&'a Module<'a>);

impl<'a> std::ops::Deref for Declarations<'a> {
    type Target = Module<'a>;
    fn deref(&self) -> &Module<'a> {
        self.0
    }
}

/// A set's view with the top-level names derived from its class name: the
/// literal union of its identifiers and, for an error set, its `Error` subclass.
struct SetNames<'a> {
    set: &'a super::view::SetView,
    union_name: String,
    /// The members of that union: the identifiers' literals, or `never` for a
    /// set without entries.
    union: Vec<String>,
    error_name: String,
    /// `error_name` as a string literal, for `Error.prototype.name`.
    error_name_literal: String,
}

impl std::ops::Deref for SetNames<'_> {
    type Target = super::view::SetView;
    fn deref(&self) -> &super::view::SetView {
        self.set
    }
}

#[derive(Template)]
#[template(path = "typescript/package.json", escape = "none")]
struct Package<'a> {
    name: &'a str,
    /// The catalog version as a JSON string literal.
    version: String,
    /// The catalog's package metadata as JSON string literals, when it has them.
    license: Option<String>,
    repository: Option<String>,
    homepage: Option<String>,
    description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(TypeScript.member("in"), "in");
        assert_eq!(TypeScript.member("name"), "nameValue");
        assert_eq!(TypeScript.bool_member("billable"), "isBillable");
        assert_eq!(
            TypeScript.string("${x} \"q\" \\ \u{200b}"),
            "\"${x} \\\"q\\\" \\\\ \\u{200B}\""
        );
        assert_eq!(TypeScript.doc("close */ here"), vec!["close *\\/ here"]);
    }
}
