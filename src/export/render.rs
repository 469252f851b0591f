//! One SVG layout, two outputs: PNG (resvg) and PDF (krilla + krilla-svg),
//! both with the bundled fonts, so they never drift apart.

use std::sync::Arc;

use krilla::Document;
use krilla::geom::Size;
use krilla::page::PageSettings;
use krilla::tagging::{ContentTag, SpanTag, Tag, TagGroup, TagTree};
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::{tiny_skia, usvg};

use super::fonts::{FontSpec, SANS, font_db, missing_glyphs};

/// Why a document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The layout is not valid SVG (a bug, reported rather than hidden).
    #[error("the document layout could not be read ({0})")]
    Svg(String),
    /// The PNG could not be made.
    #[error("the picture could not be made ({0})")]
    Png(String),
    /// The PDF could not be made.
    #[error("the PDF could not be made ({0})")]
    Pdf(String),
    /// Text in a script no bundled font draws; refused rather than printed
    /// as empty boxes.
    #[error(
        "the document has characters no bundled font can draw ({}): the fonts cover Latin, Greek, Cyrillic, Chinese, Japanese and Korean. Write those words in one of these scripts, or leave them out",
        .0.iter().map(|c| format!("\"{c}\" U+{:04X}", *c as u32)).collect::<Vec<_>>().join(", ")
    )]
    MissingGlyphs(Vec<char>),
}

/// Parses an SVG with the bundled fonts. Images come only from data
/// embedded in the document: a reference to a file or address (say, inside
/// a logo someone supplied) is ignored, never read.
pub fn parse(svg: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        fontdb: font_db(),
        font_family: SANS.to_owned(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    crate::guard::catch(|| usvg::Tree::from_str(svg, &options))
        .map_err(|detail| RenderError::Svg(format!("the drawing reader failed ({detail})")))?
        .map_err(|e| RenderError::Svg(e.to_string()))
}

/// A rendered picture: width, height and premultiplied RGBA pixels (for
/// previews in the window).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pixels {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Premultiplied RGBA, row by row.
    pub rgba: Vec<u8>,
}

/// Renders an SVG to pixels at `scale` pixels per point.
pub fn pixels(svg: &str, scale: f32) -> Result<Pixels, RenderError> {
    let pixmap = pixmap(svg, scale)?;
    Ok(Pixels {
        width: pixmap.width(),
        height: pixmap.height(),
        rgba: pixmap.take(),
    })
}

fn pixmap(svg: &str, scale: f32) -> Result<tiny_skia::Pixmap, RenderError> {
    pixmap_of(&parse(svg)?, scale)
}

/// Renders a parsed page at `scale` pixels per point.
fn pixmap_of(tree: &usvg::Tree, scale: f32) -> Result<tiny_skia::Pixmap, RenderError> {
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w.max(1), h.max(1))
        .ok_or_else(|| RenderError::Png(format!("{w}×{h} is too large")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    crate::guard::catch(|| {
        resvg::render(
            tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
    })
    .map_err(|detail| RenderError::Png(format!("the renderer failed ({detail})")))?;
    Ok(pixmap)
}

/// Renders an SVG to PNG bytes at `scale` pixels per point; refused when
/// its text has characters no bundled font draws.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    let tree = parse(svg)?;
    refuse_missing_glyphs(std::slice::from_ref(&tree))?;
    let pixmap = pixmap_of(&tree, scale)?;
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}

/// The language documents are written in (their headings and labels);
/// a reader's text-to-speech reads them with it.
pub const DOCUMENT_LANGUAGE: &str = "en";

/// Renders SVG pages into one PDF, each page the size of its SVG, with the
/// fonts embedded and the text selectable. The PDF is tagged, with its
/// language: each page is a paragraph whose text, in reading order (the
/// order it is laid out in), is given to screen readers as its actual text.
pub fn pdf(pages: &[String], title: &str) -> Result<Vec<u8>, RenderError> {
    let trees = parse_all(pages)?;
    refuse_missing_glyphs(&trees)?;
    let mut document = Document::new_with(krilla::SerializeSettings {
        enable_tagging: true,
        ..krilla::SerializeSettings::default()
    });
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_owned())
            .language(DOCUMENT_LANGUAGE.to_owned())
            .creator("Ratchet".to_owned()),
    );
    let mut tags = TagTree::new().with_lang(Some(DOCUMENT_LANGUAGE.to_owned()));
    for tree in &trees {
        let size = Size::from_wh(tree.size().width(), tree.size().height())
            .ok_or_else(|| RenderError::Pdf("a page has no size".into()))?;
        let text = page_text(tree);
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        let id = surface.start_tagged(ContentTag::Span(
            SpanTag::empty().with_actual_text(Some(&text)),
        ));
        let drawn = crate::guard::catch(|| surface.draw_svg(tree, size, SvgSettings::default()));
        surface.end_tagged();
        drawn
            .map_err(|detail| RenderError::Pdf(format!("the PDF writer failed ({detail})")))?
            .ok_or_else(|| RenderError::Pdf("a page could not be drawn".into()))?;
        surface.finish();
        page.finish();
        let mut paragraph = TagGroup::new(Tag::P);
        paragraph.push(id);
        tags.push(paragraph);
    }
    document.set_tag_tree(tags);
    crate::guard::catch(|| document.finish())
        .map_err(|detail| RenderError::Pdf(format!("the PDF writer failed ({detail})")))?
        .map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

