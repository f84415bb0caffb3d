//! The TypeScript target as an npm package, used the way a web team would: `npm
//! pack` in the generated folder, the tarball installed offline into a scratch
//! project, imported by name from plain Node, type-checked as a TypeScript
//! consumer under an old `lib`, and bundled with esbuild to prove it tree-shakes.
//!
//! Tools: node/npm on the PATH, tsc and esbuild pinned in tests/tools (installed
//! by `tests/run.sh`). A missing tool fails the test; nothing is skipped.

#[path = "support/command.rs"]
mod command;
use command::{run, tool};
#[path = "support/tsc.rs"]
mod tsc;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::{Value, json};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn output(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot start {command:?} (is it installed?): {e}"))
}

struct Project {
    /// The generated package folder.
    package: PathBuf,
    /// The scratch consumer project with the tarball installed.
    consumer: PathBuf,
    /// `npm pack --json` for the tarball.
    pack: Value,
    /// The JSON export of the same catalog.
    json: Value,
}

/// Renders codes.toml, packs `typescript/` and installs the tarball into a
/// scratch project, once for all tests of this file.
fn project() -> &'static Project {
    static PROJECT: OnceLock<Project> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let scratch = root().join("target/npm_package");
        fs::remove_dir_all(&scratch).ok();
        let out = scratch.join("out");
        let model = retcode::load(&root().join("codes.toml")).unwrap_or_else(|e| panic!("{e}"));
        let files = retcode::render::render_all(&model, "codes.toml");
        retcode::output::write(&out, &files).unwrap();
        let json = files
            .iter()
            .find(|f| f.path == "json/faceid-codes.json")
            .unwrap();
        let json: Value = serde_json::from_str(&json.contents).unwrap();
        let package = out.join("typescript");
        let cache = scratch.join("npm-cache");
        let pack = run(Command::new("npm")
            .current_dir(&package)
            .args(["pack", "--json", "--pack-destination"])
            .arg(&scratch)
            .arg("--cache")
            .arg(&cache));
        let pack: Value = serde_json::from_str(&pack).expect("npm pack --json prints JSON");
        let tarball = scratch.join(pack[0]["filename"].as_str().unwrap());
        let consumer = scratch.join("consumer");
        fs::create_dir_all(&consumer).unwrap();
        fs::write(
            consumer.join("package.json"),
            "{ \"name\": \"consumer\", \"private\": true, \"type\": \"module\" }\n",
        )
        .unwrap();
        run(Command::new("npm")
            .current_dir(&consumer)
            .arg("install")
            .arg(&tarball)
            .args(["--offline", "--no-audit", "--no-fund", "--ignore-scripts"])
            .arg("--cache")
            .arg(&cache));
        for file in fs::read_dir(root().join("tests/npm")).unwrap() {
            let file = file.unwrap().path();
            fs::copy(&file, consumer.join(file.file_name().unwrap())).unwrap();
        }
        Project {
            package,
            consumer,
            pack,
            json,
        }
    })
}

#[test]
fn npm_pack_ships_the_compiled_module_and_its_types() {
    let project = project();
    let pack = &project.pack[0];
    assert_eq!(pack["name"], "faceid-codes");
    assert_eq!(pack["version"], "1.0.0");
    let files: BTreeSet<&str> = pack["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        BTreeSet::from(["index.d.ts", "index.js", "package.json"])
    );
    let manifest: Value =
        serde_json::from_str(&fs::read_to_string(project.package.join("package.json")).unwrap())
            .unwrap();
    assert_eq!(
        manifest["private"],
        Value::Null,
        "the package is publishable"
    );
    assert_eq!(manifest["sideEffects"], false);
    assert_eq!(
        manifest["dependencies"],
        Value::Null,
        "the package has no dependencies"
    );
    assert_eq!(
        manifest["exports"]["."],
        json!({ "types": "./index.d.ts", "import": "./index.js", "default": "./index.js" })
    );
}

/// The error JSON the catalog's JSON export predicts for `raw` of `entry` in `locale`.
fn error_json(set: &str, entry: &Value, raw: &Value, locale: &str) -> Value {
    json!({
        "name": format!("{set}Error"),
        "code": entry["codes"][0],
        "raw": raw,
        "identifier": entry["name"],
        "message": entry["message"][locale],
        "locale": locale,
    })
}

#[test]
fn plain_node_imports_the_installed_package() {
    let project = project();
    let stdout = run(Command::new("node")
        .current_dir(&project.consumer)
        .arg("consumer.mjs"));
    let mut errors = Vec::new();
    let mut facts = Vec::new();
    for line in stdout.lines() {
        match line.strip_prefix("error=") {
            Some(error) => errors.push(serde_json::from_str::<Value>(error).unwrap()),
            None => facts.push(line),
        }
    }
    // Written by hand from codes.toml.
    let expected = [
        "version=1.0.0",
        "default=zh-CN",
        "match.en-US=en",
        "alias.identifier=AntiSpoofingFailed",
        "alias.code=66660023",
        "alias.en-US=Make sure you are operating in person and your face is in the frame",
        "unknown=undefined",
        "describe=未知返回码 12345",
        "wechat.2007.billable.2021-07-18=true",
        "wechat.2007.billable.2021-07-19=false",
        "tag.string=01",
        "unknown.error={\"name\":\"SdkCodeError\",\"code\":12345,\"raw\":12345,\"identifier\":null,\"message\":\"Unknown return code 12345\",\"locale\":\"en\"}",
        "unknown.error.cause=upstream",
        "unknown.error.string=SdkCodeError: Unknown return code 12345",
        "entry.error.name=WeChatCodeError",
        "decoded.alias.known=AntiSpoofingFailed",
        "decoded.alias.raw=-5020",
        "decoded.unknown.known=undefined",
        "decoded.unknown.raw=99999999",
        "roundtrip={\"result\":{\"code\":-5020,\"detail\":\"x\"},\"later\":{\"code\":99999999}}",
    ];
    assert_eq!(facts, expected);
    // Every code of the two error sets, in the default locale and for `en-US`.
    let mut want = Vec::new();
    for set in project.json["sets"].as_array().unwrap() {
        if set["error"] != true {
            continue;
        }
        let name = set["name"].as_str().unwrap();
        for entry in set["entries"].as_array().unwrap() {
            for raw in entry["codes"].as_array().unwrap() {
                want.push(error_json(name, entry, raw, "zh-CN"));
                want.push(error_json(name, entry, raw, "en"));
            }
        }
    }
    assert!(want.len() > 300, "too few error codes: {}", want.len());
    assert_eq!(errors, want);
}

