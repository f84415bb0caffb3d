//! The command line as a release pipeline uses it: exit codes, and `check` writing nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn retcode(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("retcode").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// A scratch project holding a copy of the real catalog.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root().join("codes.toml"), dir.path().join("codes.toml")).unwrap();
    dir
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let meta = fs::metadata(&path).unwrap();
                files.insert(
                    path.clone(),
                    (fs::read(&path).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    files
}

#[test]
fn lint_accepts_the_catalog() {
    retcode(root())
        .arg("lint")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "valid (6 sets, 220 entries, 257 codes)",
        ));
}

#[test]
fn invalid_catalog_exits_3_with_located_diagnostics() {
    retcode(root())
        .args(["--catalog", "tests/invalid/06_duplicate_code.toml", "lint"])
        .assert()
        .code(3)
        .stderr(predicates::str::contains(
            "error: code 0 is already used by entry `Ok`\n  --> tests/invalid/06_duplicate_code.toml:28:10\n",
        ))
        .stderr(predicates::str::contains("first used here"))
        .stderr(predicates::str::contains("1 problem in tests/invalid/06_duplicate_code.toml"))
        // Piped stderr is not a terminal: no colour.
        .stderr(predicates::str::contains("\u{1b}").not());
}

/// Colour follows the terminal conventions: `CLICOLOR_FORCE` stands in for a
/// terminal here, and `NO_COLOR` wins over it.
#[test]
fn diagnostics_are_coloured_only_when_wanted() {
    let lint = |force: bool, no_color: bool| {
        let mut cmd = retcode(root());
        cmd.args(["--catalog", "tests/invalid/06_duplicate_code.toml", "lint"])
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        if force {
            cmd.env("CLICOLOR_FORCE", "1");
        }
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let output = cmd.output().unwrap();
        assert_eq!(output.status.code(), Some(3));
        output.stderr.contains(&0x1b)
    };
    assert!(lint(true, false), "CLICOLOR_FORCE must colour");
    assert!(!lint(true, true), "NO_COLOR must win");
    assert!(!lint(false, false), "a pipe gets plain text");
}

#[test]
fn usage_errors_exit_2() {
    retcode(root()).arg("frobnicate").assert().code(2);
    retcode(root())
        .args(["generate", "--no-such-flag"])
        .assert()
        .code(2);
    retcode(root()).assert().code(2);
}

#[test]
fn missing_catalog_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    retcode(dir.path())
        .arg("lint")
        .assert()
        .code(4)
        .stderr(predicates::str::contains("codes.toml"));
}

#[test]
fn generate_then_check_is_clean_and_regenerating_rewrites_nothing() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let before = snapshot(dir.path());
    retcode(dir.path())
        .arg("generate")
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "0 written, {} unchanged, 0 removed",
            before.len() - 1
        )));
    assert_eq!(
        before,
        snapshot(dir.path()),
        "an unchanged file was rewritten"
    );
    retcode(dir.path()).arg("check").assert().success();
}

#[test]
fn generate_reproduces_the_committed_output_byte_for_byte() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    for (path, (bytes, _)) in snapshot(&dir.path().join("generated")) {
        let relative = path.strip_prefix(dir.path()).unwrap();
        assert_eq!(
            bytes,
            fs::read(root().join(relative)).unwrap(),
            "{}",
            relative.display()
        );
    }
}

#[test]
fn check_reports_an_edited_file_with_a_diff_and_touches_nothing() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let doc = dir.path().join("generated/docs/faceid-codes.en.md");
    let text = fs::read_to_string(&doc)
        .unwrap()
        .replace("`2016` |", "`2017` |");
    fs::write(&doc, text).unwrap();
    let before = snapshot(dir.path());
    retcode(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "stale: generated/docs/faceid-codes.en.md",
        ))
        .stdout(predicates::str::contains("-| <a id=\"2016\"></a>`2017` |"))
        .stdout(predicates::str::contains("+| <a id=\"2016\"></a>`2016` |"));
    assert_eq!(before, snapshot(dir.path()), "check changed the tree");
}

#[test]
fn check_reports_missing_files_and_ignores_files_retcode_did_not_write() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let files = snapshot(&dir.path().join("generated")).len();
    fs::remove_file(dir.path().join("generated/json/faceid-codes.schema.json")).unwrap();
    fs::write(dir.path().join("generated/docs/notes.md"), "hand-written").unwrap();
    retcode(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "missing: generated/json/faceid-codes.schema.json",
        ))
        .stdout(predicates::str::contains("notes.md").not());
    retcode(dir.path())
        .arg("generate")
        .assert()
        .success()
        .stdout(predicates::str::contains(format!(
            "1 written, {} unchanged, 0 removed",
            files - 1
        )));
    retcode(dir.path()).arg("check").assert().success();
    assert_eq!(
        fs::read_to_string(dir.path().join("generated/docs/notes.md")).unwrap(),
        "hand-written"
    );
}

#[test]
fn invalid_catalog_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("tests/invalid/34_many_problems_at_once.toml"),
        dir.path().join("codes.toml"),
    )
    .unwrap();
    retcode(dir.path()).arg("generate").assert().code(3);
    assert!(!dir.path().join("generated").exists());
}

#[test]
fn flags_choose_catalog_and_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    retcode(root())
        .args(["--catalog", "tests/fixtures/basic.toml", "--out"])
        .arg(&out)
        .arg("generate")
        .assert()
        .success();
    assert!(out.join("docs/demo-codes.de.md").is_file());
    assert!(out.join("json/demo-codes.json").is_file());
}

/// A catalog written for an earlier version (`[catalog] kotlin_package` and
/// `swift_module`, now `[targets.*]` settings) still loads, with a located
/// warning on stderr, generates the same code, and compares equal in `diff`:
/// a release pipeline's earlier catalogs keep loading for the semver gate.
#[test]
fn moved_keys_still_load_with_a_warning() {
    let dir = project();
    let current = fs::read_to_string(dir.path().join("codes.toml")).unwrap();
    let legacy = current
        .replace(
            "[targets.kotlin]\npackage = \"com.retcode.faceid\"\n\n[targets.swift]\nmodule = \"FaceIdCodes\"\n\n",
            "",
        )
        .replace(
            "date_zone = \"Asia/Shanghai\"\n",
            "date_zone = \"Asia/Shanghai\"\nkotlin_package = \"com.retcode.faceid\"\nswift_module = \"FaceIdCodes\"\n",
        );
    assert!(
        !legacy.contains("[targets."),
        "the test removes the new tables"
    );
    // Named like the real catalog: generated headers name the file.
    fs::create_dir(dir.path().join("legacy")).unwrap();
    fs::write(dir.path().join("legacy/codes.toml"), &legacy).unwrap();
    retcode(dir.path())
        .args(["--catalog", "legacy/codes.toml", "lint"])
        .assert()
        .success()
        .stdout(predicate::str::contains("valid"))
        .stderr(predicate::str::contains(
            "warning: `kotlin_package` is deprecated: it is now `package` in the `[targets.kotlin]` table",
        ))
        .stderr(predicate::str::contains("legacy/codes.toml:12:1"))
        .stderr(predicate::str::contains("2 warnings in legacy/codes.toml"));
    retcode(dir.path())
        .args(["--catalog", "legacy/codes.toml", "--out"])
        .arg(root().join("generated"))
        .arg("check")
        .assert()
        .success();
    retcode(dir.path())
        .args(["diff", "legacy/codes.toml", "codes.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no changes"));
}
