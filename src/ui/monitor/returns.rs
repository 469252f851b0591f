//! Data returns (practice 5): ask each team for its numbers with a
//! pre-filled file, collect the files that come back (conflicts decided one
//! by one), and see who has reported.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::app::returns::view::{CheckedReturn, ReturnsView};
use crate::app::view::WorkbookView;
use crate::app::{Actions, FileChoice, FileKind, ReturnsAction};
use crate::domain::data_return::{MAX_PERIODS_BEFORE, ReturnSpec, ReturnStatus};
use crate::ops::returns::{ConflictChoice, ReturnFormat, shown};
use crate::ui::UiState;
use crate::ui::monitor::choices::date_field_ui;
use crate::ui::widgets::{guidance_ui, problem_ui};

/// What is typed on the Data returns screen.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnsForm {
    /// Earlier periods asked for as well.
    pub periods_before: u32,
    /// The day whose period is the latest asked (empty: today).
    pub as_of: String,
    /// When the returns are due (empty: no day).
    pub due: String,
    /// XLSX, CSV or both.
    pub format: ReturnFormat,
    /// A folder typed instead of chosen.
    pub folder: String,
    /// A returned file or folder typed instead of chosen.
    pub collect_path: String,
    /// The reason typed for each checked file.
    pub reasons: std::collections::HashMap<PathBuf, String>,
}

impl Default for ReturnsForm {
    fn default() -> Self {
        ReturnsForm {
            // The latest period and four before it: a month of weeks.
            periods_before: 4,
            as_of: String::new(),
            due: String::new(),
            format: ReturnFormat::Xlsx,
            folder: String::new(),
            collect_path: String::new(),
            reasons: Default::default(),
        }
    }
}

/// Draws the Data returns screen.
pub fn returns_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("returns")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Data returns");
            guidance_ui(
                ui,
                "Ask each team for its own numbers: Ratchet writes one file per team, filled in with its \
                 indicators, periods, targets and the values already held. Send them out; when they come back, \
                 collect them here. Each file is recognised by a hidden signature, checked like any import, and \
                 written with the sender's name in the history. A value changed here since the request is shown \
                 for you to decide, never overwritten.",
            );
            let empty = ReturnsView::default();
            let view = wb.returns.as_ref().unwrap_or(&empty);
            request_ui(ui, state, actions);
            ui.add_space(10.0);
            collect_ui(ui, view, state, actions);
            ui.add_space(10.0);
            boards_ui(ui, view);
        });
}

fn request_ui(ui: &mut Ui, state: &mut UiState, actions: &mut Actions) {
    let f = &mut state.forms.returns;
    ui.label(RichText::new("Ask for the numbers").strong().size(16.0));
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Earlier periods as well");
        ui.add(egui::DragValue::new(&mut f.periods_before).range(0..=MAX_PERIODS_BEFORE))
            .labelled_by(l.id);
    });
    let mut problems = Vec::new();
    let (as_of, due) = ui
        .horizontal_wrapped(|ui| {
            let as_of = date_field_ui(ui, "Latest period contains", &mut f.as_of);
            let due = date_field_ui(ui, "Due", &mut f.due);
            (as_of, due)
        })
        .inner;
    let as_of = as_of.unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    let due = due.unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Files");
        ui.radio_value(&mut f.format, ReturnFormat::Xlsx, "Spreadsheet (XLSX)");
        ui.radio_value(&mut f.format, ReturnFormat::Csv, "CSV");
        ui.radio_value(&mut f.format, ReturnFormat::Both, "Both");
    });
    for p in &problems {
        problem_ui(ui, Some(p));
    }
    let spec = ReturnSpec {
        as_of: as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
        periods_before: f.periods_before,
        due,
        teams: Vec::new(),
    };
    let ready = problems.is_empty();
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(
                ready,
                egui::Button::new("Choose a folder and write the files…"),
            )
            .clicked()
        {
            actions.push(ReturnsAction::Request {
                spec: spec.clone(),
                format: f.format,
                folder: FileChoice::Ask(FileKind::Folder),
            });
        }
        let l = ui.label("or into the folder");
        ui.add(
            egui::TextEdit::singleline(&mut f.folder)
                .hint_text("/path/to/folder")
                .desired_width(260.0),
        )
        .labelled_by(l.id);
        let folder = f.folder.trim().to_owned();
        if ui
            .add_enabled(
                ready && !folder.is_empty(),
                egui::Button::new("Write the files"),
            )
            .clicked()
        {
            actions.push(ReturnsAction::Request {
                spec,
                format: f.format,
                folder: folder.into(),
            });
        }
    });
}

fn collect_ui(ui: &mut Ui, view: &ReturnsView, state: &mut UiState, actions: &mut Actions) {
    ui.label(RichText::new("Collect what came back").strong().size(16.0));
    ui.horizontal_wrapped(|ui| {
        if ui.button("Choose returned files…").clicked() {
            actions.push(ReturnsAction::Collect(FileChoice::Ask(FileKind::Returns)));
        }
        if ui.button("Choose a folder…").clicked() {
            actions.push(ReturnsAction::Collect(FileChoice::Ask(FileKind::Folder)));
        }
        let f = &mut state.forms.returns;
        let l = ui.label("or the path");
        ui.add(
            egui::TextEdit::singleline(&mut f.collect_path)
                .hint_text("/path/to/return.xlsx or folder")
                .desired_width(260.0),
        )
        .labelled_by(l.id);
        let path = f.collect_path.trim().to_owned();
        if ui
            .add_enabled(!path.is_empty(), egui::Button::new("Check"))
            .clicked()
        {
            actions.push(ReturnsAction::Collect(path.into()));
        }
        ui.label(
            RichText::new("(or drop the files on the window)")
                .weak()
                .small(),
        );
    });
    for checked in &view.checked {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            checked_ui(ui, checked, state, actions);
        });
    }
}

