//! The report of a comparison ([`Report`]) and its three forms: readable
//! lines (`--format human`), a changelog section per locale (`markdown`) and JSON.

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value as Json;

use super::change::Change;
use super::classify::{Bump, Kind, Target, What, bump_between, required_bump};
use crate::export;
use crate::model::Model;
use crate::render::{BACKENDS, Matching};

/// Everything that differs between two catalogs (`retcode diff --format json`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    /// The new catalog's package name.
    pub name: String,
    pub old_version: String,
    pub new_version: String,
    /// The bump the changes require: breaking → major (minor below 1.0.0),
    /// behavioural or additive → minor, documentation → patch, nothing → none.
    pub required_bump: Bump,
    /// The bump from `old_version` to `new_version`; `none` also when it goes backwards.
    pub actual_bump: Bump,
    /// True when `actual_bump` is at least `required_bump` (what `--gate` checks).
    pub gate_passes: bool,
    /// The new catalog's locales; the markdown has one section per locale.
    pub locales: Vec<String>,
    /// Grouped by kind (breaking first), then in catalog order.
    pub changes: Vec<Change>,
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";

fn colour(kind: Kind) -> &'static str {
    match kind {
        Kind::Breaking => "\x1b[1;31m",
        Kind::Behavioural => "\x1b[1;33m",
        Kind::Additive => "\x1b[1;32m",
        Kind::Documentation => "\x1b[1;36m",
    }
}

impl Report {
    /// The report on `changes` (in catalog order) from `old` to `new`: grouped
    /// by kind, with the bump they require and the one the versions make.
    pub(super) fn new(old: &Model, new: &Model, mut changes: Vec<Change>) -> Report {
        // Stable: grouped by kind, catalog order within a kind.
        changes.sort_by_key(|change| change.kind);
        let old_version = semver::Version::parse(&old.version).ok();
        let new_version = semver::Version::parse(&new.version).ok();
        let old_major = old_version.as_ref().map_or(0, |version| version.major);
        let required_bump = required_bump(changes.iter().map(|change| change.kind), old_major);
        let actual_bump = match (&old_version, &new_version) {
            (Some(old), Some(new)) => bump_between(old, new),
            _ => Bump::None,
        };
        Report {
            name: new.name.clone(),
            old_version: old.version.clone(),
            new_version: new.version.clone(),
            required_bump,
            actual_bump,
            gate_passes: actual_bump >= required_bump,
            locales: new.locales.clone(),
            changes,
        }
    }

    fn of(&self, kind: Kind) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }

    pub(super) fn old_major(&self) -> u64 {
        semver::Version::parse(&self.old_version).map_or(0, |v| v.major)
    }

    /// One line about versions and bumps.
    fn verdict(&self) -> String {
        let mut text = format!(
            "required bump: {}; actual bump: {} ({} → {})",
            self.required_bump.as_str(),
            self.actual_bump.as_str(),
            self.old_version,
            self.new_version
        );
        if self.required_bump == Bump::Minor
            && self.old_major() == 0
            && self.of(Kind::Breaking).next().is_some()
        {
            text.push_str("; below 1.0.0 a breaking change requires a minor bump");
        }
        if !self.gate_passes {
            text.push_str("; the version bump is too small");
        }
        text
    }

    /// Readable lines grouped by kind; `color` adds ANSI styles (stripped by
    /// `anstream` when the output is not a terminal or `NO_COLOR` is set).
    pub fn human(&self, color: bool) -> String {
        let style = |s: &'static str| if color { s } else { "" };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}{} {} → {}{}",
            style(BOLD),
            self.name,
            self.old_version,
            self.new_version,
            style(RESET)
        );
        if self.changes.is_empty() {
            out.push_str("no changes\n");
        }
        let locale = self.locales.first().map_or("", String::as_str);
        for kind in Kind::ALL {
            let count = self.of(kind).count();
            if count == 0 {
                continue;
            }
            let _ = writeln!(
                out,
                "{}{} ({count}){}",
                style(colour(kind)),
                kind.heading(),
                style(RESET)
            );
            for change in self.of(kind) {
                // Catalog texts may hold control characters: none reaches the terminal.
                let line = crate::diagnostic::printable(&line(change, locale));
                let _ = writeln!(out, "  - {line}");
            }
        }
        let _ = writeln!(out, "{}", self.verdict());
        out
    }

    /// A changelog section per catalog locale, ready for release notes.
    /// Headings are English with the locale tag; texts are in that locale.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for locale in &self.locales {
            let _ = writeln!(
                out,
                "## {} {} → {} ({locale})\n",
                self.name, self.old_version, self.new_version
            );
            if self.changes.is_empty() {
                out.push_str("No changes.\n\n");
                continue;
            }
            let _ = writeln!(
                out,
                "Requires a {} version bump.\n",
                self.required_bump.as_str()
            );
            for kind in Kind::ALL {
                if self.of(kind).next().is_none() {
                    continue;
                }
                let _ = writeln!(out, "### {}\n", kind.heading());
                for change in self.of(kind) {
                    let _ = writeln!(out, "- {}", markdown_escape_line(&line(change, locale)));
                }
                out.push('\n');
            }
        }
        out
    }

    pub fn json(&self) -> String {
        export::pretty(self)
    }
}

