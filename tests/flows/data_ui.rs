//! The data screens driven through the real window: the grid with the
//! keyboard, locked periods, pasting, the import assistant, and setup.

use chrono::{Datelike, NaiveDate};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ratchet::app::{Action, DataAction, Locations, RatchetApp, Screen};
use ratchet::domain::IndicatorSpec;
use ratchet::domain::{Cell, Direction, Frequency, IndicatorId, TeamId};
use ratchet::storage::Workbook;

use crate::support::{click, harness, open_workbook, settle, temp, type_into};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    north: TeamId,
    south: TeamId,
    visits: IndicatorId,
}

/// A workbook with two teams and a monthly indicator with one value, open in the window.
fn open_fixture() -> (Fixture, Harness<'static, RatchetApp>) {
    let dir = temp();
    let path = dir.path().join("data.ratchet");
    let mut wb = Workbook::create(&path).unwrap();
    let north = wb.add_team("North", "").unwrap();
    let south = wb.add_team("South", "").unwrap();
    let visits = wb
        .add_indicator(&IndicatorSpec::simple(
            "Visits",
            "visits",
            Direction::Higher,
            Frequency::Month,
        ))
        .unwrap();
    wb.set_value(
        Cell {
            indicator: visits,
            team: north,
            period_start: d(2025, 1, 1),
        },
        Some(10.0),
        "",
        "entry",
    )
    .unwrap();
    drop(wb);
    let app = RatchetApp::new(Locations::under(dir.path()), Some(path));
    let mut h = harness(app);
    settle(&mut h);
    (
        Fixture {
            _dir: dir,
            north,
            south,
            visits,
        },
        h,
    )
}

fn stored(
    h: &Harness<'_, RatchetApp>,
    f: &Fixture,
    team: TeamId,
    period: NaiveDate,
) -> Option<f64> {
    open_workbook(h)
        .value(Cell {
            indicator: f.visits,
            team,
            period_start: period,
        })
        .unwrap()
}

#[test]
fn values_are_typed_with_the_keyboard_and_stored() {
    let (f, mut h) = open_fixture();
    click(&mut h, "Enter data");
    assert_eq!(h.state().view().screen, Screen::Data);
    // The grid opens at the first overdue cell: Feb 2025 has ended without a value for North.
    h.get_by_label("North, Feb 2025").focus();
    settle(&mut h);
    h.get_by_label("North, Feb 2025").type_text("12");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), Some(12.0));
    // Enter moved down to South; a non-number is refused with the reason and not stored.
    h.get_by_label("South, Feb 2025").type_text("abc");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    h.get_by_label_contains("South, Feb 2025: \"abc\" is not a number. Not stored.");
    assert_eq!(stored(&h, &f, f.south, d(2025, 2, 1)), None);
    // Escape drops the typing; then Tab stores and moves right.
    h.key_press(Key::Escape);
    settle(&mut h);
    h.get_by_label("South, Feb 2025").type_text("7");
    settle(&mut h);
    h.key_press(Key::Tab);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.south, d(2025, 2, 1)), Some(7.0));
    h.get_by_label("South, Mar 2025").type_text("8.5");
    settle(&mut h);
    h.key_press(Key::ArrowUp);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.south, d(2025, 3, 1)), Some(8.5));
    // Up arrived at North, Mar; an empty value means "not reported", never zero.
    h.get_by_label("North, Mar 2025").type_text("NA");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 3, 1)), None);
    // Every change is in the history shown beside the grid.
    click(&mut h, "North, Feb 2025: 12");
    h.get_by_label_contains("not reported → 12 (entry)");
    let history = open_workbook(&h)
        .value_history(Cell {
            indicator: f.visits,
            team: f.north,
            period_start: d(2025, 2, 1),
        })
        .unwrap();
    assert_eq!(history.len(), 1);
}

