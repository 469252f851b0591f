//! The performance framework card (practices 1–4 on one page): mission,
//! the chosen deficit, the target with its path, and the theory chain from
//! target to mission — the take-home sheet of a workshop.

use chrono::NaiveDate;

use super::document::Document;
use super::fonts::{FontSpec, missing_glyphs};
use super::page::{NAVY, TEAL, first_that_fits, headed_page};
use super::svg::{Anchor, Svg, TextStyle};
use super::text_layout::TextBlock;
use crate::analysis::target_path::implied_pace;
use crate::domain::Framework;
use crate::domain::certificate::Paper;
use crate::domain::number::format_number;
use crate::domain::target::with_unit;

const INK: &str = "#1f2328";
const SOFT: &str = "#444c56";
const MUTED: &str = "#6b7280";
const RULE: &str = "#d0d7de";
const BOX: &str = "#f3f6f9";

/// Portrait page size in points.
pub fn portrait(paper: Paper) -> (f32, f32) {
    let (w, h) = paper.size();
    (h, w)
}

/// Lays out the framework card for `framework` as it stood on `produced`.
pub fn framework_card(framework: &Framework, paper: Paper, produced: NaiveDate) -> Document {
    let mut problems = Vec::new();
    if framework.mission.is_none() {
        problems.push("Write the mission first (practice 1).".to_owned());
    }
    if framework.target.is_none() {
        problems.push("Set the target first (practice 3).".to_owned());
    }
    problems.extend(card_glyph_problems(framework));
    // Shrink everything together until the card fits one page.
    let fitted = first_that_fits(&[1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6], |scale| {
        card_at(framework, paper, produced, scale)
    });
    let svg = match fitted {
        Some(svg) => svg,
        None => {
            problems.push(
                "The framework is too long for one page; shorten the theory steps or the deficit's rationale."
                    .to_owned(),
            );
            card_at(framework, paper, produced, 0.6).0
        }
    };
    Document {
        svg,
        title: format!("Performance framework — {}", framework.agency.name.trim()),
        problems,
    }
}

fn card_glyph_problems(f: &Framework) -> Vec<String> {
    let mut texts: Vec<(&str, String, FontSpec)> =
        vec![("agency name", f.agency.name.clone(), FontSpec::SERIF_BOLD)];
    if let Some(m) = &f.mission {
        texts.push(("mission", m.statement.clone(), FontSpec::SERIF_ITALIC));
    }
    if let Some(d) = f.chosen_deficit() {
        texts.push(("deficit", d.display_title().to_owned(), FontSpec::SANS_BOLD));
    }
    texts.push((
        "deficit's rationale",
        f.choice.rationale.clone(),
        FontSpec::SANS,
    ));
    if let Some(t) = &f.target {
        texts.push(("target", t.sentence(), FontSpec::SANS_BOLD));
    }
    for s in &f.theory {
        texts.push((
            "theory",
            format!("{} {}", s.outcome, s.measured_by),
            FontSpec::SANS_BOLD,
        ));
        texts.push(("theory", s.assumption.clone(), FontSpec::SERIF_ITALIC));
    }
    glyph_report(&texts, "card")
}

