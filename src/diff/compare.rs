//! Comparing two catalogs: every difference as one [`Change`], in catalog order.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use serde_json::Value as Json;

use super::change::Change;
use super::classify::{What, new_case};
use crate::export;
use crate::model::{AttrKind, Code, CodeSet, Entry, KeyKind, Model, Text, Value};

/// Every difference from `old` to `new`, catalog-wide changes first, then
/// enums, then set by set.
pub(super) fn changes(old: &Model, new: &Model) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_locales: HashSet<&str> = old.locales.iter().map(String::as_str).collect();
    let common: Vec<String> = new
        .locales
        .iter()
        .filter(|locale| old_locales.contains(locale.as_str()))
        .cloned()
        .collect();
    let comparison = Comparison {
        old,
        new,
        common: &common,
    };
    comparison.catalog(&mut changes);
    comparison.enums(&mut changes);
    comparison.sets(&mut changes);
    changes
}

/// The two catalogs being compared, and the locales both have.
struct Comparison<'a> {
    old: &'a Model,
    new: &'a Model,
    common: &'a [String],
}

/// A text restricted to the locales both sides have, so adding a locale is one change.
fn same_text(a: &Text, b: &Text, common: &[String]) -> bool {
    common.iter().all(|l| a.get(l) == b.get(l))
}

/// A text as JSON, in the export's encoding.
fn text_json(text: &Text) -> Json {
    serde_json::to_value(export::text(text)).unwrap_or(Json::Null)
}

/// A value as JSON, in the export's encoding.
fn value_json(value: &Value) -> Json {
    serde_json::to_value(export::value(value)).unwrap_or(Json::Null)
}

/// A code as JSON, in the export's encoding.
fn code_json(code: &Code) -> Json {
    serde_json::to_value(export::code(code)).unwrap_or(Json::Null)
}

fn same_value(a: &Value, b: &Value, common: &[String]) -> bool {
    match (a, b) {
        (Value::Text(a), Value::Text(b)) => same_text(a, b, common),
        _ => value_json(a) == value_json(b),
    }
}

fn show_value(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn list_codes<'a>(codes: impl IntoIterator<Item = &'a Code>) -> String {
    codes
        .into_iter()
        .map(|code| export::code(code).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// A comparable type name of an attribute kind (`bool`, `enum Channel`, `list of Channel`, `text`).
fn kind_name(model: &Model, kind: AttrKind) -> String {
    match kind {
        AttrKind::Bool => "bool".to_owned(),
        AttrKind::Enum(i) => format!("enum {}", model.enums[i].name),
        AttrKind::List(i) => format!("list of {}", model.enums[i].name),
        AttrKind::Text => "text".to_owned(),
    }
}

/// Indexes of items by name.
fn index_of<T>(items: &[T], name: impl Fn(&T) -> &String) -> HashMap<&str, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (name(item).as_str(), i))
        .collect()
}

/// A hash of an attribute's values down the entries: equal columns hash equal.
fn column_hash<'v>(values: impl Iterator<Item = &'v Value>, common: &[String]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for value in values {
        hash_value(value, common, &mut hasher);
    }
    std::hash::Hasher::finish(&hasher)
}

/// Hashes what [`same_value`] compares: values it finds equal hash equal.
fn hash_value(value: &Value, common: &[String], hasher: &mut impl std::hash::Hasher) {
    use std::hash::Hash as _;
    match value {
        Value::Bool(b) => (0u8, b).hash(hasher),
        Value::Enum(e) => (1u8, &e.name).hash(hasher),
        Value::List(list) => {
            (2u8, list.len()).hash(hasher);
            for e in list {
                e.name.hash(hasher);
            }
        }
        Value::Text(text) => {
            3u8.hash(hasher);
            for locale in common {
                text.get(locale).hash(hasher);
            }
        }
    }
}

/// Items by name, for lookups in constant time (names are unique on each side).
fn by_name<T>(items: &[T], name: impl Fn(&T) -> &String) -> HashMap<&str, &T> {
    items
        .iter()
        .map(|item| (name(item).as_str(), item))
        .collect()
}

fn key_name(key: KeyKind) -> &'static str {
    match key {
        KeyKind::Int => "int",
        KeyKind::Str => "string",
    }
}

