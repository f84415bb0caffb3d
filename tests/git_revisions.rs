//! `git:REV[:PATH]` sides of `retcode diff` and `check --against REV` under
//! hostile or mistaken revisions: never an option to git, always one blob, one
//! line and exit 4 otherwise.

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

fn retcode(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("retcode").unwrap();
    cmd.current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR");
    cmd
}

/// A repository (in `<tmp>/repo`) whose codes.toml is case 01's old catalog at
/// HEAD~1 and its new one at HEAD, with a directory `dir` holding a file.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    fs::create_dir_all(dir.join("dir")).unwrap();
    let case = root().join("tests/diff/01_code_removed");
    git(&dir, &["init", "-q"]);
    fs::copy(case.join("old.toml"), dir.join("codes.toml")).unwrap();
    fs::write(dir.join("dir/file.txt"), "text\n").unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "old"]);
    fs::copy(case.join("new.toml"), dir.join("codes.toml")).unwrap();
    git(&dir, &["commit", "-q", "-a", "-m", "new"]);
    (tmp, dir)
}

/// The stderr of a run that must fail with exit 4 and exactly one line.
fn one_line_exit_4(assert: assert_cmd::assert::Assert) -> String {
    let output = assert.code(4).get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one line expected, got: {stderr}"
    );
    stderr
}

#[test]
fn a_revision_is_never_an_option_to_git() {
    let (tmp, dir) = repository();
    // `git show --output=<out>:./codes.toml` would write into the directory `out:.`.
    let victim_dir = tmp.path().join("out:.");
    fs::create_dir(&victim_dir).unwrap();
    let victim = victim_dir.join("codes.toml");
    let out = tmp.path().join("out");
    let output_option = format!("--output={}", out.display());

    let attempts: Vec<Vec<String>> = vec![
        vec![
            "diff".into(),
            format!("git:{output_option}"),
            "codes.toml".into(),
        ],
        vec![
            "diff".into(),
            format!("git:{output_option}:codes.toml"),
            "codes.toml".into(),
        ],
        vec![
            "diff".into(),
            "codes.toml".into(),
            format!("git:{output_option}"),
        ],
        vec!["check".into(), format!("--against={output_option}")],
        vec!["diff".into(), "git:-p".into(), "codes.toml".into()],
        vec!["diff".into(), "git:--help".into(), "codes.toml".into()],
        vec![
            "diff".into(),
            "git:-p:codes.toml".into(),
            "codes.toml".into(),
        ],
        vec!["check".into(), "--against=-p".into()],
    ];
    for args in &attempts {
        // Once with no file there, once with one that must stay as it is.
        for existing in [None, Some("keep me\n")] {
            match existing {
                Some(text) => fs::write(&victim, text).unwrap(),
                None => {
                    let _ = fs::remove_file(&victim);
                }
            }
            let stderr = one_line_exit_4(retcode(&dir).args(args).assert());
            assert!(stderr.contains("starts with `-`"), "{args:?}: {stderr}");
            match existing {
                Some(text) => assert_eq!(fs::read_to_string(&victim).unwrap(), text, "{args:?}"),
                None => assert!(!victim.exists(), "{args:?} wrote {}", victim.display()),
            }
        }
    }
    // A path is data too: looked up at the revision, never read as an option.
    fs::remove_file(&victim).unwrap();
    let stderr = one_line_exit_4(
        retcode(&dir)
            .args(["diff", &format!("git:HEAD:{output_option}"), "codes.toml"])
            .assert(),
    );
    assert!(stderr.contains("no such file at that revision"), "{stderr}");
    assert!(!victim.exists());
    // Nothing else appeared next to the repository either.
    let mut names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["out:.", "repo"]);
}

