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

/// GitHub's anchor for a heading: lower case, punctuation other than `-` and `_`
/// dropped, each space a `-`.
fn heading_anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn readme_links_to_its_own_sections_resolve() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut in_fence = false;
    let mut anchors = Vec::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with('#') {
            anchors.push(heading_anchor(line.trim_start_matches('#').trim()));
        }
    }
    assert!(anchors.contains(&"kotlin--android-gradle".to_string()));
    let broken: Vec<&str> = readme
        .match_indices("](#")
        .map(|(i, _)| {
            let rest = &readme[i + 3..];
            &rest[..rest.find(')').unwrap()]
        })
        .filter(|target| !anchors.iter().any(|a| a == target))
        .collect();
    assert!(
        broken.is_empty(),
        "README links to missing sections: {broken:?}"
    );
}