#[test]
fn changing_a_locked_period_asks_for_a_reason_that_is_kept() {
    let (f, mut h) = open_fixture();
    click(&mut h, "Enter data");
    type_into(&mut h, "Lock periods up to", "2025-01-31");
    click(&mut h, "Lock");
    assert_eq!(
        open_workbook(&h).locked_through().unwrap(),
        Some(d(2025, 1, 31))
    );
    click(&mut h, "North, Jan 2025: 10");
    h.get_by_label("North, Jan 2025").type_text("11");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    // Nothing is stored until a reason is given.
    assert_eq!(stored(&h, &f, f.north, d(2025, 1, 1)), Some(10.0));
    h.get_by_label_contains("Changing North, Jan 2025 needs a reason");
    type_into(
        &mut h,
        "Reason for the change",
        "Late report from the district",
    );
    click(&mut h, "Save change");
    assert_eq!(stored(&h, &f, f.north, d(2025, 1, 1)), Some(11.0));
    let history = open_workbook(&h)
        .value_history(Cell {
            indicator: f.visits,
            team: f.north,
            period_start: d(2025, 1, 1),
        })
        .unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.old_value, last.new_value, last.reason.as_str()),
        (Some(10.0), Some(11.0), "Late report from the district")
    );
}

#[test]
fn a_block_pasted_from_a_spreadsheet_lands_at_the_selected_cell() {
    let (f, mut h) = open_fixture();
    click(&mut h, "Enter data");
    h.get_by_label("North, Feb 2025").focus();
    settle(&mut h);
    h.event(egui::Event::Paste("1\t2\r\n3\t4\r\n".into()));
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), Some(1.0));
    assert_eq!(stored(&h, &f, f.north, d(2025, 3, 1)), Some(2.0));
    assert_eq!(stored(&h, &f, f.south, d(2025, 2, 1)), Some(3.0));
    assert_eq!(stored(&h, &f, f.south, d(2025, 3, 1)), Some(4.0));
    // A block with a bad cell pastes nothing and names the cell.
    h.event(egui::Event::Paste("5\tfive\n".into()));
    settle(&mut h);
    h.get_by_label_contains("column 2 of the pasted block");
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), Some(1.0));
}

#[test]
fn the_import_assistant_goes_from_preview_to_confirmed_import() {
    let (f, mut h) = open_fixture();
    let dir = temp();
    let file = dir.path().join("visits.csv");
    std::fs::write(&file, "District;Indicator;Month;Visits\nNorth;Visits;2025-04;14,5\nSouth;Visits;Apr 2025;9\nEast;Visits;2025-04;3\n").unwrap();
    click(&mut h, "Import and export");
    type_into(&mut h, "or its path", file.to_str().unwrap());
    click(&mut h, "Load file");
    // The preview shows the file's rows; the mapping was guessed from the headers.
    h.get_by_label_contains("CSV, UTF-8, separated by semicolons");
    h.get_by_label("14,5");
    click(&mut h, "Check file");
    settle(&mut h);
    // East is not a team: the row is rejected with its line and column.
    h.get_by_label_contains(
        "1 row, column \"District\", e.g. the team \"East\" is not in the workbook",
    );
    h.get_by_label_contains("1 row is rejected");
    assert_eq!(
        stored(&h, &f, f.north, d(2025, 4, 1)),
        None,
        "a check writes nothing"
    );
    click(
        &mut h,
        "Create teams and indicators that the file names but the workbook lacks",
    );
    click(&mut h, "Check file");
    settle(&mut h);
    h.get_by_label_contains("New teams: East");
    click(&mut h, "Import 3 values");
    settle(&mut h);
    h.get_by_label_contains("✔ Imported: 3 added");
    assert_eq!(stored(&h, &f, f.north, d(2025, 4, 1)), Some(14.5));
    assert_eq!(stored(&h, &f, f.south, d(2025, 4, 1)), Some(9.0));
    assert!(open_workbook(&h).team_by_name("East").unwrap().is_some());
}

#[test]
fn a_failed_import_keeps_its_checked_values_so_it_can_be_tried_again() {
    let (f, mut h) = open_fixture();
    settle(&mut h);
    let dir = temp();
    let file = dir.path().join("visits.csv");
    std::fs::write(
        &file,
        "District,Indicator,Month,Visits\nNorth,Visits,2025-04,14\nSouth,Visits,2025-04,9\n",
    )
    .unwrap();
    click(&mut h, "Import and export");
    type_into(&mut h, "or its path", file.to_str().unwrap());
    click(&mut h, "Load file");
    click(&mut h, "Check file");
    settle(&mut h);
    // The backup taken before every import cannot be written: a file
    // stands where its folder goes.
    let workbook = open_workbook(&h).path().to_owned();
    let root = workbook.parent().unwrap();
    let backups = ratchet::ops::backups::backup_dir(&Locations::under(root).backups, &workbook);
    let _ = std::fs::remove_dir_all(&backups);
    std::fs::write(&backups, "in the way").unwrap();
    click(&mut h, "Import 2 values");
    settle(&mut h);
    h.get_by_label_contains("the backup before importing failed");
    assert_eq!(stored(&h, &f, f.north, d(2025, 4, 1)), None);
    let import = &h.state().workbook_view().unwrap().import;
    assert_eq!(import.plan.as_ref().unwrap().batch.values.len(), 2);

    // Out of the way, the same checked import goes in.
    std::fs::remove_file(&backups).unwrap();
    click(&mut h, "Import 2 values");
    settle(&mut h);
    h.get_by_label_contains("✔ Imported: 2 added");
    assert_eq!(stored(&h, &f, f.north, d(2025, 4, 1)), Some(14.0));
    assert_eq!(stored(&h, &f, f.south, d(2025, 4, 1)), Some(9.0));
}

