//! Dialogs: the eleven practices, the keyboard shortcuts, Go to, and About.

use egui::{Id, Key, Modifiers, RichText};

use crate::app::commands::OTHER_KEYS;
use crate::app::destinations::matching;
use crate::app::{Action, Actions, AppView, Command, Dialog};
use crate::domain::practices::{CREDIT, PHASES, PRACTICES};

/// What is typed in Go to and which match is picked.
#[derive(Clone, Debug, Default)]
pub struct GoToForm {
    /// The text typed.
    pub query: String,
    /// The picked match (index into the matches).
    pub picked: usize,
    /// The field has been given the keyboard focus since the list opened.
    pub focused: bool,
}

/// Shows the open dialog, if any. Close sits in the title row, so it never
/// scrolls away; Escape and a click outside also close.
pub fn dialogs_ui(
    ctx: &egui::Context,
    view: &AppView,
    go_to: &mut GoToForm,
    actions: &mut Actions,
) {
    if view.dialog != Some(Dialog::GoTo) {
        *go_to = GoToForm::default();
    }
    let Some(dialog) = view.dialog else { return };
    let modal = egui::Modal::new(Id::unique(("ratchet_dialog", dialog))).show(ctx, |ui| {
        ui.set_max_width(640.0);
        let title = match dialog {
            Dialog::Practices => "The eleven better practices",
            Dialog::About => "About Ratchet",
            Dialog::Shortcuts => "Keyboard shortcuts",
            Dialog::GoTo => "Go to",
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
            Dialog::About => about_ui(ui, &view.logs_dir),
            Dialog::Shortcuts => shortcuts_ui(ui),
            Dialog::GoTo => go_to_ui(ui, go_to, actions),
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

fn shortcuts_ui(ui: &mut egui::Ui) {
    egui::Grid::new("shortcuts_grid")
        .striped(true)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            for command in Command::WITH_SHORTCUTS {
                if let Some(shortcut) = command.shortcut() {
                    let mut keys = ui.ctx().format_shortcut(&shortcut);
                    if let Some(other) = command.alternate_shortcut() {
                        keys = format!("{keys} or {}", ui.ctx().format_shortcut(&other));
                    }
                    ui.label(RichText::new(keys).strong());
                    ui.label(format!("{} — {}", command.label(), command.tooltip()));
                    ui.end_row();
                }
            }
            for (keys, does) in OTHER_KEYS {
                ui.label(RichText::new(keys).strong());
                ui.label(does);
                ui.end_row();
            }
        });
}

/// Type part of a screen's name; ↑ ↓ pick, Enter goes.
fn go_to_ui(ui: &mut egui::Ui, form: &mut GoToForm, actions: &mut Actions) {
    let label = ui.label("Screen");
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut form.query)
                .hint_text("type part of a name, e.g. wins")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if !form.focused {
        field.request_focus();
        form.focused = true;
    }
    if field.changed() {
        form.picked = 0;
    }
    let found = matching(&form.query);
    let (down, up, enter) = ui.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.key_pressed(Key::Enter),
        )
    });
    if down {
        form.picked = (form.picked + 1).min(found.len().saturating_sub(1));
    }
    if up {
        form.picked = form.picked.saturating_sub(1);
    }
    ui.add_space(4.0);
    if found.is_empty() {
        ui.label(RichText::new("No screen has that name.").weak());
    }
    let mut chosen = None;
    for (i, d) in found.iter().enumerate() {
        let text = match d.practice() {
            Some(p) => format!("{} · practice {}", d.label, p.number),
            None => d.label.to_owned(),
        };
        if ui
            .selectable_label(i == form.picked, text)
            .on_hover_text(d.tip)
            .clicked()
        {
            chosen = Some(*d);
        }
    }
    if enter {
        chosen = chosen.or_else(|| found.get(form.picked).copied());
    }
    if let Some(d) = chosen {
        actions.push(d.action());
        actions.push(Action::CloseDialog);
    }
}

fn about_ui(ui: &mut egui::Ui, logs_dir: &std::path::Path) {
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.label("A desktop workbench for performance leadership in public agencies.");
    ui.add_space(6.0);
    ui.label(RichText::new(CREDIT).weak());
    ui.label("Workbooks are single files on this computer; Ratchet never uses the network.");
    ui.add_space(6.0);
    ui.label(format!(
        "If something goes wrong, the log file (ratchet.log) and any crash report are in {}; send them with a description of what happened.",
        logs_dir.display()
    ));
}
