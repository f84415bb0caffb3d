//! Snapshots of every renderer over the fixture catalogs, plus structural checks
//! that hold whatever the text: Markdown tables stay tables, JSON stays JSON.

use std::fs;
use std::path::Path;

use retcode::output::GeneratedFile;

fn render_fixture(name: &str) -> Vec<GeneratedFile> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = fs::read_to_string(&path).unwrap();
    let model = retcode::load_str(&text).unwrap_or_else(|d| panic!("{name} is invalid: {d:#?}"));
    retcode::render::render_all(&model, name)
}

fn snapshot_all(fixture: &str) {
    for file in render_fixture(&format!("{fixture}.toml")) {
        let name = format!("{fixture}__{}", file.path.replace('/', "__"));
        insta::assert_snapshot!(name, file.contents);
    }
}

#[test]
fn basic_fixture_snapshots() {
    snapshot_all("basic");
}

#[test]
fn hostile_fixture_snapshots() {
    snapshot_all("hostile");
}

/// Counts the cells of a Markdown table row, honouring `\|` escapes.
fn cells(row: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in row.trim().chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count - 1
}

#[test]
fn markdown_tables_keep_their_shape_whatever_the_text() {
    for fixture in ["basic.toml", "hostile.toml"] {
        for file in render_fixture(fixture)
            .iter()
            .filter(|f| f.path.ends_with(".md"))
        {
            let lines: Vec<&str> = file.contents.lines().collect();
            let mut tables = 0;
            for (i, line) in lines.iter().enumerate() {
                if !line.starts_with("| ---") && !line.starts_with("| --- ") {
                    continue;
                }
                tables += 1;
                let width = cells(lines[i - 1]);
                for row in lines[i + 1..].iter().take_while(|l| l.starts_with('|')) {
                    assert_eq!(
                        cells(row),
                        width,
                        "{}: row `{row}` breaks the table",
                        file.path
                    );
                    assert!(
                        !row.contains("<script"),
                        "{}: raw HTML leaked: {row}",
                        file.path
                    );
                }
            }
            assert!(tables > 0, "{}: no table rendered", file.path);
        }
    }
}

#[test]
fn json_export_round_trips_hostile_text() {
    let files = render_fixture("hostile.toml");
    let json = files
        .iter()
        .find(|f| f.path == "json/hostile-codes.json")
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&json.contents).unwrap();
    let message = &value["sets"][0]["entries"][0]["message"]["en"];
    assert_eq!(
        message,
        "Quote \" backslash \\ dollar $x ${x} swift \\(x) close */ open /* end"
    );
    let codes = &value["sets"][1]["entries"][0]["codes"];
    assert_eq!(codes[0], "\"quoted\"");
}

#[test]
fn rendering_is_deterministic() {
    assert_eq!(render_fixture("basic.toml"), render_fixture("basic.toml"));
}
