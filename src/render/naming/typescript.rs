//! TypeScript spelling: UpperCamel classes and static members, lowerCamel members.

use super::{Oracle, lower_camel};

pub struct TypeScript;

/// Reserved words that cannot name a declaration (class members may use them).
const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
];
/// Members every generated class has; an attribute accessor may not shadow them.
const CLASS_MEMBERS: &[&str] = &["constructor", "prototype", "name", "length", "toString"];

impl Oracle for TypeScript {
    fn type_name(&self, name: &str) -> String {
        if KEYWORDS.contains(&name) {
            format!("{name}_")
        } else {
            name.to_string()
        }
    }

    fn variant(&self, name: &str) -> String {
        // Static class members may be reserved words; UpperCamel never clashes with
        // the lowerCamel built-ins (`name`, `length`, `prototype`).
        name.to_string()
    }

    fn member(&self, snake: &str) -> String {
        let name = lower_camel(snake);
        if CLASS_MEMBERS.contains(&name.as_str()) {
            format!("{name}Value")
        } else {
            name
        }
    }

    fn bool_member(&self, snake: &str) -> String {
        format!("is{}", heck::ToUpperCamelCase::to_upper_camel_case(snake))
    }

    fn string(&self, text: &str) -> String {
        // A JSON string is a valid JavaScript string literal; `${` is inert in "…".
        super::c_like_string(text, |n| format!("\\u{{{n:X}}}"), &[])
    }
}

/// JSDoc text: `*/` would end the comment.
pub fn doc(text: &str) -> Vec<String> {
    super::doc_lines(text)
        .into_iter()
        .map(|l| l.replace("*/", "*\\/"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_literals() {
        assert_eq!(TypeScript.member("in"), "in");
        assert_eq!(TypeScript.member("name"), "nameValue");
        assert_eq!(TypeScript.bool_member("billable"), "isBillable");
        assert_eq!(
            TypeScript.string("${x} \"q\" \\ \u{200b}"),
            "\"${x} \\\"q\\\" \\\\ \\u{200B}\""
        );
        assert_eq!(doc("close */ here"), vec!["close *\\/ here"]);
    }
}
