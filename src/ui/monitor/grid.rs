//! The data-entry grid: rows are teams (or indicators), columns are periods.
//!
//! Only the visible cells are drawn; the selected cell is a text field named
//! for screen readers ("North District Crew, Mar 2025"). Typing replaces its
//! value; Enter, Tab, Shift+Tab and the arrow keys store it and move; an
//! empty cell means "not reported". A block copied from a spreadsheet is
//! pasted at the selected cell. A change in a locked period asks for a reason.

use egui::text_selection::CCursorRange;
use egui::{
    Align2, Color32, FontId, Id, Key, Modifiers, Pos2, Rect, RichText, Sense, Stroke, StrokeKind,
    Ui, Vec2,
};

use crate::app::data::view::GridView;
use crate::app::{Actions, DataAction};
use crate::domain::number::format_number;
use crate::domain::{Cell, IndicatorKind};
use crate::io::number::{CellNumber, DecimalMark, parse_cell_number};

const ROW_HEADER_W: f32 = 230.0;
const CELL_W: f32 = 82.0;
const CELL_H: f32 = 24.0;
const HEADER_H: f32 = 40.0;

/// Changes waiting for the reason a locked period needs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PendingLocked {
    /// What will be stored.
    pub changes: Vec<(Cell, Option<f64>)>,
    /// What the changes are, for the question.
    pub description: String,
    /// The reason typed so far.
    pub reason: String,
}

/// The grid's selection and the text being typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridUiState {
    /// The selected (row, column).
    pub selected: Option<(usize, usize)>,
    /// The block's other corner while a block is chosen (Shift with the
    /// arrows, or Shift and a click): Ctrl+C copies the block.
    pub anchor: Option<(usize, usize)>,
    /// The text in the selected cell's field.
    pub buffer: String,
    /// The cell the buffer belongs to.
    pub buffer_for: Option<(usize, usize)>,
    /// Why the last typed value was refused.
    pub error: Option<String>,
    /// Changes to locked periods awaiting a reason.
    pub pending_locked: Option<PendingLocked>,
    /// Scroll the selection into view on the next frame.
    pub scroll_to_selection: bool,
    /// Select the field's text on the next frame (so typing replaces it).
    pub select_all: bool,
}

/// The grid's cell editor (the app leaves Ctrl+Z to the values' Undo
/// while it has the keyboard).
pub fn grid_editor_id() -> Id {
    Id::unique("ratchet_grid_editor")
}

/// How a value is shown in its cell.
pub fn cell_text(
    value: Option<f64>,
    decimals: u8,
    kind: IndicatorKind,
    mark: DecimalMark,
) -> String {
    match (value, kind) {
        (None, _) => String::new(),
        (Some(1.0), IndicatorKind::YesNo) => "yes".into(),
        (Some(0.0), IndicatorKind::YesNo) => "no".into(),
        (Some(v), _) => mark.write(&format_number(v, usize::from(decimals).max(2))),
    }
}

/// Reads what was typed in a cell: a number, "yes"/"no" for yes/no
/// indicators, or empty / NA / - for "not reported".
pub fn parse_typed_cell(
    text: &str,
    kind: IndicatorKind,
    mark: DecimalMark,
) -> Result<Option<f64>, String> {
    if kind == IndicatorKind::YesNo {
        match text.trim().to_lowercase().as_str() {
            "yes" | "y" | "1" => return Ok(Some(1.0)),
            "no" | "n" | "0" => return Ok(Some(0.0)),
            "" => return Ok(None),
            other => return Err(format!("\"{other}\" is not yes or no")),
        }
    }
    match parse_cell_number(text, mark)? {
        CellNumber::NotReported => Ok(None),
        CellNumber::Value { value, .. } => Ok(Some(value)),
    }
}

