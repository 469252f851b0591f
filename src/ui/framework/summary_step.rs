//! Step 5: the whole framework on one page, each part with its Edit button.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Action, Actions};
use crate::domain::WizardStep;
use crate::domain::target::with_unit;
use crate::ui::theme;
use crate::ui::widgets::{guidance_ui, problem_ui};

fn section_ui(
    ui: &mut Ui,
    title: &str,
    done: bool,
    edit: (&str, WizardStep),
    actions: &mut Actions,
    body: impl FnOnce(&mut Ui),
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let mark = if done {
                RichText::new("✔").color(theme::done_color(ui.visuals()))
            } else {
                RichText::new("○ unfinished").color(ui.visuals().warn_fg_color)
            };
            ui.label(RichText::new(title).strong().size(16.0));
            ui.label(mark);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(edit.0).clicked() {
                    actions.push(Action::GoToStep(edit.1));
                }
            });
        });
        body(ui);
    });
    ui.add_space(6.0);
}

/// Draws the summary step.
pub fn summary_step_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
    let f = &wb.framework;
    let s = wb.status;
    ui.label(RichText::new(f.agency.display_name()).heading());
    if !f.agency.leader_name.trim().is_empty() {
        guidance_ui(ui, &format!("{}, {}", f.agency.leader_name.trim(), f.agency.leader_title.trim()));
    }
    section_ui(ui, "Mission", s.mission, ("Edit mission", WizardStep::Mission), actions, |ui| {
        match &f.mission {
            Some(m) => ui.label(RichText::new(&m.statement).italics().size(15.0)),
            None => ui.label("Not yet written."),
        };
    });
    section_ui(ui, "Most consequential deficit", s.deficit, ("Edit deficit", WizardStep::Deficits), actions, |ui| {
        match f.chosen_deficit() {
            Some(d) => {
                ui.label(RichText::new(d.display_title()).strong());
                if !d.evidence.trim().is_empty() {
                    ui.label(format!("Evidence: {}", d.evidence.trim()));
                }
                if !f.choice.rationale.trim().is_empty() {
                    ui.label(format!("Why this one: {}", f.choice.rationale.trim()));
                }
                ui.label(RichText::new(format!("Chosen from {} candidates; priority {}.", f.deficits.len(), d.priority())).weak());
            }
            None => {
                ui.label("None chosen yet.");
            }
        }
    });
    section_ui(ui, "Target", s.target, ("Edit target", WizardStep::Target), actions, |ui| {
        match &f.target {
            Some(t) => {
                ui.label(RichText::new(t.sentence()).strong());
                ui.label(format!(
                    "{} · reported {} · baseline {} on {}",
                    t.direction.label(),
                    t.frequency.label().to_lowercase(),
                    with_unit(t.baseline_value, &t.unit),
                    t.baseline_date.format("%-d %b %Y")
                ));
            }
            None => {
                ui.label("Not yet set.");
            }
        }
    });
    section_ui(ui, "Theory", s.theory, ("Edit theory", WizardStep::Theory), actions, |ui| {
        if f.theory.is_empty() {
            ui.label("No outcomes yet.");
        }
        for (i, step) in f.theory.iter().enumerate() {
            let measured = if step.measured_by.trim().is_empty() { String::new() } else { format!(" [{}]", step.measured_by.trim()) };
            ui.label(RichText::new(format!("{}. {}{measured}", i + 1, step.outcome.trim())).strong());
            if !step.assumption.trim().is_empty() {
                ui.label(format!("    {}", step.assumption.trim()));
            }
        }
        ui.label(RichText::new("… which advances the mission.").weak());
    });
    if !wb.checks.step_ok(WizardStep::Summary) && wb.showing_problems(WizardStep::Summary) {
        problem_ui(ui, Some("Finish every part before completing the framework."));
    }
}
