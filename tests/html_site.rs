//! The HTML docs in a real browser: headless Chromium (`/usr/bin/chromium`, which
//! `tests/run.sh` installs) driven by the pinned playwright-core of tests/tools
//! (`tests/support/html_site.mjs`). The FaceID catalog's pages are rendered
//! fresh, loaded at 390 and 1,280 px, searched, and followed by anchor. The
//! expectations are written by hand from `codes.toml`. Screenshots land in
//! `target/html-site/` (a test artifact, not committed).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Renders a catalog's HTML pages into `target/html-site/<key>/html`.
fn render(catalog: &str, key: &str) -> PathBuf {
    let model = retcode::load(&root().join(catalog)).unwrap_or_else(|e| panic!("{e}"));
    let files = retcode::render::render_all(&model, catalog);
    let out = root().join("target/html-site").join(key);
    fs::remove_dir_all(&out).ok();
    retcode::output::write(&out, &files).unwrap();
    out.join("html")
}

fn browse(pages: &Path, shots: &Path, request: &Value) -> Value {
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "/usr/bin/chromium is missing: run `bash tests/run.sh` (it runs `apt-get install -y chromium`)"
    );
    let tools = root().join("tests/tools");
    assert!(
        tools.join("node_modules/playwright-core").exists(),
        "tests/tools/node_modules/playwright-core is missing: run `bash tests/run.sh` (npm ci)"
    );
    let output = Command::new("node")
        .arg(root().join("tests/support/html_site.mjs"))
        .arg(&tools)
        .arg(pages)
        .arg(shots)
        .arg(request.to_string())
        .output()
        .unwrap_or_else(|e| panic!("cannot start node (required for the browser test): {e}"));
    assert!(
        output.status.success(),
        "the browser script failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn assert_no_overflow(width: u64, what: &str, overflow: &Value) {
    assert_eq!(overflow["innerWidth"], width, "{what}: viewport");
    assert!(
        overflow["scrollWidth"].as_u64().unwrap() <= width,
        "{what} at {width} px scrolls sideways: {overflow}"
    );
    assert_eq!(
        overflow["count"], 0,
        "{what} at {width} px: elements beyond the viewport: {overflow}"
    );
}

