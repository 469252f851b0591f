//! One page summarising Behn's eleven better practices in their three
//! phases: the second page of a workshop participant's take-home.

use super::document::Document;
use super::fonts::FontSpec;
use super::page::{NAVY, TEAL, first_that_fits, headed_page};
use super::svg::{Anchor, TextStyle};
use crate::domain::certificate::Paper;
use crate::domain::practices::{CREDIT, PHASES, PRACTICES};

const INK: &str = "#1f2328";
const SOFT: &str = "#444c56";
const MUTED: &str = "#6b7280";
const RULE: &str = "#d0d7de";

/// Lays out the eleven practices on one portrait page.
pub fn practices_sheet(paper: Paper) -> Document {
    let fitted = first_that_fits(&[1.0, 0.94, 0.88, 0.82, 0.76, 0.7], |scale| {
        sheet_at(paper, scale)
    });
    let (svg, problems) = match fitted {
        Some(svg) => (svg, Vec::new()),
        None => (
            sheet_at(paper, 0.7).0,
            vec!["The practices do not fit on one page of this paper size.".to_owned()],
        ),
    };
    Document {
        svg,
        title: "The eleven better practices of performance leadership".to_owned(),
        problems,
    }
}

/// Draws the sheet at `scale`; returns the SVG, the lowest y used and the
/// lowest y allowed.
fn sheet_at(paper: Paper, scale: f32) -> (String, f32, f32) {
    let (w, h) = super::card::portrait(paper);
    let margin = 44.0;
    let width = w - 2.0 * margin;
    let s = |v: f32| v * scale;
    let mut svg = headed_page(w, h, 8.0, (margin, 48.0), "PERFORMANCE LEADERSHIP");
    let mut y = svg.paragraph(
        margin,
        48.0 + s(26.0),
        "Eleven better practices that ratchet up performance",
        TextStyle::new(FontSpec::SERIF_BOLD, s(20.0), INK),
        width,
        1.2,
    );
    svg.line(margin, y, w - margin, y, RULE, 0.8, None);
    y += s(8.0);
    let indent = s(26.0);
    for (index, phase) in PHASES.iter().enumerate() {
        y += s(14.0);
        svg.text(
            margin,
            y,
            &format!("PHASE {} · {}", phase.numeral, phase.title.to_uppercase()),
            TextStyle::sans(s(9.0), TEAL).bold().spaced(1.2),
        );
        y = svg.paragraph(
            margin,
            y + s(14.0),
            phase.question,
            TextStyle::new(FontSpec::SERIF_ITALIC, s(11.0), SOFT),
            width,
            1.3,
        );
        for practice in PRACTICES.iter().filter(|p| p.phase == index) {
            y += s(6.0);
            svg.circle(margin + s(8.0), y + s(2.0), s(9.0), NAVY);
            svg.text(
                margin + s(8.0),
                y + s(5.5),
                &practice.number.to_string(),
                TextStyle::sans(s(9.0), "#ffffff")
                    .bold()
                    .anchored(Anchor::Middle),
            );
            y = svg.paragraph(
                margin + indent,
                y + s(6.0),
                practice.title,
                TextStyle::sans(s(11.0), INK).bold(),
                width - indent,
                1.25,
            );
            y = svg.paragraph(
                margin + indent,
                y + s(1.0),
                practice.explanation,
                TextStyle::sans(s(9.0), SOFT),
                width - indent,
                1.35,
            );
        }
    }
    let footer = h - 30.0;
    svg.paragraph(
        margin,
        footer,
        CREDIT,
        TextStyle::sans(7.0, MUTED),
        width,
        1.3,
    );
    (svg.finish(), y, footer - 14.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_practice_fits_on_one_page_of_either_paper() {
        for paper in [Paper::A4, Paper::Letter] {
            let doc = practices_sheet(paper);
            assert!(doc.problems.is_empty(), "{paper:?}: {:?}", doc.problems);
            for p in PRACTICES {
                assert!(
                    doc.svg.contains(&super::super::svg::escape(p.title)),
                    "{paper:?} lacks practice {}",
                    p.number
                );
            }
        }
    }
}
