//! Building SVG documents as text, with every piece of user text escaped.

use std::fmt::Write;

use super::fonts::FontSpec;
use super::text_layout::{TextBlock, fit};

/// Escapes text for SVG or HTML content and attributes: `& < > " '`, and
/// drops characters XML cannot hold (most control characters).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// How text is anchored at its x position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// x is the left edge.
    Start,
    /// x is the centre.
    Middle,
    /// x is the right edge.
    End,
}

impl Anchor {
    fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A text style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle<'a> {
    /// Font.
    pub font: FontSpec,
    /// Size in points.
    pub size: f32,
    /// Fill colour (CSS).
    pub fill: &'a str,
    /// Anchor.
    pub anchor: Anchor,
    /// Extra space between letters, in points.
    pub spacing: f32,
}

impl<'a> TextStyle<'a> {
    /// A sans style of `size` in `fill`.
    pub fn sans(size: f32, fill: &'a str) -> Self {
        Self {
            font: FontSpec::SANS,
            size,
            fill,
            anchor: Anchor::Start,
            spacing: 0.0,
        }
    }

    /// A style in `font` of `size` in `fill`.
    pub fn new(font: FontSpec, size: f32, fill: &'a str) -> Self {
        Self {
            font,
            ..Self::sans(size, fill)
        }
    }

    /// The same style with letters spread by `spacing` points.
    pub fn spaced(self, spacing: f32) -> Self {
        Self { spacing, ..self }
    }

    /// How wide `text` is in this style (advances plus letter spacing).
    pub fn width_of(&self, text: &str) -> f32 {
        super::text_layout::text_width(text, self.font, self.size)
            + self.spacing * text.chars().count().saturating_sub(1) as f32
    }

    /// The same style, bold.
    pub fn bold(self) -> Self {
        Self {
            font: FontSpec {
                bold: true,
                ..self.font
            },
            ..self
        }
    }

    /// The same style, anchored differently.
    pub fn anchored(self, anchor: Anchor) -> Self {
        Self { anchor, ..self }
    }

    /// The same style in another font.
    pub fn font(self, font: FontSpec) -> Self {
        Self { font, ..self }
    }
}

/// An SVG document being built.
#[derive(Clone, Debug)]
pub struct Svg {
    width: f32,
    height: f32,
    body: String,
}

fn num(v: f32) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// Appends a coordinate rounded to 0.01 pt, without trailing zeros.
fn push_num(out: &mut String, v: f32) {
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        let _ = write!(out, "{}", r as i64);
    } else {
        let _ = write!(out, "{r}");
    }
}

/// Appends `x,y x,y …`.
fn push_points(out: &mut String, points: &[(f32, f32)]) {
    for (i, (x, y)) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_num(out, *x);
        out.push(',');
        push_num(out, *y);
    }
}

impl Svg {
    /// An empty document of `width` × `height` points.
    pub fn new(width: f32, height: f32) -> Self {
        Self {
            width,
            height,
            body: String::new(),
        }
    }

    /// Width in points.
    pub fn width(&self) -> f32 {
        self.width
    }

    /// Height in points.
    pub fn height(&self) -> f32 {
        self.height
    }

    /// Adds raw, trusted SVG (never user text).
    pub fn raw(&mut self, svg: &str) {
        self.body.push_str(svg);
        self.body.push('\n');
    }

