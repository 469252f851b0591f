//! Stat meetings over a workbook: building an agenda from what is open,
//! creating the meeting, and gathering what the memo and briefing book say.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analysis::agenda::{AgendaInputs, AgendaLimits, Behind, build_agenda};
use crate::analysis::progress::Status;
use crate::domain::meeting::{FollowUp, FollowUpStatus, ItemDraft, Meeting, MeetingId};
use crate::domain::number::format_number;
use crate::domain::{Period, Team, TeamId};
use crate::export::meeting_docs::{BriefingInput, MemoInput, TeamBrief};
use crate::ops::snapshot::load_snapshot;
use crate::storage::{StorageError, StorageResult, Workbook};

/// Teams behind on every indicator with a target, as of `on`.
fn behind(wb: &Workbook, on: NaiveDate) -> StorageResult<Vec<Behind>> {
    let mut out = Vec::new();
    for ind in wb.indicators()? {
        if wb.target_records(ind.id)?.is_empty() {
            continue;
        }
        let Some(snap) = load_snapshot(wb, ind.id, on, &[])? else {
            continue;
        };
        for row in &snap.league {
            let p = &row.progress;
            if !matches!(p.status, Status::AtRisk | Status::OffTrack) {
                continue;
            }
            let (latest, path) = (p.latest, p.path_at_latest);
            let detail = match (latest, path) {
                (Some((d, v)), Some(path)) => format!(
                    "Latest {} ({}) against a path of {}; {:.0}% of the way to the target.",
                    format_number(v, usize::from(ind.decimals).max(1)),
                    Period {
                        start: d,
                        frequency: ind.frequency
                    }
                    .label(),
                    format_number(path, usize::from(ind.decimals).max(1)),
                    p.percent_of_way.unwrap_or(0.0)
                ),
                _ => String::new(),
            };
            out.push(Behind {
                team: row.team,
                indicator: ind.id,
                status: p.status,
                title: format!(
                    "{}: {} on {}",
                    row.name,
                    p.status.label().to_lowercase(),
                    ind.name
                ),
                detail,
            });
        }
    }
    Ok(out)
}

/// The agenda a meeting on `held_on` for `teams` (empty: all) would have now.
pub fn agenda_drafts(
    wb: &Workbook,
    held_on: NaiveDate,
    teams: &[TeamId],
    limits: AgendaLimits,
) -> StorageResult<Vec<ItemDraft>> {
    let meetings = wb.meetings()?;
    let dates: HashMap<MeetingId, NaiveDate> =
        meetings.iter().map(|(id, d, _)| (*id, *d)).collect();
    let previous = meetings
        .iter()
        .map(|(_, d, _)| *d)
        .filter(|d| *d < held_on)
        .max();
    let follow_ups: Vec<(FollowUp, NaiveDate)> = wb
        .follow_ups()?
        .into_iter()
        .filter_map(|f| dates.get(&f.raised_at).map(|d| (f, *d)))
        .collect();
    let all_teams = wb.teams()?;
    let wins: Vec<_> = wb
        .wins()?
        .into_iter()
        .map(|w| {
            let who = crate::domain::win::who(&w, &all_teams);
            (w, who)
        })
        .collect();
    let needs: Vec<_> = wb
        .needs()?
        .into_iter()
        .map(|n| {
            let name = team_name(&all_teams, n.team);
            (n, name)
        })
        .collect();
    Ok(build_agenda(&AgendaInputs {
        held_on,
        teams,
        previous,
        follow_ups: &follow_ups,
        behind: &behind(wb, held_on)?,
        flags: &wb.flags()?,
        wins: &wins,
        needs: &needs,
        not_reported: &crate::ops::returns::not_reported(wb, held_on)?,
        limits,
    }))
}

/// The paper the workbook's documents are laid out on: the choice kept
/// with the certificates' defaults (A4 until one is made).
pub fn document_paper(wb: &Workbook) -> crate::domain::certificate::Paper {
    wb.certificate_defaults()
        .map(|d| d.paper)
        .unwrap_or_default()
}

fn team_name(teams: &[Team], id: TeamId) -> String {
    teams.iter().find(|t| t.id == id).map_or_else(
        || crate::domain::team::AGENCY_ROW_NAME.to_owned(),
        |t| t.name.clone(),
    )
}

/// Creates a meeting with the agenda built from the workbook now.
/// The integrity checks run first unless they are fresh, so that its flags
/// are those the data show today.
pub fn create_meeting(
    wb: &mut Workbook,
    held_on: NaiveDate,
    title: &str,
    teams: &[TeamId],
    today: NaiveDate,
    limits: AgendaLimits,
) -> StorageResult<MeetingId> {
    crate::ops::integrity::ensure_checks(wb, today)?;
    let items = agenda_drafts(wb, held_on, teams, limits)?;
    wb.create_meeting(held_on, title, teams, &items)
}

/// A follow-up as it stood at the end of `meeting` (resolved later: still open then).
pub fn as_it_stood(
    f: &FollowUp,
    meeting_date: NaiveDate,
    dates: &HashMap<MeetingId, NaiveDate>,
) -> FollowUpStatus {
    match f.resolved_at.and_then(|m| dates.get(&m)) {
        Some(resolved_on) if *resolved_on <= meeting_date => f.status,
        Some(_) => FollowUpStatus::Open,
        None => f.status,
    }
}

