//! The wins log (practice 7): wins found in the data and entered by hand,
//! filtered by team, kind and date, each one click from a certificate;
//! a batch of certificates for a meeting; the streak setting.

use egui::{RichText, Ui};

use crate::app::recognition::view::{WinFilter, WinLine, WinsView};
use crate::app::view::WorkbookView;
use crate::app::{Actions, FileChoice, FileKind, RecognitionAction};
use crate::domain::WinKind;
use crate::domain::number::count;
use crate::domain::win::ManualWin;
use crate::ui::UiState;
use crate::ui::monitor::choices::date_field_ui;
use crate::ui::widgets::{guidance_ui, problem_ui};

const ROW_HEIGHT: f32 = 38.0;

/// Draws the wins screen.
pub fn wins_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("wins_screen")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Wins");
            guidance_ui(
                ui,
                "Ratchet looks for wins in the data — a target met, a milestone on \
                 the target path, a personal best, a streak of improvement, a real shift on the XmR chart — and you can add \
                 achievements the numbers do not show. Recognise them, in front of peers (practice 8).",
            );
            let Some(view) = wb.wins.as_ref() else {
                guidance_ui(ui, "Looking for wins…");
                return;
            };
            ui.horizontal_wrapped(|ui| {
                if view.looking {
                    ui.spinner();
                    ui.label("Looking through every series for new wins…");
                } else if ui
                    .button("Check for new wins")
                    .on_hover_text("Look through all the data again (done after every change anyway)")
                    .clicked()
                {
                    actions.push(RecognitionAction::DetectWins);
                }
                ui.label(format!(
                    "{} · {} not yet recognised",
                    count(view.all.len() as u64, "win", "wins"),
                    view.unrecognised
                ));
            });
            filters_ui(ui, wb, view, state, actions);
            ui.add_space(4.0);
            list_ui(ui, view, state, actions);
            ui.add_space(6.0);
            details_ui(ui, view, state, actions);
            ui.add_space(8.0);
            manual_ui(ui, wb, state, actions);
            batch_ui(ui, wb, state, actions);
            streak_ui(ui, view, state, actions);
        });
}

fn filters_ui(
    ui: &mut Ui,
    wb: &WorkbookView,
    view: &WinsView,
    state: &mut UiState,
    actions: &mut Actions,
) {
    let forms = &mut state.recognition;
    let mut filter = view.filter.clone();
    ui.horizontal_wrapped(|ui| {
        let team_name = filter
            .team
            .and_then(|t| wb.setup.teams.iter().find(|x| x.id == t))
            .map_or("All teams".to_owned(), |t| t.name.clone());
        egui::ComboBox::from_label("Team")
            .selected_text(team_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.team, None, "All teams");
                for t in &wb.setup.teams {
                    ui.selectable_value(&mut filter.team, Some(t.id), &t.name);
                }
            });
        egui::ComboBox::from_label("Kind")
            .selected_text(filter.kind.map_or("All kinds", WinKind::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.kind, None, "All kinds");
                for k in WinKind::ALL {
                    ui.selectable_value(&mut filter.kind, Some(k), k.label());
                }
            });
        let from = date_field_ui(ui, "From", &mut forms.filter_from);
        let to = date_field_ui(ui, "To", &mut forms.filter_to);
        if let Ok(d) = from {
            filter.from = d;
        }
        if let Ok(d) = to {
            filter.to = d;
        }
        ui.checkbox(&mut filter.unrecognised_only, "Not yet recognised only");
        ui.checkbox(&mut filter.every_win, "Every win on its own row");
        problem_ui(ui, from.err().or(to.err()).as_deref());
    });
    if filter != view.filter {
        actions.push(RecognitionAction::FilterWins(filter));
    }
}

fn kind_mark(kind: WinKind) -> &'static str {
    match kind {
        WinKind::TargetMet => "★",
        WinKind::Milestone => "◆",
        WinKind::PersonalBest => "▲",
        WinKind::Streak => "➚",
        WinKind::RealImprovement => "⇧",
        WinKind::Manual => "✎",
    }
}

