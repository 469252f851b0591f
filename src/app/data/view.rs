//! View models of the data screens: the teams-and-indicators setup, the
//! data-entry grid, and observations. Built from the workbook when it
//! changes; the screens only read them.

use crate::domain::number::DecimalMark;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::{
    Cell, Frequency, Indicator, IndicatorId, IndicatorKind, IndicatorScope, Observation, Period,
    TargetRecord, Team, TeamId, ValueChange,
};
use crate::storage::{AGENCY_TEAM, StorageResult, Workbook};

/// Teams, indicators and targets, for the setup screen and every picker.
#[derive(Clone, Debug, Default)]
pub struct SetupView {
    /// Every team, archived ones included.
    pub teams: Vec<Team>,
    /// Each team's standing on the framework's target indicator (for
    /// choosing teams by it: "every team off track"). Computed with the
    /// home screen's figures on another thread (a snapshot of every team's
    /// series is too slow for the window's thread on a large workbook), so
    /// empty until they first arrive, and kept across set-up reloads.
    pub standing: Vec<(TeamId, crate::analysis::progress::Status)>,
    /// Every indicator.
    pub indicators: Vec<Indicator>,
    /// Which indicators have data (their frequency is then fixed).
    pub has_data: Vec<IndicatorId>,
    /// The framework target's indicator.
    pub framework_indicator: Option<IndicatorId>,
    /// Every target, by indicator.
    pub targets: HashMap<IndicatorId, Vec<TargetRecord>>,
    /// Periods ending on or before this are locked.
    pub locked_through: Option<NaiveDate>,
    /// The month the fiscal year starts in.
    pub fiscal_year_start: u32,
    /// The decimal mark the leader types and reads: the workbook's
    /// setting, else the system's locale.
    pub decimal_mark: DecimalMark,
}

/// The decimal mark of the system's locale (a dot when it cannot be told).
pub fn system_decimal_mark() -> DecimalMark {
    sys_locale::get_locale().map_or(DecimalMark::Dot, |l| DecimalMark::for_locale(&l))
}

impl SetupView {
    /// Reads it from the workbook.
    pub fn load(wb: &Workbook) -> StorageResult<SetupView> {
        let indicators = wb.indicators()?;
        let mut targets = HashMap::new();
        let mut has_data = Vec::new();
        for i in &indicators {
            targets.insert(i.id, wb.target_records(i.id)?);
            if wb.indicator_has_data(i.id)? {
                has_data.push(i.id);
            }
        }
        let framework_indicator = wb.framework_indicator()?;
        Ok(SetupView {
            teams: wb.teams()?,
            indicators,
            has_data,
            framework_indicator,
            standing: Vec::new(),
            targets,
            locked_through: wb.locked_through()?,
            fiscal_year_start: wb.fiscal_year_start_month()?,
            decimal_mark: wb.decimal_mark()?.unwrap_or_else(system_decimal_mark),
        })
    }

    /// Teams still in use, in display order.
    pub fn active_teams(&self) -> impl Iterator<Item = &Team> {
        self.teams.iter().filter(|t| !t.archived)
    }

    /// An indicator by id.
    pub fn indicator(&self, id: IndicatorId) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// A team's name (the whole agency has one too).
    pub fn team_name(&self, id: TeamId) -> String {
        if id == AGENCY_TEAM {
            return crate::domain::team::AGENCY_ROW_NAME.to_owned();
        }
        self.teams
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| format!("team {id}"), |t| t.name.clone())
    }
}

/// What the grid shows: one indicator across teams, or one team's indicators of one frequency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridMode {
    /// Rows are teams.
    Indicator(IndicatorId),
    /// Rows are the team's indicators of this frequency.
    Team(TeamId, Frequency),
}

/// One row of the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct GridRow {
    /// The team of this row's cells.
    pub team: TeamId,
    /// The indicator of this row's cells.
    pub indicator: IndicatorId,
    /// The row's heading.
    pub label: String,
    /// Decimals shown.
    pub decimals: u8,
    /// Yes/no or numbers.
    pub kind: IndicatorKind,
    /// Ended periods with no value, from its first expected period on.
    pub overdue: usize,
    /// The first column in which a value is expected (its first value or target baseline).
    pub first_expected: Option<usize>,
}

