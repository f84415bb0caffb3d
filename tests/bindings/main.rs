//! The generated bindings, proven by their own compilers and runtimes.
//!
//! Each catalog (the real one and the fixtures) is rendered into a scratch
//! directory; every language's code is compiled with warnings as errors, and a
//! probe program per language looks up every code and prints what it finds. The
//! output must equal what the JSON export says, fact for fact.
//!
//! The compilers come from tests/tools (installed by `tests/run.sh` at pinned
//! versions). A missing tool fails the test with a message; nothing is skipped.

#[path = "../support/command.rs"]
mod command;
mod declared;
mod expected;
mod forward;
mod html;
mod json_schema;
mod kotlin;
mod markdown;
mod probes;
mod random;
mod reserved;
mod rust_package;
mod swift;
use command::{run, tool};
#[path = "../../benches/support/synth.rs"]
#[allow(dead_code)]
mod synth;
#[path = "../support/tsc.rs"]
mod tsc;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use retcode::model::Model;

const CATALOGS: &[(&str, &str)] = &[
    ("faceid", "codes.toml"),
    ("basic", "tests/fixtures/basic.toml"),
    ("hostile", "tests/fixtures/hostile.toml"),
    ("edge", "tests/fixtures/edge.toml"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

struct Rendered {
    key: &'static str,
    model: Model,
    json: serde_json::Value,
    dir: PathBuf,
}

/// Renders every catalog into `<scratch>/<key>/` exactly as `retcode generate`
/// would: the files of [`CATALOGS`], the reserved-word catalog built in
/// [`reserved`] and the random ones of [`random`].
fn render_all(scratch: &Path) -> Vec<Rendered> {
    let mut rendered: Vec<Rendered> = CATALOGS
        .iter()
        .map(|(key, path)| {
            let model = retcode::load(&root().join(path)).unwrap_or_else(|e| panic!("{e}"));
            render(scratch, key, model, path)
        })
        .collect();
    let model = retcode::load_str(&reserved::catalog().text)
        .unwrap_or_else(|d| panic!("the reserved-word catalog is invalid: {d:?}"));
    rendered.push(render(scratch, "reserved", model, "reserved.toml"));
    for (key, text) in random::catalogs() {
        let model = retcode::load_str(&text).unwrap();
        let key: &'static str = Box::leak(key.into_boxed_str());
        rendered.push(render(scratch, key, model, &format!("{key}.toml")));
    }
    rendered
}

fn render(scratch: &Path, key: &'static str, model: Model, path: &str) -> Rendered {
    let files = retcode::render::render_all(&model, path);
    let dir = scratch.join(key);
    retcode::output::write(&dir, &files).unwrap();
    let json = files
        .iter()
        .find(|f| f.path == format!("json/{}.json", model.name))
        .unwrap();
    let json = serde_json::from_str(&json.contents).unwrap();
    Rendered {
        key,
        model,
        json,
        dir,
    }
}

/// A scratch directory under target/, kept between runs so builds stay incremental.
fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/bindings").join(name);
    if dir.exists() {
        fs::remove_dir_all(dir.join("out")).ok();
    }
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Compares a probe's output with the JSON's facts, showing the first difference.
fn assert_parity(language: &str, catalog: &Rendered, output: &str) {
    let expected = expected::lines(&catalog.json);
    let actual: Vec<&str> = output.lines().collect();
    for (i, (want, got)) in expected.iter().zip(&actual).enumerate() {
        assert_eq!(
            got, want,
            "{language} disagrees with the JSON for catalog {} at fact {i}",
            catalog.key
        );
    }
    assert_eq!(
        actual.len(),
        expected.len(),
        "{language} printed a different number of facts for {}",
        catalog.key
    );
    assert!(expected.len() > 10, "too few facts to prove anything");
    for (key, fact) in HAND_FACTS {
        assert!(
            *key != catalog.key || actual.contains(fact),
            "{language} did not print `{fact}` for {key}"
        );
    }
}

/// Facts written by hand, not derived from the JSON export: doc URLs (an alias
/// gives its entry's row, the canonical code's anchor, percent-encoded).
const HAND_FACTS: &[(&str, &str)] = &[
    (
        "basic",
        "ApiCode\t-5020\tdoc_url=https://docs.example.com/basic-codes/index.html#66660023",
    ),
    (
        "hostile",
        "StringTag\t*/\tdoc_url=https://docs.example.com/hostile/index.html#emoji%F0%9F%98%80",
    ),
    (
        "hostile",
        "StringTag\t\"quoted\"\tdoc_url=https://docs.example.com/hostile/index.html#%22quoted%22",
    ),
];

/// Names that only hostile catalog text spells (`*/ fun injected() {}`, a fenced
/// `std::process::exit(7)`): in generated code they may stand only inside
/// comments and strings.
const TEXT_ONLY_NAMES: &[&str] = &["injected", "exit"];

/// Parses `files` with tree-sitter's `language` grammar and fails if a name of
/// [`TEXT_ONLY_NAMES`] appears outside comment and string nodes, i.e. if catalog
/// text became code. The hostile catalog must put them in comments or strings,
/// so the check cannot pass by never seeing them.
fn text_stays_text(language: &str, files: &[PathBuf]) -> String {
    let python = tool("venv/bin/python");
    let mut command = Command::new(python);
    command
        .arg(root().join("tests/tools/syntax_check.py"))
        .arg(language);
    for name in TEXT_ONLY_NAMES {
        command.args(["--forbid", name]);
    }
    let output = command.args(files).output().unwrap();
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        report.contains(" 0 forbidden names in code, "),
        "{language}: catalog text became code:\n{report}"
    );
    let in_text: usize = report
        .trim_end()
        .rsplit(", ")
        .next()
        .and_then(|last| last.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        in_text >= 10,
        "{language}: the hostile payloads did not reach the files:\n{report}"
    );
    report
}

/// What proves one backend's output. Every backend registered in
/// `retcode::render::BACKENDS` needs one ([`contract`]);
/// `every_registered_backend_has_every_required_piece` checks the rest of the
/// README's "Adding a language" list.
pub struct Contract {
    /// Compiles the output with warnings as errors and runs it (parses it, for
    /// Swift), or validates it.
    pub check: fn(),
    /// Code backends: the endings of the source files that
    /// `declared::check` reads for the names they declare.
    pub sources: &'static [&'static str],
    /// How the check compares the output with the JSON export.
    pub parity: Parity,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Parity {
    /// A probe program (`probes.rs`) prints every fact and `assert_parity` compares.
    Probe,
    /// The tables in the source are read back and compared (no compiler here).
    SourceTables,
    /// The export itself, against its schema and the model.
    Export,
    /// Documents: every code and text is found in the rendered pages.
    Documents,
}

/// Each backend's [`Contract`], keyed by `Backend::name`.
pub fn contract(backend: &str) -> Option<Contract> {
    let (check, sources, parity): (fn(), &'static [&'static str], Parity) = match backend {
        "rust" => (
            rust_bindings_pass_clippy_their_own_tests_and_parity,
            &[".rs"],
            Parity::Probe,
        ),
        "typescript" => (
            typescript_compiles_under_strict_and_agrees_with_the_json,
            &[".d.ts", ".js"],
            Parity::Probe,
        ),
        "kotlin" => (
            kotlin_compiles_without_warnings_and_agrees_with_the_json,
            &[".kt"],
            Parity::Probe,
        ),
        "swift" => (
            swift_parses_and_its_lookup_table_matches_the_json,
            &[".swift"],
            Parity::SourceTables,
        ),
        "json" => (json_schema::check, &[], Parity::Export),
        "markdown" => (
            || markdown::check(&render_all(&scratch("markdown").join("out"))),
            &[],
            Parity::Documents,
        ),
        "html" => (
            || html::check(&render_all(&scratch("html").join("out"))),
            &[],
            Parity::Documents,
        ),
        _ => return None,
    };
    Some(Contract {
        check,
        sources,
        parity,
    })
}

