//! `generated/` must be exactly what `codes.toml` renders (as `retcode check` sees it).

use std::path::Path;

#[test]
fn generated_directory_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model = retcode::load(&root.join("codes.toml")).unwrap_or_else(|e| panic!("{e}"));
    let files = retcode::render::render_all(&model, "codes.toml");
    let report = retcode::output::check(&root.join("generated"), &files).unwrap();
    assert!(
        report.problems.is_empty(),
        "generated/ is stale; run `cargo run -- generate` and commit:\n{}",
        report.problems.join("\n")
    );
}
