//! Entries: names, codes (aliases included), group, texts and attribute values.

use std::collections::{HashMap, HashSet};

use std::ops::Range;
use unicode_normalization::{UnicodeNormalization, is_nfc};

use super::rules::{ENTRY_KEYS, MAX_ATTRIBUTES_PER_SET};
use super::validator::{Enums, Validator};
use super::wording::{first_label, short_list, short_list_of, shown};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{AttrKind, AttrValue, Attribute, Code, Entry, EnumRef, KeyKind, Value};
use crate::read::{Node, NodeKind, RawCode, RawEntry, RawSet, RawValue, Sp, closest};

/// The most codes one entry may have (its canonical code and aliases). Real
/// catalogs give an entry one code and a few aliases; every code of an entry is
/// listed in its documentation row, its doc comments and the bindings' alias
/// tables, so an entry of 100,000 codes would make each of those that long.
pub const MAX_CODES_PER_ENTRY: usize = 1_000;
/// The longest string code, in characters: real ones are short (SQLSTATE has 5,
/// API error names a few dozen), and each lands whole in one Kotlin `when`
/// literal, doc anchors and file-free URLs.
pub const MAX_STRING_CODE_CHARS: usize = 256;

/// What checking one entry needs to know about its set.
pub(super) struct EntryContext<'a> {
    pub key: Option<KeyKind>,
    pub attributes: &'a [Option<Attribute>],
    pub defaults: &'a [Option<Value>],
    pub enums: &'a Enums<'a>,
    pub group_ids: &'a [&'a str],
    /// Group id → index, for lookups that stay constant-time in big catalogs.
    pub group_index: &'a HashMap<&'a str, usize>,
    pub raw_attribute_names: &'a [&'a str],
    /// Attribute name → index of the first attribute of that name.
    pub attribute_index: &'a HashMap<&'a str, usize>,
}

/// Names and codes seen so far in one set, with where they were first written.
#[derive(Default)]
struct Seen {
    names: HashMap<String, Sp<String>>,
    codes: HashMap<Code, (String, Range<usize>)>,
}

