//! HTML backend: a static documentation site, one self-contained page per locale
//! (inline CSS and JS, no external requests), searchable in every locale.
//!
//! Pages: `html/index.html` in the default locale, `html/<locale>.html` for each
//! other locale. Every code has an anchor ([`crate::docs::Anchors`]), shared with the Markdown
//! docs and the bindings' doc URLs. Catalog text reaches the page only through
//! askama's HTML escaping; this module decides what is a link and builds no markup.

use askama::Template;

use super::backend::{Backend, Catalog, file};
use crate::docs::{
    Anchors, TOC_DEPTH, code_separator, group_members, heading_anchor, language, page_file,
};
use crate::model::{AttrValue, Code, CodeSet, Entry, Model, Text, Value};
use crate::output::GeneratedFile;

pub struct Html;

impl Backend for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn folder(&self) -> &'static str {
        "html"
    }

    fn oracle(&self) -> Option<&dyn super::naming::Oracle> {
        None
    }

    fn render(&self, catalog: &Catalog) -> Vec<GeneratedFile> {
        let model = catalog.model;
        let anchors = &catalog.shared.anchors;
        model
            .locales
            .iter()
            .map(|locale| {
                let page = Page::build(model, locale, anchors, &catalog.shared.header);
                file(&format!("html/{}", page_file(model, locale)), &page)
            })
            .collect()
    }
}

/// The page's own words, in English or Chinese (other locales read English).
struct Ui {
    contents: &'static str,
    search: &'static str,
    /// The label when the page searches only some locales ([`SEARCH_LOCALES`]).
    search_some: &'static str,
    placeholder: &'static str,
    /// `{n}` replaced by the number of rows shown.
    shown: &'static str,
    none: &'static str,
    languages: &'static str,
    deprecated: &'static str,
    use_instead: &'static str,
    retired: &'static str,
    /// A past value: before the day (`{v}` value, `{d}` day).
    before: &'static str,
    /// The value from the day on.
    from: &'static str,
    /// A value between two days (`{a}`, `{b}`).
    between: &'static str,
}

const EN: Ui = Ui {
    contents: "Contents",
    search: "Search codes and texts (every language)",
    search_some: "Search codes and texts",
    placeholder: "e.g. 66660023 or a word",
    shown: "Codes shown: {n}",
    none: "No code matches.",
    languages: "Language",
    deprecated: "Deprecated since",
    use_instead: "— use instead:",
    retired: "Retired",
    before: "{v} before {d}",
    from: "{v} from {d}",
    between: "{v} from {a} before {b}",
};

const ZH: Ui = Ui {
    contents: "目录",
    search: "搜索返回码或文字（任一语言）",
    search_some: "搜索返回码或文字",
    placeholder: "例如 66660023 或关键词",
    shown: "显示的返回码：{n}",
    none: "没有匹配的返回码。",
    languages: "语言",
    deprecated: "已弃用，自",
    use_instead: "— 请改用：",
    retired: "已停用",
    before: "{d} 之前：{v}",
    from: "{d} 起：{v}",
    between: "{a} 起至 {b} 之前：{v}",
};

fn ui(locale: &str) -> &'static Ui {
    if language(locale) == "zh" { &ZH } else { &EN }
}

/// A piece of inline text: plain (escaped by askama), a link, a line break, or
/// a link to a code's anchor.
enum Seg {
    Text(String),
    Link { label: String, href: String },
    Break,
    CodeLink { code: String, href: String },
}

type Para = Vec<Seg>;

#[derive(Template)]
#[template(path = "html/page.html", escape = "html")]
struct Page {
    lang: String,
    rtl: bool,
    title: String,
    header: String,
    ui: &'static Ui,
    shown_template: String,
    /// The search box's label.
    search_label: &'static str,
    locales: Vec<LocaleLink>,
    intro: Vec<Para>,
    notices: Vec<Para>,
    toc: Vec<TocItem>,
    sections: Vec<SectionBlock>,
}

struct LocaleLink {
    tag: String,
    href: String,
    current: bool,
}

struct TocItem {
    depth: usize,
    href: String,
    title: String,
}

struct SectionBlock {
    id: String,
    title: String,
    intro: Vec<Para>,
    sets: Vec<SetBlock>,
    notes: Vec<Para>,
}

struct SetBlock {
    id: String,
    title: Option<String>,
    intro: Vec<Para>,
    tables: Vec<TableBlock>,
    entry_notes: Vec<Para>,
    retired: Vec<RetiredItem>,
    notes: Vec<Para>,
}

