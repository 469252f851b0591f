//! The home screen's cockpit: how the agency is doing against its target
//! and what needs the leader — teams off track, wins waiting to be
//! recognised, serious integrity flags, overdue data, the next stat
//! meeting and open capacity needs. Computed from the workbook in one go
//! (on a reader of its own, off the window's thread) and drawn from memory.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::analysis::integrity::triage;
use crate::analysis::progress::Status;
use crate::domain::integrity::{FlagStatus, Severity};
use crate::domain::meeting::FollowUpStatus;
use crate::domain::number::{count, thousands};
use crate::domain::{IndicatorId, IndicatorScope, Period, TeamId};
use crate::ops::snapshot::load_snapshot;
use crate::storage::{StorageResult, Workbook};

/// Items listed under each heading (the counts cover them all).
pub const LISTED: usize = 5;

pub use crate::analysis::standing::{TargetStanding, TeamStanding};

/// A team whose data are late.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overdue {
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub name: String,
    /// Indicators it usually reports whose last completed period is missing.
    pub indicators: usize,
    /// The oldest latest period among them ("2026-W44").
    pub since: String,
}

/// Everything the cockpit shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cockpit {
    /// The day it was computed for.
    pub today: Option<NaiveDate>,
    /// The target indicator's standing, once the framework names one.
    pub target: Option<TargetStanding>,
    /// Wins no one has been recognised for yet.
    pub wins_waiting: usize,
    /// The most significant of them ("North: 8 weeks on track").
    pub wins_listed: Vec<String>,
    /// Open flags by severity: serious, warning.
    pub flags_open: (usize, usize),
    /// The most serious open flags' titles.
    pub flags_listed: Vec<String>,
    /// When the checks ran, in a sentence.
    pub checks_line: String,
    /// Teams with late data, most late indicators first.
    pub overdue: Vec<Overdue>,
    /// Teams with late data in all.
    pub overdue_teams: usize,
    /// The next stat meeting (on or after today): date and title.
    pub next_meeting: Option<(NaiveDate, String)>,
    /// Follow-ups still open.
    pub follow_ups_open: usize,
    /// Capacity needs requested or approved, not yet delivered.
    pub needs_open: usize,
}

/// Computes the cockpit as of `today`.
pub fn cockpit(wb: &Workbook, today: NaiveDate) -> StorageResult<Cockpit> {
    let names: HashMap<TeamId, String> = wb.teams()?.into_iter().map(|t| (t.id, t.name)).collect();
    let name_of = |id: TeamId| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| crate::domain::team::AGENCY_ROW_NAME.to_owned())
    };
    let mut out = Cockpit {
        today: Some(today),
        target: target_standing(wb, today)?,
        checks_line: crate::ops::meetings::checks_line(wb, today)?,
        ..Cockpit::default()
    };
    let mut waiting: Vec<_> = wb
        .wins()?
        .into_iter()
        .filter(|w| w.recognitions == 0)
        .collect();
    // The most significant first (lower is more), then the most recent.
    waiting.sort_by(|a, b| {
        a.kind
            .significance()
            .cmp(&b.kind.significance())
            .then(b.achieved_on.cmp(&a.achieved_on))
    });
    out.wins_waiting = waiting.len();
    out.wins_listed = waiting
        .iter()
        .take(LISTED)
        .map(|w| match w.team {
            Some(t) => format!("{}: {}", name_of(t), w.title),
            None => w.title.clone(),
        })
        .collect();
    let open: Vec<_> = wb
        .flags()?
        .into_iter()
        .filter(|f| f.active && f.status == FlagStatus::Open && f.severity >= Severity::Warning)
        .collect();
    out.flags_open = (
        open.iter()
            .filter(|f| f.severity == Severity::Serious)
            .count(),
        open.iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
    );
    out.flags_listed = triage::rank(&open)
        .iter()
        .take(LISTED)
        .filter_map(|e| open.get(e.lead))
        .map(|f| f.title.clone())
        .collect();
    out.overdue = overdue(wb, today, &name_of)?;
    out.overdue_teams = out.overdue.len();
    out.overdue.truncate(LISTED);
    out.next_meeting = wb
        .meetings()?
        .into_iter()
        .filter(|(_, d, _)| *d >= today)
        .min_by_key(|(_, d, _)| *d)
        .map(|(_, d, title)| (d, title));
    out.follow_ups_open = wb
        .follow_ups()?
        .iter()
        .filter(|f| f.status == FollowUpStatus::Open)
        .count();
    out.needs_open = wb.needs()?.iter().filter(|n| n.status.is_open()).count();
    Ok(out)
}

