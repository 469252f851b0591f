//! The wall of recognition (practice 8: esteem opportunities): who was
//! recognised for what, grouped by team, so peers can see it.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::domain::number::count;
use crate::ui::widgets::guidance_ui;

/// Draws the wall.
pub fn wall_ui(ui: &mut Ui, wb: &WorkbookView) {
    egui::ScrollArea::vertical()
        .id_salt("wall")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Wall of recognition");
            guidance_ui(
                ui,
                "Every certificate given is kept here, by team, so everyone can see who \
                 was recognised and for what. Show it at the start of a stat meeting.",
            );
            let Some(wall) = wb.wall.as_ref() else {
                return;
            };
            if wall.groups.is_empty() {
                guidance_ui(
                    ui,
                    "No recognition yet. Open Wins and choose Recognise… on a win.",
                );
                return;
            }
            ui.label(count(wall.total as u64, "recognition", "recognitions"));
            for (team, entries) in &wall.groups {
                ui.add_space(8.0);
                ui.label(
                    RichText::new(format!("{team} ({})", entries.len()))
                        .strong()
                        .size(16.0),
                );
                for e in entries {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(
                            RichText::new(format!("★ {} — {}", e.recipients, e.date)).strong(),
                        );
                        ui.label(&e.achievement);
                        let signed = if e.signer.is_empty() {
                            String::new()
                        } else {
                            format!("Signed by {}. ", e.signer)
                        };
                        ui.label(
                            RichText::new(format!("{signed}{}", e.files.join(", ")))
                                .weak()
                                .small(),
                        );
                    });
                }
            }
        });
}
