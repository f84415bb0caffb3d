//! Swift: a Swift package (`Package.swift`, `Sources/<Module>/`) in `swift/`.
//! Spelling: UpperCamel types, lowerCamel cases and members, backticks for keywords.

use askama::Template;
use heck::ToUpperCamelCase;

use super::api::{Api, Helper};
use super::backend::{Backend, Catalog, Setting, SettingShape, file};
use super::naming::{
    self, AttrType, AttributeNames, Oracle, PackageKey, PackageNames, PackageProblem, lower_camel,
};
use super::view::{AttributeView, CatalogView, EnumView, SetView};
use crate::model::{
    AttrKind, Attribute, Code, CodeSet, EnumDef, EnumRef, KeyKind, Model, Text, Value,
};
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
    // Declared for forward-compatible decoding, or used by the generated code.
    "CatalogCode",
    "CatalogCodeSet",
    "RawCode",
    "Codable",
    "Decodable",
    "Encodable",
    "Decoder",
    "Encoder",
    "DecodingError",
    "CustomNSError",
    "DateComponents",
    "Date",
    "Calendar",
    "TimeZone",
    "Bundle",
    "Range",
    // Foundation types an UpperCamel catalog name would be spelled as (`Url` is `URL`).
    "Url",
    "Uuid",
    "JsonDecoder",
    "JsonEncoder",
    // Values and functions beside the types.
    "catalogDay",
    "catalogHash",
    "catalogVersion",
    "describeUnknown",
    "valueOn",
];
/// Members of every set enum, and those its protocols give it.
const SET_MEMBERS: &[&str] = &[
    "code",
    "codes",
    "identifier",
    "message",
    "hint",
    "localizedMessage",
    "localizedHint",
    "describe",
    "description",
    "errorDescription",
    "recoverySuggestion",
    "failureReason",
    "helpAnchor",
    "localizedDescription",
    "errorDomain",
    "errorCode",
    "errorUserInfo",
    "encode",
    "allCases",
    "hashValue",
    "hash",
    "init",
    // Private functions the members call unqualified; a member of the same
    // name would be found first.
    "describeUnknown",
    "valueOn",
    "docURL",
    // Private tables, split into chunks `_1_0`, `_1_1`, … when long.
    "_code",
    "_codeStart",
    "_codeStarts",
    "_codeStarts_{n}_{n}",
    "_codeTable",
    "_codeTable_{n}_{n}",
    "_docURL",
    "_docURLs",
    "_docURLs_{n}_{n}",
    // A string-keyed error set's `errorCode`s.
    "_errorCode",
    "_errorCodes",
    "_hint",
    "_hints",
    "_hints_{n}_{n}",
    "_identifier",
    "_identifiers",
    "_identifiers_{n}_{n}",
    "_lookupCase",
    "_lookupCases",
    "_lookupCases_{n}_{n}",
    "_lookupCode",
    "_lookupCodes",
    "_lookupCodes_{n}_{n}",
    "_message",
    "_messages",
    "_messages_{n}_{n}",
    "_position",
    "_position_{n}",
];

/// Every name the generated code declares; validation checks catalog names against it.
const API: Api = Api {
    keywords: &[KEYWORDS, SYSTEM_MODULES, MEMBERS],
    file: RESERVED_TYPES,
    derived: &[],
    locale_type: "CatalogLocale",
    set_members: SET_MEMBERS,
    enum_members: &[
        "identifier",
        "label",
        "allCases",
        "hashValue",
        "hash",
        "init",
        "_identifier",
        "_identifiers",
        "_identifiers_{n}_{n}",
        "_label",
        "_labels",
        "_labels_{n}_{n}",
        "_position",
        "_position_{n}",
    ],
    locale_members: &[
        "default",
        "tag",
        "matching",
        "current",
        "_lookup",
        "_Parts",
        "localization",
        "_localized",
        "index",
        "rawValue",
        "allCases",
        "hashValue",
        "hash",
        "init",
        "_localization",
        "_localizations",
        "_unknownCode",
        "_unknownCodes",
    ],
    // The associated type of `CatalogCodeSet`.
    set_trait_items: &["RawCode"],
    attribute_private: &[
        "_{attr}_value",
        "_{attr}_values",
        "_{attr}_start",
        "_{attr}_starts",
        "_{attr}_history",
        "_{attr}_histories",
        "_{attr}_historyStart",
        "_{attr}_historyStarts",
    ],
    helpers: &[
        Helper {
            scope: "CatalogCode",
            members: &["encode", "known", "raw", "unknown", "value"],
        },
        Helper {
            scope: "CatalogCodeSet",
            members: &["RawCode", "code"],
        },
        Helper {
            scope: "CatalogLocale._Parts",
            members: &["language", "region", "tag"],
        },
    ],
};

/// Initialisms Swift spells in one case (the API Design Guidelines: `SDKCode`,
/// `nameIDMismatch`, `isSDK`): a word of a name whose letters are one of these,
/// ignoring case and trailing digits, is written in capitals unless it starts a
/// lowerCamel name (`sdkDistanceError`). A fixed list, so a catalog cannot
/// change how another catalog's names are spelled; other languages keep
/// initialisms as words (`SdkCode`).
pub const INITIALISMS: &[&str] = &[
    "API", "CPU", "CSS", "DNS", "GPS", "GPU", "HD", "HTML", "HTTP", "HTTPS", "ID", "IP", "JSON",
    "JWT", "OCR", "OTP", "PDF", "QR", "SDK", "SMS", "SQL", "SSL", "TCP", "TLS", "UDP", "UI", "URI",
    "URL", "USB", "UUID", "VPN", "XML",
];

