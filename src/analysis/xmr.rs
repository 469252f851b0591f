//! Process-behaviour (XmR) charts, after Wheeler: separate signal from noise.
//!
//! - moving range mR_i = |x_i − x_{i−1}|
//! - centre line = mean of the values
//! - natural process limits = centre ± 2.66 × mean(mR)
//! - upper range limit = 3.268 × mean(mR)
//!
//! Signals: (1) a point beyond a limit (a point exactly on a limit is not
//! one); (2) eight successive points on the same side of the centre line;
//! (3) three of four successive points closer to the same limit than to the
//! centre line.

use serde::Serialize;

/// Scaling constant for the natural process limits.
pub const NPL_FACTOR: f64 = 2.66;
/// Scaling constant for the upper range limit.
pub const URL_FACTOR: f64 = 3.268;

/// The limits of one stretch of a series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct XmrLimits {
    /// Mean of the values.
    pub centre: f64,
    /// Mean moving range.
    pub mean_moving_range: f64,
    /// Upper natural process limit.
    pub upper: f64,
    /// Lower natural process limit.
    pub lower: f64,
    /// Upper range limit for the moving ranges.
    pub upper_range: f64,
}

impl XmrLimits {
    /// Limits computed from `values` (at least two), or `None` when there are too few.
    pub fn from_values(values: &[f64]) -> Option<XmrLimits> {
        if values.len() < 2 || values.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let centre = values.iter().sum::<f64>() / values.len() as f64;
        let mean_mr =
            values.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<f64>() / (values.len() - 1) as f64;
        Some(XmrLimits {
            centre,
            mean_moving_range: mean_mr,
            upper: centre + NPL_FACTOR * mean_mr,
            lower: centre - NPL_FACTOR * mean_mr,
            upper_range: URL_FACTOR * mean_mr,
        })
    }

    /// True when `target` lies inside the natural process limits: the current
    /// process will meet and miss it by chance.
    pub fn contains(&self, target: f64) -> bool {
        target >= self.lower && target <= self.upper
    }
}

/// Which rule a signal broke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SignalRule {
    /// A point beyond a natural process limit.
    BeyondLimit,
    /// Eight successive points on one side of the centre line.
    RunOfEight,
    /// Three of four successive points closer to one limit than to the centre.
    ThreeOfFour,
}

impl SignalRule {
    /// Words for a person.
    pub fn describe(self) -> &'static str {
        match self {
            SignalRule::BeyondLimit => "a point beyond a natural process limit",
            SignalRule::RunOfEight => "eight successive points on one side of the centre line",
            SignalRule::ThreeOfFour => {
                "three of four successive points nearer a limit than the centre line"
            }
        }
    }

    /// A short name for tables and legends.
    pub fn short(self) -> &'static str {
        match self {
            SignalRule::BeyondLimit => "beyond a limit",
            SignalRule::RunOfEight => "run of eight",
            SignalRule::ThreeOfFour => "3 of 4 near a limit",
        }
    }
}

/// Which side of the centre line a signal is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Side {
    /// Above the centre line.
    High,
    /// Below the centre line.
    Low,
}

/// A point that is part of a signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Signal {
    /// Its index in the series.
    pub index: usize,
    /// The rule it belongs to.
    pub rule: SignalRule,
    /// Above or below the centre.
    pub side: Side,
}

/// How the limits are computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct XmrOptions {
    /// Compute the limits from these indices (inclusive start, exclusive
    /// end) only, and hold them fixed for later points. `None`: all points
    /// (up to a recalculation).
    pub baseline: Option<(usize, usize)>,
    /// Recalculate the limits from this index on (a change in the process).
    pub recalculate_from: Option<usize>,
}

impl XmrOptions {
    /// The options for a series whose points fall in `periods` (start dates,
    /// oldest first), from settings given as dates: a baseline span
    /// (inclusive) and a period from which to recalculate.
    pub fn for_periods(
        periods: &[chrono::NaiveDate],
        baseline_from: Option<chrono::NaiveDate>,
        baseline_to: Option<chrono::NaiveDate>,
        recalc_from: Option<chrono::NaiveDate>,
    ) -> XmrOptions {
        let index_of =
            |d: Option<chrono::NaiveDate>| d.and_then(|d| periods.iter().position(|p| *p >= d));
        let baseline = match (
            index_of(baseline_from),
            baseline_to.and_then(|d| periods.iter().rposition(|p| *p <= d)),
        ) {
            (Some(a), Some(b)) if b >= a => Some((a, b + 1)),
            (Some(a), None) => Some((a, periods.len())),
            _ => None,
        };
        XmrOptions {
            baseline,
            recalculate_from: index_of(recalc_from),
        }
    }
}

