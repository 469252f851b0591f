//! Reliability: backups and restore, damaged files, two instances, a full
//! disk, and crash safety proven by killing Ratchet mid-work.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use chrono::NaiveDate;
use ratchet::app::{Locations, RatchetApp, Screen};
use ratchet::domain::{Cell, IndicatorId, TeamId};
use ratchet::ops::backups::{BackupReason, backup_dir, list_backups, restore, take_backup};
use ratchet::ops::sample::create_sample;
use ratchet::sample::SplitMix64;
use ratchet::storage::{CheckStatus, OpenErrorKind, StorageError, Workbook, lock_path};

use crate::support::{click, harness, ratchet_command, settle, temp};

fn sample(dir: &Path) -> PathBuf {
    let path = dir.join("s.ratchet");
    drop(create_sample(&path).unwrap());
    path
}

fn first_cell(wb: &Workbook) -> (Cell, f64) {
    let ind = wb
        .indicator_by_name("Potholes repaired within 48 hours")
        .unwrap()
        .unwrap()
        .id;
    let team = wb.teams().unwrap()[0].id;
    let (period, value) = wb.series(ind, team).unwrap()[0];
    (
        Cell {
            indicator: ind,
            team,
            period_start: period,
        },
        value,
    )
}

#[test]
fn a_backup_restores_the_workbook_and_the_state_before_is_kept() {
    let dir = temp();
    let path = sample(dir.path());
    let backups = dir.path().join("Backups");
    let bdir = backup_dir(&backups, &path);
    let mut wb = Workbook::open(&path).unwrap();
    let (cell, original) = first_cell(&wb);
    let taken = take_backup(&wb, &bdir, BackupReason::Manual).unwrap();
    wb.set_value(cell, Some(original + 10.0), "after the backup", "entry")
        .unwrap();
    drop(wb);
    let before = restore(&path, &taken, &bdir).unwrap();
    let wb = Workbook::open(&path).unwrap();
    assert_eq!(
        wb.value(cell).unwrap(),
        Some(original),
        "the backup's value is back"
    );
    let kept = Workbook::open_read_only(&before).unwrap();
    assert_eq!(
        kept.value(cell).unwrap(),
        Some(original + 10.0),
        "and the state before the restore was kept"
    );
    let list = list_backups(&bdir);
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].reason, BackupReason::Restore);
    // A file that is not a sound backup is refused, and nothing changes.
    let junk = dir.path().join("junk.ratchet");
    std::fs::write(&junk, b"not a workbook").unwrap();
    assert!(restore(&path, &junk, &bdir).is_err());
    assert_eq!(
        Workbook::open(&path).unwrap().value(cell).unwrap(),
        Some(original)
    );
}

#[test]
fn the_command_line_backs_up_and_restores() {
    let dir = temp();
    let path = sample(dir.path());
    let p = path.to_str().unwrap();
    let backups = dir.path().join("B");
    let b = backups.to_str().unwrap();
    let out = ratchet_command()
        .args(["backup", p, "--backups", b])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = ratchet_command()
        .args(["backups", p, "--backups", b])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert!(
        text.contains("manual") && text.contains("sound") && text.contains("1 backup"),
        "{text}"
    );
    let file = list_backups(&backup_dir(&backups, &path))[0].path.clone();
    let out = ratchet_command()
        .args(["restore", p, file.to_str().unwrap(), "--backups", b])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("kept as"));
}