/// The framework target's indicator: teams by standing, the worst first.
pub fn target_standing(wb: &Workbook, today: NaiveDate) -> StorageResult<Option<TargetStanding>> {
    let Some(target) = wb.framework()?.target else {
        return Ok(None);
    };
    let mut standing = TargetStanding {
        name: target.indicator_name.clone(),
        sentence: target.sentence(),
        ..TargetStanding::default()
    };
    let Some(ind) = wb.indicator_by_name(&target.indicator_name)? else {
        return Ok(Some(standing));
    };
    standing.indicator = Some(ind.id);
    standing.unit = ind.unit.clone();
    standing.decimals = ind.decimals;
    let Some(snap) = load_snapshot(wb, ind.id, today, &[])? else {
        return Ok(Some(standing));
    };
    standing.spread = crate::export::charts::spread_series(&snap);
    if let crate::analysis::snapshot::TargetLine::Path(t) = snap.target_line() {
        standing.path = Some((
            (t.baseline_date, t.baseline_value),
            (t.deadline, t.target_value),
        ));
    }
    let decimals = usize::from(ind.decimals);
    let mut rows: Vec<(TeamStanding, f64)> = Vec::new();
    standing.statuses = snap
        .league
        .iter()
        .map(|r| (r.team, r.progress.status))
        .collect();
    for row in &snap.league {
        let p = &row.progress;
        let slot = match p.status {
            Status::Met => 0,
            Status::OnTrack => 1,
            Status::AtRisk => 2,
            Status::OffTrack => 3,
            Status::NoData => 4,
            Status::NoTarget => continue,
        };
        standing.counts[slot] += 1;
        if !matches!(p.status, Status::AtRisk | Status::OffTrack | Status::NoData) {
            continue;
        }
        let detail = match (p.latest, p.path_at_latest) {
            (Some((d, v)), Some(path)) => format!(
                "latest {} ({}), path {}",
                crate::domain::target::with_unit_decimals(v, decimals, &ind.unit),
                Period {
                    start: d,
                    frequency: ind.frequency
                }
                .label(),
                crate::domain::target::with_unit_decimals(path, decimals, &ind.unit),
            ),
            (Some((d, v)), None) => format!(
                "latest {} ({})",
                crate::domain::target::with_unit_decimals(v, decimals, &ind.unit),
                Period {
                    start: d,
                    frequency: ind.frequency
                }
                .label()
            ),
            _ => "no value reported".to_owned(),
        };
        rows.push((
            TeamStanding {
                team: row.team,
                name: row.name.clone(),
                status: p.status,
                detail,
            },
            p.behind_path.unwrap_or(0.0),
        ));
    }
    standing.behind = standing.counts[2] + standing.counts[3];
    // Off track first, then at risk, then no data; furthest behind first.
    rows.sort_by(|a, b| {
        let rank = |s: Status| match s {
            Status::OffTrack => 0,
            Status::AtRisk => 1,
            _ => 2,
        };
        rank(a.0.status)
            .cmp(&rank(b.0.status))
            .then(b.1.total_cmp(&a.1))
    });
    standing.worst = rows.into_iter().take(LISTED).map(|(t, _)| t).collect();
    Ok(Some(standing))
}

