//! The naming oracle: how one target language spells catalog names, texts and
//! types. Each language module implements [`Oracle`] once; the view and the
//! templates never transform a name themselves.

use super::api::{Api, AttrName, When};
use crate::model::KeyKind;

/// The kind of an attribute, with enum types already spelled for one language.
#[derive(Clone, PartialEq, Eq)]
pub enum AttrType {
    Bool,
    Enum(String),
    List(String),
    Text,
}

/// How one target language spells catalog names, texts and types.
pub trait Oracle: Sync {
    /// The language's name in messages, e.g. `Kotlin`.
    fn language(&self) -> &'static str;
    /// A type name from an UpperCamel catalog name.
    fn type_name(&self, name: &str) -> String;
    /// An enum case or constant from an UpperCamel entry or enum value name.
    fn variant(&self, name: &str) -> String;
    /// A property or method from a snake_case attribute name.
    fn member(&self, snake: &str) -> String;
    /// The accessor of a bool attribute, e.g. `is_billable` / `isBillable`.
    fn bool_member(&self, snake: &str) -> String {
        format!("is{}", heck::ToUpperCamelCase::to_upper_camel_case(snake))
    }
    /// A string literal holding exactly `text`.
    fn string(&self, text: &str) -> String;
    /// A bool literal.
    fn boolean(&self, value: bool) -> String;
    /// An integer literal of a code's type (32-bit signed).
    fn integer(&self, value: i32) -> String;
    /// The lines of a doc comment holding `text` as prose, without comment markers:
    /// nothing in `text` can end the comment or become code, a code block, a link
    /// or HTML in it.
    fn doc(&self, text: &str) -> Vec<String> {
        self.doc_from_prose(&markdown_prose(text))
    }
    /// Doc comment lines from lines already made Markdown prose (`markdown_prose`,
    /// shared by every language): what this language's comments need on top.
    fn doc_from_prose(&self, prose: &[String]) -> Vec<String> {
        prose.to_vec()
    }
    /// A name or code inside a doc comment line: a code span when plain, else prose.
    fn doc_code(&self, text: &str) -> String {
        plain_code_span(text).unwrap_or_else(|| self.doc(text).join(" "))
    }
    /// A list literal of already-spelled items.
    fn list(&self, items: &[String]) -> String;
    /// A reference to `value` of enum type `type_name`.
    fn enum_value(&self, type_name: &str, value: &str) -> String;
    /// How the language spells the types of codes and values.
    fn types(&self) -> &'static TypeNames;
    /// A code as returned by the generated API.
    fn code_type(&self, key: KeyKind) -> &'static str {
        let types = self.types();
        match key {
            KeyKind::Int => types.int_code,
            KeyKind::Str => types.string_code,
        }
    }
    /// A code as accepted by lookups.
    fn code_param(&self, key: KeyKind) -> &'static str {
        let types = self.types();
        match key {
            KeyKind::Int => types.int_param,
            KeyKind::Str => types.string_param,
        }
    }
    /// An expression turning the lookup parameter `code` into text.
    fn code_to_text(&self, key: KeyKind) -> &'static str {
        let types = self.types();
        match key {
            KeyKind::Int => types.int_to_text,
            KeyKind::Str => types.string_to_text,
        }
    }
    /// The stored type of one attribute value.
    fn value_type(&self, kind: &AttrType) -> String {
        let types = self.types();
        let (before, after) = types.list;
        match kind {
            AttrType::Bool => types.bool.to_string(),
            AttrType::Enum(name) => name.clone(),
            AttrType::List(name) => format!("{before}{name}{after}"),
            AttrType::Text => format!("{before}{}{after}", types.text),
        }
    }
    /// The type of one text, as accessors return it.
    fn text_type(&self) -> &'static str {
        self.types().text
    }
    /// Every name the generated code declares, by scope ([`super::api::Api`]).
    fn api(&self) -> &'static Api;
    /// The names of `names` this language declares as members of the set type.
    fn attribute_members<'n>(&self, names: &'n AttributeNames) -> Vec<&'n str> {
        names.declared(self.api().attribute_members)
    }
    /// Problems with the package or module name this language derives from the
    /// catalog; the compiler or package manager would refuse it.
    fn package_problems(&self, _names: &PackageNames) -> Vec<PackageProblem> {
        Vec::new()
    }
}

