//! Files too large to check in memory: their values wait in a scratch
//! database on disk, with exactly the result of checking them in memory.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use ratchet::domain::Frequency;
use ratchet::io::plan::PlanError;
use ratchet::io::{ImportOptions, ImportPlan, SourceOptions, plan_import};
use ratchet::storage::{ImportValues, Workbook};

use crate::support::{guessed_mapping, new_workbook, repairs_workbook, temp};

/// A workbook with one team, one monthly indicator and one stored value.
fn workbook(dir: &Path, name: &str) -> Workbook {
    repairs_workbook(dir, name).0
}

/// Existing and new names, an update, a footnote, a target, a duplicate,
/// bad numbers, a new team whose only row is refused (so it is not
/// created), and a new indicator whose frequency comes from its dates.
fn mixed_file(path: &Path) {
    let mut text = String::from("team,indicator,period,value,target,note\n");
    text += "North,Repairs,2025-01,43,,\n";
    text += "North,Repairs,2025-02,44*,,\n";
    text += "Ghost,Repairs,2025-02,lots,,\n";
    for m in 1..=12 {
        let _ = writeln!(text, "East,Lights out,2025-{m:02},{},90,night crew", m * 3);
    }
    text += "East,Lights out,2025-03,99,,\n";
    text += "North,Repairs,2025-03,,,\n";
    text += "West,Repairs,2025-04,51,,\n";
    text += "West,Repairs,not a month,51,,\n";
    text += "West,Repairs,2025-04,52,,\n";
    std::fs::write(path, text).unwrap();
}

fn plan_with(wb: &Workbook, path: &Path, values_in_memory: usize) -> ImportPlan {
    plan_with_frequency(wb, path, values_in_memory, None)
}

/// `frequency`: how often new indicators are reported, when the person
/// says (their values are then placed as they are read).
fn plan_with_frequency(
    wb: &Workbook,
    path: &Path,
    values_in_memory: usize,
    frequency: Option<Frequency>,
) -> ImportPlan {
    let options = ImportOptions {
        create_missing: true,
        reason: "Corrected".into(),
        values_in_memory,
        new_indicator_frequency: frequency,
        ..ImportOptions::default()
    };
    plan_import(
        wb,
        path,
        &SourceOptions::default(),
        &guessed_mapping(path),
        &options,
        &mut |_| true,
    )
    .unwrap()
}

