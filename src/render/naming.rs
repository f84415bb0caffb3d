//! The naming oracle: how one target language spells catalog names, texts and
//! types. Each language module implements [`Oracle`] once; the view and the
//! templates never transform a name themselves.

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
    /// The lines of a doc comment holding `text`, without comment markers.
    fn doc(&self, text: &str) -> Vec<String>;
    /// A list literal of already-spelled items.
    fn list(&self, items: &[String]) -> String;
    /// A reference to `value` of enum type `type_name`.
    fn enum_value(&self, type_name: &str, value: &str) -> String;
    /// A code as returned by the generated API.
    fn code_type(&self, key: KeyKind) -> &'static str;
    /// A code as accepted by lookups; the returned type unless the language borrows.
    fn code_param(&self, key: KeyKind) -> &'static str {
        self.code_type(key)
    }
    /// An expression turning the lookup parameter `code` into text.
    fn code_to_text(&self, key: KeyKind) -> &'static str;
    /// The stored type of one attribute value.
    fn value_type(&self, kind: &AttrType) -> String;
    /// The type of one text, as accessors return it.
    fn text_type(&self) -> &'static str;
    /// Type names the generated code declares or relies on (its own helpers, the
    /// standard library's); a set or enum may not take them.
    fn reserved_types(&self) -> &'static [&'static str];
    /// Members every generated set type has, spelled; an attribute may not take them.
    fn set_members(&self) -> &'static [&'static str];
    /// The names of `names` this language declares as members of the set type.
    fn attribute_members<'n>(&self, names: &'n AttributeNames) -> Vec<&'n str>;
    /// Members of every generated type for a catalog enum, and of the locale type.
    fn enum_members(&self) -> &'static [&'static str];
    fn locale_members(&self) -> &'static [&'static str];
    /// Problems with the package or module name this language derives from the
    /// catalog; the compiler or package manager would refuse it.
    fn package_problems(&self, _names: &PackageNames) -> Vec<PackageProblem> {
        Vec::new()
    }
}

/// The catalog keys that name packages and modules.
pub struct PackageNames<'a> {
    pub name: &'a str,
    pub kotlin_package: Option<&'a str>,
    pub swift_module: Option<&'a str>,
}

/// Which key a package problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageKey {
    Name,
    KotlinPackage,
    SwiftModule,
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
    for c in text.chars() {
        if let Some((_, escaped)) = extra.iter().find(|(e, _)| *e == c) {
            out.push_str(escaped);
            continue;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => out.push_str(&unicode(u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Format characters that are legal in literals but invisible or direction-changing
/// in source; escaping them keeps generated files reviewable.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

/// Lines of a doc comment: line breaks kept, control characters dropped.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            line.chars()
                .filter(|c| !c.is_control() && !is_invisible(*c))
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}
