//! Every catalog in tests/invalid/ must be rejected with its own clear diagnostics.

use std::fs;
use std::path::Path;

use retcode::diagnostic::SourceFile;

#[test]
fn every_invalid_catalog_is_rejected_with_located_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 20,
        "the corpus needs one catalog per rule, found {}",
        paths.len()
    );
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        let diagnostics = match retcode::load_str(&text) {
            Ok(_) => panic!("{name}: an invalid catalog was accepted"),
            Err(diagnostics) => diagnostics,
        };
        assert!(
            !diagnostics.is_empty(),
            "{name}: rejected without a diagnostic"
        );
        for d in &diagnostics {
            assert!(!d.hint.is_empty(), "{name}: `{}` has no hint", d.message);
            assert!(d.span.start <= text.len(), "{name}: span outside the file");
            for label in &d.labels {
                assert!(
                    label.span.start <= text.len(),
                    "{name}: label outside the file"
                );
            }
        }
        let file = SourceFile::new(format!("tests/invalid/{name}.toml"), text);
        insta::assert_snapshot!(name, file.render_all(&diagnostics, false));
    }
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid/34_many_problems_at_once.toml"),
    )
    .unwrap();
    let diagnostics = retcode::load_str(&text).unwrap_err();
    assert_eq!(diagnostics.len(), 7, "{diagnostics:#?}");
}
