//! Sets and what they declare: key type, attributes, groups; and `[[enum]]`s.

use std::collections::HashMap;
use std::ops::Range;

use super::entries::EntryContext;
use super::rules::{ENTRY_KEYS, MAX_ATTRIBUTES_PER_SET};
use super::validator::{Enums, Validator};
use super::wording::first_label;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{
    AttrKind, Attribute, Code, CodeSet, Entry, EnumDef, EnumValue, Group, KeyKind, Value,
};
use crate::read::{RawAttribute, RawEnum, RawSet, Sp};

/// The most entries one set may hold: what kotlinc compiles with its default
/// heap (512 MB), with a third of margin. Kotlin's binding of a set above
/// `ENUM_LIMIT` (2,000) entries is a class with one companion property per named
/// entry, and those properties are what costs kotlinc memory and time (about
/// 3 ms each): one set of 15,000 synthetic entries compiled in 61 s, close to the
/// heap's end. The data tables themselves have no such limit.
pub const MAX_ENTRIES_PER_SET: usize = 10_000;

/// The most values one `[[enum]]` may have. Kotlin binds a catalog enum as an
/// `enum class` whose constants carry their identifier and labels, all set up in
/// one static initialiser, which the JVM caps at 64 KiB of bytecode (about 45
/// bytes a value with two locales, more with more locales): 500 keeps a wide margin.
pub const MAX_ENUM_VALUES: usize = 500;

/// The most levels of nested groups (a top-level group is level 1). Real
/// catalogs nest at most four; the Markdown and HTML docs give each level a
/// heading one step smaller (down to `h6`) and indent the contents by depth,
/// so deeper chains only add output (a 20,000-deep chain once rendered 406 MB
/// of Markdown).
pub const MAX_GROUP_DEPTH: usize = 8;

