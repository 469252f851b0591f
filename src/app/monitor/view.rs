//! View models of the monitoring screens: progress and league table, small
//! multiples, and XmR charts. Everything a frame draws is computed here when
//! the data or the choice changes — strings formatted, series downsampled —
//! so that drawing a frame is cheap even with hundreds of teams.

use chrono::{Datelike, NaiveDate};

use crate::analysis::league::{LeagueColumn, LeagueRow, sort_league};
use crate::analysis::progress::Status;
use crate::analysis::snapshot::IndicatorSnapshot;
use crate::analysis::xmr::{XmrChart, XmrOptions, xmr_chart};
use crate::domain::XmrSetting;
use crate::domain::number::format_number;
use crate::domain::{IndicatorId, Observation, Period, TeamId};

/// A date as a plot coordinate (days since the common era).
pub fn plot_x(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// A plot coordinate back to a date.
pub fn date_of(x: f64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
}

/// One league row, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct LeagueLine {
    /// The team.
    pub team: TeamId,
    /// Rank by share of the way (empty without a figure).
    pub rank: String,
    /// Team, latest, since last, since baseline, % of way.
    pub cells: [String; 5],
    /// Status.
    pub status: Status,
    /// Sparkline values scaled to 0..1.
    pub spark: Vec<f32>,
}

/// A mini chart for small multiples.
#[derive(Clone, Debug, PartialEq)]
pub struct MiniChart {
    /// The series it shows: (indicator, team).
    pub series: (IndicatorId, TeamId),
    /// Title (team or indicator).
    pub title: String,
    /// Points in 0..1 × 0..1 (x time, y value on the shared scale), downsampled.
    pub line: Vec<[f32; 2]>,
    /// The target path in the same coordinates.
    pub path: Option<[[f32; 2]; 2]>,
    /// Status.
    pub status: Status,
    /// The latest value as text.
    pub latest: String,
    /// The chart's vertical scale, low to high ("40–95"), so the scale is
    /// visible, not only implied.
    pub scale: String,
}

/// What the small multiples show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MultiplesMode {
    /// One chart per team for an indicator (shared scale).
    Teams(IndicatorId),
    /// One chart per indicator for a team (each on its own scale, shared time axis).
    Indicators(TeamId),
}

/// The progress screen and league table for one indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressView {
    /// The indicator's snapshot.
    pub snapshot: IndicatorSnapshot,
    /// Sorted by, and best first?
    pub sort: (LeagueColumn, bool),
    /// The league rows in display order.
    pub lines: Vec<LeagueLine>,
    /// Observation markers on this indicator: (plot x, text).
    pub markers: Vec<(f64, String)>,
    /// Teams drawn in colour on the chart.
    pub highlighted: Vec<TeamId>,
    /// For more than [`MAX_CHART_TEAMS`] teams, per period (plot x): the
    /// lowest, lower quartile, median, upper quartile and highest value
    /// across teams; the chart draws this instead of a line per team.
    pub spread: Vec<(f64, [f64; 5])>,
}

/// Most teams drawn one line each on the progress chart; above it the
/// chart shows the spread across teams and names the worst.
pub const MAX_CHART_TEAMS: usize = 8;
/// Teams named on a chart of many: those furthest behind.
pub const WORST_NAMED: usize = 5;

impl ProgressView {
    /// Builds the view of a snapshot with its observations.
    pub fn new(snapshot: IndicatorSnapshot, observations: &[Observation]) -> ProgressView {
        let id = snapshot.indicator.id;
        let markers = observations
            .iter()
            .filter(|o| {
                o.indicator.is_none_or(|i| i == id) && (o.indicator == Some(id) || o.team.is_some())
            })
            .map(|o| (plot_x(o.observed_on), o.text.clone()))
            .collect();
        let many = snapshot.teams.len() > MAX_CHART_TEAMS;
        // A few teams: all of them. Many: the spread, with the worst named.
        let highlighted = if many {
            snapshot
                .league
                .iter()
                .rev()
                .filter(|r| r.progress.latest.is_some())
                .take(WORST_NAMED)
                .map(|r| r.team)
                .collect()
        } else {
            snapshot.teams.iter().map(|t| t.team).collect()
        };
        let spread = if many {
            crate::export::charts::spread_series(&snapshot)
                .into_iter()
                .map(|(d, q)| (plot_x(d), q))
                .collect()
        } else {
            Vec::new()
        };
        let mut view = ProgressView {
            snapshot,
            sort: (LeagueColumn::PercentOfWay, true),
            lines: Vec::new(),
            markers,
            highlighted,
            spread,
        };
        view.sort_by(view.sort.0, view.sort.1);
        view
    }

