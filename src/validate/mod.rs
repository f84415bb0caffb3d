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
mod rules;
mod sets;
mod targets;
mod validator;
mod wording;

use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::read::RawCatalog;
use validator::Validator;

/// Validates a raw catalog. `diagnostics` may already hold reading problems;
/// a model is returned only when, after validation, it holds none.
pub fn validate(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) -> Option<Model> {
    let mut v = Validator::new(diagnostics);
    let model = v.catalog(raw);
    names::check(raw, v.diagnostics);
    targets::package_names(raw, v.diagnostics);
    if !v.diagnostics.iter().any(Diagnostic::is_error) {
        model
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