/// `camel` (heck's UpperCamel or lowerCamel) with its initialisms in capitals;
/// only letter case changes, so names distinct but for case stay distinct.
fn initialisms(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len());
    let mut rest = camel;
    while !rest.is_empty() {
        // A word runs up to the next capital letter.
        let end = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_uppercase())
            .map_or(rest.len(), |(i, _)| i);
        let word = &rest[..end];
        let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
        let starts_upper = word.starts_with(|c: char| c.is_uppercase());
        if starts_upper && INITIALISMS.iter().any(|i| i.eq_ignore_ascii_case(letters)) {
            out.push_str(&letters.to_ascii_uppercase());
            out.push_str(&word[letters.len()..]);
        } else {
            out.push_str(word);
        }
        rest = &rest[end..];
    }
    out
}

impl Oracle for Swift {
    fn boolean(&self, value: bool) -> String {
        value.to_string()
    }
    fn integer(&self, value: i32) -> String {
        value.to_string()
    }
    fn language(&self) -> &'static str {
        "Swift"
    }

    fn type_name(&self, name: &str) -> String {
        escape(initialisms(name))
    }

    fn variant(&self, name: &str) -> String {
        escape(initialisms(&lower_camel(name)))
    }

    fn bool_member(&self, snake: &str) -> String {
        initialisms(&format!("is{}", snake.to_upper_camel_case()))
    }

    fn member(&self, snake: &str) -> String {
        let name = initialisms(&lower_camel(snake));
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

    fn api(&self) -> &'static Api {
        &API
    }

    fn attribute_members<'n>(&self, names: &'n AttributeNames) -> Vec<&'n str> {
        let mut members = vec![names.accessor.as_str()];
        if names.is_text {
            members.push(&names.field);
        }
        // The dated accessor is `<accessor>(on:)`: the accessor's own name.
        if names.on_accessor.is_some() {
            members.push(&names.history_field);
        }
        members
    }

    fn package_problems(&self, names: &PackageNames) -> Vec<PackageProblem> {
        let (module, key) = match names.setting(MODULE.key) {
            Some(module) => (module.to_string(), PackageKey::Setting(MODULE.key)),
            None => (names.name.to_upper_camel_case(), PackageKey::Name),
        };
        if !SYSTEM_MODULES.contains(&module.as_str()) {
            return Vec::new();
        }
        vec![PackageProblem {
            key,
            message: format!("the Swift module `{module}` would hide a system module of that name"),
            hint: "set `module` in `[targets.swift]` (or the catalog name) to something else, e.g. `MyCodes`"
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
        NAME
    }

    fn settings(&self) -> &'static [Setting] {
        &[MODULE]
    }

    fn package(&self, model: &Model) -> Option<String> {
        Some(module(model))
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        Some(self)
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let view = CatalogView::spell(catalog.shared, self);
        let module = module(catalog.model);
        let layout = Layout::build(catalog.model, &view);
        let localizations = apple_locales(&catalog.model.locales);
        vec![
            file(
                "swift/Package.swift",
                &Manifest {
                    header: &catalog.shared.header,
                    module: &module,
                    default_localization: Swift.string(&localizations[0]),
                    resources: vec![Swift.string(STRING_CATALOG)],
                },
            ),
            GeneratedFile {
                path: format!("swift/Sources/{module}/{STRING_CATALOG}"),
                contents: string_catalog(catalog.model, &localizations),
            },
            file(
                &format!("swift/Sources/{module}/{module}.swift"),
                &SwiftFile {
                    view: &view,
                    layout: &layout,
                    bound: BOUND,
                },
            ),
        ]
    }
}

/// The module: `[targets.swift] module`, or one derived from the catalog name.
pub fn module(model: &Model) -> String {
    model
        .setting(NAME, MODULE.key)
        .map_or_else(|| model.name.to_upper_camel_case(), str::to_string)
}

/// The backend's name, and its `[targets.swift]` table's.
const NAME: &str = "swift";
const MODULE: Setting = Setting {
    key: "module",
    about: "the Swift module and package (default: the catalog name in UpperCamelCase)",
    shape: SettingShape::UpperCamel,
};

/// The most arms of any generated `switch`, and the most elements of any array
/// literal, whatever the catalog's size.
///
/// Swift's type checker and optimizer are known to slow down sharply on long
/// `switch` statements and large literal expressions, and no Swift compiler runs
/// here to find the limit. So per-entry data lives in explicitly typed static
/// arrays of at most `BOUND` elements (an array of such chunks, itself at most
/// `BOUND` long, when there are more), read by index; a case finds its index in
/// a chain of `switch` statements of at most `BOUND` arms; codes are looked up by
/// binary search in a sorted table. Nothing the compiler sees grows with the
/// catalog except the number of cases, chunks and functions. 256 keeps every
/// function small while 2,000 entries need only 8 chunks per table.
pub const BOUND: usize = 256;

#[derive(Template)]
#[template(path = "swift/Codes.swift", escape = "none")]
struct SwiftFile<'a> {
    view: &'a CatalogView,
    layout: &'a Layout,
    bound: usize,
}

