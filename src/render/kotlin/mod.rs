//! Kotlin: one file, standard library only (fits Kotlin Multiplatform common
//! code), in `kotlin/<package path>/`: per set an enum class, or above
//! [`ENUM_LIMIT`] entries a class of shared instances with the same members;
//! the entries' data lives in packed string tables, laid out by `layout` as
//! data that `templates/kotlin/Codes.kt` prints. Spelling: UpperCamel types,
//! SCREAMING_SNAKE enum constants, lowerCamel members in backticks when they
//! are keywords.

mod android;
mod layout;

use askama::Template;
use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use android::android_strings;
pub use android::{RES_DIR, ResourceNames, android_qualifier, android_string, resource_names};
pub use layout::ENUM_LIMIT;
use layout::{Cells, Column, Helpers, Lookup, PastColumn, PastStep, TABLE_CONSTANT, Tables};
// The template matches on these.
use layout::{Body, CodeTable, FindChunk, Params, Search};

use super::api::{Api, AttrName, Derived, DerivedFrom, Helper, When};
use super::backend::{Backend, Catalog, Matching, Setting, file};
use super::naming::{
    self, Oracle, PackageKey, PackageNames, PackageProblem, TypeNames, lower_camel,
};
use super::view::{AttributeView, CatalogView, EnumView, SetView};
use crate::model::{AttrKind, Code, CodeSet, Model, Text, Value};
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
    // Nested in every set class: inside it, the name means the nested class.
    "Received",
    // Annotations used unqualified: a type of the package would take their place.
    "Deprecated",
    "Suppress",
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
    // Annotations used unqualified.
    "JvmField",
    "JvmOverloads",
    "JvmStatic",
    "ReplaceWith",
    // Values and functions beside the types.
    "CATALOG_VERSION",
    "CATALOG_HASH",
    "UNKNOWN_CODE",
    "describeUnknown",
    "_before",
    "_digit",
    "_find",
    "_int",
    "_list",
    "_num",
    "_text",
    "_findText",
    "_join",
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
    "messageResourceName",
    "hintResourceName",
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
    "docUrl",
    // Nested types: the companion, the received value and the packed tables.
    "Companion",
    "Received",
    "_Data",
    "_Find{n}",
    "_Rows{n}",
];

/// Members of a set's packed table objects: per attribute `a0`, `a0Past`, ….
const TABLE_MEMBERS: &[&str] = &[
    "D{n}",
    "a{n}",
    "a{n}Past",
    "code",
    "codes",
    "docAnchor",
    "hint",
    "identifier",
    "message",
    "name",
    "resource",
];

/// How the language spells code and value types.
const TYPES: TypeNames = TypeNames {
    int_code: "Int",
    string_code: "String",
    int_param: "Int",
    string_param: "String",
    int_to_text: "code.toString()",
    string_to_text: "code",
    bool: "Boolean",
    list: ("List<", ">"),
    text: "String",
};

