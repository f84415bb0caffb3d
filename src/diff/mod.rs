//! `retcode diff OLD NEW` and the semver gate (`--gate`, `check --against REV`).
//!
//! Two validated [`Model`]s are compared set by set and entry by entry; every
//! difference becomes one [`Change`], classified as breaking, behavioural,
//! additive or documentation, and the whole [`Report`] says which version bump
//! the changes require. Either side may be a file or a catalog at a git revision
//! (`git:REV`, `git:REV:PATH`), read as one blob with `git cat-file` without
//! touching the work tree.
//!
//! Modules by concern: [`load`] reads a side, [`compare`] lists the changes,
//! [`classify`] says what each is and the bump they require, [`report`] prints
//! them and [`gate`] checks the bump.

mod change;
mod classify;
mod compare;
mod gate;
mod load;
mod report;

use std::io::Write as _;
use std::path::Path;

use crate::error::Error;
use crate::model::Model;

pub use crate::export::CodeJson;
pub use change::Change;
pub use classify::{Bump, Kind, Target, What};
pub use load::load_side;
pub use report::Report;

/// `retcode diff` arguments.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The old catalog: a file, `git:REV` (the `--catalog` file at REV) or `git:REV:PATH`.
    #[arg(required_unless_present = "schema")]
    pub old: Option<String>,
    /// The new catalog, in the same forms as OLD.
    #[arg(required_unless_present = "schema")]
    pub new: Option<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when the version bump from OLD to NEW is smaller than the changes require.
    #[arg(long)]
    pub gate: bool,
    /// Print the JSON Schema of `--format json` and exit.
    #[arg(long, conflicts_with_all = ["old", "new", "gate"])]
    pub schema: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable lines grouped by kind; coloured on a terminal.
    Human,
    /// A changelog section for release notes, in every catalog locale.
    Markdown,
    /// Machine-readable; see `retcode diff --schema`.
    Json,
}

/// Runs `retcode diff`; `catalog` is the `--catalog` path `git:REV` refers to.
pub fn run(args: &DiffArgs, catalog: &Path) -> Result<(), Error> {
    if args.schema {
        println!("{}", schema());
        return Ok(());
    }
    let (Some(old), Some(new)) = (&args.old, &args.new) else {
        unreachable!("clap requires OLD and NEW without --schema");
    };
    let old = load_side(old, catalog)?;
    let new = load_side(new, catalog)?;
    let report = diff(&old, &new);
    let text = match args.format {
        Format::Human => report.human(true),
        Format::Markdown => report.markdown(),
        Format::Json => report.json(),
    };
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    if args.gate { report.gate() } else { Ok(()) }
}

/// The gate of `retcode check --against REV`: the catalog at `REV` against `current`.
/// Prints the changes (human form); the outer error is a side that cannot be
/// read or is invalid, the inner result the gate's verdict.
pub fn gate_against(
    rev: &str,
    catalog: &Path,
    current: &Model,
) -> Result<Result<(), Error>, Error> {
    let old = load_side(&format!("git:{rev}"), catalog)?;
    let report = diff(&old, current);
    let mut out = anstream::stdout();
    let _ = out.write_all(report.human(true).as_bytes());
    let _ = out.flush();
    Ok(report.gate())
}

/// The JSON Schema of `retcode diff --format json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Report);
    serde_json::to_string_pretty(&schema).expect("a schema serialises")
}

/// Compares two catalogs.
pub fn diff(old: &Model, new: &Model) -> Report {
    Report::new(old, new, compare::changes(old, new))
}
