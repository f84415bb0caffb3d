//! Rust spelling: UpperCamel types and variants, snake_case members, `r#` escapes.

use heck::ToSnakeCase;

use super::Oracle;

pub struct Rust;

/// Strict and reserved keywords of Rust 2021.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];
/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

impl Oracle for Rust {
    fn type_name(&self, name: &str) -> String {
        escape(name.to_string())
    }

    fn variant(&self, name: &str) -> String {
        escape(name.to_string())
    }

    fn member(&self, snake: &str) -> String {
        escape(snake.to_snake_case())
    }

    fn bool_member(&self, snake: &str) -> String {
        format!("is_{}", snake.to_snake_case())
    }

    fn string(&self, text: &str) -> String {
        // Debug formatting of str is exactly Rust literal syntax.
        format!("{text:?}")
    }
}

/// Rust doc text: Markdown, so brackets and HTML-like text are escaped for rustdoc.
pub fn doc(text: &str) -> Vec<String> {
    super::doc_lines(text)
        .into_iter()
        .map(|line| {
            line.replace('\\', "\\\\")
                .replace('[', "\\[")
                .replace(']', "\\]")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('`', "'")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(Rust.variant("Self"), "Self_");
        assert_eq!(Rust.member("in"), "r#in");
        assert_eq!(Rust.member("type"), "r#type");
        assert_eq!(Rust.member("billable"), "billable");
        assert_eq!(Rust.bool_member("async"), "is_async");
    }

    #[test]
    fn strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(Rust.string("a\"b\\c\n\u{7}"), "\"a\\\"b\\\\c\\n\\u{7}\"");
        assert_eq!(Rust.string("中文 ${x}"), "\"中文 ${x}\"");
    }
}
