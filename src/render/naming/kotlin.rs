//! Kotlin spelling: UpperCamel types, SCREAMING_SNAKE enum constants, lowerCamel
//! members in backticks when they are keywords.

use heck::ToShoutySnakeCase;

use super::{Oracle, lower_camel};

pub struct Kotlin;

/// Hard keywords, plus soft and modifier keywords that read badly unescaped.
const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];
/// Members of every Kotlin enum entry; constants and accessors may not shadow them.
const ENUM_MEMBERS: &[&str] = &[
    "name",
    "ordinal",
    "entries",
    "values",
    "valueOf",
    "compareTo",
    "equals",
    "hashCode",
    "toString",
];

impl Oracle for Kotlin {
    fn type_name(&self, name: &str) -> String {
        name.to_string()
    }

    fn variant(&self, name: &str) -> String {
        name.to_shouty_snake_case()
    }

    fn member(&self, snake: &str) -> String {
        let name = lower_camel(snake);
        if ENUM_MEMBERS.contains(&name.as_str()) {
            format!("{name}Value")
        } else if KEYWORDS.contains(&name.as_str()) {
            format!("`{name}`")
        } else {
            name
        }
    }

    fn bool_member(&self, snake: &str) -> String {
        format!("is{}", heck::ToUpperCamelCase::to_upper_camel_case(snake))
    }

    fn string(&self, text: &str) -> String {
        // Kotlin has no \u{…}: code points outside the BMP stay literal (UTF-8 source).
        super::c_like_string(
            text,
            |n| format!("\\u{n:04X}"),
            &[('$', "\\$"), ('\u{8}', "\\b")],
        )
    }
}

/// KDoc text: Kotlin block comments nest, so both `/*` and `*/` are broken up.
pub fn doc(text: &str) -> Vec<String> {
    super::doc_lines(text)
        .into_iter()
        .map(|l| l.replace("*/", "*&#47;").replace("/*", "&#47;*"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(Kotlin.variant("LivenessFailed5026"), "LIVENESS_FAILED5026");
        assert_eq!(Kotlin.member("in"), "`in`");
        assert_eq!(Kotlin.member("name"), "nameValue");
        assert_eq!(Kotlin.string("$x ${x} \"\\"), "\"\\$x \\${x} \\\"\\\\\"");
        assert_eq!(Kotlin.string("\u{7}"), "\"\\u0007\"");
        assert_eq!(doc("a */ b /* c"), vec!["a *&#47; b &#47;* c"]);
    }
}