impl Validator<'_> {
    pub(super) fn set(&mut self, raw: &RawSet, enums: &Enums<'_>) -> Option<CodeSet> {
        let key = self.key_kind(raw.key.as_ref());
        let attributes: Vec<Option<Attribute>> = raw
            .attributes
            .iter()
            .map(|a| self.attribute(a, enums))
            .collect();
        self.unique_attributes(raw);
        let defaults = self.defaults(raw, &attributes, enums);
        let groups = self.groups(raw);
        let group_ids: Vec<&str> = raw
            .groups
            .iter()
            .filter_map(|g| g.id.as_ref().map(|id| id.value.as_str()))
            .collect();
        let mut group_index = HashMap::new();
        for (index, id) in group_ids.iter().enumerate() {
            group_index.entry(*id).or_insert(index);
        }
        self.entry_count(raw);
        let raw_attribute_names: Vec<&str> = raw
            .attributes
            .iter()
            .map(|a| a.name.as_ref().map_or("", |n| n.value.as_str()))
            .collect();
        let mut attribute_index = HashMap::new();
        for (index, name) in raw_attribute_names.iter().enumerate() {
            attribute_index.entry(*name).or_insert(index);
        }
        let context = EntryContext {
            key,
            attributes: &attributes,
            defaults: &defaults,
            enums,
            group_ids: &group_ids,
            group_index: &group_index,
            raw_attribute_names: &raw_attribute_names,
            attribute_index: &attribute_index,
        };
        let entries = self.entries(raw, &context);
        let mut entries: Vec<Entry> = entries.into_iter().collect::<Option<_>>()?;
        let mut attributes: Vec<Attribute> = attributes.into_iter().collect::<Option<_>>()?;
        let retired = self.deprecations(raw, key?, &mut entries);
        let changes = self.changes(raw, key?, &mut attributes, &mut entries, enums)?;
        let retired = retired?;
        let lookup = lookup(&entries);
        // Field order is evaluation order: texts are checked once the rest holds.
        Some(CodeSet {
            name: raw.name.as_ref()?.value.clone(),
            key: key?,
            field: raw.field.as_ref().map(|f| f.value.clone()),
            title: raw.title.as_ref().map(|t| self.text(Some(t), "title")),
            intro: self.texts(&raw.intro, "intro"),
            notes: self.texts(&raw.notes, "notes"),
            code_label: self.text(raw.code_label.as_ref(), "code_label"),
            message_label: self.text(raw.message_label.as_ref(), "message_label"),
            hint_label: raw
                .hint_label
                .as_ref()
                .map(|t| self.text(Some(t), "hint_label")),
            is_error: raw.error.as_ref().is_some_and(|e| e.value),
            code_separator: raw
                .code_separator
                .as_ref()
                .map_or_else(|| "/".to_string(), |s| s.value.clone()),
            attributes,
            groups: groups?,
            entries,
            changes,
            retired,
            lookup,
        })
    }

    /// Each attribute's `default`, checked against its type.
    fn defaults(
        &mut self,
        raw: &RawSet,
        attributes: &[Option<Attribute>],
        enums: &Enums<'_>,
    ) -> Vec<Option<Value>> {
        raw.attributes
            .iter()
            .zip(attributes)
            .map(|(raw_attr, attr)| {
                let (attr, value) = (attr.as_ref()?, raw_attr.default.as_ref()?);
                self.value(value, attr, enums)
            })
            .collect()
    }

    fn key_kind(&mut self, key: Option<&Sp<String>>) -> Option<KeyKind> {
        let key = key?;
        match key.value.as_str() {
            "int" => Some(KeyKind::Int),
            "string" => Some(KeyKind::Str),
            other => {
                self.error(
                    DiagnosticKind::UnknownKeyType,
                    key.span.clone(),
                    format!("unknown key type `{other}`"),
                    "use `int` (32-bit signed) or `string`",
                );
                None
            }
        }
    }

    fn entry_count(&mut self, raw: &RawSet) {
        if raw.entries.len() > MAX_ENTRIES_PER_SET {
            self.error(
                DiagnosticKind::TooManyEntries,
                raw.span.clone(),
                format!(
                    "set has {} entries; at most {MAX_ENTRIES_PER_SET} are supported",
                    raw.entries.len()
                ),
                "split the set: larger sets do not compile in Kotlin in reasonable time",
            );
        }
        if let Some(first) = raw.attributes.get(MAX_ATTRIBUTES_PER_SET) {
            self.error(
                DiagnosticKind::TooManyAttributes,
                first.name.as_ref().map_or(&raw.span, |n| &n.span).clone(),
                format!(
                    "set has {} attributes; at most {MAX_ATTRIBUTES_PER_SET} are supported",
                    raw.attributes.len()
                ),
                "split the set, or merge flags into an enum or list attribute",
            );
        }
    }

    pub(super) fn enum_def(
        &mut self,
        raw: &RawEnum,
        type_names: &mut HashMap<String, Sp<String>>,
    ) -> EnumDef {
        if let Some(name) = &raw.name {
            self.type_name(name, type_names);
        }
        if raw.values.is_empty() {
            self.error(
                DiagnosticKind::EmptyEnum,
                raw.span.clone(),
                "an enum needs at least one value",
                "add [[enum.value]] tables",
            );
        }
        if raw.values.len() > MAX_ENUM_VALUES {
            self.error(
                DiagnosticKind::TooManyEnumValues,
                raw.span.clone(),
                format!(
                    "enum has {} values; at most {MAX_ENUM_VALUES} are supported",
                    raw.values.len()
                ),
                "split the enum, or make the values entries of a set (sets hold up to 10,000)",
            );
        }
        let mut values: Vec<EnumValue> = Vec::new();
        let mut seen: HashMap<String, Sp<String>> = HashMap::new();
        for raw_value in &raw.values {
            let name = raw_value.name.clone().map(|name| {
                if self.upper_camel(&name, "enum value") {
                    self.unique_enum_value(&name, &mut seen);
                }
                name.value
            });
            values.push(EnumValue {
                name: name.unwrap_or_default(),
                label: self.text(raw_value.label.as_ref(), "label"),
            });
        }
        let name = raw.name.as_ref().map(|n| n.value.clone());
        EnumDef {
            name: name.unwrap_or_default(),
            values,
        }
    }

    fn unique_enum_value(&mut self, name: &Sp<String>, seen: &mut HashMap<String, Sp<String>>) {
        let folded = name.value.to_ascii_lowercase();
        if let Some(first) = seen.insert(folded, name.clone()) {
            self.report(
                Diagnostic::new(
                    DiagnosticKind::DuplicateName,
                    name.span.clone(),
                    format!("enum value `{}` clashes with `{}`", name.value, first.value),
                    "enum values must differ in more than letter case",
                )
                .with_label(
                    first.span,
                    first_label(&first.value, &name.value, "declared"),
                ),
            );
        }
    }

    fn unique_attributes(&mut self, raw: &RawSet) {
        let mut seen: HashMap<&str, &Sp<String>> = HashMap::new();
        for name in raw.attributes.iter().filter_map(|a| a.name.as_ref()) {
            if let Some(first) = seen.get(name.value.as_str()) {
                self.report(
                    Diagnostic::new(
                        DiagnosticKind::DuplicateAttribute,
                        name.span.clone(),
                        format!("attribute `{}` is declared twice", name.value),
                        "remove or rename one",
                    )
                    .with_label(first.span.clone(), "first declared here"),
                );
            } else {
                seen.insert(&name.value, name);
            }
        }
    }

    fn attribute(&mut self, raw: &RawAttribute, enums: &Enums<'_>) -> Option<Attribute> {
        let name = raw.name.as_ref()?;
        if self.snake_id(name, "attribute name") && ENTRY_KEYS.contains(&name.value.as_str()) {
            self.error(
                DiagnosticKind::ReservedName,
                name.span.clone(),
                format!("attribute name `{}` is reserved", name.value),
                format!(
                    "an entry's `{}` key is not an attribute value; choose another name",
                    name.value
                ),
            );
        }
        let kind_sp = raw.kind.as_ref()?;
        let enum_index = self.attribute_enum(raw, kind_sp, enums);
        let kind = match kind_sp.value.as_str() {
            "bool" => AttrKind::Bool,
            "text" => AttrKind::Text,
            "enum" => AttrKind::Enum(enum_index?),
            "list" => AttrKind::List(enum_index?),
            other => {
                let hint = self.suggestion(
                    other,
                    &["bool", "enum", "list", "text"],
                    "use bool, enum, list or text",
                );
                self.error(
                    DiagnosticKind::UnknownAttributeType,
                    kind_sp.span.clone(),
                    format!("unknown attribute type `{other}`"),
                    hint,
                );
                return None;
            }
        };
        Some(Attribute {
            name: name.value.clone(),
            kind,
            label: self.text(raw.label.as_ref(), "label"),
            doc_column: raw.doc_column.as_ref().is_none_or(|d| d.value),
            has_changes: false,
        })
    }

    /// The enum an `enum` or `list` attribute takes its values from; only those name one.
    fn attribute_enum(
        &mut self,
        raw: &RawAttribute,
        kind: &Sp<String>,
        enums: &Enums<'_>,
    ) -> Option<usize> {
        let needs_enum = matches!(kind.value.as_str(), "enum" | "list");
        match (&raw.enum_name, needs_enum) {
            (Some(enum_name), true) => {
                let index = enums.find(&enum_name.value);
                if index.is_none() {
                    let hint = self.suggestion(
                        &enum_name.value,
                        enums.names(),
                        "declare it with [[enum]]",
                    );
                    self.error(
                        DiagnosticKind::UnknownEnum,
                        enum_name.span.clone(),
                        format!("unknown enum `{}`", enum_name.value),
                        hint,
                    );
                }
                index
            }
            (None, true) => {
                self.error(
                    DiagnosticKind::MisplacedEnum,
                    kind.span.clone(),
                    format!("a `{}` attribute needs `enum = \"…\"`", kind.value),
                    "name the [[enum]] whose values it takes",
                );
                None
            }
            (Some(enum_name), false) => {
                self.error(
                    DiagnosticKind::MisplacedEnum,
                    enum_name.span.clone(),
                    format!(
                        "`enum` is only for `enum` and `list` attributes, not `{}`",
                        kind.value
                    ),
                    "remove `enum`, or change `type`",
                );
                None
            }
            (None, false) => None,
        }
    }

    fn groups(&mut self, raw: &RawSet) -> Option<Vec<Group>> {
        let mut groups: Vec<Group> = Vec::new();
        let mut id_spans: Vec<Range<usize>> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        // The ids declared so far, in order: the candidates of an unknown parent.
        let mut ids: Vec<&str> = Vec::new();
        for raw_group in &raw.groups {
            let id = raw_group.id.as_ref()?;
            self.snake_id(id, "group id");
            if let Some(&first) = by_id.get(&id.value) {
                self.report(
                    Diagnostic::new(
                        DiagnosticKind::DuplicateId,
                        id.span.clone(),
                        format!("group id `{}` is declared twice in this set", id.value),
                        "rename one",
                    )
                    .with_label(id_spans[first].clone(), "first declared here"),
                );
            }
            let depth = match &raw_group.parent {
                None => 0,
                Some(parent) => {
                    self.group_depth(&id.value, parent, &groups, &by_id, (&ids, &id_spans))
                }
            };
            by_id.entry(id.value.clone()).or_insert(groups.len());
            id_spans.push(id.span.clone());
            ids.push(&id.value);
            groups.push(Group {
                id: id.value.clone(),
                title: self.text(raw_group.title.as_ref(), "title"),
                depth,
            });
        }
        Some(groups)
    }

    /// The depth of a group whose parent is `parent`; one past the cap is reported.
    /// `declared` holds the ids and id spans of the groups before this one.
    fn group_depth(
        &mut self,
        id: &str,
        parent: &Sp<String>,
        groups: &[Group],
        by_id: &HashMap<String, usize>,
        (ids, id_spans): (&[&str], &[Range<usize>]),
    ) -> usize {
        if let Some(&p) = by_id.get(&parent.value) {
            let depth = groups[p].depth + 1;
            // Only the first group past the cap on each path: its descendants
            // are deeper still, and one diagnostic per chain is enough.
            if depth == MAX_GROUP_DEPTH {
                self.report(
                    Diagnostic::new(
                        DiagnosticKind::GroupTooDeep,
                        parent.span.clone(),
                        format!(
                            "group `{id}` is nested {} levels deep; at most {MAX_GROUP_DEPTH} are supported",
                            depth + 1
                        ),
                        "flatten the groups: give this group a parent nearer the top, or none",
                    )
                    .with_label(
                        id_spans[p].clone(),
                        format!("parent already at level {MAX_GROUP_DEPTH}"),
                    ),
                );
            }
            return depth;
        }
        let hint = self.suggestion(
            &parent.value,
            ids,
            "a parent must be declared before its children",
        );
        self.error(
            DiagnosticKind::UnknownGroup,
            parent.span.clone(),
            format!("unknown parent group `{}`", parent.value),
            hint,
        );
        0
    }
}

