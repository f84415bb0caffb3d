//! Stage 1: TOML text → raw catalog with byte spans kept on every value.
//!
//! Reading checks structure only (syntax, known keys, required keys, TOML value
//! types) and records every problem; meaning is checked in `validate`.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, DiagnosticKind};

/// A value with the byte span it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// Localized text: `{ zh-CN = "…", en = "…" }`, locales in file order.
#[derive(Debug, Clone)]
pub struct RawText {
    pub span: Range<usize>,
    pub items: Vec<(Sp<String>, Sp<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawCode {
    Int(i128),
    Str(String),
}

#[derive(Debug, Clone)]
pub struct RawCatalog {
    pub meta: RawMeta,
    pub enums: Vec<RawEnum>,
    pub sections: Vec<RawSection>,
    pub sets: Vec<RawSet>,
    /// `[targets.<backend>]` tables, in catalog order.
    pub targets: Vec<RawTarget>,
}

/// A `[catalog]` key of an earlier version, read into the target setting it
/// became (`kotlin_package` is `[targets.kotlin] package`).
#[derive(Debug, Clone)]
pub struct MovedSetting {
    pub old: Sp<String>,
    pub target: &'static str,
    pub key: &'static str,
    pub value: Sp<String>,
}

/// `[catalog]` keys that moved to a target's table: old key, target, new key.
const MOVED: &[(&str, &str, &str)] = &[
    ("kotlin_package", "kotlin", "package"),
    ("swift_module", "swift", "module"),
];

/// One `[targets.<backend>]` table: settings for one output, all strings.
#[derive(Debug, Clone)]
pub struct RawTarget {
    pub name: Sp<String>,
    pub settings: Vec<(Sp<String>, Sp<String>)>,
}

#[derive(Debug, Clone, Default)]
pub struct RawMeta {
    pub name: Option<Sp<String>>,
    pub version: Option<Sp<String>>,
    pub license: Option<Sp<String>>,
    pub repository: Option<Sp<String>>,
    pub homepage: Option<Sp<String>>,
    pub docs_url: Option<Sp<String>>,
    pub title: Option<RawText>,
    pub locales: Option<Sp<Vec<Sp<String>>>>,
    pub date_zone: Option<Sp<String>>,
    /// `[catalog]` keys of earlier versions that are now target settings.
    pub moved: Vec<MovedSetting>,
    pub intro: Vec<RawText>,
    pub yes: Option<RawText>,
    pub no: Option<RawText>,
    pub unknown_code: Option<RawText>,
}

#[derive(Debug, Clone)]
pub struct RawEnum {
    pub span: Range<usize>,
    pub name: Option<Sp<String>>,
    pub values: Vec<RawEnumValue>,
}

#[derive(Debug, Clone)]
pub struct RawEnumValue {
    pub name: Option<Sp<String>>,
    pub label: Option<RawText>,
}

#[derive(Debug, Clone)]
pub struct RawSection {
    pub span: Range<usize>,
    pub id: Option<Sp<String>>,
    pub title: Option<RawText>,
    pub intro: Vec<RawText>,
    pub notes: Vec<RawText>,
}

#[derive(Debug, Clone)]
pub struct RawSet {
    pub span: Range<usize>,
    pub name: Option<Sp<String>>,
    pub section: Option<Sp<String>>,
    pub key: Option<Sp<String>>,
    pub field: Option<Sp<String>>,
    pub title: Option<RawText>,
    pub intro: Vec<RawText>,
    pub notes: Vec<RawText>,
    pub code_label: Option<RawText>,
    pub message_label: Option<RawText>,
    pub hint_label: Option<RawText>,
    pub code_separator: Option<Sp<String>>,
    pub error: Option<Sp<bool>>,
    pub attributes: Vec<RawAttribute>,
    pub groups: Vec<RawGroup>,
    pub entries: Vec<RawEntry>,
    pub changes: Vec<RawChange>,
    pub retired: Vec<RawRetired>,
}

/// `deprecated = { since = 2024-01-01, reason = { … }, replacement = "Other" }` on an entry.
#[derive(Debug, Clone)]
pub struct RawDeprecation {
    pub span: Range<usize>,
    pub since: Option<Sp<(u16, u8, u8)>>,
    pub reason: Option<RawText>,
    pub replacement: Option<Sp<String>>,
}

/// One item of an entry's `deprecated_codes = [{ code = …, since = …, reason = { … } }]`.
#[derive(Debug, Clone)]
pub struct RawDeprecatedCode {
    pub code: Option<Sp<RawCode>>,
    pub since: Option<Sp<(u16, u8, u8)>>,
    pub reason: Option<RawText>,
}

/// A tombstone, `[[set.retired]]`: a code no longer in use and what it meant.
#[derive(Debug, Clone)]
pub struct RawRetired {
    pub span: Range<usize>,
    pub code: Option<Sp<RawCode>>,
    pub date: Option<Sp<(u16, u8, u8)>>,
    pub meaning: Option<RawText>,
}

#[derive(Debug, Clone)]
pub struct RawAttribute {
    pub name: Option<Sp<String>>,
    pub kind: Option<Sp<String>>,
    pub enum_name: Option<Sp<String>>,
    pub default: Option<RawValue>,
    pub label: Option<RawText>,
    pub doc_column: Option<Sp<bool>>,
}

#[derive(Debug, Clone)]
pub struct RawGroup {
    pub id: Option<Sp<String>>,
    pub parent: Option<Sp<String>>,
    pub title: Option<RawText>,
}

#[derive(Debug, Clone)]
pub struct RawEntry {
    pub span: Range<usize>,
    pub name: Option<Sp<String>>,
    pub codes: Option<Sp<Vec<Sp<RawCode>>>>,
    pub group: Option<Sp<String>>,
    pub message: Option<RawText>,
    pub hint: Option<RawText>,
    pub note: Option<RawText>,
    pub deprecated: Option<RawDeprecation>,
    pub deprecated_codes: Vec<RawDeprecatedCode>,
    /// Keys that are not built-in entry keys: values of declared attributes (checked later).
    pub attributes: Vec<(Sp<String>, RawValue)>,
}

#[derive(Debug, Clone)]
pub struct RawChange {
    pub span: Range<usize>,
    pub attribute: Option<Sp<String>>,
    pub effective: Option<Sp<(u16, u8, u8)>>,
    pub codes: Option<Sp<Vec<Sp<RawCode>>>>,
    pub before: Option<RawValue>,
    pub notice: Option<RawText>,
}

/// An attribute value as read. A table is always a text: `text` is the only
/// attribute type written as a table, so the reader parses it once, here.
#[derive(Debug, Clone)]
pub enum RawValue {
    Text(RawText),
    /// Any value but a table.
    Node(Node),
}

/// An owned TOML value with its span.
#[derive(Debug, Clone)]
pub struct Node {
    pub span: Range<usize>,
    pub kind: NodeKind,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Str(String),
    /// `None` when the literal does not fit in 128 bits.
    Int(Option<i128>),
    Float,
    Bool(bool),
    Datetime(toml::value::Datetime),
    Array(Vec<Node>),
    Table(Vec<(Sp<String>, Node)>),
}

impl NodeKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            NodeKind::Str(_) => "a string",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float => "a float",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Datetime(_) => "a date-time",
            NodeKind::Array(_) => "an array",
            NodeKind::Table(_) => "a table",
        }
    }
}

