//! The frame around every screen: menus, navigation, mission banner,
//! message banner and status bar.

use egui::{RichText, Ui};

use super::theme;
use crate::app::destinations::{DESTINATIONS, Place};
use crate::app::view::{SaveState, Tone, WorkbookView};
use crate::app::{Action, Actions, AppView, Command, Screen};
use crate::domain::practices::{PHASES, PRACTICES};
use crate::domain::{Agency, MissionVersion, WizardStep};

/// One menu entry drawn from its [`Command`]: label, shortcut text, tooltip.
fn command_button_ui(ui: &mut Ui, command: Command, enabled: bool, actions: &mut Actions) {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip())
        .clicked()
    {
        actions.push(Action::Run(command));
        ui.close();
    }
}

/// File, Go, Workshop and Help menus.
pub fn menu_bar_ui(ui: &mut Ui, view: &AppView, has_workbook: bool, actions: &mut Actions) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            command_button_ui(ui, Command::NewWorkbook, true, actions);
            command_button_ui(ui, Command::OpenWorkbook, true, actions);
            ui.menu_button("Open recent", |ui| {
                if view.recent.is_empty() {
                    ui.label(RichText::new("No recent workbooks").weak());
                }
                for path in &view.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        actions.push(Action::OpenWorkbook(path.clone()));
                        ui.close();
                    }
                }
            });
            if ui
                .button("Roll-up of agencies…")
                .on_hover_text("A folder of agencies' workbooks side by side, read-only")
                .clicked()
            {
                actions.push(Action::Navigate(crate::app::Screen::Rollup));
                ui.close();
            }
            ui.separator();
            command_button_ui(ui, Command::SaveCopyAs, has_workbook, actions);
            command_button_ui(ui, Command::CloseWorkbook, has_workbook, actions);
            ui.separator();
            command_button_ui(ui, Command::Quit, true, actions);
        });
        ui.menu_button("Edit", |ui| {
            let (undo, redo) = view.undoable;
            command_button_ui(ui, Command::Undo, has_workbook && undo > 0, actions);
            command_button_ui(ui, Command::Redo, has_workbook && redo > 0, actions);
        });
        ui.menu_button("Go", |ui| {
            command_button_ui(ui, Command::GoHome, has_workbook, actions);
            command_button_ui(ui, Command::GoTo, has_workbook, actions);
        });
        ui.menu_button("Workshop", |ui| {
            command_button_ui(ui, Command::CompareParticipants, true, actions);
        });
        ui.menu_button("Help", |ui| {
            command_button_ui(ui, Command::ShowPractices, true, actions);
            command_button_ui(ui, Command::ShowShortcuts, true, actions);
            command_button_ui(ui, Command::ShowAbout, true, actions);
        });
    });
}

/// The mission, proclaimed on every screen (practice 1).
pub fn mission_banner_ui(ui: &mut Ui, agency: &Agency, mission: &MissionVersion) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{} · Mission:", agency.display_name())).strong());
        ui.label(RichText::new(&mission.statement).italics());
    });
}

/// The left navigation: home, then the practices whose screens exist, by phase.
pub fn navigation_ui(ui: &mut Ui, view: &AppView, wb: &WorkbookView, actions: &mut Actions) {
    ui.add_space(6.0);
    if ui
        .selectable_label(view.screen == Screen::Home, "⌂ Home")
        .on_hover_text(Command::GoHome.tooltip())
        .clicked()
    {
        actions.push(Action::Navigate(Screen::Home));
    }
    ui.add_space(8.0);
    let phase = &PHASES[0];
    ui.label(RichText::new(format!("{}. {}", phase.numeral, phase.title)).strong());
    ui.label(RichText::new(phase.question).weak().small());
    let on_wizard = view.screen == Screen::Wizard;
    let done = [
        wb.status.mission,
        wb.status.deficit,
        wb.status.target,
        wb.status.theory,
    ];
    let steps = [
        WizardStep::Mission,
        WizardStep::Deficits,
        WizardStep::Target,
        WizardStep::Theory,
    ];
    for ((practice, step), is_done) in PRACTICES.iter().take(4).zip(steps).zip(done) {
        let mark = if is_done { "✔" } else { "○" };
        let text = format!("{mark} {}. {}", practice.number, practice.title);
        let selected = on_wizard && wb.draft.step == step;
        if ui
            .selectable_label(selected, text)
            .on_hover_text(practice.explanation)
            .clicked()
        {
            actions.push(Action::GoToStep(step));
        }
    }
    let selected = on_wizard && wb.draft.step == WizardStep::Summary;
    let mark = if wb.status.completed { "✔" } else { "○" };
    if ui
        .selectable_label(selected, format!("{mark} Framework summary"))
        .on_hover_text("The whole framework on one page")
        .clicked()
    {
        actions.push(Action::GoToStep(WizardStep::Summary));
    }

    // Phases II and III: each practice, then its screens.
    for (index, phase) in PHASES.iter().enumerate().skip(1) {
        ui.add_space(10.0);
        ui.label(RichText::new(format!("{}. {}", phase.numeral, phase.title)).strong());
        ui.label(RichText::new(phase.question).weak().small());
        for practice in PRACTICES.iter().filter(|p| p.phase == index) {
            ui.label(RichText::new(format!("{}. {}", practice.number, practice.title)).small())
                .on_hover_text(practice.explanation);
            nav_items_ui(ui, view, Some(practice.number), actions);
        }
    }
    ui.add_space(10.0);
    ui.separator();
    nav_items_ui(ui, view, None, actions);
}

