//! The statistics the integrity checks use: chi-square tests of digits,
//! Benford's law with Nigrini's bands, and a binomial tail.

use statrs::distribution::{Binomial, ChiSquared, ContinuousCDF, DiscreteCDF};

/// A chi-square test's statistic and its upper-tail probability.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ChiSquare {
    /// The statistic.
    pub statistic: f64,
    /// Degrees of freedom.
    pub df: u32,
    /// P(X ≥ statistic) under the null hypothesis.
    pub p_value: f64,
}

/// Chi-square of observed counts against expected counts.
pub fn chi_square(observed: &[u64], expected: &[f64]) -> ChiSquare {
    let statistic: f64 = observed
        .iter()
        .zip(expected)
        .filter(|(_, e)| **e > 0.0)
        .map(|(o, e)| {
            let d = *o as f64 - e;
            d * d / e
        })
        .sum();
    let df = u32::try_from(observed.len().saturating_sub(1))
        .unwrap_or(u32::MAX)
        .max(1);
    let p_value = ChiSquared::new(f64::from(df)).map_or(f64::NAN, |c| c.sf(statistic));
    ChiSquare {
        statistic,
        df,
        p_value,
    }
}

/// The last digit of `value` written with `decimals` decimals.
pub fn last_digit(value: f64, decimals: u8) -> usize {
    let scaled = (value.abs() * 10f64.powi(i32::from(decimals))).round();
    (scaled % 10.0) as usize
}

/// Counts of last digits 0–9.
pub fn last_digit_counts(values: &[f64], decimals: u8) -> [u64; 10] {
    let mut c = [0u64; 10];
    for v in values {
        c[last_digit(*v, decimals).min(9)] += 1;
    }
    c
}

/// The first significant digit (1–9) of a non-zero finite value.
pub fn first_digit(value: f64) -> Option<usize> {
    let a = value.abs();
    if a == 0.0 || !a.is_finite() {
        return None;
    }
    let d = (a / 10f64.powf(a.log10().floor())).floor() as usize;
    // Guard against floating error at exact powers of ten.
    Some(d.clamp(1, 9))
}

/// Benford's expected share of first digit `d` (1–9).
pub fn benford_share(d: usize) -> f64 {
    (1.0 + 1.0 / d as f64).log10()
}

/// How closely first digits follow Benford's law (Nigrini's first-digit bands).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Conformity {
    /// MAD up to 0.006.
    Close,
    /// MAD up to 0.012.
    Acceptable,
    /// MAD up to 0.015.
    Marginal,
    /// MAD above 0.015.
    Nonconforming,
}

impl Conformity {
    /// Nigrini's band for a first-digit mean absolute deviation.
    pub fn from_mad(mad: f64) -> Conformity {
        if mad <= 0.006 {
            Conformity::Close
        } else if mad <= 0.012 {
            Conformity::Acceptable
        } else if mad <= 0.015 {
            Conformity::Marginal
        } else {
            Conformity::Nonconforming
        }
    }

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            Conformity::Close => "close conformity",
            Conformity::Acceptable => "acceptable conformity",
            Conformity::Marginal => "marginally acceptable conformity",
            Conformity::Nonconforming => "nonconformity",
        }
    }
}

/// Values from which Nigrini's MAD bands are used. The bands were set on
/// large samples: below about a thousand values, data that follow Benford's
/// law exactly already show a MAD near the bands (about 0.013 at n = 350),
/// so a band would call honest data nonconforming.
pub const MIN_VALUES_FOR_BANDS: u64 = 1000;

/// The mean absolute deviation that data following Benford's law exactly
/// show on average at `n` values: `(1/9) Σ √(2 p_d (1 − p_d) / (π n))`
/// (the expected absolute deviation of each digit's share, normal
/// approximation).
pub fn expected_mad(n: u64) -> f64 {
    if n == 0 {
        return f64::NAN;
    }
    (1..=9)
        .map(|d| {
            let p = benford_share(d);
            (2.0 * p * (1.0 - p) / (std::f64::consts::PI * n as f64)).sqrt()
        })
        .sum::<f64>()
        / 9.0
}

/// A first-digit test.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct BenfordTest {
    /// Values tested (non-zero).
    pub n: u64,
    /// Counts of first digits 1–9.
    pub counts: [u64; 9],
    /// Mean absolute deviation of the shares from Benford's.
    pub mad: f64,
    /// The MAD that perfectly conforming data show on average at this n.
    pub expected_mad: f64,
    /// `mad − expected_mad`: the deviation beyond what the sample size explains.
    pub excess_mad: f64,
    /// Nigrini's band, only from [`MIN_VALUES_FOR_BANDS`] values (`None`
    /// below: the bands do not apply at that size).
    pub conformity: Option<Conformity>,
    /// Chi-square against Benford (8 degrees of freedom).
    pub chi_square: ChiSquare,
}

