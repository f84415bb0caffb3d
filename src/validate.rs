//! Stage 2: raw catalog → validated model, or every problem found.
//!
//! Each check records a diagnostic and carries on, so one run reports all
//! problems at once. A model is returned only when there are none.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

use crate::diagnostic::Diagnostic;
use crate::model::{
    AttrKind, AttrValue, Attribute, Change, Code, CodeSet, Date, Entry, EnumDef, EnumRef,
    EnumValue, Group, KeyKind, Model, PastValue, Section, Text, Value,
};
use crate::read::{
    Node, NodeKind, RawAttribute, RawCatalog, RawCode, RawEntry, RawSet, RawText, Sp, closest,
};
use crate::render::naming::RESERVED_TYPE_NAMES;

/// The most entries one set may hold: its Kotlin binding is a JVM enum class, whose
/// static initializer stops compiling at about 2,900 entries ("Method too large").
pub const MAX_ENTRIES_PER_SET: usize = 2000;

/// Keys an entry table has besides attribute values; attributes may not reuse them.
const ENTRY_KEYS: &[&str] = &["name", "codes", "group", "message", "hint", "note"];
/// Names the generated accessors use; an attribute of the same name would clash.
const RESERVED_ATTRIBUTES: &[&str] = &[
    "name",
    "code",
    "codes",
    "group",
    "message",
    "message_in",
    "hint",
    "hint_in",
    "note",
    "describe",
    "all",
    "from_code",
    "identifier",
    "locale",
];

/// Validates a raw catalog. `diagnostics` may already hold reading problems;
/// a model is returned only when, after validation, it holds none.
pub fn validate(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) -> Option<Model> {
    let mut v = Validator {
        diagnostics,
        locales: Vec::new(),
    };
    let model = v.catalog(raw);
    if v.diagnostics.is_empty() {
        model
    } else {
        None
    }
}

/// What checking one entry needs to know about its set.
struct EntryContext<'a> {
    key: Option<KeyKind>,
    attributes: &'a [Option<Attribute>],
    defaults: &'a [Option<Value>],
    enums: &'a [EnumDef],
    group_ids: &'a [&'a str],
    raw_attribute_names: &'a [&'a str],
}

struct Validator<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    locales: Vec<String>,
}