/// Parses a tab-separated block for pasting at `origin`; every cell must be
/// readable, else nothing is pasted and the first problem is named.
pub fn paste_block(
    grid: &GridView,
    origin: (usize, usize),
    text: &str,
) -> Result<Vec<(Cell, Option<f64>)>, String> {
    let mut changes = Vec::new();
    let lines: Vec<&str> = text
        .trim_end_matches(['\n', '\r'])
        .split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .collect();
    for (dr, line) in lines.iter().enumerate() {
        for (dc, raw) in line.split('\t').enumerate() {
            let (r, c) = (origin.0 + dr, origin.1 + dc);
            let (Some(row), Some(cell)) = (grid.rows.get(r), grid.cell(r, c)) else {
                return Err(format!(
                    "The pasted block is {} rows by {} columns and does not fit from the selected cell.",
                    lines.len(),
                    lines
                        .iter()
                        .map(|l| l.split('\t').count())
                        .max()
                        .unwrap_or(0)
                ));
            };
            let value = parse_typed_cell(raw, row.kind, grid.decimal_mark).map_err(|why| {
                format!(
                    "Row {}, column {} of the pasted block ({}, {}): {why}.",
                    dr + 1,
                    dc + 1,
                    row.label,
                    grid.periods[c].label()
                )
            })?;
            if grid.value(r, c) != value {
                changes.push((cell, value));
            }
        }
    }
    Ok(changes)
}

fn select(state: &mut GridUiState, grid: &GridView, to: (usize, usize), actions: &mut Actions) {
    let to = (
        to.0.min(grid.rows.len().saturating_sub(1)),
        to.1.min(grid.periods.len().saturating_sub(1)),
    );
    if state.selected != Some(to) {
        state.selected = Some(to);
        state.scroll_to_selection = true;
        if let Some(cell) = grid.cell(to.0, to.1) {
            actions.push(DataAction::SelectCell(cell));
        }
    }
}

/// Stores the selected cell's text if it changed; false when it was refused.
fn commit(state: &mut GridUiState, grid: &GridView, actions: &mut Actions) -> bool {
    let Some((r, c)) = state.buffer_for else {
        return true;
    };
    let (Some(row), Some(cell)) = (grid.rows.get(r), grid.cell(r, c)) else {
        return true;
    };
    let current = grid.value(r, c);
    if state.buffer == cell_text(current, row.decimals, row.kind, grid.decimal_mark) {
        state.error = None;
        return true;
    }
    match parse_typed_cell(&state.buffer, row.kind, grid.decimal_mark) {
        Ok(value) if value == current => {
            state.error = None;
            true
        }
        Ok(value) => {
            state.error = None;
            if grid.is_locked(c) {
                state.pending_locked = Some(PendingLocked {
                    changes: vec![(cell, value)],
                    description: format!("{}, {}", row.label, grid.periods[c].label()),
                    reason: String::new(),
                });
            } else {
                actions.push(DataAction::SetValues {
                    changes: vec![(cell, value)],
                    reason: String::new(),
                });
            }
            // Reload the field from the stored value once the action is applied.
            state.buffer_for = None;
            true
        }
        Err(why) => {
            state.error = Some(format!(
                "{}, {}: {why}. Not stored.",
                row.label,
                grid.periods[c].label()
            ));
            false
        }
    }
}

/// Keys that leave the cell, taken before the text field sees them.
fn navigation_key(ui: &mut Ui) -> Option<(i64, i64)> {
    ui.input_mut(|i| {
        // With Shift first: a pattern without it also matches a key
        // pressed with it.
        let moves = [
            (Modifiers::SHIFT, Key::Enter, (-1, 0)),
            (Modifiers::NONE, Key::Enter, (1, 0)),
            (Modifiers::SHIFT, Key::Tab, (0, -1)),
            (Modifiers::NONE, Key::Tab, (0, 1)),
            (Modifiers::NONE, Key::ArrowDown, (1, 0)),
            (Modifiers::NONE, Key::ArrowUp, (-1, 0)),
            (Modifiers::NONE, Key::ArrowRight, (0, 1)),
            (Modifiers::NONE, Key::ArrowLeft, (0, -1)),
        ];
        moves
            .into_iter()
            .find_map(|(m, k, d)| i.consume_key(m, k).then_some(d))
    })
}

