//! Data-side benchmarks: importing a 1,000,000-row CSV, exporting it, and
//! the CPU time of one frame of the data-entry grid on the large workbook.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;
use std::io::Write;
use std::path::Path;

use chrono::{Days, NaiveDate};
use common::import::{fresh, guessed_mapping, import_fresh};
use common::{frame, large_app};
use criterion::{Criterion, criterion_group, criterion_main};
use ratchet::app::data::view::GridMode;
use ratchet::app::{Action, DataAction, Screen};
use ratchet::io::{ExportOptions, ImportOptions, SourceOptions, export_file, plan_import};
use ratchet::storage::Workbook;

/// A long CSV of `teams × indicators × weeks` rows.
fn write_csv(path: &Path, teams: usize, indicators: usize, weeks: usize) -> usize {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(w, "team,indicator,period,value").unwrap();
    let start = NaiveDate::from_ymd_opt(2021, 1, 4).unwrap();
    let mut n = 0;
    for i in 0..indicators {
        for t in 0..teams {
            for k in 0..weeks {
                let d = start + Days::new(7 * k as u64);
                writeln!(
                    w,
                    "Team {t:03},Indicator {i:03},{d},{}.{}",
                    (t * 7 + k) % 100,
                    k % 10
                )
                .unwrap();
                n += 1;
            }
        }
    }
    n
}

fn import_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("million.csv");
    let rows = write_csv(&csv, 200, 20, 250);
    assert_eq!(rows, 1_000_000);
    let mapping = guessed_mapping(&csv);
    let options = ImportOptions {
        create_missing: true,
        new_indicator_frequency: Some(ratchet::domain::Frequency::Week),
        ..ImportOptions::default()
    };
    let target = dir.path().join("import.ratchet");

    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("check 1M-row CSV (dry run)", |b| {
        fresh(&target);
        let wb = Workbook::create(&target).unwrap();
        b.iter(|| {
            let plan = plan_import(
                &wb,
                &csv,
                &SourceOptions::default(),
                &mapping,
                &options,
                &mut |_| true,
            )
            .unwrap();
            black_box(plan.report.added)
        })
    });
    group.bench_function("check and write 1M-row CSV into an empty workbook", |b| {
        b.iter(|| assert_eq!(import_fresh(&target, &csv, &mapping, &options), 1_000_000))
    });
    // The same file as if it were too large for memory (over 1,000,000
    // values): its values wait in a scratch database on disk.
    let on_disk = ImportOptions {
        values_in_memory: 100_000,
        ..options.clone()
    };
    group.bench_function("check and write 1M-row CSV, values kept on disk", |b| {
        b.iter(|| assert_eq!(import_fresh(&target, &csv, &mapping, &on_disk), 1_000_000))
    });
    group.finish();

    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let large = common::large_workbook(dir.path());
    let wb = Workbook::open(&large).unwrap();
    let out = dir.path().join("out.csv");
    group.bench_function("export 1.04M values to CSV", |b| {
        b.iter(|| black_box(export_file(&wb, &out, &ExportOptions::default()).unwrap()))
    });
    group.finish();

    // The 100,000-value spreadsheet against calamine alone is
    // benches/xlsx_vs_calamine.rs: alternating pairs, for its ratio.
}

fn grid_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = large_app(dir.path());
    let ctx = egui::Context::default();
    let first = app.workbook().unwrap().indicators().unwrap()[0].id;
    app.apply(Action::Navigate(Screen::Data));
    app.apply(Action::Data(DataAction::ShowGrid(GridMode::Indicator(
        first,
    ))));
    let mut t = 0.0;
    for _ in 0..5 {
        t += 0.016;
        frame(&ctx, &mut app, t);
    }
    let mut group = c.benchmark_group("frame");
    group.bench_function("data grid, 200 teams × 260 weeks", |b| {
        b.iter(|| {
            t += 0.016;
            black_box(frame(&ctx, &mut app, t))
        })
    });
    group.finish();
}

criterion_group!(benches, grid_benches, import_benches);
criterion_main!(benches);
