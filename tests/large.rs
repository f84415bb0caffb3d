//! Huge catalogs compile: the proof that what `lint` accepts fits every
//! compiler, not a timing test (each compile's time is printed, not judged).
//!
//! The catalogs come from the seeded generator of `benches/support/synth.rs`:
//! 50,000 codes (20 sets of 2,000 entries, every fourth with an alias), and one
//! set of 5,000 entries (Kotlin's class shape, far above the enum limit). The
//! TypeScript and Rust catalogs of 50,000 codes and the Kotlin one of 5,000
//! entries also hold `synth::edge_sets`: a set without entries, and a string
//! code set of 20 entries with 1,000 codes each (760,000 bytes of modified UTF-8,
//! multi-byte and surrogate-pair characters included), which Kotlin must split
//! into constants of at most 65,535 bytes.
//! The compilers come from tests/tools (installed by `tests/run.sh`); a missing
//! tool fails the test with a message, nothing is skipped.

#[path = "support/command.rs"]
mod command;
#[path = "../benches/support/synth.rs"]
#[allow(dead_code)]
mod synth;
use command::tool;
#[path = "support/tsc.rs"]
mod tsc;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use synth::Shape;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Codes of `synth::edge_sets`' string-keyed set (1,000 per entry).
const EDGE_ALIASES: usize = 20_000;

/// The synthetic catalog of `shape`, with `synth::edge_sets` when `edges`.
fn catalog(shape: &Shape, edges: bool) -> String {
    let mut text = synth::catalog(shape);
    if edges {
        text.push_str(&synth::edge_sets(shape, EDGE_ALIASES));
    }
    text
}

/// Renders a synthetic catalog into `target/large/<name>/out`.
fn render(name: &str, text: &str) -> PathBuf {
    let dir = root().join("target/large").join(name);
    let out = dir.join("out");
    if out.exists() {
        fs::remove_dir_all(&out).unwrap();
    }
    let model = retcode::load_str(text)
        .unwrap_or_else(|d| panic!("lint refuses the synthetic catalog: {d:?}"));
    let files = retcode::render::render_all(&model, "synth.toml");
    retcode::output::write(&out, &files).unwrap();
    dir
}

/// Runs a command, printing how long it took; on failure, panics with its output.
fn timed(what: &str, command: &mut Command) {
    let start = Instant::now();
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let seconds = start.elapsed().as_secs_f64();
    eprintln!("{what}: {seconds:.1} s");
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn kotlin_sources(out: &Path) -> Vec<PathBuf> {
    let dir = out.join("kotlin/src/main/kotlin/com/retcode/synth");
    fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

/// kotlinc with warnings as errors and its default heap (JAVA_OPTS unset).
fn kotlinc(what: &str, dir: &Path) {
    let sources = kotlin_sources(&dir.join("out"));
    let bytes: u64 = sources.iter().map(|s| fs::metadata(s).unwrap().len()).sum();
    eprintln!("{what}: {bytes} bytes of Kotlin");
    timed(
        what,
        Command::new(tool("node_modules/kotlin-compiler/bin/kotlinc"))
            .env_remove("JAVA_OPTS")
            .args(["-Werror", "-d"])
            .arg(dir.join("classes"))
            .args(&sources),
    );
}

const FIFTY_THOUSAND: Shape = Shape {
    sets: 20,
    entries_per_set: 2000,
    alias_every: 4,
    locales: 2,
    hint_every: 2,
    change_every: 5,
    seed: 1,
};

#[test]
fn fifty_thousand_codes_compile_in_kotlin() {
    assert_eq!(FIFTY_THOUSAND.code_count(), 50_000);
    let dir = render("kotlin50k", &catalog(&FIFTY_THOUSAND, false));
    kotlinc("kotlinc, 50,000 codes", &dir);
}

#[test]
fn a_set_of_five_thousand_entries_compiles_in_kotlin() {
    let shape = Shape {
        sets: 1,
        entries_per_set: 5000,
        ..FIFTY_THOUSAND
    };
    let dir = render("kotlin5k", &catalog(&shape, true));
    // The long entry's codes did need more than one constant.
    let source = fs::read_to_string(&kotlin_sources(&dir.join("out"))[0]).unwrap();
    assert!(
        source.contains(": String = _join("),
        "no packed string was split"
    );
    kotlinc("kotlinc, one set of 5,000 entries", &dir);
}

#[test]
fn fifty_thousand_codes_compile_in_typescript() {
    let dir = render("typescript50k", &catalog(&FIFTY_THOUSAND, true));
    timed(
        "tsc, 50,000 codes",
        Command::new("node")
            .arg(tool("node_modules/typescript/bin/tsc"))
            .arg("--noEmit")
            .args(tsc::STRICT_FLAGS)
            .arg(dir.join("out/typescript/index.d.ts")),
    );
    // The module loads and finds its last code.
    timed(
        "node, 50,000 codes",
        Command::new("node")
            .current_dir(dir.join("out/typescript"))
            .arg("--input-type=module")
            .arg("-e")
            .arg("const m = await import(\"./index.js\"); const n = Object.values(m).filter((s) => typeof s?.all === \"function\").reduce((a, s) => a + s.all().length, 0); if (n === 0) process.exit(1);"),
    );
}

#[test]
fn fifty_thousand_codes_compile_in_rust() {
    let dir = render("rust50k", &catalog(&FIFTY_THOUSAND, true));
    // Its own workspace: target/ lies inside retcode's.
    fs::write(
        dir.join("out/Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"rust\"]\n",
    )
    .unwrap();
    timed(
        "cargo build, 50,000 codes",
        Command::new(env!("CARGO"))
            .current_dir(dir.join("out"))
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .args(["build", "--offline", "--quiet"]),
    );
}
