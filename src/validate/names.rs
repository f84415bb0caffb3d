//! Names in the target languages: type names a language reserves, and names
//! distinct in the catalog that one language would spell alike.

use std::collections::{HashMap, HashSet};

use heck::ToUpperCamelCase;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::read::{RawCatalog, RawSet, Sp};
use crate::render::naming::{self, Oracle, RESERVED_TYPE_NAMES};

/// Reports reserved type names and names that clash once spelled in a target language.
pub fn check(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) {
    let type_names = raw
        .enums
        .iter()
        .filter_map(|e| e.name.as_ref())
        .chain(raw.sets.iter().filter_map(|s| s.name.as_ref()));
    for name in type_names {
        reserved_type_name(name, diagnostics);
    }
    for set in &raw.sets {
        unique_spellings(set, diagnostics);
    }
}

fn reserved_type_name(name: &Sp<String>, diagnostics: &mut Vec<Diagnostic>) {
    if RESERVED_TYPE_NAMES.contains(&name.value.as_str()) {
        diagnostics.push(Diagnostic::new(
            DiagnosticKind::ReservedName,
            name.span.clone(),
            format!("type name `{}` is reserved", name.value),
            "generated code declares or uses a type of this name in some language; choose another",
        ));
    }
}

/// Names distinct in the catalog must stay distinct in every target language
/// (a parser of the output cannot see duplicate cases or members).
fn unique_spellings(raw: &RawSet, diagnostics: &mut Vec<Diagnostic>) {
    let oracles: [(&str, &dyn Oracle); 4] = [
        ("Rust", &naming::rust::Rust),
        ("TypeScript", &naming::typescript::TypeScript),
        ("Kotlin", &naming::kotlin::Kotlin),
        ("Swift", &naming::swift::Swift),
    ];
    for (language, oracle) in oracles {
        entry_spellings(raw, language, oracle, diagnostics);
        attribute_spellings(raw, language, oracle, diagnostics);
    }
}

fn entry_spellings(
    raw: &RawSet,
    language: &str,
    oracle: &dyn Oracle,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut variants: HashMap<String, &str> = HashMap::new();
    let mut folded = HashSet::new();
    // Names that are invalid or clash by letter case are reported elsewhere.
    let names = raw
        .entries
        .iter()
        .filter_map(|e| e.name.as_ref())
        .filter(|n| is_upper_camel(&n.value) && folded.insert(n.value.to_ascii_lowercase()));
    for name in names {
        let spelled = oracle.variant(&name.value);
        match variants.get(&spelled) {
            Some(first) if *first != name.value => diagnostics.push(Diagnostic::new(
                DiagnosticKind::SpellingClash,
                name.span.clone(),
                format!(
                    "entry `{}` is spelled `{spelled}` in {language}, like entry `{first}`",
                    name.value
                ),
                "rename one of the entries",
            )),
            _ => {
                variants.insert(spelled, &name.value);
            }
        }
    }
}

fn attribute_spellings(
    raw: &RawSet,
    language: &str,
    oracle: &dyn Oracle,
    diagnostics: &mut Vec<Diagnostic>,
) {
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
                diagnostics.push(Diagnostic::new(
                    DiagnosticKind::SpellingClash,
                    attribute.span.clone(),
                    format!(
                        "attribute `{}` is spelled `{spelled}` in {language}, like attribute `{first}`",
                        attribute.value
                    ),
                    "rename one of the attributes",
                ));
            }
        }
    }
}

fn is_upper_camel(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.to_upper_camel_case() == name
}
