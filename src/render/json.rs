//! JSON backend: the whole catalog as data, plus a JSON Schema describing it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::naming::Oracle;
use super::{Backend, Catalog};
use crate::model::{AttrKind, Code, CodeSet, KeyKind, Model, Text, Value};
use crate::output::GeneratedFile;

pub struct Json;

impl Backend for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        None
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        vec![
            GeneratedFile {
                path: format!("json/{}.json", model.name),
                contents: pretty(&CatalogJson::from_model(model, &catalog.shared.hash)),
            },
            GeneratedFile {
                path: format!("json/{}.schema.json", model.name),
                contents: json_schema(),
            },
        ]
    }
}

/// The catalog's content hash, as every generated file states it: 16 hex
/// digits of the SHA-256 of the compact JSON export with an empty `hash`, so
/// reformatting or reordering the TOML's keys does not change it.
pub fn catalog_hash(model: &Model) -> String {
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
    serde_json::to_writer(&mut hashing, &CatalogJson::from_model(model, ""))
        .expect("JSON of owned data into a hash cannot fail");
    let digest = hashing.0.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The JSON Schema of the catalog export, as pretty JSON.
pub fn json_schema() -> String {
    pretty(&schemars::schema_for!(CatalogJson))
}

fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON of owned data cannot fail");
    text.push('\n');
    text
}

/// Text by locale tag.
type LocalizedJson = BTreeMap<String, String>;