/// Reads catalog text. Returns the raw catalog when the TOML parsed at all,
/// and every structural problem found.
pub fn read(text: &str) -> (Option<RawCatalog>, Vec<Diagnostic>) {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut reader = Reader::default();
    for error in &errors {
        let span = error.span().unwrap_or(0..0);
        reader.diagnostics.push(Diagnostic::new(
            DiagnosticKind::TomlSyntax,
            span,
            format!("TOML syntax: {}", error.message().trim()),
            "fix the TOML syntax at this place; see https://toml.io",
        ));
    }
    if !errors.is_empty() {
        // Recovered trees after syntax errors are partial; reporting structure
        // problems on them would mostly be noise.
        return (None, reader.diagnostics);
    }
    let pairs = convert_table(root.get_ref());
    let span = root.span();
    // The parser's tree is the largest thing in memory: gone before reading on.
    drop(root);
    reader.locales = declared_locales(&pairs);
    let root = Fields::new(span, "the catalog file", &pairs);
    let catalog = reader.catalog(root);
    (Some(catalog), reader.diagnostics)
}

fn convert_table(table: &DeTable<'_>) -> Vec<(Sp<String>, Node)> {
    table
        .iter()
        .map(|(key, value)| {
            (
                Sp {
                    value: key.get_ref().to_string(),
                    span: key.span(),
                },
                convert(value.get_ref(), value.span()),
            )
        })
        .collect()
}

