//! The sustained-shift test behind the XmR integrity flags: is the latest
//! stretch of a series, as a whole, away from what came before it?
//!
//! Wheeler's three detection rules applied to every point of a long series
//! fire somewhere on most stable series (each rule has a small chance at
//! each point), which is right on a chart a person reads and wrong for a
//! flag a leader must answer. A flag asks one question per series, about
//! now: for each candidate episode of the last `m` values
//! (`MIN_EPISODE..=MAX_EPISODE`), compare the episode's mean with the mean
//! with the median of the values before it, in units of the natural
//! variation those values show (σ estimated from their mean moving range,
//! as the XmR limits are):
//!
//! ```text
//! z(m) = (mean(episode) − median(reference)) / (σ̂ · √(1/m + (π/2)/r))
//! ```
//!
//! and report the episode whose `z(m) / √(1 + 4/r)` is largest, if it is
//! beyond [`SHIFT_THRESHOLD`] and the shift still holds (the episode's later
//! half is at least a third as far from the centre, the same way). The
//! factor `√(1 + 4/r)` widens the threshold when the reference is short
//! (σ̂ from few moving ranges is uncertain); the median keeps a past
//! episode inside the reference from making the present look shifted.
//! Looking only at episodes that reach the latest value is the correction
//! for the number of points looked at: a stable series is asked about ~23
//! overlapping windows, not hundreds of points, and a series checked every
//! period is judged again as each value arrives. A change that ended long
//! ago is visible on the XmR chart but is no longer a flag.
//!
//! Measured on seeded data (`tests/flows/verdict_rates.rs`, README): stable
//! series of 104 weekly values raise a deterioration about 3 % of the time;
//! a shift of 1.5 σ over the last 8 periods is found about 93 % of the time,
//! one of 3 σ over the last 4 about 99.9 %.

/// Fewest values an episode has (a shorter run is a blip, not a shift).
pub const MIN_EPISODE: usize = 4;
/// Most values an episode has (half a year of weekly data).
pub const MAX_EPISODE: usize = 26;
/// Fewest values the reference before an episode has.
pub const MIN_REFERENCE: usize = 12;
/// How far (in standard errors, after the short-reference widening) an
/// episode's mean must be from its reference's to be a shift.
pub const SHIFT_THRESHOLD: f64 = 2.6;
/// The short-reference widening: the threshold is multiplied by
/// `√(1 + SHORT_REFERENCE / r)` for a reference of `r` values.
pub const SHORT_REFERENCE: f64 = 4.0;
/// d2 for moving ranges of two: σ ≈ mean moving range / 1.128.
pub const D2: f64 = 1.128;

/// Fewest values a series needs for the test: a reference and an episode.
pub const MIN_VALUES: usize = MIN_REFERENCE + MIN_EPISODE;

/// Where the reference of an episode starts and may end, from the leader's
/// XmR settings: a fixed baseline span, or a recalculation point after a
/// known change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reference {
    /// The first value the reference may use.
    pub from: usize,
    /// The reference ends here at the latest (a fixed baseline); `None`:
    /// it runs up to the episode.
    pub until: Option<usize>,
}

/// A sustained shift at the end of a series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shift {
    /// The episode's first index.
    pub start: usize,
    /// Its length (it runs to the last value).
    pub len: usize,
    /// The reference's indices (start, end exclusive).
    pub reference: (usize, usize),
    /// The reference's median (the centre line the episode is judged by).
    pub centre: f64,
    /// The reference's mean moving range.
    pub mean_moving_range: f64,
    /// The episode's mean.
    pub episode_mean: f64,
    /// The episode's distance from the reference in standard errors.
    pub z: f64,
    /// The episode's distance in units of σ̂ (how big the shift is).
    pub sigmas: f64,
}

impl Shift {
    /// True when the episode is above the reference.
    pub fn is_up(&self) -> bool {
        self.episode_mean > self.centre
    }
}

/// Prefix sums of the values and of their moving ranges, so that any
/// window's mean (and mean moving range) costs O(1).
fn prefix_sums(values: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let n = values.len();
    let mut sum = vec![0.0; n + 1];
    let mut mr = vec![0.0; n + 1];
    for i in 0..n {
        sum[i + 1] = sum[i] + values[i];
        mr[i + 1] = mr[i]
            + if i > 0 {
                (values[i] - values[i - 1]).abs()
            } else {
                0.0
            };
    }
    (sum, mr)
}