/// One stretch of the series with its own limits.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct XmrSegment {
    /// First index the limits apply to.
    pub start: usize,
    /// One past the last index.
    pub end: usize,
    /// The limits.
    pub limits: XmrLimits,
    /// The indices the limits were computed from (start, end exclusive).
    pub computed_from: (usize, usize),
}

/// An XmR analysis of one series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct XmrChart {
    /// The values.
    pub values: Vec<f64>,
    /// Moving ranges (index i is |x_i − x_{i−1}|; index 0 has none).
    pub moving_ranges: Vec<Option<f64>>,
    /// The stretches and their limits.
    pub segments: Vec<XmrSegment>,
    /// Points that are signals, by rule (a point may appear once per rule).
    pub signals: Vec<Signal>,
    /// Moving ranges above the upper range limit (indices).
    pub range_signals: Vec<usize>,
}

impl XmrChart {
    /// The segment that covers `index`.
    pub fn segment_at(&self, index: usize) -> Option<&XmrSegment> {
        self.segments
            .iter()
            .find(|s| index >= s.start && index < s.end)
    }

    /// The limits in force at the end of the series.
    pub fn latest_limits(&self) -> Option<XmrLimits> {
        self.segments.last().map(|s| s.limits)
    }
}

/// Fewest points for which limits are computed.
pub const MIN_POINTS: usize = 2;

/// Computes the chart for `values` (in time order, no gaps). `None` when
/// there are too few values for limits.
pub fn xmr_chart(values: &[f64], options: XmrOptions) -> Option<XmrChart> {
    let n = values.len();
    let segments = segments(values, options)?;
    let moving_ranges: Vec<Option<f64>> = (0..n)
        .map(|i| (i > 0).then(|| (values[i] - values[i - 1]).abs()))
        .collect();
    let mut marks: Marks = vec![[None; 3]; n];
    for seg in &segments {
        detect(values, seg, &mut marks);
    }
    let signals = signals_from(&marks);
    let range_signals = (1..n)
        .filter(|&i| {
            let url = segments
                .iter()
                .find(|s| i >= s.start && i < s.end)
                .map_or(f64::INFINITY, |s| s.limits.upper_range);
            moving_ranges[i].is_some_and(|mr| mr > url)
        })
        .collect();
    Some(XmrChart {
        values: values.to_vec(),
        moving_ranges,
        segments,
        signals,
        range_signals,
    })
}

/// The limits in force at the end of `values`: those of the chart's last
/// segment, without laying out the chart.
pub fn latest_limits(values: &[f64], options: XmrOptions) -> Option<XmrLimits> {
    segments(values, options)?.pop().map(|s| s.limits)
}

/// The chart's segments (one, or two after a recalculation) with their
/// limits; `None` when there are too few values.
fn segments(values: &[f64], options: XmrOptions) -> Option<Vec<XmrSegment>> {
    let n = values.len();
    if n < MIN_POINTS {
        return None;
    }
    let split = options.recalculate_from.filter(|&r| r > 0 && r < n);
    let mut bounds = vec![(0, split.unwrap_or(n))];
    if let Some(r) = split {
        bounds.push((r, n));
    }
    let mut segments = Vec::new();
    for (i, &(start, end)) in bounds.iter().enumerate() {
        let computed_from = match options.baseline {
            Some((b0, b1)) if i == 0 => {
                let (b0, b1) = (b0.min(end), b1.min(end));
                if b1 >= b0 + MIN_POINTS {
                    (b0, b1)
                } else {
                    (start, end)
                }
            }
            _ => (start, end),
        };
        let limits = XmrLimits::from_values(&values[computed_from.0..computed_from.1])
            .or_else(|| XmrLimits::from_values(&values[start..end]))?;
        segments.push(XmrSegment {
            start,
            end,
            limits,
            computed_from,
        });
    }
    Some(segments)
}

/// Signal points at most this many periods apart belong to the same shift.
pub const SHIFT_GAP: usize = 3;

/// A stretch of a series the rules call a signal on one side: the points,
/// where it first became visible, and the rules that saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    /// Indices of the signal points, ascending.
    pub points: Vec<usize>,
    /// The index at which the first rule saw it (the eighth point of a run,
    /// the third of three-of-four, the point beyond a limit).
    pub seen_at: usize,
    /// The rules that fired, in rule order.
    pub rules: Vec<SignalRule>,
}

