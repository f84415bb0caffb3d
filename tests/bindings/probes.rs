//! Probe programs, one per language: each looks up every code of every set
//! through the generated API and prints the facts `expected::lines` predicts.

use std::fmt::Write as _;

use retcode::model::{AttrKind, Code, CodeSet, KeyKind, Model};
use retcode::render::kotlin::Kotlin;
use retcode::render::naming::Oracle;
use retcode::render::rust::Rust;
use retcode::render::typescript::TypeScript;

use super::expected::{MATCH_LISTS, MATCH_TAGS, day_key, previous_day};

/// Probe statements printing `*\tlocale\tmatch:<tag>=<matched tag>` for every tag
/// of [`MATCH_TAGS`] and `match_any:<tags joined by ,>=…` for every list of
/// [`MATCH_LISTS`]; `print(key, expr)` spells one statement, `list` a list literal.
fn match_facts(
    lang: &dyn Oracle,
    single: &dyn Fn(&str) -> String,
    any: &dyn Fn(&str) -> String,
    list: &dyn Fn(&[String]) -> String,
    print: &dyn Fn(&str, &str) -> String,
) -> String {
    let mut src = String::new();
    for tag in MATCH_TAGS {
        let key = lang.string(&format!("*\tlocale\tmatch:{tag}="));
        src.push_str(&print(&key, &single(&lang.string(tag))));
    }
    for tags in MATCH_LISTS {
        let key = lang.string(&format!("*\tlocale\tmatch_any:{}=", tags.join(",")));
        let literals: Vec<String> = tags.iter().map(|t| lang.string(t)).collect();
        src.push_str(&print(&key, &any(&list(&literals))));
    }
    src
}

/// The code literal that no entry has, as the generated crates choose it.
fn unknown(set: &CodeSet, lang: &dyn Oracle) -> String {
    match set.key {
        KeyKind::Int => (0..)
            .map(|n| 1_999_999_999 - n)
            .find(|n| set.find(&Code::Int(*n)).is_none())
            .unwrap()
            .to_string(),
        KeyKind::Str => lang.string(
            &(0..)
                .map(|n| format!("no-such-code-{n}"))
                .find(|s| set.find(&Code::Str(s.clone())).is_none())
                .unwrap(),
        ),
    }
}

/// Days to ask a dated attribute about: the day before and the day of each change.
fn days(set: &CodeSet, attribute: usize) -> Vec<(i32, u32, u32)> {
    let mut days = Vec::new();
    for change in set.changes.iter().filter(|c| c.attribute == attribute) {
        let day = (
            i32::from(change.effective.year),
            u32::from(change.effective.month),
            u32::from(change.effective.day),
        );
        days.push(previous_day(day.0, day.1, day.2));
        days.push(day);
    }
    days.sort();
    days.dedup();
    days
}