/// Every name the generated code declares; validation checks catalog names against it.
const API: Api = Api {
    keywords: &[KEYWORDS, ENUM_MEMBERS],
    file: RESERVED_TYPES,
    derived: &[EXCEPTION, TABLES],
    locale_type: "CatalogLocale",
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
        "_Data",
        "_Rows{n}",
    ],
    locale_members: &[
        "Companion",
        "tag",
        "DEFAULT",
        "fromTag",
        "matching",
        "matchingAny",
        "lookup",
        "Parts",
        "name",
        "ordinal",
        "entries",
        "values",
        "valueOf",
    ],
    set_trait_items: &[],
    attribute_members: &[
        (AttrName::Accessor, When::Always),
        (AttrName::Field, When::Text),
        (AttrName::InAccessor, When::Text),
        (AttrName::OnAccessor, When::Dated),
        (AttrName::HistoryField, When::Dated),
    ],
    attribute_private: &[],
    helpers: &[
        Helper {
            scope: "CatalogLocale.Companion",
            members: &[
                "DEFAULT",
                "Parts",
                "fromTag",
                "lookup",
                "matching",
                "matchingAny",
            ],
        },
        Helper {
            scope: "CatalogLocale.Companion.Parts",
            members: &["Companion", "language", "region", "tag"],
        },
        Helper {
            scope: "CatalogLocale.Companion.Parts.Companion",
            members: &["of"],
        },
        Helper {
            scope: "{enum}._Data",
            members: &["identifier", "label"],
        },
        Helper {
            scope: "{enum}._Rows{n}",
            members: &["D{n}", "identifier", "label"],
        },
        Helper {
            scope: "{set}.Companion",
            // Above `ENUM_LIMIT` entries, the set is a class whose entries are
            // its companion's properties.
            members: &["describe", "entries", "fromCode", "{entry}"],
        },
        Helper {
            scope: "{set}.Received",
            members: &[
                "Companion",
                "equals",
                "hashCode",
                "known",
                "messageIn",
                "raw",
                "toString",
            ],
        },
        Helper {
            scope: "{set}.Received.Companion",
            members: &["of"],
        },
        Helper {
            scope: "{set}._Data",
            members: TABLE_MEMBERS,
        },
        Helper {
            scope: "{set}._Rows{n}",
            members: TABLE_MEMBERS,
        },
        Helper {
            scope: "{set}._Find{n}",
            members: &["D{n}", "index"],
        },
        Helper {
            scope: "{error_set}Exception",
            members: &["code", "locale", "received"],
        },
    ],
};

impl Oracle for Kotlin {
    fn boolean(&self, value: bool) -> String {
        value.to_string()
    }
    fn integer(&self, value: i32) -> String {
        value.to_string()
    }
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
        naming::tagged_block_doc(prose)
    }

    fn list(&self, items: &[String]) -> String {
        format!("listOf({})", items.join(", "))
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
        let (package, key) = match names.setting(PACKAGE.key) {
            Some(package) => (package.to_string(), PackageKey::Setting(PACKAGE.key)),
            None => (names.name.replace('-', "."), PackageKey::Name),
        };
        let from = match key {
            PackageKey::Name => {
                " (from the catalog name; set `package` in `[targets.kotlin]` to choose another)"
            }
            PackageKey::Setting(_) => "",
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
}

/// An error set's exception class.
fn exception_name(set: &str) -> String {
    EXCEPTION.name(set)
}

const EXCEPTION: Derived = Derived {
    prefix: "",
    suffix: "Exception",
    from: DerivedFrom::ErrorSet,
};
/// The table objects `D0`, `D1`, …: an enum of that name in `D0.entries` there
/// would mean the table instead of the enum.
const TABLES: Derived = Derived {
    prefix: TABLE_CONSTANT,
    suffix: "",
    from: DerivedFrom::Number,
};

impl Backend for Kotlin {
    fn name(&self) -> &'static str {
        NAME
    }

    fn folder(&self) -> &'static str {
        "kotlin"
    }

    fn matching(&self) -> Matching {
        Matching::Exhaustive("Kotlin `when`")
    }

    fn settings(&self) -> &'static [Setting] {
        &[PACKAGE]
    }

    fn package(&self, model: &Model) -> Option<String> {
        Some(package(model))
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        Some(self)
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        let view = CatalogView::spell(catalog.shared, self);
        let package = package(model);
        let path = format!("{}/{}.kt", source_dir(model), file_name(model));
        let resources = resource_names(model);
        let mut helpers = Helpers::default();
        let enums = view
            .enums
            .iter()
            .enumerate()
            .map(|(index, e)| enum_code(model, index, e, &mut helpers))
            .collect();
        let sets = model
            .sets
            .iter()
            .zip(&view.sets)
            .zip(&resources)
            .map(|((set, set_view), names)| set_code(model, set, set_view, names, &mut helpers))
            .collect();
        let mut files = vec![file(
            &path,
            &KotlinFile {
                enums,
                sets,
                helpers,
                view: &view,
                package,
                enum_limit: ENUM_LIMIT,
            },
        )];
        files.extend(android_strings(model, &resources, &catalog.shared.header));
        files.extend(build_files(model, &catalog.shared.header));
        files
    }
}

