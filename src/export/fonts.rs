//! The fonts documents use, bundled in the binary (DejaVu, with Droid Sans
//! Fallback for Chinese, Japanese and Korean; licences in assets/fonts), and
//! which characters they can draw. Measuring and breaking text is
//! `text_layout`'s.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// Sans-serif family name used in the SVG.
pub const SANS: &str = "DejaVu Sans";
/// Serif family name used in the SVG.
pub const SERIF: &str = "DejaVu Serif";

/// DejaVu Sans, also the window's fallback for what the system fonts lack.
pub const SANS_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const SERIF_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif.ttf");
const SERIF_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Bold.ttf");
const SERIF_ITALIC: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Italic.ttf");
/// Han ideographs, kana and Hangul, which DejaVu lacks (3.4 MB): drawn in
/// their place by the renderer's fallback, and measured so here; the
/// window's last fallback too.
pub const CJK_FALLBACK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallback.ttf");

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

    /// The font file's bytes.
    pub(super) fn data(self) -> &'static [u8] {
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
            CJK_FALLBACK,
        ] {
            db.load_font_data(data.to_vec());
        }
        db.set_sans_serif_family(SANS);
        db.set_serif_family(SERIF);
        Arc::new(db)
    })
    .clone()
}

/// The bundled faces, parsed once, ready for shaping (and, through
/// `Deref`, for reading their tables).
struct Faces {
    faces: Vec<(FontSpec, rustybuzz::Face<'static>)>,
    fallback: rustybuzz::Face<'static>,
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
                .map(|s| rustybuzz::Face::from_slice(s.data(), 0).map(|f| (s, f)))
                .collect::<Option<Vec<_>>>()?;
            let fallback = rustybuzz::Face::from_slice(CJK_FALLBACK, 0)?;
            Some(Faces { faces, fallback })
        })
        .as_ref()
}

/// The face a font choice is drawn with (italic sans is drawn upright).
pub(super) fn face(spec: FontSpec) -> Option<&'static rustybuzz::Face<'static>> {
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

/// The face that draws what the chosen one lacks (Chinese, Japanese, Korean).
pub(super) fn fallback_face() -> Option<&'static rustybuzz::Face<'static>> {
    faces().map(|f| &f.fallback)
}

/// Characters in `text` that no bundled font can draw, neither the chosen
/// one nor the fallback (reported before export rather than printed as
/// empty boxes). Line breaks and zero-width formatting characters are not
/// counted.
pub fn missing_glyphs(text: &str, spec: FontSpec) -> Vec<char> {
    let Some(face) = face(spec) else {
        return Vec::new();
    };
    let fallback = fallback_face();
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        let invisible = c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}');
        let drawn =
            face.glyph_index(c).is_some() || fallback.is_some_and(|f| f.glyph_index(c).is_some());
        if !invisible && !drawn && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_of_latin_greek_cyrillic_and_a_missing_glyph() {
        assert!(missing_glyphs("Zoë Ελλάδα Москва Łódź", FontSpec::SERIF).is_empty());
        // Chinese, Japanese and Korean come from the fallback font.
        assert!(missing_glyphs("道路局 どうろ 도로 漢字", FontSpec::SANS).is_empty());
        assert!(missing_glyphs("道路局", FontSpec::SERIF_BOLD).is_empty());
        // Scripts no bundled font covers are reported, each once.
        assert_eq!(missing_glyphs("सड़क सड़क", FontSpec::SANS)[..2], ['स', 'ड']);
        assert!(missing_glyphs("a\u{200b}b\n", FontSpec::SANS).is_empty());
    }
}
