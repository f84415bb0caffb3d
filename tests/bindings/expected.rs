//! What every language's probe must print, computed from the JSON export alone.
//!
//! One line per fact: `<set>\t<code>\t<key>=<value>`, values escaped by `escape`.

use serde_json::Value;

/// Tags every probe matches against the catalog's locales (`CatalogLocale::matching` …).
pub const MATCH_TAGS: &[&str] = &[
    "en",
    "EN",
    "en-US",
    "en_GB",
    "zh",
    "zh-CN",
    "zh-cn",
    "zh-Hans-CN",
    "zh-TW",
    "zh-Hant-TW",
    "fr",
    "fr-CA",
    "",
    "x",
    "en-Latn-US",
    "zh-Hans",
    "de-DE",
    "he-IL",
    "DE_at",
];

/// Preference lists every probe matches, most preferred first.
pub const MATCH_LISTS: &[&[&str]] = &[
    &["fr", "en-US"],
    &["fr", "x"],
    &[],
    &["zh-TW", "en"],
    &["de-AT", "en"],
];

/// The FaceID catalog's answers (locales `zh-CN`, `en`; `zh-CN` the default),
/// written by hand from the README's rule, not computed.
const FACEID_MATCHES: &[(&str, &str)] = &[
    ("en", "en"),
    ("EN", "en"),
    ("en-US", "en"),
    ("en_GB", "en"),
    ("zh", "zh-CN"),
    ("zh-CN", "zh-CN"),
    ("zh-cn", "zh-CN"),
    ("zh-Hans-CN", "zh-CN"),
    ("zh-TW", "zh-CN"),
    ("zh-Hant-TW", "zh-CN"),
    ("fr", "zh-CN"),
    ("fr-CA", "zh-CN"),
    ("", "zh-CN"),
    ("x", "zh-CN"),
    ("en-Latn-US", "en"),
    ("zh-Hans", "zh-CN"),
    ("de-DE", "zh-CN"),
    ("he-IL", "zh-CN"),
    ("DE_at", "zh-CN"),
];
const FACEID_LIST_MATCHES: &[&str] = &["en", "zh-CN", "zh-CN", "zh-CN", "en"];

/// The matching rule, written independently of the generated code: a tag's
/// subtags after `_`→`-` and lower-casing; its language is the first; its region
/// the next one that is two letters or three digits, stepping over one four-letter
/// script right after the language.
fn tag_key(tag: &str) -> (String, String, Option<String>) {
    let norm: String = tag
        .chars()
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let subtags: Vec<&str> = norm.split('-').collect();
    let letters = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_lowercase());
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    let mut rest = &subtags[1..];
    if rest.first().is_some_and(|s| letters(s, 4)) {
        rest = &rest[1..];
    }
    let region = rest
        .first()
        .filter(|s| letters(s, 2) || digits(s, 3))
        .map(|s| s.to_string());
    (norm.clone(), subtags[0].to_string(), region)
}

/// Rules 2–4 of the README's "Locale matching": whole tag, language and region,
/// language; `None` where rule 5 (the default) applies.
fn reference_match<'a>(locales: &[&'a str], tag: &str) -> Option<&'a str> {
    let want = tag_key(tag);
    let keys: Vec<_> = locales.iter().map(|l| (*l, tag_key(l))).collect();
    for rule in 0..3 {
        for (locale, key) in &keys {
            let hit = match rule {
                0 => key.0 == want.0,
                1 => key.1 == want.1 && key.2 == want.2,
                _ => key.1 == want.1,
            };
            if hit {
                return Some(locale);
            }
        }
    }
    None
}

/// The `match` facts: one per tag of [`MATCH_TAGS`], one per list of [`MATCH_LISTS`].
fn match_lines(locales: &[&str]) -> Vec<String> {
    let default = locales[0];
    let single: Vec<&str> = MATCH_TAGS
        .iter()
        .map(|tag| reference_match(locales, tag).unwrap_or(default))
        .collect();
    let lists: Vec<&str> = MATCH_LISTS
        .iter()
        .map(|tags| {
            tags.iter()
                .find_map(|t| reference_match(locales, t))
                .unwrap_or(default)
        })
        .collect();
    let (single, lists) = if locales == ["zh-CN", "en"] {
        let hand: Vec<&str> = FACEID_MATCHES.iter().map(|(_, l)| *l).collect();
        let tags: Vec<&str> = FACEID_MATCHES.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            tags, MATCH_TAGS,
            "the hand-written table covers MATCH_TAGS in order"
        );
        assert_eq!(
            single, hand,
            "the reference matcher disagrees with the hand-written table"
        );
        assert_eq!(
            lists, FACEID_LIST_MATCHES,
            "the reference matcher disagrees on lists"
        );
        (hand, FACEID_LIST_MATCHES.to_vec())
    } else {
        (single, lists)
    };
    let mut out: Vec<String> = MATCH_TAGS
        .iter()
        .zip(single)
        .map(|(tag, locale)| format!("*\tlocale\tmatch:{tag}={locale}"))
        .collect();
    for (tags, locale) in MATCH_LISTS.iter().zip(lists) {
        out.push(format!("*\tlocale\tmatch_any:{}={locale}", tags.join(",")));
    }
    out
}

/// Escapes a value so each fact stays on one line.
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