/// The Kotlin compiler the tests use, and the one the build files ask for.
pub const KOTLIN_VERSION: &str = "2.4.20";

/// The module's coordinates: group (the package), artifact (the catalog name), version.
pub fn coordinates(model: &Model) -> (String, String, String) {
    (package(model), model.name.clone(), model.version.clone())
}

#[derive(Template)]
#[template(path = "kotlin/build.gradle.kts", escape = "none")]
struct GradleBuild {
    header: String,
    kotlin_version: &'static str,
    /// The rest are Kotlin string literals.
    group: String,
    artifact: String,
    version: String,
    title: String,
    url: Option<String>,
    license: Option<String>,
    repository: Option<String>,
}

#[derive(Template)]
#[template(path = "kotlin/settings.gradle.kts", escape = "none")]
struct GradleSettings {
    header: String,
    /// A Kotlin string literal.
    artifact: String,
}

#[derive(Template)]
#[template(path = "kotlin/pom.xml", escape = "none")]
struct Pom {
    header: String,
    kotlin_version: &'static str,
    /// The rest are escaped XML text.
    group: String,
    artifact: String,
    version: String,
    title: String,
    url: Option<String>,
    license: Option<String>,
    repository: Option<String>,
}

/// XML character data (and attribute values).
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `kotlin/build.gradle.kts` (with its `settings.gradle.kts`) and `kotlin/pom.xml`: the module's coordinates and
/// POM metadata from the catalog, sources in `src/main/kotlin`.
fn build_files(model: &Model, header: &str) -> Vec<GeneratedFile> {
    let (group, artifact, version) = coordinates(model);
    let title = model.title.get(model.default_locale());
    let url = model.homepage.as_ref().or(model.repository.as_ref());
    let k = |s: &str| Kotlin.string(s);
    // Kotlin line comments end at a line break.
    let header_line = header.replace(['\n', '\r'], " ");
    vec![
        file(
            "kotlin/build.gradle.kts",
            &GradleBuild {
                header: header_line.clone(),
                kotlin_version: KOTLIN_VERSION,
                group: k(&group),
                artifact: k(&artifact),
                version: k(&version),
                title: k(title),
                url: url.map(|u| k(u)),
                license: model.license.as_deref().map(k),
                repository: model.repository.as_deref().map(k),
            },
        ),
        file(
            "kotlin/settings.gradle.kts",
            &GradleSettings {
                header: header_line.clone(),
                artifact: k(&artifact),
            },
        ),
        file(
            "kotlin/pom.xml",
            &Pom {
                header: super::naming::xml_comment(&header_line),
                kotlin_version: KOTLIN_VERSION,
                group: xml_text(&group),
                artifact: xml_text(&artifact),
                version: xml_text(&version),
                title: xml_text(title),
                url: url.map(|u| xml_text(u)),
                license: model.license.as_deref().map(xml_text),
                repository: model.repository.as_deref().map(xml_text),
            },
        ),
    ]
}

/// Where the Kotlin sources go: a Gradle module's `src/main/kotlin/<package path>`.
pub fn source_dir(model: &Model) -> String {
    format!(
        "kotlin/src/main/kotlin/{}",
        package(model).replace('.', "/")
    )
}

/// The package: `[targets.kotlin] package`, or one derived from the catalog name.
pub fn package(model: &Model) -> String {
    model
        .setting(NAME, PACKAGE.key)
        .map_or_else(|| model.name.replace('-', "."), str::to_string)
}

/// The backend's name, and its `[targets.kotlin]` table's.
const NAME: &str = "kotlin";
const PACKAGE: Setting = Setting {
    key: "package",
    about: "the Kotlin package (default: the catalog name with `.` for `-`)",
    check: naming::dotted_lower_case,
};

/// The file name (without `.kt`), e.g. `FaceidCodes`.
pub fn file_name(model: &Model) -> String {
    model.name.to_upper_camel_case()
}

