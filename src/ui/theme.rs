//! Look and feel: follows the system's light or dark theme, carries its own
//! fallback fonts, and a few colours that read well in both themes.

use egui::epaint::text::{FontInsert, InsertFontFamily};
use egui::{Color32, FontData, FontFamily, Visuals};

/// Prepares a context once: the bundled fallback fonts and the system
/// theme. DejaVu Sans (see assets/fonts/LICENSE-DejaVu.txt) covers Latin,
/// Greek, Cyrillic and the symbols the screens use (✔ ⚠ ℹ ★ arrows), and
/// Droid Sans Fallback Chinese, Japanese and Korean, on every machine,
/// whatever fonts the system has (the documents use the same two). Safe to
/// call at the start of the first frame (fonts apply at once then).
pub fn setup(ctx: &egui::Context) {
    let fallbacks: [(&str, &'static [u8]); 2] = [
        ("DejaVuSans", crate::export::fonts::SANS_REGULAR),
        ("DroidSansFallback", crate::export::fonts::CJK_FALLBACK),
    ];
    // Each goes last, so they are tried in this order after egui's own.
    for (name, data) in fallbacks {
        ctx.add_font(FontInsert::new(
            name,
            FontData::from_static(data),
            vec![
                InsertFontFamily {
                    family: FontFamily::Proportional,
                    priority: egui::epaint::text::FontPriority::Lowest,
                },
                InsertFontFamily {
                    family: FontFamily::Monospace,
                    priority: egui::epaint::text::FontPriority::Lowest,
                },
            ],
        ));
    }
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
