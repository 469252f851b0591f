//! Recognition certificates (practice 8): one SVG layout per certificate in
//! three designs, rendered to PDF and PNG by `render`. Every text is placed
//! by measuring it: long names shrink and wrap to stay inside the frame, and
//! a text that cannot fit, or a character the fonts lack, is reported before
//! anything is written.

use chrono::NaiveDate;

use super::document::Document;
use super::fonts::{FontSpec, missing_glyphs};
use super::render;
use super::svg::{Anchor, Svg, TextStyle};
use super::text_layout::{TextBlock, fit, fit_height};
use crate::domain::certificate::{CertificateLayout, CertificateText, Logo, Paper};

/// What to print and how.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateSpec {
    /// The words.
    pub text: CertificateText,
    /// The design.
    pub layout: CertificateLayout,
    /// The paper.
    pub paper: Paper,
    /// The logo, if any (else a seal is drawn).
    pub logo: Option<Logo>,
}

/// Where one text ended up, so tests and the editor can check it fits.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedText {
    /// Which field ("recipient").
    pub field: &'static str,
    /// Its lines as printed.
    pub lines: Vec<String>,
    /// The size used, in points.
    pub size: f32,
    /// Left edge of the widest line.
    pub left: f32,
    /// Right edge of the widest line.
    pub right: f32,
    /// Top of the first line (baseline minus the size).
    pub top: f32,
    /// Bottom of the last line (baseline plus a descender).
    pub bottom: f32,
    /// The column it was given (left, right): text never leaves it.
    pub column: (f32, f32),
    /// True when even the smallest size could not fit the text.
    pub overflow: bool,
}

/// A laid-out certificate.
#[derive(Clone, Debug, PartialEq)]
pub struct Certificate {
    /// The SVG layout.
    pub svg: String,
    /// Where each text went.
    pub placed: Vec<PlacedText>,
    /// The area all text must stay inside (x0, y0, x1, y1).
    pub frame: (f32, f32, f32, f32),
    /// What stops it being printed as it should, phrased for the person
    /// editing it (empty: ready).
    pub problems: Vec<String>,
}

impl Certificate {
    /// The certificate as a document to write (PDF or PNG), titled `title`.
    pub fn document(&self, title: &str) -> Document {
        Document {
            svg: self.svg.clone(),
            title: title.to_owned(),
            problems: self.problems.clone(),
        }
    }

    /// Where `field` was placed.
    pub fn placed(&self, field: &str) -> Option<&PlacedText> {
        self.placed.iter().find(|p| p.field == field)
    }
}

/// The date as printed on certificates ("28 November 2026").
pub fn certificate_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Checks a logo file: PNG or SVG that the renderer can read.
pub fn read_logo(file_name: &str, bytes: Vec<u8>) -> Result<Logo, String> {
    if bytes.len() > crate::storage::MAX_LOGO_BYTES {
        return Err(format!(
            "{file_name} is {} KB; choose a logo of at most {} KB.",
            bytes.len() / 1024,
            crate::storage::MAX_LOGO_BYTES / 1024
        ));
    }
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if std::str::from_utf8(&bytes).is_ok_and(|t| t.contains("<svg")) {
        "image/svg+xml"
    } else {
        return Err(format!(
            "{file_name} is neither a PNG nor an SVG picture; choose a .png or .svg file."
        ));
    };
    // Draw it once, alone, to be sure it can be drawn.
    let mut probe = Svg::new(100.0, 100.0);
    probe.image((0.0, 0.0, 100.0, 100.0), mime, &bytes);
    let tree = render::parse(&probe.finish()).map_err(|e| format!("{file_name}: {e}"))?;
    if !tree.root().has_children() {
        return Err(format!("{file_name} could not be read as a picture."));
    }
    Ok(Logo {
        file_name: file_name.to_owned(),
        mime: mime.to_owned(),
        bytes,
    })
}