fn prove(backend: &str) {
    let contract =
        contract(backend).unwrap_or_else(|| panic!("backend `{backend}` has no contract"));
    (contract.check)();
}

/// The backend contract: every registered backend has an output check; a code
/// backend (one with a naming oracle) also has its declared API's sources, a
/// probe or table comparison, a template folder, keywords in its declared API
/// and a package name; every backend renders files for the fixtures, each of
/// which `tests/renderers.rs` snapshots.
#[test]
fn every_registered_backend_has_every_required_piece() {
    let model = retcode::load(&root().join("tests/fixtures/basic.toml")).unwrap();
    let mut missing = Vec::new();
    for backend in retcode::render::BACKENDS {
        let name = backend.name();
        let Some(contract) = contract(name) else {
            missing.push(format!("{name}: no contract in tests/bindings/main.rs"));
            continue;
        };
        let files = retcode::render::render_one(*backend, &model, "basic.toml");
        if files.is_empty() {
            missing.push(format!(
                "{name}: renders no file for tests/fixtures/basic.toml"
            ));
        }
        for file in &files {
            if !file.path.starts_with(&format!("{}/", backend.folder())) {
                missing.push(format!(
                    "{name}: renders {} outside its folder `{}`",
                    file.path,
                    backend.folder()
                ));
            }
            let snapshot = root().join(format!(
                "tests/snapshots/renderers__basic__{}.snap",
                file.path.replace('/', "__")
            ));
            if !snapshot.exists() {
                missing.push(format!("{name}: no snapshot {}", snapshot.display()));
            }
        }
        let Some(oracle) = backend.oracle() else {
            continue;
        };
        if contract.sources.is_empty() {
            missing.push(format!(
                "{name}: no source endings for the declared-API test"
            ));
        }
        if !matches!(contract.parity, Parity::Probe | Parity::SourceTables) {
            missing.push(format!(
                "{name}: a code backend needs a probe or a table comparison"
            ));
        }
        let templates = root().join("templates").join(name);
        if fs::read_dir(&templates).map_or(0, |d| d.count()) == 0 {
            missing.push(format!("{name}: no templates in {}", templates.display()));
        }
        if oracle.api().keywords.iter().all(|list| list.is_empty()) {
            missing.push(format!("{name}: its declared API lists no keywords"));
        }
        if backend.package(&model).is_none_or(|p| p.is_empty()) {
            missing.push(format!("{name}: `Backend::package` names no package"));
        }
    }
    assert!(
        missing.is_empty(),
        "backends missing a required piece:\n{}",
        missing.join("\n")
    );
}

