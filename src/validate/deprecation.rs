//! Deprecations (of entries and of single alias codes) and tombstones
//! (`[[set.retired]]`): checked once the set's entries are known.

use std::collections::HashMap;
use std::ops::Range;

use super::validator::Validator;
use super::wording::{short_list_of, shown};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{Code, Date, DeprecatedCode, Deprecation, Entry, KeyKind, Retired};
use crate::read::{RawSet, Sp};

fn date(raw: &Sp<(u16, u8, u8)>) -> Date {
    let (year, month, day) = raw.value;
    Date { year, month, day }
}

impl Validator<'_> {
    /// Fills in `deprecated` and `deprecated_codes` of every entry (`entries`
    /// holds one entry per `raw.entries`, in order) and returns the set's tombstones.
    pub(super) fn deprecations(
        &mut self,
        raw: &RawSet,
        key: KeyKind,
        entries: &mut [Entry],
    ) -> Option<Vec<Retired>> {
        let index: HashMap<&str, usize> = raw
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.name.as_ref().map(|n| (n.value.as_str(), i)))
            .collect();
        let names: Vec<&str> = raw
            .entries
            .iter()
            .filter_map(|e| e.name.as_ref().map(|n| n.value.as_str()))
            .collect();
        let mut ok = true;
        for (i, raw_entry) in raw.entries.iter().enumerate() {
            if let Some(d) = &raw_entry.deprecated {
                let replacement = d.replacement.as_ref().and_then(|r| {
                    let found = index.get(r.value.as_str()).copied();
                    match found {
                        None => {
                            let hint = self.suggestion(
                                &r.value,
                                &names,
                                "name an entry of this set, or leave `replacement` out",
                            );
                            self.error(
                                DiagnosticKind::UnknownReplacement,
                                r.span.clone(),
                                format!("replacement `{}` is not an entry of this set", r.value),
                                hint,
                            );
                        }
                        Some(j) if j == i => self.error(
                            DiagnosticKind::SelfReplacement,
                            r.span.clone(),
                            format!("entry `{}` names itself as its replacement", r.value),
                            "name the entry to use instead, or leave `replacement` out",
                        ),
                        Some(j) => {
                            if let Some(other) = &raw.entries[j].deprecated {
                                self.report(
                                    Diagnostic::new(
                                        DiagnosticKind::DeprecatedReplacement,
                                        r.span.clone(),
                                        format!("replacement `{}` is deprecated as well", r.value),
                                        "name an entry that is not deprecated (the end of the chain)",
                                    )
                                    .with_label(other.span.clone(), "deprecated here"),
                                );
                            } else {
                                return Some(j);
                            }
                        }
                    }
                    None
                });
                ok &= d.replacement.is_none() || replacement.is_some();
                let reason = self.text(d.reason.as_ref(), "reason");
                match &d.since {
                    Some(since) => {
                        entries[i].deprecated = Some(Deprecation {
                            since: date(since),
                            reason,
                            replacement,
                        });
                    }
                    None => ok = false,
                }
            }
            let mut seen: HashMap<Code, Range<usize>> = HashMap::new();
            // Code → position in the entry, built only for entries that deprecate codes.
            let mut positions: HashMap<Code, usize> = HashMap::new();
            if !raw_entry.deprecated_codes.is_empty() {
                for (p, code) in entries[i].codes.iter().enumerate() {
                    positions.entry(code.clone()).or_insert(p);
                }
            }
            for d in &raw_entry.deprecated_codes {
                let Some(raw_code) = &d.code else {
                    ok = false;
                    continue;
                };
                let Some(code) = self.code(raw_code, Some(key)) else {
                    ok = false;
                    continue;
                };
                let entry = &entries[i];
                let position = positions.get(&code).copied();
                if position.is_none_or(|p| p == 0) {
                    let (message, hint) = if position == Some(0) {
                        (
                            format!("code {code} is the canonical code of `{}`", shown(&entry.name)),
                            "deprecating the canonical code deprecates the entry: write `deprecated = { … }` instead, or make another code canonical".to_string(),
                        )
                    } else {
                        (
                            format!(
                                "code {code} is not a code of entry `{}`",
                                shown(&entry.name)
                            ),
                            format!(
                                "`deprecated_codes` lists aliases of this entry: {}",
                                aliases(&entry.codes)
                            ),
                        )
                    };
                    self.error(
                        DiagnosticKind::DeprecatedCodeNotAlias,
                        raw_code.span.clone(),
                        message,
                        hint,
                    );
                    ok = false;
                    continue;
                }
                if let Some(first) = seen.get(&code) {
                    self.report(
                        Diagnostic::new(
                            DiagnosticKind::DuplicateCode,
                            raw_code.span.clone(),
                            format!("code {code} is deprecated twice"),
                            "remove the repeated item",
                        )
                        .with_label(first.clone(), "first deprecated here"),
                    );
                    ok = false;
                    continue;
                }
                seen.insert(code.clone(), raw_code.span.clone());
                let reason = self.text(d.reason.as_ref(), "reason");
                let Some(since) = &d.since else {
                    ok = false;
                    continue;
                };
                entries[i].deprecated_codes.push(DeprecatedCode {
                    code,
                    since: date(since),
                    reason,
                });
            }
        }
        let retired = self.retired(raw, key);
        if ok { retired } else { None }
    }

    /// The set's tombstones; a retired code used again is reported at the reuse.
    fn retired(&mut self, raw: &RawSet, key: KeyKind) -> Option<Vec<Retired>> {
        let mut in_use: HashMap<Code, (std::borrow::Cow<'_, str>, Range<usize>)> = HashMap::new();
        for e in &raw.entries {
            let owner = e.name.as_ref().map_or("?".into(), |n| shown(&n.value));
            for raw_code in e.codes.iter().flat_map(|c| &c.value) {
                if let Some(code) = raw_code_value(raw_code, key) {
                    in_use
                        .entry(code)
                        .or_insert_with(|| (owner.clone(), raw_code.span.clone()));
                }
            }
        }
        let mut tombstones: HashMap<Code, Range<usize>> = HashMap::new();
        let mut retired = Vec::new();
        let mut ok = true;
        for r in &raw.retired {
            let Some(code) = r.code.as_ref().and_then(|c| self.code(c, Some(key))) else {
                ok = false;
                continue;
            };
            let code_span = r.code.as_ref().map_or(r.span.clone(), |c| c.span.clone());
            if let Some((owner, span)) = in_use.get(&code) {
                self.report(
                    Diagnostic::new(
                        DiagnosticKind::RetiredCodeReused,
                        span.clone(),
                        format!("code {code} of entry `{owner}` was retired"),
                        "a retired code keeps its old meaning for old clients: give the entry a new code, or drop the tombstone if the code was never released",
                    )
                    .with_label(code_span.clone(), "retired here"),
                );
                ok = false;
            }
            if let Some(first) = tombstones.get(&code) {
                self.report(
                    Diagnostic::new(
                        DiagnosticKind::RetiredCodeReused,
                        code_span.clone(),
                        format!("code {code} is retired twice"),
                        "a code has one tombstone; remove this one",
                    )
                    .with_label(first.clone(), "retired here"),
                );
                ok = false;
                continue;
            }
            tombstones.insert(code.clone(), code_span);
            let meaning = self.text(r.meaning.as_ref(), "meaning");
            let Some(d) = &r.date else {
                ok = false;
                continue;
            };
            retired.push(Retired {
                code,
                date: date(d),
                meaning,
            });
        }
        ok.then_some(retired)
    }
}

/// An entry's aliases for a hint: the first few, then how many more.
fn aliases(codes: &[Code]) -> String {
    let shown: Vec<String> = codes
        .iter()
        .skip(1)
        .take(9)
        .map(ToString::to_string)
        .collect();
    short_list_of(
        shown.iter().map(String::as_str),
        codes.len().saturating_sub(1),
    )
}

/// The code an entry lists, without reporting (the entry's own checks do).
fn raw_code_value(raw: &Sp<crate::read::RawCode>, key: KeyKind) -> Option<Code> {
    match (&raw.value, key) {
        (crate::read::RawCode::Int(n), KeyKind::Int) => i32::try_from(*n).ok().map(Code::Int),
        (crate::read::RawCode::Str(s), KeyKind::Str) => Some(Code::Str(s.clone())),
        _ => None,
    }
}