#[derive(Template)]
#[template(path = "swift/Package.swift", escape = "none")]
struct Manifest<'a> {
    header: &'a str,
    module: &'a str,
    /// Literals: the default locale's Apple identifier, and the target's resources.
    default_localization: String,
    resources: Vec<String>,
}

/// The String Catalog's file name, in the target's folder.
pub const STRING_CATALOG: &str = "Localizable.xcstrings";

/// The Apple localization (an `.lproj` name, as Xcode and `Bundle` use them) of
/// each catalog locale, in order. Chinese goes by script, as Apple localizes it:
/// `zh`, `zh-CN`, `zh-SG` and `zh-Hans…` are `zh-Hans`; `zh-TW`, `zh-MO` and
/// `zh-Hant…` are `zh-Hant`; `zh-HK` stays. Every other tag is kept (with `-`
/// for `_`). A locale whose identifier another already took, or that another
/// catalog locale is written as, keeps its own tag, so identifiers stay distinct.
pub fn apple_locales(locales: &[String]) -> Vec<String> {
    let tags: Vec<String> = locales.iter().map(|l| l.replace('_', "-")).collect();
    let mut taken: Vec<String> = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        let mapped = apple_locale(tag);
        let clashes = taken.iter().any(|t| t.eq_ignore_ascii_case(&mapped))
            || tags
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && other.eq_ignore_ascii_case(&mapped));
        taken.push(if clashes { tag.clone() } else { mapped });
    }
    taken
}

fn apple_locale(tag: &str) -> String {
    let subtags: Vec<String> = tag.split('-').map(str::to_ascii_lowercase).collect();
    if subtags[0] != "zh" {
        return tag.to_string();
    }
    match subtags.get(1).map(String::as_str) {
        None | Some("hans" | "cn" | "sg") => "zh-Hans".into(),
        Some("hant" | "tw" | "mo") => "zh-Hant".into(),
        _ => tag.to_string(),
    }
}

/// The key of an entry's message (`suffix` "message") or hint in the String
/// Catalog: catalog names, so keys do not move with a Swift spelling.
pub fn string_key(set: &CodeSet, entry: &crate::model::Entry, suffix: &str) -> String {
    format!("{}.{}.{suffix}", set.name, entry.name)
}

/// `Localizable.xcstrings`: every entry's message and hint in every locale,
/// marked translated, keys sorted (Xcode's own order), as Xcode writes it.
fn string_catalog(model: &Model, localizations: &[String]) -> String {
    use std::collections::BTreeMap;
    // Borrowed structs, not a `serde_json::Value` tree: at 50,000 codes the tree
    // (built twice by `json!`) was the largest allocation of `generate`. Fields are
    // in alphabetical order and maps are sorted, as a `Value` map writes them.
    #[derive(serde::Serialize)]
    struct StringCatalog<'a> {
        #[serde(rename = "sourceLanguage")]
        source_language: &'a str,
        strings: BTreeMap<String, StringEntry<'a>>,
        version: &'static str,
    }
    #[derive(serde::Serialize)]
    struct StringEntry<'a> {
        #[serde(rename = "extractionState")]
        extraction_state: &'static str,
        localizations: BTreeMap<&'a str, Localization<'a>>,
    }
    #[derive(serde::Serialize)]
    struct Localization<'a> {
        #[serde(rename = "stringUnit")]
        string_unit: StringUnit<'a>,
    }
    #[derive(serde::Serialize)]
    struct StringUnit<'a> {
        state: &'static str,
        value: &'a str,
    }
    fn entry<'a>(model: &'a Model, localizations: &'a [String], text: &'a Text) -> StringEntry<'a> {
        let localizations = model.locales.iter().zip(localizations).map(|(locale, id)| {
            let string_unit = StringUnit {
                state: "translated",
                value: text.get(locale),
            };
            (id.as_str(), Localization { string_unit })
        });
        StringEntry {
            extraction_state: "manual",
            localizations: localizations.collect(),
        }
    }
    let mut strings = BTreeMap::new();
    for set in &model.sets {
        for item in &set.entries {
            strings.insert(
                string_key(set, item, "message"),
                entry(model, localizations, &item.message),
            );
            if let Some(hint) = &item.hint {
                strings.insert(
                    string_key(set, item, "hint"),
                    entry(model, localizations, hint),
                );
            }
        }
    }
    let catalog = StringCatalog {
        source_language: &localizations[0],
        strings,
        version: "1.0",
    };
    let mut text = serde_json::to_string_pretty(&catalog).expect("JSON values serialize");
    text.push('\n');
    text
}

/// How the generated Swift stores its data: for the locale enum, every catalog
/// enum and every set, a chain of `switch` chunks giving each case its row, and
/// chunked tables read by row.
struct Layout {
    locales: Vec<Chunk>,
    /// The unknown-code texts, one per locale, in the locale enum.
    unknown: Vec<Table>,
    /// One per catalog enum, in order.
    enums: Vec<EnumLayout>,
    /// One per set, in order.
    sets: Vec<SetLayout>,
    /// The catalog's `date_zone` as a literal, for `catalogDay(of:)`.
    date_zone: Option<String>,
}

struct EnumLayout {
    position: Vec<Chunk>,
    tables: Vec<Table>,
    identifier: String,
    label: String,
}

