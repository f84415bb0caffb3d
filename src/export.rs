//! The catalog as JSON data, in one encoding: the JSON export (its document,
//! schema and content hash) and the values, codes and texts that
//! `explain --format json` and `diff --format json` print the same way.
//! Neutral: the JSON backend prints [`catalog_json`], every generated file
//! states [`catalog_hash`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::docs::{self, Anchors};
use crate::model::{AttrKind, Code, CodeSet, KeyKind, Model, Text, Value};

// ---------------------------------------------------------------------------
// Values, codes and texts, as every JSON output writes them.

/// Text by locale tag.
pub type LocalizedJson<'a> = &'a BTreeMap<String, String>;

pub fn text(text: &Text) -> LocalizedJson<'_> {
    &text.0
}

// A number in int-keyed sets, a string in string-keyed ones. (No doc comment:
// it would become a description in every JSON Schema naming the type.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CodeJson<'a> {
    Int(i32),
    String(Cow<'a, str>),
}

pub fn code(code: &Code) -> CodeJson<'_> {
    match code {
        Code::Int(n) => CodeJson::Int(*n),
        Code::Str(s) => CodeJson::String(Cow::Borrowed(s)),
    }
}

impl CodeJson<'_> {
    pub fn into_owned(self) -> CodeJson<'static> {
        match self {
            CodeJson::Int(n) => CodeJson::Int(n),
            CodeJson::String(s) => CodeJson::String(Cow::Owned(s.into_owned())),
        }
    }
}

/// As people read a code: `-5208`, `"A1"` (quoted, so `"01"` is not the number 1).
impl std::fmt::Display for CodeJson<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeJson::Int(n) => write!(f, "{n}"),
            CodeJson::String(s) => write!(f, "\"{s}\""),
        }
    }
}

