//! Data returns round trip: request → the teams fill in their files (here,
//! written cell by cell the way a spreadsheet program saves them) → collect.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;
use ratchet::domain::data_return::{ReturnSpec, ReturnStatus};
use ratchet::domain::{Cell, Direction, Frequency, IndicatorId, IndicatorSpec, TeamId};
use ratchet::ops::returns::{
    ConflictChoice, ReturnFormat, board, check_return, collect_return, not_reported,
    request_returns,
};
use ratchet::storage::Workbook;

use crate::support::{new_workbook, temp};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Agency {
    wb: Workbook,
    north: TeamId,
    south: TeamId,
    potholes: IndicatorId,
    visits: IndicatorId,
}

fn agency(dir: &Path, name: &str) -> Agency {
    let (_, mut wb) = new_workbook(dir, name);
    let north = wb.add_team("North", "").unwrap();
    let south = wb.add_team("South", "").unwrap();
    let potholes = wb
        .add_indicator(&IndicatorSpec::simple(
            "Potholes repaired",
            "jobs",
            Direction::Higher,
            Frequency::Week,
        ))
        .unwrap();
    let visits = wb
        .add_indicator(&IndicatorSpec::simple(
            "Visits",
            "",
            Direction::Higher,
            Frequency::Month,
        ))
        .unwrap();
    wb.set_value(
        cell(potholes, north, d(2026, 2, 16)),
        Some(10.0),
        "",
        "entry",
    )
    .unwrap();
    Agency {
        wb,
        north,
        south,
        potholes,
        visits,
    }
}

fn cell(indicator: IndicatorId, team: TeamId, period_start: NaiveDate) -> Cell {
    Cell {
        indicator,
        team,
        period_start,
    }
}

fn spec() -> ReturnSpec {
    ReturnSpec {
        as_of: d(2026, 3, 4),
        periods_before: 2,
        due: Some(d(2026, 3, 6)),
        teams: vec![],
    }
}

/// Rewrites a return XLSX as a spreadsheet program saves it after editing:
/// every cell written again by type, dates as plain serial numbers, with
/// `edit(row, column, cell)` choosing what each cell becomes.
fn refill(src: &Path, dst: &Path, edit: impl Fn(u32, u16, Data) -> Data) {
    let mut book = open_workbook_auto(src).unwrap();
    let range = book.worksheet_range("Return").unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name("Return").unwrap();
    for (r, row) in range.rows().enumerate() {
        for (c, data) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match edit(r, c, data.clone()) {
                Data::String(s) => drop(ws.write_string(r, c, s).unwrap()),
                Data::Float(f) => drop(ws.write_number(r, c, f).unwrap()),
                Data::Int(i) => drop(ws.write_number(r, c, i as f64).unwrap()),
                Data::DateTime(dt) => drop(ws.write_number(r, c, dt.as_f64()).unwrap()),
                _ => {}
            }
        }
    }
    out.save(dst).unwrap();
}

/// The row (0-based, header is 0) of a line of the return.
fn row_of(src: &Path, indicator: &str, period: &str) -> u32 {
    let mut book = open_workbook_auto(src).unwrap();
    let range = book.worksheet_range("Return").unwrap();
    range
        .rows()
        .position(|r| r[1] == indicator && r[3] == period)
        .unwrap() as u32
}

fn file(files: &[PathBuf], team: &str, ext: &str) -> PathBuf {
    files
        .iter()
        .find(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(team) && n.ends_with(ext)
        })
        .unwrap()
        .clone()
}

