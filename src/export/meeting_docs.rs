//! The stat meeting's documents: the briefing book before it (agenda, each
//! attending team's chart and league position, its open flags and
//! follow-ups) and the one-page follow-up memo after it (PDF and plain text).

use super::charts::{legend, progress_chart};
use super::document::Document;
use super::fonts::FontSpec;
use super::page::{TEAL, headed_page};
use super::render::{self, RenderError};
use super::svg::{Anchor, Svg, TextStyle};
use super::text_layout::wrap;
use crate::analysis::snapshot::IndicatorSnapshot;
use crate::domain::meeting::{FollowUp, ItemKind, Meeting};

const INK: &str = "#1f2328";
const SOFT: &str = "#444c56";
const MUTED: &str = "#6b7280";
const RULE: &str = "#d0d7de";

const MARGIN: f32 = 48.0;

/// What the memo says.
#[derive(Clone, Debug, PartialEq)]
pub struct MemoInput {
    /// The paper (portrait).
    pub paper: crate::domain::certificate::Paper,
    /// The agency.
    pub agency: String,
    /// The meeting.
    pub meeting: Meeting,
    /// Names of the teams attending.
    pub teams: Vec<String>,
    /// Follow-ups raised at this meeting.
    pub raised: Vec<FollowUp>,
    /// Follow-ups resolved at this meeting.
    pub resolved: Vec<FollowUp>,
    /// Follow-ups from earlier meetings still open.
    pub still_open: Vec<FollowUp>,
}

fn follow_up_line(f: &FollowUp) -> String {
    format!(
        "{} — {}, due {}",
        f.text,
        f.owner,
        f.due.format("%-d %B %Y")
    )
}

/// The memo's sections: (heading, lines).
fn memo_sections(m: &MemoInput) -> Vec<(&'static str, Vec<String>)> {
    let decisions: Vec<String> = m
        .meeting
        .items
        .iter()
        .flat_map(|i| {
            i.decisions
                .iter()
                .map(move |d| format!("{} ({})", d, i.title))
        })
        .collect();
    vec![
        ("Decisions", decisions),
        ("Follow-ups", m.raised.iter().map(follow_up_line).collect()),
        (
            "Resolved at this meeting",
            m.resolved
                .iter()
                .map(|f| {
                    let how = if f.resolution.trim().is_empty() {
                        String::new()
                    } else {
                        format!(": {}", f.resolution.trim())
                    };
                    format!("{} — {} ({}){how}", f.text, f.owner, f.status.label())
                })
                .collect(),
        ),
        (
            "Still open from earlier meetings",
            m.still_open.iter().map(follow_up_line).collect(),
        ),
    ]
}

/// The memo as plain text, for e-mail.
pub fn memo_text(m: &MemoInput) -> String {
    let mut out = format!(
        "Follow-up memo — {}\n{} · {}\n",
        m.meeting.title,
        m.agency,
        m.meeting.held_on.format("%-d %B %Y")
    );
    if !m.teams.is_empty() {
        out.push_str(&format!("Teams: {}\n", m.teams.join(", ")));
    }
    for (heading, lines) in memo_sections(m) {
        out.push_str(&format!("\n{}\n", heading.to_uppercase()));
        if lines.is_empty() {
            out.push_str("- none\n");
        }
        for l in lines {
            out.push_str(&format!("- {l}\n"));
        }
    }
    out
}