/// The data-entry grid.
#[derive(Clone, Debug, PartialEq)]
pub struct GridView {
    /// What it shows.
    pub mode: GridMode,
    /// Its rows.
    pub rows: Vec<GridRow>,
    /// Its columns, oldest first.
    pub periods: Vec<Period>,
    /// Values, row by row (`rows.len() × periods.len()`).
    pub values: Vec<Option<f64>>,
    /// Periods ending on or before this are locked.
    pub locked_through: Option<NaiveDate>,
    /// Today, for what is overdue.
    pub today: NaiveDate,
    /// The audit trail of the selected cell.
    pub history: Vec<ValueChange>,
    /// The selected cell, whose history is shown.
    pub history_cell: Option<Cell>,
    /// How numbers are typed and shown.
    pub decimal_mark: DecimalMark,
    /// Cells asked for in a data return not yet due, with the due day:
    /// not overdue while the team still has time.
    pub awaited: HashMap<Cell, NaiveDate>,
}

impl GridView {
    /// The grid as tab-separated text that a spreadsheet pastes as a
    /// table: a header row of period labels, then a row per team or
    /// indicator with its label; each value as `tsv_value` writes it.
    pub fn as_tsv(&self) -> String {
        let clean = |t: &str| t.replace(['\t', '\n', '\r'], " ");
        let mut out = String::new();
        out.push_str(match self.mode {
            GridMode::Indicator(_) => "Team",
            _ => "Indicator",
        });
        for p in &self.periods {
            out.push('\t');
            out.push_str(&p.label());
        }
        out.push('\n');
        for (r, row) in self.rows.iter().enumerate() {
            out.push_str(&clean(&row.label));
            for c in 0..self.periods.len() {
                out.push('\t');
                out.push_str(&self.tsv_value(r, c));
            }
            out.push('\n');
        }
        out
    }

    /// The cells from `a` to `b` (two opposite corners, as (row, column))
    /// as tab-separated text, values only, as a spreadsheet copies a block:
    /// pasted into a spreadsheet or back into the grid, each lands in its
    /// place.
    pub fn block_tsv(&self, a: (usize, usize), b: (usize, usize)) -> String {
        let last_row = self.rows.len().saturating_sub(1);
        let last_col = self.periods.len().saturating_sub(1);
        let rows = a.0.min(b.0)..=a.0.max(b.0).min(last_row);
        let cols = a.1.min(b.1)..=a.1.max(b.1).min(last_col);
        let mut out = String::new();
        for r in rows {
            let line: Vec<String> = cols.clone().map(|c| self.tsv_value(r, c)).collect();
            out.push_str(&line.join("\t"));
            out.push('\n');
        }
        out
    }

    /// A value for a spreadsheet: exactly as stored (the shortest text that
    /// reads back the same, no thousands separator) with the workbook's
    /// decimal mark, so a spreadsheet set up as the leader's system reads
    /// it as a number; yes/no as 1/0; empty where nothing was reported.
    fn tsv_value(&self, r: usize, c: usize) -> String {
        self.value(r, c)
            .map(|v| self.decimal_mark.write(&v.to_string()))
            .unwrap_or_default()
    }

    /// The value at (row, column).
    pub fn value(&self, row: usize, col: usize) -> Option<f64> {
        self.values
            .get(row * self.periods.len() + col)
            .copied()
            .flatten()
    }

    /// The workbook address of (row, column).
    pub fn cell(&self, row: usize, col: usize) -> Option<Cell> {
        let r = self.rows.get(row)?;
        let p = self.periods.get(col)?;
        Some(Cell {
            indicator: r.indicator,
            team: r.team,
            period_start: p.start,
        })
    }

    /// Where a cell is in the grid.
    pub fn position(&self, cell: Cell) -> Option<(usize, usize)> {
        let row = self
            .rows
            .iter()
            .position(|r| r.team == cell.team && r.indicator == cell.indicator)?;
        let col = self
            .periods
            .iter()
            .position(|p| p.start == cell.period_start)?;
        Some((row, col))
    }

    /// True when the column's period is locked.
    pub fn is_locked(&self, col: usize) -> bool {
        match (self.periods.get(col), self.locked_through) {
            (Some(p), Some(l)) => p.end() <= l,
            _ => false,
        }
    }

    /// True when (row, column) has ended without a value.
    pub fn is_overdue(&self, row: usize, col: usize) -> bool {
        let Some(first) = self.rows.get(row).and_then(|r| r.first_expected) else {
            return false;
        };
        col >= first
            && self.value(row, col).is_none()
            && self.periods.get(col).is_some_and(|p| p.end() < self.today)
            && self.awaited_until(row, col).is_none()
    }

