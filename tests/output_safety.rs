//! What `generate` and `check` may do to an output directory: touch only files
//! retcode wrote, refuse dangerous `--out`, never follow symlinks or open special
//! files, change all or nothing, and create files as `fs::write` would.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// Long enough for a debug build under load; a hang on a FIFO would never end.
const TIMEOUT: Duration = Duration::from_secs(60);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn retcode(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("retcode").unwrap();
    cmd.current_dir(dir).timeout(TIMEOUT);
    cmd
}

/// `sh -c '<prefix>; exec retcode <args>'`, for a umask or a resource limit.
fn retcode_in_shell(dir: &Path, prefix: &str, args: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "{prefix}; exec '{}' {args}",
            env!("CARGO_BIN_EXE_retcode")
        ))
        .current_dir(dir)
        .timeout(TIMEOUT);
    cmd
}

/// A scratch project holding a copy of the real catalog.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root().join("codes.toml"), dir.path().join("codes.toml")).unwrap();
    dir
}

/// Every entry under `dir` (not following symlinks): file bytes, link targets, dirs.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let file_type = fs::symlink_metadata(&path).unwrap().file_type();
            let what = if file_type.is_symlink() {
                format!("link to {}", fs::read_link(&path).unwrap().display())
            } else if file_type.is_dir() {
                stack.push(path.clone());
                "dir".to_string()
            } else if file_type.is_file() {
                format!("{:?}", fs::read(&path).unwrap())
            } else {
                "special".to_string()
            };
            found.insert(path.strip_prefix(dir).unwrap().to_path_buf(), what);
        }
    }
    found
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn out_dot_next_to_the_catalog_is_refused_and_nothing_is_touched() {
    let dir = project();
    fs::create_dir_all(dir.path().join("src")).unwrap();
    fs::write(dir.path().join("src/main.rs"), "fn main() {}\n").unwrap();
    let before = snapshot(dir.path());
    for out in [".", "./", "..", &dir.path().display().to_string()] {
        retcode(dir.path())
            .args(["--out", out, "generate"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "refusing to use {out} as the output directory: it contains the catalog"
            )));
        assert_eq!(before, snapshot(dir.path()), "--out {out}");
    }
}

#[test]
fn out_holding_or_inside_git_the_root_or_home_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = root().join("codes.toml");
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::write(repo.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let worktree = dir.path().join("worktree");
    fs::create_dir_all(&worktree).unwrap();
    fs::write(worktree.join(".git"), "gitdir: elsewhere\n").unwrap();
    let home = dir.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let before = snapshot(dir.path());
    let cases = [
        (repo.clone(), "it contains .git"),
        (worktree.clone(), "it contains .git"),
        (repo.join(".git/new"), "it is inside a .git directory"),
        (home.clone(), "it is the home directory"),
        (PathBuf::from("/"), "it is the filesystem root"),
    ];
    for (out, reason) in cases {
        retcode(dir.path())
            .env("HOME", &home)
            .arg("--catalog")
            .arg(&catalog)
            .arg("--out")
            .arg(&out)
            .arg("generate")
            .assert()
            .code(2)
            .stderr(predicates::str::contains(reason));
        assert_eq!(before, snapshot(dir.path()), "--out {}", out.display());
    }
    // A subdirectory of a repository is the normal case.
    retcode(dir.path())
        .env("HOME", &home)
        .arg("--catalog")
        .arg(&catalog)
        .arg("--out")
        .arg(repo.join("generated"))
        .arg("generate")
        .assert()
        .success();
}

#[test]
fn files_retcode_did_not_write_survive_generate_and_do_not_fail_check() {
    let dir = project();
    let out = dir.path().join("generated");
    // A first run into an existing directory (no manifest yet) deletes nothing.
    fs::create_dir_all(out.join("docs")).unwrap();
    fs::write(out.join("docs/old-notes.md"), "mine").unwrap();
    retcode(dir.path()).arg("generate").assert().success();
    let foreign = [
        "README.md",
        "typescript/node_modules/x.js",
        "swift/.build/y",
        "rust/Cargo.lock",
        "rust/target/debug/z",
    ];
    for path in foreign {
        fs::create_dir_all(out.join(path).parent().unwrap()).unwrap();
        fs::write(out.join(path), path).unwrap();
    }
    retcode(dir.path())
        .arg("generate")
        .assert()
        .success()
        .stdout(predicates::str::contains(", 0 removed"));
    retcode(dir.path()).arg("check").assert().success();
    assert_eq!(
        fs::read_to_string(out.join("docs/old-notes.md")).unwrap(),
        "mine"
    );
    for path in foreign {
        assert_eq!(fs::read_to_string(out.join(path)).unwrap(), path);
    }
}

