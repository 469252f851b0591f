//! Phase I: the framework wizard (practices 1–4 and the summary).

mod deficits_step;
mod guidance;
mod mission_step;
mod summary_step;
mod target_step;
mod theory_diagram;
mod theory_step;

use egui::{RichText, Ui};

use super::UiState;
use super::widgets::{example_ui, guidance_ui};
use crate::app::view::WorkbookView;
use crate::app::{Action, Actions};
use crate::domain::WizardStep;
use crate::domain::practices::PRACTICES;

/// The step indicator: every step, the current one highlighted, each clickable.
fn step_indicator_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
    let done = [
        wb.status.mission,
        wb.status.deficit,
        wb.status.target,
        wb.status.theory,
        wb.status.completed,
    ];
    ui.horizontal_wrapped(|ui| {
        for (step, is_done) in WizardStep::ALL.into_iter().zip(done) {
            let current = wb.draft.step == step;
            let mark = if is_done { "✔" } else { "" };
            let text = format!(
                "{} {}{}",
                step.number(),
                step.title(),
                if mark.is_empty() {
                    String::new()
                } else {
                    format!(" {mark}")
                }
            );
            let text = if current {
                RichText::new(text).strong()
            } else {
                RichText::new(text)
            };
            if ui
                .selectable_label(current, text)
                .on_hover_text(format!(
                    "Step {} of {}",
                    step.number(),
                    WizardStep::ALL.len()
                ))
                .clicked()
                && !current
            {
                actions.push(Action::GoToStep(step));
            }
            if step != WizardStep::Summary {
                ui.label(RichText::new("›").weak());
            }
        }
    });
}

/// Back and Next (or Finish), with the reason Next was refused.
fn navigation_buttons_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
    let step = wb.draft.step;
    if wb.showing_problems(step) && !wb.checks.step_ok(step) {
        let color = ui.visuals().error_fg_color;
        ui.label(
            RichText::new("This step is not finished: fix the problems marked above to continue.")
                .color(color),
        );
    }
    ui.horizontal(|ui| {
        if step.previous().is_some() && ui.button("← Back").clicked() {
            actions.push(Action::WizardBack);
        }
        let next_label = if step == WizardStep::Summary {
            "Finish"
        } else {
            "Next →"
        };
        let next = ui.button(RichText::new(next_label).strong());
        let next = if step == WizardStep::Summary {
            next.on_hover_text("Mark the framework complete")
        } else {
            next.on_hover_text("Save this step and go on")
        };
        if next.clicked() {
            actions.push(if step == WizardStep::Summary {
                Action::FinishFramework
            } else {
                Action::WizardNext
            });
        }
    });
}

/// Draws the wizard at the draft's step.
pub fn wizard_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    let step = wb.draft.step;
    step_indicator_ui(ui, wb, actions);
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let g = guidance::guidance(step);
            let practice = PRACTICES
                .get(step.number() - 1)
                .filter(|_| step != WizardStep::Summary);
            let title = match practice {
                Some(p) => format!("Practice {}: {}", p.number, p.title),
                None => "The performance framework".to_owned(),
            };
            ui.heading(title);
            ui.label(RichText::new(g.question).size(16.0));
            guidance_ui(ui, g.guidance);
            example_ui(ui, "Example", g.example);
            if let Some(p) = practice {
                crate::ui::practice_panel::practice_why_ui(ui, p.number, actions);
            }
            ui.add_space(10.0);
            if let Some(practice) = &wb.practice {
                crate::ui::workshop::exercise::exercise_ui(ui, wb, practice, &mut state.workshop);
            }
            match step {
                WizardStep::Mission => mission_step::mission_step_ui(ui, wb, actions),
                WizardStep::Deficits => deficits_step::deficits_step_ui(ui, wb, state, actions),
                WizardStep::Target => target_step::target_step_ui(ui, wb, actions),
                WizardStep::Theory => theory_step::theory_step_ui(ui, wb, state, actions),
                WizardStep::Summary => summary_step::summary_step_ui(ui, wb, state, actions),
            }
            ui.add_space(12.0);
            navigation_buttons_ui(ui, wb, actions);
            ui.add_space(12.0);
        });
}
