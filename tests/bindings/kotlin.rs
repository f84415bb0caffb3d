//! Kotlin-only checks: the facts of the Kotlin surface (forward-compatible
//! `Received`, exception types), computed from the JSON export alone.

use serde_json::Value;

use super::expected::{code_text, escape, unknown_code};

/// The `kt\t` lines `probes::kotlin_surface` prints for one catalog, in print order.
pub fn surface_lines(catalog: &Value) -> Vec<String> {
    let locales = catalog["locales"].as_array().unwrap();
    let last = locales.last().unwrap().as_str().unwrap();
    let default = catalog["default_locale"].as_str().unwrap();
    let mut out = Vec::new();
    for set in catalog["sets"].as_array().unwrap() {
        let name = set["name"].as_str().unwrap();
        let error = set["error"].as_bool().unwrap();
        let mut fact = |code: &str, key: &str, value: &str| {
            out.push(format!(
                "kt\t{name}\t{}\t{key}={}",
                escape(code),
                escape(value)
            ));
        };
        for entry in set["entries"].as_array().unwrap() {
            let codes = entry["codes"].as_array().unwrap();
            let canonical = code_text(&codes[0]);
            let message = entry["message"][last].as_str().unwrap();
            for code in codes {
                let raw = code_text(code);
                // The raw code stays the one received (an alias too), the entry is the canonical one.
                fact(&raw, "received", &format!("{raw}|{canonical}|{message}"));
                if error {
                    fact(&raw, "thrown", &format!("{canonical}|{message}"));
                }
            }
            if error {
                let message = entry["message"][default].as_str().unwrap();
                fact(
                    &canonical,
                    "thrown.default",
                    &format!("{canonical}|{message}"),
                );
            }
        }
        let unknown = code_text(&unknown_code(set));
        let text = catalog["unknown_code"][last]
            .as_str()
            .unwrap()
            .replace("{code}", &unknown);
        fact("?", "received", &format!("{unknown}|none|{text}"));
        if error {
            fact("?", "thrown", &format!("none|{text}"));
        }
    }
    out
}

/// Splits a Kotlin probe's output into the shared facts and the `kt\t` ones.
pub fn split(output: &str) -> (String, Vec<&str>) {
    let mut shared = String::new();
    let mut surface = Vec::new();
    for line in output.lines() {
        if line.starts_with("kt\t") {
            surface.push(line);
        } else {
            shared.push_str(line);
            shared.push('\n');
        }
    }
    (shared, surface)
}

/// Compares the `kt\t` lines with [`surface_lines`], showing the first difference.
pub fn assert_surface(key: &str, catalog: &Value, surface: &[&str]) {
    let expected = surface_lines(catalog);
    for (i, (want, got)) in expected.iter().zip(surface).enumerate() {
        assert_eq!(
            got, want,
            "the Kotlin surface disagrees with the JSON for catalog {key} at fact {i}"
        );
    }
    assert_eq!(
        surface.len(),
        expected.len(),
        "the Kotlin probe printed a different number of surface facts for {key}"
    );
}