/// `src/main.rs` of a Rust probe crate depending on the generated crate `krate`.
pub fn rust(model: &Model, krate: &str) -> String {
    let mut src = format!(
        "use {krate}::*;\n\nfn esc(s: &str) -> String {{\n    s.replace('\\\\', \"\\\\\\\\\").replace('\\n', \"\\\\n\").replace('\\r', \"\\\\r\").replace('\\t', \"\\\\t\")\n}}\n\nfn opt(s: Option<&str>) -> String {{\n    s.map_or_else(|| \"none\".to_string(), |s| format!(\"some:{{s}}\"))\n}}\n\nfn main() {{\n    println!(\"*\\t*\\tcatalog={{}} {{}}\", CATALOG_VERSION, CATALOG_HASH);\n"
    );
    src.push_str(&match_facts(
        &Rust,
        &|tag| format!("CatalogLocale::matching({tag}).tag()"),
        &|list| format!("CatalogLocale::matching_any({list}.iter().copied()).tag()"),
        &|items| {
            format!(
                "<[&str]>::iter(&[{}]).copied().collect::<Vec<_>>()",
                items.join(", ")
            )
        },
        &|key, expr| format!("    println!(\"{{}}{{}}\", {key}, {expr});\n"),
    ));
    for set in &model.sets {
        let name = Rust.type_name(&set.name);
        let _ = writeln!(
            src,
            "    for &entry in {name}::ALL {{\n        for &raw in entry.codes() {{"
        );
        let _ = writeln!(
            src,
            "            let code = raw.to_string();\n            let e = {name}::from_code(raw).expect(\"every code is found\");"
        );
        let _ = writeln!(
            src,
            "            let fact = |key: &str, value: &str| println!(\"{{}}\\t{{}}\\t{{}}={{}}\", {}, esc(&code), key, esc(value));",
            Rust.string(&set.name)
        );
        src.push_str("            fact(\"id\", e.identifier());\n            fact(\"code\", &e.code().to_string());\n");
        src.push_str("            for (i, c) in e.codes().iter().enumerate() {\n                fact(&format!(\"codes.{i}\"), &c.to_string());\n            }\n");
        src.push_str("            for &l in CatalogLocale::ALL {\n                fact(&format!(\"message.{}\", l.tag()), e.message_in(l));\n            }\n            fact(\"message\", e.message());\n");
        src.push_str("            for &l in CatalogLocale::ALL {\n                fact(&format!(\"hint.{}\", l.tag()), &opt(e.hint_in(l)));\n            }\n            fact(\"hint\", &opt(e.hint()));\n");
        if model.docs_url.is_some() {
            src.push_str("            fact(\"doc_url\", e.doc_url());\n");
        }
        for (index, attribute) in set.attributes.iter().enumerate() {
            let key = Rust.string(&attribute.name);
            let print = |expr: &str, key: &str| -> String {
                match attribute.kind {
                    AttrKind::Bool => format!("            fact({key}, &{expr}.to_string());\n"),
                    AttrKind::Enum(_) => format!("            fact({key}, {expr}.identifier());\n"),
                    AttrKind::List(_) => format!(
                        "            let list = {expr};\n            fact(&format!(\"{{}}.len\", {key}), &list.len().to_string());\n            for (i, v) in list.iter().enumerate() {{\n                fact(&format!(\"{{}}.{{i}}\", {key}), v.identifier());\n            }}\n"
                    ),
                    AttrKind::Text => format!("            fact({key}, {expr});\n"),
                }
            };
            let accessor = if attribute.kind == AttrKind::Bool {
                Rust.bool_member(&attribute.name)
            } else {
                Rust.member(&attribute.name)
            };
            src.push_str(&print(&format!("e.{accessor}()"), &key));
            if attribute.kind == AttrKind::Text {
                let in_accessor = Rust.member(&format!("{}_in", attribute.name));
                let _ = writeln!(
                    src,
                    "            for &l in CatalogLocale::ALL {{\n                fact(&format!(\"{{}}.{{}}\", {key}, l.tag()), e.{in_accessor}(l));\n            }}"
                );
            }
            if attribute.has_changes {
                let on = format!("{}_on", attribute.name);
                let on = if attribute.kind == AttrKind::Bool {
                    Rust.bool_member(&on)
                } else {
                    Rust.member(&on)
                };
                for (y, m, d) in days(set, index) {
                    src.push_str(&print(
                        &format!("e.{on}({y}, {m}, {d})"),
                        &Rust.string(&day_key(&attribute.name, (y, m, d))),
                    ));
                }
            }
        }
        src.push_str("        }\n    }\n");
        let probe = unknown(set, &Rust);
        let _ = writeln!(
            src,
            "    println!(\"{{}}\\t?\\tunknown={{}}\", {}, if {name}::from_code({probe}).is_none() {{ \"none\" }} else {{ \"found\" }});",
            Rust.string(&set.name)
        );
        let _ = writeln!(
            src,
            "    println!(\"{{}}\\t?\\tdescribe={{}}\", {}, esc(&{name}::describe({probe})));",
            Rust.string(&set.name)
        );
        let _ = writeln!(
            src,
            "    println!(\"{{}}\\t*\\tcount={{}}\", {}, {name}::ALL.len());",
            Rust.string(&set.name)
        );
    }
    src.push_str("}\n");
    src
}