#[test]
fn a_filled_return_is_collected_with_its_sender_in_the_audit_trail() {
    let dir = temp();
    let mut a = agency(dir.path(), "a.ratchet");
    let out = request_returns(&mut a.wb, &spec(), dir.path(), ReturnFormat::Both).unwrap();
    assert_eq!(out.files.len(), 4, "XLSX and CSV for each of two teams");
    assert_eq!(out.cells, 12, "3 weeks and 3 months for each team");
    assert!(out.folder.join("How to fill in.txt").exists());

    // North fills in its spreadsheet: a number, a number typed as text,
    // a note, its name; dates saved as serial numbers.
    let sent = file(&out.files, "North", ".xlsx");
    let back = dir.path().join("North back.xlsx");
    let w9 = row_of(&sent, "Potholes repaired", "2026-W09");
    let w10 = row_of(&sent, "Potholes repaired", "2026-W10");
    let feb = row_of(&sent, "Visits", "Feb 2026");
    refill(&sent, &back, |r, c, data| match (r, c) {
        (r, 6) if r == w9 => Data::Float(14.0),
        (r, 6) if r == w10 => Data::String("12.5".into()),
        (r, 7) if r == w10 => Data::String("estimate".into()),
        (r, 6) if r == feb => Data::Float(310.0),
        (1, 11) => Data::String("Ann Lee".into()),
        _ => data,
    });
    let check = check_return(&a.wb, &back, &HashMap::new(), "").unwrap();
    assert_eq!(
        (check.team, check.reported_by.as_str()),
        (a.north, "Ann Lee")
    );
    assert_eq!(check.asked, 6);
    assert_eq!(check.filled, 4, "three new values and the one held");
    assert_eq!(check.left_as_held, 1);
    assert!(check.conflicts.is_empty());
    assert_eq!(check.plan.report.added, 3);
    assert_eq!(check.blocker(&HashMap::new(), false), None);
    collect_return(&mut a.wb, &check).unwrap();

    let w10_cell = cell(a.potholes, a.north, d(2026, 3, 2));
    assert_eq!(a.wb.value(w10_cell).unwrap(), Some(12.5));
    assert_eq!(
        a.wb.value(cell(a.visits, a.north, d(2026, 2, 1))).unwrap(),
        Some(310.0)
    );
    let history = a.wb.value_history(w10_cell).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].source, "return from Ann Lee");
    assert_eq!(history[0].new_value, Some(12.5));

    // Who has reported: North partly (4 of 6), South not yet, then overdue.
    let request = a.wb.return_requests().unwrap().remove(0);
    let lines = board(&a.wb, &request, d(2026, 3, 5)).unwrap();
    let status: Vec<_> = lines.iter().map(|l| (l.team.as_str(), l.status)).collect();
    assert_eq!(
        status,
        [
            ("South", ReturnStatus::NotYet),
            ("North", ReturnStatus::Partly)
        ]
    );
    assert_eq!(
        board(&a.wb, &request, d(2026, 3, 7)).unwrap()[0].status,
        ReturnStatus::Overdue
    );
    let missing = not_reported(&a.wb, d(2026, 3, 7)).unwrap();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].0, a.south);
    assert!(missing[0].1.contains("overdue"), "{}", missing[0].1);
    let agenda = ratchet::ops::meetings::agenda_drafts(
        &a.wb,
        d(2026, 3, 7),
        &[],
        ratchet::analysis::agenda::AgendaLimits::default(),
    )
    .unwrap();
    let waiting: Vec<_> = agenda
        .iter()
        .filter(|i| i.kind == ratchet::domain::meeting::ItemKind::NotReported)
        .map(|i| i.links.team)
        .collect();
    assert_eq!(
        waiting,
        [Some(a.south)],
        "the meeting asks about South's figures"
    );

    // The same return again is refused, and nothing changes.
    let again = check_return(&a.wb, &back, &HashMap::new(), "").unwrap_err();
    assert!(again.contains("already collected"), "{again}");
}

#[test]
fn a_csv_return_edited_outside_its_cells_or_for_another_workbook_is_refused() {
    let dir = temp();
    let mut a = agency(dir.path(), "a.ratchet");
    let out = request_returns(&mut a.wb, &spec(), dir.path(), ReturnFormat::Csv).unwrap();
    let sent = file(&out.files, "South", ".csv");
    let text = std::fs::read_to_string(&sent).unwrap();

    // A held value changed in its hidden column: refused.
    let edited = dir.path().join("edited.csv");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[2] = lines[2].replacen("Potholes repaired", "Potholes filled", 1);
    std::fs::write(&edited, lines.join("\n")).unwrap();
    let err = check_return(&a.wb, &edited, &HashMap::new(), "").unwrap_err();
    assert!(err.contains("edited outside the cells"), "{err}");

    // A row removed: refused.
    let mut fewer: Vec<&str> = text.lines().collect();
    fewer.remove(3);
    std::fs::write(&edited, fewer.join("\n")).unwrap();
    let err = check_return(&a.wb, &edited, &HashMap::new(), "").unwrap_err();
    assert!(err.contains("edited outside the cells"), "{err}");

    // South's rows under North's signature (a return passed off as
    // another team's): refused.
    let north_sig = std::fs::read_to_string(file(&out.files, "North", ".csv"))
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(10)
        .unwrap()
        .to_owned();
    let south_sig = text.lines().nth(1).unwrap().split(',').nth(10).unwrap();
    std::fs::write(&edited, text.replace(south_sig, &north_sig)).unwrap();
    let err = check_return(&a.wb, &edited, &HashMap::new(), "").unwrap_err();
    assert!(err.contains("edited outside the cells"), "{err}");

    // Filled only in its own cells (a decimal comma typed as text): accepted.
    let filled = dir.path().join("filled.csv");
    let mut rows: Vec<Vec<String>> = csv::Reader::from_path(&sent)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    rows[0][6] = "7".into();
    rows[0][11] = "Bo Chen".into();
    let mut w = csv::Writer::from_path(&filled).unwrap();
    w.write_record(ratchet::io::returns::COLUMNS).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    let check = check_return(&a.wb, &filled, &HashMap::new(), "").unwrap();
    assert_eq!((check.team, check.plan.report.added), (a.south, 1));

    // The same file collected into another workbook: refused.
    let mut other = agency(dir.path(), "b.ratchet");
    request_returns(
        &mut other.wb,
        &spec(),
        &dir.path().join("b"),
        ReturnFormat::Csv,
    )
    .unwrap();
    let err = check_return(&other.wb, &filled, &HashMap::new(), "").unwrap_err();
    assert!(err.contains("another workbook"), "{err}");
}

