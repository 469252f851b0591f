//! The meetings screen: a new meeting (its agenda built from the data),
//! every meeting held, and the follow-up board across meetings.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Actions, MeetingAction};
use crate::ui::UiState;
use crate::ui::monitor::choices::date_field_ui;
use crate::ui::widgets::{guidance_ui, problem_ui};

/// Draws the meetings screen.
pub fn meetings_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("meetings")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Stat meetings");
            guidance_ui(
                ui,
                "Practice 5 as a routine: meet regularly, look at each team's data with the team, decide, and follow up \
                 relentlessly. The agenda is built from the workbook — open follow-ups (overdue first), teams behind, \
                 integrity flags, wins to recognise in the room, capacity needs awaiting a decision — and can be edited.",
            );
            new_meeting_ui(ui, wb, state, actions);
            let Some(view) = wb.meetings.as_ref() else { return };
            ui.add_space(8.0);
            ui.label(RichText::new("Meetings").strong().size(16.0));
            if view.meetings.is_empty() {
                ui.label(RichText::new("None yet.").weak());
            }
            for (id, on, title) in &view.meetings {
                ui.horizontal(|ui| {
                    ui.label(on.format("%-d %b %Y").to_string());
                    if ui.link(title).clicked() {
                        actions.push(MeetingAction::Open(*id));
                    }
                });
            }
            ui.add_space(8.0);
            ui.label(RichText::new("Follow-up board").strong().size(16.0));
            if view.board.is_empty() {
                ui.label(RichText::new("No open follow-ups.").weak());
                return;
            }
            egui::Grid::new("board").striped(true).num_columns(5).show(ui, |ui| {
                for h in ["Owner", "Follow-up", "Team", "Due", "Raised"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for line in &view.board {
                    let f = &line.follow_up;
                    ui.label(&f.owner);
                    ui.label(&f.text);
                    ui.label(&line.team);
                    let due = f.due.format("%-d %b %Y").to_string();
                    if line.overdue {
                        ui.colored_label(ui.visuals().error_fg_color, format!("{due} ▲ overdue"));
                    } else {
                        ui.label(due);
                    }
                    ui.label(line.raised_on.format("%-d %b %Y").to_string());
                    ui.end_row();
                }
            });
        });
}

fn new_meeting_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::CollapsingHeader::new("New meeting")
        .id_salt("new_meeting")
        .default_open(true)
        .show(ui, |ui| {
            let f = &mut state.meetings;
            if f.new_date.is_empty() {
                f.new_date = chrono::Local::now().date_naive().to_string();
            }
            let date = ui
                .horizontal(|ui| {
                    let date = date_field_ui(ui, "Meeting date", &mut f.new_date);
                    let l = ui.label("Title");
                    ui.add(
                        egui::TextEdit::singleline(&mut f.new_title)
                            .hint_text("e.g. StreetStat, week 48")
                            .desired_width(260.0),
                    )
                    .labelled_by(l.id);
                    date
                })
                .inner;
            ui.label("Teams attending:");
            let active: Vec<crate::domain::Team> = wb.setup.active_teams().cloned().collect();
            crate::ui::picker::TeamPicker {
                id: "attending",
                teams: &active,
                standing: &wb.setup.standing,
                none_means: "all attend",
            }
            .show_ui(
                ui,
                &mut f.new_teams,
                state.picker_search.entry("attending".into()).or_default(),
            );
            ui.horizontal_wrapped(|ui| {
                let l = ui.label("Flags and wins per team");
                ui.add(egui::DragValue::new(&mut f.new_limits.per_team).range(1..=50))
                    .labelled_by(l.id);
                let l = ui.label("leaving out those older than (days)");
                ui.add(egui::DragValue::new(&mut f.new_limits.max_age_days).range(7..=3650))
                    .labelled_by(l.id);
            });
            problem_ui(ui, date.as_ref().err().map(String::as_str));
            let held_on = date.ok().flatten();
            if ui
                .add_enabled(
                    held_on.is_some(),
                    egui::Button::new("Create the meeting and its agenda"),
                )
                .clicked()
                && let Some(held_on) = held_on
            {
                actions.push(MeetingAction::Create {
                    held_on,
                    title: f.new_title.trim().to_owned(),
                    teams: f.new_teams.clone(),
                    limits: f.new_limits,
                });
                f.new_title.clear();
            }
        });
}
