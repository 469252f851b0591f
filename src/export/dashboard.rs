//! The public dashboard (practice 5: "publish the data so that every team
//! knows that you know how well every team is doing"): the agency, its
//! mission and target, and for each indicator every team's progress and the
//! league table — as a self-contained HTML page (inline SVG, no external
//! link, readable on a phone, printable) and as a PDF from SVG pages.

use std::path::Path;

use chrono::NaiveDate;

use super::charts::{legend, progress_chart, sparkline};
use super::fonts::FontSpec;
use super::render::{RenderError, pdf};
use super::svg::{Anchor, Svg, TextStyle, escape};
use crate::analysis::progress::Status;
use crate::analysis::snapshot::IndicatorSnapshot;
use crate::domain::target::with_unit;
use crate::domain::{IndicatorId, TeamId};
use crate::storage::StorageError;

/// What to include.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DashboardOptions {
    /// Indicators (empty: all).
    pub indicators: Vec<IndicatorId>,
    /// Teams (empty: all active teams).
    pub teams: Vec<TeamId>,
    /// Include periods starting on or before this date (default: today).
    pub as_of: Option<NaiveDate>,
    /// The date printed as "produced" (default: today).
    pub produced: Option<NaiveDate>,
    /// The paper of the PDF's pages (landscape).
    pub paper: crate::domain::certificate::Paper,
}

/// Everything the dashboard shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    /// The agency.
    pub agency: String,
    /// The mission in force.
    pub mission: Option<String>,
    /// The framework target as a sentence.
    pub target: Option<String>,
    /// When it was produced.
    pub produced: NaiveDate,
    /// Data up to this date.
    pub as_of: NaiveDate,
    /// Where the data come from.
    pub source: String,
    /// One section per indicator.
    pub sections: Vec<IndicatorSnapshot>,
    /// The paper of the PDF's pages (landscape).
    pub paper: crate::domain::certificate::Paper,
}

