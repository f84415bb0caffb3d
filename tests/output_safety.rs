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

/// Replaces the first `from` in the project's catalog: renaming the package
/// changes which files are produced, editing the title changes every file.
fn edit_catalog(project: &Path, from: &str, to: &str) {
    let catalog = project.join("codes.toml");
    let text = fs::read_to_string(&catalog).unwrap();
    assert!(text.contains(from), "{from}");
    fs::write(&catalog, text.replacen(from, to, 1)).unwrap();
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
    edit_catalog(
        dir.path(),
        "name = \"faceid-codes\"",
        "name = \"faceid-codez\"",
    );
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
    edit_catalog(
        dir.path(),
        "Face verification SaaS",
        "Face verification (SaaS)",
    );
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

/// A tampered manifest cannot make `generate` delete repository metadata: a
/// line inside a `.git` directory (any case) refuses the run, nothing touched.
#[test]
fn a_manifest_listing_files_inside_git_is_refused() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let out = dir.path().join("generated");
    // A nested repository, as for publishing the Swift package with git subtree.
    fs::create_dir_all(out.join("swift/.git")).unwrap();
    fs::write(out.join("swift/.git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::write(out.join("swift/.git/config"), "[core]\n").unwrap();
    let manifest = out.join(".retcode-manifest");
    let honest = fs::read_to_string(&manifest).unwrap();
    for line in ["swift/.git/HEAD", "swift/.GIT/config", ".retcode-lock"] {
        fs::write(&manifest, format!("{honest}{line}\n")).unwrap();
        let before = snapshot(dir.path());
        for command in ["generate", "check"] {
            retcode(dir.path())
                .arg(command)
                .assert()
                .code(4)
                .stderr(predicates::str::contains(format!(
                    "`{line}` is not a path retcode may own"
                )));
            assert_eq!(before, snapshot(dir.path()), "{command} with {line}");
        }
    }
    assert!(out.join("swift/.git/HEAD").is_file());
}

/// A file the manifest does not list is never overwritten: the run is refused
/// with the list of such files, until `--adopt` takes them over.
#[test]
fn a_file_retcode_did_not_write_is_not_overwritten_without_adopt() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    edit_catalog(
        dir.path(),
        "name = \"faceid-codes\"",
        "name = \"faceid-codez\"",
    );
    // Hand-written files at two paths the changed catalog starts producing.
    let out = dir.path().join("generated");
    fs::write(out.join("json/faceid-codez.json"), "mine\n").unwrap();
    fs::write(out.join("docs/faceid-codez.en.md"), "my notes\n").unwrap();
    let before = snapshot(dir.path());
    retcode(dir.path())
        .arg("generate")
        .assert()
        .code(4)
        .stderr(predicates::str::contains(
            "2 file(s) that retcode did not write are where it would write its own",
        ))
        .stderr(predicates::str::contains("  docs/faceid-codez.en.md\n"))
        .stderr(predicates::str::contains("  json/faceid-codez.json\n"))
        .stderr(predicates::str::contains("retcode generate --adopt"));
    assert_eq!(before, snapshot(dir.path()));
    retcode(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "unowned: generated/json/faceid-codez.json (exists but the manifest does not list it",
        ));
    retcode(dir.path())
        .args(["generate", "--adopt"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "wrote generated/json/faceid-codez.json",
        ));
    retcode(dir.path()).arg("check").assert().success();
    let manifest = fs::read_to_string(out.join(".retcode-manifest")).unwrap();
    assert!(
        manifest.contains("\njson/faceid-codez.json\n"),
        "{manifest}"
    );
}

