//! Importing real-world spreadsheets and exporting them back.

use std::path::Path;

use chrono::NaiveDate;
use ratchet::domain::{Cell, Direction, Frequency, IndicatorId, TeamId};
use ratchet::domain::{IndicatorSpec, OnExisting};
use ratchet::io::mapping::{Layout, Mapping};
use ratchet::io::period::DateOrder;
use ratchet::io::{
    ExportOptions, ImportOptions, ImportPlan, SourceOptions, export_file, plan_import,
};
use ratchet::storage::Workbook;

use crate::support::{guessed_mapping, new_workbook, repairs_workbook, temp};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn plan(wb: &Workbook, path: &Path, mapping: &Mapping, options: &ImportOptions) -> ImportPlan {
    plan_import(
        wb,
        path,
        &SourceOptions::default(),
        mapping,
        options,
        &mut |_| true,
    )
    .unwrap()
}

fn create_missing() -> ImportOptions {
    ImportOptions {
        create_missing: true,
        ..ImportOptions::default()
    }
}

fn value(wb: &Workbook, team: &str, indicator: &str, period: NaiveDate) -> Option<f64> {
    let team = wb.team_by_name(team).unwrap().unwrap().id;
    let indicator = wb.indicator_by_name(indicator).unwrap().unwrap().id;
    wb.value(Cell {
        indicator,
        team,
        period_start: period,
    })
    .unwrap()
}

fn ids(wb: &Workbook, team: &str, indicator: &str) -> (TeamId, IndicatorId) {
    (
        wb.team_by_name(team).unwrap().unwrap().id,
        wb.indicator_by_name(indicator).unwrap().unwrap().id,
    )
}

#[test]
fn a_long_windows_1252_semicolon_file_with_decimal_commas_imports_exactly() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    let path = dir.path().join("export.csv");
    // Windows-1252: "Süd" has ü = 0xFC; CRLF line ends; ; separated; decimal commas.
    let text = "Team;Indicator;Month;Value;Unit;Direction;Note\r\n\
                Nord;Wartezeit;2024-01;12,5;Tage;lower;\r\n\
                Nord;Wartezeit;Feb 2024;1.234,5;Tage;lower;\r\n\
                S\u{fc}d;Wartezeit;2024-03;7*;Tage;lower;Schätzung\r\n\
                S\u{fc}d;Wartezeit;2024-04;NA;Tage;lower;\r\n\
                S\u{fc}d;Wartezeit;2024-05;-;Tage;lower;\r\n\
                Nord;Wartezeit;2024-05;,75;Tage;lower;\r\n";
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    std::fs::write(&path, bytes).unwrap();

    let mapping = guessed_mapping(&path);
    assert_eq!(mapping.layout, Layout::Long);
    let p = plan(&wb, &path, &mapping, &create_missing());
    assert_eq!(p.report.rejected, vec![], "{}", p.report.render_text());
    assert!(
        p.report.source.contains("Windows-1252") && p.report.source.contains("semicolons"),
        "{}",
        p.report.source
    );
    assert_eq!((p.report.added, p.report.not_reported), (4, 2));
    assert_eq!(p.report.new_teams, ["Nord", "Süd"]);
    assert_eq!(p.report.new_indicators.len(), 1);
    assert_eq!(p.report.new_indicators[0].frequency, Frequency::Month);
    assert_eq!(p.report.new_indicators[0].direction, Direction::Lower);
    assert_eq!(p.report.new_indicators[0].unit, "Tage");

    let outcome = wb.apply_import(&p.batch, &mut |_, _| true).unwrap();
    assert_eq!(
        (
            outcome.added,
            outcome.teams_created,
            outcome.indicators_created
        ),
        (4, 2, 1)
    );
    assert_eq!(value(&wb, "Nord", "Wartezeit", d(2024, 1, 1)), Some(12.5));
    assert_eq!(value(&wb, "Nord", "Wartezeit", d(2024, 2, 1)), Some(1234.5));
    assert_eq!(value(&wb, "Süd", "Wartezeit", d(2024, 3, 1)), Some(7.0));
    assert_eq!(
        value(&wb, "Süd", "Wartezeit", d(2024, 4, 1)),
        None,
        "NA is not reported, never zero"
    );
    assert_eq!(value(&wb, "Nord", "Wartezeit", d(2024, 5, 1)), Some(0.75));
    let (team, ind) = ids(&wb, "Süd", "Wartezeit");
    let note = wb
        .value_note(Cell {
            indicator: ind,
            team,
            period_start: d(2024, 3, 1),
        })
        .unwrap();
    assert_eq!(note.as_deref(), Some("Schätzung (footnote *)"));
}

