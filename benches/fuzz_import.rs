//! A fuzzer for the import path, run for a fixed budget like a benchmark:
//! `cargo bench --bench fuzz_import` (`FUZZ_SECONDS`, default 30; `FUZZ_SEED`).
//! It mutates seed files — a good CSV, a good XLSX, and CSV text with the
//! quirks agencies' files have — and feeds each mutant through reading,
//! mapping and planning, as an import would; a panic anywhere is a failure
//! (the run stops and keeps the input under target/fuzz-failures). The
//! hostile files found so far are regression tests in
//! `tests/flows/hostile_sheets.rs` and `tests/flows/parsers_never_panic.rs`.

#![allow(clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use ratchet::io::mapping::guess_mapping;
use ratchet::io::plan::{Catalog, ImportOptions, plan_rows};
use ratchet::io::{SourceOptions, open_source};
use ratchet::sample::SplitMix64;

fn seed_csv() -> Vec<u8> {
    let mut s = String::from("team;indicator;period;value;target;direction\n");
    for i in 0..40 {
        s.push_str(&format!(
            "\"North {i}\";Repairs;2024-{:02};{},5;90;U\n",
            i % 12 + 1,
            40 + i
        ));
    }
    s.push_str("South;Repairs;FY2024 Q1;(12);;D\nEast;Visits;2024-W05;1,234.5*;;↑\n");
    s.into_bytes()
}

fn seed_xlsx(dir: &Path) -> Vec<u8> {
    let path = dir.join("seed.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["team", "indicator", "period", "value"].iter().enumerate() {
        let _ = sheet.write_string(0, c as u16, *h);
    }
    for r in 1..30u32 {
        let _ = sheet.write_string(r, 0, "North");
        let _ = sheet.write_string(r, 1, "Repairs");
        let _ = sheet.write_string(r, 2, format!("2024-{:02}", r % 12 + 1));
        let _ = sheet.write_number(r, 3, f64::from(r) * 1.5);
    }
    let _ = book.save(&path);
    std::fs::read(&path).unwrap_or_default()
}

fn mutate(rng: &mut SplitMix64, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    let edits = 1 + rng.next_u64() % 8;
    for _ in 0..edits {
        if out.is_empty() {
            out.push(rng.next_u64() as u8);
            continue;
        }
        let at = (rng.next_u64() % out.len() as u64) as usize;
        match rng.next_u64() % 5 {
            0 => out[at] ^= 1 << (rng.next_u64() % 8),
            1 => out[at] = rng.next_u64() as u8,
            2 => {
                out.remove(at);
            }
            3 => out.insert(
                at,
                b"\";,\n\t\r0123456789.-e"[(rng.next_u64() % 19) as usize],
            ),
            _ => {
                let len = (rng.next_u64() % 64) as usize;
                let end = (at + len).min(out.len());
                let chunk = out[at..end].to_vec();
                out.splice(at..at, chunk);
            }
        }
    }
    out
}

/// Reads, maps and plans one file as an import would.
fn run_one(path: &Path) {
    let Ok(source) = open_source(path, &SourceOptions::default()) else {
        return;
    };
    let mapping = guess_mapping(
        &source.headers,
        &source.header_cells,
        &ratchet::io::period::PeriodContext::default(),
    );
    let options = ImportOptions {
        create_missing: true,
        ..ImportOptions::default()
    };
    let _ = plan_rows(source, &mapping, &options, &Catalog::default(), &mut |_| {
        true
    });
}

fn main() {
    let budget = Duration::from_secs(
        std::env::var("FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(30),
    );
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let seeds = [("csv", seed_csv()), ("xlsx", seed_xlsx(dir.path()))];
    let mut rng = SplitMix64::new(seed);
    let started = Instant::now();
    let mut runs = 0u64;
    // Quiet the default panic message; a panic is reported below.
    std::panic::set_hook(Box::new(|_| {}));
    while started.elapsed() < budget {
        let (ext, base) = &seeds[(runs % 2) as usize];
        let bytes = mutate(&mut rng, base);
        let path = dir.path().join(format!("input.{ext}"));
        if std::fs::write(&path, &bytes).is_err() {
            break;
        }
        if std::panic::catch_unwind(|| run_one(&path)).is_err() {
            let keep = Path::new("target/fuzz-failures");
            let _ = std::fs::create_dir_all(keep);
            let saved = keep.join(format!("failure-{runs}.{ext}"));
            let _ = std::fs::write(&saved, &bytes);
            eprintln!(
                "fuzz_import: a panic after {runs} inputs; the input is {}",
                saved.display()
            );
            std::process::exit(1);
        }
        runs += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz_import: {runs} mutated CSV and XLSX files through read, map and plan in {secs:.0} s ({:.0} a second), no panic (seed {seed})",
        runs as f64 / secs
    );
}
