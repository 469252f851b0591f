//! Which column means what: the mapping an import uses, and a first guess at
//! it from the header row.

use super::period::{PeriodContext, parse_period_text};
use super::source::RawCell;

/// One value per row, or one column per period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Team, indicator, period, value on every row.
    #[default]
    Long,
    /// Team (and indicator) per row, one column per period.
    Wide,
}

/// The columns (0-based) that hold each part of a value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Long or wide.
    pub layout: Layout,
    /// The team's name.
    pub team: Option<usize>,
    /// The indicator's name (else `fixed_indicator` applies to every row).
    pub indicator: Option<usize>,
    /// The indicator every row belongs to, when the file has no indicator column.
    pub fixed_indicator: Option<String>,
    /// The period (long layout).
    pub period: Option<usize>,
    /// The year, when year and month are separate columns (long layout).
    pub year: Option<usize>,
    /// The month, when year and month are separate columns (long layout).
    pub month: Option<usize>,
    /// The value (long layout).
    pub value: Option<usize>,
    /// Columns that are periods (wide layout), in any order.
    pub period_columns: Vec<usize>,
    /// A target (checked against the workbook, never applied).
    pub target: Option<usize>,
    /// Which way is better, e.g. Up/Down, higher/lower (used for new indicators).
    pub direction: Option<usize>,
    /// The unit (used for new indicators).
    pub unit: Option<usize>,
    /// A note kept with the value.
    pub note: Option<usize>,
    /// How often the indicator is reported (used for new indicators).
    pub frequency: Option<usize>,
}

/// The parts a column can be mapped to, with the names the command line uses.
pub const ROLES: [&str; 11] = [
    "team",
    "indicator",
    "period",
    "year",
    "month",
    "value",
    "target",
    "direction",
    "unit",
    "note",
    "frequency",
];

impl Mapping {
    /// The column mapped to a role by its command-line name.
    pub fn get(&self, role: &str) -> Option<usize> {
        match role {
            "team" => self.team,
            "indicator" => self.indicator,
            "period" => self.period,
            "year" => self.year,
            "month" => self.month,
            "value" => self.value,
            "target" => self.target,
            "direction" => self.direction,
            "unit" => self.unit,
            "note" => self.note,
            "frequency" => self.frequency,
            _ => None,
        }
    }

    /// Maps a role (by its command-line name) to a column; false for an unknown role.
    pub fn set(&mut self, role: &str, column: Option<usize>) -> bool {
        let slot = match role {
            "team" => &mut self.team,
            "indicator" => &mut self.indicator,
            "period" => &mut self.period,
            "year" => &mut self.year,
            "month" => &mut self.month,
            "value" => &mut self.value,
            "target" => &mut self.target,
            "direction" => &mut self.direction,
            "unit" => &mut self.unit,
            "note" => &mut self.note,
            "frequency" => &mut self.frequency,
            _ => return false,
        };
        *slot = column;
        true
    }

    /// What is still missing before the mapping can be used.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.team.is_none() {
            out.push("Choose the column that names the team.".to_owned());
        }
        if self.indicator.is_none()
            && self
                .fixed_indicator
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
        {
            out.push("Choose the column that names the indicator, or the indicator every row belongs to.".to_owned());
        }
        match self.layout {
            Layout::Long => {
                if self.value.is_none() {
                    out.push("Choose the column that holds the value.".to_owned());
                }
                let split = self.year.is_some() && self.month.is_some();
                if self.period.is_none() && !split {
                    out.push("Choose the column that holds the period (or separate year and month columns).".to_owned());
                }
            }
            Layout::Wide => {
                if self.period_columns.is_empty() {
                    out.push("Choose the columns that are periods.".to_owned());
                }
            }
        }
        out
    }
}

/// A header compared as people write it: case, spaces, underscores and
/// hyphens aside (`MONTHLY_TARGET` is "monthly target").
fn header_is(h: &str, names: &[&str]) -> bool {
    let h: String = h
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
    names.iter().any(|n| h == *n)
}

/// Headers of the team column.
const TEAM_HEADERS: &[&str] = &[
    "team",
    "teams",
    "district",
    "office",
    "crew",
    "site",
    "region",
    "department",
    "branch",
    "area",
    "location",
    "agency",
    "division",
    "bureau",
    "section",
    "program",
    "precinct",
    "ward",
    "zone",
    "facility",
    "station",
    "line",
    "route",
];
/// Headers of the indicator column.
const INDICATOR_HEADERS: &[&str] = &[
    "indicator",
    "indicators",
    "measure",
    "metric",
    "kpi",
    "series",
    "indicator name",
];
/// Headers of the period column.
const PERIOD_HEADERS: &[&str] = &[
    "period",
    "date",
    "period start",
    "week",
    "quarter",
    "reporting period",
    "as of",
    "fiscal year",
    "fy",
];
/// Headers of the value column.
const VALUE_HEADERS: &[&str] = &[
    "value",
    "values",
    "amount",
    "count",
    "result",
    "actual",
    "actuals",
    "score",
    "number",
    "monthly actual",
    "actual value",
];
/// Headers of the target column.
const TARGET_HEADERS: &[&str] = &[
    "target",
    "goal",
    "target value",
    "monthly target",
    "annual target",
    "yearly target",
    "weekly target",
    "quarterly target",
];
/// Headers of the column saying which way is better.
const DIRECTION_HEADERS: &[&str] = &[
    "direction",
    "better",
    "polarity",
    "good direction",
    "desired direction",
    "desired trend",
    "which way is better",
];
/// Headers of the note column.
const NOTE_HEADERS: &[&str] = &[
    "note", "notes", "comment", "comments", "footnote", "remarks",
];

