//! The Markdown docs hold well-formed tables: every row has its header's number
//! of cells (a stray `|` in catalog text would add one), and the tables of each
//! locale's document hold exactly one row per entry of the JSON export, with one
//! anchor per code. Every `#` link (the table of contents) has its anchor.
//! Catalog text adds no HTML (the only tags are the generator's empty
//! `<a id="…"></a>` anchors), no image and no link other than `http(s)` or relative.

use std::fs;

use super::Rendered;

/// Cells of a table line: `|` separators not escaped by a backslash.
fn cells(line: &str) -> usize {
    let mut count: usize = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count.saturating_sub(1)
}

/// The anchor at the start of `text` (`<a id="…"></a>`, the id made of letters,
/// digits, `-`, `_` and `%`) and its length.
fn anchor(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix("<a id=\"")?;
    let end = rest.find('"')?;
    let id = &rest[..end];
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '%'));
    (ok && rest[end..].starts_with("\"></a>")).then_some((id, 7 + end + 6))
}

/// Problems of one document: raw HTML (any `<` but the `<br>` of cells and the
/// anchors), an image, or a link whose destination is not `http(s)` or relative.
fn unsafe_markup(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut problems = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 80)].iter().collect();
        match chars[i] {
            '\\' => i += 1,
            '<' if anchor(&rest).is_some() => i += rest.find("</a>").unwrap() + 3,
            '<' if !rest.starts_with("<br>") => problems.push(format!("HTML or autolink: {rest}")),
            '!' if chars.get(i + 1) == Some(&'[') => problems.push(format!("image: {rest}")),
            ']' if chars.get(i + 1) == Some(&'(') => {
                let target: String = chars[i + 2..].iter().take_while(|c| **c != ')').collect();
                let lower = target.to_ascii_lowercase();
                let relative = !target.split(['/', '?']).next().unwrap_or("").contains(':');
                if !(lower.starts_with("http://") || lower.starts_with("https://") || relative) {
                    problems.push(format!("link to {target}"));
                }
            }
            _ => {}
        }
        i += 1;
    }
    problems
}

pub fn check(catalogs: &[Rendered]) {
    for catalog in catalogs {
        let entries: usize = catalog.json["sets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|set| set["entries"].as_array().unwrap().len())
            .sum();
        for locale in catalog.json["locales"].as_array().unwrap() {
            let path = catalog.dir.join(format!(
                "docs/{}.{}.md",
                catalog.model.name,
                locale.as_str().unwrap()
            ));
            let text = fs::read_to_string(&path).unwrap();
            let problems = unsafe_markup(&text);
            assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
            if catalog.key == "hostile" && locale == "en" {
                assert!(
                    text.contains("javascript:alert(1)")
                        && text.contains("http://example.com/a.png"),
                    "the hostile links must reach the docs"
                );
            }
            // Anchors: every id once; every `](#id)` link lands on one.
            let ids: Vec<&str> = text
                .match_indices("<a id=")
                .map(|(at, _)| anchor(&text[at..]).expect("a well-formed anchor").0)
                .collect();
            let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
            assert_eq!(
                unique.len(),
                ids.len(),
                "{}: duplicate anchors",
                path.display()
            );
            for (at, _) in text.match_indices("](#") {
                let target = &text[at + 3..];
                let target = &target[..target.find(')').unwrap()];
                assert!(
                    unique.contains(target),
                    "{}: link to #{target} without an anchor",
                    path.display()
                );
            }
            let codes: usize = catalog.json["sets"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|set| set["entries"].as_array().unwrap())
                .map(|entry| entry["codes"].as_array().unwrap().len())
                .sum();
            let in_rows: usize = text
                .lines()
                .filter(|l| l.starts_with("| <a id="))
                .map(|l| l.matches("<a id=").count())
                .sum();
            assert_eq!(in_rows, codes, "{}: one anchor per code", path.display());
            if catalog.key == "faceid" {
                // Alias cells wrap: codes apart, joined by the locale's separator.
                let separator = if locale == "zh-CN" { "、" } else { ", " };
                assert!(
                    text.contains(&format!(
                        "<a id=\"66660039\"></a>`66660039`{separator}<a id=\"66660040\"></a>`66660040`"
                    )),
                    "{}: the alias cell of 66660039",
                    path.display()
                );
                assert!(!text.contains("66660039/66660040"));
            }
            let mut rows = 0;
            let mut header = None;
            for line in text.lines() {
                if !line.starts_with('|') {
                    header = None;
                    continue;
                }
                match header {
                    None => header = Some(cells(line)),
                    Some(width) => {
                        assert_eq!(cells(line), width, "{}: {line}", path.display());
                        if !line.starts_with("| --- |") {
                            rows += 1;
                        }
                    }
                }
            }
            assert_eq!(rows, entries, "{}: one table row per entry", path.display());
            let retired: usize = catalog.json["sets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|set| set["retired"].as_array().map_or(0, Vec::len))
                .sum();
            let struck = text.lines().filter(|l| l.starts_with("- ~~")).count();
            assert_eq!(
                struck,
                retired,
                "{}: one struck item per retired code",
                path.display()
            );
        }
    }
}

#[test]
fn unsafe_markup_is_found() {
    assert!(unsafe_markup("a<br>b \\<x> \\![i](j) [k](https://x) [l](../m.md)").is_empty());
    assert!(unsafe_markup("<a id=\"-40_%20\"></a>`-4017`").is_empty());
    // Each bad anchor: its `<a …>` and its `</a>`.
    assert_eq!(
        unsafe_markup("<a id=\"x\" onclick=\"y\"></a> <a id=\"a b\"></a>").len(),
        4
    );
    assert_eq!(
        unsafe_markup("<script> ![i](https://x) [j](javascript:x)").len(),
        3
    );
}

#[test]
fn escaped_pipes_are_not_cell_separators() {
    assert_eq!(cells("| a | b \\| c | d |"), 3);
    assert_eq!(cells("| a\\\\ | b |"), 2);
}