/// Every name the generated code declares is in its backend's declared API,
/// for every catalog the other binding tests compile.
#[test]
fn generated_code_declares_only_its_declared_api() {
    let out = scratch("declared").join("out");
    let mut catalogs = render_all(&out);
    // Kotlin's class shape above `ENUM_LIMIT` entries, and string lookups by hash.
    catalogs.extend(kotlin_shape_catalogs(&out));
    declared::check(&catalogs);
}

/// Every UpperCamel name the generated code uses resolves to a declared or
/// reserved one, in every code backend.
#[test]
fn used_names_resolve() {
    declared::names_resolve(&render_all(&scratch("used-names").join("out")));
}

#[test]
fn rust_output() {
    prove("rust");
}

#[test]
fn typescript_output() {
    prove("typescript");
}

#[test]
fn kotlin_output() {
    prove("kotlin");
}

/// The Kotlin output as Multiplatform common code, run on Kotlin/JS.
#[test]
fn kotlin_common_code_runs_on_js() {
    kotlin::js_check();
}

/// Android string resources and the Kotlin module's build files.
#[test]
fn kotlin_android_resources_and_build_files() {
    kotlin::android_resources_check();
    kotlin::build_files_check();
}

#[test]
fn swift_output() {
    prove("swift");
}

#[test]
fn json_output() {
    prove("json");
}

