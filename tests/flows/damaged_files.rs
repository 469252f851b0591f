//! Damage is caught before the first write: seeded single-bit flips of a
//! workbook, then a change through the command line's opening and through
//! the window's (whose check runs beside it); whenever SQLite's own
//! `integrity_check` calls the flipped file corrupt, nothing may have been
//! written to it. `RATCHET_FLIP_TRIALS` sets how many (default 40).

use ratchet::domain::Cell;
use ratchet::sample::SplitMix64;
use ratchet::storage::Workbook;

use crate::support::temp;

/// SQLite's own verdict on a file, on a connection of its own.
fn corrupt(path: &std::path::Path) -> bool {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return true;
    };
    let verdict: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    !matches!(verdict.as_deref(), Ok([ok]) if ok == "ok")
}

/// A change to one value through `open`, ignoring whether it is refused.
fn try_write(path: &std::path::Path, cell: Cell, window: bool) {
    let opened = if window {
        Workbook::open_exclusive_checking_beside(path, None)
    } else {
        Workbook::open(path)
    };
    if let Ok(mut wb) = opened {
        let _ = wb.set_value(cell, Some(12345.0), "flip trial", "test");
    }
}

#[test]
fn no_write_reaches_a_workbook_that_integrity_check_calls_corrupt() {
    let trials: u64 = std::env::var("RATCHET_FLIP_TRIALS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(40);
    let dir = temp();
    let base = dir.path().join("base.ratchet");
    let cell = {
        let wb = ratchet::ops::sample::create_sample(&base).unwrap();
        let ind = wb.indicators().unwrap()[0].id;
        let team = wb.teams().unwrap()[0].id;
        let last = wb.series(ind, team).unwrap().last().unwrap().0;
        Cell {
            indicator: ind,
            team,
            period_start: last,
        }
    };
    let original = std::fs::read(&base).unwrap();
    let mut rng = SplitMix64::new(0xf11b);
    let (mut damaged, mut refused) = (0, 0);
    for trial in 0..trials {
        let mut bytes = original.clone();
        let at = (rng.next_u64() % bytes.len() as u64) as usize;
        bytes[at] ^= 1 << (rng.next_u64() % 8);
        let path = dir.path().join(format!("flip-{trial}.ratchet"));
        std::fs::write(&path, &bytes).unwrap();
        let is_corrupt = corrupt(&path);
        for window in [false, true] {
            try_write(&path, cell, window);
            let _ = std::fs::remove_file(ratchet::storage::lock_path(&path));
            if is_corrupt {
                assert!(
                    std::fs::read(&path).unwrap() == bytes,
                    "trial {trial} (byte {at}, {}): a write reached a corrupt file",
                    if window { "window" } else { "command line" }
                );
            }
        }
        damaged += usize::from(is_corrupt);
        refused += usize::from(is_corrupt);
        let _ = std::fs::remove_file(&path);
    }
    println!(
        "{trials} single-bit flips: {damaged} left the file corrupt by integrity_check; no write reached any of them ({refused} refused)"
    );
    assert!(
        damaged > 0 || trials < 20,
        "the trials should damage some files"
    );
}