/// A first `generate` into a directory holding files at its paths (no
/// manifest yet) refuses too: nothing there is known to be retcode's.
#[test]
fn a_first_run_over_existing_files_needs_adopt() {
    let dir = project();
    let out = dir.path().join("generated");
    fs::create_dir_all(out.join("rust")).unwrap();
    fs::write(out.join("rust/Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    let before = snapshot(dir.path());
    retcode(dir.path())
        .arg("generate")
        .assert()
        .code(4)
        .stderr(predicates::str::contains("  rust/Cargo.toml\n"));
    assert_eq!(before, snapshot(dir.path()));
    retcode(dir.path())
        .args(["generate", "--adopt"])
        .assert()
        .success();
    retcode(dir.path()).arg("check").assert().success();
}

#[test]
fn a_catalog_that_is_not_a_regular_file_or_too_large_is_refused_fast() {
    let dir = project();
    let fifo = dir.path().join("fifo.toml");
    mkfifo(&fifo);
    let huge = dir.path().join("huge.toml");
    // Sparse: 65 MiB that take no disk, above the 64 MiB cap.
    fs::File::create(&huge).unwrap().set_len(65 << 20).unwrap();
    let cases = [
        (fifo.display().to_string(), "is not a regular file"),
        ("/dev/urandom".to_string(), "is not a regular file"),
        ("/dev/zero".to_string(), "is not a regular file"),
        (dir.path().display().to_string(), "is not a regular file"),
        (
            huge.display().to_string(),
            "is larger than 67108864 bytes, the most a catalog may hold",
        ),
    ];
    for (catalog, reason) in cases {
        for command in ["lint", "generate", "check"] {
            retcode(dir.path())
                .args(["--catalog", &catalog, command])
                .timeout(Duration::from_secs(20))
                .assert()
                .code(4)
                .stderr(predicates::str::contains(reason));
        }
    }
    assert!(!dir.path().join("generated").exists());
}

/// A tampered output file holding ESC and CR is shown escaped by `check`.
#[test]
fn check_shows_control_bytes_of_a_tampered_file_escaped() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let doc = dir.path().join("generated/docs/faceid-codes.en.md");
    let mut text = fs::read_to_string(&doc).unwrap();
    text.insert_str(0, "\u{1b}[2J\u{1b}]0;pwned\u{7}\r\u{9b}31m");
    fs::write(&doc, text).unwrap();
    let output = retcode(dir.path()).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    // The diff ends a line at the CR; both halves are shown escaped.
    assert!(
        stdout.contains("-\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}")
            && stdout.contains("\\u{9b}31m*Generated"),
        "{stdout}"
    );
    for byte in ['\u{1b}', '\u{7}', '\r', '\u{9b}'] {
        assert!(!stdout.contains(byte), "raw {byte:?} in check's output");
    }
}

/// Without the shell's `trap '' XFSZ`, a file-size limit must still end in a
/// message and exit 4 (retcode ignores SIGXFSZ), not in death by the signal.
#[test]
fn a_file_size_limit_ends_in_exit_4_not_a_signal() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    edit_catalog(
        dir.path(),
        "Face verification SaaS",
        "Face verification (SaaS)",
    );
    let before = snapshot(dir.path());
    retcode_in_shell(dir.path(), "ulimit -f 16", "generate")
        .assert()
        .code(4)
        .stderr(predicates::str::contains("File too large"));
    assert_eq!(before, snapshot(dir.path()));
}

/// Out of memory (an address-space limit) ends in a message and exit 4, not
/// an abort, a panic or a signal; what the run began, the next run settles.
/// The limits step from where the dynamic loader can just start this debug
/// binary to where the run succeeds, so allocations fail at many places.
#[test]
fn out_of_memory_ends_in_exit_4_and_the_next_run_settles() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let catalog = dir.path().join("codes.toml");
    let original = fs::read_to_string(&catalog).unwrap();
    let edited = original.replacen("Face verification SaaS", "Face verification (SaaS)", 1);
    let mut out_of_memory = 0;
    for limit_kb in (16_000..=160_000).step_by(8_000) {
        // Alternate catalogs so that every run has files to change.
        let text = if limit_kb % 16_000 == 0 {
            &edited
        } else {
            &original
        };
        fs::write(&catalog, text).unwrap();
        let output = retcode_in_shell(dir.path(), &format!("ulimit -v {limit_kb}"), "generate")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => {}
            Some(4) => {
                assert!(
                    stderr.starts_with("retcode: out of memory (could not allocate "),
                    "{limit_kb} KB: {stderr}"
                );
                out_of_memory += 1;
            }
            // The loader could not map the binary: retcode never ran.
            Some(127) if stderr.contains("error while loading shared libraries") => {}
            other => panic!("{limit_kb} KB: exit {other:?}\n{stderr}"),
        }
        retcode(dir.path()).arg("generate").assert().success();
        retcode(dir.path()).arg("check").assert().success();
    }
    assert!(
        out_of_memory > 0,
        "no limit ran out of memory: the test proves nothing"
    );
}

