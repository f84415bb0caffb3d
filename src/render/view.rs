//! The view every code backend renders: names, literals, types and suffixes
//! already spelled for one language by its oracle, so templates only loop and print.

use heck::ToUpperCamelCase;

use crate::model::{AttrKind, Code, CodeSet, EnumRef, KeyKind, Model, Text, Value};

use super::naming::{self, AttrType, AttributeNames, Oracle};

/// The language-neutral half of every code backend's view, built once per
/// catalog and shared: doc prose (Markdown made safe once), code texts and
/// unknown-code probes. A backend's [`CatalogView`] only spells it.
pub struct Shared<'m> {
    pub model: &'m Model,
    /// The catalog's file name, for the "generated from" header.
    pub source: String,
    /// The content hash ([`super::json::catalog_hash`]), computed once.
    pub hash: String,
    title: Vec<String>,
    title_comment: Vec<String>,
    /// Per enum, per value: the label's doc prose.
    enum_values: Vec<Vec<Vec<String>>>,
    sets: Vec<SharedSet>,
}

struct SharedSet {
    doc: Vec<String>,
    /// Per attribute: the label's doc prose.
    attribute_labels: Vec<Vec<String>>,
    /// Per entry: the message's doc prose.
    entry_docs: Vec<Vec<String>>,
    /// A code no entry has.
    unknown_probe: Code,
}

impl<'m> Shared<'m> {
    pub fn build(model: &'m Model, source: &str) -> Self {
        let locale = model.default_locale();
        let prose = |text: &Text| naming::markdown_prose(text.get(locale));
        Shared {
            model,
            source: source.to_string(),
            hash: super::json::catalog_hash(model),
            title: prose(&model.title),
            title_comment: naming::doc_lines(model.title.get(locale))
                .into_iter()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
            enum_values: model
                .enums
                .iter()
                .map(|e| e.values.iter().map(|v| prose(&v.label)).collect())
                .collect(),
            sets: model
                .sets
                .iter()
                .map(|set| SharedSet {
                    doc: set
                        .title
                        .iter()
                        .chain(&set.intro)
                        .flat_map(|text| prose(text))
                        .collect(),
                    attribute_labels: set.attributes.iter().map(|a| prose(&a.label)).collect(),
                    entry_docs: set.entries.iter().map(|e| prose(&e.message)).collect(),
                    unknown_probe: unknown_probe(set),
                })
                .collect(),
        }
    }
}

pub struct CatalogView {
    /// The catalog's file name, for the "generated from" header.
    pub source: String,
    /// The title as doc comment lines, and as plain `//` comment lines.
    pub title: Vec<String>,
    pub title_comment: Vec<String>,
    pub locales: Vec<LocaleView>,
    /// The default locale's variant.
    pub default_locale: String,
    /// The default locale's tag as a literal.
    pub default_locale_literal: String,
    /// Fallback texts for unknown codes, one literal per locale.
    pub unknown: Vec<String>,
    pub enums: Vec<EnumView>,
    pub sets: Vec<SetView>,
    /// Some attribute has dated changes, so the history helpers are emitted.
    pub has_history: bool,
}

pub struct LocaleView {
    pub variant: String,
    /// The tag as a literal.
    pub literal: String,
    /// The tag in a doc comment.
    pub doc_tag: String,
}

pub struct EnumView {
    pub name: String,
    /// The name in a doc comment.
    pub doc_name: String,
    pub values: Vec<EnumValueView>,
}

pub struct EnumValueView {
    pub variant: String,
    /// The identifier as a literal.
    pub name: String,
    pub labels: String,
    pub doc: Vec<String>,
}

pub struct SetView {
    pub name: String,
    /// The name in lower case, for test function names.
    pub lower_name: String,
    pub doc: Vec<String>,
    pub int_key: bool,
    /// A code as returned, and as accepted by lookups.
    pub code_type: &'static str,
    pub code_param: &'static str,
    /// An expression turning the lookup parameter `code` into text.
    pub code_to_text: &'static str,
    pub is_error: bool,
    pub has_hints: bool,
    pub attributes: Vec<AttributeView>,
    pub entries: Vec<EntryView>,
    /// A code literal of this set's key type that no entry has.
    pub unknown_probe: String,
}

