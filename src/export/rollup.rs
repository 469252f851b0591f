//! The roll-up published: every agency's target and standing side by side,
//! as a self-contained HTML page, a PDF (landscape pages of a table with
//! each agency's median against its path), and CSV with a schema file for
//! a data platform.

use std::path::Path;

use chrono::NaiveDate;

use super::charts::sparkline;
use super::dashboard::{
    ACCENT, CSS, DashboardError, INK, MARGIN, MUTED, RULE, status_colour, write_file,
};
use super::render::{RenderError, pdf};
use super::svg::{Svg, TextStyle, escape};
use crate::analysis::rollup::{AgencyLine, Portfolio};
use crate::domain::certificate::Paper;

/// The CSV's columns, in order (the schema file describes each).
pub const CSV_COLUMNS: [(&str, &str, &str); 13] = [
    ("agency", "text", "The agency's name"),
    ("workbook", "text", "The workbook file"),
    ("mission", "text", "The mission statement"),
    ("target", "text", "The framework target as a sentence"),
    ("indicator", "text", "The target's indicator"),
    (
        "standing",
        "text",
        "The median team's standing: target met, on track, at risk, off track, no data, no target",
    ),
    (
        "teams_on_track",
        "integer",
        "Teams on track or with the target met",
    ),
    (
        "teams_with_standing",
        "integer",
        "Teams with a standing on the target's indicator",
    ),
    (
        "median_latest",
        "number",
        "The teams' median in the latest period with data (empty: none)",
    ),
    (
        "path_latest",
        "number",
        "The target path in that period (empty: no path)",
    ),
    ("wins", "integer", "Wins achieved in the period"),
    (
        "serious_flags_open",
        "integer",
        "Serious integrity flags open, as last recorded by the agency's checks",
    ),
    (
        "last_data",
        "date",
        "The first day of the latest period reported (YYYY-MM-DD; empty: none)",
    ),
];

/// The median of the latest period with data, and the path then.
pub fn latest_against_path(line: &AgencyLine) -> Option<(NaiveDate, f64, Option<f64>)> {
    let t = line.target.as_ref()?;
    let (date, q) = t.spread.last()?;
    let path = t.path.map(|((d0, v0), (d1, v1))| {
        let span = (d1 - d0).num_days().max(1) as f64;
        let at = ((*date - d0).num_days() as f64 / span).clamp(0.0, 1.0);
        v0 + (v1 - v0) * at
    });
    Some((*date, q[2], path))
}

fn standing_text(line: &AgencyLine) -> String {
    format!("{} {}", line.status.symbol(), line.status.label())
}

/// "median 88.9% (path 78.2%)": the latest median against the path, in
/// the indicator's unit and decimals.
pub fn median_text(line: &AgencyLine) -> String {
    let Some(t) = line.target.as_ref() else {
        return "no target".into();
    };
    let shown =
        |v: f64| crate::domain::target::with_unit_decimals(v, usize::from(t.decimals), &t.unit);
    match latest_against_path(line) {
        Some((_, m, Some(p))) => format!("median {} (path {})", shown(m), shown(p)),
        Some((_, m, None)) => format!("median {}", shown(m)),
        None => "no data".into(),
    }
}