/// A first guess at the mapping from the header row: known column names,
/// and, when two or more headers read as periods, the wide layout.
pub fn guess_mapping(headers: &[String], header_cells: &[RawCell], ctx: &PeriodContext) -> Mapping {
    let find = |names: &[&str]| headers.iter().position(|h| header_is(h, names));
    let period_columns: Vec<usize> = header_cells
        .iter()
        .enumerate()
        .filter(|(_, c)| match c {
            RawCell::Date(_) => true,
            RawCell::Number(n) => (1900.0..=2200.0).contains(n) && n.fract() == 0.0,
            other => parse_period_text(&other.text(), ctx).is_ok(),
        })
        .map(|(i, _)| i)
        .collect();
    let layout = if period_columns.len() >= 2 {
        Layout::Wide
    } else {
        Layout::Long
    };
    let team = find(TEAM_HEADERS);
    let indicator = find(INDICATOR_HEADERS);
    let year = find(&["year", "yr"]);
    let month = find(&["month", "mon"]);
    let split = year.is_some() && month.is_some();
    // A lone "Year" or "Month" column holds whole period labels.
    let period = find(PERIOD_HEADERS).or(if split { None } else { month.or(year) });
    Mapping {
        layout,
        team,
        indicator,
        fixed_indicator: None,
        period: if layout == Layout::Long { period } else { None },
        year: if layout == Layout::Long && split {
            year
        } else {
            None
        },
        month: if layout == Layout::Long && split {
            month
        } else {
            None
        },
        value: find(VALUE_HEADERS),
        period_columns: if layout == Layout::Wide {
            period_columns
        } else {
            Vec::new()
        },
        target: find(TARGET_HEADERS),
        direction: find(DIRECTION_HEADERS),
        unit: find(&["unit", "units", "uom", "unit of measure"]),
        note: find(NOTE_HEADERS),
        frequency: find(&["frequency", "reported", "reporting frequency"]),
    }
}

/// Improves a guess with the first rows: when no header named the value
/// column of a long file, the rightmost unmapped column whose cells are
/// (almost all) numbers is taken. The person can always change it.
pub fn refine_with_rows(mapping: &mut Mapping, rows: &[super::source::SourceRow]) {
    use super::number::{CellNumber, DecimalMark, parse_cell_number};
    if mapping.layout != Layout::Long || mapping.value.is_some() || rows.is_empty() {
        return;
    }
    let used: Vec<usize> = [
        mapping.team,
        mapping.indicator,
        mapping.period,
        mapping.year,
        mapping.month,
        mapping.target,
        mapping.direction,
        mapping.unit,
        mapping.note,
        mapping.frequency,
    ]
    .into_iter()
    .flatten()
    .collect();
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let numeric = |col: usize| {
        let cells: Vec<&RawCell> = rows
            .iter()
            .filter_map(|r| r.cells.get(col))
            .filter(|c| !c.is_blank())
            .collect();
        let numbers = cells
            .iter()
            .filter(|c| match c {
                RawCell::Number(_) => true,
                other => [DecimalMark::Dot, DecimalMark::Comma].iter().any(|m| {
                    matches!(
                        parse_cell_number(&other.text(), *m),
                        Ok(CellNumber::Value { .. })
                    )
                }),
            })
            .count();
        !cells.is_empty() && numbers * 5 >= cells.len() * 4
    };
    mapping.value = (0..width).rev().find(|&c| !used.contains(&c) && numeric(c));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(h: &[&str]) -> (Vec<String>, Vec<RawCell>) {
        (
            h.iter().map(|s| (*s).to_owned()).collect(),
            h.iter().map(|s| RawCell::Text((*s).to_owned())).collect(),
        )
    }

    #[test]
    fn long_headers_are_recognised() {
        let (h, c) = cells(&["Team", "Indicator", "Period", "Value", "Unit", "Note"]);
        let m = guess_mapping(&h, &c, &PeriodContext::default());
        assert_eq!(m.layout, Layout::Long);
        assert_eq!(
            (m.team, m.indicator, m.period, m.value, m.unit, m.note),
            (Some(0), Some(1), Some(2), Some(3), Some(4), Some(5))
        );
        assert!(m.problems().is_empty());
    }

    #[test]
    fn wide_files_find_their_period_columns_in_any_order() {
        let (h, c) = cells(&["District", "Measure", "FY2021", "FY2019", "FY2020"]);
        let m = guess_mapping(&h, &c, &PeriodContext::default());
        assert_eq!(m.layout, Layout::Wide);
        assert_eq!(m.period_columns, [2, 3, 4]);
        assert_eq!((m.team, m.indicator), (Some(0), Some(1)));
        assert!(m.problems().is_empty());
    }

    #[test]
    fn year_and_month_columns() {
        let (h, c) = cells(&["team", "indicator", "year", "month", "value"]);
        let m = guess_mapping(&h, &c, &PeriodContext::default());
        assert_eq!((m.year, m.month, m.period), (Some(2), Some(3), None));
        assert!(m.problems().is_empty());
        let mut m = m;
        assert!(m.set("period", Some(9)));
        assert_eq!(m.get("period"), Some(9));
        assert!(!m.set("colour", Some(1)));
        let missing = Mapping::default().problems();
        assert_eq!(missing.len(), 4);
    }
}
