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
    kotlin_sources_in(out, "com/retcode/synth")
}

fn kotlin_sources_in(out: &Path, package: &str) -> Vec<PathBuf> {
    let dir = out.join("kotlin/src/main/kotlin").join(package);
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

/// The most locales times enum values validation allows (`synth::locales_catalog`:
/// 100 locales, an enum of 500 values) compiles, and a probe run on the JVM
/// reads every label in every locale, directly and through the attributes, as
/// the catalog has it. Its own kotlinc call: with the binding tests' batch,
/// kotlinc ran out of its default heap (512 MB).
#[test]
fn the_most_locales_times_enum_values_compile_in_kotlin() {
    let text = synth::locales_catalog();
    let model = retcode::load_str(&text).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(
        (model.locales.len(), model.enums[0].values.len()),
        (100, 500)
    );
    let dir = render("kotlinlocales", &text);
    let probe = dir.join("LocalesProbe.kt");
    fs::write(
        &probe,
        r#"package com.retcode.synthlocales

public fun main() {
    val out = StringBuilder()
    for (v in Colour.entries) {
        for (l in CatalogLocale.entries) out.append(v.identifier + "\t" + l.tag + "\t" + v.labelIn(l) + "\n")
        out.append(v.identifier + "\t*\t" + v.label + "\n")
    }
    for (p in PaintCode.entries) {
        for (l in CatalogLocale.entries) {
            out.append(p.code.toString() + "\t" + l.tag + "\t" + p.colour.labelIn(l) + "|" + p.colours.joinToString("|") { it.labelIn(l) } + "\n")
        }
    }
    print(out)
}
"#,
    )
    .unwrap();
    let sources = kotlin_sources_in(&dir.join("out"), "com/retcode/synthlocales");
    let classes = dir.join("classes");
    if classes.exists() {
        fs::remove_dir_all(&classes).unwrap();
    }
    kotlinc_sources(
        "kotlinc, 100 locales x 500 enum values",
        &classes,
        &sources,
        &probe,
    );
    let classpath = format!(
        "{}:{}",
        classes.display(),
        tool("node_modules/kotlin-compiler/lib/kotlin-stdlib.jar").display()
    );
    let output = Command::new("java")
        .args(["-cp", &classpath, "com.retcode.synthlocales.LocalesProbeKt"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut expected = String::new();
    let label = |v: &retcode::model::EnumValue, l: &str| v.label.get(l).to_string();
    for v in &model.enums[0].values {
        for l in &model.locales {
            expected.push_str(&format!("{}\t{l}\t{}\n", v.name, label(v, l)));
        }
        expected.push_str(&format!(
            "{}\t*\t{}\n",
            v.name,
            label(v, model.default_locale())
        ));
    }
    let values = &model.enums[0].values;
    for entry in &model.sets[0].entries {
        let retcode::model::Code::Int(code) = entry.codes[0] else {
            unreachable!("an int set")
        };
        let (retcode::model::Value::Enum(colour), retcode::model::Value::List(colours)) =
            (&entry.values[0].current, &entry.values[1].current)
        else {
            unreachable!("an enum and a list attribute")
        };
        for l in &model.locales {
            let mut line = format!("{code}\t{l}\t{}", label(&values[colour.index], l));
            for c in colours {
                line.push('|');
                line.push_str(&label(&values[c.index], l));
            }
            expected.push_str(&line);
            expected.push('\n');
        }
    }
    let actual = String::from_utf8(output.stdout).unwrap();
    assert_eq!(actual.lines().count(), 500 * 101 + 3 * 100);
    assert!(
        actual == expected,
        "the labels read back differ from the catalog's"
    );
}

/// kotlinc (as [`kotlinc`], and `-Xexplicit-api=strict` as the binding tests) of
/// `sources` and `probe` into `classes`.
fn kotlinc_sources(what: &str, classes: &Path, sources: &[PathBuf], probe: &Path) {
    let bytes: u64 = sources.iter().map(|s| fs::metadata(s).unwrap().len()).sum();
    eprintln!("{what}: {bytes} bytes of generated Kotlin");
    timed(
        what,
        Command::new(tool("node_modules/kotlin-compiler/bin/kotlinc"))
            .env_remove("JAVA_OPTS")
            .args(["-Werror", "-Xexplicit-api=strict", "-d"])
            .arg(classes)
            .args(sources)
            .arg(probe),
    );
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