fn checked_ui(ui: &mut Ui, c: &CheckedReturn, state: &mut UiState, actions: &mut Actions) {
    let name = c
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let check = match &c.outcome {
        Ok(check) => check,
        Err(why) => {
            problem_ui(ui, Some(why));
            if ui.button("Put aside").clicked() {
                actions.push(ReturnsAction::Dismiss(c.path.clone()));
            }
            return;
        }
    };
    let r = &check.plan.report;
    ui.label(
        RichText::new(format!(
            "{name}: {}, reported by {}",
            check.team_name, check.reported_by
        ))
        .strong(),
    );
    ui.label(format!(
        "{} of {} values filled: {} new, {} changed, {} as they were held.",
        check.filled, check.asked, r.added, r.updated, check.left_as_held
    ));
    for rej in r.rejected.iter().take(10) {
        problem_ui(
            ui,
            Some(&format!(
                "Line {}, {}: {}",
                rej.line, rej.column, rej.reason
            )),
        );
    }
    for conflict in &check.conflicts {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{}: {} when asked, {} now, {} returned.",
                conflict.what,
                shown(conflict.held),
                shown(conflict.current),
                shown(Some(conflict.returned))
            ));
            let chosen = c.choices.get(&conflict.line).copied();
            for (choice, label) in [
                (ConflictChoice::KeepCurrent, "Keep the current value"),
                (ConflictChoice::TakeReturned, "Take the returned value"),
            ] {
                if ui.radio(chosen == Some(choice), label).clicked() {
                    actions.push(ReturnsAction::Decide {
                        path: c.path.clone(),
                        line: conflict.line,
                        choice,
                    });
                }
            }
        });
    }
    let reason = state
        .forms
        .returns
        .reasons
        .entry(c.path.clone())
        .or_default();
    if r.in_locked_periods > 0 || r.updated > 0 {
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Reason (kept in each value's history)");
            ui.add(egui::TextEdit::singleline(reason).desired_width(300.0))
                .labelled_by(l.id);
        });
    }
    let blocker = check.blocker(&c.choices, !reason.trim().is_empty());
    if let Some(b) = &blocker {
        ui.label(RichText::new(b).color(ui.visuals().warn_fg_color));
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(blocker.is_none(), egui::Button::new("Collect"))
            .clicked()
        {
            actions.push(ReturnsAction::Confirm {
                path: c.path.clone(),
                reason: reason.clone(),
            });
        }
        if ui.button("Put aside").clicked() {
            actions.push(ReturnsAction::Dismiss(c.path.clone()));
        }
    });
}

fn boards_ui(ui: &mut Ui, view: &ReturnsView) {
    ui.label(RichText::new("Who has reported").strong().size(16.0));
    if view.requests.is_empty() {
        ui.label(RichText::new("No returns have been asked for yet.").weak());
    }
    for (i, board) in view.requests.iter().enumerate() {
        let waiting = board
            .lines
            .iter()
            .filter(|l| matches!(l.status, ReturnStatus::NotYet | ReturnStatus::Overdue))
            .count();
        egui::CollapsingHeader::new(format!(
            "{} — {waiting} of {} still to come",
            board.label,
            board.lines.len()
        ))
        .id_salt(("return_board", board.request.id.0))
        .default_open(i == 0)
        .show(ui, |ui| {
            board_table_ui(ui, board);
            let folder = crate::ops::returns::request_folder(
                std::path::Path::new(&board.request.folder),
                &board.request,
            );
            ui.label(
                RichText::new(format!("Files in {}", folder.display()))
                    .small()
                    .weak(),
            );
        });
    }
}

/// Height of a row of the board.
const BOARD_ROW: f32 = 22.0;

/// One request's board: a row per team, drawing only the rows in view (a
/// large agency's 200 teams scroll in a box as tall as the window allows).
fn board_table_ui(ui: &mut Ui, board: &crate::app::returns::view::RequestBoard) {
    let widths = [260.0, 90.0, 90.0];
    let height = (ui.ctx().content_rect().height() * 0.6).max(BOARD_ROW * 8.0);
    ui.horizontal(|ui| {
        for (h, w) in ["Team", "Status", "Values"].iter().zip(widths) {
            ui.add_sized([w, BOARD_ROW], egui::Label::new(RichText::new(*h).strong()));
        }
        ui.label(RichText::new("Collected").strong());
    });
    egui::ScrollArea::vertical()
        .id_salt(("return_board_rows", board.request.id.0))
        .max_height(height)
        .auto_shrink([false, true])
        .show_rows(ui, BOARD_ROW, board.lines.len(), |ui, rows| {
            for line in &board.lines[rows] {
                ui.horizontal(|ui| {
                    ui.add_sized(
                        [widths[0], BOARD_ROW],
                        egui::Label::new(&line.team).truncate(),
                    );
                    let colour = match line.status {
                        ReturnStatus::Overdue => ui.visuals().error_fg_color,
                        ReturnStatus::NotYet | ReturnStatus::Partly => ui.visuals().warn_fg_color,
                        ReturnStatus::Returned => ui.visuals().text_color(),
                    };
                    ui.add_sized(
                        [widths[1], BOARD_ROW],
                        egui::Label::new(RichText::new(line.status.label()).color(colour)),
                    );
                    ui.add_sized(
                        [widths[2], BOARD_ROW],
                        egui::Label::new(format!("{} of {}", line.filled, line.asked)),
                    );
                    ui.label(line.collected.as_ref().map_or("—".to_owned(), |(d, by)| {
                        format!("{} by {by}", d.format("%-d %b %Y"))
                    }));
                });
            }
        });
}