    /// Re-sorts the table.
    pub fn sort_by(&mut self, column: LeagueColumn, best_first: bool) {
        self.sort = (column, best_first);
        let mut rows: Vec<LeagueRow> = self.snapshot.league.clone();
        let direction = self.snapshot.indicator.direction;
        sort_league(&mut rows, column, best_first, direction);
        let ranks = crate::analysis::league::ranks(&self.snapshot.league, direction);
        self.lines = rows
            .iter()
            .map(|r| {
                let p = &r.progress;
                let rank = ranks
                    .iter()
                    .find(|(t, _)| *t == r.team)
                    .and_then(|(_, k)| *k)
                    .map_or(String::new(), |k| k.to_string());
                let (lo, hi) = r
                    .sparkline
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                        (lo.min(*v), hi.max(*v))
                    });
                let span = (hi - lo).max(f64::EPSILON);
                LeagueLine {
                    team: r.team,
                    rank,
                    cells: self.snapshot.league_cells(r),
                    status: p.status,
                    spark: r
                        .sparkline
                        .iter()
                        .map(|v| ((v - lo) / span) as f32)
                        .collect(),
                }
            })
            .collect();
    }
}

/// Reduces a line to at most `max` points, keeping the first and last.
pub fn downsample(points: &[[f32; 2]], max: usize) -> Vec<[f32; 2]> {
    if points.len() <= max || max < 2 {
        return points.to_vec();
    }
    let step = (points.len() - 1) as f32 / (max - 1) as f32;
    (0..max)
        .map(|i| points[((i as f32 * step).round() as usize).min(points.len() - 1)])
        .collect()
}

/// Mini charts for one indicator across teams, on a shared scale.
pub fn team_multiples(snap: &IndicatorSnapshot) -> Vec<MiniChart> {
    let (Some((v0, v1)), Some((d0, d1))) = (snap.value_range(), snap.date_range()) else {
        return Vec::new();
    };
    let (x0, x1) = (plot_x(d0), plot_x(d1));
    let sx = |d: NaiveDate| ((plot_x(d) - x0) / (x1 - x0).max(1.0)) as f32;
    let sy = |v: f64| ((v - v0) / (v1 - v0).max(f64::EPSILON)) as f32;
    let decimals = usize::from(snap.indicator.decimals).max(1);
    let scale = format!(
        "{}–{}",
        format_number(v0, decimals),
        format_number(v1, decimals)
    );
    snap.teams
        .iter()
        .map(|t| {
            let line: Vec<[f32; 2]> = t.points.iter().map(|(d, v)| [sx(*d), sy(*v)]).collect();
            let status = snap
                .league
                .iter()
                .find(|r| r.team == t.team)
                .map_or(Status::NoData, |r| r.progress.status);
            MiniChart {
                series: (snap.indicator.id, t.team),
                title: t.name.clone(),
                line: downsample(&line, 120),
                path: t.target.map(|tv| {
                    [
                        [sx(tv.baseline_date), sy(tv.baseline_value)],
                        [sx(tv.deadline), sy(tv.target_value)],
                    ]
                }),
                status,
                latest: t
                    .points
                    .last()
                    .map_or("—".to_owned(), |(_, v)| format_number(*v, decimals)),
                scale: scale.clone(),
            }
        })
        .collect()
}

