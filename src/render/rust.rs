//! Rust: a dependency-free crate (serde behind a feature) in `rust/`.
//! Spelling: UpperCamel types and variants, snake_case members, `r#` escapes.

use askama::Template;
use heck::ToSnakeCase;

use super::api::{Api, AttrName, Helper, When};
use super::backend::{Backend, Catalog, Matching, file};
use super::naming::{self, Oracle, PackageKey, PackageNames, PackageProblem, TypeNames};
use super::view::CatalogView;
use crate::model::Model;
use crate::output::GeneratedFile;

pub struct Rust;

/// The oldest Rust the generated crate builds with (without features);
/// `tests/msrv.rs` builds and tests it with that compiler.
pub const RUST_VERSION: &str = "1.63";

/// Strict and reserved keywords of Rust 2021.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];
/// Crates every Rust program can name; a crate of the same name hides or breaks them.
const STANDARD_CRATES: &[&str] = &["std", "core", "alloc", "proc_macro", "test"];
/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Types the crate declares, and prelude names it uses unqualified.
const RESERVED_TYPES: &[&str] = &[
    "CatalogLocale",
    "UnknownCode",
    "Code",
    "CodeSet",
    "History",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Self",
    "From",
    "TryFrom",
    "Into",
    "TryInto",
    "ToString",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Default",
    "Drop",
    "Iterator",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "IntoIterator",
    // A set type `FromCode` would have a constructor named like itself, which
    // clippy's `self_named_constructors` rejects.
    "FromCode",
    // Values, functions and modules beside the types.
    "CATALOG_VERSION",
    "CATALOG_HASH",
    "UNKNOWN_CODE",
    "describe_unknown",
    "sealed",
    "tests",
];
/// Members of every set type: its tables, its API, and trait methods an inherent
/// method would shadow (clippy's `should_implement_trait` rejects those).
const SET_MEMBERS: &[&str] = &[
    "ALL",
    "CODES",
    "IDENTIFIERS",
    "MESSAGES",
    "HINTS",
    "from_code",
    "code",
    "codes",
    "identifier",
    "message",
    "message_in",
    "hint",
    "hint_in",
    "describe",
    "describe_in",
    "to_string",
    "try_from",
    "from",
    "into",
    "try_into",
    "fmt",
    "clone",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "hash",
    "default",
    "from_str",
    "serialize",
    "deserialize",
    "as_ref",
    "borrow",
    "deref",
    "next",
    "add",
    "sub",
    "mul",
    "div",
    "neg",
    "not",
    // clippy's `new_ret_no_self`: a method `new` must return `Self`.
    "new",
    "DOC_URLS",
    "doc_url",
];

/// How the language spells code and value types.
const TYPES: TypeNames = TypeNames {
    int_code: "i32",
    string_code: "&'static str",
    int_param: "i32",
    string_param: "&str",
    int_to_text: "&code.to_string()",
    string_to_text: "code",
    bool: "bool",
    list: ("&'static [", "]"),
    text: "&'static str",
};

/// Every name the generated code declares; validation checks catalog names against it.
const API: Api = Api {
    keywords: &[KEYWORDS, STANDARD_CRATES],
    file: RESERVED_TYPES,
    derived: &[],
    locale_type: "CatalogLocale",
    set_members: SET_MEMBERS,
    enum_members: &["ALL", "LABELS", "identifier", "label", "label_in"],
    locale_members: &[
        "DEFAULT",
        "ALL",
        "tag",
        "from_tag",
        "matching",
        "matching_any",
        "lookup",
        "parts",
    ],
    // Associated types, named only as `<T as Trait>::…` or by the trait.
    set_trait_items: &["Err", "Error", "Raw"],
    attribute_members: &[
        (AttrName::Accessor, When::Always),
        (AttrName::Storage, When::Always),
        (AttrName::InAccessor, When::Text),
        (AttrName::OnAccessor, When::Dated),
        (AttrName::HistoryStorage, When::Dated),
    ],
    attribute_private: &[],
    helpers: &[
        Helper {
            scope: "Code",
            members: &[
                "Known",
                "Unknown",
                "known",
                "raw",
                // Trait items of `Code`'s impls.
                "Err",
                "fmt",
                "from",
                "from_str",
                "serialize",
                "deserialize",
            ],
        },
        Helper {
            scope: "CodeSet",
            members: &["Raw"],
        },
        Helper {
            scope: "sealed",
            members: &["Sealed"],
        },
        Helper {
            scope: "tests",
            members: &[
                "{set_lower}_codes_round_trip",
                "{set_lower}_unknown_codes_are_described",
            ],
        },
    ],
};

impl Oracle for Rust {
    fn boolean(&self, value: bool) -> String {
        value.to_string()
    }
    fn integer(&self, value: i32) -> String {
        value.to_string()
    }
    fn language(&self) -> &'static str {
        "Rust"
    }

    fn type_name(&self, name: &str) -> String {
        escape(name.to_string())
    }

    fn variant(&self, name: &str) -> String {
        escape(name.to_string())
    }

    fn member(&self, snake: &str) -> String {
        escape(snake.to_snake_case())
    }

    fn bool_member(&self, snake: &str) -> String {
        format!("is_{}", snake.to_snake_case())
    }

    fn string(&self, text: &str) -> String {
        naming::c_like_string(text, |n| format!("\\u{{{n:x}}}"), &[])
    }

    fn list(&self, items: &[String]) -> String {
        format!("&[{}]", items.join(", "))
    }

    fn enum_value(&self, type_name: &str, value: &str) -> String {
        format!("{type_name}::{value}")
    }

    fn api(&self) -> &'static Api {
        &API
    }

    fn types(&self) -> &'static TypeNames {
        &TYPES
    }

    fn package_problems(&self, names: &PackageNames) -> Vec<PackageProblem> {
        // The crate's library name: `faceid-codes` is `faceid_codes` in `use`.
        let lib = names.name.replace('-', "_");
        let clash = if STANDARD_CRATES.contains(&lib.as_str()) {
            "the name of a standard Rust crate"
        } else if KEYWORDS.contains(&lib.as_str()) {
            "a Rust keyword"
        } else {
            return Vec::new();
        };
        vec![PackageProblem {
            key: PackageKey::Name,
            message: format!(
                "the Rust crate `{}` would be named `{lib}`, {clash}",
                names.name
            ),
            hint: "choose another catalog name, e.g. `my-codes`".into(),
        }]
    }
}