#[test]
fn export_from_the_window_writes_the_chosen_teams_and_periods() {
    let (f, mut h) = open_fixture();
    h.state_mut().apply(ratchet::app::Action::Data(
        ratchet::app::DataAction::SetValues {
            changes: vec![
                (
                    Cell {
                        indicator: f.visits,
                        team: f.south,
                        period_start: d(2025, 1, 1),
                    },
                    Some(4.0),
                ),
                (
                    Cell {
                        indicator: f.visits,
                        team: f.north,
                        period_start: d(2025, 3, 1),
                    },
                    Some(6.0),
                ),
            ],
            reason: String::new(),
        },
    ));
    let dir = temp();
    let out = dir.path().join("out.csv");
    click(&mut h, "Import and export");
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "North")
        .click();
    settle(&mut h);
    type_into(&mut h, "Periods from", "2025-01-01");
    type_into(&mut h, "to", "2025-02-28");
    type_into(&mut h, "or to the path", out.to_str().unwrap());
    click(&mut h, "Export to path");
    settle(&mut h);
    h.get_by_label_contains("Exported 1 value to");
    let text = std::fs::read_to_string(&out).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{text}");
    assert!(
        rows[0].starts_with("North,Visits,2025-01-01,Jan 2025,10,"),
        "{text}"
    );
}

#[test]
fn teams_and_indicators_are_added_renamed_archived_and_given_team_targets() {
    let (f, mut h) = open_fixture();
    click(&mut h, "Teams and indicators");
    type_into(&mut h, "New team", "Harbor");
    type_into(&mut h, "contact", "Sam");
    click(&mut h, "Add team");
    let harbor = open_workbook(&h).team_by_name("Harbor").unwrap().unwrap();
    assert_eq!(harbor.contact, "Sam");
    click(&mut h, "Harbor");
    h.get_by_label("Team name").focus();
    settle(&mut h);
    h.get_by_label("Team name").type_text(" Crew");
    settle(&mut h);
    click(&mut h, "Save team");
    assert!(
        open_workbook(&h)
            .team_by_name("Harbor Crew")
            .unwrap()
            .is_some()
    );
    click(&mut h, "Archive team");
    assert!(
        open_workbook(&h)
            .team_by_name("Harbor Crew")
            .unwrap()
            .unwrap()
            .archived
    );

    click(&mut h, "+ New indicator");
    type_into(&mut h, "Indicator name", "Complaints");
    click(&mut h, "Lower is better");
    click(&mut h, "Add indicator");
    let complaints = open_workbook(&h)
        .indicator_by_name("Complaints")
        .unwrap()
        .unwrap();
    assert_eq!(complaints.direction, Direction::Lower);

    // A team target on Visits for North.
    click(&mut h, "Visits (visits, monthly)");
    type_into(&mut h, "Team baseline value", "10");
    type_into(&mut h, "Team baseline date", "2025-01-01");
    type_into(&mut h, "Team target value", "5");
    type_into(&mut h, "Team deadline", "2026-01-01");
    click(&mut h, "Set target");
    h.get_by_label_contains("must be higher than the baseline");
    assert!(
        open_workbook(&h)
            .target_records(f.visits)
            .unwrap()
            .is_empty()
    );
    h.get_by_label("Team target value").focus();
    settle(&mut h);
    h.key_press(Key::Backspace);
    settle(&mut h);
    h.get_by_label("Team target value").type_text("20");
    settle(&mut h);
    click(&mut h, "Set target");
    let records = open_workbook(&h).target_records(f.visits).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].values.target_value, 20.0);
    assert_eq!(records[0].team, None, "set for every team");
    let _ = d(2025, 1, 1).year();
}

