//! Charts drawn as SVG for documents: team progress against the target path,
//! and sparklines. Colours come from a palette readable with colour-blindness
//! (Okabe and Ito), and lines also differ by dash pattern.

use chrono::{Datelike, NaiveDate};

use super::fonts::FontSpec;
use super::svg::{Anchor, Svg, TextStyle};
use crate::analysis::snapshot::{IndicatorSnapshot, TargetLine, step_line};
use crate::domain::number::format_number;

/// Line colours (Okabe–Ito, with black and a purple instead of yellow for contrast on white).
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F3C8D", "#333333",
];
/// Dash patterns cycled after the colours run out.
pub const DASHES: [Option<&str>; 3] = [None, Some("6 3"), Some("2 2")];
/// Most team lines drawn in colour; beyond this, teams are drawn thin grey and the median stands out.
pub const MAX_COLOURED_TEAMS: usize = 8;

const INK: &str = "#1f2328";
const MUTED: &str = "#5b6470";
const GRID: &str = "#d8dde3";

/// Round tick values (1, 2, 5 × 10ⁿ) covering `lo..=hi`, about `count` of them.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() || hi <= lo {
        return vec![lo];
    }
    let raw = (hi - lo) / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    // Multiply, never accumulate, so 0.1 + 0.2 does not become 0.30000000000000004.
    let scale = 10f64.powi((-step.log10().floor()).max(0.0) as i32 + 1);
    let round = |v: f64| (v * scale).round() / scale;
    (first..=last)
        .take(50)
        .map(|k| round(k as f64 * step))
        .map(|t| if t == 0.0 { 0.0 } else { t })
        .collect()
}

/// Maps dates and values to page coordinates inside a plot rectangle.
struct Scale {
    x0: f32,
    y0: f32,
    w: f32,
    h: f32,
    d0: i64,
    d1: i64,
    v0: f64,
    v1: f64,
}

impl Scale {
    fn x(&self, d: NaiveDate) -> f32 {
        let span = (self.d1 - self.d0).max(1) as f32;
        self.x0 + (d.num_days_from_ce() as i64 - self.d0) as f32 / span * self.w
    }

    fn y(&self, v: f64) -> f32 {
        let span = (self.v1 - self.v0).max(f64::EPSILON);
        self.y0 + self.h - ((v - self.v0) / span) as f32 * self.h
    }
}

