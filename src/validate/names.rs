//! Names in the target languages, checked against what each registered backend
//! emits ([`crate::render::BACKENDS`]): type names a language reserves, and per
//! set type one symbol table of its own members, entry cases and attribute
//! members, so that no two spell alike once written in that language.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use heck::ToUpperCamelCase;

use super::sets::ENTRY_KEYS;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::read::{RawCatalog, RawSet, Sp};
use crate::render::naming::{AttributeNames, Oracle};

/// Reports reserved type names and names that clash once spelled in a target language.
pub fn check(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) {
    reserved_type_names(raw, diagnostics);
    let mut clashes = Vec::new();
    for set in &raw.sets {
        for oracle in crate::render::oracles() {
            set_symbols(set, oracle, &mut clashes);
        }
    }
    report(clashes, diagnostics);
}

/// A catalog name whose spelling in one language is taken already.
struct Clash {
    origin: Origin,
    /// What took the spelling first: a catalog name, or `None` for a member of
    /// every generated set type (named by `type_name`).
    first: Option<Origin>,
    type_name: String,
    /// `` `remarkIn` in Kotlin ``.
    spelling: String,
}

/// One diagnostic per clashing pair, naming every language in which it clashes.
fn report(clashes: Vec<Clash>, diagnostics: &mut Vec<Diagnostic>) {
    let mut grouped: Vec<(Clash, Vec<String>)> = Vec::new();
    for clash in clashes {
        let key = |c: &Clash| {
            (
                c.origin.span.clone(),
                c.first.as_ref().map(|f| f.span.clone()),
            )
        };
        match grouped.iter_mut().find(|(g, _)| key(g) == key(&clash)) {
            Some((_, spellings)) => spellings.push(clash.spelling),
            None => {
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
                clash.origin.span,
                format!(
                    "{} is spelled {spelled}, a member every generated set type (`{}`) already has",
                    clash.origin.what, clash.type_name
                ),
                "rename it",
            ),
            Some(first) => Diagnostic::new(
                DiagnosticKind::SpellingClash,
                clash.origin.span,
                format!(
                    "{} is spelled {spelled}, like {}",
                    clash.origin.what, first.what
                ),
                "rename one of them",
            )
            .with_label(first.span, format!("{} is declared here", first.what)),
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
            .filter(|oracle| oracle.reserved_types().contains(&name.value.as_str()))
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

/// The catalog name behind a symbol, and where it is declared.
#[derive(Clone)]
struct Origin {
    span: Range<usize>,
    what: String,
}

/// The symbols of one set type in one language.
struct SymbolTable<'a> {
    oracle: &'a dyn Oracle,
    type_name: &'a str,
    /// `None`: a member the generator declares on every set type.
    symbols: HashMap<String, Option<Origin>>,
}

impl SymbolTable<'_> {
    fn declare(&mut self, spelled: String, origin: Origin, clashes: &mut Vec<Clash>) {
        let first = match self.symbols.get(&spelled) {
            None => {
                self.symbols.insert(spelled, Some(origin));
                return;
            }
            Some(first) => first.as_ref().map(|f| Origin {
                span: f.span.clone(),
                what: f.what.clone(),
            }),
        };
        clashes.push(Clash {
            spelling: format!("`{spelled}` in {}", self.oracle.language()),
            origin,
            first,
            type_name: self.type_name.to_string(),
        });
    }
}

fn set_symbols(set: &RawSet, oracle: &dyn Oracle, clashes: &mut Vec<Clash>) {
    let type_name = set.name.as_ref().map_or("?", |n| n.value.as_str());
    let mut table = SymbolTable {
        oracle,
        type_name,
        symbols: oracle
            .set_members()
            .iter()
            .map(|member| (member.to_string(), None))
            .collect(),
    };
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
            what: format!("entry `{}`", name.value),
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
                what: format!("attribute `{}`", name.value),
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
        && name.to_upper_camel_case() == name
}
