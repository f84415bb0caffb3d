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

/// Renders the FaceID catalog's HTML pages into `target/html-site/out/html`.
fn render() -> PathBuf {
    let model = retcode::load(&root().join("codes.toml")).unwrap_or_else(|e| panic!("{e}"));
    let files = retcode::render::render_all(&model, "codes.toml");
    let out = root().join("target/html-site/out");
    fs::remove_dir_all(&out).ok();
    retcode::output::write(&out, &files).unwrap();
    out.join("html")
}

fn browse(pages: &Path, shots: &Path) -> Value {
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "/usr/bin/chromium is missing: run `bash tests/run.sh` (it runs `apt-get install -y chromium`)"
    );
    let tools = root().join("tests/tools");
    assert!(
        tools.join("node_modules/playwright-core").exists(),
        "tests/tools/node_modules/playwright-core is missing: run `bash tests/run.sh` (npm ci)"
    );
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
    let pages = render();
    let shots = root().join("target/html-site");
    let report = browse(&pages, &shots);
    for width in [390u64, 1280] {
        let seen = &report["widths"][width.to_string()];
        assert_eq!(seen["external"], serde_json::json!([]), "no network requests");
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
            serde_json::json!({ "text": "No", "inside": true, "visible": true }),
            "at {width} px"
        );
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
        for shot in ["top", "search-66660023", "anchor"] {
            assert!(shots.join(format!("{width}-{shot}.png")).exists());
        }
    }
}
