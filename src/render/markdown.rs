//! Markdown backend: one document per locale mirroring the catalog's sections and tables.
//!
//! All escaping happens here; the template only prints blocks.

use askama::Template;

use super::backend::{Backend, Catalog, file};
use super::naming::{self, Oracle};
use crate::docs::{self, Anchors};
use crate::model::{AttrValue, CodeSet, Model, Text, Value};
use crate::output::GeneratedFile;

pub struct Markdown;

impl Backend for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn folder(&self) -> &'static str {
        "docs"
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        None
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        let anchors = &catalog.shared.anchors;
        model
            .locales
            .iter()
            .map(|locale| {
                let mut document = Document::build(model, locale, anchors);
                // Emphasised, so the notice reads as metadata above the title.
                document.blocks.insert(
                    0,
                    Block::Line(format!("*{}*", inline(&catalog.shared.header))),
                );
                file(&format!("docs/{}.{locale}.md", model.name), &document)
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "docs.md", escape = "none")]
struct Document {
    blocks: Vec<Block>,
}

enum Block {
    Line(String),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

impl Document {
    fn build(model: &Model, locale: &str, anchors: &Anchors) -> Self {
        let mut doc = Builder {
            locale,
            anchors,
            blocks: Vec::new(),
        };
        doc.heading(1, &model.title, None);
        for paragraph in &model.intro {
            doc.paragraph(paragraph);
        }
        for set in &model.sets {
            for change in set.changes.iter().filter_map(|c| c.notice.as_ref()) {
                doc.quote(change);
            }
        }
        doc.contents(model);
        for section in &model.sections {
            doc.heading(
                2,
                &section.title,
                Some(docs::heading_anchor("section", &[&section.id])),
            );
            for paragraph in &section.intro {
                doc.paragraph(paragraph);
            }
            for &set_index in &section.sets {
                doc.set(model, set_index);
            }
            for note in &section.notes {
                doc.quote(note);
            }
        }
        Document { blocks: doc.blocks }
    }
}

struct Builder<'a> {
    locale: &'a str,
    anchors: &'a Anchors,
    blocks: Vec<Block>,
}

