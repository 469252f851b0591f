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

/// Draws the card at `scale`; returns the SVG, the lowest y used and the
/// lowest y allowed.
fn card_at(f: &Framework, paper: Paper, produced: NaiveDate, scale: f32) -> (String, f32, f32) {
    let (w, h) = portrait(paper);
    let margin = 44.0;
    let width = w - 2.0 * margin;
    let s = |v: f32| v * scale;
    let mut svg = headed_page(w, h, 8.0, (margin, 48.0), "PERFORMANCE FRAMEWORK");
    svg.text(
        w - margin,
        48.0,
        &format!("as of {}", produced.format("%-d %B %Y")),
        TextStyle::sans(8.5, MUTED).anchored(Anchor::End),
    );
    let mut y = 48.0 + 14.0;
    let (_, y_after) = svg.fitted(
        margin,
        y + s(20.0),
        f.agency.name.trim(),
        TextStyle::new(FontSpec::SERIF_BOLD, s(22.0), INK),
        s(12.0),
        width,
        2,
    );
    y = y_after + s(4.0);
    svg.line(margin, y, w - margin, y, RULE, 0.8, None);
    y += s(22.0);

    let label = |svg: &mut Svg, y: f32, text: &str| {
        svg.text(
            margin,
            y,
            text,
            TextStyle::sans(s(8.5), TEAL).bold().spaced(1.4),
        );
        y + s(16.0)
    };

    // 1. Mission.
    y = label(&mut svg, y, "1 · MISSION");
    let mission = f
        .mission
        .as_ref()
        .map_or("(not yet written)", |m| m.statement.trim());
    y = svg.paragraph(
        margin,
        y + s(4.0),
        mission,
        TextStyle::new(FontSpec::SERIF_ITALIC, s(15.0), INK),
        width,
        1.35,
    );
    y += s(12.0);

    // 2. Deficit.
    y = label(&mut svg, y, "2 · MOST CONSEQUENTIAL PERFORMANCE DEFICIT");
    let deficit = f
        .chosen_deficit()
        .map_or("(not yet chosen)", |d| d.display_title());
    y = svg.paragraph(
        margin,
        y + s(2.0),
        deficit,
        TextStyle::sans(s(12.0), INK).bold(),
        width,
        1.3,
    );
    if !f.choice.rationale.trim().is_empty() {
        y = svg.paragraph(
            margin,
            y + s(1.0),
            &format!("Why: {}", f.choice.rationale.trim()),
            TextStyle::sans(s(9.5), SOFT),
            width,
            1.35,
        );
    }
    y += s(12.0);

    // 3. Target with its path.
    y = label(&mut svg, y, "3 · SPECIFIC PERFORMANCE TARGET");
    if let Some(t) = &f.target {
        y = svg.paragraph(
            margin,
            y + s(2.0),
            &t.sentence(),
            TextStyle::sans(s(12.0), INK).bold(),
            width,
            1.3,
        );
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
        y = svg.paragraph(
            margin,
            y + s(1.0),
            &per,
            TextStyle::sans(s(9.5), SOFT),
            width,
            1.35,
        );
        y = target_path(&mut svg, (margin, y + s(6.0), width, s(84.0)), t, scale) + s(10.0);
    } else {
        y = svg.paragraph(
            margin,
            y + s(2.0),
            "(not yet set)",
            TextStyle::sans(s(12.0), MUTED),
            width,
            1.3,
        );
        y += s(10.0);
    }

    // 4. Theory chain.
    y = label(
        &mut svg,
        y,
        "4 · THEORY: HOW REACHING THE TARGET SERVES THE MISSION",
    );
    y += s(2.0);
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
    for (i, (title, sub)) in boxes.iter().enumerate() {
        let title_style = TextStyle::sans(s(10.5), INK).bold();
        let sub_style = TextStyle::sans(s(8.5), MUTED);
        let inner = width - s(24.0);
        let title_block = TextBlock::wrapped(title, title_style.font, title_style.size, inner, 1.3);
        let sub_block = TextBlock::wrapped(sub, sub_style.font, sub_style.size, inner, 1.3);
        let bh = s(10.0) + title_block.height() + sub_block.height() + s(6.0);
        let last = i + 1 == boxes.len();
        let fill = if i == 0 || last { "#e6eef6" } else { BOX };
        svg.rect(margin, y, width, bh, fill, Some((RULE, 0.8)), 4.0);
        let ty = svg.block(
            margin + s(12.0),
            y + s(8.0) + title_style.size,
            &title_block,
            title_style,
        );
        svg.block(margin + s(12.0), ty, &sub_block, sub_style);
        y += bh;
        if !last {
            // The arrow into the next box, with the assumption behind that link.
            let assumption = f
                .theory
                .get(if f.target.is_some() { i } else { i + 1 })
                .map(|st| st.assumption.trim())
                .filter(|a| !a.is_empty());
            let ah = match assumption {
                Some(a) => {
                    let style = TextStyle::new(FontSpec::SERIF_ITALIC, s(8.5), SOFT);
                    let because = if a.to_lowercase().starts_with("because") {
                        a.to_owned()
                    } else {
                        format!("because {a}")
                    };
                    let block =
                        TextBlock::wrapped(&because, style.font, style.size, width - s(60.0), 1.3);
                    let ly = svg.block(margin + s(44.0), y + s(6.0) + style.size, &block, style);
                    (ly - y).max(s(22.0))
                }
                None => s(22.0),
            };
            let ax = margin + s(24.0);
            svg.line(ax, y + s(2.0), ax, y + ah - s(4.0), NAVY, 1.4, None);
            svg.shape(
                &[
                    (ax - s(4.0), y + ah - s(9.0)),
                    (ax + s(4.0), y + ah - s(9.0)),
                    (ax, y + ah - s(2.0)),
                ],
                NAVY,
            );
            y += ah;
        }
    }
    let footer_y = h - 30.0;
    svg.line(
        margin,
        footer_y - 14.0,
        w - margin,
        footer_y - 14.0,
        RULE,
        0.6,
        None,
    );
    svg.text(
        margin,
        footer_y,
        "After Robert D. Behn's eleven better practices of performance leadership · made with Ratchet",
        TextStyle::sans(7.5, MUTED),
    );
    (svg.finish(), y, footer_y - 22.0)
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
