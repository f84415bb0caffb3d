//! Names in the target languages, checked against what each registered backend
//! emits ([`crate::render::BACKENDS`]): type names a language reserves, and per
//! set type one symbol table of its own members, entry cases and attribute
//! members, so that no two spell alike once written in that language.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use heck::{ToKebabCase, ToUpperCamelCase};

use super::rules::ENTRY_KEYS;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::read::{RawCatalog, RawEnum, RawSet, Sp};
use crate::render::naming::{AttributeNames, Oracle, PackageKey, PackageNames};

/// Reports reserved type names and names that clash once spelled in a target language.
pub fn check(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) {
    reserved_type_names(raw, diagnostics);
    companion_type_names(raw, diagnostics);
    package_names(raw, diagnostics);
    let mut clashes = Vec::new();
    for oracle in crate::render::oracles() {
        locale_symbols(raw, oracle, &mut clashes);
        for e in &raw.enums {
            enum_symbols(e, oracle, &mut clashes);
        }
    }
    for set in &raw.sets {
        for oracle in crate::render::oracles() {
            set_symbols(set, oracle, &mut clashes);
        }
    }
    report(clashes, diagnostics);
}

/// Package and module names each language derives from the catalog.
fn package_names(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) {
    let meta = &raw.meta;
    let Some(name) = meta
        .name
        .as_ref()
        .filter(|n| n.value.to_kebab_case() == n.value)
    else {
        return;
    };
    let names = PackageNames {
        name: &name.value,
        kotlin_package: meta.kotlin_package.as_ref().map(|p| p.value.as_str()),
        swift_module: meta.swift_module.as_ref().map(|m| m.value.as_str()),
    };
    for oracle in crate::render::oracles() {
        for problem in oracle.package_problems(&names) {
            let span = match problem.key {
                PackageKey::Name => Some(&name.span),
                PackageKey::KotlinPackage => meta.kotlin_package.as_ref().map(|p| &p.span),
                PackageKey::SwiftModule => meta.swift_module.as_ref().map(|m| &m.span),
            };
            diagnostics.push(Diagnostic::new(
                DiagnosticKind::ReservedPackage,
                span.unwrap_or(&name.span).clone(),
                problem.message,
                problem.hint,
            ));
        }
    }
}

/// Locale cases against the members of the generated locale type.
fn locale_symbols<'a>(raw: &'a RawCatalog, oracle: &'a dyn Oracle, clashes: &mut Vec<Clash<'a>>) {
    let mut table = SymbolTable::new(
        oracle,
        "locale type `CatalogLocale`",
        oracle.api().locale_members,
    );
    // A locale listed twice (in any letter case) is reported elsewhere.
    let mut folded = HashSet::new();
    let locales = raw.meta.locales.iter().flat_map(|l| &l.value);
    for locale in locales.filter(|l| folded.insert(l.value.to_ascii_lowercase())) {
        let origin = Origin {
            span: locale.span.clone(),
            kind: "locale",
            name: &locale.value,
        };
        table.declare(
            oracle.variant(&locale.value.to_upper_camel_case()),
            origin,
            clashes,
        );
    }
}

/// Enum values against the members of the enum's generated type.
fn enum_symbols<'a>(e: &'a RawEnum, oracle: &'a dyn Oracle, clashes: &mut Vec<Clash<'a>>) {
    let owner = format!(
        "enum type `{}`",
        e.name.as_ref().map_or("?", |n| n.value.as_str())
    );
    let mut table = SymbolTable::new(oracle, &owner, oracle.api().enum_members);
    let mut folded = HashSet::new();
    let values = e
        .values
        .iter()
        .filter_map(|v| v.name.as_ref())
        .filter(|n| is_upper_camel(&n.value) && folded.insert(n.value.to_ascii_lowercase()));
    for name in values {
        let origin = Origin {
            span: name.span.clone(),
            kind: "enum value",
            name: &name.value,
        };
        table.declare(oracle.variant(&name.value), origin, clashes);
    }
}

/// A catalog name whose spelling in one language is taken already.
struct Clash<'a> {
    origin: Origin<'a>,
    /// What took the spelling first: a catalog name, or `None` for a member the
    /// generator declares on every `owner`.
    first: Option<Origin<'a>>,
    /// `` set type `SdkCode` ``.
    owner: String,
    /// `` `remarkIn` in Kotlin ``.
    spelling: String,
}

