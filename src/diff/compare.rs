//! Comparing two catalogs: every difference as one [`Change`], in catalog order.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use serde_json::Value as Json;

use super::change::Change;
use super::classify::{NEW_CASE, Target, What};
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
        let package = [
            ("name", Some(&old.name), Some(&new.name)),
            (
                "kotlin_package",
                old.kotlin_package.as_ref(),
                new.kotlin_package.as_ref(),
            ),
            (
                "swift_module",
                old.swift_module.as_ref(),
                new.swift_module.as_ref(),
            ),
        ];
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
                        // CatalogLocale is an enum in Swift and Kotlin, a union type in TypeScript.
                        .breaks(&[Target::Swift, Target::Kotlin, Target::Typescript]),
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
        let new_enums = by_name(&new.enums, |e| &e.name);
        for e in &old.enums {
            let Some(&n) = new_enums.get(e.name.as_str()) else {
                out.push(
                    Change::new(What::EnumRemoved, format!("enum {} removed", e.name))
                        .values(Some(Json::from(e.name.as_str())), None),
                );
                continue;
            };
            let new_values = by_name(&n.values, |v| &v.name);
            let old_values = by_name(&e.values, |v| &v.name);
            for v in &e.values {
                match new_values.get(v.name.as_str()) {
                    None => out.push(
                        Change::new(
                            What::EnumValueRemoved,
                            format!("enum value {}.{} removed", e.name, v.name),
                        )
                        .values(Some(Json::from(v.name.as_str())), None),
                    ),
                    Some(w) if !same_text(&v.label, &w.label, self.common) => out.push(
                        Change::new(
                            What::TextChanged,
                            format!("label of enum value {}.{} changed", e.name, v.name),
                        )
                        .values(Some(text_json(&v.label)), Some(text_json(&w.label))),
                    ),
                    Some(_) => {}
                }
            }
            for w in &n.values {
                if !old_values.contains_key(w.name.as_str()) {
                    out.push(
                        Change::new(
                            What::EnumValueAdded,
                            format!("enum value {}.{} added", n.name, w.name),
                        )
                        .values(None, Some(Json::from(w.name.as_str())))
                        .breaks(NEW_CASE),
                    );
                }
            }
        }
        let old_enums = by_name(&old.enums, |e| &e.name);
        for n in &new.enums {
            if !old_enums.contains_key(n.name.as_str()) {
                let values: Vec<&str> = n.values.iter().map(|v| v.name.as_str()).collect();
                out.push(
                    Change::new(
                        What::EnumAdded,
                        format!("enum {} added ({})", n.name, values.join(", ")),
                    )
                    .values(None, Some(Json::from(n.name.as_str())))
                    .breaks(&[]),
                );
            }
        }
    }

    fn sets(&self, out: &mut Vec<Change>) {
        let (old, new) = (self.old, self.new);
        let old_sets = by_name(&old.sets, |s| &s.name);
        let new_sets = by_name(&new.sets, |s| &s.name);
        let removed: Vec<&CodeSet> = old
            .sets
            .iter()
            .filter(|s| !new_sets.contains_key(s.name.as_str()))
            .collect();
        // A rename keeps the key type and every canonical code. Added sets are
        // indexed by both; each removed set takes the first one left that matches.
        fn canonical(s: &CodeSet) -> (bool, Vec<&Code>) {
            let mut codes: Vec<&Code> = s.entries.iter().map(|e| &e.codes[0]).collect();
            codes.sort_unstable();
            (s.key == KeyKind::Int, codes)
        }
        let mut candidates: HashMap<(bool, Vec<&Code>), VecDeque<&CodeSet>> = HashMap::new();
        for n in &new.sets {
            if !old_sets.contains_key(n.name.as_str()) && !n.entries.is_empty() {
                candidates.entry(canonical(n)).or_default().push_back(n);
            }
        }
        let mut renamed_to: HashMap<&str, &CodeSet> = HashMap::new();
        let mut renamed_from: HashMap<&str, &CodeSet> = HashMap::new();
        for s in &removed {
            if s.entries.is_empty() {
                continue;
            }
            if let Some(n) = candidates
                .get_mut(&canonical(s))
                .and_then(VecDeque::pop_front)
            {
                renamed_to.insert(&s.name, n);
                renamed_from.insert(&n.name, s);
            }
        }
        for s in &removed {
            if let Some(n) = renamed_to.get(s.name.as_str()) {
                out.push(
                    Change::new(
                        What::SetRenamed,
                        format!(
                            "set {} renamed to {} (detected by the same codes)",
                            s.name, n.name
                        ),
                    )
                    .set(&n.name)
                    .values(
                        Some(Json::from(s.name.as_str())),
                        Some(Json::from(n.name.as_str())),
                    ),
                );
            } else {
                out.push(
                    Change::new(
                        What::SetRemoved,
                        format!(
                            "set removed with its {} {}",
                            s.entries.len(),
                            plural(s.entries.len(), "entry", "entries")
                        ),
                    )
                    .set(&s.name)
                    .codes(s.lookup.iter().map(|(c, _)| c))
                    .values(Some(Json::from(s.name.as_str())), None),
                );
            }
        }
        for n in &new.sets {
            if let Some(s) = old_sets.get(n.name.as_str()) {
                self.set(s, n, out);
            } else if let Some(s) = renamed_from.get(n.name.as_str()) {
                self.set(s, n, out);
            } else {
                out.push(
                    Change::new(
                        What::SetAdded,
                        format!(
                            "set added with {} {}",
                            n.entries.len(),
                            plural(n.entries.len(), "entry", "entries")
                        ),
                    )
                    .set(&n.name)
                    .codes(n.lookup.iter().map(|(c, _)| c))
                    .values(None, Some(Json::from(n.name.as_str())))
                    .breaks(&[]),
                );
            }
        }
    }

    /// Compares a set present on both sides (`s` old, `n` new, maybe renamed).
    fn set(&self, s: &CodeSet, n: &CodeSet, out: &mut Vec<Change>) {
        let name = n.name.as_str();
        let same_key = s.key == n.key;
        if !same_key {
            out.push(
                Change::new(
                    What::KeyTypeChanged,
                    format!(
                        "key type changed from {} to {}",
                        key_name(s.key),
                        key_name(n.key)
                    ),
                )
                .set(name)
                .values(
                    Some(Json::from(key_name(s.key))),
                    Some(Json::from(key_name(n.key))),
                ),
            );
        }
        match (&s.title, &n.title) {
            (Some(a), Some(b)) if same_text(a, b, self.common) => {}
            (None, None) => {}
            (a, b) => out.push(
                Change::new(What::TextChanged, "set title changed".to_owned())
                    .set(name)
                    .values(a.as_ref().map(text_json), b.as_ref().map(text_json)),
            ),
        }

        // Attributes: by name, then renames by equal values.
        let attributes = self.attributes(s, n, out);

        // Entries: by name, then renames by the same canonical code (codes are
        // unique in a set, so at most one new entry has it).
        let old_entries = by_name(&s.entries, |e| &e.name);
        let new_entries = by_name(&n.entries, |f| &f.name);
        let new_by_canonical: HashMap<&Code, &Entry> =
            n.entries.iter().map(|f| (&f.codes[0], f)).collect();
        // Old name → new entry, and new name → old entry.
        let mut new_of_name: HashMap<&str, &Entry> = HashMap::new();
        let mut old_of_name: HashMap<&str, &Entry> = HashMap::new();
        for e in &s.entries {
            let f = match new_entries.get(e.name.as_str()) {
                Some(f) => Some(*f),
                None if same_key => new_by_canonical
                    .get(&e.codes[0])
                    .copied()
                    .filter(|f| !old_entries.contains_key(f.name.as_str())),
                None => None,
            };
            if let Some(f) = f {
                new_of_name.insert(&e.name, f);
                old_of_name.insert(&f.name, e);
            }
        }
        let new_of = |e: &Entry| new_of_name.get(e.name.as_str()).copied();
        let old_of = |f: &Entry| old_of_name.get(f.name.as_str()).copied();
        // Where each code lives on each side, as entry names in the new naming.
        let old_home: BTreeMap<&Code, String> = s
            .lookup
            .iter()
            .map(|(c, i)| {
                let e = &s.entries[*i];
                (
                    c,
                    new_of(e).map_or_else(|| format!("-{}", e.name), |f| f.name.clone()),
                )
            })
            .collect();
        let new_home: BTreeMap<&Code, &str> = n
            .lookup
            .iter()
            .map(|(c, i)| (c, n.entries[*i].name.as_str()))
            .collect();

        // Removed entries, in old order.
        for e in &s.entries {
            if new_of(e).is_some() {
                continue;
            }
            let gone: Vec<&Code> = if same_key {
                e.codes
                    .iter()
                    .filter(|c| !new_home.contains_key(c))
                    .collect()
            } else {
                e.codes.iter().collect()
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
                .set(name)
                .entry(e)
                .codes(gone),
            );
        }
        // Entries on both sides and added ones, in new order.
        let retired: HashSet<&Code> = n.retired.iter().map(|r| &r.code).collect();
        let explainers = self.explainers(s, n, &attributes);
        for (fi, f) in n.entries.iter().enumerate() {
            let Some(e) = old_of(f) else {
                let fresh: Vec<&Code> = if same_key {
                    f.codes
                        .iter()
                        .filter(|c| !old_home.contains_key(c))
                        .collect()
                } else {
                    f.codes.iter().collect()
                };
                out.push(
                    Change::new(
                        What::EntryAdded,
                        format!(
                            "entry added with codes {}",
                            list_codes(fresh.iter().copied())
                        ),
                    )
                    .set(name)
                    .entry(f)
                    .codes(fresh)
                    .breaks(NEW_CASE),
                );
                self.moved_into(f, &old_home, name, same_key, out);
                continue;
            };
            if e.name != f.name {
                out.push(
                    Change::new(
                        What::EntryRenamed,
                        format!(
                            "entry {} renamed to {} (detected by the same code {})",
                            e.name,
                            f.name,
                            export::code(&f.codes[0])
                        ),
                    )
                    .set(name)
                    .entry(f)
                    .codes([&f.codes[0]])
                    .values(
                        Some(Json::from(e.name.as_str())),
                        Some(Json::from(f.name.as_str())),
                    ),
                );
            }
            if same_key {
                let removed: Vec<&Code> = e
                    .codes
                    .iter()
                    .filter(|c| !new_home.contains_key(c))
                    .collect();
                if !removed.is_empty() {
                    // A tombstone in the new catalog is noted: the code stays reserved.
                    let retired: Vec<&Code> = removed
                        .iter()
                        .copied()
                        .filter(|c| retired.contains(*c))
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
                        .set(name)
                        .entry(f)
                        .codes(removed),
                    );
                }
                self.moved_into(f, &old_home, name, same_key, out);
                let added: Vec<&Code> = f
                    .codes
                    .iter()
                    .filter(|c| !old_home.contains_key(c))
                    .collect();
                if !added.is_empty() {
                    out.push(
                        Change::new(
                            What::CodeAdded,
                            format!(
                                "{} {} added (an alias of {})",
                                plural(added.len(), "code", "codes"),
                                list_codes(added.iter().copied()),
                                export::code(&f.codes[0])
                            ),
                        )
                        .set(name)
                        .entry(f)
                        .codes(added)
                        .breaks(&[]),
                    );
                }
                if e.codes[0] != f.codes[0] {
                    out.push(
                        Change::new(
                            What::CanonicalCodeChanged,
                            format!(
                                "canonical code changed from {} to {}",
                                export::code(&e.codes[0]),
                                export::code(&f.codes[0])
                            ),
                        )
                        .set(name)
                        .entry(f)
                        .codes([&e.codes[0], &f.codes[0]])
                        .values(
                            Some(code_json(&e.codes[0])),
                            Some(code_json(&f.codes[0])),
                        ),
                    );
                }
            }
            self.entry_texts(e, f, name, out);
            self.deprecations(s, n, e, f, name, out);
            self.entry_values(n, e, f, fi, &attributes, &explainers, out);
        }
        self.dated_changes(s, n, &attributes, out);
    }

    /// Codes that moved into `f` from another (old) entry.
    fn moved_into(
        &self,
        f: &Entry,
        old_home: &BTreeMap<&Code, String>,
        name: &str,
        same_key: bool,
        out: &mut Vec<Change>,
    ) {
        if !same_key {
            return;
        }
        let mut from: BTreeMap<&str, Vec<&Code>> = BTreeMap::new();
        for c in &f.codes {
            if let Some(home) = old_home.get(c)
                && home != &f.name
            {
                from.entry(home.as_str()).or_default().push(c);
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
                .set(name)
                .entry(f)
                .codes(codes)
                .values(Some(Json::from(origin)), Some(Json::from(f.name.as_str()))),
            );
        }
    }

    fn entry_texts(&self, e: &Entry, f: &Entry, name: &str, out: &mut Vec<Change>) {
        let codes = [&f.codes[0]];
        if !same_text(&e.message, &f.message, self.common) {
            out.push(
                Change::new(What::MessageChanged, "message changed".to_owned())
                    .set(name)
                    .entry(f)
                    .codes(codes)
                    .values(Some(text_json(&e.message)), Some(text_json(&f.message))),
            );
        }
        let differs = |a: &Option<Text>, b: &Option<Text>| match (a, b) {
            (Some(a), Some(b)) => !same_text(a, b, self.common),
            (None, None) => false,
            _ => true,
        };
        if differs(&e.hint, &f.hint) {
            let detail = match (&e.hint, &f.hint) {
                (None, _) => "hint added",
                (_, None) => "hint removed",
                _ => "hint changed",
            };
            out.push(
                Change::new(What::HintChanged, detail.to_owned())
                    .set(name)
                    .entry(f)
                    .codes(codes)
                    .values(
                        e.hint.as_ref().map(text_json),
                        f.hint.as_ref().map(text_json),
                    ),
            );
        }
        if differs(&e.note, &f.note) {
            let mut change = Change::new(What::TextChanged, "note changed".to_owned())
                .set(name)
                .entry(f)
                .codes(codes)
                .values(
                    e.note.as_ref().map(text_json),
                    f.note.as_ref().map(text_json),
                );
            change.message = None;
            out.push(change);
        }
    }

    /// Deprecation of the entry and of its aliases: behavioural, since apps
    /// building with warnings as errors stop compiling against a deprecated name.
    fn deprecations(
        &self,
        s: &CodeSet,
        n: &CodeSet,
        e: &Entry,
        f: &Entry,
        name: &str,
        out: &mut Vec<Change>,
    ) {
        fn describe<'d>(
            set: &CodeSet,
            d: &'d crate::model::Deprecation,
        ) -> (String, &'d crate::model::Deprecation) {
            let replacement = d
                .replacement
                .map(|i| format!(", use {}", set.entries[i].name))
                .unwrap_or_default();
            (format!("since {}{replacement}", d.since), d)
        }
        let old = e.deprecated.as_ref().map(|d| describe(s, d));
        let new = f.deprecated.as_ref().map(|d| describe(n, d));
        let change = match (&old, &new) {
            (None, Some((text, _))) => Some((What::Deprecated, format!("deprecated {text}"))),
            (Some(_), None) => Some((What::Undeprecated, "no longer deprecated".to_owned())),
            (Some((a, x)), Some((b, y)))
                if a != b || !same_text(&x.reason, &y.reason, self.common) =>
            {
                Some((
                    What::DeprecationChanged,
                    format!("deprecation changed: {b}"),
                ))
            }
            _ => None,
        };
        if let Some((what, detail)) = change {
            out.push(
                Change::new(what, detail)
                    .set(name)
                    .entry(f)
                    .codes([&f.codes[0]])
                    .values(
                        e.deprecated.as_ref().map(|d| text_json(&d.reason)),
                        f.deprecated.as_ref().map(|d| text_json(&d.reason)),
                    ),
            );
        }
        // Sets only when there is something to look up: most entries have no aliases.
        fn codes_of(list: &[crate::model::DeprecatedCode]) -> HashSet<&Code> {
            list.iter().map(|d| &d.code).collect()
        }
        let (old_deprecated, new_deprecated) =
            if e.deprecated_codes.is_empty() && f.deprecated_codes.is_empty() {
                (HashSet::new(), HashSet::new())
            } else {
                (codes_of(&e.deprecated_codes), codes_of(&f.deprecated_codes))
            };
        for d in &f.deprecated_codes {
            if !old_deprecated.contains(&d.code) {
                out.push(
                    Change::new(
                        What::CodeDeprecated,
                        format!("code {} deprecated since {}", d.code, d.since),
                    )
                    .set(name)
                    .entry(f)
                    .codes([&d.code])
                    .values(None, Some(text_json(&d.reason))),
                );
            }
        }
        let new_codes: HashSet<&Code> = if e.deprecated_codes.is_empty() {
            HashSet::new()
        } else {
            f.codes.iter().collect()
        };
        for d in &e.deprecated_codes {
            let still_here = new_codes.contains(&d.code);
            if still_here && !new_deprecated.contains(&d.code) {
                out.push(
                    Change::new(
                        What::CodeUndeprecated,
                        format!("code {} no longer deprecated", d.code),
                    )
                    .set(name)
                    .entry(f)
                    .codes([&d.code])
                    .values(Some(text_json(&d.reason)), None),
                );
            }
        }
    }

    /// Pairs the attributes of a set by name, else by type and identical values
    /// (a rename), reporting removed, renamed, retyped and added ones.
    /// Returns (old index, new index) of the pairs whose values can be compared.
    fn attributes(&self, s: &CodeSet, n: &CodeSet, out: &mut Vec<Change>) -> Vec<(usize, usize)> {
        let name = n.name.as_str();
        let mut pairs = Vec::new();
        let type_of = |model: &Model, kind| kind_name(model, kind);
        let old_index: HashMap<&str, usize> = index_of(&s.attributes, |a| &a.name);
        let new_index: HashMap<&str, usize> = index_of(&n.attributes, |b| &b.name);
        let gone: Vec<usize> = (0..s.attributes.len())
            .filter(|&i| !new_index.contains_key(s.attributes[i].name.as_str()))
            .collect();
        let fresh: Vec<usize> = (0..n.attributes.len())
            .filter(|&j| !old_index.contains_key(n.attributes[j].name.as_str()))
            .collect();
        // Renames: values are compared on the entries of the same name on both sides.
        let rows: Vec<(&Entry, &Entry)> = if gone.is_empty() || fresh.is_empty() {
            Vec::new()
        } else {
            let new_entries = by_name(&n.entries, |f| &f.name);
            s.entries
                .iter()
                .filter_map(|e| Some((e, *new_entries.get(e.name.as_str())?)))
                .collect()
        };
        let values_equal = |i: usize, j: usize| {
            rows.iter()
                .all(|(e, f)| same_value(&e.values[i].current, &f.values[j].current, self.common))
        };
        // Only columns of equal hashes are compared value by value.
        let old_hashes: HashMap<usize, u64> = gone
            .iter()
            .map(|&i| {
                let values = rows.iter().map(|(e, _)| &e.values[i].current);
                (i, column_hash(values, self.common))
            })
            .collect();
        let new_columns: Vec<(usize, String, u64)> = fresh
            .iter()
            .map(|&j| {
                (
                    j,
                    type_of(self.new, n.attributes[j].kind),
                    column_hash(rows.iter().map(|(_, f)| &f.values[j].current), self.common),
                )
            })
            .collect();
        let mut renamed: HashMap<usize, usize> = HashMap::new();
        let mut taken: HashSet<usize> = HashSet::new();
        for &i in &gone {
            let ta = type_of(self.old, s.attributes[i].kind);
            let candidate = new_columns.iter().find(|(j, tb, hash)| {
                ta == *tb
                    && !taken.contains(j)
                    && Some(hash) == old_hashes.get(&i)
                    && values_equal(i, *j)
            });
            if let Some(&(j, _, _)) = candidate {
                renamed.insert(i, j);
                taken.insert(j);
            }
        }
        for (i, a) in s.attributes.iter().enumerate() {
            if let Some(&j) = new_index.get(a.name.as_str()) {
                let b = &n.attributes[j];
                let (ta, tb) = (type_of(self.old, a.kind), type_of(self.new, b.kind));
                if ta != tb {
                    out.push(
                        Change::new(
                            What::AttributeTypeChanged,
                            format!("attribute {} changed type from {ta} to {tb}", a.name),
                        )
                        .set(name)
                        .values(Some(Json::from(ta)), Some(Json::from(tb)))
                        .attr(&a.name),
                    );
                } else {
                    pairs.push((i, j));
                }
                if !same_text(&a.label, &b.label, self.common) {
                    out.push(
                        Change::new(
                            What::TextChanged,
                            format!("label of attribute {} changed", a.name),
                        )
                        .set(name)
                        .values(Some(text_json(&a.label)), Some(text_json(&b.label)))
                        .attr(&a.name),
                    );
                }
            } else if let Some(&j) = renamed.get(&i) {
                let b = &n.attributes[j];
                out.push(
                    Change::new(
                        What::AttributeRenamed,
                        format!(
                            "attribute {} renamed to {} (detected by the same values)",
                            a.name, b.name
                        ),
                    )
                    .set(name)
                    .values(
                        Some(Json::from(a.name.as_str())),
                        Some(Json::from(b.name.as_str())),
                    )
                    .attr(&b.name),
                );
                pairs.push((i, j));
            } else {
                out.push(
                    Change::new(
                        What::AttributeRemoved,
                        format!("attribute {} removed", a.name),
                    )
                    .set(name)
                    .values(Some(Json::from(a.name.as_str())), None)
                    .attr(&a.name),
                );
            }
        }
        for (j, b) in n.attributes.iter().enumerate() {
            if old_index.contains_key(b.name.as_str()) || taken.contains(&j) {
                continue;
            }
            out.push(
                Change::new(
                    What::AttributeAdded,
                    format!("attribute {} ({}) added", b.name, type_of(self.new, b.kind)),
                )
                .set(name)
                .values(None, Some(Json::from(b.name.as_str())))
                .attr(&b.name)
                .breaks(&[]),
            );
        }
        pairs
    }

    /// For each pair of compared attributes (by its index in `attributes`) and new
    /// entry index, the dated changes new in NEW that cover the entry: each may
    /// explain a different current value.
    fn explainers<'n>(
        &self,
        s: &CodeSet,
        n: &'n CodeSet,
        attributes: &[(usize, usize)],
    ) -> HashMap<(usize, usize), Vec<&'n crate::model::Change>> {
        let old_dated: BTreeSet<(&str, crate::model::Date)> = s
            .changes
            .iter()
            .map(|d| (s.attributes[d.attribute].name.as_str(), d.effective))
            .collect();
        let mut of_attribute: HashMap<usize, Vec<&crate::model::Change>> = HashMap::new();
        for c in &n.changes {
            of_attribute.entry(c.attribute).or_default().push(c);
        }
        let mut explainers: HashMap<(usize, usize), Vec<&crate::model::Change>> = HashMap::new();
        for (k, &(i, j)) in attributes.iter().enumerate() {
            let old_name = s.attributes[i].name.as_str();
            for c in of_attribute.get(&j).into_iter().flatten() {
                if old_dated.contains(&(old_name, c.effective)) {
                    continue;
                }
                for &fi in &c.entries {
                    explainers.entry((k, fi)).or_default().push(c);
                }
            }
        }
        explainers
    }

    #[allow(clippy::too_many_arguments)]
    fn entry_values(
        &self,
        n: &CodeSet,
        e: &Entry,
        f: &Entry,
        fi: usize,
        attributes: &[(usize, usize)],
        explainers: &HashMap<(usize, usize), Vec<&crate::model::Change>>,
        out: &mut Vec<Change>,
    ) {
        for (k, &(i, j)) in attributes.iter().enumerate() {
            let (a, b) = (&e.values[i].current, &f.values[j].current);
            if same_value(a, b, self.common) {
                continue;
            }
            // A dated change new in NEW that covers this entry explains the difference.
            let explained = explainers
                .get(&(k, fi))
                .is_some_and(|cs| cs.iter().any(|c| same_value(&c.before, a, self.common)));
            if explained {
                continue;
            }
            let attribute = &n.attributes[j].name;
            let (old, new) = (value_json(a), value_json(b));
            out.push(
                Change::new(
                    What::AttributeChanged,
                    format!(
                        "{attribute} changed from {} to {}",
                        show_value(&old),
                        show_value(&new)
                    ),
                )
                .set(&n.name)
                .entry(f)
                .codes([&f.codes[0]])
                .values(Some(old), Some(new))
                .attr(attribute),
            );
        }
    }

    /// Dated changes (`[[set.change]]`), matched by attribute and effective date.
    fn dated_changes(
        &self,
        s: &CodeSet,
        n: &CodeSet,
        attributes: &[(usize, usize)],
        out: &mut Vec<Change>,
    ) {
        let name = n.name.as_str();
        // The first pair of each old attribute, as a search of `attributes` finds it.
        let mut new_attrs: HashMap<usize, usize> = HashMap::new();
        for &(i, j) in attributes {
            new_attrs.entry(i).or_insert(j);
        }
        let new_attr = |i: usize| new_attrs.get(&i).copied();
        // Old dated changes by (new attribute, date), the first of each; new ones' keys.
        let mut old_changes: BTreeMap<(usize, crate::model::Date), &crate::model::Change> =
            BTreeMap::new();
        for d in &s.changes {
            if let Some(j) = new_attr(d.attribute) {
                old_changes.entry((j, d.effective)).or_insert(d);
            }
        }
        let new_keys: BTreeSet<(usize, crate::model::Date)> = n
            .changes
            .iter()
            .map(|c| (c.attribute, c.effective))
            .collect();
        let codes_of = |set: &CodeSet, entries: &[usize]| -> Vec<Code> {
            entries
                .iter()
                .map(|&i| set.entries[i].codes[0].clone())
                .collect()
        };
        let after = |set: &CodeSet, c: &crate::model::Change| -> Option<Json> {
            let entry = set.entries.get(*c.entries.first()?)?;
            Some(value_json(entry.values[c.attribute].on(c.effective)))
        };
        for c in &n.changes {
            let attribute = &n.attributes[c.attribute].name;
            let old = old_changes.get(&(c.attribute, c.effective)).copied();
            let codes = codes_of(n, &c.entries);
            let notice = c.notice.as_ref().map(|t| t.0.clone());
            match old {
                None => {
                    let before = value_json(&c.before);
                    let after = after(n, c);
                    let mut change = Change::new(
                        What::DatedChangeAdded,
                        format!(
                            "from {}, {attribute} changes from {} to {} for {} {} ({})",
                            c.effective,
                            show_value(&before),
                            after.as_ref().map_or("?".to_owned(), show_value),
                            c.entries.len(),
                            plural(c.entries.len(), "entry", "entries"),
                            list_codes(&codes)
                        ),
                    )
                    .set(name)
                    .codes(&codes)
                    .values(Some(before), after)
                    .attr(attribute);
                    change.effective = Some(c.effective.to_string());
                    change.notice = notice;
                    out.push(change);
                }
                Some(d) => {
                    let old_codes = codes_of(s, &d.entries);
                    let old_set: BTreeSet<&Code> = old_codes.iter().collect();
                    let new_set: BTreeSet<&Code> = codes.iter().collect();
                    let differs =
                        old_set != new_set || !same_value(&d.before, &c.before, self.common);
                    let notice_differs = match (&d.notice, &c.notice) {
                        (Some(a), Some(b)) => !same_text(a, b, self.common),
                        (None, None) => false,
                        _ => true,
                    };
                    if differs {
                        let mut change = Change::new(
                            What::DatedChangeChanged,
                            format!(
                                "the {attribute} change of {} now covers {} (was {}), before = {}",
                                c.effective,
                                list_codes(&codes),
                                list_codes(&old_codes),
                                show_value(&value_json(&c.before))
                            ),
                        )
                        .set(name)
                        .codes(&codes)
                        .values(
                            Some(serde_json::json!({"before": value_json(&d.before), "codes": old_codes.iter().map(export::code).collect::<Vec<_>>()})),
                            Some(serde_json::json!({"before": value_json(&c.before), "codes": codes.iter().map(export::code).collect::<Vec<_>>()})),
                        )
                        .attr(attribute);
                        change.effective = Some(c.effective.to_string());
                        out.push(change);
                    } else if notice_differs {
                        let mut change = Change::new(
                            What::TextChanged,
                            format!(
                                "notice of the {attribute} change of {} changed",
                                c.effective
                            ),
                        )
                        .set(name)
                        .codes(&codes)
                        .values(
                            d.notice.as_ref().map(text_json),
                            c.notice.as_ref().map(text_json),
                        )
                        .attr(attribute);
                        change.effective = Some(c.effective.to_string());
                        out.push(change);
                    }
                }
            }
        }
        for d in &s.changes {
            let kept = new_attr(d.attribute).is_some_and(|j| new_keys.contains(&(j, d.effective)));
            if kept {
                continue;
            }
            let attribute = &s.attributes[d.attribute].name;
            let codes = codes_of(s, &d.entries);
            let mut change = Change::new(
                What::DatedChangeRemoved,
                format!(
                    "the {attribute} change of {} removed ({})",
                    d.effective,
                    list_codes(&codes)
                ),
            )
            .set(name)
            .codes(&codes)
            .values(Some(value_json(&d.before)), None)
            .attr(attribute);
            change.effective = Some(d.effective.to_string());
            out.push(change);
        }
    }
}
