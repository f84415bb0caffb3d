//! What the Markdown and HTML docs share, and what other outputs link to:
//! every code's anchor ([`Anchors`]), the page of each locale, doc URLs,
//! heading anchors and the layout rules both documents follow. Neutral: the
//! docs backends, the JSON export and the bindings' view all read it.

use std::collections::BTreeSet;

use crate::model::{Code, CodeSet, Model};

/// The page of `locale`: `index.html` for the default locale, else `<locale>.html`.
pub fn page_file(model: &Model, locale: &str) -> String {
    if locale == model.default_locale() {
        "index.html".to_string()
    } else {
        format!("{locale}.html")
    }
}

/// The URL of an entry's row on the default locale's page, when the catalog
/// sets `docs_url`: `<docs_url>/index.html#<anchor of the canonical code>`.
pub fn doc_url(model: &Model, anchors: &Anchors, set: usize, entry: usize) -> Option<String> {
    let base = model.docs_url.as_deref()?;
    let slash = if base.ends_with('/') { "" } else { "/" };
    Some(format!(
        "{base}{slash}{}#{}",
        page_file(model, model.default_locale()),
        anchors.entries[set][entry][0]
    ))
}

/// The anchor (HTML `id`, URL fragment) of every code, entry by entry.
///
/// A code's anchor is the code itself with every byte outside `A-Z a-z 0-9 -`
/// percent-encoded (`66660023`, `-4017`, `a%20b`), for the first set holding it in
/// document order; in a later set holding it too, `<Set>_<code>` (`WeChatCode_0`).
/// Bare anchors hold no `_`, qualified ones start with an upper-case letter, and
/// headings' anchors start with `_`, so no two collide.
pub struct Anchors {
    /// Per set, per entry, per code.
    pub entries: Vec<Vec<Vec<String>>>,
    /// Per set, per retired code.
    pub retired: Vec<Vec<String>>,
}

impl Anchors {
    pub fn build(model: &Model) -> Self {
        let mut used = BTreeSet::new();
        let mut entries = vec![Vec::new(); model.sets.len()];
        let mut retired = vec![Vec::new(); model.sets.len()];
        let mut anchor = |set: &CodeSet, code: &Code| {
            let bare = code_fragment(code);
            if used.insert(bare.clone()) {
                bare
            } else {
                format!("{}_{bare}", set.name)
            }
        };
        for index in document_order(model) {
            let set = &model.sets[index];
            entries[index] = set
                .entries
                .iter()
                .map(|e| e.codes.iter().map(|c| anchor(set, c)).collect())
                .collect();
            retired[index] = set.retired.iter().map(|r| anchor(set, &r.code)).collect();
        }
        Anchors { entries, retired }
    }
}

/// The deepest level of the table of contents (`d5`, ten spaces in Markdown):
/// deeper groups are listed at this level, so the contents grow linearly
/// however deep groups nest (their headings stop at `h6` likewise).
pub const TOC_DEPTH: usize = 5;

/// Per group of `set`, the indexes of its entries in catalog order: one pass
/// over the entries, not one per group.
pub fn group_members(set: &CodeSet) -> Vec<Vec<usize>> {
    let mut members = vec![Vec::new(); set.groups.len()];
    for (e, entry) in set.entries.iter().enumerate() {
        if let Some(g) = entry.group {
            members[g].push(e);
        }
    }
    members
}

/// Set indexes in the order the documents show them (section by section).
fn document_order(model: &Model) -> Vec<usize> {
    let mut order: Vec<usize> = model.sections.iter().flat_map(|s| s.sets.clone()).collect();
    let mut placed = vec![false; model.sets.len()];
    for &index in &order {
        placed[index] = true;
    }
    order.extend((0..model.sets.len()).filter(|&index| !placed[index]));
    order
}

/// A code as an anchor: unreserved ASCII letters, digits and `-` kept, the rest
/// percent-encoded, so it is a valid `id` and URL fragment at once.
pub fn code_fragment(code: &Code) -> String {
    encode(&code.to_string(), |b| {
        b.is_ascii_alphanumeric() || b == b'-'
    })
}

/// A heading's anchor: `_section-<id>`, `_set-<Set>`, `_group-<Set>-<id>`.
pub fn heading_anchor(kind: &str, parts: &[&str]) -> String {
    let parts: Vec<String> = parts
        .iter()
        .map(|p| encode(p, |b| b.is_ascii_alphanumeric() || b == b'_'))
        .collect();
    format!("_{kind}-{}", parts.join("-"))
}

fn encode(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The separator between the codes of one cell in `locale`: the ideographic
/// comma `、` in Chinese and Japanese, `, ` elsewhere. Both let a cell wrap.
pub fn code_separator(locale: &str) -> &'static str {
    match language(locale).as_str() {
        "zh" | "ja" => "、",
        _ => ", ",
    }
}

/// The language subtag of a locale tag, lower-case (`zh-CN` → `zh`).
pub fn language(locale: &str) -> String {
    locale
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_ids_and_fragments() {
        assert_eq!(code_fragment(&Code::Int(-4017)), "-4017");
        assert_eq!(code_fragment(&Code::Str("a b_é".into())), "a%20b%5F%C3%A9");
        assert_eq!(
            heading_anchor("group", &["SdkCode", "risk_x y"]),
            "_group-SdkCode-risk_x%20y"
        );
    }

    #[test]
    fn separators_follow_the_locale() {
        assert_eq!(code_separator("zh-CN"), "、");
        assert_eq!(code_separator("en"), ", ");
        assert_eq!(code_separator("de"), ", ");
    }
}
