//! The roll-up of 100 agency workbooks (each 20 teams × 8 indicators × 104
//! weeks): reading the folder (budget 2 s) and drawing the roll-up screen,
//! the table and an agency drilled into (budget 2 ms a frame). Criterion
//! reports the medians; a second pass prints median, min and max of the
//! reading and the median and 95th percentile of the frames.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratchet::app::{Action, Locations, RatchetApp, RollupAction, Screen};
use ratchet::ops::rollup::{read_portfolio, workbooks_under};
use ratchet::sample::{GenerateSpec, generate};

use common::{frame, frame_times};

const AGENCIES: u64 = 100;

/// The 100 workbooks, made once and kept under target/ between runs.
fn agencies() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/rollup-100");
    std::fs::create_dir_all(&dir).unwrap();
    let missing: Vec<u64> = (1..=AGENCIES)
        .filter(|i| !dir.join(format!("agency-{i:03}.ratchet")).exists())
        .collect();
    std::thread::scope(|s| {
        for part in missing.chunks(missing.len().div_ceil(2).max(1)) {
            let dir = &dir;
            s.spawn(move || {
                for i in part {
                    let path = dir.join(format!("agency-{i:03}.ratchet"));
                    let temp = path.with_extension("part");
                    let _ = std::fs::remove_file(&temp);
                    generate(
                        &temp,
                        GenerateSpec {
                            teams: 20,
                            indicators: 8,
                            periods: 104,
                            seed: *i,
                        },
                    )
                    .unwrap();
                    std::fs::rename(&temp, &path).unwrap();
                }
            });
        }
    });
    dir
}

fn stats(mut ms: Vec<f64>) -> (f64, f64, f64) {
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[0], ms[ms.len() - 1])
}

fn rollup_benches(c: &mut Criterion) {
    let dir = agencies();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let since = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let read = || {
        let paths = workbooks_under(&dir).unwrap();
        let p = read_portfolio(&dir, &paths, as_of, since);
        assert_eq!(p.agencies.len(), AGENCIES as usize);
        p
    };
    let mut group = c.benchmark_group("rollup");
    group.sample_size(10);
    group.bench_function("read 100 workbooks", |b| b.iter(|| black_box(read())));

    // The screen, as a person sees it.
    let home = tempfile::tempdir().unwrap();
    let mut app = RatchetApp::new(Locations::under(home.path()), None);
    let ctx = egui::Context::default();
    let mut t = 0.0;
    app.apply(Action::Navigate(Screen::Rollup));
    app.apply(Action::Rollup(RollupAction::Open(dir.clone().into())));
    while app.job_running() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        t += 0.016;
        frame(&ctx, &mut app, t);
    }
    assert_eq!(
        app.view().rollup.portfolio.agencies.len(),
        AGENCIES as usize
    );
    let mut frames = Vec::new();
    for (name, select) in [("table", false), ("agency drilled into", true)] {
        if select {
            let first = app.view().rollup.portfolio.agencies[0].path.clone();
            app.apply(Action::Rollup(RollupAction::Select(Some(first))));
        }
        for _ in 0..5 {
            t += 0.016;
            frame(&ctx, &mut app, t);
        }
        group.bench_function(format!("frame: {name}"), |b| {
            b.iter(|| {
                t += 0.016;
                black_box(frame(&ctx, &mut app, t))
            })
        });
        let (median, p95) = frame_times(&ctx, &mut app, &mut t, 200);
        frames.push((name, median, p95));
    }
    group.finish();

    let reads: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            black_box(read());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let (median, min, max) = stats(reads);
    println!("\nroll-up of {AGENCIES} workbooks (20 teams × 8 indicators × 104 weeks each)");
    println!("read the folder: median {median:.0} ms (min {min:.0}, max {max:.0}); budget 2000 ms");
    for (name, median, p95) in frames {
        println!("frame, {name}: median {median:.2} ms, p95 {p95:.2} ms; budget 2 ms");
    }
}

criterion_group!(benches, rollup_benches);
criterion_main!(benches);