/// Overwrites a stretch of the file's middle pages with noise.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let page = 4096;
    let start = (bytes.len() / page / 2) * page;
    let mut rng = SplitMix64::new(7);
    for b in &mut bytes[start..start + 4 * page] {
        *b = (rng.next_u64() & 0xff) as u8;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_workbook_is_never_written_to_and_the_window_offers_the_latest_good_backup() {
    let dir = temp();
    let locations = Locations::under(dir.path());
    let path = sample(dir.path());
    // A good backup, as the daily one on opening would be.
    let bdir = backup_dir(&locations.backups, &path);
    let good = {
        let wb = Workbook::open(&path).unwrap();
        take_backup(&wb, &bdir, BackupReason::Open).unwrap()
    };
    damage(&path);
    let before = std::fs::read(&path).unwrap();
    let err = Workbook::open(&path)
        .err()
        .expect("a damaged file does not open");
    assert!(matches!(err.kind, OpenErrorKind::Damaged(_)), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "left byte for byte as it was"
    );
    // The window shows the backups and restores the good one.
    let mut h = harness(RatchetApp::new(locations, Some(path.clone())));
    settle(&mut h);
    assert_eq!(h.state().view().screen, Screen::Backups);
    assert!(
        h.state().workbook().is_none(),
        "the damaged file was closed"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let label = h
        .state()
        .view()
        .backups
        .as_ref()
        .map(|b| b.backups[0].0.taken.format("%-d %b %Y %H:%M").to_string())
        .unwrap();
    click(&mut h, &format!("Restore the latest good backup ({label})"));
    assert!(
        h.state().workbook().is_some(),
        "the restored workbook is open"
    );
    let wb = Workbook::open_read_only(&path).unwrap();
    assert!(wb.damage().unwrap().is_none());
    assert_eq!(
        first_cell(&wb).1,
        first_cell(&Workbook::open_read_only(&good).unwrap()).1
    );
    // The damaged file itself was kept among the backups, as it was.
    let kept = list_backups(&bdir)
        .into_iter()
        .find(|b| b.reason == BackupReason::Restore)
        .unwrap();
    assert_eq!(std::fs::read(kept.path).unwrap(), before);
}

#[test]
fn the_window_opens_before_the_check_finishes_but_a_damaged_file_still_takes_no_change() {
    let dir = temp();
    let path = sample(dir.path());
    damage(&path);
    let before = std::fs::read(&path).unwrap();
    // The window's open hands the workbook over at once; the check runs beside it.
    let mut wb = Workbook::open_exclusive_checking_beside(&path, None)
        .expect("the cheap checks at open pass; the database check runs beside");
    // A change waits for the verdict and is refused.
    let err = wb
        .add_team("Night Crew", "")
        .expect_err("a damaged file is never written to");
    assert!(
        matches!(err, StorageError::Damaged(_)),
        "refused as damaged: {err}"
    );
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert!(matches!(wb.check_status(), CheckStatus::Damaged(_)));
    drop(wb);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "left byte for byte as it was"
    );
    // A sound workbook reports sound, and takes changes.
    std::fs::create_dir(dir.path().join("good")).unwrap();
    let good = sample(&dir.path().join("good"));
    let mut wb = Workbook::open_exclusive_checking_beside(&good, None).unwrap();
    wb.add_team("Night Crew", "").unwrap();
    assert_eq!(wb.check_status(), CheckStatus::Sound);
    assert!(wb.team_by_name("Night Crew").unwrap().is_some());
}

#[test]
fn the_values_are_counted_by_the_check_and_a_change_before_it_reports_is_still_counted() {
    let dir = temp();
    let path = sample(dir.path());
    let stored = Workbook::open(&path).unwrap().counts().unwrap();
    assert!(stored.measurements > 0);
    // Opened for the window: the figures wait for the check.
    let mut wb = Workbook::open_exclusive_checking_beside(&path, None).unwrap();
    assert_eq!(wb.counts_at_hand().unwrap(), None, "not counted yet");
    // The first look starts the check on its thread; on a small file that
    // thread may already have reported by the time it is asked.
    let first = wb.check_status();
    assert!(
        matches!(first, CheckStatus::Running | CheckStatus::Sound),
        "the check starts: {first:?}"
    );
    while wb.check_status() == CheckStatus::Running {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert_eq!(wb.counts_at_hand().unwrap(), Some(stored));
    drop(wb);
    // A value added before the check reports is in the count.
    let mut wb = Workbook::open_exclusive_checking_beside(&path, None).unwrap();
    let indicator = wb.indicators().unwrap()[0].id;
    let team = wb.add_team("Night Crew", "").unwrap();
    let cell = Cell {
        indicator,
        team,
        period_start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    };
    wb.set_value(cell, Some(3.0), "", "test").unwrap();
    let counts = wb
        .counts_at_hand()
        .unwrap()
        .expect("the check has reported");
    assert_eq!(counts.measurements, stored.measurements + 1);
    assert_eq!(counts.teams, stored.teams + 1);
    // And the window shows the figures once the check has reported.
    drop(wb);
    let mut h = harness(RatchetApp::new(Locations::under(dir.path()), Some(path)));
    settle(&mut h);
    let shown = h.state().workbook_view().unwrap().counts;
    assert_eq!(shown.map(|c| c.measurements), Some(stored.measurements + 1));
}

#[test]
fn the_window_takes_the_days_backup_beside_it_once_a_day() {
    let dir = temp();
    let locations = Locations::under(dir.path());
    let path = sample(dir.path());
    let bdir = backup_dir(&locations.backups, &path);
    for _ in 0..2 {
        let mut h = harness(RatchetApp::new(locations.clone(), Some(path.clone())));
        settle(&mut h);
        assert!(h.state().workbook().is_some());
        assert!(h.state().view().message.is_none(), "no error shown");
    }
    let backups = list_backups(&bdir);
    assert_eq!(backups.len(), 1, "one a day: {backups:?}");
    assert_eq!(backups[0].reason, BackupReason::Open);
    let copy = Workbook::open_read_only(&backups[0].path).unwrap();
    assert_eq!(
        first_cell(&copy),
        first_cell(&Workbook::open_read_only(&path).unwrap())
    );
    let names: Vec<String> = std::fs::read_dir(&bdir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.ends_with(".ratchet")),
        "no partial copy left: {names:?}"
    );
}

#[test]
fn a_workbook_cut_short_is_refused_from_its_header_and_left_as_it_was() {
    let dir = temp();
    let path = sample(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let before = std::fs::read(&path).unwrap();
    for open in [
        Workbook::open(&path).err(),
        Workbook::open_exclusive_checking_beside(&path, None).err(),
        Workbook::open_read_only(&path).err(),
    ] {
        let err = open.expect("a file cut short does not open");
        assert!(matches!(err.kind, OpenErrorKind::Damaged(_)), "{err}");
        assert!(err.to_string().contains("cut short"), "{err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn an_older_workbook_is_backed_up_before_its_format_is_upgraded() {
    let dir = temp();
    let path = dir.path().join("v1.ratchet");
    std::fs::copy("tests/fixtures/workbook-v1.ratchet", &path).unwrap();
    let original = std::fs::read(&path).unwrap();
    let dest = dir.path().join("before-upgrade.ratchet");
    let wb = Workbook::open_exclusive(&path, Some(&dest)).unwrap();
    drop(wb);
    let backup = std::fs::read(&dest).unwrap();
    let version = |b: &[u8]| u32::from_be_bytes([b[60], b[61], b[62], b[63]]);
    assert_eq!(
        version(&backup),
        version(&original),
        "the backup is the old format"
    );
    assert!(version(&std::fs::read(&path).unwrap()) > version(&original));
}

fn spawn_holder(path: &Path) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let mut child = ratchet_command()
        .args(["exercise", path.to_str().unwrap(), "--hold"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("holding") {
        line.clear();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "the holder ended early"
        );
    }
    (child, out)
}

#[test]
fn a_second_ratchet_is_told_who_has_the_workbook_and_may_read_it() {
    let dir = temp();
    let path = sample(dir.path());
    let (mut child, _out) = spawn_holder(&path);
    let err = Workbook::open_exclusive(&path, None)
        .err()
        .expect("the second is refused");
    let OpenErrorKind::InUse(who) = &err.kind else {
        panic!("{err}")
    };
    assert!(!who.user.is_empty() && !who.computer.is_empty());
    assert!(err.to_string().contains(&who.computer));
    // Read-only works alongside, and refuses changes plainly.
    let mut ro = Workbook::open_read_only(&path).unwrap();
    let (cell, v) = first_cell(&ro);
    let refused = ro.set_value(cell, Some(v + 1.0), "", "entry").unwrap_err();
    assert!(refused.to_string().contains("read-only"));
    drop(ro);
    // The window offers to open it read-only.
    let mut h = harness(RatchetApp::new(
        Locations::under(dir.path()),
        Some(path.clone()),
    ));
    settle(&mut h);
    click(&mut h, "Open read-only");
    assert!(h.state().workbook_view().unwrap().read_only);
    drop(h);
    // The holder crashes: its lock goes stale and is taken over; nothing is damaged.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        lock_path(&path).exists(),
        "a crash leaves the lock file behind"
    );
    let wb = Workbook::open_exclusive(&path, None).unwrap();
    assert!(wb.damage().unwrap().is_none());
}

#[test]
fn a_full_disk_refuses_the_change_and_keeps_what_was_stored() {
    let dir = temp();
    let path = sample(dir.path());
    let mut wb = Workbook::open(&path).unwrap();
    let (cell, original) = first_cell(&wb);
    let before = wb.counts().unwrap().measurements;
    wb.limit_pages_for_tests(1).unwrap();
    // A large batch of new values cannot fit.
    let week = |i: u64| NaiveDate::from_ymd_opt(2031, 1, 6).unwrap() + chrono::Days::new(7 * i);
    let changes: Vec<(Cell, Option<f64>)> = (0..20_000)
        .map(|i| {
            (
                Cell {
                    period_start: week(i),
                    ..cell
                },
                Some(50.0),
            )
        })
        .collect();
    let err = wb.set_values(&changes, "", "paste").unwrap_err();
    assert!(err.to_string().contains("disk is full"), "{err}");
    assert_eq!(
        wb.counts().unwrap().measurements,
        before,
        "nothing half-written"
    );
    assert_eq!(wb.value(cell).unwrap(), Some(original));
    drop(wb);
    let wb = Workbook::open(&path).unwrap();
    assert!(wb.damage().unwrap().is_none());
    assert_eq!(wb.counts().unwrap().measurements, before);
}

/// Kill trials: the default number for CI, more with RATCHET_KILL_TRIALS.
fn trials() -> usize {
    std::env::var("RATCHET_KILL_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50)
}

#[test]
fn killing_ratchet_mid_work_never_loses_a_committed_edit_or_half_imports() {
    let dir = temp();
    let template = sample(dir.path());
    // A file to import into a fresh indicator: all of it or none of it must land.
    let csv = dir.path().join("big.csv");
    let rows = 30_000;
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&csv).unwrap());
        writeln!(f, "team,indicator,period,value").unwrap();
        let teams = [
            "North District Crew",
            "South District Crew",
            "East District Crew",
            "West District Crew",
            "Central District Crew",
            "Harbor District Crew",
        ];
        for i in 0..rows {
            let d = NaiveDate::from_ymd_opt(2000, 1, 3).unwrap()
                + chrono::Days::new(7 * (i / 6) as u64);
            writeln!(f, "{},Imported crash test,{d},{}", teams[i % 6], i % 97).unwrap();
        }
    }
    let mut rng = SplitMix64::new(20_261_128);
    let (mut edits_checked, mut imports_whole, mut imports_none) = (0usize, 0usize, 0usize);
    for trial in 0..trials() {
        let path = dir.path().join(format!("t{trial}.ratchet"));
        std::fs::copy(&template, &path).unwrap();
        let importing = trial % 2 == 1;
        // Imports take a few hundred milliseconds: kill across that span.
        let wait = Duration::from_millis(20 + rng.next_u64() % if importing { 300 } else { 400 });
        let mut child = if importing {
            ratchet_command()
                .args([
                    "import",
                    path.to_str().unwrap(),
                    csv.to_str().unwrap(),
                    "--create-missing",
                    "--frequency",
                    "week",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        } else {
            ratchet_command()
                .args(["exercise", path.to_str().unwrap(), "--edits", "100000"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        // Read what the child reports as committed until the moment of the kill.
        let committed = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let reader = child.stdout.take().map(|out| {
            let committed = committed.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    if line.starts_with("committed") {
                        committed.lock().unwrap().push(line);
                    }
                }
            })
        });
        std::thread::sleep(wait);
        let _ = child.kill();
        child.wait().unwrap();
        if let Some(r) = reader {
            r.join().unwrap();
        }
        let wb = Workbook::open(&path).unwrap_or_else(|e| panic!("trial {trial}: {e}"));
        assert!(
            wb.damage().unwrap().is_none(),
            "trial {trial}: the integrity check fails"
        );
        if importing {
            let n = wb
                .indicator_by_name("Imported crash test")
                .unwrap()
                .map_or(0, |i| wb.values_for_indicator(i.id).unwrap().len());
            assert!(
                n == 0 || n == rows,
                "trial {trial}: a partial import of {n} rows"
            );
            if n == 0 {
                imports_none += 1
            } else {
                imports_whole += 1
            }
        } else {
            for line in committed.lock().unwrap().iter() {
                let parts: Vec<&str> = line.split(' ').collect();
                let cell = Cell {
                    indicator: IndicatorId(parts[1].parse().unwrap()),
                    team: TeamId(parts[2].parse().unwrap()),
                    period_start: parts[3].parse().unwrap(),
                };
                let value: f64 = parts[4].parse().unwrap();
                assert_eq!(
                    wb.value(cell).unwrap(),
                    Some(value),
                    "trial {trial}: a committed edit is missing"
                );
                edits_checked += 1;
            }
        }
    }
    eprintln!(
        "kill trials: {} survived; {edits_checked} committed edits all present; imports whole {imports_whole}, none {imports_none}",
        trials()
    );
}