/// Shift with an arrow: the block grows or shrinks by a cell, taken before
/// the text field sees it (which would select text).
fn block_key(ui: &mut Ui) -> Option<(i64, i64)> {
    ui.input_mut(|i| {
        [
            (Key::ArrowDown, (1, 0)),
            (Key::ArrowUp, (-1, 0)),
            (Key::ArrowRight, (0, 1)),
            (Key::ArrowLeft, (0, -1)),
        ]
        .into_iter()
        .find_map(|(k, d)| i.consume_key(Modifiers::SHIFT, k).then_some(d))
    })
}

/// Ctrl+C for the grid rather than the cell's text field: taken when a
/// block is chosen, or when the field's text is selected whole or not at
/// all (a spreadsheet copies the cell then); part of the field's text
/// selected copies as a text field does.
fn take_copy(ui: &mut Ui, state: &GridUiState) -> bool {
    // The field's state (with its undo history) is read only when Ctrl+C
    // was pressed, not on every frame the field has the keyboard.
    if !ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy))) {
        return false;
    }
    let whole = egui::text_selection::CCursorRange::select_all_str(&state.buffer);
    let part_of_field = egui::TextEdit::load_state(ui.ctx(), grid_editor_id())
        .and_then(|s| s.cursor.char_range())
        .is_some_and(|r| !r.is_empty() && r.sorted_cursors() != whole.sorted_cursors());
    if state.anchor.is_none() && part_of_field {
        return false;
    }
    ui.input_mut(|i| {
        let at = i.events.iter().position(|e| matches!(e, egui::Event::Copy));
        at.map(|at| i.events.remove(at)).is_some()
    })
}

/// A pasted block (text with tabs or line breaks), taken before the text field sees it.
fn take_block_paste(ui: &mut Ui) -> Option<String> {
    ui.input_mut(|i| {
        let at = i
            .events
            .iter()
            .position(|e| matches!(e, egui::Event::Paste(t) if t.contains(['\t', '\n'])))?;
        match i.events.remove(at) {
            egui::Event::Paste(t) => Some(t),
            _ => None,
        }
    })
}

/// Space past the last column and row, where the scroll bars sit.
const SCROLL_BAR_ROOM: f32 = 16.0;

/// Draws the grid and handles typing in it.
pub fn grid_ui(ui: &mut Ui, grid: &GridView, state: &mut GridUiState, actions: &mut Actions) {
    let (n_rows, n_cols) = (grid.rows.len(), grid.periods.len());
    if n_rows == 0 || n_cols == 0 {
        ui.label(
            RichText::new("No rows to show: add teams (or indicators of this frequency) first.")
                .weak(),
        );
        return;
    }
    if state
        .anchor
        .is_some_and(|(r, c)| r >= n_rows || c >= n_cols)
    {
        state.anchor = None;
    }
    if state
        .selected
        .is_none_or(|(r, c)| r >= n_rows || c >= n_cols)
    {
        state.anchor = None;
        // Start where work is waiting: the first overdue cell, else the latest period.
        let first_overdue =
            (0..n_rows).find_map(|r| (0..n_cols).find(|&c| grid.is_overdue(r, c)).map(|c| (r, c)));
        let start = first_overdue.unwrap_or((0, n_cols - 1));
        state.selected = Some(start);
        state.scroll_to_selection = true;
        if let Some(cell) = grid.cell(start.0, start.1) {
            actions.push(DataAction::SelectCell(cell));
        }
    }
    let Some(selected) = state.selected else {
        return;
    };
    if state.buffer_for != Some(selected) {
        state.buffer = selected_text(grid, selected);
        state.buffer_for = Some(selected);
        state.select_all = true;
    }
    if ui.memory(|m| m.has_focus(grid_editor_id())) && state.pending_locked.is_none() {
        editor_keys_ui(ui, grid, state, actions, selected);
    }
    let Some(selected) = state.selected else {
        return;
    };
    // Room for the scroll bars, so the last column and row show whole.
    let total = Vec2::new(
        ROW_HEADER_W + n_cols as f32 * CELL_W + SCROLL_BAR_ROOM,
        HEADER_H + n_rows as f32 * CELL_H + SCROLL_BAR_ROOM,
    );
    let scroll_to = std::mem::take(&mut state.scroll_to_selection);
    egui::ScrollArea::both()
        .id_salt("data_grid")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let (area, _) = ui.allocate_exact_size(total, Sense::hover());
            let view = GridLayout::new(area.min, viewport, n_rows, n_cols);
            if scroll_to {
                ui.scroll_to_rect(
                    view.cell_rect(selected.0, selected.1)
                        .expand2(Vec2::new(CELL_W, CELL_H)),
                    None,
                );
            }
            let focus_editor = cells_ui(ui, grid, state, actions, &view, selected);
            editor_ui(ui, grid, state, actions, &view, selected);
            if focus_editor {
                ui.memory_mut(|m| m.request_focus(grid_editor_id()));
            }
            // Sticky headers, painted over the cells.
            column_headers_ui(ui, grid, &view);
            row_headers_ui(ui, grid, &view);
        });
}

