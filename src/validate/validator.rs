//! The validator's state shared by every pass, and the catalog-level pass that
//! calls the others.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::wording::short_list;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{EnumDef, Model, Section};
use crate::read::{RawCatalog, RawSection, Sp, closest};

pub(super) struct Validator<'d> {
    pub(super) diagnostics: &'d mut Vec<Diagnostic>,
    /// The declared locales that passed their checks, in catalog order.
    pub(super) locales: Vec<String>,
    /// The same, for membership tests.
    pub(super) locale_set: HashSet<String>,
    /// More locales than [`meta::MAX_LOCALES`]: texts are then not checked for
    /// missing locales (each check would cost the number of locales).
    pub(super) locales_capped: bool,
    /// Name comparisons the typo search may still make (see [`TYPO_BUDGET`]).
    pub(super) typo_budget: usize,
}

impl<'d> Validator<'d> {
    pub(super) fn new(diagnostics: &'d mut Vec<Diagnostic>) -> Self {
        Validator {
            diagnostics,
            locales: Vec::new(),
            locale_set: HashSet::new(),
            locales_capped: false,
            typo_budget: TYPO_BUDGET,
        }
    }

    pub(super) fn error(
        &mut self,
        kind: DiagnosticKind,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(kind, span, message, hint));
    }

    pub(super) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn catalog(&mut self, raw: &RawCatalog) -> Option<Model> {
        let meta = self.meta(&raw.meta);
        let mut type_names: HashMap<String, Sp<String>> = HashMap::new();
        let enum_defs: Vec<EnumDef> = raw
            .enums
            .iter()
            .map(|e| self.enum_def(e, &mut type_names))
            .collect();
        let enums = Enums::new(&enum_defs);
        let mut sections = self.sections(&raw.sections);
        let section_index = SectionIndex::new(&raw.sections);
        let mut sets = Vec::new();
        for raw_set in &raw.sets {
            if let Some(name) = &raw_set.name {
                self.type_name(name, &mut type_names);
            }
            if let Some(section) = &raw_set.section {
                self.place_in_section(section, &mut sections, &section_index, sets.len());
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
            enums: enum_defs,
            sections,
            sets: sets.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }

    fn sections(&mut self, raw: &[RawSection]) -> Vec<Section> {
        let mut sections: Vec<Section> = Vec::new();
        let mut id_spans: Vec<Range<usize>> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for raw_section in raw {
            let id = raw_section.id.clone().map(|id| {
                self.snake_id(&id, "section id");
                let first = *by_id.entry(id.value.clone()).or_insert(sections.len());
                if first != sections.len() {
                    self.report(
                        Diagnostic::new(
                            DiagnosticKind::DuplicateId,
                            id.span.clone(),
                            format!("section id `{}` is declared twice", id.value),
                            "rename one",
                        )
                        .with_label(id_spans[first].clone(), "first declared here"),
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

    fn place_in_section(
        &mut self,
        section: &Sp<String>,
        sections: &mut [Section],
        index: &SectionIndex,
        set: usize,
    ) {
        match index.by_id.get(section.value.as_str()) {
            Some(&i) => sections[i].sets.push(set),
            None => {
                let hint =
                    self.suggestion(&section.value, &index.ids, "declare it with [[section]]");
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
    pub(super) fn diagnostics_at(&self, span: &Range<usize>) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.span.start >= span.start && d.span.end <= span.end)
    }
}

/// The catalog's enums with their names and values indexed, so that every
/// lookup by name costs the same however many enums and values there are.
pub(super) struct Enums<'a> {
    pub defs: &'a [EnumDef],
    /// Enum name → index of the first enum of that name.
    by_name: HashMap<&'a str, usize>,
    names: Vec<&'a str>,
    /// Per enum, value name → index of the first value of that name.
    values: Vec<HashMap<&'a str, usize>>,
}

impl<'a> Enums<'a> {
    pub(super) fn new(defs: &'a [EnumDef]) -> Self {
        let names: Vec<&str> = defs.iter().map(|e| e.name.as_str()).collect();
        let mut by_name = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            by_name.entry(*name).or_insert(i);
        }
        let values = defs
            .iter()
            .map(|e| {
                let mut index = HashMap::new();
                for (i, v) in e.values.iter().enumerate() {
                    index.entry(v.name.as_str()).or_insert(i);
                }
                index
            })
            .collect();
        Enums {
            defs,
            by_name,
            names,
            values,
        }
    }

    /// The index of the enum named `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub fn names(&self) -> &[&'a str] {
        &self.names
    }

    /// The index of value `name` of enum `e`.
    pub fn value(&self, e: usize, name: &str) -> Option<usize> {
        self.values[e].get(name).copied()
    }
}

impl std::ops::Index<usize> for Enums<'_> {
    type Output = EnumDef;
    fn index(&self, e: usize) -> &EnumDef {
        &self.defs[e]
    }
}

/// Section ids → index, and the ids in order, built once for every set's lookup.
struct SectionIndex<'a> {
    by_id: HashMap<&'a str, usize>,
    ids: Vec<&'a str>,
}

impl<'a> SectionIndex<'a> {
    fn new(raw: &'a [RawSection]) -> Self {
        let ids: Vec<&str> = raw
            .iter()
            .map(|s| s.id.as_ref().map_or("", |id| id.value.as_str()))
            .collect();
        let mut by_id = HashMap::new();
        for (i, id) in ids.iter().enumerate() {
            by_id.entry(*id).or_insert(i);
        }
        SectionIndex { by_id, ids }
    }
}

impl Validator<'_> {
    /// A hint for an unknown name: the nearest known one when it looks like a
    /// typo, else `otherwise` and a few known names.
    pub(super) fn suggestion(&mut self, value: &str, known: &[&str], otherwise: &str) -> String {
        // Past a few hundred names a typo search per mistake would make many
        // mistakes quadratic, and all searches of one catalog share a budget
        // (a thousand mistakes among 500 names would otherwise cost 500,000
        // comparisons): past either, the hint lists a few names only.
        let near = if known.len() <= MAX_TYPO_CANDIDATES && known.len() <= self.typo_budget {
            self.typo_budget -= known.len();
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
}

const MAX_TYPO_CANDIDATES: usize = 500;

/// Name comparisons one validation may spend on typo hints: enough for
/// hundreds of mistakes among hundreds of names, and a bound on the cost of
/// any number of mistakes.
const TYPO_BUDGET: usize = 100_000;