/// The memo as a one-page document: everything shrinks together until it fits.
pub fn memo_document(m: &MemoInput) -> Document {
    let (w, h) = m.paper.portrait();
    let width = w - 2.0 * MARGIN;
    let sections = memo_sections(m);
    let body_height = h - 2.0 * MARGIN - 110.0;
    // The scale at which every section fits the page.
    let needed = |scale: f32| -> f32 {
        let size = 10.5 * scale;
        sections
            .iter()
            .map(|(_, lines)| {
                20.0 * scale
                    + lines
                        .iter()
                        .map(|l| {
                            wrap(&format!("• {l}"), FontSpec::SANS, size, width).len() as f32
                                * size
                                * 1.35
                        })
                        .sum::<f32>()
                        .max(size * 1.35)
                    + 8.0 * scale
            })
            .sum()
    };
    let mut scale = 1.0;
    while scale > 0.45 && needed(scale) > body_height {
        scale *= 0.93;
    }
    let mut problems = Vec::new();
    if needed(scale) > body_height {
        problems.push("The memo does not fit on one page even in small type; shorten the decisions or follow-ups.".to_owned());
    }
    let mut svg = headed_page(w, h, 6.0, (MARGIN, 46.0), "FOLLOW-UP MEMO");
    let (_, y) = svg.fitted(
        MARGIN,
        72.0,
        &m.meeting.title,
        TextStyle::new(FontSpec::SERIF_BOLD, 18.0, INK),
        11.0,
        width,
        2,
    );
    let mut y = svg.paragraph(
        MARGIN,
        y,
        &format!(
            "{} · {}{}",
            m.agency,
            m.meeting.held_on.format("%-d %B %Y"),
            if m.teams.is_empty() {
                String::new()
            } else {
                format!(" · {}", m.teams.join(", "))
            }
        ),
        TextStyle::sans(9.5, MUTED),
        width,
        1.3,
    ) + 4.0;
    svg.line(MARGIN, y, w - MARGIN, y, RULE, 0.8, None);
    y += 20.0 * scale;
    let size = 10.5 * scale;
    for (heading, lines) in &sections {
        svg.text(
            MARGIN,
            y,
            &heading.to_uppercase(),
            TextStyle::sans(8.5 * scale.max(0.8), TEAL)
                .bold()
                .spaced(1.2),
        );
        y += 14.0 * scale;
        if lines.is_empty() {
            svg.text(MARGIN, y, "None.", TextStyle::sans(size, MUTED));
            y += size * 1.35;
        }
        for l in lines {
            y = svg.paragraph(
                MARGIN,
                y,
                &format!("• {l}"),
                TextStyle::sans(size, INK),
                width,
                1.35,
            );
        }
        y += 8.0 * scale;
    }
    svg.text(
        MARGIN,
        h - 28.0,
        "Every open follow-up returns on the next meeting's agenda.",
        TextStyle::sans(7.5, MUTED),
    );
    Document {
        svg: svg.finish(),
        title: format!("Follow-up memo — {}", m.meeting.title),
        problems,
    }
}

/// One attending team's page of the briefing book.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamBrief {
    /// The team.
    pub name: String,
    /// "2nd of 6 on Potholes repaired within 48 hours: 86.7% (2026-W47), on track".
    pub position: String,
    /// The team's series on the framework's indicator, with the target path.
    pub snapshot: Option<IndicatorSnapshot>,
    /// Its open integrity flags.
    pub flags: Vec<String>,
    /// Its open follow-ups.
    pub follow_ups: Vec<String>,
    /// Its needs awaiting a decision.
    pub needs: Vec<String>,
}

/// What the briefing book holds.
#[derive(Clone, Debug, PartialEq)]
pub struct BriefingInput {
    /// The paper (portrait).
    pub paper: crate::domain::certificate::Paper,
    /// The agency.
    pub agency: String,
    /// The meeting with its agenda.
    pub meeting: Meeting,
    /// One page per attending team.
    pub teams: Vec<TeamBrief>,
    /// When the flags listed were found ("Integrity checks as of …").
    pub checks: String,
}

/// Starts the fresh page `svg` with its bar, kicker and title; returns the y below the title.
fn page_head(svg: &mut Svg, kicker: &str, title: &str) -> f32 {
    *svg = headed_page(svg.width(), svg.height(), 6.0, (MARGIN, 46.0), kicker);
    let (_, y) = svg.fitted(
        MARGIN,
        74.0,
        title,
        TextStyle::new(FontSpec::SERIF_BOLD, 20.0, INK),
        11.0,
        svg.width() - 2.0 * MARGIN,
        2,
    );
    y
}

/// A document's pages as they are written: text flows onto a further page,
/// headed "(continued)", when it overruns the current one.
struct FlowingPages<'a> {
    pages: &'a mut Vec<String>,
    svg: Svg,
    y: f32,
    kicker: &'a str,
    title: String,
}

impl<'a> FlowingPages<'a> {
    /// Starts a page headed `kicker` and `title`.
    fn new(pages: &'a mut Vec<String>, size: (f32, f32), kicker: &'a str, title: String) -> Self {
        let mut svg = Svg::new(size.0, size.1);
        let y = page_head(&mut svg, kicker, &title);
        FlowingPages {
            pages,
            svg,
            y,
            kicker,
            title,
        }
    }

