//! Every name the generated code declares is in its backend's declared API
//! (`retcode::render::api`): tree-sitter lists the declarations of each code
//! backend's output (`tests/tools/declared_names.py`), for every catalog the
//! bindings tests render, and each must match a name that
//! `api::declared_names` gives for its scope. A template that prints a name
//! its declaration lacks fails here, so validation, which checks catalog names
//! against the declaration, cannot miss a clash with it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Rendered, root, tool};

/// The source files of a code backend's output, by the endings its
/// [`super::Contract`] names.
fn sources(backend: &str, dir: &Path) -> Vec<PathBuf> {
    let endings = super::contract(backend).map_or(&[][..], |c| c.sources);
    assert!(
        !endings.is_empty(),
        "no source endings for backend `{backend}` in its contract (tests/bindings/main.rs)"
    );
    let mut found = Vec::new();
    collect(&dir.join(backend), &mut found);
    found.retain(|path| {
        let name = path.file_name().unwrap().to_string_lossy();
        // Package manifests written in the language declare no API.
        name != "Package.swift" && endings.iter().any(|e| name.ends_with(e))
    });
    found.sort();
    found
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, found);
        } else {
            found.push(path);
        }
    }
}

/// A name without the escape its language may need (`r#type`, `` `class` ``);
/// the extractor reports names so.
fn unescaped(name: &str) -> &str {
    let name = name.strip_prefix("r#").unwrap_or(name);
    name.strip_prefix('`')
        .and_then(|n| n.strip_suffix('`'))
        .unwrap_or(name)
}

/// Whether `name` matches `pattern`, where `{n}` stands for a decimal number.
fn matches(pattern: &str, name: &str) -> bool {
    match pattern.split_once("{n}") {
        None => pattern == name,
        Some((before, after)) => {
            let Some(rest) = name.strip_prefix(before) else {
                return false;
            };
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && matches(after, &rest[digits..])
        }
    }
}

/// Runs `tests/tools/<script>` over the source files of `backend` in every
/// catalog: its JSON output, and each file's catalog by path.
fn read_sources(
    script: &str,
    backend: &str,
    catalogs: &[Rendered],
) -> (serde_json::Value, BTreeMap<String, usize>) {
    let mut files = Vec::new();
    let mut catalog_of: BTreeMap<String, usize> = BTreeMap::new();
    for (i, catalog) in catalogs.iter().enumerate() {
        for file in sources(backend, &catalog.dir) {
            catalog_of.insert(file.display().to_string(), i);
            files.push(file);
        }
    }
    let output = Command::new(tool("venv/bin/python"))
        .arg(root().join("tests/tools").join(script))
        .arg(backend)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{script} {backend} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (serde_json::from_slice(&output.stdout).unwrap(), catalog_of)
}

