//! An import's memory does not grow with the file: a 5,000,000-row file
//! peaks within a few megabytes of a 130,000-row one, and both stay within
//! 64 MB of the program doing nothing, under an address-space limit (Linux,
//! where a child's resident memory can be read while it runs).

#![cfg(target_os = "linux")]

use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use crate::support::{ratchet_command, temp};

/// The address-space limit the imports run under.
const LIMIT_KB: u64 = 2 * 1024 * 1024;

/// A long CSV of `teams × 20 indicators × weeks` rows (dates and names
/// formatted once each: the test binary is not optimised).
fn write_csv(path: &Path, teams: usize, weeks: usize) -> usize {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(w, "team,indicator,period,value").unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2021, 1, 4).unwrap();
    let days: Vec<String> = (0..weeks)
        .map(|k| (start + chrono::Days::new(7 * k as u64)).to_string())
        .collect();
    let values: Vec<String> = (0..970).map(|n| format!("{}.{}", n / 10, n % 10)).collect();
    let mut n = 0;
    for i in 0..20 {
        for t in 0..teams {
            let names = format!("Team {t:03},Indicator {i:02},");
            for (k, day) in days.iter().enumerate() {
                // (t + k) % 97 and k % 10, as one number from 0.0 to 96.9.
                let value = &values[((t + k) % 97) * 10 + k % 10];
                w.write_all(names.as_bytes()).unwrap();
                w.write_all(day.as_bytes()).unwrap();
                w.write_all(b",").unwrap();
                w.write_all(value.as_bytes()).unwrap();
                w.write_all(b"\n").unwrap();
                n += 1;
            }
        }
    }
    n
}

/// Runs `ratchet` with `args` under the limit and gives the most resident
/// memory seen while it ran (read every millisecond), in KB.
fn peak_rss_kb(args: &[&str]) -> u64 {
    let bin = ratchet_command().get_program().to_owned();
    let home = ratchet_command()
        .get_envs()
        .find(|(k, _)| *k == "RATCHET_HOME")
        .and_then(|(_, v)| v.map(std::path::PathBuf::from))
        .unwrap();
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {LIMIT_KB} && exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .env("RATCHET_HOME", home)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            for line in text.lines() {
                // The kernel's own high-water mark, as long as it is readable.
                if let Some(kb) = line.strip_prefix("VmHWM:") {
                    let kb: u64 = kb.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                    peak = peak.max(kb);
                }
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            assert!(status.success(), "ratchet {args:?} failed: {err}");
            return peak;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn import_memory_does_not_grow_with_the_file() {
    let dir = temp();
    let small = dir.path().join("small.csv");
    let large = dir.path().join("large.csv");
    assert_eq!(write_csv(&small, 50, 130), 130_000);
    assert_eq!(write_csv(&large, 1000, 250), 5_000_000);
    let mut peaks = Vec::new();
    for (name, file) in [("s.ratchet", &small), ("l.ratchet", &large)] {
        let wb = dir.path().join(name);
        let wb = wb.to_str().unwrap();
        let created = peak_rss_kb(&["new", wb]);
        let imported = peak_rss_kb(&[
            "import",
            wb,
            file.to_str().unwrap(),
            "--create-missing",
            "--frequency",
            "week",
            "--direction",
            "higher",
        ]);
        peaks.push((created, imported));
    }
    let ((empty, small_peak), (_, large_peak)) = (peaks[0], peaks[1]);
    eprintln!(
        "peak resident memory: empty program {empty} KB, 130,000 rows {small_peak} KB, 5,000,000 rows {large_peak} KB"
    );
    assert!(
        large_peak <= small_peak + 16 * 1024,
        "a file 38 times as large peaked at {large_peak} KB against {small_peak} KB"
    );
    assert!(
        large_peak <= empty + 64 * 1024,
        "the import peaked at {large_peak} KB, the program doing nothing at {empty} KB"
    );
}
