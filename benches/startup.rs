//! Open to first frame: a cold `ratchet` process opening the large workbook
//! (200 teams × 20 indicators × 260 weeks) until its first frame is on
//! screen, against a bare eframe window drawing one label. The two start
//! alternately, pair by pair (ABBA order), in one run, and each pair's
//! ratio is kept. Budget: Ratchet ≤ 1.2 × the bare window. Also prints the
//! peak resident memory of each at its first frame (budget: 200 MB).
//!
//!   cargo bench --bench startup          21 pairs
//!   PAIRS=9 cargo bench --bench startup  fewer
//!
//! Needs a display (`benches/compare.sh` starts Xvfb) and the bare window
//! built first: `cargo build --release --example bare_window`. Without
//! either it says so and measures nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pairs;
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

fn main() {
    if pairs::filtered_out("startup") {
        return;
    }
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
    // sample is the ordinary daily open. One bare start warms the same
    // system libraries for both.
    first_frame(&ratchet, &[&path], dir.path());
    first_frame(&bare, &[], dir.path());
    let (mut ratchet_kib, mut bare_kib) = (0, 0);
    let pairs = pairs::pairs_from_env(21);
    let mut p = pairs::alternate(
        pairs,
        || {
            let (took, kib) = first_frame(&ratchet, &[&path], dir.path());
            ratchet_kib = ratchet_kib.max(kib);
            took.as_secs_f64() * 1e3
        },
        || {
            let (took, kib) = first_frame(&bare, &[], dir.path());
            bare_kib = bare_kib.max(kib);
            took.as_secs_f64() * 1e3
        },
    );
    println!("{pairs} alternating pairs");
    pairs::print_spread(
        "ratchet, large workbook, to first frame",
        &mut p.ours,
        " ms",
    );
    pairs::print_spread("bare eframe window, to first frame", &mut p.theirs, " ms");
    pairs::print_spread("ratio (budget ≤ 1.2)", &mut p.ratios, " ×");
    println!(
        "startup: bare window {:.0} ms, ratchet {:.0} ms, ratio {:.2} (budget 1.2)",
        pairs::median(&mut p.theirs),
        pairs::median(&mut p.ours),
        pairs::median(&mut p.ratios)
    );
    println!(
        "memory at first frame: bare window {:.0} MB, ratchet with the large workbook {:.0} MB (budget 200 MB)",
        bare_kib as f64 / 1024.0,
        ratchet_kib as f64 / 1024.0
    );
}
