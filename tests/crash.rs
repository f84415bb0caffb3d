//! A `generate` killed at any point leaves a tree the next run completes or
//! undoes, and two runs at once never interleave.
//!
//! Kills are injected by the debug build (`RETCODE_KILL_AT=N`, src/output/fault.rs):
//! SIGKILL at the N-th step boundary of a write, for every N, and at random
//! times from outside. The old tree is the output of the small full-featured
//! fixture (`tests/fixtures/basic.toml`, every output file, fast to render in
//! a debug build) plus files retcode does not own; the new catalog renames
//! the package (new files, removed files) and edits a title (every file changes).
#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every entry under `dir` (not following symlinks): file bytes, dirs, links.
type Tree = BTreeMap<PathBuf, String>;

fn snapshot(dir: &Path) -> Tree {
    let mut found = Tree::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let file_type = fs::symlink_metadata(&path).unwrap().file_type();
            let what = if file_type.is_dir() {
                stack.push(path.clone());
                "dir".to_string()
            } else if file_type.is_file() {
                String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned()
            } else {
                "special".to_string()
            };
            found.insert(path.strip_prefix(dir).unwrap().to_path_buf(), what);
        }
    }
    found
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

struct Scene {
    _scratch: tempfile::TempDir,
    project: PathBuf,
    old_tree: PathBuf,
    old: Tree,
    new: Tree,
}

const OLD: &str = "old.toml";
const NEW: &str = "new.toml";

/// Files in the output directory that retcode does not own: they must survive.
const FOREIGN: [&str; 3] = [
    "README.md",
    "rust/Cargo.lock",
    "typescript/node_modules/x.js",
];

fn scene() -> Scene {
    let scratch = tempfile::tempdir().unwrap();
    let project = scratch.path().join("project");
    fs::create_dir_all(&project).unwrap();
    let text = fs::read_to_string(root().join("tests/fixtures/basic.toml")).unwrap();
    fs::write(project.join(OLD), &text).unwrap();
    let new_text = text
        .replacen("name = \"demo-codes\"", "name = \"demo-codez\"", 1)
        .replacen(
            "title = { en = \"Demo codes\"",
            "title = { en = \"Demo codes!\"",
            1,
        );
    assert_ne!(text, new_text);
    fs::write(project.join(NEW), new_text).unwrap();
    let build = |catalog: &str, dir: &Path| {
        let output = retcode(&project, catalog, dir).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        for path in FOREIGN {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, "not retcode's\n").unwrap();
        }
        snapshot(dir)
    };
    let old_tree = scratch.path().join("old-tree");
    let old = build(OLD, &old_tree);
    let new = build(NEW, &scratch.path().join("new-tree"));
    assert_ne!(old, new);
    Scene {
        _scratch: scratch,
        project,
        old_tree,
        old,
        new,
    }
}

fn retcode(project: &Path, catalog: &str, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_retcode"));
    command
        .current_dir(project)
        .arg("--catalog")
        .arg(catalog)
        .arg("--out")
        .arg(out)
        .arg("generate")
        .env_remove("RETCODE_KILL_AT")
        .stdin(Stdio::null());
    command
}

impl Scene {
    fn out(&self) -> PathBuf {
        self.project.join("generated")
    }

    fn reset(&self) {
        let out = self.out();
        if out.exists() {
            fs::remove_dir_all(&out).unwrap();
        }
        copy_tree(&self.old_tree, &out);
    }

    fn generate(&self, catalog: &str) -> Output {
        retcode(&self.project, catalog, &self.out())
            .output()
            .unwrap()
    }

    /// The tree without the lock file a killed run leaves (harmless: the
    /// next run locks and removes it).
    fn state(&self) -> Tree {
        let mut tree = snapshot(&self.out());
        tree.remove(Path::new(".retcode-lock"));
        tree
    }

    /// After a kill: a tree with no journal is exactly old or new; with a
    /// journal, the next run undoes it (before `done`: a generate of the old
    /// catalog then writes nothing) or completes it (after `done`: a generate
    /// of the new one writes nothing). Returns which.
    fn settle_after_kill(&self, what: &str) -> &'static str {
        let journal = self.out().join(".retcode-journal");
        let Ok(text) = fs::read_to_string(&journal) else {
            let state = self.state();
            assert!(
                state == self.old || state == self.new,
                "{what}: no journal, yet the tree is neither old nor new: {:?}",
                differences(&state, &self.old)
            );
            let output = self.generate(NEW);
            assert!(output.status.success(), "{what}: {output:?}");
            assert_eq!(snapshot(&self.out()), self.new, "{what}: after a rerun");
            return if state == self.old { "old" } else { "new" };
        };
        let done = text.lines().any(|line| line == "done");
        let (catalog, said, tree) = if done {
            (NEW, "completed an interrupted generate", &self.new)
        } else {
            (OLD, "undid an interrupted generate", &self.old)
        };
        let output = self.generate(catalog);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{what}: {output:?}");
        assert!(stdout.contains(said), "{what}: {stdout}");
        assert!(
            stdout.contains("\n0 written, ") && stdout.ends_with(", 0 removed\n"),
            "{what}: settling did not leave the {} tree:\n{stdout}",
            if done { "new" } else { "old" }
        );
        let after = snapshot(&self.out());
        assert!(after == *tree, "{what}: {:?}", differences(&after, tree));
        if done { "completed" } else { "undone" }
    }
}