impl Builder<'_> {
    /// A heading, with an anchor (`<a id>`, the same as the HTML page's) when it
    /// is listed in the table of contents.
    fn heading(&mut self, level: usize, text: &Text, anchor: Option<String>) {
        let anchor = anchor.map_or_else(String::new, |id| format!("<a id=\"{id}\"></a>"));
        self.blocks.push(Block::Line(format!(
            "{} {anchor}{}",
            "#".repeat(level.min(6)),
            heading_text(text.get(self.locale))
        )));
    }

    /// The table of contents: sections, titled sets and groups, linked to their anchors.
    fn contents(&mut self, model: &Model) {
        let mut items = Vec::new();
        let mut item = |depth: usize, text: &Text, anchor: String| {
            items.push(format!(
                "{}- [{}](#{anchor})",
                // Bounded, as in the HTML contents: linear output however deep groups nest.
                "  ".repeat(depth.min(docs::TOC_DEPTH)),
                heading_text(text.get(self.locale))
            ));
        };
        for section in &model.sections {
            item(
                0,
                &section.title,
                docs::heading_anchor("section", &[&section.id]),
            );
            for &index in &section.sets {
                let set = &model.sets[index];
                let titled = usize::from(set.title.is_some());
                if let Some(title) = &set.title {
                    item(1, title, docs::heading_anchor("set", &[&set.name]));
                }
                for group in &set.groups {
                    item(
                        1 + titled + group.depth,
                        &group.title,
                        docs::heading_anchor("group", &[&set.name, &group.id]),
                    );
                }
            }
        }
        if !items.is_empty() {
            self.blocks.push(Block::Line(items.join("\n")));
        }
    }

    fn paragraph(&mut self, text: &Text) {
        self.blocks
            .push(Block::Line(paragraph(text.get(self.locale))));
    }

    fn quote(&mut self, text: &Text) {
        let body = paragraph(text.get(self.locale));
        let quoted: Vec<String> = body.lines().map(|l| format!("> {l}")).collect();
        self.blocks.push(Block::Line(quoted.join("\n")));
    }

    fn set(&mut self, model: &Model, set_index: usize) {
        let set = &model.sets[set_index];
        let base = if let Some(title) = &set.title {
            self.heading(3, title, Some(docs::heading_anchor("set", &[&set.name])));
            4
        } else {
            3
        };
        for paragraph in &set.intro {
            self.paragraph(paragraph);
        }
        let header = self.header(set);
        if set.groups.is_empty() {
            let rows = (0..set.entries.len())
                .map(|e| self.row(model, set_index, e))
                .collect();
            self.blocks.push(Block::Table { header, rows });
        } else {
            let members = docs::group_members(set);
            for (group, members) in set.groups.iter().zip(&members) {
                self.heading(
                    base + group.depth,
                    &group.title,
                    Some(docs::heading_anchor("group", &[&set.name, &group.id])),
                );
                let rows: Vec<Vec<String>> = members
                    .iter()
                    .map(|&e| self.row(model, set_index, e))
                    .collect();
                if !rows.is_empty() {
                    self.blocks.push(Block::Table {
                        header: header.clone(),
                        rows,
                    });
                }
            }
        }
        for note in set.entries.iter().filter_map(|e| e.note.as_ref()) {
            self.paragraph(note);
        }
        // Retired codes: struck through, with the day and what they meant, so a
        // support ticket quoting an old code still finds its answer.
        if !set.retired.is_empty() {
            let items: Vec<String> = set
                .retired
                .iter()
                .zip(&self.anchors.retired[set_index])
                .map(|(r, id)| {
                    format!(
                        "- ~~<a id=\"{id}\"></a>{}~~ {}: {}",
                        code_span(&r.code.to_string()),
                        r.date,
                        inline(&r.meaning.get(self.locale).replace(['\n', '\r'], " "))
                    )
                })
                .collect();
            self.blocks.push(Block::Line(items.join("\n")));
        }
        for note in &set.notes {
            self.quote(note);
        }
    }

    fn header(&self, set: &CodeSet) -> Vec<String> {
        let mut header = vec![
            cell(set.code_label.get(self.locale)),
            cell(set.message_label.get(self.locale)),
        ];
        if let Some(label) = &set.hint_label {
            header.push(cell(label.get(self.locale)));
        }
        for attribute in set.attributes.iter().filter(|a| a.doc_column) {
            header.push(cell(attribute.label.get(self.locale)));
        }
        header
    }

    fn row(&self, model: &Model, set_index: usize, entry_index: usize) -> Vec<String> {
        let set = &model.sets[set_index];
        let entry = &set.entries[entry_index];
        // Each code monospace after its anchor; a deprecated alias is marked ⚠
        // here and explained in the message cell.
        // A set, so an entry of many codes and many deprecated aliases stays linear.
        let deprecated: std::collections::HashSet<&crate::model::Code> =
            entry.deprecated_codes.iter().map(|d| &d.code).collect();
        let codes: Vec<String> = entry
            .codes
            .iter()
            .zip(&self.anchors.entries[set_index][entry_index])
            .map(|(code, id)| {
                let deprecated = deprecated.contains(code);
                format!(
                    "<a id=\"{id}\"></a>{}{}",
                    code_span(&code.to_string()),
                    if deprecated { " ⚠" } else { "" }
                )
            })
            .collect();
        let mut message = entry.message.get(self.locale).to_string();
        if let Some(d) = &entry.deprecated {
            message.push_str(&format!(" — ⚠ {}: {}", d.since, d.reason.get(self.locale)));
            if let Some(replacement) = d.replacement {
                message.push_str(&format!(" → {}", set.entries[replacement].codes[0]));
            }
        }
        for d in &entry.deprecated_codes {
            message.push_str(&format!(
                " — ⚠ {} {}: {}",
                d.code,
                d.since,
                d.reason.get(self.locale)
            ));
        }
        // The locale's separator (`、`, `, `) lets a long alias list wrap.
        let mut row = vec![
            codes.join(docs::code_separator(self.locale)),
            cell(&message),
        ];
        if set.has_hints() {
            row.push(
                entry
                    .hint
                    .as_ref()
                    .map_or_else(|| "-".to_string(), |h| cell(h.get(self.locale))),
            );
        }
        for (attribute, value) in set.attributes.iter().zip(&entry.values) {
            if !attribute.doc_column {
                continue;
            }
            row.push(cell(&self.timeline(model, value)));
        }
        row
    }

    /// The current value, or its history oldest first: "是 → 否 (2021-07-19)".
    fn timeline(&self, model: &Model, value: &AttrValue) -> String {
        let Some(first) = value.history.first() else {
            return self.value(model, &value.current);
        };
        let mut text = self.value(model, &first.value);
        for (k, past) in value.history.iter().enumerate() {
            let after = value
                .history
                .get(k + 1)
                .map_or(&value.current, |next| &next.value);
            text.push_str(&format!(" → {} ({})", self.value(model, after), past.until));
        }
        text
    }

    fn value(&self, model: &Model, value: &Value) -> String {
        match value {
            Value::Bool(true) => model.yes.get(self.locale).to_string(),
            Value::Bool(false) => model.no.get(self.locale).to_string(),
            Value::Enum(v) => v.label.get(self.locale).to_string(),
            Value::List(items) => items
                .iter()
                .map(|v| v.label.get(self.locale))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Text(text) => text.get(self.locale).to_string(),
        }
    }
}

/// Escapes text so it cannot open HTML or break out of a table cell. Links stay
/// links only when they lead to `http(s)` or a relative address; an image becomes
/// a link to it (a viewer fetches nothing); any other link, autolink or image is
/// shown as the text it was written as.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((link, len)) = safe_link(rest) {
            out.push_str(&link);
            rest = &rest[len..];
            continue;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            '\t' => out.push(c),
            c if c.is_control() => out.push_str(&format!("&#x{:X};", u32::from(c))),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `[text](url)` or `![alt](url)` at the start of `text` with an allowed url,
