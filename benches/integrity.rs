//! Integrity benchmarks on the generated 200 teams × 20 indicators × 260
//! weeks workbook: every check, and the re-check after one value changes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratchet::domain::Cell;
use ratchet::ops::integrity::{CheckScope, run_checks};
use ratchet::storage::Workbook;

fn integrity_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::large_workbook(dir.path());
    let mut wb = Workbook::open(&path).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    run_checks(&mut wb, CheckScope::All, today).unwrap();
    let mut group = c.benchmark_group("integrity");
    group.sample_size(10);
    group.bench_function("every check, 1.04M values (flags already recorded)", |b| {
        b.iter(|| {
            black_box(
                run_checks(&mut wb, CheckScope::All, today)
                    .unwrap()
                    .report
                    .findings
                    .len(),
            )
        })
    });
    let ind = wb.indicators().unwrap()[3].id;
    let team = wb.teams().unwrap()[7].id;
    let (period, _) = wb.series(ind, team).unwrap()[100];
    let cell = Cell {
        indicator: ind,
        team,
        period_start: period,
    };
    let mut v = 50.0;
    group.bench_function("one value changed, then its indicator checked again", |b| {
        b.iter(|| {
            v += 0.1;
            wb.set_value(cell, Some(v), "bench", "entry").unwrap();
            black_box(
                run_checks(&mut wb, CheckScope::Indicator(ind), today)
                    .unwrap()
                    .report
                    .findings
                    .len(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, integrity_benches);
criterion_main!(benches);