#[test]
fn a_wide_utf8_bom_tab_file_with_fiscal_year_columns_in_any_order() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    wb.set_fiscal_year_start_month(7).unwrap();
    wb.add_indicator(&IndicatorSpec::simple(
        "Cases closed",
        "cases",
        Direction::Higher,
        Frequency::Year,
    ))
    .unwrap();
    wb.add_team("Eastside", "").unwrap();
    wb.add_team("Westside", "").unwrap();
    let path = dir.path().join("wide.txt");
    std::fs::write(&path, "\u{feff}Office\tMeasure\tFY2021\tFY2019\tFY2020\nEastside\tCases closed\t1,300\t1,100\t1,200\nWestside\tCases closed\t\t900\t950\n").unwrap();
    let mapping = guessed_mapping(&path);
    assert_eq!(mapping.layout, Layout::Wide);
    assert_eq!(mapping.team, Some(0));
    let p = plan(&wb, &path, &mapping, &ImportOptions::default());
    assert!(p.report.rejected.is_empty(), "{}", p.report.render_text());
    assert_eq!((p.report.added, p.report.not_reported), (5, 1));
    wb.apply_import(&p.batch, &mut |_, _| true).unwrap();
    assert_eq!(
        value(&wb, "Eastside", "Cases closed", d(2019, 1, 1)),
        Some(1100.0)
    );
    assert_eq!(
        value(&wb, "Eastside", "Cases closed", d(2021, 1, 1)),
        Some(1300.0)
    );
    assert_eq!(
        value(&wb, "Westside", "Cases closed", d(2020, 1, 1)),
        Some(950.0)
    );
    assert_eq!(value(&wb, "Westside", "Cases closed", d(2021, 1, 1)), None);
}

#[test]
fn an_xlsx_file_with_typed_dates_and_numbers() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    let path = dir.path().join("data.xlsx");
    {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook as Xlsx};
        let mut book = Xlsx::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Figures").unwrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (c, h) in ["Team", "Indicator", "Date", "Value"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        let rows = [
            ("North", 3, 31, 41.0),
            ("North", 4, 30, 45.5),
            ("South", 3, 31, 39.0),
        ];
        for (r, (team, m, day, v)) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, *team).unwrap();
            sheet.write_string(r, 1, "Repairs on time").unwrap();
            sheet
                .write_datetime_with_format(
                    r,
                    2,
                    ExcelDateTime::from_ymd(2025, *m, *day).unwrap(),
                    &date,
                )
                .unwrap();
            sheet.write_number(r, 3, *v).unwrap();
        }
        book.save(&path).unwrap();
    }
    let mapping = guessed_mapping(&path);
    let options = ImportOptions {
        new_indicator_frequency: Some(Frequency::Month),
        ..create_missing()
    };
    let p = plan(&wb, &path, &mapping, &options);
    assert!(p.report.rejected.is_empty(), "{}", p.report.render_text());
    assert!(p.report.source.contains("Figures"));
    wb.apply_import(&p.batch, &mut |_, _| true).unwrap();
    assert_eq!(
        value(&wb, "North", "Repairs on time", d(2025, 4, 1)),
        Some(45.5)
    );
    assert_eq!(
        value(&wb, "South", "Repairs on time", d(2025, 3, 1)),
        Some(39.0)
    );
}

