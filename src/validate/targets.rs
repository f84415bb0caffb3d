//! `[targets.<backend>]` tables: each names a registered backend and sets only
//! the keys it declares (`Backend::settings`), in the form it declares; and
//! the package or module names each language derives from the catalog.

use std::collections::BTreeMap;

use heck::ToKebabCase;

use super::validator::Validator;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::read::{RawCatalog, RawTarget, closest};
use crate::render::naming::{PackageKey, PackageNames};
use crate::render::{BACKENDS, Backend};

impl Validator<'_> {
    /// The settings of every target, checked.
    pub(super) fn targets(
        &mut self,
        raw: &[RawTarget],
    ) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut targets = BTreeMap::new();
        for target in raw {
            let Some(backend) = backend(&target.name.value) else {
                let names: Vec<&str> = BACKENDS.iter().map(|b| b.name()).collect();
                let hint = match closest(&target.name.value, &names) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the targets are: {}", names.join(", ")),
                };
                self.error(
                    DiagnosticKind::UnknownKey,
                    target.name.span.clone(),
                    format!("unknown target `{}` in `[targets]`", target.name.value),
                    hint,
                );
                continue;
            };
            let mut settings = BTreeMap::new();
            for (key, value) in &target.settings {
                let Some(setting) = backend.settings().iter().find(|s| s.key == key.value) else {
                    let keys: Vec<&str> = backend.settings().iter().map(|s| s.key).collect();
                    let hint = match (closest(&key.value, &keys), keys.is_empty()) {
                        (Some(near), _) => format!("did you mean `{near}`?"),
                        (None, true) => format!("`{}` takes no settings", backend.name()),
                        (None, false) => format!(
                            "the keys of `[targets.{}]` are: {}",
                            backend.name(),
                            keys.join(", ")
                        ),
                    };
                    self.error(
                        DiagnosticKind::UnknownKey,
                        key.span.clone(),
                        format!(
                            "unknown key `{}` in `[targets.{}]`",
                            key.value,
                            backend.name()
                        ),
                        hint,
                    );
                    continue;
                };
                let what = format!("`targets.{}.{}`", backend.name(), setting.key);
                if self.short_enough(value, &what)
                    && let Some(problem) = (setting.check)(&value.value)
                {
                    self.error(
                        DiagnosticKind::InvalidIdentifier,
                        value.span.clone(),
                        format!("{what} `{}` {}", value.value, problem.message),
                        problem.hint,
                    );
                }
                settings.insert(key.value.clone(), value.value.clone());
            }
            targets.insert(target.name.value.clone(), settings);
        }
        targets
    }
}

fn backend(name: &str) -> Option<&'static dyn Backend> {
    BACKENDS.iter().copied().find(|b| b.name() == name)
}

/// Package and module names each language derives from the catalog (its name
/// and the language's own settings) that its compiler or package manager refuses.
pub(super) fn package_names(raw: &RawCatalog, diagnostics: &mut Vec<Diagnostic>) {
    let Some(name) = raw
        .meta
        .name
        .as_ref()
        .filter(|n| n.value.to_kebab_case() == n.value)
    else {
        return;
    };
    for backend in BACKENDS {
        let Some(oracle) = backend.oracle() else {
            continue;
        };
        let target = raw.targets.iter().find(|t| t.name.value == backend.name());
        let settings: Vec<(&str, &str)> = target
            .iter()
            .flat_map(|t| &t.settings)
            .map(|(key, value)| (key.value.as_str(), value.value.as_str()))
            .collect();
        let names = PackageNames {
            name: &name.value,
            settings: &settings,
        };
        for problem in oracle.package_problems(&names) {
            let span = match problem.key {
                PackageKey::Name => &name.span,
                PackageKey::Setting(key) => target
                    .into_iter()
                    .flat_map(|t| &t.settings)
                    .find(|(k, _)| k.value == key)
                    .map_or(&name.span, |(_, value)| &value.span),
            };
            diagnostics.push(Diagnostic::new(
                DiagnosticKind::ReservedPackage,
                span.clone(),
                problem.message,
                problem.hint,
            ));
        }
    }
}