#[derive(Template)]
#[template(path = "kotlin/Codes.kt", escape = "none")]
struct KotlinFile<'a> {
    view: &'a CatalogView,
    package: String,
    enums: Vec<EnumCode<'a>>,
    sets: Vec<SetCode<'a>>,
    helpers: Helpers,
    enum_limit: usize,
}

/// One set, ready to print. Its data lives in string constants of private
/// nested objects (packed: texts joined, numbers as 15-bit chars), which cost
/// no static initializer and compile fast; the type only names the entries.
struct SetCode<'a> {
    view: &'a SetView,
    /// Above [`ENUM_LIMIT`]: a class with preallocated instances.
    large: bool,
    attributes: Vec<AttributeCode<'a>>,
    /// The exception class of an `error = true` set, e.g. `SdkCodeException`.
    exception: Option<String>,
    /// The literal `"<catalog>__<set>__"` of its Android resource names.
    resource_prefix: String,
    /// The literal of everything before the anchor in this set's doc URLs, when
    /// the catalog sets `docs_url`.
    doc_url_prefix: Option<String>,
    tables: Tables,
    lookup: Lookup,
}

struct AttributeCode<'a> {
    view: &'a AttributeView,
    /// The table function, e.g. `a0`; dated attributes also have `a0Past`.
    column: String,
}

/// One catalog enum, ready to print: bare constants (a constructor call with a
/// label per locale for each would put values × locales literals in the enum's
/// static initializer, past the JVM's 64 KB method limit at 500 values and 100
/// locales); identifiers and labels live in packed tables like a set's.
struct EnumCode<'a> {
    view: &'a EnumView,
    tables: Tables,
}

