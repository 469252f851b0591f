//! The cells an import has already taken, and the line that took each, so
//! that a second value for the same team, indicator and period is rejected
//! naming the first. Held in memory in about four bytes per period of each
//! series the file touches (a series' periods are numbered by its frequency,
//! so a monthly series uses one slot a month), with no hashing per value
//! beyond finding the series.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

use super::*;

/// One series' taken periods: the line that took each, 0 when free.
#[derive(Debug, Default)]
struct SeriesLines {
    /// The period number of `lines[0]`.
    base: i64,
    lines: Vec<u32>,
}

/// Lines above this are kept as this (a file of four billion lines).
const MAX_LINE: u64 = u32::MAX as u64;

/// The cells taken so far.
#[derive(Debug, Default)]
pub(super) struct TakenCells {
    series: FxHashMap<(i64, i64), u32>,
    lines: Vec<SeriesLines>,
    /// The series found last (files list a series' values together).
    last: Option<((i64, i64), u32)>,
}

/// The period number of `start` in a series reported at `frequency`.
fn ordinal(start: NaiveDate, frequency: Frequency) -> i64 {
    let (y, m) = (i64::from(start.year()), i64::from(start.month0()));
    match frequency {
        Frequency::Week => i64::from(start.num_days_from_ce()).div_euclid(7),
        Frequency::Month => y * 12 + m,
        Frequency::Quarter => y * 4 + m / 3,
        Frequency::Year => y,
    }
}

impl TakenCells {
    /// Takes `v`'s cell for its line, or gives the line that took it first.
    pub(super) fn take(&mut self, v: &ImportValue, frequency: Frequency) -> Option<u64> {
        let key = (v.indicator.to_key(), v.team.to_key());
        let index = match self.last {
            Some((k, i)) if k == key => i,
            _ => {
                let next = self.lines.len() as u32;
                let i = *self.series.entry(key).or_insert(next);
                if i == next {
                    self.lines.push(SeriesLines::default());
                }
                self.last = Some((key, i));
                i
            }
        };
        let series = &mut self.lines[index as usize];
        let n = ordinal(v.period_start, frequency);
        if series.lines.is_empty() {
            series.base = n;
        }
        if n < series.base {
            let grow = usize::try_from(series.base - n).unwrap_or(usize::MAX);
            series.lines.splice(0..0, std::iter::repeat_n(0, grow));
            series.base = n;
        }
        let slot = usize::try_from(n - series.base).unwrap_or(usize::MAX);
        if slot >= series.lines.len() {
            series.lines.resize(slot + 1, 0);
        }
        match series.lines[slot] {
            0 => {
                series.lines[slot] = v.line.clamp(1, MAX_LINE) as u32;
                None
            }
            first => Some(u64::from(first)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{IndicatorId, TeamId};

    fn value(line: u64, team: i64, start: NaiveDate) -> ImportValue {
        ImportValue {
            line,
            team: NameRef::Existing(TeamId(team)),
            indicator: NameRef::New(0),
            period_start: start,
            value: 1.0,
            note: None,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_second_value_for_a_cell_names_the_first_line_whatever_the_order() {
        let mut t = TakenCells::default();
        assert_eq!(t.take(&value(2, 1, d(2024, 3, 1)), Frequency::Month), None);
        assert_eq!(t.take(&value(3, 1, d(2024, 1, 1)), Frequency::Month), None);
        assert_eq!(t.take(&value(4, 2, d(2024, 3, 1)), Frequency::Month), None);
        assert_eq!(t.take(&value(5, 1, d(2025, 12, 1)), Frequency::Month), None);
        assert_eq!(
            t.take(&value(9, 1, d(2024, 3, 1)), Frequency::Month),
            Some(2)
        );
        assert_eq!(
            t.take(&value(10, 1, d(2024, 1, 1)), Frequency::Month),
            Some(3)
        );
        assert_eq!(
            t.take(&value(11, 2, d(2024, 3, 1)), Frequency::Month),
            Some(4)
        );
        // Another indicator's cell is its own.
        let mut other = value(12, 1, d(2024, 3, 1));
        other.indicator = NameRef::Existing(IndicatorId(7));
        assert_eq!(t.take(&other, Frequency::Month), None);
    }

    #[test]
    fn consecutive_periods_of_every_frequency_are_distinct_cells() {
        for (f, starts) in [
            (
                Frequency::Week,
                vec![d(2024, 12, 23), d(2024, 12, 30), d(2025, 1, 6)],
            ),
            (
                Frequency::Month,
                vec![d(2024, 12, 1), d(2025, 1, 1), d(2025, 2, 1)],
            ),
            (
                Frequency::Quarter,
                vec![d(2024, 10, 1), d(2025, 1, 1), d(2025, 4, 1)],
            ),
            (
                Frequency::Year,
                vec![d(2023, 1, 1), d(2024, 1, 1), d(2025, 1, 1)],
            ),
        ] {
            let mut t = TakenCells::default();
            for (i, s) in starts.iter().enumerate() {
                assert_eq!(t.take(&value(i as u64 + 1, 1, *s), f), None, "{f:?} {s}");
            }
            assert_eq!(t.take(&value(99, 1, starts[1]), f), Some(2), "{f:?}");
        }
    }
}
