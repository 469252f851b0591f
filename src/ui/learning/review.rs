//! Review and ratchet (practice 11): the target against the current
//! process, a proposed ratcheted target, a review of what was learned and
//! what changes, and the framework's versions side by side.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Actions, LearningAction};
use crate::domain::number::format_number;
use crate::domain::review::{Area, FrameworkVersion, ReviewChange, review_problems};
use crate::domain::target::{check_values, parse_typed_date};
use crate::domain::{Framework, Target};
use crate::ui::UiState;
use crate::ui::widgets::{advice_ui, guidance_ui, problem_ui};

/// Draws the review screen.
pub fn review_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("review")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Review and ratchet");
            guidance_ui(
                ui,
                "Record what was learned and what changes, each with its reason; every \
                 review keeps the framework as a version you can compare with any other.",
            );
            let Some(view) = wb.review.as_ref() else {
                return;
            };
            if let Some(f) = &view.feasibility {
                advice_ui(ui, f);
            }
            ratchet_ui(ui, wb, state, actions);
            ui.add_space(8.0);
            review_form_ui(ui, state, actions);
            ui.add_space(8.0);
            ui.label(RichText::new("Reviews").strong().size(16.0));
            if view.reviews.is_empty() {
                ui.label(RichText::new("None yet.").weak());
            }
            for r in &view.reviews {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(r.held_on.format("%-d %B %Y").to_string()).strong());
                    ui.label(&r.learned);
                    for c in &r.changes {
                        ui.label(format!(
                            "• {}: {} — because {}",
                            c.area.label(),
                            c.change,
                            c.reason
                        ));
                    }
                });
            }
            ui.add_space(8.0);
            history_ui(ui, wb, state, actions);
        });
}

fn ratchet_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    let Some(current) = wb.framework.target.as_ref() else {
        guidance_ui(
            ui,
            "Set a target in the wizard first; it can then be ratcheted here.",
        );
        return;
    };
    let Some(view) = wb.review.as_ref() else {
        return;
    };
    egui::CollapsingHeader::new("A new target")
        .id_salt("ratchet")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(format!("Now: {}", current.sentence()));
            if ui.button("Propose a new target from the data").clicked() {
                actions.push(LearningAction::ProposeRatchet);
                state.learning.ratchet = None;
            }
            let proposal = match &view.proposal {
                Some(Ok(p)) => {
                    advice_ui(ui, &p.why);
                    Some(&p.target)
                }
                Some(Err(why)) => {
                    advice_ui(ui, &format!("No proposal: {why}."));
                    None
                }
                None => None,
            };
            let start = proposal.unwrap_or(current);
            let mark = wb.setup.decimal_mark;
            let fields = state.learning.ratchet.get_or_insert_with(|| {
                let decimals = 6;
                [
                    mark.write(&format_number(start.baseline_value, decimals)),
                    start.baseline_date.to_string(),
                    mark.write(&format_number(start.target_value, decimals)),
                    start.deadline.to_string(),
                ]
            });
            ui.horizontal_wrapped(|ui| {
                for (k, label) in ["New baseline", "dated", "New target", "by"]
                    .into_iter()
                    .enumerate()
                {
                    let l = ui.label(label);
                    ui.add(egui::TextEdit::singleline(&mut fields[k]).desired_width(100.0))
                        .labelled_by(l.id);
                }
            });
            let mut errors = Vec::new();
            let values = check_values(
                Some(current.direction),
                [&fields[0], &fields[1], &fields[2], &fields[3]],
                wb.setup.decimal_mark,
                &mut errors,
            );
            let l = ui.label("Why the target changes");
            ui.add(
                egui::TextEdit::multiline(&mut state.learning.ratchet_reason)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("e.g. Met in March; the crews can hold 95% with the new scheduling"),
            )
            .labelled_by(l.id);
            problem_ui(ui, errors.first().map(|e| e.message.as_str()));
            let reason = state.learning.ratchet_reason.trim().to_owned();
            let ready = values.is_some() && !reason.is_empty();
            if ui
                .add_enabled(ready, egui::Button::new("Ratchet the target"))
                .clicked()
                && let Some(v) = values
            {
                let target = Target {
                    baseline_value: v.baseline_value,
                    baseline_date: v.baseline_date,
                    target_value: v.target_value,
                    deadline: v.deadline,
                    ..current.clone()
                };
                actions.push(LearningAction::Ratchet { target, reason });
                state.learning.ratchet = None;
                state.learning.ratchet_reason.clear();
            }
        });
}