/// The strict flags of the binding checks without their target and module,
/// which each consumer below sets.
fn consumer_flags() -> Vec<&'static str> {
    let mut flags = Vec::new();
    let mut skip = false;
    for flag in tsc::STRICT_FLAGS {
        if skip {
            skip = false;
        } else if ["--target", "--module", "--moduleResolution"].contains(flag) {
            skip = true;
        } else {
            flags.push(*flag);
        }
    }
    flags
}

fn tsc(project: &Project, resolution: &[&str], files: &[&str]) -> Output {
    output(
        Command::new("node")
            .current_dir(&project.consumer)
            .arg(tool("node_modules/typescript/bin/tsc"))
            .args(consumer_flags())
            .args(["--noEmit", "--skipLibCheck", "false", "--target", "es2017"])
            .args(["--lib", "es2017"])
            .args(resolution)
            .args(files),
    )
}

const NODENEXT: &[&str] = &["--module", "nodenext", "--moduleResolution", "nodenext"];
const BUNDLER: &[&str] = &["--module", "esnext", "--moduleResolution", "bundler"];

#[test]
fn a_typescript_consumer_type_checks_with_nodenext_and_bundler_under_es2017() {
    let project = project();
    for resolution in [NODENEXT, BUNDLER] {
        let out = tsc(project, resolution, &["consumer.ts", "exhaustive.ts"]);
        assert!(
            out.status.success(),
            "tsc {resolution:?}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_switch_missing_one_identifier_fails_to_compile() {
    let project = project();
    let exhaustive = fs::read_to_string(root().join("tests/npm/exhaustive.ts")).unwrap();
    let missing = exhaustive.replace("    case \"HighRisk3\":\n      return 3;\n", "");
    assert_ne!(
        missing, exhaustive,
        "the case to remove is in exhaustive.ts"
    );
    fs::write(project.consumer.join("missing_case.ts"), missing).unwrap();
    let out = tsc(project, NODENEXT, &["missing_case.ts"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "a non-exhaustive switch compiled");
    assert!(
        stdout.contains("error TS2322: Type 'string' is not assignable to type 'never'")
            || stdout
                .contains("error TS2322: Type '\"HighRisk3\"' is not assignable to type 'never'"),
        "tsc failed for another reason:\n{stdout}"
    );
}

fn bundle(project: &Project, entry: &str) -> String {
    run(Command::new("node")
        .current_dir(&project.consumer)
        .arg("bundle.cjs")
        .arg(root().join("tests/tools/node_modules"))
        .arg(entry))
}

#[test]
fn a_bundle_keeps_only_what_is_imported() {
    let project = project();
    // Texts of each set, from the JSON export: an English message per entry,
    // looked for as whole string literals.
    let texts = |set: &str| -> Vec<String> {
        let set = project.json["sets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == set)
            .unwrap();
        set["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["message"]["en"].as_str().unwrap().to_owned())
            .collect()
    };
    let (wechat, sdk) = (texts("WeChatCode"), texts("SdkCode"));
    let wechat_only: Vec<&String> = wechat.iter().filter(|t| !sdk.contains(t)).collect();
    let sdk_only: Vec<&String> = sdk.iter().filter(|t| !wechat.contains(t)).collect();
    assert!(wechat_only.len() > 30 && sdk_only.len() > 30);

    let constant = bundle(project, "one_constant.mjs");
    assert!(constant.contains("\"1.0.0\""), "{constant}");
    assert!(
        constant.len() < 200,
        "one constant bundles {} bytes:\n{constant}",
        constant.len()
    );

    let one_set = bundle(project, "one_set.mjs");
    let missing: Vec<&&String> = wechat_only
        .iter()
        .filter(|t| !one_set.contains(&format!("\"{t}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "WeChatCode texts missing from its bundle: {missing:?}"
    );
    let foreign: Vec<&&String> = sdk_only
        .iter()
        .filter(|t| one_set.contains(&format!("\"{t}\"")))
        .collect();
    assert!(
        foreign.is_empty(),
        "SdkCode texts in a WeChatCode bundle: {foreign:?}"
    );
    let full = fs::read_to_string(project.package.join("index.js")).unwrap();
    assert!(
        one_set.len() * 3 < full.len(),
        "one set of six bundles {} of {} bytes",
        one_set.len(),
        full.len()
    );
}

#[test]
fn index_js_needs_nothing_newer_than_es2020() {
    let project = project();
    let verdict = run(Command::new("node")
        .current_dir(&project.consumer)
        .arg("es2020.cjs")
        .arg(root().join("tests/tools/node_modules"))
        .arg(project.package.join("index.js")));
    assert_eq!(
        verdict, "es2020\n",
        "esbuild lowers syntax for ES2020:\n{verdict}"
    );
}
