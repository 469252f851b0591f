//! The mission poster (practice 1: proclaim the mission clearly and
//! frequently): the mission large, the agency's name, the target beneath.

use super::card::{glyph_report, portrait};
use super::document::Document;
use super::fonts::FontSpec;
use super::page::NAVY;
use super::svg::{Anchor, Svg, TextStyle};
use super::text_layout::{TextBlock, fit_height};
use crate::domain::Framework;
use crate::domain::certificate::Paper;

const GOLD: &str = "#b8963e";
const CREAM: &str = "#fdfaf2";
const INK: &str = "#1f2328";
const SOFT: &str = "#444c56";

/// Lays out the poster; a framework without a mission cannot have one.
pub fn mission_poster(framework: &Framework, paper: Paper) -> Document {
    let (w, h) = portrait(paper);
    let mut problems = Vec::new();
    let mission = framework
        .mission
        .as_ref()
        .map(|m| m.statement.trim().to_owned())
        .unwrap_or_default();
    if mission.is_empty() {
        problems.push("Write the mission first (practice 1).".to_owned());
    }
    let mut texts = vec![
        (
            "agency name",
            framework.agency.name.clone(),
            FontSpec::SANS_BOLD,
        ),
        ("mission", mission.clone(), FontSpec::SERIF_BOLD),
    ];
    if let Some(t) = &framework.target {
        texts.push(("target", t.sentence(), FontSpec::SANS));
    }
    problems.extend(glyph_report(&texts, "poster"));

    let mut svg = Svg::new(w, h);
    svg.rect(0.0, 0.0, w, h, CREAM, None, 0.0);
    svg.rect(
        18.0,
        18.0,
        w - 36.0,
        h - 36.0,
        "none",
        Some((NAVY, 6.0)),
        0.0,
    );
    let cx = w / 2.0;
    let width = w - 130.0;
    svg.fitted(
        cx,
        110.0,
        &framework.agency.name.trim().to_uppercase(),
        TextStyle::sans(13.0, NAVY)
            .bold()
            .anchored(Anchor::Middle)
            .spaced(2.5),
        7.0,
        width,
        1,
    );
    svg.line(cx - 40.0, 132.0, cx + 40.0, 132.0, GOLD, 2.0, None);
    svg.text(
        cx,
        172.0,
        "Our mission",
        TextStyle::new(FontSpec::SERIF_ITALIC, 16.0, SOFT).anchored(Anchor::Middle),
    );
    // The mission as large as it fits in the upper two thirds.
    let box_top = 200.0;
    let box_bottom = h * 0.7;
    let (size, lines, room) = fit_height(
        &mission,
        FontSpec::SERIF_BOLD,
        (46.0, 14.0),
        width,
        box_bottom - box_top,
        1.25,
    );
    if lines.len() > room {
        problems.push("The mission is too long for the poster; shorten it.".to_owned());
    }
    let block = TextBlock {
        lines,
        size,
        line_height: 1.25,
    };
    let y = box_top + ((box_bottom - box_top - block.height()) / 2.0).max(0.0) + size;
    let style = TextStyle::new(FontSpec::SERIF_BOLD, size, INK).anchored(Anchor::Middle);
    svg.block(cx, y, &block, style);
    if let Some(t) = &framework.target {
        let ty = h * 0.76;
        svg.line(
            cx - 120.0,
            ty - 26.0,
            cx + 120.0,
            ty - 26.0,
            GOLD,
            1.0,
            None,
        );
        svg.text(
            cx,
            ty,
            "OUR TARGET",
            TextStyle::sans(10.0, NAVY)
                .bold()
                .anchored(Anchor::Middle)
                .spaced(2.0),
        );
        svg.fitted(
            cx,
            ty + 26.0,
            &t.sentence(),
            TextStyle::sans(15.0, INK).anchored(Anchor::Middle),
            9.0,
            width,
            3,
        );
    }
    Document {
        svg: svg.finish(),
        title: format!("Mission — {}", framework.agency.name.trim()),
        problems,
    }
}
