//! Comparing indicators (practice 10): values aligned on common periods,
//! and Pearson and Spearman correlation with the number of pairs.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::{Frequency, Period};

/// Fewer aligned pairs than this and a correlation is shown with a warning.
pub const FEW_PAIRS: usize = 10;

/// Aligns two series on the periods of the coarser frequency: each value is
/// placed in the period containing it, and values sharing a period are averaged.
pub fn align(
    a: &[(NaiveDate, f64)],
    fa: Frequency,
    b: &[(NaiveDate, f64)],
    fb: Frequency,
) -> Vec<(NaiveDate, f64, f64)> {
    let length = |f: Frequency| match f {
        Frequency::Week => 0,
        Frequency::Month => 1,
        Frequency::Quarter => 2,
        Frequency::Year => 3,
    };
    let coarse = if length(fa) >= length(fb) { fa } else { fb };
    let bucket = |points: &[(NaiveDate, f64)]| {
        let mut m: BTreeMap<NaiveDate, (f64, usize)> = BTreeMap::new();
        for (d, v) in points {
            let e = m
                .entry(Period::containing(coarse, *d).start)
                .or_insert((0.0, 0));
            e.0 += v;
            e.1 += 1;
        }
        m.into_iter()
            .map(|(d, (s, n))| (d, s / n as f64))
            .collect::<BTreeMap<_, _>>()
    };
    let (ma, mb) = (bucket(a), bucket(b));
    ma.into_iter()
        .filter_map(|(d, x)| mb.get(&d).map(|y| (d, x, *y)))
        .collect()
}

/// Pearson's correlation of the pairs (None with fewer than three, or no variation).
pub fn pearson(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len();
    if n < 3 {
        return None;
    }
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n as f64,
        pairs.iter().map(|p| p.1).sum::<f64>() / n as f64,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Ranks (1-based, ties given their mean rank).
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && values[idx[j + 1]] == values[idx[i]] {
            j += 1;
        }
        let mean_rank = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            out[idx[k]] = mean_rank;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation (Pearson on ranks, ties averaged).
pub fn spearman(pairs: &[(f64, f64)]) -> Option<f64> {
    let xs: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let (rx, ry) = (ranks(&xs), ranks(&ys));
    pearson(&rx.into_iter().zip(ry).collect::<Vec<_>>())
}

/// How strong a correlation is, in words.
pub fn strength(r: f64) -> &'static str {
    match r.abs() {
        a if a >= 0.7 => "strong",
        a if a >= 0.4 => "moderate",
        a if a >= 0.2 => "weak",
        _ => "little or no",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn pearson_and_spearman_by_hand() {
        // x 1..5, y = 2x: r = 1; reversed: r = −1.
        let line: Vec<(f64, f64)> = (1..=5)
            .map(|x| (f64::from(x), 2.0 * f64::from(x)))
            .collect();
        assert!((pearson(&line).unwrap() - 1.0).abs() < 1e-12);
        let rev: Vec<(f64, f64)> = (1..=5).map(|x| (f64::from(x), -f64::from(x))).collect();
        assert!((pearson(&rev).unwrap() + 1.0).abs() < 1e-12);
        // (1,2) (2,1) (3,4) (4,3): means 2.5, 2.5; Σdxdy = 2.25−0.75−0.75+2.25... = 3; Σdx² = Σdy² = 5 → r = 0.6.
        let zig = [(1.0, 2.0), (2.0, 1.0), (3.0, 4.0), (4.0, 3.0)];
        assert!((pearson(&zig).unwrap() - 0.6).abs() < 1e-12);
        // Monotonic but curved: Spearman 1, Pearson below 1.
        let curve: Vec<(f64, f64)> = (1..=6)
            .map(|x| (f64::from(x), f64::from(x).powi(3)))
            .collect();
        assert!((spearman(&curve).unwrap() - 1.0).abs() < 1e-12);
        assert!(pearson(&curve).unwrap() < 0.99);
        assert_eq!(pearson(&[(1.0, 1.0), (2.0, 2.0)]), None, "too few");
        assert_eq!(
            pearson(&[(1.0, 1.0), (1.0, 2.0), (1.0, 3.0)]),
            None,
            "no variation"
        );
        assert_eq!(ranks(&[10.0, 20.0, 10.0]), [1.5, 3.0, 1.5]);
    }

    #[test]
    fn weekly_values_align_on_months() {
        let weekly = [
            (d(2025, 1, 6), 10.0),
            (d(2025, 1, 13), 20.0),
            (d(2025, 2, 3), 30.0),
            (d(2025, 3, 3), 5.0),
        ];
        let monthly = [
            (d(2025, 1, 1), 1.0),
            (d(2025, 2, 1), 2.0),
            (d(2025, 4, 1), 4.0),
        ];
        let a = align(&weekly, Frequency::Week, &monthly, Frequency::Month);
        assert_eq!(a, [(d(2025, 1, 1), 15.0, 1.0), (d(2025, 2, 1), 30.0, 2.0)]);
    }
}