/// One diagnostic per clashing pair, naming every language in which it clashes.
fn report(clashes: Vec<Clash<'_>>, diagnostics: &mut Vec<Diagnostic>) {
    type Key = (Range<usize>, Option<Range<usize>>);
    let mut grouped: Vec<(Clash<'_>, Vec<String>)> = Vec::new();
    // Pair → its place in `grouped`, which keeps the order of first sight.
    let mut index: HashMap<Key, usize> = HashMap::new();
    for clash in clashes {
        let key = (
            clash.origin.span.clone(),
            clash.first.as_ref().map(|f| f.span.clone()),
        );
        match index.get(&key) {
            Some(&i) => grouped[i].1.push(clash.spelling),
            None => {
                index.insert(key, grouped.len());
                let spelling = clash.spelling.clone();
                grouped.push((clash, vec![spelling]));
            }
        }
    }
    for (clash, spellings) in grouped {
        let spelled = spellings.join(", ");
        let diagnostic = match clash.first {
            None => Diagnostic::new(
                DiagnosticKind::ReservedName,
                clash.origin.span.clone(),
                format!(
                    "{} is spelled {spelled}, a member the generated {} already has",
                    clash.origin.what(),
                    clash.owner
                ),
                "rename it",
            ),
            Some(first) => Diagnostic::new(
                DiagnosticKind::SpellingClash,
                clash.origin.span.clone(),
                format!(
                    "{} is spelled {spelled}, like {}",
                    clash.origin.what(),
                    first.what()
                ),
                "rename one of them",
            )
            .with_label(
                first.span.clone(),
                format!("{} is declared here", first.what()),
            ),
        };
        diagnostics.push(diagnostic);
    }
}

/// One diagnostic per reserved type name, naming every language that reserves it.
fn reserved_type_names(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) {
    let type_names = raw
        .enums
        .iter()
        .filter_map(|e| e.name.as_ref())
        .chain(raw.sets.iter().filter_map(|s| s.name.as_ref()));
    for name in type_names {
        let languages: Vec<&str> = crate::render::oracles()
            .filter(|oracle| oracle.api().reserves_type(&name.value))
            .map(|oracle| oracle.language())
            .collect();
        if !languages.is_empty() {
            diagnostics.push(Diagnostic::new(
                DiagnosticKind::ReservedName,
                name.span.clone(),
                format!(
                    "type name `{}` is reserved in {}",
                    name.value,
                    languages.join(", ")
                ),
                "the generated code declares or uses a type of this name there; choose another",
            ));
        }
    }
}

/// Catalog types named like a type a language declares beside a set (TypeScript's
/// `SdkCodeName` and `SdkCodeError` beside `SdkCode`, Kotlin's `SdkCodeException`).
fn companion_type_names(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) {
    let type_names: Vec<&Sp<String>> = raw
        .enums
        .iter()
        .filter_map(|e| e.name.as_ref())
        .chain(raw.sets.iter().filter_map(|s| s.name.as_ref()))
        .collect();
    // Per language, each type's spelling → the catalog types spelled so, in
    // catalog order: looking companions up costs the same however many types.
    let spelled: Vec<HashMap<String, Vec<usize>>> = crate::render::oracles()
        .map(|oracle| {
            let mut by_spelling: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, name) in type_names.iter().enumerate() {
                by_spelling
                    .entry(oracle.type_name(&name.value))
                    .or_default()
                    .push(i);
            }
            by_spelling
        })
        .collect();
    for set in &raw.sets {
        let Some(set_name) = &set.name else { continue };
        let is_error = set.error.as_ref().is_some_and(|e| e.value);
        for (oracle, by_spelling) in crate::render::oracles().zip(&spelled) {
            let companions = oracle
                .api()
                .companions(&oracle.type_name(&set_name.value), is_error);
            let mut taken: Vec<usize> = companions
                .iter()
                .filter_map(|c| by_spelling.get(c.as_str()))
                .flatten()
                .copied()
                .collect();
            // Enums, then sets, each once: the order of a scan over every type.
            taken.sort_unstable();
            taken.dedup();
            for name in taken.into_iter().map(|i| type_names[i]) {
                diagnostics.push(Diagnostic::new(
                    DiagnosticKind::ReservedName,
                    name.span.clone(),
                    format!(
                        "type name `{}` is taken in {} by a type declared for set `{}`",
                        name.value,
                        oracle.language(),
                        set_name.value
                    ),
                    "choose another name for one of the two",
                ));
            }
        }
    }
}

