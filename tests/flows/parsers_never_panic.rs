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
