//! Bad input gets diagnostics, never a panic: every one-line deletion, every
//! truncation and a set of type swaps of a catalog that uses every feature.

use std::fs;
use std::path::Path;

fn fixture() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic.toml"))
        .unwrap()
}

/// Loads and, when valid, renders: neither may panic.
fn exercise(text: &str) -> bool {
    match retcode::load_str(text) {
        Ok(model) => {
            let _ = retcode::render::render_all(&model, "mutant.toml");
            true
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            let file = retcode::diagnostic::SourceFile::new("x.toml", text);
            let _ = file.render_all(&diagnostics, false);
            let _ = file.render_all(&diagnostics, true);
            false
        }
    }
}

#[test]
fn deleting_any_line_never_panics() {
    let text = fixture();
    let lines: Vec<&str> = text.lines().collect();
    let mut rejected = 0;
    for skip in 0..lines.len() {
        let edited: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| *l)
            .collect();
        rejected += usize::from(!exercise(&edited.join("\n")));
    }
    assert!(
        rejected > 20,
        "deleting lines should break the catalog often, broke it {rejected} times"
    );
}

#[test]
fn truncating_anywhere_never_panics() {
    let text = fixture();
    for end in (0..text.len())
        .filter(|i| text.is_char_boundary(*i))
        .step_by(7)
    {
        exercise(&text[..end]);
    }
}

#[test]
fn swapping_value_types_never_panics() {
    let text = fixture();
    let swaps = [
        ("\"", "1 + \""),
        ("true", "\"true\""),
        ("= [", "= 5 #["),
        ("= {", "= [] #{"),
        ("[[set.entry]]", "[set.entry]"),
        ("[[set]]", "[[set.set]]"),
        ("codes = [", "codes = [[], "),
        ("2021-07-19", "2021-07-19T10:00:00Z"),
        ("key = \"int\"", "key = \"string\""),
    ];
    for (from, to) in swaps {
        for (i, _) in text.match_indices(from) {
            let edited = format!("{}{}{}", &text[..i], to, &text[i + from.len()..]);
            exercise(&edited);
        }
    }
}
