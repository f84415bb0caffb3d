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

/// Every duplicate points back at the first definition with a secondary label.
#[test]
fn duplicates_point_at_the_first_definition() {
    use retcode::diagnostic::DiagnosticKind::*;
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/invalid/37_duplicates_point_at_the_first.toml"),
    )
    .unwrap();
    let diagnostics = retcode::load_str(&text).unwrap_err();
    let kinds: Vec<_> = diagnostics.iter().map(|d| d.kind).collect();
    for kind in [DuplicateLocale, DuplicateName, DuplicateId, DuplicateCode] {
        assert!(kinds.contains(&kind), "{kind:?} missing from {kinds:?}");
    }
    for d in &diagnostics {
        let [label] = d.labels.as_slice() else {
            panic!("`{}` has no single secondary label", d.message);
        };
        // The label marks the same name or code as the primary span, earlier in the file.
        assert!(label.span.end <= d.span.start, "{d:?}");
        assert_eq!(text[label.span.clone()], text[d.span.clone()], "{d:?}");
    }
}

#[test]
fn every_rule_has_a_case_in_the_invalid_corpus() {
    use strum::VariantArray;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut seen = std::collections::HashSet::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = fs::read_to_string(&path).unwrap();
            if let Err(diagnostics) = retcode::load_str(&text) {
                seen.extend(diagnostics.iter().map(|d| d.kind));
            }
        }
    }
    // A set over the entry cap needs 10,001 entries: the unit test
    // `validate::sets::tests::oversized_sets_are_rejected` builds that catalog.
    seen.insert(retcode::DiagnosticKind::TooManyEntries);
    // Likewise an enum over the value cap: `oversized_enums_are_rejected`.
    seen.insert(retcode::DiagnosticKind::TooManyEnumValues);
    let missing: Vec<_> = retcode::DiagnosticKind::VARIANTS
        .iter()
        .filter(|kind| !seen.contains(kind))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a catalog in tests/invalid/: {missing:?}"
    );
}
