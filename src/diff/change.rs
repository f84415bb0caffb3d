//! One difference between two catalogs ([`Change`]), as the comparison builds it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value as Json;

use super::classify::{Kind, Target, What};
use crate::export::{self, CodeJson};
use crate::model::{Code, Entry};

/// One difference.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Change {
    pub kind: Kind,
    /// The set the change is in; null for catalog-wide changes (locales, enums, package).
    pub set: Option<String>,
    /// The entry (the new name when renamed); null for changes to a set or the catalog.
    pub entry: Option<String>,
    /// The codes the change is about: numbers, or strings in string-keyed sets.
    pub codes: Vec<CodeJson<'static>>,
    pub what: What,
    /// The old value: a message/hint `{locale: text}`, an attribute value, a name…; null when none.
    pub old: Option<Json>,
    /// The new value, in the same form as `old`.
    pub new: Option<Json>,
    /// The attribute, for attribute and dated changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    /// The effective date (`YYYY-MM-DD`) of a dated change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    /// One English sentence describing the change.
    pub detail: String,
    /// For additive changes: the targets where the addition still breaks an exhaustive
    /// `switch`/`when` (Rust enums are `#[non_exhaustive]`; in TypeScript,
    /// `CatalogLocale` and the identifiers of sets and enums are union types).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breaks_exhaustive: Option<Vec<Target>>,
    /// The entry's message `{locale: text}` (the new one, or the old one if removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<BTreeMap<String, String>>,
    /// A dated change's notice `{locale: text}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<BTreeMap<String, String>>,
}

impl Change {
    pub(super) fn new(what: What, detail: String) -> Change {
        Change {
            kind: what.kind(),
            set: None,
            entry: None,
            codes: Vec::new(),
            what,
            old: None,
            new: None,
            attribute: None,
            effective: None,
            detail,
            breaks_exhaustive: None,
            message: None,
            notice: None,
        }
    }

    pub(super) fn set(mut self, set: &str) -> Self {
        self.set = Some(set.to_owned());
        self
    }

    pub(super) fn entry(mut self, entry: &Entry) -> Self {
        self.entry = Some(entry.name.clone());
        self.message = Some(export::text(&entry.message).clone());
        self
    }

    pub(super) fn codes<'a>(mut self, codes: impl IntoIterator<Item = &'a Code>) -> Self {
        self.codes = codes
            .into_iter()
            .map(|code| export::code(code).into_owned())
            .collect();
        self
    }

    pub(super) fn values(mut self, old: Option<Json>, new: Option<Json>) -> Self {
        self.old = old;
        self.new = new;
        self
    }

    pub(super) fn breaks(mut self, targets: &[Target]) -> Self {
        self.breaks_exhaustive = Some(targets.to_vec());
        self
    }

    /// The subject: `Set.Entry`, `Set` or `catalog`.
    pub(super) fn subject(&self) -> String {
        match (&self.set, &self.entry) {
            (Some(set), Some(entry)) => format!("{set}.{entry}"),
            (Some(set), None) => set.clone(),
            _ => "catalog".to_owned(),
        }
    }

    pub(super) fn attr(mut self, name: &str) -> Self {
        self.attribute = Some(name.to_owned());
        self
    }
}
