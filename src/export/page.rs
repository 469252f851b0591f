//! What the portrait documents (framework card, practices sheet, memo,
//! briefing book) share: the white page under a navy bar with its small
//! spaced heading, and shrinking a layout until it fits one page.

use super::svg::{Svg, TextStyle};

/// The documents' navy.
pub const NAVY: &str = "#1f3a5f";
/// The documents' teal.
pub const TEAL: &str = "#1f7a6d";

/// A white page of `w` × `h` points under a navy bar `bar` points tall,
/// with `kicker` in small spaced teal capitals at (`x`, `y`).
pub fn headed_page(w: f32, h: f32, bar: f32, (x, y): (f32, f32), kicker: &str) -> Svg {
    let mut svg = Svg::new(w, h);
    svg.rect(0.0, 0.0, w, h, "#ffffff", None, 0.0);
    svg.rect(0.0, 0.0, w, bar, NAVY, None, 0.0);
    svg.text(x, y, kicker, TextStyle::sans(9.0, TEAL).bold().spaced(2.0));
    svg
}

/// Lays the page out at each scale in turn (largest first) and returns the
/// first layout whose lowest point is within its limit; `layout` returns
/// the SVG, the lowest y used and the lowest y allowed.
pub fn first_that_fits(
    scales: &[f32],
    layout: impl Fn(f32) -> (String, f32, f32),
) -> Option<String> {
    scales.iter().find_map(|&scale| {
        let (svg, bottom, limit) = layout(scale);
        (bottom <= limit).then_some(svg)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_scale_that_fits_wins() {
        let layout = |s: f32| (format!("{s}"), 100.0 * s, 80.0);
        assert_eq!(
            first_that_fits(&[1.0, 0.9, 0.8, 0.7], layout),
            Some("0.8".into())
        );
        assert_eq!(first_that_fits(&[1.0, 0.9], layout), None);
    }
}
