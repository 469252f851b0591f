//! Pieces shared by the monitoring charts: colours readable with
//! colour-blindness (lines also differ by dash), date axes, observation markers.

use std::ops::RangeInclusive;

use egui::Color32;
use egui_plot::{GridMark, LineStyle};

use crate::app::monitor::view::date_of;

/// Okabe–Ito colours (with a purple and grey for contrast on both themes).
pub const TEAM_COLOURS: [Color32; 8] = [
    Color32::from_rgb(0x00, 0x72, 0xB2),
    Color32::from_rgb(0xD5, 0x5E, 0x00),
    Color32::from_rgb(0x00, 0x9E, 0x73),
    Color32::from_rgb(0xCC, 0x79, 0xA7),
    Color32::from_rgb(0xE6, 0x9F, 0x00),
    Color32::from_rgb(0x56, 0xB4, 0xE9),
    Color32::from_rgb(0x9B, 0x59, 0xB6),
    Color32::from_rgb(0x8C, 0x8C, 0x8C),
];

/// The colour of the i-th team line.
/// A chart inside a scrolling page: the mouse wheel scrolls the page, not
/// the chart (a chart that took the wheel panned away from its data as the
/// reader scrolled past it); Ctrl + wheel (or a pinch) zooms, dragging
/// pans, and a double click resets the view.
pub fn page_plot(id: &str) -> egui_plot::Plot<'_> {
    egui_plot::Plot::new(id)
        .id(plot_id(id))
        .allow_scroll(false)
        .allow_zoom(true)
        .allow_drag(true)
        .allow_double_click_reset(true)
        // Room at the sides, so the first and last date labels show whole.
        .set_margin_fraction(egui::vec2(0.04, 0.08))
}

/// The id a chart's view is kept under (one chart of each kind is on
/// screen at a time), so its bounds can be read back, e.g. by tests.
pub fn plot_id(name: &str) -> egui::Id {
    egui::Id::unique(("ratchet_plot", name))
}

pub fn team_colour(i: usize) -> Color32 {
    TEAM_COLOURS[i % TEAM_COLOURS.len()]
}

/// The dash of the i-th team line (solid for the first eight, then dashed, then dotted).
pub fn team_style(i: usize) -> LineStyle {
    match (i / TEAM_COLOURS.len()) % 3 {
        0 => LineStyle::Solid,
        1 => LineStyle::dashed_dense(),
        _ => LineStyle::dotted_dense(),
    }
}

/// Labels a date axis: month and year, or only years over spans of more than six years.
pub fn date_axis(mark: GridMark, range: &RangeInclusive<f64>) -> String {
    let span = range.end() - range.start();
    match date_of(mark.value) {
        Some(d) if span < 6.0 * 365.0 => d.format("%b %Y").to_string(),
        Some(d) => d.format("%Y").to_string(),
        None => String::new(),
    }
}

/// The text of the i-th observation marker.
pub fn marker_text(markers: &[(f64, String)], index: usize) -> Option<&str> {
    markers.get(index).map(|(_, t)| t.as_str())
}
