//! Stage 2: raw catalog → validated model, or every problem found.
//!
//! Each check records a diagnostic and carries on, so one run reports all
//! problems at once. A model is returned only when there are none. The passes:
//! `meta` (catalog keys, locales, texts), `identifiers` (name shapes and type
//! names), `sets` (sets, attributes, groups, enums), `entries` (entries, codes,
//! values), `changes` (dated changes) and `names` (names in target languages).

mod changes;
mod deprecation;
mod entries;
mod identifiers;
mod meta;
mod names;
mod sets;

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{EnumDef, Model, Section};
use crate::read::{RawCatalog, RawSection, Sp, closest};

/// Validates a raw catalog. `diagnostics` may already hold reading problems;
/// a model is returned only when, after validation, it holds none.
pub fn validate(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) -> Option<Model> {
    let mut v = Validator {
        diagnostics,
        locales: Vec::new(),
    };
    let model = v.catalog(raw);
    names::check(raw, v.diagnostics);
    if v.diagnostics.is_empty() {
        model
    } else {
        None
    }
}

struct Validator<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    /// The declared locales that passed their checks, in catalog order.
    locales: Vec<String>,
}

impl Validator<'_> {
    fn error(
        &mut self,
        kind: DiagnosticKind,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(kind, span, message, hint));
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn catalog(&mut self, raw: &RawCatalog) -> Option<Model> {
        let meta = self.meta(&raw.meta);
        let mut type_names: HashMap<String, Sp<String>> = HashMap::new();
        let enums: Vec<EnumDef> = raw
            .enums
            .iter()
            .map(|e| self.enum_def(e, &mut type_names))
            .collect();
        let mut sections = self.sections(&raw.sections);
        let mut sets = Vec::new();
        for raw_set in &raw.sets {
            if let Some(name) = &raw_set.name {
                self.type_name(name, &mut type_names);
            }
            if let Some(section) = &raw_set.section {
                self.place_in_section(section, &mut sections, sets.len());
            }
            sets.push(self.set(raw_set, &enums));
        }
        Some(Model {
            name: raw.meta.name.as_ref()?.value.clone(),
            version: meta.version,
            license: meta.license,
            repository: meta.repository,
            homepage: meta.homepage,
            docs_url: meta.docs_url,
            title: meta.title,
            locales: self.locales.clone(),
            date_zone: raw.meta.date_zone.as_ref().map(|z| z.value.clone()),
            kotlin_package: raw.meta.kotlin_package.as_ref().map(|p| p.value.clone()),
            swift_module: raw.meta.swift_module.as_ref().map(|m| m.value.clone()),
            intro: meta.intro,
            yes: meta.yes,
            no: meta.no,
            unknown_code: meta.unknown_code,
            enums,
            sections,
            sets: sets.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }

    fn sections(&mut self, raw: &[RawSection]) -> Vec<Section> {
        let mut sections: Vec<Section> = Vec::new();
        let mut id_spans: Vec<Range<usize>> = Vec::new();
        for raw_section in raw {
            let id = raw_section.id.clone().map(|id| {
                self.snake_id(&id, "section id");
                if let Some(i) = sections.iter().position(|s| s.id == id.value) {
                    self.report(
                        Diagnostic::new(
                            DiagnosticKind::DuplicateId,
                            id.span.clone(),
                            format!("section id `{}` is declared twice", id.value),
                            "rename one",
                        )
                        .with_label(id_spans[i].clone(), "first declared here"),
                    );
                }
                id_spans.push(id.span.clone());
                id.value
            });
            if id.is_none() {
                id_spans.push(raw_section.span.clone());
            }
            sections.push(Section {
                id: id.unwrap_or_default(),
                title: self.text(raw_section.title.as_ref(), "title"),
                intro: self.texts(&raw_section.intro, "intro"),
                notes: self.texts(&raw_section.notes, "notes"),
                sets: Vec::new(),
            });
        }
        sections
    }

    fn place_in_section(&mut self, section: &Sp<String>, sections: &mut [Section], set: usize) {
        match sections.iter().position(|s| s.id == section.value) {
            Some(i) => sections[i].sets.push(set),
            None => {
                let ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
                let hint = suggestion(&section.value, &ids, "declare it with [[section]]");
                self.error(
                    DiagnosticKind::UnknownSection,
                    section.span.clone(),
                    format!("unknown section `{}`", section.value),
                    hint,
                );
            }
        }
    }

    /// Whether a diagnostic already lies inside `span`.
    fn diagnostics_at(&self, span: &Range<usize>) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.span.start >= span.start && d.span.end <= span.end)
    }
}

fn suggestion(value: &str, known: &[&str], otherwise: &str) -> String {
    // Past a few hundred names a typo search per mistake would make many
    // mistakes quadratic; the hint then lists a few names only.
    let near = if known.len() <= MAX_TYPO_CANDIDATES {
        closest(value, known)
    } else {
        None
    };
    match near {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => otherwise.to_string(),
        None => format!("{otherwise}; known: {}", short_list(known)),
    }
}

const MAX_TYPO_CANDIDATES: usize = 500;

/// At most eight names, then how many more: hints stay short however big the catalog.
fn short_list(names: &[&str]) -> String {
    const SHOWN: usize = 8;
    let mut list = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(", … ({} more)", names.len() - SHOWN));
    }
    list
}

/// The secondary label of a clash: "first declared here", or which spelling it clashes with.
fn first_label(first: &str, again: &str, verb: &str) -> String {
    if first == again {
        format!("first {verb} here")
    } else {
        format!("`{first}` is {verb} here")
    }
}

fn fallback<'a>(value: &'a str, default: &'a str) -> &'a str {
    if value.is_empty() { default } else { value }
}
