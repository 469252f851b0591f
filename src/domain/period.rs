//! Reporting periods: a start date plus a frequency.
//!
//! Weeks start on Monday (ISO 8601), months on the 1st, quarters in January,
//! April, July and October, years on 1 January.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How often an indicator is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Frequency {
    /// Every ISO week (Monday to Sunday).
    Week,
    /// Every calendar month.
    Month,
    /// Every calendar quarter.
    Quarter,
    /// Every calendar year.
    Year,
}

impl Frequency {
    /// Every frequency, shortest first.
    pub const ALL: [Frequency; 4] = [
        Frequency::Week,
        Frequency::Month,
        Frequency::Quarter,
        Frequency::Year,
    ];

    /// The frequencies a framework target may use (the wizard's choices).
    pub const FOR_TARGETS: [Frequency; 3] = [Frequency::Week, Frequency::Month, Frequency::Quarter];

    /// "Weekly", "Monthly", ...
    pub fn label(self) -> &'static str {
        match self {
            Frequency::Week => "Weekly",
            Frequency::Month => "Monthly",
            Frequency::Quarter => "Quarterly",
            Frequency::Year => "Yearly",
        }
    }

    /// "week", "month", ... as in "per week"; also the stored code.
    pub fn noun(self) -> &'static str {
        self.code()
    }

    /// The stable code stored in workbooks and files.
    pub fn code(self) -> &'static str {
        match self {
            Frequency::Week => "week",
            Frequency::Month => "month",
            Frequency::Quarter => "quarter",
            Frequency::Year => "year",
        }
    }

    /// Reads a stored code back.
    pub fn from_code(code: &str) -> Option<Frequency> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The first day of the period that contains `date`.
    pub fn period_start(self, date: NaiveDate) -> NaiveDate {
        match self {
            Frequency::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Frequency::Month => date.with_day(1).unwrap_or(date),
            Frequency::Quarter => {
                let month = (date.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
            }
            Frequency::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        }
    }

    /// The start of the period after the one that starts on `start`,
    /// or `None` past the end of the calendar chrono supports.
    pub fn next_start(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Frequency::Week => start.checked_add_days(Days::new(7)),
            Frequency::Month => start.checked_add_months(Months::new(1)),
            Frequency::Quarter => start.checked_add_months(Months::new(3)),
            Frequency::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// The start of the period before the one that starts on `start`.
    pub fn previous_start(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Frequency::Week => start.checked_sub_days(Days::new(7)),
            Frequency::Month => start.checked_sub_months(Months::new(1)),
            Frequency::Quarter => start.checked_sub_months(Months::new(3)),
            Frequency::Year => start.checked_sub_months(Months::new(12)),
        }
    }

    /// How many periods lie from the period containing `from` to the period
    /// containing `to` (0 when both fall in the same period; negative when
    /// `to` is earlier).
    pub fn periods_between(self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (a, b) = (self.period_start(from), self.period_start(to));
        let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        match self {
            Frequency::Week => (b - a).num_days() / 7,
            Frequency::Month => months(b) - months(a),
            Frequency::Quarter => (months(b) - months(a)) / 3,
            Frequency::Year => i64::from(b.year()) - i64::from(a.year()),
        }
    }
}

/// One reporting period, e.g. the week of 3 March 2025 or 2025 Q1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    /// Its first day.
    pub start: NaiveDate,
    /// How long it is.
    pub frequency: Frequency,
}

impl Period {
    /// The period of `frequency` that contains `date`.
    pub fn containing(frequency: Frequency, date: NaiveDate) -> Period {
        Period {
            start: frequency.period_start(date),
            frequency,
        }
    }

    /// The following period.
    pub fn next(self) -> Option<Period> {
        self.frequency.next_start(self.start).map(|start| Period {
            start,
            frequency: self.frequency,
        })
    }

    /// The preceding period.
    pub fn previous(self) -> Option<Period> {
        self.frequency
            .previous_start(self.start)
            .map(|start| Period {
                start,
                frequency: self.frequency,
            })
    }

    /// Its last day.
    pub fn end(self) -> NaiveDate {
        self.next()
            .and_then(|next| next.start.pred_opt())
            .unwrap_or(self.start)
    }

    /// A short label: "2025-W10", "Mar 2025", "2025 Q1", "2025".
    pub fn label(self) -> String {
        let d = self.start;
        match self.frequency {
            Frequency::Week => {
                let week = d.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Frequency::Month => d.format("%b %Y").to_string(),
            Frequency::Quarter => format!("{} Q{}", d.year(), d.month0() / 3 + 1),
            Frequency::Year => d.year().to_string(),
        }
    }

    /// Every period from the one containing `from` to the one containing `to`, inclusive.
    pub fn range(frequency: Frequency, from: NaiveDate, to: NaiveDate) -> Vec<Period> {
        let mut out = Vec::new();
        let mut current = Some(Period::containing(frequency, from));
        let last = frequency.period_start(to);
        while let Some(p) = current {
            if p.start > last {
                break;
            }
            out.push(p);
            current = p.next();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2025-03-06 is a Thursday.
        assert_eq!(Frequency::Week.period_start(d(2025, 3, 6)), d(2025, 3, 3));
        assert_eq!(
            Period::containing(Frequency::Week, d(2025, 3, 6)).label(),
            "2025-W10"
        );
    }

    #[test]
    fn quarters_and_years() {
        assert_eq!(
            Frequency::Quarter.period_start(d(2025, 8, 17)),
            d(2025, 7, 1)
        );
        assert_eq!(
            Period::containing(Frequency::Quarter, d(2025, 8, 17)).label(),
            "2025 Q3"
        );
        assert_eq!(
            Period::containing(Frequency::Year, d(2025, 8, 17)).label(),
            "2025"
        );
        assert_eq!(
            Period::containing(Frequency::Month, d(2025, 8, 17)).label(),
            "Aug 2025"
        );
    }

    #[test]
    fn period_end_is_day_before_next() {
        let p = Period::containing(Frequency::Month, d(2024, 2, 10));
        assert_eq!(p.end(), d(2024, 2, 29));
        let q = Period::containing(Frequency::Quarter, d(2024, 11, 1));
        assert_eq!(q.end(), d(2024, 12, 31));
    }

    #[test]
    fn counting_periods() {
        assert_eq!(
            Frequency::Week.periods_between(d(2025, 3, 3), d(2025, 3, 9)),
            0
        );
        assert_eq!(
            Frequency::Week.periods_between(d(2025, 3, 3), d(2025, 3, 10)),
            1
        );
        assert_eq!(
            Frequency::Month.periods_between(d(2024, 12, 31), d(2025, 2, 1)),
            2
        );
        assert_eq!(
            Frequency::Quarter.periods_between(d(2024, 12, 31), d(2025, 4, 1)),
            2
        );
        assert_eq!(
            Frequency::Year.periods_between(d(2024, 1, 1), d(2027, 12, 31)),
            3
        );
        assert_eq!(
            Frequency::Month.periods_between(d(2025, 3, 1), d(2025, 1, 1)),
            -2
        );
    }

    #[test]
    fn range_is_inclusive() {
        let r = Period::range(Frequency::Month, d(2025, 1, 15), d(2025, 3, 2));
        let labels: Vec<String> = r.iter().map(|p| p.label()).collect();
        assert_eq!(labels, ["Jan 2025", "Feb 2025", "Mar 2025"]);
    }

    #[test]
    fn codes_round_trip() {
        for f in Frequency::ALL {
            assert_eq!(Frequency::from_code(f.code()), Some(f));
        }
    }
}