#[test]
fn markdown_output() {
    prove("markdown");
}

#[test]
fn html_output() {
    prove("html");
}

fn rust_bindings_pass_clippy_their_own_tests_and_parity() {
    let scratch = scratch("rust");
    let catalogs = render_all(&scratch.join("out"));
    let mut members = Vec::new();
    for catalog in &catalogs {
        let probe = scratch.join("out").join(format!("{}-probe", catalog.key));
        fs::create_dir_all(probe.join("src")).unwrap();
        let mut manifest = format!(
            "[package]\nname = \"{key}-probe\"\nedition = \"2021\"\npublish = false\ndefault-run = \"{key}-probe\"\n\n[dependencies]\n{name} = {{ path = \"../{key}/rust\", features = [\"serde\"] }}\nserde_json = \"1.0\"\n",
            key = catalog.key,
            name = catalog.model.name
        );
        if catalog.key == README_EXAMPLE.0 {
            // The README's Rust example runs as this probe's integration test.
            manifest.push_str(&format!(
                "\n[dev-dependencies]\n{name} = {{ path = \"../{key}/rust\", features = [\"serde\"] }}\nserde_json = \"1.0\"\n",
                key = catalog.key,
                name = catalog.model.name
            ));
            fs::create_dir_all(probe.join("tests")).unwrap();
            fs::copy(root().join(README_EXAMPLE.1), probe.join("tests/usage.rs")).unwrap();
        }
        fs::write(probe.join("Cargo.toml"), manifest).unwrap();
        // A second binary: decoding with `Code<T>` (see forward.rs).
        fs::create_dir_all(probe.join("src/bin")).unwrap();
        fs::write(
            probe.join("src/bin/forward.rs"),
            forward::rust_probe(&catalog.model, &catalog.model.name.replace('-', "_")),
        )
        .unwrap();
        fs::write(
            probe.join("src/main.rs"),
            probes::rust(&catalog.model, &catalog.model.name.replace('-', "_")),
        )
        .unwrap();
        members.push(format!(
            "\"{}/rust\", \"{}-probe\"",
            catalog.key, catalog.key
        ));
    }
    fs::write(
        scratch.join("out/Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    let cargo = || {
        let mut command = Command::new(env!("CARGO"));
        command
            .current_dir(scratch.join("out"))
            .env("CARGO_TARGET_DIR", scratch.join("target"));
        command
    };
    for catalog in &catalogs {
        run(cargo().args([
            "clippy",
            "--offline",
            "--all-features",
            "--all-targets",
            "-p",
            &catalog.model.name,
            "--",
            "-D",
            "warnings",
        ]));
        run(cargo().args([
            "test",
            "--offline",
            "--all-features",
            "-p",
            &catalog.model.name,
        ]));
        // Catalog text never becomes a doctest: the crate has none of its own.
        let doctests = run(cargo().args(["test", "--offline", "--doc", "-p", &catalog.model.name]));
        assert!(
            doctests.contains("running 0 tests") && !doctests.contains("test result: ok. 1"),
            "{}: generated docs hold doctests:\n{doctests}",
            catalog.key
        );
        manifest_holds_the_title(catalog);
        rust_package::formatted(&cargo, catalog);
        run(cargo().env("RUSTDOCFLAGS", "-D warnings").args([
            "doc",
            "--offline",
            "--no-deps",
            "--all-features",
            "-p",
            &catalog.model.name,
        ]));
        let output = run(cargo().args([
            "run",
            "--offline",
            "--quiet",
            "-p",
            &format!("{}-probe", catalog.key),
        ]));
        assert_parity("Rust", catalog, &output);
        let output = run(cargo().args([
            "run",
            "--offline",
            "--quiet",
            "-p",
            &format!("{}-probe", catalog.key),
            "--bin",
            "forward",
        ]));
        let actual: Vec<&str> = output.lines().collect();
        assert_eq!(
            actual,
            forward::expected(&catalog.json),
            "Rust decoding with Code<T> disagrees with the JSON for {}",
            catalog.key
        );
    }
    // The fixtures only: one with a licence, two without (random catalogs add nothing).
    for catalog in catalogs
        .iter()
        .filter(|c| CATALOGS.iter().any(|(k, _)| *k == c.key))
    {
        rust_package::publishable(&cargo, catalog);
    }
    rust_package::searchable(&scratch.join("target/doc"), "66660036");
    doc_aliases_in_source(&catalogs[0]);
    readme_example_passes(&cargo);
    let sources: Vec<PathBuf> = catalogs
        .iter()
        .map(|c| c.dir.join("rust/src/lib.rs"))
        .collect();
    text_stays_text("rust", &sources);
}

/// The faceid crate marks `AntiSpoofingFailed` with each of its codes (hand-copied
/// from the source document) as a rustdoc alias.
fn doc_aliases_in_source(faceid: &Rendered) {
    assert_eq!(faceid.key, "faceid");
    let source = fs::read_to_string(faceid.dir.join("rust/src/lib.rs")).unwrap();
    let block = "    #[doc(alias = \"66660023\")]\n    #[doc(alias = \"66660036\")]\n    #[doc(alias = \"-5020\")]\n    #[doc(alias = \"-5025\")]\n    AntiSpoofingFailed,\n";
    assert!(
        source.contains(block),
        "no doc aliases on SdkCode::AntiSpoofingFailed"
    );
}

/// `Cargo.toml` is valid TOML whose description is the title, exactly.
fn manifest_holds_the_title(catalog: &Rendered) {
    let path = catalog.dir.join("rust/Cargo.toml");
    let manifest: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let title = catalog.model.title.get(catalog.model.default_locale());
    assert_eq!(manifest["package"]["description"].as_str(), Some(title));
    assert_eq!(
        manifest["package"]["name"].as_str(),
        Some(catalog.model.name.as_str())
    );
}

/// The catalog whose probe crate runs the README's Rust example, and the example.
/// The example is not part of retcode's own build: the tool must not depend on
/// its output in `generated/`.
const README_EXAMPLE: (&str, &str) = ("faceid", "tests/examples/usage.rs");

/// Runs the README's Rust example (copied into the faceid probe as `tests/usage.rs`)
/// against the freshly rendered crate, with its `serde` feature; every `#[test]`
/// of the example must be reported as passed.
fn readme_example_passes(cargo: &dyn Fn() -> Command) {
    let (key, path) = README_EXAMPLE;
    let output = run(cargo().args([
        "test",
        "--offline",
        "-p",
        &format!("{key}-probe"),
        "--test",
        "usage",
    ]));
    let example = fs::read_to_string(root().join(path)).unwrap();
    let tests: Vec<&str> = example
        .split("#[test]")
        .skip(1)
        .map(|rest| {
            let name = &rest[rest.find("fn ").expect("a test function") + 3..];
            &name[..name.find('(').unwrap()]
        })
        .collect();
    assert!(!tests.is_empty(), "{path} holds no #[test]");
    for test in tests {
        assert!(
            output.contains(&format!("test {test} ... ok")),
            "{path}: `{test}` did not pass:\n{output}"
        );
    }
}

fn typescript_compiles_under_strict_and_agrees_with_the_json() {
    let tsc = tool("node_modules/typescript/bin/tsc");
    let scratch = scratch("typescript");
    let catalogs = render_all(&scratch.join("out"));
    let mut sources = Vec::new();
    for catalog in &catalogs {
        let dir = catalog.dir.join("typescript");
        fs::write(dir.join("probe.ts"), probes::typescript(&catalog.model)).unwrap();
        // The probe compiles against index.d.ts and runs the generated index.js.
        sources.push(dir.join("index.d.ts"));
        sources.push(dir.join("probe.ts"));
        if catalog.key == "faceid" {
            fs::copy(root().join("tests/examples/usage.ts"), dir.join("usage.ts")).unwrap();
            sources.push(dir.join("usage.ts"));
        }
    }
    let js = scratch.join("out/js");
    run(Command::new("node")
        .arg(&tsc)
        .args(tsc::STRICT_FLAGS)
        .arg("--rootDir")
        .arg(scratch.join("out"))
        .arg("--outDir")
        .arg(&js)
        .args(&sources));
    let modules: Vec<PathBuf> = catalogs
        .iter()
        .flat_map(|c| ["index.d.ts", "index.js"].map(|f| c.dir.join("typescript").join(f)))
        .collect();
    text_stays_text("typescript", &modules);
    // index.d.ts and index.js come from two templates: they must declare and
    // define the same exports and members.
    let surface = run(Command::new("node")
        .arg(root().join("tests/support/ts_surface.mjs"))
        .arg(tool("node_modules/typescript"))
        .args(catalogs.iter().map(|c| c.dir.join("typescript"))));
    assert!(surface.starts_with("surface ok"), "{surface}");
    for catalog in &catalogs {
        // package.json is valid JSON whose description is the title, exactly.
        let path = catalog.dir.join("typescript/package.json");
        let package: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let title = catalog.model.title.get(catalog.model.default_locale());
        assert_eq!(
            package["description"].as_str(),
            Some(title),
            "{}",
            path.display()
        );
        let dir = js.join(catalog.key).join("typescript");
        fs::write(dir.join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
        fs::copy(
            catalog.dir.join("typescript/index.js"),
            dir.join("index.js"),
        )
        .unwrap();
        let output = run(Command::new("node").arg(dir.join("probe.js")));
        assert_parity("TypeScript", catalog, &output);
    }
    let usage = run(Command::new("node").arg(js.join("faceid/typescript/usage.js")));
    assert_eq!(usage.trim(), "usage ok");
}

fn kotlin_compiles_without_warnings_and_agrees_with_the_json() {
    let kotlinc = tool("node_modules/kotlin-compiler/bin/kotlinc");
    let scratch = scratch("kotlin");
    let mut catalogs = render_all(&scratch.join("out"));
    catalogs.extend(kotlin_shape_catalogs(&scratch.join("out")));
    let mut sources = Vec::new();
    let mut all_generated = Vec::new();
    for catalog in &catalogs {
        let dir = catalog
            .dir
            .join(retcode::render::kotlin::source_dir(&catalog.model));
        let generated: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        for file in &generated {
            let text = fs::read_to_string(file).unwrap();
            assert!(
                !text.contains("import java"),
                "{}: Kotlin must use the standard library only",
                file.display()
            );
        }
        sources.extend(generated.iter().cloned());
        all_generated.extend(generated);
        let probe = scratch
            .join("out")
            .join(format!("{}.kt", probe_class(catalog.key)));
        fs::write(&probe, probes::kotlin(&catalog.model)).unwrap();
        sources.push(probe);
    }
    text_stays_text("kotlin", &all_generated);
    sources.push(root().join("tests/examples/Usage.kt"));
    let jar = scratch.join("out/probes.jar");
    run(Command::new(&kotlinc)
        .args(["-Werror", "-Xexplicit-api=strict", "-include-runtime", "-d"])
        .arg(&jar)
        .args(&sources));
    for catalog in &catalogs {
        let package = retcode::render::kotlin::package(&catalog.model);
        let class = format!("{package}.{}Kt", probe_class(catalog.key));
        let output = run(Command::new("java").arg("-cp").arg(&jar).arg(class));
        let (shared, surface) = kotlin::split(&output);
        assert_parity("Kotlin", catalog, &shared);
        kotlin::assert_surface(catalog.key, &catalog.json, &surface);
    }
    let usage = run(Command::new("java")
        .arg("-cp")
        .arg(&jar)
        .arg("com.retcode.faceid.example.UsageKt"));
    assert_eq!(usage.trim(), "usage ok");
    java_calls_both_shapes_alike(&scratch, &jar);
}

/// A Java caller uses the enum shape and the class shape with the same calls
/// (`fromCode` is `@JvmStatic` in both) and gets the same answers.
fn java_calls_both_shapes_alike(scratch: &Path, jar: &Path) {
    let dir = scratch.join("out/java");
    fs::create_dir_all(&dir).unwrap();
    let mut source =
        String::from("public class Caller {\n    public static void main(String[] args) {\n");
    for package in ["synthenum", "synthclass"] {
        source.push_str(&format!(
            "        {{\n        com.retcode.{package}.Synth0Code a = com.retcode.{package}.Synth0Code.fromCode(1000001);\n        System.out.println(a.getCode() + \" \" + a.getCodes() + \" \" + a.messageIn(com.retcode.{package}.CatalogLocale.EN) + \" \" + a.isBillableOn(2021, 7, 18) + \" \" + (com.retcode.{package}.Synth0Code.fromCode(7) == null) + \" \" + com.retcode.{package}.Synth0Code.describe(7, com.retcode.{package}.CatalogLocale.EN));\n        }}\n"
        ));
        // The Java-facing surface: static lookups and fields, overloads for
        // default arguments, the forward-compatible `Received`, the exception type.
        source.push_str(&JAVA_SURFACE.replace("PKG", &format!("com.retcode.{package}")));
    }
    source.push_str("    }\n}\n");
    fs::write(dir.join("Caller.java"), source).unwrap();
    run(Command::new("javac")
        .arg("-Werror")
        .arg("-cp")
        .arg(jar)
        .arg("-d")
        .arg(&dir)
        .arg(dir.join("Caller.java")));
    let classpath = format!("{}:{}", jar.display(), dir.display());
    let output = run(Command::new("java").arg("-cp").arg(classpath).arg("Caller"));
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 4, "{output}");
    assert_eq!(
        lines[0..2],
        lines[2..4],
        "Java sees the two Kotlin shapes differently"
    );
    assert!(
        lines[0].starts_with("1000000 [1000000, 1000001] ")
            && lines[0].ends_with(" true true Unknown return code 7"),
        "{output}"
    );
    // zh-CN is the synthetic catalog's default locale; 2,000 entries either way.
    let en = lines[0]
        .strip_prefix("1000000 [1000000, 1000001] ")
        .and_then(|rest| rest.strip_suffix(" true true Unknown return code 7"))
        .unwrap();
    assert_eq!(
        lines[1],
        format!(
            "zh-CN en true 未知返回码 7 1000001 1000000 7 null caught null 未知返回码 7 1000000 {en}"
        ),
        "{output}"
    );
}

/// Java statements (one line of output) for the package `PKG`.
const JAVA_SURFACE: &str = r#"        {
        PKG.CatalogLocale en = PKG.CatalogLocale.fromTag("en");
        PKG.Synth0Code.Received alias = PKG.Synth0Code.Received.of(1000001);
        PKG.Synth0Code.Received unknown = PKG.Synth0Code.Received.of(7);
        String caught;
        try {
            throw new PKG.Synth0CodeException(unknown);
        } catch (PKG.Synth0CodeException e) {
            caught = "caught " + e.getCode() + " " + e.getMessage();
        }
        RuntimeException known = new PKG.Synth0CodeException(alias.getKnown(), en);
        System.out.println(PKG.CatalogLocale.DEFAULT.getTag() + " " + PKG.CatalogLocale.matching("en-US").getTag()
            + " " + (PKG.Synth0Code.getEntries().size() == 2000 || PKG.Synth0Code.getEntries().size() == 2001)
            + " " + PKG.Synth0Code.describe(7) + " " + alias.getRaw() + " " + alias.getKnown().getCode()
            + " " + unknown.getRaw() + " " + unknown.getKnown() + " " + caught
            + " " + ((PKG.Synth0CodeException) known).getReceived().getRaw() + " " + known.getMessage());
        }
