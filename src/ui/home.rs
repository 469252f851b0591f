//! The home screen: where the leader stands and what comes next.

use egui::{RichText, Ui};

use super::widgets::{guidance_ui, part_card_ui};
use crate::app::view::WorkbookView;
use crate::app::{Action, Actions};
use crate::domain::WizardStep;
use crate::domain::number::count;
use crate::domain::practices::PRACTICES;
use crate::domain::target::with_unit;

/// The width from which the cockpit and the framework stand side by side.
const WIDE: f32 = 900.0;

/// Draws the home screen.
pub fn home_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut super::UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("home_scroll")
        .show(ui, |ui| {
            let complete = wb.status.completed;
            let widest = if complete { 1400.0 } else { 820.0 };
            ui.set_max_width(ui.available_width().min(widest));
            ui.heading(wb.framework.agency.display_name());
            ui.add_space(6.0);
            if let Some(practice) = &wb.practice {
                super::workshop::practice::practice_ui(ui, practice, &mut state.workshop, actions);
            }
            if !complete {
                framework_checklist_ui(ui, wb, state, actions);
            } else if ui.available_width() >= WIDE {
                // The framework is set: how the agency is doing comes
                // first, the framework beside it.
                ui.columns(2, |columns| {
                    super::cockpit::cockpit_ui(&mut columns[0], wb.cockpit.as_ref(), actions);
                    framework_checklist_ui(&mut columns[1], wb, state, actions);
                });
            } else {
                super::cockpit::cockpit_ui(ui, wb.cockpit.as_ref(), actions);
                ui.add_space(12.0);
                ui.separator();
                framework_checklist_ui(ui, wb, state, actions);
            }
            ui.add_space(16.0);
            ui.separator();
            ui.label(RichText::new("In this workbook").strong());
            ui.label(match &wb.counts {
                Some(counts) => format!(
                    "{} · {} · {}",
                    count(counts.teams, "team", "teams"),
                    count(counts.indicators, "indicator", "indicators"),
                    count(counts.measurements, "measurement", "measurements")
                ),
                None => "Checking the workbook and counting its values…".to_owned(),
            });
            if let Some(t) = &wb.framework.target {
                guidance_ui(
                    ui,
                    &format!(
                        "Target indicator: {} (baseline {} on {}).",
                        t.indicator_name,
                        with_unit(t.baseline_value, &t.unit),
                        t.baseline_date.format("%-d %b %Y")
                    ),
                );
            }
        });
}

/// The framework's four parts, what comes next, and its documents.
fn framework_checklist_ui(
    ui: &mut Ui,
    wb: &WorkbookView,
    state: &mut super::UiState,
    actions: &mut Actions,
) {
    let status = wb.status;
    let headline = if status.completed {
        let when = wb
            .framework
            .completed_at
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%-d %B %Y")
                    .to_string()
            })
            .unwrap_or_default();
        format!("Your performance framework is complete (finished {when}).")
    } else {
        format!(
            "Your performance framework: {} of 4 parts done.",
            status.parts_done()
        )
    };
    ui.label(RichText::new(headline).size(18.0));
    ui.add_space(8.0);

    let parts = [
        (
            WizardStep::Mission,
            status.mission,
            wb.framework.mission.as_ref().map(|m| m.statement.clone()),
        ),
        (
            WizardStep::Deficits,
            status.deficit,
            wb.framework
                .chosen_deficit()
                .map(|d| d.display_title().to_owned()),
        ),
        (
            WizardStep::Target,
            status.target,
            wb.framework.target.as_ref().map(|t| t.sentence()),
        ),
        (
            WizardStep::Theory,
            status.theory,
            (!wb.framework.theory.is_empty()).then(|| {
                let outcomes: Vec<&str> = wb
                    .framework
                    .theory
                    .iter()
                    .map(|s| s.outcome.trim())
                    .collect();
                format!("Target → {} → mission", outcomes.join(" → "))
            }),
        ),
    ];
    for ((step, done, text), practice) in parts.into_iter().zip(PRACTICES.iter()) {
        let title = format!("{}. {}", practice.number, practice.title);
        let button = format!("Open {}", step.title().to_lowercase());
        part_card_ui(ui, &title, done, &button, step, actions, |ui| {
            ui.label(text.unwrap_or_else(|| "Not yet written.".into()));
        });
    }
    ui.add_space(12.0);

    let next = [
        (status.mission, WizardStep::Mission),
        (status.deficit, WizardStep::Deficits),
        (status.target, WizardStep::Target),
        (status.theory, WizardStep::Theory),
        (status.completed, WizardStep::Summary),
    ]
    .into_iter()
    .find(|(done, _)| !done)
    .map(|(_, step)| step);
    match next {
        Some(step) => {
            if ui
                .button(RichText::new(format!("Continue: {} →", step.title())).size(16.0))
                .clicked()
            {
                actions.push(Action::GoToStep(step));
            }
        }
        None => {
            if ui.button("Review the framework").clicked() {
                actions.push(Action::GoToStep(WizardStep::Summary));
            }
        }
    }

    if status.mission {
        ui.add_space(12.0);
        ui.label(RichText::new("Proclaim it").strong())
            .on_hover_text("Practice 1: articulate the mission clearly and frequently");
        super::recognition::framework_documents_ui(
            ui,
            &mut state.recognition.document_path,
            actions,
        );
    }
}
