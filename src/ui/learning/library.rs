//! The indicator library (practice 10): every indicator with its kind,
//! frequency, latest values, where teams stand, and its observations.

use egui::{RichText, Ui};

use crate::app::view::WorkbookView;
use crate::app::{Actions, MonitorAction};
use crate::ui::widgets::guidance_ui;

/// Draws the library.
pub fn library_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("library")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Indicator library");
            guidance_ui(
                ui,
                "Every indicator the workbook tracks, quantitative and \
                 qualitative: what it measures, where the teams stand, and what people have observed about it.",
            );
            let Some(lib) = wb.library.as_ref() else { return };
            if lib.rows.is_empty() {
                guidance_ui(ui, "No indicators yet: add them under Teams and indicators.");
                return;
            }
            for row in &lib.rows {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(&row.name).strong().size(15.0));
                        ui.label(RichText::new(&row.about).weak());
                        if row.is_amount {
                            ui.label(RichText::new("amounts").small());
                        }
                    });
                    if !row.description.trim().is_empty() {
                        ui.label(&row.description);
                    }
                    ui.label(&row.latest);
                    if !row.statuses.is_empty() {
                        let words: Vec<String> = row
                            .statuses
                            .iter()
                            .map(|(s, n)| format!("{} {} {n}", s.symbol(), s.label()))
                            .collect();
                        ui.label(RichText::new(words.join(" · ")).small());
                    }
                    ui.horizontal(|ui| {
                        if ui.small_button("Progress").clicked() {
                            actions.push(MonitorAction::ShowProgress(row.id));
                        }
                        if ui.small_button("Small multiples").clicked() {
                            actions.push(MonitorAction::ShowMultiples(
                                crate::app::monitor::view::MultiplesMode::Teams(row.id),
                            ));
                        }
                    });
                    if !row.observations.is_empty() {
                        egui::CollapsingHeader::new(format!("Observations ({})", row.observations.len()))
                            .id_salt(("obs", row.id))
                            .show(ui, |ui| {
                                for o in &row.observations {
                                    let tags = if o.tags.is_empty() { String::new() } else { format!(" [{}]", o.tags.join(", ")) };
                                    ui.label(RichText::new(format!("{} · {}{tags}", o.observed_on.format("%-d %b %Y"), o.source)).weak().small());
                                    ui.label(&o.text);
                                }
                            });
                    }
                });
            }
        });
}
