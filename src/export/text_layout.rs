//! One text layout for every document. SVG text neither wraps nor shrinks by
//! itself, so documents lay their text out here: widths come from shaping
//! the text with the bundled fonts (rustybuzz, with the kerning and
//! ligatures the renderer draws), lines break where the Unicode line-breaking
//! rules allow (UAX #14: after spaces and hyphens, between ideographs, never
//! inside a word when a break elsewhere will do), and text too long for its
//! place is shrunk, down to a floor, before it is wrapped.

use unicode_linebreak::linebreaks;

use super::fonts::{FontSpec, face, fallback_face};

/// The width of `text` at `size` points in the given font, as shaped.
/// Characters the font lacks are measured in the fallback font, as the
/// renderer draws them; characters no font has count as a question mark's
/// width, so that a layout never overflows silently; control characters
/// count as nothing.
pub fn text_width(text: &str, spec: FontSpec, size: f32) -> f32 {
    let visible: String = text.chars().filter(|c| !c.is_control()).collect();
    let Some(primary) = face(spec) else {
        return visible.chars().count() as f32 * size * 0.6;
    };
    let fallback = fallback_face().unwrap_or(primary);
    // Runs of characters drawn by the same face, each shaped on its own.
    let mut width = 0.0;
    let mut run = String::new();
    let mut run_face = primary;
    for c in visible.chars() {
        let wanted = if primary.glyph_index(c).is_none() && fallback.glyph_index(c).is_some() {
            fallback
        } else {
            primary
        };
        if !std::ptr::eq(wanted, run_face) && !run.is_empty() {
            width += shaped_width(run_face, &run, size);
            run.clear();
        }
        run_face = wanted;
        run.push(c);
    }
    width + shaped_width(run_face, &run, size)
}

/// The advance of `text` shaped in one face; glyphs the face lacks count
/// as its question mark.
fn shaped_width(face: &rustybuzz::Face<'_>, text: &str, size: f32) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(face, &[], buffer);
    let fallback = face
        .glyph_index('?')
        .and_then(|g| face.glyph_hor_advance(g))
        .map_or(600, i32::from);
    let units: i32 = shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| {
            if info.glyph_id == 0 {
                fallback
            } else {
                pos.x_advance
            }
        })
        .sum();
    units as f32 * size / face.units_per_em() as f32
}

/// Breaks `text` into lines no wider than `max_width`: at the break
/// opportunities of the Unicode line-breaking rules, at every line break in
/// the text, and by character only inside a piece longer than a line.
/// Runs of spaces are one space; no line starts or ends with one.
pub fn wrap(text: &str, spec: FontSpec, size: f32, max_width: f32) -> Vec<String> {
    let fits = |line: &str| text_width(line, spec, size) <= max_width;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut line = String::new();
        let mut start = 0;
        // The last opportunity is the paragraph's end.
        for (end, _) in linebreaks(&paragraph) {
            let piece = &paragraph[start..end];
            start = end;
            let candidate = format!("{line}{piece}");
            if fits(candidate.trim_end()) {
                line = candidate;
                continue;
            }
            if !line.trim_end().is_empty() {
                lines.push(line.trim_end().to_owned());
            }
            line = if fits(piece.trim_end()) {
                piece.to_owned()
            } else {
                by_character(piece, &fits, &mut lines)
            };
        }
        lines.push(line.trim_end().to_owned());
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A piece wider than a line, broken by character: full lines go to
/// `lines`, the rest is returned to start the next line.
fn by_character(piece: &str, fits: &impl Fn(&str) -> bool, lines: &mut Vec<String>) -> String {
    let mut line = String::new();
    for c in piece.chars() {
        let mut next = line.clone();
        next.push(c);
        if !fits(next.trim_end()) && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line.push(c);
        } else {
            line = next;
        }
    }
    line
}

/// The largest size, from `start` down to `min`, at which `text` wraps into at
/// most `max_lines` lines of `max_width`; with the lines at that size.
pub fn fit(
    text: &str,
    spec: FontSpec,
    start: f32,
    min: f32,
    max_width: f32,
    max_lines: usize,
) -> (f32, Vec<String>) {
    let mut size = start;
    loop {
        let lines = wrap(text, spec, size, max_width);
        if lines.len() <= max_lines || size <= min {
            return (size, lines);
        }
        size = (size * 0.92).max(min);
    }
}

/// The largest size from `start` down to `min` at which `text`, wrapped to
/// `max_width`, fits `height` (lines `line_height` × size apart); returns
/// the size, the lines, and how many lines the height holds at that size.
pub fn fit_height(
    text: &str,
    spec: FontSpec,
    (start, min): (f32, f32),
    max_width: f32,
    height: f32,
    line_height: f32,
) -> (f32, Vec<String>, usize) {
    let room = |size: f32| ((height - size) / (size * line_height)).floor().max(0.0) as usize + 1;
    let mut size = start;
    loop {
        let lines = wrap(text, spec, size, max_width);
        if lines.len() <= room(size) || size <= min {
            return (size, lines, room(size));
        }
        size = (size * 0.94).max(min);
    }
}