/// "The mission contains characters the card's fonts cannot print: …", per field.
pub(crate) fn glyph_report(texts: &[(&str, String, FontSpec)], what: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (field, text, font) in texts {
        let missing = missing_glyphs(text, *font);
        if !missing.is_empty() {
            let shown: Vec<String> = missing
                .iter()
                .map(|c| format!("\"{c}\" (U+{:04X})", u32::from(*c)))
                .collect();
            let line = format!(
                "The {field} contains characters the {what}'s fonts cannot print: {}. Replace them.",
                shown.join(", ")
            );
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    out
}

/// Where the card's sections are drawn: the page, its left margin and text
/// width, and the scale every size is multiplied by (shrunk until it fits).
struct Column {
    svg: Svg,
    margin: f32,
    width: f32,
    scale: f32,
}

impl Column {
    /// A size at this scale.
    fn s(&self, v: f32) -> f32 {
        v * self.scale
    }

    /// A section's numbered label; returns the y below it.
    fn label(&mut self, y: f32, text: &str) -> f32 {
        let style = TextStyle::sans(self.s(8.5), TEAL).bold().spaced(1.4);
        self.svg.text(self.margin, y, text, style);
        y + self.s(16.0)
    }

    /// A wrapped paragraph; returns the baseline after it.
    fn paragraph(&mut self, y: f32, text: &str, style: TextStyle<'_>, line_height: f32) -> f32 {
        let (margin, width) = (self.margin, self.width);
        self.svg
            .paragraph(margin, y, text, style, width, line_height)
    }
}

/// Draws the card at `scale`; returns the SVG, the lowest y used and the
/// lowest y allowed.
fn card_at(f: &Framework, paper: Paper, produced: NaiveDate, scale: f32) -> (String, f32, f32) {
    let (w, h) = portrait(paper);
    let margin = 44.0;
    let mut c = Column {
        svg: headed_page(w, h, 8.0, (margin, 48.0), "PERFORMANCE FRAMEWORK"),
        margin,
        width: w - 2.0 * margin,
        scale,
    };
    c.svg.text(
        w - margin,
        48.0,
        &format!("as of {}", produced.format("%-d %B %Y")),
        TextStyle::sans(8.5, MUTED).anchored(Anchor::End),
    );
    let (_, y_after) = c.svg.fitted(
        margin,
        48.0 + 14.0 + c.s(20.0),
        f.agency.name.trim(),
        TextStyle::new(FontSpec::SERIF_BOLD, c.s(22.0), INK),
        c.s(12.0),
        c.width,
        2,
    );
    let y = y_after + c.s(4.0);
    c.svg.line(margin, y, w - margin, y, RULE, 0.8, None);
    let y = y + c.s(22.0);
    let y = mission_section(&mut c, f, y);
    let y = deficit_section(&mut c, f, y);
    let y = target_section(&mut c, f, y);
    let y = theory_section(&mut c, f, y);
    let footer_y = h - 30.0;
    c.svg.line(
        margin,
        footer_y - 14.0,
        w - margin,
        footer_y - 14.0,
        RULE,
        0.6,
        None,
    );
    c.svg.text(
        margin,
        footer_y,
        "After Robert D. Behn's eleven better practices of performance leadership · made with Ratchet",
        TextStyle::sans(7.5, MUTED),
    );
    (c.svg.finish(), y, footer_y - 22.0)
}

/// Section 1, the mission in its own words; returns the y below it.
fn mission_section(c: &mut Column, f: &Framework, y: f32) -> f32 {
    let y = c.label(y, "1 · MISSION");
    let mission = f
        .mission
        .as_ref()
        .map_or("(not yet written)", |m| m.statement.trim());
    let style = TextStyle::new(FontSpec::SERIF_ITALIC, c.s(15.0), INK);
    c.paragraph(y + c.s(4.0), mission, style, 1.35) + c.s(12.0)
}

/// Section 2, the chosen deficit and why; returns the y below it.
fn deficit_section(c: &mut Column, f: &Framework, y: f32) -> f32 {
    let y = c.label(y, "2 · MOST CONSEQUENTIAL PERFORMANCE DEFICIT");
    let deficit = f
        .chosen_deficit()
        .map_or("(not yet chosen)", |d| d.display_title());
    let style = TextStyle::sans(c.s(12.0), INK).bold();
    let mut y = c.paragraph(y + c.s(2.0), deficit, style, 1.3);
    if !f.choice.rationale.trim().is_empty() {
        let why = format!("Why: {}", f.choice.rationale.trim());
        let style = TextStyle::sans(c.s(9.5), SOFT);
        y = c.paragraph(y + c.s(1.0), &why, style, 1.35);
    }
    y + c.s(12.0)
}

/// Section 3, the target, the pace its path asks for and the path drawn;
/// returns the y below it.
fn target_section(c: &mut Column, f: &Framework, y: f32) -> f32 {
    let y = c.label(y, "3 · SPECIFIC PERFORMANCE TARGET");
    let Some(t) = &f.target else {
        let style = TextStyle::sans(c.s(12.0), MUTED);
        return c.paragraph(y + c.s(2.0), "(not yet set)", style, 1.3) + c.s(10.0);
    };
    let style = TextStyle::sans(c.s(12.0), INK).bold();
    let y = c.paragraph(y + c.s(2.0), &t.sentence(), style, 1.3);
    let pace = implied_pace(t);
    // A change in a percentage is in points, not percent.
    let change = if t.unit.trim() == "%" {
        format!(
            "{} percentage points",
            format_number(pace.change_per_period, 2)
        )
    } else {
        with_unit(pace.change_per_period, &t.unit)
    };
    let per = format!(
        "The path asks for {}{change} per {} over {} {}s.",
        if pace.change_per_period > 0.0 {
            "+"
        } else {
            ""
        },
        t.frequency.noun(),
        pace.periods,
        t.frequency.noun()
    );
    let y = c.paragraph(y + c.s(1.0), &per, TextStyle::sans(c.s(9.5), SOFT), 1.35);
    let area = (c.margin, y + c.s(6.0), c.width, c.s(84.0));
    target_path(&mut c.svg, area, t, c.scale) + c.s(10.0)
}

/// Section 4, the theory as a chain of boxes from the target to the mission, each
/// arrow with the assumption behind that link; returns the y below it.
fn theory_section(c: &mut Column, f: &Framework, y: f32) -> f32 {
    let mut y = c.label(y, "4 · THEORY: HOW REACHING THE TARGET SERVES THE MISSION") + c.s(2.0);
    let boxes = theory_boxes(f);
    for (i, (title, sub)) in boxes.iter().enumerate() {
        let last = i + 1 == boxes.len();
        y = theory_box(c, y, (title, sub), i == 0 || last);
        if !last {
            // The assumption behind the link into the next box.
            let assumption = f
                .theory
                .get(if f.target.is_some() { i } else { i + 1 })
                .map(|st| st.assumption.trim())
                .filter(|a| !a.is_empty());
            y = theory_arrow(c, y, assumption);
        }
    }
    y
}

/// The chain's boxes, (title, what measures it): the target, each outcome,
/// and the mission itself.
fn theory_boxes(f: &Framework) -> Vec<(String, String)> {
    let mut boxes: Vec<(String, String)> = Vec::new();
    if let Some(t) = &f.target {
        boxes.push((
            format!("Target: {}", t.indicator_name.trim()),
            String::new(),
        ));
    }
    for step in &f.theory {
        let measured = if step.measured_by.trim().is_empty() {
            String::new()
        } else {
            format!("measured by {}", step.measured_by.trim())
        };
        boxes.push((step.outcome.trim().to_owned(), measured));
    }
    // The chain ends at the mission itself, in its own words.
    boxes.push(match f.mission.as_ref().map(|m| m.statement.trim()) {
        Some(m) if !m.is_empty() => (m.to_owned(), "the mission".to_owned()),
        _ => ("The mission (not yet written)".to_owned(), String::new()),
    });
    boxes
}

/// One box of the chain, sized around its wrapped text; returns the y below it.
fn theory_box(c: &mut Column, y: f32, (title, sub): (&str, &str), end: bool) -> f32 {
    let title_style = TextStyle::sans(c.s(10.5), INK).bold();
    let sub_style = TextStyle::sans(c.s(8.5), MUTED);
    let inner = c.width - c.s(24.0);
    let title_block = TextBlock::wrapped(title, title_style.font, title_style.size, inner, 1.3);
    let sub_block = TextBlock::wrapped(sub, sub_style.font, sub_style.size, inner, 1.3);
    let bh = c.s(10.0) + title_block.height() + sub_block.height() + c.s(6.0);
    let fill = if end { "#e6eef6" } else { BOX };
    c.svg
        .rect(c.margin, y, c.width, bh, fill, Some((RULE, 0.8)), 4.0);
    let x = c.margin + c.s(12.0);
    let ty = c.svg.block(
        x,
        y + c.s(8.0) + title_style.size,
        &title_block,
        title_style,
    );
    c.svg.block(x, ty, &sub_block, sub_style);
    y + bh
}

/// The arrow into the next box, with the assumption behind that link;
/// returns the y below it.
fn theory_arrow(c: &mut Column, y: f32, assumption: Option<&str>) -> f32 {
    let ah = match assumption {
        Some(a) => {
            let style = TextStyle::new(FontSpec::SERIF_ITALIC, c.s(8.5), SOFT);
            let because = if a.to_lowercase().starts_with("because") {
                a.to_owned()
            } else {
                format!("because {a}")
            };
            let block =
                TextBlock::wrapped(&because, style.font, style.size, c.width - c.s(60.0), 1.3);
            let x = c.margin + c.s(44.0);
            let ly = c.svg.block(x, y + c.s(6.0) + style.size, &block, style);
            (ly - y).max(c.s(22.0))
        }
        None => c.s(22.0),
    };
    let ax = c.margin + c.s(24.0);
    c.svg
        .line(ax, y + c.s(2.0), ax, y + ah - c.s(4.0), NAVY, 1.4, None);
    c.svg.shape(
        &[
            (ax - c.s(4.0), y + ah - c.s(9.0)),
            (ax + c.s(4.0), y + ah - c.s(9.0)),
            (ax, y + ah - c.s(2.0)),
        ],
        NAVY,
    );
    y + ah
}

/// A small chart of the straight path from baseline to target; returns the y below it.
fn target_path(
    svg: &mut Svg,
    (x, y, w, h): (f32, f32, f32, f32),
    t: &crate::domain::Target,
    scale: f32,
) -> f32 {
    let left = x + 70.0 * scale;
    let right = x + w - 70.0 * scale;
    let (top, bottom) = (y + 14.0 * scale, y + h - 18.0 * scale);
    let higher = t.target_value >= t.baseline_value;
    let (by, ty) = if higher { (bottom, top) } else { (top, bottom) };
    svg.rect(x, y, w, h, "#fbfcfd", Some((RULE, 0.6)), 4.0);
    svg.line(left, by, right, ty, NAVY, 2.0 * scale, Some("6 4"));
    svg.circle(left, by, 4.0 * scale, NAVY);
    svg.circle(right, ty, 4.5 * scale, TEAL);
    let v = |value: f64| with_unit(value, &t.unit);
    let small = TextStyle::sans(8.5 * scale, SOFT);
    svg.text(
        left - 8.0 * scale,
        by + 3.0,
        &v(t.baseline_value),
        small.anchored(Anchor::End).bold(),
    );
    svg.text(
        right + 8.0 * scale,
        ty + 3.0,
        &v(t.target_value),
        small.bold(),
    );
    svg.text(
        left,
        y + h - 5.0 * scale,
        &format!("baseline {}", t.baseline_date.format("%-d %b %Y")),
        TextStyle::sans(8.0 * scale, MUTED),
    );
    svg.text(
        right,
        y + h - 5.0 * scale,
        &format!("deadline {}", t.deadline.format("%-d %b %Y")),
        TextStyle::sans(8.0 * scale, MUTED).anchored(Anchor::End),
    );
    y + h
}
