//! Kotlin-only checks: the facts of the Kotlin surface (forward-compatible
//! `Received`, exception types), computed from the JSON export alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use heck::ToSnakeCase;
use serde_json::Value;

use super::expected::{code_text, escape, unknown_code};

/// The `kt\t` lines `probes::kotlin_surface` prints for one catalog, in print order.
pub fn surface_lines(catalog: &Value) -> Vec<String> {
    let locales = catalog["locales"].as_array().unwrap();
    let last = locales.last().unwrap().as_str().unwrap();
    let default = catalog["default_locale"].as_str().unwrap();
    let mut out = Vec::new();
    for set in catalog["sets"].as_array().unwrap() {
        let name = set["name"].as_str().unwrap();
        let error = set["error"].as_bool().unwrap();
        let mut fact = |code: &str, key: &str, value: &str| {
            out.push(format!(
                "kt\t{name}\t{}\t{key}={}",
                escape(code),
                escape(value)
            ));
        };
        for entry in set["entries"].as_array().unwrap() {
            let codes = entry["codes"].as_array().unwrap();
            let canonical = code_text(&codes[0]);
            let message = entry["message"][last].as_str().unwrap();
            for code in codes {
                let raw = code_text(code);
                // The raw code stays the one received (an alias too), the entry is the canonical one.
                fact(&raw, "received", &format!("{raw}|{canonical}|{message}"));
                if error {
                    fact(&raw, "thrown", &format!("{canonical}|{message}"));
                }
            }
            let (message_name, hint_name) = resource_names(catalog, set, entry);
            fact(
                &canonical,
                "resource",
                &format!("{message_name}|{}", hint_name.as_deref().unwrap_or("none")),
            );
            if error {
                let message = entry["message"][default].as_str().unwrap();
                fact(
                    &canonical,
                    "thrown.default",
                    &format!("{canonical}|{message}"),
                );
            }
        }
        let unknown = code_text(&unknown_code(set));
        let text = catalog["unknown_code"][last]
            .as_str()
            .unwrap()
            .replace("{code}", &unknown);
        fact("?", "received", &format!("{unknown}|none|{text}"));
        if error {
            fact("?", "thrown", &format!("none|{text}"));
        }
    }
    // Every enum value's identifier and label, in the default locale and in each.
    for e in catalog["enums"].as_array().unwrap() {
        let name = e["name"].as_str().unwrap();
        for value in e["values"].as_array().unwrap() {
            let id = value["name"].as_str().unwrap();
            let mut fact = |key: &str, text: &str| {
                out.push(format!("kt\t{name}\t{id}\t{key}={}", escape(text)));
            };
            fact("identifier", id);
            fact("label", value["label"][default].as_str().unwrap());
            for locale in locales {
                let locale = locale.as_str().unwrap();
                fact(
                    &format!("label.{locale}"),
                    value["label"][locale].as_str().unwrap(),
                );
            }
        }
    }
    out
}

/// Splits a Kotlin probe's output into the shared facts and the `kt\t` ones.
pub fn split(output: &str) -> (String, Vec<&str>) {
    let mut shared = String::new();
    let mut surface = Vec::new();
    for line in output.lines() {
        if line.starts_with("kt\t") {
            surface.push(line);
        } else {
            shared.push_str(line);
            shared.push('\n');
        }
    }
    (shared, surface)
}

/// Compares the `kt\t` lines with [`surface_lines`], showing the first difference.
pub fn assert_surface(key: &str, catalog: &Value, surface: &[&str]) {
    let expected = surface_lines(catalog);
    for (i, (want, got)) in expected.iter().zip(surface).enumerate() {
        assert_eq!(
            got, want,
            "the Kotlin surface disagrees with the JSON for catalog {key} at fact {i}"
        );
    }
    assert_eq!(
        surface.len(),
        expected.len(),
        "the Kotlin probe printed a different number of surface facts for {key}"
    );
}

