//! The README's code examples are copies of tests/examples/, which the suite compiles.

use std::fs;
use std::path::Path;

/// The lines between `// README:start` and `// README:end`, dedented.
fn region(text: &str) -> String {
    let body = text
        .split("// README:start\n")
        .nth(1)
        .expect("README:start marker");
    let body = body
        .split("// README:end")
        .next()
        .unwrap()
        .trim_end_matches([' ', '\n']);
    let indent = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    body.lines()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn readme_examples_match_the_compiled_examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let mut checked = 0;
    for (i, _) in readme.match_indices("<!-- snippet: ") {
        let rest = &readme[i + "<!-- snippet: ".len()..];
        let path = &rest[..rest.find(" -->").unwrap()];
        let fence = rest.find("```").unwrap();
        let block = &rest[fence..];
        let code_start = block.find('\n').unwrap() + 1;
        let code = &block[code_start..code_start + block[code_start..].find("\n```").unwrap()];
        let example = fs::read_to_string(root.join(path)).unwrap();
        assert_eq!(
            code,
            region(&example),
            "README snippet of {path} differs from the file"
        );
        checked += 1;
    }
    assert_eq!(checked, 4, "one snippet per language");
}