/// A code as printed: integers in decimal, strings as they are.
pub fn code_text(code: &Value) -> String {
    match code {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A code of the set's key type that no entry has (the generated crates' own choice).
pub fn unknown_code(set: &Value) -> Value {
    let used: Vec<&Value> = set["entries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["codes"].as_array().unwrap())
        .collect();
    if set["key"] == "int" {
        (0..)
            .map(|n| Value::from(1_999_999_999 - n))
            .find(|c| !used.contains(&c))
            .unwrap()
    } else {
        (0..)
            .map(|n| Value::from(format!("no-such-code-{n}")))
            .find(|c| !used.contains(&c))
            .unwrap()
    }
}

/// The day before `(year, month, day)`.
pub fn previous_day(year: i32, month: u32, day: u32) -> (i32, u32, u32) {
    if day > 1 {
        return (year, month, day - 1);
    }
    let (year, month) = if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    };
    (year, month, days)
}

/// Days on which to ask each dated attribute: the day before and the day of every change.
pub fn probe_days(set: &Value, attribute: &str) -> Vec<(i32, u32, u32)> {
    let mut days = Vec::new();
    for change in set["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["attribute"] == attribute)
    {
        let date = change["effective"].as_str().unwrap();
        let parts: Vec<u32> = date.split('-').map(|p| p.parse().unwrap()).collect();
        let day = (parts[0] as i32, parts[1], parts[2]);
        days.push(previous_day(day.0, day.1, day.2));
        days.push(day);
    }
    days.sort();
    days.dedup();
    days
}

pub fn day_key(attribute: &str, (year, month, day): (i32, u32, u32)) -> String {
    format!("{attribute}@{year:04}-{month:02}-{day:02}")
}

fn before(day: (i32, u32, u32), until: &str) -> bool {
    let parts: Vec<u32> = until.split('-').map(|p| p.parse().unwrap()).collect();
    day < (parts[0] as i32, parts[1], parts[2])
}

/// The facts a probe prints for one catalog, in print order.
pub fn lines(catalog: &Value) -> Vec<String> {
    let locales: Vec<&str> = catalog["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let default = catalog["default_locale"].as_str().unwrap();
    // The runtime constants name the catalog an app shipped: the same everywhere.
    let mut out = vec![format!(
        "*\t*\tcatalog={} {}",
        catalog["version"].as_str().unwrap(),
        catalog["hash"].as_str().unwrap()
    )];
    out.extend(match_lines(&locales));
    for set in catalog["sets"].as_array().unwrap() {
        let name = set["name"].as_str().unwrap();
        let entries = set["entries"].as_array().unwrap();
        for entry in entries {
            let codes = entry["codes"].as_array().unwrap();
            for raw in codes {
                let mut fact = |key: &str, value: &str| {
                    out.push(format!(
                        "{name}\t{}\t{key}={}",
                        escape(&code_text(raw)),
                        escape(value)
                    ))
                };
                fact("id", entry["name"].as_str().unwrap());
                fact("code", &code_text(&codes[0]));
                for (i, c) in codes.iter().enumerate() {
                    fact(&format!("codes.{i}"), &code_text(c));
                }
                for locale in &locales {
                    fact(
                        &format!("message.{locale}"),
                        entry["message"][locale].as_str().unwrap(),
                    );
                }
                fact("message", entry["message"][default].as_str().unwrap());
                let hint = |locale: &str| match &entry["hint"] {
                    Value::Null => "none".to_string(),
                    hint => format!("some:{}", hint[locale].as_str().unwrap()),
                };
                for locale in &locales {
                    fact(&format!("hint.{locale}"), &hint(locale));
                }
                fact("hint", &hint(default));
                // Only a catalog with `docs_url` has the member (and the key).
                if let Some(url) = entry.get("doc_url") {
                    fact("doc_url", url.as_str().unwrap());
                }
                for attribute in set["attributes"].as_array().unwrap() {
                    let attr = attribute["name"].as_str().unwrap();
                    let kind = attribute["type"].as_str().unwrap();
                    let value = &entry["attributes"][attr];
                    let print = |key: &str, v: &Value, fact: &mut dyn FnMut(&str, &str)| match kind
                    {
                        "bool" => fact(key, &v.as_bool().unwrap().to_string()),
                        "enum" => fact(key, v.as_str().unwrap()),
                        "list" => {
                            let items = v.as_array().unwrap();
                            fact(&format!("{key}.len"), &items.len().to_string());
                            for (i, item) in items.iter().enumerate() {
                                fact(&format!("{key}.{i}"), item.as_str().unwrap());
                            }
                        }
                        _ => fact(key, v[default].as_str().unwrap()),
                    };
                    print(attr, &value["value"], &mut fact);
                    if kind == "text" {
                        for locale in &locales {
                            fact(
                                &format!("{attr}.{locale}"),
                                value["value"][locale].as_str().unwrap(),
                            );
                        }
                    }
                    for day in probe_days(set, attr) {
                        let history = value["history"].as_array().unwrap();
                        let on = history
                            .iter()
                            .find(|p| before(day, p["until"].as_str().unwrap()))
                            .map_or(&value["value"], |p| &p["value"]);
                        print(&day_key(attr, day), on, &mut fact);
                    }
                }
            }
        }
        let unknown = unknown_code(set);
        let template = catalog["unknown_code"][default].as_str().unwrap();
        out.push(format!("{name}\t?\tunknown=none"));
        out.push(format!(
            "{name}\t?\tdescribe={}",
            escape(&template.replace("{code}", &code_text(&unknown)))
        ));
        out.push(format!("{name}\t*\tcount={}", entries.len()));
    }
    out
}
