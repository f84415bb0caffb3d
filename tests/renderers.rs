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

#[test]
fn edge_fixture_snapshots() {
    snapshot_all("edge");
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

/// A catalog of `locales` two-letter locales and `entries` entries in one set;
/// every text names its locale, so no two locales' texts coincide.
fn locales_catalog(locales: usize, entries: usize) -> String {
    let tags: Vec<String> = (0..locales)
        .map(|i| {
            let letter = |n: usize| char::from(b'a' + u8::try_from(n % 26).unwrap());
            format!("{}{}", letter(i / 26), letter(i))
        })
        .collect();
    let text = |what: &str| {
        let parts: Vec<String> = tags
            .iter()
            .map(|t| format!("{t} = \"{what} {t}\""))
            .collect();
        format!("{{ {} }}", parts.join(", "))
    };
    let quoted: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    let mut out = format!(
        "[catalog]\nname = \"many-locales\"\nversion = \"1.0.0\"\ntitle = {}\nlocales = [{}]\nyes = {}\nno = {}\nunknown_code = {}\n\n[[section]]\nid = \"main\"\ntitle = {}\n\n[[set]]\nname = \"LocCode\"\nsection = \"main\"\nkey = \"int\"\ncode_label = {}\nmessage_label = {}\n",
        text("Title"),
        quoted.join(", "),
        text("yes"),
        text("no"),
        text("unknown {code}"),
        text("Section"),
        text("Code"),
        text("Message")
    );
    for e in 0..entries {
        out.push_str(&format!(
            "\n[[set.entry]]\nname = \"Entry{e}\"\ncodes = [{e}]\nmessage = {}\n",
            text(&format!("the message of entry {e} in locale"))
        ));
    }
    out
}

/// Bytes of the output files whose path starts with `prefix`.
fn bytes(files: &[GeneratedFile], prefix: &str) -> usize {
    files
        .iter()
        .filter(|f| f.path.starts_with(prefix))
        .map(|f| f.contents.len())
        .sum()
}

/// Each HTML page carries its own locale's texts and a bounded number of
/// others for its search, not every locale's: with the entries fixed, the site
/// grows linearly with the locales. Every page used to hold every locale's texts
/// in its search data and link every other page (locales² × entries, and
/// locales²): doubling 12 locales to 24 gave about 3.9 times the bytes. Now each
/// page holds its table in its own locale and the texts of at most four
/// locales, and links at most four pages (the default locale's page links
/// all), so the bytes about double, whatever the number of entries.
#[test]
fn html_grows_linearly_with_locales() {
    let render = |locales: usize, entries: usize| {
        let model = retcode::load_str(&locales_catalog(locales, entries)).unwrap();
        retcode::render::render_all(&model, "many.toml")
    };
    let (small, large) = (render(12, 100), render(24, 100));
    let (html_small, html_large) = (bytes(&small, "html/"), bytes(&large, "html/"));
    assert!(
        html_large * 10 < html_small * 22,
        "24 locales give {html_large} bytes of HTML, 12 give {html_small}: more than 2.2 times"
    );
    // With one entry, the switchers are most of a page: they grow linearly too.
    // (100 locales is the most validation accepts, `MAX_LOCALES`.)
    let (a, b) = (
        bytes(&render(50, 1), "html/"),
        bytes(&render(100, 1), "html/"),
    );
    assert!(
        b * 10 < a * 22,
        "100 locales give {b} bytes of HTML, 50 give {a}: more than 2.2 times"
    );
    // The search data of each page holds exactly the texts of four locales: the
    // page's own and the catalog's first others (the default first).
    let model = retcode::load_str(&locales_catalog(24, 1)).unwrap();
    for locale in &model.locales {
        let page = large
            .iter()
            .find(|f| f.path == format!("html/{}", page_name(&model, locale)))
            .unwrap();
        // The switcher: every page on the default locale's, four elsewhere.
        let links = page.contents.matches(" hreflang=").count();
        let all = locale == model.default_locale();
        assert_eq!(links, if all { 24 } else { 4 }, "page {locale}");
        let searched = retcode::render::search_locales(&model, locale);
        assert_eq!(searched.len(), retcode::render::SEARCH_LOCALES);
        assert!(searched.contains(&locale.as_str()));
        for other in &model.locales {
            let text = format!("the message of entry 0 in locale {other}");
            assert_eq!(
                page.contents.contains(&text),
                searched.contains(&other.as_str()),
                "page {locale}, texts of {other}"
            );
        }
    }
    // Up to four locales, every page searches every locale.
    let model = retcode::load_str(&locales_catalog(4, 1)).unwrap();
    for locale in &model.locales {
        assert_eq!(
            retcode::render::search_locales(&model, locale).len(),
            4,
            "{locale}"
        );
    }
}

fn page_name(model: &retcode::Model, locale: &str) -> String {
    if locale == model.default_locale() {
        "index.html".into()
    } else {
        format!("{locale}.html")
    }
}

/// A chain of `depth` groups, each the child of the one before, the only entry
/// in the deepest. Built on the model, past validation, so that rendering is
/// proven linear whatever depth validation allows.
fn group_chain(depth: usize) -> retcode::Model {
    let mut model = retcode::load_str(&locales_catalog(2, 1)).unwrap();
    let set = &mut model.sets[0];
    let title = set.code_label.clone();
    set.groups = (0..depth)
        .map(|d| retcode::model::Group {
            id: format!("g{d}"),
            title: title.clone(),
            depth: d,
        })
        .collect();
    set.entries[0].group = Some(depth - 1);
    model
}

/// Markdown indented the contents by two spaces per level: a chain of 2,000
/// groups gave 2,000 × 2,000 spaces, four times the bytes of 1,000. Indentation
/// and heading levels are bounded now: each group adds its heading and one
/// contents line, so doubling the depth about doubles the docs, Markdown and HTML.
#[test]
fn docs_grow_linearly_with_group_depth() {
    let render = |depth: usize| retcode::render::render_all(&group_chain(depth), "deep.toml");
    let (small, large) = (render(1000), render(2000));
    for prefix in ["docs/", "html/"] {
        let (a, b) = (bytes(&small, prefix), bytes(&large, prefix));
        assert!(
            b * 10 < a * 22,
            "{prefix}: 2,000 nested groups give {b} bytes, 1,000 give {a}: more than 2.2 times"
        );
    }
    // No line of the Markdown is longer than a contents line at the deepest level.
    for file in large.iter().filter(|f| f.path.starts_with("docs/")) {
        let longest = file.contents.lines().map(str::len).max().unwrap();
        assert!(longest < 200, "{}: a line of {longest} bytes", file.path);
    }
}

/// `render_each` hands files over in path order whatever order the registry
/// lists the backends in (it orders them by `Backend::folder`).
#[test]
fn files_reach_the_sink_in_path_order() {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic.toml"))
            .unwrap();
    let model = retcode::load_str(&text).unwrap();
    let mut paths = Vec::new();
    let handed: Result<(), std::convert::Infallible> =
        retcode::render::render_each(&model, "basic.toml", |file| {
            paths.push(file.path);
            Ok(())
        });
    let Ok(()) = handed;
    let folders: std::collections::BTreeSet<&str> =
        paths.iter().filter_map(|p| p.split('/').next()).collect();
    assert_eq!(folders.len(), retcode::BACKENDS.len(), "{paths:?}");
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}