#[test]
fn bad_rows_are_each_reported_with_line_and_column_and_nothing_is_written() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    wb.add_team("North", "").unwrap();
    wb.add_indicator(&IndicatorSpec::simple(
        "Repairs",
        "%",
        Direction::Higher,
        Frequency::Month,
    ))
    .unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "team,indicator,period,value\n\
         North,Repairs,2025-01,41\n\
         North,Repairs,2025-02,forty\n\
         Nowhere,Repairs,2025-03,44\n\
         North,Repairs,sometime,45\n\
         North,Repairs,2025 Q2,46\n\
         North,Repairs,2025-01,42\n\
         ,Repairs,2025-06,1\n",
    )
    .unwrap();
    let before = wb.counts().unwrap();
    let p = plan(
        &wb,
        &path,
        &guessed_mapping(&path),
        &ImportOptions::default(),
    );
    let got: Vec<(u64, &str)> = p
        .report
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(got.len(), 6, "{}", p.report.render_text());
    for expected in [(3, "value"), (4, "team"), (5, "period"), (8, "team")] {
        assert!(got.contains(&expected), "{expected:?} missing from {got:?}");
    }
    let by_line = |l: u64| {
        p.report
            .rejected
            .iter()
            .find(|r| r.line == l)
            .unwrap()
            .reason
            .clone()
    };
    assert_eq!(by_line(3), "\"forty\" is not a number");
    assert!(by_line(4).contains("\"Nowhere\" is not in the workbook"));
    assert!(by_line(6).contains("names a quarter, but the indicator is reported monthly"));
    assert!(by_line(7).contains("as line 2"));
    assert!(
        p.report
            .blocker(false, false)
            .unwrap()
            .contains("6 rows are rejected")
    );
    // The command line refuses the same file and changes nothing.
    let out = crate::support::ratchet_command()
        .args([
            "import",
            wb.path().to_str().unwrap(),
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("line 3, column \"value\": \"forty\" is not a number"),
        "{stdout}"
    );
    assert_eq!(wb.counts().unwrap(), before, "nothing was written");
}

#[test]
fn existing_values_are_updated_through_the_audit_trail_or_skipped() {
    let dir = temp();
    let (mut wb, cell) = repairs_workbook(dir.path(), "w.ratchet");
    let path = dir.path().join("fix.csv");
    std::fs::write(
        &path,
        "team,indicator,period,value\nNorth,Repairs,2025-01,43\nNorth,Repairs,2025-02,44\n",
    )
    .unwrap();

    let skip = ImportOptions {
        on_existing: OnExisting::Skip,
        ..ImportOptions::default()
    };
    let p = plan(&wb, &path, &guessed_mapping(&path), &skip);
    assert_eq!(
        (p.report.added, p.report.skipped, p.report.updated),
        (1, 1, 0)
    );

    let update = ImportOptions {
        reason: "Corrected January figure".into(),
        ..ImportOptions::default()
    };
    let p = plan(&wb, &path, &guessed_mapping(&path), &update);
    assert_eq!((p.report.added, p.report.updated), (1, 1));
    let outcome = wb.apply_import(&p.batch, &mut |_, _| true).unwrap();
    assert_eq!((outcome.added, outcome.updated), (1, 1));
    assert_eq!(wb.value(cell).unwrap(), Some(43.0));
    let history = wb.value_history(cell).unwrap();
    let last = history.last().unwrap();
    assert_eq!((last.old_value, last.new_value), (Some(40.0), Some(43.0)));
    assert_eq!(
        (last.reason.as_str(), last.source.as_str()),
        ("Corrected January figure", "import")
    );
}

