//! The HTML docs of every catalog (hostile, reserved-word and random ones
//! included), parsed by Python's own HTML parser (`tests/tools/html_check.py`):
//! catalog text stays text. Each page holds only the elements and attributes the
//! template writes, one inline script and no event handler, `src` or `style`
//! attribute; every `href` is a page of the site, an anchor or `http(s)`; ids are
//! unique. Each locale's page has one row per entry of the JSON export whose
//! code elements read exactly the entry's codes, whose search data holds its
//! message in the page's search locales (every locale of a catalog of up to
//! four), and whose visible text holds its message.

use std::process::Command;

use serde_json::Value;

use super::{Rendered, root, run, tool};

/// Every element the template writes; catalog text must add none.
const TAGS: &[&str] = &[
    "a",
    "blockquote",
    "body",
    "br",
    "code",
    "del",
    "div",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "html",
    "input",
    "label",
    "li",
    "main",
    "meta",
    "nav",
    "p",
    "script",
    "section",
    "style",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

fn text(value: &Value, locale: &str) -> String {
    value[locale]
        .as_str()
        .unwrap()
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

fn code(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn check(catalogs: &[Rendered]) {
    let python = tool("venv/bin/python");
    let script = root().join("tests/tools/html_check.py");
    for catalog in catalogs {
        let locales: Vec<&str> = catalog.json["locales"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        // The default locale's page is index.html, the others <locale>.html.
        let pages: Vec<(String, &str)> = locales
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let file = if i == 0 {
                    "index.html".to_string()
                } else {
                    format!("{l}.html")
                };
                (file, *l)
            })
            .collect();
        let paths: Vec<_> = pages
            .iter()
            .map(|(file, _)| catalog.dir.join("html").join(file))
            .collect();
        let report: Value =
            serde_json::from_str(&run(Command::new(&python).arg(&script).args(&paths))).unwrap();
        let entries: Vec<(String, &Value)> = catalog.json["sets"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|set| {
                let id = format!("_set-{}", set["name"].as_str().unwrap());
                set["entries"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(move |e| (id.clone(), e))
            })
            .collect();
        for (path, (_, locale)) in paths.iter().zip(&pages) {
            let page = &report[path.to_str().unwrap()];
            let at = format!("{} ({})", path.display(), catalog.key);
            for tag in page["tags"].as_array().unwrap() {
                assert!(
                    TAGS.contains(&tag.as_str().unwrap()),
                    "{at}: element <{tag}> from catalog text"
                );
            }
            assert_eq!(
                page["scripts"],
                serde_json::json!([null]),
                "{at}: one inline script"
            );
            assert_eq!(
                page["events"],
                serde_json::json!([]),
                "{at}: handlers or styles"
            );
            assert_eq!(
                page["duplicate_ids"],
                serde_json::json!([]),
                "{at}: duplicate ids"
            );
            for href in page["hrefs"].as_array().unwrap() {
                let href = href.as_str().unwrap();
                let page_link = pages.iter().any(|(file, _)| file == href);
                assert!(
                    page_link
                        || href.starts_with('#')
                        || href.starts_with("https://")
                        || href.starts_with("http://"),
                    "{at}: link to {href}"
                );
            }
            let ids: Vec<&str> = page["ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_str().unwrap())
                .collect();
            for id in &ids {
                assert!(
                    !id.is_empty() && !id.contains(char::is_whitespace),
                    "{at}: id {id:?} is no anchor"
                );
            }
            let rows = page["rows"].as_array().unwrap();
            assert_eq!(
                page["rows"].as_array().unwrap().len(),
                entries.len(),
                "{at}: one row per entry"
            );
            for (set, entry) in &entries {
                let codes: Vec<String> = entry["codes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(code)
                    .collect();
                let row = rows
                    .iter()
                    .find(|row| {
                        let texts: Vec<&str> = row["code_texts"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .map(|c| c.as_str().unwrap())
                            .collect();
                        row["set"] == set.as_str()
                            && texts == codes
                            && row["codes"].as_str().unwrap() == codes.join("\n")
                    })
                    .unwrap_or_else(|| {
                        panic!("{at}: no row of {set} shows exactly the codes {codes:?}")
                    });
                let search = row["texts"]
                    .as_str()
                    .unwrap()
                    .replace("\r\n", "\n")
                    .replace('\r', "\n");
                // Its own locale and the first others, four in all
                // (`search_locales`): every locale of a catalog of up to four.
                let searched = retcode::render::search_locales(&catalog.model, locale);
                assert_eq!(
                    searched.len(),
                    locales.len().min(retcode::render::SEARCH_LOCALES),
                    "{at}"
                );
                for l in &searched {
                    let message = text(&entry["message"], l);
                    assert!(
                        search.contains(&message),
                        "{at}: the search data of {codes:?} lacks its {l} message {message:?}"
                    );
                }
                let message = text(&entry["message"], locale);
                if !message.contains("](") {
                    let shown = row["text"].as_str().unwrap().replace('\r', "");
                    assert!(
                        shown.contains(&message.replace('\r', "")),
                        "{at}: row {codes:?} does not show {message:?} as text: {shown:?}"
                    );
                }
            }
            if catalog.key == "hostile" && *locale == "en" {
                let shown = page["text"].as_str().unwrap();
                assert!(
                    shown.contains("<script>alert(1)</script>")
                        && shown.contains("javascript:alert(1)"),
                    "{at}: the hostile texts must reach the page as text"
                );
            }
        }
    }
}
