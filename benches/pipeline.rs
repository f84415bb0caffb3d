//! The library pipeline on the seeded synthetic catalog (benches/support/synth.rs)
//! at 5,000 and 50,000 codes: `load` (read + validate), `render_all`, and the
//! whole in-memory `generate` (load + render_all, nothing written to disk).
//!
//! `cargo bench --bench pipeline` (a few minutes on 2 cores; sample sizes are
//! criterion's minimum of 10). Whole-command timings, peers, compile times and
//! lookups are in `scripts/bench.py`, which writes BENCHMARKS.md.

#[path = "support/synth.rs"]
mod synth;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// 5,000 codes = 2 sets × 2,000 entries; 50,000 = 20 × 2,000 (every fourth entry has an alias).
const SIZES: [(usize, usize); 2] = [(2, 2000), (20, 2000)];

fn catalogs() -> Vec<(usize, String)> {
    SIZES
        .iter()
        .map(|&(sets, entries_per_set)| {
            let shape = synth::Shape {
                sets,
                entries_per_set,
                ..synth::Shape::default()
            };
            (shape.code_count(), synth::catalog(&shape))
        })
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let catalogs = catalogs();
    let mut group = c.benchmark_group("pipeline");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for (codes, text) in &catalogs {
        group.throughput(Throughput::Elements(*codes as u64));
        group.bench_with_input(BenchmarkId::new("load", codes), text, |b, text| {
            b.iter(|| retcode::load_str(black_box(text)).expect("synthetic catalog is valid"))
        });
        let model = retcode::load_str(text).expect("synthetic catalog is valid");
        group.bench_with_input(BenchmarkId::new("render_all", codes), &model, |b, model| {
            b.iter(|| retcode::render_all(black_box(model), "codes.toml"))
        });
        group.bench_with_input(BenchmarkId::new("generate", codes), text, |b, text| {
            b.iter(|| {
                let model = retcode::load_str(black_box(text)).expect("synthetic catalog is valid");
                retcode::render_all(&model, "codes.toml")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
