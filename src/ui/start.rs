//! The start screen: the sample agency, workshop scenarios, new workbook,
//! open and recent.

use egui::{RichText, Ui};

use super::UiState;
use super::widgets::{guidance_ui, problem_ui};
use crate::app::dialogs::workbook_path_for;
use crate::app::{Action, Actions, AppView, Command};

/// Draws the start screen.
pub fn start_ui(ui: &mut Ui, view: &AppView, state: &mut UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.set_max_width(720.0);
        ui.add_space(12.0);
        ui.heading(RichText::new("Ratchet").size(30.0));
        guidance_ui(
            ui,
            "A workbench for performance leadership: set the framework (mission, deficit, target, theory), \
             then monitor every team, recognise wins, catch distortions and ratchet targets up.",
        );
        ui.add_space(16.0);

        ui.group(|ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("The sample agency").heading());
            guidance_ui(
                ui,
                "Riverton Street Services: a finished framework, six district crews and two years of data. \
                 It opens as its own file; nothing of yours is touched.",
            );
            if ui.button("Explore the sample agency").clicked() {
                actions.push(Action::OpenSample);
            }
        });
        ui.add_space(10.0);

        super::workshop::start::workshop_start_ui(ui, &mut state.workshop, actions);
        ui.add_space(10.0);

        ui.group(|ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("Start a new workbook").heading());
            let label = ui.label("Workbook name");
            ui.add(
                egui::TextEdit::singleline(&mut state.new_workbook_name)
                    .hint_text("e.g. Parks Department 2026")
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
            let path = workbook_path_for(&view.workbooks_dir, &state.new_workbook_name);
            match &path {
                Ok(p) => {
                    ui.label(RichText::new(format!("Will be created as {}", p.display())).weak().small());
                }
                Err(why) if !state.new_workbook_name.is_empty() => problem_ui(ui, Some(why)),
                Err(_) => {}
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(path.is_ok(), egui::Button::new("Create workbook"))
                    .clicked()
                    && let Ok(p) = path
                {
                    actions.push(Action::CreateWorkbook(p));
                }
                if ui
                    .button("Choose location…")
                    .on_hover_text(Command::NewWorkbook.tooltip())
                    .clicked()
                {
                    actions.push(Action::Run(Command::NewWorkbook));
                }
            });
        });
        ui.add_space(10.0);

        ui.group(|ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("Open a workbook").heading());
            if ui.button("Open…").on_hover_text(Command::OpenWorkbook.tooltip()).clicked() {
                actions.push(Action::Run(Command::OpenWorkbook));
            }
            if !view.recent.is_empty() {
                ui.add_space(4.0);
                ui.label(RichText::new("Recent").strong());
                for path in &view.recent {
                    let name = path
                        .file_stem()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| path.display().to_string());
                    if ui
                        .link(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        actions.push(Action::OpenWorkbook(path.clone()));
                    }
                }
            }
        });
        ui.add_space(10.0);
        ui.group(|ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new("Roll-up of agencies").heading());
            ui.label(
                RichText::new(
                    "For a performance office watching several agencies: read a folder of their workbooks side by side.",
                )
                .weak(),
            );
            if ui.button("Open the roll-up").clicked() {
                actions.push(Action::Navigate(crate::app::Screen::Rollup));
            }
        });
    });
}