/// Every stored value with its note, and every audit row, as text.
fn contents(wb: &Workbook) -> String {
    let mut out = String::new();
    let teams = wb.teams().unwrap();
    let indicators = wb.indicators().unwrap();
    let _ = writeln!(
        out,
        "teams {:?}",
        teams.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
    let _ = writeln!(
        out,
        "indicators {:?}",
        indicators
            .iter()
            .map(|i| (&i.name, i.frequency))
            .collect::<Vec<_>>()
    );
    wb.for_each_value(&[], |v| {
        let _ = writeln!(out, "{:?} {} {:?}", v.cell, v.value, v.note);
        for h in wb.value_history(v.cell)? {
            let _ = writeln!(
                out,
                "  was {:?} now {:?} ({}, {})",
                h.old_value, h.new_value, h.reason, h.source
            );
        }
        Ok(())
    })
    .unwrap();
    out
}

fn sorted(values: &ImportValues) -> Vec<String> {
    let mut all: Vec<String> = values
        .to_vec()
        .unwrap()
        .iter()
        .map(|v| format!("{v:?}"))
        .collect();
    all.sort();
    all
}

#[test]
fn a_file_checked_on_disk_gives_exactly_the_result_of_checking_it_in_memory() {
    let dir = temp();
    let path = dir.path().join("mixed.csv");
    mixed_file(&path);
    let mut in_memory_wb = workbook(dir.path(), "memory.ratchet");
    let mut on_disk_wb = workbook(dir.path(), "disk.ratchet");

    let in_memory = plan_with(&in_memory_wb, &path, usize::MAX);
    let on_disk = plan_with(&on_disk_wb, &path, 3);
    assert!(matches!(in_memory.batch.values, ImportValues::Memory(_)));
    assert!(matches!(on_disk.batch.values, ImportValues::Scratch(_)));

    // The same report: counts, every rejection with its line, notices.
    assert_eq!(on_disk.report, in_memory.report);
    let r = &in_memory.report;
    assert_eq!((r.added, r.updated), (14, 1), "{}", r.render_text());
    assert_eq!(r.new_teams, ["East", "West"]);
    // Values of existing indicators are placed as they are read (a second
    // value for West's April is refused at once); the new indicator's wait
    // for the whole file to show its frequency.
    let lines: Vec<u64> = r.rejected.iter().map(|x| x.line).collect();
    assert_eq!(lines, [4, 20, 21, 17]);
    assert!(
        r.rejected[2].reason.contains("as line 19"),
        "{:?}",
        r.rejected
    );
    assert!(
        r.rejected[3].reason.contains("as line 7"),
        "{:?}",
        r.rejected
    );
    assert_eq!(on_disk.batch.new_teams, in_memory.batch.new_teams);
    assert_eq!(on_disk.batch.new_indicators, in_memory.batch.new_indicators);
    assert_eq!(
        sorted(&on_disk.batch.values),
        sorted(&in_memory.batch.values)
    );

    // And the same workbook once written.
    written_alike(&mut in_memory_wb, &in_memory, &mut on_disk_wb, &on_disk);
    assert!(contents(&on_disk_wb).contains("Some(\"footnote *\")"));
}

#[test]
fn values_placed_as_they_are_read_give_the_same_result_on_disk_and_in_memory() {
    let dir = temp();
    let path = dir.path().join("mixed.csv");
    mixed_file(&path);
    let mut in_memory_wb = workbook(dir.path(), "memory.ratchet");
    let mut on_disk_wb = workbook(dir.path(), "disk.ratchet");
    let month = Some(Frequency::Month);

    let in_memory = plan_with_frequency(&in_memory_wb, &path, usize::MAX, month);
    let on_disk = plan_with_frequency(&on_disk_wb, &path, 3, month);
    assert!(matches!(in_memory.batch.values, ImportValues::Memory(_)));
    assert!(matches!(on_disk.batch.values, ImportValues::Scratch(_)));
    assert_eq!(on_disk.report, in_memory.report);
    // Every value placed as read: the rejections come in the file's order.
    let lines: Vec<u64> = in_memory.report.rejected.iter().map(|x| x.line).collect();
    assert_eq!(lines, [4, 17, 20, 21]);
    assert_eq!(
        sorted(&on_disk.batch.values),
        sorted(&in_memory.batch.values)
    );
    written_alike(&mut in_memory_wb, &in_memory, &mut on_disk_wb, &on_disk);
}

/// Writes the mixed file's two plans, checked in memory and on disk, and
/// checks that they did the same and left the same workbook.
fn written_alike(
    in_memory_wb: &mut Workbook,
    in_memory: &ImportPlan,
    on_disk_wb: &mut Workbook,
    on_disk: &ImportPlan,
) {
    let a = in_memory_wb
        .apply_import(&in_memory.batch, &mut |_, _| true)
        .unwrap();
    let b = on_disk_wb
        .apply_import(&on_disk.batch, &mut |_, _| true)
        .unwrap();
    assert_eq!(a, b);
    assert_eq!((a.added, a.updated, a.teams_created), (14, 1, 2));
    assert_eq!(contents(on_disk_wb), contents(in_memory_wb));
}

#[test]
fn a_large_file_on_disk_is_written_whole_or_not_at_all() {
    let dir = temp();
    let path = dir.path().join("big.csv");
    // 20 teams × 1,200 weeks: several chunks of records on disk.
    let mut text = String::from("team,indicator,week,value\n");
    let start = NaiveDate::from_ymd_opt(2001, 1, 1).unwrap();
    for t in 0..20 {
        for n in 0..1200 {
            let week = (start + chrono::Days::new(7 * n)).iso_week();
            let (y, w) = (week.year(), week.week());
            let _ = writeln!(text, "Team {t},Calls,{y}-W{w:02},{}", (t * 7 + n) % 90);
        }
    }
    std::fs::write(&path, text).unwrap();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    let plan = plan_with(&wb, &path, 1000);
    assert!(matches!(plan.batch.values, ImportValues::Scratch(_)));
    assert_eq!(
        plan.batch.values.len(),
        24_000,
        "{}",
        plan.report.render_text()
    );
    assert_eq!(plan.report.added, 24_000);

    // Placing the values can be cancelled too (after every row is read),
    // on disk and in memory.
    for values_in_memory in [1000, usize::MAX] {
        let mut asked = Vec::new();
        let cancelled = plan_import(
            &wb,
            &path,
            &SourceOptions::default(),
            &guessed_mapping(&path),
            &ImportOptions {
                create_missing: true,
                values_in_memory,
                ..ImportOptions::default()
            },
            &mut |rows| {
                asked.push(rows);
                false
            },
        );
        assert!(matches!(cancelled, Err(PlanError::Cancelled)));
        assert_eq!(asked, [24_000], "asked once, with every row read");
    }

    // Cancelled half-way: nothing written, not even the new names.
    let mut calls = 0;
    let cancelled = wb.apply_import(&plan.batch, &mut |done, _| {
        calls += 1;
        done < 12_000
    });
    assert!(cancelled.is_err());
    assert!(calls > 1);
    assert!(wb.teams().unwrap().is_empty());
    assert!(wb.indicators().unwrap().is_empty());

    // The same batch, applied: every value in.
    let outcome = wb.apply_import(&plan.batch, &mut |_, _| true).unwrap();
    assert_eq!((outcome.added, outcome.teams_created), (24_000, 20));
    let mut stored = 0;
    wb.for_each_value(&[], |_| {
        stored += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(stored, 24_000);
}