/// Teams missing the last completed period of an indicator they report.
fn overdue(
    wb: &Workbook,
    today: NaiveDate,
    name_of: &dyn Fn(TeamId) -> String,
) -> StorageResult<Vec<Overdue>> {
    let indicators: HashMap<IndicatorId, _> = wb
        .indicators()?
        .into_iter()
        .filter(|i| i.scope == IndicatorScope::PerTeam)
        .map(|i| (i.id, i.frequency))
        .collect();
    let mut late: HashMap<TeamId, (usize, NaiveDate)> = HashMap::new();
    for (indicator, team, latest) in wb.latest_periods()? {
        let Some(&frequency) = indicators.get(&indicator) else {
            continue;
        };
        let Some(due) = Period::containing(frequency, today).previous() else {
            continue;
        };
        if latest < due.start {
            let entry = late.entry(team).or_insert((0, latest));
            entry.0 += 1;
            entry.1 = entry.1.min(latest);
        }
    }
    let mut out: Vec<Overdue> = late
        .into_iter()
        .map(|(team, (n, since))| Overdue {
            team,
            name: name_of(team),
            indicators: n,
            since: since.format("%-d %b %Y").to_string(),
        })
        .collect();
    out.sort_by(|a, b| b.indicators.cmp(&a.indicators).then(a.name.cmp(&b.name)));
    Ok(out)
}

impl Cockpit {
    /// "Wins waiting for recognition: 231".
    pub fn wins_heading(&self) -> String {
        format!(
            "Wins waiting for recognition: {}",
            thousands(self.wins_waiting as u64)
        )
    }

    /// "Open integrity flags: 0 serious, 1,609 warnings".
    pub fn flags_heading(&self) -> String {
        let (serious, warnings) = self.flags_open;
        format!(
            "Open integrity flags: {} serious, {} {}",
            thousands(serious as u64),
            thousands(warnings as u64),
            if warnings == 1 { "warning" } else { "warnings" }
        )
    }

    /// "Overdue data: 6 teams".
    pub fn overdue_heading(&self) -> String {
        format!(
            "Overdue data: {}",
            count(self.overdue_teams as u64, "team", "teams")
        )
    }

    /// One team's late data, as a line.
    pub fn overdue_line(o: &Overdue) -> String {
        format!(
            "{}: {} missing the last period (latest from {})",
            o.name,
            count(o.indicators as u64, "indicator", "indicators"),
            o.since
        )
    }

    /// "Next stat meeting: StreetStat, 7 December 2026" (or none scheduled).
    pub fn meeting_heading(&self) -> String {
        match &self.next_meeting {
            Some((d, title)) => format!("Next stat meeting: {title}, {}", d.format("%-d %B %Y")),
            None => "Next stat meeting: none scheduled".to_owned(),
        }
    }

    /// "Open follow-ups: 3".
    pub fn follow_ups_line(&self) -> String {
        format!(
            "Open follow-ups: {}",
            thousands(self.follow_ups_open as u64)
        )
    }

    /// "Open capacity needs: 2".
    pub fn needs_heading(&self) -> String {
        format!("Open capacity needs: {}", thousands(self.needs_open as u64))
    }

    /// The cockpit as lines of text, for `ratchet summary`.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(t) = &self.target {
            out.push(format!("Target: {}", t.sentence));
            let [met, on, risk, off, none] = t.counts;
            out.push(format!(
                "  Teams: {met} met, {on} on track, {risk} at risk, {off} off track, {none} with no value"
            ));
            for w in &t.worst {
                out.push(format!(
                    "  {} — {}: {}",
                    w.name,
                    w.status.label().to_lowercase(),
                    w.detail
                ));
            }
        }
        out.push(self.wins_heading());
        out.extend(self.wins_listed.iter().map(|w| format!("  {w}")));
        out.push(self.flags_heading());
        out.extend(self.flags_listed.iter().map(|f| format!("  {f}")));
        out.push(format!("  {}", self.checks_line));
        out.push(self.overdue_heading());
        out.extend(
            self.overdue
                .iter()
                .map(|o| format!("  {}", Cockpit::overdue_line(o))),
        );
        out.push(self.meeting_heading());
        out.push(format!(
            "{}; open capacity needs: {}",
            self.follow_ups_line(),
            thousands(self.needs_open as u64)
        ));
        out
    }
}