#[test]
fn observations_are_added_beside_the_grid_and_found_by_search() {
    let (f, mut h) = open_fixture();
    click(&mut h, "Enter data");
    click(&mut h, "Add an observation");
    type_into(&mut h, "What was observed", "Crew short of cold patch");
    type_into(&mut h, "Tags", "supplies, weather");
    type_into(&mut h, "Source", "site visit");
    click(&mut h, "Add observation");
    let all = open_workbook(&h).observations().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].tags, ["supplies", "weather"]);
    assert_eq!(all[0].source, "site visit");
    // The form starts from the cell in view: North and Visits.
    assert_eq!(
        (all[0].team, all[0].indicator),
        (Some(f.north), Some(f.visits))
    );
    h.get_by_label("Crew short of cold patch");
    type_into(&mut h, "Search observations", "snow");
    assert!(h.query_by_label("Crew short of cold patch").is_none());
    h.get_by_label("Search observations").focus();
    settle(&mut h);
    for _ in 0..4 {
        h.key_press(Key::Backspace);
    }
    settle(&mut h);
    h.get_by_label("Search observations").type_text("SUPPL");
    settle(&mut h);
    h.get_by_label("Crew short of cold patch");
}

#[test]
fn the_import_asks_which_way_is_better_for_a_new_indicator_instead_of_guessing() {
    let (_f, mut h) = open_fixture();
    let dir = temp();
    let file = dir.path().join("complaints.csv");
    std::fs::write(
        &file,
        "District,Indicator,Month,Count,Target\nNorth,Complaints,2025-04,12,10\nSouth,Complaints,2025-04,9,10\n",
    )
    .unwrap();
    click(&mut h, "Import and export");
    type_into(&mut h, "or its path", file.to_str().unwrap());
    click(&mut h, "Load file");
    click(
        &mut h,
        "Create teams and indicators that the file names but the workbook lacks",
    );
    click(&mut h, "Check file");
    settle(&mut h);
    h.get_by_label_contains("does not say which way is better for 1 new indicator: \"Complaints\"");
    h.get_by_label_contains("Targets: 2 to set");
    let button = h.get_by_label("Import 2 values and 2 targets");
    assert!(
        egui_kittest::kittest::NodeT::accesskit_node(&button).is_disabled(),
        "nothing is imported before the choice"
    );
    click(&mut h, "For new indicators without a direction in the file");
    click(&mut h, "Lower is better");
    click(&mut h, "Check file");
    settle(&mut h);
    click(&mut h, "Import 2 values and 2 targets");
    settle(&mut h);
    h.get_by_label_contains("2 targets set");
    let wb = open_workbook(&h);
    let ind = wb.indicator_by_name("Complaints").unwrap().unwrap();
    assert_eq!(ind.direction, ratchet::domain::Direction::Lower);
    assert_eq!(wb.target_records(ind.id).unwrap().len(), 2);
}

#[test]
fn a_value_typed_then_enter_in_one_burst_is_stored_as_typed() {
    use crate::support::{burst, key_event, text_events};
    let (f, mut h) = open_fixture();
    click(&mut h, "Enter data");
    h.get_by_label("North, Feb 2025").focus();
    settle(&mut h);
    let mut events = text_events("63");
    events.push(key_event(Key::Enter));
    burst(&mut h, events);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), Some(63.0));
    // Enter moved down a row: South, Feb 2025. Then Tab after typing.
    let mut events = text_events("17.5");
    events.push(key_event(Key::Tab));
    burst(&mut h, events);
    assert_eq!(stored(&h, &f, f.south, d(2025, 2, 1)), Some(17.5));
    // A word, then Enter at once: the whole word is named as not a number.
    let mut events = text_events("abc");
    events.push(key_event(Key::Enter));
    burst(&mut h, events);
    h.get_by_label_contains("\"abc\" is not a number");
    assert_eq!(stored(&h, &f, f.south, d(2025, 3, 1)), None);
}