/// Mini charts for one team across indicators, each on its own scale.
pub fn indicator_multiples(snaps: &[IndicatorSnapshot], team: TeamId) -> Vec<MiniChart> {
    snaps
        .iter()
        .filter_map(|snap| {
            let t = snap.teams.iter().find(|t| t.team == team)?;
            let lo = t
                .points
                .iter()
                .map(|(_, v)| *v)
                .chain(
                    t.target
                        .iter()
                        .flat_map(|x| [x.baseline_value, x.target_value]),
                )
                .fold(f64::INFINITY, f64::min);
            let hi = t
                .points
                .iter()
                .map(|(_, v)| *v)
                .chain(
                    t.target
                        .iter()
                        .flat_map(|x| [x.baseline_value, x.target_value]),
                )
                .fold(f64::NEG_INFINITY, f64::max);
            let (d0, d1) = snap.date_range()?;
            let sx = |d: NaiveDate| {
                ((plot_x(d) - plot_x(d0)) / (plot_x(d1) - plot_x(d0)).max(1.0)) as f32
            };
            let sy = |v: f64| {
                if hi > lo {
                    ((v - lo) / (hi - lo)) as f32
                } else {
                    0.5
                }
            };
            let line: Vec<[f32; 2]> = t.points.iter().map(|(d, v)| [sx(*d), sy(*v)]).collect();
            let status = snap
                .league
                .iter()
                .find(|r| r.team == team)
                .map_or(Status::NoData, |r| r.progress.status);
            let unit = snap.indicator.unit.trim();
            Some(MiniChart {
                series: (snap.indicator.id, team),
                title: if unit.is_empty() {
                    snap.indicator.name.clone()
                } else {
                    format!("{} ({unit})", snap.indicator.name)
                },
                line: downsample(&line, 120),
                path: t.target.map(|tv| {
                    [
                        [sx(tv.baseline_date), sy(tv.baseline_value)],
                        [sx(tv.deadline), sy(tv.target_value)],
                    ]
                }),
                status,
                latest: t.points.last().map_or("—".to_owned(), |(_, v)| {
                    format_number(*v, usize::from(snap.indicator.decimals).max(1))
                }),
                scale: if hi >= lo {
                    let d = usize::from(snap.indicator.decimals).max(1);
                    format!("{}–{}", format_number(lo, d), format_number(hi, d))
                } else {
                    String::new()
                },
            })
        })
        .collect()
}

/// The XmR chart of one series.
#[derive(Clone, Debug, PartialEq)]
pub struct XmrView {
    /// The indicator.
    pub indicator: IndicatorId,
    /// The team (or the whole agency).
    pub team: TeamId,
    /// The series' name for headings.
    pub title: String,
    /// The period start of each value.
    pub periods: Vec<NaiveDate>,
    /// The computation.
    pub chart: Option<XmrChart>,
    /// How the limits are computed.
    pub setting: XmrSetting,
    /// The limits in words.
    pub summary: Vec<String>,
    /// Each signal in words.
    pub signal_lines: Vec<String>,
    /// Periods without a value that were left out.
    pub gaps: usize,
    /// Observation markers: (plot x, text).
    pub markers: Vec<(f64, String)>,
    /// Whether the target can be reached by the current process.
    pub feasibility: Option<String>,
    /// Where the series changed level for good (the sustained-shift test
    /// run as if after every period): each period a new stage started, and
    /// what changed — the places to recalculate the limits from, so that a
    /// series that moved is not drawn as signals everywhere.
    pub level_changes: Vec<(NaiveDate, String)>,
}