/// The text the selected cell's editor starts from: its value as stored.
fn selected_text(grid: &GridView, (r, c): (usize, usize)) -> String {
    let row = &grid.rows[r];
    cell_text(grid.value(r, c), row.decimals, row.kind, grid.decimal_mark)
}

/// Where the visible part of the grid is: the scroll area's origin, the
/// viewport, and the rows and columns it shows.
struct GridLayout {
    origin: Pos2,
    viewport: Rect,
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
    /// The cells' area on screen (under the sticky headers).
    body: Rect,
}

impl GridLayout {
    fn new(origin: Pos2, viewport: Rect, n_rows: usize, n_cols: usize) -> Self {
        let rows = ((viewport.min.y / CELL_H).floor().max(0.0) as usize)
            ..(((viewport.max.y - HEADER_H) / CELL_H).ceil().max(0.0) as usize + 1).min(n_rows);
        let cols = ((viewport.min.x / CELL_W).floor().max(0.0) as usize)
            ..(((viewport.max.x - ROW_HEADER_W) / CELL_W).ceil().max(0.0) as usize + 1).min(n_cols);
        let to_screen = |x: f32, y: f32| origin + Vec2::new(x, y);
        let body = Rect::from_min_max(
            to_screen(viewport.min.x + ROW_HEADER_W, viewport.min.y + HEADER_H),
            to_screen(viewport.max.x, viewport.max.y),
        );
        GridLayout {
            origin,
            viewport,
            rows,
            cols,
            body,
        }
    }

    fn to_screen(&self, x: f32, y: f32) -> Pos2 {
        self.origin + Vec2::new(x, y)
    }

    fn cell_rect(&self, r: usize, c: usize) -> Rect {
        Rect::from_min_size(
            self.to_screen(
                ROW_HEADER_W + c as f32 * CELL_W,
                HEADER_H + r as f32 * CELL_H,
            ),
            Vec2::new(CELL_W, CELL_H),
        )
    }
}

