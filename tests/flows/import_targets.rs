//! Targets, directions and units from the agency's own files: a wide
//! report with a constant target column, a long feed with a target per
//! month and U/D directions, and an export imported into an empty workbook
//! giving back the same values, targets and verdicts.

use ratchet::domain::Direction;
use ratchet::storage::Workbook;

use crate::support::{ratchet_command, temp};

fn ratchet(args: &[&str]) -> std::process::Output {
    ratchet_command().args(args).output().unwrap()
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The rows of an exported CSV (header first), as cells.
fn csv_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// (team, indicator, period label, value, target, met) of every exported row.
fn verdicts(path: &std::path::Path) -> Vec<[String; 6]> {
    let rows = csv_rows(path);
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let cols = [
        col("team"),
        col("indicator"),
        col("period label"),
        col("value"),
        col("target"),
        col("target met"),
    ];
    rows[1..]
        .iter()
        .map(|r| cols.map(|c| r[c].clone()))
        .collect()
}

#[test]
fn a_wide_report_with_a_constant_target_column_imports_its_targets_and_directions() {
    let dir = temp();
    let wb = dir.path().join("city.ratchet");
    let file = dir.path().join("mmr.csv");
    std::fs::write(
        &file,
        "Agency,Indicator,Direction,Unit,Target,FY2022,FY2023,FY2024\n\
         Sanitation,Streets rated acceptably clean,Up,%,95,93.1,94.8,96.2\n\
         Sanitation,Collisions with injury rate,D,per 100k,2.5,2.9,2.7,2.4\n\
         Parks,Streets rated acceptably clean,Up,%,95,90.0,91.5,92.0\n",
    )
    .unwrap();
    let (w, f) = (wb.to_str().unwrap(), file.to_str().unwrap());
    ok(&ratchet(&["new", w]));
    let out = ok(&ratchet(&["import", w, f, "--create-missing"]));
    assert!(
        out.contains("Targets: 3 to set, 0 replacing a different target, 0 already in force"),
        "{out}"
    );
    assert!(out.contains("3 targets set"), "{out}");
    let book = Workbook::open(&wb).unwrap();
    let collisions = book
        .indicator_by_name("Collisions with injury rate")
        .unwrap()
        .unwrap();
    assert_eq!(collisions.direction, Direction::Lower);
    assert_eq!(collisions.unit, "per 100k");
    let records = book.target_records(collisions.id).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].values.target_value, 2.5);
    assert!(records[0].current);
    drop(book);
    let exported = dir.path().join("out.csv");
    ok(&ratchet(&["export", w, exported.to_str().unwrap()]));
    let v = verdicts(&exported);
    let row = |team: &str, ind: &str, label: &str| {
        v.iter()
            .find(|r| r[0] == team && r[1] == ind && r[2] == label)
            .unwrap_or_else(|| panic!("{team} {ind} {label}: {v:?}"))
            .clone()
    };
    let clean = "Streets rated acceptably clean";
    assert_eq!(row("Sanitation", clean, "2022")[4..], ["95", "no"]);
    assert_eq!(row("Sanitation", clean, "2024")[4..], ["95", "yes"]);
    assert_eq!(
        row("Sanitation", "Collisions with injury rate", "2022")[4..],
        ["2.5", "no"]
    );
    assert_eq!(
        row("Sanitation", "Collisions with injury rate", "2024")[4..],
        ["2.5", "yes"]
    );
    assert!(
        v.iter().all(|r| !r[4].is_empty() && !r[5].is_empty()),
        "every value has a verdict: {v:?}"
    );
    // The summary counts them per indicator.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&ratchet(&["summary", w, "--json"]))).unwrap();
    let verdict = json["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["indicator"] == clean)
        .unwrap()
        .clone();
    assert_eq!(verdict["with_target"], 6);
    assert_eq!(verdict["met"], 1);
    assert_eq!(verdict["not_met"], 5);
}

const TRANSIT: &str = "LINE,INDICATOR,PERIOD,DIRECTION,MONTHLY_TARGET,MONTHLY_ACTUAL\n\
    Red,On-time performance,2024-01,U,90,88.5\n\
    Red,On-time performance,2024-02,U,90,91.2\n\
    Red,On-time performance,2024-03,U,92,91.0\n\
    Red,On-time performance,2024-04,U,92,93.5\n\
    Red,Collisions with Injury Rate,2024-01,D,1.2,1.4\n\
    Red,Collisions with Injury Rate,2024-02,D,1.2,1.1\n\
    Red,Collisions with Injury Rate,2024-03,D,1.1,1.1\n\
    Blue,On-time performance,2024-01,U,85,86.0\n\
    Blue,On-time performance,2024-02,U,86,85.5\n";

