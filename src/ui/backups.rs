//! The backups screen: the workbook's automatic backups, each checked,
//! backing up now, and restoring one — also when the workbook is damaged
//! and would not open.

use egui::{RichText, Ui};

use super::widgets::guidance_ui;
use crate::app::view::BackupsView;
use crate::app::{Action, Actions};

/// Draws the backups screen.
pub fn backups_ui(
    ui: &mut Ui,
    view: Option<&BackupsView>,
    workbook_open: bool,
    confirm: &mut Option<std::path::PathBuf>,
    actions: &mut Actions,
) {
    ui.heading("Backups");
    guidance_ui(
        ui,
        "Ratchet backs up each workbook when it is opened (once a day), before every import, format upgrade and restore, \
         and keeps the last ten plus one a month for a year. Restoring first backs up the workbook as it is now.",
    );
    let Some(view) = view else { return };
    if let Some(why) = &view.damaged {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!(
                "{} is damaged ({why}). Nothing was written to it.",
                view.workbook.display()
            ),
        );
        match view.backups.iter().find(|(_, good)| *good) {
            Some((b, _)) => {
                if ui
                    .button(
                        RichText::new(format!(
                            "Restore the latest good backup ({})",
                            b.taken.format("%-d %b %Y %H:%M")
                        ))
                        .strong(),
                    )
                    .clicked()
                {
                    actions.push(Action::RestoreBackup {
                        workbook: view.workbook.clone(),
                        backup: b.path.clone(),
                    });
                }
            }
            None => {
                ui.label("No sound backup of this workbook was found in the backups folder.");
            }
        }
    }
    ui.horizontal_wrapped(|ui| {
        if workbook_open && ui.button("Back up now").clicked() {
            actions.push(Action::BackupNow);
        }
        ui.label(
            RichText::new(format!("Folder: {}", view.dir.display()))
                .weak()
                .small(),
        );
    });
    if view.backups.is_empty() {
        ui.label(RichText::new("No backups yet.").weak());
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("backups")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("backup_list")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for h in ["Taken", "Why", "Size", "Check", ""] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for (b, good) in &view.backups {
                        let when = b.taken.format("%-d %b %Y %H:%M:%S").to_string();
                        ui.label(&when);
                        ui.label(b.reason.code());
                        ui.label(format!("{:.1} MB", b.bytes as f64 / 1_048_576.0));
                        ui.label(if *good { "✔ sound" } else { "✖ damaged" });
                        if *good {
                            if confirm.as_ref() == Some(&b.path) {
                                if ui.button(format!("Confirm: restore {when}")).clicked() {
                                    actions.push(Action::RestoreBackup {
                                        workbook: view.workbook.clone(),
                                        backup: b.path.clone(),
                                    });
                                    *confirm = None;
                                }
                            } else if ui.button(format!("Restore {when}…")).clicked() {
                                *confirm = Some(b.path.clone());
                            }
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
        });
}
