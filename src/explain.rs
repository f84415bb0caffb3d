//! `retcode explain CODE`: everything the catalog knows about one code.
//!
//! [`explain`] gathers, for every set holding the code (or the one `--set`
//! names), the set and its section, the entry with all its codes, messages,
//! hints and notes in every locale, each attribute's value (current, or on
//! `--date` through the dated history) and the dated changes that concern the
//! entry. The result is one serialisable [`Explanation`]: `--format json`
//! prints it as is (its JSON Schema is [`json_schema`]), `--format human`
//! prints [`Explanation::human`].
//!
//! Deprecation and retirement of codes are not in the model yet. When they
//! are, they belong on [`ExplainedEntry`] (beside `note`), shown by
//! [`Explanation::human`] under the entry; nothing here guesses them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::Serialize;

use crate::error::Error;
use crate::export;
use crate::model::{AttrKind, Code, CodeSet, Date, Entry, KeyKind, Model, Text, Value};

/// The encoding every JSON output shares (the export's).
pub use crate::export::{AttrKindJson, CodeJson, KeyJson, ValueJson};

/// The arguments of `retcode explain`.
#[derive(Debug, Clone, clap::Args)]
pub struct ExplainArgs {
    /// The code: an integer for int-keyed sets, the exact text for string-keyed
    /// sets (`01` is a string tag, never the integer 1).
    #[arg(allow_negative_numbers = true)]
    pub code: String,
    /// Look in this set only (its type name, e.g. `WeChatCode`).
    #[arg(long)]
    pub set: Option<String>,
    /// Attribute values in force on this date (YYYY-MM-DD, in the catalog's
    /// date zone) instead of the current ones.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<Date>,
    /// Plain text, or JSON of the shape the README documents.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Show texts in the one catalog locale that best serves this BCP 47 tag
    /// (`en-US` → `en`, `zh-Hans-CN` → `zh-CN`), by the bindings' matching rule.
    #[arg(long)]
    pub locale: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text.
    Human,
    /// JSON; its schema is `retcode::explain::json_schema()`.
    Json,
}

/// Runs `retcode explain` on a loaded model: prints to stdout, or fails with
/// [`Error::UnknownSet`] (exit 2) or [`Error::CodeNotFound`] (exit 1).
pub fn run(model: &Model, args: &ExplainArgs) -> Result<(), Error> {
    let mut explanation = explain(model, &args.code, args.set.as_deref(), args.date)?;
    if let Some(tag) = &args.locale {
        // Human output prints texts for `locales` only; JSON keeps every text.
        explanation.locales = vec![crate::locale::matching(&model.locales, tag).to_string()];
    }
    match args.format {
        // Catalog texts may hold control characters: none reaches the terminal.
        Format::Human => print!("{}", crate::diagnostic::printable(&explanation.human())),
        Format::Json => print!("{}", export::pretty(&explanation)),
    }
    Ok(())
}

/// A `YYYY-MM-DD` calendar date (the `--date` value parser).
pub fn parse_date(text: &str) -> Result<Date, String> {
    let bad = || format!("`{text}` is not a calendar date; write YYYY-MM-DD, e.g. 2021-07-19");
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| text[range].parse::<u16>().ok())
            .flatten()
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(bad());
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(bad());
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if day == 0 || day > days {
        return Err(bad());
    }
    Ok(Date {
        year,
        month: month as u8,
        day: day as u8,
    })
}

/// The code as an int-keyed set stores it: only the canonical decimal form of
/// an `i32` (`-5208`, not `+5208`, `05` or `5.0`), so a string tag such as `01`
/// never matches the integer 1.
fn int_code(text: &str) -> Option<i32> {
    text.parse::<i32>().ok().filter(|n| n.to_string() == text)
}

fn key_of(set: &CodeSet, text: &str) -> Option<Code> {
    match set.key {
        KeyKind::Int => int_code(text).map(Code::Int),
        KeyKind::Str => Some(Code::Str(text.to_string())),
    }
}