/// re-encoded, and the length it spans.
fn safe_link(text: &str) -> Option<(String, usize)> {
    let image = text.starts_with("![");
    let open = usize::from(image);
    let body = text[open..].strip_prefix('[')?;
    let close = body.find([']', '[', '\n', '\r'])?;
    let label = &body[..close];
    let after = body[close..].strip_prefix("](")?;
    let mut depth = 0usize;
    let mut end = None;
    for (i, c) in after.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = Some(i);
                break;
            }
            ')' => depth -= 1,
            c if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>') => return None,
            _ => {}
        }
    }
    let url = &after[..end?];
    if !allowed_url(url) {
        return None;
    }
    let shown = if label.trim().is_empty() { url } else { label };
    // Escapes in a destination decode back to `url` exactly, so what was checked is
    // what a viewer follows.
    let mut target = String::new();
    for c in url.chars() {
        match c {
            '&' => target.push_str("&amp;"),
            '\\' | '|' | '(' | ')' => {
                target.push('\\');
                target.push(c);
            }
            c => target.push(c),
        }
    }
    let len = open + 1 + close + 2 + url.len() + 1;
    Some((format!("[{}]({target})", inline(shown)), len))
}

/// `http://`, `https://`, or a relative address: no `:` before the first `/` or
/// `?` (stricter than RFC 3986, which also stops at `#`: no scheme can hide
/// behind an entity such as `jav&#x61;script:`).
fn allowed_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let first_segment = url.split(['/', '?']).next().unwrap_or_default();
    !url.is_empty()
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || !first_segment.contains(':'))
}

/// A heading's or contents item's text: one line; `#` escaped, since a closing run
/// of them would be dropped from a heading.
fn heading_text(text: &str) -> String {
    inline(text).replace("<br>", " ").replace('#', "\\#")
}

/// A code in monospace: a code span when the code is plain (letters, digits,
/// `-+.:/` and non-ASCII text), else the escaped text: a span cannot hold a
/// backtick, a table cell's `|` or a line break, and Markdown viewers differ on
/// the rest.
fn code_span(code: &str) -> String {
    let plain = !code.is_empty()
        && code.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '+' | '.' | ':' | '/')
                || !(c.is_ascii() || c.is_control() || c.is_whitespace())
        });
    if plain {
        format!("`{code}`")
    } else {
        cell(code)
    }
}

/// A table cell: one line, pipes escaped, line breaks as `<br>`.
fn cell(text: &str) -> String {
    let escaped = inline(text);
    if escaped.trim().is_empty() {
        "-".to_string()
    } else {
        escaped
    }
}

/// A paragraph keeps its line breaks as Markdown hard breaks; no line opens a
/// block (heading, list, fence, …).
fn paragraph(text: &str) -> String {
    text.lines()
        .map(|line| naming::markdown_line_start(&inline(line.trim_start()).replace("<br>", "")))
        .collect::<Vec<_>>()
        .join("\\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc<d>&"), "a\\|b<br>c&lt;d&gt;&amp;");
        assert_eq!(cell("  "), "-");
    }

    #[test]
    fn only_http_and_relative_links_stay_links() {
        assert_eq!(
            inline("[PaaS](https://x.com/a_(b)?c=1&d=2|e) [r](../a.md) [x](javascript:alert(1))"),
            "[PaaS](https://x.com/a_\\(b\\)?c=1&amp;d=2\\|e) [r](../a.md) \\[x\\](javascript:alert(1))"
        );
        assert_eq!(
            inline(
                "![img](http://e.com/a.png) ![](/b.png) ![d](data:image/png;base64,AA) [v](VBScript:x) [e](jav&#x61;script:x)"
            ),
            "[img](http://e.com/a.png) [/b.png](/b.png) !\\[d\\](data:image/png;base64,AA) \\[v\\](VBScript:x) \\[e\\](jav&amp;#x61;script:x)"
        );
        assert_eq!(
            inline("<javascript:x> <script>"),
            "&lt;javascript:x&gt; &lt;script&gt;"
        );
        assert_eq!(
            inline("[a](<b c>) [d]: http://x"),
            "\\[a\\](&lt;b c&gt;) \\[d\\]: http://x"
        );
    }

    #[test]
    fn paragraph_lines_open_no_block() {
        assert_eq!(
            paragraph("a\n# h\n    - item\n```\n1. one"),
            "a\\\n\\# h\\\n\\- item\\\n\\`\\`\\`\\\n1\\. one"
        );
    }

    #[test]
    fn plain_codes_are_code_spans() {
        assert_eq!(code_span("-4017"), "`-4017`");
        assert_eq!(code_span("01"), "`01`");
        assert_eq!(code_span("a`b|c"), "a`b\\|c");
        assert_eq!(code_span("<x>"), "&lt;x&gt;");
    }

    #[test]
    fn paragraphs_keep_line_breaks() {
        assert_eq!(paragraph("one\ntwo <x>"), "one\\\ntwo &lt;x&gt;");
    }
}