/// A catalog of one string-keyed error set with more codes than one lookup
/// chunk holds, so that `fromCode` picks its chunk by `String.hashCode`: codes
/// with non-ASCII and astral characters (UTF-16 surrogate pairs), and the
/// classic colliding pairs (`"Aa"` and `"BB"` hash alike on the JVM). Its last
/// three entries have 2,500 codes of 30 bytes of modified UTF-8 or more: 75,000 bytes,
/// more than one JVM string constant holds, so the probes read codes from
/// constants split (between characters, never inside a surrogate pair) and
/// joined at run time, on the JVM and on JS. A second set, `ClashCode`, holds
/// 4,096 codes of one `String.hashCode`, which `fromCode` finds in a sorted table.
pub fn string_catalog() -> String {
    let mut text = String::from(
        r#"[targets.kotlin]
package = "com.retcode.synthstrings"

[catalog]
name = "synth-strings"
version = "1.0.0"
yes = { en = "Yes", de = "Ja" }
no = { en = "No", de = "Nein" }
title = { en = "Strings", de = "Strings" }
locales = ["en", "de"]
unknown_code = { en = "Unknown tag {code}", de = "Unbekannt {code}" }

[[section]]
id = "main"
title = { en = "Tags", de = "Tags" }

[[set]]
name = "TagCode"
section = "main"
key = "string"
error = true
code_label = { en = "Tag", de = "Tag" }
message_label = { en = "Meaning", de = "Bedeutung" }
"#,
    );
    let colliding = ["Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa"];
    for n in 0..1200 {
        let mut codes = vec![format!("\"t{n}-é中\"")];
        if n % 3 == 0 {
            codes.push(format!("\"𝄞{n}\""));
        }
        if let Some(c) = colliding.get(n) {
            codes.push(format!("\"{c}\""));
        }
        text.push_str(&format!(
            "\n[[set.entry]]\nname = \"Tag{n}\"\ncodes = [{}]\nmessage = {{ en = \"Tag {n} 𝄞\", de = \"Etikett {n}\" }}\n",
            codes.join(", ")
        ));
    }
    // Codes that all share one `String.hashCode` (every string of 12 `Aa`/`BB`
    // blocks: 4,096 of them), 16 per entry, and one more code per entry hashing
    // elsewhere: `fromCode` finds them in a sorted table, not in one `when`
    // branch of 4,096 `equals` calls (past the JVM's 64 KB method limit).
    text.push_str(
        "\n[[set]]\nname = \"ClashCode\"\nsection = \"main\"\nkey = \"string\"\ncode_label = { en = \"Tag\", de = \"Tag\" }\nmessage_label = { en = \"Meaning\", de = \"Bedeutung\" }\n",
    );
    let clashing: Vec<String> = (0..4096u32)
        .map(|n| {
            (0..12)
                .rev()
                .map(|bit| if n >> bit & 1 == 0 { "Aa" } else { "BB" })
                .collect()
        })
        .collect();
    for (n, codes) in clashing.chunks(16).enumerate() {
        let codes: Vec<String> = codes.iter().map(|c| format!("\"{c}\"")).collect();
        text.push_str(&format!(
            "\n[[set.entry]]\nname = \"Clash{n}\"\ncodes = [\"clash-{n}\", {}]\nmessage = {{ en = \"Clash {n}\", de = \"Kollision {n}\" }}\n",
            codes.join(", ")
        ));
    }
    let many: Vec<String> = (0..2500)
        .map(|n| format!("\"many-{n:05}-é中𝄞-alias\""))
        .collect();
    // An entry holds at most 1,000 codes (`MAX_CODES_PER_ENTRY`): three entries,
    // one lookup chunk, one packed constant of 75,000 bytes.
    for (part, codes) in many.chunks(1000).enumerate() {
        text.push_str(&format!(
            "\n[[set.entry]]\nname = \"ManyTags{part}\"\ncodes = [{}]\nmessage = {{ en = \"Many tags\", de = \"Viele Etiketten\" }}\n",
            codes.join(", ")
        ));
    }
    text
}