    /// Writes `text` in lines that fit the page's width.
    fn text(&mut self, text: &str, style: TextStyle<'_>) {
        let width = self.svg.width() - 2.0 * MARGIN;
        for line in wrap(text, style.font, style.size, width) {
            if self.y > self.svg.height() - MARGIN {
                let blank = Svg::new(self.svg.width(), self.svg.height());
                self.pages
                    .push(std::mem::replace(&mut self.svg, blank).finish());
                let continued = format!("{} (continued)", self.title);
                self.y = page_head(&mut self.svg, self.kicker, &continued) + 10.0;
            }
            self.svg.text(MARGIN, self.y, &line, style);
            self.y += style.size * 1.35;
        }
    }

    /// A section's heading, in small capitals.
    fn heading(&mut self, heading: &str) {
        self.y += 6.0;
        self.text(
            &heading.to_uppercase(),
            TextStyle::sans(9.0, TEAL).bold().spaced(1.2),
        );
    }

    /// Ends the last page.
    fn finish(self) {
        self.pages.push(self.svg.finish());
    }
}

/// The briefing book's pages: the agenda, then one page per attending team.
pub fn briefing_pages(b: &BriefingInput) -> Vec<String> {
    let mut pages = Vec::new();
    agenda_pages(b, &mut pages);
    for t in &b.teams {
        team_pages(b, t, &mut pages);
    }
    pages
}

const BRIEFING: &str = "BRIEFING BOOK";

/// The agenda: who attends, then the items by kind, numbered.
fn agenda_pages(b: &BriefingInput, pages: &mut Vec<String>) {
    let title = format!(
        "{} — {}",
        b.meeting.title,
        b.meeting.held_on.format("%-d %B %Y")
    );
    let mut doc = FlowingPages::new(pages, b.paper.portrait(), BRIEFING, title);
    let teams: Vec<&str> = b.teams.iter().map(|t| t.name.as_str()).collect();
    let attending = if teams.is_empty() {
        "all teams".to_owned()
    } else {
        teams.join(", ")
    };
    doc.text(
        &format!("{} · attending: {attending}", b.agency),
        TextStyle::sans(9.5, MUTED),
    );
    doc.y += 10.0;
    let mut n = 0;
    for kind in ItemKind::ALL {
        let items: Vec<_> = b.meeting.items.iter().filter(|i| i.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        doc.heading(kind.heading());
        for item in items {
            n += 1;
            doc.text(&format!("{n}. {}", item.title), TextStyle::sans(10.5, INK));
            if !item.detail.trim().is_empty() {
                doc.text(&item.detail, TextStyle::sans(8.5, SOFT));
            }
        }
    }
    doc.finish();
}

/// One attending team: its position, its progress chart, and what is open
/// for it (follow-ups, integrity flags, needs).
fn team_pages(b: &BriefingInput, t: &TeamBrief, pages: &mut Vec<String>) {
    let page = b.paper.portrait();
    let title = format!("{} — {}", t.name, b.meeting.held_on.format("%-d %B %Y"));
    let mut doc = FlowingPages::new(pages, page, BRIEFING, title);
    doc.text(&t.position, TextStyle::sans(11.0, INK).bold());
    if let Some(snap) = &t.snapshot {
        doc.y += 6.0;
        let width = page.0 - 2.0 * MARGIN;
        progress_chart(&mut doc.svg, (MARGIN, doc.y, width, 210.0), snap);
        doc.y += 222.0;
        doc.y = legend(&mut doc.svg, (MARGIN, doc.y, width), snap) + 8.0;
    }
    for (heading, lines) in [
        ("Open follow-ups", &t.follow_ups),
        ("Open integrity flags", &t.flags),
        ("Needs awaiting a decision", &t.needs),
    ] {
        doc.heading(heading);
        if std::ptr::eq(lines, &t.flags) {
            doc.text(&b.checks, TextStyle::sans(9.0, MUTED));
        }
        if lines.is_empty() {
            doc.text("None.", TextStyle::sans(10.0, MUTED));
        }
        for l in lines.iter() {
            doc.text(&format!("• {l}"), TextStyle::sans(10.0, INK));
        }
    }
    let (width, height) = (doc.svg.width(), doc.svg.height());
    doc.svg.text(
        width - MARGIN,
        height - 24.0,
        &b.agency,
        TextStyle::sans(7.5, MUTED).anchored(Anchor::End),
    );
    doc.finish();
}

/// The briefing book as a PDF.
pub fn briefing_pdf(b: &BriefingInput) -> Result<Vec<u8>, RenderError> {
    render::pdf(
        &briefing_pages(b),
        &format!("Briefing book — {}", b.meeting.title),
    )
}
