//! Kotlin: one file, standard library only (fits Kotlin Multiplatform common
//! code), in `kotlin/<package path>/`: per set an enum class, or above
//! [`ENUM_LIMIT`] entries a class of shared instances with the same members;
//! the entries' data lives in packed string tables (see `SetCode`).
//! Spelling: UpperCamel types, SCREAMING_SNAKE enum constants, lowerCamel
//! members in backticks when they are keywords.

use std::collections::HashMap;
use std::fmt::Write as _;

use askama::Template;
use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use super::api::{Api, AttrName, Derived, DerivedFrom, Helper, When};
use super::backend::{Backend, Catalog, Setting, SettingShape, file};
use super::naming::{
    self, Oracle, PackageKey, PackageNames, PackageProblem, TypeNames, lower_camel,
};
use super::view::{CatalogView, SetView};
use crate::model::{AttrKind, Code, CodeSet, KeyKind, Model, Text, Value};
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

/// Table constants are `D0`, `D1`, … in each private table object.
const TABLE_CONSTANT: &str = "D";

impl Backend for Kotlin {
    fn name(&self) -> &'static str {
        NAME
    }

    fn folder(&self) -> &'static str {
        "kotlin"
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

/// The Android resource folder beside them (`kotlin/src/main/res`).
pub const RES_DIR: &str = "kotlin/src/main/res";

/// One set's Android string resource names: `<catalog>__<set>__` and, per
/// entry, `<entry>` (all snake case), so that an entry's message is
/// `<catalog>__<set>__<entry>__message` and its hint `…__hint`. `__` never
/// occurs inside a snake-case part, so parts cannot run together; a part equal
/// to an earlier one (names that differ only in case) gets `_2`, `_3`, … in
/// catalog order.
pub struct ResourceNames {
    pub prefix: String,
    pub entries: Vec<String>,
}

/// Every set's [`ResourceNames`], in catalog order.
pub fn resource_names(model: &Model) -> Vec<ResourceNames> {
    use heck::ToSnakeCase;
    fn unique(taken: &mut std::collections::HashSet<String>, part: String) -> String {
        let mut name = part.clone();
        let mut n = 1;
        while !taken.insert(name.clone()) {
            n += 1;
            name = format!("{part}_{n}");
        }
        name
    }
    let catalog = model.name.to_snake_case();
    let mut sets = std::collections::HashSet::new();
    model
        .sets
        .iter()
        .map(|set| {
            let mut entries = std::collections::HashSet::new();
            ResourceNames {
                prefix: format!(
                    "{catalog}__{}__",
                    unique(&mut sets, set.name.to_snake_case())
                ),
                entries: set
                    .entries
                    .iter()
                    .map(|e| unique(&mut entries, e.name.to_snake_case()))
                    .collect(),
            }
        })
        .collect()
}

/// The Android qualifier of a BCP 47 tag: `en`, `zh-rCN` for language and
/// region, `b+zh+Hans+CN` for anything else (a script, a numeric region).
pub fn android_qualifier(tag: &str) -> String {
    let parts: Vec<&str> = tag.split(['-', '_']).collect();
    let alpha =
        |s: &str, n: &[usize]| n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic());
    match parts.as_slice() {
        [language] if alpha(language, &[2, 3]) => language.to_ascii_lowercase(),
        [language, region] if alpha(language, &[2, 3]) && alpha(region, &[2]) => format!(
            "{}-r{}",
            language.to_ascii_lowercase(),
            region.to_ascii_uppercase()
        ),
        _ => format!("b+{}", parts.join("+")),
    }
}