/// The columns of a set's tables come from the view where it spells what they
/// hold (names, doc URLs, the literals of past values); packing needs the raw
/// texts, codes and enum ordinals, which only the model has.
fn set_code<'a>(
    model: &Model,
    set: &CodeSet,
    view: &'a SetView,
    resources: &ResourceNames,
    helpers: &mut Helpers,
) -> SetCode<'a> {
    let k = &Kotlin;
    let locales = &model.locales;
    let localized = |text: &Text| -> Vec<Option<String>> {
        locales
            .iter()
            .map(|l| Some(text.get(l).to_string()))
            .collect()
    };
    let one = |text: &str| vec![Some(text.to_string())];
    let column = |name: &str, ty: &str, cells: Cells| Column {
        name: name.into(),
        ty: ty.into(),
        nullable: false,
        localized: false,
        cells,
    };
    debug_assert!(
        set.entries
            .iter()
            .zip(&view.entries)
            .all(|(e, v)| v.canonical
                == match &e.codes[0] {
                    Code::Int(n) => k.integer(*n),
                    Code::Str(s) => k.string(s),
                }),
        "the view's entries are the model's, in order"
    );
    let text = k.text_type();
    let large = view.entries.len() > ENUM_LIMIT;
    let mut columns = Vec::new();
    if large {
        columns.push(column(
            "name",
            text,
            Cells::Texts(view.entries.iter().map(|e| one(&e.variant)).collect()),
        ));
    }
    let codes: Vec<Vec<Code>> = set.entries.iter().map(|e| e.codes.clone()).collect();
    columns.push(column(
        "codes",
        view.code_type,
        Cells::Codes(set.key, codes.clone()),
    ));
    columns.push(column(
        "identifier",
        text,
        Cells::Texts(set.entries.iter().map(|e| one(&e.name)).collect()),
    ));
    columns.push(column(
        "resource",
        text,
        Cells::Texts(resources.entries.iter().map(|part| one(part)).collect()),
    ));
    // Doc URLs share everything up to the `#` (anchors are percent-encoded, so hold
    // none): the prefix is one literal, the anchors a packed column.
    let doc_url_prefix = view
        .entries
        .first()
        .and_then(|e| e.doc_url.as_deref())
        .map(|u| {
            let prefix = &u[..=u.rfind('#').expect("a doc URL has an anchor")];
            debug_assert!(
                view.entries
                    .iter()
                    .all(|e| e.doc_url.as_deref().is_some_and(|u| u.starts_with(prefix))),
                "every doc URL of a set shares the prefix"
            );
            prefix.to_string()
        });
    if let Some(prefix) = &doc_url_prefix {
        columns.push(column(
            "docAnchor",
            text,
            Cells::Texts(
                view.entries
                    .iter()
                    .map(|e| vec![e.doc_url.as_deref().map(|u| u[prefix.len()..].to_string())])
                    .collect(),
            ),
        ));
    }
    columns.push(Column {
        localized: true,
        ..column(
            "message",
            text,
            Cells::Texts(set.entries.iter().map(|e| localized(&e.message)).collect()),
        )
    });
    columns.push(Column {
        localized: true,
        nullable: true,
        ..column(
            "hint",
            text,
            Cells::Texts(
                set.entries
                    .iter()
                    .map(|e| match &e.hint {
                        Some(h) => localized(h),
                        None => vec![None; locales.len()],
                    })
                    .collect(),
            ),
        )
    });
    let mut pasts = Vec::new();
    let mut attributes = Vec::new();
    for (index, (attribute, a)) in set.attributes.iter().zip(&view.attributes).enumerate() {
        let name = format!("a{index}");
        let current = |e: &crate::model::Entry| e.values[index].current.clone();
        let cells = match attribute.kind {
            AttrKind::Text => Cells::Texts(
                set.entries
                    .iter()
                    .map(|e| match current(e) {
                        Value::Text(t) => localized(&t),
                        _ => unreachable!("a text attribute holds texts"),
                    })
                    .collect(),
            ),
            AttrKind::Bool => Cells::Bools(
                set.entries
                    .iter()
                    .map(|e| current(e) == Value::Bool(true))
                    .collect(),
            ),
            AttrKind::Enum(e) => Cells::Enum(
                k.type_name(&model.enums[e].name),
                set.entries
                    .iter()
                    .map(|e| match current(e) {
                        Value::Enum(v) => v.index,
                        _ => unreachable!("an enum attribute holds enum values"),
                    })
                    .collect(),
            ),
            AttrKind::List(e) => {
                helpers.lists = true;
                Cells::List(
                    k.type_name(&model.enums[e].name),
                    set.entries
                        .iter()
                        .map(|e| match current(e) {
                            Value::List(items) => items.iter().map(|v| v.index).collect(),
                            _ => unreachable!("a list attribute holds lists"),
                        })
                        .collect(),
                )
            }
        };
        // One value as stored: a text attribute's in one locale.
        columns.push(Column {
            localized: attribute.kind == AttrKind::Text,
            ..column(&name, &a.on_type, cells)
        });
        if attribute.has_changes {
            let values = set
                .entries
                .iter()
                .zip(&a.values)
                .map(|(entry, value)| {
                    let history = &entry.values[index].history;
                    value
                        .history
                        .iter()
                        .zip(history)
                        .map(|(past, raw)| PastStep {
                            year: past.year,
                            month: past.month,
                            day: past.day,
                            // The dated accessor answers a text in the default locale.
                            literal: match &raw.value {
                                Value::Text(t) => k.string(t.get(model.default_locale())),
                                _ => past.literal.clone(),
                            },
                        })
                        .collect()
                })
                .collect();
            pasts.push(PastColumn {
                name: format!("{name}Past"),
                ty: a.on_type.clone(),
                values,
            });
        }
        attributes.push(AttributeCode {
            view: a,
            column: name,
        });
    }
    let count = view.entries.len();
    SetCode {
        view,
        large,
        attributes,
        exception: view.is_error.then(|| exception_name(&view.name)),
        resource_prefix: k.string(&resources.prefix),
        doc_url_prefix: doc_url_prefix.map(|p| k.string(&p)),
        tables: layout::tables(&columns, &pasts, count, helpers, k),
        lookup: layout::lookup(set.key, &codes, helpers, k),
    }
}

