//! The view every code backend renders: names and literals already spelled for
//! one language by its oracle, so templates only loop and print.

use crate::model::{AttrKind, Code, CodeSet, EnumRef, Model, Value};

use super::naming::Oracle;

/// How a backend spells what the oracle leaves open: docs, lists, enum values.
pub trait Spelling: Oracle {
    fn doc(&self, text: &str) -> Vec<String>;
    /// A list literal of already-spelled items.
    fn list(&self, items: &[String]) -> String;
    /// A reference to `value` of enum type `type_name`.
    fn enum_value(&self, type_name: &str, value: &str) -> String;
}

/// Collapses runs of blank lines that conditional template blocks leave behind.
/// Code outputs hold no raw line breaks inside literals, so this never changes a value.
pub fn tidy(code: String) -> String {
    let mut out = String::with_capacity(code.len());
    let mut blank_run = 0;
    for line in code.lines() {
        blank_run = if line.trim().is_empty() {
            blank_run + 1
        } else {
            0
        };
        if blank_run <= 1 {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

pub struct CatalogView {
    pub title: Vec<String>,
    pub locales: Vec<LocaleView>,
    pub default_locale: String,
    /// Fallback texts for unknown codes, one literal per locale.
    pub unknown: Vec<String>,
    pub enums: Vec<EnumView>,
    pub sets: Vec<SetView>,
}

pub struct LocaleView {
    pub variant: String,
    pub tag: String,
    /// The tag as a literal.
    pub literal: String,
}

pub struct EnumView {
    pub name: String,
    pub values: Vec<EnumValueView>,
}

pub struct EnumValueView {
    pub variant: String,
    pub name: String,
    pub labels: String,
    pub doc: Vec<String>,
}

pub struct SetView {
    pub name: String,
    pub doc: Vec<String>,
    pub int_key: bool,
    pub is_error: bool,
    pub has_hints: bool,
    pub attributes: Vec<AttributeView>,
    pub entries: Vec<EntryView>,
    /// Entries grouped by variant for `switch`/`match` lookups: (code literals, variant).
    pub code_arms: Vec<(Vec<String>, String)>,
    /// A code literal of this set's key type that no entry has.
    pub unknown_probe: String,
}

pub struct AttributeView {
    /// The public accessor: `is_billable`, `platforms`, ….
    pub accessor: String,
    /// The dated accessor, `is_billable_on`, when the attribute has changes.
    pub on_accessor: Option<String>,
    /// The per-locale accessor of a text attribute, `remark_in`.
    pub in_accessor: String,
    /// SCREAMING_SNAKE stem for private storage, e.g. `BILLABLE`.
    pub storage: String,
    /// A private property holding the values, e.g. `billableValues`.
    pub field: String,
    /// A private property holding the history, e.g. `billableHistory`.
    pub history_field: String,
    pub kind: AttrKindView,
    pub doc: Vec<String>,
    /// One per entry, in entry order.
    pub values: Vec<ValueView>,
}

#[derive(Clone, PartialEq, Eq)]
pub enum AttrKindView {
    Bool,
    Enum(String),
    List(String),
    Text,
}

pub struct EntryView {
    pub variant: String,
    pub identifier: String,
    /// Code literals; the first is canonical.
    pub codes: Vec<String>,
    /// The list literal of `codes`.
    pub codes_list: String,
    pub doc: Vec<String>,
    /// List literal of the message in every locale.
    pub messages: String,
    /// List literal of the hint in every locale.
    pub hints: Option<String>,
    /// This entry's value of each attribute, in attribute order.
    pub values: Vec<ValueView>,
}

#[derive(Clone)]
pub struct ValueView {
    pub literal: String,
    /// The attribute has dated changes (so `history` is rendered, even when empty).
    pub dated: bool,
    /// Earlier values, oldest first.
    pub history: Vec<PastView>,
}

#[derive(Clone)]
pub struct PastView {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub literal: String,
}

/// Type spellings of one set in a backend's language.
pub struct SetTypes {
    /// A code as returned.
    pub code: &'static str,
    /// A code as accepted by the lookup.
    pub param: &'static str,
    /// The stored type of each attribute.
    pub attributes: Vec<String>,
}

/// How a backend spells types: `(returned, accepted)` code types per key kind,
/// and the stored type of an attribute.
pub struct TypeSpelling {
    pub int_code: (&'static str, &'static str),
    pub string_code: (&'static str, &'static str),
    pub value: fn(&AttrKindView) -> String,
}

impl CatalogView {
    /// Whether any attribute has dated changes (helpers for them are then emitted).
    pub fn has_history(&self) -> bool {
        self.sets
            .iter()
            .flat_map(|s| &s.attributes)
            .any(|a| a.on_accessor.is_some())
    }

    pub fn set_types(&self, spelling: &TypeSpelling) -> Vec<SetTypes> {
        self.sets
            .iter()
            .map(|set| {
                let (code, param) = if set.int_key {
                    spelling.int_code
                } else {
                    spelling.string_code
                };
                SetTypes {
                    code,
                    param,
                    attributes: set
                        .attributes
                        .iter()
                        .map(|a| (spelling.value)(&a.kind))
                        .collect(),
                }
            })
            .collect()
    }

    pub fn build(model: &Model, lang: &impl Spelling) -> Self {
        let locale = model.default_locale();
        CatalogView {
            title: lang.doc(model.title.get(locale)),
            locales: model
                .locales
                .iter()
                .map(|tag| LocaleView {
                    variant: lang
                        .variant(&heck::ToUpperCamelCase::to_upper_camel_case(tag.as_str())),
                    tag: tag.clone(),
                    literal: lang.string(tag),
                })
                .collect(),
            default_locale: lang.variant(&heck::ToUpperCamelCase::to_upper_camel_case(locale)),
            unknown: model
                .locales
                .iter()
                .map(|l| lang.string(model.unknown_code.get(l)))
                .collect(),
            enums: model
                .enums
                .iter()
                .map(|e| EnumView {
                    name: lang.type_name(&e.name),
                    values: e
                        .values
                        .iter()
                        .map(|v| EnumValueView {
                            variant: lang.variant(&v.name),
                            name: lang.string(&v.name),
                            labels: lang.list(
                                &model
                                    .locales
                                    .iter()
                                    .map(|l| lang.string(v.label.get(l)))
                                    .collect::<Vec<_>>(),
                            ),
                            doc: lang.doc(v.label.get(locale)),
                        })
                        .collect(),
                })
                .collect(),
            sets: model
                .sets
                .iter()
                .map(|set| set_view(model, set, lang))
                .collect(),
        }
    }
}

fn set_view(model: &Model, set: &CodeSet, lang: &impl Spelling) -> SetView {
    let locale = model.default_locale();
    let code = |code: &Code| match code {
        Code::Int(n) => n.to_string(),
        Code::Str(s) => lang.string(s),
    };
    let enum_value =
        |v: &EnumRef| lang.enum_value(&lang.type_name(&v.type_name), &lang.variant(&v.name));
    let value = |value: &Value| -> String {
        match value {
            Value::Bool(b) => b.to_string(),
            Value::Enum(v) => enum_value(v),
            Value::List(items) => lang.list(&items.iter().map(enum_value).collect::<Vec<_>>()),
            Value::Text(text) => lang.list(
                &model
                    .locales
                    .iter()
                    .map(|l| lang.string(text.get(l)))
                    .collect::<Vec<_>>(),
            ),
        }
    };
    let texts = |text: &crate::model::Text| {
        lang.list(
            &model
                .locales
                .iter()
                .map(|l| lang.string(text.get(l)))
                .collect::<Vec<_>>(),
        )
    };

    let mut doc = Vec::new();
    if let Some(title) = &set.title {
        doc.extend(lang.doc(title.get(locale)));
    }
    for paragraph in &set.intro {
        doc.extend(lang.doc(paragraph.get(locale)));
    }
    if let Some(field) = &set.field {
        doc.push(format!("Values of the `{field}` field."));
    }
    if doc.is_empty() {
        doc.push(format!("The codes of set `{}`.", set.name));
    }

    let entries: Vec<EntryView> = set
        .entries
        .iter()
        .map(|entry| {
            let codes: Vec<String> = entry.codes.iter().map(code).collect();
            let mut entry_doc = lang.doc(entry.message.get(locale));
            let shown: Vec<String> = entry
                .codes
                .iter()
                .map(|c| format!("`{}`", lang.doc(&c.to_string()).join(" ").replace('`', "'")))
                .collect();
            entry_doc.push(String::new());
            entry_doc.push(format!("Code {}.", shown.join(", ")));
            EntryView {
                variant: lang.variant(&entry.name),
                identifier: lang.string(&entry.name),
                codes_list: lang.list(&codes),
                codes,
                doc: entry_doc,
                messages: texts(&entry.message),
                hints: entry.hint.as_ref().map(texts),
                values: Vec::new(),
            }
        })
        .collect();

    let attributes: Vec<AttributeView> = set
        .attributes
        .iter()
        .enumerate()
        .map(|(index, a)| {
            let kind = match a.kind {
                AttrKind::Bool => AttrKindView::Bool,
                AttrKind::Enum(e) => AttrKindView::Enum(lang.type_name(&model.enums[e].name)),
                AttrKind::List(e) => AttrKindView::List(lang.type_name(&model.enums[e].name)),
                AttrKind::Text => AttrKindView::Text,
            };
            let accessor = if kind == AttrKindView::Bool {
                lang.bool_member(&a.name)
            } else {
                lang.member(&a.name)
            };
            let on_accessor = a.has_changes.then(|| format!("{}_on", a.name)).map(|n| {
                if kind == AttrKindView::Bool {
                    lang.bool_member(&n)
                } else {
                    lang.member(&n)
                }
            });
            let values = set
                .entries
                .iter()
                .map(|entry| {
                    let v = &entry.values[index];
                    ValueView {
                        literal: value(&v.current),
                        dated: a.has_changes,
                        history: v
                            .history
                            .iter()
                            .map(|p| PastView {
                                year: p.until.year,
                                month: p.until.month,
                                day: p.until.day,
                                literal: value(&p.value),
                            })
                            .collect(),
                    }
                })
                .collect();
            AttributeView {
                accessor,
                on_accessor,
                in_accessor: lang.member(&format!("{}_in", a.name)),
                storage: heck::ToShoutySnakeCase::to_shouty_snake_case(a.name.as_str()),
                field: lang.member(&format!("{}_values", a.name)),
                history_field: lang.member(&format!("{}_history", a.name)),
                kind,
                doc: lang.doc(a.label.get(locale)),
                values,
            }
        })
        .collect();

    let unknown_probe = match set.key {
        crate::model::KeyKind::Int => (0..)
            .map(|n| 1_999_999_999 - n)
            .find(|n| set.find(&Code::Int(*n)).is_none())
            .map(|n| n.to_string()),
        crate::model::KeyKind::Str => (0..)
            .map(|n| format!("no-such-code-{n}"))
            .find(|s| set.find(&Code::Str(s.clone())).is_none())
            .map(|s| lang.string(&s)),
    }
    .expect("a catalog cannot hold every code");
    let mut entries = entries;
    for (index, entry) in entries.iter_mut().enumerate() {
        entry.values = attributes
            .iter()
            .map(|a: &AttributeView| a.values[index].clone())
            .collect();
    }
    let code_arms = entries
        .iter()
        .map(|e| (e.codes.clone(), e.variant.clone()))
        .collect();
    SetView {
        name: lang.type_name(&set.name),
        doc,
        int_key: set.key == crate::model::KeyKind::Int,
        is_error: set.is_error,
        has_hints: set.has_hints(),
        attributes,
        entries,
        code_arms,
        unknown_probe,
    }
}