#[test]
fn a_file_generated_before_and_no_longer_produced_is_reported_then_removed() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let catalog = dir.path().join("codes.toml");
    let text = fs::read_to_string(&catalog).unwrap().replacen(
        "name = \"faceid-codes\"",
        "name = \"faceid-codez\"",
        1,
    );
    fs::write(&catalog, text).unwrap();
    let old = dir.path().join("generated/json/faceid-codes.json");
    retcode(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "obsolete: generated/json/faceid-codes.json (generated before, no longer produced",
        ))
        .stdout(predicates::str::contains(
            "stale: generated/.retcode-manifest",
        ))
        .stdout(predicates::str::contains("-json/faceid-codes.json\n"));
    assert!(old.is_file(), "check removed a file");
    retcode(dir.path())
        .arg("generate")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "removed generated/json/faceid-codes.json",
        ))
        .stdout(predicates::str::contains(", 5 removed"));
    assert!(!old.exists());
    assert!(
        dir.path()
            .join("generated/json/faceid-codez.json")
            .is_file()
    );
    retcode(dir.path()).arg("check").assert().success();
}

#[test]
fn a_symlink_inside_the_output_is_refused_not_followed() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let outside = dir.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("faceid-codes.en.md"), "outside\n").unwrap();
    fs::write(outside.join("file"), "outside file\n").unwrap();
    let docs = dir.path().join("generated/docs");
    fs::remove_dir_all(&docs).unwrap();
    std::os::unix::fs::symlink(&outside, &docs).unwrap();
    let json = dir.path().join("generated/json/faceid-codes.json");
    fs::remove_file(&json).unwrap();
    std::os::unix::fs::symlink(outside.join("file"), &json).unwrap();
    let before = snapshot(dir.path());
    for command in ["generate", "check"] {
        retcode(dir.path())
            .arg(command)
            .assert()
            .code(4)
            .stderr(predicates::str::contains(
                "generated/docs: is a symbolic link where retcode expects a directory",
            ));
        assert_eq!(before, snapshot(dir.path()), "{command}");
    }
    // With the directory back, the symlinked file is the next refusal.
    fs::remove_file(&docs).unwrap();
    retcode(dir.path())
        .arg("generate")
        .assert()
        .code(4)
        .stderr(predicates::str::contains(
            "generated/json/faceid-codes.json: is a symbolic link where retcode expects a regular file",
        ));
    assert_eq!(
        fs::read_to_string(outside.join("file")).unwrap(),
        "outside file\n"
    );
    assert!(!docs.exists(), "generate wrote before refusing");
}

#[test]
fn a_fifo_at_an_output_path_fails_fast_instead_of_hanging() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    for relative in ["json/faceid-codes.json", ".retcode-manifest"] {
        let path = dir.path().join("generated").join(relative);
        fs::remove_file(&path).unwrap();
        mkfifo(&path);
        let before = snapshot(dir.path());
        for command in ["check", "generate"] {
            retcode(dir.path())
                .arg(command)
                .assert()
                .code(4)
                .stderr(predicates::str::contains(format!(
                    "generated/{relative}: is a FIFO where retcode expects a regular file"
                )));
            assert_eq!(before, snapshot(dir.path()), "{command} {relative}");
        }
        fs::remove_file(&path).unwrap();
    }
    let path = dir.path().join("generated/rust/Cargo.toml");
    fs::remove_file(&path).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(&path).unwrap();
    retcode(dir.path())
        .arg("generate")
        .assert()
        .code(4)
        .stderr(predicates::str::contains(
            "generated/rust/Cargo.toml: is a socket where retcode expects a regular file",
        ));
}

