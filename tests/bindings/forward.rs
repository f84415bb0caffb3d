//! Forward-compatible decoding in Rust: a probe binary decodes, per set, a JSON
//! document holding an alias, a code the catalog does not know and a canonical
//! code into `Vec<Code<Set>>`, writes it back, and parses the same texts with
//! `FromStr`; [`expected`] predicts every line from the JSON export alone.

use std::fmt::Write as _;

use retcode::model::{Code, KeyKind, Model};
use retcode::render::naming::Oracle;
use retcode::render::rust::Rust;
use serde_json::Value;

use super::expected::{code_text, escape, unknown_code};

/// The codes of the document for one set, as JSON values: an alias of the first
/// entry that has one (else the first entry's canonical code), the unknown code,
/// and that entry's canonical code; with the entry's name.
fn document(set: &Value) -> Option<(String, Vec<Value>)> {
    let entries = set["entries"].as_array()?;
    let entry = entries
        .iter()
        .find(|e| e["codes"].as_array().unwrap().len() > 1)
        .or_else(|| entries.first())?;
    let codes = entry["codes"].as_array().unwrap();
    let alias = codes.get(1).unwrap_or(&codes[0]).clone();
    let name = entry["name"].as_str().unwrap().to_string();
    Some((name, vec![alias, unknown_code(set), codes[0].clone()]))
}

/// The JSON export of `model`'s set `index`, rebuilt from the model for the probe.
fn set_json(model: &Model, index: usize) -> Value {
    let set = &model.sets[index];
    let code = |c: &Code| match c {
        Code::Int(n) => Value::from(*n),
        Code::Str(s) => Value::from(s.as_str()),
    };
    serde_json::json!({
        "key": if set.key == KeyKind::Int { "int" } else { "str" },
        "entries": set.entries.iter().map(|e| serde_json::json!({
            "name": e.name,
            "codes": e.codes.iter().map(code).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// `src/bin/forward.rs` of a probe crate depending on the generated crate `krate`
/// with its `serde` feature, and on `serde_json`.
pub fn rust_probe(model: &Model, krate: &str) -> String {
    let mut src = format!(
        "use {krate}::*;\n\nfn esc(s: &str) -> String {{\n    s.replace('\\\\', \"\\\\\\\\\").replace('\\n', \"\\\\n\").replace('\\r', \"\\\\r\").replace('\\t', \"\\\\t\")\n}}\n\nfn main() {{\n"
    );
    for (index, set) in model.sets.iter().enumerate() {
        let Some((_, codes)) = document(&set_json(model, index)) else {
            continue;
        };
        let name = Rust.type_name(&set.name);
        let key = Rust.string(&set.name);
        let doc = Rust.string(&serde_json::to_string(&codes).unwrap());
        let _ = writeln!(
            src,
            "    {{\n        let doc = {doc};\n        let decoded: Vec<Code<{name}>> = serde_json::from_str(doc).expect(\"an unknown code decodes\");"
        );
        let _ = writeln!(
            src,
            "        for (i, code) in decoded.iter().enumerate() {{\n            println!(\"{{}}\\t{{i}}\\tknown={{}}\", {key}, code.known().map_or(\"unknown\", |e| e.identifier()));\n            println!(\"{{}}\\t{{i}}\\traw={{}}\", {key}, esc(&code.raw().to_string()));\n        }}"
        );
        let _ = writeln!(
            src,
            "        println!(\"{{}}\\t1\\tdisplay={{}}\", {key}, esc(&decoded[1].to_string()));\n        println!(\"{{}}\\t*\\tround_trip={{}}\", {key}, esc(&serde_json::to_string(&decoded).unwrap()));\n        println!(\"{{}}\\t*\\tstrict={{}}\", {key}, serde_json::from_str::<Vec<{name}>>(doc).is_ok());"
        );
        // FromStr, on the texts of the alias and the unknown code.
        for (i, code) in codes.iter().take(2).enumerate() {
            let text = Rust.string(&code_text(code));
            let _ = writeln!(
                src,
                "        let text = {text};\n        println!(\"{{}}\\t{i}\\tparse={{}}\", {key}, esc(&text.parse::<{name}>().map_or_else(|e| format!(\"err:{{e}}\"), |e| e.identifier().to_string())));\n        let code: Code<{name}> = text.parse().expect(\"any code parses\");\n        println!(\"{{}}\\t{i}\\tparse_code={{}}\", {key}, code.known().map_or(\"unknown\", |e| e.identifier()));"
            );
        }
        if set.key == KeyKind::Int {
            let _ = writeln!(
                src,
                "        println!(\"{{}}\\t*\\tparse_code_text={{}}\", {key}, \"code\".parse::<Code<{name}>>().is_ok());"
            );
        }
        src.push_str("    }\n");
    }
    src.push_str("}\n");
    src
}

/// The lines [`rust_probe`] must print, from the JSON export.
pub fn expected(catalog: &Value) -> Vec<String> {
    let default = catalog["default_locale"].as_str().unwrap();
    let template = catalog["unknown_code"][default].as_str().unwrap();
    let mut out = Vec::new();
    for set in catalog["sets"].as_array().unwrap() {
        let Some((entry, codes)) = document(set) else {
            continue;
        };
        let name = set["name"].as_str().unwrap();
        let known = [entry.as_str(), "unknown", entry.as_str()];
        for (i, code) in codes.iter().enumerate() {
            out.push(format!("{name}\t{i}\tknown={}", known[i]));
            out.push(format!("{name}\t{i}\traw={}", escape(&code_text(code))));
        }
        let unknown = template.replace("{code}", &code_text(&codes[1]));
        out.push(format!("{name}\t1\tdisplay={}", escape(&unknown)));
        // Written back exactly as received: the alias stays an alias.
        let round_trip = serde_json::to_string(&codes).unwrap();
        out.push(format!("{name}\t*\tround_trip={}", escape(&round_trip)));
        out.push(format!("{name}\t*\tstrict=false"));
        out.push(format!("{name}\t0\tparse={entry}"));
        out.push(format!("{name}\t0\tparse_code={entry}"));
        out.push(format!("{name}\t1\tparse=err:{}", escape(&unknown)));
        out.push(format!("{name}\t1\tparse_code=unknown"));
        if set["key"] == "int" {
            out.push(format!("{name}\t*\tparse_code_text=false"));
        }
    }
    out
}
