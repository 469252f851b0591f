//! Step 3: a specific target, validated as it is typed.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Action, Actions};
use crate::domain::number::format_rounded;
use crate::domain::{Direction, Frequency, TargetDraft, TargetField, WizardDraft, WizardStep};
use crate::ui::widgets::{advice_ui, problem_ui, text_field_ui};

/// Draws the target step.
pub fn target_step_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
    let draft = &wb.draft.target;
    let show_all = wb.showing_problems(WizardStep::Target);
    // A field's problem shows once it has been typed in, or after Next was refused.
    let problem = |field: TargetField, typed: bool| -> Option<&str> {
        if show_all || typed {
            wb.checks.target_error(field)
        } else {
            None
        }
    };
    let mut emit = |change: &dyn Fn(&mut TargetDraft)| {
        let mut target = draft.clone();
        change(&mut target);
        actions.push(Action::EditDraft(WizardDraft {
            target,
            ..wb.draft.clone()
        }));
    };

    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        if let Some(v) = text_field_ui(
            ui,
            "Indicator",
            &draft.indicator_name,
            "e.g. Potholes repaired within 48 hours",
            "target",
            problem(TargetField::IndicatorName, !draft.indicator_name.is_empty()),
        ) {
            emit(&|t| t.indicator_name = v.clone());
        }
        if let Some(v) = text_field_ui(
            ui,
            "Unit",
            &draft.unit,
            "e.g. %, days, cases",
            "target",
            problem(TargetField::Unit, !draft.unit.is_empty()),
        ) {
            emit(&|t| t.unit = v.clone());
        }
        ui.label(RichText::new("Which way is better?").strong());
        ui.horizontal(|ui| {
            for d in Direction::FOR_TARGETS {
                if ui.radio(draft.direction == Some(d), d.label()).clicked() {
                    emit(&|t| t.direction = Some(d));
                }
            }
        });
        problem_ui(ui, problem(TargetField::Direction, false));
        ui.label(RichText::new("How often is it reported?").strong());
        ui.horizontal(|ui| {
            for f in Frequency::FOR_TARGETS {
                if ui.radio(draft.frequency == Some(f), f.label()).clicked() {
                    emit(&|t| t.frequency = Some(f));
                }
            }
        });
        problem_ui(ui, problem(TargetField::Frequency, false));

        let ui = &mut cols[1];
        if let Some(v) = text_field_ui(
            ui,
            "Baseline value",
            &draft.baseline_value,
            "Where it stands now, e.g. 41",
            "target",
            problem(TargetField::BaselineValue, !draft.baseline_value.is_empty()),
        ) {
            emit(&|t| t.baseline_value = v.clone());
        }
        if let Some(v) = text_field_ui(
            ui,
            "Baseline date",
            &draft.baseline_date,
            "YYYY-MM-DD",
            "target",
            problem(TargetField::BaselineDate, !draft.baseline_date.is_empty()),
        ) {
            emit(&|t| t.baseline_date = v.clone());
        }
        if let Some(v) = text_field_ui(
            ui,
            "Target value",
            &draft.target_value,
            "Where it must get to, e.g. 90",
            "target",
            problem(TargetField::TargetValue, !draft.target_value.is_empty()),
        ) {
            emit(&|t| t.target_value = v.clone());
        }
        if let Some(v) = text_field_ui(
            ui,
            "Deadline",
            &draft.deadline,
            "YYYY-MM-DD",
            "target",
            problem(TargetField::Deadline, !draft.deadline.is_empty()),
        ) {
            emit(&|t| t.deadline = v.clone());
        }
    });

    ui.add_space(8.0);
    if let (Ok(target), Some(pace)) = (&wb.checks.target, &wb.checks.pace) {
        let unit = if target.unit.trim() == "%" {
            "percentage points".to_owned()
        } else {
            target.unit.trim().to_owned()
        };
        let noun = target.frequency.noun();
        let sign = if pace.change_per_period >= 0.0 {
            "+"
        } else {
            ""
        };
        let mut text = format!(
            "Implied pace: {sign}{} {unit} per {noun}, over {} {noun}s.",
            format_rounded(pace.change_per_period),
            pace.periods
        );
        if let (Some(total), Some(per)) = (pace.percent_total, pace.percent_per_period) {
            let s = if total >= 0.0 { "+" } else { "" };
            text.push_str(&format!(
                " That is {s}{}% of the baseline in total, {s}{}% per {noun}.",
                format_rounded(total),
                format_rounded(per)
            ));
        }
        ui.label(RichText::new(text).strong());
        ui.label(RichText::new(target.sentence()).italics());
        for w in &wb.checks.target_warnings {
            advice_ui(ui, w);
        }
    }
    // The saved target against what the current process does (practice 10).
    ui.add_space(6.0);
    ui.label(RichText::new("Within reach of the current process?").strong());
    match &wb.feasibility {
        Some(f) => advice_ui(ui, f),
        None => {
            ui.label(
                RichText::new(
                    "Once the target is saved and its indicator has values, this says whether the target lies \
                     within the natural process limits of the median team (met and missed by chance) or beyond \
                     them (the process itself must change).",
                )
                .weak(),
            );
        }
    }
}
