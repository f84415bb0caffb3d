//! The catalog's identity: its version, licence and URLs reach the model, and its
//! content hash follows the meaning of the catalog, not the layout of the TOML.

use std::fs;

fn hash_of(text: &str) -> String {
    let model = retcode::load_str(text).unwrap_or_else(|d| panic!("{d:?}"));
    retcode::catalog_hash(&model)
}

fn faceid() -> String {
    fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/codes.toml")).unwrap()
}

#[test]
fn the_hash_ignores_comments_blank_lines_and_key_order() {
    let text = faceid();
    let mut relaid = String::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let mut i = 0;
    while i < lines.len() {
        // `name = …` then `codes = …` in an entry: written the other way round.
        if lines[i].starts_with("name = ")
            && lines.get(i + 1).is_some_and(|l| l.starts_with("codes = "))
        {
            relaid.push_str(&format!("{}\n{}\n\n", lines[i + 1], lines[i]));
            i += 2;
            continue;
        }
        relaid.push_str(lines[i]);
        relaid.push_str("\n\n");
        i += 1;
    }
    assert_ne!(relaid, text);
    let hash = hash_of(&text);
    assert_eq!(hash.len(), 16);
    assert!(
        hash.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
        "{hash}"
    );
    assert_eq!(hash_of(&relaid), hash);
}

#[test]
fn the_hash_changes_with_a_message_a_code_or_the_version() {
    let text = faceid();
    let hash = hash_of(&text);
    for (from, to) in [
        ("请求不合法，缺少参数", "请求不合法：缺少参数"),
        ("codes = [1]\n", "codes = [1, 99999]\n"),
        ("version = \"1.0.0\"", "version = \"1.0.1\""),
    ] {
        assert!(text.contains(from), "{from}");
        assert_ne!(hash_of(&text.replacen(from, to, 1)), hash, "{from} → {to}");
    }
}

#[test]
fn version_licence_and_urls_reach_the_model_normalised() {
    let text = faceid().replacen(
        "version = \"1.0.0\"",
        "version = \"2.1.0-rc.1+build.5\"\nlicense = \"MIT OR Apache-2.0\"\nrepository = \"https://example.com/codes.git\"\nhomepage = \"http://example.com/\"",
        1,
    );
    let model = retcode::load_str(&text).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(model.version, "2.1.0-rc.1+build.5");
    assert_eq!(model.license.as_deref(), Some("MIT OR Apache-2.0"));
    assert_eq!(
        model.repository.as_deref(),
        Some("https://example.com/codes.git")
    );
    assert_eq!(model.homepage.as_deref(), Some("http://example.com/"));
}

#[test]
fn a_catalog_without_a_version_is_refused() {
    let text = faceid().replacen("version = \"1.0.0\"\n", "", 1);
    let diagnostics = retcode::load_str(&text).expect_err("no version");
    assert!(
        diagnostics.iter().any(|d| d.message.contains("`version`")),
        "{diagnostics:?}"
    );
}