/// bool: a boolean; enum: a value name; list: value names; text: text by locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ValueJson<'a> {
    Bool(bool),
    Enum(Cow<'a, str>),
    List(Vec<Cow<'a, str>>),
    Text(Cow<'a, BTreeMap<String, String>>),
}

pub fn value(value: &Value) -> ValueJson<'_> {
    match value {
        Value::Bool(b) => ValueJson::Bool(*b),
        Value::Enum(v) => ValueJson::Enum(Cow::Borrowed(&v.name)),
        Value::List(items) => ValueJson::List(
            items
                .iter()
                .map(|v| Cow::Borrowed(v.name.as_str()))
                .collect(),
        ),
        Value::Text(t) => ValueJson::Text(Cow::Borrowed(&t.0)),
    }
}

impl ValueJson<'_> {
    pub fn into_owned(self) -> ValueJson<'static> {
        match self {
            ValueJson::Bool(b) => ValueJson::Bool(b),
            ValueJson::Enum(name) => ValueJson::Enum(Cow::Owned(name.into_owned())),
            ValueJson::List(names) => ValueJson::List(
                names
                    .into_iter()
                    .map(|name| Cow::Owned(name.into_owned()))
                    .collect(),
            ),
            ValueJson::Text(text) => ValueJson::Text(Cow::Owned(text.into_owned())),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum KeyJson {
    Int,
    String,
}

pub fn key(key: KeyKind) -> KeyJson {
    match key {
        KeyKind::Int => KeyJson::Int,
        KeyKind::Str => KeyJson::String,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AttrKindJson {
    Bool,
    Enum,
    List,
    Text,
}

pub fn attr_kind(kind: AttrKind) -> AttrKindJson {
    match kind {
        AttrKind::Bool => AttrKindJson::Bool,
        AttrKind::Enum(_) => AttrKindJson::Enum,
        AttrKind::List(_) => AttrKindJson::List,
        AttrKind::Text => AttrKindJson::Text,
    }
}

/// Pretty JSON ending in a line break, as every JSON file and output is printed.
pub fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON of owned data cannot fail");
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------
// The catalog export.

/// The JSON export of the catalog, pretty: what `json/<name>.json` holds.
pub fn catalog_json(model: &Model, anchors: &Anchors, hash: &str) -> String {
    pretty(&CatalogJson::from_model(model, anchors, hash))
}

/// The catalog's content hash, as every generated file states it: 16 hex
/// digits of the SHA-256 of the compact JSON export with an empty `hash`, so
/// reformatting or reordering the TOML's keys does not change it.
pub fn catalog_hash(model: &Model) -> String {
    catalog_hash_with(model, &Anchors::build(model))
}

/// [`catalog_hash`] with the catalog's anchors already built.
pub fn catalog_hash_with(model: &Model, anchors: &Anchors) -> String {
    use sha2::Digest as _;
    struct Hashing(sha2::Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(sha2::Sha256::new());
    serde_json::to_writer(&mut hashing, &CatalogJson::from_model(model, anchors, ""))
        .expect("JSON of owned data into a hash cannot fail");
    let digest = hashing.0.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The JSON Schema of the catalog export, as pretty JSON.
pub fn json_schema() -> String {
    pretty(&schemars::schema_for!(CatalogJson))
}

/// A retcode catalog export: every set, entry, code, message, hint, attribute and dated change.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "retcode catalog")]
#[serde(deny_unknown_fields)]
struct CatalogJson<'a> {
    /// Package name of the catalog, kebab-case.
    name: &'a str,
    /// The catalog's semantic version.
    version: &'a str,
    /// The catalog's content hash: 16 hex digits of the SHA-256 of this export
    /// (compact, with `hash` empty). It changes with the meaning, not the TOML layout.
    hash: &'a str,
    /// SPDX licence expression of the generated packages.
    license: Option<&'a str>,
    /// URL of the catalog's repository.
    repository: Option<&'a str>,
    /// URL of the catalog's home page.
    homepage: Option<&'a str>,
    /// URL of the folder the HTML docs are published in. Absent when not set.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    docs_url: Option<&'a str>,
    title: LocalizedJson<'a>,
    /// Declared locales, the default first.
    locales: &'a [String],
    default_locale: &'a str,
    /// Time zone in which change dates are calendar dates.
    date_zone: Option<&'a str>,
    intro: Vec<LocalizedJson<'a>>,
    /// Fallback description of an unknown code; `{code}` stands for the raw code.
    unknown_code: LocalizedJson<'a>,
    enums: Vec<EnumJson<'a>>,
    sections: Vec<SectionJson<'a>>,
    sets: Vec<SetJson<'a>>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EnumJson<'a> {
    name: &'a str,
    values: Vec<EnumValueJson<'a>>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EnumValueJson<'a> {
    name: &'a str,
    label: LocalizedJson<'a>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SectionJson<'a> {
    id: &'a str,
    title: LocalizedJson<'a>,
    intro: Vec<LocalizedJson<'a>>,
    notes: Vec<LocalizedJson<'a>>,
    /// Names of the sets in this section.
    sets: Vec<&'a str>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SetJson<'a> {
    /// Generated type name, UpperCamelCase.
    name: &'a str,
    key: KeyJson,
    /// Response field the codes arrive in.
    field: Option<&'a str>,
    title: Option<LocalizedJson<'a>>,
    intro: Vec<LocalizedJson<'a>>,
    notes: Vec<LocalizedJson<'a>>,
    code_label: LocalizedJson<'a>,
    message_label: LocalizedJson<'a>,
    hint_label: Option<LocalizedJson<'a>>,
    code_separator: &'a str,
    /// The codes are errors (bindings implement the error protocol).
    error: bool,
    attributes: Vec<AttributeJson<'a>>,
    groups: Vec<GroupJson<'a>>,
    entries: Vec<EntryJson<'a>>,
    changes: Vec<ChangeJson<'a>>,
    /// Tombstones: codes removed from the set, never to be reused. Absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    retired: Vec<RetiredJson<'a>>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RetiredJson<'a> {
    code: CodeJson<'a>,
    /// The day (YYYY-MM-DD) the code was retired.
    date: String,
    /// What the code meant.
    meaning: LocalizedJson<'a>,
}

/// An entry's deprecation. Absent when the entry is not deprecated.
#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct DeprecationJson<'a> {
    /// The day (YYYY-MM-DD) since which the entry is deprecated.
    since: String,
    reason: LocalizedJson<'a>,
    /// The entry to use instead (same set), if any.
    replacement: Option<&'a str>,
}

/// One deprecated alias code of an entry.
#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct DeprecatedCodeJson<'a> {
    code: CodeJson<'a>,
    since: String,
    reason: LocalizedJson<'a>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AttributeJson<'a> {
    /// snake_case name.
    name: &'a str,
    #[serde(rename = "type")]
    kind: AttrKindJson,
    /// For `enum` and `list` attributes: the enum whose value names they hold.
    #[serde(rename = "enum")]
    enum_name: Option<&'a str>,
    label: LocalizedJson<'a>,
    doc_column: bool,
    /// True when a dated change alters this attribute.
    has_changes: bool,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct GroupJson<'a> {
    id: &'a str,
    title: LocalizedJson<'a>,
    /// 0 for a top-level group.
    depth: usize,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EntryJson<'a> {
    /// UpperCamel identifier.
    name: &'a str,
    /// The first code is canonical, the rest are aliases.
    codes: Vec<CodeJson<'a>>,
    group: Option<&'a str>,
    message: LocalizedJson<'a>,
    hint: Option<LocalizedJson<'a>>,
    note: Option<LocalizedJson<'a>>,
    /// Attribute name → value.
    attributes: BTreeMap<&'a str, AttrValueJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    deprecated: Option<DeprecationJson<'a>>,
    /// Alias codes deprecated on their own. Absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    deprecated_codes: Vec<DeprecatedCodeJson<'a>>,
    /// The entry's row in the HTML docs (`docs_url` + `index.html#` + anchor of
    /// the canonical code). Absent when the catalog sets no `docs_url`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    doc_url: Option<String>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AttrValueJson<'a> {
    /// The value in force now.
    value: ValueJson<'a>,
    /// Earlier values, oldest first: before `until`, the value was `value`.
    history: Vec<PastValueJson<'a>>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PastValueJson<'a> {
    /// First day (YYYY-MM-DD, in `date_zone`) on which the value no longer held.
    until: String,
    value: ValueJson<'a>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ChangeJson<'a> {
    attribute: &'a str,
    /// First day (YYYY-MM-DD, in `date_zone`) of the new value.
    effective: String,
    /// The value before `effective`.
    before: ValueJson<'a>,
    /// Canonical codes of the changed entries.
    codes: Vec<CodeJson<'a>>,
    entries: Vec<&'a str>,
    notice: Option<LocalizedJson<'a>>,
}

impl<'a> CatalogJson<'a> {
    fn from_model(model: &'a Model, anchors: &Anchors, hash: &'a str) -> Self {
        CatalogJson {
            name: &model.name,
            version: &model.version,
            hash,
            license: model.license.as_deref(),
            repository: model.repository.as_deref(),
            homepage: model.homepage.as_deref(),
            docs_url: model.docs_url.as_deref(),
            title: text(&model.title),
            locales: &model.locales,
            default_locale: model.default_locale(),
            date_zone: model.date_zone.as_deref(),
            intro: model.intro.iter().map(text).collect(),
            unknown_code: text(&model.unknown_code),
            enums: model
                .enums
                .iter()
                .map(|e| EnumJson {
                    name: &e.name,
                    values: e
                        .values
                        .iter()
                        .map(|v| EnumValueJson {
                            name: &v.name,
                            label: text(&v.label),
                        })
                        .collect(),
                })
                .collect(),
            sections: model
                .sections
                .iter()
                .map(|s| SectionJson {
                    id: &s.id,
                    title: text(&s.title),
                    intro: s.intro.iter().map(text).collect(),
                    notes: s.notes.iter().map(text).collect(),
                    sets: s
                        .sets
                        .iter()
                        .map(|&i| model.sets[i].name.as_str())
                        .collect(),
                })
                .collect(),
            sets: {
                let doc_url = |set: usize, entry: usize| docs::doc_url(model, anchors, set, entry);
                model
                    .sets
                    .iter()
                    .enumerate()
                    .map(|(i, set)| set_json(model, set, &|e| doc_url(i, e)))
                    .collect()
            },
        }
    }
}

fn set_json<'a>(
    model: &'a Model,
    set: &'a CodeSet,
    doc_url: &dyn Fn(usize) -> Option<String>,
) -> SetJson<'a> {
    SetJson {
        name: &set.name,
        key: key(set.key),
        field: set.field.as_deref(),
        title: set.title.as_ref().map(text),
        intro: set.intro.iter().map(text).collect(),
        notes: set.notes.iter().map(text).collect(),
        code_label: text(&set.code_label),
        message_label: text(&set.message_label),
        hint_label: set.hint_label.as_ref().map(text),
        code_separator: &set.code_separator,
        error: set.is_error,
        attributes: set
            .attributes
            .iter()
            .map(|a| AttributeJson {
                name: &a.name,
                kind: attr_kind(a.kind),
                enum_name: match a.kind {
                    AttrKind::Enum(e) | AttrKind::List(e) => Some(model.enums[e].name.as_str()),
                    _ => None,
                },
                label: text(&a.label),
                doc_column: a.doc_column,
                has_changes: a.has_changes,
            })
            .collect(),
        groups: set
            .groups
            .iter()
            .map(|g| GroupJson {
                id: &g.id,
                title: text(&g.title),
                depth: g.depth,
            })
            .collect(),
        entries: set
            .entries
            .iter()
            .enumerate()
            .map(|(index, e)| EntryJson {
                doc_url: doc_url(index),
                name: &e.name,
                codes: e.codes.iter().map(code).collect(),
                group: e.group.map(|g| set.groups[g].id.as_str()),
                message: text(&e.message),
                hint: e.hint.as_ref().map(text),
                note: e.note.as_ref().map(text),
                attributes: set
                    .attributes
                    .iter()
                    .zip(&e.values)
                    .map(|(a, v)| {
                        let json = AttrValueJson {
                            value: value(&v.current),
                            history: v
                                .history
                                .iter()
                                .map(|p| PastValueJson {
                                    until: p.until.to_string(),
                                    value: value(&p.value),
                                })
                                .collect(),
                        };
                        (a.name.as_str(), json)
                    })
                    .collect(),
                deprecated: e.deprecated.as_ref().map(|d| DeprecationJson {
                    since: d.since.to_string(),
                    reason: text(&d.reason),
                    replacement: d.replacement.map(|r| set.entries[r].name.as_str()),
                }),
                deprecated_codes: e
                    .deprecated_codes
                    .iter()
                    .map(|d| DeprecatedCodeJson {
                        code: code(&d.code),
                        since: d.since.to_string(),
                        reason: text(&d.reason),
                    })
                    .collect(),
            })
            .collect(),
        changes: set
            .changes
            .iter()
            .map(|c| ChangeJson {
                attribute: &set.attributes[c.attribute].name,
                effective: c.effective.to_string(),
                before: value(&c.before),
                codes: c
                    .entries
                    .iter()
                    .map(|&i| code(&set.entries[i].codes[0]))
                    .collect(),
                entries: c
                    .entries
                    .iter()
                    .map(|&i| set.entries[i].name.as_str())
                    .collect(),
                notice: c.notice.as_ref().map(text),
            })
            .collect(),
        retired: set
            .retired
            .iter()
            .map(|r| RetiredJson {
                code: code(&r.code),
                date: r.date.to_string(),
                meaning: text(&r.meaning),
            })
            .collect(),
    }
}