struct TableBlock {
    /// Group heading: level (4–6), anchor, title.
    heading: Option<(usize, String, String)>,
    columns: Vec<String>,
    rows: Vec<Row>,
}

struct Row {
    /// Every code, one per line, for the search's code match.
    codes: String,
    /// Every text of the row in every locale, for the search's text match.
    texts: String,
    code_label: String,
    code_cells: Vec<CodeItem>,
    cells: Vec<Cell>,
}

struct CodeItem {
    id: String,
    code: String,
    /// Printed before the code (empty for the first): the locale's separator.
    separator: String,
    deprecated: bool,
}

struct Cell {
    label: String,
    paras: Vec<Para>,
}

struct RetiredItem {
    id: String,
    code: String,
    date: String,
    meaning: Para,
}

impl Page {
    fn build(model: &Model, locale: &str, anchors: &Anchors, header: &str) -> Self {
        let b = Builder {
            model,
            locale,
            anchors,
            ui: ui(locale),
        };
        let mut toc = Vec::new();
        let sections = model
            .sections
            .iter()
            .map(|section| {
                let id = heading_anchor("section", &[&section.id]);
                toc.push(TocItem {
                    depth: 0,
                    href: format!("#{id}"),
                    title: b.one_line(&section.title),
                });
                SectionBlock {
                    title: b.one_line(&section.title),
                    intro: section.intro.iter().map(|t| b.para(t)).collect(),
                    sets: section.sets.iter().map(|&s| b.set(s, &mut toc)).collect(),
                    notes: section.notes.iter().map(|t| b.para(t)).collect(),
                    id,
                }
            })
            .collect();
        // The default locale's page links every page; the others link the
        // pages of their search locales (the default's among them), so that
        // the switchers grow linearly with the locales, not as their square.
        let linked: Vec<&str> = if locale == model.default_locale() {
            model.locales.iter().map(String::as_str).collect()
        } else {
            search_locales(model, locale)
        };
        let locales = linked
            .into_iter()
            .map(|tag| LocaleLink {
                tag: tag.to_string(),
                href: page_file(model, tag),
                current: tag == locale,
            })
            .collect();
        Page {
            lang: locale.to_string(),
            rtl: matches!(language(locale).as_str(), "ar" | "fa" | "he" | "ur" | "yi"),
            title: b.one_line(&model.title),
            header: header.to_string(),
            ui: b.ui,
            shown_template: b.ui.shown.to_string(),
            search_label: if model.locales.len() > SEARCH_LOCALES {
                b.ui.search_some
            } else {
                b.ui.search
            },
            locales,
            intro: model.intro.iter().map(|t| b.para(t)).collect(),
            notices: model
                .sets
                .iter()
                .flat_map(|s| s.changes.iter().filter_map(|c| c.notice.as_ref()))
                .map(|t| b.para(t))
                .collect(),
            toc,
            sections,
        }
    }
}

struct Builder<'a> {
    model: &'a Model,
    locale: &'a str,
    anchors: &'a Anchors,
    ui: &'static Ui,
}