#[test]
fn a_long_feed_with_monthly_targets_and_u_d_directions_keeps_each_months_target() {
    let dir = temp();
    let wb = dir.path().join("transit.ratchet");
    let file = dir.path().join("feed.csv");
    std::fs::write(&file, TRANSIT).unwrap();
    let (w, f) = (wb.to_str().unwrap(), file.to_str().unwrap());
    ok(&ratchet(&["new", w]));
    let out = ok(&ratchet(&[
        "import",
        w,
        f,
        "--create-missing",
        "--map",
        "team=LINE,target=MONTHLY_TARGET,value=MONTHLY_ACTUAL",
    ]));
    // Red on-time: 90, 92; Red collisions: 1.2, 1.1; Blue: 85, 86.
    assert!(out.contains("Targets: 6 to set"), "{out}");
    let book = Workbook::open(&wb).unwrap();
    let rate = book
        .indicator_by_name("Collisions with Injury Rate")
        .unwrap()
        .unwrap();
    assert_eq!(rate.direction, Direction::Lower, "D is lower is better");
    let history = book.target_records(rate.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history.iter().filter(|r| r.current).count(),
        1,
        "the latest month's target is the one in force; the earlier is history"
    );
    drop(book);
    let exported = dir.path().join("out.csv");
    ok(&ratchet(&["export", w, exported.to_str().unwrap()]));
    let v = verdicts(&exported);
    let find = |team: &str, ind: &str, label: &str| {
        v.iter()
            .find(|r| r[0] == team && r[1] == ind && r[2] == label)
            .unwrap()[4..]
            .to_vec()
    };
    assert_eq!(find("Red", "On-time performance", "Jan 2024"), ["90", "no"]);
    assert_eq!(
        find("Red", "On-time performance", "Feb 2024"),
        ["90", "yes"]
    );
    assert_eq!(find("Red", "On-time performance", "Mar 2024"), ["92", "no"]);
    assert_eq!(
        find("Red", "On-time performance", "Apr 2024"),
        ["92", "yes"]
    );
    assert_eq!(
        find("Red", "Collisions with Injury Rate", "Feb 2024"),
        ["1.2", "yes"]
    );
    assert_eq!(
        find("Red", "Collisions with Injury Rate", "Mar 2024"),
        ["1.1", "yes"]
    );
    assert_eq!(
        find("Blue", "On-time performance", "Feb 2024"),
        ["86", "no"]
    );
    // Importing the same feed again changes no target.
    let again = ok(&ratchet(&[
        "import",
        w,
        f,
        "--map",
        "team=LINE,target=MONTHLY_TARGET,value=MONTHLY_ACTUAL",
    ]));
    assert!(
        again.contains("Targets: 0 to set, 0 replacing a different target, 6 already in force"),
        "{again}"
    );
}

#[test]
fn a_changed_target_replaces_the_one_in_force_only_through_the_history() {
    let dir = temp();
    let wb = dir.path().join("t.ratchet");
    let file = dir.path().join("feed.csv");
    std::fs::write(&file, TRANSIT).unwrap();
    let (w, f) = (wb.to_str().unwrap(), file.to_str().unwrap());
    let map = "team=LINE,target=MONTHLY_TARGET,value=MONTHLY_ACTUAL";
    ok(&ratchet(&["new", w]));
    ok(&ratchet(&[
        "import",
        w,
        f,
        "--create-missing",
        "--map",
        map,
    ]));
    std::fs::write(
        &file,
        "LINE,INDICATOR,PERIOD,DIRECTION,MONTHLY_TARGET,MONTHLY_ACTUAL\n\
         Blue,On-time performance,2024-02,U,88,85.5\n",
    )
    .unwrap();
    let out = ok(&ratchet(&["import", w, f, "--map", map, "--dry-run"]));
    assert!(
        out.contains("Blue, On-time performance: target 88 from Feb 2024 (the workbook has 86)"),
        "{out}"
    );
    ok(&ratchet(&["import", w, f, "--map", map]));
    let book = Workbook::open(&wb).unwrap();
    let ind = book
        .indicator_by_name("On-time performance")
        .unwrap()
        .unwrap();
    let blue = book.team_by_name("Blue").unwrap().unwrap();
    let own: Vec<_> = book
        .target_records(ind.id)
        .unwrap()
        .into_iter()
        .filter(|r| r.team == Some(blue.id))
        .collect();
    // 85 (Jan), 86 (Feb, superseded), 88 (Feb, in force): nothing deleted.
    let values: Vec<(f64, bool)> = own
        .iter()
        .map(|r| (r.values.target_value, r.current))
        .collect();
    assert_eq!(values, [(85.0, false), (86.0, false), (88.0, true)]);
}

