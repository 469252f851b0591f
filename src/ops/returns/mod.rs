//! Data returns (practice 5, "frequently"): ask each team for its numbers
//! with a pre-filled, signed file; collect what comes back through the same
//! checks as any import; see who has reported.

mod collect;
mod request;

pub use collect::{Conflict, ConflictChoice, ReturnCheck, check_return, return_files_in, shown};
pub use request::{INSTRUCTIONS_FILE, RequestOutcome, ReturnFormat, request_returns};

use chrono::NaiveDate;

use crate::domain::data_return::{RequestId, ReturnRequest, ReturnStatus};
use crate::storage::{ImportOutcome, StorageError, Workbook};

/// Writes a checked return: its values through the audit trail (the sender
/// as the source) and the request marked collected, in one transaction.
pub fn collect_return(
    wb: &mut Workbook,
    check: &ReturnCheck,
) -> Result<ImportOutcome, StorageError> {
    wb.apply_import(&check.plan.batch, &mut |_, _| true)
}

/// One team's line on the board of a request.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardLine {
    /// The team's name.
    pub team: String,
    /// Where it stands.
    pub status: ReturnStatus,
    /// When its return was collected, and by whose name.
    pub collected: Option<(NaiveDate, String)>,
    /// Values filled of those asked.
    pub filled: usize,
    /// Values asked.
    pub asked: usize,
}

/// Who has reported on a request: the teams overdue first, then not yet,
/// partly and returned, each by name.
pub fn board(
    wb: &Workbook,
    request: &ReturnRequest,
    today: NaiveDate,
) -> Result<Vec<BoardLine>, StorageError> {
    let teams = wb.teams()?;
    let mut lines: Vec<BoardLine> = wb
        .return_teams(request.id)?
        .into_iter()
        .map(|t| BoardLine {
            team: teams
                .iter()
                .find(|x| x.id == t.team)
                .map_or_else(|| format!("team {}", t.team.0), |x| x.name.clone()),
            status: ReturnStatus::of(&t, request.spec.due, today),
            collected: t.collected.as_ref().map(|c| {
                (
                    c.at.with_timezone(&chrono::Local).date_naive(),
                    c.by.clone(),
                )
            }),
            filled: t.collected.as_ref().map_or(0, |c| c.filled),
            asked: t.cells,
        })
        .collect();
    lines.sort_by(|a, b| a.status.cmp(&b.status).then_with(|| a.team.cmp(&b.team)));
    Ok(lines)
}

/// The teams that have not returned the latest request, on `today`, each
/// with whether it is overdue: what a stat meeting's agenda lists.
pub fn not_reported(
    wb: &Workbook,
    today: NaiveDate,
) -> Result<Vec<(crate::domain::TeamId, String)>, StorageError> {
    let Some(latest) = wb.return_requests()?.into_iter().next() else {
        return Ok(Vec::new());
    };
    let teams = wb.teams()?;
    Ok(wb
        .return_teams(latest.id)?
        .into_iter()
        .filter(|t| t.collected.is_none())
        .filter_map(|t| {
            let name = teams.iter().find(|x| x.id == t.team)?.name.clone();
            let due = match latest.spec.due {
                Some(d) if today > d => format!("overdue since {}", d.format("%-d %b")),
                Some(d) => format!("due {}", d.format("%-d %b")),
                None => "no due day".into(),
            };
            Some((
                t.team,
                format!("{name}: data return {} not returned ({due})", latest.id.0),
            ))
        })
        .collect())
}

/// The cells asked for in returns not yet due (and not yet collected),
/// each with its due day: the grid does not call them overdue while the
/// team still has time to send them.
pub fn awaited_cells(
    wb: &Workbook,
    today: NaiveDate,
) -> Result<std::collections::HashMap<crate::domain::Cell, NaiveDate>, StorageError> {
    let mut out = std::collections::HashMap::new();
    let open: Vec<ReturnRequest> = wb
        .return_requests()?
        .into_iter()
        .filter(|r| r.spec.due.is_some_and(|d| d >= today))
        .collect();
    if open.is_empty() {
        return Ok(out);
    }
    let indicators: Vec<_> = wb
        .indicators()?
        .into_iter()
        .filter(|i| i.scope == crate::domain::IndicatorScope::PerTeam)
        .collect();
    for r in &open {
        let Some(due) = r.spec.due else { continue };
        for team in wb
            .return_teams(r.id)?
            .into_iter()
            .filter(|t| t.collected.is_none())
        {
            for ind in &indicators {
                let mut period = Some(crate::domain::Period::containing(
                    ind.frequency,
                    r.spec.as_of,
                ));
                for _ in 0..=r.spec.periods_before {
                    let Some(p) = period else { break };
                    let cell = crate::domain::Cell {
                        indicator: ind.id,
                        team: team.team,
                        period_start: p.start,
                    };
                    let entry = out.entry(cell).or_insert(due);
                    *entry = (*entry).max(due);
                    period = p.previous();
                }
            }
        }
    }
    Ok(out)
}

/// A request's label: "Data return 3 (as of 2 Mar 2026, due 6 Mar)".
pub fn request_label(r: &ReturnRequest) -> String {
    let due = r
        .spec
        .due
        .map(|d| format!(", due {}", d.format("%-d %b %Y")))
        .unwrap_or_default();
    format!(
        "Data return {} (as of {}{due})",
        r.id.0,
        r.spec.as_of.format("%-d %b %Y")
    )
}

/// The folder a recorded request's files were written to.
pub fn request_folder(parent: &std::path::Path, r: &ReturnRequest) -> std::path::PathBuf {
    request::folder_for(parent, r.id, &r.spec)
}

/// The request with this id, if there is one.
pub fn find_request(wb: &Workbook, id: RequestId) -> Result<Option<ReturnRequest>, StorageError> {
    Ok(wb.return_requests()?.into_iter().find(|r| r.id == id))
}
