//! Step 2: candidate deficits, ranked; the leader picks one and says why.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Action, Actions};
use crate::domain::deficit::{PRIORITY_FORMULA, ranked};
use crate::domain::{Deficit, Score, WizardStep};
use crate::ui::UiState;
use crate::ui::widgets::{guidance_ui, problem_ui, score_ui, text_area_ui, text_field_ui};

/// Draws the deficit step.
pub fn deficits_step_ui(
    ui: &mut Ui,
    wb: &WorkbookView,
    state: &mut UiState,
    actions: &mut Actions,
) {
    let framework = &wb.framework;
    let chosen = framework.choice.chosen;
    let order = ranked(&framework.deficits);
    let selected = state
        .selected_deficit
        .and_then(|id| framework.deficits.iter().find(|d| d.id == id))
        .or_else(|| framework.chosen_deficit())
        .or_else(|| order.first().copied());

    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.label(RichText::new("Candidates, by priority").strong());
        guidance_ui(ui, PRIORITY_FORMULA);
        egui::Grid::new("deficit_ranking")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                ui.label(RichText::new("Rank").weak());
                ui.label(RichText::new("Priority").weak());
                ui.label(RichText::new("Deficit").weak());
                ui.end_row();
                for (rank, d) in order.iter().enumerate() {
                    ui.label(format!("{}", rank + 1));
                    ui.label(format!("{}", d.priority()));
                    let star = if chosen == Some(d.id) { "★ " } else { "" };
                    let is_selected = selected.is_some_and(|s| s.id == d.id);
                    if ui
                        .selectable_label(is_selected, format!("{star}{}", d.display_title()))
                        .on_hover_text(format!(
                            "Harm {} × size {} × feasibility {}",
                            d.harm.get(),
                            d.size.get(),
                            d.feasibility.get()
                        ))
                        .clicked()
                    {
                        state.selected_deficit = Some(d.id);
                    }
                    ui.end_row();
                }
            });
        if framework.deficits.is_empty() {
            guidance_ui(ui, "No candidates yet.");
        }
        if ui.button("+ Add deficit").clicked() {
            actions.push(Action::AddDeficit);
        }

        let ui = &mut cols[1];
        match selected {
            Some(d) => deficit_editor_ui(ui, d, chosen == Some(d.id), actions),
            None => guidance_ui(ui, "Add a candidate deficit to describe and score it."),
        }
    });

    ui.add_space(10.0);
    if let Some(d) = framework.chosen_deficit() {
        ui.label(
            RichText::new(format!(
                "Chosen as the most consequential: {}",
                d.display_title()
            ))
            .strong(),
        );
        if let Some(text) = text_area_ui(
            ui,
            "Why is this the most consequential deficit?",
            &framework.choice.rationale,
            "What harm does it do to the mission, and why tackle it now?",
            3,
            "rationale",
            None,
        ) {
            actions.push(Action::SetDeficitRationale(text));
        }
    }
    if wb.showing_problems(WizardStep::Deficits) {
        for p in &wb.checks.deficits {
            problem_ui(ui, Some(p));
        }
    }
}

/// The editor for one deficit: every change is saved as it is made.
fn deficit_editor_ui(ui: &mut Ui, d: &Deficit, is_chosen: bool, actions: &mut Actions) {
    let mut emit = |change: &dyn Fn(&mut Deficit)| {
        let mut copy = d.clone();
        change(&mut copy);
        actions.push(Action::UpdateDeficit(copy));
    };
    if let Some(t) = text_field_ui(
        ui,
        "Title",
        &d.title,
        "e.g. Potholes wait too long for repair",
        d.id,
        None,
    ) {
        emit(&|c| c.title = t.clone());
    }
    if let Some(t) = text_area_ui(
        ui,
        "Description",
        &d.description,
        "What is failing, and for whom?",
        2,
        d.id,
        None,
    ) {
        emit(&|c| c.description = t.clone());
    }
    if let Some(t) = text_area_ui(
        ui,
        "Evidence",
        &d.evidence,
        "Figures, complaints, an indicator that shows it",
        2,
        d.id,
        None,
    ) {
        emit(&|c| c.evidence = t.clone());
    }
    type SetScore = fn(&mut Deficit, Score);
    let scores: [(&str, Score, SetScore); 3] = [
        ("Harm to the mission", d.harm, |c, s| c.harm = s),
        ("Size of the gap", d.size, |c, s| c.size = s),
        ("Feasibility of closing it", d.feasibility, |c, s| {
            c.feasibility = s
        }),
    ];
    for (label, score, set) in scores {
        if let Some(v) = score_ui(ui, label, score.get(), (label, d.id)) {
            emit(&|c| set(c, Score::clamped(i64::from(v))));
        }
    }
    ui.label(RichText::new(format!("Priority {}", d.priority())).strong());
    ui.horizontal(|ui| {
        if ui.radio(is_chosen, "Most consequential").clicked() && !is_chosen {
            actions.push(Action::ChooseDeficit(d.id));
        }
        if ui.button("Remove deficit").clicked() {
            actions.push(Action::RemoveDeficit(d.id));
        }
    });
}
