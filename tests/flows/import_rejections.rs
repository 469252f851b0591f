//! Values the program cannot read exactly as written are rejected rows
//! naming their line, column and reason, never stored changed: extra fields
//! (an unquoted `1,234`), NaN, infinities and values beyond ±10^15; and the
//! line named is the file's, whatever the delimiter, quoting, line endings
//! and blank lines.

use ratchet::io::{ImportOptions, SourceOptions, plan_import};

use crate::support::{guessed_mapping, repairs_workbook, temp};

/// (line, column, reason) of each rejection when `text` is checked
/// against a workbook with North and the monthly Repairs indicator.
fn rejections(text: &[u8]) -> Vec<(u64, String, String)> {
    let dir = temp();
    let (wb, _) = repairs_workbook(dir.path(), "r.ratchet");
    let file = dir.path().join("in.csv");
    std::fs::write(&file, text).unwrap();
    let plan = plan_import(
        &wb,
        &file,
        &SourceOptions::default(),
        &guessed_mapping(&file),
        &ImportOptions::default(),
        &mut |_| true,
    )
    .unwrap();
    plan.report
        .rejected
        .iter()
        .map(|r| (r.line, r.column.clone(), r.reason.clone()))
        .collect()
}

#[test]
fn values_that_cannot_be_kept_as_written_are_rejected_with_their_line() {
    let r = rejections(
        b"team,indicator,period,value\n\
          North,Repairs,2024-01,1,234\n\
          North,Repairs,2024-02,NaN\n\
          North,Repairs,2024-03,inf\n\
          North,Repairs,2024-04,1.79e308\n\
          North,Repairs,2024-05,-Infinity\n\
          North,Repairs,2024-06,-2e15\n\
          North,Repairs,2024-07,\"1,234\"\n\
          North,Repairs,2024-08,12,\n",
    );
    let lines: Vec<u64> = r.iter().map(|x| x.0).collect();
    // Line 8 holds a quoted 1,234 (read as 1234); line 9 a trailing empty field.
    assert_eq!(lines, [2, 3, 4, 5, 6, 7], "{r:?}");
    assert!(
        r[0].2
            .contains("the row has 5 fields but the header names 4"),
        "{r:?}"
    );
    assert_eq!(r[0].1, "column 5");
    assert!(r[1].2.contains("\"NaN\" is not a number"));
    assert!(r[2].2.contains("\"inf\" is not a number"));
    assert!(r[3].2.contains("too large"));
    assert!(r[4].2.contains("not a number"));
    assert!(r[5].2.contains("too large"));
    assert!(r.iter().skip(1).all(|x| x.1 == "value"));
}

#[test]
fn the_line_named_is_the_files_for_every_delimiter_quoting_and_line_ending() {
    for delimiter in [",", ";", "\t"] {
        for quoted in [false, true] {
            for ending in ["\n", "\r\n"] {
                let q = |s: &str| {
                    if quoted {
                        format!("\"{s}\"")
                    } else {
                        s.to_owned()
                    }
                };
                let row = |cells: [&str; 4]| {
                    let cells: Vec<String> = cells.iter().map(|c| q(c)).collect();
                    format!("{}{ending}", cells.join(delimiter))
                };
                let mut text = row(["team", "indicator", "period", "value"]);
                text.push_str(&row(["North", "Repairs", "2024-01", "abc"])); // line 2
                text.push_str(ending); // line 3: blank
                text.push_str(ending); // line 4: blank
                text.push_str(&row(["North", "Repairs", "2024-02", "5"])); // line 5
                text.push_str(&row(["North", "Repairs", "2024-03", "x"])); // line 6
                if quoted {
                    // A note over two lines (7 and 8), then a bad value on 9.
                    text.push_str(&format!(
                        "\"North\"{delimiter}\"Repairs\"{delimiter}\"2024-04\"{delimiter}\"7\"{delimiter}\"two{ending}lines\"{ending}"
                    ));
                    text.push_str(&row(["North", "Repairs", "2024-05", "y"]));
                }
                let lines: Vec<u64> = rejections(text.as_bytes()).iter().map(|r| r.0).collect();
                let mut expected = vec![2, 6];
                if quoted {
                    // The extra note field beyond the header is rejected on line 7.
                    expected.extend([7, 9]);
                }
                assert_eq!(
                    lines, expected,
                    "delimiter {delimiter:?}, quoted {quoted}, ending {ending:?}"
                );
            }
        }
    }
}
