//! A 100,000-value XLSX checked and written into an empty workbook, against
//! reading the same sheet with calamine alone (no checks, no writing): the
//! two run alternately, pair by pair (ABBA order), in one process, and the
//! ratio of each pair is kept, so that a slow moment of the machine falls
//! on both sides.
//! Prints medians, min and max, and the median ratio the README quotes
//! (goal: at most 1.2).
//!
//!   cargo bench --bench xlsx_vs_calamine          15 pairs
//!   PAIRS=5 cargo bench --bench xlsx_vs_calamine  fewer

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Instant;

use common::import::{guessed_mapping, hundred_thousand_xlsx, import_fresh, read_with_calamine};
use ratchet::io::ImportOptions;

fn main() {
    // `cargo bench` passes `--bench`; a filter that is not ours skips.
    if let Some(filter) = std::env::args().skip(1).find(|a| !a.starts_with("--"))
        && !"xlsx_vs_calamine".contains(filter.as_str())
    {
        return;
    }
    let pairs: usize = std::env::var("PAIRS")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(15);
    let dir = tempfile::tempdir().unwrap();
    let large = common::large_workbook(dir.path());
    let xlsx = hundred_thousand_xlsx(&large, dir.path());
    let mapping = guessed_mapping(&xlsx);
    let options = ImportOptions {
        create_missing: true,
        ..ImportOptions::default()
    };
    let target = dir.path().join("from-xlsx.ratchet");
    let ms = |start: Instant| start.elapsed().as_secs_f64() * 1000.0;
    // One of each first, not counted: files cached, allocator warmed.
    assert_eq!(import_fresh(&target, &xlsx, &mapping, &options), 100_000);
    assert!(read_with_calamine(&xlsx) > 100_000);
    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let import = || {
        let start = Instant::now();
        assert_eq!(import_fresh(&target, &xlsx, &mapping, &options), 100_000);
        ms(start)
    };
    let read = || {
        let start = Instant::now();
        assert!(read_with_calamine(&xlsx) > 100_000);
        ms(start)
    };
    for pair in 0..pairs {
        // ABBA order: each side follows the other as often as itself.
        let (a, b) = if pair % 2 == 0 {
            let a = import();
            (a, read())
        } else {
            let b = read();
            (import(), b)
        };
        ours.push(a);
        theirs.push(b);
        ratios.push(a / b);
    }
    let line = |name: &str, v: &mut Vec<f64>, unit: &str| {
        v.sort_by(f64::total_cmp);
        println!(
            "{name:<52} median {:>7.3}{unit}  min {:>7.3}{unit}  max {:>7.3}{unit}",
            v[v.len() / 2],
            v[0],
            v[v.len() - 1]
        );
    };
    println!("{pairs} alternating pairs");
    line(
        "check and write 100k-value XLSX, empty workbook",
        &mut ours,
        " ms",
    );
    line(
        "read the same sheet with calamine alone",
        &mut theirs,
        " ms",
    );
    line("ratio (goal ≤ 1.2)", &mut ratios, " ×");
}
