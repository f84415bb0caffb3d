//! The generated crate's declared `rust-version` is real: the crate (without
//! features) builds with warnings as errors, and its own tests pass, under that
//! exact compiler, Debian's `rustc` in `/usr/bin` (bookworm ships 1.63; rustup
//! cannot fetch old toolchains here). `tests/run.sh` installs it with apt-get.

use std::path::Path;
use std::process::Command;

#[path = "support/command.rs"]
mod command;
use command::run;

/// Debian's compiler, never rustup's proxy (which would pick the newest toolchain).
const OLD_RUSTC: &str = "/usr/bin/rustc";

const CATALOGS: &[&str] = &[
    "codes.toml",
    "tests/fixtures/basic.toml",
    "tests/fixtures/hostile.toml",
];

#[test]
fn generated_crate_builds_and_passes_its_tests_with_the_declared_rust_version() {
    let version = Command::new(OLD_RUSTC).arg("--version").output();
    let version = match version {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).into_owned()
        }
        _ => panic!(
            "{OLD_RUSTC} is missing: install Debian's rustc (`apt-get install rustc`, \
             which tests/run.sh does) to check the generated crate's rust-version"
        ),
    };
    // "rustc 1.63.0" -> "1.63"
    let tested = version
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.rsplit_once('.'))
        .map(|(minor, _)| minor.to_string())
        .unwrap_or_else(|| panic!("unexpected `{OLD_RUSTC} --version`: {version}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().unwrap();
    for catalog in CATALOGS {
        let model = retcode::load(&root.join(catalog)).unwrap_or_else(|e| panic!("{e}"));
        let files = retcode::render::render_all(&model, catalog);
        let dir = scratch.path().join(&model.name);
        retcode::output::write(&dir, &files).unwrap();
        let manifest: toml::Table =
            toml::from_str(&std::fs::read_to_string(dir.join("rust/Cargo.toml")).unwrap()).unwrap();
        assert_eq!(
            manifest["package"]["rust-version"].as_str(),
            Some(tested.as_str()),
            "{catalog}: the declared rust-version is not the one tested here ({version})"
        );
        let lib = dir.join("rust/src/lib.rs");
        let krate = model.name.replace('-', "_");
        let common = |command: &mut Command| {
            command
                .args([
                    "--edition",
                    "2021",
                    "--crate-name",
                    &krate,
                    "-D",
                    "warnings",
                ])
                .arg("--out-dir")
                .arg(&dir)
                .arg(&lib);
        };
        let mut build = Command::new(OLD_RUSTC);
        build.args(["--crate-type", "lib"]);
        common(&mut build);
        run(&mut build);
        let mut test = Command::new(OLD_RUSTC);
        test.arg("--test");
        common(&mut test);
        run(&mut test);
        let output = run(&mut Command::new(dir.join(&krate)));
        assert!(
            output.contains("test result: ok.") && !output.contains("running 0 tests"),
            "{catalog}: the crate's tests did not run under {version}:\n{output}"
        );
    }
}