impl XmrView {
    /// Builds the chart of `team`'s series in `snap` with its settings.
    pub fn new(
        snap: &IndicatorSnapshot,
        team: TeamId,
        setting: XmrSetting,
        observations: &[Observation],
    ) -> XmrView {
        let f = snap.indicator.frequency;
        let series = snap.teams.iter().find(|t| t.team == team);
        let points: Vec<(NaiveDate, f64)> = series.map(|t| t.points.clone()).unwrap_or_default();
        let periods: Vec<NaiveDate> = points.iter().map(|(d, _)| *d).collect();
        let values: Vec<f64> = points.iter().map(|(_, v)| *v).collect();
        let gaps = match (periods.first(), periods.last()) {
            (Some(a), Some(b)) => usize::try_from(f.periods_between(*a, *b) + 1)
                .unwrap_or(0)
                .saturating_sub(periods.len()),
            _ => 0,
        };
        let options = XmrOptions::for_periods(
            &periods,
            setting.baseline_from,
            setting.baseline_to,
            setting.recalc_from,
        );
        let chart = xmr_chart(&values, options);
        let decimals = usize::from(snap.indicator.decimals).max(2);
        let label = |i: usize| {
            periods.get(i).map_or(String::new(), |d| {
                Period {
                    start: *d,
                    frequency: f,
                }
                .label()
            })
        };
        let mut summary = Vec::new();
        let mut signal_lines = Vec::new();
        let mut feasibility = None;
        let level_changes = level_changes(&values, &periods, &label, decimals);
        if let Some(c) = &chart {
            for seg in &c.segments {
                let l = seg.limits;
                summary.push(format!(
                    "{} to {}: centre line {} · natural process limits {} to {} · upper range limit {} (computed from {} to {}, {} points)",
                    label(seg.start),
                    label(seg.end.saturating_sub(1)),
                    format_number(l.centre, decimals),
                    format_number(l.lower, decimals),
                    format_number(l.upper, decimals),
                    format_number(l.upper_range, decimals),
                    label(seg.computed_from.0),
                    label(seg.computed_from.1.saturating_sub(1)),
                    seg.computed_from.1 - seg.computed_from.0
                ));
            }
            for s in &c.signals {
                let side = match s.side {
                    crate::analysis::xmr::Side::High => "high",
                    crate::analysis::xmr::Side::Low => "low",
                };
                signal_lines.push(format!(
                    "{}: {} ({side}), value {}",
                    label(s.index),
                    s.rule.describe(),
                    format_number(c.values[s.index], decimals)
                ));
            }
            for i in &c.range_signals {
                signal_lines.push(format!(
                    "{}: moving range {} above the upper range limit",
                    label(*i),
                    c.moving_ranges[*i].map_or(String::new(), |m| format_number(m, decimals))
                ));
            }
            if let (Some(l), Some(t)) = (c.latest_limits(), series.and_then(|s| s.target)) {
                feasibility = Some(if l.contains(t.target_value) {
                    format!(
                        "The target ({}) lies within the natural process limits ({} to {}): the current process will meet and miss it by chance.",
                        format_number(t.target_value, decimals),
                        format_number(l.lower, decimals),
                        format_number(l.upper, decimals)
                    )
                } else {
                    format!(
                        "The target ({}) lies beyond the natural process limits ({} to {}): reaching it needs a change in the process, not more effort in the same one.",
                        format_number(t.target_value, decimals),
                        format_number(l.lower, decimals),
                        format_number(l.upper, decimals)
                    )
                });
            }
        }
        let name = series.map_or(String::new(), |t| t.name.clone());
        let markers = observations
            .iter()
            .filter(|o| {
                o.team.is_none_or(|t| t == team)
                    && o.indicator.is_none_or(|i| i == snap.indicator.id)
            })
            .map(|o| (plot_x(o.observed_on), o.text.clone()))
            .collect();
        XmrView {
            indicator: snap.indicator.id,
            team,
            title: format!("{} — {name}", snap.indicator.name),
            periods,
            chart,
            setting,
            summary,
            signal_lines,
            gaps,
            markers,
            feasibility,
            level_changes,
        }
    }
}

/// Everything the monitoring screens show.
#[derive(Clone, Debug, Default)]
pub struct MonitorView {
    /// The progress screen.
    pub progress: Option<ProgressView>,
    /// The small multiples: what, and the charts.
    pub multiples: Option<(MultiplesMode, Vec<MiniChart>)>,
    /// The XmR screen.
    pub xmr: Option<XmrView>,
}

/// Where a series changed level for good: each stage's first period, with
/// the mean of the stage before and of the stage it starts.
fn level_changes(
    values: &[f64],
    periods: &[NaiveDate],
    label: &dyn Fn(usize) -> String,
    decimals: usize,
) -> Vec<(NaiveDate, String)> {
    use crate::analysis::integrity::shift::{Reference, stage_changes};
    let starts: Vec<usize> = stage_changes(
        values,
        Reference {
            from: 0,
            until: None,
        },
    )
    .iter()
    .map(|c| c.shift.start)
    .collect();
    let mean = |a: usize, b: usize| {
        let part = &values[a.min(values.len())..b.min(values.len())];
        (!part.is_empty()).then(|| part.iter().sum::<f64>() / part.len() as f64)
    };
    let mut out = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let before = k.checked_sub(1).map_or(0, |p| starts[p]);
        let after = starts.get(k + 1).copied().unwrap_or(values.len());
        let (Some(at), Some(from), Some(to)) =
            (periods.get(start), mean(before, start), mean(start, after))
        else {
            continue;
        };
        out.push((
            *at,
            format!(
                "{}: the level moved from about {} to about {}",
                label(start),
                format_number(from, decimals),
                format_number(to, decimals)
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_plot_coordinates() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 17).unwrap();
        assert_eq!(date_of(plot_x(d)), Some(d));
    }

    #[test]
    fn downsampling_keeps_the_ends() {
        let pts: Vec<[f32; 2]> = (0..1000).map(|i| [i as f32, 0.0]).collect();
        let d = downsample(&pts, 100);
        assert_eq!(d.len(), 100);
        assert_eq!(d[0], [0.0, 0.0]);
        assert_eq!(d[99], [999.0, 0.0]);
    }
}