impl Validator<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(span, message).with_hint(hint));
    }

    fn catalog(&mut self, raw: &RawCatalog) -> Option<Model> {
        let meta = &raw.meta;
        self.locales(meta.locales.as_ref());
        if let Some(name) = &meta.name {
            let kebab = name.value.to_kebab_case();
            if kebab != name.value || !name.value.starts_with(|c: char| c.is_ascii_lowercase()) {
                self.error(
                    name.span.clone(),
                    format!("catalog name `{}` is not kebab-case ASCII", name.value),
                    format!(
                        "use lower-case words joined by `-`, e.g. `{}`",
                        fallback(&kebab, "my-codes")
                    ),
                );
            }
        }
        if let Some(package) = &meta.kotlin_package {
            let valid = package.value.split('.').all(|segment| {
                segment.starts_with(|c: char| c.is_ascii_lowercase())
                    && segment
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
            if !valid {
                self.error(
                    package.span.clone(),
                    format!("`{}` is not a Kotlin package name", package.value),
                    "use dot-separated lower-case ASCII segments, e.g. `com.example.codes`",
                );
            }
        }
        if let Some(module) = &meta.swift_module {
            self.upper_camel(module, "Swift module name");
        }
        if let Some(zone) = &meta.date_zone
            && (zone.value.trim().is_empty() || zone.value.contains(char::is_whitespace))
        {
            self.error(
                zone.span.clone(),
                "`date_zone` must be a time zone name",
                "use an IANA name such as `Asia/Shanghai`",
            );
        }
        let title = self.text(meta.title.as_ref(), "title");
        let intro = meta
            .intro
            .iter()
            .map(|t| self.text(Some(t), "intro"))
            .collect();
        let yes = self.text(meta.yes.as_ref(), "yes");
        let no = self.text(meta.no.as_ref(), "no");
        let unknown_code = self.text(meta.unknown_code.as_ref(), "unknown_code");
        if let Some(text) = &meta.unknown_code
            && !self.diagnostics_at(&text.span)
            && !text.items.iter().all(|(_, t)| t.value.contains("{code}"))
        {
            self.error(
                text.span.clone(),
                "`unknown_code` must contain `{code}` in every locale",
                "write e.g. `en = \"Unknown code {code}\"`; `{code}` is replaced by the raw code",
            );
        }

        let mut type_names: HashMap<String, Sp<String>> = HashMap::new();
        let enums: Vec<EnumDef> = raw
            .enums
            .iter()
            .map(|e| self.enum_def(e, &mut type_names))
            .collect();
        let enum_names: Vec<String> = enums.iter().map(|e| e.name.clone()).collect();

        let mut sections: Vec<Section> = Vec::new();
        let mut section_spans = Vec::new();
        for raw_section in &raw.sections {
            let id = raw_section.id.clone().map(|id| {
                self.snake_id(&id, "section id");
                if let Some(i) = sections.iter().position(|s| s.id == id.value) {
                    let first: &Range<usize> = &section_spans[i];
                    self.error(
                        id.span.clone(),
                        format!("section id `{}` is declared twice", id.value),
                        format!("the first is at byte {}; rename one", first.start),
                    );
                }
                id.value
            });
            section_spans.push(raw_section.span.clone());
            sections.push(Section {
                id: id.unwrap_or_default(),
                title: self.text(raw_section.title.as_ref(), "title"),
                intro: raw_section
                    .intro
                    .iter()
                    .map(|t| self.text(Some(t), "intro"))
                    .collect(),
                notes: raw_section
                    .notes
                    .iter()
                    .map(|t| self.text(Some(t), "notes"))
                    .collect(),
                sets: Vec::new(),
            });
        }

        let mut sets = Vec::new();
        for raw_set in &raw.sets {
            if let Some(name) = &raw_set.name {
                self.type_name(name, &mut type_names);
            }
            if let Some(section) = &raw_set.section {
                match sections.iter().position(|s| s.id == section.value) {
                    Some(i) => sections[i].sets.push(sets.len()),
                    None => {
                        let ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
                        self.error(
                            section.span.clone(),
                            format!("unknown section `{}`", section.value),
                            suggestion(&section.value, &ids, "declare it with [[section]]"),
                        );
                    }
                }
            }
            sets.push(self.set(raw_set, &enums, &enum_names));
        }
        Some(Model {
            name: meta.name.as_ref()?.value.clone(),
            title,
            locales: self.locales.clone(),
            date_zone: meta.date_zone.as_ref().map(|z| z.value.clone()),
            kotlin_package: meta.kotlin_package.as_ref().map(|p| p.value.clone()),
            swift_module: meta.swift_module.as_ref().map(|m| m.value.clone()),
            intro,
            yes,
            no,
            unknown_code,
            enums,
            sections,
            sets: sets.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }

    fn diagnostics_at(&self, span: &Range<usize>) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.span.start >= span.start && d.span.end <= span.end)
    }

    fn locales(&mut self, locales: Option<&Sp<Vec<Sp<String>>>>) {
        let Some(locales) = locales else { return };
        if locales.value.is_empty() {
            self.error(
                locales.span.clone(),
                "`locales` is empty",
                "list at least one locale, the default first, e.g. [\"zh-CN\", \"en\"]",
            );
        }
        for locale in &locales.value {
            let mut parts = locale.value.split('-');
            let language_ok = parts.next().is_some_and(|p| {
                (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase())
            });
            let rest_ok = parts.all(|p| {
                (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            });
            if !(language_ok && rest_ok) {
                self.error(
                    locale.span.clone(),
                    format!("`{}` is not a BCP 47 locale tag", locale.value),
                    "use a tag such as `en`, `zh-CN` or `pt-BR`",
                );
            } else if self.locales.contains(&locale.value) {
                self.error(
                    locale.span.clone(),
                    format!("locale `{}` is listed twice", locale.value),
                    "remove the second one",
                );
            } else {
                self.locales.push(locale.value.clone());
            }
        }
    }

    fn text(&mut self, raw: Option<&RawText>, what: &str) -> Text {
        let mut text = Text::default();
        let Some(raw) = raw else { return text };
        for (locale, value) in &raw.items {
            if !self.locales.contains(&locale.value) {
                self.error(
                    locale.span.clone(),
                    format!("locale `{}` is not declared", locale.value),
                    format!(
                        "declared locales are {}; add it to [catalog] locales or remove this text",
                        self.locales.join(", ")
                    ),
                );
            } else if value.value.trim().is_empty() {
                self.error(
                    value.span.clone(),
                    format!("`{what}` is empty in locale `{}`", locale.value),
                    "write the text, or remove the key if it is optional",
                );
            } else if value.value.trim() != value.value {
                self.error(
                    value.span.clone(),
                    format!(
                        "`{what}` has leading or trailing white space in locale `{}`",
                        locale.value
                    ),
                    "trim the text",
                );
            }
            text.0.insert(locale.value.clone(), value.value.clone());
        }
        let missing: Vec<&String> = self
            .locales
            .iter()
            .filter(|l| !text.0.contains_key(*l))
            .collect();
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let first = missing[0].clone();
            self.error(
                raw.span.clone(),
                format!("`{what}` has no text for locale {list}"),
                format!("add `{first} = \"…\"`; every text needs every declared locale"),
            );
        }
        text
    }

    /// An ASCII identifier in UpperCamelCase, e.g. a type or entry name.
    fn upper_camel(&mut self, name: &Sp<String>, what: &str) -> bool {
        let value = &name.value;
        let ascii = value.starts_with(|c: char| c.is_ascii_alphabetic())
            && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ascii {
            self.error(
                name.span.clone(),
                format!("{what} `{value}` is not an ASCII identifier"),
                "use ASCII letters and digits only, starting with a letter, e.g. `LivenessFailed`",
            );
            return false;
        }
        if value.to_upper_camel_case() != *value {
            self.error(
                name.span.clone(),
                format!("{what} `{value}` is not UpperCamelCase"),
                format!("write it as `{}`", value.to_upper_camel_case()),
            );
            return false;
        }
        true
    }

    fn snake_id(&mut self, name: &Sp<String>, what: &str) -> bool {
        let value = &name.value;
        let ok = value.starts_with(|c: char| c.is_ascii_lowercase())
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && value.to_snake_case() == *value;
        if !ok {
            self.error(
                name.span.clone(),
                format!("{what} `{value}` is not snake_case ASCII"),
                format!(
                    "write it as `{}`",
                    fallback(&value.to_snake_case(), "my_name")
                ),
            );
        }
        ok
    }

    /// Type names (sets and enums) share one namespace in every target language.
    fn type_name(&mut self, name: &Sp<String>, seen: &mut HashMap<String, Sp<String>>) {
        if !self.upper_camel(name, "type name") {
            return;
        }
        if RESERVED_TYPE_NAMES.contains(&name.value.as_str()) {
            self.error(
                name.span.clone(),
                format!("type name `{}` is reserved", name.value),
                "generated code declares or uses a type of this name in some language; choose another",
            );
            return;
        }
        let folded = name.value.to_ascii_lowercase();
        if let Some(first) = seen.get(&folded) {
            let first = first.clone();
            self.error(
                name.span.clone(),
                format!("type name `{}` clashes with `{}`", name.value, first.value),
                "set and enum names must differ in more than letter case; rename one",
            );
        } else {
            seen.insert(folded, name.clone());
        }
    }

    fn enum_def(
        &mut self,
        raw: &crate::read::RawEnum,
        type_names: &mut HashMap<String, Sp<String>>,
    ) -> EnumDef {
        if let Some(name) = &raw.name {
            self.type_name(name, type_names);
        }
        if raw.values.is_empty() {
            self.error(
                raw.span.clone(),
                "an enum needs at least one value",
                "add [[enum.value]] tables",
            );
        }
        let mut values: Vec<EnumValue> = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for raw_value in &raw.values {
            let name = raw_value.name.clone().map(|name| {
                if self.upper_camel(&name, "enum value") {
                    let folded = name.value.to_ascii_lowercase();
                    if let Some(first) = seen.insert(folded, name.value.clone()) {
                        self.error(
                            name.span.clone(),
                            format!("enum value `{}` clashes with `{first}`", name.value),
                            "enum values must differ in more than letter case",
                        );
                    }
                }
                name.value
            });
            values.push(EnumValue {
                name: name.unwrap_or_default(),
                label: self.text(raw_value.label.as_ref(), "label"),
            });
        }
        EnumDef {
            name: raw
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_default(),
            values,
        }
    }

    fn set(&mut self, raw: &RawSet, enums: &[EnumDef], enum_names: &[String]) -> Option<CodeSet> {
        let key = raw.key.as_ref().and_then(|key| match key.value.as_str() {
            "int" => Some(KeyKind::Int),
            "string" => Some(KeyKind::Str),
            other => {
                self.error(
                    key.span.clone(),
                    format!("unknown key type `{other}`"),
                    "use `int` (32-bit signed) or `string`",
                );
                None
            }
        });
        let attributes: Vec<Option<Attribute>> = raw
            .attributes
            .iter()
            .map(|a| self.attribute(a, enum_names))
            .collect();
        self.unique_attributes(raw);
        let defaults: Vec<Option<Value>> = raw
            .attributes
            .iter()
            .zip(&attributes)
            .map(|(raw_attr, attr)| {
                let (attr, node) = (attr.as_ref()?, raw_attr.default.as_ref()?);
                self.value(node, attr, enums)
            })
            .collect();

        let groups = self.groups(raw);
        let group_ids: Vec<&str> = raw
            .groups
            .iter()
            .filter_map(|g| g.id.as_ref().map(|id| id.value.as_str()))
            .collect();

        if raw.entries.len() > MAX_ENTRIES_PER_SET {
            self.error(
                raw.span.clone(),
                format!("set has {} entries; at most {MAX_ENTRIES_PER_SET} are supported", raw.entries.len()),
                "split the set: its Kotlin binding is a JVM enum class, which cannot hold many more",
            );
        }
        let raw_attribute_names: Vec<&str> = raw
            .attributes
            .iter()
            .map(|a| a.name.as_ref().map_or("", |n| n.value.as_str()))
            .collect();
        let mut entries = Vec::new();
        let mut entry_names: HashMap<String, String> = HashMap::new();
        let mut code_owner: HashMap<Code, String> = HashMap::new();
        for raw_entry in &raw.entries {
            if let (Some(hint), None) = (&raw_entry.hint, &raw.hint_label) {
                self.error(
                    hint.span.clone(),
                    "this entry has a `hint`, but its set declares no `hint_label`",
                    "add `hint_label = { … }` to the set, or remove the hint",
                );
            }
            let context = EntryContext {
                key,
                attributes: &attributes,
                defaults: &defaults,
                enums,
                group_ids: &group_ids,
                raw_attribute_names: &raw_attribute_names,
            };
            let entry = self.entry(raw_entry, &context, &mut entry_names, &mut code_owner);
            entries.push(entry);
        }
        self.unique_spellings(raw);
        let mut entries: Vec<Entry> = entries.into_iter().collect::<Option<_>>()?;
        let mut attributes: Vec<Attribute> = attributes.into_iter().collect::<Option<_>>()?;

        let changes = self.changes(raw, key?, &mut attributes, &mut entries, enums)?;
        let mut lookup: Vec<(Code, usize)> = entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.codes.iter().map(move |c| (c.clone(), i)))
            .collect();
        lookup.sort();

        Some(CodeSet {
            name: raw.name.as_ref()?.value.clone(),
            key: key?,
            field: raw.field.as_ref().map(|f| f.value.clone()),
            title: raw.title.as_ref().map(|t| self.text(Some(t), "title")),
            intro: raw
                .intro
                .iter()
                .map(|t| self.text(Some(t), "intro"))
                .collect(),
            notes: raw
                .notes
                .iter()
                .map(|t| self.text(Some(t), "notes"))
                .collect(),
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
            lookup,
        })
    }

    /// Names distinct in the catalog must stay distinct in every target language
    /// (a parser of the output cannot see duplicate cases or members).
    fn unique_spellings(&mut self, raw: &RawSet) {
        for oracle in crate::render::oracles() {
            let language = oracle.language();
            let mut variants: HashMap<String, &str> = HashMap::new();
            let mut folded = std::collections::HashSet::new();
            // Names that are invalid or clash by letter case are reported elsewhere.
            let names = raw
                .entries
                .iter()
                .filter_map(|e| e.name.as_ref())
                .filter(|n| {
                    is_upper_camel(&n.value) && folded.insert(n.value.to_ascii_lowercase())
                });
            for name in names {
                let spelled = oracle.variant(&name.value);
                match variants.get(&spelled) {
                    Some(first) if *first != name.value => self.error(
                        name.span.clone(),
                        format!(
                            "entry `{}` is spelled `{spelled}` in {language}, like entry `{first}`",
                            name.value
                        ),
                        "rename one of the entries",
                    ),
                    _ => {
                        variants.insert(spelled, &name.value);
                    }
                }
            }
            let mut members: HashMap<String, &str> = HashMap::new();
            for (attribute, kind) in raw
                .attributes
                .iter()
                .filter_map(|a| Some((a.name.as_ref()?, a.kind.as_ref()?)))
            {
                let spell = |n: &str| {
                    if kind.value == "bool" {
                        oracle.bool_member(n)
                    } else {
                        oracle.member(n)
                    }
                };
                for spelled in [
                    spell(&attribute.value),
                    spell(&format!("{}_on", attribute.value)),
                ] {
                    if let Some(first) = members.insert(spelled.clone(), &attribute.value) {
                        self.error(
                            attribute.span.clone(),
                            format!("attribute `{}` is spelled `{spelled}` in {language}, like attribute `{first}`", attribute.value),
                            "rename one of the attributes",
                        );
                    }
                }
            }
        }
    }

    fn unique_attributes(&mut self, raw: &RawSet) {
        let mut seen: Vec<&str> = Vec::new();
        for attr in &raw.attributes {
            if let Some(name) = &attr.name {
                if seen.contains(&name.value.as_str()) {
                    self.error(
                        name.span.clone(),
                        format!("attribute `{}` is declared twice", name.value),
                        "remove or rename one",
                    );
                }
                seen.push(&name.value);
            }
        }
    }

    fn attribute(&mut self, raw: &RawAttribute, enum_names: &[String]) -> Option<Attribute> {
        let name = raw.name.as_ref()?;
        if self.snake_id(name, "attribute name")
            && (RESERVED_ATTRIBUTES.contains(&name.value.as_str())
                || ENTRY_KEYS.contains(&name.value.as_str()))
        {
            self.error(
                name.span.clone(),
                format!("attribute name `{}` is reserved", name.value),
                format!(
                    "generated code already has `{}`; choose another name",
                    name.value
                ),
            );
        }
        let kind_sp = raw.kind.as_ref()?;
        let needs_enum = matches!(kind_sp.value.as_str(), "enum" | "list");
        let enum_index = match (&raw.enum_name, needs_enum) {
            (Some(enum_name), true) => {
                match enum_names.iter().position(|n| *n == enum_name.value) {
                    Some(i) => Some(i),
                    None => {
                        let names: Vec<&str> = enum_names.iter().map(String::as_str).collect();
                        self.error(
                            enum_name.span.clone(),
                            format!("unknown enum `{}`", enum_name.value),
                            suggestion(&enum_name.value, &names, "declare it with [[enum]]"),
                        );
                        None
                    }
                }
            }
            (None, true) => {
                self.error(
                    kind_sp.span.clone(),
                    format!("a `{}` attribute needs `enum = \"…\"`", kind_sp.value),
                    "name the [[enum]] whose values it takes",
                );
                None
            }
            (Some(enum_name), false) => {
                self.error(
                    enum_name.span.clone(),
                    format!(
                        "`enum` is only for `enum` and `list` attributes, not `{}`",
                        kind_sp.value
                    ),
                    "remove `enum`, or change `type`",
                );
                None
            }
            (None, false) => None,
        };
        let kind = match kind_sp.value.as_str() {
            "bool" => AttrKind::Bool,
            "text" => AttrKind::Text,
            "enum" => AttrKind::Enum(enum_index?),
            "list" => AttrKind::List(enum_index?),
            other => {
                self.error(
                    kind_sp.span.clone(),
                    format!("unknown attribute type `{other}`"),
                    suggestion(
                        other,
                        &["bool", "enum", "list", "text"],
                        "use bool, enum, list or text",
                    ),
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

    fn groups(&mut self, raw: &RawSet) -> Option<Vec<Group>> {
        let mut groups: Vec<Group> = Vec::new();
        for raw_group in &raw.groups {
            let id = raw_group.id.as_ref()?;
            self.snake_id(id, "group id");
            if groups.iter().any(|g| g.id == id.value) {
                self.error(
                    id.span.clone(),
                    format!("group id `{}` is declared twice in this set", id.value),
                    "rename one",
                );
            }
            let depth = match &raw_group.parent {
                None => 0,
                Some(parent) => match groups.iter().find(|g| g.id == parent.value) {
                    Some(p) => p.depth + 1,
                    None => {
                        let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
                        self.error(
                            parent.span.clone(),
                            format!("unknown parent group `{}`", parent.value),
                            suggestion(
                                &parent.value,
                                &ids,
                                "a parent must be declared before its children",
                            ),
                        );
                        0
                    }
                },
            };
            groups.push(Group {
                id: id.value.clone(),
                title: self.text(raw_group.title.as_ref(), "title"),
                depth,
            });
        }
        Some(groups)
    }

    fn entry(
        &mut self,
        raw: &RawEntry,
        context: &EntryContext<'_>,
        entry_names: &mut HashMap<String, String>,
        code_owner: &mut HashMap<Code, String>,
    ) -> Option<Entry> {
        let EntryContext {
            key,
            attributes,
            defaults,
            enums,
            group_ids,
            raw_attribute_names,
        } = *context;
        let name = raw.name.as_ref();
        if let Some(name) = name
            && self.upper_camel(name, "entry name")
        {
            let folded = name.value.to_ascii_lowercase();
            if let Some(first) = entry_names.insert(folded, name.value.clone()) {
                let message = if first == name.value {
                    format!("entry name `{}` is used twice in this set", name.value)
                } else {
                    format!(
                        "entry name `{}` clashes with `{first}`: they differ only in letter case",
                        name.value
                    )
                };
                self.error(
                    name.span.clone(),
                    message,
                    "entry names must differ in more than letter case; rename one",
                );
            }
        }
        let owner = name.map_or_else(|| "?".to_string(), |n| n.value.clone());

        let mut codes = Vec::new();
        if let Some(raw_codes) = &raw.codes {
            if raw_codes.value.is_empty() {
                self.error(
                    raw_codes.span.clone(),
                    "`codes` is empty",
                    "list at least one code; the first is canonical",
                );
            }
            for raw_code in &raw_codes.value {
                let Some(code) = self.code(raw_code, key) else {
                    continue;
                };
                if let Some(first) = code_owner.get(&code) {
                    let hint = if *first == owner {
                        "remove the repeated code".to_string()
                    } else {
                        format!("a code belongs to one entry; remove it here or from `{first}`")
                    };
                    self.error(
                        raw_code.span.clone(),
                        format!("code {code} is already used by entry `{first}`"),
                        hint,
                    );
                } else {
                    code_owner.insert(code.clone(), owner.clone());
                }
                codes.push(code);
            }
        }

        let group = match (&raw.group, group_ids.is_empty()) {
            (Some(group), _) => {
                let index = group_ids.iter().position(|g| *g == group.value);
                if index.is_none() {
                    self.error(
                        group.span.clone(),
                        format!("unknown group `{}`", group.value),
                        suggestion(&group.value, group_ids, "declare it with [[set.group]]"),
                    );
                }
                index
            }
            (None, false) => {
                self.error(
                    raw.span.clone(),
                    format!("entry `{owner}` has no `group`, but its set declares groups"),
                    format!("add `group = \"…\"`, one of: {}", group_ids.join(", ")),
                );
                None
            }
            (None, true) => None,
        };

        let message = self.text(raw.message.as_ref(), "message");
        let hint = raw.hint.as_ref().map(|h| self.text(Some(h), "hint"));
        let note = raw.note.as_ref().map(|n| self.text(Some(n), "note"));

        let mut values: Vec<Option<Value>> = vec![None; attributes.len()];
        for (key_sp, node) in &raw.attributes {
            match raw_attribute_names.iter().position(|a| *a == key_sp.value) {
                Some(i) => {
                    // A declared attribute that failed its own checks is already reported.
                    if let Some(attribute) = &attributes[i] {
                        values[i] = self.value(node, attribute, enums);
                    }
                }
                None => {
                    let mut known: Vec<&str> = ENTRY_KEYS.to_vec();
                    known.extend(raw_attribute_names.iter().copied());
                    let hint = match closest(&key_sp.value, &known) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("the keys of an entry are {}", known.join(", ")),
                    };
                    self.error(
                        key_sp.span.clone(),
                        format!("unknown key `{}` in [[set.entry]]", key_sp.value),
                        hint,
                    );
                }
            }
        }
        for (i, attr) in attributes.iter().enumerate() {
            let Some(attr) = attr else { continue };
            let given = raw.attributes.iter().any(|(k, _)| k.value == attr.name);
            if !given {
                values[i] = defaults[i].clone();
            }
            if values[i].is_none() && !given {
                self.error(
                    raw.span.clone(),
                    format!("entry `{owner}` has no value for attribute `{}`", attr.name),
                    format!("add `{} = …`, or give the attribute a `default`", attr.name),
                );
            }
        }
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
        })
    }

    fn code(&mut self, raw: &Sp<RawCode>, key: Option<KeyKind>) -> Option<Code> {
        match (&raw.value, key?) {
            (RawCode::Int(n), KeyKind::Int) => match i32::try_from(*n) {
                Ok(n) => Some(Code::Int(n)),
                Err(_) => {
                    self.error(
                        raw.span.clone(),
                        format!("code {n} is outside the 32-bit signed range"),
                        "codes of an `int` set must lie in -2147483648..=2147483647",
                    );
                    None
                }
            },
            (RawCode::Str(s), KeyKind::Str) => {
                if s.is_empty() || s.trim() != s || s.chars().any(char::is_control) {
                    self.error(
                        raw.span.clone(),
                        format!("code {s:?} is empty, padded or holds control characters"),
                        "write the code exactly as the service sends it",
                    );
                    None
                } else {
                    Some(Code::Str(s.clone()))
                }
            }
            (RawCode::Int(n), KeyKind::Str) => {
                self.error(
                    raw.span.clone(),
                    format!("code {n} is an integer, but this set's key is `string`"),
                    format!("quote it: \"{n}\" (leading zeros matter, e.g. \"02\")"),
                );
                None
            }
            (RawCode::Str(s), KeyKind::Int) => {
                self.error(
                    raw.span.clone(),
                    format!("code {s:?} is a string, but this set's key is `int`"),
                    "write the number without quotes, or declare `key = \"string\"`",
                );
                None
            }
        }
    }

    fn value(&mut self, node: &Node, attr: &Attribute, enums: &[EnumDef]) -> Option<Value> {
        match (attr.kind, &node.kind) {
            (AttrKind::Bool, NodeKind::Bool(b)) => Some(Value::Bool(*b)),
            (AttrKind::Enum(e), NodeKind::Str(s)) => {
                self.enum_value(node, s, e, enums, attr).map(Value::Enum)
            }
            (AttrKind::List(e), NodeKind::Array(items)) => {
                let mut list = Vec::new();
                for item in items {
                    let NodeKind::Str(s) = &item.kind else {
                        self.error(
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
                    if list.contains(&value) {
                        self.error(
                            item.span.clone(),
                            format!("`{s}` is listed twice"),
                            "remove the repeat",
                        );
                    }
                    list.push(value);
                }
                Some(Value::List(list))
            }
            (AttrKind::Text, NodeKind::Table(_)) => {
                // Reuse the reader's text shape check through a tiny raw text.
                let NodeKind::Table(pairs) = &node.kind else {
                    unreachable!()
                };
                let mut items = Vec::new();
                for (locale, value) in pairs {
                    match &value.kind {
                        NodeKind::Str(s) => items.push((
                            locale.clone(),
                            Sp {
                                value: s.clone(),
                                span: value.span.clone(),
                            },
                        )),
                        other => self.error(
                            value.span.clone(),
                            format!("text must be a string, found {}", other.type_name()),
                            "quote the text",
                        ),
                    }
                }
                Some(Value::Text(self.text(
                    Some(&RawText {
                        span: node.span.clone(),
                        items,
                    }),
                    &attr.name,
                )))
            }
            (kind, found) => {
                let expected = match kind {
                    AttrKind::Bool => "true or false".to_string(),
                    AttrKind::Enum(e) => {
                        format!("one of the `{}` values as a string", enums[e].name)
                    }
                    AttrKind::List(e) => format!("an array of `{}` values", enums[e].name),
                    AttrKind::Text => "a table of texts by locale".to_string(),
                };
                self.error(
                    node.span.clone(),
                    format!(
                        "`{}` must be {expected}, found {}",
                        attr.name,
                        found.type_name()
                    ),
                    format!(
                        "attribute `{}` is declared as {}",
                        attr.name,
                        kind_name(kind)
                    ),
                );
                None
            }
        }
    }

    fn enum_value(
        &mut self,
        node: &Node,
        s: &str,
        enum_index: usize,
        enums: &[EnumDef],
        attr: &Attribute,
    ) -> Option<EnumRef> {
        let def = &enums[enum_index];
        let index = def.values.iter().position(|v| v.name == s);
        if index.is_none() {
            let names: Vec<&str> = def.values.iter().map(|v| v.name.as_str()).collect();
            self.error(
                node.span.clone(),
                format!(
                    "`{s}` is not a value of `{}` (attribute `{}`)",
                    def.name, attr.name
                ),
                format!("use one of: {}", names.join(", ")),
            );
        }
        index.map(|index| EnumRef {
            enum_index,
            index,
            type_name: def.name.clone(),
            name: def.values[index].name.clone(),
            label: def.values[index].label.clone(),
        })
    }

    fn changes(
        &mut self,
        raw: &RawSet,
        key: KeyKind,
        attributes: &mut [Attribute],
        entries: &mut [Entry],
        enums: &[EnumDef],
    ) -> Option<Vec<Change>> {
        let mut changes = Vec::new();
        let mut by_code: HashMap<Code, usize> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            for code in &entry.codes {
                by_code.insert(code.clone(), i);
            }
        }
        let mut seen: BTreeMap<(usize, usize, Date), ()> = BTreeMap::new();
        for raw_change in &raw.changes {
            let Some(attr_name) = &raw_change.attribute else {
                continue;
            };
            let Some(attribute) = attributes.iter().position(|a| a.name == attr_name.value) else {
                let names: Vec<&str> = attributes.iter().map(|a| a.name.as_str()).collect();
                self.error(
                    attr_name.span.clone(),
                    format!("change names unknown attribute `{}`", attr_name.value),
                    suggestion(
                        &attr_name.value,
                        &names,
                        "name an attribute declared with [[set.attribute]]",
                    ),
                );
                continue;
            };
            let Some(effective) = &raw_change.effective else {
                continue;
            };
            let (year, month, day) = effective.value;
            let date = Date { year, month, day };
            let Some(before_node) = &raw_change.before else {
                continue;
            };
            let Some(before) = self.value(before_node, &attributes[attribute], enums) else {
                continue;
            };
            let mut changed = Vec::new();
            for raw_code in raw_change.codes.iter().flat_map(|c| &c.value) {
                let Some(code) = self.code(raw_code, Some(key)) else {
                    continue;
                };
                let Some(&entry) = by_code.get(&code) else {
                    self.error(
                        raw_code.span.clone(),
                        format!("change names code {code}, which no entry of this set has"),
                        "list only codes declared by a [[set.entry]] of this set",
                    );
                    continue;
                };
                if changed.contains(&entry) {
                    self.error(
                        raw_code.span.clone(),
                        format!(
                            "code {code} names entry `{}` a second time in this change",
                            entries[entry].name
                        ),
                        "list each entry once (its canonical code is enough)",
                    );
                    continue;
                }
                if seen.insert((attribute, entry, date), ()).is_some() {
                    self.error(
                        raw_code.span.clone(),
                        format!(
                            "entry `{}` already has a change of `{}` on {date}",
                            entries[entry].name, attr_name.value
                        ),
                        "merge the two changes",
                    );
                    continue;
                }
                changed.push(entry);
                entries[entry].values[attribute].history.push(PastValue {
                    until: date,
                    value: before.clone(),
                });
            }
            attributes[attribute].has_changes = true;
            changes.push((
                raw_change.span.clone(),
                Change {
                    attribute,
                    effective: date,
                    before,
                    entries: changed,
                    notice: raw_change
                        .notice
                        .as_ref()
                        .map(|n| self.text(Some(n), "notice")),
                },
            ));
        }
        // A change must change something: the value after it must differ from `before`.
        for entry in entries.iter_mut() {
            for (a, value) in entry.values.iter_mut().enumerate() {
                value.history.sort_by_key(|p| p.until);
                for (k, past) in value.history.iter().enumerate() {
                    let after = value
                        .history
                        .get(k + 1)
                        .map_or(&value.current, |next| &next.value);
                    if *after == past.value {
                        let span = changes
                            .iter()
                            .find(|(_, c)| c.attribute == a && c.effective == past.until)
                            .map(|(s, _)| s.clone())
                            .unwrap_or(0..0);
                        self.error(
                            span,
                            format!(
                                "the change of `{}` on {} does not change entry `{}`",
                                attributes[a].name, past.until, entry.name
                            ),
                            "`before` must differ from the value the entry has after the date",
                        );
                    }
                }
            }
        }
        Some(changes.into_iter().map(|(_, c)| c).collect())
    }
}

fn is_upper_camel(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.to_upper_camel_case() == name
}

fn kind_name(kind: AttrKind) -> &'static str {
    match kind {
        AttrKind::Bool => "bool",
        AttrKind::Enum(_) => "enum",
        AttrKind::List(_) => "list",
        AttrKind::Text => "text",
    }
}

fn suggestion(value: &str, known: &[&str], otherwise: &str) -> String {
    match closest(value, known) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => otherwise.to_string(),
        None => format!("{otherwise}; known: {}", known.join(", ")),
    }
}

fn fallback<'a>(value: &'a str, default: &'a str) -> &'a str {
    if value.is_empty() { default } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_sets_are_rejected() {
        let mut text = String::from(
            "[catalog]\nname = \"big\"\ntitle = { en = \"Big\" }\nlocales = [\"en\"]\nyes = { en = \"Yes\" }\nno = { en = \"No\" }\nunknown_code = { en = \"? {code}\" }\n[[section]]\nid = \"main\"\ntitle = { en = \"Main\" }\n[[set]]\nname = \"BigCode\"\nsection = \"main\"\nkey = \"int\"\ncode_label = { en = \"Code\" }\nmessage_label = { en = \"Message\" }\n",
        );
        for n in 0..=MAX_ENTRIES_PER_SET {
            text.push_str(&format!(
                "[[set.entry]]\nname = \"Entry{n}\"\ncodes = [{n}]\nmessage = {{ en = \"m\" }}\n"
            ));
        }
        let diagnostics = crate::load_str(&text).unwrap_err();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(
            diagnostics[0].message.contains("2001 entries"),
            "{:?}",
            diagnostics[0]
        );
    }
}