/// Everything the catalog knows about `code`, in every set holding it (or in
/// `set` only); `date` picks attribute values from the dated history.
pub fn explain(
    model: &Model,
    code: &str,
    set: Option<&str>,
    date: Option<Date>,
) -> Result<Explanation, Error> {
    let names: Vec<&str> = model.sets.iter().map(|s| s.name.as_str()).collect();
    let searched: Vec<usize> = match set {
        None => (0..model.sets.len()).collect(),
        Some(name) => match names.iter().position(|n| *n == name) {
            Some(i) => vec![i],
            None => {
                return Err(Error::UnknownSet {
                    name: name.to_string(),
                    nearest: nearest_set(name, &names),
                    known: names.iter().map(|n| n.to_string()).collect(),
                });
            }
        },
    };
    let mut matches = Vec::new();
    let mut retired = Vec::new();
    for &i in &searched {
        let set = &model.sets[i];
        let Some(key) = key_of(set, code) else {
            continue;
        };
        if let Some(entry) = set.find(&key) {
            matches.push(explain_in_set(model, i, entry, &key, date));
        }
        if let Some(r) = set.retired(&key) {
            retired.push(RetiredMatch {
                set: set.name.clone(),
                code: code_json(&r.code),
                date: r.date.to_string(),
                meaning: text(&r.meaning),
            });
        }
    }
    if matches.is_empty() && retired.is_empty() {
        return Err(not_found(model, code, &searched));
    }
    Ok(Explanation {
        code: code.to_string(),
        date: date.map(|d| d.to_string()),
        catalog: CatalogRef {
            name: model.name.clone(),
            version: model.version.clone(),
            date_zone: model.date_zone.clone(),
        },
        locales: model.locales.clone(),
        matches,
        retired,
    })
}

/// A set name close enough to be a typo (case differences included).
fn nearest_set(name: &str, names: &[&str]) -> Option<String> {
    if let Some(same) = names.iter().find(|n| n.eq_ignore_ascii_case(name)) {
        return Some(same.to_string());
    }
    crate::read::closest(name, names).map(str::to_string)
}

/// Says where the code was looked for, and, when `--set` excluded them, the
/// sets that do hold it. No nearby codes are offered: a neighbouring number
/// means something unrelated.
fn not_found(model: &Model, code: &str, searched: &[usize]) -> Error {
    let int = int_code(code).is_some();
    let sets = |indexes: &mut dyn Iterator<Item = usize>| -> Vec<String> {
        indexes.map(|i| model.sets[i].name.clone()).collect()
    };
    let looked_in = sets(&mut searched.iter().copied().filter(|&i| {
        let set = &model.sets[i];
        int || set.key == KeyKind::Str
    }));
    let elsewhere = if searched.len() < model.sets.len() {
        sets(&mut (0..model.sets.len()).filter(|i| {
            !searched.contains(i)
                && key_of(&model.sets[*i], code).is_some_and(|k| model.sets[*i].find(&k).is_some())
        }))
    } else {
        Vec::new()
    };
    let mut message = if searched.len() == 1 {
        format!("code {code} is not in set {}", model.sets[searched[0]].name)
    } else {
        format!("code {code} is not in the catalog")
    };
    if looked_in.is_empty() {
        let _ = write!(
            message,
            " ({code} is not a plain integer such as 5 or -5208, and {} string-keyed)",
            if searched.len() == 1 {
                "the set is not"
            } else {
                "no set is"
            }
        );
    } else if searched.len() > 1 {
        let _ = write!(message, " (looked in {})", looked_in.join(", "));
        if !int {
            message.push_str("; it is not a plain integer such as 5 or -5208, so int-keyed sets were not searched");
        }
    }
    if !elsewhere.is_empty() {
        let _ = write!(message, "; it is in {}", elsewhere.join(", "));
    }
    Error::CodeNotFound { message }
}