"#;

/// Synthetic sets at the switch-over between Kotlin's two shapes: exactly
/// `ENUM_LIMIT` entries (an enum class) and one more (a class), each in its own
/// package so that one kotlinc call compiles both.
fn kotlin_shape_catalogs(out: &Path) -> Vec<Rendered> {
    use retcode::render::kotlin::ENUM_LIMIT;
    let mut catalogs: Vec<Rendered> = [("synthenum", ENUM_LIMIT), ("synthclass", ENUM_LIMIT + 1)]
        .into_iter()
        .map(|(key, entries)| {
            let text = synth::catalog(&synth::Shape {
                entries_per_set: entries,
                ..synth::Shape::default()
            })
            .replace("\"com.retcode.synth\"", &format!("\"com.retcode.{key}\""))
            // Doc URLs in both shapes (the probes print each entry's).
            .replace(
                "\n[catalog]\n",
                &format!("\n[catalog]\ndocs_url = \"https://docs.example.com/{key}\"\n"),
            );
            let model = retcode::load_str(&text).unwrap_or_else(|d| panic!("{d:?}"));
            assert!(
                model.docs_url.is_some(),
                "the synthetic catalog takes docs_url"
            );
            render(out, key, model, &format!("{key}.toml"))
        })
        .collect();
    // String lookups split by `String.hashCode` (also run on Kotlin/JS).
    let model = retcode::load_str(&kotlin::string_catalog()).unwrap_or_else(|d| panic!("{d:?}"));
    catalogs.push(render(out, "synthstrings", model, "synthstrings.toml"));
    catalogs
}

