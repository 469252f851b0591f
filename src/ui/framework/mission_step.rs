//! Step 1: the agency and its mission.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Action, Actions};
use crate::domain::WizardStep;
use crate::domain::mission::MAX_MISSION_CHARS;
use crate::ui::widgets::{guidance_ui, text_area_ui, text_field_ui};

/// Draws the mission step.
pub fn mission_step_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
    let agency = &wb.framework.agency;
    ui.columns(3, |cols| {
        if let Some(name) = text_field_ui(
            &mut cols[0],
            "Agency name",
            &agency.name,
            "e.g. Riverton Street Services",
            "agency",
            None,
        ) {
            actions.push(Action::SetAgency(crate::domain::Agency {
                name,
                ..agency.clone()
            }));
        }
        if let Some(leader_name) = text_field_ui(
            &mut cols[1],
            "Leader's name",
            &agency.leader_name,
            "e.g. Dana Okafor",
            "agency",
            None,
        ) {
            actions.push(Action::SetAgency(crate::domain::Agency {
                leader_name,
                ..agency.clone()
            }));
        }
        if let Some(leader_title) = text_field_ui(
            &mut cols[2],
            "Leader's title",
            &agency.leader_title,
            "e.g. Director",
            "agency",
            None,
        ) {
            actions.push(Action::SetAgency(crate::domain::Agency {
                leader_title,
                ..agency.clone()
            }));
        }
    });
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