fn review_form_ui(ui: &mut Ui, state: &mut UiState, actions: &mut Actions) {
    egui::CollapsingHeader::new("Record a review")
        .id_salt("review_form")
        .show(ui, |ui| {
            let f = &mut state.learning;
            if f.review_date.is_empty() {
                f.review_date = chrono::Local::now().date_naive().to_string();
            }
            ui.horizontal(|ui| {
                let l = ui.label("Held on");
                ui.add(egui::TextEdit::singleline(&mut f.review_date).desired_width(100.0)).labelled_by(l.id);
            });
            let l = ui.label("What was learned");
            ui.add(
                egui::TextEdit::multiline(&mut f.learned)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .hint_text("e.g. Repairs got faster where crews had a second van; complaints rose where repairs were rushed"),
            )
            .labelled_by(l.id);
            let mut remove = None;
            for (i, c) in f.changes.iter_mut().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    egui::ComboBox::from_id_salt(("area", i))
                        .selected_text(c.area.label())
                        .show_ui(ui, |ui| {
                            for a in Area::ALL {
                                ui.selectable_value(&mut c.area, a, a.label());
                            }
                        });
                    let l = ui.label(format!("Change {}", i + 1));
                    ui.add(egui::TextEdit::singleline(&mut c.change).hint_text("what changes").desired_width(260.0)).labelled_by(l.id);
                    let l = ui.label("because");
                    ui.add(egui::TextEdit::singleline(&mut c.reason).hint_text("why").desired_width(260.0)).labelled_by(l.id);
                    if ui.small_button("Remove").clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                f.changes.remove(i);
            }
            if ui.button("Add a change").clicked() {
                f.changes.push(ReviewChange::default());
            }
            let date = parse_typed_date(&f.review_date);
            let mut problems = review_problems(&f.learned, &f.changes);
            if let Err(e) = &date {
                problems.insert(0, format!("Held on: {e}."));
            }
            // Problems show once something is written, not on an empty form.
            let touched = !f.learned.trim().is_empty()
                || f
                    .changes
                    .iter()
                    .any(|c| !c.change.trim().is_empty() || !c.reason.trim().is_empty());
            if touched {
                problem_ui(ui, problems.first().map(String::as_str));
            }
            if ui.add_enabled(problems.is_empty(), egui::Button::new("Record the review")).clicked()
                && let Ok(held_on) = date
            {
                actions.push(LearningAction::AddReview {
                    held_on,
                    learned: f.learned.trim().to_owned(),
                    changes: f.changes.clone(),
                });
                f.learned.clear();
                f.changes.clear();
            }
        });
}

fn history_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    let Some(view) = wb.review.as_ref() else {
        return;
    };
    ui.label(RichText::new("Framework history").strong().size(16.0));
    if view.versions.is_empty() {
        ui.label(
            RichText::new(
                "The framework is kept as a version when it is completed and at every review.",
            )
            .weak(),
        );
        return;
    }
    for (id, at, label) in &view.versions {
        ui.label(format!("Version {id} — {label} ({at})"));
    }
    let (a, b) = &mut state.learning.versions;
    let name = |v: Option<i64>| v.map_or("Choose…".to_owned(), |v| format!("Version {v}"));
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_label("Compare")
            .selected_text(name(*a))
            .show_ui(ui, |ui| {
                for (id, _, label) in &view.versions {
                    ui.selectable_value(a, Some(*id), format!("Version {id} — {label}"));
                }
            });
        egui::ComboBox::from_label("with")
            .selected_text(name(*b))
            .show_ui(ui, |ui| {
                for (id, _, label) in &view.versions {
                    ui.selectable_value(b, Some(*id), format!("Version {id} — {label}"));
                }
            });
        if let (Some(x), Some(y)) = (*a, *b)
            && ui.button("Side by side").clicked()
        {
            actions.push(LearningAction::CompareVersions {
                a: x.min(y),
                b: x.max(y),
            });
        }
    });
    if let Some((va, vb)) = &view.compared {
        side_by_side_ui(ui, va, vb);
    }
}

/// The parts of a framework, as compared.
fn parts(f: &Framework) -> [(&'static str, String); 4] {
    [
        (
            "Mission",
            f.mission
                .as_ref()
                .map(|m| m.statement.clone())
                .unwrap_or_default(),
        ),
        (
            "Deficit",
            f.chosen_deficit()
                .map(|d| d.display_title().to_owned())
                .unwrap_or_default(),
        ),
        (
            "Target",
            f.target.as_ref().map(Target::sentence).unwrap_or_default(),
        ),
        (
            "Theory",
            f.theory
                .iter()
                .map(|s| s.outcome.trim().to_owned())
                .collect::<Vec<_>>()
                .join(" → "),
        ),
    ]
}

fn side_by_side_ui(ui: &mut Ui, a: &FrameworkVersion, b: &FrameworkVersion) {
    // Three columns that share the width, the text wrapping inside each,
    // so that the second version is never cut off.
    let first = 130.0;
    let gap = ui.spacing().item_spacing.x;
    let each = ((ui.available_width() - first - 2.0 * gap) / 2.0).max(120.0);
    let row = |ui: &mut Ui, cells: [RichText; 3]| {
        ui.horizontal_top(|ui| {
            for (cell, width) in cells.into_iter().zip([first, each, each]) {
                ui.allocate_ui_with_layout(
                    egui::vec2(width, 0.0),
                    egui::Layout::top_down(egui::Align::Min),
                    |ui| {
                        ui.set_width(width);
                        ui.add(egui::Label::new(cell).wrap());
                    },
                );
            }
        });
        ui.separator();
    };
    row(
        ui,
        [
            RichText::new(""),
            RichText::new(format!("Version {} — {}", a.id, a.label)).strong(),
            RichText::new(format!("Version {} — {}", b.id, b.label)).strong(),
        ],
    );
    for ((part, x), (_, y)) in parts(&a.framework).into_iter().zip(parts(&b.framework)) {
        let changed = x != y;
        row(
            ui,
            [
                if changed {
                    RichText::new(format!("{part} (changed)")).strong()
                } else {
                    RichText::new(part)
                },
                RichText::new(x),
                if changed {
                    RichText::new(y).strong()
                } else {
                    RichText::new(y)
                },
            ],
        );
    }
}
