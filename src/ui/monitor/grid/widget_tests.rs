//! The data grid on its own, in a headless window: what a click, typing
//! and the keys send, with no app around it.

use chrono::NaiveDate;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{GridUiState, grid_ui};
use crate::app::data::view::{GridMode, GridRow, GridView};
use crate::app::{Action, Actions, DataAction};
use crate::domain::number::DecimalMark;
use crate::domain::{Cell, Frequency, IndicatorId, IndicatorKind, Period, TeamId};

/// What the widget is drawn from and what it sends.
struct Bench {
    grid: GridView,
    state: GridUiState,
    actions: Actions,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// Two teams by four months (Jan–Apr 2026), North with values, South
/// missing March; periods through January locked; today is 15 May 2026.
fn bench(mark: DecimalMark) -> Bench {
    let periods = Period::range(Frequency::Month, day(2026, 1, 1), day(2026, 4, 1));
    let row = |team: i64, label: &str| GridRow {
        team: TeamId(team),
        indicator: IndicatorId(7),
        label: label.into(),
        decimals: 1,
        kind: IndicatorKind::Quantitative,
        overdue: 0,
        first_expected: Some(0),
    };
    let grid = GridView {
        mode: GridMode::Indicator(IndicatorId(7)),
        rows: vec![row(1, "North"), row(2, "South")],
        periods,
        values: vec![
            Some(10.0),
            Some(11.5),
            Some(12.0),
            Some(12.5),
            Some(9.0),
            Some(9.5),
            None,
            Some(10.0),
        ],
        locked_through: Some(day(2026, 1, 31)),
        today: day(2026, 5, 15),
        history: Vec::new(),
        history_cell: None,
        decimal_mark: mark,
        awaited: Default::default(),
    };
    Bench {
        grid,
        state: GridUiState::default(),
        actions: Actions::default(),
    }
}

fn harness(b: Bench) -> Harness<'static, Bench> {
    Harness::builder()
        .with_size([900.0, 300.0])
        // The app\'s fonts and look (its symbols are in them).
        .with_context_setup(crate::ui::theme::setup)
        .build_ui_state(
            |ui, b: &mut Bench| grid_ui(ui, &b.grid, &mut b.state, &mut b.actions),
            b,
        )
}

fn cell(team: i64, month: u32) -> Cell {
    Cell {
        indicator: IndicatorId(7),
        team: TeamId(team),
        period_start: day(2026, month, 1),
    }
}

