//! Limits and reserved words shared by several validation passes.

/// The longest name the catalog may use: names become file names (Kotlin class
/// files, the Swift module folder, npm and crate names), which platforms cap at
/// 255 bytes, and derived names add suffixes.
pub const MAX_NAME_CHARS: usize = 100;

/// The most attributes one set may have. No compiler needs this any more (the
/// Kotlin binding keeps attribute values in tables chunked by size, not in an
/// enum constructor's 255 parameter slots); it bounds the width of the generated
/// types and of what the tests exercise.
pub const MAX_ATTRIBUTES_PER_SET: usize = 100;

/// Keys an entry table has besides attribute values; attributes may not reuse them.
pub const ENTRY_KEYS: &[&str] = &[
    "name",
    "codes",
    "group",
    "message",
    "hint",
    "note",
    "deprecated",
    "deprecated_codes",
];
