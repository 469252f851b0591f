//! The home screen's workshop box: whose practice workbook this is, the
//! take-home, and a reset to the scenario's start.

use egui::{RichText, Ui};

use super::WorkshopForms;
use crate::app::workshop::view::PracticeInfo;
use crate::app::{Actions, FileChoice, FileKind, WorkshopAction};
use crate::ui::widgets::guidance_ui;

/// Draws the practice workbook's box.
pub fn practice_ui(
    ui: &mut Ui,
    practice: &PracticeInfo,
    forms: &mut WorkshopForms,
    actions: &mut Actions,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let whose = if practice.participant.trim().is_empty() {
            "A practice workbook".to_owned()
        } else {
            format!("{}'s practice workbook", practice.participant.trim())
        };
        ui.label(
            RichText::new(format!("Workshop · {whose} · {}", practice.scenario.agency())).strong(),
        );
        guidance_ui(
            ui,
            "Take home your framework card with the eleven practices on one page; or go back to the scenario's \
             start and build the framework again (your work is kept in a backup).",
        );
        ui.horizontal(|ui| {
            if ui
                .button("Save the take-home…")
                .on_hover_text("A two-page PDF: your framework card, and the eleven practices")
                .clicked()
            {
                actions.push(WorkshopAction::ExportTakeHome(
                    FileChoice::Ask(FileKind::Pdf),
                ));
            }
            if !forms.confirm_reset && ui.button("Reset to the start…").clicked() {
                forms.confirm_reset = true;
            }
        });
        if forms.confirm_reset {
            ui.label(
                RichText::new(
                    "Reset replaces everything in this practice workbook with the scenario's starting data. \
                     Your work is first kept in a backup (see Backups).",
                )
                .color(ui.visuals().warn_fg_color),
            );
            ui.horizontal(|ui| {
                if ui.button("Reset the practice workbook").clicked() {
                    forms.confirm_reset = false;
                    forms.revealed.clear();
                    actions.push(WorkshopAction::ResetPractice);
                }
                if ui.button("Cancel").clicked() {
                    forms.confirm_reset = false;
                }
            });
        }
    });
    ui.add_space(8.0);
}
