//! Detecting wins across a workbook and recording them in the wins log.

use crate::analysis::wins::{SeriesInput, WinRules, detect_series, target_spans};
use crate::analysis::xmr::XmrOptions;
use crate::domain::{Direction, Indicator, IndicatorId, IndicatorScope, TeamId};
use crate::storage::{AGENCY_TEAM, StorageResult, WinsRecorded, Workbook};

/// Which series to re-examine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetectScope {
    /// Every series of every indicator.
    All,
    /// Every team's series on one indicator (after its target changed).
    Indicator(IndicatorId),
    /// One team's series on one indicator (after a value changed).
    Series(IndicatorId, TeamId),
}

/// Runs detection over `scope` and records what it finds (one transaction).
/// Archived teams and indicators where neither direction is better are left alone.
pub fn detect_wins(wb: &mut Workbook, scope: DetectScope) -> StorageResult<WinsRecorded> {
    let rules = WinRules {
        streak_length: wb.streak_length()?,
        ..WinRules::default()
    };
    let indicators: Vec<Indicator> = match scope {
        DetectScope::All => wb.indicators()?,
        DetectScope::Indicator(i) | DetectScope::Series(i, _) => {
            wb.indicator(i)?.into_iter().collect()
        }
    };
    let active: Vec<TeamId> = wb
        .teams()?
        .into_iter()
        .filter(|t| !t.archived)
        .map(|t| t.id)
        .collect();
    let mut series = Vec::new();
    let mut found = Vec::new();
    for ind in indicators
        .iter()
        .filter(|i| i.direction != Direction::Neutral)
    {
        let teams: Vec<TeamId> = match (ind.scope, scope) {
            (IndicatorScope::AgencyWide, _) => vec![AGENCY_TEAM],
            (IndicatorScope::PerTeam, DetectScope::Series(_, t)) => {
                active.iter().copied().filter(|a| *a == t).collect()
            }
            (IndicatorScope::PerTeam, _) => active.clone(),
        };
        if teams.is_empty() {
            continue;
        }
        let records = wb.target_records(ind.id)?;
        let mut by_team: std::collections::HashMap<TeamId, Vec<(chrono::NaiveDate, f64)>> =
            std::collections::HashMap::new();
        if let [only] = teams.as_slice() {
            by_team.insert(*only, wb.series(ind.id, *only)?);
        } else {
            by_team.extend(wb.series_for_indicator(ind.id)?);
        }
        for team in teams {
            let points = by_team.remove(&team).unwrap_or_default();
            series.push((ind.id, team));
            if points.is_empty() {
                continue;
            }
            let spans = target_spans(&records, team, ind.frequency, &points);
            let setting = wb.xmr_setting(ind.id, team)?;
            let periods: Vec<chrono::NaiveDate> = points.iter().map(|(d, _)| *d).collect();
            let input = SeriesInput {
                indicator: ind,
                team,
                points: &points,
                targets: &spans,
                xmr: XmrOptions::for_periods(
                    &periods,
                    setting.baseline_from,
                    setting.baseline_to,
                    setting.recalc_from,
                ),
            };
            found.extend(
                detect_series(&input, &rules)
                    .into_iter()
                    .map(|w| (ind.id, w)),
            );
        }
    }
    wb.record_detected_wins(&series, &found)
}