impl Validator<'_> {
    pub(super) fn entries(
        &mut self,
        raw: &RawSet,
        context: &EntryContext<'_>,
    ) -> Vec<Option<Entry>> {
        let mut seen = Seen::default();
        let mut entries = Vec::new();
        for raw_entry in &raw.entries {
            if let (Some(hint), None) = (&raw_entry.hint, &raw.hint_label) {
                self.error(
                    DiagnosticKind::HintWithoutLabel,
                    hint.span.clone(),
                    "this entry has a `hint`, but its set declares no `hint_label`",
                    "add `hint_label = { … }` to the set, or remove the hint",
                );
            }
            entries.push(self.entry(raw_entry, context, &mut seen));
        }
        entries
    }

    fn entry(
        &mut self,
        raw: &RawEntry,
        context: &EntryContext<'_>,
        seen: &mut Seen,
    ) -> Option<Entry> {
        let name = raw.name.as_ref();
        if let Some(name) = name
            && self.upper_camel(name, "entry name")
        {
            self.unique_entry_name(name, &mut seen.names);
        }
        let owner = name.map_or_else(|| "?".to_string(), |n| shown(&n.value).into_owned());
        let codes = self.entry_codes(raw, context.key, &owner, &mut seen.codes);
        let group = self.entry_group(raw, context, &owner);
        let message = self.text(raw.message.as_ref(), "message");
        let hint = raw.hint.as_ref().map(|h| self.text(Some(h), "hint"));
        let note = raw.note.as_ref().map(|n| self.text(Some(n), "note"));
        let values = self.entry_values(raw, context, &owner);
        Some(Entry {
            name: name?.value.clone(),
            codes,
            group,
            message,
            hint,
            note,
            values: values
                .into_iter()
                .map(|v| {
                    v.map(|current| AttrValue {
                        current,
                        history: Vec::new(),
                    })
                })
                .collect::<Option<_>>()?,
            deprecated: None,
            deprecated_codes: Vec::new(),
        })
    }

    fn unique_entry_name(&mut self, name: &Sp<String>, names: &mut HashMap<String, Sp<String>>) {
        let folded = name.value.to_ascii_lowercase();
        let Some(first) = names.insert(folded, name.clone()) else {
            return;
        };
        let message = if first.value == name.value {
            format!("entry name `{}` is used twice in this set", name.value)
        } else {
            format!(
                "entry name `{}` clashes with `{}`: they differ only in letter case",
                name.value, first.value
            )
        };
        self.report(
            Diagnostic::new(
                DiagnosticKind::DuplicateName,
                name.span.clone(),
                message,
                "entry names must differ in more than letter case; rename one",
            )
            .with_label(first.span, first_label(&first.value, &name.value, "named")),
        );
    }

    fn entry_codes(
        &mut self,
        raw: &RawEntry,
        key: Option<KeyKind>,
        owner: &str,
        owners: &mut HashMap<Code, (String, Range<usize>)>,
    ) -> Vec<Code> {
        let mut codes = Vec::new();
        let Some(raw_codes) = &raw.codes else {
            return codes;
        };
        if let Some(first) = raw_codes.value.get(MAX_CODES_PER_ENTRY) {
            self.error(
                DiagnosticKind::TooManyCodes,
                first.span.clone(),
                format!(
                    "entry `{owner}` has {} codes; at most {MAX_CODES_PER_ENTRY} are supported",
                    raw_codes.value.len()
                ),
                "give the other codes entries of their own, or move them to another set",
            );
        }
        if raw_codes.value.is_empty() {
            self.error(
                DiagnosticKind::EmptyCodes,
                raw_codes.span.clone(),
                "`codes` is empty",
                "list at least one code; the first is canonical",
            );
        }
        for raw_code in &raw_codes.value {
            let Some(code) = self.code(raw_code, key) else {
                continue;
            };
            match owners.get(&code) {
                Some((first, first_span)) => {
                    let hint = if first == owner {
                        "remove the repeated code".to_string()
                    } else {
                        format!("a code belongs to one entry; remove it here or from `{first}`")
                    };
                    let diagnostic = Diagnostic::new(
                        DiagnosticKind::DuplicateCode,
                        raw_code.span.clone(),
                        format!("code {code} is already used by entry `{first}`"),
                        hint,
                    )
                    .with_label(first_span.clone(), "first used here");
                    self.report(diagnostic);
                }
                None => {
                    owners.insert(code.clone(), (owner.to_string(), raw_code.span.clone()));
                }
            }
            codes.push(code);
        }
        codes
    }

    fn entry_group(
        &mut self,
        raw: &RawEntry,
        context: &EntryContext<'_>,
        owner: &str,
    ) -> Option<usize> {
        let group_ids = context.group_ids;
        if let Some(group) = &raw.group {
            let index = context.group_index.get(group.value.as_str()).copied();
            if index.is_none() {
                let hint =
                    self.suggestion(&group.value, group_ids, "declare it with [[set.group]]");
                self.error(
                    DiagnosticKind::UnknownGroup,
                    group.span.clone(),
                    format!("unknown group `{}`", group.value),
                    hint,
                );
            }
            return index;
        }
        if !group_ids.is_empty() {
            self.error(
                DiagnosticKind::MissingGroup,
                raw.span.clone(),
                format!("entry `{owner}` has no `group`, but its set declares groups"),
                format!("add `group = \"…\"`, one of: {}", short_list(group_ids)),
            );
        }
        None
    }

    /// One value per declared attribute: given, else the default; unknown keys reported.
    fn entry_values(
        &mut self,
        raw: &RawEntry,
        context: &EntryContext<'_>,
        owner: &str,
    ) -> Vec<Option<Value>> {
        let names = context.raw_attribute_names;
        if names.len() > MAX_ATTRIBUTES_PER_SET {
            // The set is refused for its width; checking every entry against
            // every attribute would cost entries × attributes.
            return vec![None];
        }
        let mut values: Vec<Option<Value>> = vec![None; context.attributes.len()];
        let given: HashSet<&str> = raw
            .attributes
            .iter()
            .map(|(k, _)| k.value.as_str())
            .collect();
        for (key, node) in &raw.attributes {
            match context.attribute_index.get(key.value.as_str()).copied() {
                // A declared attribute that failed its own checks is already reported.
                Some(i) => {
                    if let Some(attribute) = &context.attributes[i] {
                        values[i] = self.value(node, attribute, context.enums);
                    }
                }
                None => self.unknown_entry_key(key, names),
            }
        }
        for (i, attr) in context.attributes.iter().enumerate() {
            let Some(attr) = attr else { continue };
            let given = given.contains(attr.name.as_str());
            if !given {
                values[i] = context.defaults[i].clone();
            }
            if values[i].is_none() && !given {
                self.error(
                    DiagnosticKind::MissingValue,
                    raw.span.clone(),
                    format!(
                        "entry `{owner}` has no value for attribute `{}`",
                        shown(&attr.name)
                    ),
                    format!(
                        "add `{} = …`, or give the attribute a `default`",
                        shown(&attr.name)
                    ),
                );
            }
        }
        values
    }

    fn unknown_entry_key(&mut self, key: &Sp<String>, attribute_names: &[&str]) {
        // The set's own attributes first: the hint lists at most eight names.
        // There are at most `MAX_ATTRIBUTES_PER_SET` (`entry_values` stops
        // before past it), and the typo search shares the catalog's budget.
        let mut known: Vec<&str> = attribute_names.to_vec();
        known.extend(ENTRY_KEYS.iter().copied());
        let near = if known.len() <= self.typo_budget {
            self.typo_budget -= known.len();
            closest(&key.value, &known)
        } else {
            None
        };
        let hint = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the keys of an entry are {}", short_list(&known)),
        };
        self.error(
            DiagnosticKind::UnknownKey,
            key.span.clone(),
            format!("unknown key `{}` in [[set.entry]]", key.value),
            hint,
        );
    }

    pub(super) fn code(&mut self, raw: &Sp<RawCode>, key: Option<KeyKind>) -> Option<Code> {
        let span = raw.span.clone();
        match (&raw.value, key?) {
            (RawCode::Int(n), KeyKind::Int) => match i32::try_from(*n) {
                Ok(n) => Some(Code::Int(n)),
                Err(_) => {
                    self.error(
                        DiagnosticKind::CodeOutOfRange,
                        span,
                        format!("code {n} is outside the 32-bit signed range"),
                        "codes of an `int` set must lie in -2147483648..=2147483647",
                    );
                    None
                }
            },
            (RawCode::Str(s), KeyKind::Str) => {
                if s.is_empty() || s.trim() != s || s.chars().any(char::is_control) {
                    self.error(
                        DiagnosticKind::InvalidStringCode,
                        span,
                        format!("code {s:?} is empty, padded or holds control characters"),
                        "write the code exactly as the service sends it",
                    );
                    None
                } else if s.chars().count() > MAX_STRING_CODE_CHARS {
                    let start: String = s.chars().take(20).collect();
                    self.error(
                        DiagnosticKind::CodeTooLong,
                        span,
                        format!(
                            "code {start:?}… has {} characters; a string code may have at most {MAX_STRING_CODE_CHARS}",
                            s.chars().count()
                        ),
                        "a code is what the service sends to identify the error; put descriptions in `message`",
                    );
                    None
                } else if !is_nfc(s) {
                    // Swift compares strings by canonical equivalence: `"e\u{301}"` and
                    // `"é"` would be one code there and two everywhere else.
                    let nfc: String = s.nfc().collect();
                    self.error(
                        DiagnosticKind::InvalidStringCode,
                        span,
                        format!("code {s:?} is not in Unicode normalization form C"),
                        format!("write it composed, as {nfc:?}"),
                    );
                    None
                } else {
                    Some(Code::Str(s.clone()))
                }
            }
            (RawCode::Int(n), KeyKind::Str) => {
                self.error(
                    DiagnosticKind::CodeTypeMismatch,
                    span,
                    format!("code {n} is an integer, but this set's key is `string`"),
                    format!("quote it: \"{n}\" (leading zeros matter, e.g. \"02\")"),
                );
                None
            }
            (RawCode::Str(s), KeyKind::Int) => {
                self.error(
                    DiagnosticKind::CodeTypeMismatch,
                    span,
                    format!("code {s:?} is a string, but this set's key is `int`"),
                    "write the number without quotes, or declare `key = \"string\"`",
                );
                None
            }
        }
    }

    /// An attribute value (given, a default, or a change's `before`) of the attribute's type.
    pub(super) fn value(
        &mut self,
        raw: &RawValue,
        attr: &Attribute,
        enums: &Enums<'_>,
    ) -> Option<Value> {
        let node = match (attr.kind, raw) {
            // The reader has checked the text's shape; what is left is locales and content.
            (AttrKind::Text, RawValue::Text(text)) => {
                return Some(Value::Text(self.text(Some(text), &attr.name)));
            }
            (kind, RawValue::Text(text)) => {
                self.wrong_value_type(text.span.clone(), attr, kind, "a table", enums);
                return None;
            }
            (_, RawValue::Node(node)) => node,
        };
        match (attr.kind, &node.kind) {
            (AttrKind::Bool, NodeKind::Bool(b)) => Some(Value::Bool(*b)),
            (AttrKind::Enum(e), NodeKind::Str(s)) => {
                self.enum_value(node, s, e, enums, attr).map(Value::Enum)
            }
            (AttrKind::List(e), NodeKind::Array(items)) => {
                Some(Value::List(self.list_value(items, e, enums, attr)))
            }
            (kind, found) => {
                self.wrong_value_type(node.span.clone(), attr, kind, found.type_name(), enums);
                None
            }
        }
    }

    fn wrong_value_type(
        &mut self,
        span: Range<usize>,
        attr: &Attribute,
        kind: AttrKind,
        found: &str,
        enums: &Enums<'_>,
    ) {
        let expected = match kind {
            AttrKind::Bool => "true or false".to_string(),
            AttrKind::Enum(e) => {
                format!("one of the `{}` values as a string", shown(&enums[e].name))
            }
            AttrKind::List(e) => format!("an array of `{}` values", shown(&enums[e].name)),
            AttrKind::Text => "a table of texts by locale".to_string(),
        };
        self.error(
            DiagnosticKind::WrongValueType,
            span,
            format!("`{}` must be {expected}, found {found}", shown(&attr.name)),
            format!(
                "attribute `{}` is declared as {}",
                attr.name,
                kind_name(kind)
            ),
        );
    }

    fn list_value(
        &mut self,
        items: &[Node],
        e: usize,
        enums: &Enums<'_>,
        attr: &Attribute,
    ) -> Vec<EnumRef> {
        let mut list: Vec<(EnumRef, Range<usize>)> = Vec::new();
        let mut first_listed: HashMap<usize, Range<usize>> = HashMap::new();
        for item in items {
            let NodeKind::Str(s) = &item.kind else {
                self.error(
                    DiagnosticKind::WrongValueType,
                    item.span.clone(),
                    format!(
                        "`{}` lists values of `{}`, found {}",
                        attr.name,
                        enums[e].name,
                        item.kind.type_name()
                    ),
                    "write value names as strings",
                );
                continue;
            };
            let Some(value) = self.enum_value(item, s, e, enums, attr) else {
                continue;
            };
            if let Some(first) = first_listed.get(&value.index) {
                let diagnostic = Diagnostic::new(
                    DiagnosticKind::DuplicateListValue,
                    item.span.clone(),
                    format!("`{s}` is listed twice"),
                    "remove the repeat",
                )
                .with_label(first.clone(), "first listed here");
                self.report(diagnostic);
            } else {
                first_listed.insert(value.index, item.span.clone());
            }
            list.push((value, item.span.clone()));
        }
        list.into_iter().map(|(value, _)| value).collect()
    }

    fn enum_value(
        &mut self,
        node: &Node,
        s: &str,
        enum_index: usize,
        enums: &Enums<'_>,
        attr: &Attribute,
    ) -> Option<EnumRef> {
        let def = &enums[enum_index];
        let Some(index) = enums.value(enum_index, s) else {
            let names = def.values.iter().map(|v| v.name.as_str());
            self.error(
                DiagnosticKind::UnknownEnumValue,
                node.span.clone(),
                format!(
                    "`{s}` is not a value of `{}` (attribute `{}`)",
                    def.name, attr.name
                ),
                format!("use one of: {}", short_list_of(names, def.values.len())),
            );
            return None;
        };
        Some(EnumRef {
            enum_index,
            index,
            type_name: def.name.clone(),
            name: def.values[index].name.clone(),
            label: def.values[index].label.clone(),
        })
    }
}

fn kind_name(kind: AttrKind) -> &'static str {
    match kind {
        AttrKind::Bool => "bool",
        AttrKind::Enum(_) => "enum",
        AttrKind::List(_) => "list",
        AttrKind::Text => "text",
    }
}