impl BenfordTest {
    /// The verdict in words, saying what the test can show at this size.
    pub fn verdict(&self) -> String {
        match self.conformity {
            Some(c) => format!(
                "{} (MAD {:.4} on {} values; Nigrini's bands: up to 0.006 close, 0.012 acceptable, 0.015 marginal)",
                c.label(),
                self.mad,
                self.n
            ),
            None => {
                let departs = if self.chi_square.p_value < 0.001 {
                    "departs from Benford's law"
                } else {
                    "shows no departure the test can detect"
                };
                format!(
                    "{departs} (chi-square {:.1}, 8 degrees of freedom, {}; MAD {:.4} against {:.4} expected from conforming data at n = {}, excess {:+.4}). \
                     Nigrini's MAD bands need at least {MIN_VALUES_FOR_BANDS} values; at this size only large departures show",
                    self.chi_square.statistic,
                    p_text(self.chi_square.p_value),
                    self.mad,
                    self.expected_mad,
                    self.n,
                    self.excess_mad
                )
            }
        }
    }
}

/// Why Benford's law cannot be tested on these values.
pub fn benford_refusal(values: &[f64]) -> Option<String> {
    let nonzero: Vec<f64> = values
        .iter()
        .map(|v| v.abs())
        .filter(|v| *v > 0.0 && v.is_finite())
        .collect();
    if nonzero.len() < 100 {
        return Some(format!(
            "only {} non-zero values; Benford's law needs at least 100",
            nonzero.len()
        ));
    }
    let lo = nonzero.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = nonzero.iter().copied().fold(0.0_f64, f64::max);
    let span = (hi / lo).log10();
    if span < 2.0 {
        return Some(format!(
            "the values span {:.1} orders of magnitude (from {lo} to {hi}); Benford's law needs at least two",
            span.max(0.0)
        ));
    }
    None
}

/// Tests first digits against Benford's law, or says why it does not apply.
pub fn benford(values: &[f64]) -> Result<BenfordTest, String> {
    if let Some(why) = benford_refusal(values) {
        return Err(why);
    }
    let mut counts = [0u64; 9];
    for v in values {
        if let Some(d) = first_digit(*v) {
            counts[d - 1] += 1;
        }
    }
    let n: u64 = counts.iter().sum();
    let mad = (1..=9)
        .map(|d| (counts[d - 1] as f64 / n as f64 - benford_share(d)).abs())
        .sum::<f64>()
        / 9.0;
    let expected: Vec<f64> = (1..=9).map(|d| benford_share(d) * n as f64).collect();
    let expected_mad = expected_mad(n);
    Ok(BenfordTest {
        n,
        counts,
        mad,
        expected_mad,
        excess_mad: mad - expected_mad,
        conformity: (n >= MIN_VALUES_FOR_BANDS).then(|| Conformity::from_mad(mad)),
        chi_square: chi_square(&counts, &expected),
    })
}

/// P(X ≥ k) for X ~ Binomial(n, p).
pub fn binomial_at_least(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    Binomial::new(p.clamp(0.0, 1.0), n).map_or(f64::NAN, |b| b.sf(k - 1))
}

/// "p = 0.0003", "p < 0.000001".
pub fn p_text(p: f64) -> String {
    if p < 1e-6 {
        "p < 0.000001".to_owned()
    } else if p < 0.001 {
        format!("p = {p:.6}")
    } else {
        format!("p = {p:.3}")
    }
}