/// Staged files of an interrupted run that no journal lists (an older
/// retcode named them `.retcode-new-<random>`) are reported by `check` and
/// removed by `generate`; a journal left behind is reported too.
#[test]
fn leftovers_of_interrupted_runs_are_reported_then_swept() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let out = dir.path().join("generated");
    fs::write(out.join("docs/.retcode-new-Ab12Cd"), "half a file").unwrap();
    fs::write(out.join(".retcode-old-Xy34Zw"), "a backup").unwrap();
    retcode(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "leftover: generated/docs/.retcode-new-Ab12Cd (a staged file of an interrupted run",
        ))
        .stdout(predicates::str::contains(
            "leftover: generated/.retcode-old-Xy34Zw",
        ));
    retcode(dir.path())
        .arg("generate")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "removed leftover generated/docs/.retcode-new-Ab12Cd",
        ));
    assert!(!out.join("docs/.retcode-new-Ab12Cd").exists());
    assert!(!out.join(".retcode-old-Xy34Zw").exists());
    retcode(dir.path()).arg("check").assert().success();
    fs::write(out.join(".retcode-journal"), "# retcode journal\ncommit\n").unwrap();
    retcode(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "interrupted: generated/.retcode-journal (a `retcode generate` stopped part-way",
        ));
    retcode(dir.path())
        .arg("generate")
        .assert()
        .success()
        .stdout(predicates::str::contains("undid an interrupted generate"));
    retcode(dir.path()).arg("check").assert().success();
}

/// A tampered journal naming paths outside the output directory or inside
/// `.git` is refused, and nothing is touched.
#[test]
fn a_journal_naming_paths_retcode_may_not_own_is_refused() {
    let dir = project();
    retcode(dir.path()).arg("generate").assert().success();
    let out = dir.path().join("generated");
    for line in ["new ../codes.toml", "old a/.git/HEAD", "dir /etc", "rm x"] {
        fs::write(out.join(".retcode-journal"), format!("commit\n{line}\n")).unwrap();
        let before = snapshot(dir.path());
        retcode(dir.path())
            .arg("generate")
            .assert()
            .code(4)
            .stderr(predicates::str::contains("not a retcode journal"));
        assert_eq!(before, snapshot(dir.path()), "{line}");
    }
}

/// Paths given on the command line reach the terminal escaped, in every
/// command's output and errors.
#[test]
fn control_bytes_in_paths_are_printed_escaped() {
    let dir = project();
    let catalog = dir.path().join("c\u{1b}[31m.toml");
    fs::copy(dir.path().join("codes.toml"), &catalog).unwrap();
    let out = "out\u{1b}]0;x\u{7}";
    let mut outputs = Vec::new();
    for args in [
        vec!["lint"],
        vec!["generate"],
        vec!["check"],
        vec!["explain", "0"],
    ] {
        let output = retcode(dir.path())
            .arg("--catalog")
            .arg(&catalog)
            .args(["--out", out])
            .args(&args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
        outputs.push(output);
    }
    let bad = dir.path().join("bad\u{1b}[2J.toml");
    fs::write(&bad, "[catalog\n").unwrap();
    outputs.push(
        retcode(dir.path())
            .arg("--catalog")
            .arg(&bad)
            .arg("lint")
            .output()
            .unwrap(),
    );
    outputs.push(
        retcode(dir.path())
            .args(["--catalog", "missing\u{1b}[2J.toml", "lint"])
            .output()
            .unwrap(),
    );
    for output in outputs {
        for stream in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(
                !text.contains(['\u{1b}', '\u{7}']),
                "raw control byte in {text}"
            );
        }
    }
}