// Colours of the designs.
const NAVY: &str = "#1f3a5f";
const GOLD: &str = "#b8963e";
const CREAM: &str = "#fdfaf2";
const INK: &str = "#222222";
const SOFT: &str = "#444444";
const MUTED: &str = "#6b7280";
const TEAL: &str = "#1f7a6d";

/// Lays out a certificate.
pub fn layout_certificate(spec: &CertificateSpec) -> Certificate {
    let (w, h) = spec.paper.size();
    let mut page = Page {
        svg: Svg::new(w, h),
        placed: Vec::new(),
        w,
        h,
    };
    let frame = match spec.layout {
        CertificateLayout::Classic => classic(&mut page, spec),
        CertificateLayout::Modern => modern(&mut page, spec),
        CertificateLayout::Minimal => minimal(&mut page, spec),
    };
    let mut problems = spec.text.problems();
    for p in &page.placed {
        if p.overflow {
            problems.push(format!(
                "The {} is too long to fit on the certificate at a readable size; shorten it.",
                p.field
            ));
        }
    }
    problems.extend(glyph_problems(&spec.text, spec.layout));
    Certificate {
        svg: page.svg.finish(),
        placed: page.placed,
        frame,
        problems,
    }
}

/// Characters the design's fonts lack, named by field.
pub fn glyph_problems(text: &CertificateText, layout: CertificateLayout) -> Vec<String> {
    let fonts = fonts_of(layout);
    let mut out = Vec::new();
    for (field, value) in text.fields() {
        let font = fonts
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(FontSpec::SANS, |(_, s)| *s);
        let missing = missing_glyphs(value, font);
        if !missing.is_empty() {
            let shown: Vec<String> = missing
                .iter()
                .map(|c| format!("\"{c}\" (U+{:04X})", u32::from(*c)))
                .collect();
            out.push(format!(
                "The {field} contains {} the certificate's fonts cannot print: {}. Replace {}.",
                if missing.len() == 1 {
                    "a character"
                } else {
                    "characters"
                },
                shown.join(", "),
                if missing.len() == 1 { "it" } else { "them" }
            ));
        }
    }
    out
}