/// A text as the content of an Android `<string>`, by aapt2's rules: `\`, `'`
/// and `"` escaped with a backslash, `@` and `?` at the start too (they would
/// start a reference), newline and tab as `\n` and `\t`, a space that aapt2
/// would collapse or trim (leading, trailing, next to another space) and every
/// other character XML or aapt2 cannot hold literally as `\uXXXX`, then `&`,
/// `<` and `>` as XML entities.
pub fn android_string(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let space_kept =
            c == ' ' && i > 0 && i + 1 < chars.len() && chars[i - 1] != ' ' && chars[i + 1] != ' ';
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '@' | '?' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            ' ' if space_kept => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() || c == ' ' || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[derive(Template)]
#[template(path = "kotlin/strings.xml", escape = "none")]
struct StringsXml {
    header: String,
    strings: Vec<AndroidString>,
}

struct AndroidString {
    name: String,
    /// Escaped by [`android_string`].
    text: String,
    /// False when the text holds `%`: no format checks by aapt2 and lint.
    formatted: bool,
}

/// `values/strings.xml` (the default locale) and `values-<qualifier>/strings.xml`
/// per other locale: every entry's message and hint.
fn android_strings(model: &Model, names: &[ResourceNames], header: &str) -> Vec<GeneratedFile> {
    let header = super::naming::xml_comment(header);
    model
        .locales
        .iter()
        .enumerate()
        .map(|(l, locale)| {
            let mut strings = Vec::new();
            for (set, names) in model.sets.iter().zip(names) {
                for (entry, part) in set.entries.iter().zip(&names.entries) {
                    let mut push = |kind: &str, text: &str| {
                        strings.push(AndroidString {
                            name: format!("{}{part}__{kind}", names.prefix),
                            text: android_string(text),
                            formatted: !text.contains('%'),
                        });
                    };
                    push("message", entry.message.get(locale));
                    if let Some(hint) = &entry.hint {
                        push("hint", hint.get(locale));
                    }
                }
            }
            let folder = if l == 0 {
                "values".to_string()
            } else {
                format!("values-{}", android_qualifier(locale))
            };
            file(
                &format!("{RES_DIR}/{folder}/strings.xml"),
                &StringsXml {
                    header: header.clone(),
                    strings,
                },
            )
        })
        .collect()
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
    shape: SettingShape::DottedLowerCase,
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
    enums: Vec<EnumCode>,
    sets: Vec<SetCode>,
    helpers: Helpers,
    enum_limit: usize,
}

/// A set of at most this many entries is an `enum class` of bare constants; a
/// larger one is a final class of shared instances. A JVM enum's static
/// initializer (a constructor call per constant) reaches the 64 KB method limit
/// at about 2,900 bare constants, so 2,000 keeps a third of margin. It is no
/// lower because kotlinc handles an enum constant more cheaply than the class
/// shape's companion property (about 1 ms against 3 ms, and less heap): with
/// 1,000, the 50,000-code catalog (20 sets of 2,000) ran out of kotlinc's
/// default heap; with 2,000 it compiles in about 35 s.
pub const ENUM_LIMIT: usize = 2000;

/// Entries per table chunk (a private object), at most ...
const ROWS_PER_CHUNK: usize = 1000;
/// ... and fewer when one column's packed string would pass this many bytes:
/// the class file stores a string constant in at most 65,535 bytes (modified UTF-8).
const BYTES_PER_STRING: usize = 60_000;
/// ... but never fewer than this: one entry of thousands of codes would
/// otherwise make every chunk of its set one row (an object per entry). A chunk
/// whose packed string is longer still is written in pieces, joined at run time.
const MIN_ROWS_PER_CHUNK: usize = 50;
/// Int codes per lookup chunk (3 chars of at most 3 bytes each per code).
const CODES_PER_CHUNK: usize = 6000;
/// String codes per lookup chunk: one `when` each.
const STRING_CODES_PER_CHUNK: usize = 1000;
/// String codes of one hash a `when` chunk may hold; a chunk with more is a
/// sorted table searched by `_findText` (thousands of codes can share a hash:
/// every string of `Aa` and `BB` blocks of one length does).
const MAX_WHEN_BUCKET: usize = 8;
/// String codes per arm of that `when`: one. kotlinc resolves an arm's
/// conditions as a chain of `||`; an entry of 20,000 codes ran it out of its
/// default heap both with all of a chunk's codes in one arm and with 16 per arm.
const CODES_PER_ARM: usize = 1;

/// One set, ready to print. Its data lives in string constants of private
/// nested objects (packed: texts joined, numbers as 15-bit chars), which cost
/// no static initializer and compile fast; the type only names the entries.
struct SetCode {
    name: String,
    doc: Vec<String>,
    code_type: &'static str,
    code_to_text: &'static str,
    /// Above [`ENUM_LIMIT`]: a class with preallocated instances.
    large: bool,
    count: usize,
    entries: Vec<EntryCode>,
    attributes: Vec<AttributeCode>,
    /// The body of `fromCode` up to a local `i`, the entry index or -1.
    find: Vec<String>,
    /// The exception class of an `error = true` set, e.g. `SdkCodeException`.
    exception: Option<String>,
    /// The literal `"<catalog>__<set>__"` of its Android resource names.
    resource_prefix: String,
    /// The literal of everything before the anchor in this set's doc URLs, when
    /// the catalog sets `docs_url`.
    doc_url_prefix: Option<String>,
    /// The private objects holding the tables, indented one level.
    tables: String,
}

struct EntryCode {
    variant: String,
    doc: Vec<String>,
    index: usize,
    /// `@Deprecated`'s message literal and `ReplaceWith`'s variant.
    deprecated_message: Option<String>,
    deprecated_replacement: Option<String>,
}

struct AttributeCode {
    accessor: String,
    in_accessor: String,
    on_accessor: Option<String>,
    is_text: bool,
    value_type: String,
    on_type: String,
    summary: String,
    /// The table function, e.g. `a0`; dated attributes also have `a0Past`.
    column: String,
}

/// What one table holds per entry.
enum Cells {
    /// One text per entry and locale; `None` (no hint) reads as null.
    Texts(Vec<Vec<Option<String>>>),
    /// Every code of each entry, the canonical one first, and the set's key type.
    Codes(KeyKind, Vec<Vec<Code>>),
    Bools(Vec<bool>),
    /// Ordinals of an enum's values.
    Enum(String, Vec<usize>),
    List(String, Vec<Vec<usize>>),
}

struct Column {
    name: String,
    ty: String,
    cells: Cells,
}

/// A dated attribute's earlier values: per entry, the expression giving the
/// value on day (`year`, `month`, `day`), or `null` when today's applies.
struct PastColumn {
    name: String,
    ty: String,
    values: Vec<String>,
}

/// Which top-level helpers the file needs.
#[derive(Default, Clone, Copy)]
struct Helpers {
    ints: bool,
    lists: bool,
    /// `_join`: a packed string too long for one constant.
    joins: bool,
    /// `_findText`: a lookup chunk of string codes that is a sorted table.
    text_tables: bool,
}

fn set_code(
    model: &Model,
    set: &CodeSet,
    view: &SetView,
    resources: &ResourceNames,
    helpers: &mut Helpers,
) -> SetCode {
    let k = &Kotlin;
    let locales = &model.locales;
    let default = model.default_locale();
    let localized = |text: &Text| -> Vec<Option<String>> {
        locales
            .iter()
            .map(|l| Some(text.get(l).to_string()))
            .collect()
    };
    let value = |v: &Value| -> String {
        match v {
            Value::Bool(b) => k.boolean(*b),
            Value::Enum(e) => k.enum_value(&k.type_name(&e.type_name), &k.variant(&e.name)),
            Value::List(items) => k.list(
                &items
                    .iter()
                    .map(|e| k.enum_value(&k.type_name(&e.type_name), &k.variant(&e.name)))
                    .collect::<Vec<_>>(),
            ),
            Value::Text(t) => k.string(t.get(default)),
        }
    };
    debug_assert!(
        set.entries
            .iter()
            .zip(&view.entries)
            .all(|(e, v)| match &e.codes[0] {
                Code::Int(n) => v.canonical == n.to_string(),
                Code::Str(s) => v.canonical == k.string(s),
            }),
        "the view's canonical codes are the model's first codes"
    );
    let large = set.entries.len() > ENUM_LIMIT;
    let code_type = view.code_type;
    let column = |name: &str, ty: String, cells: Cells| Column {
        name: name.into(),
        ty,
        cells,
    };
    let mut columns = Vec::new();
    if large {
        columns.push(column(
            "name",
            "String".into(),
            Cells::Texts(
                view.entries
                    .iter()
                    .map(|e| vec![Some(e.variant.clone())])
                    .collect(),
            ),
        ));
    }
    columns.push(column(
        "codes",
        code_type.into(),
        Cells::Codes(
            set.key,
            set.entries.iter().map(|e| e.codes.clone()).collect(),
        ),
    ));
    columns.push(column(
        "identifier",
        "String".into(),
        Cells::Texts(
            set.entries
                .iter()
                .map(|e| vec![Some(e.name.clone())])
                .collect(),
        ),
    ));
    columns.push(column(
        "resource",
        "String".into(),
        Cells::Texts(
            resources
                .entries
                .iter()
                .map(|part| vec![Some(part.clone())])
                .collect(),
        ),
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
            "String".into(),
            Cells::Texts(
                view.entries
                    .iter()
                    .map(|e| vec![e.doc_url.as_deref().map(|u| u[prefix.len()..].to_string())])
                    .collect(),
            ),
        ));
    }
    columns.push(column(
        "message",
        "String".into(),
        Cells::Texts(set.entries.iter().map(|e| localized(&e.message)).collect()),
    ));
    columns.push(column(
        "hint",
        "String?".into(),
        Cells::Texts(
            set.entries
                .iter()
                .map(|e| match &e.hint {
                    Some(h) => localized(h),
                    None => vec![None; locales.len()],
                })
                .collect(),
        ),
    ));
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
        let ty = match attribute.kind {
            AttrKind::Text => "String".to_string(),
            _ => a.value_type.clone(),
        };
        columns.push(column(&name, ty, cells));
        if attribute.has_changes {
            let values = set
                .entries
                .iter()
                .map(|e| {
                    let history = &e.values[index].history;
                    if history.is_empty() {
                        return "null".to_string();
                    }
                    let mut expr = String::new();
                    for past in history {
                        let _ = write!(
                            expr,
                            "if (_before(year, month, day, {}, {}, {})) {} else ",
                            past.until.year,
                            past.until.month,
                            past.until.day,
                            value(&past.value)
                        );
                    }
                    expr.push_str("null");
                    expr
                })
                .collect();
            pasts.push(PastColumn {
                name: format!("{name}Past"),
                ty: format!("{}?", a.on_type),
                values,
            });
        }
        attributes.push(AttributeCode {
            accessor: a.names.accessor.clone(),
            in_accessor: a.names.in_accessor.clone(),
            on_accessor: a.names.on_accessor.clone(),
            is_text: attribute.kind == AttrKind::Text,
            value_type: a.value_type.clone(),
            on_type: a.on_type.clone(),
            summary: a.summary.clone(),
            column: name,
        });
    }
    let mut tables = String::new();
    write_tables(&mut tables, &columns, &pasts, set.entries.len(), helpers);
    let find = find_code(&mut tables, set, helpers);
    SetCode {
        name: view.name.clone(),
        doc: view.doc.clone(),
        code_type,
        code_to_text: view.code_to_text,
        large,
        count: set.entries.len(),
        entries: view
            .entries
            .iter()
            .enumerate()
            .map(|(index, e)| EntryCode {
                variant: e.variant.clone(),
                doc: e.doc.clone(),
                index,
                deprecated_message: e.deprecated_message.clone(),
                deprecated_replacement: e.deprecated_replacement.clone(),
            })
            .collect(),
        attributes,
        find,
        tables,
        exception: set.is_error.then(|| exception_name(&view.name)),
        resource_prefix: k.string(&resources.prefix),
        doc_url_prefix: doc_url_prefix.map(|p| k.string(&p)),
    }
}