#[test]
fn a_value_entered_since_the_request_is_a_conflict_to_decide() {
    let dir = temp();
    let mut a = agency(dir.path(), "a.ratchet");
    let out = request_returns(&mut a.wb, &spec(), dir.path(), ReturnFormat::Xlsx).unwrap();
    let sent = file(&out.files, "North", ".xlsx");
    // Meanwhile the leader corrects week 8 (held 10) to 11 and enters week 9.
    let w8 = cell(a.potholes, a.north, d(2026, 2, 16));
    let w9 = cell(a.potholes, a.north, d(2026, 2, 23));
    a.wb.set_value(w8, Some(11.0), "phone call", "entry")
        .unwrap();
    a.wb.set_value(w9, Some(5.0), "", "entry").unwrap();
    let back = dir.path().join("back.xlsx");
    let (r8, r9) = (
        row_of(&sent, "Potholes repaired", "2026-W08"),
        row_of(&sent, "Potholes repaired", "2026-W09"),
    );
    refill(&sent, &back, |r, c, data| match (r, c) {
        (r, 6) if r == r8 => Data::Float(12.0),
        (r, 6) if r == r9 => Data::Float(5.0),
        _ => data,
    });
    let none = HashMap::new();
    let check = check_return(&a.wb, &back, &none, "").unwrap();
    assert_eq!(check.conflicts.len(), 1, "week 9 agrees; week 8 differs");
    let c = &check.conflicts[0];
    assert_eq!(
        (c.held, c.current, c.returned),
        (Some(10.0), Some(11.0), 12.0)
    );
    assert!(check.blocker(&none, false).unwrap().contains("choose"));

    let keep = HashMap::from([(c.line, ConflictChoice::KeepCurrent)]);
    let check = check_return(&a.wb, &back, &keep, "").unwrap();
    assert_eq!(
        check.blocker(&keep, false),
        None,
        "collected, writing nothing"
    );
    assert_eq!(check.plan.report.added + check.plan.report.updated, 0);

    let take = HashMap::from([(c.line, ConflictChoice::TakeReturned)]);
    let check = check_return(&a.wb, &back, &take, "team's count").unwrap();
    assert_eq!(check.blocker(&take, true), None);
    collect_return(&mut a.wb, &check).unwrap();
    assert_eq!(a.wb.value(w8).unwrap(), Some(12.0));
    let last = a.wb.value_history(w8).unwrap().pop().unwrap();
    assert_eq!(
        (last.old_value, last.source.as_str()),
        (Some(11.0), "return from North (no name given)")
    );
}

#[test]
fn a_return_for_a_locked_period_asks_for_a_reason() {
    let dir = temp();
    let mut a = agency(dir.path(), "a.ratchet");
    let out = request_returns(&mut a.wb, &spec(), dir.path(), ReturnFormat::Xlsx).unwrap();
    a.wb.lock_through(d(2026, 2, 28), "February closed")
        .unwrap();
    let sent = file(&out.files, "South", ".xlsx");
    let back = dir.path().join("back.xlsx");
    let feb = row_of(&sent, "Visits", "Feb 2026");
    refill(&sent, &back, |r, c, data| {
        if (r, c) == (feb, 6) {
            Data::Float(40.0)
        } else {
            data
        }
    });
    let none = HashMap::new();
    let check = check_return(&a.wb, &back, &none, "").unwrap();
    assert!(check.blocker(&none, false).unwrap().contains("locked"));
    assert!(
        collect_return(&mut a.wb, &check).is_err(),
        "storage refuses too"
    );
    let check = check_return(&a.wb, &back, &none, "late February count").unwrap();
    assert_eq!(check.blocker(&none, true), None);
    collect_return(&mut a.wb, &check).unwrap();
    let feb_cell = cell(a.visits, a.south, d(2026, 2, 1));
    assert_eq!(a.wb.value(feb_cell).unwrap(), Some(40.0));
    assert_eq!(
        a.wb.value_history(feb_cell).unwrap()[0].reason,
        "late February count"
    );
}