fn convert(value: &DeValue<'_>, span: Range<usize>) -> Node {
    let kind = match value {
        DeValue::String(s) => NodeKind::Str(s.to_string()),
        DeValue::Integer(i) => {
            NodeKind::Int(i128::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok())
        }
        DeValue::Float(_) => NodeKind::Float,
        DeValue::Boolean(b) => NodeKind::Bool(*b),
        DeValue::Datetime(d) => NodeKind::Datetime(*d),
        DeValue::Array(items) => NodeKind::Array(
            items
                .iter()
                .map(|item| convert(item.get_ref(), item.span()))
                .collect(),
        ),
        DeValue::Table(table) => NodeKind::Table(convert_table(table)),
    };
    Node { span, kind }
}

/// `[catalog] locales` when it is a list of strings, read ahead so hints can use it.
fn declared_locales(root: &[(Sp<String>, Node)]) -> Vec<String> {
    let field = |pairs: &[(Sp<String>, Node)], key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, node)| node.kind.clone())
    };
    let Some(NodeKind::Table(meta)) = field(root, "catalog") else {
        return Vec::new();
    };
    let Some(NodeKind::Array(items)) = field(&meta, "locales") else {
        return Vec::new();
    };
    items
        .iter()
        .map_while(|item| match &item.kind {
            NodeKind::Str(s) if !s.trim().is_empty() => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[derive(Default)]
struct Reader {
    diagnostics: Vec<Diagnostic>,
    /// The catalog's locales as written, for examples in hints; may be empty.
    locales: Vec<String>,
}

/// The keys of one table, tracking which were asked for so the rest can be reported.
struct Fields<'a> {
    span: Range<usize>,
    what: &'static str,
    pairs: &'a [(Sp<String>, Node)],
    used: Vec<bool>,
    known: Vec<&'static str>,
    missing: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    fn new(span: Range<usize>, what: &'static str, pairs: &'a [(Sp<String>, Node)]) -> Self {
        Fields {
            span,
            what,
            pairs,
            used: vec![false; pairs.len()],
            known: Vec::new(),
            missing: Vec::new(),
        }
    }

    fn take(&mut self, key: &'static str) -> Option<&'a Node> {
        self.known.push(key);
        let index = self.pairs.iter().position(|(k, _)| k.value == key)?;
        self.used[index] = true;
        Some(&self.pairs[index].1)
    }

    /// [`Fields::take`], with the key as written.
    fn take_pair(&mut self, key: &'static str) -> Option<&'a (Sp<String>, Node)> {
        self.known.push(key);
        let index = self.pairs.iter().position(|(k, _)| k.value == key)?;
        self.used[index] = true;
        Some(&self.pairs[index])
    }

    fn require(&mut self, key: &'static str) -> Option<&'a Node> {
        let node = self.take(key);
        if node.is_none() {
            self.missing.push(Diagnostic::new(
                DiagnosticKind::MissingKey,
                self.span.clone(),
                format!("{} is missing the required key `{key}`", self.what),
                format!("add `{key} = …` to this {}", self.what),
            ));
        }
        node
    }

    /// The keys nobody asked for.
    fn rest(&self) -> impl Iterator<Item = &'a (Sp<String>, Node)> + '_ {
        self.pairs
            .iter()
            .zip(&self.used)
            .filter(|(_, used)| !**used)
            .map(|(pair, _)| pair)
    }

    fn finish(self, reader: &mut Reader) {
        reader.diagnostics.extend(self.missing.iter().cloned());
        for (key, _) in self.rest() {
            reader.unknown_key(key, self.what, &self.known);
        }
    }
}

impl Reader {
    fn fields<'a>(&mut self, node: &'a Node, what: &'static str) -> Option<Fields<'a>> {
        match &node.kind {
            NodeKind::Table(pairs) => Some(Fields::new(node.span.clone(), what, pairs)),
            other => {
                self.wrong_type(node, &format!("{what} must be a table"), other);
                None
            }
        }
    }

    fn unknown_key(&mut self, key: &Sp<String>, what: &str, known: &[&str]) {
        let hint = match closest(&key.value, known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the keys of {what} are: {}", known.join(", ")),
        };
        self.diagnostics.push(Diagnostic::new(
            DiagnosticKind::UnknownKey,
            key.span.clone(),
            format!("unknown key `{}` in {what}", key.value),
            hint,
        ));
    }

    fn wrong_type(&mut self, node: &Node, expected: &str, found: &NodeKind) {
        self.diagnostics.push(Diagnostic::new(
            DiagnosticKind::WrongType,
            node.span.clone(),
            format!("{expected}, found {}", found.type_name()),
            "change the value's type",
        ));
    }

    fn string(&mut self, node: Option<&Node>, what: &str) -> Option<Sp<String>> {
        let node = node?;
        match &node.kind {
            NodeKind::Str(s) => Some(Sp {
                value: s.clone(),
                span: node.span.clone(),
            }),
            other => {
                self.wrong_type(node, &format!("`{what}` must be a string"), other);
                None
            }
        }
    }

    fn boolean(&mut self, node: Option<&Node>, what: &str) -> Option<Sp<bool>> {
        let node = node?;
        match &node.kind {
            NodeKind::Bool(b) => Some(Sp {
                value: *b,
                span: node.span.clone(),
            }),
            other => {
                self.wrong_type(node, &format!("`{what}` must be true or false"), other);
                None
            }
        }
    }

    fn array<'a>(&mut self, node: Option<&'a Node>, what: &str) -> &'a [Node] {
        let Some(node) = node else { return &[] };
        match &node.kind {
            NodeKind::Array(items) => items,
            other => {
                self.wrong_type(node, &format!("`{what}` must be an array"), other);
                &[]
            }
        }
    }

    fn strings(&mut self, node: Option<&Node>, what: &str) -> Option<Sp<Vec<Sp<String>>>> {
        let span = node?.span.clone();
        let items = self.array(node, what);
        let value = items
            .iter()
            .filter_map(|item| self.string(Some(item), what))
            .collect();
        Some(Sp { value, span })
    }

    fn text(&mut self, node: Option<&Node>, what: &str) -> Option<RawText> {
        let node = node?;
        let NodeKind::Table(pairs) = &node.kind else {
            self.diagnostics.push(Diagnostic::new(
                DiagnosticKind::WrongType,
                node.span.clone(),
                format!(
                    "`{what}` must be a table of texts by locale, found {}",
                    node.kind.type_name()
                ),
                format!(
                    "write `{what} = {{ {} }}` with one text per declared locale",
                    self.text_example()
                ),
            ));
            return None;
        };
        Some(self.text_table(node.span.clone(), pairs, what))
    }

    /// The texts of a table by locale; values that are not strings are reported.
    fn text_table(
        &mut self,
        span: Range<usize>,
        pairs: &[(Sp<String>, Node)],
        what: &str,
    ) -> RawText {
        let mut items = Vec::new();
        for (locale, value) in pairs {
            if let Some(text) = self.string(Some(value), &format!("{what}.{}", locale.value)) {
                items.push((locale.clone(), text));
            }
        }
        RawText { span, items }
    }

    /// `de = "…", en = "…"` in the catalog's locales, or `en = "…"` when it has none.
    fn text_example(&self) -> String {
        if self.locales.is_empty() {
            return "en = \"…\"".to_string();
        }
        // A few locales at most: the hint is repeated for every such text.
        const SHOWN: usize = 8;
        let mut items: Vec<String> = self
            .locales
            .iter()
            .take(SHOWN)
            .map(|l| format!("{l} = \"…\""))
            .collect();
        if self.locales.len() > SHOWN {
            items.push("…".to_string());
        }
        items.join(", ")
    }

    /// An attribute value: a table is parsed as a text, anything else kept as is.
    fn value(&mut self, node: &Node, what: &str) -> RawValue {
        match &node.kind {
            NodeKind::Table(pairs) => {
                RawValue::Text(self.text_table(node.span.clone(), pairs, what))
            }
            _ => RawValue::Node(node.clone()),
        }
    }

    fn texts(&mut self, node: Option<&Node>, what: &str) -> Vec<RawText> {
        let items = self.array(node, what);
        items
            .iter()
            .filter_map(|item| self.text(Some(item), what))
            .collect()
    }

    fn codes(&mut self, node: Option<&Node>, what: &str) -> Option<Sp<Vec<Sp<RawCode>>>> {
        let node = node?;
        let items = self.array(Some(node), what);
        let codes = items.iter().filter_map(|item| self.code(item)).collect();
        Some(Sp {
            value: codes,
            span: node.span.clone(),
        })
    }

    /// One code: an integer or a string.
    fn code(&mut self, item: &Node) -> Option<Sp<RawCode>> {
        let code = match &item.kind {
            NodeKind::Int(Some(n)) => RawCode::Int(*n),
            NodeKind::Int(None) => {
                self.diagnostics.push(Diagnostic::new(
                    DiagnosticKind::IntegerTooLarge,
                    item.span.clone(),
                    "integer too large to read",
                    "codes must fit in a 32-bit signed integer (-2147483648 to 2147483647)",
                ));
                return None;
            }
            NodeKind::Str(s) => RawCode::Str(s.clone()),
            other => {
                self.wrong_type(item, "a code must be an integer or a string", other);
                return None;
            }
        };
        Some(Sp {
            value: code,
            span: item.span.clone(),
        })
    }

    fn date(&mut self, node: Option<&Node>, what: &str) -> Option<Sp<(u16, u8, u8)>> {
        let node = node?;
        if let NodeKind::Datetime(dt) = &node.kind
            && let (Some(date), None, None) = (dt.date, dt.time, dt.offset)
        {
            return Some(Sp {
                value: (date.year, date.month, date.day),
                span: node.span.clone(),
            });
        }
        self.diagnostics.push(Diagnostic::new(
            DiagnosticKind::InvalidDate,
            node.span.clone(),
            format!(
                "`{what}` must be a calendar date, found {}",
                node.kind.type_name()
            ),
            "write a bare TOML local date such as `2021-07-19` (no time, no quotes)",
        ));
        None
    }

    /// Items of an array of tables such as `[[set.entry]]` (`table` names one item).
    fn tables<'a>(
        &mut self,
        node: Option<&'a Node>,
        what: &str,
        table: &'static str,
    ) -> Vec<Fields<'a>> {
        let items = self.array(node, what);
        let mut tables = Vec::new();
        for item in items {
            match &item.kind {
                NodeKind::Table(pairs) => tables.push(Fields::new(item.span.clone(), table, pairs)),
                other => self.wrong_type(item, &format!("each `{what}` must be a table"), other),
            }
        }
        tables
    }

    fn catalog(&mut self, mut fields: Fields<'_>) -> RawCatalog {
        let meta_node = fields.require("catalog");
        let meta = meta_node.map(|n| self.meta(n)).unwrap_or_default();
        let enums = self.tables(fields.take("enum"), "enum", "[[enum]]");
        let enums = enums.into_iter().map(|f| self.enum_def(f)).collect();
        let sections = self.tables(fields.take("section"), "section", "[[section]]");
        let sections = sections.into_iter().map(|f| self.section(f)).collect();
        let sets = self.tables(fields.require("set"), "set", "[[set]]");
        let sets = sets.into_iter().map(|f| self.set(f)).collect();
        let mut targets = self.targets(fields.take("targets"));
        self.move_settings(&meta.moved, &mut targets);
        fields.finish(self);
        RawCatalog {
            meta,
            enums,
            sections,
            sets,
            targets,
        }
    }

    /// Keys of earlier versions join the targets' tables, with a warning; set
    /// in both places, they are an error.
    fn move_settings(&mut self, moved: &[MovedSetting], targets: &mut Vec<RawTarget>) {
        for setting in moved {
            let (old, target, key) = (&setting.old.value, setting.target, setting.key);
            let table = targets.iter().position(|t| t.name.value == target);
            let both =
                table.is_some_and(|t| targets[t].settings.iter().any(|(k, _)| k.value == key));
            if both {
                self.diagnostics.push(Diagnostic::new(
                    DiagnosticKind::DeprecatedKey,
                    setting.old.span.clone(),
                    format!("`{old}` and `{key}` in `[targets.{target}]` are both set"),
                    format!("remove `{old}`: `[targets.{target}] {key}` replaces it"),
                ));
                continue;
            }
            self.diagnostics.push(Diagnostic::warning(
                DiagnosticKind::DeprecatedKey,
                setting.old.span.clone(),
                format!(
                    "`{old}` is deprecated: it is now `{key}` in the `[targets.{target}]` table"
                ),
                format!("move it: `[targets.{target}]` then `{key} = …` on the next line"),
            ));
            let entry = (
                Sp {
                    value: key.to_string(),
                    span: setting.old.span.clone(),
                },
                setting.value.clone(),
            );
            match table {
                Some(t) => targets[t].settings.push(entry),
                None => targets.push(RawTarget {
                    name: Sp {
                        value: target.to_string(),
                        span: setting.old.span.clone(),
                    },
                    settings: vec![entry],
                }),
            }
        }
    }

    /// `[targets.kotlin]` and the like: which targets and keys exist is the
    /// backends' to say (validation checks them against the registry).
    fn targets(&mut self, node: Option<&Node>) -> Vec<RawTarget> {
        let Some(node) = node else {
            return Vec::new();
        };
        let NodeKind::Table(pairs) = &node.kind else {
            self.wrong_type(
                node,
                "`targets` must be a table of tables such as `[targets.kotlin]`",
                &node.kind,
            );
            return Vec::new();
        };
        let mut targets = Vec::new();
        for (name, table) in pairs {
            let NodeKind::Table(settings) = &table.kind else {
                self.wrong_type(
                    table,
                    &format!("`targets.{}` must be a table", name.value),
                    &table.kind,
                );
                continue;
            };
            let settings = settings
                .iter()
                .filter_map(|(key, value)| {
                    let what = format!("targets.{}.{}", name.value, key.value);
                    Some((key.clone(), self.string(Some(value), &what)?))
                })
                .collect();
            targets.push(RawTarget {
                name: name.clone(),
                settings,
            });
        }
        targets
    }

    fn meta(&mut self, node: &Node) -> RawMeta {
        let Some(mut f) = self.fields(node, "[catalog]") else {
            return RawMeta::default();
        };
        let meta = RawMeta {
            name: self.string(f.require("name"), "name"),
            version: self.string(f.require("version"), "version"),
            license: self.string(f.take("license"), "license"),
            repository: self.string(f.take("repository"), "repository"),
            homepage: self.string(f.take("homepage"), "homepage"),
            docs_url: self.string(f.take("docs_url"), "docs_url"),
            title: self.text(f.require("title"), "title"),
            locales: self.strings(f.require("locales"), "locales"),
            date_zone: self.string(f.take("date_zone"), "date_zone"),
            moved: MOVED
                .iter()
                .filter_map(|&(old, target, key)| {
                    let (name, node) = f.take_pair(old)?;
                    Some(MovedSetting {
                        old: name.clone(),
                        target,
                        key,
                        value: self.string(Some(node), old)?,
                    })
                })
                .collect(),
            intro: self.texts(f.take("intro"), "intro"),
            yes: self.text(f.require("yes"), "yes"),
            no: self.text(f.require("no"), "no"),
            unknown_code: self.text(f.require("unknown_code"), "unknown_code"),
        };
        f.finish(self);
        meta
    }

    fn enum_def(&mut self, mut f: Fields<'_>) -> RawEnum {
        let name = self.string(f.require("name"), "name");
        let values = self.tables(f.require("value"), "enum.value", "[[enum.value]]");
        let values = values
            .into_iter()
            .map(|mut vf| {
                let value = RawEnumValue {
                    name: self.string(vf.require("name"), "name"),
                    label: self.text(vf.require("label"), "label"),
                };
                vf.finish(self);
                value
            })
            .collect();
        let span = f.span.clone();
        f.finish(self);
        RawEnum { span, name, values }
    }

    fn section(&mut self, mut f: Fields<'_>) -> RawSection {
        let section = RawSection {
            span: f.span.clone(),
            id: self.string(f.require("id"), "id"),
            title: self.text(f.require("title"), "title"),
            intro: self.texts(f.take("intro"), "intro"),
            notes: self.texts(f.take("notes"), "notes"),
        };
        f.finish(self);
        section
    }

    fn set(&mut self, mut f: Fields<'_>) -> RawSet {
        let name = self.string(f.require("name"), "name");
        let section = self.string(f.require("section"), "section");
        let key = self.string(f.require("key"), "key");
        let field = self.string(f.take("field"), "field");
        let title = self.text(f.take("title"), "title");
        let intro = self.texts(f.take("intro"), "intro");
        let notes = self.texts(f.take("notes"), "notes");
        let code_label = self.text(f.require("code_label"), "code_label");
        let message_label = self.text(f.require("message_label"), "message_label");
        let hint_label = self.text(f.take("hint_label"), "hint_label");
        let code_separator = self.string(f.take("code_separator"), "code_separator");
        let error = self.boolean(f.take("error"), "error");
        let attributes = self.tables(f.take("attribute"), "set.attribute", "[[set.attribute]]");
        let attributes = attributes.into_iter().map(|f| self.attribute(f)).collect();
        let groups = self.tables(f.take("group"), "set.group", "[[set.group]]");
        let groups = groups.into_iter().map(|f| self.group(f)).collect();
        let entries = self.tables(f.require("entry"), "set.entry", "[[set.entry]]");
        let entries = entries.into_iter().map(|f| self.entry(f)).collect();
        let changes = self.tables(f.take("change"), "set.change", "[[set.change]]");
        let changes = changes.into_iter().map(|f| self.change(f)).collect();
        let retired = self.tables(f.take("retired"), "set.retired", "[[set.retired]]");
        let retired = retired.into_iter().map(|f| self.retired(f)).collect();
        let span = f.span.clone();
        f.finish(self);
        RawSet {
            span,
            name,
            section,
            key,
            field,
            title,
            intro,
            notes,
            code_label,
            message_label,
            hint_label,
            code_separator,
            error,
            attributes,
            groups,
            entries,
            changes,
            retired,
        }
    }

    fn attribute(&mut self, mut f: Fields<'_>) -> RawAttribute {
        let attribute = RawAttribute {
            name: self.string(f.require("name"), "name"),
            kind: self.string(f.require("type"), "type"),
            enum_name: self.string(f.take("enum"), "enum"),
            default: f.take("default").map(|n| self.value(n, "default")),
            label: self.text(f.require("label"), "label"),
            doc_column: self.boolean(f.take("doc_column"), "doc_column"),
        };
        f.finish(self);
        attribute
    }

    fn group(&mut self, mut f: Fields<'_>) -> RawGroup {
        let group = RawGroup {
            id: self.string(f.require("id"), "id"),
            parent: self.string(f.take("parent"), "parent"),
            title: self.text(f.require("title"), "title"),
        };
        f.finish(self);
        group
    }

    fn entry(&mut self, mut f: Fields<'_>) -> RawEntry {
        let mut entry = RawEntry {
            span: f.span.clone(),
            name: self.string(f.require("name"), "name"),
            codes: self.codes(f.require("codes"), "codes"),
            group: self.string(f.take("group"), "group"),
            message: self.text(f.require("message"), "message"),
            hint: self.text(f.take("hint"), "hint"),
            note: self.text(f.take("note"), "note"),
            deprecated: None,
            deprecated_codes: Vec::new(),
            attributes: Vec::new(),
        };
        if let Some(node) = f.take("deprecated")
            && let Some(mut d) = self.fields(node, "`deprecated`")
        {
            entry.deprecated = Some(RawDeprecation {
                span: d.span.clone(),
                since: self.date(d.require("since"), "since"),
                reason: self.text(d.require("reason"), "reason"),
                replacement: self.string(d.take("replacement"), "replacement"),
            });
            d.finish(self);
        }
        let items = self.tables(
            f.take("deprecated_codes"),
            "deprecated_codes",
            "an item of `deprecated_codes`",
        );
        for mut d in items {
            entry.deprecated_codes.push(RawDeprecatedCode {
                code: d.require("code").and_then(|n| self.code(n)),
                since: self.date(d.require("since"), "since"),
                reason: self.text(d.require("reason"), "reason"),
            });
            d.finish(self);
        }
        let rest: Vec<&(Sp<String>, Node)> = f.rest().collect();
        for (key, node) in rest {
            let value = self.value(node, &key.value);
            entry.attributes.push((key.clone(), value));
        }
        self.diagnostics.append(&mut f.missing);
        entry
    }

    fn retired(&mut self, mut f: Fields<'_>) -> RawRetired {
        let retired = RawRetired {
            span: f.span.clone(),
            code: f.require("code").and_then(|n| self.code(n)),
            date: self.date(f.require("date"), "date"),
            meaning: self.text(f.require("meaning"), "meaning"),
        };
        f.finish(self);
        retired
    }

    fn change(&mut self, mut f: Fields<'_>) -> RawChange {
        let change = RawChange {
            span: f.span.clone(),
            attribute: self.string(f.require("attribute"), "attribute"),
            effective: self.date(f.require("effective"), "effective"),
            codes: self.codes(f.require("codes"), "codes"),
            before: f.require("before").map(|n| self.value(n, "before")),
            notice: self.text(f.take("notice"), "notice"),
        };
        f.finish(self);
        change
    }
}

