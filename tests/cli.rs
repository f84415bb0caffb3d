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
        .replace("| 2016 |", "| 2017 |");
    fs::write(&doc, text).unwrap();
    let before = snapshot(dir.path());
    retcode(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "stale: generated/docs/faceid-codes.en.md",
        ))
        .stdout(predicates::str::contains("-| 2017 |"))
        .stdout(predicates::str::contains("+| 2016 |"));
    assert_eq!(before, snapshot(dir.path()), "check changed the tree");
}

#[test]
fn check_reports_missing_files_and_ignores_files_retcode_did_not_write() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
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
        .stdout(predicates::str::contains(
            "1 written, 17 unchanged, 0 removed",
        ));
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