#[test]
fn ambiguous_dates_are_asked_about_and_locked_periods_need_a_reason() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    wb.add_team("North", "").unwrap();
    wb.add_indicator(&IndicatorSpec::simple(
        "Repairs",
        "%",
        Direction::Higher,
        Frequency::Month,
    ))
    .unwrap();
    let path = dir.path().join("dates.csv");
    std::fs::write(
        &path,
        "team,indicator,date,value\nNorth,Repairs,3/4/2025,41\nNorth,Repairs,5/6/2025,42\n",
    )
    .unwrap();
    let p = plan(
        &wb,
        &path,
        &guessed_mapping(&path),
        &ImportOptions::default(),
    );
    assert_eq!(p.report.rejected_total, 2);
    assert!(
        p.report.rejected[0]
            .reason
            .contains("day first or month first")
    );
    let day_first = ImportOptions {
        date_order: DateOrder::DayFirst,
        ..ImportOptions::default()
    };
    let p = plan(&wb, &path, &guessed_mapping(&path), &day_first);
    assert!(p.report.rejected.is_empty());
    assert_eq!(
        p.batch.values.to_vec().unwrap()[0].period_start,
        d(2025, 4, 1),
        "3/4/2025 day first is 3 April"
    );

    wb.lock_through(d(2025, 4, 30), "after the April meeting")
        .unwrap();
    let p = plan(&wb, &path, &guessed_mapping(&path), &day_first);
    assert_eq!(p.report.in_locked_periods, 1);
    assert!(p.report.blocker(false, false).unwrap().contains("locked"));
    assert!(
        wb.apply_import(&p.batch, &mut |_, _| true).is_err(),
        "storage refuses too"
    );
    let with_reason = ImportOptions {
        reason: "Late April figures".into(),
        ..day_first
    };
    let p = plan(&wb, &path, &guessed_mapping(&path), &with_reason);
    assert_eq!(p.report.blocker(false, true), None);
    wb.apply_import(&p.batch, &mut |_, _| true).unwrap();
    assert_eq!(value(&wb, "North", "Repairs", d(2025, 4, 1)), Some(41.0));
}

#[test]
fn separate_year_and_month_columns() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    let path = dir.path().join("ym.csv");
    std::fs::write(
        &path,
        "team,indicator,year,month,value\nNorth,Visits,2025,1,10\nNorth,Visits,2025,Feb,11\n",
    )
    .unwrap();
    let p = plan(&wb, &path, &guessed_mapping(&path), &create_missing());
    assert!(p.report.rejected.is_empty(), "{}", p.report.render_text());
    wb.apply_import(&p.batch, &mut |_, _| true).unwrap();
    assert_eq!(value(&wb, "North", "Visits", d(2025, 2, 1)), Some(11.0));
}

#[test]
fn cancelling_an_import_writes_nothing() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    let path = dir.path().join("many.csv");
    let mut text = String::from("team,indicator,period,value\n");
    for i in 0..30_000 {
        text.push_str(&format!(
            "T{},Visits,{}-01-01,{}\n",
            i % 300,
            1900 + i / 300,
            i
        ));
    }
    std::fs::write(&path, text).unwrap();
    let options = ImportOptions {
        new_indicator_frequency: Some(Frequency::Year),
        ..create_missing()
    };
    let p = plan(&wb, &path, &guessed_mapping(&path), &options);
    assert_eq!(p.report.added, 30_000, "{}", p.report.render_text());
    let mut calls = 0;
    let err = wb
        .apply_import(&p.batch, &mut |done, _| {
            calls += 1;
            done == 0
        })
        .unwrap_err();
    assert!(err.to_string().contains("Cancelled"));
    assert!(calls >= 2);
    assert_eq!(wb.counts().unwrap().measurements, 0);
    assert_eq!(
        wb.counts().unwrap().teams,
        0,
        "not even the new teams were kept"
    );
}