/// How one language spells the types of codes and values, as data.
pub struct TypeNames {
    /// A code as returned, for int and string keys.
    pub int_code: &'static str,
    pub string_code: &'static str,
    /// A code as accepted by lookups (Rust borrows a string).
    pub int_param: &'static str,
    pub string_param: &'static str,
    /// An expression turning the lookup parameter `code` into text.
    pub int_to_text: &'static str,
    pub string_to_text: &'static str,
    pub bool: &'static str,
    /// A list of `T` is `{.0}T{.1}`.
    pub list: (&'static str, &'static str),
    /// One text.
    pub text: &'static str,
}

/// What is wrong with a setting's value, and how to fix it.
pub struct ValueProblem {
    /// Completes "<setting> `<value>` …", e.g. "is not UpperCamelCase".
    pub message: String,
    pub hint: String,
}

/// Dot-separated lower-case ASCII segments, each starting with a letter
/// (`com.example.codes`): a Kotlin or Java package.
pub fn dotted_lower_case(value: &str) -> Option<ValueProblem> {
    let valid = value.split('.').all(|segment| {
        segment.starts_with(|c: char| c.is_ascii_lowercase())
            && segment
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    });
    (!valid).then(|| ValueProblem {
        message: "is not a dotted lower-case name".into(),
        hint: "use dot-separated lower-case ASCII segments, e.g. `com.example.codes`".into(),
    })
}

/// An UpperCamel ASCII identifier (`FaceIdCodes`): a Swift module.
pub fn upper_camel_identifier(value: &str) -> Option<ValueProblem> {
    let ascii = value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !ascii {
        return Some(ValueProblem {
            message: "is not an ASCII identifier".into(),
            hint: "use ASCII letters and digits only, starting with a letter, e.g. `MyCodes`"
                .into(),
        });
    }
    let upper = heck::ToUpperCamelCase::to_upper_camel_case(value);
    (upper != value).then(|| ValueProblem {
        message: "is not UpperCamelCase".into(),
        hint: format!("write it as `{upper}`"),
    })
}

/// The catalog keys that name one language's package or module: the catalog
/// name and the language's own `[targets.<backend>]` settings.
pub struct PackageNames<'a> {
    pub name: &'a str,
    pub settings: &'a [(&'a str, &'a str)],
}

impl PackageNames<'_> {
    pub fn setting(&self, key: &str) -> Option<&str> {
        self.settings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, value)| *value)
    }
}

/// Which key a package problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageKey {
    Name,
    /// A key of the language's `[targets.<backend>]` table.
    Setting(&'static str),
}

pub struct PackageProblem {
    pub key: PackageKey,
    pub message: String,
    pub hint: String,
}

/// Every name one attribute gives rise to in one language. The view prints them
/// and validation checks them for clashes, so the two cannot drift apart.
pub struct AttributeNames {
    /// The public accessor: `is_billable`, `platforms`, ….
    pub accessor: String,
    /// The dated accessor, `is_billable_on`, when the attribute has changes.
    pub on_accessor: Option<String>,
    /// The per-locale accessor of a text attribute, `remark_in`.
    pub in_accessor: String,
    /// SCREAMING_SNAKE private storage, e.g. `BILLABLE`, and its history, `BILLABLE_HISTORY`.
    pub storage: String,
    pub history_storage: String,
    /// A private property holding the values, e.g. `billableValues`.
    pub field: String,
    /// A private property holding the history, e.g. `billableHistory`.
    pub history_field: String,
    /// The accessor with a suffix, for private members stored beside it:
    /// `remarkTexts`, `isBillableHistory`, `isBillableValue`.
    pub accessor_texts: String,
    pub accessor_history: String,
    pub accessor_value: String,
    pub is_text: bool,
    pub is_dated: bool,
}