/// The output directory itself is the user's choice and may be a symlink.
#[test]
fn out_may_itself_be_a_symlink_to_a_directory() {
    let dir = project();
    let real = dir.path().join("real");
    fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("generated")).unwrap();
    retcode(dir.path()).arg("generate").assert().success();
    retcode(dir.path()).arg("check").assert().success();
    assert!(real.join(".retcode-manifest").is_file());
    assert!(
        fs::symlink_metadata(dir.path().join("generated"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn check_does_not_read_an_output_path_linked_to_dev_zero() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let json = dir.path().join("generated/json/faceid-codes.json");
    fs::remove_file(&json).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &json).unwrap();
    retcode(dir.path())
        .arg("check")
        .timeout(Duration::from_secs(20))
        .assert()
        .code(4)
        .stderr(predicates::str::contains(
            "faceid-codes.json: is a symbolic link",
        ));
}

/// A regular file check must compare is read only up to the expected size + 1,
/// so a huge file costs no more than a small one (and the diff stays bounded).
#[test]
fn check_reads_a_huge_output_file_only_up_to_the_expected_size() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let schema = dir.path().join("generated/json/faceid-codes.schema.json");
    let file = fs::File::options().write(true).open(&schema).unwrap();
    // Sparse: 64 GiB of zeros that take no disk and would take minutes to read.
    file.set_len(64 << 30).unwrap();
    retcode(dir.path())
        .arg("check")
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "stale: generated/json/faceid-codes.schema.json",
        ));
}

#[test]
fn a_target_that_cannot_be_replaced_leaves_every_file_byte_identical() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    // Every output changes, and the Swift file (late in the order) is a directory now.
    let catalog = dir.path().join("codes.toml");
    let text = fs::read_to_string(&catalog).unwrap().replacen(
        "Face verification SaaS",
        "Face verification (SaaS)",
        1,
    );
    fs::write(&catalog, text).unwrap();
    let swift = dir
        .path()
        .join("generated/swift/Sources/FaceIdCodes/FaceIdCodes.swift");
    fs::remove_file(&swift).unwrap();
    fs::create_dir(&swift).unwrap();
    let before = snapshot(dir.path());
    retcode(dir.path())
        .arg("generate")
        .assert()
        .code(4)
        .stderr(predicates::str::contains(
            "FaceIdCodes.swift: is a directory where retcode expects a regular file",
        ));
    assert_eq!(before, snapshot(dir.path()));
}

/// A real write failure part-way: a file-size limit lets the small files stage and
/// stops a large one; nothing may change, no temporary file or new directory stays.
#[test]
fn a_write_failing_part_way_leaves_every_file_byte_identical() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let out = dir.path().join("generated");
    for small in [
        "rust/Cargo.toml",
        "rust/rustfmt.toml",
        "typescript/package.json",
    ] {
        fs::write(out.join(small), "edited\n").unwrap();
    }
    fs::write(out.join("typescript/index.js"), "edited\n").unwrap();
    // Staged in path order: the two Rust files, then swift/ with new directories,
    // whose large Swift file fails.
    fs::remove_dir_all(out.join("swift")).unwrap();
    let before = snapshot(dir.path());
    // 16 blocks: 8 or 16 KiB depending on the shell; the Swift file is far larger.
    retcode_in_shell(dir.path(), "trap '' XFSZ; ulimit -f 16", "generate")
        .assert()
        .code(4)
        .stderr(predicates::str::contains(
            "generated/swift/Sources/FaceIdCodes/FaceIdCodes.swift: File too large",
        ));
    assert_eq!(before, snapshot(dir.path()));
    retcode(dir.path()).arg("generate").assert().success();
    retcode(dir.path()).arg("check").assert().success();
}

#[test]
fn new_files_get_0666_minus_the_umask() {
    for (umask, expected) in [("022", 0o644), ("077", 0o600)] {
        let dir = project();
        retcode_in_shell(dir.path(), &format!("umask {umask}"), "generate")
            .assert()
            .success();
        let out = dir.path().join("generated");
        for path in [
            ".retcode-manifest",
            "docs/faceid-codes.en.md",
            "rust/src/lib.rs",
        ] {
            assert_eq!(mode(&out.join(path)), expected, "umask {umask}: {path}");
        }
    }
}

#[test]
fn a_rewritten_file_gets_the_same_mode_as_a_new_one() {
    let dir = project();
    retcode_in_shell(dir.path(), "umask 077", "generate")
        .assert()
        .success();
    let doc = dir.path().join("generated/docs/faceid-codes.en.md");
    fs::write(&doc, "edited\n").unwrap();
    retcode_in_shell(dir.path(), "umask 022", "generate")
        .assert()
        .success();
    assert_eq!(mode(&doc), 0o644, "rewritten");
    let untouched = dir.path().join("generated/rust/src/lib.rs");
    assert_eq!(
        mode(&untouched),
        0o600,
        "an unchanged file is not rewritten"
    );
}
