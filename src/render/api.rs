//! The declared API: every name one language's generated code declares, by
//! scope, as data. Validation checks catalog names against it (a catalog name
//! may not take a declared one), and `tests/bindings/declared.rs` parses the
//! generated code of every test catalog and fails on any declaration that
//! `super::declared::declared_names` does not list, so a template cannot print
//! a name the declaration lacks.

/// Every name one language's generated code declares or relies on.
pub struct Api {
    /// Keywords and other words the module spells around (escapes, suffixes).
    pub keywords: &'static [&'static [&'static str]],
    /// File level: the generated code's own types, functions, constants and
    /// tables, and the standard names it uses unqualified. No catalog type may
    /// take them.
    pub file: &'static [&'static str],
    /// File-level names made from a catalog type's name, or numbered tables.
    pub derived: &'static [Derived],
    /// The locale type's name.
    pub locale_type: &'static str,
    /// Members of every generated set type, its companions and its cases; an
    /// entry or attribute may not take them.
    pub set_members: &'static [&'static str],
    /// Members of every type generated for a catalog enum.
    pub enum_members: &'static [&'static str],
    /// Members of the locale type.
    pub locale_members: &'static [&'static str],
    /// Names of trait items the set types implement that the generated code
    /// only names qualified (Rust's associated types `Err`, `Error`): declared,
    /// but no catalog name clashes with them.
    pub set_trait_items: &'static [&'static str],
    /// Members each attribute declares on the set type, and when.
    pub attribute_members: &'static [(AttrName, When)],
    /// Private members of the set type made from each attribute's accessor:
    /// `{attr}` stands for it (Swift's `_{attr}_value`).
    pub attribute_private: &'static [&'static str],
    /// Types with fixed members declared inside or beside the set, enum and
    /// locale types: no catalog name lands in them.
    pub helpers: &'static [Helper],
}

/// One of the names an attribute gives rise to (`naming::AttributeNames`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AttrName {
    Accessor,
    OnAccessor,
    InAccessor,
    Storage,
    HistoryStorage,
    Field,
    HistoryField,
    AccessorTexts,
    AccessorHistory,
}

/// Which attributes declare a member: all, text ones, or dated ones.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    Text,
    Dated,
}

/// A file-level name made from a catalog name: `{prefix}{name}{suffix}`.
pub struct Derived {
    pub prefix: &'static str,
    pub suffix: &'static str,
    pub from: DerivedFrom,
}

/// What a [`Derived`] name is made from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DerivedFrom {
    /// Every set's type name.
    Set,
    /// Every error set's type name.
    ErrorSet,
    /// A decimal number (Kotlin's table objects `D0`, `D1`, …).
    Number,
}

impl Derived {
    pub fn name(&self, base: &str) -> String {
        format!("{}{base}{}", self.prefix, self.suffix)
    }

    /// Whether `name` is this numbered pattern for some number.
    pub fn numbers(&self, name: &str) -> bool {
        self.from == DerivedFrom::Number
            && name
                .strip_prefix(self.prefix)
                .and_then(|rest| rest.strip_suffix(self.suffix))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// A type with fixed members. `scope` is its path, `.`-separated, in which
/// `{set}`, `{error_set}`, `{enum}` and `{locale}` stand for each such type and
/// `{n}` for a number; in `members`, `{n}` stands for a number,
/// `{set_lower}` for each set's name in lower case, and `{entry}` for every
/// entry's case of the helper's set.
pub struct Helper {
    pub scope: &'static str,
    pub members: &'static [&'static str],
}

impl Api {
    /// Every word of the lists validation checks catalog names against. Tests
    /// build catalogs from them to prove that whatever validation accepts compiles.
    pub fn words(&self) -> Vec<&'static str> {
        // At file level a catalog name is a type: UpperCamel, so a function
        // or constant (`describeUnknown`, `CATALOG_HASH`) cannot clash with one.
        let types = self.file.iter().copied().filter(|word| {
            word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.contains(|c: char| c.is_ascii_lowercase())
        });
        let members = [self.set_members, self.enum_members, self.locale_members];
        self.keywords
            .iter()
            .chain(&members)
            .flat_map(|list| list.iter().copied())
            .chain(types)
            // Private names (`_Data`) and patterns (`a{n}`) no catalog name spells.
            .filter(|word| !word.starts_with('_') && !word.contains('{'))
            .collect()
    }

    /// Whether no catalog type may take the name `name` (as spelled).
    pub fn reserves_type(&self, name: &str) -> bool {
        name == self.locale_type
            || self.file.contains(&name)
            || self.derived.iter().any(|d| d.numbers(name))
    }

    /// File-level names declared beside the set type `set` (spelled).
    pub fn companions(&self, set: &str, is_error: bool) -> Vec<String> {
        self.derived
            .iter()
            .filter(|d| d.from == DerivedFrom::Set || (is_error && d.from == DerivedFrom::ErrorSet))
            .map(|d| d.name(set))
            .collect()
    }
}