#[test]
fn export_then_import_changes_nothing() {
    let dir = temp();
    let path = dir.path().join("s.ratchet");
    let mut wb = ratchet::ops::sample::create_sample(&path).unwrap();
    // Awkward content: a formula-like team name, a negative value, a note.
    let odd = wb.add_team("=HYPERLINK(\"x\")", "").unwrap();
    let ind = wb
        .indicator_by_name("Crew overtime hours")
        .unwrap()
        .unwrap()
        .id;
    let cell = Cell {
        indicator: ind,
        team: odd,
        period_start: d(2025, 1, 1),
    };
    wb.set_value(cell, Some(-3.25), "", "entry").unwrap();
    for ext in ["csv", "xlsx"] {
        let file = dir.path().join(format!("all.{ext}"));
        let written = export_file(
            &wb,
            &file,
            &ExportOptions {
                bom: true,
                ..ExportOptions::default()
            },
        )
        .unwrap();
        assert_eq!(written as u64, wb.counts().unwrap().measurements);
        let p = plan(
            &wb,
            &file,
            &guessed_mapping(&file),
            &ImportOptions::default(),
        );
        assert!(
            p.report.rejected.is_empty(),
            "{ext}: {}",
            p.report.render_text()
        );
        assert!(p.report.notices.is_empty(), "{ext}: {:?}", p.report.notices);
        assert_eq!(
            p.report.unchanged as u64,
            wb.counts().unwrap().measurements,
            "{ext}"
        );
        assert_eq!((p.report.added, p.report.updated), (0, 0), "{ext}");
    }
    let csv = std::fs::read_to_string(dir.path().join("all.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"x\"\")\""),
        "the formula is guarded"
    );
    // Into a fresh workbook, the export recreates the same values exactly.
    let (_, mut fresh) = new_workbook(dir.path(), "fresh.ratchet");
    let file = dir.path().join("all.csv");
    let p = plan(&fresh, &file, &guessed_mapping(&file), &create_missing());
    assert!(p.report.rejected.is_empty(), "{}", p.report.render_text());
    fresh.apply_import(&p.batch, &mut |_, _| true).unwrap();
    assert_eq!(
        fresh.counts().unwrap().measurements,
        wb.counts().unwrap().measurements
    );
    let mut a = Vec::new();
    wb.for_each_value(&[], |v| {
        a.push((v.value, v.cell.period_start));
        Ok(())
    })
    .unwrap();
    let mut b = Vec::new();
    fresh
        .for_each_value(&[], |v| {
            b.push((v.value, v.cell.period_start));
            Ok(())
        })
        .unwrap();
    a.sort_by(|x, y| x.partial_cmp(y).unwrap());
    b.sort_by(|x, y| x.partial_cmp(y).unwrap());
    assert_eq!(a, b);
    assert!(
        fresh.team_by_name("=HYPERLINK(\"x\")").unwrap().is_some(),
        "the guard is removed on import"
    );
}

#[test]
fn a_large_file_with_one_existing_value_in_the_middle_counts_it_exactly() {
    // 600 rows: the fast path writes whole chunks; the chunk holding the
    // existing value falls back to row-by-row and updates it through the audit trail.
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    let team = wb.add_team("North", "").unwrap();
    let ind = wb
        .add_indicator(&IndicatorSpec::simple(
            "Visits",
            "",
            Direction::Higher,
            Frequency::Week,
        ))
        .unwrap();
    let start = d(2020, 1, 6);
    let existing = Cell {
        indicator: ind,
        team,
        period_start: start + chrono::Days::new(7 * 150),
    };
    wb.set_value(existing, Some(-1.0), "", "entry").unwrap();
    let path = dir.path().join("weeks.csv");
    let mut text = String::from("team,indicator,period,value\n");
    for k in 0..600u64 {
        text.push_str(&format!(
            "North,Visits,{},{}\n",
            start + chrono::Days::new(7 * k),
            k
        ));
    }
    std::fs::write(&path, text).unwrap();
    let options = ImportOptions {
        reason: "bulk".into(),
        ..ImportOptions::default()
    };
    let p = plan(&wb, &path, &guessed_mapping(&path), &options);
    assert_eq!((p.report.added, p.report.updated), (599, 1));
    let outcome = wb.apply_import(&p.batch, &mut |_, _| true).unwrap();
    assert_eq!(
        (outcome.added, outcome.updated, outcome.unchanged),
        (599, 1, 0)
    );
    assert_eq!(wb.value(existing).unwrap(), Some(150.0));
    assert_eq!(
        wb.value_history(existing)
            .unwrap()
            .last()
            .unwrap()
            .old_value,
        Some(-1.0)
    );
    assert_eq!(wb.counts().unwrap().measurements, 600);
    let last = Cell {
        period_start: start + chrono::Days::new(7 * 599),
        ..existing
    };
    assert_eq!(wb.value(last).unwrap(), Some(599.0));
}

