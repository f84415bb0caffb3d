//! Swift: a Swift package (`Package.swift`, `Sources/<Module>/`) in `swift/`.
//! Spelling: UpperCamel types, lowerCamel cases and members, backticks for keywords.

use askama::Template;
use heck::ToUpperCamelCase;

use super::api::{Api, AttrName, Helper, When};
use super::backend::{Backend, Catalog, Matching, Setting, file};
use super::naming::{
    self, Oracle, PackageKey, PackageNames, PackageProblem, TypeNames, lower_camel,
};
use super::view::CatalogView;
use crate::model::{CodeSet, Model, Text};
use crate::output::GeneratedFile;

mod layout;
use layout::SwiftFile;
pub use layout::{BOUND, error_domain, string_error_code};

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
    // What SwiftPM's generated resource accessor (`Bundle.module`) declares and
    // uses at module level: a catalog type of the same name would break it.
    "BundleFinder",
    "ProcessInfo",
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
    "_errorCodes_{n}_{n}",
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

/// How the language spells code and value types.
const TYPES: TypeNames = TypeNames {
    int_code: "Int",
    string_code: "String",
    int_param: "Int",
    string_param: "String",
    int_to_text: "String(code)",
    string_to_text: "code",
    bool: "Bool",
    list: ("[", "]"),
    text: "String",
};

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
    attribute_members: &[
        (AttrName::Accessor, When::Always),
        (AttrName::Field, When::Text),
        // The dated accessor is `<accessor>(on:)`: the accessor's own name.
        (AttrName::HistoryField, When::Dated),
    ],
    attribute_private: &[
        "_{attr}_value",
        "_{attr}_values",
        "_{attr}_start",
        "_{attr}_starts",
        "_{attr}_history",
        "_{attr}_histories",
        "_{attr}_historyStart",
        "_{attr}_historyStarts",
        // Chunks of the long ones.
        "_{attr}_values_{n}_{n}",
        "_{attr}_starts_{n}_{n}",
        "_{attr}_histories_{n}_{n}",
        "_{attr}_historyStarts_{n}_{n}",
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

    /// Cases that backticks cannot make read right take a trailing `_`
    /// (swift-protobuf's rule): see [`CASE_TRAPS`].
    fn variant(&self, name: &str) -> String {
        let case = initialisms(&lower_camel(name));
        if CASE_TRAPS.contains(&case.as_str()) {
            format!("{case}_")
        } else {
            escape(case)
        }
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

    fn api(&self) -> &'static Api {
        &API
    }

    fn types(&self) -> &'static TypeNames {
        &TYPES
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
}

/// Case names that compile but mislead: `.self` is the type itself and must be
/// written ``Set.`self` ``; `.none` and `.some` compare an optional with `nil`
/// or wrap it (`x == .none` is true for a missing value); `.init` calls the
/// initializer. They are spelled `self_`, `none_`, `some_`, `init_`.
const CASE_TRAPS: &[&str] = &["self", "none", "some", "init"];

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

    fn folder(&self) -> &'static str {
        "swift"
    }

    fn matching(&self) -> Matching {
        Matching::Exhaustive("Swift `switch`")
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
                &SwiftFile::new(catalog.model, &view, self, &module, &localizations),
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
    check: naming::upper_camel_identifier,
};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(Swift.variant("Self"), "self_");
        assert_eq!(Swift.variant("None"), "none_");
        assert_eq!(Swift.variant("Some"), "some_");
        assert_eq!(Swift.variant("Init"), "init_");
        assert_eq!(Swift.variant("Type"), "type");
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
}
