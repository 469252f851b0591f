//! The Data returns screen: write the files, collect one back, see the board.

use egui_kittest::kittest::Queryable;
use ratchet::app::{Action, Screen};

use crate::support::{click, sample_window, settle, temp, type_into};

#[test]
fn the_leader_asks_for_returns_collects_one_and_sees_who_has_reported() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    h.state_mut().apply(Action::Navigate(Screen::Returns));
    settle(&mut h);
    h.get_by_label("No returns have been asked for yet.");
    let out = dir.path().join("returns out");
    type_into(&mut h, "or into the folder", out.to_str().unwrap());
    click(&mut h, "Write the files");
    let requests = h.state().workbook().unwrap().return_requests().unwrap();
    assert_eq!(requests.len(), 1, "the request is recorded");
    assert_eq!(requests[0].spec.periods_before, 4, "the form's default");
    h.get_by_label_contains("6 of 6 still to come");
    h.get_by_label_contains("Data return 1: 6 files written");

    // North's team lead fills in its spreadsheet and sends it back.
    let files = ratchet::ops::returns::return_files_in(&out).unwrap();
    let sent = files
        .iter()
        .find(|p| p.to_string_lossy().contains("North"))
        .unwrap();
    let back = dir.path().join("north back.xlsx");
    fill_first_empty_value(sent, &back, 77.0, "Dana Ortiz");
    type_into(&mut h, "or the path", back.to_str().unwrap());
    click(&mut h, "Check");
    h.get_by_label_contains("reported by Dana Ortiz");
    h.check_accessibility();
    click(&mut h, "Collect");
    h.get_by_label_contains("Collected North District Crew's return");
    let wb = h.state().workbook().unwrap();
    let board = &h
        .state()
        .workbook_view()
        .unwrap()
        .returns
        .as_ref()
        .unwrap()
        .requests[0];
    let north = board
        .lines
        .iter()
        .find(|l| l.team.starts_with("North"))
        .unwrap();
    assert_eq!(north.collected.as_ref().unwrap().1, "Dana Ortiz");
    assert!(wb.return_requests().unwrap()[0].spec.due.is_none());
    h.get_by_label_contains("5 of 6 still to come");
}

/// Writes the value and the name into a copy of a return, as a spreadsheet
/// program would save it.
fn fill_first_empty_value(src: &std::path::Path, dst: &std::path::Path, value: f64, name: &str) {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(src).unwrap();
    let range = book.worksheet_range("Return").unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    ws.set_name("Return").unwrap();
    let mut filled = false;
    for (r, row) in range.rows().enumerate() {
        for (c, data) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let data = match (r, c, data) {
                (1, 11, _) => Data::String(name.into()),
                (r, 6, Data::Empty) if r > 0 && !filled => {
                    filled = true;
                    Data::Float(value)
                }
                _ => data.clone(),
            };
            match data {
                Data::String(s) => drop(ws.write_string(r, c, s).unwrap()),
                Data::Float(f) => drop(ws.write_number(r, c, f).unwrap()),
                Data::DateTime(dt) => drop(ws.write_number(r, c, dt.as_f64()).unwrap()),
                _ => {}
            }
        }
    }
    assert!(filled);
    out.save(dst).unwrap();
}