/// The generated Kotlin is Multiplatform common code: kotlinc-js compiles it
/// (as common sources, `-Werror -Xexplicit-api=strict`) with the probes of a
/// few catalogs into a klib, links that to JavaScript, and Node runs it: every
/// catalog's facts equal the JSON's, as on the JVM (string lookups included,
/// which pick their chunk by `String.hashCode`).
pub fn js_check() {
    let kotlinc_js = super::tool("node_modules/kotlin-compiler/bin/kotlinc-js");
    let stdlib = super::tool("node_modules/kotlin-compiler/lib/kotlin-stdlib-js.klib");
    let scratch = super::scratch("kotlin-js");
    let out = scratch.join("out");
    let mut catalogs = Vec::new();
    for (key, path) in [
        ("faceid", "codes.toml"),
        ("hostile", "tests/fixtures/hostile.toml"),
    ] {
        let model = retcode::load(&super::root().join(path)).unwrap_or_else(|e| panic!("{e}"));
        catalogs.push(super::render(&out, key, model, path));
    }
    let model = retcode::load_str(&string_catalog()).unwrap_or_else(|d| panic!("{d:?}"));
    catalogs.push(super::render(
        &out,
        "synthstrings",
        model,
        "synthstrings.toml",
    ));
    let mut common = Vec::new();
    let mut probes = Vec::new();
    let mut main = String::from("public fun main() {\n");
    for catalog in &catalogs {
        let package = retcode::render::kotlin::package(&catalog.model);
        let dir = catalog
            .dir
            .join(retcode::render::kotlin::source_dir(&catalog.model));
        for file in std::fs::read_dir(&dir).unwrap() {
            common.push(file.unwrap().path());
        }
        // One program runs every probe: each `main` becomes `probeMain`.
        let probe = super::probes::kotlin(&catalog.model)
            .replace("\npublic fun main() {", "\npublic fun probeMain() {");
        let path = out.join(format!("{}.kt", super::probe_class(catalog.key)));
        std::fs::write(&path, probe).unwrap();
        probes.push(path);
        main.push_str(&format!("    {package}.probeMain()\n"));
    }
    main.push_str("}\n");
    let main_path = out.join("Main.kt");
    std::fs::write(&main_path, main).unwrap();
    let common_list = common
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(",");
    super::run(
        std::process::Command::new(&kotlinc_js)
            .args(["-Werror", "-Xexplicit-api=strict", "-Xmulti-platform"])
            .arg(format!("-Xcommon-sources={common_list}"))
            .arg("-libraries")
            .arg(&stdlib)
            .arg("-ir-output-dir")
            .arg(out.join("klib"))
            .args(["-ir-output-name", "probes"])
            .args(&common)
            .args(&probes)
            .arg(&main_path),
    );
    super::run(
        std::process::Command::new(&kotlinc_js)
            .args(["-Werror", "-Xir-produce-js"])
            .arg(format!(
                "-Xinclude={}",
                out.join("klib/probes.klib").display()
            ))
            .arg("-libraries")
            .arg(&stdlib)
            .arg("-ir-output-dir")
            .arg(out.join("js"))
            .args([
                "-ir-output-name",
                "probes",
                "-module-kind",
                "commonjs",
                "-main",
                "call",
            ]),
    );
    let output = super::run(std::process::Command::new("node").arg(out.join("js/probes.js")));
    // Each probe's output starts with its catalog line.
    let mut runs: Vec<String> = Vec::new();
    for line in output.lines() {
        if line.starts_with("*\t*\tcatalog=") {
            runs.push(String::new());
        }
        let run = runs.last_mut().expect("output starts with a catalog line");
        run.push_str(line);
        run.push('\n');
    }
    assert_eq!(runs.len(), catalogs.len(), "{output}");
    for (catalog, run) in catalogs.iter().zip(&runs) {
        let (shared, surface) = split(run);
        super::assert_parity("Kotlin/JS", catalog, &shared);
        assert_surface(catalog.key, &catalog.json, &surface);
    }
}