fn enum_code<'a>(
    model: &Model,
    index: usize,
    view: &'a EnumView,
    helpers: &mut Helpers,
) -> EnumCode<'a> {
    let def = &model.enums[index];
    let text = Kotlin.text_type();
    let columns = [
        Column {
            name: "identifier".into(),
            ty: text.into(),
            nullable: false,
            localized: false,
            cells: Cells::Texts(
                def.values
                    .iter()
                    .map(|v| vec![Some(v.name.clone())])
                    .collect(),
            ),
        },
        Column {
            name: "label".into(),
            ty: text.into(),
            nullable: false,
            localized: true,
            cells: Cells::Texts(
                def.values
                    .iter()
                    .map(|v| {
                        model
                            .locales
                            .iter()
                            .map(|l| Some(v.label.get(l).to_string()))
                            .collect()
                    })
                    .collect(),
            ),
        },
    ];
    EnumCode {
        view,
        tables: layout::tables(&columns, &[], def.values.len(), helpers, &Kotlin),
    }
}

#[cfg(test)]
mod tests {
    use super::layout::{MAX_WHEN_BUCKET, STRING_CODES_PER_CHUNK, string_hash};
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(Kotlin.variant("LivenessFailed5026"), "LIVENESS_FAILED5026");
        assert_eq!(Kotlin.member("in"), "`in`");
        assert_eq!(Kotlin.member("name"), "nameValue");
        assert_eq!(Kotlin.string("$x ${x} \"\\"), "\"\\$x \\${x} \\\"\\\\\"");
        assert_eq!(Kotlin.string("\u{7}"), "\"\\u0007\"");
        assert_eq!(android_qualifier("en"), "en");
        assert_eq!(android_qualifier("zh-CN"), "zh-rCN");
        assert_eq!(android_qualifier("zh-Hans-CN"), "b+zh+Hans+CN");
        assert_eq!(android_qualifier("es-419"), "b+es+419");
        assert_eq!(android_string("@a ?b"), "\\@a ?b");
        assert_eq!(android_string(" a  b "), "\\u0020a\\u0020\\u0020b\\u0020");
        assert_eq!(
            android_string("it's \"x\" <&>"),
            "it\\'s \\\"x\\\" &lt;&amp;&gt;"
        );
        assert_eq!(android_string("a\\b\nc\td\u{1}"), "a\\\\b\\nc\\td\\u0001");
        assert_eq!(
            Kotlin.doc("a */ b /* c @suppress"),
            vec!["a *\\/ b /\\* c &#64;suppress"]
        );
    }

    /// A constant over the limit is pieces joined at run time, each piece's
    /// value within the limit; one that fits stays one constant.
    #[test]
    fn long_constants_are_joined_from_pieces() {
        let long = format!("{}\"", "𝄞".repeat(10_001));
        let texts = |text: &str| Cells::Texts(vec![vec![Some(text.to_string())]]);
        let columns = [
            Column {
                name: "short".into(),
                ty: "String".into(),
                nullable: false,
                localized: false,
                cells: texts("short"),
            },
            Column {
                name: "long".into(),
                ty: "String".into(),
                nullable: false,
                localized: false,
                cells: texts(&long),
            },
        ];
        let mut helpers = Helpers::default();
        let tables = layout::tables(&columns, &[], 1, &mut helpers, &Kotlin);
        assert!(helpers.joins);
        let [chunk] = tables.chunks.as_slice() else {
            panic!("one row, one chunk")
        };
        let constants: Vec<(&str, Vec<(&str, &str)>)> = chunk
            .reads
            .iter()
            .flat_map(|r| &r.constants)
            .map(|c| {
                let pieces = c
                    .pieces
                    .iter()
                    .map(|p| (p.name.as_str(), p.literal.as_str()));
                (c.name.as_str(), pieces.collect())
            })
            .collect();
        // Texts, then offsets; the long text is D2 and D3, joined as D4.
        assert_eq!(constants[0], ("D0", vec![("D0", "\"short\"")]));
        assert_eq!(constants[1].0, "D1");
        let (name, pieces) = &constants[2];
        assert_eq!(*name, "D4");
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].0, "D2");
        assert!(pieces[0].1.starts_with("\"𝄞"));
        assert_eq!(pieces[1], ("D3", "\"𝄞\\\"\""));
        assert_eq!(constants[3].0, "D5");
    }

    /// Codes of equal `String.hashCode` stay in one lookup chunk; a chunk with
    /// more than [`MAX_WHEN_BUCKET`] of them is a sorted table, so no `when`
    /// holds more than a chunk's codes plus a small bucket, whatever collides.
    #[test]
    fn colliding_string_codes_make_a_table_not_a_huge_when() {
        let mut catalog = String::from(
            "[catalog]\nname = \"clash\"\nversion = \"1.0.0\"\ntitle = { en = \"C\" }\nlocales = [\"en\"]\nyes = { en = \"Y\" }\nno = { en = \"N\" }\nunknown_code = { en = \"U {code}\" }\n[[section]]\nid = \"main\"\ntitle = { en = \"M\" }\n[[set]]\nname = \"ClashCode\"\nsection = \"main\"\nkey = \"string\"\ncode_label = { en = \"C\" }\nmessage_label = { en = \"M\" }\n",
        );
        // 4,096 strings of 12 `Aa`/`BB` blocks (one hash), 16 per entry, and 2,000 others.
        let clashing: Vec<String> = (0..4096u32)
            .map(|n| {
                (0..12)
                    .map(|bit| if n >> bit & 1 == 0 { "Aa" } else { "BB" })
                    .collect()
            })
            .collect();
        assert!(
            clashing
                .iter()
                .all(|c| string_hash(c) == string_hash(&clashing[0]))
        );
        for (n, codes) in clashing.chunks(16).enumerate() {
            let mut codes: Vec<String> = codes.iter().map(|c| format!("\"{c}\"")).collect();
            for k in 0..8 {
                codes.push(format!("\"other-{n}-{k}\""));
            }
            catalog.push_str(&format!(
                "[[set.entry]]\nname = \"Clash{n}\"\ncodes = [{}]\nmessage = {{ en = \"C{n}\" }}\n",
                codes.join(", ")
            ));
        }
        let model = crate::load_str(&catalog).unwrap();
        let set = &model.sets[0];
        let codes: Vec<Vec<Code>> = set.entries.iter().map(|e| e.codes.clone()).collect();
        let mut helpers = Helpers::default();
        let lookup = layout::lookup(set.key, &codes, &mut helpers, &Kotlin);
        assert!(helpers.text_tables);
        assert!(lookup.hashed, "several chunks are picked by hash");
        assert!(lookup.chunks.len() > 2, "{} chunks", lookup.chunks.len());
        let tables = lookup
            .chunks
            .iter()
            .filter(|c| matches!(c, FindChunk::Sorted { .. }))
            .count();
        assert_eq!(tables, 1, "one chunk holds the 4,096 colliding codes");
        for chunk in &lookup.chunks {
            if let FindChunk::When(arms) = chunk {
                assert!(
                    arms.len() <= STRING_CODES_PER_CHUNK + MAX_WHEN_BUCKET,
                    "{} arms",
                    arms.len()
                );
            }
        }
        // As printed: the hash picks the chunk, one of which is a table.
        let shared = crate::render::view::Shared::build(&model, "clash.toml");
        let files = Kotlin.render(&Catalog {
            model: &model,
            source: "clash.toml",
            shared: &shared,
        });
        let source = &files[0].contents;
        assert!(
            source.contains("            val h = code.hashCode()\n            val i = if (h < ")
        );
        assert_eq!(
            source
                .matches("fun index(code: String): Int = _findText(")
                .count(),
            1
        );
    }

    #[test]
    fn table_constants_are_reserved_type_names() {
        for name in ["D0", "D17", "Received", "Deprecated"] {
            assert!(Kotlin.api().reserves_type(name), "{name}");
        }
        for name in ["D", "Da", "D0a", "Data", "SdkCode"] {
            assert!(!Kotlin.api().reserves_type(name), "{name}");
        }
        assert_eq!(
            Kotlin.api().companions("SdkCode", true),
            vec!["SdkCodeException"]
        );
        assert!(Kotlin.api().companions("SdkCode", false).is_empty());
    }
}
