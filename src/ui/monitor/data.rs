//! The data screen: choose what the grid shows, enter values, see a cell's
//! history and the observations beside it, lock periods.

use egui::{RichText, Ui};

use super::grid::grid_ui;
use super::observations::observations_ui;
use crate::app::data::view::{GridMode, GridView};
use crate::app::view::WorkbookView;
use crate::app::{Actions, DataAction};
use crate::domain::Frequency;
use crate::domain::number::format_number;
use crate::domain::target::parse_typed_date;
use crate::ui::UiState;
use crate::ui::widgets::{guidance_ui, problem_ui};

/// The grid to show when the screen opens: the framework's indicator, else the first.
pub fn default_mode(wb: &WorkbookView) -> Option<GridMode> {
    let setup = &wb.setup;
    setup
        .framework_indicator
        .or_else(|| setup.indicators.first().map(|i| i.id))
        .map(GridMode::Indicator)
}

fn mode_picker_ui(ui: &mut Ui, wb: &WorkbookView, grid: Option<&GridView>, actions: &mut Actions) {
    let setup = &wb.setup;
    let mode = grid.map(|g| g.mode);
    ui.horizontal_wrapped(|ui| {
        let by_indicator = matches!(mode, Some(GridMode::Indicator(_)));
        if ui.selectable_label(by_indicator, "By indicator").clicked()
            && !by_indicator
            && let Some(m) = default_mode(wb)
        {
            actions.push(DataAction::ShowGrid(m));
        }
        let by_team = matches!(mode, Some(GridMode::Team(..)));
        if ui.selectable_label(by_team, "By team").clicked()
            && !by_team
            && let Some(t) = setup.active_teams().next()
        {
            let f = setup
                .indicators
                .first()
                .map_or(Frequency::Month, |i| i.frequency);
            actions.push(DataAction::ShowGrid(GridMode::Team(t.id, f)));
        }
        ui.separator();
        match mode {
            Some(GridMode::Indicator(id)) => {
                let name = setup
                    .indicator(id)
                    .map_or("—".to_owned(), |i| i.name.clone());
                egui::ComboBox::from_label("Indicator")
                    .selected_text(name)
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for i in &setup.indicators {
                            if ui.selectable_label(i.id == id, &i.name).clicked() {
                                actions.push(DataAction::ShowGrid(GridMode::Indicator(i.id)));
                            }
                        }
                    });
                if let Some(i) = setup.indicator(id) {
                    let unit = if i.unit.is_empty() {
                        String::new()
                    } else {
                        format!("{} · ", i.unit)
                    };
                    ui.label(
                        RichText::new(format!(
                            "{unit}{} · reported {}",
                            i.direction.label().to_lowercase(),
                            i.frequency.label().to_lowercase()
                        ))
                        .weak(),
                    );
                }
            }
            Some(GridMode::Team(team, frequency)) => {
                egui::ComboBox::from_label("Team")
                    .selected_text(setup.team_name(team))
                    .show_ui(ui, |ui| {
                        for t in setup.active_teams() {
                            if ui.selectable_label(t.id == team, &t.name).clicked() {
                                actions.push(DataAction::ShowGrid(GridMode::Team(t.id, frequency)));
                            }
                        }
                    });
                egui::ComboBox::from_label("Frequency")
                    .selected_text(frequency.label())
                    .show_ui(ui, |ui| {
                        for f in Frequency::ALL {
                            if ui.selectable_label(f == frequency, f.label()).clicked() {
                                actions.push(DataAction::ShowGrid(GridMode::Team(team, f)));
                            }
                        }
                    });
            }
            None => {}
        }
    });
}

fn lock_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    let forms = &mut state.forms;
    ui.horizontal_wrapped(|ui| {
        match wb.setup.locked_through {
            Some(d) => ui.label(format!(
                "Periods ending on or before {} are locked.",
                d.format("%-d %b %Y")
            )),
            None => ui.label("No periods are locked."),
        };
        let l = ui.label("Lock periods up to");
        ui.add(
            egui::TextEdit::singleline(&mut forms.lock_date)
                .hint_text("YYYY-MM-DD")
                .desired_width(100.0),
        )
        .labelled_by(l.id);
        let n = ui.label("note");
        ui.add(
            egui::TextEdit::singleline(&mut forms.lock_note)
                .hint_text("e.g. after the March stat meeting")
                .desired_width(200.0),
        )
        .labelled_by(n.id);
        let parsed = parse_typed_date(&forms.lock_date);
        if ui
            .add_enabled(parsed.is_ok(), egui::Button::new("Lock"))
            .clicked()
            && let Ok(date) = parsed
        {
            actions.push(DataAction::LockThrough {
                date,
                note: std::mem::take(&mut forms.lock_note),
            });
            forms.lock_date.clear();
        }
    });
}