fn list_ui(ui: &mut Ui, view: &WinsView, state: &mut UiState, actions: &mut Actions) {
    if view.lines.is_empty() {
        guidance_ui(
            ui,
            if view.all.is_empty() {
                "No wins yet. They appear here as values come in; or record one by hand below."
            } else {
                "No wins pass these filters."
            },
        );
        return;
    }
    let shown: usize = view.lines.iter().map(|l| l.more + 1).sum();
    ui.label(
        RichText::new(if view.filter.every_win {
            format!("Showing {}, most recent first", count(view.lines.len() as u64, "win", "wins"))
        } else {
            format!(
                "{} in {} (one row per team and kind: targets met first, then real improvements, milestones, streaks, personal bests)",
                count(shown as u64, "win", "wins"),
                count(view.lines.len() as u64, "row", "rows")
            )
        })
        .weak(),
    );
    let selected = state.recognition.selected;
    egui::ScrollArea::vertical()
        .id_salt("wins_list")
        .max_height((ui.ctx().content_rect().height() * 0.5).max(ROW_HEIGHT * 8.0))
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, view.lines.len(), |ui, rows| {
            for line in &view.lines[rows] {
                row_ui(ui, line, selected == Some(line.id), state, actions);
            }
        });
}

fn row_ui(ui: &mut Ui, line: &WinLine, selected: bool, state: &mut UiState, actions: &mut Actions) {
    ui.allocate_ui(egui::vec2(ui.available_width(), ROW_HEIGHT), |ui| {
        ui.vertical(|ui| {
            // Every row exactly this tall, so the list scrolls by rows.
            ui.set_height(ROW_HEIGHT);
            ui.horizontal(|ui| {
                let text = format!(
                    "{}  {}  {} — {}{}{}",
                    kind_mark(line.kind),
                    line.date,
                    line.who,
                    line.title,
                    if line.indicator.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", line.indicator)
                    },
                    if line.more > 0 {
                        format!(
                            "  (+{} earlier)",
                            crate::domain::number::thousands(line.more as u64)
                        )
                    } else {
                        String::new()
                    }
                );
                if ui
                    .selectable_label(selected, text)
                    .on_hover_text(&line.explanation)
                    .clicked()
                {
                    state.recognition.selected = Some(line.id);
                }
                if line.recognitions > 0 {
                    ui.label(
                        RichText::new(format!(
                            "✔ recognised{}",
                            if line.recognitions > 1 {
                                format!(" ×{}", line.recognitions)
                            } else {
                                String::new()
                            }
                        ))
                        .small(),
                    );
                }
                if !line.holds {
                    ui.label(RichText::new("no longer shown by the data").small().weak())
                        .on_hover_text("Later values changed; the win is kept, not deleted.");
                }
                if ui.small_button("Recognise…").clicked() {
                    actions.push(RecognitionAction::Recognise(line.id));
                }
            });
            ui.add(egui::Label::new(RichText::new(&line.explanation).weak().small()).truncate());
        });
    });
}

fn details_ui(ui: &mut Ui, view: &WinsView, state: &mut UiState, actions: &mut Actions) {
    let Some(line) = state
        .recognition
        .selected
        .and_then(|id| view.lines.iter().find(|l| l.id == id))
    else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "{} {} — {}",
                kind_mark(line.kind),
                line.who,
                line.title
            ))
            .strong(),
        );
        ui.label(format!("{} · {}", line.date, line.kind.label()));
        ui.label(&line.explanation);
        if !line.evidence.is_empty() {
            ui.label(RichText::new(format!("Evidence: {}", line.evidence.join(" · "))).small());
        }
        ui.horizontal(|ui| {
            if ui.button("Recognise this win…").clicked() {
                actions.push(RecognitionAction::Recognise(line.id));
            }
            if line.kind == WinKind::Manual
                && line.recognitions == 0
                && ui.button("Remove this win").clicked()
            {
                actions.push(RecognitionAction::RemoveManualWin(line.id));
                state.recognition.selected = None;
            }
        });
    });
}