/// The README's resource naming scheme, written out again: the Android names of
/// an entry's message and hint (`<catalog>__<set>__<entry>__message`, snake case).
fn resource_names(catalog: &Value, set: &Value, entry: &Value) -> (String, Option<String>) {
    let stem = format!(
        "{}__{}__{}__",
        catalog["name"].as_str().unwrap().to_snake_case(),
        set["name"].as_str().unwrap().to_snake_case(),
        entry["name"].as_str().unwrap().to_snake_case()
    );
    let hint = (!entry["hint"].is_null()).then(|| format!("{stem}hint"));
    (format!("{stem}message"), hint)
}

/// The Android resource folder of a locale, by Android's documented qualifier
/// rules: `values-en`, `values-zh-rCN`, else the BCP 47 form `values-b+zh+Hans+CN`.
fn values_folder(tag: &str) -> String {
    let parts: Vec<&str> = tag.split('-').collect();
    let letters = |s: &str| s.chars().all(|c| c.is_ascii_alphabetic());
    if parts.len() == 1 && letters(parts[0]) {
        format!("values-{}", parts[0])
    } else if parts.len() == 2 && parts[1].len() == 2 && letters(parts[0]) && letters(parts[1]) {
        format!("values-{}-r{}", parts[0], parts[1])
    } else {
        format!("values-b+{}", parts.join("+"))
    }
}

/// A `<string>`'s character data as Android reads it (aapt2), written from the
/// platform's documented rules, not from the generator: runs of XML whitespace
/// become one space and are trimmed at both ends; `\n`, `\t`, `\uXXXX` and
/// `\<char>` are escapes; an unescaped `'` or `"` and a leading `@` or `?`
/// (a reference) are errors for text that must stay literal.
fn android_decode(raw: &str) -> Result<String, String> {
    if raw.starts_with(['@', '?']) {
        return Err(format!("{raw:?} would read as a resource reference"));
    }
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::new();
    let mut space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\\' => {
                let e = *chars.get(i).ok_or("a trailing backslash")?;
                i += 1;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'u' => {
                        let hex: String =
                            chars.get(i..i + 4).ok_or("a short \\u")?.iter().collect();
                        i += 4;
                        let n = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                        out.push(char::from_u32(n).ok_or("a surrogate")?);
                    }
                    other => out.push(other),
                }
            }
            '\'' | '"' => return Err(format!("an unescaped {c} in {raw:?}")),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Parses XML files with Python's own parser (tests/tools/venv): per file, the
/// root tag and each child's tag, `name`, `formatted` and text.
fn parse_xml(files: &[std::path::PathBuf]) -> Value {
    let script = r#"
import json, sys, xml.etree.ElementTree as ET
out = {}
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    out[path] = {"root": root.tag, "children": [
        {"tag": c.tag, "name": c.get("name"), "formatted": c.get("formatted"), "text": c.text or "", "elements": len(list(c))}
        for c in root]}
print(json.dumps(out))
"#;
    let output = super::run(
        Command::new(super::tool("venv/bin/python"))
            .arg("-c")
            .arg(script)
            .args(files),
    );
    serde_json::from_str(&output).unwrap()
}

