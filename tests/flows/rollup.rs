//! The roll-up: a folder of agency workbooks read side by side (read-only,
//! even while their owners have them open), and published.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratchet::analysis::progress::Status;
use ratchet::domain::Agency;
use ratchet::export::rollup::{CSV_COLUMNS, RollupFiles, write_rollup};
use ratchet::ops::cockpit::target_standing;
use ratchet::ops::rollup::{RollupColumn, read_portfolio, workbooks_under};
use ratchet::sample::{GenerateSpec, generate};
use ratchet::storage::Workbook;

use crate::support::temp;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A folder with the sample agency, two generated ones (one in a
/// subfolder) and a file that is not a workbook.
fn folder(dir: &Path) -> Vec<PathBuf> {
    let agencies = dir.join("agencies");
    std::fs::create_dir_all(agencies.join("north region")).unwrap();
    let sample = agencies.join("riverton.ratchet");
    ratchet::ops::sample::create_sample(&sample).unwrap();
    let mut paths = vec![sample];
    for (i, (name, sub)) in [
        ("Parks Department", ""),
        ("Benefits Office", "north region"),
    ]
    .into_iter()
    .enumerate()
    {
        let path = agencies.join(sub).join(format!("gen{i}.ratchet"));
        generate(
            &path,
            GenerateSpec {
                teams: 5,
                indicators: 2,
                periods: 30,
                seed: i as u64 + 7,
            },
        )
        .unwrap();
        let mut wb = Workbook::open(&path).unwrap();
        wb.set_agency(&Agency {
            name: name.into(),
            leader_name: String::new(),
            leader_title: String::new(),
        })
        .unwrap();
        paths.push(path);
    }
    std::fs::write(agencies.join("notes.ratchet"), b"not a workbook").unwrap();
    paths
}

#[test]
fn every_agency_is_read_side_by_side_with_its_own_figures() {
    let dir = temp();
    let made = folder(dir.path());
    // The sample's owner has it open.
    let _owner = Workbook::open_exclusive(&made[0], None).unwrap();
    let found = workbooks_under(&dir.path().join("agencies")).unwrap();
    assert_eq!(found.len(), 4, "subfolders too: {found:?}");
    let as_of = d(2026, 11, 30);
    let since = d(2026, 1, 1);
    let mut p = read_portfolio(dir.path(), &found, as_of, since);
    let names: Vec<&str> = p.agencies.iter().map(|a| a.agency.as_str()).collect();
    assert_eq!(
        names,
        [
            "Benefits Office",
            "Parks Department",
            "Riverton Street Services"
        ]
    );
    assert_eq!(p.unreadable.len(), 1);
    assert!(p.unreadable[0].0.ends_with("notes.ratchet"));

    for a in &p.agencies {
        let wb = Workbook::open_read_only(&a.path).unwrap();
        let standing = target_standing(&wb, as_of).unwrap().unwrap();
        assert_eq!(a.target.as_ref().unwrap().counts, standing.counts);
        let c = standing.counts;
        assert_eq!(a.on_track, (c[0] + c[1], c.iter().sum()));
        let wins = wb
            .wins()
            .unwrap()
            .iter()
            .filter(|w| w.achieved_on >= since && w.achieved_on <= as_of)
            .count();
        assert_eq!(a.wins, wins, "{}", a.agency);
        assert_eq!(a.last_data, wb.latest_period().unwrap());
        assert_ne!(a.status, Status::NoTarget, "each has a framework target");
    }
    let riverton = p.agencies[2].clone();
    assert!(
        riverton
            .mission
            .starts_with("Keep every Riverton street safe")
    );
    assert!(riverton.wins > 0, "the sample's wins this year");

    p.sort(RollupColumn::Wins, true);
    assert_eq!(p.agencies[0].agency, "Riverton Street Services");
    p.sort(RollupColumn::Agency, false);
    assert_eq!(p.agencies[0].agency, "Benefits Office");

    // Published: HTML, PDF, and CSV with its schema.
    let out = dir.path().join("rollup");
    std::fs::create_dir_all(&out).unwrap();
    let (html, pdf, csv) = (out.join("r.html"), out.join("r.pdf"), out.join("r.csv"));
    let parquet = out.join("r.parquet");
    let written = write_rollup(
        &p,
        as_of,
        ratchet::domain::certificate::Paper::Letter,
        RollupFiles {
            html: Some(&html),
            pdf: Some(&pdf),
            csv: Some(&csv),
            parquet: Some(&parquet),
        },
    )
    .unwrap();
    assert_eq!(written.len(), 5);
    {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        use parquet::record::RowAccessor;
        let reader =
            SerializedFileReader::try_from(std::fs::File::open(&parquet).unwrap()).unwrap();
        let rows: Vec<_> = reader
            .get_row_iter(None)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].get_string(0).unwrap(), "Riverton Street Services");
        assert_eq!(rows[2].get_long(10).unwrap(), riverton.wins as i64);
        let median = ratchet::export::rollup::latest_against_path(&riverton)
            .unwrap()
            .1;
        assert_eq!(rows[2].get_double(8).unwrap(), median);
    }
    let page = std::fs::read_to_string(&html).unwrap();
    for a in &p.agencies {
        assert!(page.contains(&a.agency));
    }
    assert!(
        page.contains("notes.ratchet"),
        "the unreadable one is named"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_COLUMNS.map(|c| c.0.to_owned()));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[2][0], "Riverton Street Services");
    assert_eq!(rows[2][10].parse::<usize>().unwrap(), riverton.wins);
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("r.schema.json")).unwrap()).unwrap();
    assert_eq!(
        schema["columns"].as_array().unwrap().len(),
        CSV_COLUMNS.len()
    );
}

