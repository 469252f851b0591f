//! Operational capacity (practice 6): per team, what is open and how long
//! it has waited (a team waiting while it falls behind is highlighted),
//! every need with its dated history, and recording and moving needs on.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Actions, MeetingAction};
use crate::domain::capacity::{NeedCategory, NeedStatus, NewNeed};
use crate::ui::UiState;
use crate::ui::monitor::choices::date_field_ui;
use crate::ui::widgets::{guidance_ui, problem_ui};

/// Draws the capacity screen.
pub fn capacity_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("capacity")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Operational capacity");
            guidance_ui(
                ui,
                "Give teams what they need to reach their targets. Record each \
                 need (staff, training, equipment, data, authority, money), then approve, deliver or decline it (with a \
                 reason). A team waiting for help while it falls behind its path is listed first.",
            );
            let Some(view) = wb.capacity.as_ref() else { return };
            egui::Grid::new("capacity_teams").striped(true).num_columns(5).show(ui, |ui| {
                for h in ["Team", "Open", "Longest wait", "Delivered", "Standing"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for t in &view.teams {
                    let name = if t.starved { format!("▲ {} — waiting while behind", t.name) } else { t.name.clone() };
                    if t.starved {
                        ui.colored_label(ui.visuals().warn_fg_color, name);
                    } else {
                        ui.label(name);
                    }
                    ui.label(t.open.to_string());
                    ui.label(if t.open > 0 { format!("{} days", t.longest_wait) } else { "—".into() });
                    ui.label(t.delivered.to_string());
                    ui.label(t.status.map_or("—".to_owned(), |s| format!("{} {}", s.symbol(), s.label())));
                    ui.end_row();
                }
            });
            ui.add_space(8.0);
            new_need_ui(ui, wb, state, actions);
            ui.add_space(8.0);
            ui.label(RichText::new("Needs").strong().size(16.0));
            if view.needs.is_empty() {
                ui.label(RichText::new("None recorded yet.").weak());
            }
            for line in &view.needs {
                let n = &line.need;
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let amount = n.amount.map_or(String::new(), |a| format!(" · {}", crate::domain::capacity::amount_text(a, &n.amount_unit, wb.setup.decimal_mark)));
                    let serves = if line.serves.is_empty() { String::new() } else { format!(" · for {}", line.serves) };
                    ui.label(RichText::new(format!("{}: {} — {}", line.team, n.category.label(), n.description)).strong());
                    ui.label(format!("{}{amount}{serves} · waited {} days", n.status.label(), line.waited));
                    let history: Vec<String> = n
                        .history
                        .iter()
                        .map(|e| {
                            let note = if e.note.is_empty() { String::new() } else { format!(" ({})", e.note) };
                            format!("{} {}{note}", e.status.label(), e.on.format("%-d %b %Y"))
                        })
                        .collect();
                    ui.label(RichText::new(history.join(" → ")).small().weak());
                    if n.status.next().is_empty() {
                        return;
                    }
                    ui.horizontal_wrapped(|ui| {
                        let note = state.meetings.need_note.entry(n.id).or_default();
                        ui.label("Note");
                        // Visible words stay short; screen readers hear which need.
                        let _ = ui
                            .add(egui::TextEdit::singleline(note).hint_text("reason (needed to decline)").desired_width(240.0))
                            .accessible_name(format!("Note on need {}", n.id));
                        for to in n.status.next() {
                            let verb = match to {
                                NeedStatus::Approved => "Approve",
                                NeedStatus::Delivered => "Mark delivered",
                                NeedStatus::Declined => "Decline",
                                NeedStatus::Requested => "Request",
                            };
                            let ok = *to != NeedStatus::Declined || !note.trim().is_empty();
                            if ui
                                .add_enabled(ok, egui::Button::new(verb))
                                .accessible_name(format!("{verb} need {}", n.id))
                                .clicked()
                            {
                                actions.push(MeetingAction::SetNeedStatus {
                                    id: n.id,
                                    to: *to,
                                    note: note.trim().to_owned(),
                                    on: chrono::Local::now().date_naive(),
                                });
                                note.clear();
                            }
                        }
                    });
                });
            }
        });
}

fn new_need_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::CollapsingHeader::new("Record a need")
        .id_salt("new_need")
        .show(ui, |ui| {
            let f = &mut state.meetings;
            ui.horizontal_wrapped(|ui| {
                let name = f
                    .need_team
                    .and_then(|t| wb.setup.teams.iter().find(|x| x.id == t))
                    .map_or("Choose a team".to_owned(), |t| t.name.clone());
                egui::ComboBox::from_label("Team in need")
                    .selected_text(name)
                    .show_ui(ui, |ui| {
                        for t in wb.setup.active_teams() {
                            ui.selectable_value(&mut f.need_team, Some(t.id), &t.name);
                        }
                    });
                egui::ComboBox::from_label("Category")
                    .selected_text(f.need_category.label())
                    .show_ui(ui, |ui| {
                        for c in NeedCategory::ALL {
                            ui.selectable_value(&mut f.need_category, c, c.label());
                        }
                    });
                let name = f
                    .need_serves
                    .and_then(|i| wb.setup.indicator(i))
                    .map_or("No indicator".to_owned(), |i| i.name.clone());
                egui::ComboBox::from_label("Serves")
                    .selected_text(name)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut f.need_serves, None, "No indicator");
                        for i in &wb.setup.indicators {
                            ui.selectable_value(&mut f.need_serves, Some(i.id), &i.name);
                        }
                    });
            });
            let l = ui.label("What is needed");
            ui.add(
                egui::TextEdit::singleline(&mut f.need_description)
                    .hint_text("e.g. A second hot-patch van for night repairs")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            let (amount, date) = ui
                .horizontal(|ui| {
                    let l = ui.label("Amount or cost");
                    ui.add(
                        egui::TextEdit::singleline(&mut f.need_amount)
                            .hint_text("e.g. 2 FTE")
                            .desired_width(100.0),
                    )
                    .labelled_by(l.id);
                    let date = date_field_ui(ui, "Requested on", &mut f.need_date);
                    let amount = crate::domain::capacity::parse_amount(
                        &f.need_amount,
                        wb.setup.decimal_mark,
                    )
                    .map_err(|e| format!("Amount: {e}."));
                    (amount, date)
                })
                .inner;
            let need = NewNeed {
                team: f.need_team,
                category: f.need_category,
                description: f.need_description.clone(),
                amount: amount.clone().ok().flatten().map(|(v, _)| v),
                amount_unit: amount
                    .clone()
                    .ok()
                    .flatten()
                    .map(|(_, u)| u)
                    .unwrap_or_default(),
                serves: f.need_serves,
                requested_on: date.clone().ok().flatten(),
            };
            let mut problems = need.problems();
            for e in [amount.err(), date.err()].into_iter().flatten() {
                problems.insert(0, e);
            }
            if !f.need_description.is_empty() {
                problem_ui(ui, problems.first().map(String::as_str));
            }
            if ui
                .add_enabled(problems.is_empty(), egui::Button::new("Record the need"))
                .clicked()
            {
                actions.push(MeetingAction::AddNeed(need));
                f.need_description.clear();
                f.need_amount.clear();
            }
        });
}