    /// The day a data return asking for (row, column) is due, while it has not passed.
    pub fn awaited_until(&self, row: usize, col: usize) -> Option<NaiveDate> {
        if self.awaited.is_empty() {
            return None;
        }
        self.awaited.get(&self.cell(row, col)?).copied()
    }

    /// Stores a value in memory after the workbook accepted it, and recounts the row's overdue cells.
    pub fn put(&mut self, cell: Cell, value: Option<f64>) {
        if let Some((row, col)) = self.position(cell) {
            let n = self.periods.len();
            self.values[row * n + col] = value;
            self.recount(row);
        }
    }

    fn recount(&mut self, row: usize) {
        let n = self.periods.len();
        let first = (0..n).find(|&c| self.values[row * n + c].is_some());
        let expected = match (first, self.rows[row].first_expected) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.rows[row].first_expected = expected;
        self.rows[row].overdue = (0..n).filter(|&c| self.is_overdue(row, c)).count();
    }

    /// Builds the grid for `mode` from the workbook.
    pub fn load(
        wb: &Workbook,
        setup: &SetupView,
        mode: GridMode,
        today: NaiveDate,
    ) -> StorageResult<GridView> {
        let rows_and_values = match mode {
            GridMode::Indicator(id) => indicator_rows(wb, setup, id)?,
            GridMode::Team(team, frequency) => Some(team_rows(wb, setup, team, frequency)?),
        };
        let Some((rows, frequency, mut data)) = rows_and_values else {
            return Ok(GridView::empty(mode, today));
        };
        // Columns: from the earliest value or target baseline to the current period.
        let baselines: Vec<NaiveDate> = rows
            .iter()
            .filter_map(|r| setup.targets.get(&r.indicator))
            .flat_map(|records| records.iter().map(|t| t.values.baseline_date))
            .collect();
        let current = Period::containing(frequency, today);
        let earliest = data
            .iter()
            .map(|(_, p, _)| *p)
            .chain(baselines.iter().copied())
            .min()
            .map(|d| d.min(current.start))
            .unwrap_or_else(|| back_from(current, 11));
        let latest = data
            .iter()
            .map(|(_, p, _)| *p)
            .max()
            .map_or(current.start, |d| d.max(current.start));
        let periods = Period::range(frequency, earliest, latest);
        let column: HashMap<NaiveDate, usize> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| (p.start, i))
            .collect();
        let n = periods.len();
        let mut values = vec![None; rows.len() * n];
        data.sort_by_key(|(r, p, _)| (*r, *p));
        for (r, p, v) in data {
            if let Some(&c) = column.get(&p) {
                values[r * n + c] = Some(v);
            }
        }
        let mut grid = GridView {
            mode,
            rows,
            periods,
            values,
            locked_through: setup.locked_through,
            today,
            history: Vec::new(),
            history_cell: None,
            decimal_mark: setup.decimal_mark,
            awaited: crate::ops::returns::awaited_cells(wb, today)?,
        };
        for row in 0..grid.rows.len() {
            let baseline = setup
                .targets
                .get(&grid.rows[row].indicator)
                .and_then(|records| records.iter().map(|t| t.values.baseline_date).min())
                .and_then(|b| column.get(&frequency.period_start(b)).copied());
            grid.rows[row].first_expected = baseline;
            grid.recount(row);
        }
        Ok(grid)
    }

    fn empty(mode: GridMode, today: NaiveDate) -> GridView {
        GridView {
            mode,
            rows: Vec::new(),
            periods: Vec::new(),
            values: Vec::new(),
            locked_through: None,
            today,
            history: Vec::new(),
            history_cell: None,
            decimal_mark: DecimalMark::Dot,
            awaited: HashMap::new(),
        }
    }
}

fn back_from(p: Period, n: usize) -> NaiveDate {
    let mut q = p;
    for _ in 0..n {
        match q.previous() {
            Some(prev) => q = prev,
            None => break,
        }
    }
    q.start
}

/// Every observation, newest first.
#[derive(Clone, Debug, Default)]
pub struct ObservationsView {
    /// The observations.
    pub all: Vec<Observation>,
}

impl GridRow {
    /// The row of `team`'s values of `ind`, headed `label`, before its
    /// overdue periods are counted.
    fn of(team: TeamId, ind: &Indicator, label: String) -> GridRow {
        GridRow {
            team,
            indicator: ind.id,
            label,
            decimals: ind.decimals,
            kind: ind.kind,
            overdue: 0,
            first_expected: None,
        }
    }
}