/// A file of `n` rows for North and South on one new indicator, dated from
/// `first` every `step` (a chrono step function).
fn dated_file(dir: &std::path::Path, name: &str, dates: &[NaiveDate]) -> std::path::PathBuf {
    let mut text = String::from("team,indicator,date,value,direction\n");
    for (i, day) in dates.iter().enumerate() {
        for team in ["North", "South"] {
            text.push_str(&format!("{team},Inspections,{day},{},higher\n", 10 + i));
        }
    }
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn weekly_monthly_and_quarterly_dates_import_with_the_frequency_their_spacing_gives() {
    let cases: [(&str, Vec<NaiveDate>, Frequency); 3] = [
        (
            "weekly.csv",
            (0..30)
                .map(|i| d(2021, 1, 4) + chrono::Days::new(7 * i))
                .collect(),
            Frequency::Week,
        ),
        (
            "monthly.csv",
            (1..=12).map(|m| d(2024, m, 1)).collect(),
            Frequency::Month,
        ),
        (
            "quarterly.csv",
            [3, 6, 9, 12].iter().map(|m| d(2023, *m, 30)).collect(),
            Frequency::Quarter,
        ),
    ];
    for (name, dates, frequency) in cases {
        let (_f, mut h) = open_fixture();
        let dir = temp();
        let file = dated_file(dir.path(), name, &dates);
        click(&mut h, "Import and export");
        type_into(&mut h, "or its path", file.to_str().unwrap());
        click(&mut h, "Load file");
        click(
            &mut h,
            "Create teams and indicators that the file names but the workbook lacks",
        );
        click(&mut h, "Check file");
        settle(&mut h);
        // Nothing rejected: the frequency is said, not asked.
        h.get_by_label_contains(&format!(
            "\"Inspections\": reported {}, from the spacing of its {} dates.",
            frequency.label().to_lowercase(),
            dates.len()
        ));
        let n = dates.len() * 2;
        click(&mut h, &format!("Import {n} values"));
        settle(&mut h);
        h.get_by_label_contains(&format!("✔ Imported: {n} added"));
        let wb = open_workbook(&h);
        let ind = wb.indicator_by_name("Inspections").unwrap().unwrap();
        assert_eq!(ind.frequency, frequency, "{name}");
        assert_eq!(wb.counts().unwrap().measurements, n as u64 + 1, "{name}");
    }
}

#[test]
fn rejections_are_grouped_by_reason_and_a_file_that_imports_nothing_cannot_be_imported() {
    let (_f, mut h) = open_fixture();
    let dir = temp();
    let file = dir.path().join("bad.csv");
    let mut text = String::from("District,Indicator,Month,Value\n");
    for i in 0..30 {
        text.push_str(&format!("North,Visits,2025-{:02},n{i}\n", i % 12 + 1));
    }
    text.push_str("Nowhere,Visits,2025-04,3\n");
    std::fs::write(&file, text).unwrap();
    click(&mut h, "Import and export");
    type_into(&mut h, "or its path", file.to_str().unwrap());
    click(&mut h, "Load file");
    click(&mut h, "Import the good rows even if some are rejected");
    click(&mut h, "Check file");
    settle(&mut h);
    h.get_by_label_contains(
        "30 rows, column \"Value\", e.g. \"n0\" is not a number (lines 2, 3, 4",
    );
    h.get_by_label_contains("1 row, column \"District\", e.g. the team \"Nowhere\"");
    h.get_by_label_contains("Nothing to import");
    let button = h.get_by_label("Import 0 values");
    assert!(egui_kittest::kittest::NodeT::accesskit_node(&button).is_disabled());
}

#[test]
fn a_file_chooser_that_cannot_open_says_so_and_points_to_the_path_field() {
    // No desktop portal in the test environment: the chooser cannot appear.
    // (With a desktop session it would open and wait for a person.)
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        eprintln!("skipped: a desktop session could show the real file chooser");
        return;
    }
    let (_f, mut h) = open_fixture();
    click(&mut h, "Import and export");
    click(&mut h, "Choose a file…");
    h.get_by_label_contains("The file chooser could not open on this computer");
}