/// A retcode catalog export: every set, entry, code, message, hint, attribute and dated change.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "retcode catalog")]
#[serde(deny_unknown_fields)]
struct CatalogJson {
    /// Package name of the catalog, kebab-case.
    name: String,
    /// The catalog's semantic version.
    version: String,
    /// The catalog's content hash: 16 hex digits of the SHA-256 of this export
    /// (compact, with `hash` empty). It changes with the meaning, not the TOML layout.
    hash: String,
    /// SPDX licence expression of the generated packages.
    license: Option<String>,
    /// URL of the catalog's repository.
    repository: Option<String>,
    /// URL of the catalog's home page.
    homepage: Option<String>,
    title: LocalizedJson,
    /// Declared locales, the default first.
    locales: Vec<String>,
    default_locale: String,
    /// Time zone in which change dates are calendar dates.
    date_zone: Option<String>,
    intro: Vec<LocalizedJson>,
    /// Fallback description of an unknown code; `{code}` stands for the raw code.
    unknown_code: LocalizedJson,
    enums: Vec<EnumJson>,
    sections: Vec<SectionJson>,
    sets: Vec<SetJson>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EnumJson {
    name: String,
    values: Vec<EnumValueJson>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EnumValueJson {
    name: String,
    label: LocalizedJson,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SectionJson {
    id: String,
    title: LocalizedJson,
    intro: Vec<LocalizedJson>,
    notes: Vec<LocalizedJson>,
    /// Names of the sets in this section.
    sets: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SetJson {
    /// Generated type name, UpperCamelCase.
    name: String,
    key: KeyJson,
    /// Response field the codes arrive in.
    field: Option<String>,
    title: Option<LocalizedJson>,
    intro: Vec<LocalizedJson>,
    notes: Vec<LocalizedJson>,
    code_label: LocalizedJson,
    message_label: LocalizedJson,
    hint_label: Option<LocalizedJson>,
    code_separator: String,
    /// The codes are errors (bindings implement the error protocol).
    error: bool,
    attributes: Vec<AttributeJson>,
    groups: Vec<GroupJson>,
    entries: Vec<EntryJson>,
    changes: Vec<ChangeJson>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum KeyJson {
    Int,
    String,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AttributeJson {
    /// snake_case name.
    name: String,
    #[serde(rename = "type")]
    kind: AttrKindJson,
    /// For `enum` and `list` attributes: the enum whose value names they hold.
    #[serde(rename = "enum")]
    enum_name: Option<String>,
    label: LocalizedJson,
    doc_column: bool,
    /// True when a dated change alters this attribute.
    has_changes: bool,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum AttrKindJson {
    Bool,
    Enum,
    List,
    Text,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct GroupJson {
    id: String,
    title: LocalizedJson,
    /// 0 for a top-level group.
    depth: usize,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct EntryJson {
    /// UpperCamel identifier.
    name: String,
    /// The first code is canonical, the rest are aliases.
    codes: Vec<CodeJson>,
    group: Option<String>,
    message: LocalizedJson,
    hint: Option<LocalizedJson>,
    note: Option<LocalizedJson>,
    /// Attribute name → value.
    attributes: BTreeMap<String, AttrValueJson>,
}

#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
enum CodeJson {
    Int(i32),
    String(String),
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AttrValueJson {
    /// The value in force now.
    value: ValueJson,
    /// Earlier values, oldest first: before `until`, the value was `value`.
    history: Vec<PastValueJson>,
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PastValueJson {
    /// First day (YYYY-MM-DD, in `date_zone`) on which the value no longer held.
    until: String,
    value: ValueJson,
}

/// bool: a boolean; enum: a value name; list: value names; text: text by locale.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
enum ValueJson {
    Bool(bool),
    Enum(String),
    List(Vec<String>),
    Text(LocalizedJson),
}

#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ChangeJson {
    attribute: String,
    /// First day (YYYY-MM-DD, in `date_zone`) of the new value.
    effective: String,
    /// The value before `effective`.
    before: ValueJson,
    /// Canonical codes of the changed entries.
    codes: Vec<CodeJson>,
    entries: Vec<String>,
    notice: Option<LocalizedJson>,
}

fn text(text: &Text) -> LocalizedJson {
    text.0.clone()
}

fn code(code: &Code) -> CodeJson {
    match code {
        Code::Int(n) => CodeJson::Int(*n),
        Code::Str(s) => CodeJson::String(s.clone()),
    }
}

impl CatalogJson {
    fn from_model(model: &Model, hash: &str) -> Self {
        CatalogJson {
            name: model.name.clone(),
            version: model.version.clone(),
            hash: hash.to_string(),
            license: model.license.clone(),
            repository: model.repository.clone(),
            homepage: model.homepage.clone(),
            title: text(&model.title),
            locales: model.locales.clone(),
            default_locale: model.default_locale().to_string(),
            date_zone: model.date_zone.clone(),
            intro: model.intro.iter().map(text).collect(),
            unknown_code: text(&model.unknown_code),
            enums: model
                .enums
                .iter()
                .map(|e| EnumJson {
                    name: e.name.clone(),
                    values: e
                        .values
                        .iter()
                        .map(|v| EnumValueJson {
                            name: v.name.clone(),
                            label: text(&v.label),
                        })
                        .collect(),
                })
                .collect(),
            sections: model
                .sections
                .iter()
                .map(|s| SectionJson {
                    id: s.id.clone(),
                    title: text(&s.title),
                    intro: s.intro.iter().map(text).collect(),
                    notes: s.notes.iter().map(text).collect(),
                    sets: s.sets.iter().map(|&i| model.sets[i].name.clone()).collect(),
                })
                .collect(),
            sets: model.sets.iter().map(|set| set_json(model, set)).collect(),
        }
    }
}

fn set_json(model: &Model, set: &CodeSet) -> SetJson {
    let value = |value: &Value| -> ValueJson {
        match value {
            Value::Bool(b) => ValueJson::Bool(*b),
            Value::Enum(v) => ValueJson::Enum(v.name.clone()),
            Value::List(items) => ValueJson::List(items.iter().map(|v| v.name.clone()).collect()),
            Value::Text(t) => ValueJson::Text(text(t)),
        }
    };
    SetJson {
        name: set.name.clone(),
        key: match set.key {
            KeyKind::Int => KeyJson::Int,
            KeyKind::Str => KeyJson::String,
        },
        field: set.field.clone(),
        title: set.title.as_ref().map(text),
        intro: set.intro.iter().map(text).collect(),
        notes: set.notes.iter().map(text).collect(),
        code_label: text(&set.code_label),
        message_label: text(&set.message_label),
        hint_label: set.hint_label.as_ref().map(text),
        code_separator: set.code_separator.clone(),
        error: set.is_error,
        attributes: set
            .attributes
            .iter()
            .map(|a| AttributeJson {
                name: a.name.clone(),
                kind: match a.kind {
                    AttrKind::Bool => AttrKindJson::Bool,
                    AttrKind::Enum(_) => AttrKindJson::Enum,
                    AttrKind::List(_) => AttrKindJson::List,
                    AttrKind::Text => AttrKindJson::Text,
                },
                enum_name: match a.kind {
                    AttrKind::Enum(e) | AttrKind::List(e) => Some(model.enums[e].name.clone()),
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
                id: g.id.clone(),
                title: text(&g.title),
                depth: g.depth,
            })
            .collect(),
        entries: set
            .entries
            .iter()
            .map(|e| EntryJson {
                name: e.name.clone(),
                codes: e.codes.iter().map(code).collect(),
                group: e.group.map(|g| set.groups[g].id.clone()),
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
                        (a.name.clone(), json)
                    })
                    .collect(),
            })
            .collect(),
        changes: set
            .changes
            .iter()
            .map(|c| ChangeJson {
                attribute: set.attributes[c.attribute].name.clone(),
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
                    .map(|&i| set.entries[i].name.clone())
                    .collect(),
                notice: c.notice.as_ref().map(text),
            })
            .collect(),
    }
}