impl AttributeNames {
    /// The names `members` selects, in order: what one language declares on
    /// the set type for this attribute.
    pub fn declared(&self, members: &[(AttrName, When)]) -> Vec<&str> {
        members
            .iter()
            .filter(|(_, when)| match when {
                When::Always => true,
                When::Text => self.is_text,
                When::Dated => self.is_dated,
            })
            .map(|(name, _)| match name {
                AttrName::Accessor => self.accessor.as_str(),
                AttrName::OnAccessor => self.on_accessor.as_deref().unwrap_or(&self.accessor),
                AttrName::InAccessor => &self.in_accessor,
                AttrName::Storage => &self.storage,
                AttrName::HistoryStorage => &self.history_storage,
                AttrName::Field => &self.field,
                AttrName::HistoryField => &self.history_field,
                AttrName::AccessorTexts => &self.accessor_texts,
                AttrName::AccessorHistory => &self.accessor_history,
            })
            .collect()
    }

    /// The names of attribute `snake` (a bool when `is_bool`) in `lang`.
    pub fn new(
        lang: &dyn Oracle,
        snake: &str,
        is_bool: bool,
        is_text: bool,
        is_dated: bool,
    ) -> Self {
        let spell = |name: &str| {
            if is_bool {
                lang.bool_member(name)
            } else {
                lang.member(name)
            }
        };
        let accessor = spell(snake);
        let storage = heck::ToShoutySnakeCase::to_shouty_snake_case(snake);
        AttributeNames {
            on_accessor: is_dated.then(|| spell(&format!("{snake}_on"))),
            in_accessor: lang.member(&format!("{snake}_in")),
            history_storage: format!("{storage}_HISTORY"),
            storage,
            field: lang.member(&format!("{snake}_values")),
            history_field: lang.member(&format!("{snake}_history")),
            accessor_texts: format!("{accessor}Texts"),
            accessor_history: format!("{accessor}History"),
            accessor_value: format!("{accessor}Value"),
            accessor,
            is_text,
            is_dated,
        }
    }
}

/// lowerCamel from UpperCamel or snake_case, keeping digits attached as heck does.
pub(crate) fn lower_camel(name: &str) -> String {
    heck::ToLowerCamelCase::to_lower_camel_case(name)
}

/// Escapes a string for a C-family literal: quotes, backslashes, line breaks and
/// control characters; `extra` adds language-specific escapes (e.g. `$`).
pub(crate) fn c_like_string(
    text: &str,
    unicode: fn(u32) -> String,
    extra: &[(char, &str)],
) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    // Copy runs of plain characters whole; most texts need no escape at all.
    let mut plain_from = 0;
    for (at, c) in text.char_indices() {
        let escaped: Option<std::borrow::Cow<str>> =
            if let Some((_, escaped)) = extra.iter().find(|(e, _)| *e == c) {
                Some((*escaped).into())
            } else {
                match c {
                    '"' => Some("\\\"".into()),
                    '\\' => Some("\\\\".into()),
                    '\n' => Some("\\n".into()),
                    '\r' => Some("\\r".into()),
                    '\t' => Some("\\t".into()),
                    c if c.is_control() || is_invisible(c) => Some(unicode(u32::from(c)).into()),
                    _ => None,
                }
            };
        if let Some(escaped) = escaped {
            out.push_str(&text[plain_from..at]);
            out.push_str(&escaped);
            plain_from = at + c.len_utf8();
        }
    }
    out.push_str(&text[plain_from..]);
    out.push('"');
    out
}

/// Format characters that are legal in literals but invisible or direction-changing
/// in source; escaping them keeps generated files reviewable.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

