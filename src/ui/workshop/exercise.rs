//! A wizard step's workshop exercise: the scenario's prompt, and the model
//! answer once the participant has made an attempt.

use egui::{RichText, Ui};

use super::WorkshopForms;
use crate::app::view::WorkbookView;
use crate::app::workshop::view::{PracticeInfo, attempted};

/// Draws the exercise for the wizard's current step.
pub fn exercise_ui(
    ui: &mut Ui,
    wb: &WorkbookView,
    practice: &PracticeInfo,
    forms: &mut WorkshopForms,
) {
    let step = wb.draft.step;
    let exercise = practice.scenario.exercise(step);
    let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.25);
    egui::Frame::group(ui.style()).fill(fill).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(format!(
                "Workshop exercise · {}",
                practice.scenario.agency()
            ))
            .strong(),
        );
        ui.label(exercise.prompt);
        let shown = forms.revealed.contains(&step);
        let may_show = attempted(step, wb);
        if shown && may_show {
            ui.add_space(4.0);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new("A model answer").italics().strong());
                ui.label(RichText::new(exercise.model_answer).italics());
                ui.label(
                    RichText::new(
                        "One good answer, not the only one: where yours differs, can you say why?",
                    )
                    .weak()
                    .small(),
                );
            });
            if ui.button("Hide the model answer").clicked() {
                forms.revealed.retain(|s| *s != step);
            }
        } else {
            let button = ui
                .add_enabled(may_show, egui::Button::new("Compare with the model answer"))
                .on_disabled_hover_text(
                    "Make your own attempt first: the answer is for comparing, not copying.",
                );
            if button.clicked() {
                forms.revealed.push(step);
            }
            if !may_show {
                ui.label(
                    RichText::new("The model answer opens once you have made your attempt.")
                        .weak()
                        .small(),
                );
            }
        }
    });
    ui.add_space(8.0);
}
