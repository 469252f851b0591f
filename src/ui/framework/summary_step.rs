//! Step 5: the whole framework on one page, each part with its Edit button.

use egui::{RichText, Ui};

use crate::app::Actions;
use crate::app::view::WorkbookView;
use crate::domain::number::count;
use crate::domain::target::with_unit;
use crate::domain::{Framework, WizardStep};
use crate::ui::widgets::{guidance_ui, part_card_ui, problem_ui};

/// Draws the summary step.
pub fn summary_step_ui(
    ui: &mut Ui,
    wb: &WorkbookView,
    state: &mut crate::ui::UiState,
    actions: &mut Actions,
) {
    let f = &wb.framework;
    let s = wb.status;
    ui.label(RichText::new(f.agency.display_name()).heading());
    if !f.agency.leader_name.trim().is_empty() {
        guidance_ui(
            ui,
            &format!(
                "{}, {}",
                f.agency.leader_name.trim(),
                f.agency.leader_title.trim()
            ),
        );
    }
    part_card_ui(
        ui,
        "Mission",
        s.mission,
        "Edit mission",
        WizardStep::Mission,
        actions,
        |ui| {
            match &f.mission {
                Some(m) => ui.label(RichText::new(&m.statement).italics().size(15.0)),
                None => ui.label("Not yet written."),
            };
        },
    );
    part_card_ui(
        ui,
        "Most consequential deficit",
        s.deficit,
        "Edit deficit",
        WizardStep::Deficits,
        actions,
        |ui| deficit_ui(ui, f),
    );
    part_card_ui(
        ui,
        "Target",
        s.target,
        "Edit target",
        WizardStep::Target,
        actions,
        |ui| target_ui(ui, f),
    );
    part_card_ui(
        ui,
        "Theory",
        s.theory,
        "Edit theory",
        WizardStep::Theory,
        actions,
        |ui| theory_ui(ui, f),
    );
    if s.mission {
        ui.add_space(8.0);
        ui.label(RichText::new("Take it home").strong());
        crate::ui::recognition::framework_documents_ui(
            ui,
            &mut state.recognition.document_path,
            actions,
        );
    }
    if !wb.checks.step_ok(WizardStep::Summary) && wb.showing_problems(WizardStep::Summary) {
        problem_ui(
            ui,
            Some("Finish every part before completing the framework."),
        );
    }
}

/// The chosen deficit with its evidence and why it was chosen.
fn deficit_ui(ui: &mut Ui, f: &Framework) {
    let Some(d) = f.chosen_deficit() else {
        ui.label("None chosen yet.");
        return;
    };
    ui.label(RichText::new(d.display_title()).strong());
    if !d.evidence.trim().is_empty() {
        ui.label(format!("Evidence: {}", d.evidence.trim()));
    }
    if !f.choice.rationale.trim().is_empty() {
        ui.label(format!("Why this one: {}", f.choice.rationale.trim()));
    }
    ui.label(
        RichText::new(format!(
            "Chosen from {}; priority {}.",
            count(f.deficits.len() as u64, "candidate", "candidates"),
            d.priority()
        ))
        .weak(),
    );
}

/// The target's sentence and its particulars.
fn target_ui(ui: &mut Ui, f: &Framework) {
    let Some(t) = &f.target else {
        ui.label("Not yet set.");
        return;
    };
    ui.label(RichText::new(t.sentence()).strong());
    ui.label(format!(
        "{} · reported {} · baseline {} on {}",
        t.direction.label(),
        t.frequency.label().to_lowercase(),
        with_unit(t.baseline_value, &t.unit),
        t.baseline_date.format("%-d %b %Y")
    ));
}

/// The theory's outcomes in order, each with what measures it and its assumption.
fn theory_ui(ui: &mut Ui, f: &Framework) {
    if f.theory.is_empty() {
        ui.label("No outcomes yet.");
    }
    for (i, step) in f.theory.iter().enumerate() {
        let measured = if step.measured_by.trim().is_empty() {
            String::new()
        } else {
            format!(" [{}]", step.measured_by.trim())
        };
        ui.label(RichText::new(format!("{}. {}{measured}", i + 1, step.outcome.trim())).strong());
        if !step.assumption.trim().is_empty() {
            ui.label(format!("    {}", step.assumption.trim()));
        }
    }
    ui.label(RichText::new("… which advances the mission.").weak());
}