/// `probe.ts`, importing the generated module from `./index.js`.
pub fn typescript(model: &Model) -> String {
    let names: Vec<String> = model
        .sets
        .iter()
        .map(|s| TypeScript.type_name(&s.name))
        .collect();
    // Error sets also import their `Error` subclass, checked below.
    let imports: Vec<String> = model
        .sets
        .iter()
        .zip(&names)
        .flat_map(|(set, name)| {
            let error = set.is_error.then(|| format!("{name}Error"));
            std::iter::once(name.clone()).chain(error)
        })
        .collect();
    let mut src = format!(
        "import {{ CATALOG_HASH, CATALOG_LOCALES, CATALOG_VERSION, matchLocale, matchLocales, {} }} from \"./index.js\";\n\n",
        imports.join(", ")
    );
    src.push_str("const lines: string[] = [];\n\nfunction esc(s: string): string {\n  return s.replaceAll(\"\\\\\", \"\\\\\\\\\").replaceAll(\"\\n\", \"\\\\n\").replaceAll(\"\\r\", \"\\\\r\").replaceAll(\"\\t\", \"\\\\t\");\n}\n\n");
    src.push_str("function opt(s: string | undefined): string {\n  return s === undefined ? \"none\" : \"some:\" + s;\n}\n\n");
    src.push_str("lines.push(\"*\\t*\\tcatalog=\" + CATALOG_VERSION + \" \" + CATALOG_HASH);\n");
    src.push_str(&match_facts(
        &TypeScript,
        &|tag| format!("matchLocale({tag})"),
        &|list| format!("matchLocales({list})"),
        &|items| format!("[{}]", items.join(", ")),
        &|key, expr| format!("lines.push({key} + {expr});\n"),
    ));
    for (set, name) in model.sets.iter().zip(&names) {
        let set_name = TypeScript.string(&set.name);
        let _ = writeln!(
            src,
            "for (const entry of {name}.all()) {{\n  for (const raw of entry.codes) {{\n    const code = String(raw);\n    const e = {name}.fromCode(raw);\n    if (e === undefined) {{\n      throw new Error(\"lost code \" + code);\n    }}"
        );
        let _ = writeln!(
            src,
            "    const fact = (key: string, value: string): void => {{\n      lines.push({set_name} + \"\\t\" + esc(code) + \"\\t\" + key + \"=\" + esc(value));\n    }};"
        );
        // decode keeps the code as received; an error set's Error carries it.
        src.push_str("    const decoded = NAME.decode(raw);\n    if (decoded.known !== e || decoded.raw !== raw) {\n      throw new Error(\"decode lost \" + code);\n    }\n".replace("NAME", name).as_str());
        if set.is_error {
            let _ = writeln!(
                src,
                "    const error = new {name}Error(raw, {{ locale: CATALOG_LOCALES[CATALOG_LOCALES.length - 1] }});\n    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;\n    if (!(error instanceof Error) || error.entry !== e || error.code !== e.code || error.raw !== raw || error.name !== \"{name}Error\" || error.message !== e.messageIn(error.locale) || json[\"identifier\"] !== e.identifier || json[\"raw\"] !== raw || json[\"code\"] !== e.code || json[\"message\"] !== error.message) {{\n      throw new Error(\"wrong error for \" + code);\n    }}"
            );
        }
        src.push_str("    fact(\"id\", e.identifier);\n    fact(\"code\", String(e.code));\n    e.codes.forEach((c, i) => fact(\"codes.\" + i, String(c)));\n");
        src.push_str("    for (const l of CATALOG_LOCALES) {\n      fact(\"message.\" + l, e.messageIn(l));\n    }\n    fact(\"message\", e.message);\n");
        src.push_str("    for (const l of CATALOG_LOCALES) {\n      fact(\"hint.\" + l, opt(e.hintIn(l)));\n    }\n    fact(\"hint\", opt(e.hint));\n");
        if model.docs_url.is_some() {
            src.push_str("    fact(\"doc_url\", e.docUrl);\n");
        }
        for (index, attribute) in set.attributes.iter().enumerate() {
            let key = TypeScript.string(&attribute.name);
            let print = |expr: &str, key: &str| -> String {
                match attribute.kind {
                    AttrKind::Bool => format!("    fact({key}, String({expr}));\n"),
                    AttrKind::Enum(_) => format!("    fact({key}, {expr}.identifier);\n"),
                    AttrKind::List(_) => format!(
                        "    fact({key} + \".len\", String({expr}.length));\n    {expr}.forEach((v, i) => fact({key} + \".\" + i, v.identifier));\n"
                    ),
                    AttrKind::Text => format!("    fact({key}, {expr});\n"),
                }
            };
            let accessor = if attribute.kind == AttrKind::Bool {
                TypeScript.bool_member(&attribute.name)
            } else {
                TypeScript.member(&attribute.name)
            };
            src.push_str(&print(&format!("e.{accessor}"), &key));
            if attribute.kind == AttrKind::Text {
                let in_accessor = TypeScript.member(&format!("{}_in", attribute.name));
                let _ = writeln!(
                    src,
                    "    for (const l of CATALOG_LOCALES) {{\n      fact({key} + \".\" + l, e.{in_accessor}(l));\n    }}"
                );
            }
            if attribute.has_changes {
                let on = format!("{}_on", attribute.name);
                let on = if attribute.kind == AttrKind::Bool {
                    TypeScript.bool_member(&on)
                } else {
                    TypeScript.member(&on)
                };
                for (y, m, d) in days(set, index) {
                    src.push_str(&print(
                        &format!("e.{on}({y}, {m}, {d})"),
                        &TypeScript.string(&day_key(&attribute.name, (y, m, d))),
                    ));
                }
            }
        }
        src.push_str("  }\n}\n");
        let probe = unknown(set, &TypeScript);
        let _ = writeln!(
            src,
            "lines.push({set_name} + \"\\t?\\tunknown=\" + ({name}.fromCode({probe}) === undefined ? \"none\" : \"found\"));"
        );
        let _ = writeln!(
            src,
            "lines.push({set_name} + \"\\t?\\tdescribe=\" + esc({name}.describe({probe})));"
        );
        // An unknown code decodes, and makes an Error, without losing it.
        let _ = writeln!(
            src,
            "if ({name}.decode({probe}).known !== undefined || {name}.decode({probe}).raw !== {probe}) {{\n  throw new Error(\"decode of an unknown code\");\n}}"
        );
        if set.is_error {
            let _ = writeln!(
                src,
                "if (new {name}Error({probe}).entry !== undefined || new {name}Error({probe}).message !== {name}.describe({probe}) || new {name}Error({probe}).toJSON().identifier !== null) {{\n  throw new Error(\"Error of an unknown code\");\n}}"
            );
        }
        let _ = writeln!(
            src,
            "lines.push({set_name} + \"\\t*\\tcount=\" + String({name}.all().length));"
        );
    }
    src.push_str("console.log(lines.join(\"\\n\"));\n");
    src
}