/// Keys while the cell editor has focus: a pasted block, moving, Home/End,
/// and Escape.
fn editor_keys_ui(
    ui: &mut Ui,
    grid: &GridView,
    state: &mut GridUiState,
    actions: &mut Actions,
    (sel_r, sel_c): (usize, usize),
) {
    let (n_rows, n_cols) = (grid.rows.len(), grid.periods.len());
    if let Some(text) = take_block_paste(ui) {
        paste_ui(grid, state, actions, (sel_r, sel_c), &text);
    }
    // Shift and an arrow before the plain arrows, which would match it too.
    if let Some((dr, dc)) = block_key(ui)
        && commit(state, grid, actions)
    {
        state.anchor = state.anchor.or(Some((sel_r, sel_c)));
        let r = (sel_r as i64 + dr).clamp(0, n_rows as i64 - 1) as usize;
        let c = (sel_c as i64 + dc).clamp(0, n_cols as i64 - 1) as usize;
        select(state, grid, (r, c), actions);
    }
    if let Some((dr, dc)) = navigation_key(ui)
        && commit(state, grid, actions)
    {
        state.anchor = None;
        let r = (sel_r as i64 + dr).clamp(0, n_rows as i64 - 1) as usize;
        let c = (sel_c as i64 + dc).clamp(0, n_cols as i64 - 1) as usize;
        select(state, grid, (r, c), actions);
    }
    if take_copy(ui, state) {
        let from = state.anchor.unwrap_or((sel_r, sel_c));
        ui.ctx().copy_text(grid.block_tsv(from, (sel_r, sel_c)));
    }
    let jump = ui.input_mut(|i| {
        if i.consume_key(Modifiers::COMMAND, Key::Home) {
            Some((0, 0))
        } else if i.consume_key(Modifiers::NONE, Key::Home) {
            Some((sel_r, 0))
        } else if i.consume_key(Modifiers::NONE, Key::End) {
            Some((sel_r, n_cols - 1))
        } else {
            None
        }
    });
    if let Some(to) = jump
        && commit(state, grid, actions)
    {
        state.anchor = None;
        select(state, grid, to, actions);
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        if state.buffer == selected_text(grid, (sel_r, sel_c)) {
            // Nothing typed: Escape leaves the grid for the rest of the window.
            ui.memory_mut(|m| m.surrender_focus(grid_editor_id()));
        }
        state.buffer_for = None;
        state.error = None;
    }
}

/// A block pasted at the selected cell: the values set, or held for a
/// reason when some fall in locked periods, or why nothing was pasted.
fn paste_ui(
    grid: &GridView,
    state: &mut GridUiState,
    actions: &mut Actions,
    at: (usize, usize),
    text: &str,
) {
    match paste_block(grid, at, text) {
        Ok(changes) if changes.is_empty() => state.error = None,
        Ok(changes) => {
            state.error = None;
            let locked = changes.iter().any(|(c, _)| {
                grid.position(*c)
                    .is_some_and(|(_, col)| grid.is_locked(col))
            });
            if locked {
                state.pending_locked = Some(PendingLocked {
                    description: format!("{} pasted values, some in locked periods", changes.len()),
                    changes,
                    reason: String::new(),
                });
            } else {
                actions.push(DataAction::SetValues {
                    changes,
                    reason: String::new(),
                });
            }
            state.buffer_for = None;
        }
        Err(why) => state.error = Some(format!("{why} Nothing was pasted.")),
    }
}

