//! Look and feel: follows the system's light or dark theme; a few colours
//! that read well in both.

use egui::{Color32, Visuals};

/// Lets egui follow the operating system's light/dark setting.
pub fn follow_system_theme(ctx: &egui::Context) {
    ctx.options_mut(|o| o.theme_preference = egui::ThemePreference::System);
}

/// The colour for "done" marks (paired with a ✔ so colour is never the only cue).
pub fn done_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(110, 200, 140)
    } else {
        Color32::from_rgb(20, 120, 60)
    }
}

/// The accent for the mission banner.
pub fn banner_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(28, 44, 64)
    } else {
        Color32::from_rgb(228, 238, 250)
    }
}
