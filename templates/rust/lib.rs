{%- import "macros.txt" as m -%}
// {{ view.header }}
{%- call m::doc(view.title, "//!") %}{% endcall %}
//!
//! Look a raw code up with `from_code`: an unknown code gives `None`, never a panic.
//! Texts come in every catalog locale; see [`CatalogLocale`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Codes are identifiers printed as the catalog writes them (`66660023`), not quantities.
#![allow(clippy::unreadable_literal)]

use core::fmt;

/// The version of the catalog this crate was generated from.
pub const CATALOG_VERSION: &str = {{ view.version }};
/// The catalog's content hash: equal hashes, equal catalogs, whatever the TOML layout.
pub const CATALOG_HASH: &str = {{ view.hash }};

/// A locale the catalog's texts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CatalogLocale {
{%- for locale in view.locales %}
    /// {{ locale.doc_tag }}
    {{ locale.variant }},
{%- endfor %}
}

impl CatalogLocale {
    /// The default locale.
    pub const DEFAULT: CatalogLocale = CatalogLocale::{{ view.default_locale }};
    /// Every locale, the default first.
    #[rustfmt::skip]
    pub const ALL: &'static [CatalogLocale] = &[{% for locale in view.locales %}CatalogLocale::{{ locale.variant }}{% if !loop.last %}, {% endif %}{% endfor %}];

    /// The locale's BCP 47 tag.
    #[must_use]
    pub const fn tag(self) -> &'static str {
        match self {
{%- for locale in view.locales %}
            CatalogLocale::{{ locale.variant }} => {{ locale.literal }},
{%- endfor %}
        }
    }

    /// The locale whose BCP 47 tag is `tag`, if the catalog has it.
    #[must_use]
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|locale| locale.tag() == tag)
    }

    /// The catalog locale for the BCP 47 tag `tag` (`en-US`, `zh_Hans_CN`), never
    /// failing: `_` reads as `-` and case is ignored; the locale with the whole tag,
    /// else one with the same language and region (a script subtag ignored), else
    /// the first with the same language, else [`CatalogLocale::DEFAULT`].
    #[must_use]
    pub fn matching(tag: &str) -> Self {
        Self::matching_any([tag])
    }

    /// The catalog locale for the first of `tags` (most preferred first, as in
    /// `Accept-Language`) that [`CatalogLocale::matching`] matches without falling
    /// back, else [`CatalogLocale::DEFAULT`].
    #[must_use]
    pub fn matching_any<'a>(tags: impl IntoIterator<Item = &'a str>) -> Self {
        tags.into_iter()
            .find_map(Self::lookup)
            .unwrap_or(Self::DEFAULT)
    }

    /// The locale `tag` matches by whole tag, language and region, or language.
    fn lookup(tag: &str) -> Option<Self> {
        let (tag, language, region) = Self::parts(tag);
        let all: Vec<_> = Self::ALL
            .iter()
            .map(|&l| (l, Self::parts(l.tag())))
            .collect();
        all.iter()
            .find(|(_, p)| p.0 == tag)
            .or_else(|| all.iter().find(|(_, p)| p.1 == language && p.2 == region))
            .or_else(|| all.iter().find(|(_, p)| p.1 == language))
            .map(|(locale, _)| *locale)
    }

    /// `tag` in ASCII lower case with `_` read as `-`, its language, and its
    /// region (two letters or three digits, after a four-letter script if any).
    fn parts(tag: &str) -> (String, String, Option<String>) {
        let tag = tag.replace('_', "-").to_ascii_lowercase();
        let mut subtags = tag.split('-');
        let language = subtags.next().unwrap_or_default().to_string();
        let mut next = subtags.next();
        // `map_or`, not `is_some_and`: the crate builds with Rust 1.63.
        if next.map_or(false, |s| {
            s.len() == 4 && s.bytes().all(|b| b.is_ascii_lowercase())
        }) {
            next = subtags.next();
        }
        let region = next
            .filter(|s| {
                (s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()))
                    || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
            })
            .map(str::to_string);
        (tag, language, region)
    }
}

