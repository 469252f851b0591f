//! The start screen's workshop section: pick a scenario, name yourself, get
//! a practice workbook; or, as facilitator, compare participants.

use egui::{RichText, Ui};

use super::WorkshopForms;
use crate::app::{Action, Actions, Command, WorkshopAction};
use crate::sample::Scenario;
use crate::ui::widgets::guidance_ui;

/// Draws the workshop group of the start screen.
pub fn workshop_start_ui(ui: &mut Ui, forms: &mut WorkshopForms, actions: &mut Actions) {
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Workshop").heading());
        guidance_ui(
            ui,
            "Learn the framework by building one. Pick a scenario: you get a practice workbook with the agency's \
             teams and two years of data, and an empty framework to build with the wizard. Each step has an \
             exercise and a model answer to compare with after your attempt.",
        );
        for scenario in Scenario::ALL {
            ui.radio_value(
                &mut forms.scenario,
                scenario,
                RichText::new(scenario.agency()).strong(),
            )
            .on_hover_text(scenario.summary());
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                ui.label(RichText::new(scenario.summary()).weak());
            });
        }
        ui.add_space(4.0);
        let label = ui.label("Your name");
        ui.add(
            egui::TextEdit::singleline(&mut forms.participant)
                .hint_text("e.g. Ana Ruiz")
                .desired_width(360.0),
        )
        .labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui
                .button("Start the exercise")
                .on_hover_text("Make your practice workbook of this scenario and open it in the wizard")
                .clicked()
            {
                actions.push(WorkshopAction::CreatePractice {
                    scenario: forms.scenario,
                    participant: forms.participant.clone(),
                });
            }
            if ui
                .button(Command::CompareParticipants.label())
                .on_hover_text(Command::CompareParticipants.tooltip())
                .clicked()
            {
                actions.push(Action::Run(Command::CompareParticipants));
            }
        });
    });
}
