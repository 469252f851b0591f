//! Text that tries to break the outputs — markup, quotes, direction marks,
//! zero-width characters, emoji, ten thousand characters, formula starts —
//! is inert and shown as typed in the dashboard, documents and exports.

use chrono::NaiveDate;
use ratchet::domain::IndicatorSpec;
use ratchet::domain::certificate::{CertificateLayout, CertificateText, Paper};
use ratchet::domain::{Cell, Direction, Frequency};
use ratchet::export::certificate::{CertificateSpec, layout_certificate};
use ratchet::export::dashboard::DashboardOptions;
use ratchet::io::{ExportOptions, export_file};
use ratchet::storage::Workbook;
use resvg::usvg::roxmltree;

use crate::support::temp;

fn names() -> Vec<String> {
    vec![
        "<script>alert(1)</script>".into(),
        "</svg><svg onload=alert(1)>".into(),
        "\"quoted\" & 'single' <b>bold</b>".into(),
        "\u{202E}dnaH thgiR\u{202C} crew".into(),
        "Zero\u{200B}Width\u{200D}Joiner".into(),
        "Crew 🚧 on the road".into(),
        "=HYPERLINK(\"http://x\")".into(),
        "A".repeat(10_000),
    ]
}

fn workbook(dir: &std::path::Path) -> Workbook {
    let mut wb = Workbook::create(&dir.join("h.ratchet")).unwrap();
    let ind = wb
        .add_indicator(&IndicatorSpec::simple(
            "Repairs",
            "%",
            Direction::Higher,
            Frequency::Month,
        ))
        .unwrap();
    for (k, name) in names().iter().enumerate() {
        let team = wb.add_team(name, "").unwrap();
        wb.set_value(
            Cell {
                indicator: ind,
                team,
                period_start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            },
            Some(50.0 + k as f64),
            "",
            "entry",
        )
        .unwrap();
    }
    wb
}

#[test]
fn the_dashboard_shows_every_hostile_name_as_text() {
    let dir = temp();
    let wb = workbook(dir.path());
    let options = DashboardOptions {
        as_of: NaiveDate::from_ymd_opt(2025, 3, 1),
        produced: NaiveDate::from_ymd_opt(2025, 3, 1),
        ..DashboardOptions::default()
    };
    let html = ratchet::ops::dashboard::build_dashboard(&wb, &options)
        .unwrap()
        .html();
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("the page stays well-formed");
    assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
    for n in doc.descendants() {
        for a in n.attributes() {
            assert!(
                !a.name().starts_with("on"),
                "an event attribute {} got through",
                a.name()
            );
        }
    }
    let texts: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    for name in names() {
        assert!(
            texts.contains(&name.as_str()),
            "{:.40} is not shown as typed",
            name
        );
    }
}

#[test]
fn certificates_show_hostile_names_or_say_why_not() {
    for name in names() {
        let spec = CertificateSpec {
            text: CertificateText {
                heading: "Certificate of Recognition".into(),
                recipients: name.clone(),
                achievement: format!("For {name}."),
                date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                agency: name.clone(),
                signer_name: name.chars().take(60).collect(),
                signer_title: String::new(),
            },
            layout: CertificateLayout::Classic,
            paper: Paper::A4,
            logo: None,
        };
        let c = layout_certificate(&spec);
        let doc = roxmltree::Document::parse(&c.svg).expect("well-formed SVG");
        assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
        if name.contains('🚧') {
            assert!(
                c.problems.iter().any(|p| p.contains("🚧")),
                "the emoji is reported, not dropped"
            );
        } else if name.len() > 1_000 {
            assert!(
                c.problems.iter().any(|p| p.contains("too long")),
                "{:?}",
                c.problems
            );
        } else {
            assert!(c.problems.is_empty(), "{name}: {:?}", c.problems);
            let printed: String = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .collect::<Vec<_>>()
                .join(" ");
            assert!(printed.contains(&name), "{name} is printed as typed");
            // And it renders.
            let png = c
                .document("t")
                .bytes_for(std::path::Path::new("t.png"))
                .unwrap();
            assert!(png.starts_with(b"\x89PNG"));
        }
    }
}

#[test]
fn exports_keep_hostile_names_and_guard_formula_starts() {
    let dir = temp();
    let wb = workbook(dir.path());
    let csv = dir.path().join("out.csv");
    export_file(&wb, &csv, &ExportOptions::default()).unwrap();
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let teams: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    for name in names() {
        let expected = if name.starts_with('=') {
            format!("'{name}")
        } else {
            name.clone()
        };
        assert!(
            teams.contains(&expected),
            "{:.40} not exported as expected",
            name
        );
    }
    let xlsx = dir.path().join("out.xlsx");
    export_file(&wb, &xlsx, &ExportOptions::default()).unwrap();
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = sheet.rows().skip(1).map(|r| r[0].to_string()).collect();
    for name in names() {
        assert!(
            cells.iter().any(|c| c == &name || c == &format!("'{name}")),
            "{:.40} not in the XLSX",
            name
        );
    }
}

#[test]
fn no_http_client_is_built_into_ratchet() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    for client in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "surf",
        "attohttpc",
        "h2",
        "native-tls",
        "openssl",
        "rustls",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{client}\"\n")),
            "{client} is in the dependency tree: Ratchet makes no network connection"
        );
    }
}

#[test]
fn sql_is_never_built_from_text() {
    // Every query in storage is a literal with parameters; the few built with
    // format! join only fixed fragments named in capitals or `filter`.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/storage");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let sqlish = ["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "WHERE "]
                .iter()
                .any(|k| line.contains(k));
            if line.contains("format!(") && sqlish {
                let holes: Vec<&str> = line
                    .split('{')
                    .skip(1)
                    .filter_map(|h| h.split('}').next())
                    .collect();
                for h in holes {
                    assert!(
                        h.chars().all(|c| c.is_ascii_uppercase() || c == '_') || h == "filter",
                        "{}:{}: SQL built with {{{h}}}",
                        path.display(),
                        i + 1
                    );
                }
            }
        }
    }
}
