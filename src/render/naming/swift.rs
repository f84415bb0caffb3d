//! Swift spelling: UpperCamel types, lowerCamel cases and members, backticks for keywords.

use super::{Oracle, lower_camel};

pub struct Swift;

/// Keywords used in declarations, statements and expressions, plus `Type`/`Self`.
const KEYWORDS: &[&str] = &[
    "associatedtype",
    "class",
    "deinit",
    "enum",
    "extension",
    "fileprivate",
    "func",
    "import",
    "init",
    "inout",
    "internal",
    "let",
    "open",
    "operator",
    "private",
    "precedencegroup",
    "protocol",
    "public",
    "rethrows",
    "static",
    "struct",
    "subscript",
    "typealias",
    "var",
    "break",
    "case",
    "catch",
    "continue",
    "default",
    "defer",
    "do",
    "else",
    "fallthrough",
    "for",
    "guard",
    "if",
    "in",
    "repeat",
    "return",
    "throw",
    "switch",
    "where",
    "while",
    "Any",
    "as",
    "await",
    "false",
    "is",
    "nil",
    "self",
    "Self",
    "super",
    "throws",
    "true",
    "try",
    "Type",
    "Protocol",
];
/// Members every generated enum has; accessors may not shadow them.
const MEMBERS: &[&str] = &[
    "code",
    "codes",
    "identifier",
    "message",
    "hint",
    "description",
    "allCases",
    "hashValue",
];

impl Oracle for Swift {
    fn type_name(&self, name: &str) -> String {
        escape(name.to_string())
    }

    fn variant(&self, name: &str) -> String {
        escape(lower_camel(name))
    }

    fn member(&self, snake: &str) -> String {
        let name = lower_camel(snake);
        if MEMBERS.contains(&name.as_str()) {
            format!("{name}Value")
        } else {
            escape(name)
        }
    }

    fn bool_member(&self, snake: &str) -> String {
        format!("is{}", heck::ToUpperCamelCase::to_upper_camel_case(snake))
    }

    fn string(&self, text: &str) -> String {
        // Escaping `\` also defuses `\(`: "\\(" is a backslash and a parenthesis.
        super::c_like_string(text, |n| format!("\\u{{{n:X}}}"), &[('\0', "\\0")])
    }
}

fn escape(name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) {
        format!("`{name}`")
    } else {
        name
    }
}

/// Swift doc comments are `///` lines; no text can end them early.
pub fn doc(text: &str) -> Vec<String> {
    super::doc_lines(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(Swift.variant("Self"), "`self`");
        assert_eq!(Swift.variant("Default"), "`default`");
        assert_eq!(Swift.variant("VerificationPassed"), "verificationPassed");
        assert_eq!(Swift.member("in"), "`in`");
        assert_eq!(Swift.string("\\(x) \"\u{7}"), "\"\\\\(x) \\\"\\u{7}\"");
    }
}
