//! Stage 3: the language-neutral model every renderer reads.
//!
//! Built only by `validate`, so every invariant below holds: names are unique
//! ASCII identifiers in their case, codes are unique within a set, every text
//! has every locale, every attribute value matches its declared type.

use std::collections::BTreeMap;
use std::fmt;

/// A whole validated catalog.
#[derive(Debug, Clone)]
pub struct Model {
    /// kebab-case package name, e.g. `faceid-codes`.
    pub name: String,
    /// The catalog's own semantic version (`1.4.0`), normalised.
    pub version: String,
    /// An SPDX licence expression for the generated packages.
    pub license: Option<String>,
    /// http(s) URLs of the catalog's repository and home page.
    pub repository: Option<String>,
    pub homepage: Option<String>,
    /// http(s) URL of the folder the HTML docs (`generated/html/`) are published in.
    pub docs_url: Option<String>,
    pub title: Text,
    /// Declared locales; the first is the default.
    pub locales: Vec<String>,
    /// The time zone in which change dates are calendar dates, e.g. `Asia/Shanghai`.
    pub date_zone: Option<String>,
    /// Settings of each output from `[targets.<backend>]`: backend name → key → value.
    pub targets: BTreeMap<String, BTreeMap<String, String>>,
    pub intro: Vec<Text>,
    pub yes: Text,
    pub no: Text,
    /// Fallback description of a code the catalog does not know.
    pub unknown_code: Text,
    pub enums: Vec<EnumDef>,
    pub sections: Vec<Section>,
    pub sets: Vec<CodeSet>,
}

/// Text in every declared locale, keyed by locale tag.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub BTreeMap<String, String>);

#[derive(Debug, Clone)]
pub struct EnumDef {
    /// UpperCamel type name.
    pub name: String,
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    /// UpperCamel value name.
    pub name: String,
    pub label: Text,
}

/// A documentation section holding one or more sets.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub intro: Vec<Text>,
    pub notes: Vec<Text>,
    /// Indexes into `Model::sets`, in catalog order.
    pub sets: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Int,
    Str,
}

/// One set of codes: one generated type.
#[derive(Debug, Clone)]
pub struct CodeSet {
    /// UpperCamel type name, e.g. `SdkCode`.
    pub name: String,
    pub key: KeyKind,
    /// The response field these codes arrive in, e.g. `deviceInfoLevel`.
    pub field: Option<String>,
    pub title: Option<Text>,
    pub intro: Vec<Text>,
    pub notes: Vec<Text>,
    pub code_label: Text,
    pub message_label: Text,
    /// Present when entries of this set carry handling hints.
    pub hint_label: Option<Text>,
    pub code_separator: String,
    /// The codes are errors: bindings implement the language's error protocol.
    pub is_error: bool,
    pub attributes: Vec<Attribute>,
    pub groups: Vec<Group>,
    /// Entries in catalog order (the documentation order).
    pub entries: Vec<Entry>,
    pub changes: Vec<Change>,
    /// Tombstones: codes no entry may use again, in catalog order.
    pub retired: Vec<Retired>,
    /// Every code of every entry with its entry index, sorted by code.
    pub lookup: Vec<(Code, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Int(i32),
    Str(String),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Str(s) => f.write_str(s),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Attribute {
    /// snake_case name, e.g. `billable`.
    pub name: String,
    pub kind: AttrKind,
    pub label: Text,
    pub doc_column: bool,
    /// True when some dated change alters this attribute.
    pub has_changes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrKind {
    Bool,
    /// Index into `Model::enums`.
    Enum(usize),
    /// A list of values of `Model::enums[i]`.
    List(usize),
    Text,
}

/// An attribute value; its variant always matches the attribute's `AttrKind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    Enum(EnumRef),
    List(Vec<EnumRef>),
    Text(Text),
}

/// One value of a catalog enum, resolved once so renderers need no lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumRef {
    /// Index into `Model::enums`.
    pub enum_index: usize,
    /// Index into that enum's values.
    pub index: usize,
    /// The enum's UpperCamel type name.
    pub type_name: String,
    /// The value's UpperCamel name: its identifier.
    pub name: String,
    pub label: Text,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub title: Text,
    /// 0 for a top-level group.
    pub depth: usize,
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// UpperCamel identifier, e.g. `LivenessFailed`.
    pub name: String,
    /// The first code is canonical; the rest are aliases.
    pub codes: Vec<Code>,
    pub group: Option<usize>,
    pub message: Text,
    pub hint: Option<Text>,
    pub note: Option<Text>,
    /// One per `CodeSet::attributes`, same order.
    pub values: Vec<AttrValue>,
    /// Set when the whole entry is deprecated.
    pub deprecated: Option<Deprecation>,
    /// Aliases (never the canonical code) deprecated on their own, in catalog order.
    pub deprecated_codes: Vec<DeprecatedCode>,
}

/// Why and since when an entry is deprecated, and what to use instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    pub since: Date,
    pub reason: Text,
    /// Index into `CodeSet::entries`: an entry of the same set, never deprecated itself.
    pub replacement: Option<usize>,
}

