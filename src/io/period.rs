//! Reading period labels as spreadsheets write them: `2024-03-31`,
//! `3/31/2024` and `31/03/2024` (asking when ambiguous), `2024-03`,
//! `Mar 2024`, `2024 Q1`, `FY2023`, `FY2024 Q1`, `2023/24`, `2024-W05`, `2024`.

use chrono::{Datelike, NaiveDate};

use crate::domain::Frequency;

/// How long the period a label names is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Granularity {
    /// A single date.
    Day,
    /// An ISO week.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A year (calendar, or fiscal named by the year it ends in).
    Year,
}

impl Granularity {
    fn noun(self) -> &'static str {
        match self {
            Granularity::Day => "a day",
            Granularity::Week => "a week",
            Granularity::Month => "a month",
            Granularity::Quarter => "a quarter",
            Granularity::Year => "a year",
        }
    }
}

/// A parsed label: the first day of what it names, and how long that is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodLabel {
    /// First day (for fiscal years: 1 January of the year the fiscal year ends in).
    pub date: NaiveDate,
    /// Day, week, month, quarter or year.
    pub granularity: Granularity,
}

/// Which comes first in dates like 3/4/2024.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// Not known: an ambiguous date is refused with a question.
    #[default]
    Unknown,
    /// 31/03/2024.
    DayFirst,
    /// 03/31/2024.
    MonthFirst,
}

/// What reading a label needs to know about the file and the agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodContext {
    /// Day or month first in slashed dates.
    pub date_order: DateOrder,
    /// The month (1–12) the fiscal year starts in.
    pub fiscal_year_start: u32,
}

impl Default for PeriodContext {
    fn default() -> Self {
        Self {
            date_order: DateOrder::Unknown,
            fiscal_year_start: 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(String),
    Word(String),
    Sep(char),
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut s = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                s.push(d);
                chars.next();
            }
            out.push(Tok::Num(s));
        } else if c.is_alphabetic() {
            let mut s = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_alphabetic()) {
                s.extend(d.to_lowercase());
                chars.next();
            }
            out.push(Tok::Word(s));
        } else {
            chars.next();
            if !c.is_whitespace() && c != '\'' {
                out.push(Tok::Sep(c));
            }
        }
    }
    out
}

fn month_from_word(w: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if w.len() < 3 {
        return None;
    }
    let w = if w == "sept" { "sep" } else { w };
    NAMES
        .iter()
        .position(|n| n.starts_with(w))
        .map(|i| i as u32 + 1)
}

