//! The "why this matters" panel at the top of each practice's screen: the
//! practice by number and phase, in the project's own words with Behn's
//! talk credited, and a link on to the next practice.

use egui::{RichText, Ui};

use crate::app::Actions;
use crate::app::practice_nav::action_for;
use crate::domain::practices::{CREDIT, PHASES, Practice, practice};

/// Draws the panel for `practice`, its name first.
pub fn practice_panel_ui(ui: &mut Ui, practice: &Practice, actions: &mut Actions) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "Practice {} of 11: {}",
                    practice.number, practice.title
                ))
                .strong(),
            );
            ui.label(RichText::new("·").weak());
            phase_ui(ui, practice);
        });
        why_and_next_ui(ui, practice, actions);
    });
    ui.add_space(6.0);
}

/// Draws the panel for a wizard step, whose heading already names the
/// practice: its phase, why it matters and the link on.
pub fn practice_why_ui(ui: &mut Ui, number: u8, actions: &mut Actions) {
    let Some(practice) = practice(number) else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        phase_ui(ui, practice);
        why_and_next_ui(ui, practice, actions);
    });
    ui.add_space(6.0);
}

fn phase_ui(ui: &mut Ui, practice: &Practice) {
    if let Some(phase) = PHASES.get(practice.phase) {
        ui.label(RichText::new(format!("Phase {}: {}", phase.numeral, phase.title)).weak());
    }
}

fn why_and_next_ui(ui: &mut Ui, practice: &Practice, actions: &mut Actions) {
    egui::CollapsingHeader::new("Why this matters")
        .id_salt(("practice_why", practice.number))
        .show(ui, |ui| {
            ui.label(practice.explanation);
            ui.label(RichText::new(CREDIT).weak().small());
        });
    let next = practice.next();
    let label = if next.number == 1 {
        format!("Start the cycle again: practice 1, {} →", next.short)
    } else {
        format!("Next: practice {}, {} →", next.number, next.short)
    };
    if ui.link(label).on_hover_text(next.title).clicked() {
        actions.push(action_for(next.home()));
    }
}
