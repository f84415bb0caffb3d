//! The declared API: every name one language's generated code declares, by
//! scope, as data. Validation checks catalog names against it (a catalog name
//! may not take a declared one), and `tests/bindings/declared.rs` parses the
//! generated code of every test catalog and fails on any declaration that
//! [`declared_names`] does not list, so a template cannot print a name the
//! declaration lacks.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use super::naming::{AttributeNames, Oracle};
use crate::model::{AttrKind, Model};

/// Every name one language's generated code declares or relies on.
pub struct Api {
    /// Keywords and other words the module spells around (escapes, suffixes).
    pub keywords: &'static [&'static [&'static str]],
    /// File level: the generated code's own types, functions, constants and
    /// tables, and the standard names it uses unqualified. No catalog type may
    /// take them.
    pub file: &'static [&'static str],
    /// File-level names made from a catalog type's name, or numbered tables.
    pub derived: &'static [Derived],
    /// The locale type's name.
    pub locale_type: &'static str,
    /// Members of every generated set type, its companions and its cases; an
    /// entry or attribute may not take them.
    pub set_members: &'static [&'static str],
    /// Members of every type generated for a catalog enum.
    pub enum_members: &'static [&'static str],
    /// Members of the locale type.
    pub locale_members: &'static [&'static str],
    /// Types with fixed members declared inside or beside the set, enum and
    /// locale types: no catalog name lands in them.
    pub helpers: &'static [Helper],
}

/// A file-level name made from a catalog name: `{prefix}{name}{suffix}`.
pub struct Derived {
    pub prefix: &'static str,
    pub suffix: &'static str,
    pub from: DerivedFrom,
}

/// What a [`Derived`] name is made from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DerivedFrom {
    /// Every set's type name.
    Set,
    /// Every error set's type name.
    ErrorSet,
    /// A decimal number (Kotlin's table objects `D0`, `D1`, …).
    Number,
}

impl Derived {
    pub fn name(&self, base: &str) -> String {
        format!("{}{base}{}", self.prefix, self.suffix)
    }

    /// Whether `name` is this numbered pattern for some number.
    pub fn numbers(&self, name: &str) -> bool {
        self.from == DerivedFrom::Number
            && name
                .strip_prefix(self.prefix)
                .and_then(|rest| rest.strip_suffix(self.suffix))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// A type with fixed members. `scope` is its path, `.`-separated, in which
/// `{set}`, `{error_set}`, `{enum}` and `{locale}` stand for each such type.
pub struct Helper {
    pub scope: &'static str,
    pub members: &'static [&'static str],
}

impl Api {
    /// Every word of every list. Tests build catalogs from them to prove that
    /// whatever validation accepts compiles.
    pub fn words(&self) -> Vec<&'static str> {
        let lists = [
            self.file,
            self.set_members,
            self.enum_members,
            self.locale_members,
        ];
        self.keywords
            .iter()
            .chain(&lists)
            .flat_map(|list| list.iter().copied())
            .chain(self.helpers.iter().flat_map(|h| h.members.iter().copied()))
            .collect()
    }

    /// Whether no catalog type may take the name `name` (as spelled).
    pub fn reserves_type(&self, name: &str) -> bool {
        name == self.locale_type
            || self.file.contains(&name)
            || self.derived.iter().any(|d| d.numbers(name))
    }

    /// File-level names declared beside the set type `set` (spelled).
    pub fn companions(&self, set: &str, is_error: bool) -> Vec<String> {
        self.derived
            .iter()
            .filter(|d| d.from == DerivedFrom::Set || (is_error && d.from == DerivedFrom::ErrorSet))
            .map(|d| d.name(set))
            .collect()
    }
}

/// Every name the generated code of `oracle`'s language may declare for
/// `model`, keyed by scope path (`""` for file level, `SdkCode`,
/// `SdkCode.Received`, …): the declaration expanded over the catalog.
pub fn declared_names(oracle: &dyn Oracle, model: &Model) -> BTreeMap<String, BTreeSet<String>> {
    let api = oracle.api();
    let mut scopes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |scope: &str, names: &mut dyn Iterator<Item = String>| {
        scopes.entry(scope.to_string()).or_default().extend(names);
    };
    let sets: Vec<(String, bool)> = model
        .sets
        .iter()
        .map(|s| (oracle.type_name(&s.name), s.is_error))
        .collect();
    let enums: Vec<String> = model
        .enums
        .iter()
        .map(|e| oracle.type_name(&e.name))
        .collect();
    add("", &mut api.file.iter().map(|n| n.to_string()));
    add("", &mut std::iter::once(api.locale_type.to_string()));
    add("", &mut sets.iter().map(|(s, _)| s.clone()));
    add("", &mut enums.iter().cloned());
    for (set, is_error) in &sets {
        add("", &mut api.companions(set, *is_error).into_iter());
    }
    add(
        api.locale_type,
        &mut api.locale_members.iter().map(|m| m.to_string()).chain(
            model
                .locales
                .iter()
                .map(|l| oracle.variant(&l.to_upper_camel_case())),
        ),
    );
    for (e, name) in model.enums.iter().zip(&enums) {
        add(
            name,
            &mut api
                .enum_members
                .iter()
                .map(|m| m.to_string())
                .chain(e.values.iter().map(|v| oracle.variant(&v.name))),
        );
    }
    for (set, (name, _)) in model.sets.iter().zip(&sets) {
        let mut members: Vec<String> = api.set_members.iter().map(|m| m.to_string()).collect();
        members.extend(set.entries.iter().map(|e| oracle.variant(&e.name)));
        for attribute in &set.attributes {
            let names = AttributeNames::new(
                oracle,
                &attribute.name,
                attribute.kind == AttrKind::Bool,
                attribute.kind == AttrKind::Text,
                attribute.has_changes,
            );
            members.extend(
                oracle
                    .attribute_members(&names)
                    .into_iter()
                    .map(String::from),
            );
        }
        add(name, &mut members.into_iter());
    }
    for helper in api.helpers {
        for scope in expand(helper.scope, &sets, &enums, api.locale_type) {
            add(&scope, &mut helper.members.iter().map(|m| m.to_string()));
        }
    }
    scopes
}

/// A helper's scope path for every type its placeholder stands for.
fn expand(scope: &str, sets: &[(String, bool)], enums: &[String], locale: &str) -> Vec<String> {
    let each = |placeholder: &str, names: &mut dyn Iterator<Item = &String>| -> Vec<String> {
        names.map(|n| scope.replace(placeholder, n)).collect()
    };
    if scope.contains("{set}") {
        each("{set}", &mut sets.iter().map(|(s, _)| s))
    } else if scope.contains("{error_set}") {
        each(
            "{error_set}",
            &mut sets.iter().filter(|(_, e)| *e).map(|(s, _)| s),
        )
    } else if scope.contains("{enum}") {
        each("{enum}", &mut enums.iter())
    } else {
        vec![scope.replace("{locale}", locale)]
    }
}