/// The known key nearest to a misspelled one, if it is close enough to be a typo.
///
/// Names whose lengths (in characters) differ by more than the distance allowed
/// are skipped unmeasured (the distance is at least the difference), so one comparison
/// costs at most about the square of the candidate's length, however long `key` is.
pub(crate) fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let allowed = |k: &str| 2.max(k.len() / 3);
    let chars = key.chars().count();
    known
        .iter()
        .filter(|k| chars.abs_diff(k.chars().count()) <= allowed(k))
        .map(|k| (strsim::levenshtein(key, k), *k))
        .filter(|(d, k)| *d <= allowed(k))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("nmae", &["name", "codes"]), Some("name"));
        assert_eq!(closest("zzzzzz", &["name", "codes"]), None);
    }

    #[test]
    fn syntax_errors_are_reported_with_a_span() {
        let (catalog, diagnostics) = read("[catalog\nname = 1");
        assert!(catalog.is_none());
        assert!(!diagnostics.is_empty());
        assert!(diagnostics[0].message.starts_with("TOML syntax"));
    }

    #[test]
    fn table_values_of_entries_are_read_as_texts_once() {
        let (catalog, diagnostics) = read(
            "[catalog]\n[[set]]\n[[set.attribute]]\ndefault = { en = \"d\" }\n\
             [[set.entry]]\nreason = { en = \"r\", de = 2 }\nflag = true\n",
        );
        let set = &catalog.unwrap().sets[0];
        assert!(
            matches!(&set.attributes[0].default, Some(RawValue::Text(t)) if t.items.len() == 1)
        );
        let value = |key: &str| {
            let values = &set.entries[0].attributes;
            values
                .iter()
                .find(|(k, _)| k.value == key)
                .map(|(_, v)| v.clone())
        };
        assert!(matches!(value("reason"), Some(RawValue::Text(t)) if t.items.len() == 1));
        assert!(
            matches!(value("flag"), Some(RawValue::Node(n)) if matches!(n.kind, NodeKind::Bool(true)))
        );
        let bad: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::WrongType)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(bad, ["`reason.de` must be a string, found an integer"]);
    }

    #[test]
    fn text_hints_use_the_catalog_locales() {
        let hint = |text: &str| {
            let (_, diagnostics) = read(text);
            let d = diagnostics
                .iter()
                .find(|d| d.message.starts_with("`title`"));
            d.map(|d| d.hint.clone()).unwrap_or_default()
        };
        let de_en = hint("[catalog]\nlocales = [\"de\", \"en\"]\ntitle = \"x\"\n");
        assert!(
            de_en.contains("title = { de = \"…\", en = \"…\" }"),
            "{de_en}"
        );
        assert!(!de_en.contains("zh-CN"), "{de_en}");
        let none = hint("[catalog]\nlocales = 3\ntitle = \"x\"\n");
        assert!(none.contains("title = { en = \"…\" }"), "{none}");
    }

    #[test]
    fn integers_keep_their_full_value_for_range_checks() {
        let (catalog, _) =
            read("[catalog]\n[[set]]\n[[set.entry]]\ncodes = [0x7fffffff, -2147483649, 1_000]\n");
        let codes = catalog.unwrap().sets[0].entries[0]
            .codes
            .clone()
            .unwrap()
            .value;
        let values: Vec<RawCode> = codes.into_iter().map(|c| c.value).collect();
        assert_eq!(
            values,
            vec![
                RawCode::Int(2147483647),
                RawCode::Int(-2147483649),
                RawCode::Int(1000)
            ]
        );
    }
}