/// The self-contained HTML page.
pub fn rollup_html(p: &Portfolio, produced: NaiveDate) -> String {
    let mut h = String::with_capacity(32 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    h.push_str("<title>Performance roll-up</title>\n");
    h.push_str(&format!(
        "<style>{CSS}</style>\n</head>\n<body>\n<header>\n"
    ));
    h.push_str("<h1>Performance roll-up</h1>\n");
    h.push_str(&format!(
        "<p class=\"meta\">{}</p>\n</header>\n<main>\n",
        escape(&subtitle(p, produced))
    ));
    h.push_str("<div class=\"table\"><table>\n<tr><th>Agency</th><th>Target</th><th>Standing</th><th>Teams on track</th><th>Median and path</th><th>Trend</th><th>Wins</th><th>Serious flags</th><th>Last data</th></tr>\n");
    for a in &p.agencies {
        let class = a.status.label().to_lowercase().replace(' ', "_");
        let target = a
            .target
            .as_ref()
            .map_or("—".to_owned(), |t| t.sentence.clone());
        h.push_str(&format!(
            "<tr class=\"{class}\"><td class=\"team\"><strong>{}</strong><br/><small>{}</small></td><td class=\"team\">{}</td><td class=\"status\">{}</td><td>{} of {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&a.agency),
            escape(&a.mission),
            escape(&target),
            escape(&standing_text(a)),
            a.on_track.0,
            a.on_track.1,
            escape(&median_text(a)),
            trend_svg(a),
            a.wins,
            a.serious_flags,
            a.last_data.map_or("—".to_owned(), |d| d.format("%-d %b %Y").to_string()),
        ));
    }
    h.push_str("</table></div>\n");
    if !p.unreadable.is_empty() {
        h.push_str("<h2>Workbooks that could not be read</h2>\n<ul>\n");
        for (path, why) in &p.unreadable {
            h.push_str(&format!(
                "<li>{}: {}</li>\n",
                escape(&path.display().to_string()),
                escape(why)
            ));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</main>\n<footer>\n<p>Standing is the median team's: each team's latest value against a straight path from its baseline to its target (★ met, ● on track, ▲ at risk, ■ off track, ○ not reported). The trend is the teams' median per period.</p>\n<p>Produced with Ratchet, after Robert D. Behn's eleven better practices of performance leadership.</p>\n</footer>\n</body>\n</html>\n");
    h
}

fn subtitle(p: &Portfolio, produced: NaiveDate) -> String {
    let since = p
        .since
        .map(|d| format!(", wins since {}", d.format("%-d %B %Y")))
        .unwrap_or_default();
    format!(
        "{} from {} · standings as of {}{since} · produced {}",
        crate::domain::number::count(p.agencies.len() as u64, "agency", "agencies"),
        p.folder.display(),
        p.as_of
            .map_or("today".to_owned(), |d| d.format("%-d %B %Y").to_string()),
        produced.format("%-d %B %Y")
    )
}

/// The agency's median per period as a small inline SVG.
fn trend_svg(a: &AgencyLine) -> String {
    let values = medians(a);
    if values.is_empty() {
        return "—".into();
    }
    let mut svg = Svg::new(90.0, 22.0);
    sparkline(
        &mut svg,
        (2.0, 2.0, 86.0, 18.0),
        &values,
        status_colour(a.status),
    );
    svg.finish()
}

/// Rows of the PDF's table.
const ROW: f32 = 30.0;
/// Where each column starts, as a share of the page's width.
const COLUMN_AT: [f32; 8] = [0.0, 0.22, 0.47, 0.58, 0.66, 0.80, 0.89, 0.94];
const HEADS: [&str; 8] = [
    "Agency",
    "Target",
    "Standing",
    "On track",
    "Median (path)",
    "Trend",
    "Wins",
    "Flags",
];

/// The PDF's pages as SVG: a table of the agencies, as many rows a page as fit.
pub fn rollup_pages(p: &Portfolio, produced: NaiveDate, paper: Paper) -> Vec<String> {
    let (w, hgt) = paper.size();
    let per_page = (((hgt - 2.0 * MARGIN - 70.0) / ROW).floor().max(1.0)) as usize;
    let chunks: Vec<&[AgencyLine]> = if p.agencies.is_empty() {
        vec![&[]]
    } else {
        p.agencies.chunks(per_page).collect()
    };
    let mut pages = Vec::new();
    for (n, rows) in chunks.iter().enumerate() {
        let mut svg = Svg::new(w, hgt);
        let mut y = page_head(&mut svg, &subtitle(p, produced), n + 1);
        for a in rows.iter() {
            agency_row(&mut svg, a, y);
            y += ROW;
        }
        if n + 1 == chunks.len() && !p.unreadable.is_empty() && y + 30.0 < hgt - MARGIN {
            let names: Vec<String> = p
                .unreadable
                .iter()
                .map(|(path, why)| {
                    let name = path.file_name().map(|f| f.to_string_lossy().into_owned());
                    format!("{} ({why})", name.unwrap_or_default())
                })
                .collect();
            let text = format!("Could not be read: {}", names.join("; "));
            svg.fitted(
                MARGIN,
                y + 14.0,
                &text,
                TextStyle::sans(8.0, MUTED),
                6.5,
                w - 2.0 * MARGIN,
                3,
            );
        }
        pages.push(svg.finish());
    }
    pages
}

/// The page's title, subtitle, number and the table's headings; returns
/// where the first row goes.
fn page_head(svg: &mut Svg, subtitle: &str, page: usize) -> f32 {
    let w = svg.width();
    let width = w - 2.0 * MARGIN;
    svg.rect(0.0, 0.0, w, 6.0, ACCENT, None, 0.0);
    svg.text(
        MARGIN,
        MARGIN + 10.0,
        "Performance roll-up",
        TextStyle::sans(16.0, INK).bold(),
    );
    svg.text(MARGIN, MARGIN + 28.0, subtitle, TextStyle::sans(8.5, MUTED));
    svg.text(
        w - MARGIN - 60.0,
        MARGIN + 10.0,
        &format!("page {page}"),
        TextStyle::sans(8.5, MUTED),
    );
    let y = MARGIN + 52.0;
    for (at, head) in COLUMN_AT.iter().zip(HEADS) {
        svg.text(
            MARGIN + at * width,
            y,
            head,
            TextStyle::sans(8.5, MUTED).bold(),
        );
    }
    svg.line(MARGIN, y + 5.0, w - MARGIN, y + 5.0, RULE, 0.6, None);
    y + 8.0
}

/// One agency's row of the PDF's table at `y`.
fn agency_row(svg: &mut Svg, a: &AgencyLine, y: f32) {
    let width = svg.width() - 2.0 * MARGIN;
    let x = |c: usize| MARGIN + COLUMN_AT[c] * width;
    let colw =
        |c: usize| (COLUMN_AT.get(c + 1).copied().unwrap_or(1.0) - COLUMN_AT[c]) * width - 6.0;
    let base = y + 11.0;
    svg.fitted(
        x(0),
        base,
        &a.agency,
        TextStyle::sans(9.0, INK).bold(),
        7.0,
        colw(0),
        1,
    );
    let target = a
        .target
        .as_ref()
        .map_or("—".to_owned(), |t| t.sentence.clone());
    svg.fitted(
        x(1),
        base,
        &target,
        TextStyle::sans(8.0, INK),
        6.5,
        colw(1),
        2,
    );
    let colour = status_colour(a.status);
    svg.text(
        x(2),
        base,
        &standing_text(a),
        TextStyle::sans(8.5, colour).bold(),
    );
    let on_track = format!("{} of {}", a.on_track.0, a.on_track.1);
    svg.text(x(3), base, &on_track, TextStyle::sans(8.5, INK));
    svg.fitted(
        x(4),
        base,
        &median_text(a),
        TextStyle::sans(8.0, INK),
        6.5,
        colw(4),
        2,
    );
    sparkline(svg, (x(5), y + 2.0, colw(5), 16.0), &medians(a), colour);
    svg.text(x(6), base, &a.wins.to_string(), TextStyle::sans(8.5, INK));
    svg.text(
        x(7),
        base,
        &a.serious_flags.to_string(),
        TextStyle::sans(8.5, INK),
    );
    let w = svg.width();
    svg.line(
        MARGIN,
        y + ROW - 4.0,
        w - MARGIN,
        y + ROW - 4.0,
        RULE,
        0.3,
        None,
    );
}

/// The teams' median per period, for the trend line.
fn medians(a: &AgencyLine) -> Vec<f64> {
    a.target
        .as_ref()
        .map(|t| t.spread.iter().map(|(_, q)| q[2]).collect())
        .unwrap_or_default()
}

/// The roll-up as CSV, one row per agency (columns as [`CSV_COLUMNS`]).
pub fn rollup_csv(p: &Portfolio) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_COLUMNS.iter().map(|c| c.0))
        .map_err(|e| e.to_string())?;
    for a in &p.agencies {
        let latest = latest_against_path(a);
        let opt = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
        w.write_record([
            super::super::io::export::guard_formula(&a.agency),
            a.path.display().to_string(),
            super::super::io::export::guard_formula(&a.mission),
            a.target
                .as_ref()
                .map_or(String::new(), |t| t.sentence.clone()),
            a.target.as_ref().map_or(String::new(), |t| t.name.clone()),
            a.status.label().to_lowercase(),
            a.on_track.0.to_string(),
            a.on_track.1.to_string(),
            opt(latest.map(|l| l.1)),
            opt(latest.and_then(|l| l.2)),
            a.wins.to_string(),
            a.serious_flags.to_string(),
            a.last_data.map_or(String::new(), |d| d.to_string()),
        ])
        .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// The schema file written beside the CSV: each column, its type and meaning.
pub fn rollup_schema() -> String {
    let columns: Vec<String> = CSV_COLUMNS
        .iter()
        .map(|(name, kind, what)| {
            format!(
                "    {{\"name\": \"{name}\", \"type\": \"{kind}\", \"description\": \"{}\"}}",
                what.replace('"', "\\\"")
            )
        })
        .collect();
    format!(
        "{{\n  \"name\": \"ratchet_rollup\",\n  \"version\": 1,\n  \"encoding\": \"utf-8\",\n  \"header\": true,\n  \"columns\": [\n{}\n  ]\n}}\n",
        columns.join(",\n")
    )
}

/// Where to write the roll-up: any of the four.
#[derive(Clone, Copy, Debug, Default)]
pub struct RollupFiles<'a> {
    /// A web page.
    pub html: Option<&'a Path>,
    /// A PDF.
    pub pdf: Option<&'a Path>,
    /// CSV, with `NAME.schema.json` beside it.
    pub csv: Option<&'a Path>,
    /// Parquet.
    pub parquet: Option<&'a Path>,
}

impl<'a> RollupFiles<'a> {
    /// One file, its kind by its extension (`None`: not one of the four).
    pub fn by_extension(path: &'a Path) -> Option<RollupFiles<'a>> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let one = Some(path);
        Some(match ext.as_str() {
            "html" | "htm" => RollupFiles {
                html: one,
                ..Self::default()
            },
            "pdf" => RollupFiles {
                pdf: one,
                ..Self::default()
            },
            "csv" => RollupFiles {
                csv: one,
                ..Self::default()
            },
            "parquet" => RollupFiles {
                parquet: one,
                ..Self::default()
            },
            _ => return None,
        })
    }
}

/// Writes the roll-up to the files asked for.
pub fn write_rollup(
    p: &Portfolio,
    produced: NaiveDate,
    paper: Paper,
    files: RollupFiles<'_>,
) -> Result<Vec<std::path::PathBuf>, DashboardError> {
    let RollupFiles {
        html,
        pdf: pdf_path,
        csv: csv_path,
        parquet,
    } = files;
    let mut written = Vec::new();
    if let Some(path) = html {
        write_file(path, rollup_html(p, produced).as_bytes())?;
        written.push(path.to_owned());
    }
    if let Some(path) = pdf_path {
        let bytes = pdf(&rollup_pages(p, produced, paper), "Performance roll-up")
            .map_err(|e: RenderError| DashboardError::Render(e))?;
        write_file(path, &bytes)?;
        written.push(path.to_owned());
    }
    if let Some(path) = csv_path {
        let bytes = rollup_csv(p).map_err(|reason| DashboardError::Write {
            path: path.display().to_string(),
            reason,
        })?;
        write_file(path, &bytes)?;
        let schema = path.with_extension("schema.json");
        write_file(&schema, rollup_schema().as_bytes())?;
        written.push(path.to_owned());
        written.push(schema);
    }
    if let Some(path) = parquet {
        let bytes =
            super::rollup_parquet::rollup_parquet(p).map_err(|reason| DashboardError::Write {
                path: path.display().to_string(),
                reason,
            })?;
        write_file(path, &bytes)?;
        written.push(path.to_owned());
    }
    Ok(written)
}