#[test]
fn copy_table_puts_the_grid_on_the_clipboard_as_a_table_a_spreadsheet_pastes() {
    let (f, mut h) = open_fixture();
    h.state_mut()
        .apply(Action::Navigate(ratchet::app::Screen::Data));
    settle(&mut h);
    let mut wb = ratchet::storage::Workbook::open(h.state().workbook().unwrap().path()).unwrap();
    // A value with more decimals than the grid shows is copied exactly.
    wb.set_value(
        Cell {
            indicator: f.visits,
            team: f.south,
            period_start: d(2025, 1, 1),
        },
        Some(7.125),
        "",
        "entry",
    )
    .unwrap();
    drop(wb);
    h.state_mut().apply(Action::Data(DataAction::ShowGrid(
        ratchet::app::data::view::GridMode::Indicator(f.visits),
    )));
    settle(&mut h);
    h.get_by_label("Copy table").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1, "{copied:?}");
    let lines: Vec<&str> = copied[0].lines().collect();
    assert!(
        lines[0].starts_with("Team\tJan 2025") || lines[0].starts_with("Team\t"),
        "{}",
        lines[0]
    );
    let jan = lines[0]
        .split('\t')
        .position(|h| h.contains("2025-01") || h.contains("Jan 2025"))
        .unwrap();
    let north: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("North\t"))
        .unwrap()
        .split('\t')
        .collect();
    let south: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with("South\t"))
        .unwrap()
        .split('\t')
        .collect();
    assert_eq!(north[jan], "10");
    assert_eq!(south[jan], "7.125");
    assert_eq!(
        north.len(),
        lines[0].split('\t').count(),
        "every row as wide as the header"
    );
}

#[test]
fn ctrl_z_takes_back_a_typed_value_and_ctrl_shift_z_makes_it_again_through_the_history() {
    use egui::Modifiers;
    let (f, mut h) = open_fixture();
    click(&mut h, "Enter data");
    h.get_by_label("North, Feb 2025").focus();
    settle(&mut h);
    h.get_by_label("North, Feb 2025").type_text("12");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), Some(12.0));
    // Ctrl+Z in the grid: the value is taken back, the change and its undoing both kept.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), None);
    let cell = Cell {
        indicator: f.visits,
        team: f.north,
        period_start: d(2025, 2, 1),
    };
    let history = open_workbook(&h).value_history(cell).unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(
        history
            .iter()
            .any(|c| c.reason == "Undone" && c.new_value.is_none())
    );
    // Ctrl+Shift+Z makes it again; the Edit menu knows what can be done.
    assert_eq!(h.state().view().undoable, (0, 1));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), Some(12.0));
    assert_eq!(h.state().view().undoable, (1, 0));
    // Ctrl+Y, Windows' redo, works too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), None);
    h.key_press_modifiers(Modifiers::CTRL, Key::Y);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), Some(12.0));
    // Undo from the Edit menu's command as well.
    click(&mut h, "Edit");
    assert!(h.get_all_by_label_contains("Undo").count() >= 1);
    h.state_mut()
        .apply(Action::Run(ratchet::app::Command::Undo));
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), None);
}

#[test]
fn ctrl_z_in_a_text_field_is_the_fields_own_and_leaves_the_values_alone() {
    use egui::Modifiers;
    let (f, mut h) = open_fixture();
    h.state_mut().apply(Action::Data(DataAction::SetValues {
        changes: vec![(
            Cell {
                indicator: f.visits,
                team: f.south,
                period_start: d(2025, 3, 1),
            },
            Some(5.0),
        )],
        reason: String::new(),
    }));
    settle(&mut h);
    click(&mut h, "Teams and indicators");
    h.get_by_label("Indicator name").focus();
    settle(&mut h);
    h.get_by_label("Indicator name").type_text("Repairs");
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(
        stored(&h, &f, f.south, d(2025, 3, 1)),
        Some(5.0),
        "the value stays"
    );
    assert_eq!(h.state().view().undoable, (1, 0));
}

