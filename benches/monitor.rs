//! Monitoring benchmarks on the generated 200 teams × 20 indicators × 260
//! weeks workbook: the CPU time of one frame of the league table and of 200
//! small multiples, and publishing the dashboard for all 20 indicators.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratchet::app::monitor::view::MultiplesMode;
use ratchet::app::{Action, MonitorAction, RatchetApp};
use ratchet::export::dashboard::DashboardOptions;

use common::{frame, large_app};

/// Runs a few warm-up frames, then measures one frame at a time.
fn bench_frames(c: &mut Criterion, name: &str, app: &mut RatchetApp) {
    let ctx = egui::Context::default();
    let mut t = 0.0;
    for _ in 0..5 {
        t += 0.016;
        frame(&ctx, app, t);
    }
    let mut group = c.benchmark_group("frame");
    group.bench_function(name, |b| {
        b.iter(|| {
            t += 0.016;
            black_box(frame(&ctx, app, t))
        })
    });
    group.finish();
}

fn monitor_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = large_app(dir.path());
    let first = app.workbook().unwrap().indicators().unwrap()[0].id;

    app.apply(Action::Monitor(MonitorAction::ShowProgress(first)));
    bench_frames(
        c,
        "progress chart and league table, 200 teams × 260 weeks",
        &mut app,
    );

    app.apply(Action::Monitor(MonitorAction::ShowMultiples(
        MultiplesMode::Teams(first),
    )));
    bench_frames(c, "200 small multiples × 260 weeks", &mut app);

    let wb = app.workbook().unwrap();
    let options = DashboardOptions::default();
    let mut group = c.benchmark_group("dashboard");
    group.sample_size(10);
    group.bench_function("build, HTML and PDF for 20 indicators × 200 teams", |b| {
        b.iter(|| {
            let d = ratchet::ops::dashboard::build_dashboard(wb, &options).unwrap();
            black_box((d.html().len(), d.pdf().unwrap().len()))
        })
    });
    let d = ratchet::ops::dashboard::build_dashboard(wb, &options).unwrap();
    group.bench_function("parts: build (load and analyse)", |b| {
        b.iter(|| {
            black_box(
                ratchet::ops::dashboard::build_dashboard(wb, &options)
                    .unwrap()
                    .sections
                    .len(),
            )
        })
    });
    group.bench_function("parts: HTML", |b| b.iter(|| black_box(d.html().len())));
    group.bench_function("parts: SVG pages", |b| {
        b.iter(|| black_box(d.pages().len()))
    });
    group.bench_function("parts: PDF", |b| {
        b.iter(|| black_box(d.pdf().unwrap().len()))
    });
    group.finish();
}

criterion_group!(benches, monitor_benches);
criterion_main!(benches);