/// A grid's rows, the frequency of its columns, and its values as
/// (row, period start, value).
type RowsAndValues = (Vec<GridRow>, Frequency, Vec<(usize, NaiveDate, f64)>);

/// One row per team reporting an indicator (one row when it is agency-wide);
/// `None` when the indicator is gone.
fn indicator_rows(
    wb: &Workbook,
    setup: &SetupView,
    id: IndicatorId,
) -> StorageResult<Option<RowsAndValues>> {
    let Some(ind) = setup.indicator(id) else {
        return Ok(None);
    };
    let teams: Vec<TeamId> = match ind.scope {
        IndicatorScope::AgencyWide => vec![AGENCY_TEAM],
        IndicatorScope::PerTeam => setup.active_teams().map(|t| t.id).collect(),
    };
    let index: HashMap<TeamId, usize> = teams.iter().enumerate().map(|(i, t)| (*t, i)).collect();
    let rows = teams
        .iter()
        .map(|&team| GridRow::of(team, ind, setup.team_name(team)))
        .collect();
    let data = wb
        .values_for_indicator(id)?
        .into_iter()
        .filter_map(|(t, p, v)| index.get(&t).map(|&r| (r, p, v)))
        .collect();
    Ok(Some((rows, ind.frequency, data)))
}

/// One row per indicator a team reports at `frequency`.
fn team_rows(
    wb: &Workbook,
    setup: &SetupView,
    team: TeamId,
    frequency: Frequency,
) -> StorageResult<RowsAndValues> {
    let inds: Vec<&Indicator> = setup
        .indicators
        .iter()
        .filter(|i| i.frequency == frequency && i.scope == IndicatorScope::PerTeam)
        .collect();
    let index: HashMap<IndicatorId, usize> = inds
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id, i))
        .collect();
    let rows = inds
        .iter()
        .map(|ind| GridRow::of(team, ind, ind.name.clone()))
        .collect();
    let data = wb
        .values_for_team(team)?
        .into_iter()
        .filter_map(|(i, p, v)| index.get(&i).map(|&r| (r, p, v)))
        .collect();
    Ok((rows, frequency, data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::IndicatorSpec;
    use crate::domain::{Direction, Frequency};

    #[test]
    fn grid_marks_overdue_and_locked_cells() {
        let dir = tempfile::tempdir().unwrap();
        let mut wb = Workbook::create(&dir.path().join("g.ratchet")).unwrap();
        let north = wb.add_team("North", "").unwrap();
        let south = wb.add_team("South", "").unwrap();
        let ind = wb
            .add_indicator(&IndicatorSpec::simple(
                "Visits",
                "",
                Direction::Higher,
                Frequency::Month,
            ))
            .unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        for m in 1..=3 {
            wb.set_value(
                Cell {
                    indicator: ind,
                    team: north,
                    period_start: d(2025, m, 1),
                },
                Some(f64::from(m)),
                "",
                "entry",
            )
            .unwrap();
        }
        wb.set_value(
            Cell {
                indicator: ind,
                team: south,
                period_start: d(2025, 2, 1),
            },
            Some(5.0),
            "",
            "entry",
        )
        .unwrap();
        wb.lock_through(d(2025, 1, 31), "").unwrap();
        let setup = SetupView::load(&wb).unwrap();
        let today = d(2025, 5, 15);
        let mut grid = GridView::load(&wb, &setup, GridMode::Indicator(ind), today).unwrap();
        let labels: Vec<String> = grid.periods.iter().map(|p| p.label()).collect();
        assert_eq!(
            labels,
            ["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025", "May 2025"]
        );
        assert_eq!(grid.value(0, 2), Some(3.0));
        // North: April overdue (May has not ended). South: from February on, March and April.
        assert_eq!(grid.rows[0].overdue, 1);
        assert_eq!(grid.rows[1].overdue, 2);
        assert!(
            grid.is_overdue(1, 2) && !grid.is_overdue(1, 0),
            "nothing is owed before the first value"
        );
        assert!(grid.is_locked(0) && !grid.is_locked(1));
        grid.put(
            Cell {
                indicator: ind,
                team: south,
                period_start: d(2025, 3, 1),
            },
            Some(6.0),
        );
        assert_eq!(grid.rows[1].overdue, 1);
        let team_grid =
            GridView::load(&wb, &setup, GridMode::Team(north, Frequency::Month), today).unwrap();
        assert_eq!(team_grid.rows.len(), 1);
        assert_eq!(team_grid.value(0, 0), Some(1.0));
    }
}