#[test]
fn with_a_decimal_comma_the_grid_reads_and_shows_numbers_as_written_and_csv_uses_semicolons() {
    use ratchet::domain::number::DecimalMark;
    let (f, mut h) = open_fixture();
    h.state_mut()
        .apply(Action::Data(DataAction::SetDecimalMark(DecimalMark::Comma)));
    settle(&mut h);
    assert_eq!(
        open_workbook(&h).decimal_mark().unwrap(),
        Some(DecimalMark::Comma)
    );
    click(&mut h, "Enter data");
    h.get_by_label("North, Feb 2025").focus();
    settle(&mut h);
    h.get_by_label("North, Feb 2025").type_text("12,5");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(
        stored(&h, &f, f.north, d(2025, 2, 1)),
        Some(12.5),
        "12,5 is twelve and a half"
    );
    // "1.234,5" is a thousand and more, as such a spreadsheet writes it.
    h.get_by_label("South, Feb 2025").type_text("1.234,5");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.south, d(2025, 2, 1)), Some(1234.5));
    // Shown back with the comma; selected, its field holds it so too.
    click(&mut h, "North, Feb 2025: 12,5");
    assert_eq!(
        h.get_by_label("North, Feb 2025").value().as_deref(),
        Some("12,5")
    );
    // A pasted block is read with the comma too.
    h.event(egui::Event::Paste("7,25\n8,5".into()));
    settle(&mut h);
    assert_eq!(stored(&h, &f, f.north, d(2025, 2, 1)), Some(7.25));
    assert_eq!(stored(&h, &f, f.south, d(2025, 2, 1)), Some(8.5));
    // The command line's export follows the workbook's mark.
    let path = open_workbook(&h).path().to_owned();
    let out = path.with_file_name("values.csv");
    drop(h);
    let status = crate::support::ratchet_command()
        .args(["export", path.to_str().unwrap(), out.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.lines().next().unwrap().contains(';'), "{csv}");
    assert!(csv.lines().any(|l| l.contains(";7,25;")), "{csv}");
}

#[test]
fn with_a_decimal_comma_a_target_is_typed_with_a_comma_and_a_dot_is_refused() {
    use ratchet::domain::number::DecimalMark;
    let (f, mut h) = open_fixture();
    h.state_mut()
        .apply(Action::Data(DataAction::SetDecimalMark(DecimalMark::Comma)));
    settle(&mut h);
    click(&mut h, "Teams and indicators");
    click(&mut h, "Visits (visits, monthly)");
    type_into(&mut h, "Team baseline value", "10,5");
    type_into(&mut h, "Team baseline date", "2025-01-01");
    type_into(&mut h, "Team target value", "20.5");
    type_into(&mut h, "Team deadline", "2026-01-01");
    click(&mut h, "Set target");
    h.get_by_label_contains("\"20.5\" is not a number");
    assert!(
        open_workbook(&h)
            .target_records(f.visits)
            .unwrap()
            .is_empty()
    );
    h.get_by_label("Team target value").focus();
    settle(&mut h);
    for _ in 0..4 {
        h.key_press(Key::Backspace);
        settle(&mut h);
    }
    h.get_by_label("Team target value").type_text("20,5");
    settle(&mut h);
    click(&mut h, "Set target");
    let records = open_workbook(&h).target_records(f.visits).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (
            records[0].values.baseline_value,
            records[0].values.target_value
        ),
        (10.5, 20.5)
    );
}

#[test]
fn a_renamed_team_and_an_edited_indicator_can_be_undone_and_redone() {
    let (f, mut h) = open_fixture();
    let north = open_workbook(&h).teams().unwrap()[0].clone();
    h.state_mut().apply(Action::Data(DataAction::UpdateTeam(
        ratchet::domain::Team {
            name: "North District".into(),
            ..north.clone()
        },
    )));
    settle(&mut h);
    let mut visits = open_workbook(&h).indicator(f.visits).unwrap().unwrap();
    let before = visits.clone();
    visits.unit = "home visits".into();
    visits.decimals = 2;
    h.state_mut()
        .apply(Action::Data(DataAction::UpdateIndicator(visits.clone())));
    settle(&mut h);
    assert_eq!(h.state().view().undoable, (2, 0));

    // Ctrl+Z takes back the indicator first, then the name.
    h.state_mut()
        .apply(Action::Run(ratchet::app::Command::Undo));
    settle(&mut h);
    assert_eq!(
        open_workbook(&h).indicator(f.visits).unwrap().unwrap(),
        before
    );
    h.state_mut()
        .apply(Action::Run(ratchet::app::Command::Undo));
    settle(&mut h);
    let names: Vec<String> = open_workbook(&h)
        .teams()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert!(names.contains(&"North".to_owned()), "{names:?}");
    h.get_by_label_contains("Undone: the team is \"North\" again.");
    assert_eq!(h.state().view().undoable, (0, 2));

    // Redo makes both again, in order.
    h.state_mut()
        .apply(Action::Run(ratchet::app::Command::Redo));
    settle(&mut h);
    assert!(
        open_workbook(&h)
            .team_by_name("North District")
            .unwrap()
            .is_some()
    );
    h.state_mut()
        .apply(Action::Run(ratchet::app::Command::Redo));
    settle(&mut h);
    assert_eq!(
        open_workbook(&h).indicator(f.visits).unwrap().unwrap(),
        visits
    );
}