/// The strongest sustained shift up and down at the end of `values`
/// (each `None` when there is none beyond the threshold, or too few values).
pub fn latest_shifts(values: &[f64], reference: Reference) -> (Option<Shift>, Option<Shift>) {
    let n = values.len();
    if n < MIN_VALUES || values.iter().any(|v| !v.is_finite()) {
        return (None, None);
    }
    let (sum, mr) = prefix_sums(values);
    let scale = values.iter().fold(0.0_f64, |a, v| a.max(v.abs())).max(1.0);
    let mean = |a: usize, b: usize| (sum[b] - sum[a]) / (b - a) as f64;
    // The reference's values, sorted, grown as the episode shortens.
    let r0 = reference.from;
    let mut sorted: Vec<f64> = Vec::new();
    let mut sorted_to = r0;
    // The strongest episode each way, with how far it is judged beyond.
    let mut up: Option<(f64, Shift)> = None;
    let mut down: Option<(f64, Shift)> = None;
    for m in (MIN_EPISODE..=MAX_EPISODE.min(n)).rev() {
        let start = n - m;
        let r1 = reference.until.map_or(start, |u| u.min(start));
        if r1 < r0 + MIN_REFERENCE {
            continue;
        }
        while sorted_to < r1 {
            let v = values[sorted_to];
            let at = sorted.partition_point(|x| *x < v);
            sorted.insert(at, v);
            sorted_to += 1;
        }
        let r = (r1 - r0) as f64;
        // The median: a past episode inside the reference moves it little.
        let centre = median_of_sorted(&sorted);
        // Moving ranges inside the reference: indices r0+1 .. r1-1.
        let mean_mr = (mr[r1] - mr[r0 + 1]) / (r - 1.0);
        // A flat reference still has a scale: a change of one part in 10^9.
        let sigma = (mean_mr / D2).max(scale * 1e-9);
        let episode_mean = mean(start, n);
        let se = sigma * (1.0 / m as f64 + MEDIAN_EFFICIENCY / r).sqrt();
        let z = (episode_mean - centre) / se;
        let judged = z / (1.0 + SHORT_REFERENCE / r).sqrt();
        // The shift must still hold: the episode's later half at least a
        // third as far from the centre, the same way.
        let later = mean(start + m / 2, n) - centre;
        let holds = later * z.signum() >= (episode_mean - centre).abs() / 3.0;
        if judged.abs() <= SHIFT_THRESHOLD || !holds {
            continue;
        }
        let shift = Shift {
            start,
            len: m,
            reference: (r0, r1),
            centre,
            mean_moving_range: mean_mr,
            episode_mean,
            z,
            sigmas: (episode_mean - centre) / sigma,
        };
        let slot = if z > 0.0 { &mut up } else { &mut down };
        if slot.as_ref().is_none_or(|(b, _)| judged.abs() > *b) {
            *slot = Some((judged.abs(), shift));
        }
    }
    (up.map(|(_, s)| s), down.map(|(_, s)| s))
}

/// How far beyond its reference an episode must be to count as a past
/// stage change when a whole history is scanned period by period (wins):
/// every period is a look, so the bar is higher than for the one look at
/// the present. Measured (`verdict_rates`, README): 2.2 % of stable
/// two-year weekly series show a false improvement; an improvement of
/// 1.5 σ over the last 44 of 104 weeks is found 99.5 % of the time, as a
/// single win 96.5 %.
pub const STAGE_THRESHOLD: f64 = 4.0;

/// A change between stages found while scanning a history.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StageChange {
    /// The index at which it was first seen (the last value then).
    pub seen_at: usize,
    /// The shift as seen then.
    pub shift: Shift,
}

/// Scans `values` as if checked after every period: each time the values
/// since the current stage's start show a sustained shift beyond
/// [`STAGE_THRESHOLD`] (mean reference, as [`latest_shifts`] otherwise
/// judges), a change is recorded and a new stage starts where the shift
/// began, so one lasting change is one record. Both directions.
pub fn stage_changes(values: &[f64], reference: Reference) -> Vec<StageChange> {
    let n = values.len();
    if n < MIN_VALUES || values.iter().any(|v| !v.is_finite()) {
        return Vec::new();
    }
    let (sum, mr) = prefix_sums(values);
    let scale = values.iter().fold(0.0_f64, |a, v| a.max(v.abs())).max(1.0);
    let mean = |a: usize, b: usize| (sum[b] - sum[a]) / (b - a) as f64;
    let mut stage = reference.from;
    let mut until = reference.until;
    let mut out = Vec::new();
    for t in (reference.from + MIN_VALUES)..=n {
        let mut best: Option<(f64, Shift)> = None;
        for m in MIN_EPISODE..=MAX_EPISODE {
            let Some(start) = t.checked_sub(m) else { break };
            let r1 = until.map_or(start, |u| u.min(start));
            if r1 < stage + MIN_REFERENCE {
                break;
            }
            let r = (r1 - stage) as f64;
            let centre = mean(stage, r1);
            let mean_mr = (mr[r1] - mr[stage + 1]) / (r - 1.0);
            let sigma = (mean_mr / D2).max(scale * 1e-9);
            let episode_mean = mean(start, t);
            let z = (episode_mean - centre) / (sigma * (1.0 / m as f64 + 1.0 / r).sqrt());
            let judged = z / (1.0 + SHORT_REFERENCE / r).sqrt();
            let later = mean(start + m / 2, t) - centre;
            let holds = later * z.signum() >= (episode_mean - centre).abs() / 3.0;
            if judged.abs() > STAGE_THRESHOLD
                && holds
                && best.as_ref().is_none_or(|(b, _)| judged.abs() > *b)
            {
                best = Some((
                    judged.abs(),
                    Shift {
                        start,
                        len: m,
                        reference: (stage, r1),
                        centre,
                        mean_moving_range: mean_mr,
                        episode_mean,
                        z,
                        sigmas: (episode_mean - centre) / sigma,
                    },
                ));
            }
        }
        if let Some((_, shift)) = best {
            out.push(StageChange {
                seen_at: t - 1,
                shift,
            });
            stage = shift.start;
            until = None;
        }
    }
    out
}

