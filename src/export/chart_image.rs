//! A progress chart as a picture for a slide or an e-mail: the indicator's
//! heading, the chart and its key on a 16:9 page, as SVG, PNG or pixels for
//! the clipboard — the same drawing as the dashboard's.

use super::charts::{legend, progress_chart};
use super::dashboard::{MARGIN, indicator_heading};
use super::render::{Pixels, RenderError, pixels, png};
use super::svg::Svg;
use crate::analysis::snapshot::IndicatorSnapshot;

/// The picture's size in points (16:9, a slide's shape).
pub const CHART_SIZE: (f32, f32) = (960.0, 540.0);

/// Pixels per point of the PNG and the copied picture.
pub const CHART_SCALE: f32 = 2.0;

/// The chart as SVG.
pub fn chart_svg(snap: &IndicatorSnapshot) -> String {
    let (w, h) = CHART_SIZE;
    let mut svg = Svg::new(w, h);
    let y = indicator_heading(&mut svg, MARGIN - 10.0, snap);
    let chart_h = (h - y - 90.0).max(160.0);
    progress_chart(&mut svg, (MARGIN, y, w - 2.0 * MARGIN, chart_h), snap);
    legend(
        &mut svg,
        (MARGIN + 44.0, y + chart_h + 12.0, w - 2.0 * MARGIN - 44.0),
        snap,
    );
    svg.finish()
}

/// The chart as PNG bytes.
pub fn chart_png(snap: &IndicatorSnapshot) -> Result<Vec<u8>, RenderError> {
    png(&chart_svg(snap), CHART_SCALE)
}

/// The chart as pixels (RGBA, unpremultiplied on a white ground), for the clipboard.
pub fn chart_pixels(snap: &IndicatorSnapshot) -> Result<Pixels, RenderError> {
    pixels(&chart_svg(snap), CHART_SCALE)
}
