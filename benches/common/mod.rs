//! Helpers shared by the benchmarks that drive the real app.

#![allow(dead_code)]

pub mod import;
pub mod pairs;

use std::path::{Path, PathBuf};

use ratchet::app::{Locations, RatchetApp};
use ratchet::sample::{GenerateSpec, generate};

/// The allocator the `ratchet` binary uses, so the figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One frame of the real app, as eframe would run it (layout and tessellation, no GPU).
pub fn frame(ctx: &egui::Context, app: &mut RatchetApp, t: f64) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 900.0),
        )),
        time: Some(t),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| app.frame_ui(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// Times `n` frames one by one (the clock `t` moving on a frame at a
/// time): the median and 95th percentile in milliseconds.
pub fn frame_times(ctx: &egui::Context, app: &mut RatchetApp, t: &mut f64, n: usize) -> (f64, f64) {
    let mut times: Vec<f64> = (0..n)
        .map(|_| {
            *t += 0.016;
            let start = std::time::Instant::now();
            std::hint::black_box(frame(ctx, app, *t));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95))
}

/// The large workbook (200 teams × 20 indicators × 260 weeks) in `dir`.
pub fn large_workbook(dir: &Path) -> PathBuf {
    let path = dir.join("large.ratchet");
    generate(
        &path,
        GenerateSpec {
            teams: 200,
            indicators: 20,
            periods: 260,
            seed: 1,
        },
    )
    .unwrap();
    path
}

pub fn large_app(dir: &Path) -> (RatchetApp, PathBuf) {
    let path = large_workbook(dir);
    let app = RatchetApp::new(Locations::under(dir), Some(path.clone()));
    (app, path)
}