/// The values the widget asked to store, in order.
fn stored(b: &Bench) -> Vec<(Cell, Option<f64>)> {
    b.actions
        .as_slice()
        .iter()
        .filter_map(|a| match a {
            Action::Data(DataAction::SetValues { changes, .. }) => Some(changes.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn it_starts_on_the_first_overdue_cell_and_names_every_cell() {
    let mut h = harness(bench(DecimalMark::Dot));
    h.run();
    assert_eq!(
        h.state().state.selected,
        Some((1, 2)),
        "South, March is overdue"
    );
    assert!(
        h.state()
            .actions
            .as_slice()
            .contains(&Action::Data(DataAction::SelectCell(cell(2, 3)))),
        "the history of the cell it starts on is asked for"
    );
    h.get_by_label("North, Feb 2026: 11.5");
    h.get_by_label("South, Jan 2026: 9");
}

#[test]
fn a_value_typed_with_a_decimal_comma_is_stored_exactly() {
    let mut h = harness(bench(DecimalMark::Comma));
    h.run();
    h.get_by_label("North, Apr 2026: 12,5").click();
    h.run();
    h.get_by_label("North, Apr 2026").type_text("13,25");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(stored(h.state()), vec![(cell(1, 4), Some(13.25))]);
    assert_eq!(h.state().state.error, None);
}

#[test]
fn text_that_is_not_a_number_is_refused_and_nothing_is_sent() {
    let mut h = harness(bench(DecimalMark::Dot));
    h.run();
    h.get_by_label("North, Apr 2026: 12.5").click();
    h.run();
    h.get_by_label("North, Apr 2026").type_text("twelve");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(stored(h.state()).is_empty());
    let why = h.state().state.error.clone().unwrap_or_default();
    assert!(why.starts_with("North, Apr 2026:"), "{why}");
    assert!(why.ends_with("Not stored."), "{why}");
    assert_eq!(
        h.state().state.selected,
        Some((0, 3)),
        "it stays on the cell"
    );
}

#[test]
fn a_value_in_a_locked_period_waits_for_a_reason() {
    let mut h = harness(bench(DecimalMark::Dot));
    h.run();
    h.get_by_label("North, Jan 2026: 10").click();
    h.run();
    h.get_by_label("North, Jan 2026").type_text("10.4");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        stored(h.state()).is_empty(),
        "nothing is stored without a reason"
    );
    let pending = h
        .state()
        .state
        .pending_locked
        .clone()
        .expect("held for a reason");
    assert_eq!(pending.changes, vec![(cell(1, 1), Some(10.4))]);
}

#[test]
fn arrows_move_the_selection_and_clearing_a_cell_sends_none() {
    let mut h = harness(bench(DecimalMark::Dot));
    h.run();
    h.get_by_label("North, Mar 2026: 12").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(h.state().state.selected, Some((1, 2)));
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().state.selected, Some((1, 1)));
    h.key_press(Key::Delete);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(stored(h.state()), vec![(cell(2, 2), None)]);
}

/// What the last frame put on the clipboard.
fn copied(h: &Harness<'_, Bench>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// Ctrl+C as the platform delivers it to the window.
fn press_copy(h: &mut Harness<'_, Bench>) {
    h.input_mut().events.push(egui::Event::Copy);
    h.step();
}

#[test]
fn shift_and_the_arrows_choose_a_block_that_ctrl_c_copies_with_the_decimal_mark() {
    let mut h = harness(bench(DecimalMark::Comma));
    h.run();
    h.get_by_label("North, Feb 2026: 11,5").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(h.state().state.anchor, Some((0, 1)));
    assert_eq!(h.state().state.selected, Some((1, 2)));
    press_copy(&mut h);
    // Feb and Mar for both teams; South's March was never reported.
    assert_eq!(copied(&h), vec!["11,5\t12\n9,5\t\n".to_owned()]);
    // A plain arrow leaves the block; Ctrl+C then copies the one cell,
    // exactly as stored.
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().state.anchor, None);
    press_copy(&mut h);
    assert_eq!(copied(&h), vec!["10\n".to_owned()]);
    assert!(stored(h.state()).is_empty(), "copying changed nothing");
}

#[test]
fn shift_and_a_click_choose_a_block_from_the_selected_cell() {
    let mut h = harness(bench(DecimalMark::Dot));
    h.run();
    h.get_by_label("North, Jan 2026: 10").click();
    h.run();
    h.get_by_label("South, Feb 2026: 9.5")
        .click_modifiers(egui::Modifiers::SHIFT);
    h.run();
    assert_eq!(h.state().state.anchor, Some((0, 0)));
    press_copy(&mut h);
    assert_eq!(copied(&h), vec!["10\t11.5\n9\t9.5\n".to_owned()]);
}

#[test]
fn a_copied_block_pasted_back_lands_where_it_came_from() {
    let b = bench(DecimalMark::Comma);
    let text = b.grid.block_tsv((0, 0), (1, 3));
    // Into the same grid with nothing in it: every value comes back to its
    // cell, exactly; the unreported cell stays unreported.
    let mut empty = b.grid.clone();
    empty.values = vec![None; b.grid.values.len()];
    let changes = super::paste_block(&empty, (0, 0), &text).expect("it reads back");
    let expected: Vec<(Cell, Option<f64>)> = (0..2)
        .flat_map(|r| (0..4).map(move |c| (r, c)))
        .filter_map(|(r, c)| {
            let v = b.grid.value(r, c)?;
            Some((b.grid.cell(r, c)?, Some(v)))
        })
        .collect();
    assert_eq!(changes, expected);
    assert_eq!(changes.len(), 7);
}

#[test]
fn shift_with_enter_or_tab_moves_back() {
    let mut h = harness(bench(DecimalMark::Dot));
    h.run();
    h.get_by_label("South, Feb 2026: 9.5").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Enter);
    h.run();
    assert_eq!(h.state().state.selected, Some((0, 1)), "up, not down");
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(h.state().state.selected, Some((0, 0)), "left, not right");
    assert_eq!(h.state().state.anchor, None, "no block chosen");
}
