//! The command line: `retcode generate | check | lint | diff | explain`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::catalog::load_with_warnings;
use crate::diagnostic::printable;
use crate::error::{EXIT_USAGE, Error};
use crate::explain::{self, ExplainArgs};
use crate::{output, render};

#[derive(Debug, Parser)]
#[command(
    name = "retcode",
    version,
    about = "Render an error-code catalog into code and docs"
)]
pub struct Cli {
    /// The catalog to read.
    #[arg(long, global = true, default_value = "codes.toml")]
    pub catalog: PathBuf,
    /// The directory generated files live in.
    #[arg(long, global = true, default_value = "generated")]
    pub out: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write every output, all or nothing; remove only files an earlier run wrote.
    Generate {
        /// Take over files at the paths retcode produces that its manifest does not
        /// list (by default such a file stops the run, untouched).
        #[arg(long)]
        adopt: bool,
    },
    /// Write nothing; exit 1 with a diff when any output is stale, missing or obsolete.
    Check {
        /// Also run the semver gate against the catalog at this git revision
        /// (`retcode diff git:REV <catalog> --gate`).
        #[arg(long, value_name = "REV")]
        against: Option<String>,
    },
    /// Compare two catalogs (files or `git:REV[:PATH]`) and classify every change.
    Diff(crate::diff::DiffArgs),
    /// Validate the catalog only.
    Lint,
    /// Everything the catalog knows about one code; exit 1 when no set holds it.
    Explain(ExplainArgs),
}

/// Runs the command line and returns the process exit status.
pub fn main() -> i32 {
    tune_allocator();
    ignore_file_size_signal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // `--help` and `--version` also arrive here, on stdout, and succeed.
            return if e.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    match run(&cli) {
        Ok(()) => 0,
        Err(e) => {
            let text = match &e {
                // Colour only on a terminal that wants it (honours NO_COLOR, CLICOLOR_FORCE).
                Error::InvalidCatalog(report) => report.render(
                    anstream::AutoStream::choice(&std::io::stderr())
                        != anstream::ColorChoice::Never,
                ),
                // Paths and revisions come from the user: no control byte reaches the terminal.
                other => printable(&other.to_string()),
            };
            eprintln!("{}", text.trim_end());
            e.exit_code()
        }
    }
}

pub fn run(cli: &Cli) -> Result<(), Error> {
    // `diff` reads its own two catalogs; every other command reads `--catalog`.
    let load_catalog = || -> Result<crate::model::Model, Error> {
        let (model, warnings) = load_with_warnings(&cli.catalog)?;
        if let Some(warnings) = warnings {
            let colour =
                anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
            eprintln!("{}", warnings.render(colour).trim_end());
        }
        release_freed_memory();
        Ok(model)
    };
    let source = cli.catalog.to_string_lossy();
    match cli.command {
        Command::Diff(ref args) => crate::diff::run(args, &cli.catalog),
        Command::Explain(ref args) => explain::run(&load_catalog()?, args),
        Command::Lint => {
            let model = load_catalog()?;
            let entries: usize = model.sets.iter().map(|s| s.entries.len()).sum();
            let codes: usize = model.sets.iter().map(|s| s.lookup.len()).sum();
            println!(
                "{}: valid ({} sets, {entries} entries, {codes} codes)",
                printable(&cli.catalog.display().to_string()),
                model.sets.len()
            );
            Ok(())
        }
        Command::Generate { adopt } => {
            let model = load_catalog()?;
            output::guard_out_dir(&cli.out, &cli.catalog)?;
            // Each file is staged as soon as it is rendered, then dropped.
            let mut writer =
                output::Writer::with_options(&cli.out, output::WriteOptions { adopt })?;
            render::render_each(&model, &source, |file| writer.add(&file))?;
            drop(model);
            let report = writer.finish()?;
            let out = printable(&cli.out.display().to_string());
            match report.settled {
                Some(output::Settled::Undone) => println!(
                    "undid an interrupted generate in {out} (its journal showed it had not finished)"
                ),
                Some(output::Settled::Completed) => println!(
                    "completed an interrupted generate in {out} (its journal showed every file in place)"
                ),
                None => {}
            }
            for path in &report.swept {
                println!("removed leftover {out}/{path}");
            }
            for path in &report.written {
                println!("wrote {out}/{path}");
            }
            for path in &report.removed {
                println!("removed {out}/{path}");
            }
            println!(
                "{} written, {} unchanged, {} removed",
                report.written.len(),
                report.unchanged,
                report.removed.len()
            );
            Ok(())
        }
        Command::Check { ref against } => {
            let model = load_catalog()?;
            // A revision that cannot be read fails now; a failing gate after the stale check.
            let gate = match against {
                Some(rev) => crate::diff::gate_against(rev, &cli.catalog, &model)?,
                None => Ok(()),
            };
            let mut checker = output::Checker::new(&cli.out)?;
            let mut count = 0;
            render::render_each(&model, &source, |file| {
                count += 1;
                checker.add(&file)
            })?;
            drop(model);
            let report = checker.finish()?;
            if report.problems.is_empty() {
                println!(
                    "{}: {count} files up to date",
                    printable(&cli.out.display().to_string())
                );
                return gate;
            }
            for problem in &report.problems {
                println!("{}", problem.trim_end());
            }
            Err(Error::Stale {
                count: report.problems.len(),
            })
        }
    }
}

/// Keeps glibc from serving large buffers (rendered files, parser vectors) from
/// the heap: by default it raises its mmap threshold after each large free, so
/// buffers of many megabytes land in arenas that never shrink. A fixed threshold
/// keeps them mapped (and `realloc` growth a cheap `mremap`), returned when freed.
/// Two arenas: the rendering threads reuse what the reader freed instead of each
/// growing an arena of its own (one arena would serialise them on its lock).
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters, before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// A write beyond `ulimit -f` then fails with EFBIG, reported (and undone) like
/// any write error, instead of SIGXFSZ killing the process mid-write.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Hands the memory reading freed (the TOML parser's tokens, events and tree,
/// most of the peak) back to the system. Rendering threads allocate from their
/// own glibc arenas and would otherwise add their peak on top of it.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused heap pages; no pointer is touched.
    unsafe {
        libc::malloc_trim(0);
    }
}
