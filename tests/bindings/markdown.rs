//! The Markdown docs hold well-formed tables: every row has its header's number
//! of cells (a stray `|` in catalog text would add one), and the tables of each
//! locale's document hold exactly one row per entry of the JSON export. Catalog
//! text adds no HTML, no image and no link other than `http(s)` or relative.

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

/// Problems of one document: raw HTML (any `<` but the `<br>` of cells), an
/// image, or a link whose destination is not `http(s)` or relative.
fn unsafe_markup(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut problems = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 80)].iter().collect();
        match chars[i] {
            '\\' => i += 1,
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