    /// A rectangle.
    #[allow(clippy::too_many_arguments)] // coordinates, like SVG's own attributes
    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: &str,
        stroke: Option<(&str, f32)>,
        radius: f32,
    ) {
        let stroke = stroke.map_or_else(String::new, |(c, w)| {
            format!(r#" stroke="{c}" stroke-width="{}""#, num(w))
        });
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}"{stroke}/>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            num(radius)
        );
    }

    /// A straight line.
    #[allow(clippy::too_many_arguments)] // coordinates, like SVG's own attributes
    pub fn line(
        &mut self,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        stroke: &str,
        width: f32,
        dash: Option<&str>,
    ) {
        let dash = dash.map_or_else(String::new, |d| format!(r#" stroke-dasharray="{d}""#));
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"{dash}/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            num(width)
        );
    }

    /// A polyline through `points`.
    pub fn polyline(
        &mut self,
        points: &[(f32, f32)],
        stroke: &str,
        width: f32,
        dash: Option<&str>,
    ) {
        if points.len() < 2 {
            return;
        }
        let dash = dash.map_or_else(String::new, |d| format!(r#" stroke-dasharray="{d}""#));
        self.body.push_str(r#"<polyline points=""#);
        push_points(&mut self.body, points);
        let _ = writeln!(
            self.body,
            r#"" fill="none" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round"{dash}/>"#,
            num(width)
        );
    }

    /// A filled polygon without outline (a shaded band).
    pub fn polygon(&mut self, points: &[(f32, f32)], fill: &str, opacity: f32) {
        if points.len() < 3 {
            return;
        }
        self.body.push_str(r#"<polygon points=""#);
        push_points(&mut self.body, points);
        let _ = writeln!(
            self.body,
            r#"" fill="{fill}" fill-opacity="{}" stroke="none"/>"#,
            num(opacity)
        );
    }

    /// An embedded image (PNG or SVG bytes) fitted, centred, into a box.
    pub fn image(&mut self, (x, y, w, h): (f32, f32, f32, f32), mime: &str, bytes: &[u8]) {
        use base64::Engine as _;
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        let _ = writeln!(
            self.body,
            r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="xMidYMid meet" href="data:{};base64,{data}"/>"#,
            num(x),
            num(y),
            num(w),
            num(h),
            escape(mime)
        );
    }

    /// A filled polygon with an outline.
    pub fn shape(&mut self, points: &[(f32, f32)], fill: &str) {
        if points.len() < 3 {
            return;
        }
        self.body.push_str(r#"<polygon points=""#);
        push_points(&mut self.body, points);
        let _ = writeln!(self.body, r#"" fill="{fill}"/>"#);
    }

    /// A circle.
    pub fn circle(&mut self, x: f32, y: f32, r: f32, fill: &str) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}"/>"#,
            num(x),
            num(y),
            num(r)
        );
    }

    /// One line of text (escaped) with its baseline at `y`.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: TextStyle<'_>) {
        let f = style.font;
        let weight = if f.bold { r#" font-weight="bold""# } else { "" };
        let italic = if f.italic {
            r#" font-style="italic""#
        } else {
            ""
        };
        let spacing = if style.spacing != 0.0 {
            format!(r#" letter-spacing="{}""#, num(style.spacing))
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-family="{}" font-size="{}" fill="{}" text-anchor="{}"{weight}{italic}{spacing} xml:space="preserve">{}</text>"#,
            num(x),
            num(y),
            f.family(),
            num(style.size),
            style.fill,
            style.anchor.attr(),
            escape(text)
        );
    }

    /// Text wrapped to `max_width`, first baseline at `y`; returns the y below the last line.
    pub fn paragraph(
        &mut self,
        x: f32,
        y: f32,
        text: &str,
        style: TextStyle<'_>,
        max_width: f32,
        line_height: f32,
    ) -> f32 {
        let block = TextBlock::wrapped(text, style.font, style.size, max_width, line_height);
        self.block(x, y, &block, style)
    }

    /// Draws laid-out lines, the first baseline at `y`, in `style` at the
    /// block's size; returns the baseline after the last line.
    pub fn block(&mut self, x: f32, y: f32, block: &TextBlock, style: TextStyle<'_>) -> f32 {
        let style = TextStyle {
            size: block.size,
            ..style
        };
        let mut y = y;
        for line in &block.lines {
            self.text(x, y, line, style);
            y += block.size * block.line_height;
        }
        y
    }

    /// Text shrunk (from its style's size down to `min_size`) and wrapped to
    /// fit `max_lines` lines of `max_width`; returns the size used and the y below.
    #[allow(clippy::too_many_arguments)]
    pub fn fitted(
        &mut self,
        x: f32,
        y: f32,
        text: &str,
        style: TextStyle<'_>,
        min_size: f32,
        max_width: f32,
        max_lines: usize,
    ) -> (f32, f32) {
        // Letter spacing is not in the font's advances: leave room for it.
        let room = max_width - style.spacing * text.chars().count() as f32;
        let (size, lines) = fit(
            text,
            style.font,
            style.size,
            min_size,
            room.max(1.0),
            max_lines,
        );
        let block = TextBlock {
            lines,
            size,
            line_height: 1.2,
        };
        (size, self.block(x, y, &block, style))
    }

    /// The finished document.
    pub fn finish(&self) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">
{}</svg>
"#,
            self.body,
            w = num(self.width),
            h = num(self.height)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_makes_markup_inert() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{7}c"), "abc");
        assert_eq!(escape("Zoë 😀 \u{202e}"), "Zoë 😀 \u{202e}");
    }

    #[test]
    fn documents_have_their_size_and_escaped_text() {
        let mut svg = Svg::new(200.0, 100.0);
        svg.text(10.0, 20.0, "</svg><b>", TextStyle::sans(12.0, "#000"));
        let out = svg.finish();
        assert!(
            out.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100""#)
        );
        assert!(out.contains("&lt;/svg&gt;&lt;b&gt;"));
        assert_eq!(out.matches("</svg>").count(), 1);
    }
}