#[test]
fn an_indicator_described_in_every_row_is_read_the_same_way_each_time() {
    let dir = temp();
    let (_, wb) = new_workbook(dir.path(), "w.ratchet");
    let path = dir.path().join("described.csv");
    std::fs::write(
        &path,
        "team,indicator,period,value,unit,direction,frequency\n\
         North,Repairs,2025-01,41,,,month\n\
         North,Repairs,2025-02,42,%,sideways,month\n\
         North,Repairs,2025-03,43,%,higher,month\n\
         South,Repairs,2025-01,44,%,lower,month\n\
         South,Repairs,2025-02,45,%,sideways,month\n\
         South,Repairs,2025-03,46,%,higher,month\n",
    )
    .unwrap();
    let p = plan(&wb, &path, &guessed_mapping(&path), &create_missing());
    let rejected: Vec<(u64, &str)> = p
        .report
        .rejected
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    // Each row with a direction that is not one is rejected at its own
    // line, however often the same text repeats.
    assert_eq!(
        rejected,
        [(3, "direction"), (6, "direction")],
        "{}",
        p.report.render_text()
    );
    assert_eq!(p.report.added, 4);
    // The unit comes from the first row that gives one; the direction from
    // the first that gives a valid one.
    assert_eq!(p.report.new_indicators.len(), 1);
    assert_eq!(p.report.new_indicators[0].unit, "%");
    assert_eq!(p.report.new_indicators[0].direction, Direction::Higher);
}

#[test]
fn files_in_central_european_cyrillic_japanese_and_chinese_encodings_import_as_written() {
    let cases: [(&'static encoding_rs::Encoding, &str, &str, [&str; 2]); 4] = [
        (
            encoding_rs::WINDOWS_1250,
            "Windows-1250",
            "team,indicator,period,value\nPříbram,Počet žádostí,2024-01,12\nČeské Budějovice,Počet žádostí,2024-01,7\nÚstí nad Labem,Počet žádostí,2024-01,81\n",
            ["České Budějovice", "Příbram"],
        ),
        (
            encoding_rs::WINDOWS_1251,
            "Windows-1251",
            "team,indicator,period,value\nСеверный,Время ожидания,2024-01,12\nЮжный,Время ожидания,2024-01,340\nЗападный,Время ожидания,2024-01,81\n",
            ["Западный", "Северный"],
        ),
        (
            encoding_rs::SHIFT_JIS,
            "Shift_JIS",
            "team,indicator,period,value\n北区役所,窓口の待ち時間,2024-01,12\n南区役所,窓口の待ち時間,2024-01,81\n東区役所,窓口の待ち時間,2024-01,340\n",
            ["北区役所", "南区役所"],
        ),
        (
            encoding_rs::GBK,
            "GBK",
            "team,indicator,period,value\n北区政府,窗口等待时间,2024-01,12\n南区政府,窗口等待时间,2024-01,81\n东区政府,窗口等待时间,2024-01,340\n",
            ["北区政府", "南区政府"],
        ),
    ];
    for (encoding, label, text, teams) in cases {
        let dir = temp();
        let (_, wb) = new_workbook(dir.path(), "w.ratchet");
        let path = dir.path().join("file.csv");
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        std::fs::write(&path, &bytes).unwrap();
        let mapping = guessed_mapping(&path);
        let options = ImportOptions {
            new_indicator_direction: Some(Direction::Lower),
            ..create_missing()
        };
        let p = plan(&wb, &path, &mapping, &options);
        assert!(
            p.report.source.contains(label),
            "{label}: {}",
            p.report.source
        );
        assert_eq!(
            p.report.rejected,
            vec![],
            "{label}: {}",
            p.report.render_text()
        );
        assert_eq!(p.report.added, 3, "{label}");
        for team in teams {
            assert!(
                p.report.new_teams.iter().any(|t| t == team),
                "{label}: {:?}",
                p.report.new_teams
            );
        }
    }
}