/// The signals on `side` grouped into shifts: each rule's points grouped
/// (adjacent, or within the rule's window), then groups of different rules
/// that overlap or nearly touch merged into one.
pub fn shifts(chart: &XmrChart, side: Side) -> Vec<Shift> {
    let mut found: Vec<(Vec<usize>, usize, SignalRule)> = Vec::new();
    for rule in [
        SignalRule::BeyondLimit,
        SignalRule::RunOfEight,
        SignalRule::ThreeOfFour,
    ] {
        let idx: Vec<usize> = chart
            .signals
            .iter()
            .filter(|s| s.rule == rule && s.side == side)
            .map(|s| s.index)
            .collect();
        let reach = if rule == SignalRule::ThreeOfFour {
            2
        } else {
            1
        };
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in idx {
            match groups.last_mut() {
                Some(g) if g.last().is_some_and(|&l| i - l <= reach) => g.push(i),
                _ => groups.push(vec![i]),
            }
        }
        for g in groups {
            let seen_at = match rule {
                SignalRule::BeyondLimit => g[0],
                SignalRule::RunOfEight => g[7.min(g.len() - 1)],
                SignalRule::ThreeOfFour => g[2.min(g.len() - 1)],
            };
            found.push((g, seen_at, rule));
        }
    }
    found.sort_by_key(|(g, _, _)| g[0]);
    let mut out: Vec<Shift> = Vec::new();
    // The last point of the shift being built; its points are sorted once,
    // at the end, rather than after every merge.
    let mut last_point = 0;
    for (g, seen_at, rule) in found {
        let (first, last) = (g[0], g[g.len() - 1]);
        match out.last_mut() {
            Some(shift) if first <= last_point + SHIFT_GAP => {
                shift.points.extend(g);
                last_point = last_point.max(last);
                shift.seen_at = shift.seen_at.min(seen_at);
                if !shift.rules.contains(&rule) {
                    shift.rules.push(rule);
                    shift.rules.sort();
                }
            }
            _ => {
                last_point = last;
                out.push(Shift {
                    points: g,
                    seen_at,
                    rules: vec![rule],
                });
            }
        }
    }
    for shift in &mut out {
        shift.points.sort_unstable();
        shift.points.dedup();
    }
    out
}

/// Which rules mark each point, and on which side (one slot per rule).
type Marks = Vec<[Option<Side>; 3]>;

fn rule_slot(rule: SignalRule) -> usize {
    match rule {
        SignalRule::BeyondLimit => 0,
        SignalRule::RunOfEight => 1,
        SignalRule::ThreeOfFour => 2,
    }
}

fn mark(marks: &mut Marks, index: usize, rule: SignalRule, side: Side) {
    marks[index][rule_slot(rule)] = Some(side);
}

/// The marked points as signals, by index then rule.
fn signals_from(marks: &Marks) -> Vec<Signal> {
    let rules = [
        SignalRule::BeyondLimit,
        SignalRule::RunOfEight,
        SignalRule::ThreeOfFour,
    ];
    let mut out = Vec::new();
    for (index, slots) in marks.iter().enumerate() {
        for rule in rules {
            if let Some(side) = slots[rule_slot(rule)] {
                out.push(Signal { index, rule, side });
            }
        }
    }
    out
}