fn rows(value: &Value) -> Vec<&str> {
    value["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect()
}

#[test]
fn the_docs_work_in_a_browser_at_phone_and_desktop_width() {
    let pages = render("codes.toml", "out");
    let shots = root().join("target/html-site");
    let request = serde_json::json!({
        "page": "en.html",
        "other": "index.html",
        "widths": [390, 1280],
        "queries": ["66660023", "re-photograph", "翻拍", "证件照不存在"],
        "billed_code": "66660023",
        "billed_label": "Billed",
        "history_code": "2007",
        "alias": "-4017",
    });
    let report = browse(&pages, &shots, &request);
    for width in [390u64, 1280] {
        let seen = &report["widths"][width.to_string()];
        assert_eq!(
            seen["external"],
            serde_json::json!([]),
            "no network requests"
        );
        assert_eq!(seen["errors"], serde_json::json!([]), "no script errors");
        assert_no_overflow(width, "the page", &seen["overflow"]);
        let queries = &seen["queries"];
        for (query, found) in queries.as_object().unwrap() {
            assert_no_overflow(width, &format!("search {query:?}"), &found["overflow"]);
        }
        // A code finds exactly its row; English and Chinese texts find theirs,
        // on the English page (the search reads every locale).
        assert_eq!(rows(&queries["66660023"]), ["_set-SdkCode 66660023"]);
        let rephoto = [
            "_set-SdkCode 66660023",
            "_set-SdkCode -5017",
            "_set-SdkCode -5016",
        ];
        assert_eq!(rows(&queries["re-photograph"]), rephoto);
        assert_eq!(rows(&queries["翻拍"]), rephoto);
        assert_eq!(rows(&queries["证件照不存在"]), ["_set-SdkCode 66660039"]);
        // Whether 66660023 is billed, readable without scrolling sideways.
        assert_eq!(
            seen["billed"],
            serde_json::json!({ "text": "No", "inside": true, "onScreen": true, "visible": true }),
            "at {width} px"
        );
        // Typing the code is enough: the answer is on the first screen (844 px
        // high), the intro and contents stepping aside.
        assert_eq!(seen["billedAtOnce"], seen["billed"], "at {width} px");
        assert_eq!(seen["scrollX"], 0);
        // The 2021-07-19 billing change, as text.
        assert_eq!(
            seen["history"]["text"], "Yes before 2021-07-19\nNo from 2021-07-19",
            "at {width} px"
        );
        assert_eq!(seen["history"]["inside"], true);
        // An alias anchor lands on its entry's row, in view.
        assert_eq!(
            seen["alias"],
            serde_json::json!({
                "row": ["66660039", "66660040", "66660046", "-4017", "-4018"],
                "inView": true,
                "target": true,
            }),
            "at {width} px"
        );
        // The locale switcher opens the same anchor on the default locale's page.
        assert_eq!(
            seen["switched"],
            serde_json::json!({ "url": "index.html#-4017", "lang": "zh-CN", "inView": true }),
            "at {width} px"
        );
        assert_no_overflow(width, "the zh-CN page", &seen["switchedOverflow"]);
        for shot in ["top", "search-66660023", "anchor", "switched"] {
            assert!(shots.join(format!("{width}-{shot}.png")).exists());
        }
    }
}

/// The hostile fixture's pages (`<script>alert(1)</script>`, `javascript:` links,
/// a remote image, a 1,000-character message, U+2028, RTL Hebrew) in the browser:
/// no dialog, no script error, no request, no overflow, and the search finds
/// hostile text as text.
#[test]
fn hostile_text_cannot_script_or_break_the_page() {
    let pages = render("tests/fixtures/hostile.toml", "hostile");
    let shots = root().join("target/html-site");
    let request = serde_json::json!({
        "smoke": ["index.html", "he.html"],
        "widths": [390, 1280],
        "queries": ["<script>alert(1)</script>", "${x}", "javascript:alert(1)", "no such text"],
    });
    let report = browse(&pages, &shots, &request);
    let smoke = report["smoke"].as_object().unwrap();
    assert_eq!(smoke.len(), 4);
    for (page, seen) in smoke {
        assert_eq!(seen["external"], serde_json::json!([]), "{page}: requests");
        assert_eq!(
            seen["errors"],
            serde_json::json!([]),
            "{page}: script errors"
        );
        assert_eq!(
            seen["dialogs"],
            serde_json::json!([]),
            "{page}: a dialog opened"
        );
        let width = page.rsplit('@').next().unwrap().parse().unwrap();
        for overflow in seen["overflow"].as_array().unwrap() {
            assert_no_overflow(width, page, overflow);
        }
        // Counted by hand in tests/fixtures/hostile.toml: `${x}` is a string code
        // and in the first message; `<script>…` is an `in` value and in the links
        // message; `javascript:alert(1)` is in the links message (and the intro).
        assert_eq!(seen["rows"]["no such text"], 0, "{page}");
        assert_eq!(seen["rows"]["${x}"], 2, "{page}");
        assert_eq!(seen["rows"]["<script>alert(1)</script>"], 2, "{page}");
        assert_eq!(seen["rows"]["javascript:alert(1)"], 1, "{page}");
    }
}

/// A catalog with `docs_url`: two sets share code 0, one set has string codes.
const WITH_DOCS_URL: &str = r#"
[catalog]
name = "demo"
version = "1.0.0"
title = { en = "Demo", zh-CN = "演示" }
locales = ["en", "zh-CN"]
yes = { en = "Yes", zh-CN = "是" }
no = { en = "No", zh-CN = "否" }
unknown_code = { en = "Unknown {code}", zh-CN = "未知 {code}" }
docs_url = "https://docs.example.com/demo"

[[section]]
id = "main"
title = { en = "Main", zh-CN = "主要" }

[[set]]
name = "ApiCode"
section = "main"
key = "int"
code_label = { en = "Code", zh-CN = "返回码" }
message_label = { en = "Message", zh-CN = "含义" }

[[set.entry]]
name = "Ok"
codes = [0, -4017]
message = { en = "OK", zh-CN = "成功" }

[[set]]
name = "DeviceCode"
section = "main"
key = "int"
code_label = { en = "Code", zh-CN = "返回码" }
message_label = { en = "Message", zh-CN = "含义" }

[[set.entry]]
name = "Fine"
codes = [0]
message = { en = "Fine", zh-CN = "好" }

[[set]]
name = "TagCode"
section = "main"
key = "string"
code_label = { en = "Tag", zh-CN = "标签" }
message_label = { en = "Meaning", zh-CN = "说明" }

[[set.entry]]
name = "Spaced"
codes = ["a b"]
message = { en = "Spaced", zh-CN = "空格" }
"#;

#[test]
fn docs_url_gives_every_entry_the_url_of_its_row() {
    let model = retcode::load_str(WITH_DOCS_URL).unwrap_or_else(|d| panic!("{d:?}"));
    let files = retcode::render::render_all(&model, "demo.toml");
    let file = |path: &str| {
        &files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} not rendered"))
            .contents
    };
    let json: Value = serde_json::from_str(file("json/demo.json")).unwrap();
    assert_eq!(json["docs_url"], "https://docs.example.com/demo");
    let urls: Vec<&str> = json["sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|set| set["entries"][0]["doc_url"].as_str().unwrap())
        .collect();
    // Written by hand: the default locale's page, the canonical code's anchor;
    // code 0 of the second set is qualified by its set, `a b` percent-encoded.
    assert_eq!(
        urls,
        [
            "https://docs.example.com/demo/index.html#0",
            "https://docs.example.com/demo/index.html#DeviceCode_0",
            "https://docs.example.com/demo/index.html#a%20b",
        ]
    );
    // The export with both keys is valid under its JSON Schema.
    let dir = root().join("target/html-site/docs-url");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("demo.json"), file("json/demo.json")).unwrap();
    fs::write(dir.join("demo.schema.json"), file("json/demo.schema.json")).unwrap();
    let python = root().join("tests/tools/venv/bin/python");
    assert!(
        python.exists(),
        "tests/tools/venv is missing: run `bash tests/run.sh`"
    );
    let status = Command::new(python)
        .arg(root().join("tests/tools/validate_json.py"))
        .arg(dir.join("demo.schema.json"))
        .arg(dir.join("demo.json"))
        .status()
        .unwrap();
    assert!(status.success(), "the export does not match its schema");
    for id in ["0", "-4017", "DeviceCode_0", "a%20b"] {
        for page in ["html/index.html", "html/zh-CN.html"] {
            assert!(
                file(page).contains(&format!("<code id=\"{id}\">")),
                "{page}: no anchor {id}"
            );
        }
    }
    // Without `docs_url`, the export carries neither key (the FaceID catalog).
    let faceid = retcode::load(&root().join("codes.toml")).unwrap();
    let files = retcode::render::render_all(&faceid, "codes.toml");
    let json = &files
        .iter()
        .find(|f| f.path == "json/faceid-codes.json")
        .unwrap()
        .contents;
    assert!(!json.contains("\"docs_url\"") && !json.contains("\"doc_url\""));
}