/// Text laid out at one size: its lines and their spacing, measured before
/// it is drawn so that a box can be sized around it.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBlock {
    /// The lines, in order.
    pub lines: Vec<String>,
    /// The size they are set at, in points.
    pub size: f32,
    /// Baseline to baseline, as a multiple of the size.
    pub line_height: f32,
}

impl TextBlock {
    /// `text` wrapped to `max_width` at `size` (no lines when it is empty).
    pub fn wrapped(
        text: &str,
        spec: FontSpec,
        size: f32,
        max_width: f32,
        line_height: f32,
    ) -> Self {
        let lines = if text.trim().is_empty() {
            Vec::new()
        } else {
            wrap(text, spec, size, max_width)
        };
        TextBlock {
            lines,
            size,
            line_height,
        }
    }

    /// How far the lines advance down the page.
    pub fn height(&self) -> f32 {
        self.lines.len() as f32 * self.size * self.line_height
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = text_width("North", FontSpec::SANS, 12.0);
        assert!(a > 20.0 && a < 60.0, "{a}");
        assert!(text_width("North District", FontSpec::SANS, 12.0) > a);
        assert!(text_width("North", FontSpec::SANS, 24.0) > 1.9 * a);
        assert!(text_width("North", FontSpec::SANS_BOLD, 12.0) > a);
        assert_eq!(text_width("", FontSpec::SANS, 12.0), 0.0);
    }

    #[test]
    fn kerning_is_measured_as_the_renderer_draws_it() {
        // DejaVu kerns "AV" and "To": shaped, each pair is narrower than its
        // letters measured apart.
        for pair in ["AV", "To", "Ty"] {
            let apart: f32 = pair
                .chars()
                .map(|c| text_width(&c.to_string(), FontSpec::SANS, 100.0))
                .sum();
            let shaped = text_width(pair, FontSpec::SANS, 100.0);
            assert!(shaped < apart - 1.0, "{pair}: {shaped} vs {apart}");
        }
    }

    #[test]
    fn wrapping_respects_the_width_and_keeps_every_word() {
        let text = "Keep every Riverton street safe, smooth and clear, so that residents can get where they need to go.";
        let lines = wrap(text, FontSpec::SERIF, 14.0, 200.0);
        assert!(lines.len() >= 3);
        assert!(
            lines
                .iter()
                .all(|l| text_width(l, FontSpec::SERIF, 14.0) <= 200.0)
        );
        assert_eq!(lines.join(" "), text);
        let long = "x".repeat(300);
        let pieces = wrap(&long, FontSpec::SANS, 12.0, 100.0);
        assert!(
            pieces
                .iter()
                .all(|l| text_width(l, FontSpec::SANS, 12.0) <= 100.0)
        );
        assert_eq!(pieces.concat(), long);
    }

    #[test]
    fn lines_break_after_hyphens_and_slashes_and_at_line_breaks() {
        let text = "Pothole-repair/resurfacing crews";
        let width = text_width("Pothole-repair/", FontSpec::SANS, 12.0) + 1.0;
        let lines = wrap(text, FontSpec::SANS, 12.0, width);
        assert_eq!(lines, ["Pothole-repair/", "resurfacing", "crews"]);
        assert_eq!(
            wrap("First line\nSecond   line", FontSpec::SANS, 12.0, 500.0),
            ["First line", "Second line"]
        );
    }

    #[test]
    fn ideographs_break_between_characters_without_spaces() {
        // Each ideograph is a break opportunity (and is measured in the
        // fallback font).
        let text = "東京都道路局の目標";
        let one = text_width("東", FontSpec::SANS, 12.0);
        let lines = wrap(text, FontSpec::SANS, 12.0, one * 4.0 + 0.5);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 4), "{lines:?}");
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn fitting_shrinks_long_text() {
        let name =
            "Wolfeschlegelsteinhausenbergerdorff District Street Maintenance Crew Number Seven";
        let (size, lines) = fit(name, FontSpec::SERIF_BOLD, 40.0, 8.0, 600.0, 1);
        assert!(size < 40.0);
        assert_eq!(lines.len(), 1);
        assert!(text_width(&lines[0], FontSpec::SERIF_BOLD, size) <= 600.0);
    }

    #[test]
    fn a_block_measures_its_height_before_it_is_drawn() {
        let b = TextBlock::wrapped(
            "one two three four five six",
            FontSpec::SANS,
            10.0,
            60.0,
            1.3,
        );
        assert!(b.lines.len() >= 2);
        assert!((b.height() - b.lines.len() as f32 * 13.0).abs() < 1e-4);
        assert!(
            TextBlock::wrapped("  ", FontSpec::SANS, 10.0, 60.0, 1.3)
                .lines
                .is_empty()
        );
    }
}