#[test]
fn rollup_from_the_command_line() {
    let dir = temp();
    folder(dir.path());
    let csv = dir.path().join("r.csv");
    let out = crate::support::ratchet_command()
        .args(["rollup", dir.path().join("agencies").to_str().unwrap()])
        .args(["--as-of", "2026-11-30", "--csv", csv.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Riverton Street Services"), "{text}");
    assert!(text.contains("Could not read"), "{text}");
    assert!(csv.exists() && dir.path().join("r.schema.json").exists());
}

#[test]
fn the_rollup_screen_reads_a_folder_sorts_drills_down_and_publishes() {
    use egui_kittest::kittest::Queryable;
    use ratchet::app::{Action, Screen};

    use crate::support::{click, harness, settle, type_into};
    let dir = temp();
    folder(dir.path());
    // No workbook of its own is needed.
    let mut h = harness(crate::support::app(dir.path()));
    h.state_mut().apply(Action::Navigate(Screen::Rollup));
    crate::support::settle(&mut h);
    assert_eq!(h.state().view().screen, Screen::Rollup);
    let agencies = dir.path().join("agencies");
    type_into(&mut h, "or the folder", agencies.to_str().unwrap());
    click(&mut h, "Read");
    settle(&mut h);
    let shown: Vec<String> = h
        .state()
        .view()
        .rollup
        .portfolio
        .agencies
        .iter()
        .map(|a| a.agency.clone())
        .collect();
    assert_eq!(shown.len(), 3);
    h.get_by_label("Riverton Street Services");
    h.get_by_label_contains("Could not read");
    h.check_accessibility();

    // Sorting by serious flags, twice, reverses the order.
    click(&mut h, "Serious flags");
    click(&mut h, "Serious flags ▲");
    assert!(h.state().view().rollup.sort.1, "descending");

    // Drilling into an agency shows its target and chart, read-only.
    click(&mut h, "Riverton Street Services");
    assert!(h.state().view().rollup.selected.is_some());
    h.get_by_label_contains("Potholes repaired within 48 hours: from 41%");
    h.get_by_label_contains("read-only");

    let out = dir.path().join("rollup.html");
    type_into(&mut h, "or to the path", out.to_str().unwrap());
    click(&mut h, "Publish to path");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Parks Department")
    );
}