/// The private objects holding `count` rows of `columns` (and `pasts`): `_Data`,
/// whose functions pick the chunk of row `i`, and one `_Rows<n>` per chunk.
/// Rows per chunk are the same for the whole table so that dispatch is
/// `i / rows`: the row with the longest cell decides, down to
/// MIN_ROWS_PER_CHUNK (a heavier row's constants are split and joined, see
/// `Constants::add`).
fn write_tables(
    out: &mut String,
    columns: &[Column],
    pasts: &[PastColumn],
    count: usize,
    helpers: &mut Helpers,
) {
    let heaviest = (0..count)
        .map(|i| {
            columns
                .iter()
                .map(|c| cell_bytes(&c.cells, i))
                .max()
                .unwrap_or(1)
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let rows = (BYTES_PER_STRING / heaviest).clamp(MIN_ROWS_PER_CHUNK, ROWS_PER_CHUNK);
    let chunks = count.div_ceil(rows).max(1);
    data_object(out, columns, pasts, rows, chunks);
    for chunk in 0..chunks {
        let range = chunk * rows..((chunk + 1) * rows).min(count);
        rows_object(out, chunk, range, columns, pasts, helpers);
    }
}

/// One catalog enum, ready to print: bare constants (a constructor call with a
/// label per locale for each would put values × locales literals in the enum's
/// static initializer, past the JVM's 64 KB method limit at 500 values and 100
/// locales); identifiers and labels live in packed tables like a set's.
struct EnumCode {
    name: String,
    doc_name: String,
    values: Vec<EnumValueCode>,
    /// The private objects holding the tables, indented one level.
    tables: String,
}

struct EnumValueCode {
    variant: String,
    doc: Vec<String>,
}

fn enum_code(
    model: &Model,
    index: usize,
    view: &super::view::EnumView,
    helpers: &mut Helpers,
) -> EnumCode {
    let def = &model.enums[index];
    let columns = [
        Column {
            name: "identifier".into(),
            ty: "String".into(),
            cells: Cells::Texts(
                def.values
                    .iter()
                    .map(|v| vec![Some(v.name.clone())])
                    .collect(),
            ),
        },
        Column {
            name: "label".into(),
            ty: "String".into(),
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
    let mut tables = String::new();
    write_tables(&mut tables, &columns, &[], def.values.len(), helpers);
    EnumCode {
        name: view.name.clone(),
        doc_name: view.doc_name.clone(),
        values: view
            .values
            .iter()
            .map(|v| EnumValueCode {
                variant: v.variant.clone(),
                doc: v.doc.clone(),
            })
            .collect(),
        tables,
    }
}

/// Bytes a text takes in a class file's constant pool (modified UTF-8): U+0000
/// takes 2, other BMP characters 1 to 3, and a character outside the BMP 6 (its
/// UTF-16 surrogates, 3 bytes each).
fn modified_utf8_len(text: &str) -> usize {
    text.chars().map(modified_utf8_char).sum()
}

fn modified_utf8_char(c: char) -> usize {
    match u32::from(c) {
        1..=0x7F => 1,
        0 | 0x80..=0x7FF => 2,
        0x800..=0xFFFF => 3,
        _ => 6,
    }
}

/// `text` cut into pieces of at most `limit` bytes of modified UTF-8 each, cut
/// between characters only (a surrogate pair is one `char`, so it is never
/// split), every piece but the last as full as the limit allows. An empty text
/// is one empty piece. `limit` must hold the widest character (6 bytes).
fn split_modified_utf8(text: &str, limit: usize) -> Vec<&str> {
    assert!(limit >= 6, "a piece holds at least one character");
    let mut pieces = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (at, c) in text.char_indices() {
        let width = modified_utf8_char(c);
        if bytes + width > limit {
            pieces.push(&text[start..at]);
            (start, bytes) = (at, 0);
        }
        bytes += width;
    }
    pieces.push(&text[start..]);
    pieces
}

/// How a packed value is written as a Kotlin literal.
#[derive(Clone, Copy)]
enum Literal {
    /// Catalog text, through [`Oracle::string`].
    Text,
    /// Characters that need no escape (15-bit digits from [`DIGIT_BIAS`], `0`
    /// and `1`), written as they are.
    Plain,
}

/// Names the string constants of one private object: `D0`, `D1`, …
#[derive(Default)]
struct Constants {
    next: usize,
}

impl Constants {
    fn name(&mut self) -> String {
        let name = format!("{TABLE_CONSTANT}{}", self.next);
        self.next += 1;
        name
    }

    /// Writes `value` as a constant of the object and returns its name. A value
    /// over [`BYTES_PER_STRING`] bytes of modified UTF-8 (a class file holds a
    /// string constant of at most 65,535) becomes several constants, joined once
    /// at run time into a `val` of that name.
    fn add(
        &mut self,
        out: &mut String,
        value: &str,
        literal: Literal,
        helpers: &mut Helpers,
    ) -> String {
        let write = |piece: &str| match literal {
            Literal::Text => Kotlin.string(piece),
            Literal::Plain => format!("\"{piece}\""),
        };
        let pieces = split_modified_utf8(value, BYTES_PER_STRING);
        if let [piece] = pieces.as_slice() {
            let name = self.name();
            let _ = writeln!(out, "        private const val {name} = {}", write(piece));
            return name;
        }
        helpers.joins = true;
        let parts: Vec<String> = pieces
            .iter()
            .map(|piece| {
                let name = self.name();
                let _ = writeln!(out, "        private const val {name} = {}", write(piece));
                name
            })
            .collect();
        let name = self.name();
        let _ = writeln!(
            out,
            "        private val {name}: String = _join({})",
            parts.join(", ")
        );
        name
    }
}

/// The most bytes entry `i` adds to one packed string of `cells`.
fn cell_bytes(cells: &Cells, i: usize) -> usize {
    match cells {
        Cells::Texts(texts) => texts[i]
            .iter()
            .map(|t| t.as_deref().map_or(0, modified_utf8_len) + 6)
            .max()
            .unwrap_or(0),
        Cells::Codes(_, codes) => {
            codes[i]
                .iter()
                .map(|c| match c {
                    Code::Int(_) => 9,
                    Code::Str(s) => modified_utf8_len(s) + 6,
                })
                .sum::<usize>()
                + 6
        }
        Cells::Bools(_) | Cells::Enum(..) => 3,
        Cells::List(_, lists) => lists[i].len() * 3 + 6,
    }
}

/// Packed digits are 15-bit numbers written as chars from U+0100 up: no
/// escapes (each escape would be one more token for kotlinc), no quote, no
/// control character, no surrogate.
const DIGIT_BIAS: u16 = 0x100;

/// A number below 2^30 as two 15-bit digits.
fn push_num(out: &mut Vec<u16>, n: usize) {
    assert!(n < 1 << 30, "table offset out of range");
    out.push((n >> 15) as u16);
    out.push((n & 0x7FFF) as u16);
}

/// An `Int` as three 15-bit digits of its bits with the sign flipped, so that
/// the packed order is the numeric order.
fn push_int(out: &mut Vec<u16>, n: i32) {
    let u = (n as u32) ^ 0x8000_0000;
    out.push((u >> 30) as u16);
    out.push(((u >> 15) & 0x7FFF) as u16);
    out.push((u & 0x7FFF) as u16);
}

/// 15-bit digits as the value of a packed string (chars from [`DIGIT_BIAS`]).
fn digits(units: &[u16]) -> String {
    units
        .iter()
        .map(|&u| {
            assert!(u < 0x8000, "a packed digit has 15 bits");
            char::from_u32(u32::from(u + DIGIT_BIAS)).expect("below the surrogates")
        })
        .collect()
}

/// Texts joined and their offsets as digits (two each, one more than texts).
fn pack_texts<'t>(texts: impl Iterator<Item = &'t str>) -> (String, String) {
    let mut data = String::new();
    let mut offsets = Vec::new();
    let mut at = 0;
    push_num(&mut offsets, 0);
    for text in texts {
        data.push_str(text);
        at += text.encode_utf16().count();
        push_num(&mut offsets, at);
    }
    (data, digits(&offsets))
}

/// `private object _Data`: one function per column choosing the chunk of row `i`.
fn data_object(
    out: &mut String,
    columns: &[Column],
    pasts: &[PastColumn],
    rows: usize,
    chunks: usize,
) {
    out.push_str("\n    /** Every table, by entry index. */\n    private object _Data {\n");
    let dispatch = |out: &mut String, head: String, call: &str| {
        if chunks == 1 {
            let _ = writeln!(out, "        {head} = _Rows0.{call}");
            return;
        }
        let _ = writeln!(out, "        {head} = when (i / {rows}) {{");
        for chunk in 0..chunks {
            let label = if chunk + 1 == chunks {
                "else".to_string()
            } else {
                chunk.to_string()
            };
            let _ = writeln!(out, "            {label} -> _Rows{chunk}.{call}");
        }
        out.push_str("        }\n");
    };
    for column in columns {
        if let Cells::Codes(..) = column.cells {
            dispatch(out, format!("fun code(i: Int): {}", column.ty), "code(i)");
            dispatch(
                out,
                format!("fun codes(i: Int): List<{}>", column.ty),
                "codes(i)",
            );
            continue;
        }
        let (params, args) = if is_localized(column) {
            ("i: Int, l: Int", "i, l")
        } else {
            ("i: Int", "i")
        };
        dispatch(
            out,
            format!("fun {}({params}): {}", column.name, column.ty),
            &format!("{}({args})", column.name),
        );
    }
    for past in pasts {
        dispatch(
            out,
            format!(
                "fun {}(i: Int, year: Int, month: Int, day: Int): {}",
                past.name, past.ty
            ),
            &format!("{}(i, year, month, day)", past.name),
        );
    }
    out.push_str("    }\n");
}

/// Texts in every locale: messages, hints, text attributes (not names, identifiers).
fn is_localized(column: &Column) -> bool {
    matches!(column.cells, Cells::Texts(_))
        && !matches!(
            column.name.as_str(),
            "name" | "identifier" | "resource" | "docAnchor"
        )
}

/// `private object _Rows<chunk>`: the columns' values of the rows in `range`,
/// as string constants and functions reading them.
#[allow(clippy::needless_range_loop)] // `l` picks a locale of every row, not one row
fn rows_object(
    out: &mut String,
    chunk: usize,
    range: std::ops::Range<usize>,
    columns: &[Column],
    pasts: &[PastColumn],
    helpers: &mut Helpers,
) {
    let base = range.start;
    let what = if range.is_empty() {
        "No entries.".to_string()
    } else {
        format!("Entries {} to {}.", range.start, range.end - 1)
    };
    let _ = writeln!(
        out,
        "\n    /** {what} */\n    private object _Rows{chunk} {{"
    );
    // `_int` reads int codes, also when no lookup chunk does (an empty set).
    if columns
        .iter()
        .any(|c| matches!(c.cells, Cells::Codes(KeyKind::Int, _)))
    {
        helpers.ints = true;
    }
    let mut names = Constants::default();
    let mut constant = |out: &mut String, value: &str, literal: Literal| -> String {
        names.add(out, value, literal, helpers)
    };
    let row = if base == 0 {
        "i".to_string()
    } else {
        format!("i - {base}")
    };
    for column in columns {
        let name = &column.name;
        let ty = &column.ty;
        match &column.cells {
            Cells::Texts(texts) => {
                let locales = texts.first().map_or(1, Vec::len);
                let nullable = ty.ends_with('?');
                let mut reads = Vec::new();
                for l in 0..locales {
                    let (data, offsets) =
                        pack_texts(range.clone().map(|i| texts[i][l].as_deref().unwrap_or("")));
                    let data = constant(out, &data, Literal::Text);
                    let offsets = constant(out, &offsets, Literal::Plain);
                    let read = format!("_text({data}, {offsets}, {row})");
                    reads.push(if nullable {
                        format!("{read}.let {{ if (it.isEmpty()) null else it }}")
                    } else {
                        read
                    });
                }
                if !is_localized(column) {
                    let _ = writeln!(out, "        fun {name}(i: Int): {ty} = {}", reads[0]);
                } else if locales == 1 {
                    let _ = writeln!(
                        out,
                        "        @Suppress(\"UNUSED_PARAMETER\")\n        fun {name}(i: Int, l: Int): {ty} = {}",
                        reads[0]
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "        fun {name}(i: Int, l: Int): {ty} = when (l) {{"
                    );
                    for (l, read) in reads.iter().enumerate() {
                        let label = if l + 1 == locales {
                            "else".to_string()
                        } else {
                            l.to_string()
                        };
                        let _ = writeln!(out, "            {label} -> {read}");
                    }
                    out.push_str("        }\n");
                }
            }
            Cells::Codes(key, codes) => {
                // Every code of the chunk in a row, and where each entry's begin.
                let mut starts = Vec::new();
                let mut count = 0;
                push_num(&mut starts, 0);
                for i in range.clone() {
                    count += codes[i].len();
                    push_num(&mut starts, count);
                }
                let starts = constant(out, &digits(&starts), Literal::Plain);
                let all = range.clone().flat_map(|i| codes[i].iter());
                let item = match key {
                    KeyKind::Str => {
                        let (data, offsets) = pack_texts(all.map(|c| match c {
                            Code::Str(s) => s.as_str(),
                            Code::Int(_) => unreachable!("one key type per set"),
                        }));
                        let data = constant(out, &data, Literal::Text);
                        let offsets = constant(out, &offsets, Literal::Plain);
                        format!("_text({data}, {offsets}, it)")
                    }
                    KeyKind::Int => {
                        let mut units = Vec::new();
                        for c in all {
                            if let Code::Int(n) = c {
                                push_int(&mut units, *n);
                            }
                        }
                        let data = constant(out, &digits(&units), Literal::Plain);
                        format!("_int({data}, it * 3)")
                    }
                };
                let _ = writeln!(
                    out,
                    "        fun code(i: Int): {ty} = _num({starts}, ({row}) * 2).let {{ {item} }}"
                );
                let _ = writeln!(
                    out,
                    "        fun codes(i: Int): List<{ty}> {{\n            val first = _num({starts}, ({row}) * 2)\n            return List(_num({starts}, ({row}) * 2 + 2) - first) {{ (first + it).let {{ {item} }} }}\n        }}"
                );
            }
            Cells::Bools(bools) => {
                let bits: String = range
                    .clone()
                    .map(|i| if bools[i] { '1' } else { '0' })
                    .collect();
                let data = constant(out, &bits, Literal::Plain);
                let _ = writeln!(
                    out,
                    "        fun {name}(i: Int): {ty} = {data}[{row}] == '1'"
                );
            }
            Cells::Enum(type_name, ordinals) => {
                let units: Vec<u16> = range
                    .clone()
                    .map(|i| u16::try_from(ordinals[i]).expect("enum of at most 32,768 values"))
                    .collect();
                let data = constant(out, &digits(&units), Literal::Plain);
                let _ = writeln!(
                    out,
                    "        fun {name}(i: Int): {ty} = {type_name}.entries[_digit({data}, {row})]"
                );
            }
            Cells::List(type_name, lists) => {
                let mut starts = Vec::new();
                let mut items = Vec::new();
                push_num(&mut starts, 0);
                for i in range.clone() {
                    items.extend(
                        lists[i]
                            .iter()
                            .map(|&o| u16::try_from(o).expect("enum of at most 32,768 values")),
                    );
                    push_num(&mut starts, items.len());
                }
                let starts = constant(out, &digits(&starts), Literal::Plain);
                let data = constant(out, &digits(&items), Literal::Plain);
                let _ = writeln!(
                    out,
                    "        fun {name}(i: Int): {ty} = _list({starts}, {data}, {row}, {type_name}.entries)"
                );
            }
        }
    }
    for past in pasts {
        let arms = range.clone().map(|i| (i, past.values[i].clone()));
        when_function(
            out,
            &format!(
                "fun {}(i: Int, year: Int, month: Int, day: Int): {}",
                past.name, past.ty
            ),
            arms,
            "null",
        );
    }
    out.push_str("    }\n");
}

/// `head = when (i) { … }`, equal values sharing an arm, `otherwise` the `else` arm.
fn when_function(
    out: &mut String,
    head: &str,
    arms: impl Iterator<Item = (usize, String)>,
    otherwise: &str,
) {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for (i, value) in arms.filter(|(_, v)| v != otherwise) {
        let at = *position.entry(value.clone()).or_insert_with(|| {
            groups.push((value, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(i);
    }
    if groups.is_empty() {
        let _ = writeln!(
            out,
            "        @Suppress(\"UNUSED_PARAMETER\")\n        {head} = {otherwise}"
        );
        return;
    }
    let _ = writeln!(out, "        {head} = when (i) {{");
    for (value, keys) in groups {
        let keys: Vec<String> = keys.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "            {} -> {value}", keys.join(", "));
    }
    let _ = writeln!(out, "            else -> {otherwise}\n        }}");
}

/// The hash `String.hashCode()` gives on the JVM and in Kotlin/JS.
fn string_hash(text: &str) -> i32 {
    text.encode_utf16().fold(0i32, |h, unit| {
        h.wrapping_mul(31).wrapping_add(i32::from(unit))
    })
}

/// Lookup chunks (private objects `_Find<n>`, written to `out`) and the lines
/// of `fromCode` that pick the chunk by comparisons on the key (the code, or the
/// hash of a string code) and set `i`. Int codes: a binary search over packed
/// sorted codes; string codes: a `when` over the strings.
fn find_code(out: &mut String, set: &CodeSet, helpers: &mut Helpers) -> Vec<String> {
    let k = &Kotlin;
    // (key, literal, entry index, string code): sorted by key, then literal.
    let mut keyed: Vec<(i32, String, usize, &str)> = set
        .entries
        .iter()
        .enumerate()
        .flat_map(|(index, e)| e.codes.iter().map(move |c| (c, index)))
        .map(|(c, index)| match c {
            Code::Int(n) => (*n, String::new(), index, ""),
            Code::Str(s) => (string_hash(s), k.string(s), index, s.as_str()),
        })
        .collect();
    keyed.sort();
    let per_chunk = match set.key {
        KeyKind::Int => CODES_PER_CHUNK,
        KeyKind::Str => STRING_CODES_PER_CHUNK,
    };
    // Chunks never split one key (strings of equal hash stay together).
    let mut chunks: Vec<&[(i32, String, usize, &str)]> = Vec::new();
    let mut start = 0;
    for at in 1..=keyed.len() {
        let full = at - start >= per_chunk;
        if at == keyed.len() || (full && keyed[at].0 != keyed[at - 1].0) {
            chunks.push(&keyed[start..at]);
            start = at;
        }
    }
    for (n, chunk) in chunks.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n    /** Codes to entry indices, part {n}. */\n    private object _Find{n} {{"
        );
        match set.key {
            KeyKind::Int => {
                helpers.ints = true;
                let mut keys = Vec::new();
                let mut indices = Vec::new();
                for (code, _, index, _) in chunk.iter() {
                    push_int(&mut keys, *code);
                    push_num(&mut indices, *index);
                }
                let mut names = Constants::default();
                let keys = names.add(out, &digits(&keys), Literal::Plain, helpers);
                let indices = names.add(out, &digits(&indices), Literal::Plain, helpers);
                let _ = writeln!(
                    out,
                    "        fun index(code: Int): Int = _find({keys}, {indices}, code)"
                );
            }
            KeyKind::Str if largest_bucket(chunk) > MAX_WHEN_BUCKET => {
                // Codes of equal hash share one branch of the `when`, so a big
                // bucket would make one method of all its `equals` calls: past
                // the 64 KB limit at about 4,000. Such a chunk is a sorted
                // table searched by binary search instead.
                helpers.text_tables = true;
                let mut sorted: Vec<(&str, usize)> =
                    chunk.iter().map(|(_, _, index, s)| (*s, *index)).collect();
                sorted.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
                let (data, offsets) = pack_texts(sorted.iter().map(|(s, _)| *s));
                let mut indices = Vec::new();
                for (_, index) in &sorted {
                    push_num(&mut indices, *index);
                }
                let mut names = Constants::default();
                let data = names.add(out, &data, Literal::Text, helpers);
                let offsets = names.add(out, &offsets, Literal::Plain, helpers);
                let indices = names.add(out, &digits(&indices), Literal::Plain, helpers);
                let _ = writeln!(
                    out,
                    "        fun index(code: String): Int = _findText({data}, {offsets}, {indices}, code)"
                );
            }
            KeyKind::Str => {
                out.push_str("        fun index(code: String): Int = when (code) {\n");
                // One arm per entry, in the order of its first code.
                let mut arms: Vec<(usize, Vec<&str>)> = Vec::new();
                let mut arm_of: HashMap<usize, usize> = HashMap::new();
                for (_, literal, index, _) in chunk.iter() {
                    let arm = *arm_of.entry(*index).or_insert_with(|| {
                        arms.push((*index, Vec::new()));
                        arms.len() - 1
                    });
                    arms[arm].1.push(literal);
                }
                // kotlinc reads an arm's conditions as one chain of `||`: a few per arm.
                for (index, codes) in arms {
                    for codes in codes.chunks(CODES_PER_ARM) {
                        let _ = writeln!(out, "            {} -> {index}", codes.join(", "));
                    }
                }
                out.push_str("            else -> -1\n        }\n");
            }
        }
        out.push_str("    }\n");
    }
    let key = match set.key {
        KeyKind::Int => "code",
        KeyKind::Str => "h",
    };
    let mut lines = Vec::new();
    if chunks.is_empty() {
        lines.push("val i = -1".to_string());
        return lines;
    }
    if set.key == KeyKind::Str && chunks.len() > 1 {
        lines.push("val h = code.hashCode()".to_string());
    }
    let bounds: Vec<i32> = chunks.iter().map(|c| c[0].0).collect();
    lines.push(format!("val i = {}", search(key, &bounds, 0, chunks.len())));
    lines
}

/// The most codes of `chunk` that share one key (`String.hashCode`).
fn largest_bucket(chunk: &[(i32, String, usize, &str)]) -> usize {
    chunk
        .chunk_by(|a, b| a.0 == b.0)
        .map(<[_]>::len)
        .max()
        .unwrap_or(0)
}

/// A nested `if` picking chunk `lo..hi` whose first key is at most `key`.
fn search(key: &str, bounds: &[i32], lo: usize, hi: usize) -> String {
    if hi - lo <= 1 {
        return format!("_Find{lo}.index(code)");
    }
    let mid = (lo + hi) / 2;
    format!(
        "if ({key} < {}) {} else {}",
        bounds[mid],
        search(key, bounds, lo, mid),
        search(key, bounds, mid, hi)
    )
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
    #[test]
    fn modified_utf8_lengths_and_pieces() {
        // U+0000 is 2 bytes, 'a' 1, 'é' (U+00E9) 2, '中' (U+4E2D) 3, '𝄞' (U+1D11E,
        // a surrogate pair) 6: 2 + 1 + 2 + 3 + 6 = 14.
        assert_eq!(modified_utf8_len("\0aé中𝄞"), 14);
        assert_eq!(modified_utf8_len(""), 0);
        assert_eq!(
            modified_utf8_len("\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"),
            1 + 2 + 2 + 3 + 3 + 6
        );
        // Greedy at a limit of 7: "a𝄞" (7) | "中中" (6; a third 中 would make 9) |
        // "中\0a" (3 + 2 + 1 = 6; 𝄞 would make 12) | "𝄞" (6).
        let pieces = split_modified_utf8("a𝄞中中中\0a𝄞", 7);
        assert_eq!(pieces, ["a𝄞", "中中", "中\0a", "𝄞"]);
        let lengths: Vec<usize> = pieces.iter().map(|p| modified_utf8_len(p)).collect();
        assert_eq!(lengths, [7, 6, 6, 6]);
        // A surrogate pair never splits: at 6, "a" alone (1 + 6 > 6), then "𝄞".
        assert_eq!(split_modified_utf8("a𝄞b", 6), ["a", "𝄞", "b"]);
        assert_eq!(split_modified_utf8("", 6), [""]);
        assert_eq!(split_modified_utf8("abc", 6), ["abc"]);
        // The real limit: 21,846 '中' are 65,538 bytes, over the class file's
        // 65,535; pieces of at most 60,000 bytes are 20,000 and 1,846 of them.
        let long = "中".repeat(21_846);
        assert_eq!(modified_utf8_len(&long), 65_538);
        let pieces = split_modified_utf8(&long, BYTES_PER_STRING);
        let chars: Vec<usize> = pieces.iter().map(|p| p.chars().count()).collect();
        assert_eq!(chars, [20_000, 1_846]);
        // Supplementary characters: 10,001 of them are 60,006 bytes, so 10,000
        // (60,000 bytes) and 1.
        let astral = "𝄞".repeat(10_001);
        let chars: Vec<usize> = split_modified_utf8(&astral, BYTES_PER_STRING)
            .iter()
            .map(|p| p.chars().count())
            .collect();
        assert_eq!(chars, [10_000, 1]);
    }

    /// A constant over the limit is written as pieces joined at run time, each
    /// piece's value within the limit; one that fits stays one `const val`.
    #[test]
    fn long_constants_are_joined_from_pieces() {
        let mut helpers = Helpers::default();
        let mut names = Constants::default();
        let mut out = String::new();
        assert_eq!(
            names.add(&mut out, "short", Literal::Text, &mut helpers),
            "D0"
        );
        assert!(!helpers.joins);
        let long = format!("{}\"", "𝄞".repeat(10_001));
        assert_eq!(
            names.add(&mut out, &long, Literal::Text, &mut helpers),
            "D3"
        );
        assert!(helpers.joins);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4, "{out}");
        assert_eq!(lines[0], "        private const val D0 = \"short\"");
        assert!(lines[1].starts_with("        private const val D1 = \"𝄞"));
        assert_eq!(lines[2], "        private const val D2 = \"𝄞\\\"\"");
        assert_eq!(lines[3], "        private val D3: String = _join(D1, D2)");
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
        let mut out = String::new();
        let mut helpers = Helpers::default();
        let lines = find_code(&mut out, &model.sets[0], &mut helpers);
        assert!(helpers.text_tables);
        let objects: Vec<&str> = out.split("private object _Find").skip(1).collect();
        assert!(objects.len() > 2, "{lines:?}");
        let tables = objects.iter().filter(|o| o.contains("_findText(")).count();
        assert_eq!(tables, 1, "one chunk holds the 4,096 colliding codes");
        for object in objects.iter().filter(|o| !o.contains("_findText(")) {
            let arms = object.matches(" -> ").count();
            assert!(
                arms <= STRING_CODES_PER_CHUNK + MAX_WHEN_BUCKET,
                "{arms} arms"
            );
        }
        assert!(lines.iter().any(|l| l.contains("code.hashCode()")));
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