#[test]
fn a_new_indicator_without_a_direction_is_asked_about_not_guessed() {
    let dir = temp();
    let wb = dir.path().join("d.ratchet");
    let file = dir.path().join("nodir.csv");
    std::fs::write(
        &file,
        "team,indicator,period,value\nNorth,Complaints,2024-01,12\nNorth,Complaints,2024-02,9\n\
         North,Response days,2024-01,3\n",
    )
    .unwrap();
    let (w, f) = (wb.to_str().unwrap(), file.to_str().unwrap());
    ok(&ratchet(&["new", w]));
    let out = ratchet(&["import", w, f, "--create-missing"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"Complaints\", \"Response days\"") && err.contains("--direction"),
        "{err}"
    );
    assert_eq!(
        Workbook::open(&wb).unwrap().counts().unwrap().measurements,
        0
    );
    ok(&ratchet(&[
        "import",
        w,
        f,
        "--create-missing",
        "--direction",
        "lower",
    ]));
    let book = Workbook::open(&wb).unwrap();
    let c = book.indicator_by_name("Complaints").unwrap().unwrap();
    assert_eq!(c.direction, Direction::Lower);
}

#[test]
fn direction_words_are_read_as_agencies_write_them() {
    let dir = temp();
    let wb = dir.path().join("w.ratchet");
    let file = dir.path().join("words.csv");
    let words = [
        ("Higher", Direction::Higher),
        ("lower", Direction::Lower),
        ("UP", Direction::Higher),
        ("down", Direction::Lower),
        ("U", Direction::Higher),
        ("d", Direction::Lower),
        ("Increase", Direction::Higher),
        ("decrease", Direction::Lower),
        ("+", Direction::Higher),
        ("−", Direction::Lower),
        ("↑", Direction::Higher),
        ("↓", Direction::Lower),
        ("Higher is better", Direction::Higher),
        ("lower is better", Direction::Lower),
        ("neither", Direction::Neutral),
        ("None", Direction::Neutral),
        ("n/a", Direction::Neutral),
    ];
    let mut text = String::from("team,indicator,period,direction,value\n");
    for (i, (word, _)) in words.iter().enumerate() {
        text.push_str(&format!("North,Indicator {i},2024-01,{word},1\n"));
    }
    std::fs::write(&file, text).unwrap();
    let (w, f) = (wb.to_str().unwrap(), file.to_str().unwrap());
    ok(&ratchet(&["new", w]));
    ok(&ratchet(&[
        "import",
        w,
        f,
        "--create-missing",
        "--frequency",
        "month",
    ]));
    let book = Workbook::open(&wb).unwrap();
    for (i, (word, expected)) in words.iter().enumerate() {
        let ind = book
            .indicator_by_name(&format!("Indicator {i}"))
            .unwrap()
            .unwrap();
        assert_eq!(ind.direction, *expected, "{word}");
    }
}

#[test]
fn an_export_imported_into_an_empty_workbook_gives_back_values_targets_and_verdicts() {
    let dir = temp();
    let sample = dir.path().join("sample.ratchet");
    let (s, first) = (sample.to_str().unwrap(), dir.path().join("first.csv"));
    ok(&ratchet(&["new", s, "--sample"]));
    ok(&ratchet(&["export", s, first.to_str().unwrap()]));
    let copy = dir.path().join("copy.ratchet");
    let c = copy.to_str().unwrap();
    ok(&ratchet(&["new", c]));
    let out = ok(&ratchet(&[
        "import",
        c,
        first.to_str().unwrap(),
        "--create-missing",
    ]));
    assert!(out.contains("Imported:"), "{out}");
    let second = dir.path().join("second.csv");
    ok(&ratchet(&["export", c, second.to_str().unwrap()]));
    let (a, b) = (csv_rows(&first), csv_rows(&second));
    assert!(a.len() > 1000, "the sample has values: {}", a.len());
    let with_target = a[1..].iter().filter(|r| !r[8].is_empty()).count();
    assert!(
        with_target > 100,
        "the sample's values have targets: {with_target}"
    );
    // Same rows in the same order: values, units, directions, frequencies,
    // targets and verdicts.
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
}
