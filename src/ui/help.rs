//! Help dialogs: the eleven practices and About.

use egui::{Id, RichText};

use crate::app::{Action, Actions, AppView, Dialog};
use crate::domain::practices::{CREDIT, PHASES, PRACTICES};

/// Shows the open dialog, if any. Close sits in the title row, so it never
/// scrolls away; Escape and a click outside also close.
pub fn dialogs_ui(ctx: &egui::Context, view: &AppView, actions: &mut Actions) {
    let Some(dialog) = view.dialog else { return };
    let modal = egui::Modal::new(Id::unique(("ratchet_dialog", dialog))).show(ctx, |ui| {
        ui.set_max_width(640.0);
        let title = match dialog {
            Dialog::Practices => "The eleven better practices",
            Dialog::About => "About Ratchet",
        };
        let mut close = false;
        ui.horizontal(|ui| {
            ui.heading(title);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                close = ui.button("Close").clicked();
            });
        });
        ui.separator();
        match dialog {
            Dialog::Practices => practices_ui(ui),
            Dialog::About => about_ui(ui),
        }
        close
    });
    if modal.inner || modal.should_close() {
        actions.push(Action::CloseDialog);
    }
}

fn practices_ui(ui: &mut egui::Ui) {
    ui.label(RichText::new(CREDIT).weak().small());
    egui::ScrollArea::vertical()
        .max_height(520.0)
        .show(ui, |ui| {
            for (i, phase) in PHASES.iter().enumerate() {
                ui.add_space(8.0);
                ui.label(
                    RichText::new(format!(
                        "{}. {} — {}",
                        phase.numeral, phase.title, phase.question
                    ))
                    .strong()
                    .size(16.0),
                );
                for p in PRACTICES.iter().filter(|p| p.phase == i) {
                    ui.add_space(4.0);
                    ui.label(RichText::new(format!("{}. {}", p.number, p.title)).strong());
                    ui.label(p.explanation);
                }
            }
        });
}

fn about_ui(ui: &mut egui::Ui) {
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.label("A desktop workbench for performance leadership in public agencies.");
    ui.add_space(6.0);
    ui.label(RichText::new(CREDIT).weak());
    ui.label("Workbooks are single files on this computer; Ratchet never uses the network.");
}