/// True for characters any target language ends a line at (JavaScript also ends
/// line comments at U+2028 and U+2029; Unicode adds NEL).
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Lines of a doc comment: split at every line break (CRLF is one), tabs as
/// spaces, other controls and invisible or bidi characters dropped (rustc rejects
/// bidi controls in comments), trailing white space trimmed.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split(is_line_break)
        .map(|line| {
            line.chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .filter(|c| !c.is_control() && !is_invisible(*c))
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// Text for one `//` or `#` comment line in any language: line breaks become
/// spaces, so nothing after them can leave the comment.
pub fn comment_line(text: &str) -> String {
    doc_lines(text)
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Doc comment lines of `text` as Markdown prose: every line stays paragraph text
/// (no code block, fence, heading, list, quote or table can start), no link,
/// image, HTML or entity is kept, and bare `http(s)` URLs become autolinks (rustdoc
/// warns on bare URLs). Empty lines at both ends are dropped.
pub(crate) fn markdown_prose(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = doc_lines(text)
        .iter()
        .map(|line| markdown_line_start(&markdown_inline(line.trim_start())))
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    lines.drain(..first);
    lines
}

/// Escapes the inline Markdown of one line that could make code, links or HTML
/// (emphasis stays), autolinking bare `http(s)` URLs.
fn markdown_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if let Some(url) = bare_url(rest) {
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '\\' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The `http://` or `https://` URL `text` starts with, up to white space or a
/// character an autolink cannot hold; trailing sentence punctuation stays outside.
fn bare_url(text: &str) -> Option<&str> {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '`'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', ')']);
    // A scheme alone is no link.
    (url.len() > lower.find("//").unwrap_or(0) + 2).then_some(url)
}

/// Escapes what would open a block at the start of a Markdown line: headings,
/// list markers, fences, setext underlines, tables, numbered lists (`line` is
/// already inline-escaped, so `>` and `<` are entities).
pub(crate) fn markdown_line_start(line: &str) -> String {
    let digits = line
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(line.len());
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    if line.starts_with("```") {
        // Every backtick of the run: one escaped would leave a code span opener.
        let run = line.find(|c| c != '`').unwrap_or(line.len());
        return format!("{}{}", "\\`".repeat(run), &line[run..]);
    }
    if line.starts_with(['#', '-', '+', '=', ':', '*', '_', '~', '|']) {
        return format!("\\{line}");
    }
    line.to_string()
}

/// `text` as a Markdown code span when it is a plain name (letters, digits,
/// `_ - .`), which no comment syntax or Markdown can read as anything else.
pub(crate) fn plain_code_span(text: &str) -> Option<String> {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plain.then(|| format!("`{text}`"))
}

/// Breaks up the comment delimiters `/*` and `*/` in Markdown text with a
/// backslash (a Markdown escape, so the rendered text is unchanged): neither can
/// then end a block comment, nor open a nested one (Kotlin).
pub(crate) fn block_comment_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        if matches!((previous, c), (Some('/'), '*') | (Some('*'), '/')) {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Doc comment lines for a Markdown doc block comment with `@` tags (KDoc,
/// TSDoc): comment delimiters broken up, and `@` written as an entity so no
/// catalog text starts a tag.
pub(crate) fn tagged_block_doc(prose: &[String]) -> Vec<String> {
    prose
        .iter()
        .map(|line| block_comment_safe(line).replace('@', "&#64;"))
        .collect()
}

/// A TOML basic string holding exactly `text` (TOML has `\uXXXX` and
/// `\UXXXXXXXX`, no `\u{…}`).
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_invisible(c) => {
                let n = u32::from(c);
                if n > 0xFFFF {
                    out.push_str(&format!("\\U{n:08X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as the body of an XML comment `<!-- … -->`: XML forbids `--` inside a
/// comment and a `-` right before its end, so a space goes between such hyphens.
pub fn xml_comment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '-' && out.ends_with('-') {
            out.push(' ');
        }
        out.push(c);
    }
    if out.ends_with('-') {
        out.push(' ');
    }
    out
}

/// A JSON string holding exactly `text`, invisible characters escaped as in literals.
pub fn json_string(text: &str) -> String {
    let json = serde_json::to_string(text).expect("a string serializes");
    json.chars()
        .map(|c| {
            if is_invisible(c) {
                format!("\\u{:04X}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_split_at_every_line_break() {
        assert_eq!(
            doc_lines("a\r\nb\rc\u{2028}d\u{2029}e\u{85}f\tg\u{7}\u{202E}h  "),
            vec!["a", "b", "c", "d", "e", "f gh"]
        );
        assert_eq!(comment_line("x.toml\n*/ fn f() {}"), "x.toml */ fn f() {}");
    }

    #[test]
    fn markdown_prose_opens_no_block() {
        let text = "Intro\n    indented code\n```\n~~~ rust\n# heading\n- item\n* item\n+ item\n1. one\n2) two\n> quote\n===\n| a | b |\n\n\tfn main(){}";
        assert_eq!(
            markdown_prose(text),
            vec![
                "Intro",
                "indented code",
                "\\`\\`\\`",
                "\\~~~ rust",
                "\\# heading",
                "\\- item",
                "\\* item",
                "\\+ item",
                "1\\. one",
                "2\\) two",
                "&gt; quote",
                "\\===",
                "\\| a | b |",
                "",
                "fn main(){}",
            ]
        );
    }

    #[test]
    fn markdown_prose_keeps_no_link_or_html() {
        assert_eq!(
            markdown_prose(
                "[x](javascript:alert(1)) ![i](http://e.com/a.png) <javascript:x> <script>&amp; a\\"
            ),
            vec![
                "\\[x\\](javascript:alert(1)) !\\[i\\](<http://e.com/a.png>) &lt;javascript:x&gt; &lt;script&gt;&amp;amp; a\\\\"
            ]
        );
        assert_eq!(
            markdown_prose("See https://example.com/a_b?c=1. Or http:// alone."),
            vec!["See <https://example.com/a_b?c=1>. Or http:// alone."]
        );
        assert_eq!(markdown_prose("\u{200B}\n\nText\n\n"), vec!["Text"]);
    }

    #[test]
    fn code_spans_only_for_plain_names() {
        assert_eq!(plain_code_span("riskTag").as_deref(), Some("`riskTag`"));
        assert_eq!(plain_code_span("-5020").as_deref(), Some("`-5020`"));
        assert_eq!(plain_code_span("a`\nfn x() {}"), None);
        assert_eq!(plain_code_span(""), None);
    }

    #[test]
    fn block_comment_delimiters_are_broken_up() {
        assert_eq!(
            block_comment_safe("a */ b /* c */*/"),
            "a *\\/ b /\\* c *\\/\\*\\/"
        );
        assert_eq!(block_comment_safe("/*/"), "/\\*\\/");
    }

    #[test]
    fn toml_strings_use_toml_escapes() {
        assert_eq!(
            toml_string("a\"b\\c\n\u{7}\u{200B}\u{2028}😀"),
            "\"a\\\"b\\\\c\\n\\u0007\\u200B\\u2028😀\""
        );
    }

    #[test]
    fn xml_comments_hold_no_double_hyphen() {
        assert_eq!(xml_comment("a--b"), "a- -b");
        assert_eq!(xml_comment("1.0.0-a---b"), "1.0.0-a- - -b");
        assert_eq!(xml_comment("ends-"), "ends- ");
        assert_eq!(xml_comment("plain text"), "plain text");
    }

    #[test]
    fn setting_forms() {
        assert!(dotted_lower_case("com.example.codes_2").is_none());
        for bad in ["com.Example", "com..x", "2com.x", "com.x-y", ""] {
            assert!(dotted_lower_case(bad).is_some(), "{bad}");
        }
        assert!(upper_camel_identifier("FaceIdCodes").is_none());
        let ascii = upper_camel_identifier("Fäce").unwrap();
        assert_eq!(ascii.message, "is not an ASCII identifier");
        let case = upper_camel_identifier("face_codes").unwrap();
        assert_eq!(case.hint, "write it as `FaceCodes`");
    }

    #[test]
    fn json_strings_parse_back() {
        let text = "T\u{200B}i\u{2028}t \"le\" \\ \u{1}";
        let json = json_string(text);
        assert!(json.contains("\\u200B") && json.contains("\\u2028"));
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
    }
}
