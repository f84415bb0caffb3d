//! `retcode diff`, its semver gate and `check --against`.
//!
//! tests/diff/<case>/{old,new}.toml are before/after pairs, one per kind of
//! change; each case's snapshot holds the diff in all three formats.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "support/git.rs"]
mod support_git;
use support_git::git;

use assert_cmd::Command;
use predicates::prelude::*;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(root().join("tests/diff"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("old.toml").is_file())
        .collect();
    cases.sort();
    cases
}

fn load(path: &Path) -> retcode::Model {
    retcode::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn report(case: &Path) -> retcode::diff::Report {
    retcode::diff::diff(&load(&case.join("old.toml")), &load(&case.join("new.toml")))
}

fn retcode(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("retcode").unwrap();
    cmd.current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR");
    cmd
}

#[test]
fn every_case_in_all_three_formats() {
    let cases = cases();
    assert!(cases.len() >= 15, "at least 15 before/after pairs");
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let report = report(&case);
        let text = format!(
            "{}\n----- markdown -----\n{}----- json -----\n{}",
            report.human(false),
            report.markdown(),
            report.json()
        );
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn each_case_has_the_kind_its_name_promises() {
    use retcode::diff::{Bump, Kind, What};
    let expect: &[(&str, What)] = &[
        ("01_code_removed", What::CodeRemoved),
        ("02_code_moved", What::CodeMoved),
        ("03_entry_removed", What::EntryRemoved),
        ("04_entry_renamed", What::EntryRenamed),
        ("05_set_removed", What::SetRemoved),
        ("06_set_renamed", What::SetRenamed),
        ("07_locale_removed", What::LocaleRemoved),
        ("08_attribute_removed", What::AttributeRemoved),
        ("09_attribute_renamed", What::AttributeRenamed),
        ("10_key_type_changed", What::KeyTypeChanged),
        ("11_attribute_type_changed", What::AttributeTypeChanged),
        ("12_message_changed", What::MessageChanged),
        ("13_hint_changed", What::HintChanged),
        ("14_attribute_value_changed", What::AttributeChanged),
        ("15_attribute_default_changed", What::AttributeChanged),
        ("16_dated_change_added", What::DatedChangeAdded),
        ("17_set_added", What::SetAdded),
        ("18_entry_added", What::EntryAdded),
        ("19_code_added", What::CodeAdded),
        ("20_locale_added", What::LocaleAdded),
        ("21_attribute_added", What::AttributeAdded),
        ("22_enum_value_added", What::EnumValueAdded),
        ("23_enum_value_removed", What::EnumValueRemoved),
        ("24_documentation_only", What::TextChanged),
        ("29_entry_deprecated", What::Deprecated),
        ("29_entry_deprecated", What::CodeDeprecated),
        ("30_code_retired", What::CodeRemoved),
        ("faceid_billing_2021_07_19", What::DatedChangeAdded),
    ];
    for (case, what) in expect {
        let report = report(&root().join("tests/diff").join(case));
        assert!(
            report.changes.iter().any(|c| c.what == *what),
            "{case}: no {what:?} in {:#?}",
            report.changes
        );
        assert!(
            report.gate_passes,
            "{case}: the fixture's version bump suffices"
        );
    }
    // The real 2021-07-19 change: one behavioural change, the eight codes, its notice.
    let report = report(&root().join("tests/diff/faceid_billing_2021_07_19"));
    assert_eq!(report.changes.len(), 1, "{:#?}", report.changes);
    let change = &report.changes[0];
    assert_eq!(change.kind, Kind::Behavioural);
    assert_eq!(change.effective.as_deref(), Some("2021-07-19"));
    assert_eq!(change.codes.len(), 8);
    assert_eq!(change.old, Some(serde_json::json!(true)));
    assert_eq!(change.new, Some(serde_json::json!(false)));
    assert_eq!(report.required_bump, Bump::Minor);
    // Removing a code that is left as a tombstone is still breaking, and says so.
    let retired = report_of("30_code_retired");
    let removed = retired
        .changes
        .iter()
        .find(|c| c.what == What::CodeRemoved)
        .unwrap();
    assert_eq!(removed.kind, Kind::Breaking);
    assert!(removed.detail.contains("left as retired"), "{removed:?}");
    let none = report_of("25_no_change");
    assert!(none.changes.is_empty());
    assert_eq!(none.required_bump, Bump::None);
}

fn report_of(case: &str) -> retcode::diff::Report {
    report(&root().join("tests/diff").join(case))
}

#[test]
fn json_has_the_documented_shape() {
    let report = report_of("01_code_removed");
    let json: serde_json::Value = serde_json::from_str(&report.json()).unwrap();
    assert_eq!(json["old_version"], "1.0.0");
    assert_eq!(json["new_version"], "2.0.0");
    assert_eq!(json["required_bump"], "major");
    let change = &json["changes"][0];
    assert_eq!(change["kind"], "breaking");
    assert_eq!(change["set"], "DemoCode");
    assert_eq!(change["entry"], "Spoofed");
    assert_eq!(change["codes"], serde_json::json!([101]));
    assert_eq!(change["what"], "code-removed");
    // String-keyed sets give string codes.
    let report = report_of("05_set_removed");
    let json: serde_json::Value = serde_json::from_str(&report.json()).unwrap();
    assert_eq!(json["changes"][0]["codes"], serde_json::json!(["A1", "B1"]));
}

#[test]
fn the_committed_json_schema_is_current() {
    let path = root().join("docs/diff.schema.json");
    let schema = retcode::diff::schema() + "\n";
    if std::env::var_os("RETCODE_UPDATE_SCHEMA").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &schema).unwrap();
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, schema,
        "docs/diff.schema.json is stale: RETCODE_UPDATE_SCHEMA=1 cargo test --test diff"
    );
    retcode(root())
        .args(["diff", "--schema"])
        .assert()
        .success()
        .stdout(schema);
}