/// Why a dashboard could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum DashboardError {
    /// The workbook could not be read.
    #[error("{0}")]
    Storage(#[from] StorageError),
    /// The PDF could not be made.
    #[error("{0}")]
    Render(#[from] RenderError),
    /// A file could not be written.
    #[error("{path} could not be written: {reason}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Nothing to show.
    #[error("{0}")]
    Empty(String),
}

impl Dashboard {
    /// The self-contained HTML page.
    pub fn html(&self) -> String {
        let mut h = String::with_capacity(64 * 1024);
        h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        h.push_str(&format!(
            "<title>{} — performance dashboard</title>\n",
            escape(&self.agency)
        ));
        h.push_str(&format!("<style>{}</style>\n</head>\n<body>\n", CSS));
        h.push_str("<header>\n");
        h.push_str(&format!("<h1>{}</h1>\n", escape(&self.agency)));
        if let Some(m) = &self.mission {
            h.push_str(&format!(
                "<p class=\"mission\"><span class=\"label\">Mission</span> {}</p>\n",
                escape(m)
            ));
        }
        if let Some(t) = &self.target {
            h.push_str(&format!(
                "<p class=\"target\"><span class=\"label\">Target</span> {}</p>\n",
                escape(t)
            ));
        }
        h.push_str(&format!(
            "<p class=\"meta\">Produced {} · data as of {}</p>\n</header>\n<main>\n",
            self.produced.format("%-d %B %Y"),
            self.as_of.format("%-d %B %Y")
        ));
        for snap in &self.sections {
            h.push_str(&section_html(snap));
        }
        h.push_str("</main>\n<footer>\n");
        h.push_str(&format!(
            "<p><span class=\"label\">Source</span> {}</p>\n",
            escape(&self.source)
        ));
        h.push_str("<p>Status compares each team's latest value with a straight path from the baseline to the target: ★ target met, ● on track, ▲ at risk, ■ off track, ○ not reported.</p>\n");
        h.push_str("<p>Produced with Ratchet, after Robert D. Behn's eleven better practices of performance leadership.</p>\n</footer>\n</body>\n</html>\n");
        h
    }

    /// The PDF pages as SVG (landscape, on the chosen paper).
    pub fn pages(&self) -> Vec<String> {
        let (page_w, page_h) = self.paper.size();
        let mut pages = Vec::new();
        let mut page_no = 0;
        for (i, snap) in self.sections.iter().enumerate() {
            let mut rows = &snap.league[..];
            let mut first = true;
            loop {
                page_no += 1;
                let mut svg = Svg::new(page_w, page_h);
                let mut y = self.page_header(&mut svg, page_no);
                if i == 0 && first {
                    y = self.framework_block(&mut svg, y);
                }
                if first {
                    y = indicator_heading(&mut svg, y, snap);
                    let chart_h = 190.0_f32.min(page_h - y - 160.0).max(120.0);
                    progress_chart(&mut svg, (MARGIN, y, page_w - 2.0 * MARGIN, chart_h), snap);
                    y = legend(
                        &mut svg,
                        (
                            MARGIN + 44.0,
                            y + chart_h + 12.0,
                            page_w - 2.0 * MARGIN - 44.0,
                        ),
                        snap,
                    ) + 6.0;
                } else {
                    svg.text(
                        MARGIN,
                        y + 12.0,
                        &format!("{} (continued)", snap.indicator.name),
                        TextStyle::sans(12.0, INK).bold(),
                    );
                    y += 24.0;
                }
                let fit = (((page_h - MARGIN - y - ROW_H) / ROW_H).floor().max(1.0)) as usize;
                let (now, rest) = rows.split_at(fit.min(rows.len()));
                league_table(&mut svg, y, snap, now);
                pages.push(svg.finish());
                rows = rest;
                first = false;
                if rows.is_empty() {
                    break;
                }
            }
        }
        pages
    }

    /// The PDF.
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        pdf(
            &self.pages(),
            &format!("{} — performance dashboard", self.agency),
        )
    }

    fn page_header(&self, svg: &mut Svg, page_no: usize) -> f32 {
        svg.rect(0.0, 0.0, svg.width(), 6.0, ACCENT, None, 0.0);
        svg.fitted(
            MARGIN,
            MARGIN + 10.0,
            &self.agency,
            TextStyle::sans(16.0, INK).bold(),
            10.0,
            svg.width() - 2.0 * MARGIN - 160.0,
            1,
        );
        svg.text(
            svg.width() - MARGIN,
            MARGIN + 10.0,
            &format!(
                "Data as of {} · page {page_no}",
                self.as_of.format("%-d %b %Y")
            ),
            TextStyle::sans(8.5, MUTED).anchored(Anchor::End),
        );
        svg.line(
            MARGIN,
            MARGIN + 18.0,
            svg.width() - MARGIN,
            MARGIN + 18.0,
            RULE,
            0.8,
            None,
        );
        MARGIN + 34.0
    }

    fn framework_block(&self, svg: &mut Svg, y: f32) -> f32 {
        let mut y = y;
        if let Some(m) = &self.mission {
            svg.text(MARGIN, y, "MISSION", TextStyle::sans(7.5, MUTED).bold());
            y = svg.paragraph(
                MARGIN + 60.0,
                y,
                m,
                TextStyle::sans(11.0, INK).font(FontSpec::SERIF_ITALIC),
                svg.width() - 2.0 * MARGIN - 60.0,
                1.3,
            );
        }
        if let Some(t) = &self.target {
            svg.text(
                MARGIN,
                y + 2.0,
                "TARGET",
                TextStyle::sans(7.5, MUTED).bold(),
            );
            y = svg.paragraph(
                MARGIN + 60.0,
                y + 2.0,
                t,
                TextStyle::sans(10.0, INK),
                svg.width() - 2.0 * MARGIN - 60.0,
                1.3,
            );
        }
        svg.paragraph(
            MARGIN,
            y + 4.0,
            &format!(
                "Produced {}. {}",
                self.produced.format("%-d %B %Y"),
                self.source
            ),
            TextStyle::sans(7.5, MUTED),
            svg.width() - 2.0 * MARGIN,
            1.3,
        ) + 10.0
    }
}

pub(crate) const MARGIN: f32 = 36.0;
const ROW_H: f32 = 14.0;
pub(crate) const INK: &str = "#1f2328";
pub(crate) const MUTED: &str = "#5b6470";
pub(crate) const RULE: &str = "#c9d1d9";
pub(crate) const ACCENT: &str = "#0b5cad";

fn describe(snap: &IndicatorSnapshot) -> String {
    let i = &snap.indicator;
    let mut parts = vec![];
    if !i.unit.trim().is_empty() {
        parts.push(format!("unit: {}", i.unit.trim()));
    }
    parts.push(i.direction.label().to_lowercase());
    parts.push(format!("reported {}", i.frequency.label().to_lowercase()));
    if let Some(t) = snap.agency_target {
        parts.push(format!(
            "target {} by {} (baseline {} on {})",
            with_unit(t.target_value, &i.unit),
            t.deadline.format("%-d %b %Y"),
            with_unit(t.baseline_value, &i.unit),
            t.baseline_date.format("%-d %b %Y")
        ));
    }
    parts.join(" · ")
}