/// The paths whose entries differ, for a readable failure.
fn differences(a: &Tree, b: &Tree) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect();
    paths.dedup();
    paths
}

fn killed(output: &Output) -> bool {
    output.status.signal() == Some(9)
}

#[test]
fn a_kill_at_every_step_leaves_a_tree_the_next_run_completes_or_undoes() {
    let scene = scene();
    let mut outcomes = BTreeMap::<&str, usize>::new();
    let mut step = 1;
    loop {
        scene.reset();
        let output = retcode(&scene.project, NEW, &scene.out())
            .env("RETCODE_KILL_AT", step.to_string())
            .output()
            .unwrap();
        if output.status.success() {
            // Past the last step: the run finished.
            assert_eq!(snapshot(&scene.out()), scene.new);
            break;
        }
        assert!(killed(&output), "step {step}: {output:?}");
        *outcomes
            .entry(scene.settle_after_kill(&format!("killed at step {step}")))
            .or_default() += 1;
        step += 1;
        assert!(step < 10_000, "no end of steps");
    }
    // Every phase was hit: staging and the middle of the renames (undone),
    // after them (completed), and after the journal went (new). The journal
    // exists before the first step, so no kill leaves the untouched old tree.
    for outcome in ["undone", "completed", "new"] {
        assert!(
            outcomes.get(outcome).is_some_and(|n| *n > 0),
            "no kill ended {outcome}: {outcomes:?}"
        );
    }
    assert!(
        step > 100,
        "only {step} steps: the fault points went missing"
    );
}

#[test]
fn a_kill_while_settling_is_settled_by_the_run_after() {
    let scene = scene();
    // Kill part-way through the renames, then kill each settling run in turn.
    let (mut first, mut last) = (0, 0);
    for step in 1.. {
        scene.reset();
        let output = retcode(&scene.project, NEW, &scene.out())
            .env("RETCODE_KILL_AT", step.to_string())
            .output()
            .unwrap();
        assert!(killed(&output), "step {step}");
        let journal = fs::read_to_string(scene.out().join(".retcode-journal")).unwrap_or_default();
        if journal.lines().any(|l| l == "commit") && first == 0 {
            first = step;
        }
        if journal.lines().any(|l| l == "done") {
            last = step;
            break;
        }
    }
    let middle = (first + last) / 2;
    for kill_again in 1.. {
        scene.reset();
        let output = retcode(&scene.project, NEW, &scene.out())
            .env("RETCODE_KILL_AT", middle.to_string())
            .output()
            .unwrap();
        assert!(killed(&output));
        let output = retcode(&scene.project, OLD, &scene.out())
            .env("RETCODE_KILL_AT", kill_again.to_string())
            .output()
            .unwrap();
        if !killed(&output) {
            assert!(output.status.success(), "{output:?}");
            break;
        }
        scene.settle_after_kill(&format!(
            "killed at step {middle}, its settling killed at step {kill_again}"
        ));
        assert!(kill_again < 1_000);
    }
}

/// Kills from outside at seeded random times: whatever the moment, the next
/// run leaves exactly the new tree and nothing of the killed one.
#[test]
fn kills_at_random_times_never_leave_a_broken_tree() {
    let scene = scene();
    let mut seed: u64 = 0x5eed_1e55;
    for round in 0..16 {
        scene.reset();
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay = Duration::from_micros((seed >> 33) % 80_000);
        let mut child: Child = retcode(&scene.project, NEW, &scene.out())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        let output = scene.generate(NEW);
        assert!(output.status.success(), "round {round}: {output:?}");
        let after = snapshot(&scene.out());
        assert!(
            after == scene.new,
            "round {round} (kill after {delay:?}): {:?}",
            differences(&after, &scene.new)
        );
    }
}

#[test]
fn two_runs_at_once_never_interleave() {
    let scene = scene();
    for round in 0..4 {
        scene.reset();
        // Different catalogs: the tree is one of them, whole.
        let first = retcode(&scene.project, NEW, &scene.out())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let second = retcode(&scene.project, OLD, &scene.out())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        for child in [first, second] {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "round {round}: {output:?}");
        }
        let after = snapshot(&scene.out());
        assert!(
            after == scene.old || after == scene.new,
            "round {round}: {:?}",
            differences(&after, &scene.new)
        );
        // The same catalog twice: both succeed, the tree is that catalog's.
        let runs: Vec<Child> = (0..2)
            .map(|_| {
                retcode(&scene.project, NEW, &scene.out())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in runs {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "round {round}: {output:?}");
        }
        assert_eq!(snapshot(&scene.out()), scene.new, "round {round}");
    }
}

/// The second of two runs says that it waits, and on what.
#[test]
fn a_run_waiting_for_the_lock_says_so() {
    let scene = scene();
    scene.reset();
    // Hold the lock from this process as a running generate would.
    let lock_path = scene.out().join(".retcode-lock");
    let lock = fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    let mut child = retcode(&scene.project, NEW, &scene.out())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "generate did not wait for the lock"
    );
    assert_eq!(scene.state(), scene.old, "generate wrote while locked out");
    // Released as a finishing run does: removed, then unlocked.
    fs::remove_file(&lock_path).unwrap();
    drop(lock);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("waiting for another retcode run on")
            && stderr.contains(".retcode-lock is locked"),
        "{stderr}"
    );
    assert_eq!(snapshot(&scene.out()), scene.new);
}
