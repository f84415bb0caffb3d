//! Prints a seeded synthetic catalog (see benches/support/synth.rs).
//!
//! `cargo run --release --example synth -- --sets 20 --entries 2000 > big.toml`

#[path = "../benches/support/synth.rs"]
mod synth;

use clap::Parser;

/// Writes a synthetic catalog to stdout; the same arguments give the same bytes.
#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 1)]
    sets: usize,
    #[arg(long, default_value_t = 2000)]
    entries: usize,
    /// Every Nth entry has an alias code; 0 for none.
    #[arg(long, default_value_t = 4)]
    alias_every: usize,
    /// 1 to 3 (zh-CN, en, ja).
    #[arg(long, default_value_t = 2)]
    locales: usize,
    /// Every Nth entry has a hint; 0 for none.
    #[arg(long, default_value_t = 2)]
    hint_every: usize,
    /// Every Nth entry stopped being billed on a date; 0 for none.
    #[arg(long, default_value_t = 5)]
    change_every: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() {
    let a = Args::parse();
    let shape = synth::Shape {
        sets: a.sets,
        entries_per_set: a.entries,
        alias_every: a.alias_every,
        locales: a.locales,
        hint_every: a.hint_every,
        change_every: a.change_every,
        seed: a.seed,
    };
    eprintln!("synth: {} codes", shape.code_count());
    print!("{}", synth::catalog(&shape));
}