#[test]
fn request_collect_and_returns_from_the_command_line() {
    let dir = temp();
    let run = |args: &[&str]| {
        let out = crate::support::ratchet_command()
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let wb = dir.path().join("s.ratchet");
    let wb = wb.to_str().unwrap();
    let folder = dir.path().join("out");
    let (ok, _, err) = run(&["new", wb, "--sample"]);
    assert!(ok, "{err}");
    let (ok, out, err) = run(&[
        "request",
        wb,
        "--periods",
        "1",
        "--as-of",
        "2026-11-25",
        "--due",
        "2026-11-30",
        "--team",
        "North District Crew",
        "--format",
        "csv",
        "--out",
        folder.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(out.starts_with("Data return 1: 1 file asking for"), "{out}");

    // Collecting the folder as it was sent collects nothing.
    let (ok, out, _) = run(&["collect", wb, folder.to_str().unwrap()]);
    assert!(!ok);
    assert!(out.contains("as it was sent"), "{out}");

    // The team fills in its latest week and signs.
    let sent = ratchet::ops::returns::return_files_in(&folder)
        .unwrap()
        .remove(0);
    let mut rows: Vec<Vec<String>> = csv::Reader::from_path(&sent)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let last = rows
        .iter()
        .rposition(|r| r[1].starts_with("Potholes") && r[6].is_empty())
        .unwrap();
    rows[last][6] = "91.5".into();
    rows[0][11] = "Dana Ortiz".into();
    let mut w = csv::Writer::from_path(&sent).unwrap();
    w.write_record(ratchet::io::returns::COLUMNS).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    let (ok, out, err) = run(&["collect", wb, sent.to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("reported by Dana Ortiz"), "{out}");
    assert!(out.contains("Collected: 1 added"), "{out}");

    let (ok, out, _) = run(&["returns", wb, "--today", "2026-12-01"]);
    assert!(ok);
    assert!(
        out.contains("Data return 1 (as of 25 Nov 2026, due 30 Nov 2026)"),
        "{out}"
    );
    assert!(
        out.contains("North District Crew") && out.contains("by Dana Ortiz"),
        "{out}"
    );
    let stored = Workbook::open(Path::new(wb)).unwrap();
    let team = stored.team_by_name("North District Crew").unwrap().unwrap();
    let filled = Cell {
        indicator: IndicatorId(rows[last][8].parse().unwrap()),
        team: team.id,
        period_start: rows[last][4].parse().unwrap(),
    };
    assert_eq!(stored.value(filled).unwrap(), Some(91.5));
    let audit = stored.value_history(filled).unwrap();
    assert_eq!(audit.last().unwrap().source, "return from Dana Ortiz");
}

#[test]
fn cells_asked_in_a_return_not_yet_due_are_not_overdue_in_the_grid() {
    use ratchet::app::data::view::{GridMode, GridView, SetupView};
    let dir = temp();
    let mut a = agency(dir.path(), "a.ratchet");
    // Week 8 holds a value for both teams; weeks 9 and 10 are empty.
    a.wb.set_value(
        cell(a.potholes, a.south, d(2026, 2, 16)),
        Some(3.0),
        "",
        "entry",
    )
    .unwrap();
    let spec = ReturnSpec {
        teams: vec![a.north],
        ..spec()
    };
    request_returns(&mut a.wb, &spec, dir.path(), ReturnFormat::Csv).unwrap();
    let setup = SetupView::load(&a.wb).unwrap();
    let grid_on =
        |today| GridView::load(&a.wb, &setup, GridMode::Indicator(a.potholes), today).unwrap();
    let col = |g: &GridView, start| g.periods.iter().position(|p| p.start == start).unwrap();
    // The day before it is due: North's empty week 9 is awaited, South's is overdue.
    let g = grid_on(d(2026, 3, 5));
    let (north, south) = (0, 1);
    let w9 = col(&g, d(2026, 2, 23));
    assert_eq!(g.awaited_until(north, w9), Some(d(2026, 3, 6)));
    assert!(!g.is_overdue(north, w9));
    assert!(g.is_overdue(south, w9), "South was not asked");
    // Once the due day has passed, North's week 9 is overdue again.
    let g = grid_on(d(2026, 3, 7));
    assert_eq!(g.awaited_until(north, w9), None);
    assert!(g.is_overdue(north, w9));
}
