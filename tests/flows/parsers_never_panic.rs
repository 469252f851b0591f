//! No input panics the readers: random text through the cell parsers, and
//! random bytes as CSV and XLSX files through a whole import plan.

use proptest::prelude::*;
use ratchet::io::mapping::{Mapping, guess_mapping};
use ratchet::io::number::{DecimalMark, parse_cell_number};
use ratchet::io::period::{DateOrder, PeriodContext, parse_period_text};
use ratchet::io::{ImportOptions, SourceOptions, open_source, plan_import};

use crate::support::{new_workbook, temp};

proptest! {
    #[test]
    fn number_cells(text in "\\PC{0,30}", comma in any::<bool>()) {
        let mark = if comma { DecimalMark::Comma } else { DecimalMark::Dot };
        if let Ok(ratchet::io::number::CellNumber::Value { value, .. }) = parse_cell_number(&text, mark) {
            prop_assert!(value.is_finite());
        }
    }

    #[test]
    fn number_like_cells(text in "[-+(]?[$€]?[0-9 .,']{0,12}[%*)]?") {
        let _ = parse_cell_number(&text, DecimalMark::Dot);
        let _ = parse_cell_number(&text, DecimalMark::Comma);
    }

    #[test]
    fn period_labels(text in "\\PC{0,30}", start in 1u32..=12, order in 0u8..3) {
        let date_order = [DateOrder::Unknown, DateOrder::DayFirst, DateOrder::MonthFirst][usize::from(order)];
        let _ = parse_period_text(&text, &PeriodContext { date_order, fiscal_year_start: start });
    }

    #[test]
    fn period_like_labels(text in "(FY|Q|W|fy|q)?[0-9]{0,4}[-/. ]?[0-9A-Za-z]{0,4}[-/. ]?[0-9]{0,4}") {
        let _ = parse_period_text(&text, &PeriodContext::default());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_as_csv_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        let dir = temp();
        let (_, wb) = new_workbook(dir.path(), "w.ratchet");
        let path = dir.path().join("random.csv");
        std::fs::write(&path, &bytes).unwrap();
        if let Ok(source) = open_source(&path, &SourceOptions::default()) {
            let guessed = guess_mapping(&source.headers, &source.header_cells, &PeriodContext::default());
            drop(source);
            // Force a complete long mapping so every row goes through the planner.
            let mapping = Mapping {
                layout: ratchet::io::Layout::Long,
                team: Some(0),
                indicator: Some(1),
                period: Some(2),
                value: Some(3),
                ..guessed
            };
            let options = ImportOptions { create_missing: true, ..ImportOptions::default() };
            let _ = plan_import(&wb, &path, &SourceOptions::default(), &mapping, &options, &mut |_| true);
        }
    }

    #[test]
    fn csv_shaped_noise_is_read_or_refused(lines in proptest::collection::vec("[A-Za-z0-9 ,;\t\"'.%$*-/]{0,40}", 0..40)) {
        let dir = temp();
        let (_, wb) = new_workbook(dir.path(), "w.ratchet");
        let path = dir.path().join("noise.csv");
        std::fs::write(&path, lines.join("\r\n")).unwrap();
        let mapping = Mapping { team: Some(0), indicator: Some(1), period: Some(2), value: Some(3), ..Mapping::default() };
        let options = ImportOptions { create_missing: true, ..ImportOptions::default() };
        match plan_import(&wb, &path, &SourceOptions::default(), &mapping, &options, &mut |_| true) {
            Ok(plan) => prop_assert!(plan.report.values + plan.report.rejected_total + plan.report.not_reported <= 40 * 40),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn random_bytes_as_xlsx_are_refused_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..4_000)) {
        let dir = temp();
        let path = dir.path().join("random.xlsx");
        std::fs::write(&path, &bytes).unwrap();
        prop_assert!(open_source(&path, &SourceOptions::default()).is_err());
    }
}

#[test]
fn a_binary_file_renamed_csv_is_refused_as_not_text() {
    let dir = temp();
    let path = dir.path().join("photo.csv");
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    bytes.extend(std::iter::repeat_n(0u8, 100));
    std::fs::write(&path, bytes).unwrap();
    let err = open_source(&path, &SourceOptions::default()).err().unwrap();
    assert!(err.to_string().contains("not a text file"), "{err}");
}

