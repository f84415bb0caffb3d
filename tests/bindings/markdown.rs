//! The Markdown docs hold well-formed tables: every row has its header's number
//! of cells (a stray `|` in catalog text would add one), and the tables of each
//! locale's document hold exactly one row per entry of the JSON export.

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
        }
    }
}

#[test]
fn escaped_pipes_are_not_cell_separators() {
    assert_eq!(cells("| a | b \\| c | d |"), 3);
    assert_eq!(cells("| a\\\\ | b |"), 2);
}
