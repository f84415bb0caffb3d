//! Identifier shapes: UpperCamel types and entries, snake_case ids, the kebab
//! catalog name, the Kotlin package; and the one namespace of type names.

use std::collections::HashMap;

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

use super::rules::MAX_NAME_CHARS;
use super::validator::Validator;
use super::wording::{fallback, first_label};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::read::Sp;

impl Validator<'_> {
    /// False, with a diagnostic, when `name` is longer than [`MAX_NAME_CHARS`].
    pub(super) fn short_enough(&mut self, name: &Sp<String>, what: &str) -> bool {
        let length = name.value.chars().count();
        if length > MAX_NAME_CHARS {
            self.error(
                DiagnosticKind::NameTooLong,
                name.span.clone(),
                format!("{what} is {length} characters long; at most {MAX_NAME_CHARS} are allowed"),
                "generated file and type names derive from it and must fit platform limits; shorten it",
            );
            return false;
        }
        true
    }

    /// An ASCII identifier in UpperCamelCase, e.g. a type or entry name.
    pub(super) fn upper_camel(&mut self, name: &Sp<String>, what: &str) -> bool {
        if !self.short_enough(name, what) {
            return false;
        }
        let value = &name.value;
        let ascii = value.starts_with(|c: char| c.is_ascii_alphabetic())
            && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ascii {
            self.error(
                DiagnosticKind::InvalidIdentifier,
                name.span.clone(),
                format!("{what} `{value}` is not an ASCII identifier"),
                "use ASCII letters and digits only, starting with a letter, e.g. `LivenessFailed`",
            );
            return false;
        }
        if !is_upper_camel(value) {
            self.error(
                DiagnosticKind::InvalidIdentifier,
                name.span.clone(),
                format!("{what} `{value}` is not UpperCamelCase"),
                format!("write it as `{}`", value.to_upper_camel_case()),
            );
            return false;
        }
        true
    }

    pub(super) fn snake_id(&mut self, name: &Sp<String>, what: &str) -> bool {
        if !self.short_enough(name, what) {
            return false;
        }
        let value = &name.value;
        let ok = value.starts_with(|c: char| c.is_ascii_lowercase())
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && value.to_snake_case() == *value;
        if !ok {
            self.error(
                DiagnosticKind::InvalidIdentifier,
                name.span.clone(),
                format!("{what} `{value}` is not snake_case ASCII"),
                format!(
                    "write it as `{}`",
                    fallback(&value.to_snake_case(), "my_name")
                ),
            );
        }
        ok
    }

    /// The catalog name: it names the packages, so kebab-case ASCII.
    pub(super) fn kebab_name(&mut self, name: &Sp<String>) {
        if !self.short_enough(name, "catalog name") {
            return;
        }
        let kebab = name.value.to_kebab_case();
        if kebab != name.value || !name.value.starts_with(|c: char| c.is_ascii_lowercase()) {
            self.error(
                DiagnosticKind::InvalidIdentifier,
                name.span.clone(),
                format!("catalog name `{}` is not kebab-case ASCII", name.value),
                format!(
                    "use lower-case words joined by `-`, e.g. `{}`",
                    fallback(&kebab, "my-codes")
                ),
            );
        }
    }

    /// Type names (sets and enums) share one namespace in every target language.
    pub(super) fn type_name(&mut self, name: &Sp<String>, seen: &mut HashMap<String, Sp<String>>) {
        // Reserved names are reported by `names`; they take no part in clashes.
        if !self.upper_camel(name, "type name")
            || crate::render::oracles().any(|o| o.api().reserves_type(&name.value))
        {
            return;
        }
        let folded = name.value.to_ascii_lowercase();
        if let Some(first) = seen.get(&folded) {
            let diagnostic = Diagnostic::new(
                DiagnosticKind::DuplicateName,
                name.span.clone(),
                format!("type name `{}` clashes with `{}`", name.value, first.value),
                "set and enum names must differ in more than letter case; rename one",
            )
            .with_label(
                first.span.clone(),
                first_label(&first.value, &name.value, "declared"),
            );
            self.report(diagnostic);
        } else {
            seen.insert(folded, name.clone());
        }
    }
}

/// Whether heck's `to_upper_camel_case` leaves `name` unchanged, without
/// allocating (validation asks it of every entry name). The word splitting
/// follows heck 0.5's `transform` step by step; a word survives capitalisation
/// when it starts with no lowercase letter and has no uppercase letter after.
pub(super) fn is_upper_camel(name: &str) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lowercase,
        Uppercase,
    }
    let capitalised = |word: &str| {
        let mut chars = word.chars();
        chars.next().is_none_or(|first| !first.is_lowercase()) && !chars.any(char::is_uppercase)
    };
    // heck drops separators, so a name holding one is never unchanged.
    if name.is_empty() || name.contains(|c: char| !c.is_alphanumeric()) {
        return name.is_empty();
    }
    let mut chars = name.char_indices().peekable();
    let (mut start, mut mode) = (0, Mode::Boundary);
    while let Some((i, c)) = chars.next() {
        let Some(&(next_i, next)) = chars.peek() else {
            return capitalised(&name[start..]);
        };
        let next_mode = if c.is_lowercase() {
            Mode::Lowercase
        } else if c.is_uppercase() {
            Mode::Uppercase
        } else {
            mode
        };
        if next_mode == Mode::Lowercase && next.is_uppercase() {
            if !capitalised(&name[start..next_i]) {
                return false;
            }
            (start, mode) = (next_i, Mode::Boundary);
        } else if mode == Mode::Uppercase && c.is_uppercase() && next.is_lowercase() {
            if !capitalised(&name[start..i]) {
                return false;
            }
            (start, mode) = (i, Mode::Boundary);
        } else {
            mode = next_mode;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use heck::ToUpperCamelCase;

    use super::is_upper_camel;

    #[test]
    fn upper_camel_check_agrees_with_heck() {
        let names = [
            "",
            "A",
            "a",
            "AB",
            "ABc",
            "ABC",
            "ABCd",
            "HTTPServer",
            "HttpServer",
            "Foo2Bar",
            "Foo2bar",
            "F2",
            "2Foo",
            "X1Y",
            "XY1",
            "Ab1C",
            "AbcDEf",
            "AbcDEF",
            "Abc_Def",
            "Abc Def",
            "ÄBc",
            "Ωmega",
            "OK",
            "Ok",
            "NotFound404",
            "Http2Server",
            "IOError",
            "IoError",
        ];
        for name in names {
            assert_eq!(
                is_upper_camel(name),
                name.to_upper_camel_case() == name,
                "{name:?}"
            );
        }
        // Every two- and three-letter word over a few kinds of characters.
        let alphabet = ['A', 'b', 'C', '1', 'é', 'É'];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    for name in [
                        format!("{a}{b}"),
                        format!("{a}{b}{c}"),
                        format!("{a}{b}{c}{a}"),
                    ] {
                        assert_eq!(
                            is_upper_camel(&name),
                            name.to_upper_camel_case() == name,
                            "{name:?}"
                        );
                    }
                }
            }
        }
    }
}