/// Android string resources of the FaceID catalog and the hostile ones
/// (reserved words, random texts): every file well-formed XML, one per locale in
/// its qualifier folder, valid and unique names, and every message and hint,
/// decoded by [`android_decode`], equal to the JSON's text.
pub fn android_resources_check() {
    let scratch = super::scratch("kotlin-android");
    let mut catalogs = super::render_all(&scratch.join("out"));
    let model = retcode::load_str(&android_catalog()).unwrap_or_else(|d| panic!("{d:?}"));
    catalogs.push(super::render(
        &scratch.join("out"),
        "android",
        model,
        "android.toml",
    ));
    let mut checked = 0;
    for catalog in &catalogs {
        let json = &catalog.json;
        let res = catalog.dir.join("kotlin/src/main/res");
        let locales: Vec<&str> = json["locales"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        let default = json["default_locale"].as_str().unwrap();
        let folders: BTreeSet<String> = std::fs::read_dir(&res)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let want: BTreeSet<String> = locales
            .iter()
            .map(|l| {
                if *l == default {
                    "values".to_string()
                } else {
                    values_folder(l)
                }
            })
            .collect();
        assert_eq!(folders, want, "{}: resource folders", catalog.key);
        let files: Vec<_> = locales
            .iter()
            .map(|l| {
                let folder = if *l == default {
                    "values".to_string()
                } else {
                    values_folder(l)
                };
                res.join(folder).join("strings.xml")
            })
            .collect();
        let parsed = parse_xml(&files);
        for (locale, file) in locales.iter().zip(&files) {
            let doc = &parsed[file.display().to_string()];
            assert_eq!(doc["root"], "resources");
            let mut strings = BTreeMap::new();
            for child in doc["children"].as_array().unwrap() {
                assert_eq!(child["tag"], "string");
                assert_eq!(child["elements"], 0, "markup inside a string: {child}");
                let name = child["name"].as_str().unwrap().to_string();
                assert!(
                    name.starts_with(|c: char| c.is_ascii_lowercase())
                        && name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{name}: not a valid resource name"
                );
                let raw = child["text"].as_str().unwrap();
                let text = android_decode(raw)
                    .unwrap_or_else(|e| panic!("{}: {name}: {e}", file.display()));
                if text.contains('%') {
                    assert_eq!(
                        child["formatted"], "false",
                        "{name}: % in a formatted string"
                    );
                }
                assert!(strings.insert(name.clone(), text).is_none(), "{name} twice");
            }
            let mut expected = BTreeMap::new();
            for set in json["sets"].as_array().unwrap() {
                for entry in set["entries"].as_array().unwrap() {
                    let (message, hint) = resource_names(json, set, entry);
                    expected.insert(
                        message,
                        entry["message"][locale].as_str().unwrap().to_string(),
                    );
                    if let Some(hint) = hint {
                        expected.insert(hint, entry["hint"][locale].as_str().unwrap().to_string());
                    }
                }
            }
            for (name, text) in &expected {
                assert_eq!(
                    strings.get(name),
                    Some(text),
                    "{}: {name} as Android reads it",
                    file.display()
                );
            }
            assert_eq!(
                strings.len(),
                expected.len(),
                "{}: extra strings",
                file.display()
            );
            checked += strings.len();
        }
    }
    assert!(checked > 500, "only {checked} strings checked");
}

/// The Gradle build file and the POM name the catalog's coordinates and
/// metadata, and the source folders they point at exist.
pub fn build_files_check() {
    let scratch = super::scratch("kotlin-build");
    let catalogs = super::render_all(&scratch.join("out"));
    // Hand-written: the packages the two catalogs declare or imply.
    for (key, group) in [
        ("faceid", "com.retcode.faceid"),
        ("basic", "com.example.demo"),
    ] {
        let catalog = catalogs.iter().find(|c| c.key == key).unwrap();
        let json = &catalog.json;
        let module = catalog.dir.join("kotlin");
        let (artifact, version) = (
            json["name"].as_str().unwrap(),
            json["version"].as_str().unwrap(),
        );
        let gradle = std::fs::read_to_string(module.join("build.gradle.kts")).unwrap();
        for line in [
            format!("group = \"{group}\""),
            format!("version = \"{version}\""),
            format!("artifactId = \"{artifact}\""),
        ] {
            assert!(
                gradle.contains(&line),
                "{key}: build.gradle.kts lacks {line}"
            );
        }
        let settings = std::fs::read_to_string(module.join("settings.gradle.kts")).unwrap();
        assert!(
            settings.contains(&format!("rootProject.name = \"{artifact}\"")),
            "{key}: settings.gradle.kts"
        );
        let pom_path = module.join("pom.xml");
        let pom = &parse_xml(std::slice::from_ref(&pom_path))[pom_path.display().to_string()];
        let ns = "{http://maven.apache.org/POM/4.0.0}";
        let field = |tag: &str| -> Option<String> {
            pom["children"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["tag"] == format!("{ns}{tag}"))
                .map(|c| c["text"].as_str().unwrap().trim().to_string())
        };
        assert_eq!(field("groupId").as_deref(), Some(group), "{key}");
        assert_eq!(field("artifactId").as_deref(), Some(artifact), "{key}");
        assert_eq!(field("version").as_deref(), Some(version), "{key}");
        let homepage = json["homepage"].as_str().or(json["repository"].as_str());
        assert_eq!(field("url").as_deref(), homepage, "{key}");
        let pom_text = std::fs::read_to_string(&pom_path).unwrap();
        for value in [&json["license"], &json["repository"]] {
            if let Some(value) = value.as_str() {
                assert!(
                    pom_text.contains(&format!(">{value}<")),
                    "{key}: the POM lacks {value}"
                );
                assert!(
                    gradle.contains(&format!("\"{value}\"")),
                    "{key}: Gradle lacks {value}"
                );
            }
        }
        assert!(pom_text.contains("<sourceDirectory>src/main/kotlin</sourceDirectory>"));
        let sources = module.join("src/main/kotlin").join(group.replace('.', "/"));
        assert!(
            std::fs::read_dir(&sources).unwrap().any(|e| e
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "kt")),
            "{key}: no Kotlin source in {}",
            sources.display()
        );
        assert!(Path::new(&module.join("src/main/res/values/strings.xml")).exists());
    }
}