struct SetLayout {
    position: Vec<Chunk>,
    tables: Vec<Table>,
    /// How many codes the lookup table holds.
    lookup_count: usize,
    lookup_code: String,
    lookup_case: String,
    /// Bodies (lines) of the public members.
    code: String,
    codes: Vec<String>,
    identifier: String,
    message: String,
    hint: Option<String>,
    /// The body of `docURL`, when the catalog sets `docs_url`.
    doc_url: Option<String>,
    /// One per attribute, in order.
    attributes: Vec<AttributeLayout>,
    /// The literal `"<set name>."` starting the set's String Catalog keys.
    key_prefix: String,
    /// `CustomNSError`: the `errorDomain` literal, the `errorCode` body, and their docs.
    error_domain: String,
    error_domain_doc: String,
    error_code: String,
    error_code_doc: String,
}

struct AttributeLayout {
    /// The body of the accessor (of `accessor(in:)` for a text attribute).
    value: Vec<String>,
    /// The body of the dated accessor.
    on: Vec<String>,
}

/// One `switch self` of a chain: the first chunk's name is the row accessor;
/// each chunk answers its cases and hands the rest to the next one, and the
/// last answers its last case by `default`.
struct Chunk {
    name: String,
    arms: Vec<(String, usize)>,
    /// What `default` returns, if the switch has one.
    default: Option<String>,
}

/// A table of `items` read through `private static func <func>(_ i: Int) -> <elem>`.
struct Table {
    /// What the table holds, for the comment above its function.
    doc: String,
    func: String,
    elem: String,
    /// `private` or `fileprivate`.
    visibility: &'static str,
    /// The body of the function, reading element `i`.
    body: String,
    /// The root array and its chunks.
    decls: Vec<Decl>,
}

/// `static let <name>: <ty> = [<items>]`, at most [`BOUND`] items, printed
/// several to a line while they fit [`LINE`] characters.
struct Decl {
    name: String,
    ty: String,
    lines: Vec<String>,
}

/// How wide a line of table items grows before the next item starts a new one.
const LINE: usize = 100;

/// `items` joined into lines of about [`LINE`] characters, each ending in a comma.
fn lines(items: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for item in items {
        match lines.last_mut() {
            Some(line) if line.chars().count() + item.chars().count() + 2 <= LINE => {
                line.push(' ');
                line.push_str(item);
                line.push(',');
            }
            _ => lines.push(format!("{item},")),
        }
    }
    lines
}

/// The cases `variants` (declaration order) numbered from 0 by `switch` chunks
/// of at most [`BOUND`] arms: `first` is the entry point, `_<rest>_<k>` the others.
fn chain(first: &str, rest: &str, variants: &[&str]) -> Vec<Chunk> {
    let numbered: Vec<(String, usize)> = variants
        .iter()
        .enumerate()
        .map(|(i, v)| (v.to_string(), i))
        .collect();
    if numbered.len() <= BOUND {
        return vec![Chunk {
            name: first.to_string(),
            arms: numbered,
            default: None,
        }];
    }
    let groups: Vec<&[(String, usize)]> = numbered.chunks(BOUND - 1).collect();
    let name = |k: usize| {
        if k == 0 {
            first.to_string()
        } else {
            format!("{rest}_{k}")
        }
    };
    groups
        .iter()
        .enumerate()
        .map(|(k, group)| {
            let mut arms = group.to_vec();
            let default = if k + 1 < groups.len() {
                name(k + 1)
            } else {
                // Every earlier case was answered before: what is left is the last one.
                let (variant, row) = arms.pop().expect("chunks are not empty");
                format!("{row} // .{variant}")
            };
            Chunk {
                name: name(k),
                arms,
                default: Some(default),
            }
        })
        .collect()
}

impl Table {
    /// `items` of type `elem` as a tree of arrays of at most [`BOUND`] elements,
    /// the root named `storage` and the others `<storage>_<level>_<k>`.
    fn new(func: &str, storage: &str, elem: &str, items: Vec<String>) -> Table {
        let mut depth = 1;
        let mut capacity = BOUND;
        while capacity < items.len() {
            depth += 1;
            capacity *= BOUND;
        }
        let mut decls = Vec::new();
        let mut level = items;
        let mut ty = format!("[{elem}]");
        for height in 1..depth {
            let names: Vec<String> = (0..level.len().div_ceil(BOUND))
                .map(|k| format!("{storage}_{height}_{k}"))
                .collect();
            for (name, chunk) in names.iter().zip(level.chunks(BOUND)) {
                decls.push(Decl {
                    name: name.clone(),
                    ty: ty.clone(),
                    lines: lines(chunk),
                });
            }
            level = names;
            ty = format!("[{ty}]");
        }
        decls.push(Decl {
            name: storage.to_string(),
            ty,
            lines: lines(&level),
        });
        decls.reverse();
        let index: Vec<String> = (0..depth)
            .rev()
            .map(|power| {
                let divisor = BOUND.pow(power as u32);
                match (power, power + 1 == depth) {
                    (0, true) => "[i]".to_string(),
                    (0, false) => format!("[i % {BOUND}]"),
                    (_, true) => format!("[i / {divisor}]"),
                    _ => format!("[i / {divisor} % {BOUND}]"),
                }
            })
            .collect();
        Table {
            doc: String::new(),
            func: func.to_string(),
            elem: elem.to_string(),
            visibility: "private",
            body: format!("{storage}{}", index.concat()),
            decls,
        }
    }

