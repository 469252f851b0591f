//! The fonts documents use, bundled in the binary (DejaVu; licence in
//! assets/fonts), and text measurement for wrapping and shrinking, since SVG
//! text does not wrap by itself.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// Sans-serif family name used in the SVG.
pub const SANS: &str = "DejaVu Sans";
/// Serif family name used in the SVG.
pub const SERIF: &str = "DejaVu Serif";

const SANS_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const SERIF_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif.ttf");
const SERIF_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Bold.ttf");
const SERIF_ITALIC: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Italic.ttf");

/// A font choice in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FontSpec {
    /// Serif (certificates' names) or sans.
    pub serif: bool,
    /// Bold weight.
    pub bold: bool,
    /// Italic (serif only; sans falls back to upright).
    pub italic: bool,
}

impl FontSpec {
    /// Regular sans.
    pub const SANS: FontSpec = FontSpec {
        serif: false,
        bold: false,
        italic: false,
    };
    /// Bold sans.
    pub const SANS_BOLD: FontSpec = FontSpec {
        serif: false,
        bold: true,
        italic: false,
    };
    /// Regular serif.
    pub const SERIF: FontSpec = FontSpec {
        serif: true,
        bold: false,
        italic: false,
    };
    /// Bold serif.
    pub const SERIF_BOLD: FontSpec = FontSpec {
        serif: true,
        bold: true,
        italic: false,
    };
    /// Italic serif.
    pub const SERIF_ITALIC: FontSpec = FontSpec {
        serif: true,
        bold: false,
        italic: true,
    };

    /// The SVG family name.
    pub fn family(self) -> &'static str {
        if self.serif { SERIF } else { SANS }
    }

    fn data(self) -> &'static [u8] {
        match (self.serif, self.bold, self.italic) {
            (false, false, _) => SANS_REGULAR,
            (false, true, _) => SANS_BOLD,
            (true, true, _) => SERIF_BOLD,
            (true, false, true) => SERIF_ITALIC,
            (true, false, false) => SERIF_REGULAR,
        }
    }
}

/// The font database documents render with: the bundled fonts only, so
/// output is the same on every machine and no system font is needed.
pub fn font_db() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for data in [
            SANS_REGULAR,
            SANS_BOLD,
            SERIF_REGULAR,
            SERIF_BOLD,
            SERIF_ITALIC,
        ] {
            db.load_font_data(data.to_vec());
        }
        db.set_sans_serif_family(SANS);
        db.set_serif_family(SERIF);
        Arc::new(db)
    })
    .clone()
}

struct Faces {
    faces: Vec<(FontSpec, ttf_parser::Face<'static>)>,
}

fn faces() -> Option<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let specs = [
                FontSpec::SANS,
                FontSpec::SANS_BOLD,
                FontSpec::SERIF,
                FontSpec::SERIF_BOLD,
                FontSpec::SERIF_ITALIC,
            ];
            let faces = specs
                .into_iter()
                .map(|s| ttf_parser::Face::parse(s.data(), 0).ok().map(|f| (s, f)))
                .collect::<Option<Vec<_>>>()?;
            Some(Faces { faces })
        })
        .as_ref()
}

fn face(spec: FontSpec) -> Option<&'static ttf_parser::Face<'static>> {
    let spec = FontSpec {
        italic: spec.italic && spec.serif,
        ..spec
    };
    faces()?
        .faces
        .iter()
        .find(|(s, _)| *s == spec)
        .map(|(_, f)| f)
}

/// The width of `text` at `size` points in the given font (unknown characters
/// count as the width of a question mark, so layouts never overflow silently).
pub fn text_width(text: &str, spec: FontSpec, size: f32) -> f32 {
    let Some(face) = face(spec) else {
        return text.chars().count() as f32 * size * 0.6;
    };
    let per_unit = size / f32::from(face.units_per_em());
    let fallback = face
        .glyph_index('?')
        .and_then(|g| face.glyph_hor_advance(g))
        .unwrap_or(600);
    text.chars()
        .map(|c| {
            let advance = face
                .glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or(if c.is_control() { 0 } else { fallback });
            f32::from(advance) * per_unit
        })
        .sum()
}

/// Characters in `text` that the bundled fonts cannot draw (reported before
/// export rather than silently dropped). Line breaks and zero-width
/// formatting characters are not counted.
pub fn missing_glyphs(text: &str, spec: FontSpec) -> Vec<char> {
    let Some(face) = face(spec) else {
        return Vec::new();
    };
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        let invisible = c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}');
        if !invisible && face.glyph_index(c).is_none() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Breaks `text` into lines no wider than `max_width` (words longer than a
/// line are broken by character).
pub fn wrap(text: &str, spec: FontSpec, size: f32, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, spec, size) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if text_width(word, spec, size) <= max_width {
                line = word.to_owned();
            } else {
                for c in word.chars() {
                    let mut next = line.clone();
                    next.push(c);
                    if text_width(&next, spec, size) > max_width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    } else {
                        line = next;
                    }
                }
            }
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
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
    }

    #[test]
    fn wrapping_respects_the_width() {
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
        assert!(
            wrap(&long, FontSpec::SANS, 12.0, 100.0)
                .iter()
                .all(|l| text_width(l, FontSpec::SANS, 12.0) <= 100.0)
        );
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
    fn coverage_of_latin_greek_cyrillic_and_a_missing_glyph() {
        assert!(missing_glyphs("Zoë Ελλάδα Москва Łódź", FontSpec::SERIF).is_empty());
        assert_eq!(missing_glyphs("team 漢字", FontSpec::SANS), ['漢', '字']);
        assert!(missing_glyphs("a\u{200b}b\n", FontSpec::SANS).is_empty());
    }
}
