//! The crate's module graph: no upward imports and no cycles.
//!
//! A module may use its own submodules, its siblings and modules elsewhere in
//! the crate, but not the items of a module that contains it: a parent only
//! declares its children and re-exports them (the registry, the backend trait
//! and the thread scheduler each have a module of their own). Between the
//! children of any module, uses form no cycle, so each can be read before the
//! ones that use it. Paths are read from `use` lines and from inline
//! `crate::`/`super::`/`self::` paths; `#[cfg(test)] mod tests` blocks are
//! skipped, as they sit inside the module they test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type ModulePath = Vec<String>;

/// Every module file of the library: its module path and source without tests.
fn modules() -> BTreeMap<ModulePath, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &mut files);
    files
        .into_iter()
        // The binary's root, and test modules (`validate/tests.rs`), which sit
        // inside the module they test.
        .filter(|file| {
            file.file_name()
                .is_some_and(|n| n != "main.rs" && n != "tests.rs")
        })
        .map(|file| {
            let relative = file.strip_prefix(&src).unwrap().with_extension("");
            let mut path: ModulePath = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if path
                .last()
                .is_some_and(|last| last == "mod" || last == "lib")
            {
                path.pop();
            }
            let text = std::fs::read_to_string(&file).unwrap();
            (path, without_tests(&text))
        })
        .collect()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The source up to its `#[cfg(test)] mod tests` block, with comments and
/// string literals blanked so paths in them do not count.
fn without_tests(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
    let mut code = String::new();
    for line in text[..end].lines() {
        let mut kept = String::new();
        let mut in_string = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if in_string => {
                    chars.next();
                }
                '"' => in_string = !in_string,
                '/' if !in_string && chars.peek() == Some(&'/') => break,
                _ if in_string => {}
                _ => kept.push(c),
            }
        }
        code.push_str(&kept);
        code.push('\n');
    }
    code
}