fn year_from(n: &str) -> Option<i32> {
    let v: i32 = n.parse().ok()?;
    match n.len() {
        2 => Some(2000 + v),
        4 if (1900..=2200).contains(&v) => Some(v),
        _ => None,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn label(date: Option<NaiveDate>, granularity: Granularity) -> Option<PeriodLabel> {
    date.map(|date| PeriodLabel { date, granularity })
}

/// Reads a period label. The error says what was not understood, and asks
/// the question when a date could be read two ways.
pub fn parse_period_text(text: &str, ctx: &PeriodContext) -> Result<PeriodLabel, String> {
    let original = text.trim();
    let shown: String = original.chars().take(40).collect();
    if original.is_empty() {
        return Err("the period is empty".into());
    }
    // "2024-03-31T00:00:00" or "2024-03-31 00:00": keep the date.
    let date_part = match original.find(['T', ' ']) {
        Some(i) if original[i + 1..].contains(':') => &original[..i],
        _ => original,
    };
    let toks = tokens(date_part);
    let not_understood = || {
        format!(
            "\"{shown}\" is not a period Ratchet can read (e.g. 2024-03-31, Mar 2024, 2024 Q1, FY2024, 2024-W05, 2024)"
        )
    };
    if let Some(p) = numeric_forms(&toks, ctx, &shown)? {
        return Ok(p);
    }
    // Word-based forms: separators do not matter.
    let words: Vec<&Tok> = toks.iter().filter(|t| !matches!(t, Tok::Sep(_))).collect();
    word_forms(&words, ctx, &shown, &not_understood)?.ok_or_else(not_understood)
}

/// Periods written in numbers and separators: 2024 (or CY2024), 2024-03-31, 31/3/2024,
/// 2024-03, 2024/25 and 3/2024 (`None`: not one of these).
fn numeric_forms(
    toks: &[Tok],
    ctx: &PeriodContext,
    shown: &str,
) -> Result<Option<PeriodLabel>, String> {
    use Tok::{Num, Sep, Word};
    let sep_ok = |c: &char| matches!(c, '-' | '/' | '.');
    Ok(match toks {
        [Num(y)] if y.len() == 4 => {
            label(year_from(y).and_then(|y| ymd(y, 1, 1)), Granularity::Year)
        }
        [Word(w), Num(y)] if w == "cy" => {
            label(year_from(y).and_then(|y| ymd(y, 1, 1)), Granularity::Year)
        }
        [Num(y), Sep(a), Num(m), Sep(b), Num(d)] if y.len() == 4 && sep_ok(a) && a == b => {
            let (y, m, d) = (year_from(y), m.parse().ok(), d.parse().ok());
            match (y, m, d) {
                (Some(y), Some(m), Some(d)) => match ymd(y, m, d) {
                    Some(date) => Some(PeriodLabel {
                        date,
                        granularity: Granularity::Day,
                    }),
                    None => return Err(format!("\"{shown}\" is not a real date")),
                },
                _ => None,
            }
        }
        [Num(a), Sep(s1), Num(b), Sep(s2), Num(y)]
            if a.len() <= 2 && b.len() <= 2 && sep_ok(s1) && s1 == s2 =>
        {
            return slashed_date(a, b, y, ctx, shown).map(Some);
        }
        [Num(y), Sep('-'), Num(m)] if y.len() == 4 && m.len() <= 2 => label(
            year_from(y).and_then(|y| ymd(y, m.parse().ok()?, 1)),
            Granularity::Month,
        ),
        [Num(y), Sep('/'), Num(m)] if y.len() == 4 && m.len() <= 2 => {
            let start: i32 = y.parse().unwrap_or(0);
            let second: i32 = m.parse().unwrap_or(-1);
            if m.len() == 2 && second == (start + 1) % 100 {
                return fiscal_year(start + 1, shown).map(Some);
            }
            label(
                year_from(y).and_then(|y| ymd(y, u32::try_from(second).ok()?, 1)),
                Granularity::Month,
            )
        }
        [Num(y1), Sep('/' | '-'), Num(y2)] if y1.len() == 4 && y2.len() == 4 => {
            let (a, b): (i32, i32) = (y1.parse().unwrap_or(0), y2.parse().unwrap_or(0));
            if b == a + 1 {
                return fiscal_year(b, shown).map(Some);
            }
            None
        }
        [Num(m), Sep(s), Num(y)] if m.len() <= 2 && y.len() == 4 && sep_ok(s) => label(
            year_from(y).and_then(|y| ymd(y, m.parse().ok()?, 1)),
            Granularity::Month,
        ),
        _ => None,
    })
}

/// Periods written with words: Mar 2024, 2024 Q1, 2024-W05, FY2024,
/// FY 2023-24 and FY2024 Q1 (`None`: not one of these).
fn word_forms(
    words: &[&Tok],
    ctx: &PeriodContext,
    shown: &str,
    not_understood: &dyn Fn() -> String,
) -> Result<Option<PeriodLabel>, String> {
    use Tok::{Num, Word};
    Ok(match words {
        [Word(w), Num(y)] | [Num(y), Word(w)] if month_from_word(w).is_some() => label(
            year_from(y).and_then(|y| ymd(y, month_from_word(w)?, 1)),
            Granularity::Month,
        ),
        [Num(y), Word(q), Num(n)] | [Word(q), Num(n), Num(y)] if q == "q" && n.len() == 1 => {
            quarter(year_from(y), n.parse().ok())
        }
        [Word(w), Num(n), Num(y)] | [Num(y), Word(w), Num(n)]
            if matches!(w.as_str(), "w" | "wk" | "week") && y.len() == 4 && n.len() <= 2 =>
        {
            let (y, n) = (year_from(y), n.parse().ok());
            match (y, n) {
                (Some(y), Some(n)) => {
                    match NaiveDate::from_isoywd_opt(y, n, chrono::Weekday::Mon) {
                        Some(date) => Some(PeriodLabel {
                            date,
                            granularity: Granularity::Week,
                        }),
                        None => return Err(format!("\"{shown}\": {y} has no week {n}")),
                    }
                }
                _ => None,
            }
        }
        [Word(fy), Num(y)] if fy == "fy" => {
            return fiscal_year(year_from(y).ok_or_else(not_understood)?, shown).map(Some);
        }
        [Word(fy), Num(a), Num(b)] if fy == "fy" && b.len() <= 4 => {
            let start = year_from(a).ok_or_else(not_understood)?;
            let end = year_from(b).ok_or_else(not_understood)?;
            if end != start + 1 {
                return Err(format!(
                    "\"{shown}\": a fiscal year runs from one year into the next"
                ));
            }
            return fiscal_year(end, shown).map(Some);
        }
        [Word(fy), Num(y), Word(q), Num(n)] | [Word(q), Num(n), Word(fy), Num(y)]
            if fy == "fy" && q == "q" =>
        {
            let y = year_from(y).ok_or_else(not_understood)?;
            let n: u32 = n.parse().map_err(|_| not_understood())?;
            return fiscal_quarter(y, n, ctx.fiscal_year_start, shown).map(Some);
        }
        _ => None,
    })
}

fn quarter(year: Option<i32>, n: Option<u32>) -> Option<PeriodLabel> {
    let (y, n) = (year?, n?);
    if !(1..=4).contains(&n) {
        return None;
    }
    label(ymd(y, (n - 1) * 3 + 1, 1), Granularity::Quarter)
}

/// A fiscal year, stored under the calendar year it ends in.
fn fiscal_year(end_year: i32, shown: &str) -> Result<PeriodLabel, String> {
    label(ymd(end_year, 1, 1), Granularity::Year)
        .ok_or_else(|| format!("\"{shown}\" is not a fiscal year Ratchet can read"))
}

/// Quarter `n` of the fiscal year ending in `end_year`, as a calendar quarter.
fn fiscal_quarter(
    end_year: i32,
    n: u32,
    start_month: u32,
    shown: &str,
) -> Result<PeriodLabel, String> {
    if !(1..=4).contains(&n) {
        return Err(format!("\"{shown}\": quarters are numbered 1 to 4"));
    }
    if !(start_month - 1).is_multiple_of(3) {
        return Err(format!(
            "\"{shown}\": with the fiscal year starting in month {start_month}, fiscal quarters do not line up with calendar quarters"
        ));
    }
    let start_year = if start_month == 1 {
        end_year
    } else {
        end_year - 1
    };
    let months_in = (start_month - 1) + (n - 1) * 3;
    let (y, m) = (start_year + (months_in / 12) as i32, months_in % 12 + 1);
    label(ymd(y, m, 1), Granularity::Quarter)
        .ok_or_else(|| format!("\"{shown}\" is not a quarter Ratchet can read"))
}

fn slashed_date(
    a: &str,
    b: &str,
    y: &str,
    ctx: &PeriodContext,
    shown: &str,
) -> Result<PeriodLabel, String> {
    let year = year_from(y).ok_or_else(|| format!("\"{shown}\" has no year Ratchet can read"))?;
    let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
    let order = if a > 12 {
        DateOrder::DayFirst
    } else if b > 12 {
        DateOrder::MonthFirst
    } else {
        ctx.date_order
    };
    let (day, month) = match order {
        DateOrder::DayFirst => (a, b),
        DateOrder::MonthFirst => (b, a),
        DateOrder::Unknown if a == b => (a, b),
        DateOrder::Unknown => {
            return Err(format!(
                "\"{shown}\" could be {} or {}: choose whether dates are written day first or month first",
                ymd(year, b, a).map_or_else(String::new, |d| d.format("%-d %B %Y").to_string()),
                ymd(year, a, b).map_or_else(String::new, |d| d.format("%-d %B %Y").to_string()),
            ));
        }
    };
    ymd(year, month, day)
        .map(|date| PeriodLabel {
            date,
            granularity: Granularity::Day,
        })
        .ok_or_else(|| format!("\"{shown}\" is not a real date"))
}

/// Looks through a column of dates written with slashes for one that can
/// only be read one way (a first part over 12 means day first, a second part
/// over 12 means month first).
pub fn infer_date_order<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<DateOrder> {
    for t in texts {
        let toks = tokens(t.trim());
        if let [
            Tok::Num(a),
            Tok::Sep(_),
            Tok::Num(b),
            Tok::Sep(_),
            Tok::Num(y),
        ] = toks.as_slice()
            && a.len() <= 2
            && b.len() <= 2
            && (y.len() == 4 || y.len() == 2)
        {
            let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
            if a > 12 && b <= 12 {
                return Some(DateOrder::DayFirst);
            }
            if b > 12 && a <= 12 {
                return Some(DateOrder::MonthFirst);
            }
        }
    }
    None
}

/// The start of the indicator's period that a label falls in, or why the
/// label cannot be placed (a quarter cannot go into a monthly indicator, nor
/// a week into a monthly one, since weeks straddle months).
pub fn place_in(label: PeriodLabel, frequency: Frequency) -> Result<NaiveDate, String> {
    use Granularity as G;
    let fits = match (label.granularity, frequency) {
        (G::Day, _) => true,
        (G::Week, f) => f == Frequency::Week,
        (G::Month, f) => f != Frequency::Week,
        (G::Quarter, f) => matches!(f, Frequency::Quarter | Frequency::Year),
        (G::Year, f) => f == Frequency::Year,
    };
    if fits {
        Ok(frequency.period_start(label.date))
    } else {
        Err(format!(
            "it names {}, but the indicator is reported {}",
            label.granularity.noun(),
            frequency.label().to_lowercase()
        ))
    }
}

/// The frequency a new indicator gets from the labels of its rows: the
/// shortest granularity among them (days give none: ask).
pub fn frequency_for(granularity: Granularity) -> Option<Frequency> {
    match granularity {
        Granularity::Day => None,
        Granularity::Week => Some(Frequency::Week),
        Granularity::Month => Some(Frequency::Month),
        Granularity::Quarter => Some(Frequency::Quarter),
        Granularity::Year => Some(Frequency::Year),
    }
}

/// How often dates a file gives as single days are spaced, when the
/// spacing says it: every gap a whole number of weeks (one week at least
/// once), or each date in its own month, quarter or year with the gaps
/// those lengths apart (one period at least once). `dates` sorted, distinct.
/// `None` when there are fewer than two dates or the spacing is irregular:
/// then the person is asked.
pub fn frequency_from_spacing(dates: &[NaiveDate]) -> Option<Frequency> {
    if dates.len() < 2 {
        return None;
    }
    let gaps: Vec<i64> = dates.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    if gaps.iter().all(|g| *g > 0 && g % 7 == 0) && gaps.contains(&7) {
        return Some(Frequency::Week);
    }
    // Months, quarters and years: the index of each date's period, the
    // steps between them, and the days those steps should take.
    let spaced = |index: &dyn Fn(NaiveDate) -> i64, days_per: f64, slack: f64| {
        dates.windows(2).all(|w| {
            let k = index(w[1]) - index(w[0]);
            let days = (w[1] - w[0]).num_days() as f64;
            k >= 1 && (days - days_per * k as f64).abs() <= slack
        }) && dates.windows(2).any(|w| index(w[1]) - index(w[0]) == 1)
    };
    let month = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let quarter = |d: NaiveDate| i64::from(d.year()) * 4 + i64::from(d.month0() / 3);
    let year = |d: NaiveDate| i64::from(d.year());
    if spaced(&month, 30.44, 4.0) {
        Some(Frequency::Month)
    } else if spaced(&quarter, 91.31, 7.0) {
        Some(Frequency::Quarter)
    } else if spaced(&year, 365.25, 10.0) {
        Some(Frequency::Year)
    } else {
        None
    }
}

/// The first day of `date`'s year (used when an XLSX cell holds a bare year number).
pub fn year_label(year: i32) -> Option<PeriodLabel> {
    label(ymd(year, 1, 1), Granularity::Year)
}

/// A date from a spreadsheet cell typed as a date.
pub fn day_label(date: NaiveDate) -> PeriodLabel {
    PeriodLabel {
        date,
        granularity: Granularity::Day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> PeriodLabel {
        parse_period_text(text, &PeriodContext::default()).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_spacing_of_dates_says_how_often() {
        let from = |start: NaiveDate, step: u64, n: u64| -> Vec<NaiveDate> {
            (0..n)
                .map(|i| start + chrono::Days::new(step * i))
                .collect()
        };
        // Consecutive Mondays; Mondays with a week missing.
        assert_eq!(
            frequency_from_spacing(&from(d(2021, 1, 4), 7, 30)),
            Some(Frequency::Week)
        );
        let mut gappy = from(d(2021, 1, 4), 7, 10);
        gappy.remove(4);
        assert_eq!(frequency_from_spacing(&gappy), Some(Frequency::Week));
        // Month ends, month starts, mid-months.
        let ends: Vec<NaiveDate> = (1..=12)
            .map(|m| {
                NaiveDate::from_ymd_opt(2024, m + 1, 1)
                    .map_or(d(2024, 12, 31), |x| x.pred_opt().unwrap())
            })
            .collect();
        assert_eq!(frequency_from_spacing(&ends), Some(Frequency::Month));
        let mids: Vec<NaiveDate> = (1..=12).map(|m| d(2024, m, 15)).collect();
        assert_eq!(frequency_from_spacing(&mids), Some(Frequency::Month));
        let quarters: Vec<NaiveDate> = [1, 4, 7, 10].iter().map(|m| d(2024, *m, 1)).collect();
        assert_eq!(frequency_from_spacing(&quarters), Some(Frequency::Quarter));
        let years: Vec<NaiveDate> = (2019..2025).map(|y| d(y, 6, 30)).collect();
        assert_eq!(frequency_from_spacing(&years), Some(Frequency::Year));
        // Irregular, or one date: ask.
        assert_eq!(
            frequency_from_spacing(&[d(2024, 1, 3), d(2024, 1, 5), d(2024, 2, 20)]),
            None
        );
        assert_eq!(frequency_from_spacing(&[d(2024, 1, 3)]), None);
        // Daily dates are not a frequency Ratchet keeps: ask.
        assert_eq!(frequency_from_spacing(&from(d(2024, 1, 1), 1, 20)), None);
    }

    #[test]
    fn iso_and_slashed_dates() {
        assert_eq!(
            p("2024-03-31"),
            PeriodLabel {
                date: d(2024, 3, 31),
                granularity: Granularity::Day
            }
        );
        assert_eq!(p("2024/03/31").date, d(2024, 3, 31));
        assert_eq!(p("2024-03-31T00:00:00").date, d(2024, 3, 31));
        assert_eq!(p("3/31/2024").date, d(2024, 3, 31));
        assert_eq!(p("31/03/2024").date, d(2024, 3, 31));
        assert_eq!(p("31.03.2024").date, d(2024, 3, 31));
        assert_eq!(p("31/03/24").date, d(2024, 3, 31));
    }

    #[test]
    fn ambiguous_dates_ask_which_order() {
        let err = parse_period_text("3/4/2024", &PeriodContext::default()).unwrap_err();
        assert!(
            err.contains("3 April 2024") && err.contains("4 March 2024"),
            "{err}"
        );
        assert!(err.contains("day first or month first"));
        let day_first = PeriodContext {
            date_order: DateOrder::DayFirst,
            ..PeriodContext::default()
        };
        assert_eq!(
            parse_period_text("3/4/2024", &day_first).unwrap().date,
            d(2024, 4, 3)
        );
        let month_first = PeriodContext {
            date_order: DateOrder::MonthFirst,
            ..PeriodContext::default()
        };
        assert_eq!(
            parse_period_text("3/4/2024", &month_first).unwrap().date,
            d(2024, 3, 4)
        );
        assert_eq!(
            infer_date_order(["1/2/2024", "25/2/2024"]),
            Some(DateOrder::DayFirst)
        );
        assert_eq!(
            infer_date_order(["1/2/2024", "2/25/2024"]),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(infer_date_order(["1/2/2024"]), None);
    }

    #[test]
    fn months() {
        for text in [
            "2024-03",
            "03/2024",
            "Mar 2024",
            "March 2024",
            "mar-2024",
            "Mar-24",
            "2024 Mar",
            "Mar. 2024",
            "Sept 2024",
        ] {
            let l = p(text);
            assert_eq!(l.granularity, Granularity::Month, "{text}");
        }
        assert_eq!(p("Mar-24").date, d(2024, 3, 1));
        assert_eq!(p("Sept 2024").date, d(2024, 9, 1));
        assert_eq!(p("2024-03").date, d(2024, 3, 1));
    }

    #[test]
    fn quarters_weeks_years() {
        for text in ["2024 Q1", "2024-Q1", "Q1 2024", "2024Q1", "q1-2024"] {
            assert_eq!(
                p(text),
                PeriodLabel {
                    date: d(2024, 1, 1),
                    granularity: Granularity::Quarter
                },
                "{text}"
            );
        }
        assert_eq!(p("2024 Q3").date, d(2024, 7, 1));
        assert_eq!(
            p("2024-W05"),
            PeriodLabel {
                date: d(2024, 1, 29),
                granularity: Granularity::Week
            }
        );
        assert_eq!(p("W05 2024").date, d(2024, 1, 29));
        assert_eq!(
            p("2024"),
            PeriodLabel {
                date: d(2024, 1, 1),
                granularity: Granularity::Year
            }
        );
        assert!(parse_period_text("2024-W54", &PeriodContext::default()).is_err());
    }

    #[test]
    fn fiscal_years_are_named_by_the_year_they_end_in() {
        let july = PeriodContext {
            fiscal_year_start: 7,
            ..PeriodContext::default()
        };
        assert_eq!(
            parse_period_text("FY2023", &july).unwrap(),
            PeriodLabel {
                date: d(2023, 1, 1),
                granularity: Granularity::Year
            }
        );
        assert_eq!(
            parse_period_text("FY23", &july).unwrap().date,
            d(2023, 1, 1)
        );
        assert_eq!(
            parse_period_text("2022/23", &july).unwrap().date,
            d(2023, 1, 1)
        );
        assert_eq!(
            parse_period_text("FY 2022-2023", &july).unwrap().date,
            d(2023, 1, 1)
        );
        // Fiscal quarter 1 of FY2024 (July start) is July–September 2023.
        assert_eq!(
            parse_period_text("FY2024 Q1", &july).unwrap().date,
            d(2023, 7, 1)
        );
        assert_eq!(
            parse_period_text("Q3 FY2024", &july).unwrap().date,
            d(2024, 1, 1)
        );
        let feb = PeriodContext {
            fiscal_year_start: 2,
            ..PeriodContext::default()
        };
        assert!(
            parse_period_text("FY2024 Q1", &feb)
                .unwrap_err()
                .contains("do not line up")
        );
    }

    #[test]
    fn nonsense_is_refused() {
        for text in [
            "",
            "soon",
            "2024-13",
            "31/31/2024",
            "2024-02-30",
            "Q5 2024",
            "Marchember 2024",
            "12345",
        ] {
            assert!(
                parse_period_text(text, &PeriodContext::default()).is_err(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn placing_labels_in_indicator_periods() {
        let day = p("2024-03-31");
        assert_eq!(place_in(day, Frequency::Month).unwrap(), d(2024, 3, 1));
        assert_eq!(place_in(day, Frequency::Week).unwrap(), d(2024, 3, 25));
        let month = p("Mar 2024");
        assert_eq!(place_in(month, Frequency::Quarter).unwrap(), d(2024, 1, 1));
        assert!(
            place_in(month, Frequency::Week)
                .unwrap_err()
                .contains("names a month")
        );
        assert!(
            place_in(p("2024 Q1"), Frequency::Month)
                .unwrap_err()
                .contains("reported monthly")
        );
        assert!(place_in(p("2024-W05"), Frequency::Month).is_err());
        assert_eq!(place_in(p("2024"), Frequency::Year).unwrap(), d(2024, 1, 1));
    }
}