/// The visible cells, each with its fill, value and accessible name; true
/// when one was clicked (focus then moves to the editor).
fn cells_ui(
    ui: &mut Ui,
    grid: &GridView,
    state: &mut GridUiState,
    actions: &mut Actions,
    view: &GridLayout,
    selected: (usize, usize),
) -> bool {
    let visuals = ui.visuals().clone();
    let grid_stroke = Stroke::new(
        1.0,
        visuals
            .widgets
            .noninteractive
            .bg_stroke
            .color
            .gamma_multiply(0.6),
    );
    let locked_fill = visuals.faint_bg_color.gamma_multiply(2.0);
    let overdue_fill = visuals.warn_fg_color.gamma_multiply(0.12);
    let block_fill = visuals.selection.bg_fill.gamma_multiply(0.4);
    let anchor = state.anchor;
    let in_block = |r: usize, c: usize| {
        anchor.is_some_and(|a| {
            (a.0.min(selected.0)..=a.0.max(selected.0)).contains(&r)
                && (a.1.min(selected.1)..=a.1.max(selected.1)).contains(&c)
        })
    };
    let font = FontId::proportional(13.0);
    let painter = ui.painter().with_clip_rect(view.body);
    let mut clicked = false;
    for r in view.rows.clone() {
        let row = &grid.rows[r];
        for c in view.cols.clone() {
            let rect = view.cell_rect(r, c);
            let overdue = grid.is_overdue(r, c);
            let fill = if in_block(r, c) {
                block_fill
            } else if overdue {
                overdue_fill
            } else if grid.is_locked(c) {
                locked_fill
            } else {
                Color32::TRANSPARENT
            };
            painter.rect(rect, 0.0, fill, grid_stroke, StrokeKind::Inside);
            if (r, c) == selected {
                continue;
            }
            let text = cell_text(grid.value(r, c), row.decimals, row.kind, grid.decimal_mark);
            let awaited = if text.is_empty() {
                grid.awaited_until(r, c)
            } else {
                None
            };
            if awaited.is_some() {
                painter.text(
                    rect.left_center() + Vec2::new(4.0, 0.0),
                    Align2::LEFT_CENTER,
                    "asked",
                    FontId::proportional(11.0),
                    visuals.weak_text_color(),
                );
            } else if overdue {
                painter.text(
                    rect.left_center() + Vec2::new(4.0, 0.0),
                    Align2::LEFT_CENTER,
                    "!",
                    font.clone(),
                    visuals.warn_fg_color,
                );
            } else {
                painter.text(
                    rect.right_center() - Vec2::new(6.0, 0.0),
                    Align2::RIGHT_CENTER,
                    &text,
                    font.clone(),
                    visuals.text_color(),
                );
            }
            let hit = rect.intersect(view.body);
            if !hit.is_positive() {
                continue;
            }
            let response =
                ui.interact(hit, Id::unique(("ratchet_grid_cell", r, c)), Sense::click());
            let shown = if let Some(due) = awaited {
                format!("asked in a data return, due {}", due.format("%-d %b"))
            } else if overdue {
                "overdue".to_owned()
            } else if text.is_empty() {
                "not reported".to_owned()
            } else {
                text
            };
            let label = format!("{}, {}: {shown}", row.label, grid.periods[c].label());
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Cell, true, label.clone()));
            if response.clicked() && commit(state, grid, actions) {
                // Shift and a click chooses the block from the selected cell.
                state.anchor = if ui.input(|i| i.modifiers.shift) {
                    state.anchor.or(Some(selected))
                } else {
                    None
                };
                select(state, grid, (r, c), actions);
                clicked = true;
            }
        }
    }
    clicked
}

/// The selected cell: a text field, outlined (in red while its text is wrong).
fn editor_ui(
    ui: &mut Ui,
    grid: &GridView,
    state: &mut GridUiState,
    actions: &mut Actions,
    view: &GridLayout,
    (sel_r, sel_c): (usize, usize),
) {
    let rect = view.cell_rect(sel_r, sel_c);
    if !rect.intersects(view.body) {
        return;
    }
    let visuals = ui.visuals().clone();
    let editor_id = grid_editor_id();
    let row = &grid.rows[sel_r];
    let name = format!("{}, {}", row.label, grid.periods[sel_c].label());
    let output = egui::TextEdit::singleline(&mut state.buffer)
        .id(editor_id)
        .event_filter(egui::EventFilter {
            tab: true,
            horizontal_arrows: true,
            vertical_arrows: true,
            escape: true,
        })
        .text_color_opt(state.error.as_ref().map(|_| visuals.error_fg_color))
        .align(Align2::RIGHT_CENTER)
        .desired_width(CELL_W - 6.0)
        .margin(Vec2::new(3.0, 2.0))
        .show(&mut ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink(1.0))));
    let response = output.response.response.clone().accessible_name(name);
    if std::mem::take(&mut state.select_all) {
        // Arriving in a cell selects its text, so typing replaces it.
        let mut st = output.state;
        st.cursor
            .set_char_range(Some(CCursorRange::select_all_str(&state.buffer)));
        st.store(ui.ctx(), editor_id);
    }
    if response.lost_focus() {
        commit(state, grid, actions);
    }
    let outline = if state.error.is_some() {
        visuals.error_fg_color
    } else {
        visuals.selection.stroke.color
    };
    ui.painter()
        .rect_stroke(rect, 0.0, Stroke::new(2.0, outline), StrokeKind::Inside);
}

