//! How validation quotes names and lists in its messages.

use super::rules::MAX_NAME_CHARS;

/// At most eight names, then how many more: hints stay short however big the catalog.
pub(super) fn short_list(names: &[&str]) -> String {
    short_list_of(names.iter().copied(), names.len())
}

/// [`short_list`] of the first names of an iterator over `count` names, which
/// reads no more of it than it shows.
pub(super) fn short_list_of<'a>(names: impl Iterator<Item = &'a str>, count: usize) -> String {
    const SHOWN: usize = 8;
    let mut list = names.take(SHOWN).collect::<Vec<_>>().join(", ");
    if count > SHOWN {
        list.push_str(&format!(", … ({} more)", count - SHOWN));
    }
    list
}

/// The secondary label of a clash: "first declared here", or which spelling it clashes with.
pub(super) fn first_label(first: &str, again: &str, verb: &str) -> String {
    if first == again {
        format!("first {verb} here")
    } else {
        format!("`{first}` is {verb} here")
    }
}

/// A name as quoted in a message: names over [`MAX_NAME_CHARS`]
/// are refused where declared, and elsewhere shown cut short, so that a message
/// repeated for each of thousands of codes never repeats a huge name.
pub(super) fn shown(name: &str) -> std::borrow::Cow<'_, str> {
    match name.char_indices().nth(MAX_NAME_CHARS) {
        None => std::borrow::Cow::Borrowed(name),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &name[..cut])),
    }
}

pub(super) fn fallback<'a>(value: &'a str, default: &'a str) -> &'a str {
    if value.is_empty() { default } else { value }
}