impl Backend for Rust {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn folder(&self) -> &'static str {
        "rust"
    }

    fn matching(&self) -> Matching {
        Matching::Open("#[non_exhaustive]")
    }

    /// The crate is named like the catalog.
    fn package(&self, model: &Model) -> Option<String> {
        Some(model.name.clone())
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        Some(self)
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        let view = CatalogView::spell(catalog.shared, self);
        let manifest = Manifest {
            header: &catalog.shared.header,
            version: &model.version,
            rust_version: RUST_VERSION,
            license: model.license.as_deref().map(naming::toml_string),
            repository: model.repository.as_deref().map(naming::toml_string),
            homepage: model.homepage.as_deref().map(naming::toml_string),
            name: &model.name,
            description: naming::toml_string(model.title.get(model.default_locale())),
        };
        vec![
            file("rust/Cargo.toml", &manifest),
            file(
                "rust/src/lib.rs",
                &Lib {
                    view: &view,
                    aliases: doc_aliases(model, &view),
                },
            ),
            file(
                "rust/rustfmt.toml",
                &RustFmt {
                    header: &catalog.shared.header,
                },
            ),
        ]
    }
}

/// `rustfmt.toml`: only its header line varies.
#[derive(Template)]
#[template(path = "rust/rustfmt.toml", escape = "none")]
struct RustFmt<'a> {
    header: &'a str,
}

#[derive(Template)]
#[template(path = "rust/lib.rs", escape = "none")]
struct Lib<'a> {
    view: &'a CatalogView,
    /// Per set, per entry: the `#[doc(alias)]` literals of the variant.
    aliases: Vec<Vec<Vec<String>>>,
}

/// The codes rustdoc's search should find a variant by: every code of the entry
/// (the canonical one first) as the catalog writes it, minus those rustdoc rejects
/// as an alias (quotes, whitespace other than inner spaces, controls, the
/// variant's own name) and repeats.
fn doc_aliases(model: &crate::model::Model, view: &CatalogView) -> Vec<Vec<Vec<String>>> {
    model
        .sets
        .iter()
        .zip(&view.sets)
        .map(|(set, set_view)| {
            set.entries
                .iter()
                .zip(&set_view.entries)
                .map(|(entry, entry_view)| {
                    let name = entry_view.variant.trim_start_matches("r#");
                    // Repeats found through a set: linear in the entry's codes.
                    let mut seen = std::collections::HashSet::new();
                    entry
                        .codes
                        .iter()
                        .filter_map(|code| doc_alias(&code.to_string(), name))
                        .filter(|literal| seen.insert(literal.clone()))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// `code` as the literal of a `#[doc(alias)]` on the variant `name`, unless rustc
/// rejects it there (quotes, whitespace but inner spaces, the item's own name)
/// or it holds a backtick, backslash or control character.
fn doc_alias(code: &str, name: &str) -> Option<String> {
    let rejected = code.is_empty()
        || code.starts_with(' ')
        || code.ends_with(' ')
        || code == name
        || code.chars().any(|c| {
            matches!(c, '"' | '\'' | '`' | '\\')
                || c.is_control()
                || (c.is_whitespace() && c != ' ')
        });
    (!rejected).then(|| Rust.string(code))
}

#[derive(Template)]
#[template(path = "rust/Cargo.toml", escape = "none")]
struct Manifest<'a> {
    header: &'a str,
    /// A semantic version: only `[0-9A-Za-z.+-]`, safe in a TOML string.
    version: &'a str,
    rust_version: &'static str,
    /// The catalog's package metadata as TOML strings, when it has them.
    license: Option<String>,
    repository: Option<String>,
    homepage: Option<String>,
    name: &'a str,
    /// The catalog title as a TOML basic string.
    description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(Rust.variant("Self"), "Self_");
        assert_eq!(Rust.member("in"), "r#in");
        assert_eq!(Rust.member("type"), "r#type");
        assert_eq!(Rust.member("billable"), "billable");
        assert_eq!(Rust.bool_member("async"), "is_async");
    }

    #[test]
    fn doc_aliases_are_codes_rustdoc_accepts() {
        assert_eq!(doc_alias("-5020", "Liveness").as_deref(), Some("\"-5020\""));
        assert_eq!(doc_alias("a b", "Liveness").as_deref(), Some("\"a b\""));
        assert_eq!(doc_alias("中文", "Liveness").as_deref(), Some("\"中文\""));
        for bad in [
            "", " a", "a ", "a\"b", "a'b", "a`b", "a\\b", "a\tb", "a\nb", "a\u{7}",
        ] {
            assert_eq!(doc_alias(bad, "Liveness"), None, "{bad:?}");
        }
        assert_eq!(doc_alias("Liveness", "Liveness"), None);
    }

    #[test]
    fn strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(Rust.string("a\"b\\c\n\u{7}"), "\"a\\\"b\\\\c\\n\\u{7}\"");
        assert_eq!(Rust.string("中文 ${x}"), "\"中文 ${x}\"");
    }
}