#[test]
fn an_empty_file_is_refused() {
    let dir = temp();
    let path = dir.path().join("empty.csv");
    std::fs::write(&path, b"").unwrap();
    assert!(
        open_source(&path, &SourceOptions::default())
            .err()
            .unwrap()
            .to_string()
            .contains("empty")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_truncated_spreadsheet_is_refused_cleanly(cut in 0usize..6_000) {
        let dir = temp();
        let whole = dir.path().join("whole.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for r in 0..60u32 {
            sheet.write_string(r, 0, format!("Team {r}")).unwrap();
            sheet.write_number(r, 1, f64::from(r) * 1.5).unwrap();
        }
        book.save(&whole).unwrap();
        let bytes = std::fs::read(&whole).unwrap();
        let cut = cut.min(bytes.len().saturating_sub(1));
        let path = dir.path().join("cut.xlsx");
        std::fs::write(&path, &bytes[..cut]).unwrap();
        prop_assert!(open_source(&path, &SourceOptions::default()).is_err());
    }

    #[test]
    fn any_text_in_every_certificate_field_lays_out_as_well_formed_svg(
        recipients in "\\PC{0,200}",
        achievement in "\\PC{0,400}",
        agency in "\\PC{0,80}",
        signer in "\\PC{0,60}",
    ) {
        use ratchet::domain::certificate::{CertificateLayout, CertificateText, Paper};
        use ratchet::export::certificate::{CertificateSpec, layout_certificate};
        for layout in CertificateLayout::ALL {
            let c = layout_certificate(&CertificateSpec {
                text: CertificateText {
                    heading: "Certificate of Recognition".into(),
                    recipients: recipients.clone(),
                    achievement: achievement.clone(),
                    date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    agency: agency.clone(),
                    signer_name: signer.clone(),
                    signer_title: signer.clone(),
                },
                layout,
                paper: Paper::A4,
                logo: None,
            });
            prop_assert!(resvg::usvg::roxmltree::Document::parse(&c.svg).is_ok());
        }
    }

    #[test]
    fn any_typed_text_is_judged_without_panicking(text in "\\PC{0,60}") {
        use ratchet::domain::TargetDraft;
        let _ = ratchet::domain::target::parse_typed_date(&text);
        let _ = ratchet::domain::number::parse_typed_number(&text);
        let draft = TargetDraft {
            indicator_name: text.clone(),
            unit: text.clone(),
            baseline_value: text.clone(),
            baseline_date: text.clone(),
            target_value: text.clone(),
            deadline: text.clone(),
            ..TargetDraft::default()
        };
        for mark in [
            ratchet::domain::number::DecimalMark::Dot,
            ratchet::domain::number::DecimalMark::Comma,
        ] {
            let _ = draft.validate(mark);
        }
        let _ = ratchet::domain::win::ManualWin { team: None, people: text.clone(), achieved_on: None, description: text.clone() }.problems();
        let _ = ratchet::domain::review::review_problems(&text, &[]);
        let _ = ratchet::domain::mission::validate_mission(&text);
    }
}

#[test]
fn a_huge_field_and_a_very_wide_file_are_read_or_refused_with_a_reason() {
    let dir = temp();
    let (_, wb) = new_workbook(dir.path(), "w.ratchet");
    // A 5 MB cell.
    let path = dir.path().join("huge.csv");
    let huge = "x".repeat(5 * 1024 * 1024);
    std::fs::write(
        &path,
        format!("team,indicator,period,value\n{huge},Repaired,2025-01-06,4\n"),
    )
    .unwrap();
    let mapping = Mapping {
        team: Some(0),
        indicator: Some(1),
        period: Some(2),
        value: Some(3),
        ..Mapping::default()
    };
    let options = ImportOptions {
        create_missing: true,
        ..ImportOptions::default()
    };
    match plan_import(
        &wb,
        &path,
        &SourceOptions::default(),
        &mapping,
        &options,
        &mut |_| true,
    ) {
        Ok(plan) => assert_eq!(
            plan.report.values + plan.report.rejected_total,
            1,
            "the row is planned or named"
        ),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    // 1,000,000 columns: read, a mapping guessed, and checked as a wide
    // file (every column a period it cannot read) without a panic.
    let wide = dir.path().join("wide.csv");
    let header: Vec<String> = (0..1_000_000).map(|i| format!("c{i}")).collect();
    std::fs::write(
        &wide,
        format!("{}\n{}\n", header.join(","), vec!["1"; 1_000_000].join(",")),
    )
    .unwrap();
    let source = open_source(&wide, &SourceOptions::default()).unwrap();
    assert_eq!(source.headers.len(), 1_000_000);
    let guessed = guess_mapping(
        &source.headers,
        &source.header_cells,
        &PeriodContext::default(),
    );
    let wide_mapping = Mapping {
        team: Some(0),
        fixed_indicator: Some("Width".into()),
        layout: ratchet::io::Layout::Wide,
        period_columns: (1..1_000_000).collect(),
        ..guessed
    };
    match plan_import(
        &wb,
        &wide,
        &SourceOptions::default(),
        &wide_mapping,
        &options,
        &mut |_| true,
    ) {
        Ok(plan) => assert_eq!(plan.report.values, 0, "no column is a period"),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    // Invalid UTF-8 in the middle of a file: read as Windows-1252, not a panic.
    let mixed = dir.path().join("mixed.csv");
    let mut bytes = b"team,indicator,period,value\nCaf".to_vec();
    bytes.extend([0xE9, 0xFF]);
    bytes.extend(b",Repaired,2025-01-06,4\n");
    std::fs::write(&mixed, bytes).unwrap();
    let plan = plan_import(
        &wb,
        &mixed,
        &SourceOptions::default(),
        &mapping,
        &options,
        &mut |_| true,
    )
    .unwrap();
    assert_eq!(plan.report.values, 1);
}
