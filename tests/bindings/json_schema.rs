//! The JSON export validates against its own JSON Schema, and the schema is strict
//! enough to reject a broken export (checked with Python's jsonschema, installed
//! by tests/run.sh; a missing tool fails the test).

use std::fs;
use std::path::Path;
use std::process::Command;

fn validate(schema: &Path, documents: &[&Path]) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join("tests/tools/venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `bash tests/run.sh`",
        python.display()
    );
    let output = Command::new(python)
        .arg(root.join("tests/tools/validate_json.py"))
        .arg(schema)
        .args(documents)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// Every export validates against the committed schema; a broken one does not.
pub fn check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut documents = Vec::new();
    for catalog in [
        "codes.toml",
        "tests/fixtures/basic.toml",
        "tests/fixtures/hostile.toml",
    ] {
        let model = retcode::load(&root.join(catalog)).unwrap_or_else(|e| panic!("{e}"));
        for file in retcode::render::render_all(&model, catalog)
            .into_iter()
            .filter(|f| f.path.starts_with("json/") && !f.path.ends_with(".schema.json"))
        {
            let path = dir.path().join(file.path.replace('/', "_"));
            fs::write(&path, file.contents).unwrap();
            documents.push(path);
        }
    }
    let schema = root.join("generated/json/faceid-codes.schema.json");
    let paths: Vec<&Path> = documents.iter().map(|p| p.as_path()).collect();
    let (ok, report) = validate(&schema, &paths);
    assert!(ok, "{report}");
    assert!(
        report.contains("3 documents validated, 0 errors"),
        "{report}"
    );

    let mut broken: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&documents[0]).unwrap()).unwrap();
    broken["sets"][0]["entries"][0]["codes"][0] = serde_json::json!({"not": "a code"});
    broken["sets"][0]["entries"][0]["surprise"] = serde_json::json!(true);
    let broken_path = dir.path().join("broken.json");
    fs::write(&broken_path, broken.to_string()).unwrap();
    let (ok, report) = validate(&schema, &[&broken_path]);
    assert!(!ok, "a broken export passed: {report}");
    assert!(report.contains("surprise"), "{report}");
}
