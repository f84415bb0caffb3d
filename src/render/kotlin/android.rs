//! The Android string resources beside the Kotlin sources: every entry's
//! message and hint per locale, under names the generated code can compute.

use std::fmt::Write as _;

use askama::Template;

use crate::model::Model;
use crate::output::GeneratedFile;

/// The Android resource folder beside them (`kotlin/src/main/res`).
pub const RES_DIR: &str = "kotlin/src/main/res";

/// One set's Android string resource names: `<catalog>__<set>__` and, per
/// entry, `<entry>` (all snake case), so that an entry's message is
/// `<catalog>__<set>__<entry>__message` and its hint `…__hint`. `__` never
/// occurs inside a snake-case part, so parts cannot run together; a part equal
/// to an earlier one (names that differ only in case) gets `_2`, `_3`, … in
/// catalog order.
pub struct ResourceNames {
    pub prefix: String,
    pub entries: Vec<String>,
}

/// Every set's [`ResourceNames`], in catalog order.
pub fn resource_names(model: &Model) -> Vec<ResourceNames> {
    use heck::ToSnakeCase;
    fn unique(taken: &mut std::collections::HashSet<String>, part: String) -> String {
        let mut name = part.clone();
        let mut n = 1;
        while !taken.insert(name.clone()) {
            n += 1;
            name = format!("{part}_{n}");
        }
        name
    }
    let catalog = model.name.to_snake_case();
    let mut sets = std::collections::HashSet::new();
    model
        .sets
        .iter()
        .map(|set| {
            let mut entries = std::collections::HashSet::new();
            ResourceNames {
                prefix: format!(
                    "{catalog}__{}__",
                    unique(&mut sets, set.name.to_snake_case())
                ),
                entries: set
                    .entries
                    .iter()
                    .map(|e| unique(&mut entries, e.name.to_snake_case()))
                    .collect(),
            }
        })
        .collect()
}

/// The Android qualifier of a BCP 47 tag: `en`, `zh-rCN` for language and
/// region, `b+zh+Hans+CN` for anything else (a script, a numeric region).
pub fn android_qualifier(tag: &str) -> String {
    let parts: Vec<&str> = tag.split(['-', '_']).collect();
    let alpha =
        |s: &str, n: &[usize]| n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic());
    match parts.as_slice() {
        [language] if alpha(language, &[2, 3]) => language.to_ascii_lowercase(),
        [language, region] if alpha(language, &[2, 3]) && alpha(region, &[2]) => format!(
            "{}-r{}",
            language.to_ascii_lowercase(),
            region.to_ascii_uppercase()
        ),
        _ => format!("b+{}", parts.join("+")),
    }
}

/// A text as the content of an Android `<string>`, by aapt2's rules: `\`, `'`
/// and `"` escaped with a backslash, `@` and `?` at the start too (they would
/// start a reference), newline and tab as `\n` and `\t`, a space that aapt2
/// would collapse or trim (leading, trailing, next to another space) and every
/// other character XML or aapt2 cannot hold literally as `\uXXXX`, then `&`,
/// `<` and `>` as XML entities.
pub fn android_string(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let space_kept =
            c == ' ' && i > 0 && i + 1 < chars.len() && chars[i - 1] != ' ' && chars[i + 1] != ' ';
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '@' | '?' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            ' ' if space_kept => out.push(' '),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() || c == ' ' || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[derive(Template)]
#[template(path = "kotlin/strings.xml", escape = "none")]
struct StringsXml {
    header: String,
    strings: Vec<AndroidString>,
}

struct AndroidString {
    name: String,
    /// Escaped by [`android_string`].
    text: String,
    /// False when the text holds `%`: no format checks by aapt2 and lint.
    formatted: bool,
}

/// `values/strings.xml` (the default locale) and `values-<qualifier>/strings.xml`
/// per other locale: every entry's message and hint.
pub(super) fn android_strings(
    model: &Model,
    names: &[ResourceNames],
    header: &str,
) -> Vec<GeneratedFile> {
    let header = crate::render::naming::xml_comment(header);
    model
        .locales
        .iter()
        .enumerate()
        .map(|(l, locale)| {
            let mut strings = Vec::new();
            for (set, names) in model.sets.iter().zip(names) {
                for (entry, part) in set.entries.iter().zip(&names.entries) {
                    let mut push = |kind: &str, text: &str| {
                        strings.push(AndroidString {
                            name: format!("{}{part}__{kind}", names.prefix),
                            text: android_string(text),
                            formatted: !text.contains('%'),
                        });
                    };
                    push("message", entry.message.get(locale));
                    if let Some(hint) = &entry.hint {
                        push("hint", hint.get(locale));
                    }
                }
            }
            let folder = if l == 0 {
                "values".to_string()
            } else {
                format!("values-{}", android_qualifier(locale))
            };
            crate::render::backend::file(
                &format!("{RES_DIR}/{folder}/strings.xml"),
                &StringsXml {
                    header: header.clone(),
                    strings,
                },
            )
        })
        .collect()
}
