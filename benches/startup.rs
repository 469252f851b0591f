//! Open to first frame: a cold `ratchet` process opening the large workbook
//! (200 teams × 20 indicators × 260 weeks) until its first frame is on
//! screen, against a bare eframe window drawing one label, in the same run.
//! Budget: Ratchet ≤ 1.2 × the bare window. Also prints the peak resident
//! memory of each at its first frame (budget: 200 MB).
//!
//! Needs a display (`benches/compare.sh` starts Xvfb) and the bare window
//! built first: `cargo build --release --example bare_window`. Without
//! either it says so and measures nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use ratchet::app::first_frame::PROBE_ENV;

/// One cold start to the first frame: the wall time until the program says
/// its first frame is on screen (its closing is not counted), and its peak
/// memory then.
fn first_frame(exe: &Path, args: &[&Path], home: &Path) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = Command::new(exe)
        .args(args)
        .env(PROBE_ENV, "1")
        .env("RATCHET_HOME", home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the program starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut seen = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("the program's output is text");
        if let Some(k) = line.strip_prefix("first-frame peak-rss-kib=") {
            seen = Some((start.elapsed(), k.trim().parse().unwrap_or(0)));
            break;
        }
    }
    let status = child.wait().expect("the program ends");
    seen.unwrap_or_else(|| panic!("{} drew no first frame ({status})", exe.display()))
}

fn bare_window() -> PathBuf {
    let ratchet = PathBuf::from(env!("CARGO_BIN_EXE_ratchet"));
    let release = ratchet.parent().expect("the binary has a folder");
    release.join("examples").join(if cfg!(windows) {
        "bare_window.exe"
    } else {
        "bare_window"
    })
}

/// One timed start: which program, seconds to its first frame, peak KiB.
type Run = (&'static str, f64, u64);

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn startup(c: &mut Criterion) {
    let has_display = std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
        || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|d| !d.is_empty());
    let bare = bare_window();
    if !has_display {
        eprintln!("startup: no display (DISPLAY unset); run benches/compare.sh, which starts Xvfb");
        return;
    }
    if !bare.exists() {
        eprintln!(
            "startup: {} is missing; run `cargo build --release --example bare_window` first",
            bare.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = common::large_workbook(dir.path());
    let ratchet = PathBuf::from(env!("CARGO_BIN_EXE_ratchet"));
    // The day's backup is taken once; take it before timing so that every
    // sample is the ordinary daily open.
    first_frame(&ratchet, &[&path], dir.path());

    let runs: Arc<Mutex<Vec<Run>>> = Arc::default();
    let mut group = c.benchmark_group("open to first frame");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    for (name, exe, args) in [
        ("bare eframe window", bare.clone(), vec![]),
        (
            "ratchet, large workbook",
            ratchet.clone(),
            vec![path.as_path()],
        ),
    ] {
        let runs = Arc::clone(&runs);
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let (took, kib) = first_frame(&exe, &args, dir.path());
                    runs.lock().unwrap().push((name, took.as_secs_f64(), kib));
                    total += took;
                }
                total
            });
        });
    }
    group.finish();

    let runs = runs.lock().unwrap();
    let of = |name: &str| -> (f64, u64) {
        let times: Vec<f64> = runs.iter().filter(|r| r.0 == name).map(|r| r.1).collect();
        let peak = runs.iter().filter(|r| r.0 == name).map(|r| r.2).max();
        (median(times), peak.unwrap_or(0))
    };
    let (bare_s, bare_kib) = of("bare eframe window");
    let (app_s, app_kib) = of("ratchet, large workbook");
    println!(
        "startup: bare window {:.0} ms, ratchet {:.0} ms, ratio {:.2} (budget 1.2)",
        bare_s * 1e3,
        app_s * 1e3,
        app_s / bare_s
    );
    println!(
        "memory at first frame: bare window {:.0} MB, ratchet with the large workbook {:.0} MB (budget 200 MB)",
        bare_kib as f64 / 1024.0,
        app_kib as f64 / 1024.0
    );
}

criterion_group!(benches, startup);
criterion_main!(benches);