/// Draws the progress chart of one indicator into `svg` at (x, y, w, h):
/// each team's values, the target path (dashed, bold) and the deadline.
pub fn progress_chart(svg: &mut Svg, (x, y, w, h): (f32, f32, f32, f32), snap: &IndicatorSnapshot) {
    let Some((v_lo, v_hi)) = snap.value_range() else {
        svg.text(
            x + w / 2.0,
            y + h / 2.0,
            "No values yet",
            TextStyle::sans(11.0, MUTED).anchored(Anchor::Middle),
        );
        return;
    };
    let Some((d_lo, d_hi)) = snap.date_range() else {
        return;
    };
    let pad = ((v_hi - v_lo) * 0.08).max(v_hi.abs() * 0.02).max(1e-6);
    let ticks = nice_ticks(v_lo - pad, v_hi + pad, 5);
    let (v0, v1) = (
        ticks.first().copied().unwrap_or(v_lo).min(v_lo - pad),
        ticks.last().copied().unwrap_or(v_hi).max(v_hi + pad),
    );
    let left = 44.0;
    let bottom = 22.0;
    let s = Scale {
        x0: x + left,
        y0: y + 6.0,
        w: w - left - 8.0,
        h: h - bottom - 6.0,
        d0: d_lo.num_days_from_ce() as i64,
        d1: d_hi.num_days_from_ce() as i64,
        v0,
        v1,
    };
    // Grid and y labels.
    for t in &ticks {
        let ty = s.y(*t);
        svg.line(s.x0, ty, s.x0 + s.w, ty, GRID, 0.6, None);
        svg.text(
            s.x0 - 4.0,
            ty + 3.0,
            &format_number(*t, 2),
            TextStyle::sans(8.0, MUTED).anchored(Anchor::End),
        );
    }
    // x labels: one per year, or per quarter when the span is short.
    let years = d_hi.year() - d_lo.year();
    let mut d = NaiveDate::from_ymd_opt(d_lo.year(), 1, 1).unwrap_or(d_lo);
    while d <= d_hi {
        if d >= d_lo {
            let tx = s.x(d);
            svg.line(tx, s.y0, tx, s.y0 + s.h, GRID, 0.6, None);
            let label = if years <= 2 && d.month() != 1 {
                d.format("%b").to_string()
            } else {
                d.format("%Y").to_string()
            };
            svg.text(
                tx,
                s.y0 + s.h + 12.0,
                &label,
                TextStyle::sans(8.0, MUTED).anchored(Anchor::Middle),
            );
        }
        let step_months = if years <= 2 { 3 } else { 12 };
        d = d
            .checked_add_months(chrono::Months::new(step_months))
            .unwrap_or(d_hi + chrono::Days::new(1));
    }
    svg.line(s.x0, s.y0 + s.h, s.x0 + s.w, s.y0 + s.h, MUTED, 0.8, None);
    // Team lines, or for many teams the spread across teams and its median.
    if snap.teams.len() <= MAX_COLOURED_TEAMS {
        for (i, team) in snap.teams.iter().enumerate() {
            let pts: Vec<(f32, f32)> = team
                .points
                .iter()
                .map(|(d, v)| (s.x(*d), s.y(*v)))
                .collect();
            svg.polyline(
                &pts,
                PALETTE[i % PALETTE.len()],
                1.4,
                DASHES[(i / PALETTE.len()) % DASHES.len()],
            );
        }
    } else {
        let spread = spread_series(snap);
        let band = |lo: usize, hi: usize| -> Vec<(f32, f32)> {
            let upper = spread.iter().map(|(d, q)| (s.x(*d), s.y(q[hi])));
            let lower = spread.iter().rev().map(|(d, q)| (s.x(*d), s.y(q[lo])));
            upper.chain(lower).collect()
        };
        svg.polygon(&band(0, 4), PALETTE[0], 0.15);
        svg.polygon(&band(1, 3), PALETTE[0], 0.3);
        let median: Vec<(f32, f32)> = spread.iter().map(|(d, q)| (s.x(*d), s.y(q[2]))).collect();
        svg.polyline(&median, PALETTE[0], 1.8, None);
    }
    target_line(svg, &s, snap);
}

/// The target on a progress chart: the agency's straight path and
/// deadline, or steps when targets change from period to period.
fn target_line(svg: &mut Svg, s: &Scale, snap: &IndicatorSnapshot) {
    let steps = |svg: &mut Svg, steps: &[(NaiveDate, NaiveDate, f64)], colour: &str, width: f32| {
        let pts: Vec<(f32, f32)> = step_line(steps)
            .into_iter()
            .map(|(d, v)| (s.x(d), s.y(v)))
            .collect();
        svg.polyline(&pts, colour, width, Some("5 3"));
    };
    match snap.target_line() {
        TargetLine::Path(t) => {
            let (ax, ay) = (s.x(t.baseline_date), s.y(t.baseline_value));
            let (bx, by) = (s.x(t.deadline), s.y(t.target_value));
            svg.line(ax, ay, bx, by, INK, 1.6, Some("5 3"));
            svg.circle(bx, by, 3.0, INK);
            svg.text(
                bx - 4.0,
                by - 6.0,
                &format!("Target {}", format_number(t.target_value, 2)),
                TextStyle::sans(8.5, INK)
                    .anchored(Anchor::End)
                    .font(FontSpec::SANS_BOLD),
            );
            svg.line(bx, s.y0, bx, s.y0 + s.h, MUTED, 0.6, Some("2 2"));
        }
        TargetLine::Common(common) => steps(svg, common, INK, 1.6),
        TargetLine::PerTeam if snap.teams.len() <= MAX_COLOURED_TEAMS => {
            for (i, team) in snap.teams.iter().enumerate() {
                steps(svg, &team.target_steps, PALETTE[i % PALETTE.len()], 1.0);
            }
        }
        TargetLine::PerTeam | TargetLine::None => {}
    }
}

/// The quantiles drawn for many teams: lowest, lower quartile, median, upper quartile, highest.
pub const SPREAD_QUANTILES: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// Per period, the spread of values across teams at [`SPREAD_QUANTILES`]
/// (linear interpolation between ranks), for charts with too many teams to
/// draw one line each.
pub fn spread_series(snap: &IndicatorSnapshot) -> Vec<(NaiveDate, [f64; 5])> {
    let mut by_date: std::collections::BTreeMap<NaiveDate, Vec<f64>> =
        std::collections::BTreeMap::new();
    for t in &snap.teams {
        for (d, v) in &t.points {
            by_date.entry(*d).or_default().push(*v);
        }
    }
    by_date
        .into_iter()
        .map(|(d, mut vs)| {
            vs.sort_by(f64::total_cmp);
            (d, SPREAD_QUANTILES.map(|q| quantile(&vs, q)))
        })
        .collect()
}