    fn doc(mut self, doc: impl Into<String>) -> Table {
        self.doc = doc.into();
        self
    }

    /// A call reading element `index` from inside the type.
    fn at(&self, index: &str) -> String {
        format!("Self.{}({index})", self.func)
    }
}

/// `_<name>`: generated private names start with `_`, which no catalog-derived
/// Swift name does (UpperCamel and lowerCamel names hold no `_`).
fn private_name(accessor: &str) -> String {
    format!("_{}", accessor.trim_matches('`'))
}

/// Every locale's text of `text`, row by row: row `r`, locale `l` at `r * locales + l`.
fn texts_of(model: &Model, text: &Text) -> impl Iterator<Item = String> {
    model.locales.iter().map(|l| Swift.string(text.get(l)))
}

impl Layout {
    fn build(model: &Model, view: &CatalogView) -> Layout {
        let locales: Vec<&str> = view.locales.iter().map(|l| l.variant.as_str()).collect();
        let mut unknown = Table::new(
            "_unknownCode",
            "_unknownCodes",
            "String",
            view.unknown.clone(),
        )
        .doc("The text for an unknown code, by locale.");
        unknown.visibility = "fileprivate";
        let mut bundles = Table::new(
            "_localization",
            "_localizations",
            "String",
            apple_locales(&model.locales)
                .iter()
                .map(|l| Swift.string(l))
                .collect(),
        )
        .doc("The Apple localization (`.lproj`) of each locale, by locale.");
        bundles.visibility = "fileprivate";
        Layout {
            locales: chain("index", "_index", &locales),
            unknown: vec![unknown, bundles],
            date_zone: model.date_zone.as_deref().map(|zone| Swift.string(zone)),
            enums: model
                .enums
                .iter()
                .zip(&view.enums)
                .map(|(e, ev)| enum_layout(model, e, ev))
                .collect(),
            sets: model
                .sets
                .iter()
                .zip(&view.sets)
                .map(|(set, sv)| set_layout(model, set, sv, &module(model)))
                .collect(),
        }
    }
}

fn enum_layout(model: &Model, e: &EnumDef, view: &EnumView) -> EnumLayout {
    let variants: Vec<&str> = view.values.iter().map(|v| v.variant.as_str()).collect();
    let identifiers = Table::new(
        "_identifier",
        "_identifiers",
        "String",
        view.values.iter().map(|v| v.name.clone()).collect(),
    )
    .doc("Each value's identifier, by row.");
    let labels = Table::new(
        "_label",
        "_labels",
        "String",
        e.values
            .iter()
            .flat_map(|v| texts_of(model, &v.label))
            .collect(),
    )
    .doc("Each value's label in every locale: row * locales + locale.");
    EnumLayout {
        position: chain("_position", "_position", &variants),
        identifier: identifiers.at("_position"),
        label: labels.at(&format!(
            "_position * {} + locale.index",
            model.locales.len()
        )),
        tables: vec![identifiers, labels],
    }
}

/// The `errorDomain` of a set: the module and the set's catalog name, as Swift
/// itself names a Swift error's domain, but fixed whatever the Swift spelling.
pub fn error_domain(module: &str, set: &CodeSet) -> String {
    format!("{module}.{}", set.name)
}

/// The `errorCode` of a string code: FNV-1a (32 bits) of its UTF-8 bytes, the top
/// bit cleared so it is positive on every platform. Stable while the code is.
pub fn string_error_code(code: &str) -> i64 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in code.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    i64::from(hash & 0x7fff_ffff)
}

