//! Workbook benchmarks: generating, opening, and the cost of one edit.
//!
//! Sizes follow the project's standard: small = 10 teams × 8 indicators ×
//! 104 weeks; large = 200 × 20 × 260 (≈ 1.04 M measurements).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratchet::domain::{Cell, WizardDraft};
use ratchet::sample::{GenerateSpec, generate};
use ratchet::storage::Workbook;

const SMALL: GenerateSpec = GenerateSpec {
    teams: 10,
    indicators: 8,
    periods: 104,
    seed: 1,
};
const LARGE: GenerateSpec = GenerateSpec {
    teams: 200,
    indicators: 20,
    periods: 260,
    seed: 1,
};

fn fresh(dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

fn generate_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    group.bench_function("small (83k measurements)", |b| {
        b.iter(|| {
            let path = fresh(dir.path(), "small.ratchet");
            black_box(generate(&path, SMALL).unwrap())
        })
    });
    group.bench_function("large (1.04M measurements)", |b| {
        b.iter(|| {
            let path = fresh(dir.path(), "large.ratchet");
            black_box(generate(&path, LARGE).unwrap())
        })
    });
    group.finish();
}

fn open_and_edit_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = fresh(dir.path(), "large.ratchet");
    generate(&path, LARGE).unwrap();
    let bytes = std::fs::metadata(&path).unwrap().len();
    eprintln!(
        "large workbook: {bytes} bytes, {:.1} bytes per measurement",
        bytes as f64 / 1_040_000.0
    );

    let mut group = c.benchmark_group("workbook");
    group.bench_function("open large (core) + load framework", |b| {
        b.iter(|| {
            let wb = Workbook::open(&path).unwrap();
            black_box(wb.framework().unwrap())
        })
    });

    let mut wb = Workbook::open(&path).unwrap();
    let mut draft = WizardDraft::default();
    group.bench_function("save wizard draft (one keystroke)", |b| {
        b.iter(|| {
            draft.mission.push('x');
            if draft.mission.len() > 500 {
                draft.mission.clear();
            }
            wb.save_wizard_draft(&draft).unwrap();
        })
    });

    let indicator = wb.indicators().unwrap()[0].id;
    let team = wb.teams().unwrap()[0].id;
    let cell = Cell {
        indicator,
        team,
        period_start: NaiveDate::from_ymd_opt(2026, 10, 26).unwrap(),
    };
    let mut v = 0.0;
    group.bench_function("set one value with audit row", |b| {
        b.iter(|| {
            v += 1.0;
            wb.set_value(cell, Some(v), "bench", "entry").unwrap();
        })
    });
    group.bench_function("load framework (view refresh)", |b| {
        b.iter(|| black_box(wb.framework().unwrap()))
    });
    group.finish();
}

criterion_group!(benches, generate_benches, open_and_edit_benches);
criterion_main!(benches);