fn explain_in_set(
    model: &Model,
    set_index: usize,
    entry: &Entry,
    matched: &Code,
    date: Option<Date>,
) -> SetMatch {
    let set = &model.sets[set_index];
    let entry_index = set
        .entries
        .iter()
        .position(|e| std::ptr::eq(e, entry))
        .expect("the entry belongs to the set");
    let section = model
        .sections
        .iter()
        .find(|s| s.sets.contains(&set_index))
        .map(|s| SectionRef {
            id: s.id.clone(),
            title: text(&s.title),
        });
    let attributes = set
        .attributes
        .iter()
        .zip(&entry.values)
        .map(|(attribute, value)| ExplainedAttribute {
            name: attribute.name.clone(),
            kind: export::attr_kind(attribute.kind),
            enum_name: match attribute.kind {
                AttrKind::Enum(i) | AttrKind::List(i) => Some(model.enums[i].name.clone()),
                AttrKind::Bool | AttrKind::Text => None,
            },
            label: text(&attribute.label),
            value: explain_value(model, date.map_or(&value.current, |d| value.on(d))),
            current: explain_value(model, &value.current),
            history: value
                .history
                .iter()
                .map(|past| PastValueJson {
                    until: past.until.to_string(),
                    value: explain_value(model, &past.value),
                })
                .collect(),
        })
        .collect();
    let changes = set
        .changes
        .iter()
        .filter(|change| change.entries.contains(&entry_index))
        .map(|change| {
            let attribute = &set.attributes[change.attribute];
            ExplainedChange {
                attribute: attribute.name.clone(),
                label: text(&attribute.label),
                effective: change.effective.to_string(),
                before: explain_value(model, &change.before),
                after: explain_value(model, entry.values[change.attribute].on(change.effective)),
                notice: change.notice.as_ref().map(text),
                in_effect: date.map(|d| d >= change.effective),
            }
        })
        .collect();
    SetMatch {
        set: SetRef {
            name: set.name.clone(),
            key: export::key(set.key),
            field: set.field.clone(),
            title: set.title.as_ref().map(text),
            error: set.is_error,
            code_label: text(&set.code_label),
            message_label: text(&set.message_label),
            hint_label: set.hint_label.as_ref().map(text),
            section,
        },
        entry: ExplainedEntry {
            name: entry.name.clone(),
            group: entry.group.map(|g| {
                let group = &set.groups[g];
                GroupRef {
                    id: group.id.clone(),
                    title: text(&group.title),
                    depth: group.depth,
                }
            }),
            codes: entry
                .codes
                .iter()
                .enumerate()
                .map(|(i, c)| CodeRef {
                    code: code_json(c),
                    canonical: i == 0,
                    matched: c == matched,
                    deprecated: entry.deprecated_code(c).map(|d| DeprecationRef {
                        since: d.since.to_string(),
                        reason: text(&d.reason),
                        replacement: None,
                    }),
                })
                .collect(),
            message: text(&entry.message),
            hint: entry.hint.as_ref().map(text),
            note: entry.note.as_ref().map(text),
            deprecated: entry.deprecated.as_ref().map(|d| DeprecationRef {
                since: d.since.to_string(),
                reason: text(&d.reason),
                replacement: d.replacement.map(|r| set.entries[r].name.clone()),
            }),
        },
        attributes,
        changes,
    }
}

fn explain_value(model: &Model, value: &Value) -> ExplainedValue {
    let labels = match value {
        Value::Bool(b) => vec![text(if *b { &model.yes } else { &model.no })],
        Value::Enum(v) => vec![text(&v.label)],
        Value::List(items) => items.iter().map(|v| text(&v.label)).collect(),
        Value::Text(t) => vec![text(t)],
    };
    ExplainedValue {
        value: export::value(value).into_owned(),
        labels,
    }
}

fn text(text: &Text) -> LocalizedJson {
    export::text(text).clone()
}

fn code_json(code: &Code) -> CodeJson<'static> {
    export::code(code).into_owned()
}

/// The JSON Schema of `retcode explain --format json`, as pretty JSON.
pub fn json_schema() -> String {
    export::pretty(&schemars::schema_for!(Explanation))
}

/// Text by locale tag.
type LocalizedJson = BTreeMap<String, String>;

/// What `retcode explain CODE` found: one match per set holding the code.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "retcode explain")]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// The code as asked for.
    pub code: String,
    /// `--date` (YYYY-MM-DD), or null: attribute values are then the current ones.
    pub date: Option<String>,
    pub catalog: CatalogRef,
    /// The catalog's locales, the default first: every text has each of them.
    pub locales: Vec<String>,
    /// In catalog order; empty only when the code is retired in every set searched.
    pub matches: Vec<SetMatch>,
    /// Sets in which the code is retired (a `[[set.retired]]` tombstone), in catalog order.
    pub retired: Vec<RetiredMatch>,
}