impl Builder<'_> {
    fn one_line(&self, text: &Text) -> String {
        text.get(self.locale).replace(['\r', '\n'], " ")
    }

    fn para(&self, text: &Text) -> Para {
        segments(text.get(self.locale))
    }

    /// The locale's separator between the codes of one cell.
    fn separator(&self) -> &'static str {
        code_separator(self.locale)
    }

    fn set(&self, index: usize, toc: &mut Vec<TocItem>) -> SetBlock {
        let set = &self.model.sets[index];
        let id = heading_anchor("set", &[&set.name]);
        let title = set.title.as_ref().map(|t| self.one_line(t));
        if let Some(title) = &title {
            toc.push(TocItem {
                depth: 1,
                href: format!("#{id}"),
                title: title.clone(),
            });
        }
        let base = if title.is_some() { 4 } else { 3 };
        let columns = self.columns(set);
        let tables = if set.groups.is_empty() {
            vec![TableBlock {
                heading: None,
                columns,
                rows: (0..set.entries.len()).map(|e| self.row(index, e)).collect(),
            }]
        } else {
            let members = group_members(set);
            set.groups
                .iter()
                .zip(members)
                .map(|(group, members)| {
                    let anchor = heading_anchor("group", &[&set.name, &group.id]);
                    let group_title = self.one_line(&group.title);
                    toc.push(TocItem {
                        depth: (1 + usize::from(title.is_some()) + group.depth).min(TOC_DEPTH),
                        href: format!("#{anchor}"),
                        title: group_title.clone(),
                    });
                    TableBlock {
                        heading: Some(((base + group.depth).min(6), anchor, group_title)),
                        columns: columns.clone(),
                        rows: members.into_iter().map(|e| self.row(index, e)).collect(),
                    }
                })
                .collect()
        };
        SetBlock {
            id,
            title,
            intro: set.intro.iter().map(|t| self.para(t)).collect(),
            tables,
            entry_notes: set
                .entries
                .iter()
                .filter_map(|e| e.note.as_ref())
                .map(|t| self.para(t))
                .collect(),
            retired: set
                .retired
                .iter()
                .zip(&self.anchors.retired[index])
                .map(|(r, id)| RetiredItem {
                    id: id.clone(),
                    code: r.code.to_string(),
                    date: r.date.to_string(),
                    meaning: segments(r.meaning.get(self.locale)),
                })
                .collect(),
            notes: set.notes.iter().map(|t| self.para(t)).collect(),
        }
    }

    fn columns(&self, set: &CodeSet) -> Vec<String> {
        let mut columns = vec![
            self.one_line(&set.code_label),
            self.one_line(&set.message_label),
        ];
        if let Some(label) = &set.hint_label {
            columns.push(self.one_line(label));
        }
        for attribute in set.attributes.iter().filter(|a| a.doc_column) {
            columns.push(self.one_line(&attribute.label));
        }
        columns
    }

    fn row(&self, set_index: usize, entry_index: usize) -> Row {
        let set = &self.model.sets[set_index];
        let entry = &set.entries[entry_index];
        let ids = &self.anchors.entries[set_index][entry_index];
        let columns = self.columns(set);
        // A set, so an entry of many codes and many deprecated aliases stays linear.
        let deprecated: std::collections::HashSet<&Code> =
            entry.deprecated_codes.iter().map(|d| &d.code).collect();
        let code_cells = entry
            .codes
            .iter()
            .zip(ids)
            .enumerate()
            .map(|(i, (code, id))| CodeItem {
                id: id.clone(),
                code: code.to_string(),
                separator: if i == 0 {
                    String::new()
                } else {
                    self.separator().to_string()
                },
                deprecated: deprecated.contains(code),
            })
            .collect();
        let mut message = vec![segments(entry.message.get(self.locale))];
        message.extend(self.deprecation(set_index, entry));
        let mut cells = vec![Cell {
            label: columns[1].clone(),
            paras: message,
        }];
        let mut column = 2;
        if set.has_hints() {
            cells.push(Cell {
                label: columns[column].clone(),
                paras: entry
                    .hint
                    .as_ref()
                    .map(|h| vec![segments(h.get(self.locale))])
                    .unwrap_or_default(),
            });
            column += 1;
        }
        for (attribute, value) in set.attributes.iter().zip(&entry.values) {
            if attribute.doc_column {
                cells.push(Cell {
                    label: columns[column].clone(),
                    paras: vec![self.timeline(value)],
                });
                column += 1;
            }
        }
        Row {
            codes: entry
                .codes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            texts: self.search_text(entry),
            code_label: columns[0].clone(),
            code_cells,
            cells,
        }
    }

    /// Deprecation notes of the entry and of its aliases, as paragraphs.
    fn deprecation(&self, set_index: usize, entry: &Entry) -> Vec<Para> {
        let set = &self.model.sets[set_index];
        let mut paras = Vec::new();
        if let Some(d) = &entry.deprecated {
            let mut para = vec![Seg::Text(format!(
                "⚠ {} {}: {}",
                self.ui.deprecated,
                d.since,
                d.reason.get(self.locale)
            ))];
            if let Some(r) = d.replacement {
                para.push(Seg::Text(format!(" {} ", self.ui.use_instead)));
                para.push(Seg::CodeLink {
                    code: set.entries[r].codes[0].to_string(),
                    href: format!("#{}", self.anchors.entries[set_index][r][0]),
                });
            }
            paras.push(para);
        }
        for d in &entry.deprecated_codes {
            paras.push(vec![Seg::Text(format!(
                "⚠ {} — {} {}: {}",
                d.code,
                self.ui.deprecated,
                d.since,
                d.reason.get(self.locale)
            ))]);
        }
        paras
    }

    /// The current value, or its history as sentences, one per period: "Yes
    /// before 2021-07-19", "No from 2021-07-19" (and "… from A before B" between).
    fn timeline(&self, value: &AttrValue) -> Para {
        let mut para = Vec::new();
        let mut start: Option<String> = None;
        for past in &value.history {
            let until = past.until.to_string();
            let line = match &start {
                None => self.ui.before.replace("{d}", &until),
                Some(a) => self.ui.between.replace("{a}", a).replace("{b}", &until),
            };
            para.push(Seg::Text(line.replace("{v}", &self.value(&past.value))));
            para.push(Seg::Break);
            start = Some(until);
        }
        let current = self.value(&value.current);
        para.push(Seg::Text(match &start {
            None => current,
            Some(d) => self.ui.from.replace("{d}", d).replace("{v}", &current),
        }));
        para
    }

    fn value(&self, value: &Value) -> String {
        value_text(self.model, value, self.locale)
    }

    /// Every text of an entry in the [`search_locales`] of the page, one per
    /// line: what the search box matches besides the codes.
    fn search_text(&self, entry: &Entry) -> String {
        let mut texts = Vec::new();
        for locale in search_locales(self.model, self.locale) {
            texts.push(entry.message.get(locale).to_string());
            if let Some(h) = &entry.hint {
                texts.push(h.get(locale).to_string());
            }
            if let Some(n) = &entry.note {
                texts.push(n.get(locale).to_string());
            }
            for v in &entry.values {
                texts.push(value_text(self.model, &v.current, locale));
            }
        }
        texts.join("\n")
    }
}