{% if view.has_history %}/// Earlier values of an attribute: before day `(year, month, day)`, the value was `T`.
type History<T> = &'static [((i32, u32, u32), T)];

{% endif %}#[rustfmt::skip]
const UNKNOWN_CODE: &[&str] = &[{{ view.unknown|join(", ") }}];

fn describe_unknown(code: &str, locale: CatalogLocale) -> String {
    UNKNOWN_CODE[locale as usize].replace("{code}", code)
}

/// A code that the catalog does not know, kept as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&describe_unknown(&self.0, CatalogLocale::DEFAULT))
    }
}

impl std::error::Error for UnknownCode {}

mod sealed {
    pub trait Sealed {}
}

/// A code set of this crate: the `T` of [`Code<T>`].
pub trait CodeSet: sealed::Sealed + Copy {
    /// The code as received: `i32`, or `String` for a set keyed by text.
    type Raw: Clone + fmt::Debug + fmt::Display + PartialEq + Eq + core::hash::Hash;
}

/// A code as received, whether the catalog knows it or not: decoding a code newer
/// than this crate does not fail, and the code that arrived (an alias, say) is kept
/// and written back as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Code<T: CodeSet> {
    /// An entry of the catalog, and the code it arrived as (canonical or alias).
    Known(T, T::Raw),
    /// A code the catalog does not know.
    Unknown(T::Raw),
}

impl<T: CodeSet> Code<T> {
    /// The entry, or `None` for a code the catalog does not know.
    #[must_use]
    pub fn known(&self) -> Option<T> {
        match self {
            Code::Known(entry, _) => Some(*entry),
            Code::Unknown(_) => None,
        }
    }

    /// The code as received.
    #[must_use]
    pub fn raw(&self) -> &T::Raw {
        match self {
            Code::Known(_, raw) | Code::Unknown(raw) => raw,
        }
    }
}

impl<T: CodeSet + fmt::Display> fmt::Display for Code<T> {
    /// The entry's message, or the catalog's text for an unknown code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Known(entry, _) => entry.fmt(f),
            Code::Unknown(raw) => {
                f.write_str(&describe_unknown(&raw.to_string(), CatalogLocale::DEFAULT))
            }
        }
    }
}

/// Writes the code as received, an unknown one or an alias included.
#[cfg(feature = "serde")]
impl<T: CodeSet> serde::Serialize for Code<T>
where
    T::Raw: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw().serialize(serializer)
    }
}
{%- for e in view.enums %}

/// The values of {{ e.doc_name }}.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum {{ e.name }} {
{%- for value in e.values %}
{%- call m::doc(value.doc, "    ///") %}{% endcall %}
    {{ value.variant }},
{%- endfor %}
}

impl {{ e.name }} {
    /// Every value, in catalog order.
    #[rustfmt::skip]
    pub const ALL: &'static [{{ e.name }}] = &[{% for value in e.values %}{{ e.name }}::{{ value.variant }}{% if !loop.last %}, {% endif %}{% endfor %}];
    #[rustfmt::skip]
    const LABELS: &'static [&'static [&'static str]] = &[{% for value in e.values %}{{ value.labels }}{% if !loop.last %}, {% endif %}{% endfor %}];

    /// The value's identifier in the catalog.
    #[must_use]
    pub const fn identifier(self) -> &'static str {
        match self {
{%- for value in e.values %}
            {{ e.name }}::{{ value.variant }} => {{ value.name }},
{%- endfor %}
        }
    }