fn manual_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::CollapsingHeader::new("Record a win by hand").id_salt("manual_win").show(ui, |ui| {
        let f = &mut state.recognition;
        guidance_ui(ui, "An achievement the numbers do not show: a rescue in a storm, a new process a team invented, a colleague who trained the others.");
        ui.horizontal_wrapped(|ui| {
            let name = f
                .manual_team
                .and_then(|t| wb.setup.teams.iter().find(|x| x.id == t))
                .map_or("No team".to_owned(), |t| t.name.clone());
            egui::ComboBox::from_label("Team of the win")
                .selected_text(name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.manual_team, None, "No team");
                    for t in wb.setup.active_teams() {
                        ui.selectable_value(&mut f.manual_team, Some(t.id), &t.name);
                    }
                });
            let l = ui.label("People");
            ui.add(egui::TextEdit::singleline(&mut f.manual_people).hint_text("names, separated by commas").desired_width(240.0))
                .labelled_by(l.id);
        });
        let date = ui.horizontal(|ui| date_field_ui(ui, "Achieved on", &mut f.manual_date)).inner;
        let l = ui.label("What was achieved");
        ui.add(
            egui::TextEdit::multiline(&mut f.manual_description)
                .hint_text("e.g. Cleared every reported pothole on Route 9 before the marathon")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        let win = ManualWin {
            team: f.manual_team,
            people: f.manual_people.clone(),
            achieved_on: date.clone().ok().flatten(),
            description: f.manual_description.clone(),
        };
        let mut problems = win.problems();
        if let Err(e) = &date {
            problems.insert(0, e.clone());
        }
        let ready = problems.is_empty();
        let started = !f.manual_description.is_empty() || !f.manual_people.is_empty();
        if !ready && started {
            problem_ui(ui, problems.first().map(String::as_str));
        }
        if ui.add_enabled(ready, egui::Button::new("Record the win")).clicked() {
            actions.push(RecognitionAction::AddManualWin(win));
            f.manual_people.clear();
            f.manual_description.clear();
        }
    });
}

fn batch_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::CollapsingHeader::new("Certificates for a meeting").id_salt("batch").show(ui, |ui| {
        let f = &mut state.recognition;
        guidance_ui(ui, "One certificate (PDF) per win in a span of dates, into a folder, each recorded on the wall — ready to hand out at the stat meeting.");
        let (from, to) = ui
            .horizontal_wrapped(|ui| {
                let from = date_field_ui(ui, "Wins from", &mut f.batch_from);
                let to = date_field_ui(ui, "to", &mut f.batch_to);
                (from, to)
            })
            .inner;
        ui.checkbox(&mut f.batch_all, "Include wins already recognised");
        problem_ui(ui, from.as_ref().err().or(to.as_ref().err()).map(String::as_str));
        let dates_ok = from.is_ok() && to.is_ok();
        let (from, to) = (from.ok().flatten(), to.ok().flatten());
        let filter = WinFilter { from, to, unrecognised_only: !f.batch_all, ..WinFilter::default() };
        let n = wb.wins.as_ref().map_or(0, |w| w.all.iter().filter(|x| filter.admits(x)).count());
        ui.label(format!("{} in that span.", count(n as u64, "win", "wins")));
        if let Some((done, total)) = wb.batch {
            ui.horizontal(|ui| {
                let share = if total == 0 { 0.0 } else { done as f32 / total as f32 };
                ui.add(egui::ProgressBar::new(share).text(format!("{done} of {total}")).desired_width(260.0));
                if ui.button("Cancel").clicked() {
                    actions.push(RecognitionAction::CancelBatch);
                }
            });
            return;
        }
        let ready = dates_ok && n > 0;
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(ready, egui::Button::new("Choose a folder and make them…")).clicked() {
                actions.push(RecognitionAction::BatchCertificates { from, to, unrecognised_only: !f.batch_all, folder: FileChoice::Ask(FileKind::Folder) });
            }
            let l = ui.label("or into the folder");
            ui.add(egui::TextEdit::singleline(&mut f.batch_folder).hint_text("/path/to/folder").desired_width(260.0))
                .labelled_by(l.id);
            let folder = f.batch_folder.trim().to_owned();
            if ui.add_enabled(ready && !folder.is_empty(), egui::Button::new("Make the certificates")).clicked() {
                actions.push(RecognitionAction::BatchCertificates {
                    from,
                    to,
                    unrecognised_only: !f.batch_all,
                    folder: folder.into(),
                });
            }
        });
    });
}

fn streak_ui(ui: &mut Ui, view: &WinsView, state: &mut UiState, actions: &mut Actions) {
    egui::CollapsingHeader::new("What counts as a streak").id_salt("streak").show(ui, |ui| {
        let f = &mut state.recognition;
        let mut n = f.streak.unwrap_or(view.streak_length);
        ui.horizontal(|ui| {
            let l = ui.label("Successive improving periods");
            ui.add(egui::DragValue::new(&mut n).range(2..=52)).labelled_by(l.id);
            f.streak = Some(n);
            if ui.add_enabled(n != view.streak_length, egui::Button::new("Apply")).clicked() {
                actions.push(RecognitionAction::SetStreakLength(n));
            }
        });
        ui.label(RichText::new(format!(
            "Now {}: a win when a team improves {} periods running. Personal bests count after six values, at most one every four periods.",
            view.streak_length, view.streak_length
        )).weak().small());
    });
}