/// The screens (not wizard steps or home) that serve `practice`.
fn nav_items_ui(ui: &mut Ui, view: &AppView, practice: Option<u8>, actions: &mut Actions) {
    for d in DESTINATIONS
        .iter()
        .filter(|d| d.practice().map(|p| p.number) == practice)
    {
        let Place::Screen(screen) = d.place else {
            continue;
        };
        if screen == Screen::Home {
            continue;
        }
        ui.horizontal(|ui| {
            ui.add_space(12.0);
            if ui
                .selectable_label(view.screen == screen, d.label)
                .on_hover_text(d.tip)
                .clicked()
            {
                actions.push(d.action());
            }
        });
    }
}

/// The message banner at the top of the main area.
pub fn message_ui(ui: &mut Ui, view: &AppView, actions: &mut Actions) {
    let Some(message) = &view.message else { return };
    let (fill, text_color) = match message.tone {
        Tone::Error => (
            ui.visuals().error_fg_color.gamma_multiply(0.15),
            ui.visuals().error_fg_color,
        ),
        Tone::Info => (
            ui.visuals().selection.bg_fill.gamma_multiply(0.3),
            ui.visuals().text_color(),
        ),
    };
    egui::Frame::new()
        .fill(fill)
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let icon = if message.tone == Tone::Error {
                    "⚠"
                } else {
                    "ℹ"
                };
                // Long messages wrap, leaving room for the buttons beside them.
                let room = (ui.available_width() - 280.0).max(240.0);
                ui.vertical(|ui| {
                    ui.set_max_width(room);
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("{icon} {}", message.text)).color(text_color),
                        )
                        .wrap(),
                    );
                    if let Some(detail) = &message.detail {
                        egui::CollapsingHeader::new("Details")
                            .id_salt("message_details")
                            .show(ui, |ui| {
                                ui.add(egui::Label::new(RichText::new(detail).small()).wrap());
                            });
                    }
                });
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Dismiss").clicked() {
                        actions.push(Action::DismissMessage);
                    }
                    if message.undo && ui.button("Undo").clicked() {
                        actions.push(Action::Undo);
                    }
                    if let Some(file) = &message.file {
                        if ui.button("Show in folder").clicked() {
                            actions.push(Action::ShowInFolder(file.clone()));
                        }
                        if ui.button("Open").clicked() {
                            actions.push(Action::OpenFile(file.clone()));
                        }
                    }
                    if let Some(path) = &view.offer_read_only
                        && ui.button("Open read-only").clicked()
                    {
                        actions.push(Action::OpenReadOnly(path.clone()));
                    }
                    if view.backups.as_ref().is_some_and(|b| b.damaged.is_some())
                        && view.screen != Screen::Backups
                        && ui.button("Backups…").clicked()
                    {
                        actions.push(Action::Navigate(Screen::Backups));
                    }
                });
            });
        });
    ui.add_space(6.0);
}

/// Where the workbook lives and whether it is saved.
pub fn status_bar_ui(ui: &mut Ui, wb: &WorkbookView) {
    ui.horizontal(|ui| {
        match &wb.save_state {
            SaveState::Saved(at) => {
                let when = at
                    .map(|t| format!(" at {}", t.with_timezone(&chrono::Local).format("%H:%M:%S")))
                    .unwrap_or_default();
                ui.label(
                    RichText::new(format!("✔ All changes saved{when}"))
                        .color(theme::done_color(ui.visuals())),
                );
            }
            SaveState::Failed(why) => {
                ui.label(
                    RichText::new(format!("⚠ Last change not saved: {why}"))
                        .color(ui.visuals().error_fg_color),
                );
            }
        }
        ui.separator();
        if wb.read_only {
            ui.label(
                RichText::new("Read-only")
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text("Someone else has this workbook open for writing; changes are refused.");
            ui.separator();
        }
        ui.label(RichText::new(wb.path.display().to_string()).weak())
            .on_hover_text("Where this workbook lives. Every change is written to it at once.");
    });
}