/// Every code of every entry, sorted, with the entry it belongs to.
fn lookup(entries: &[Entry]) -> Vec<(Code, usize)> {
    let mut lookup: Vec<(Code, usize)> = entries
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.codes.iter().map(move |c| (c.clone(), i)))
        .collect();
    lookup.sort();
    lookup
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_with_too_many_attributes_are_rejected() {
        let mut text = String::from(
            "[catalog]\nname = \"wide\"\nversion = \"1.0.0\"\ntitle = { en = \"Wide\" }\nlocales = [\"en\"]\nyes = { en = \"Yes\" }\nno = { en = \"No\" }\nunknown_code = { en = \"? {code}\" }\n[[section]]\nid = \"main\"\ntitle = { en = \"Main\" }\n[[set]]\nname = \"WideCode\"\nsection = \"main\"\nkey = \"int\"\ncode_label = { en = \"Code\" }\nmessage_label = { en = \"Message\" }\n",
        );
        for n in 0..=MAX_ATTRIBUTES_PER_SET {
            text.push_str(&format!(
                "[[set.attribute]]\nname = \"flag{n}\"\ntype = \"bool\"\ndefault = false\nlabel = {{ en = \"f\" }}\n"
            ));
        }
        text.push_str("[[set.entry]]\nname = \"Only\"\ncodes = [0]\nmessage = { en = \"m\" }\n");
        let diagnostics = crate::load_str(&text).unwrap_err();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].kind, DiagnosticKind::TooManyAttributes);
        assert!(diagnostics[0].message.contains("101 attributes"));
    }

    #[test]
    fn oversized_enums_are_rejected() {
        let mut text = String::from(
            "[catalog]\nname = \"big\"\nversion = \"1.0.0\"\ntitle = { en = \"Big\" }\nlocales = [\"en\"]\nyes = { en = \"Yes\" }\nno = { en = \"No\" }\nunknown_code = { en = \"? {code}\" }\n[[enum]]\nname = \"Wide\"\n",
        );
        for n in 0..=MAX_ENUM_VALUES {
            text.push_str(&format!(
                "[[enum.value]]\nname = \"Value{n}\"\nlabel = {{ en = \"v\" }}\n"
            ));
        }
        text.push_str("[[section]]\nid = \"main\"\ntitle = { en = \"Main\" }\n[[set]]\nname = \"BigCode\"\nsection = \"main\"\nkey = \"int\"\ncode_label = { en = \"Code\" }\nmessage_label = { en = \"Message\" }\n[[set.entry]]\nname = \"Only\"\ncodes = [0]\nmessage = { en = \"m\" }\n");
        let diagnostics = crate::load_str(&text).unwrap_err();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].kind, DiagnosticKind::TooManyEnumValues);
        assert!(
            diagnostics[0].message.contains("501 values"),
            "{:?}",
            diagnostics[0]
        );
        // One value fewer is accepted.
        let at_cap = text.replacen(
            &format!(
                "[[enum.value]]\nname = \"Value{MAX_ENUM_VALUES}\"\nlabel = {{ en = \"v\" }}\n"
            ),
            "",
            1,
        );
        assert!(crate::load_str(&at_cap).is_ok());
    }

    #[test]
    fn oversized_sets_are_rejected() {
        let mut text = String::from(
            "[catalog]\nname = \"big\"\nversion = \"1.0.0\"\ntitle = { en = \"Big\" }\nlocales = [\"en\"]\nyes = { en = \"Yes\" }\nno = { en = \"No\" }\nunknown_code = { en = \"? {code}\" }\n[[section]]\nid = \"main\"\ntitle = { en = \"Main\" }\n[[set]]\nname = \"BigCode\"\nsection = \"main\"\nkey = \"int\"\ncode_label = { en = \"Code\" }\nmessage_label = { en = \"Message\" }\n",
        );
        for n in 0..=MAX_ENTRIES_PER_SET {
            text.push_str(&format!(
                "[[set.entry]]\nname = \"Entry{n}\"\ncodes = [{n}]\nmessage = {{ en = \"m\" }}\n"
            ));
        }
        let diagnostics = crate::load_str(&text).unwrap_err();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].kind, DiagnosticKind::TooManyEntries);
        assert!(
            diagnostics[0]
                .message
                .contains(&format!("{} entries", MAX_ENTRIES_PER_SET + 1)),
            "{:?}",
            diagnostics[0]
        );
    }
}
