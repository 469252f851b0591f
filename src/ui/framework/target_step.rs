//! Step 3: a specific target, validated as it is typed.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Action, Actions};
use crate::domain::number::format_rounded;
use crate::domain::{Direction, Frequency, TargetDraft, TargetField, WizardDraft, WizardStep};
use crate::ui::widgets::{advice_ui, problem_ui, text_field_ui};

/// A text field of the draft target: its field, label, hint and place.
type DraftText = (
    TargetField,
    &'static str,
    &'static str,
    fn(&mut TargetDraft) -> &mut String,
);

/// The left column's text fields (what is measured).
const MEASURE: [DraftText; 2] = [
    (
        TargetField::IndicatorName,
        "Indicator",
        "e.g. Potholes repaired within 48 hours",
        |t| &mut t.indicator_name,
    ),
    (TargetField::Unit, "Unit", "e.g. %, days, cases", |t| {
        &mut t.unit
    }),
];

/// The right column's text fields (from where, to where, by when).
const AMOUNTS: [DraftText; 4] = [
    (
        TargetField::BaselineValue,
        "Baseline value",
        "Where it stands now, e.g. 41",
        |t| &mut t.baseline_value,
    ),
    (
        TargetField::BaselineDate,
        "Baseline date",
        "YYYY-MM-DD",
        |t| &mut t.baseline_date,
    ),
    (
        TargetField::TargetValue,
        "Target value",
        "Where it must get to, e.g. 90",
        |t| &mut t.target_value,
    ),
    (TargetField::Deadline, "Deadline", "YYYY-MM-DD", |t| {
        &mut t.deadline
    }),
];

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
    // Every edit of this frame lands in one copy, sent once.
    let mut next = draft.clone();
    let fields_ui = |ui: &mut Ui, next: &mut TargetDraft, fields: &[DraftText]| {
        for (field, label, hint, place) in fields {
            let text = place(next);
            let message = problem(*field, !text.is_empty());
            if let Some(v) = text_field_ui(ui, label, text, hint, "target", message) {
                *text = v;
            }
        }
    };
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        fields_ui(ui, &mut next, &MEASURE);
        ui.label(RichText::new("Which way is better?").strong());
        ui.horizontal(|ui| {
            for d in Direction::FOR_TARGETS {
                if ui.radio(draft.direction == Some(d), d.label()).clicked() {
                    next.direction = Some(d);
                }
            }
        });
        problem_ui(ui, problem(TargetField::Direction, false));
        ui.label(RichText::new("How often is it reported?").strong());
        ui.horizontal(|ui| {
            for f in Frequency::FOR_TARGETS {
                if ui.radio(draft.frequency == Some(f), f.label()).clicked() {
                    next.frequency = Some(f);
                }
            }
        });
        problem_ui(ui, problem(TargetField::Frequency, false));
        fields_ui(&mut cols[1], &mut next, &AMOUNTS);
    });
    if next != *draft {
        actions.push(Action::EditDraft(WizardDraft {
            target: next,
            ..wb.draft.clone()
        }));
    }

    ui.add_space(8.0);
    pace_ui(ui, wb);
    feasibility_ui(ui, wb);
}

/// The pace the target implies and its sentence, once it reads.
fn pace_ui(ui: &mut Ui, wb: &WorkbookView) {
    let (Ok(target), Some(pace)) = (&wb.checks.target, &wb.checks.pace) else {
        return;
    };
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

/// The saved target against what the current process does (practice 10).
fn feasibility_ui(ui: &mut Ui, wb: &WorkbookView) {
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