pub(crate) fn indicator_heading(svg: &mut Svg, y: f32, snap: &IndicatorSnapshot) -> f32 {
    let (_, y) = svg.fitted(
        MARGIN,
        y + 8.0,
        &snap.indicator.name,
        TextStyle::sans(14.0, INK).bold(),
        9.0,
        svg.width() - 2.0 * MARGIN,
        2,
    );
    svg.paragraph(
        MARGIN,
        y,
        &describe(snap),
        TextStyle::sans(8.5, MUTED),
        svg.width() - 2.0 * MARGIN,
        1.3,
    ) + 4.0
}

/// One row's cells, shared by the HTML and PDF tables: the league cells
/// and the status in words.
fn row_cells(snap: &IndicatorSnapshot, row: &crate::analysis::league::LeagueRow) -> [String; 6] {
    let [team, latest, last, baseline, way] = snap.league_cells(row);
    let status = format!(
        "{} {}",
        row.progress.status.symbol(),
        row.progress.status.label()
    );
    [team, latest, last, baseline, way, status]
}

const HEADINGS: [&str; 8] = [
    "#",
    "Team",
    "Latest",
    "Since last period",
    "Since baseline",
    "% of the way",
    "Status",
    "Trend",
];

fn league_table(
    svg: &mut Svg,
    y: f32,
    snap: &IndicatorSnapshot,
    rows: &[crate::analysis::league::LeagueRow],
) {
    // Columns laid out for A4's 770-point table, scaled to the paper's.
    let k = (svg.width() - 2.0 * MARGIN) / 770.0;
    let xs = [0.0, 22.0, 222.0, 352.0, 442.0, 532.0, 602.0, 700.0].map(|x| MARGIN + x * k);
    let header = TextStyle::sans(8.0, MUTED).bold();
    for (x, h) in xs.iter().zip(HEADINGS) {
        svg.text(*x, y + 10.0, h, header);
    }
    svg.line(
        MARGIN,
        y + 14.0,
        svg.width() - MARGIN,
        y + 14.0,
        RULE,
        0.8,
        None,
    );
    let start_rank = snap
        .league
        .iter()
        .position(|r| rows.first().is_some_and(|f| f.team == r.team))
        .unwrap_or(0);
    for (i, row) in rows.iter().enumerate() {
        let ry = y + 14.0 + (i as f32 + 1.0) * ROW_H;
        if i % 2 == 1 {
            svg.rect(
                MARGIN,
                ry - ROW_H + 4.0,
                svg.width() - 2.0 * MARGIN,
                ROW_H,
                "#f3f5f7",
                None,
                0.0,
            );
        }
        let cells = row_cells(snap, row);
        let rank = if row.progress.percent_of_way.is_some() {
            format!("{}", start_rank + i + 1)
        } else {
            String::new()
        };
        svg.text(xs[0], ry, &rank, TextStyle::sans(8.5, MUTED));
        svg.fitted(
            xs[1],
            ry,
            &cells[0],
            TextStyle::sans(8.5, INK),
            6.0,
            195.0 * k,
            1,
        );
        for (k, cell) in cells.iter().enumerate().skip(1) {
            let style = if k == 5 {
                TextStyle::sans(8.5, status_colour(row.progress.status)).bold()
            } else {
                TextStyle::sans(8.5, INK)
            };
            svg.fitted(
                xs[k + 1],
                ry,
                cell,
                style,
                6.0,
                xs.get(k + 2).map_or(90.0, |n| n - xs[k + 1] - 6.0),
                1,
            );
        }
        sparkline(
            svg,
            (xs[7], ry - 9.0, 60.0 * k, 10.0),
            &row.sparkline,
            ACCENT,
        );
    }
}

/// Status colours (always shown with a symbol and a word too).
pub fn status_colour(s: Status) -> &'static str {
    match s {
        Status::Met => "#1a7f37",
        Status::OnTrack => "#1a7f37",
        Status::AtRisk => "#9a6700",
        Status::OffTrack => "#cf222e",
        Status::NoData | Status::NoTarget => "#5b6470",
    }
}

