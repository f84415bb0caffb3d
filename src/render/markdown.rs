//! Markdown backend: one document per locale mirroring the catalog's sections and tables.
//!
//! All escaping happens here; the template only prints blocks.

use askama::Template;

use super::naming::Oracle;
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
                super::file(
                    &format!("docs/{}.{locale}.md", model.name),
                    &Document::build(model, locale),
                )
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
        let title = inline(text.get(self.locale)).replace("<br>", " ");
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
        let codes: Vec<String> = entry.codes.iter().map(ToString::to_string).collect();
        let mut row = vec![
            cell(&codes.join(&set.code_separator)),
            cell(entry.message.get(self.locale)),
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

/// Escapes text so it cannot open HTML or break out of a table cell.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            '\t' => out.push(c),
            c if c.is_control() => out.push_str(&format!("&#x{:X};", u32::from(c))),
            _ => out.push(c),
        }
    }
    out
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

/// A paragraph keeps its line breaks as Markdown hard breaks.
fn paragraph(text: &str) -> String {
    text.lines()
        .map(|line| inline(line).replace("<br>", ""))
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
    fn paragraphs_keep_line_breaks() {
        assert_eq!(paragraph("one\ntwo <x>"), "one\\\ntwo &lt;x&gt;");
    }
}