/// Texts that Android's resource compiler would read differently if written
/// as they are (references, quotes, collapsing spaces, format characters),
/// in locales that need every kind of qualifier folder.
fn android_catalog() -> String {
    let texts = [
        "@string/app_name",
        "?attr/colorPrimary",
        "@",
        "?",
        "two  spaces   three",
        "100% and %s and %1$d",
        "it's \\\"quoted\\\"",
        "<b>bold</b> &amp; ]]>",
        "tab\\there\\nnew line\\r\\nend",
        "back\\\\slash \\\\n \\\\u0041",
        "control \\u0001 \\u007F end",
        "a\\u00A0nbsp\\u00A0b",
        "emoji 𝄞 中文 @ ? mid",
    ];
    let mut text = String::from(
        r#"[catalog]
name = "android-texts"
version = "0.1.0"
yes = { en = "Yes", zh-Hans-CN = "是", pt-BR = "Sim", es-419 = "Sí" }
no = { en = "No", zh-Hans-CN = "否", pt-BR = "Não", es-419 = "No" }
title = { en = "Texts", zh-Hans-CN = "文本", pt-BR = "Textos", es-419 = "Textos" }
locales = ["en", "zh-Hans-CN", "pt-BR", "es-419"]
unknown_code = { en = "Unknown {code}", zh-Hans-CN = "未知 {code}", pt-BR = "Desconhecido {code}", es-419 = "Desconocido {code}" }

[[section]]
id = "main"
title = { en = "Texts", zh-Hans-CN = "文本", pt-BR = "Textos", es-419 = "Textos" }

[[set]]
name = "TextCode"
section = "main"
key = "int"
code_label = { en = "Code", zh-Hans-CN = "码", pt-BR = "Código", es-419 = "Código" }
message_label = { en = "Text", zh-Hans-CN = "文本", pt-BR = "Texto", es-419 = "Texto" }
hint_label = { en = "Hint", zh-Hans-CN = "提示", pt-BR = "Dica", es-419 = "Pista" }
"#,
    );
    for (n, t) in texts.iter().enumerate() {
        let other = texts[(n + 1) % texts.len()];
        text.push_str(&format!(
            "\n[[set.entry]]\nname = \"Text{n}\"\ncodes = [{n}]\nmessage = {{ en = \"{t}\", zh-Hans-CN = \"{other}\", pt-BR = \"{t}!\", es-419 = \"¡{t}\" }}\nhint = {{ en = \"{other}\", zh-Hans-CN = \"{t}\", pt-BR = \"{t}\", es-419 = \"{t}\\u00A0!\" }}\n"
        ));
    }
    text
}