fn history_ui(ui: &mut Ui, grid: &GridView) {
    let Some(cell) = grid.history_cell else {
        return;
    };
    let Some((r, c)) = grid.position(cell) else {
        return;
    };
    let row = &grid.rows[r];
    ui.label(
        RichText::new(format!(
            "History: {}, {}",
            row.label,
            grid.periods[c].label()
        ))
        .strong(),
    );
    if grid.history.is_empty() {
        guidance_ui(
            ui,
            "No changes recorded for this cell (values loaded by import or generation are recorded in the import log).",
        );
        return;
    }
    let shown = |v: Option<f64>| v.map_or("not reported".to_owned(), |v| format_number(v, 6));
    for change in grid.history.iter().rev() {
        let when = change
            .changed_at
            .with_timezone(&chrono::Local)
            .format("%-d %b %Y %H:%M");
        let reason = if change.reason.is_empty() {
            String::new()
        } else {
            format!(" — \"{}\"", change.reason)
        };
        ui.label(format!(
            "{when}: {} → {} ({}){reason}",
            shown(change.old_value),
            shown(change.new_value),
            change.source
        ));
    }
}

fn reason_dialog_ui(ui: &mut Ui, state: &mut UiState, actions: &mut Actions) {
    let Some(pending) = state.grid.pending_locked.as_mut() else {
        return;
    };
    let mut close = false;
    egui::Modal::new(egui::Id::unique("ratchet_locked_reason")).show(ui.ctx(), |ui| {
        ui.set_max_width(480.0);
        ui.heading("This period is locked");
        ui.label(format!(
            "Changing {} needs a reason; it is kept in the cell's history.",
            pending.description
        ));
        let l = ui.label(RichText::new("Reason for the change").strong());
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut pending.reason)
                    .hint_text("e.g. late report from the district office")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        field.request_focus();
        ui.horizontal(|ui| {
            let ok = !pending.reason.trim().is_empty();
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let save = ui
                .add_enabled(ok, egui::Button::new("Save change"))
                .clicked();
            if ok && (save || enter) {
                actions.push(DataAction::SetValues {
                    changes: pending.changes.clone(),
                    reason: pending.reason.clone(),
                });
                close = true;
            }
            if ui.button("Cancel change").clicked() {
                close = true;
            }
        });
    });
    if close {
        state.grid.pending_locked = None;
        state.grid.buffer_for = None;
    }
}

/// Draws the data screen.
pub fn data_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    ui.heading("Enter data");
    if wb.setup.indicators.is_empty() {
        guidance_ui(
            ui,
            "There are no indicators yet: add them under Teams and indicators, or import a spreadsheet.",
        );
        return;
    }
    let Some(grid) = wb.grid.as_ref() else {
        if let Some(mode) = default_mode(wb) {
            actions.push(DataAction::ShowGrid(mode));
        }
        return;
    };
    mode_picker_ui(ui, wb, Some(grid), actions);
    lock_ui(ui, wb, state, actions);
    guidance_ui(
        ui,
        "Type a value and press Enter or Tab; arrows move between cells; an empty cell (or NA) means not reported. \
         Paste a block copied from a spreadsheet at the selected cell; Shift with the arrows (or a Shift-click) chooses a block, and Ctrl+C copies it. \"!\" marks a period that has ended without a value.",
    );
    problem_ui(ui, state.grid.error.as_deref());
    if ui
        .button("Copy table")
        .on_hover_text("Copies the whole grid as a table a spreadsheet pastes (tab-separated)")
        .clicked()
    {
        ui.ctx().copy_text(grid.as_tsv());
    }
    let context = grid
        .history_cell
        .map(|c| (Some(c.team), Some(c.indicator)))
        .unwrap_or((None, None));
    egui::Panel::right("data_side")
        .resizable(true)
        .default_size(330.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("data_side_scroll")
                .show(ui, |ui| {
                    history_ui(ui, grid);
                    ui.separator();
                    let forms = &mut state.forms;
                    observations_ui(
                        ui,
                        &wb.observations,
                        &wb.setup,
                        context,
                        &mut forms.observation_search,
                        &mut forms.observation,
                        actions,
                    );
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        grid_ui(ui, grid, &mut state.grid, actions);
    });
    reason_dialog_ui(ui, state, actions);
}