/// The variance of a median of normal values relative to their mean's (π/2).
pub const MEDIAN_EFFICIENCY: f64 = std::f64::consts::FRAC_PI_2;

fn median_of_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The reference the leader's XmR settings give: from a recalculation
/// point, or a fixed baseline span; else the whole history before an episode.
pub fn reference_for(options: crate::analysis::xmr::XmrOptions) -> Reference {
    match (options.recalculate_from, options.baseline) {
        (Some(r), _) => Reference {
            from: r,
            until: None,
        },
        (None, Some((b0, b1))) => Reference {
            from: b0,
            until: Some(b1),
        },
        (None, None) => Reference::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rng::SplitMix64;

    fn noise(n: usize, seed: u64) -> Vec<f64> {
        let mut r = SplitMix64::new(seed);
        (0..n).map(|_| 50.0 + r.noise(1.0)).collect()
    }

    #[test]
    fn a_shift_at_the_end_is_found_with_its_start_and_size() {
        let mut v = noise(104, 3);
        for x in v.iter_mut().skip(96) {
            *x += 3.0;
        }
        let (up, down) = latest_shifts(&v, Reference::default());
        let up = up.expect("found");
        assert!(down.is_none());
        assert!(up.is_up());
        assert!((94..=98).contains(&up.start), "{}", up.start);
        assert!(up.sigmas > 2.0, "{}", up.sigmas);
        assert_eq!(up.reference.0, 0);
        assert_eq!(up.reference.1, up.start);
    }

    #[test]
    fn a_change_that_ended_long_ago_is_not_a_current_shift() {
        let mut v = noise(104, 5);
        for x in v.iter_mut().skip(30).take(10) {
            *x -= 4.0;
        }
        let (up, down) = latest_shifts(&v, Reference::default());
        assert!(down.is_none(), "{down:?}");
        assert!(up.is_none(), "{up:?}");
    }

    #[test]
    fn a_lasting_change_in_a_history_is_one_stage_change() {
        let mut v = noise(104, 11);
        for x in v.iter_mut().skip(60) {
            *x += 2.0;
        }
        let changes = stage_changes(&v, Reference::default());
        let ups: Vec<&StageChange> = changes.iter().filter(|c| c.shift.is_up()).collect();
        assert_eq!(ups.len(), 1, "{changes:?}");
        assert!((58..=66).contains(&ups[0].shift.start), "{:?}", ups[0]);
        assert!(ups[0].seen_at >= 63 && ups[0].seen_at <= 72, "{:?}", ups[0]);
        // Stable noise: rarely anything upward (about 5 in 100 series).
        let false_ups = (100..200)
            .filter(|&seed| {
                stage_changes(&noise(104, seed), Reference::default())
                    .iter()
                    .any(|c| c.shift.is_up())
            })
            .count();
        assert!(false_ups <= 12, "{false_ups} of 100");
    }

    #[test]
    fn too_short_a_series_is_not_tested() {
        let v = vec![
            1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 1.0, 9.0, 50.0, 50.0, 50.0, 50.0,
        ];
        assert_eq!(latest_shifts(&v, Reference::default()), (None, None));
    }

    #[test]
    fn a_fixed_baseline_is_the_reference() {
        // Baseline 0..20 at 10; a later stretch at 10 too, then a rise.
        let mut v: Vec<f64> = (0..40).map(|i| 10.0 + f64::from(i % 3) * 0.5).collect();
        v.extend([14.0; 6]);
        let (up, _) = latest_shifts(
            &v,
            Reference {
                from: 0,
                until: Some(20),
            },
        );
        let up = up.expect("found");
        assert_eq!(up.reference, (0, 20));
        assert_eq!(up.start, 40);
    }

    #[test]
    fn a_flat_reference_with_a_change_is_a_shift() {
        let mut v = vec![5.0; 20];
        v.extend([6.0; 4]);
        let (up, _) = latest_shifts(&v, Reference::default());
        assert_eq!(up.map(|s| s.start), Some(20));
    }
}