pub struct AttributeView {
    pub names: AttributeNames,
    /// The stored type of one value.
    pub value_type: String,
    /// What the dated accessor returns (a text attribute answers in the default locale).
    pub on_type: String,
    /// The label as one line of doc text.
    pub summary: String,
    /// One per entry, in entry order.
    pub values: Vec<ValueView>,
}

pub struct EntryView {
    pub variant: String,
    /// The identifier as a literal.
    pub identifier: String,
    /// Code literals; the first is canonical.
    pub codes: Vec<String>,
    pub canonical: String,
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

impl CatalogView {
    /// Spells the shared view for one language.
    pub fn spell(shared: &Shared, lang: &dyn Oracle) -> Self {
        let model = shared.model;
        let locale = model.default_locale();
        let sets: Vec<SetView> = model
            .sets
            .iter()
            .zip(&shared.sets)
            .map(|(set, neutral)| set_view(model, set, neutral, lang))
            .collect();
        CatalogView {
            source: shared.source.clone(),
            title: comment(lang.doc_from_prose(&shared.title)),
            title_comment: comment(shared.title_comment.clone()),
            locales: model
                .locales
                .iter()
                .map(|tag| LocaleView {
                    variant: lang.variant(&tag.to_upper_camel_case()),
                    literal: lang.string(tag),
                    doc_tag: lang.doc_code(tag),
                })
                .collect(),
            default_locale: lang.variant(&locale.to_upper_camel_case()),
            default_locale_literal: lang.string(locale),
            unknown: model
                .locales
                .iter()
                .map(|l| lang.string(model.unknown_code.get(l)))
                .collect(),
            enums: model
                .enums
                .iter()
                .zip(&shared.enum_values)
                .map(|(e, prose)| EnumView {
                    name: lang.type_name(&e.name),
                    doc_name: lang.doc_code(&lang.type_name(&e.name)),
                    values: e
                        .values
                        .iter()
                        .zip(prose)
                        .map(|(v, prose)| EnumValueView {
                            variant: lang.variant(&v.name),
                            name: lang.string(&v.name),
                            labels: texts(model, lang, &v.label),
                            doc: comment(doc_or(lang.doc_from_prose(prose), || {
                                vec![lang.doc_code(&v.name)]
                            })),
                        })
                        .collect(),
                })
                .collect(),
            has_history: sets
                .iter()
                .flat_map(|s| &s.attributes)
                .any(|a| a.names.is_dated),
            sets,
        }
    }
}

/// Doc comment lines as printed after the comment marker: a space before text,
/// nothing on an empty line (no trailing white space).
fn comment(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|line| {
            if line.is_empty() {
                line
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// `lines`, or the fallback when a text left no doc line (it was all invisible):
/// an empty doc comment is a clippy warning.
fn doc_or(lines: Vec<String>, fallback: impl FnOnce() -> Vec<String>) -> Vec<String> {
    if lines.is_empty() { fallback() } else { lines }
}

/// A list literal of `text` in every catalog locale.
fn texts(model: &Model, lang: &dyn Oracle, text: &Text) -> String {
    let items: Vec<String> = model.locales.iter().map(|l| lang.string(text.get(l))).collect();
    lang.list(&items)
}

fn value_literal(model: &Model, lang: &dyn Oracle, value: &Value) -> String {
    let enum_value =
        |v: &EnumRef| lang.enum_value(&lang.type_name(&v.type_name), &lang.variant(&v.name));
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Enum(v) => enum_value(v),
        Value::List(items) => lang.list(&items.iter().map(enum_value).collect::<Vec<_>>()),
        Value::Text(text) => texts(model, lang, text),
    }
}

fn set_doc(set: &CodeSet, neutral: &SharedSet, lang: &dyn Oracle) -> Vec<String> {
    let mut doc = lang.doc_from_prose(&neutral.doc);
    if let Some(field) = &set.field {
        doc.push(format!("Values of the {} field.", lang.doc_code(field)));
    }
    if doc.is_empty() {
        doc.push(format!("The codes of set {}.", lang.doc_code(&set.name)));
    }
    doc
}

fn attribute_view(
    model: &Model,
    set: &CodeSet,
    index: usize,
    label: &[String],
    lang: &dyn Oracle,
) -> AttributeView {
    let a = &set.attributes[index];
    let kind = match a.kind {
        AttrKind::Bool => AttrType::Bool,
        AttrKind::Enum(e) => AttrType::Enum(lang.type_name(&model.enums[e].name)),
        AttrKind::List(e) => AttrType::List(lang.type_name(&model.enums[e].name)),
        AttrKind::Text => AttrType::Text,
    };
    let names = AttributeNames::new(
        lang,
        &a.name,
        kind == AttrType::Bool,
        kind == AttrType::Text,
        a.has_changes,
    );
    let values = set
        .entries
        .iter()
        .map(|entry| {
            let v = &entry.values[index];
            ValueView {
                literal: value_literal(model, lang, &v.current),
                dated: a.has_changes,
                history: v
                    .history
                    .iter()
                    .map(|p| PastView {
                        year: p.until.year,
                        month: p.until.month,
                        day: p.until.day,
                        literal: value_literal(model, lang, &p.value),
                    })
                    .collect(),
            }
        })
        .collect();
    let value_type = lang.value_type(&kind);
    AttributeView {
        on_type: if names.is_text {
            lang.text_type().to_string()
        } else {
            value_type.clone()
        },
        names,
        value_type,
        summary: lang.doc_from_prose(label).join(" "),
        values,
    }
}

fn set_view(model: &Model, set: &CodeSet, neutral: &SharedSet, lang: &dyn Oracle) -> SetView {
    let code = |code: &Code| match code {
        Code::Int(n) => n.to_string(),
        Code::Str(s) => lang.string(s),
    };
    let attributes: Vec<AttributeView> = neutral
        .attribute_labels
        .iter()
        .enumerate()
        .map(|(index, label)| attribute_view(model, set, index, label, lang))
        .collect();
    let entries = set
        .entries
        .iter()
        .zip(&neutral.entry_docs)
        .enumerate()
        .map(|(index, (entry, prose))| {
            let codes: Vec<String> = entry.codes.iter().map(code).collect();
            let mut doc = lang.doc_from_prose(prose);
            if !doc.is_empty() {
                doc.push(String::new());
            }
            let shown: Vec<String> = entry
                .codes
                .iter()
                .map(|c| lang.doc_code(&c.to_string()))
                .collect();
            doc.push(format!("Code {}.", shown.join(", ")));
            EntryView {
                variant: lang.variant(&entry.name),
                identifier: lang.string(&entry.name),
                canonical: codes[0].clone(),
                codes_list: lang.list(&codes),
                codes,
                doc: comment(doc),
                messages: texts(model, lang, &entry.message),
                hints: entry.hint.as_ref().map(|h| texts(model, lang, h)),
                values: attributes.iter().map(|a| a.values[index].clone()).collect(),
            }
        })
        .collect();
    let name = lang.type_name(&set.name);
    SetView {
        lower_name: name.to_lowercase(),
        name,
        doc: comment(set_doc(set, neutral, lang)),
        int_key: set.key == KeyKind::Int,
        code_type: lang.code_type(set.key),
        code_param: lang.code_param(set.key),
        code_to_text: lang.code_to_text(set.key),
        is_error: set.is_error,
        has_hints: set.has_hints(),
        attributes,
        entries,
        unknown_probe: code(&neutral.unknown_probe),
    }
}

/// A code no entry has: the highest free int below 2,000,000,000, or `no-such-code-N`.
fn unknown_probe(set: &CodeSet) -> Code {
    match set.key {
        KeyKind::Int => (0..)
            .map(|n| Code::Int(1_999_999_999 - n))
            .find(|c| set.find(c).is_none())
            .unwrap_or(Code::Int(0)),
        KeyKind::Str => (0..)
            .map(|n| Code::Str(format!("no-such-code-{n}")))
            .find(|c| set.find(c).is_none())
            .unwrap_or(Code::Int(0)),
    }
}