/// The `q` quantile of sorted, non-empty `values`.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len().saturating_sub(1)) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    let (a, b) = (sorted[lo], sorted[hi.min(sorted.len() - 1)]);
    a + (b - a) * (pos - lo as f64)
}

/// A legend of team colours (only drawn when teams are coloured).
pub fn legend(svg: &mut Svg, (x, y, w): (f32, f32, f32), snap: &IndicatorSnapshot) -> f32 {
    if snap.teams.len() > MAX_COLOURED_TEAMS {
        svg.polyline(&[(x, y - 3.0), (x + 16.0, y - 3.0)], PALETTE[0], 1.8, None);
        svg.text(
            x + 20.0,
            y,
            "median team; shaded: middle half of teams, and lowest to highest",
            TextStyle::sans(8.0, MUTED),
        );
        let tx = x
            + 40.0
            + super::text_layout::text_width(
                "median team; shaded: middle half of teams, and lowest to highest",
                FontSpec::SANS,
                8.0,
            );
        svg.line(tx, y - 3.0, tx + 16.0, y - 3.0, INK, 1.6, Some("5 3"));
        svg.text(tx + 20.0, y, "target path", TextStyle::sans(8.0, MUTED));
        return y + 12.0;
    }
    let mut cx = x;
    let mut cy = y;
    for (i, team) in snap.teams.iter().enumerate() {
        let label_w = super::text_layout::text_width(&team.name, FontSpec::SANS, 8.0) + 34.0;
        if cx + label_w > x + w {
            cx = x;
            cy += 12.0;
        }
        svg.polyline(
            &[(cx, cy - 3.0), (cx + 16.0, cy - 3.0)],
            PALETTE[i % PALETTE.len()],
            1.6,
            DASHES[(i / PALETTE.len()) % DASHES.len()],
        );
        svg.text(cx + 20.0, cy, &team.name, TextStyle::sans(8.0, INK));
        cx += label_w;
    }
    if snap.agency_target.is_some() {
        if cx + 80.0 > x + w {
            cx = x;
            cy += 12.0;
        }
        svg.line(cx, cy - 3.0, cx + 16.0, cy - 3.0, INK, 1.6, Some("5 3"));
        svg.text(cx + 20.0, cy, "target path", TextStyle::sans(8.0, MUTED));
    }
    cy + 12.0
}

/// A sparkline of `values` in a box of `w` × `h` at (x, y).
pub fn sparkline(svg: &mut Svg, (x, y, w, h): (f32, f32, f32, f32), values: &[f64], colour: &str) {
    if values.len() < 2 {
        if let Some(v) = values.first() {
            let _ = v;
            svg.circle(x + w / 2.0, y + h / 2.0, 1.5, colour);
        }
        return;
    }
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = (hi - lo).max(f64::EPSILON);
    let pts: Vec<(f32, f32)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            (
                x + i as f32 / (values.len() - 1) as f32 * w,
                y + h - ((v - lo) / span) as f32 * h,
            )
        })
        .collect();
    svg.polyline(&pts, colour, 1.0, None);
    if let Some((lx, ly)) = pts.last() {
        svg.circle(*lx, *ly, 1.6, colour);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_between_ranks() {
        let v = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert_eq!(
            SPREAD_QUANTILES.map(|q| quantile(&v, q)),
            [1.0, 2.0, 3.0, 4.0, 10.0]
        );
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5), 2.5);
        assert_eq!(quantile(&v, 0.25), 1.75);
        assert_eq!(quantile(&[7.0], 0.75), 7.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            nice_ticks(0.0, 100.0, 5),
            [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(nice_ticks(37.0, 93.0, 5), [40.0, 60.0, 80.0]);
        assert_eq!(nice_ticks(0.1, 0.7, 6), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
        assert_eq!(nice_ticks(5.0, 5.0, 5), [5.0]);
        assert_eq!(nice_ticks(-1.0, 1.0, 4), [-1.0, -0.5, 0.0, 0.5, 1.0]);
    }
}
