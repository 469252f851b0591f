//! Small reusable pieces: labelled fields that emit their new value on change,
//! messages beside fields, section headings.
//!
//! Every input is tied to its visible label (`labelled_by`), which is what
//! screen readers announce and what tests find it by.

use egui::{RichText, TextEdit, Ui};

use super::theme;
use crate::app::{Action, Actions};
use crate::domain::WizardStep;

/// A labelled one-line text field showing `value`. Returns the new text when
/// the user changed it this frame. `salt` keeps the field's identity stable
/// when messages appear above it.
pub fn text_field_ui(
    ui: &mut Ui,
    label: &str,
    value: &str,
    hint: &str,
    salt: impl std::hash::Hash + std::fmt::Debug,
    error: Option<&str>,
) -> Option<String> {
    let label_response = ui.label(RichText::new(label).strong());
    let mut text = value.to_owned();
    let response = ui
        .add(
            TextEdit::singleline(&mut text)
                .id_salt((label, salt))
                .hint_text(hint.to_owned())
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label_response.id);
    problem_ui(ui, error);
    response.changed().then_some(text)
}

/// A labelled multi-line text field; see [`text_field_ui`].
pub fn text_area_ui(
    ui: &mut Ui,
    label: &str,
    value: &str,
    hint: &str,
    rows: usize,
    salt: impl std::hash::Hash + std::fmt::Debug,
    error: Option<&str>,
) -> Option<String> {
    let label_response = ui.label(RichText::new(label).strong());
    let mut text = value.to_owned();
    let response = ui
        .add(
            TextEdit::multiline(&mut text)
                .id_salt((label, salt))
                .hint_text(hint.to_owned())
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label_response.id);
    problem_ui(ui, error);
    response.changed().then_some(text)
}

/// A problem beside the field it concerns (nothing when `None`).
pub fn problem_ui(ui: &mut Ui, problem: Option<&str>) {
    if let Some(text) = problem {
        let color = ui.visuals().error_fg_color;
        ui.label(RichText::new(format!("⚠ {text}")).color(color));
    }
}

/// Advice that does not block anything.
pub fn advice_ui(ui: &mut Ui, text: &str) {
    let color = ui.visuals().warn_fg_color;
    ui.label(RichText::new(format!("ℹ {text}")).color(color));
}

/// A muted explanatory paragraph.
pub fn guidance_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).weak());
}

/// A boxed worked example.
pub fn example_ui(ui: &mut Ui, title: &str, text: &str) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(title).italics().strong());
        ui.label(RichText::new(text).italics());
    });
}

/// A 1–5 score as a labelled slider; returns the new score when changed.
pub fn score_ui(
    ui: &mut Ui,
    label: &str,
    value: u8,
    salt: impl std::hash::Hash + std::fmt::Debug,
) -> Option<u8> {
    let mut v = value;
    let response = ui
        .push_id(salt, |ui| {
            ui.add(egui::Slider::new(&mut v, 1..=5).text(label))
        })
        .inner;
    (response.changed() && v != value).then_some(v)
}

/// A framework part as a card: its title, a done/unfinished mark (text as
/// well as colour), a button that opens its wizard step, and its content.
pub fn part_card_ui(
    ui: &mut Ui,
    title: &str,
    done: bool,
    button: &str,
    step: WizardStep,
    actions: &mut Actions,
    body: impl FnOnce(&mut Ui),
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        // The button at the right; the title wraps in the room left of it.
        egui::Sides::new().shrink_left().wrap().show(
            ui,
            |ui| {
                ui.label(RichText::new(title).strong().size(16.0));
            },
            |ui| {
                if ui.button(button).clicked() {
                    actions.push(Action::GoToStep(step));
                }
                let mark = if done {
                    RichText::new("✔ done").color(theme::done_color(ui.visuals()))
                } else {
                    RichText::new("○ unfinished").color(ui.visuals().warn_fg_color)
                };
                ui.label(mark);
            },
        );
        body(ui);
    });
    ui.add_space(6.0);
}
