//! The `[catalog]` table: its keys, the declared locales, and every localized text.

use std::collections::HashMap;
use std::ops::Range;

use super::validator::Validator;
use super::wording::short_list_of;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::model::Text;
use crate::read::{RawMeta, RawText, Sp};

/// The longest text, in characters. The Kotlin binding keeps texts in JVM string
/// constants, each at most 65,535 bytes of modified UTF-8, in which a character
/// takes up to 6 bytes: 10,000 characters always fit.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The most locales a catalog may declare. Real catalogs have a few, large
/// ones about 40; every text must be written in each, and the docs carry the
/// texts of every locale (600 locales once made 276 MB of HTML).
pub const MAX_LOCALES: usize = 100;

/// The texts of `[catalog]`, checked.
pub(super) struct MetaTexts {
    /// The version normalised (`01.2.3` is refused, `1.2.3+b` kept); "" when invalid.
    pub version: String,
    pub license: Option<String>,
    pub repository: Option<String>,
    pub homepage: Option<String>,
    pub docs_url: Option<String>,
    pub title: Text,
    pub intro: Vec<Text>,
    pub yes: Text,
    pub no: Text,
    pub unknown_code: Text,
}

impl Validator<'_> {
    pub(super) fn meta(&mut self, meta: &RawMeta) -> MetaTexts {
        self.locales(meta.locales.as_ref(), meta.title.as_ref());
        if let Some(name) = &meta.name {
            self.kebab_name(name);
        }
        if let Some(package) = &meta.kotlin_package {
            self.kotlin_package(package);
        }
        if let Some(module) = &meta.swift_module {
            self.upper_camel(module, "Swift module name");
        }
        if let Some(zone) = &meta.date_zone
            && (zone.value.trim().is_empty() || zone.value.contains(char::is_whitespace))
        {
            self.error(
                DiagnosticKind::InvalidTimeZone,
                zone.span.clone(),
                "`date_zone` must be a time zone name",
                "use an IANA name such as `Asia/Shanghai`",
            );
        }
        let texts = MetaTexts {
            version: meta
                .version
                .as_ref()
                .map(|v| self.version(v))
                .unwrap_or_default(),
            license: meta.license.as_ref().and_then(|l| self.license(l)),
            repository: meta
                .repository
                .as_ref()
                .and_then(|u| self.url(u, "repository")),
            homepage: meta.homepage.as_ref().and_then(|u| self.url(u, "homepage")),
            docs_url: meta.docs_url.as_ref().and_then(|u| self.url(u, "docs_url")),
            title: self.text(meta.title.as_ref(), "title"),
            intro: self.texts(&meta.intro, "intro"),
            yes: self.text(meta.yes.as_ref(), "yes"),
            no: self.text(meta.no.as_ref(), "no"),
            unknown_code: self.text(meta.unknown_code.as_ref(), "unknown_code"),
        };
        if let Some(text) = &meta.unknown_code
            && !self.diagnostics_at(&text.span)
            && !text.items.iter().all(|(_, t)| t.value.contains("{code}"))
        {
            let locale = self.locales.first().map_or("en", String::as_str);
            let hint = format!(
                "write e.g. `{locale} = \"… {{code}} …\"`; `{{code}}` is replaced by the raw code"
            );
            self.error(
                DiagnosticKind::MissingPlaceholder,
                text.span.clone(),
                "`unknown_code` must contain `{code}` in every locale",
                hint,
            );
        }
        texts
    }

    fn version(&mut self, version: &Sp<String>) -> String {
        match semver::Version::parse(&version.value) {
            Ok(parsed) => parsed.to_string(),
            Err(e) => {
                self.error(
                    DiagnosticKind::InvalidVersion,
                    version.span.clone(),
                    format!("`version` is not a semantic version: {e}"),
                    "write MAJOR.MINOR.PATCH, e.g. `1.0.0` (see https://semver.org)",
                );
                String::new()
            }
        }
    }

    fn license(&mut self, license: &Sp<String>) -> Option<String> {
        let value = license.value.trim();
        if value.is_empty() || value != license.value || value.contains(['\n', '\r']) {
            self.error(
                DiagnosticKind::InvalidMetadata,
                license.span.clone(),
                "`license` must be one line of text with no surrounding white space",
                "write an SPDX licence expression such as `MIT` or `Apache-2.0 OR MIT`",
            );
            return None;
        }
        Some(value.to_string())
    }

    /// An http(s) URL without white space, quotes or angle brackets: it lands in
    /// package manifests and documentation links.
    fn url(&mut self, url: &Sp<String>, key: &str) -> Option<String> {
        let value = &url.value;
        let rest = value
            .strip_prefix("https://")
            .or_else(|| value.strip_prefix("http://"));
        let host_ok = rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'));
        let clean = !value.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
        });
        if !(host_ok && clean) {
            self.error(
                DiagnosticKind::InvalidMetadata,
                url.span.clone(),
                format!("`{key}` must be an http(s) URL"),
                format!("write e.g. `{key} = \"https://example.com/codes\"`"),
            );
            return None;
        }
        Some(value.clone())
    }

    /// Checks `[catalog] locales`; `title` only supplies an example when the list is empty.
    fn locales(&mut self, locales: Option<&Sp<Vec<Sp<String>>>>, title: Option<&RawText>) {
        let Some(locales) = locales else { return };
        if locales.value.is_empty() {
            self.error(
                DiagnosticKind::EmptyLocales,
                locales.span.clone(),
                "`locales` is empty",
                format!(
                    "list at least one locale, the default first, e.g. {}",
                    example_locales(title)
                ),
            );
        }
        if let Some(first) = locales.value.get(MAX_LOCALES) {
            self.locales_capped = true;
            self.error(
                DiagnosticKind::TooManyLocales,
                first.span.clone(),
                format!(
                    "catalog has {} locales; at most {MAX_LOCALES} are supported",
                    locales.value.len()
                ),
                "every text needs every locale, and the docs hold each text in every locale: ship fewer locales, or split the catalog",
            );
        }
        // Lower-cased tag → the first spelling listed.
        let mut listed: HashMap<String, &Sp<String>> = HashMap::new();
        for locale in &locales.value {
            if !is_locale_tag(&locale.value) {
                self.error(
                    DiagnosticKind::InvalidLocale,
                    locale.span.clone(),
                    format!("`{}` is not a BCP 47 locale tag", locale.value),
                    "use a tag such as `en`, `zh-CN` or `pt-BR`",
                );
            } else if let Some(first) = listed.get(&locale.value.to_ascii_lowercase()) {
                // Tags ignore letter case (BCP 47), so `en-US` and `en-us` are one locale.
                let message = if first.value == locale.value {
                    format!("locale `{}` is listed twice", locale.value)
                } else {
                    format!(
                        "locale `{}` is `{}` again: locale tags ignore letter case",
                        locale.value, first.value
                    )
                };
                self.report(
                    Diagnostic::new(
                        DiagnosticKind::DuplicateLocale,
                        locale.span.clone(),
                        message,
                        "remove the second one",
                    )
                    .with_label(first.span.clone(), "first listed here"),
                );
            } else {
                listed.insert(locale.value.to_ascii_lowercase(), locale);
                self.locales.push(locale.value.clone());
                self.locale_set.insert(locale.value.clone());
            }
        }
    }

    pub(super) fn texts(&mut self, raw: &[RawText], what: &str) -> Vec<Text> {
        raw.iter().map(|t| self.text(Some(t), what)).collect()
    }

    /// A localized text: declared locales only, each non-empty and trimmed, none missing.
    pub(super) fn text(&mut self, raw: Option<&RawText>, what: &str) -> Text {
        let mut text = Text::default();
        let Some(raw) = raw else { return text };
        for (locale, value) in &raw.items {
            self.text_item(locale, value, what);
            text.0.insert(locale.value.clone(), value.value.clone());
        }
        if self.locales_capped {
            // Refused for its locales already; a check per text would cost
            // texts × locales.
            return text;
        }
        let missing: Vec<&String> = self
            .locales
            .iter()
            .filter(|l| !text.0.contains_key(*l))
            .collect();
        if let Some(first) = missing.first() {
            let list: Vec<String> = missing.iter().map(|l| format!("`{l}`")).collect();
            let hint = format!("add `{first} = \"…\"`; every text needs every declared locale");
            self.error(
                DiagnosticKind::MissingLocale,
                raw.span.clone(),
                format!("`{what}` has no text for locale {}", list.join(", ")),
                hint,
            );
        }
        text
    }

    fn text_item(&mut self, locale: &Sp<String>, value: &Sp<String>, what: &str) {
        let span: Range<usize> = value.span.clone();
        if !self.locale_set.contains(&locale.value) {
            let hint = format!(
                "declared locales are {}; add it to [catalog] locales or remove this text",
                short_list_of(self.locales.iter().map(String::as_str), self.locales.len())
            );
            self.error(
                DiagnosticKind::UndeclaredLocale,
                locale.span.clone(),
                format!("locale `{}` is not declared", locale.value),
                hint,
            );
        } else if value.value.trim().is_empty() {
            self.error(
                DiagnosticKind::EmptyText,
                span,
                format!("`{what}` is empty in locale `{}`", locale.value),
                "write the text, or remove the key if it is optional",
            );
        } else if value.value.chars().count() > MAX_TEXT_CHARS {
            self.error(
                DiagnosticKind::TextTooLong,
                span,
                format!(
                    "`{what}` has {} characters in locale `{}`; at most {MAX_TEXT_CHARS} are supported",
                    value.value.chars().count(),
                    locale.value
                ),
                "shorten the text, or link to a longer document",
            );
        } else if value.value.trim() != value.value {
            self.error(
                DiagnosticKind::UntrimmedText,
                span,
                format!(
                    "`{what}` has leading or trailing white space in locale `{}`",
                    locale.value
                ),
                "trim the text",
            );
        }
    }
}

fn is_locale_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()));
    let rest_ok =
        parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    language_ok && rest_ok
}

/// `["de", "en"]` from the locales the title is written in, else `["en"]`.
fn example_locales(title: Option<&RawText>) -> String {
    let used: Vec<String> = title
        .into_iter()
        .flat_map(|t| &t.items)
        .map(|(locale, _)| &locale.value)
        .filter(|l| is_locale_tag(l))
        .map(|l| format!("\"{l}\""))
        .collect();
    if used.is_empty() {
        "[\"en\"]".to_string()
    } else {
        format!("[{}]", used.join(", "))
    }
}