/// `Probe.kt` in the catalog's package, with a `main`.
pub fn kotlin(model: &Model) -> String {
    let package = retcode::render::kotlin::package(model);
    let mut src = format!(
        "package {package}\n\nprivate fun esc(s: String): String =\n    s.replace(\"\\\\\", \"\\\\\\\\\").replace(\"\\n\", \"\\\\n\").replace(\"\\r\", \"\\\\r\").replace(\"\\t\", \"\\\\t\")\n\n"
    );
    src.push_str(
        "private fun opt(s: String?): String = if (s == null) \"none\" else \"some:\" + s\n\n",
    );
    // One function per set: a single `main` would outgrow the JVM's 64 KiB method limit.
    for (number, set) in model.sets.iter().enumerate() {
        let _ = writeln!(src, "private fun probe{number}(out: StringBuilder) {{");
        let name = Kotlin.type_name(&set.name);
        let set_name = Kotlin.string(&set.name);
        let text = |expr: &str| {
            if set.key == KeyKind::Int {
                format!("{expr}.toString()")
            } else {
                expr.to_string()
            }
        };
        let _ = writeln!(
            src,
            "    for (entry in {name}.entries) {{\n        for (raw in entry.codes) {{\n            val code = {}\n            val e = {name}.fromCode(raw) ?: error(\"lost code \" + code)",
            text("raw")
        );
        let _ = writeln!(
            src,
            "            val fact = {{ key: String, value: String -> out.append({set_name} + \"\\t\" + esc(code) + \"\\t\" + key + \"=\" + esc(value) + \"\\n\") }}"
        );
        let _ = writeln!(
            src,
            "            fact(\"id\", e.identifier)\n            fact(\"code\", {})\n            e.codes.forEachIndexed {{ i, c -> fact(\"codes.\" + i, {}) }}",
            text("e.code"),
            text("c")
        );
        src.push_str("            for (l in CatalogLocale.entries) fact(\"message.\" + l.tag, e.messageIn(l))\n            fact(\"message\", e.message)\n");
        src.push_str("            for (l in CatalogLocale.entries) fact(\"hint.\" + l.tag, opt(e.hintIn(l)))\n            fact(\"hint\", opt(e.hint))\n");
        if model.docs_url.is_some() {
            src.push_str("            fact(\"doc_url\", e.docUrl)\n");
        }
        for (index, attribute) in set.attributes.iter().enumerate() {
            let key = Kotlin.string(&attribute.name);
            let print = |expr: &str, key: &str| -> String {
                match attribute.kind {
                    AttrKind::Bool => format!("            fact({key}, {expr}.toString())\n"),
                    AttrKind::Enum(_) => format!("            fact({key}, {expr}.identifier)\n"),
                    AttrKind::List(_) => format!(
                        "            {expr}.let {{ list ->\n                fact({key} + \".len\", list.size.toString())\n                list.forEachIndexed {{ i, v -> fact({key} + \".\" + i, v.identifier) }}\n            }}\n"
                    ),
                    AttrKind::Text => format!("            fact({key}, {expr})\n"),
                }
            };
            let accessor = if attribute.kind == AttrKind::Bool {
                Kotlin.bool_member(&attribute.name)
            } else {
                Kotlin.member(&attribute.name)
            };
            src.push_str(&print(&format!("e.{accessor}"), &key));
            if attribute.kind == AttrKind::Text {
                let in_accessor = Kotlin.member(&format!("{}_in", attribute.name));
                let _ = writeln!(
                    src,
                    "            for (l in CatalogLocale.entries) fact({key} + \".\" + l.tag, e.{in_accessor}(l))"
                );
            }
            if attribute.has_changes {
                let on = format!("{}_on", attribute.name);
                let on = if attribute.kind == AttrKind::Bool {
                    Kotlin.bool_member(&on)
                } else {
                    Kotlin.member(&on)
                };
                for (y, m, d) in days(set, index) {
                    src.push_str(&print(
                        &format!("e.{on}({y}, {m}, {d})"),
                        &Kotlin.string(&day_key(&attribute.name, (y, m, d))),
                    ));
                }
            }
        }
        src.push_str("        }\n    }\n");
        let probe = unknown(set, &Kotlin);
        let _ = writeln!(
            src,
            "    out.append({set_name} + \"\\t?\\tunknown=\" + (if ({name}.fromCode({probe}) == null) \"none\" else \"found\") + \"\\n\")"
        );
        let _ = writeln!(
            src,
            "    out.append({set_name} + \"\\t?\\tdescribe=\" + esc({name}.describe({probe})) + \"\\n\")"
        );
        src.push_str(&kotlin_surface(model, set, &probe));
        let _ = writeln!(
            src,
            "    out.append({set_name} + \"\\t*\\tcount=\" + {name}.entries.size + \"\\n\")\n}}\n"
        );
    }
    src.push_str("public fun main() {\n    val out = StringBuilder()\n");
    src.push_str(
        "    out.append(\"*\\t*\\tcatalog=\" + CATALOG_VERSION + \" \" + CATALOG_HASH + \"\\n\")\n",
    );
    src.push_str(&match_facts(
        &Kotlin,
        &|tag| format!("CatalogLocale.matching({tag}).tag"),
        &|list| format!("CatalogLocale.matchingAny({list}).tag"),
        &|items| format!("listOf<String>({})", items.join(", ")),
        &|key, expr| format!("    out.append({key} + {expr} + \"\\n\")\n"),
    ));
    for number in 0..model.sets.len() {
        let _ = writeln!(src, "    probe{number}(out)");
    }
    src.push_str("    probeEnums(out)\n    print(out)\n}\n");
    // Kotlin-only facts: every enum value's identifier and labels (read from the
    // packed per-locale tables), after the sets' as `kotlin::surface_lines` has them.
    src.push_str("\nprivate fun probeEnums(out: StringBuilder) {\n");
    for e in &model.enums {
        let name = Kotlin.type_name(&e.name);
        let _ = writeln!(
            src,
            "    for (v in {name}.entries) {{\n        val kt = {{ key: String, value: String -> out.append(\"kt\\t\" + {} + \"\\t\" + v.identifier + \"\\t\" + key + \"=\" + esc(value) + \"\\n\") }}\n        kt(\"identifier\", v.identifier)\n        kt(\"label\", v.label)\n        for (l in CatalogLocale.entries) kt(\"label.\" + l.tag, v.labelIn(l))\n    }}",
            Kotlin.string(&e.name)
        );
    }
    src.push_str("}\n");
    src
}

