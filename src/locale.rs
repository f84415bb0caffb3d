//! The locale matching rule every binding implements, for the command line:
//! `_` reads as `-` and ASCII case is ignored; then the whole tag, then the same
//! language and region (a script subtag ignored), then the same language, then the
//! catalog's default locale (README, "Locale matching").

/// The catalog locale that best serves `tag`; the default (first) when none does.
pub fn matching<'a>(locales: &'a [String], tag: &str) -> &'a str {
    find(locales, tag).unwrap_or_else(|| locales.first().map_or("", String::as_str))
}

/// Rules 2–4, or `None` when only the default is left.
fn find<'a>(locales: &'a [String], tag: &str) -> Option<&'a str> {
    let wanted = Subtags::of(tag);
    let candidates: Vec<(&str, Subtags)> = locales
        .iter()
        .map(|l| (l.as_str(), Subtags::of(l)))
        .collect();
    let rules: [&dyn Fn(&Subtags) -> bool; 3] = [
        &|s| s.whole == wanted.whole,
        &|s| s.language == wanted.language && s.region == wanted.region,
        &|s| s.language == wanted.language,
    ];
    rules
        .iter()
        .find_map(|rule| candidates.iter().find(|(_, s)| rule(s)).map(|(l, _)| *l))
}

struct Subtags {
    whole: String,
    language: String,
    region: Option<String>,
}

impl Subtags {
    fn of(tag: &str) -> Subtags {
        let whole = tag.replace('_', "-").to_ascii_lowercase();
        let mut parts = whole.split('-');
        let language = parts.next().unwrap_or_default().to_string();
        let mut next = parts.next();
        // A four-letter script right after the language is stepped over.
        if next.is_some_and(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic())) {
            next = parts.next();
        }
        let region = next
            .filter(|s| {
                (s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))
                    || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()))
            })
            .map(str::to_string);
        Subtags {
            whole,
            language,
            region,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::matching;

    #[test]
    fn tags_resolve_as_the_readme_says() {
        let locales = vec!["zh-CN".to_string(), "en".to_string()];
        for (tag, expected) in [
            ("en", "en"),
            ("EN", "en"),
            ("en-US", "en"),
            ("en_GB", "en"),
            ("zh-CN", "zh-CN"),
            ("zh-cn", "zh-CN"),
            ("zh-Hans-CN", "zh-CN"),
            ("zh-TW", "zh-CN"),
            ("zh", "zh-CN"),
            ("fr", "zh-CN"),
            ("", "zh-CN"),
        ] {
            assert_eq!(matching(&locales, tag), expected, "{tag}");
        }
        let regional = vec!["en-GB".to_string(), "en-US".to_string(), "de".to_string()];
        assert_eq!(matching(&regional, "en-Latn-US"), "en-US");
        assert_eq!(matching(&regional, "en-AU"), "en-GB");
        assert_eq!(matching(&regional, "de-AT"), "de");
    }
}
