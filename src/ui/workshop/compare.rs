//! The facilitator's view: several participants' frameworks side by side,
//! one column each, so the room can discuss how missions, deficits and
//! targets differ.

use egui::{RichText, Ui};

use crate::app::workshop::view::ComparisonView;
use crate::app::{Action, Actions, FileChoice, FileKind, Screen, WorkshopAction};
use crate::ops::workshop::ComparisonEntry;
use crate::ui::widgets::guidance_ui;

const COLUMN_WIDTH: f32 = 250.0;

/// How one row reads its cell from a participant's entry.
type ReadCell = fn(&ComparisonEntry) -> String;

/// The rows compared, each with how to read it from an entry.
const ROWS: [(&str, ReadCell); 6] = [
    ("Scenario", |e| {
        e.scenario
            .map(|s| s.agency().to_owned())
            .unwrap_or_else(|| e.framework.agency.display_name().to_owned())
    }),
    ("Mission", |e| {
        e.framework
            .mission
            .as_ref()
            .map(|m| m.statement.trim().to_owned())
            .unwrap_or_else(|| "(not yet written)".into())
    }),
    ("Deficit", |e| {
        e.framework
            .chosen_deficit()
            .map(|d| d.display_title().to_owned())
            .unwrap_or_else(|| "(not yet chosen)".into())
    }),
    ("Why that one", |e| {
        let why = e.framework.choice.rationale.trim();
        if why.is_empty() {
            "—".into()
        } else {
            why.to_owned()
        }
    }),
    ("Target", |e| {
        e.framework
            .target
            .as_ref()
            .map(|t| t.sentence())
            .unwrap_or_else(|| "(not yet set)".into())
    }),
    ("Theory", |e| {
        let steps: Vec<&str> = e
            .framework
            .theory
            .iter()
            .map(|s| s.outcome.trim())
            .filter(|o| !o.is_empty())
            .collect();
        if steps.is_empty() {
            "(not yet written)".into()
        } else {
            steps.join(" → ")
        }
    }),
];

/// Draws the comparison.
pub fn compare_ui(
    ui: &mut Ui,
    comparison: &ComparisonView,
    has_workbook: bool,
    actions: &mut Actions,
) {
    ui.heading("Compare participants' frameworks");
    guidance_ui(
        ui,
        "Add the participants' practice workbooks: pick them, pick a shared folder, or drop the files on this \
         window. They are only read, so participants can keep working; \"Read again\" picks up their latest changes.",
    );
    ui.horizontal(|ui| {
        if ui.button("Add workbooks…").clicked() {
            actions.push(WorkshopAction::CompareAdd(FileChoice::Ask(
                FileKind::Workbooks,
            )));
        }
        if ui.button("Add a folder…").clicked() {
            actions.push(WorkshopAction::CompareAdd(FileChoice::Ask(
                FileKind::Folder,
            )));
        }
        let any = !comparison.entries.is_empty() || !comparison.unreadable.is_empty();
        if ui
            .add_enabled(any, egui::Button::new("Read again"))
            .clicked()
        {
            actions.push(WorkshopAction::CompareRefresh);
        }
        if ui.add_enabled(any, egui::Button::new("Clear")).clicked() {
            actions.push(WorkshopAction::CompareClear);
        }
        if !has_workbook && ui.button("Back to the start").clicked() {
            actions.push(Action::Navigate(Screen::Start));
        }
    });
    for (path, why) in &comparison.unreadable {
        ui.label(
            RichText::new(format!("⚠ {}: {why}", path.display()))
                .color(ui.visuals().error_fg_color),
        );
    }
    ui.separator();
    if comparison.entries.is_empty() {
        ui.label(RichText::new("No participants yet.").weak());
        return;
    }
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("participants_grid")
                .striped(true)
                .spacing([14.0, 10.0])
                .show(ui, |ui| {
                    ui.label("");
                    for entry in &comparison.entries {
                        ui.vertical(|ui| {
                            ui.set_width(COLUMN_WIDTH);
                            ui.label(RichText::new(&entry.participant).strong().size(15.0))
                                .on_hover_text(entry.path.display().to_string());
                            let done = entry.framework.status();
                            ui.label(
                                RichText::new(if done.completed {
                                    "finished".to_owned()
                                } else {
                                    format!("{} of 4 parts", done.parts_done())
                                })
                                .weak()
                                .small(),
                            );
                            if ui.small_button("Remove").clicked() {
                                actions.push(WorkshopAction::CompareRemove(entry.path.clone()));
                            }
                        });
                    }
                    ui.end_row();
                    for (label, read) in ROWS {
                        ui.label(RichText::new(label).strong());
                        for entry in &comparison.entries {
                            ui.vertical(|ui| {
                                ui.set_width(COLUMN_WIDTH);
                                ui.add(egui::Label::new(read(entry)).wrap());
                            });
                        }
                        ui.end_row();
                    }
                });
        });
}