/// The paths a module's source names: every `use` tree expanded, and every
/// inline path starting at `crate`, `super` or `self`.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(start) = find_use(rest) {
        let after = &rest[start..];
        let end = after.find(';').unwrap_or(after.len());
        expand(&[], after[..end].trim(), &mut found);
        rest = &after[end..];
    }
    let without_uses = strip_uses(code);
    let bytes = without_uses.as_bytes();
    for root in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = without_uses[from..].find(root) {
            let start = from + at;
            from = start + root.len();
            let before = start.checked_sub(1).map(|i| bytes[i] as char);
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = without_uses[start..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            found.push(
                path.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    found
}

/// The start of the next `use` tree (after `use `) at the start of a statement.
fn find_use(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find("use ") {
        let start = from + at;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let prefix = text[line_start..start].trim();
        if prefix.is_empty() || prefix == "pub" || prefix.starts_with("pub(") {
            return Some(start + 4);
        }
        from = start + 4;
    }
    None
}

fn strip_uses(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(start) = find_use(rest) {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find(';').unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Expands a use tree (`a::{b, c::{d, e}}`) into its paths under `prefix`.
fn expand(prefix: &[String], tree: &str, found: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = segments(&tree[..open]);
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut base = prefix.to_vec();
        base.extend(head);
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&base, &inner[start..i], found);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&base, &inner[start..], found);
    } else if !tree.is_empty() {
        let mut path = prefix.to_vec();
        let tree = tree.split(" as ").next().unwrap_or(tree);
        path.extend(segments(tree));
        found.push(path);
    }
}

fn segments(text: &str) -> Vec<String> {
    text.split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The module a path reaches from `module`, and whether it names an item of
/// that module rather than the module itself. `None` for paths outside the crate.
fn resolve(
    module: &ModulePath,
    path: &[String],
    known: &BTreeSet<ModulePath>,
) -> Option<(ModulePath, bool)> {
    let mut at: ModulePath;
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => {
            at = Vec::new();
            rest = &path[1..];
        }
        Some("self") => {
            at = module.clone();
            rest = &path[1..];
        }
        Some("super") => {
            at = module.clone();
            while rest.first().is_some_and(|s| s == "super") {
                at.pop();
                rest = &rest[1..];
            }
        }
        _ => {
            // A path from a child module declared in this file, e.g. `html::Anchors`.
            let mut child = module.clone();
            child.push(path.first()?.clone());
            if !known.contains(&child) {
                return None;
            }
            at = module.clone();
        }
    }
    for segment in rest {
        let mut deeper = at.clone();
        deeper.push(segment.clone());
        if known.contains(&deeper) {
            at = deeper;
        } else {
            return Some((at, segment != "*"));
        }
    }
    Some((at, false))
}

fn name(module: &ModulePath) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

/// (module, path) pairs whose path reaches an item of an enclosing module,
/// and every edge between modules.
fn graph() -> (Vec<String>, BTreeSet<(ModulePath, ModulePath)>) {
    let modules = modules();
    let known: BTreeSet<ModulePath> = modules.keys().cloned().collect();
    let mut upward = Vec::new();
    let mut edges = BTreeSet::new();
    for (module, code) in &modules {
        for path in paths(code) {
            let Some((target, item)) = resolve(module, &path, &known) else {
                continue;
            };
            let encloses = target.len() < module.len() && module.starts_with(&target);
            if encloses && item {
                upward.push(format!("{}: {}", name(module), path.join("::")));
            }
            if !encloses && !target.starts_with(module) {
                edges.insert((module.clone(), target));
            }
        }
    }
    upward.sort();
    upward.dedup();
    (upward, edges)
}

#[test]
fn no_module_uses_the_items_of_a_module_that_contains_it() {
    let (upward, _) = graph();
    assert!(
        upward.is_empty(),
        "upward imports (move the item into a module of its own):\n{}",
        upward.join("\n")
    );
}

#[test]
fn uses_between_sibling_modules_form_no_cycle() {
    let (_, edges) = graph();
    // Each edge seen among the children of the two modules' closest common parent.
    let mut siblings: BTreeMap<ModulePath, BTreeSet<(String, String)>> = BTreeMap::new();
    for (from, to) in &edges {
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        let parent = from[..common].to_vec();
        siblings
            .entry(parent)
            .or_default()
            .insert((from[common].clone(), to[common].clone()));
    }
    let mut cycles = Vec::new();
    for (parent, edges) in &siblings {
        if let Some(cycle) = find_cycle(edges) {
            cycles.push(format!("in {}: {}", name(parent), cycle.join(" -> ")));
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

fn find_cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = stack[at..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        stack.push(node);
        for n in next.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(n, next, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for start in next.keys() {
        if let Some(cycle) = visit(start, &next, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

/// The checker itself: a known cycle and upward import are found.
#[test]
fn the_checker_sees_use_trees_and_inline_paths() {
    let mut found = Vec::new();
    expand(&[], "super::{a, b::{C, d as e}}", &mut found);
    assert_eq!(
        found,
        vec![
            vec!["super", "a"],
            vec!["super", "b", "C"],
            vec!["super", "b", "d"],
        ]
    );
    let code = without_tests("fn f() { let x = super::html::doc_url(); // crate::nope\n}\n");
    assert_eq!(paths(&code), vec![vec!["super", "html", "doc_url"]]);
    let known: BTreeSet<ModulePath> = [vec![], vec!["render".to_string()]]
        .into_iter()
        .chain([vec!["render".to_string(), "html".to_string()]])
        .collect();
    let module = vec!["render".to_string(), "html".to_string()];
    let path: Vec<String> = ["super", "Backend"].map(String::from).to_vec();
    assert_eq!(
        resolve(&module, &path, &known),
        Some((vec!["render".to_string()], true))
    );
    let edges: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a")]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .into();
    assert_eq!(
        find_cycle(&edges),
        Some(
            vec!["a", "b", "c", "a"]
                .into_iter()
                .map(String::from)
                .collect()
        )
    );
}
