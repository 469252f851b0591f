//! Helpers shared by the flows.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ratchet::app::{Locations, RatchetApp};
use ratchet::storage::Workbook;

/// A temporary folder that is removed when dropped.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The app with all its files under `root`, started as on first run (or
/// reopening what the last run left open).
pub fn app(root: &Path) -> RatchetApp {
    RatchetApp::new(Locations::under(root), None)
}

/// A headless window around the real app.
pub fn harness(app: RatchetApp) -> Harness<'static, RatchetApp> {
    Harness::builder()
        .with_size([1280.0, 1100.0])
        .with_max_steps(24)
        .build_ui_state(|ui, app: &mut RatchetApp| app.frame_ui(ui), app)
}

/// The window with a fresh copy of the sample agency open in `dir`, its
/// open-time check and backup done.
pub fn sample_window(dir: &Path) -> Harness<'static, RatchetApp> {
    let path = dir.join("s.ratchet");
    drop(ratchet::ops::sample::create_sample(&path).expect("the sample is written"));
    let mut h = harness(RatchetApp::new(Locations::under(dir), Some(path)));
    settle(&mut h);
    h
}

/// Focuses the field labelled `label` and types `text` into it.
pub fn type_into(h: &mut Harness<'_, RatchetApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    settle(h);
    h.get_by_label(label).type_text(text);
    settle(h);
}

/// Clicks the widget labelled `label`.
pub fn click(h: &mut Harness<'_, RatchetApp>, label: &str) {
    // What work on other threads brings (the home screen's figures) moves
    // the layout: it arrives first.
    settle(h);
    h.get_by_label(label).click();
    settle(h);
}

/// The workbook the app has open.
pub fn open_workbook<'a>(h: &'a Harness<'_, RatchetApp>) -> &'a Workbook {
    h.state().workbook().expect("a workbook is open")
}

/// A fresh empty workbook file in `dir`.
pub fn new_workbook(dir: &Path, name: &str) -> (PathBuf, Workbook) {
    let path = dir.join(name);
    let wb = Workbook::create(&path).unwrap();
    (path, wb)
}

/// Runs frames until the window is still. Work on other threads (the
/// open-time check, the cockpit's figures, a look for wins, an import)
/// shows a spinner that repaints until it ends, so the frames are stepped
/// until no job runs, however long a busy machine takes, and then run to
/// rest. Every flow settles through here, never through `Harness::run`
/// alone, whose step limit a slow job outlasts.
pub fn settle(h: &mut Harness<'_, RatchetApp>) {
    for _ in 0..2000 {
        h.step();
        if !h.state().job_running() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the background job did not finish");
}

/// The `ratchet` binary as a command, its backups and preferences kept in a
/// folder of this test run (never the user's own).
pub fn ratchet_command() -> std::process::Command {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let home = HOME.get_or_init(temp);
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_ratchet"));
    c.env("RATCHET_HOME", home.path());
    c
}

/// A fresh workbook in `dir` with team North, the monthly indicator
/// "Repairs" (%, higher is better) and North's January 2025 value of 40.
pub fn repairs_workbook(dir: &Path, name: &str) -> (Workbook, ratchet::domain::Cell) {
    let (_, mut wb) = new_workbook(dir, name);
    let team = wb.add_team("North", "").unwrap();
    let indicator = add_repairs_indicator(&mut wb);
    let cell = ratchet::domain::Cell {
        indicator,
        team,
        period_start: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    };
    wb.set_value(cell, Some(40.0), "", "entry").unwrap();
    (wb, cell)
}

/// Adds the monthly indicator "Repairs" (%, higher is better).
pub fn add_repairs_indicator(wb: &mut Workbook) -> ratchet::domain::IndicatorId {
    wb.add_indicator(&ratchet::domain::IndicatorSpec::simple(
        "Repairs",
        "%",
        ratchet::domain::Direction::Higher,
        ratchet::domain::Frequency::Month,
    ))
    .unwrap()
}

/// The mapping the import assistant guesses for the file at `path`, as a
/// user would first see it.
pub fn guessed_mapping(path: &Path) -> ratchet::io::mapping::Mapping {
    let source = ratchet::io::open_source(path, &ratchet::io::SourceOptions::default()).unwrap();
    ratchet::io::mapping::guess_mapping(
        &source.headers,
        &source.header_cells,
        &ratchet::io::period::PeriodContext::default(),
    )
}

/// Delivers `events` in one frame's input, as a burst from a keyboard
/// macro, a barcode reader or a remote-desktop session arrives, through the
/// app's own input pacing (what eframe's `raw_input_hook` calls), and runs
/// frames until nothing waits.
pub fn burst(h: &mut Harness<'_, RatchetApp>, events: Vec<egui::Event>) {
    h.input_mut().events.extend(events);
    for _ in 0..32 {
        let mut raw = h.input().clone();
        let held = h.state_mut().pace_input(&mut raw);
        h.input_mut().events = raw.events;
        h.step();
        if !held {
            break;
        }
    }
    settle(h);
}

/// The events of a click at the centre of the widget labelled `label`.
pub fn click_events(h: &Harness<'_, RatchetApp>, label: &str) -> Vec<egui::Event> {
    let pos = h.get_by_label(label).rect().center();
    let press = |pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    vec![egui::Event::PointerMoved(pos), press(true), press(false)]
}

/// The events of typing `text` (one text event per character, as keyboards send them).
pub fn text_events(text: &str) -> Vec<egui::Event> {
    text.chars()
        .map(|c| egui::Event::Text(c.to_string()))
        .collect()
}

/// A key press.
pub fn key_event(key: egui::Key) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }
}