fn set_layout(model: &Model, set: &CodeSet, view: &SetView, module: &str) -> SetLayout {
    let locales = model.locales.len();
    let variants: Vec<&str> = view.entries.iter().map(|e| e.variant.as_str()).collect();
    let code = |code: &Code| match code {
        Code::Int(n) => n.to_string(),
        Code::Str(s) => Swift.string(s),
    };
    let code_type = view.code_type;
    let lookup_code = Table::new(
        "_lookupCode",
        "_lookupCodes",
        code_type,
        set.lookup.iter().map(|(c, _)| code(c)).collect(),
    )
    .doc("Every code, aliases included, sorted: the keys of the binary search.");
    let lookup_case = Table::new(
        "_lookupCase",
        "_lookupCases",
        &view.name,
        set.lookup
            .iter()
            .map(|(_, row)| format!(".{}", view.entries[*row].variant))
            .collect(),
    )
    .doc("The entry of each code in `_lookupCodes`, at the same position.");
    let codes = Table::new(
        "_code",
        "_codeTable",
        code_type,
        set.entries
            .iter()
            .flat_map(|e| e.codes.iter().map(code))
            .collect(),
    )
    .doc("Every entry's codes, the canonical one first, entry after entry.");
    let code_starts = Table::new(
        "_codeStart",
        "_codeStarts",
        "Int",
        starts(set.entries.iter().map(|e| e.codes.len())),
    )
    .doc("Where each row's codes start in `_codeTable`, and the end.");
    let identifiers = Table::new(
        "_identifier",
        "_identifiers",
        "String",
        view.entries.iter().map(|e| e.identifier.clone()).collect(),
    )
    .doc("Each entry's identifier, by row.");
    let in_locale = format!("_position * {locales} + locale.index");
    let messages = Table::new(
        "_message",
        "_messages",
        "String",
        set.entries
            .iter()
            .flat_map(|e| texts_of(model, &e.message))
            .collect(),
    )
    .doc("Each entry's message in every locale: row * locales + locale.");
    let hints = set.has_hints().then(|| {
        Table::new(
            "_hint",
            "_hints",
            "String?",
            set.entries
                .iter()
                .flat_map(|e| match &e.hint {
                    Some(hint) => texts_of(model, hint).collect::<Vec<_>>(),
                    None => vec!["nil".to_string(); locales],
                })
                .collect(),
        )
        .doc("Each entry's hint in every locale (nil for none): row * locales + locale.")
    });
    let doc_urls = view.has_doc_urls.then(|| {
        Table::new(
            "_docURL",
            "_docURLs",
            "String",
            view.entries
                .iter()
                .map(|e| {
                    e.doc_url_literal
                        .clone()
                        .expect("every entry has a doc URL")
                })
                .collect(),
        )
        .doc("Each entry's row in the published HTML docs, by row.")
    });
    let mut layout = SetLayout {
        position: chain("_position", "_position", &variants),
        lookup_count: set.lookup.len(),
        lookup_code: lookup_code.func.clone(),
        lookup_case: lookup_case.func.clone(),
        code: codes.at(&code_starts.at("_position")),
        codes: vec![
            "let row = _position".into(),
            format!(
                "return ({}..<{}).map(Self.{})",
                code_starts.at("row"),
                code_starts.at("row + 1"),
                codes.func
            ),
        ],
        identifier: identifiers.at("_position"),
        message: messages.at(&in_locale),
        hint: hints.as_ref().map(|h| h.at(&in_locale)),
        doc_url: doc_urls.as_ref().map(|t| t.at("_position")),
        attributes: Vec::new(),
        key_prefix: Swift.string(&format!("{}.", set.name)),
        error_domain: Swift.string(&error_domain(module, set)),
        error_domain_doc: format!(
            "`{}`: the module and the set's catalog name.",
            error_domain(module, set)
        ),
        error_code: "code".into(),
        error_code_doc: "The canonical code: `(error as NSError).code == error.code`.".into(),
        tables: vec![
            lookup_code,
            lookup_case,
            codes,
            code_starts,
            identifiers,
            messages,
        ],
    };
    layout.tables.extend(hints);
    layout.tables.extend(doc_urls);
    if set.is_error && set.key == KeyKind::Str {
        let codes = Table::new(
            "_errorCode",
            "_errorCodes",
            "Int",
            set.entries
                .iter()
                .map(|e| match &e.codes[0] {
                    Code::Str(s) => string_error_code(s).to_string(),
                    Code::Int(n) => n.to_string(),
                })
                .collect(),
        )
        .doc("Each entry's `errorCode`, by row: FNV-1a of its canonical code.");
        layout.error_code = codes.at("_position");
        layout.error_code_doc =
            "FNV-1a (32 bits, top bit cleared) of the canonical code's UTF-8 bytes, \
            stable while the code is; `errorUserInfo[\"code\"]` holds the code."
                .into();
        layout.tables.push(codes);
    }
    for (index, (attribute, attribute_view)) in
        set.attributes.iter().zip(&view.attributes).enumerate()
    {
        let (value, on, tables) = attribute_layout(model, set, index, attribute, attribute_view);
        layout.attributes.push(AttributeLayout { value, on });
        layout.tables.extend(tables);
    }
    layout
}