/// A retired code: its set, when it was retired and what it meant.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetiredMatch {
    pub set: String,
    pub code: CodeJson<'static>,
    /// The day (YYYY-MM-DD) the code was retired.
    pub date: String,
    /// What the code meant.
    pub meaning: LocalizedJson,
}

/// A deprecation of an entry or of one alias code.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeprecationRef {
    /// The day (YYYY-MM-DD) since which it is deprecated.
    pub since: String,
    pub reason: LocalizedJson,
    /// The entry to use instead (same set); always null for a code.
    pub replacement: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogRef {
    pub name: String,
    pub version: String,
    /// Time zone in which dates are calendar dates.
    pub date_zone: Option<String>,
}

/// The code in one set.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetMatch {
    pub set: SetRef,
    pub entry: ExplainedEntry,
    /// Every attribute of the set, in declaration order.
    pub attributes: Vec<ExplainedAttribute>,
    /// The set's dated changes that list this entry, in catalog order.
    pub changes: Vec<ExplainedChange>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetRef {
    /// Generated type name, UpperCamelCase.
    pub name: String,
    pub key: KeyJson,
    /// Response field the codes arrive in.
    pub field: Option<String>,
    pub title: Option<LocalizedJson>,
    /// The codes are errors.
    pub error: bool,
    pub code_label: LocalizedJson,
    pub message_label: LocalizedJson,
    /// Present when the set's entries carry handling hints.
    pub hint_label: Option<LocalizedJson>,
    pub section: Option<SectionRef>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionRef {
    pub id: String,
    pub title: LocalizedJson,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupRef {
    pub id: String,
    pub title: LocalizedJson,
    /// 0 for a top-level group.
    pub depth: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainedEntry {
    /// UpperCamel identifier.
    pub name: String,
    pub group: Option<GroupRef>,
    /// Every code of the entry, the canonical one first.
    pub codes: Vec<CodeRef>,
    pub message: LocalizedJson,
    pub hint: Option<LocalizedJson>,
    pub note: Option<LocalizedJson>,
    /// Set when the entry is deprecated.
    pub deprecated: Option<DeprecationRef>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeRef {
    /// An integer in int-keyed sets, a string in string-keyed ones.
    pub code: CodeJson<'static>,
    /// The entry's first code; the others are aliases.
    pub canonical: bool,
    /// The code asked for.
    pub matched: bool,
    /// Present when this alias is deprecated on its own.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub deprecated: Option<DeprecationRef>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainedAttribute {
    /// snake_case name.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: AttrKindJson,
    /// For `enum` and `list` attributes: the enum whose values they hold.
    #[serde(rename = "enum")]
    pub enum_name: Option<String>,
    pub label: LocalizedJson,
    /// The value on `date`, or the current one when `date` is null.
    pub value: ExplainedValue,
    /// The value in force now.
    pub current: ExplainedValue,
    /// Earlier values, oldest first: before `until`, the value was `value`.
    pub history: Vec<PastValueJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainedValue {
    /// As in the JSON export: bool: a boolean; enum: a value name; list: value
    /// names; text: text by locale.
    pub value: ValueJson<'static>,
    /// The value in words, by locale: bool: the catalog's yes/no; enum: the
    /// value's label; list: one label per item; text: the text.
    pub labels: Vec<LocalizedJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PastValueJson {
    /// First day (YYYY-MM-DD) on which the value no longer held.
    pub until: String,
    pub value: ExplainedValue,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainedChange {
    pub attribute: String,
    /// The attribute's label.
    pub label: LocalizedJson,
    /// First day (YYYY-MM-DD) of the new value.
    pub effective: String,
    /// The value before `effective`.
    pub before: ExplainedValue,
    /// The entry's value from `effective` on.
    pub after: ExplainedValue,
    pub notice: Option<LocalizedJson>,
    /// Whether the change had taken effect on `date`; null when `date` is.
    pub in_effect: Option<bool>,
}

impl Explanation {
    /// Plain text: every text in every locale, the default first.
    pub fn human(&self) -> String {
        let mut out = String::new();
        let when = match &self.date {
            Some(d) => format!("values on {d}"),
            None => "current values".to_string(),
        };
        if self.matches.is_empty() {
            let _ = writeln!(
                out,
                "code {} is retired in {} {}",
                self.code, self.catalog.name, self.catalog.version
            );
        } else {
            let _ = writeln!(
                out,
                "code {} in {} of {} {} ({when})",
                self.code,
                match self.matches.len() {
                    1 => "1 set".to_string(),
                    n => format!("{n} sets"),
                },
                self.catalog.name,
                self.catalog.version,
            );
        }
        for m in &self.matches {
            out.push('\n');
            self.human_match(&mut out, m);
        }
        for r in &self.retired {
            out.push('\n');
            let _ = writeln!(out, "{}: retired on {}", r.set, r.date);
            let _ = writeln!(out, "  former meaning:");
            self.localized(&mut out, 4, &r.meaning);
        }
        out
    }

    fn human_match(&self, out: &mut String, m: &SetMatch) {
        let set = &m.set;
        let entry = &m.entry;
        let _ = writeln!(out, "{}::{}", set.name, entry.name);
        let key = match set.key {
            KeyJson::Int => "integer codes",
            KeyJson::String => "string codes",
        };
        let mut about = vec![key.to_string()];
        if set.error {
            about.push("errors".to_string());
        }
        if let Some(field) = &set.field {
            about.push(format!("field `{field}`"));
        }
        let _ = writeln!(out, "  set: {} ({})", set.name, about.join(", "));
        if let Some(title) = &set.title {
            self.localized(out, 4, title);
        }
        if let Some(section) = &set.section {
            let _ = writeln!(out, "  section: {}", section.id);
            self.localized(out, 4, &section.title);
        }
        if let Some(group) = &entry.group {
            let _ = writeln!(out, "  group: {}", group.id);
            self.localized(out, 4, &group.title);
        }
        let codes: Vec<String> = entry
            .codes
            .iter()
            .map(|c| {
                let code = &c.code;
                let mut marks = Vec::new();
                if c.canonical {
                    marks.push("canonical");
                } else {
                    marks.push("alias");
                }
                if c.matched {
                    marks.push("matched");
                }
                if c.deprecated.is_some() {
                    marks.push("deprecated");
                }
                format!("{code} ({})", marks.join(", "))
            })
            .collect();
        let _ = writeln!(out, "  codes: {}", codes.join(", "));
        for c in entry.codes.iter() {
            if let Some(d) = &c.deprecated {
                let code = &c.code;
                let _ = writeln!(out, "  code {code} deprecated since {}:", d.since);
                self.localized(out, 4, &d.reason);
            }
        }
        if let Some(d) = &entry.deprecated {
            match &d.replacement {
                Some(r) => {
                    let _ = writeln!(out, "  deprecated since {} (use {r} instead):", d.since);
                }
                None => {
                    let _ = writeln!(out, "  deprecated since {}:", d.since);
                }
            }
            self.localized(out, 4, &d.reason);
        }
        self.labelled(out, "message", &set.message_label, &entry.message);
        if let Some(hint) = &entry.hint {
            let label = set.hint_label.clone().unwrap_or_default();
            self.labelled(out, "hint", &label, hint);
        }
        if let Some(note) = &entry.note {
            let _ = writeln!(out, "  note:");
            self.localized(out, 4, note);
        }
        for attribute in &m.attributes {
            let kind = match (&attribute.kind, &attribute.enum_name) {
                (AttrKindJson::Bool, _) => "bool".to_string(),
                (AttrKindJson::Text, _) => "text".to_string(),
                (AttrKindJson::Enum, Some(e)) => format!("enum {e}"),
                (AttrKindJson::List, Some(e)) => format!("list of {e}"),
                (AttrKindJson::Enum | AttrKindJson::List, None) => unreachable!(),
            };
            let _ = writeln!(
                out,
                "  attribute {} ({kind}; {})",
                attribute.name,
                self.one_line(&attribute.label),
            );
            let (when, then) = match &self.date {
                Some(d) => (format!("on {d}"), Some(&attribute.current)),
                None => ("current".to_string(), None),
            };
            let _ = writeln!(out, "    {when}: {}", value_name(&attribute.value.value));
            self.value_labels(out, 6, &attribute.value);
            if let Some(current) = then {
                let _ = writeln!(out, "    current: {}", value_name(&current.value));
            }
            if !attribute.history.is_empty() {
                let past: Vec<String> = attribute
                    .history
                    .iter()
                    .map(|p| format!("{} before {}", value_name(&p.value.value), p.until))
                    .collect();
                let _ = writeln!(out, "    history: {}", past.join(", "));
            }
        }
        for change in &m.changes {
            let status = match change.in_effect {
                None => String::new(),
                Some(true) => format!(" (in effect on {})", self.date.as_deref().unwrap_or("")),
                Some(false) => format!(
                    " (not yet in effect on {})",
                    self.date.as_deref().unwrap_or("")
                ),
            };
            let _ = writeln!(
                out,
                "  change {}: {} {} -> {}{status}",
                change.effective,
                change.attribute,
                value_name(&change.before.value),
                value_name(&change.after.value),
            );
            if let Some(notice) = &change.notice {
                self.localized(out, 4, notice);
            }
        }
    }

    /// `  what (label in every locale):` then the text in every locale.
    fn labelled(&self, out: &mut String, what: &str, label: &LocalizedJson, value: &LocalizedJson) {
        if label.is_empty() {
            let _ = writeln!(out, "  {what}:");
        } else {
            let _ = writeln!(out, "  {what} ({}):", self.one_line(label));
        }
        self.localized(out, 4, value);
    }

    /// One line per locale, `locale: text`; later lines of a multi-line text
    /// are indented under its first.
    fn localized(&self, out: &mut String, indent: usize, text: &LocalizedJson) {
        let width = self.locales.iter().map(String::len).max().unwrap_or(0);
        for locale in &self.locales {
            let value = text.get(locale).map_or("", String::as_str);
            let mut lines = value.lines();
            let _ = writeln!(
                out,
                "{:indent$}{:width$}  {}",
                "",
                locale,
                lines.next().unwrap_or("")
            );
            for line in lines {
                let _ = writeln!(out, "{:indent$}{:width$}  {line}", "", "");
            }
        }
    }

    /// `zh-CN 是否收费 / en Billed`: a short text in every locale on one line.
    fn one_line(&self, text: &LocalizedJson) -> String {
        self.locales
            .iter()
            .map(|l| format!("{l} {}", text.get(l).map_or("", String::as_str)))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// An enum or list value's labels (a bool's yes/no) in every locale; a text
    /// value is its own words.
    fn value_labels(&self, out: &mut String, indent: usize, value: &ExplainedValue) {
        if let ValueJson::Text(text) = &value.value {
            self.localized(out, indent, text);
            return;
        }
        let width = self.locales.iter().map(String::len).max().unwrap_or(0);
        for locale in &self.locales {
            let words: Vec<&str> = value
                .labels
                .iter()
                .map(|l| l.get(locale).map_or("", String::as_str))
                .collect();
            let _ = writeln!(out, "{:indent$}{locale:width$}  {}", "", words.join(", "));
        }
    }
}

/// A value as its names: `true`, `High`, `[Android, Ios]`, `(text)`.
fn value_name(value: &ValueJson) -> String {
    match value {
        ValueJson::Bool(b) => b.to_string(),
        ValueJson::Enum(name) => name.to_string(),
        ValueJson::List(names) => format!("[{}]", names.join(", ")),
        ValueJson::Text(_) => "(text)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_dates() {
        assert_eq!(
            parse_date("2021-07-19"),
            Ok(Date {
                year: 2021,
                month: 7,
                day: 19
            })
        );
        assert!(parse_date("2024-02-29").is_ok());
        for bad in [
            "2023-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-04-31",
            "2021-7-19",
            "20210719",
            "2021-07-19T00:00",
            "+021-07-19",
            "２０２１-07-19",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn int_codes_are_canonical_decimals() {
        assert_eq!(int_code("-5208"), Some(-5208));
        assert_eq!(int_code("0"), Some(0));
        for not in ["01", "+5", "-0", "5.0", " 5", "2147483648", "abc"] {
            assert_eq!(int_code(not), None, "{not}");
        }
    }
}
