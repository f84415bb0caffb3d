//! Dated changes: which attribute, which entries, the value before the date;
//! each becomes history on the entries it names.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::validator::{Enums, Validator};
use super::wording::shown;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::{Attribute, Change, Code, Date, Entry, KeyKind, PastValue};
use crate::read::{RawChange, RawCode, RawSet, Sp};

/// What checking one change needs to know about its set.
struct ChangeContext<'a> {
    key: KeyKind,
    by_code: HashMap<Code, usize>,
    enums: &'a Enums<'a>,
    /// (attribute, entry, date) already changed, with the code that named the entry.
    seen: BTreeMap<(usize, usize, Date), Range<usize>>,
}

impl Validator<'_> {
    pub(super) fn changes(
        &mut self,
        raw: &RawSet,
        key: KeyKind,
        attributes: &mut [Attribute],
        entries: &mut [Entry],
        enums: &Enums<'_>,
    ) -> Option<Vec<Change>> {
        let mut context = ChangeContext {
            key,
            by_code: HashMap::new(),
            enums,
            seen: BTreeMap::new(),
        };
        for (i, entry) in entries.iter().enumerate() {
            for code in &entry.codes {
                context.by_code.insert(code.clone(), i);
            }
        }
        let mut changes = Vec::new();
        for raw_change in &raw.changes {
            if let Some(change) = self.change(raw_change, &mut context, attributes, entries) {
                changes.push((raw_change.span.clone(), change));
            }
        }
        self.without_effect(&changes, attributes, entries);
        Some(changes.into_iter().map(|(_, c)| c).collect())
    }

    fn change(
        &mut self,
        raw: &RawChange,
        context: &mut ChangeContext<'_>,
        attributes: &mut [Attribute],
        entries: &mut [Entry],
    ) -> Option<Change> {
        let attr_name = raw.attribute.as_ref()?;
        let Some(attribute) = attributes.iter().position(|a| a.name == attr_name.value) else {
            let names: Vec<&str> = attributes.iter().map(|a| a.name.as_str()).collect();
            let hint = self.suggestion(
                &attr_name.value,
                &names,
                "name an attribute declared with [[set.attribute]]",
            );
            self.error(
                DiagnosticKind::UnknownAttribute,
                attr_name.span.clone(),
                format!("change names unknown attribute `{}`", attr_name.value),
                hint,
            );
            return None;
        };
        let (year, month, day) = raw.effective.as_ref()?.value;
        let date = Date { year, month, day };
        let before = self.value(raw.before.as_ref()?, &attributes[attribute], context.enums)?;
        let changed = self.changed_entries(raw, context, (attribute, attr_name), date, entries);
        for &entry in &changed {
            entries[entry].values[attribute].history.push(PastValue {
                until: date,
                value: before.clone(),
            });
        }
        attributes[attribute].has_changes = true;
        Some(Change {
            attribute,
            effective: date,
            before,
            entries: changed,
            notice: raw.notice.as_ref().map(|n| self.text(Some(n), "notice")),
        })
    }

    /// The entries a change names through its codes, each once.
    fn changed_entries(
        &mut self,
        raw: &RawChange,
        context: &mut ChangeContext<'_>,
        (attribute, attr_name): (usize, &Sp<String>),
        date: Date,
        entries: &[Entry],
    ) -> Vec<usize> {
        let mut changed: Vec<usize> = Vec::new();
        let mut first_named: HashMap<usize, Range<usize>> = HashMap::new();
        if let Some(codes) = raw.codes.as_ref().filter(|c| c.value.is_empty()) {
            self.error(
                DiagnosticKind::EmptyCodes,
                codes.span.clone(),
                "this change lists no codes",
                "list the codes whose value changes on this date (the canonical code is enough)",
            );
        }
        for raw_code in raw.codes.iter().flat_map(|c| &c.value) {
            let Some((code, entry)) = self.changed_entry(raw_code, context) else {
                continue;
            };
            let name = shown(&entries[entry].name);
            let span = raw_code.span.clone();
            if let Some(first) = first_named.get(&entry) {
                let diagnostic = Diagnostic::new(
                    DiagnosticKind::ChangeDuplicateEntry,
                    span,
                    format!("code {code} names entry `{name}` a second time in this change"),
                    "list each entry once (its canonical code is enough)",
                )
                .with_label(first.clone(), format!("`{name}` is first named here"));
                self.report(diagnostic);
                continue;
            }
            if let Some(first) = context.seen.get(&(attribute, entry, date)) {
                let diagnostic = Diagnostic::new(
                    DiagnosticKind::ChangeConflict,
                    span,
                    format!(
                        "entry `{name}` already has a change of `{}` on {date}",
                        attr_name.value
                    ),
                    "merge the two changes",
                )
                .with_label(first.clone(), "the other change names it here");
                self.report(diagnostic);
                continue;
            }
            context.seen.insert((attribute, entry, date), span.clone());
            first_named.insert(entry, span);
            changed.push(entry);
        }
        changed
    }

    fn changed_entry(
        &mut self,
        raw_code: &Sp<RawCode>,
        context: &ChangeContext<'_>,
    ) -> Option<(Code, usize)> {
        let code = self.code(raw_code, Some(context.key))?;
        let Some(&entry) = context.by_code.get(&code) else {
            self.error(
                DiagnosticKind::ChangeUnknownCode,
                raw_code.span.clone(),
                format!("change names code {code}, which no entry of this set has"),
                "list only codes declared by a [[set.entry]] of this set",
            );
            return None;
        };
        Some((code, entry))
    }

    /// A change must change something: the value after it must differ from `before`.
    fn without_effect(
        &mut self,
        changes: &[(Range<usize>, Change)],
        attributes: &[Attribute],
        entries: &mut [Entry],
    ) {
        // (attribute, date) → the first change of it, where a change without effect is shown.
        let mut first_change: BTreeMap<(usize, Date), &Range<usize>> = BTreeMap::new();
        for (span, change) in changes {
            first_change
                .entry((change.attribute, change.effective))
                .or_insert(span);
        }
        for entry in entries.iter_mut() {
            for (a, value) in entry.values.iter_mut().enumerate() {
                value.history.sort_by_key(|p| p.until);
                for (k, past) in value.history.iter().enumerate() {
                    let after = value
                        .history
                        .get(k + 1)
                        .map_or(&value.current, |next| &next.value);
                    if *after != past.value {
                        continue;
                    }
                    let span = first_change
                        .get(&(a, past.until))
                        .map_or(0..0, |s| (*s).clone());
                    self.error(
                        DiagnosticKind::ChangeWithoutEffect,
                        span,
                        format!(
                            "the change of `{}` on {} does not change entry `{}`",
                            shown(&attributes[a].name),
                            past.until,
                            shown(&entry.name)
                        ),
                        "`before` must differ from the value the entry has after the date",
                    );
                }
            }
        }
    }
}