fn section_html(snap: &IndicatorSnapshot) -> String {
    let mut h = String::new();
    h.push_str("<section>\n");
    h.push_str(&format!(
        "<h2>{}</h2>\n<p class=\"meta\">{}</p>\n",
        escape(&snap.indicator.name),
        escape(&describe(snap))
    ));
    let mut chart = Svg::new(760.0, 280.0);
    progress_chart(&mut chart, (0.0, 0.0, 760.0, 236.0), snap);
    legend(&mut chart, (44.0, 252.0, 716.0), snap);
    h.push_str(&format!(
        "<figure>{}</figure>\n",
        inline(
            &chart.finish(),
            &format!("Progress of every team on {}", snap.indicator.name)
        )
    ));
    h.push_str("<div class=\"table\"><table>\n<thead><tr>");
    for head in HEADINGS {
        h.push_str(&format!("<th>{head}</th>"));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let mut rank = 0;
    for row in &snap.league {
        let cells = row_cells(snap, row);
        let r = if row.progress.percent_of_way.is_some() {
            rank += 1;
            rank.to_string()
        } else {
            String::new()
        };
        let mut spark = Svg::new(80.0, 18.0);
        sparkline(&mut spark, (2.0, 2.0, 76.0, 14.0), &row.sparkline, ACCENT);
        h.push_str(&format!(
            "<tr class=\"{}\"><td>{r}</td><td class=\"team\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"status\">{}</td><td>{}</td></tr>\n",
            row.progress.status.code(),
            escape(&cells[0]),
            escape(&cells[1]),
            escape(&cells[2]),
            escape(&cells[3]),
            escape(&cells[4]),
            escape(&cells[5]),
            inline(&spark.finish(), &format!("Recent values of {}", row.name)),
        ));
    }
    h.push_str("</tbody>\n</table></div>\n</section>\n");
    h
}

/// An SVG document made inline in HTML: no XML namespace URL, with a title for screen readers.
fn inline(svg: &str, title: &str) -> String {
    svg.replacen(
        r#"<svg xmlns="http://www.w3.org/2000/svg" "#,
        &format!(r#"<svg role="img" aria-label="{}" "#, escape(title)),
        1,
    )
}

pub(crate) const CSS: &str = "
:root { color-scheme: light; --ink: #1f2328; --muted: #5b6470; --rule: #d0d7de; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; line-height: 1.4; }
header, main, footer { max-width: 980px; margin: 0 auto; padding: 16px; }
header { border-top: 6px solid var(--accent); }
h1 { font-size: 1.6rem; margin: 0.4rem 0; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 0.2rem; }
.mission { font-family: 'DejaVu Serif', Georgia, serif; font-style: italic; font-size: 1.1rem; }
.label { display: inline-block; min-width: 4.5rem; font-style: normal; font-size: 0.7rem; font-weight: bold; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
.meta { color: var(--muted); font-size: 0.85rem; margin: 0.2rem 0; }
figure { margin: 0.6rem 0; }
figure svg { width: 100%; height: auto; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
th { text-align: left; color: var(--muted); font-weight: bold; border-bottom: 1px solid var(--rule); padding: 4px 6px; white-space: nowrap; }
td { padding: 4px 6px; border-bottom: 1px solid #eef1f4; white-space: nowrap; }
td.team { white-space: normal; min-width: 8rem; }
tr.met td.status, tr.on_track td.status { color: #1a7f37; font-weight: bold; }
tr.at_risk td.status { color: #9a6700; font-weight: bold; }
tr.off_track td.status { color: #cf222e; font-weight: bold; }
tr.no_data td.status, tr.no_target td.status { color: var(--muted); }
footer { color: var(--muted); font-size: 0.8rem; border-top: 1px solid var(--rule); margin-top: 2rem; }
@media (max-width: 600px) { h1 { font-size: 1.3rem; } td, th { padding: 3px 4px; } }
@media print { header, main, footer { max-width: none; padding: 0; } section { break-inside: avoid-page; } .table { overflow: visible; } }
";

impl Dashboard {
    /// Writes the dashboard to the given HTML and/or PDF files (each
    /// written to a temporary file, then renamed into place).
    pub fn write(
        &self,
        html: Option<&Path>,
        pdf_path: Option<&Path>,
    ) -> Result<(), DashboardError> {
        if let Some(path) = html {
            write_file(path, self.html().as_bytes())?;
        }
        if let Some(path) = pdf_path {
            write_file(path, &self.pdf()?)?;
        }
        Ok(())
    }
}

/// Writes bytes to `path` via a temporary file beside it.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), DashboardError> {
    super::files::write_document(path, bytes).map_err(|e| DashboardError::Write {
        path: e.path,
        reason: e.reason,
    })
}