/// The font each field is printed in, per design.
fn fonts_of(layout: CertificateLayout) -> [(&'static str, FontSpec); 6] {
    match layout {
        CertificateLayout::Classic | CertificateLayout::Minimal => [
            ("heading", FontSpec::SERIF_BOLD),
            ("recipient", FontSpec::SERIF_BOLD),
            ("achievement", FontSpec::SERIF),
            ("agency", FontSpec::SANS),
            ("signer's name", FontSpec::SANS_BOLD),
            ("signer's title", FontSpec::SANS),
        ],
        CertificateLayout::Modern => [
            ("heading", FontSpec::SANS_BOLD),
            ("recipient", FontSpec::SANS_BOLD),
            ("achievement", FontSpec::SANS),
            ("agency", FontSpec::SANS_BOLD),
            ("signer's name", FontSpec::SANS_BOLD),
            ("signer's title", FontSpec::SANS),
        ],
    }
}

/// A box a long text flows into.
struct TextBox {
    /// x of the anchor.
    x: f32,
    /// Top of the box.
    top: f32,
    max_width: f32,
    height: f32,
    /// Smallest size allowed.
    min: f32,
    line_height: f32,
    /// Centre the lines vertically in the box.
    centred: bool,
}

struct Page {
    svg: Svg,
    placed: Vec<PlacedText>,
    w: f32,
    h: f32,
}

/// How a text may be placed.
struct Slot {
    /// x of the anchor (centre for Middle, left edge for Start).
    x: f32,
    /// First baseline.
    y: f32,
    max_width: f32,
    max_lines: usize,
    min_size: f32,
    line_height: f32,
}

impl Page {
    /// Places `text` (shrunk and wrapped to fit `slot`) and records where it went.
    fn place(
        &mut self,
        field: &'static str,
        text: &str,
        style: TextStyle<'_>,
        slot: Slot,
    ) -> PlacedText {
        let spacing_room = style.spacing * text.chars().count() as f32;
        let (size, lines) = if style.spacing > 0.0 {
            // Spaced text is one line; shrink until it fits.
            let mut size = style.size;
            while size > slot.min_size
                && (TextStyle { size, ..style }).width_of(text) > slot.max_width
            {
                size = (size * 0.94).max(slot.min_size);
            }
            (size, vec![text.to_owned()])
        } else {
            // Shrink a little to keep one line before wrapping onto two.
            let one = fit(
                text,
                style.font,
                style.size,
                (style.size * 0.75).max(slot.min_size),
                slot.max_width,
                1,
            );
            if one.1.len() == 1 {
                one
            } else {
                fit(
                    text,
                    style.font,
                    style.size,
                    slot.min_size,
                    slot.max_width - spacing_room.min(0.0),
                    slot.max_lines,
                )
            }
        };
        let style = TextStyle { size, ..style };
        let widest = lines
            .iter()
            .map(|l| style.width_of(l))
            .fold(0.0_f32, f32::max);
        let overflow = lines.len() > slot.max_lines || widest > slot.max_width + 0.5;
        let block = TextBlock {
            lines,
            size,
            line_height: slot.line_height,
        };
        self.svg.block(slot.x, slot.y, &block, style);
        let lines = block.lines;
        let (left, column) = match style.anchor {
            Anchor::Start => (slot.x, (slot.x, slot.x + slot.max_width)),
            Anchor::Middle => (
                slot.x - widest / 2.0,
                (slot.x - slot.max_width / 2.0, slot.x + slot.max_width / 2.0),
            ),
            Anchor::End => (slot.x - widest, (slot.x - slot.max_width, slot.x)),
        };
        let last_baseline = slot.y + size * slot.line_height * (lines.len().max(1) - 1) as f32;
        let placed = PlacedText {
            field,
            lines,
            size,
            left,
            right: left + widest,
            top: slot.y - size,
            bottom: last_baseline + size * 0.25,
            column,
            overflow,
        };
        self.placed.push(placed.clone());
        placed
    }

    /// Lines of a text that fills a box: the largest size from `start` down
    /// to `min` whose wrapped lines fit `height`.
    fn place_in_box(
        &mut self,
        field: &'static str,
        text: &str,
        style: TextStyle<'_>,
        area: TextBox,
    ) -> PlacedText {
        let TextBox {
            x,
            top,
            max_width,
            height,
            min,
            line_height,
            centred,
        } = area;
        let (size, lines, room) = fit_height(
            text,
            style.font,
            (style.size, min),
            max_width,
            height,
            line_height,
        );
        let used = size + size * line_height * (lines.len().max(1) - 1) as f32;
        let top = if centred {
            top + ((height - used) / 2.0).max(0.0)
        } else {
            top
        };
        self.place(
            field,
            text,
            TextStyle { size, ..style },
            Slot {
                x,
                y: top + size,
                max_width,
                max_lines: room,
                min_size: size,
                line_height,
            },
        )
    }

    /// The agency's seal, or the logo, centred in a square box.
    fn emblem(&mut self, logo: Option<&Logo>, cx: f32, cy: f32, r: f32, disc: &str, star: &str) {
        if let Some(l) = logo {
            self.svg.image(
                (cx - r * 1.15, cy - r * 1.15, r * 2.3, r * 2.3),
                &l.mime,
                &l.bytes,
            );
            return;
        }
        self.svg.circle(cx, cy, r, disc);
        self.svg
            .shape(&star_points(cx, cy + r * 0.05, r * 0.62, r * 0.25), star);
    }

    /// A date and a signature block on a line each, captioned.
    fn signatures(
        &mut self,
        spec: &CertificateSpec,
        (left_cx, right_cx, line_y, half): (f32, f32, f32, f32),
        ink: &str,
        line: &str,
    ) {
        let t = &spec.text;
        let fonts = fonts_of(spec.layout);
        let font = |field: &str| {
            fonts
                .iter()
                .find(|(f, _)| *f == field)
                .map_or(FontSpec::SANS, |(_, s)| *s)
        };
        let date_style = TextStyle::new(FontSpec::SANS, 12.5, ink).anchored(Anchor::Middle);
        self.place(
            "date",
            &certificate_date(t.date),
            date_style,
            Slot {
                x: left_cx,
                y: line_y - 8.0,
                max_width: half * 2.0,
                max_lines: 1,
                min_size: 8.0,
                line_height: 1.2,
            },
        );
        self.svg.line(
            left_cx - half,
            line_y,
            left_cx + half,
            line_y,
            line,
            0.8,
            None,
        );
        self.svg.text(
            left_cx,
            line_y + 14.0,
            "DATE",
            TextStyle::sans(8.5, MUTED)
                .anchored(Anchor::Middle)
                .spaced(1.2),
        );
        self.svg.line(
            right_cx - half,
            line_y,
            right_cx + half,
            line_y,
            line,
            0.8,
            None,
        );
        if !t.signer_name.trim().is_empty() {
            self.place(
                "signer's name",
                t.signer_name.trim(),
                TextStyle::new(font("signer's name"), 11.0, ink).anchored(Anchor::Middle),
                Slot {
                    x: right_cx,
                    y: line_y + 15.0,
                    max_width: half * 2.0,
                    max_lines: 1,
                    min_size: 7.0,
                    line_height: 1.2,
                },
            );
        }
        if !t.signer_title.trim().is_empty() {
            self.place(
                "signer's title",
                t.signer_title.trim(),
                TextStyle::new(font("signer's title"), 9.5, SOFT).anchored(Anchor::Middle),
                Slot {
                    x: right_cx,
                    y: line_y + 29.0,
                    max_width: half * 2.0,
                    max_lines: 1,
                    min_size: 6.5,
                    line_height: 1.2,
                },
            );
        }
    }
}

/// A five-pointed star around (cx, cy).
fn star_points(cx: f32, cy: f32, outer: f32, inner: f32) -> Vec<(f32, f32)> {
    (0..10)
        .map(|k| {
            let r = if k % 2 == 0 { outer } else { inner };
            let a = -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::PI / 5.0;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

/// Navy border, gold frame and rules, a seal, serif type (after the
/// reference look).
fn classic(p: &mut Page, spec: &CertificateSpec) -> (f32, f32, f32, f32) {
    let (w, h) = (p.w, p.h);
    let t = &spec.text;
    p.svg.rect(0.0, 0.0, w, h, CREAM, None, 0.0);
    p.svg.rect(
        14.0,
        14.0,
        w - 28.0,
        h - 28.0,
        "none",
        Some((NAVY, 9.0)),
        0.0,
    );
    let inset = 30.0;
    p.svg.rect(
        inset,
        inset,
        w - 2.0 * inset,
        h - 2.0 * inset,
        "none",
        Some((GOLD, 1.2)),
        0.0,
    );
    for (x, y) in [
        (inset, inset),
        (w - inset, inset),
        (inset, h - inset),
        (w - inset, h - inset),
    ] {
        p.svg.circle(x, y, 4.5, GOLD);
    }
    let cx = w / 2.0;
    let inner = w - 2.0 * inset - 80.0;
    p.emblem(spec.logo.as_ref(), cx, 84.0, 30.0, NAVY, GOLD);
    if !t.agency.trim().is_empty() {
        p.place(
            "agency",
            &t.agency.trim().to_uppercase(),
            TextStyle::sans(11.0, NAVY)
                .anchored(Anchor::Middle)
                .spaced(2.6),
            Slot {
                x: cx,
                y: 142.0,
                max_width: inner,
                max_lines: 1,
                min_size: 6.5,
                line_height: 1.2,
            },
        );
    }
    p.place(
        "heading",
        t.heading.trim(),
        TextStyle::new(FontSpec::SERIF_BOLD, 38.0, NAVY).anchored(Anchor::Middle),
        Slot {
            x: cx,
            y: 190.0,
            max_width: inner,
            max_lines: 1,
            min_size: 16.0,
            line_height: 1.2,
        },
    );
    p.svg
        .line(cx - 85.0, 208.0, cx + 85.0, 208.0, GOLD, 1.4, None);
    p.svg.text(
        cx,
        240.0,
        "This certificate is proudly presented to",
        TextStyle::new(FontSpec::SERIF_ITALIC, 14.0, SOFT).anchored(Anchor::Middle),
    );
    let name = p.place(
        "recipient",
        t.recipients.trim(),
        TextStyle::new(FontSpec::SERIF_BOLD, 24.0, "#111111").anchored(Anchor::Middle),
        Slot {
            x: cx,
            y: 282.0,
            max_width: inner - 60.0,
            max_lines: 3,
            min_size: 10.0,
            line_height: 1.2,
        },
    );
    let rule_y = name.bottom + 10.0;
    let half = ((name.right - name.left) / 2.0 + 20.0).clamp(120.0, (inner - 60.0) / 2.0);
    p.svg
        .line(cx - half, rule_y, cx + half, rule_y, GOLD, 0.9, None);
    let bottom_block = h - 125.0;
    p.place_in_box(
        "achievement",
        t.achievement.trim(),
        TextStyle::new(FontSpec::SERIF, 14.5, "#333333").anchored(Anchor::Middle),
        TextBox {
            x: cx,
            top: rule_y + 18.0,
            max_width: inner - 120.0,
            height: bottom_block - rule_y - 40.0,
            min: 8.0,
            line_height: 1.38,
            centred: true,
        },
    );
    p.signatures(
        spec,
        (w * 0.26, w * 0.74, h - 106.0, 96.0),
        "#333333",
        "#333333",
    );
    (inset, inset, w - inset, h - inset)
}

/// A coloured band on the left with the emblem and agency, sans type on the right.
fn modern(p: &mut Page, spec: &CertificateSpec) -> (f32, f32, f32, f32) {
    let (w, h) = (p.w, p.h);
    let t = &spec.text;
    let band = (w * 0.25).round();
    p.svg.rect(0.0, 0.0, w, h, "#ffffff", None, 0.0);
    p.svg.rect(0.0, 0.0, band, h, "#12355b", None, 0.0);
    p.svg.rect(band, 0.0, 6.0, h, TEAL, None, 0.0);
    p.emblem(
        spec.logo.as_ref(),
        band / 2.0,
        110.0,
        38.0,
        "#ffffff",
        "#12355b",
    );
    if !t.agency.trim().is_empty() {
        p.place(
            "agency",
            t.agency.trim(),
            TextStyle::sans(13.0, "#ffffff")
                .bold()
                .anchored(Anchor::Middle),
            Slot {
                x: band / 2.0,
                y: 190.0,
                max_width: band - 40.0,
                max_lines: 6,
                min_size: 7.0,
                line_height: 1.3,
            },
        );
    }
    let x0 = band + 56.0;
    let width = w - x0 - 56.0;
    p.place(
        "heading",
        &t.heading.trim().to_uppercase(),
        TextStyle::sans(13.0, TEAL).bold().spaced(2.4),
        Slot {
            x: x0,
            y: 92.0,
            max_width: width,
            max_lines: 1,
            min_size: 7.0,
            line_height: 1.2,
        },
    );
    p.svg
        .text(x0, 150.0, "Presented to", TextStyle::sans(12.5, MUTED));
    let name = p.place(
        "recipient",
        t.recipients.trim(),
        TextStyle::sans(32.0, "#111111").bold(),
        Slot {
            x: x0,
            y: 192.0,
            max_width: width,
            max_lines: 3,
            min_size: 10.0,
            line_height: 1.15,
        },
    );
    p.svg
        .rect(x0, name.bottom + 12.0, 64.0, 4.0, TEAL, None, 0.0);
    let top = name.bottom + 40.0;
    let bottom_block = h - 120.0;
    p.place_in_box(
        "achievement",
        t.achievement.trim(),
        TextStyle::sans(14.0, "#333333"),
        TextBox {
            x: x0,
            top,
            max_width: width,
            height: bottom_block - top - 30.0,
            min: 7.5,
            line_height: 1.42,
            centred: false,
        },
    );
    let half = (width / 4.0 - 12.0).min(110.0);
    p.signatures(
        spec,
        (x0 + half, x0 + width - half, h - 100.0, half),
        "#333333",
        "#9aa3ad",
    );
    (20.0, 20.0, w - 20.0, h - 20.0)
}

/// A thin frame and generous white space.
fn minimal(p: &mut Page, spec: &CertificateSpec) -> (f32, f32, f32, f32) {
    let (w, h) = (p.w, p.h);
    let t = &spec.text;
    let inset = 36.0;
    p.svg.rect(0.0, 0.0, w, h, "#ffffff", None, 0.0);
    p.svg.rect(
        inset,
        inset,
        w - 2.0 * inset,
        h - 2.0 * inset,
        "none",
        Some(("#9aa3ad", 0.8)),
        0.0,
    );
    let cx = w / 2.0;
    let inner = w - 2.0 * inset - 100.0;
    let mut y = 96.0;
    if let Some(l) = &spec.logo {
        p.svg
            .image((cx - 26.0, 58.0, 52.0, 52.0), &l.mime, &l.bytes);
        y = 134.0;
    } else {
        p.svg
            .line(cx - 24.0, 74.0, cx + 24.0, 74.0, GOLD, 2.0, None);
    }
    if !t.agency.trim().is_empty() {
        p.place(
            "agency",
            &t.agency.trim().to_uppercase(),
            TextStyle::sans(10.0, MUTED)
                .anchored(Anchor::Middle)
                .spaced(2.0),
            Slot {
                x: cx,
                y,
                max_width: inner,
                max_lines: 1,
                min_size: 6.0,
                line_height: 1.2,
            },
        );
    }
    p.place(
        "heading",
        t.heading.trim(),
        TextStyle::new(FontSpec::SERIF, 30.0, INK).anchored(Anchor::Middle),
        Slot {
            x: cx,
            y: y + 54.0,
            max_width: inner,
            max_lines: 1,
            min_size: 14.0,
            line_height: 1.2,
        },
    );
    let name = p.place(
        "recipient",
        t.recipients.trim(),
        TextStyle::new(FontSpec::SERIF_BOLD, 30.0, "#111111").anchored(Anchor::Middle),
        Slot {
            x: cx,
            y: y + 122.0,
            max_width: inner - 40.0,
            max_lines: 3,
            min_size: 10.0,
            line_height: 1.18,
        },
    );
    let top = name.bottom + 26.0;
    let bottom_block = h - 130.0;
    p.place_in_box(
        "achievement",
        t.achievement.trim(),
        TextStyle::new(FontSpec::SERIF, 14.0, SOFT).anchored(Anchor::Middle),
        TextBox {
            x: cx,
            top,
            max_width: inner - 120.0,
            height: bottom_block - top - 20.0,
            min: 7.5,
            line_height: 1.4,
            centred: true,
        },
    );
    p.signatures(spec, (w * 0.3, w * 0.7, h - 108.0, 90.0), INK, "#9aa3ad");
    (inset, inset, w - inset, h - inset)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn text() -> CertificateText {
        CertificateText {
            heading: "Certificate of Recognition".into(),
            recipients: "North District Crew".into(),
            achievement:
                "for meeting the target of 90% on Potholes repaired within 48 hours in 2026-W12"
                    .into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default(),
            agency: "Riverton Street Services".into(),
            signer_name: "Dana Whitfield".into(),
            signer_title: "Director of Street Services".into(),
        }
    }

    #[test]
    fn logos_are_png_or_svg_and_are_drawn() {
        let mut pic = Svg::new(40.0, 40.0);
        pic.circle(20.0, 20.0, 15.0, "#c00000");
        let png = render::png(&pic.finish(), 1.0).unwrap();
        let logo = read_logo("seal.png", png).unwrap();
        assert_eq!(logo.mime, "image/png");
        let svg_logo = read_logo("seal.svg", pic.finish().into_bytes()).unwrap();
        assert_eq!(svg_logo.mime, "image/svg+xml");
        let e = read_logo("notes.txt", b"hello".to_vec()).unwrap_err();
        assert!(e.contains("neither a PNG nor an SVG"), "{e}");
        let e = read_logo("big.png", vec![0; crate::storage::MAX_LOGO_BYTES + 1]).unwrap_err();
        assert!(e.contains("at most"), "{e}");
        for layout in CertificateLayout::ALL {
            let c = layout_certificate(&CertificateSpec {
                text: text(),
                layout,
                paper: Paper::A4,
                logo: Some(logo.clone()),
            });
            assert!(c.svg.contains("<image"), "{layout:?} draws the logo");
            // The logo's red shows in the picture.
            let p = render::pixels(&c.svg, 0.5).unwrap();
            let red = p
                .rgba
                .chunks(4)
                .any(|px| px[0] > 180 && px[1] < 40 && px[2] < 40);
            assert!(red, "{layout:?}: the logo is visible");
        }
    }

    #[test]
    fn stars_have_ten_points_around_the_centre() {
        let pts = star_points(50.0, 50.0, 20.0, 8.0);
        assert_eq!(pts.len(), 10);
        assert!(
            (pts[0].1 - 30.0).abs() < 1e-4,
            "the first point is straight up"
        );
    }

    #[test]
    fn every_design_places_every_field_inside_its_frame() {
        for layout in CertificateLayout::ALL {
            for paper in Paper::ALL {
                let c = layout_certificate(&CertificateSpec {
                    text: text(),
                    layout,
                    paper,
                    logo: None,
                });
                assert!(c.problems.is_empty(), "{layout:?}: {:?}", c.problems);
                let (x0, y0, x1, y1) = c.frame;
                for p in &c.placed {
                    assert!(
                        p.left >= p.column.0 - 0.01 && p.right <= p.column.1 + 0.01,
                        "{layout:?} {paper:?}: {} leaves its column",
                        p.field
                    );
                    assert!(
                        p.left >= x0 && p.right <= x1 && p.top >= y0 && p.bottom <= y1,
                        "{layout:?} {paper:?}: {} at {:?} outside {:?}",
                        p.field,
                        (p.left, p.top, p.right, p.bottom),
                        c.frame
                    );
                }
                for field in ["recipient", "achievement", "heading", "agency", "date"] {
                    assert!(c.placed(field).is_some(), "{layout:?} has no {field}");
                }
            }
        }
    }

    #[test]
    fn texts_do_not_overlap_one_another() {
        for layout in CertificateLayout::ALL {
            let mut t = text();
            t.achievement = "for ".to_owned()
                + &"steady, patient work on every street of the district ".repeat(6);
            let c = layout_certificate(&CertificateSpec {
                text: t,
                layout,
                paper: Paper::A4,
                logo: None,
            });
            let name = c.placed("recipient").unwrap();
            let ach = c.placed("achievement").unwrap();
            let date = c.placed("date").unwrap();
            assert!(
                ach.top >= name.bottom,
                "{layout:?}: achievement overlaps the name"
            );
            assert!(
                ach.bottom <= date.top,
                "{layout:?}: achievement runs into the date ({} > {})",
                ach.bottom,
                date.top
            );
        }
    }
}
