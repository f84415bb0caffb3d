//! What each change is ([`What`]), its class ([`Kind`]: breaking, behavioural,
//! additive, documentation) and the version bump ([`Bump`]) the classes require.

use crate::render::{BACKENDS, Matching};
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Code written against the old catalog may stop compiling or misbehave.
    Breaking,
    /// Same API, different meaning: messages, hints, attribute values, dated changes.
    Behavioural,
    /// New API: sets, entries, codes, locales, attributes, enum values.
    Additive,
    /// Texts only read by people: titles, labels, notes, notices.
    Documentation,
}

impl Kind {
    pub(super) const ALL: [Kind; 4] = [
        Kind::Breaking,
        Kind::Behavioural,
        Kind::Additive,
        Kind::Documentation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Breaking => "breaking",
            Kind::Behavioural => "behavioural",
            Kind::Additive => "additive",
            Kind::Documentation => "documentation",
        }
    }

    pub(super) fn heading(self) -> &'static str {
        match self {
            Kind::Breaking => "Breaking",
            Kind::Behavioural => "Behavioural",
            Kind::Additive => "Additive",
            Kind::Documentation => "Documentation",
        }
    }

    /// The bump this kind requires when leaving a version with this major number.
    pub(super) fn bump(self, old_major: u64) -> Bump {
        match self {
            Kind::Breaking if old_major == 0 => Bump::Minor,
            Kind::Breaking => Bump::Major,
            Kind::Behavioural | Kind::Additive => Bump::Minor,
            Kind::Documentation => Bump::Patch,
        }
    }
}

/// What changed; the kebab-case names are the `what` field of the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum What {
    // Breaking.
    PackageRenamed,
    LocaleRemoved,
    EnumRemoved,
    EnumValueRemoved,
    SetRemoved,
    SetRenamed,
    KeyTypeChanged,
    AttributeRemoved,
    AttributeRenamed,
    AttributeTypeChanged,
    EntryRemoved,
    EntryRenamed,
    CodeRemoved,
    CodeMoved,
    // Behavioural.
    DefaultLocaleChanged,
    CanonicalCodeChanged,
    MessageChanged,
    HintChanged,
    AttributeChanged,
    DatedChangeAdded,
    DatedChangeRemoved,
    DatedChangeChanged,
    // An entry deprecated, no longer deprecated, or deprecated differently.
    Deprecated,
    Undeprecated,
    DeprecationChanged,
    // An alias deprecated on its own, or no longer.
    CodeDeprecated,
    CodeUndeprecated,
    // Additive.
    LocaleAdded,
    EnumAdded,
    EnumValueAdded,
    SetAdded,
    AttributeAdded,
    EntryAdded,
    CodeAdded,
    // Documentation.
    TextChanged,
}

impl What {
    pub fn kind(self) -> Kind {
        use What::*;
        match self {
            PackageRenamed | LocaleRemoved | EnumRemoved | EnumValueRemoved | SetRemoved
            | SetRenamed | KeyTypeChanged | AttributeRemoved | AttributeRenamed
            | AttributeTypeChanged | EntryRemoved | EntryRenamed | CodeRemoved | CodeMoved => {
                Kind::Breaking
            }
            DefaultLocaleChanged | CanonicalCodeChanged | MessageChanged | HintChanged
            | AttributeChanged | DatedChangeAdded | DatedChangeRemoved | DatedChangeChanged
            | Deprecated | Undeprecated | DeprecationChanged | CodeDeprecated
            | CodeUndeprecated => Kind::Behavioural,
            LocaleAdded | EnumAdded | EnumValueAdded | SetAdded | AttributeAdded | EntryAdded
            | CodeAdded => Kind::Additive,
            TextChanged => Kind::Documentation,
        }
    }

    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// A target language whose exhaustive matching a new case breaks: the name of
/// a registered backend (`swift`) whose `Backend::matching` is exhaustive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Target(pub &'static str);

/// The targets a new case of a generated enum type (a set, a catalog enum, the
/// locale type) breaks, by name: each backend says how its users match
/// (`Backend::matching`), so the list follows the registry.
pub(super) fn new_case() -> Vec<Target> {
    let mut targets: Vec<Target> = BACKENDS
        .iter()
        .filter(|backend| matches!(backend.matching(), Matching::Exhaustive(_)))
        .map(|backend| Target(backend.name()))
        .collect();
    targets.sort();
    targets
}

impl PartialOrd for Target {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Target {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

/// The bump the changes require when leaving a version with major number
/// `old_major`: the largest their kinds demand, `none` for no change.
pub(super) fn required_bump(kinds: impl Iterator<Item = Kind>, old_major: u64) -> Bump {
    kinds
        .map(|kind| kind.bump(old_major))
        .max()
        .unwrap_or(Bump::None)
}

/// The bump from `old` to `new`; `none` when equal or going backwards.
pub(super) fn bump_between(old: &semver::Version, new: &semver::Version) -> Bump {
    if new <= old {
        Bump::None
    } else if new.major > old.major {
        Bump::Major
    } else if new.minor > old.minor {
        Bump::Minor
    } else {
        // A higher patch, or a release of the same numbers after a pre-release.
        Bump::Patch
    }
}
