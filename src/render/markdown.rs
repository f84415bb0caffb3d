//! Markdown backend: one document per locale mirroring the catalog's sections and tables.
//!
//! All escaping happens here; the template only prints blocks.

use askama::Template;

use super::naming::{self, Oracle};
use super::{Backend, Catalog};
use crate::model::{AttrValue, CodeSet, Entry, Model, Text, Value};
use crate::output::GeneratedFile;

pub struct Markdown;

impl Backend for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn oracle(&self) -> Option<&dyn Oracle> {
        None
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        model
            .locales
            .iter()
            .map(|locale| {
                let mut document = Document::build(model, locale);
                // Emphasised, so the notice reads as metadata above the title.
                document.blocks.insert(
                    0,
                    Block::Line(format!("*{}*", inline(&catalog.shared.header))),
                );
                super::file(&format!("docs/{}.{locale}.md", model.name), &document)
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
    fn build(model: &Model, locale: &str) -> Self {
        let mut doc = Builder {
            locale,
            blocks: Vec::new(),
        };
        doc.heading(1, &model.title);
        for paragraph in &model.intro {
            doc.paragraph(paragraph);
        }
        for set in &model.sets {
            for change in set.changes.iter().filter_map(|c| c.notice.as_ref()) {
                doc.quote(change);
            }
        }
        for section in &model.sections {
            doc.heading(2, &section.title);
            for paragraph in &section.intro {
                doc.paragraph(paragraph);
            }
            for &set_index in &section.sets {
                doc.set(model, &model.sets[set_index]);
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
    blocks: Vec<Block>,
}

impl Builder<'_> {
    fn heading(&mut self, level: usize, text: &Text) {
        // `#` escaped: a closing run of them would be dropped from the heading.
        let title = inline(text.get(self.locale))
            .replace("<br>", " ")
            .replace('#', "\\#");
        self.blocks
            .push(Block::Line(format!("{} {title}", "#".repeat(level.min(6)))));
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

    fn set(&mut self, model: &Model, set: &CodeSet) {
        let base = if let Some(title) = &set.title {
            self.heading(3, title);
            4
        } else {
            3
        };
        for paragraph in &set.intro {
            self.paragraph(paragraph);
        }
        let header = self.header(set);
        if set.groups.is_empty() {
            let rows = set
                .entries
                .iter()
                .map(|e| self.row(model, set, e))
                .collect();
            self.blocks.push(Block::Table { header, rows });
        } else {
            for (index, group) in set.groups.iter().enumerate() {
                self.heading(base + group.depth, &group.title);
                let rows: Vec<Vec<String>> = set
                    .entries
                    .iter()
                    .filter(|e| e.group == Some(index))
                    .map(|e| self.row(model, set, e))
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
                .map(|r| {
                    format!(
                        "- ~~{}~~ {}: {}",
                        inline(&r.code.to_string()),
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

    fn row(&self, model: &Model, set: &CodeSet, entry: &Entry) -> Vec<String> {
        // A deprecated alias is marked ⚠ in the code cell and explained in the message cell.
        let codes: Vec<String> = entry
            .codes
            .iter()
            .map(|code| {
                let deprecated = entry.deprecated_codes.iter().any(|d| d.code == *code);
                format!("{code}{}", if deprecated { " ⚠" } else { "" })
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
        let mut row = vec![cell(&codes.join(&set.code_separator)), cell(&message)];
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
    fn paragraphs_keep_line_breaks() {
        assert_eq!(paragraph("one\ntwo <x>"), "one\\\ntwo &lt;x&gt;");
    }
}