fn meeting_or_missing(wb: &Workbook, id: MeetingId) -> StorageResult<Meeting> {
    wb.meeting(id)?
        .ok_or_else(|| StorageError::Missing(format!("meeting {id}")))
}

/// What the follow-up memo of a meeting says.
pub fn memo_input(wb: &Workbook, id: MeetingId) -> StorageResult<MemoInput> {
    let meeting = meeting_or_missing(wb, id)?;
    let teams = wb.teams()?;
    let dates: HashMap<MeetingId, NaiveDate> =
        wb.meetings()?.into_iter().map(|(m, d, _)| (m, d)).collect();
    let all = wb.follow_ups()?;
    let raised: Vec<FollowUp> = all.iter().filter(|f| f.raised_at == id).cloned().collect();
    let resolved: Vec<FollowUp> = all
        .iter()
        .filter(|f| f.resolved_at == Some(id) && f.raised_at != id)
        .cloned()
        .collect();
    let still_open: Vec<FollowUp> = all
        .iter()
        .filter(|f| {
            f.raised_at != id
                && dates
                    .get(&f.raised_at)
                    .is_some_and(|d| *d < meeting.held_on)
        })
        .filter(|f| as_it_stood(f, meeting.held_on, &dates) == FollowUpStatus::Open)
        .cloned()
        .collect();
    Ok(MemoInput {
        paper: document_paper(wb),
        agency: wb.agency()?.display_name().to_owned(),
        teams: meeting
            .teams
            .iter()
            .map(|t| team_name(&teams, *t))
            .collect(),
        meeting,
        raised,
        resolved,
        still_open,
    })
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// What the briefing book of a meeting holds.
pub fn briefing_input(
    wb: &Workbook,
    id: MeetingId,
    today: NaiveDate,
) -> StorageResult<BriefingInput> {
    let meeting = meeting_or_missing(wb, id)?;
    let teams = wb.teams()?;
    let attending: Vec<TeamId> = if meeting.teams.is_empty() {
        teams.iter().filter(|t| !t.archived).map(|t| t.id).collect()
    } else {
        meeting.teams.clone()
    };
    // The framework's indicator, else the first indicator with a target.
    let mut chosen = wb.framework_indicator()?;
    if chosen.is_none() {
        for ind in wb.indicators()? {
            if !wb.target_records(ind.id)?.is_empty() {
                chosen = Some(ind.id);
                break;
            }
        }
    }
    let snapshot = match chosen {
        Some(ind) => load_snapshot(wb, ind, meeting.held_on, &[])?,
        None => None,
    };
    let flags = wb.flags()?;
    let follow_ups = wb.follow_ups()?;
    let needs = wb.needs()?;
    let briefs = attending
        .iter()
        .map(|t| {
            let name = team_name(&teams, *t);
            let (position, team_snap) = match &snapshot {
                Some(s) => {
                    let place = s.league.iter().position(|r| r.team == *t);
                    let position = match place.map(|i| (i, &s.league[i])) {
                        Some((i, r)) => {
                            let cells = s.league_cells(r);
                            format!(
                                "{} of {} on {}: {}, {}.",
                                ordinal(i + 1),
                                s.league.len(),
                                s.indicator.name,
                                cells[1],
                                r.progress.status.label().to_lowercase()
                            )
                        }
                        None => format!("Not in the league table of {}.", s.indicator.name),
                    };
                    let mut only = s.clone();
                    only.teams.retain(|x| x.team == *t);
                    only.league.retain(|x| x.team == *t);
                    (position, Some(only))
                }
                None => (
                    "The framework has no target indicator yet.".to_owned(),
                    None,
                ),
            };
            TeamBrief {
                name,
                position,
                snapshot: team_snap,
                flags: flags
                    .iter()
                    .filter(|f| {
                        f.team == Some(*t)
                            && f.active
                            && !f.status.is_settled()
                            && f.severity >= crate::domain::integrity::Severity::Warning
                    })
                    .map(|f| format!("{} ({})", f.title, f.severity.label()))
                    .collect(),
                follow_ups: follow_ups
                    .iter()
                    .filter(|f| f.links.team == Some(*t) && f.status == FollowUpStatus::Open)
                    .map(|f| {
                        format!(
                            "{} — {}, due {}",
                            f.text,
                            f.owner,
                            f.due.format("%-d %b %Y")
                        )
                    })
                    .collect(),
                needs: needs
                    .iter()
                    .filter(|n| n.team == *t && n.status.is_open())
                    .map(|n| {
                        format!(
                            "{}: {} ({})",
                            n.category.label(),
                            n.description,
                            n.status.label()
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(BriefingInput {
        paper: document_paper(wb),
        agency: wb.agency()?.display_name().to_owned(),
        meeting,
        teams: briefs,
        checks: checks_line(wb, today)?,
    })
}

/// When the flags a document lists were found: "as of" the day the checks
/// last ran over everything, and whether values changed since.
pub fn checks_line(wb: &Workbook, today: NaiveDate) -> StorageResult<String> {
    let fresh = crate::ops::integrity::checks_are_fresh(wb, today)?;
    Ok(match wb.checks_ran()? {
        None => "The integrity checks have not been run on this workbook.".to_owned(),
        Some((_, day)) if fresh => format!("Integrity checks as of {}.", day.format("%-d %B %Y")),
        Some((_, day)) => format!(
            "Integrity checks last ran on {}; values or targets have changed since.",
            day.format("%-d %B %Y")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_right() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }
}