/// The periods across the top, with "locked" under locked ones; sticky.
fn column_headers_ui(ui: &Ui, grid: &GridView, view: &GridLayout) {
    let visuals = ui.visuals();
    let font = FontId::proportional(13.0);
    let vp = view.viewport;
    let top = Rect::from_min_max(
        view.to_screen(vp.min.x, vp.min.y),
        view.to_screen(vp.max.x, vp.min.y + HEADER_H),
    );
    ui.painter().rect_filled(top, 0.0, visuals.panel_fill);
    let painter = ui.painter().with_clip_rect(Rect::from_min_max(
        view.to_screen(vp.min.x + ROW_HEADER_W, vp.min.y),
        top.max,
    ));
    // A column half under the row headers keeps its label whole in its
    // visible part, or shows none (never "6-W44").
    let visible_left = view.to_screen(vp.min.x + ROW_HEADER_W, 0.0).x;
    for c in view.cols.clone() {
        let x = ROW_HEADER_W + c as f32 * CELL_W;
        let rect = Rect::from_min_size(view.to_screen(x, vp.min.y), Vec2::new(CELL_W, HEADER_H));
        let galley = ui.painter().layout_no_wrap(
            grid.periods[c].label(),
            font.clone(),
            visuals.strong_text_color(),
        );
        let centre = rect
            .center()
            .x
            .max(visible_left + galley.size().x / 2.0 + 4.0);
        if centre + galley.size().x / 2.0 <= rect.right() - 2.0 {
            painter.galley(
                egui::pos2(centre - galley.size().x / 2.0, rect.top() + 4.0),
                galley,
                visuals.strong_text_color(),
            );
        }
        if grid.is_locked(c) {
            painter.text(
                rect.center_bottom() - Vec2::new(0.0, 4.0),
                Align2::CENTER_BOTTOM,
                "locked",
                FontId::proportional(11.0),
                visuals.weak_text_color(),
            );
        }
    }
}

/// The teams down the side, with how many of their periods are overdue; sticky.
fn row_headers_ui(ui: &Ui, grid: &GridView, view: &GridLayout) {
    let visuals = ui.visuals();
    let vp = view.viewport;
    let left = Rect::from_min_max(
        view.to_screen(vp.min.x, vp.min.y),
        view.to_screen(vp.min.x + ROW_HEADER_W, vp.max.y),
    );
    ui.painter().rect_filled(left, 0.0, visuals.panel_fill);
    let left_painter = ui.painter().with_clip_rect(Rect::from_min_max(
        view.to_screen(vp.min.x, vp.min.y + HEADER_H),
        left.max,
    ));
    for r in view.rows.clone() {
        let row = &grid.rows[r];
        let y = HEADER_H + r as f32 * CELL_H;
        let rect =
            Rect::from_min_size(view.to_screen(vp.min.x, y), Vec2::new(ROW_HEADER_W, CELL_H));
        let overdue = if row.overdue > 0 {
            format!("  ({} overdue)", row.overdue)
        } else {
            String::new()
        };
        let galley = ui.painter().layout_no_wrap(
            format!("{}{overdue}", row.label),
            FontId::proportional(13.0),
            visuals.text_color(),
        );
        left_painter
            .with_clip_rect(rect.intersect(left_painter.clip_rect()))
            .galley(
                Pos2::new(rect.left() + 6.0, rect.center().y - galley.size().y / 2.0),
                galley,
                visuals.text_color(),
            );
    }
    ui.painter().text(
        view.to_screen(vp.min.x + 6.0, vp.min.y + 6.0),
        Align2::LEFT_TOP,
        "Team / period",
        FontId::proportional(13.0),
        visuals.weak_text_color(),
    );
}

#[cfg(test)]
mod widget_tests;