/// The bodies of an attribute's accessor and dated accessor, and its tables.
fn attribute_layout(
    model: &Model,
    set: &CodeSet,
    index: usize,
    attribute: &Attribute,
    view: &AttributeView,
) -> (Vec<String>, Vec<String>, Vec<Table>) {
    let locales = model.locales.len();
    let name = private_name(&view.names.accessor);
    let element = match attribute.kind {
        AttrKind::List(e) => Swift.type_name(&model.enums[e].name),
        AttrKind::Text => "String".to_string(),
        _ => view.value_type.clone(),
    };
    let enum_value = |v: &EnumRef| format!(".{}", Swift.variant(&v.name));
    // Values as stored: one per entry; a text one per locale (row-major); a
    // list's items one by one, entries' current lists first, then past ones.
    let mut items: Vec<String> = Vec::new();
    let push = |value: &Value, items: &mut Vec<String>| match value {
        Value::Bool(b) => items.push(Swift.boolean(*b)),
        Value::Enum(v) => items.push(enum_value(v)),
        Value::List(list) => items.extend(list.iter().map(enum_value)),
        Value::Text(text) => items.extend(texts_of(model, text)),
    };
    let values: Vec<&crate::model::AttrValue> =
        set.entries.iter().map(|e| &e.values[index]).collect();
    for value in &values {
        push(&value.current, &mut items);
    }
    let is_list = matches!(attribute.kind, AttrKind::List(_));
    let list_len = |value: &Value| match value {
        Value::List(list) => list.len(),
        _ => 1,
    };
    let mut tables = Vec::new();
    let value_func = format!("{name}_value");
    let read = |index: &str| format!("Self.{value_func}({index})");
    let starts_table = is_list.then(|| {
        Table::new(
            &format!("{name}_start"),
            &format!("{name}_starts"),
            "Int",
            starts(values.iter().map(|v| list_len(&v.current))),
        )
        .doc(format!(
            "Where each row's items start in `{name}_values`, and the end."
        ))
    });
    let value_body = match (&starts_table, attribute.kind) {
        (Some(starts), _) => vec![
            "let row = _position".to_string(),
            format!(
                "return ({}..<{}).map(Self.{})",
                starts.at("row"),
                starts.at("row + 1"),
                value_func
            ),
        ],
        (None, AttrKind::Text) => vec![read(&format!("_position * {locales} + locale.index"))],
        (None, _) => vec![read("_position")],
    };
    let mut on_body = Vec::new();
    if attribute.has_changes {
        // History rows (until year, month, day, earlier value), entry after entry;
        // a text answers in the default locale, a list by the range of its items.
        let mut rows = Vec::new();
        let mut row_counts = Vec::new();
        for value in &values {
            row_counts.push(value.history.len());
            for past in &value.history {
                let stored = match &past.value {
                    Value::List(list) => {
                        let start = items.len();
                        items.extend(list.iter().map(enum_value));
                        format!("{start}..<{}", items.len())
                    }
                    Value::Text(text) => Swift.string(text.get(model.default_locale())),
                    other => {
                        let mut one = Vec::new();
                        push(other, &mut one);
                        one.remove(0)
                    }
                };
                rows.push(format!(
                    "({}, {}, {}, {stored})",
                    past.until.year, past.until.month, past.until.day
                ));
            }
        }
        let stored_type = match attribute.kind {
            AttrKind::List(_) => "Range<Int>".to_string(),
            _ => element.clone(),
        };
        let history = Table::new(
            &format!("{name}_history"),
            &format!("{name}_histories"),
            &format!("(Int, Int, Int, {stored_type})"),
            rows,
        )
        .doc("Earlier values (until year, month, day, value), oldest first, entry after entry.");
        let history_starts = Table::new(
            &format!("{name}_historyStart"),
            &format!("{name}_historyStarts"),
            "Int",
            starts(row_counts.into_iter()),
        )
        .doc(format!(
            "Where each row's history starts in `{name}_histories`, and the end."
        ));
        let rows = format!(
            "{}..<{}",
            history_starts.at("row"),
            history_starts.at("row + 1")
        );
        let accessor = &view.names.accessor;
        on_body.push("let row = _position".to_string());
        match (&starts_table, attribute.kind) {
            (Some(starts), _) => {
                on_body.push(format!(
                    "let items = valueOn({rows}, Self.{}, {}..<{}, date)",
                    history.func,
                    starts.at("row"),
                    starts.at("row + 1")
                ));
                on_body.push(format!("return items.map(Self.{value_func})"));
            }
            (None, AttrKind::Text) => on_body.push(format!(
                "return valueOn({rows}, Self.{}, {accessor}(in: .default), date)",
                history.func
            )),
            // The table, not the accessor: `isBillable` alone also names `isBillable(on:)`.
            (None, _) => on_body.push(format!(
                "return valueOn({rows}, Self.{}, {}, date)",
                history.func,
                read("row")
            )),
        }
        tables.push(history);
        tables.push(history_starts);
    }
    let value_doc = match attribute.kind {
        AttrKind::Text => format!("{}, in every locale: row * locales + locale.", view.summary),
        AttrKind::List(_) => format!(
            "{}: the items of every row's list, current lists first.",
            view.summary
        ),
        _ => format!("{}, by row.", view.summary),
    };
    tables.insert(
        0,
        Table::new(&value_func, &format!("{name}_values"), &element, items).doc(value_doc),
    );
    tables.extend(starts_table);
    (value_body, on_body, tables)
}

