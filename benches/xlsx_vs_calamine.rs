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
use common::pairs;
use ratchet::io::ImportOptions;

fn main() {
    if pairs::filtered_out("xlsx_vs_calamine") {
        return;
    }
    let pairs = pairs::pairs_from_env(15);
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
    let mut p = pairs::alternate(
        pairs,
        || {
            let start = Instant::now();
            assert_eq!(import_fresh(&target, &xlsx, &mapping, &options), 100_000);
            ms(start)
        },
        || {
            let start = Instant::now();
            assert!(read_with_calamine(&xlsx) > 100_000);
            ms(start)
        },
    );
    println!("{pairs} alternating pairs");
    pairs::print_spread(
        "check and write 100k-value XLSX, empty workbook",
        &mut p.ours,
        " ms",
    );
    pairs::print_spread(
        "read the same sheet with calamine alone",
        &mut p.theirs,
        " ms",
    );
    pairs::print_spread("ratio (goal ≤ 1.2)", &mut p.ratios, " ×");
}
