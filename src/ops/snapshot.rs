//! Reading what documents and monitoring screens show from a workbook: one
//! indicator's snapshot, which documents then lay out (they never read the
//! workbook themselves).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analysis::snapshot::IndicatorSnapshot;
use crate::domain::{IndicatorId, IndicatorScope, Team, TeamId};
use crate::storage::{AGENCY_TEAM, StorageError, Workbook};

/// The snapshot of one indicator across the active teams (or the whole
/// agency, for agency-wide indicators), as it stood on `as_of`.
pub fn load_snapshot(
    wb: &Workbook,
    indicator: IndicatorId,
    as_of: NaiveDate,
    only_teams: &[TeamId],
) -> Result<Option<IndicatorSnapshot>, StorageError> {
    let Some(ind) = wb.indicator(indicator)? else {
        return Ok(None);
    };
    let teams: Vec<Team> = match ind.scope {
        IndicatorScope::AgencyWide => vec![Team {
            id: AGENCY_TEAM,
            name: crate::domain::team::AGENCY_ROW_NAME.to_owned(),
            contact: String::new(),
            archived: false,
        }],
        IndicatorScope::PerTeam => wb
            .teams()?
            .into_iter()
            .filter(|t| !t.archived && (only_teams.is_empty() || only_teams.contains(&t.id)))
            .collect(),
    };
    let values: HashMap<TeamId, Vec<(NaiveDate, f64)>> =
        wb.series_for_indicator(indicator)?.into_iter().collect();
    let targets = wb.target_records(indicator)?;
    Ok(Some(IndicatorSnapshot::build(
        &ind, &teams, &values, &targets, as_of,
    )))
}