/// `faceid` → `FaceidProbe`: the probe file's name, and its class's stem.
fn probe_class(key: &str) -> String {
    let mut name: String = key.chars().filter(char::is_ascii_alphanumeric).collect();
    name[..1].make_ascii_uppercase();
    name + "Probe"
}

fn swift_parses_and_its_lookup_table_matches_the_json() {
    let python = tool("venv/bin/python");
    let scratch = scratch("swift");
    let catalogs = render_all(&scratch.join("out"));
    let mut files = Vec::new();
    for catalog in &catalogs {
        let source = swift::source_path(catalog);
        files.push(catalog.dir.join("swift/Package.swift"));
        files.push(source.clone());
        let text = fs::read_to_string(&source).unwrap();
        assert!(
            !["enum Locale:", "enum Locale {"]
                .iter()
                .any(|declaration| text.contains(declaration)),
            "a type named Locale would hide Foundation's"
        );
        swift::lookup_parity(catalog, &text);
        swift::platform_types(catalog, &source, &text);
        // No Swift compiler: the matcher is only checked to be there (and, below, to parse).
        for member in [
            "public static func matching(_ tag: String) -> CatalogLocale {",
            "public static func matching(_ tags: [String]) -> CatalogLocale {",
            "matching(Locale.preferredLanguages)",
            "let locale = CatalogLocale.current",
        ] {
            assert!(text.contains(member), "{}: no `{member}`", catalog.key);
        }
        swift::string_catalog(catalog, &text);
        swift::package_is_self_contained(&catalog.dir.join("swift"));
    }
    let sources: Vec<PathBuf> = files
        .iter()
        .filter(|f| !f.ends_with("Package.swift"))
        .cloned()
        .collect();
    // The committed package too: it is what a team copies to a repository root.
    swift::package_is_self_contained(&root().join("generated/swift"));
    text_stays_text("swift", &sources);
    swift::measure(&sources);
    swift::large_catalog_stays_within_the_bound(&scratch.join("out"));
    files.push(scratch.join("out/large/swift/Sources/SynthCodes/SynthCodes.swift"));
    files.push(swift::dated_text_and_list_attributes(&scratch.join("out")));
    files.push(swift::string_error_set(&scratch.join("out")));
    files.push(root().join("tests/examples/Usage.swift"));
    let report = run(Command::new(python)
        .arg(root().join("tests/tools/syntax_check.py"))
        .arg("swift")
        .args(&files));
    assert!(
        report.contains(&format!("{} files parsed, 0 syntax errors", files.len())),
        "{report}"
    );
}