pub fn check(catalogs: &[Rendered]) {
    let mut problems = Vec::new();
    for backend in retcode::BACKENDS {
        let Some(oracle) = backend.oracle() else {
            continue;
        };
        let name = backend.name();
        let (output, catalog_of) = read_sources("declared_names.py", name, catalogs);
        let found: Vec<serde_json::Value> = serde_json::from_value(output).unwrap();
        let declared: Vec<BTreeMap<String, BTreeSet<String>>> = catalogs
            .iter()
            .map(|c| retcode::render::declared::declared_names(oracle, &c.model))
            .collect();
        let mut scopes_seen = BTreeSet::new();
        for declaration in &found {
            let field = |key: &str| declaration[key].as_str().unwrap_or_default().to_string();
            let (scope, kind, declared_name) = (field("scope"), field("kind"), field("name"));
            let file = field("file");
            let catalog = catalog_of[&file];
            let names = &declared[catalog];
            let in_scope: Vec<&BTreeSet<String>> = names
                .iter()
                .filter(|(pattern, _)| matches(pattern, &scope))
                .map(|(_, names)| names)
                .collect();
            // A trait's method implemented for a type the code does not declare
            // (`impl Code for i32`) is named by the trait, which is declared.
            if in_scope.is_empty() && declaration["trait_impl"].as_bool() == Some(true) {
                continue;
            }
            scopes_seen.insert((catalog, scope.clone()));
            let known = in_scope.iter().any(|names| {
                names
                    .iter()
                    .any(|pattern| matches(unescaped(pattern), &declared_name))
            });
            if !known {
                let scope = generic_scope(oracle, &catalogs[catalog].model, &scope);
                let shown_scope = if scope.is_empty() {
                    "file level"
                } else {
                    &scope
                };
                problems.push(format!(
                    "{name}: {kind} `{declared_name}` in {shown_scope} (e.g. {} {}:{})",
                    catalogs[catalog].key,
                    Path::new(&file)
                        .strip_prefix(&catalogs[catalog].dir)
                        .unwrap_or(Path::new(&file))
                        .display(),
                    declaration["line"]
                ));
            }
        }
        // The check saw every set type of every catalog: the scopes line up.
        for (i, catalog) in catalogs.iter().enumerate() {
            for set in &catalog.model.sets {
                let spelled = oracle.type_name(&set.name);
                assert!(
                    scopes_seen.contains(&(i, spelled.clone())),
                    "{name}: no declaration was read inside set type `{spelled}` of {}",
                    catalog.key
                );
            }
        }
    }
    problems.sort();
    // One line per missing name and scope, whichever catalog showed it first.
    problems.dedup_by(|a, b| a.split(" (e.g. ").next() == b.split(" (e.g. ").next());
    assert!(
        problems.is_empty(),
        "{} declarations missing from the backend's declared API (src/render/<lang>.rs, `API`):\n{}",
        problems.len(),
        problems
            .iter()
            .take(200)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// A scope path with the catalog's type names as the placeholders of
/// `api::Helper::scope` (`{set}`, `{error_set}`, `{enum}`).
fn generic_scope(
    oracle: &dyn retcode::render::naming::Oracle,
    model: &retcode::model::Model,
    scope: &str,
) -> String {
    scope
        .split('.')
        .map(|part| {
            if let Some(set) = model
                .sets
                .iter()
                .find(|s| oracle.type_name(&s.name) == part)
            {
                if set.is_error { "{error_set}" } else { "{set}" }.to_string()
            } else if model
                .enums
                .iter()
                .any(|e| oracle.type_name(&e.name) == part)
            {
                "{enum}".to_string()
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[test]
fn number_patterns() {
    assert!(matches("D{n}", "D0"));
    assert!(matches("_Rows{n}", "_Rows12"));
    assert!(matches("x.{n}.y", "x.3.y"));
    assert!(!matches("D{n}", "D"));
    assert!(!matches("D{n}", "Da"));
    assert!(!matches("D{n}", "D1a"));
    assert!(matches("SdkCode", "SdkCode"));
}

/// Every UpperCamel name the generated code of each code backend uses without
/// a module prefix resolves to a name the module declares (its own types and
/// the catalog's, their cases) or to one its declared API reserves (`Api::file`
/// and the keyword lists, which validation keeps catalog types from taking), so
/// no catalog name can shadow a standard type the code relies on (Swift's
/// `Unicode` in `Unicode.Scalar(…)`, Kotlin's `JvmStatic`). For Swift this
/// stands in for a compiler's name resolution; the others are compiled too.
pub fn names_resolve(catalogs: &[Rendered]) {
    let mut unresolved = BTreeSet::new();
    for backend in retcode::BACKENDS {
        let Some(oracle) = backend.oracle() else {
            continue;
        };
        let name = backend.name();
        let api = oracle.api();
        let (report, catalog_of) = read_sources("used_types.py", name, catalogs);
        let generics: BTreeSet<&str> = report["generics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|g| g.as_str())
            .collect();
        let reserved: BTreeSet<&str> = api
            .file
            .iter()
            .chain(api.keywords.iter().flat_map(|list| list.iter()))
            .chain(api.set_trait_items)
            .copied()
            .chain([api.locale_type])
            .collect();
        let declared: Vec<BTreeSet<String>> = catalogs
            .iter()
            .map(|c| {
                let names = retcode::render::declared::declared_names(oracle, &c.model);
                let scopes: Vec<String> = names
                    .keys()
                    .flat_map(|scope| scope.split('.').map(str::to_string))
                    .collect();
                scopes
                    .into_iter()
                    .chain(names.into_values().flatten())
                    .map(|n| unescaped(&n).to_string())
                    .collect()
            })
            .collect();
        let uses = report["uses"].as_array().unwrap();
        assert!(
            uses.len() > 100,
            "{name}: too few uses read to prove anything"
        );
        for used in uses {
            let used_name = used["name"].as_str().unwrap();
            let file = used["file"].as_str().unwrap();
            let catalog = catalog_of[file];
            let known = reserved.contains(used_name)
                || generics.contains(used_name)
                || declared[catalog]
                    .iter()
                    .any(|pattern| matches(pattern, used_name));
            if !known {
                unresolved.insert(format!(
                    "{name}: `{used_name}` (e.g. {} line {})",
                    catalogs[catalog].key, used["line"]
                ));
            }
        }
    }
    let unresolved: Vec<String> = unresolved.into_iter().collect();
    assert!(
        unresolved.is_empty(),
        "names used but neither declared nor reserved in the backend's declared API \
         (add them to its file-level names, or qualify them with their module):\n{}",
        unresolved.join("\n")
    );
}