/// The median of values (None when empty).
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// The mean of the moving ranges |x_i − x_{i−1}| (None with fewer than two values).
pub fn mean_moving_range(values: &[f64]) -> Option<f64> {
    (values.len() >= 2).then(|| {
        values.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<f64>() / (values.len() - 1) as f64
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() < tol
    }

    #[test]
    fn chi_square_by_hand() {
        // 20 values, last digits: eight 0s and two each of 1–6 (none of 7–9).
        // Expected 2 each: (8−2)²/2 + 6×0 + 3×(0−2)²/2 = 18 + 6 = 24.
        let observed = [8, 2, 2, 2, 2, 2, 2, 0, 0, 0];
        let c = chi_square(&observed, &[2.0; 10]);
        assert!(close(c.statistic, 24.0, 1e-12));
        assert_eq!(c.df, 9);
        // Tables: χ²(9) upper 0.005 point is 23.589, 0.001 is 27.877.
        assert!(c.p_value < 0.005 && c.p_value > 0.001, "{}", c.p_value);
        let even = chi_square(&[2; 10], &[2.0; 10]);
        assert_eq!(even.statistic, 0.0);
        assert!(close(even.p_value, 1.0, 1e-12));
    }

    #[test]
    fn digits_are_read_as_written() {
        assert_eq!(last_digit(76.6, 1), 6);
        assert_eq!(last_digit(90.0, 1), 0);
        assert_eq!(last_digit(1234.0, 0), 4);
        assert_eq!(last_digit(-17.25, 2), 5);
        assert_eq!(first_digit(0.0042), Some(4));
        assert_eq!(first_digit(1000.0), Some(1));
        assert_eq!(first_digit(-98.2), Some(9));
        assert_eq!(first_digit(0.0), None);
    }

    #[test]
    fn benford_statistics_by_hand() {
        assert!(close(benford_share(1), std::f64::consts::LOG10_2, 1e-12));
        assert!(close((1..=9).map(benford_share).sum::<f64>(), 1.0, 1e-12));
        // 100 values from 1 to 10 000, all starting with 1: shares (1, 0, …, 0).
        let ones: Vec<f64> = (0..100).map(|i| 10f64.powi(i % 5) * 1.5).collect();
        let t = benford(&ones).unwrap();
        assert_eq!(t.counts[0], 100);
        // MAD = (|1 − 0.30103| + Σ_{d≥2} share_d) / 9 = (0.69897 + 0.69897) / 9 = 0.155327.
        assert!(close(t.mad, 2.0 * (1.0 - benford_share(1)) / 9.0, 1e-9));
        // 100 values: too few for Nigrini's bands; the chi-square speaks.
        assert_eq!(t.conformity, None);
        assert!(t.verdict().starts_with("departs"), "{}", t.verdict());
        assert_eq!(t.chi_square.df, 8);
        assert!(t.chi_square.p_value < 1e-10);
        let many: Vec<f64> = (0..1000).map(|i| 10f64.powi(i % 5) * 1.5).collect();
        assert_eq!(
            benford(&many).unwrap().conformity,
            Some(Conformity::Nonconforming)
        );
        assert_eq!(Conformity::from_mad(0.006), Conformity::Close);
        assert_eq!(Conformity::from_mad(0.0121), Conformity::Marginal);
    }

    #[test]
    fn the_expected_mad_of_conforming_data_falls_with_n() {
        // (1/9) Σ √(p(1−p)) = 0.29432 for Benford's shares; × √(2/π) / √n.
        let k: f64 = (1..=9)
            .map(|d| (benford_share(d) * (1.0 - benford_share(d))).sqrt())
            .sum::<f64>()
            / 9.0;
        assert!(close(k, 0.29434, 1e-5), "{k}");
        assert!(close(
            expected_mad(356),
            k * (2.0 / std::f64::consts::PI).sqrt() / 356f64.sqrt(),
            1e-12
        ));
        assert!(close(expected_mad(356), 0.01245, 1e-4));
        assert!(expected_mad(10_000) < 0.0025);
    }

    #[test]
    fn small_samples_of_conforming_amounts_are_not_called_nonconforming() {
        // 500 offices of 356 amounts drawn from Benford's law (10^U, U uniform
        // over four decades): no band label, and the chi-square verdict
        // departs for about 1 in 1,000.
        let mut rng = crate::analysis::rng::SplitMix64::new(356);
        let mut departs = 0;
        for _ in 0..500 {
            let amounts: Vec<f64> = (0..356)
                .map(|_| 10f64.powf(1.0 + 4.0 * rng.unit()))
                .collect();
            let t = benford(&amounts).unwrap();
            assert_eq!(t.conformity, None);
            assert!(
                t.verdict().contains("at least 1000 values"),
                "{}",
                t.verdict()
            );
            departs += usize::from(t.verdict().starts_with("departs"));
        }
        assert!(departs <= 5, "{departs} of 500");
    }

    #[test]
    fn benford_refuses_with_a_reason() {
        let few: Vec<f64> = (1..50).map(f64::from).collect();
        assert!(benford(&few).unwrap_err().contains("at least 100"));
        let narrow: Vec<f64> = (0..200).map(|i| 100.0 + f64::from(i)).collect();
        assert!(
            benford(&narrow)
                .unwrap_err()
                .contains("orders of magnitude")
        );
    }

    #[test]
    fn binomial_tail_by_hand() {
        // P(X ≥ 9 | n = 10, p = ½) = (10 + 1) / 1024.
        assert!(close(binomial_at_least(9, 10, 0.5), 11.0 / 1024.0, 1e-12));
        assert_eq!(binomial_at_least(0, 10, 0.5), 1.0);
        assert_eq!(median(&[3.0, 1.0, 2.0, 10.0]), Some(2.5));
        assert_eq!(mean_moving_range(&[1.0, 3.0, 2.0]), Some(1.5));
    }
}
