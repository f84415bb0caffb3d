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
    let languages = retcode::BACKENDS
        .iter()
        .filter(|backend| backend.oracle().is_some())
        .count();
    assert_eq!(checked, languages, "one snippet per code backend");
}

#[test]
fn readme_catalog_example_is_valid() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("```toml\n").expect("a TOML example") + "```toml\n".len();
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let model = retcode::load_str(example)
        .unwrap_or_else(|d| panic!("the README's catalog example is invalid: {d:#?}"));
    let set = &model.sets[0];
    let spoofed = &set.entries[0].values[0];
    let day = |day| retcode::model::Date {
        year: 2021,
        month: 7,
        day,
    };
    assert_eq!(spoofed.on(day(18)), &retcode::model::Value::Bool(true));
    assert_eq!(spoofed.on(day(19)), &retcode::model::Value::Bool(false));
}

#[test]
fn readme_diagnostic_example_is_the_real_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("```text\nerror:")
        .expect("a diagnostic example")
        + "```text\n".len();
    let example = &readme[start..start + readme[start..].find("```").unwrap()];
    let text = fs::read_to_string(root.join("tests/invalid/06_duplicate_code.toml")).unwrap();
    let diagnostics = retcode::load_str(&text).unwrap_err();
    let file = retcode::diagnostic::SourceFile::new("tests/invalid/06_duplicate_code.toml", text);
    assert_eq!(example, file.render_all(&diagnostics, false));
}
