//! Step 1: the agency and its mission.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Action, Actions};
use crate::domain::mission::MAX_MISSION_CHARS;
use crate::domain::{Agency, WizardStep};
use crate::ui::widgets::{guidance_ui, text_area_ui, text_field_ui};

/// A field of the agency: its label, hint and place.
type AgencyText = (&'static str, &'static str, fn(&mut Agency) -> &mut String);

/// The agency's three fields, side by side.
const AGENCY: [AgencyText; 3] = [
    ("Agency name", "e.g. Riverton Street Services", |a| {
        &mut a.name
    }),
    ("Leader's name", "e.g. Dana Okafor", |a| &mut a.leader_name),
    ("Leader's title", "e.g. Director", |a| &mut a.leader_title),
];

/// Draws the mission step.
pub fn mission_step_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
    let agency = &wb.framework.agency;
    let mut next = agency.clone();
    ui.columns(3, |cols| {
        for ((label, hint, place), col) in AGENCY.iter().zip(cols.iter_mut()) {
            let text = place(&mut next);
            if let Some(v) = text_field_ui(col, label, text, hint, "agency", None) {
                *text = v;
            }
        }
    });
    if next != *agency {
        actions.push(Action::SetAgency(next));
    }
    ui.add_space(8.0);

    let draft = &wb.draft;
    let show = wb.showing_problems(WizardStep::Mission);
    let problem = if show {
        wb.checks.mission.as_ref().err().map(String::as_str)
    } else {
        None
    };
    if let Some(text) = text_area_ui(
        ui,
        "Mission statement",
        &draft.mission,
        "What is the agency trying to accomplish, and for whom?",
        4,
        "mission",
        problem,
    ) {
        actions.push(Action::EditDraft(crate::domain::WizardDraft {
            mission: text,
            ..draft.clone()
        }));
    }
    let chars = draft.mission.trim().chars().count();
    ui.label(
        RichText::new(format!("{chars} / {MAX_MISSION_CHARS} characters"))
            .weak()
            .small(),
    );

    let current = wb.framework.mission.as_ref();
    let changed = current.is_some_and(|m| m.statement != draft.mission.trim());
    if changed {
        ui.add_space(6.0);
        if let Some(reason) = text_field_ui(
            ui,
            "Why is the mission changing? (optional)",
            &draft.mission_reason,
            "e.g. The old mission listed activities, not results",
            "mission_reason",
            None,
        ) {
            actions.push(Action::EditDraft(crate::domain::WizardDraft {
                mission_reason: reason,
                ..draft.clone()
            }));
        }
        guidance_ui(
            ui,
            "Saving keeps the earlier version with its date, so the history of the mission is never lost.",
        );
    }
    if let Some(m) = current {
        let when = m.saved_at.with_timezone(&chrono::Local).format("%-d %b %Y");
        ui.label(
            RichText::new(format!("The saved mission has been in force since {when}."))
                .weak()
                .small(),
        );
    }
    history_ui(ui, wb);
}

/// The mission's earlier versions, each with why it was replaced.
fn history_ui(ui: &mut Ui, wb: &WorkbookView) {
    let earlier = wb.mission_history.get(1..).unwrap_or_default();
    if !earlier.is_empty() {
        egui::CollapsingHeader::new(format!("Earlier versions ({})", earlier.len()))
            .id_salt("mission_history")
            .show(ui, |ui| {
                for (version, replaced_by) in earlier.iter().zip(&wb.mission_history) {
                    let when = version
                        .saved_at
                        .with_timezone(&chrono::Local)
                        .format("%-d %b %Y %H:%M");
                    ui.label(RichText::new(format!("{when}: {}", version.statement)).italics());
                    if !replaced_by.reason.is_empty() {
                        ui.label(
                            RichText::new(format!("    replaced because: {}", replaced_by.reason))
                                .weak(),
                        );
                    }
                }
            });
    }
}