fn detect(values: &[f64], seg: &XmrSegment, marks: &mut Marks) {
    let l = seg.limits;
    // Rule 1: beyond a limit (strictly).
    for (i, &x) in values.iter().enumerate().take(seg.end).skip(seg.start) {
        if x > l.upper {
            mark(marks, i, SignalRule::BeyondLimit, Side::High);
        } else if x < l.lower {
            mark(marks, i, SignalRule::BeyondLimit, Side::Low);
        }
    }
    // Rule 2: eight successive points on one side (a point on the centre
    // line breaks the run). Every point of a run of eight or more is marked.
    let side = |x: f64| {
        if x > l.centre {
            Some(Side::High)
        } else if x < l.centre {
            Some(Side::Low)
        } else {
            None
        }
    };
    let mut run_start = seg.start;
    for i in seg.start..=seg.end {
        let same = i < seg.end && i > run_start && side(values[i]) == side(values[run_start]);
        if i < seg.end && (i == run_start || same) {
            continue;
        }
        if let Some(s) = side(values[run_start])
            && i - run_start >= 8
        {
            for j in run_start..i {
                mark(marks, j, SignalRule::RunOfEight, s);
            }
        }
        run_start = i;
    }
    // Rule 3: three of four successive points closer to the same limit than to the centre.
    let high_mid = (l.upper + l.centre) / 2.0;
    let low_mid = (l.lower + l.centre) / 2.0;
    if seg.end >= seg.start + 4 {
        for w in seg.start..=seg.end - 4 {
            for s in [Side::High, Side::Low] {
                let near = |x: f64| match s {
                    Side::High => x > high_mid,
                    Side::Low => x < low_mid,
                };
                let hits = (w..w + 4).filter(|&i| near(values[i])).count();
                if hits >= 3 {
                    for i in (w..w + 4).filter(|&i| near(values[i])) {
                        mark(marks, i, SignalRule::ThreeOfFour, s);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn overlapping_signals_of_several_rules_merge_into_one_sorted_shift() {
        // Twelve points alternating about 10.5, then a step up to 12.5 held
        // for ten points, with one jump beyond the upper limit in it.
        let mut values: Vec<f64> = (0..12)
            .map(|i| if i % 2 == 0 { 10.0 } else { 11.0 })
            .collect();
        values.extend([12.5, 12.4, 12.6, 14.0, 12.5, 12.3, 12.6, 12.4, 12.5, 12.6]);
        let opts = XmrOptions {
            baseline: Some((0, 12)),
            recalculate_from: None,
        };
        let chart = xmr_chart(&values, opts).unwrap();
        let found = shifts(&chart, Side::High);
        assert_eq!(found.len(), 1, "{found:?}");
        let shift = &found[0];
        // Every point of the step (and the last baseline point, above the
        // centre, which starts the run of eight), each once, in order.
        assert_eq!(shift.points, (11..22).collect::<Vec<_>>());
        assert_eq!(
            shift.rules,
            [
                SignalRule::BeyondLimit,
                SignalRule::RunOfEight,
                SignalRule::ThreeOfFour
            ]
        );
        // First seen at the third point of three-of-four (index 14), before
        // the jump at 15 and the eighth point of the run at 18.
        assert_eq!(shift.seen_at, 14);
        assert!(shifts(&chart, Side::Low).is_empty());
    }

    #[test]
    fn latest_limits_are_the_charts_last_segment_for_any_options() {
        let values: Vec<f64> = (0..40)
            .map(|i| f64::from((i * 37) % 11) + f64::from(i) * 0.3)
            .collect();
        let options = [
            XmrOptions::default(),
            XmrOptions {
                baseline: Some((0, 12)),
                recalculate_from: None,
            },
            XmrOptions {
                baseline: Some((5, 9)),
                recalculate_from: Some(20),
            },
            XmrOptions {
                baseline: None,
                recalculate_from: Some(39),
            },
            XmrOptions {
                baseline: Some((30, 60)),
                recalculate_from: Some(0),
            },
        ];
        for o in options {
            for n in [0, 1, 2, 3, 25, 40] {
                let chart = xmr_chart(&values[..n], o);
                assert_eq!(
                    latest_limits(&values[..n], o),
                    chart.and_then(|c| c.latest_limits()),
                    "{o:?}, {n} values"
                );
            }
        }
    }

    #[test]
    fn limits_by_hand() {
        // Values 10, 12, 11, 13: mean 11.5; moving ranges 2, 1, 2 → mean 5/3.
        let l = XmrLimits::from_values(&[10.0, 12.0, 11.0, 13.0]).unwrap();
        assert!(close(l.centre, 11.5));
        assert!(close(l.mean_moving_range, 5.0 / 3.0));
        assert!(close(l.upper, 11.5 + 2.66 * 5.0 / 3.0));
        assert!(close(l.lower, 11.5 - 2.66 * 5.0 / 3.0));
        assert!(close(l.upper_range, 3.268 * 5.0 / 3.0));
        assert!(XmrLimits::from_values(&[1.0]).is_none());
    }

    #[test]
    fn a_point_beyond_a_limit_is_a_signal_and_one_on_the_limit_is_not() {
        // Baseline 10, 11 alternating: centre 10.5, mean mR 1 → limits 7.84 and 13.16.
        let mut values: Vec<f64> = (0..10)
            .map(|i| if i % 2 == 0 { 10.0 } else { 11.0 })
            .collect();
        let opts = XmrOptions {
            baseline: Some((0, 10)),
            recalculate_from: None,
        };
        let limits = xmr_chart(&values, opts).unwrap().latest_limits().unwrap();
        values.push(limits.upper); // exactly on the limit
        values.push(limits.upper + 0.01); // beyond
        let chart = xmr_chart(&values, opts).unwrap();
        let beyond: Vec<usize> = chart
            .signals
            .iter()
            .filter(|s| s.rule == SignalRule::BeyondLimit)
            .map(|s| s.index)
            .collect();
        assert_eq!(beyond, [11]);
        assert_eq!(
            chart.segments[0].computed_from,
            (0, 10),
            "limits fixed from the baseline"
        );
    }

    #[test]
    fn eight_in_a_row_on_one_side() {
        // Centre is pulled to the middle; the last eight sit above it.
        let values = [
            5.0, 4.0, 5.0, 4.0, 5.0, 4.0, 5.0, 4.0, 6.0, 6.1, 6.2, 6.0, 6.1, 6.3, 6.0, 6.2,
        ];
        let opts = XmrOptions {
            baseline: Some((0, 8)),
            recalculate_from: None,
        };
        let chart = xmr_chart(&values, opts).unwrap();
        let run: Vec<usize> = chart
            .signals
            .iter()
            .filter(|s| s.rule == SignalRule::RunOfEight)
            .map(|s| s.index)
            .collect();
        assert_eq!(run, (8..16).collect::<Vec<_>>());
        assert!(
            chart
                .signals
                .iter()
                .filter(|s| s.rule == SignalRule::RunOfEight)
                .all(|s| s.side == Side::High)
        );
        // Seven in a row is not a signal.
        let seven = &values[..15];
        let chart = xmr_chart(seven, opts).unwrap();
        assert!(
            !chart
                .signals
                .iter()
                .any(|s| s.rule == SignalRule::RunOfEight)
        );
    }

    #[test]
    fn three_of_four_near_a_limit() {
        // Baseline: 10, 12 alternating → centre 11, mean mR 2, limits 5.68..16.32, midpoints 8.34 and 13.66.
        let mut values: Vec<f64> = (0..8)
            .map(|i| if i % 2 == 0 { 10.0 } else { 12.0 })
            .collect();
        values.extend([14.0, 11.0, 14.5, 14.2]); // three of four above 13.66
        let opts = XmrOptions {
            baseline: Some((0, 8)),
            recalculate_from: None,
        };
        let chart = xmr_chart(&values, opts).unwrap();
        let near: Vec<usize> = chart
            .signals
            .iter()
            .filter(|s| s.rule == SignalRule::ThreeOfFour)
            .map(|s| s.index)
            .collect();
        assert_eq!(near, [8, 10, 11]);
        assert!(
            !chart
                .signals
                .iter()
                .any(|s| s.rule == SignalRule::BeyondLimit)
        );
    }

    #[test]
    fn recalculating_after_a_process_change() {
        let mut values: Vec<f64> = (0..10).map(|i| 10.0 + (i % 2) as f64).collect();
        values.extend((0..10).map(|i| 20.0 + (i % 2) as f64));
        let chart = xmr_chart(
            &values,
            XmrOptions {
                baseline: None,
                recalculate_from: Some(10),
            },
        )
        .unwrap();
        assert_eq!(chart.segments.len(), 2);
        assert!(close(chart.segments[0].limits.centre, 10.5));
        assert!(close(chart.segments[1].limits.centre, 20.5));
        assert!(
            chart.signals.is_empty(),
            "each stretch is stable on its own: {:?}",
            chart.signals
        );
        assert_eq!(chart.segment_at(15).unwrap().start, 10);
    }

    #[test]
    fn moving_ranges_above_the_range_limit() {
        let values = [10.0, 10.5, 10.0, 10.5, 10.0, 10.5, 10.0, 10.5, 10.0, 20.0];
        let chart = xmr_chart(
            &values,
            XmrOptions {
                baseline: Some((0, 9)),
                recalculate_from: None,
            },
        )
        .unwrap();
        assert_eq!(chart.range_signals, [9]);
        assert_eq!(chart.moving_ranges[0], None);
        assert_eq!(chart.moving_ranges[9], Some(10.0));
    }

    #[test]
    fn target_inside_or_beyond_the_limits() {
        let l = XmrLimits::from_values(&[40.0, 42.0, 41.0, 43.0, 40.0]).unwrap();
        assert!(l.contains(42.0));
        assert!(!l.contains(90.0));
    }
}