/// Where each row's items start in a flat table, and the end: `lengths.len() + 1` offsets.
fn starts(lengths: impl Iterator<Item = usize>) -> Vec<String> {
    let mut offsets = vec![0];
    for length in lengths {
        offsets.push(offsets.last().unwrap() + length);
    }
    offsets.iter().map(usize::to_string).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(Swift.variant("Self"), "`self`");
        assert_eq!(Swift.variant("Default"), "`default`");
        assert_eq!(Swift.variant("VerificationPassed"), "verificationPassed");
        assert_eq!(Swift.member("in"), "`in`");
        assert_eq!(Swift.string("\\(x) \"\u{7}"), "\"\\\\(x) \\\"\\u{7}\"");
    }

    /// Initialisms in capitals, except where a lowerCamel name starts; digits
    /// after one stay; a word merely starting like one is left alone.
    #[test]
    fn initialisms_keep_their_case() {
        assert_eq!(Swift.type_name("SdkCode"), "SDKCode");
        assert_eq!(Swift.type_name("FaceIdCodes"), "FaceIDCodes");
        assert_eq!(Swift.type_name("Identity"), "Identity");
        assert_eq!(Swift.variant("SdkDistanceError"), "sdkDistanceError");
        assert_eq!(Swift.variant("NameIdMismatch"), "nameIDMismatch");
        assert_eq!(Swift.variant("AppId2Limited"), "appID2Limited");
        assert_eq!(Swift.variant("HdPhotoInvalid"), "hdPhotoInvalid");
        assert_eq!(Swift.variant("Idle"), "idle");
        assert_eq!(Swift.member("app_id"), "appID");
        assert_eq!(Swift.member("url"), "url");
        assert_eq!(Swift.bool_member("sdk_only"), "isSDKOnly");
        assert_eq!(Swift.bool_member("billable"), "isBillable");
    }

    /// Chinese by script; other tags kept; a second locale that would take an
    /// identifier already taken, or another locale's own tag, keeps its tag.
    #[test]
    fn apple_localizations() {
        let ids =
            |tags: &[&str]| apple_locales(&tags.iter().map(|t| t.to_string()).collect::<Vec<_>>());
        assert_eq!(ids(&["zh-CN", "en"]), ["zh-Hans", "en"]);
        assert_eq!(
            ids(&["zh_TW", "zh-HK", "pt-BR"]),
            ["zh-Hant", "zh-HK", "pt-BR"]
        );
        assert_eq!(ids(&["zh-CN", "zh-SG"]), ["zh-Hans", "zh-SG"]);
        assert_eq!(ids(&["zh-CN", "zh-Hans"]), ["zh-CN", "zh-Hans"]);
        assert_eq!(ids(&["zh-Hant-TW", "zh-TW"]), ["zh-Hant", "zh-TW"]);
    }

    /// The other languages keep initialisms as words (README, "Initialisms").
    #[test]
    fn other_languages_keep_initialisms_as_words() {
        for oracle in crate::render::oracles().filter(|o| o.language() != "Swift") {
            let lang = oracle.language();
            assert_eq!(oracle.type_name("SdkCode"), "SdkCode", "{lang}");
            let member = oracle.member("app_id");
            assert!(member == "appId" || member == "app_id", "{lang}: {member}");
            let variant = oracle.variant("NameIdMismatch");
            assert!(
                ["NameIdMismatch", "NAME_ID_MISMATCH"].contains(&variant.as_str()),
                "{lang}: {variant}"
            );
        }
    }

    fn variants(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("v{i}")).collect()
    }

    /// Up to BOUND cases, one exhaustive switch; beyond, chunks of BOUND - 1
    /// cases and a default, the last answering its last case by default.
    #[test]
    fn chain_switches_over_at_the_bound() {
        let names = variants(BOUND);
        let one = chain(
            "_position",
            "_position",
            &names.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        assert_eq!(one.len(), 1);
        assert_eq!(
            (one[0].arms.len(), one[0].default.as_deref()),
            (BOUND, None)
        );

        for n in [BOUND + 1, 2 * BOUND - 2, 2 * BOUND - 1, 2000] {
            let names = variants(n);
            let chunks = chain(
                "_position",
                "_position",
                &names.iter().map(String::as_str).collect::<Vec<_>>(),
            );
            assert_eq!(chunks.len(), n.div_ceil(BOUND - 1), "{n}");
            let mut rows = Vec::new();
            for (k, chunk) in chunks.iter().enumerate() {
                assert!(chunk.arms.len() < BOUND, "{n}: a default is an arm too");
                rows.extend(chunk.arms.iter().map(|(_, row)| *row));
                let default = chunk.default.as_deref().unwrap();
                if k + 1 < chunks.len() {
                    assert_eq!(default, format!("_position_{}", k + 1));
                    assert_eq!(chunks[k + 1].name, default);
                } else {
                    assert_eq!(default, format!("{} // .v{}", n - 1, n - 1));
                }
            }
            rows.push(n - 1);
            assert_eq!(rows, (0..n).collect::<Vec<_>>(), "{n}");
        }
    }

    /// One literal up to BOUND items, an array of chunks up to BOUND squared,
    /// then a third level; the body's index reaches every item.
    #[test]
    fn tables_nest_at_the_bound() {
        for (n, depth) in [
            (0, 1),
            (BOUND, 1),
            (BOUND + 1, 2),
            (BOUND * BOUND, 2),
            (BOUND * BOUND + 1, 3),
        ] {
            let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            let table = Table::new("_f", "_t", "Int", items);
            assert_eq!(table.body.matches('[').count(), depth, "{n}");
            let decls: HashMap<&str, Vec<&str>> = table
                .decls
                .iter()
                .map(|d| {
                    let items: Vec<&str> = d
                        .lines
                        .iter()
                        .flat_map(|l| l.split(','))
                        .map(str::trim)
                        .filter(|i| !i.is_empty())
                        .collect();
                    assert!(
                        items.len() <= BOUND,
                        "{n}: {} holds {}",
                        d.name,
                        items.len()
                    );
                    (d.name.as_str(), items)
                })
                .collect();
            // Evaluate the body, `_t[i / 256][i % 256]`, for a few indexes.
            for i in [0, n / 3, n.saturating_sub(1)]
                .into_iter()
                .filter(|i| *i < n)
            {
                let mut item = "_t";
                for index in table.body["_t[".len()..table.body.len() - 1].split("][") {
                    let mut tokens = index.split(' ').skip(1);
                    let mut value = i;
                    while let (Some(op), Some(k)) = (tokens.next(), tokens.next()) {
                        let k: usize = k.parse().unwrap();
                        value = if op == "/" { value / k } else { value % k };
                    }
                    item = decls[item][value];
                }
                assert_eq!(item, i.to_string(), "{n}: element {i}");
            }
        }
    }
}