/// The subject is code-formatted; the rest is kept as written.
fn markdown_escape_line(line: &str) -> String {
    match line.split_once(": ") {
        Some((subject, rest)) if !subject.contains(' ') => format!("`{subject}`: {rest}"),
        _ => line.to_owned(),
    }
}

/// The change in one line, with texts in `locale`.
fn line(change: &Change, locale: &str) -> String {
    let mut line = format!("{}: {}", change.subject(), change.detail);
    let text = |value: &Option<Json>| -> Option<String> {
        value
            .as_ref()?
            .get(locale)
            .and_then(Json::as_str)
            .map(str::to_owned)
    };
    match change.what {
        What::MessageChanged | What::HintChanged | What::TextChanged => {
            let old = text(&change.old);
            let new = text(&change.new);
            if old.is_some() || new.is_some() {
                let show = |t: Option<String>| {
                    t.map_or("(none)".to_owned(), |t| format!("“{}”", one_line(&t)))
                };
                let _ = write!(line, ": {} → {}", show(old), show(new));
            }
        }
        _ => {
            if let Some(message) = change.message.as_ref().and_then(|m| m.get(locale)) {
                let _ = write!(line, " — “{}”", one_line(message));
            }
        }
    }
    if let Some(notice) = change.notice.as_ref().and_then(|n| n.get(locale)) {
        let _ = write!(line, " — notice: {}", one_line(notice));
    }
    if let Some(targets) = &change.breaks_exhaustive {
        line.push_str(&exhaustive_note(targets));
    }
    line
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How each target in `targets` matches, and which code targets are open to
/// new cases and why, as every backend declares (`Backend::matching`).
fn exhaustive_note(targets: &[Target]) -> String {
    let mut broken = Vec::new();
    let mut open = Vec::new();
    for backend in BACKENDS {
        match backend.matching() {
            Matching::Exhaustive(how) if targets.contains(&Target(backend.name())) => {
                broken.push((backend.name(), how.to_string()));
            }
            Matching::Open(why) => {
                let language = backend.oracle().map_or(backend.name(), |o| o.language());
                open.push((backend.name(), format!("{language}: {why}, unaffected")));
            }
            _ => {}
        }
    }
    if broken.is_empty() {
        return " (breaks no exhaustive matching)".to_owned();
    }
    broken.sort();
    open.sort();
    let broken: Vec<String> = broken.into_iter().map(|(_, how)| how).collect();
    let mut note = format!(" (breaks exhaustive {}", broken.join(", "));
    for (_, line) in open {
        note.push_str("; ");
        note.push_str(&line);
    }
    note.push(')');
    note
}