// ---------------------------------------------------------------------------
// The gate.

fn gate(old: &Path, new: &Path) -> assert_cmd::assert::Assert {
    retcode(root())
        .arg("diff")
        .arg(old)
        .arg(new)
        .arg("--gate")
        .assert()
}

fn case_gate(case: &str) -> assert_cmd::assert::Assert {
    let dir = root().join("tests/diff").join(case);
    gate(&dir.join("old.toml"), &dir.join("new.toml"))
}

/// The case's new catalog with another version, in a temporary file.
fn with_version(case: &str, version: &str) -> tempfile::NamedTempFile {
    let text = fs::read_to_string(root().join("tests/diff").join(case).join("new.toml")).unwrap();
    let start = text.find("version = \"").unwrap() + "version = \"".len();
    let end = start + text[start..].find('"').unwrap();
    let file = tempfile::NamedTempFile::new().unwrap();
    fs::write(
        file.path(),
        format!("{}{version}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    file
}

#[test]
fn gate_major_for_breaking() {
    case_gate("01_code_removed")
        .success()
        .stdout(predicate::str::contains(
            "required bump: major; actual bump: major",
        ));
    let minor = with_version("01_code_removed", "1.1.0");
    gate(
        &root().join("tests/diff/01_code_removed/old.toml"),
        minor.path(),
    )
    .code(1)
    .stderr(predicate::str::contains(
        "version 1.0.0 → 1.1.0 is a minor bump, but the changes require a major bump",
    ))
    .stderr(predicate::str::contains("DemoCode.Spoofed (code-removed)"));
}

#[test]
fn gate_minor_for_behavioural_and_additive() {
    case_gate("12_message_changed").success();
    case_gate("18_entry_added").success();
    case_gate("faceid_billing_2021_07_19").success();
    let patch = with_version("12_message_changed", "1.0.1");
    gate(
        &root().join("tests/diff/12_message_changed/old.toml"),
        patch.path(),
    )
    .code(1)
    .stderr(predicate::str::contains("require a minor bump"))
    .stderr(predicate::str::contains(
        "DemoCode.Timeout (message-changed)",
    ));
    let same = with_version("faceid_billing_2021_07_19", "1.0.0");
    gate(
        &root().join("tests/diff/faceid_billing_2021_07_19/old.toml"),
        same.path(),
    )
    .code(1)
    .stderr(predicate::str::contains("WeChatCode (dated-change-added)"));
}

#[test]
fn gate_below_1_0_breaking_requires_minor() {
    case_gate("26_below_1_0_breaking_is_minor")
        .success()
        .stdout(predicate::str::contains(
            "below 1.0.0 a breaking change requires a minor bump",
        ));
    let patch = with_version("26_below_1_0_breaking_is_minor", "0.3.2");
    gate(
        &root().join("tests/diff/26_below_1_0_breaking_is_minor/old.toml"),
        patch.path(),
    )
    .code(1)
    .stderr(predicate::str::contains("require a minor bump"));
}

#[test]
fn gate_patch_only_and_none() {
    case_gate("24_documentation_only")
        .success()
        .stdout(predicate::str::contains(
            "required bump: patch; actual bump: patch",
        ));
    let same = with_version("24_documentation_only", "1.0.0");
    gate(
        &root().join("tests/diff/24_documentation_only/old.toml"),
        same.path(),
    )
    .code(1)
    .stderr(predicate::str::contains("require a patch bump"));
    case_gate("25_no_change")
        .success()
        .stdout(predicate::str::contains("no changes"));
}

#[test]
fn gate_fails_with_exit_1_and_names_the_changes() {
    case_gate("27_gate_fails_patch_for_breaking")
        .code(1)
        .stderr(predicate::str::contains(
            "version 1.0.0 → 1.0.1 is a patch bump, but the changes require a major bump:\n  - DemoCode.Spoofed (code-removed): code 101 removed",
        ));
    // Without --gate, diff only reports.
    let dir = root().join("tests/diff/27_gate_fails_patch_for_breaking");
    retcode(root())
        .arg("diff")
        .arg(dir.join("old.toml"))
        .arg(dir.join("new.toml"))
        .assert()
        .success();
}

#[test]
fn output_is_plain_when_piped_or_no_color_and_coloured_when_forced() {
    let dir = root().join("tests/diff/01_code_removed");
    let run = |env: &[(&str, &str)]| {
        let mut cmd = retcode(root());
        cmd.arg("diff")
            .arg(dir.join("old.toml"))
            .arg(dir.join("new.toml"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
    };
    assert!(!run(&[]).contains('\x1b'));
    assert!(!run(&[("NO_COLOR", "1")]).contains('\x1b'));
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\x1b[1;31mBreaking"));
    let markdown = {
        let mut cmd = retcode(root());
        cmd.arg("diff")
            .arg(dir.join("old.toml"))
            .arg(dir.join("new.toml"))
            .args(["--format", "markdown"]);
        String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
    };
    assert!(markdown.contains("## demo 1.0.0 → 2.0.0 (en)"));
    assert!(markdown.contains("## demo 1.0.0 → 2.0.0 (de)"));
    assert!(markdown.contains("“In die Kamera schauen”"));
}

#[test]
fn an_invalid_side_is_exit_3_and_a_missing_file_exit_4() {
    let bad = tempfile::NamedTempFile::new().unwrap();
    fs::write(bad.path(), "[catalog]\nname = \"x\"\n").unwrap();
    let good = root().join("tests/diff/25_no_change/old.toml");
    retcode(root())
        .arg("diff")
        .arg(bad.path())
        .arg(&good)
        .assert()
        .code(3);
    retcode(root())
        .arg("diff")
        .arg(root().join("tests/diff/no-such.toml"))
        .arg(&good)
        .assert()
        .code(4);
}

// ---------------------------------------------------------------------------
// git: revisions, in a temporary repository.

/// A repository whose codes.toml is `old` at HEAD~1 and `new` at HEAD.
fn repository(case: &str, new: Option<&Path>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let case = root().join("tests/diff").join(case);
    git(dir.path(), &["init", "-q"]);
    fs::copy(case.join("old.toml"), dir.path().join("codes.toml")).unwrap();
    git(dir.path(), &["add", "codes.toml"]);
    git(dir.path(), &["commit", "-q", "-m", "old"]);
    fs::copy(
        new.unwrap_or(&case.join("new.toml")),
        dir.path().join("codes.toml"),
    )
    .unwrap();
    git(
        dir.path(),
        &["commit", "-q", "-a", "--allow-empty", "-m", "new"],
    );
    dir
}

#[test]
fn git_revisions_are_read_without_touching_the_work_tree() {
    let repo = repository("01_code_removed", None);
    let dir = repo.path();
    // The work tree holds something else: git:HEAD must not read or change it.
    fs::write(dir.join("codes.toml"), "not a catalog").unwrap();
    let expected = report_of("01_code_removed").human(false);
    for (old, new) in [
        ("git:HEAD~1", "git:HEAD"),
        ("git:HEAD~1:codes.toml", "git:HEAD:codes.toml"),
    ] {
        retcode(dir)
            .args(["diff", old, new])
            .assert()
            .success()
            .stdout(expected.clone());
    }
    assert_eq!(
        fs::read_to_string(dir.join("codes.toml")).unwrap(),
        "not a catalog"
    );
    // git:REV reads the --catalog path at REV.
    fs::create_dir(dir.join("sub")).unwrap();
    git(dir, &["mv", "codes.toml", "sub/codes.toml"]);
    git(dir, &["commit", "-q", "-m", "move"]);
    retcode(dir)
        .args([
            "diff",
            "git:HEAD",
            "git:HEAD",
            "--catalog",
            "sub/codes.toml",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("no changes"));
    // A file against a revision.
    fs::copy(
        root().join("tests/diff/01_code_removed/new.toml"),
        dir.join("current.toml"),
    )
    .unwrap();
    retcode(dir)
        .args(["diff", "git:HEAD~2", "current.toml", "--gate"])
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn git_errors_are_clear() {
    let repo = repository("25_no_change", None);
    let dir = repo.path();
    retcode(dir)
        .args(["diff", "git:no-such-rev", "codes.toml"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "cannot read codes.toml at revision no-such-rev",
        ));
    retcode(dir)
        .args(["diff", "git:HEAD:missing.toml", "codes.toml"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "cannot read missing.toml at revision HEAD",
        ));
    retcode(dir)
        .args(["diff", "git:HEAD~1", "codes.toml"])
        .env("PATH", "")
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "git is not installed or not on PATH",
        ));
    // An invalid catalog at a revision is reported like any invalid catalog.
    fs::write(dir.join("codes.toml"), "[catalog]\n").unwrap();
    git(dir, &["commit", "-q", "-a", "-m", "broken"]);
    retcode(dir)
        .args(["diff", "git:HEAD", "git:HEAD~1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("git:HEAD:codes.toml"));
}

#[test]
fn check_against_runs_the_stale_check_and_the_gate() {
    // Passing gate, fresh output: 0.
    let repo = repository("12_message_changed", None);
    let dir = repo.path();
    retcode(dir).arg("generate").assert().success();
    retcode(dir)
        .args(["check", "--against", "HEAD~1"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "required bump: minor; actual bump: minor",
        ))
        .stdout(predicate::str::contains("files up to date"));

    // Failing gate, fresh output: 1 with the reason.
    let repo = repository("27_gate_fails_patch_for_breaking", None);
    let dir = repo.path();
    retcode(dir).arg("generate").assert().success();
    retcode(dir)
        .args(["check", "--against", "HEAD~1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("require a major bump"));

    // Passing gate, stale output: 1 from the stale check.
    let repo = repository("25_no_change", None);
    let dir = repo.path();
    retcode(dir)
        .args(["check", "--against", "HEAD~1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("stale"));

    // A revision that does not exist: 4.
    retcode(dir)
        .args(["check", "--against", "no-such-rev"])
        .assert()
        .code(4);
}

#[test]
fn any_two_catalogs_compare_without_panicking_and_a_catalog_equals_itself() {
    let mut paths: Vec<PathBuf> = cases()
        .iter()
        .flat_map(|c| [c.join("old.toml"), c.join("new.toml")])
        .collect();
    paths.push(root().join("tests/fixtures/basic.toml"));
    paths.push(root().join("codes.toml"));
    let models: Vec<_> = paths.iter().map(|p| load(p)).collect();
    for (i, old) in models.iter().enumerate() {
        for new in &models {
            let report = retcode::diff::diff(old, new);
            let _ = (report.human(true), report.markdown(), report.json());
        }
        let same = retcode::diff::diff(old, old);
        assert!(
            same.changes.is_empty(),
            "{}: {:#?}",
            paths[i].display(),
            same.changes
        );
    }
}

/// A catalog with one locale and the given `[[set]]` tables.
fn catalog_with(sets: &str) -> retcode::Model {
    let text = format!(
        r#"[catalog]
name = "demo"
version = "1.0.0"
title = {{ en = "Demo" }}
locales = ["en"]
yes = {{ en = "Yes" }}
no = {{ en = "No" }}
unknown_code = {{ en = "Unknown {{code}}" }}

[[section]]
id = "main"
title = {{ en = "Main" }}
{sets}"#
    );
    retcode::load_str(&text).unwrap_or_else(|d| panic!("{d:#?}\n{text}"))
}

fn set_of(name: &str, attributes: &[(&str, [bool; 2])]) -> String {
    let mut text = format!(
        "\n[[set]]\nname = \"{name}\"\nsection = \"main\"\nkey = \"int\"\n\
         code_label = {{ en = \"Code\" }}\nmessage_label = {{ en = \"Message\" }}\n"
    );
    for (attribute, _) in attributes {
        text.push_str(&format!(
            "\n[[set.attribute]]\nname = \"{attribute}\"\ntype = \"bool\"\ndefault = false\nlabel = {{ en = \"{attribute}\" }}\n"
        ));
    }
    for (k, entry) in ["First", "Second"].iter().enumerate() {
        text.push_str(&format!(
            "\n[[set.entry]]\nname = \"{entry}\"\ncodes = [{}]\nmessage = {{ en = \"{entry}\" }}\n",
            k + 1
        ));
        for (attribute, values) in attributes {
            text.push_str(&format!("{attribute} = {}\n", values[k]));
        }
    }
    text
}

#[test]
fn several_matching_renames_pair_up_in_catalog_order() {
    // Two removed sets with the same codes and two added ones: first with first.
    let old = catalog_with(&(set_of("Alpha", &[]) + &set_of("Beta", &[])));
    let new = catalog_with(&(set_of("Gamma", &[]) + &set_of("Delta", &[])));
    let renames: Vec<(String, String)> = retcode::diff::diff(&old, &new)
        .changes
        .iter()
        .map(|c| (c.what.as_str(), c.detail.clone()))
        .collect();
    assert_eq!(
        renames,
        [
            (
                "set-renamed".to_owned(),
                "set Alpha renamed to Gamma (detected by the same codes)".to_owned()
            ),
            (
                "set-renamed".to_owned(),
                "set Beta renamed to Delta (detected by the same codes)".to_owned()
            ),
        ]
    );

    // Attributes: equal columns pair in order; a column with other values is
    // removed and added, not renamed, even where its type matches.
    let old = catalog_with(&set_of(
        "Codes",
        &[
            ("p", [false, true]),
            ("q", [false, true]),
            ("u", [true, true]),
        ],
    ));
    let new = catalog_with(&set_of(
        "Codes",
        &[
            ("v", [false, false]),
            ("r", [false, true]),
            ("t", [false, true]),
        ],
    ));
    let changes: Vec<String> = retcode::diff::diff(&old, &new)
        .changes
        .iter()
        .map(|c| format!("{}: {}", c.what.as_str(), c.detail))
        .collect();
    assert_eq!(
        changes,
        [
            "attribute-renamed: attribute p renamed to r (detected by the same values)",
            "attribute-renamed: attribute q renamed to t (detected by the same values)",
            "attribute-removed: attribute u removed",
            "attribute-added: attribute v (bool) added",
        ]
    );
}