#[test]
fn a_side_that_is_not_one_file_is_one_clear_line() {
    let (_tmp, dir) = repository();
    let cases: &[(&str, &str)] = &[
        (
            "git:HEAD:dir",
            "dir at revision HEAD is a directory, not a file",
        ),
        (
            "git:HEAD:.",
            ". at revision HEAD is a directory, not a file",
        ),
        ("git:HEAD~1..HEAD", "`HEAD~1..HEAD` is a range of revisions"),
        ("git:HEAD...main", "`HEAD...main` is a range of revisions"),
        ("git:HEAD^!", "`HEAD^!` is a range of revisions"),
        (
            "git:HEAD:..",
            "cannot read .. at revision HEAD: the path is outside the repository",
        ),
        (
            "git:HEAD:dir/missing.toml",
            "cannot read dir/missing.toml at revision HEAD: no such file at that revision",
        ),
        (
            "git:no-such-rev",
            "cannot read codes.toml at revision no-such-rev: unknown revision",
        ),
    ];
    for (side, expected) in cases {
        let stderr = one_line_exit_4(retcode(&dir).args(["diff", side, "codes.toml"]).assert());
        assert!(stderr.contains(expected), "{side}: {stderr}");
    }
    // From a subdirectory, `..` is the repository's root: a directory.
    let stderr = one_line_exit_4(
        retcode(&dir.join("dir"))
            .args(["diff", "git:HEAD:..", "git:HEAD:../codes.toml"])
            .assert(),
    );
    assert!(
        stderr.contains(".. at revision HEAD is a directory, not a file"),
        "{stderr}"
    );
    // `check --against` names the same problems the same way.
    let stderr = one_line_exit_4(
        retcode(&dir)
            .args(["check", "--against", "HEAD~1..HEAD"])
            .assert(),
    );
    assert!(stderr.contains("is a range of revisions"), "{stderr}");
    // A revision that is a line break and control characters stays one line.
    let stderr = one_line_exit_4(
        retcode(&dir)
            .args(["diff", "git:HEAD\n\u{1b}[31mx", "codes.toml"])
            .assert(),
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn a_relative_path_in_a_subdirectory_still_reads_the_blob() {
    let (_tmp, dir) = repository();
    retcode(&dir.join("dir"))
        .args(["diff", "git:HEAD~1:../codes.toml", "git:HEAD:../codes.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("code 101 removed"));
}

#[cfg(unix)]
#[test]
fn an_absolute_catalog_through_a_symlinked_checkout_is_inside_it() {
    let (tmp, dir) = repository();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&dir, &link).unwrap();
    // The shell's logical $PWD goes through the link; getcwd() does not.
    let catalog = link.join("codes.toml");
    retcode(&link)
        .env("PWD", &link)
        .args(["generate", "--catalog"])
        .arg(&catalog)
        .assert()
        .success();
    retcode(&link)
        .env("PWD", &link)
        .args(["check", "--against", "HEAD", "--catalog"])
        .arg(&catalog)
        .assert()
        .success()
        .stdout(predicate::str::contains("no changes"));
    retcode(&link)
        .env("PWD", &link)
        .args(["diff", "git:HEAD~1", "git:HEAD", "--catalog"])
        .arg(&catalog)
        .assert()
        .success()
        .stdout(predicate::str::contains("code 101 removed"));
    // A path that really is outside the checkout is still refused, in one line.
    let outside = tmp.path().join("codes.toml");
    let stderr = one_line_exit_4(
        retcode(&link)
            .args(["diff", "git:HEAD", "codes.toml", "--catalog"])
            .arg(&outside)
            .assert(),
    );
    assert!(stderr.contains("outside the current directory"), "{stderr}");
}

#[test]
fn a_blob_over_64_mib_is_refused_unread() {
    let (_tmp, dir) = repository();
    // Zeros compress to almost nothing in the object store.
    let file = fs::File::create(dir.join("big.toml")).unwrap();
    file.set_len((64 << 20) + 1).unwrap();
    drop(file);
    git(&dir, &["add", "big.toml"]);
    git(&dir, &["commit", "-q", "-m", "big"]);
    let stderr = one_line_exit_4(
        retcode(&dir)
            .args(["diff", "git:HEAD:big.toml", "codes.toml"])
            .assert(),
    );
    assert!(
        stderr.contains(
            "cannot read big.toml at revision HEAD: 67108865 bytes, more than the 64 MiB"
        ),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_at_the_revision_is_refused_not_parsed() {
    let (_tmp, dir) = repository();
    std::os::unix::fs::symlink("codes.toml", dir.join("link.toml")).unwrap();
    git(&dir, &["add", "link.toml"]);
    git(&dir, &["commit", "-q", "-m", "link"]);
    let stderr = one_line_exit_4(
        retcode(&dir)
            .args(["diff", "git:HEAD:link.toml", "codes.toml"])
            .assert(),
    );
    assert!(
        stderr.contains("link.toml at revision HEAD is a symbolic link, not a file"),
        "{stderr}"
    );
    // The file it points to reads as usual, also from a subdirectory.
    retcode(&dir.join("dir"))
        .args(["diff", "git:HEAD:../codes.toml", "../codes.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no changes"));
}