/// Kotlin-only facts, lines starting `kt\t` (`kotlin::surface_lines` predicts
/// them): every code through `Received` (raw kept, an alias too) and, for an
/// error set, thrown and caught as its exception, messages in the last locale;
/// the unknown code `probe` the same way.
fn kotlin_surface(model: &Model, set: &CodeSet, probe: &str) -> String {
    let name = Kotlin.type_name(&set.name);
    let set_name = Kotlin.string(&set.name);
    let last = Kotlin.string(model.locales.last().expect("a locale").as_str());
    let text = |expr: &str| {
        if set.key == KeyKind::Int {
            format!("{expr}.toString()")
        } else {
            expr.to_string()
        }
    };
    let mut src = format!(
        "    val last = CatalogLocale.fromTag({last}) ?: error(\"no last locale\")\n    val kt = {{ code: String, key: String, value: String -> out.append(\"kt\\t\" + {set_name} + \"\\t\" + esc(code) + \"\\t\" + key + \"=\" + esc(value) + \"\\n\") }}\n"
    );
    let known = |r: &str| format!("({r}.known?.let {{ {} }} ?: \"none\")", text("it.code"));
    let _ = writeln!(
        src,
        "    for (entry in {name}.entries) {{\n        for (raw in entry.codes) {{\n            val r = {name}.Received.of(raw)\n            check(r == {name}.Received.of(raw) && r.hashCode() == {name}.Received.of(raw).hashCode())\n            kt({raw}, \"received\", {rraw} + \"|\" + {known} + \"|\" + r.messageIn(last))",
        raw = text("raw"),
        rraw = text("r.raw"),
        known = known("r"),
    );
    let exception = format!("{name}Exception");
    if set.is_error {
        let code = format!("(e.code?.let {{ {} }} ?: \"none\")", text("it.code"));
        let _ = writeln!(
            src,
            "            try {{\n                throw {exception}(r, last)\n            }} catch (e: {exception}) {{\n                kt({raw}, \"thrown\", {code} + \"|\" + (e.message ?: \"null\"))\n            }}",
            raw = text("raw"),
        );
    }
    src.push_str("        }\n");
    let _ = writeln!(
        src,
        "        kt({}, \"resource\", entry.messageResourceName + \"|\" + (entry.hintResourceName ?: \"none\"))",
        text("entry.code")
    );
    if set.is_error {
        let _ = writeln!(
            src,
            "        val e: RuntimeException = {exception}(entry)\n        kt({code}, \"thrown.default\", (if (e is {exception}) {raw} else \"?\") + \"|\" + e.message)",
            code = text("entry.code"),
            raw = text("e.received.raw"),
        );
    }
    src.push_str("    }\n");
    let _ = writeln!(
        src,
        "    {name}.Received.of({probe}).let {{ r ->\n        kt(\"?\", \"received\", {rraw} + \"|\" + {known} + \"|\" + r.messageIn(last))",
        rraw = text("r.raw"),
        known = known("r"),
    );
    if set.is_error {
        let _ = writeln!(
            src,
            "        val e = {exception}(r, last)\n        kt(\"?\", \"thrown\", (if (e.code == null) \"none\" else \"found\") + \"|\" + e.message)"
        );
    }
    src.push_str("    }\n");
    src
}
