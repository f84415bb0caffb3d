//! The tool never depends on its own output: deleting `generated/` must not stop
//! `cargo run -- generate` from building. The workspace holds only `retcode`, no
//! dependency or target points into `generated/`, and `generated/` is excluded so
//! that Cargo run inside `generated/rust` builds that crate on its own.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn metadata(dir: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(dir)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_workspace_is_retcode_alone() {
    let metadata = metadata(root());
    let names: Vec<&str> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["retcode"], "workspace packages");
    assert_eq!(
        metadata["workspace_members"].as_array().unwrap().len(),
        1,
        "workspace members: {}",
        metadata["workspace_members"]
    );
    assert_eq!(
        metadata["workspace_default_members"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "default members: {}",
        metadata["workspace_default_members"]
    );
}

#[test]
fn nothing_of_retcode_comes_from_generated() {
    let generated = root().join("generated");
    let metadata = metadata(root());
    let package = &metadata["packages"][0];
    for dependency in package["dependencies"].as_array().unwrap() {
        if let Some(path) = dependency["path"].as_str() {
            assert!(
                !Path::new(path).starts_with(&generated),
                "dependency {} comes from {path}",
                dependency["name"]
            );
        }
    }
    for target in package["targets"].as_array().unwrap() {
        let path = target["src_path"].as_str().unwrap();
        assert!(
            !Path::new(path).starts_with(&generated),
            "target {} is built from {path}",
            target["name"]
        );
    }
}

#[test]
fn generated_rust_is_its_own_workspace() {
    // Without `[workspace] exclude = ["generated"]`, Cargo run inside generated/rust
    // refuses to work: "current package believes it's in a workspace when it's not".
    // `--no-deps` resolves nothing, so no Cargo.lock is written into generated/.
    let crate_dir = root().join("generated/rust");
    let metadata = metadata(&crate_dir);
    assert_eq!(
        Path::new(metadata["workspace_root"].as_str().unwrap()),
        crate_dir,
        "workspace root seen from generated/rust"
    );
}