impl Comparison<'_> {
    fn catalog(&self, out: &mut Vec<Change>) {
        let (old, new) = (self.old, self.new);
        // The catalog name, then every target setting either side has, sorted.
        let mut package = vec![("name".to_string(), Some(&old.name), Some(&new.name))];
        let settings: std::collections::BTreeSet<(&String, &String)> = [old, new]
            .iter()
            .flat_map(|model| &model.targets)
            .flat_map(|(target, settings)| settings.keys().map(move |key| (target, key)))
            .collect();
        for (target, key) in settings {
            let (a, b) = (old.targets.get(target), new.targets.get(target));
            package.push((
                format!("targets.{target}.{key}"),
                a.and_then(|s| s.get(key)),
                b.and_then(|s| s.get(key)),
            ));
        }
        for (field, a, b) in package {
            if a != b {
                let show = |v: Option<&String>| v.map_or("(default)".to_owned(), Clone::clone);
                out.push(
                    Change::new(
                        What::PackageRenamed,
                        format!("{field} changed from {} to {}", show(a), show(b)),
                    )
                    .values(
                        a.map(|v| Json::from(v.as_str())),
                        b.map(|v| Json::from(v.as_str())),
                    ),
                );
            }
        }
        let old_locales: HashSet<&str> = old.locales.iter().map(String::as_str).collect();
        let new_locales: HashSet<&str> = new.locales.iter().map(String::as_str).collect();
        for locale in &old.locales {
            if !new_locales.contains(locale.as_str()) {
                out.push(
                    Change::new(What::LocaleRemoved, format!("locale {locale} removed"))
                        .values(Some(Json::from(locale.as_str())), None),
                );
            }
        }
        if old.default_locale() != new.default_locale() {
            out.push(
                Change::new(
                    What::DefaultLocaleChanged,
                    format!(
                        "default locale changed from {} to {}",
                        old.default_locale(),
                        new.default_locale()
                    ),
                )
                .values(
                    Some(Json::from(old.default_locale())),
                    Some(Json::from(new.default_locale())),
                ),
            );
        }
        for locale in &new.locales {
            if !old_locales.contains(locale.as_str()) {
                out.push(
                    Change::new(What::LocaleAdded, format!("locale {locale} added"))
                        .values(None, Some(Json::from(locale.as_str())))
                        // CatalogLocale is an enum type like any other.
                        .breaks(&new_case()),
                );
            }
        }
        if !same_text(&old.title, &new.title, self.common) {
            out.push(
                Change::new(What::TextChanged, "catalog title changed".to_owned())
                    .values(Some(text_json(&old.title)), Some(text_json(&new.title))),
            );
        }
    }

    fn enums(&self, out: &mut Vec<Change>) {
        let (old, new) = (self.old, self.new);
        let new_enums = by_name(&new.enums, |item| &item.name);
        for old_enum in &old.enums {
            let Some(&new_enum) = new_enums.get(old_enum.name.as_str()) else {
                out.push(
                    Change::new(What::EnumRemoved, format!("enum {} removed", old_enum.name))
                        .values(Some(Json::from(old_enum.name.as_str())), None),
                );
                continue;
            };
            let new_values = by_name(&new_enum.values, |value| &value.name);
            let old_values = by_name(&old_enum.values, |value| &value.name);
            for old_value in &old_enum.values {
                match new_values.get(old_value.name.as_str()) {
                    None => out.push(
                        Change::new(
                            What::EnumValueRemoved,
                            format!("enum value {}.{} removed", old_enum.name, old_value.name),
                        )
                        .values(Some(Json::from(old_value.name.as_str())), None),
                    ),
                    Some(new_value)
                        if !same_text(&old_value.label, &new_value.label, self.common) =>
                    {
                        out.push(
                            Change::new(
                                What::TextChanged,
                                format!(
                                    "label of enum value {}.{} changed",
                                    old_enum.name, old_value.name
                                ),
                            )
                            .values(
                                Some(text_json(&old_value.label)),
                                Some(text_json(&new_value.label)),
                            ),
                        )
                    }
                    Some(_) => {}
                }
            }
            for new_value in &new_enum.values {
                if !old_values.contains_key(new_value.name.as_str()) {
                    out.push(
                        Change::new(
                            What::EnumValueAdded,
                            format!("enum value {}.{} added", new_enum.name, new_value.name),
                        )
                        .values(None, Some(Json::from(new_value.name.as_str())))
                        .breaks(&new_case()),
                    );
                }
            }
        }
        let old_enums = by_name(&old.enums, |item| &item.name);
        for new_enum in &new.enums {
            if !old_enums.contains_key(new_enum.name.as_str()) {
                let values: Vec<&str> = new_enum
                    .values
                    .iter()
                    .map(|value| value.name.as_str())
                    .collect();
                out.push(
                    Change::new(
                        What::EnumAdded,
                        format!("enum {} added ({})", new_enum.name, values.join(", ")),
                    )
                    .values(None, Some(Json::from(new_enum.name.as_str())))
                    .breaks(&[]),
                );
            }
        }
    }

    fn sets(&self, out: &mut Vec<Change>) {
        let (old, new) = (self.old, self.new);
        let old_sets = by_name(&old.sets, |set| &set.name);
        let new_sets = by_name(&new.sets, |set| &set.name);
        let removed: Vec<&CodeSet> = old
            .sets
            .iter()
            .filter(|old_set| !new_sets.contains_key(old_set.name.as_str()))
            .collect();
        // A rename keeps the key type and every canonical code. Added sets are
        // indexed by both; each removed set takes the first one left that matches.
        fn canonical(set: &CodeSet) -> (bool, Vec<&Code>) {
            let mut codes: Vec<&Code> = set.entries.iter().map(|entry| &entry.codes[0]).collect();
            codes.sort_unstable();
            (set.key == KeyKind::Int, codes)
        }
        let mut candidates: HashMap<(bool, Vec<&Code>), VecDeque<&CodeSet>> = HashMap::new();
        for new_set in &new.sets {
            if !old_sets.contains_key(new_set.name.as_str()) && !new_set.entries.is_empty() {
                candidates
                    .entry(canonical(new_set))
                    .or_default()
                    .push_back(new_set);
            }
        }
        let mut renamed_to: HashMap<&str, &CodeSet> = HashMap::new();
        let mut renamed_from: HashMap<&str, &CodeSet> = HashMap::new();
        for old_set in &removed {
            if old_set.entries.is_empty() {
                continue;
            }
            if let Some(new_set) = candidates
                .get_mut(&canonical(old_set))
                .and_then(VecDeque::pop_front)
            {
                renamed_to.insert(&old_set.name, new_set);
                renamed_from.insert(&new_set.name, old_set);
            }
        }
        for old_set in &removed {
            if let Some(new_set) = renamed_to.get(old_set.name.as_str()) {
                out.push(
                    Change::new(
                        What::SetRenamed,
                        format!(
                            "set {} renamed to {} (detected by the same codes)",
                            old_set.name, new_set.name
                        ),
                    )
                    .set(&new_set.name)
                    .values(
                        Some(Json::from(old_set.name.as_str())),
                        Some(Json::from(new_set.name.as_str())),
                    ),
                );
            } else {
                out.push(
                    Change::new(
                        What::SetRemoved,
                        format!(
                            "set removed with its {} {}",
                            old_set.entries.len(),
                            plural(old_set.entries.len(), "entry", "entries")
                        ),
                    )
                    .set(&old_set.name)
                    .codes(old_set.lookup.iter().map(|(code, _)| code))
                    .values(Some(Json::from(old_set.name.as_str())), None),
                );
            }
        }
        for new_set in &new.sets {
            if let Some(old_set) = old_sets.get(new_set.name.as_str()) {
                self.set(old_set, new_set, out);
            } else if let Some(old_set) = renamed_from.get(new_set.name.as_str()) {
                self.set(old_set, new_set, out);
            } else {
                out.push(
                    Change::new(
                        What::SetAdded,
                        format!(
                            "set added with {} {}",
                            new_set.entries.len(),
                            plural(new_set.entries.len(), "entry", "entries")
                        ),
                    )
                    .set(&new_set.name)
                    .codes(new_set.lookup.iter().map(|(code, _)| code))
                    .values(None, Some(Json::from(new_set.name.as_str())))
                    .breaks(&[]),
                );
            }
        }
    }

    /// Compares a set present on both sides (maybe renamed).
    fn set(&self, old_set: &CodeSet, new_set: &CodeSet, out: &mut Vec<Change>) {
        let set_name = new_set.name.as_str();
        let same_key = old_set.key == new_set.key;
        if !same_key {
            out.push(
                Change::new(
                    What::KeyTypeChanged,
                    format!(
                        "key type changed from {} to {}",
                        key_name(old_set.key),
                        key_name(new_set.key)
                    ),
                )
                .set(set_name)
                .values(
                    Some(Json::from(key_name(old_set.key))),
                    Some(Json::from(key_name(new_set.key))),
                ),
            );
        }
        match (&old_set.title, &new_set.title) {
            (Some(a), Some(b)) if same_text(a, b, self.common) => {}
            (None, None) => {}
            (a, b) => out.push(
                Change::new(What::TextChanged, "set title changed".to_owned())
                    .set(set_name)
                    .values(a.as_ref().map(text_json), b.as_ref().map(text_json)),
            ),
        }

        // Attributes: by name, then renames by equal values.
        let attributes = self.attributes(old_set, new_set, out);

        // Entries: by name, then renames by the same canonical code (codes are
        // unique in a set, so at most one new entry has it).
        let old_entries = by_name(&old_set.entries, |item| &item.name);
        let new_entries = by_name(&new_set.entries, |new_entry| &new_entry.name);
        let new_by_canonical: HashMap<&Code, &Entry> = new_set
            .entries
            .iter()
            .map(|new_entry| (&new_entry.codes[0], new_entry))
            .collect();
        // Old name → new entry, and new name → old entry.
        let mut new_of_name: HashMap<&str, &Entry> = HashMap::new();
        let mut old_of_name: HashMap<&str, &Entry> = HashMap::new();
        for old_entry in &old_set.entries {
            let new_entry = match new_entries.get(old_entry.name.as_str()) {
                Some(new_entry) => Some(*new_entry),
                None if same_key => new_by_canonical
                    .get(&old_entry.codes[0])
                    .copied()
                    .filter(|new_entry| !old_entries.contains_key(new_entry.name.as_str())),
                None => None,
            };
            if let Some(new_entry) = new_entry {
                new_of_name.insert(&old_entry.name, new_entry);
                old_of_name.insert(&new_entry.name, old_entry);
            }
        }
        let new_of = |old_entry: &Entry| new_of_name.get(old_entry.name.as_str()).copied();
        let old_of = |new_entry: &Entry| old_of_name.get(new_entry.name.as_str()).copied();
        // Where each code lives on each side, as entry names in the new naming.
        let old_home: BTreeMap<&Code, String> = old_set
            .lookup
            .iter()
            .map(|(code, index)| {
                let old_entry = &old_set.entries[*index];
                (
                    code,
                    new_of(old_entry).map_or_else(
                        || format!("-{}", old_entry.name),
                        |new_entry| new_entry.name.clone(),
                    ),
                )
            })
            .collect();
        let new_home: BTreeMap<&Code, &str> = new_set
            .lookup
            .iter()
            .map(|(code, index)| (code, new_set.entries[*index].name.as_str()))
            .collect();

        // Removed entries, in old order.
        for old_entry in &old_set.entries {
            if new_of(old_entry).is_some() {
                continue;
            }
            let gone: Vec<&Code> = if same_key {
                old_entry
                    .codes
                    .iter()
                    .filter(|code| !new_home.contains_key(code))
                    .collect()
            } else {
                old_entry.codes.iter().collect()
            };
            out.push(
                Change::new(
                    What::EntryRemoved,
                    if gone.is_empty() {
                        "entry removed (its codes moved, see below)".to_owned()
                    } else {
                        format!(
                            "entry removed with codes {}",
                            list_codes(gone.iter().copied())
                        )
                    },
                )
                .set(set_name)
                .entry(old_entry)
                .codes(gone),
            );
        }
        // Entries on both sides and added ones, in new order.
        let retired: HashSet<&Code> = new_set.retired.iter().map(|r| &r.code).collect();
        let explainers = self.explainers(old_set, new_set, &attributes);
        for (new_index, new_entry) in new_set.entries.iter().enumerate() {
            let Some(old_entry) = old_of(new_entry) else {
                let fresh: Vec<&Code> = if same_key {
                    new_entry
                        .codes
                        .iter()
                        .filter(|code| !old_home.contains_key(code))
                        .collect()
                } else {
                    new_entry.codes.iter().collect()
                };
                out.push(
                    Change::new(
                        What::EntryAdded,
                        format!(
                            "entry added with codes {}",
                            list_codes(fresh.iter().copied())
                        ),
                    )
                    .set(set_name)
                    .entry(new_entry)
                    .codes(fresh)
                    .breaks(&new_case()),
                );
                self.moved_into(new_entry, &old_home, set_name, same_key, out);
                continue;
            };
            if old_entry.name != new_entry.name {
                out.push(
                    Change::new(
                        What::EntryRenamed,
                        format!(
                            "entry {} renamed to {} (detected by the same code {})",
                            old_entry.name,
                            new_entry.name,
                            export::code(&new_entry.codes[0])
                        ),
                    )
                    .set(set_name)
                    .entry(new_entry)
                    .codes([&new_entry.codes[0]])
                    .values(
                        Some(Json::from(old_entry.name.as_str())),
                        Some(Json::from(new_entry.name.as_str())),
                    ),
                );
            }
            if same_key {
                let removed: Vec<&Code> = old_entry
                    .codes
                    .iter()
                    .filter(|code| !new_home.contains_key(code))
                    .collect();
                if !removed.is_empty() {
                    // A tombstone in the new catalog is noted: the code stays reserved.
                    let retired: Vec<&Code> = removed
                        .iter()
                        .copied()
                        .filter(|code| retired.contains(*code))
                        .collect();
                    let tombstone = if retired.is_empty() {
                        String::new()
                    } else {
                        format!("; {} left as retired", list_codes(retired))
                    };
                    out.push(
                        Change::new(
                            What::CodeRemoved,
                            format!(
                                "{} {} removed{tombstone}",
                                plural(removed.len(), "code", "codes"),
                                list_codes(removed.iter().copied())
                            ),
                        )
                        .set(set_name)
                        .entry(new_entry)
                        .codes(removed),
                    );
                }
                self.moved_into(new_entry, &old_home, set_name, same_key, out);
                let added: Vec<&Code> = new_entry
                    .codes
                    .iter()
                    .filter(|code| !old_home.contains_key(code))
                    .collect();
                if !added.is_empty() {
                    out.push(
                        Change::new(
                            What::CodeAdded,
                            format!(
                                "{} {} added (an alias of {})",
                                plural(added.len(), "code", "codes"),
                                list_codes(added.iter().copied()),
                                export::code(&new_entry.codes[0])
                            ),
                        )
                        .set(set_name)
                        .entry(new_entry)
                        .codes(added)
                        .breaks(&[]),
                    );
                }
                if old_entry.codes[0] != new_entry.codes[0] {
                    out.push(
                        Change::new(
                            What::CanonicalCodeChanged,
                            format!(
                                "canonical code changed from {} to {}",
                                export::code(&old_entry.codes[0]),
                                export::code(&new_entry.codes[0])
                            ),
                        )
                        .set(set_name)
                        .entry(new_entry)
                        .codes([&old_entry.codes[0], &new_entry.codes[0]])
                        .values(
                            Some(code_json(&old_entry.codes[0])),
                            Some(code_json(&new_entry.codes[0])),
                        ),
                    );
                }
            }
            self.entry_texts(old_entry, new_entry, set_name, out);
            self.deprecations(old_set, new_set, old_entry, new_entry, set_name, out);
            self.entry_values(
                new_set,
                old_entry,
                new_entry,
                new_index,
                &attributes,
                &explainers,
                out,
            );
        }
        self.dated_changes(old_set, new_set, &attributes, out);
    }

    /// Codes that moved into `new_entry` from another (old) entry.
    fn moved_into(
        &self,
        new_entry: &Entry,
        old_home: &BTreeMap<&Code, String>,
        set_name: &str,
        same_key: bool,
        out: &mut Vec<Change>,
    ) {
        if !same_key {
            return;
        }
        let mut from: BTreeMap<&str, Vec<&Code>> = BTreeMap::new();
        for code in &new_entry.codes {
            if let Some(home) = old_home.get(code)
                && home != &new_entry.name
            {
                from.entry(home.as_str()).or_default().push(code);
            }
        }
        for (home, codes) in from {
            // Old entries that are gone are marked `-Name` in `old_home`.
            let origin = home.strip_prefix('-').unwrap_or(home);
            out.push(
                Change::new(
                    What::CodeMoved,
                    format!(
                        "{} {} moved here from {origin}",
                        plural(codes.len(), "code", "codes"),
                        list_codes(codes.iter().copied())
                    ),
                )
                .set(set_name)
                .entry(new_entry)
                .codes(codes)
                .values(
                    Some(Json::from(origin)),
                    Some(Json::from(new_entry.name.as_str())),
                ),
            );
        }
    }

    fn entry_texts(
        &self,
        old_entry: &Entry,
        new_entry: &Entry,
        set_name: &str,
        out: &mut Vec<Change>,
    ) {
        let codes = [&new_entry.codes[0]];
        if !same_text(&old_entry.message, &new_entry.message, self.common) {
            out.push(
                Change::new(What::MessageChanged, "message changed".to_owned())
                    .set(set_name)
                    .entry(new_entry)
                    .codes(codes)
                    .values(
                        Some(text_json(&old_entry.message)),
                        Some(text_json(&new_entry.message)),
                    ),
            );
        }
        let differs = |a: &Option<Text>, b: &Option<Text>| match (a, b) {
            (Some(a), Some(b)) => !same_text(a, b, self.common),
            (None, None) => false,
            _ => true,
        };
        if differs(&old_entry.hint, &new_entry.hint) {
            let detail = match (&old_entry.hint, &new_entry.hint) {
                (None, _) => "hint added",
                (_, None) => "hint removed",
                _ => "hint changed",
            };
            out.push(
                Change::new(What::HintChanged, detail.to_owned())
                    .set(set_name)
                    .entry(new_entry)
                    .codes(codes)
                    .values(
                        old_entry.hint.as_ref().map(text_json),
                        new_entry.hint.as_ref().map(text_json),
                    ),
            );
        }
        if differs(&old_entry.note, &new_entry.note) {
            let mut change = Change::new(What::TextChanged, "note changed".to_owned())
                .set(set_name)
                .entry(new_entry)
                .codes(codes)
                .values(
                    old_entry.note.as_ref().map(text_json),
                    new_entry.note.as_ref().map(text_json),
                );
            change.message = None;
            out.push(change);
        }
    }

    /// Deprecation of the entry and of its aliases: behavioural, since apps
    /// building with warnings as errors stop compiling against a deprecated name.
    fn deprecations(
        &self,
        old_set: &CodeSet,
        new_set: &CodeSet,
        old_entry: &Entry,
        new_entry: &Entry,
        set_name: &str,
        out: &mut Vec<Change>,
    ) {
        fn describe<'d>(
            set: &CodeSet,
            deprecation: &'d crate::model::Deprecation,
        ) -> (String, &'d crate::model::Deprecation) {
            let replacement = deprecation
                .replacement
                .map(|index| format!(", use {}", set.entries[index].name))
                .unwrap_or_default();
            (
                format!("since {}{replacement}", deprecation.since),
                deprecation,
            )
        }
        let old = old_entry
            .deprecated
            .as_ref()
            .map(|deprecation| describe(old_set, deprecation));
        let new = new_entry
            .deprecated
            .as_ref()
            .map(|deprecation| describe(new_set, deprecation));
        let change = match (&old, &new) {
            (None, Some((text, _))) => Some((What::Deprecated, format!("deprecated {text}"))),
            (Some(_), None) => Some((What::Undeprecated, "no longer deprecated".to_owned())),
            (Some((old_text, old_deprecation)), Some((new_text, new_deprecation)))
                if old_text != new_text
                    || !same_text(
                        &old_deprecation.reason,
                        &new_deprecation.reason,
                        self.common,
                    ) =>
            {
                Some((
                    What::DeprecationChanged,
                    format!("deprecation changed: {new_text}"),
                ))
            }
            _ => None,
        };
        if let Some((what, detail)) = change {
            out.push(
                Change::new(what, detail)
                    .set(set_name)
                    .entry(new_entry)
                    .codes([&new_entry.codes[0]])
                    .values(
                        old_entry
                            .deprecated
                            .as_ref()
                            .map(|deprecation| text_json(&deprecation.reason)),
                        new_entry
                            .deprecated
                            .as_ref()
                            .map(|deprecation| text_json(&deprecation.reason)),
                    ),
            );
        }
        // Sets only when there is something to look up: most entries have no aliases.
        fn codes_of(list: &[crate::model::DeprecatedCode]) -> HashSet<&Code> {
            list.iter().map(|deprecation| &deprecation.code).collect()
        }
        let (old_deprecated, new_deprecated) =
            if old_entry.deprecated_codes.is_empty() && new_entry.deprecated_codes.is_empty() {
                (HashSet::new(), HashSet::new())
            } else {
                (
                    codes_of(&old_entry.deprecated_codes),
                    codes_of(&new_entry.deprecated_codes),
                )
            };
        for deprecation in &new_entry.deprecated_codes {
            if !old_deprecated.contains(&deprecation.code) {
                out.push(
                    Change::new(
                        What::CodeDeprecated,
                        format!(
                            "code {} deprecated since {}",
                            deprecation.code, deprecation.since
                        ),
                    )
                    .set(set_name)
                    .entry(new_entry)
                    .codes([&deprecation.code])
                    .values(None, Some(text_json(&deprecation.reason))),
                );
            }
        }
        let new_codes: HashSet<&Code> = if old_entry.deprecated_codes.is_empty() {
            HashSet::new()
        } else {
            new_entry.codes.iter().collect()
        };
        for deprecation in &old_entry.deprecated_codes {
            let still_here = new_codes.contains(&deprecation.code);
            if still_here && !new_deprecated.contains(&deprecation.code) {
                out.push(
                    Change::new(
                        What::CodeUndeprecated,
                        format!("code {} no longer deprecated", deprecation.code),
                    )
                    .set(set_name)
                    .entry(new_entry)
                    .codes([&deprecation.code])
                    .values(Some(text_json(&deprecation.reason)), None),
                );
            }
        }
    }

    /// Pairs the attributes of a set by name, else by type and identical values
    /// (a rename), reporting removed, renamed, retyped and added ones.
    /// Returns (old index, new index) of the pairs whose values can be compared.
    fn attributes(
        &self,
        old_set: &CodeSet,
        new_set: &CodeSet,
        out: &mut Vec<Change>,
    ) -> Vec<(usize, usize)> {
        let set_name = new_set.name.as_str();
        let mut pairs = Vec::new();
        let type_of = |model: &Model, kind| kind_name(model, kind);
        let old_by_name: HashMap<&str, usize> =
            index_of(&old_set.attributes, |old_attribute| &old_attribute.name);
        let new_by_name: HashMap<&str, usize> =
            index_of(&new_set.attributes, |new_attribute| &new_attribute.name);
        let gone: Vec<usize> = (0..old_set.attributes.len())
            .filter(|&old_attr| {
                !new_by_name.contains_key(old_set.attributes[old_attr].name.as_str())
            })
            .collect();
        let fresh: Vec<usize> = (0..new_set.attributes.len())
            .filter(|&new_attr| {
                !old_by_name.contains_key(new_set.attributes[new_attr].name.as_str())
            })
            .collect();
        // Renames: values are compared on the entries of the same name on both sides.
        let rows: Vec<(&Entry, &Entry)> = if gone.is_empty() || fresh.is_empty() {
            Vec::new()
        } else {
            let new_entries = by_name(&new_set.entries, |new_entry| &new_entry.name);
            old_set
                .entries
                .iter()
                .filter_map(|old_entry| {
                    Some((old_entry, *new_entries.get(old_entry.name.as_str())?))
                })
                .collect()
        };
        let values_equal = |old_attr: usize, new_attr: usize| {
            rows.iter().all(|(old_entry, new_entry)| {
                same_value(
                    &old_entry.values[old_attr].current,
                    &new_entry.values[new_attr].current,
                    self.common,
                )
            })
        };
        // Only columns of equal hashes are compared value by value.
        let old_hashes: HashMap<usize, u64> = gone
            .iter()
            .map(|&old_attr| {
                let values = rows
                    .iter()
                    .map(|(old_entry, _)| &old_entry.values[old_attr].current);
                (old_attr, column_hash(values, self.common))
            })
            .collect();
        let new_columns: Vec<(usize, String, u64)> = fresh
            .iter()
            .map(|&new_attr| {
                (
                    new_attr,
                    type_of(self.new, new_set.attributes[new_attr].kind),
                    column_hash(
                        rows.iter()
                            .map(|(_, new_entry)| &new_entry.values[new_attr].current),
                        self.common,
                    ),
                )
            })
            .collect();
        let mut renamed: HashMap<usize, usize> = HashMap::new();
        let mut taken: HashSet<usize> = HashSet::new();
        for &old_attr in &gone {
            let old_type = type_of(self.old, old_set.attributes[old_attr].kind);
            let candidate = new_columns.iter().find(|(new_attr, new_type, hash)| {
                old_type == *new_type
                    && !taken.contains(new_attr)
                    && Some(hash) == old_hashes.get(&old_attr)
                    && values_equal(old_attr, *new_attr)
            });
            if let Some(&(new_attr, _, _)) = candidate {
                renamed.insert(old_attr, new_attr);
                taken.insert(new_attr);
            }
        }
        for (old_attr, old_attribute) in old_set.attributes.iter().enumerate() {
            if let Some(&new_attr) = new_by_name.get(old_attribute.name.as_str()) {
                let new_attribute = &new_set.attributes[new_attr];
                let (old_type, new_type) = (
                    type_of(self.old, old_attribute.kind),
                    type_of(self.new, new_attribute.kind),
                );
                if old_type != new_type {
                    out.push(
                        Change::new(
                            What::AttributeTypeChanged,
                            format!(
                                "attribute {} changed type from {old_type} to {new_type}",
                                old_attribute.name
                            ),
                        )
                        .set(set_name)
                        .values(Some(Json::from(old_type)), Some(Json::from(new_type)))
                        .attr(&old_attribute.name),
                    );
                } else {
                    pairs.push((old_attr, new_attr));
                }
                if !same_text(&old_attribute.label, &new_attribute.label, self.common) {
                    out.push(
                        Change::new(
                            What::TextChanged,
                            format!("label of attribute {} changed", old_attribute.name),
                        )
                        .set(set_name)
                        .values(
                            Some(text_json(&old_attribute.label)),
                            Some(text_json(&new_attribute.label)),
                        )
                        .attr(&old_attribute.name),
                    );
                }
            } else if let Some(&new_attr) = renamed.get(&old_attr) {
                let new_attribute = &new_set.attributes[new_attr];
                out.push(
                    Change::new(
                        What::AttributeRenamed,
                        format!(
                            "attribute {} renamed to {} (detected by the same values)",
                            old_attribute.name, new_attribute.name
                        ),
                    )
                    .set(set_name)
                    .values(
                        Some(Json::from(old_attribute.name.as_str())),
                        Some(Json::from(new_attribute.name.as_str())),
                    )
                    .attr(&new_attribute.name),
                );
                pairs.push((old_attr, new_attr));
            } else {
                out.push(
                    Change::new(
                        What::AttributeRemoved,
                        format!("attribute {} removed", old_attribute.name),
                    )
                    .set(set_name)
                    .values(Some(Json::from(old_attribute.name.as_str())), None)
                    .attr(&old_attribute.name),
                );
            }
        }
        for (new_attr, new_attribute) in new_set.attributes.iter().enumerate() {
            if old_by_name.contains_key(new_attribute.name.as_str()) || taken.contains(&new_attr) {
                continue;
            }
            out.push(
                Change::new(
                    What::AttributeAdded,
                    format!(
                        "attribute {} ({}) added",
                        new_attribute.name,
                        type_of(self.new, new_attribute.kind)
                    ),
                )
                .set(set_name)
                .values(None, Some(Json::from(new_attribute.name.as_str())))
                .attr(&new_attribute.name)
                .breaks(&[]),
            );
        }
        pairs
    }

    /// For each pair of compared attributes (by its index in `attributes`) and new
    /// entry index, the dated changes new in NEW that cover the entry: each may
    /// explain a different current value.
    fn explainers<'new>(
        &self,
        old_set: &CodeSet,
        new_set: &'new CodeSet,
        attributes: &[(usize, usize)],
    ) -> HashMap<(usize, usize), Vec<&'new crate::model::Change>> {
        let old_dated: BTreeSet<(&str, crate::model::Date)> = old_set
            .changes
            .iter()
            .map(|dated| {
                (
                    old_set.attributes[dated.attribute].name.as_str(),
                    dated.effective,
                )
            })
            .collect();
        let mut of_attribute: HashMap<usize, Vec<&crate::model::Change>> = HashMap::new();
        for dated in &new_set.changes {
            of_attribute.entry(dated.attribute).or_default().push(dated);
        }
        let mut explainers: HashMap<(usize, usize), Vec<&crate::model::Change>> = HashMap::new();
        for (pair, &(old_attr, new_attr)) in attributes.iter().enumerate() {
            let old_name = old_set.attributes[old_attr].name.as_str();
            for dated in of_attribute.get(&new_attr).into_iter().flatten() {
                if old_dated.contains(&(old_name, dated.effective)) {
                    continue;
                }
                for &new_index in &dated.entries {
                    explainers.entry((pair, new_index)).or_default().push(dated);
                }
            }
        }
        explainers
    }

    #[allow(clippy::too_many_arguments)]
    fn entry_values(
        &self,
        new_set: &CodeSet,
        old_entry: &Entry,
        new_entry: &Entry,
        new_index: usize,
        attributes: &[(usize, usize)],
        explainers: &HashMap<(usize, usize), Vec<&crate::model::Change>>,
        out: &mut Vec<Change>,
    ) {
        for (pair, &(old_attr, new_attr)) in attributes.iter().enumerate() {
            let (old_value, new_value) = (
                &old_entry.values[old_attr].current,
                &new_entry.values[new_attr].current,
            );
            if same_value(old_value, new_value, self.common) {
                continue;
            }
            // A dated change new in NEW that covers this entry explains the difference.
            let explained = explainers
                .get(&(pair, new_index))
                .is_some_and(|dated_changes| {
                    dated_changes
                        .iter()
                        .any(|dated| same_value(&dated.before, old_value, self.common))
                });
            if explained {
                continue;
            }
            let attribute = &new_set.attributes[new_attr].name;
            let (old, new) = (value_json(old_value), value_json(new_value));
            out.push(
                Change::new(
                    What::AttributeChanged,
                    format!(
                        "{attribute} changed from {} to {}",
                        show_value(&old),
                        show_value(&new)
                    ),
                )
                .set(&new_set.name)
                .entry(new_entry)
                .codes([&new_entry.codes[0]])
                .values(Some(old), Some(new))
                .attr(attribute),
            );
        }
    }

    /// Dated changes (`[[set.change]]`), matched by attribute and effective date.
    fn dated_changes(
        &self,
        old_set: &CodeSet,
        new_set: &CodeSet,
        attributes: &[(usize, usize)],
        out: &mut Vec<Change>,
    ) {
        let set_name = new_set.name.as_str();
        // The first pair of each old attribute, as a search of `attributes` finds it.
        let mut new_attrs: HashMap<usize, usize> = HashMap::new();
        for &(old_attr, new_attr) in attributes {
            new_attrs.entry(old_attr).or_insert(new_attr);
        }
        let new_attr_of = |old_attr: usize| new_attrs.get(&old_attr).copied();
        // Old dated changes by (new attribute, date), the first of each; new ones' keys.
        let mut old_changes: BTreeMap<(usize, crate::model::Date), &crate::model::Change> =
            BTreeMap::new();
        for old_dated in &old_set.changes {
            if let Some(new_attr) = new_attr_of(old_dated.attribute) {
                old_changes
                    .entry((new_attr, old_dated.effective))
                    .or_insert(old_dated);
            }
        }
        let new_keys: BTreeSet<(usize, crate::model::Date)> = new_set
            .changes
            .iter()
            .map(|dated| (dated.attribute, dated.effective))
            .collect();
        let codes_of = |set: &CodeSet, entries: &[usize]| -> Vec<Code> {
            entries
                .iter()
                .map(|&index| set.entries[index].codes[0].clone())
                .collect()
        };
        let after = |set: &CodeSet, dated: &crate::model::Change| -> Option<Json> {
            let entry = set.entries.get(*dated.entries.first()?)?;
            Some(value_json(
                entry.values[dated.attribute].on(dated.effective),
            ))
        };
        for dated in &new_set.changes {
            let attribute = &new_set.attributes[dated.attribute].name;
            let old = old_changes
                .get(&(dated.attribute, dated.effective))
                .copied();
            let codes = codes_of(new_set, &dated.entries);
            let notice = dated
                .notice
                .as_ref()
                .map(|notice| export::text(notice).clone());
            match old {
                None => {
                    let before = value_json(&dated.before);
                    let after = after(new_set, dated);
                    let mut change = Change::new(
                        What::DatedChangeAdded,
                        format!(
                            "from {}, {attribute} changes from {} to {} for {} {} ({})",
                            dated.effective,
                            show_value(&before),
                            after.as_ref().map_or("?".to_owned(), show_value),
                            dated.entries.len(),
                            plural(dated.entries.len(), "entry", "entries"),
                            list_codes(&codes)
                        ),
                    )
                    .set(set_name)
                    .codes(&codes)
                    .values(Some(before), after)
                    .attr(attribute);
                    change.effective = Some(dated.effective.to_string());
                    change.notice = notice;
                    out.push(change);
                }
                Some(old_dated) => {
                    let old_codes = codes_of(old_set, &old_dated.entries);
                    let old_covered: BTreeSet<&Code> = old_codes.iter().collect();
                    let new_covered: BTreeSet<&Code> = codes.iter().collect();
                    let differs = old_covered != new_covered
                        || !same_value(&old_dated.before, &dated.before, self.common);
                    let notice_differs = match (&old_dated.notice, &dated.notice) {
                        (Some(old_notice), Some(new_notice)) => {
                            !same_text(old_notice, new_notice, self.common)
                        }
                        (None, None) => false,
                        _ => true,
                    };
                    if differs {
                        let mut change = Change::new(
                            What::DatedChangeChanged,
                            format!(
                                "the {attribute} change of {} now covers {} (was {}), before = {}",
                                dated.effective,
                                list_codes(&codes),
                                list_codes(&old_codes),
                                show_value(&value_json(&dated.before))
                            ),
                        )
                        .set(set_name)
                        .codes(&codes)
                        .values(
                            Some(serde_json::json!({"before": value_json(&old_dated.before), "codes": old_codes.iter().map(export::code).collect::<Vec<_>>()})),
                            Some(serde_json::json!({"before": value_json(&dated.before), "codes": codes.iter().map(export::code).collect::<Vec<_>>()})),
                        )
                        .attr(attribute);
                        change.effective = Some(dated.effective.to_string());
                        out.push(change);
                    } else if notice_differs {
                        let mut change = Change::new(
                            What::TextChanged,
                            format!(
                                "notice of the {attribute} change of {} changed",
                                dated.effective
                            ),
                        )
                        .set(set_name)
                        .codes(&codes)
                        .values(
                            old_dated.notice.as_ref().map(text_json),
                            dated.notice.as_ref().map(text_json),
                        )
                        .attr(attribute);
                        change.effective = Some(dated.effective.to_string());
                        out.push(change);
                    }
                }
            }
        }
        for old_dated in &old_set.changes {
            let kept = new_attr_of(old_dated.attribute)
                .is_some_and(|new_attr| new_keys.contains(&(new_attr, old_dated.effective)));
            if kept {
                continue;
            }
            let attribute = &old_set.attributes[old_dated.attribute].name;
            let codes = codes_of(old_set, &old_dated.entries);
            let mut change = Change::new(
                What::DatedChangeRemoved,
                format!(
                    "the {attribute} change of {} removed ({})",
                    old_dated.effective,
                    list_codes(&codes)
                ),
            )
            .set(set_name)
            .codes(&codes)
            .values(Some(value_json(&old_dated.before)), None)
            .attr(attribute);
            change.effective = Some(old_dated.effective.to_string());
            out.push(change);
        }
    }
}