/// A page's text in the order it was laid out, a line per text element.
fn page_text(tree: &usvg::Tree) -> String {
    fn collect(group: &usvg::Group, out: &mut Vec<String>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => collect(g, out),
                usvg::Node::Text(text) => {
                    let line: String = text.chunks().iter().map(|c| c.text()).collect();
                    if !line.trim().is_empty() {
                        out.push(line.trim().to_owned());
                    }
                }
                usvg::Node::Path(_) | usvg::Node::Image(_) => {}
            }
        }
    }
    let mut lines = Vec::new();
    collect(tree.root(), &mut lines);
    lines.join("\n")
}

/// The one glyph check every written document passes: the characters of
/// its text that neither the chosen font nor the fallback has.
fn refuse_missing_glyphs(pages: &[usvg::Tree]) -> Result<(), RenderError> {
    let mut missing = Vec::new();
    for page in pages {
        missing_in(page.root(), &mut missing);
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(RenderError::MissingGlyphs(missing))
    }
}

fn missing_in(group: &usvg::Group, missing: &mut Vec<char>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => missing_in(g, missing),
            usvg::Node::Text(text) => {
                for chunk in text.chunks() {
                    for span in chunk.spans() {
                        let part = chunk.text().get(span.start()..span.end()).unwrap_or("");
                        for c in missing_glyphs(part, spec_of(span.font())) {
                            if !missing.contains(&c) {
                                missing.push(c);
                            }
                        }
                    }
                }
            }
            usvg::Node::Path(_) | usvg::Node::Image(_) => {}
        }
    }
}

/// The bundled font a span of a page asks for.
fn spec_of(font: &usvg::Font) -> FontSpec {
    let serif = font.families().iter().any(|f| match f {
        usvg::FontFamily::Serif => true,
        usvg::FontFamily::Named(name) => name.contains("Serif"),
        _ => false,
    });
    FontSpec {
        serif,
        bold: font.weight() >= 600,
        italic: font.style() != usvg::FontStyle::Normal,
    }
}

/// Parses many pages, spread over the processor's cores (text layout is
/// most of the cost of a long document).
fn parse_all(pages: &[String]) -> Result<Vec<usvg::Tree>, RenderError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(pages.len())
        .max(1);
    if threads == 1 {
        return pages.iter().map(|p| parse(p)).collect();
    }
    let chunk = pages.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = pages
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|p| parse(p)).collect::<Result<Vec<_>, _>>())
            })
            .collect();
        let mut trees = Vec::with_capacity(pages.len());
        for w in workers {
            let part = w
                .join()
                .map_err(|_| RenderError::Svg("a page could not be laid out".into()))??;
            trees.extend(part);
        }
        Ok(trees)
    })
}