/// The most locales one page's search reads.
pub const SEARCH_LOCALES: usize = 4;

/// The locales whose texts the search of `locale`'s page matches, in catalog
/// order: its own and the first others (the default first), [`SEARCH_LOCALES`]
/// in all. Every page of a catalog of up to four locales searches every locale
/// (a Chinese word finds its row on the English page); a page of a larger
/// catalog does not carry every other locale's texts, so the site grows with
/// locales × entries, not locales² × entries.
pub fn search_locales<'m>(model: &'m Model, locale: &str) -> Vec<&'m str> {
    let mut others = 0;
    model
        .locales
        .iter()
        .map(String::as_str)
        .filter(|&l| {
            if l == locale {
                return true;
            }
            others += 1;
            others < SEARCH_LOCALES
        })
        .take(SEARCH_LOCALES)
        .collect()
}

fn value_text(model: &Model, value: &Value, locale: &str) -> String {
    match value {
        Value::Bool(true) => model.yes.get(locale).to_string(),
        Value::Bool(false) => model.no.get(locale).to_string(),
        Value::Enum(v) => v.label.get(locale).to_string(),
        Value::List(items) => items
            .iter()
            .map(|v| v.label.get(locale))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Text(text) => text.get(locale).to_string(),
    }
}

/// Splits text into plain runs, line breaks and links. Only `[label](url)` (or
/// `![alt](url)`, shown as a link) with an `http(s)` URL free of white space,
/// quotes and angle brackets becomes a link; everything else stays text.
fn segments(text: &str) -> Para {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((label, href, len)) = link(rest) {
            if !plain.is_empty() {
                out.push(Seg::Text(std::mem::take(&mut plain)));
            }
            out.push(Seg::Link { label, href });
            rest = &rest[len..];
            continue;
        }
        match c {
            '\n' => {
                if !plain.is_empty() {
                    out.push(Seg::Text(std::mem::take(&mut plain)));
                }
                out.push(Seg::Break);
            }
            '\r' => {}
            c => plain.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    if !plain.is_empty() {
        out.push(Seg::Text(plain));
    }
    out
}

fn link(text: &str) -> Option<(String, String, usize)> {
    let open = usize::from(text.starts_with("!["));
    let body = text[open..].strip_prefix('[')?;
    let close = body.find([']', '[', '\n', '\r'])?;
    let label = &body[..close];
    let after = body[close..].strip_prefix("](")?;
    let end = after.find(')')?;
    let url = &after[..end];
    let lower = url.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '(')
    });
    if !(scheme_ok && clean) {
        return None;
    }
    let shown = if label.trim().is_empty() { url } else { label };
    Some((
        shown.to_string(),
        url.to_string(),
        open + 1 + close + 2 + end + 1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links_become_links() {
        let segs = segments("see [docs](https://x.com/a?b=1) [x](javascript:alert(1))\nend");
        let kinds: Vec<String> = segs
            .iter()
            .map(|s| match s {
                Seg::Text(t) => format!("T{t}"),
                Seg::Link { label, href } => format!("L{label}|{href}"),
                Seg::Break => "B".into(),
                Seg::CodeLink { .. } => "C".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "Tsee ",
                "Ldocs|https://x.com/a?b=1",
                "T [x](javascript:alert(1))",
                "B",
                "Tend"
            ]
        );
    }
}
