//! The generated Rust crate as a package: rustfmt-clean, publishable when the
//! catalog names a licence (refused otherwise), and findable by code in rustdoc.

use std::fs;
use std::path::Path;
use std::process::Command;

use super::{Rendered, run};

/// `cargo fmt --check` passes on the crate (with its own `rustfmt.toml`).
pub fn formatted(cargo: &dyn Fn() -> Command, catalog: &Rendered) {
    run(cargo().args(["fmt", "--check", "-p", &catalog.model.name]));
}

/// With a licence, `cargo publish --dry-run` packages and builds the crate; without
/// one, cargo refuses to publish it (`publish = false`).
pub fn publishable(cargo: &dyn Fn() -> Command, catalog: &Rendered) {
    // `--allow-dirty`: the scratch crate is not committed anywhere. Without
    // `--no-verify`, cargo also builds the packaged crate on its own. Not
    // `--offline`: cargo asks the registry's index whether the version exists.
    let output = cargo()
        .args(["publish", "--dry-run", "--allow-dirty"])
        .args(["-p", &catalog.model.name])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if catalog.model.license.is_some() {
        assert!(
            output.status.success() && stderr.contains("aborting upload due to dry run"),
            "{}: cargo publish --dry-run failed:\n{stderr}",
            catalog.key
        );
    } else {
        assert!(
            !output.status.success() && stderr.contains("cannot be published"),
            "{}: a crate without a licence must not be publishable:\n{stderr}",
            catalog.key
        );
    }
}

/// rustdoc's search index (not the rendered source or the descriptions) holds
/// `code`, an alias that only `#[doc(alias)]` can have put there.
pub fn searchable(doc: &Path, code: &str) {
    let mut stack = vec![doc.to_path_buf()];
    let mut found = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path
                .strip_prefix(doc)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                if relative != "src" && !relative.ends_with("desc") {
                    stack.push(path);
                }
            } else if relative.starts_with("search")
                && fs::read_to_string(&path).is_ok_and(|text| text.contains(code))
            {
                found.push(relative);
            }
        }
    }
    assert!(
        !found.is_empty(),
        "rustdoc's search index under {} does not hold the code {code}",
        doc.display()
    );
}