/// One alias code of an entry that is deprecated while the entry is not (or not yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeprecatedCode {
    pub code: Code,
    pub since: Date,
    pub reason: Text,
}

/// A tombstone: a code that was removed and may not be used again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    pub code: Code,
    /// When it was retired.
    pub date: Date,
    /// What the code meant.
    pub meaning: Text,
}

/// An attribute's value now, and what it was before each dated change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrValue {
    pub current: Value,
    /// Sorted by date: before `until`, the value was `value`.
    pub history: Vec<PastValue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastValue {
    pub until: Date,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub struct Change {
    /// Index into `CodeSet::attributes`.
    pub attribute: usize,
    pub effective: Date,
    pub before: Value,
    /// Indexes into `CodeSet::entries`, in the order the change lists them.
    pub entries: Vec<usize>,
    pub notice: Option<Text>,
}

/// A calendar date in the catalog's `date_zone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Text {
    /// The text in `locale`; validation guarantees every declared locale is present.
    pub fn get(&self, locale: &str) -> &str {
        self.0.get(locale).map_or("", String::as_str)
    }
}

impl Model {
    /// A setting of one output, from its `[targets.<backend>]` table.
    pub fn setting(&self, target: &str, key: &str) -> Option<&str> {
        self.targets.get(target)?.get(key).map(String::as_str)
    }

    pub fn default_locale(&self) -> &str {
        &self.locales[0]
    }
}

impl Entry {
    /// The deprecation of `code`, if that alias is deprecated on its own.
    pub fn deprecated_code(&self, code: &Code) -> Option<&DeprecatedCode> {
        self.deprecated_codes.iter().find(|d| &d.code == code)
    }
}

impl AttrValue {
    /// The value in force on `date`.
    pub fn on(&self, date: Date) -> &Value {
        self.history
            .iter()
            .find(|past| date < past.until)
            .map_or(&self.current, |past| &past.value)
    }
}

impl CodeSet {
    pub fn find(&self, code: &Code) -> Option<&Entry> {
        self.lookup
            .binary_search_by(|(c, _)| c.cmp(code))
            .ok()
            .map(|i| &self.entries[self.lookup[i].1])
    }

    /// The tombstone of `code`, if it was retired.
    pub fn retired(&self, code: &Code) -> Option<&Retired> {
        self.retired.iter().find(|r| &r.code == code)
    }

    pub fn has_hints(&self) -> bool {
        self.hint_label.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn value_on_a_date_follows_the_history() {
        let value = AttrValue {
            current: Value::Bool(false),
            history: vec![
                PastValue {
                    until: date(2020, 1, 1),
                    value: Value::Bool(false),
                },
                PastValue {
                    until: date(2021, 7, 19),
                    value: Value::Bool(true),
                },
            ],
        };
        assert_eq!(value.on(date(2019, 5, 5)), &Value::Bool(false));
        assert_eq!(value.on(date(2021, 7, 18)), &Value::Bool(true));
        assert_eq!(value.on(date(2021, 7, 19)), &Value::Bool(false));
    }

    #[test]
    fn int_codes_sort_numerically() {
        let mut codes = vec![Code::Int(10), Code::Int(-5), Code::Int(2)];
        codes.sort();
        assert_eq!(codes, vec![Code::Int(-5), Code::Int(2), Code::Int(10)]);
    }
}
