//! Step 4: the chain from target to mission, edited beside its diagram.

use egui::{RichText, Ui};

use super::theory_diagram::theory_diagram_ui;
use crate::app::view::WorkbookView;
use crate::app::{Action, Actions};
use crate::domain::{TheoryStep, WizardStep};
use crate::ui::UiState;
use crate::ui::widgets::{guidance_ui, problem_ui, text_area_ui, text_field_ui};

/// Draws the theory step.
pub fn theory_step_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    let steps = &wb.framework.theory;
    let selected_index = state
        .selected_step
        .and_then(|id| steps.iter().position(|s| s.id == id))
        .or(if steps.is_empty() { None } else { Some(0) });

    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        match selected_index {
            Some(i) => step_editor_ui(ui, wb, i, actions),
            None => guidance_ui(
                ui,
                "Add the first outcome that meeting the target would bring about.",
            ),
        }
        ui.add_space(6.0);
        if ui
            .button("+ Add outcome")
            .on_hover_text("Add an outcome nearer the mission")
            .clicked()
        {
            actions.push(Action::AddTheoryStep);
        }

        let ui = &mut cols[1];
        ui.label(RichText::new("The chain").strong());
        let target_text = wb
            .framework
            .target
            .as_ref()
            .map(|t| format!("Target: {}", t.sentence()))
            .unwrap_or_else(|| "Target: (set in step 3)".to_owned());
        let mission_text = wb
            .framework
            .mission
            .as_ref()
            .map(|m| format!("Mission: {}", m.statement))
            .unwrap_or_else(|| "Mission: (written in step 1)".to_owned());
        let selected_id = selected_index.map(|i| steps[i].id);
        if let Some(clicked) =
            theory_diagram_ui(ui, &target_text, steps, &mission_text, selected_id)
        {
            state.selected_step = Some(clicked);
        }
    });
    if wb.showing_problems(WizardStep::Theory) {
        for p in &wb.checks.theory {
            problem_ui(ui, Some(p));
        }
    }
}

fn step_editor_ui(ui: &mut Ui, wb: &WorkbookView, index: usize, actions: &mut Actions) {
    let steps = &wb.framework.theory;
    let step = &steps[index];
    let from = if index == 0 {
        "the target".to_owned()
    } else {
        format!("outcome {}", index)
    };
    let last = index + 1 == steps.len();
    let heading = if last {
        format!(
            "Outcome {} of {} (the mission-level outcome)",
            index + 1,
            steps.len()
        )
    } else {
        format!("Outcome {} of {}", index + 1, steps.len())
    };
    ui.label(RichText::new(heading).strong());
    let mut emit = |change: &dyn Fn(&mut TheoryStep)| {
        let mut copy = step.clone();
        change(&mut copy);
        actions.push(Action::UpdateTheoryStep(copy));
    };
    if let Some(v) = text_field_ui(
        ui,
        "Outcome",
        &step.outcome,
        "e.g. Fewer potholes left open",
        step.id,
        None,
    ) {
        emit(&|s| s.outcome = v.clone());
    }
    if let Some(v) = text_field_ui(
        ui,
        "Measured by (indicator)",
        &step.measured_by,
        "e.g. Open pothole reports",
        step.id,
        None,
    ) {
        emit(&|s| s.measured_by = v.clone());
    }
    if let Some(v) = text_area_ui(
        ui,
        &format!("Because … (the assumption linking {from} to this outcome)"),
        &step.assumption,
        "because a hole repaired within two days does not grow",
        2,
        step.id,
        None,
    ) {
        emit(&|s| s.assumption = v.clone());
    }
    if let Some(v) = text_area_ui(
        ui,
        "Evidence for the assumption",
        &step.evidence,
        "Studies, pilots, data",
        2,
        step.id,
        None,
    ) {
        emit(&|s| s.evidence = v.clone());
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("↑ Move up"))
            .on_hover_text("Move toward the target")
            .clicked()
        {
            actions.push(Action::MoveTheoryStep {
                id: step.id,
                toward_target: true,
            });
        }
        if ui
            .add_enabled(!last, egui::Button::new("↓ Move down"))
            .on_hover_text("Move toward the mission")
            .clicked()
        {
            actions.push(Action::MoveTheoryStep {
                id: step.id,
                toward_target: false,
            });
        }
        if ui.button("Remove outcome").clicked() {
            actions.push(Action::RemoveTheoryStep(step.id));
        }
    });
}
