//! The import panel on its own, in a headless window, over files read from
//! disk: what its buttons, fields and choices send, with no app around it.

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::import_ui;
use crate::app::import_job::{ImportStatus, ImportView};
use crate::app::{Action, Actions, DataAction, FileChoice};
use crate::io::mapping::Layout;

/// What the panel is drawn from and what it sends.
struct Bench {
    import: ImportView,
    path_field: String,
    actions: Actions,
}

fn harness(import: ImportView) -> Harness<'static, Bench> {
    let bench = Bench {
        import,
        path_field: String::new(),
        actions: Actions::default(),
    };
    Harness::builder()
        .with_size([1100.0, 1000.0])
        // The app\'s fonts and look (its symbols are in them).
        .with_context_setup(crate::ui::theme::setup)
        .build_ui_state(
            |ui, b: &mut Bench| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    import_ui(ui, &b.import, &mut b.path_field, &mut b.actions)
                });
            },
            bench,
        )
}

/// The file `name` with `text` in a new folder, read as the panel reads it.
fn loaded(dir: &Path, name: &str, text: &str) -> ImportView {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the file is written");
    ImportView::load(&path, None, 1)
}

fn sent(h: &Harness<'_, Bench>) -> Vec<Action> {
    h.state().actions.as_slice().to_vec()
}

const LONG: &str =
    "team,indicator,period,value\nNorth,Potholes,2026-01,41\nSouth,Potholes,2026-01,38\n";
const WIDE: &str = "team,indicator,2026-01,2026-02,2026-03\nNorth,Potholes,41,44,47\n";

#[test]
fn a_long_file_is_previewed_and_checked_on_request() {
    let dir = tempfile::tempdir().expect("a folder");
    let imp = loaded(dir.path(), "long.csv", LONG);
    assert_eq!(
        imp.mapping.layout,
        Layout::Long,
        "the reader guessed the layout"
    );
    let mut h = harness(imp);
    h.run();
    h.get_by_label("The first 2 rows");
    assert!(sent(&h).is_empty(), "drawing alone sends nothing");
    h.get_by_label("Check file").click();
    h.run();
    assert_eq!(sent(&h), vec![Action::Data(DataAction::ImportCheck)]);
}

#[test]
fn choosing_the_wide_layout_sends_the_mapping_with_only_that_changed() {
    let dir = tempfile::tempdir().expect("a folder");
    let imp = loaded(dir.path(), "long.csv", LONG);
    let before = imp.mapping.clone();
    let mut h = harness(imp);
    h.run();
    h.get_by_label("One column per period (wide)").click();
    h.run();
    let mut expected = before;
    expected.layout = Layout::Wide;
    assert_eq!(
        sent(&h),
        vec![Action::Data(DataAction::ImportSetMapping(expected))]
    );
}

#[test]
fn unticking_a_period_column_of_a_wide_file_drops_it_from_the_mapping() {
    let dir = tempfile::tempdir().expect("a folder");
    let imp = loaded(dir.path(), "wide.csv", WIDE);
    assert_eq!(imp.mapping.layout, Layout::Wide);
    assert_eq!(imp.mapping.period_columns, vec![2, 3, 4]);
    let mut h = harness(imp);
    h.run();
    h.get_by_label("Period: 2026-02").click();
    h.run();
    let mapping = sent(&h)
        .into_iter()
        .find_map(|a| match a {
            Action::Data(DataAction::ImportSetMapping(m)) => Some(m),
            _ => None,
        })
        .expect("the mapping is sent");
    assert_eq!(mapping.period_columns, vec![2, 4]);
}

#[test]
fn a_typed_path_is_loaded_with_the_button() {
    let mut h = harness(ImportView::default());
    h.run();
    h.get_by_label("or its path").focus();
    h.run();
    h.get_by_label("or its path")
        .type_text("/data/returns march.csv");
    h.run();
    h.get_by_label("Load file").click();
    h.run();
    assert_eq!(
        sent(&h),
        vec![Action::Data(DataAction::ImportOpen(FileChoice::At(
            "/data/returns march.csv".into()
        )))]
    );
}

#[test]
fn a_file_that_cannot_be_read_says_why_and_offers_no_check() {
    let dir = tempfile::tempdir().expect("a folder");
    let imp = ImportView::load(&dir.path().join("missing.csv"), None, 1);
    let why = imp.load_error.clone().expect("the file is missing");
    let mut h = harness(imp);
    h.run();
    assert!(h.query_by_label_contains(&why).is_some(), "{why} is shown");
    assert!(h.query_by_label("Check file").is_none());
}

#[test]
fn while_checking_the_choices_are_locked_and_cancel_stops_it() {
    let dir = tempfile::tempdir().expect("a folder");
    let mut imp = loaded(dir.path(), "long.csv", LONG);
    imp.status = ImportStatus::Checking { rows: 1200 };
    let mut h = harness(imp);
    h.run_steps(2); // a spinner keeps repainting
    h.get_by_label("One column per period (wide)").click();
    h.run_steps(2); // a spinner keeps repainting
    assert!(
        sent(&h).is_empty(),
        "the mapping cannot change while checking"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2); // a spinner keeps repainting
    assert_eq!(sent(&h), vec![Action::Data(DataAction::ImportCancel)]);
}