/// The catalog name behind a symbol, and where it is declared.
#[derive(Clone)]
struct Origin<'a> {
    span: Range<usize>,
    /// `entry`, `attribute`, …
    kind: &'static str,
    name: &'a str,
}

impl Origin<'_> {
    /// `` entry `Ok` ``.
    fn what(&self) -> String {
        format!("{} `{}`", self.kind, self.name)
    }
}

/// The symbols of one set type in one language.
struct SymbolTable<'a> {
    oracle: &'a dyn Oracle,
    owner: String,
    /// `None`: a member the generator declares on every set type.
    symbols: HashMap<String, Option<Origin<'a>>>,
}

impl<'a> SymbolTable<'a> {
    fn new(oracle: &'a dyn Oracle, owner: &str, members: &[&str]) -> Self {
        SymbolTable {
            oracle,
            owner: owner.to_string(),
            symbols: members.iter().map(|m| (m.to_string(), None)).collect(),
        }
    }

    fn declare(&mut self, spelled: String, origin: Origin<'a>, clashes: &mut Vec<Clash<'a>>) {
        let first = match self.symbols.get(&spelled) {
            None => {
                self.symbols.insert(spelled, Some(origin));
                return;
            }
            Some(first) => first.clone(),
        };
        clashes.push(Clash {
            spelling: format!("`{spelled}` in {}", self.oracle.language()),
            origin,
            first,
            owner: self.owner.clone(),
        });
    }
}

fn set_symbols<'a>(set: &'a RawSet, oracle: &'a dyn Oracle, clashes: &mut Vec<Clash<'a>>) {
    let owner = format!(
        "set type `{}`",
        set.name.as_ref().map_or("?", |n| n.value.as_str())
    );
    let mut table = SymbolTable::new(oracle, &owner, oracle.api().set_members);
    // Invalid names and names equal but for letter case are reported elsewhere.
    let mut folded = HashSet::new();
    let entries = set
        .entries
        .iter()
        .filter_map(|e| e.name.as_ref())
        .filter(|n| is_upper_camel(&n.value) && folded.insert(n.value.to_ascii_lowercase()));
    for name in entries {
        let origin = Origin {
            span: name.span.clone(),
            kind: "entry",
            name: &name.value,
        };
        table.declare(oracle.variant(&name.value), origin, clashes);
    }
    let dated: HashSet<&str> = set
        .changes
        .iter()
        .filter_map(|c| c.attribute.as_ref().map(|a| a.value.as_str()))
        .collect();
    let mut seen = HashSet::new();
    for (name, kind) in attributes(set) {
        // An attribute declared twice or named like an entry key is reported elsewhere.
        if !seen.insert(name.value.as_str()) || ENTRY_KEYS.contains(&name.value.as_str()) {
            continue;
        }
        let names = AttributeNames::new(
            oracle,
            &name.value,
            kind == "bool",
            kind == "text",
            dated.contains(name.value.as_str()),
        );
        // One attribute's own members never clash: keep the first of equal spellings.
        let members: BTreeMap<&str, ()> = oracle
            .attribute_members(&names)
            .into_iter()
            .map(|m| (m, ()))
            .collect();
        for member in members.keys() {
            let origin = Origin {
                span: name.span.clone(),
                kind: "attribute",
                name: &name.value,
            };
            table.declare(member.to_string(), origin, clashes);
        }
    }
}

fn attributes(set: &RawSet) -> impl Iterator<Item = (&Sp<String>, &str)> {
    set.attributes
        .iter()
        .filter_map(|a| Some((a.name.as_ref()?, a.kind.as_ref()?.value.as_str())))
}

fn is_upper_camel(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && super::identifiers::is_upper_camel(name)
}
