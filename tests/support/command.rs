//! Running the compilers and programs the tests drive.
// Each test crate includes this file and uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A pinned tool under `tests/tools/` (`relative` to it), which must be installed.
pub fn tool(relative: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tools")
        .join(relative);
    assert!(
        path.exists(),
        "{} is missing: run `bash tests/run.sh`, which installs the pinned test tools into tests/tools/",
        path.display()
    );
    path
}

/// Runs a command; on failure, panics with everything it printed.
pub fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot start {command:?} (is it installed?): {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}