    /// The label in the default locale.
    #[must_use]
    pub const fn label(self) -> &'static str {
        self.label_in(CatalogLocale::DEFAULT)
    }

    /// The label in `locale`.
    #[must_use]
    pub const fn label_in(self, locale: CatalogLocale) -> &'static str {
        Self::LABELS[self as usize][locale as usize]
    }
}
{%- endfor %}
{%- for (set, aliases) in view.sets.iter().zip(aliases.iter()) %}
{% call m::doc(set.doc, "///") %}{% endcall %}
///
/// `from_code` accepts every code of an entry, aliases included; rustdoc's search
/// finds a variant by any of its codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
// Layouts that depend on catalog data are kept as generated: rustfmt would reflow them by width.
#[rustfmt::skip]
pub enum {{ set.name }} {
{%- for (entry, entry_aliases) in set.entries.iter().zip(aliases.iter()) %}
{%- call m::doc(entry.doc, "    ///") %}{% endcall %}
{%- for alias in entry_aliases %}
    #[doc(alias = {{ alias }})]
{%- endfor %}
{%- if let Some(message) = entry.deprecated_message %}
    #[deprecated(note = {{ message }})]
{%- endif %}
    {{ entry.variant }},
{%- endfor %}
}
{% if set.has_deprecated %}
// The tables and matches below name every variant, deprecated ones included.
#[allow(deprecated)]
{%- endif %}
impl {{ set.name }} {
    /// Every entry, in catalog order.
    #[rustfmt::skip]
    pub const ALL: &'static [{{ set.name }}] = &[
{%- for entry in set.entries %}
        {{ set.name }}::{{ entry.variant }},
{%- endfor %}
    ];
    #[rustfmt::skip]
    const CODES: &'static [&'static [{{ set.code_type }}]] = &[
{%- for entry in set.entries %}
        {{ entry.codes_list }},
{%- endfor %}
    ];
    #[rustfmt::skip]
    const IDENTIFIERS: &'static [&'static str] = &[
{%- for entry in set.entries %}
        {{ entry.identifier }},
{%- endfor %}
    ];
    #[rustfmt::skip]
    const MESSAGES: &'static [&'static [&'static str]] = &[
{%- for entry in set.entries %}
        {{ entry.messages }},
{%- endfor %}
    ];
{%- if set.has_hints %}
    #[rustfmt::skip]
    const HINTS: &'static [Option<&'static [&'static str]>] = &[
{%- for entry in set.entries %}
        {% match entry.hints %}{% when Some(hints) %}Some({{ hints }}){% when None %}None{% endmatch %},
{%- endfor %}
    ];
{%- endif %}
{%- if set.has_doc_urls %}
    #[rustfmt::skip]
    const DOC_URLS: &'static [&'static str] = &[
{%- for entry in set.entries %}
        {% if let Some(url) = entry.doc_url_literal %}{{ url }}{% endif %},
{%- endfor %}
    ];
{%- endif %}
{%- for attribute in set.attributes %}
    #[rustfmt::skip]
    const {{ attribute.names.storage }}: &'static [{{ attribute.value_type }}] = &[
{%- for value in attribute.values %}
        {{ value.literal }},
{%- endfor %}
    ];
{%- if attribute.names.on_accessor.is_some() %}
    #[rustfmt::skip]
    const {{ attribute.names.history_storage }}: &'static [History<{{ attribute.value_type }}>] = &[
{%- for value in attribute.values %}
        &[{% for past in value.history %}(({{ past.year }}, {{ past.month }}, {{ past.day }}), {{ past.literal }}){% if !loop.last %}, {% endif %}{% endfor %}],
{%- endfor %}
    ];
{%- endif %}
{%- endfor %}

    /// The entry one of whose codes is `code`, or `None` for a code the catalog does not know.
    #[must_use]
    #[rustfmt::skip]
    #[allow(clippy::match_single_binding)] // a set without entries has one arm
    pub fn from_code(code: {{ set.code_param }}) -> Option<Self> {
        match code {
{%- for entry in set.entries %}
            {{ entry.codes|join(" | ") }} => Some({{ set.name }}::{{ entry.variant }}),
{%- endfor %}
            _ => None,
        }
    }

    /// The canonical code.
    #[must_use]
    pub const fn code(self) -> {{ set.code_type }} {
        Self::CODES[self as usize][0]
    }

    /// Every code of this entry, the canonical one first.
    #[must_use]
    pub const fn codes(self) -> &'static [{{ set.code_type }}] {
        Self::CODES[self as usize]
    }

    /// The entry's identifier in the catalog.
    #[must_use]
    pub const fn identifier(self) -> &'static str {
        Self::IDENTIFIERS[self as usize]
    }

    /// The message in the default locale.
    #[must_use]
    pub const fn message(self) -> &'static str {
        self.message_in(CatalogLocale::DEFAULT)
    }

    /// The message in `locale`.
    #[must_use]
    pub const fn message_in(self, locale: CatalogLocale) -> &'static str {
        Self::MESSAGES[self as usize][locale as usize]
    }

    /// The handling hint in the default locale, if the entry has one.
    #[must_use]
    pub const fn hint(self) -> Option<&'static str> {
        self.hint_in(CatalogLocale::DEFAULT)
    }

    /// The handling hint in `locale`, if the entry has one.
    #[must_use]
    pub const fn hint_in(self, locale: CatalogLocale) -> Option<&'static str> {
{%- if set.has_hints %}
        match Self::HINTS[self as usize] {
            Some(hints) => Some(hints[locale as usize]),
            None => None,
        }
{%- else %}
        let _ = (self, locale);
        None
{%- endif %}
    }
{%- if set.has_doc_urls %}

    /// This entry's row in the published HTML docs.
    #[must_use]
    pub const fn doc_url(self) -> &'static str {
        Self::DOC_URLS[self as usize]
    }
{%- endif %}
{%- for attribute in set.attributes %}
{%- if attribute.names.is_text %}

    /// {{ attribute.summary }}, in the default locale.
    #[must_use]
    pub const fn {{ attribute.names.accessor }}(self) -> &'static str {
        self.{{ attribute.names.in_accessor }}(CatalogLocale::DEFAULT)
    }

    /// {{ attribute.summary }}, in `locale`.
    #[must_use]
    pub const fn {{ attribute.names.in_accessor }}(self, locale: CatalogLocale) -> &'static str {
        Self::{{ attribute.names.storage }}[self as usize][locale as usize]
    }
{%- else %}

    /// {{ attribute.summary }}.
    #[must_use]
    pub const fn {{ attribute.names.accessor }}(self) -> {{ attribute.value_type }} {
        Self::{{ attribute.names.storage }}[self as usize]
    }
{%- endif %}
{%- if let Some(on_accessor) = attribute.names.on_accessor %}

    /// {{ attribute.summary }} on a calendar day (year, month 1–12, day 1–31)
    /// in the catalog's time zone: values before a dated change differ from now.
    #[must_use]
    pub fn {{ on_accessor }}(self, year: i32, month: u32, day: u32) -> {{ attribute.on_type }} {
        let date = (year, month, day);
        for &(until, value) in Self::{{ attribute.names.history_storage }}[self as usize] {
            if date < until {
                return value{% if attribute.names.is_text %}[CatalogLocale::DEFAULT as usize]{% endif %};
            }
        }
        self.{{ attribute.names.accessor }}()
    }
{%- endif %}
{%- endfor %}

    /// The message for `code` in the default locale, or a text naming the unknown code.
    #[must_use]
    pub fn describe(code: {{ set.code_param }}) -> String {
        Self::describe_in(code, CatalogLocale::DEFAULT)
    }

    /// The message for `code` in `locale`, or a text naming the unknown code.
    #[must_use]
    pub fn describe_in(code: {{ set.code_param }}, locale: CatalogLocale) -> String {
        match Self::from_code(code) {
            Some(entry) => entry.message_in(locale).to_string(),
            None => describe_unknown({{ set.code_to_text }}, locale),
        }
    }
}