/// Keeps the bundled font database alive for callers that parse many pages.
pub fn shared_fonts() -> Arc<usvg::fontdb::Database> {
    font_db()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::svg::{Svg, TextStyle};

    fn sample() -> String {
        let mut svg = Svg::new(300.0, 120.0);
        svg.rect(
            0.0,
            0.0,
            300.0,
            120.0,
            "#ffffff",
            Some(("#333333", 2.0)),
            4.0,
        );
        svg.text(
            20.0,
            60.0,
            "Riverton — Ελλάδα — Москва",
            TextStyle::sans(14.0, "#000000"),
        );
        svg.finish()
    }

    #[test]
    fn a_document_never_reads_files_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let mut red = Svg::new(10.0, 10.0);
        red.rect(0.0, 0.0, 10.0, 10.0, "#ff0000", None, 0.0);
        let secret = dir.path().join("secret.png");
        std::fs::write(&secret, png(&red.finish(), 1.0).unwrap()).unwrap();
        let naming = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><image href="{}" width="20" height="20"/></svg>"#,
            secret.display()
        );
        let p = pixels(&naming, 1.0).unwrap();
        let red = p
            .rgba
            .chunks(4)
            .any(|px| px[0] > 200 && px[1] < 30 && px[2] < 30);
        assert!(!red, "the file on disk was read");
    }

    #[test]
    fn png_has_the_svg_size_times_scale() {
        let png = png(&sample(), 2.0).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
        assert_eq!((width, height), (600, 240));
    }

    fn page_saying(text: &str) -> String {
        let mut svg = Svg::new(300.0, 60.0);
        svg.text(20.0, 40.0, text, TextStyle::sans(14.0, "#000000"));
        svg.finish()
    }

    #[test]
    fn chinese_japanese_and_korean_are_drawn_with_the_fallback_font() {
        let page = page_saying("道路局 どうろ 도로");
        let pdf = pdf(std::slice::from_ref(&page), "CJK").unwrap();
        assert!(
            String::from_utf8_lossy(&pdf).contains("DroidSansFallback"),
            "the fallback font is embedded"
        );
        // Drawn, not left blank: the picture has ink where the text is.
        let p = pixels(&page, 1.0).unwrap();
        let ink = p.rgba.chunks(4).filter(|px| px[0] < 128).count();
        assert!(ink > 100, "only {ink} dark pixels");
    }

    #[test]
    fn text_no_font_draws_is_refused_in_every_written_document() {
        let page = page_saying("Riverton सड़क");
        let refused = pdf(std::slice::from_ref(&page), "Devanagari").unwrap_err();
        assert!(matches!(&refused, RenderError::MissingGlyphs(c) if c.contains(&'स')));
        let why = refused.to_string();
        assert!(why.contains("U+0938"), "{why}");
        assert!(matches!(
            png(&page, 1.0),
            Err(RenderError::MissingGlyphs(_))
        ));
        // Serif bold italic, too, is checked against the right face and the fallback.
        let mut svg = Svg::new(300.0, 60.0);
        svg.text(
            20.0,
            40.0,
            "Ελλάδα 道路",
            TextStyle::new(FontSpec::SERIF_ITALIC, 14.0, "#000000"),
        );
        assert!(png(&svg.finish(), 1.0).is_ok());
    }

    #[test]
    fn a_pdf_is_tagged_with_its_language_and_its_text_in_reading_order() {
        let pdf = pdf(
            &[page_saying("Riverton roads"), page_saying("Page two")],
            "Tagged",
        )
        .unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/MarkInfo"), "marked as tagged");
        assert!(text.contains("/StructTreeRoot"), "a structure tree");
        assert!(text.contains("/Lang(en)"), "its language, English");
        // Two pages, a paragraph each.
        assert_eq!(text.matches("/S/P/").count(), 2, "a paragraph per page");
    }

    #[test]
    fn pdf_embeds_its_fonts() {
        let pdf = pdf(&[sample(), sample()], "Test").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.contains("/FontFile")
                || text.contains("/FontFile2")
                || text.contains("/FontFile3"),
            "no embedded font program"
        );
    }
}