impl fmt::Display for {{ set.name }} {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}
{%- if set.is_error %}

impl std::error::Error for {{ set.name }} {}
{%- endif %}

impl TryFrom<{{ set.code_param }}> for {{ set.name }} {
    type Error = UnknownCode;

    fn try_from(code: {{ set.code_param }}) -> Result<Self, UnknownCode> {
        Self::from_code(code).ok_or_else(|| UnknownCode(code.to_string()))
    }
}

impl From<{{ set.name }}> for {{ set.code_type }} {
    fn from(entry: {{ set.name }}) -> Self {
        entry.code()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for {{ set.name }} {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
{%- if set.int_key %}
        serializer.serialize_i32(self.code())
{%- else %}
        serializer.serialize_str(self.code())
{%- endif %}
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for {{ set.name }} {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
{%- if set.int_key %}
        let code = i32::deserialize(deserializer)?;
        Self::from_code(code).ok_or_else(|| serde::de::Error::custom(UnknownCode(code.to_string())))
{%- else %}
        let code = String::deserialize(deserializer)?;
        Self::from_code(&code).ok_or_else(|| serde::de::Error::custom(UnknownCode(code)))
{%- endif %}
    }
}

/// Parses one of the entry's codes{% if set.int_key %}, as `i32::from_str` reads it (`-5020`){% else %}, exactly as written{% endif %};
/// the entry's identifier does not parse.
impl core::str::FromStr for {{ set.name }} {
    type Err = UnknownCode;

    fn from_str(text: &str) -> Result<Self, UnknownCode> {
{%- if set.int_key %}
        text.parse()
            .ok()
            .and_then(Self::from_code)
            .ok_or_else(|| UnknownCode(text.to_string()))
{%- else %}
        Self::from_code(text).ok_or_else(|| UnknownCode(text.to_string()))
{%- endif %}
    }
}

impl sealed::Sealed for {{ set.name }} {}

impl CodeSet for {{ set.name }} {
{%- if set.int_key %}
    type Raw = i32;
{%- else %}
    type Raw = String;
{%- endif %}
}
{%- if set.int_key %}

impl From<i32> for Code<{{ set.name }}> {
    fn from(raw: i32) -> Self {
        match {{ set.name }}::from_code(raw) {
            Some(entry) => Code::Known(entry, raw),
            None => Code::Unknown(raw),
        }
    }
}

/// Parses any code, known or not, as `i32::from_str` reads it.
impl core::str::FromStr for Code<{{ set.name }}> {
    type Err = core::num::ParseIntError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.parse::<i32>().map(Self::from)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Code<{{ set.name }}> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        i32::deserialize(deserializer).map(Self::from)
    }
}
{%- else %}

impl From<String> for Code<{{ set.name }}> {
    fn from(raw: String) -> Self {
        match {{ set.name }}::from_code(&raw) {
            Some(entry) => Code::Known(entry, raw),
            None => Code::Unknown(raw),
        }
    }
}

impl From<&str> for Code<{{ set.name }}> {
    fn from(raw: &str) -> Self {
        Self::from(raw.to_string())
    }
}

/// Parses any text: a code the catalog does not know is [`Code::Unknown`].
impl core::str::FromStr for Code<{{ set.name }}> {
    type Err = core::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Self::from(text))
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Code<{{ set.name }}> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}
{%- endif %}
{%- endfor %}

#[cfg(test)]
mod tests {
    use super::*;
{%- for set in view.sets %}

    #[test]
    fn {{ set.lower_name }}_codes_round_trip() {
        for (index, &entry) in {{ set.name }}::ALL.iter().enumerate() {
            // The tables are indexed by discriminant, so ALL must follow it.
            assert_eq!(entry as usize, index);
            for &code in entry.codes() {
                assert_eq!({{ set.name }}::from_code(code), Some(entry));
                assert_eq!({{ set.name }}::try_from(code), Ok(entry));
            }
            for &locale in CatalogLocale::ALL {
                assert!(!entry.message_in(locale).is_empty());
            }
        }
    }

    #[test]
    fn {{ set.lower_name }}_unknown_codes_are_described() {
        let unknown = {{ set.unknown_probe }};
        assert_eq!({{ set.name }}::from_code(unknown), None);
        assert!({{ set.name }}::describe(unknown).contains(&unknown.to_string()));
    }
{%- endfor %}
}

