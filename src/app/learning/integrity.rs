//! The integrity panel's view model: flags with filters, the one selected
//! with its series and history, and the checks that did not apply.

use chrono::NaiveDate;

use crate::analysis::integrity::{NotApplicable, triage};
use crate::domain::integrity::{Flag, FlagId, FlagStatus, Rule, Severity};
use crate::domain::{Indicator, IndicatorId, Team, TeamId};
use crate::storage::FlagEvent;

/// Which flags the panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagFilter {
    /// Only this rule.
    pub rule: Option<Rule>,
    /// Only this team.
    pub team: Option<TeamId>,
    /// Only this indicator.
    pub indicator: Option<IndicatorId>,
    /// Show settled flags too.
    pub settled: bool,
    /// Show flags the checks no longer find.
    pub inactive: bool,
    /// Only flags at least this serious.
    pub min_severity: Severity,
    /// How many entries (teams and indicators) are listed.
    pub shown: usize,
}

impl Default for FlagFilter {
    fn default() -> Self {
        FlagFilter {
            rule: None,
            team: None,
            indicator: None,
            settled: false,
            inactive: false,
            min_severity: Severity::Note,
            shown: triage::FIRST_SCREEN,
        }
    }
}

impl FlagFilter {
    /// True when `f` passes.
    pub fn admits(&self, f: &Flag) -> bool {
        f.severity >= self.min_severity
            && self.rule.is_none_or(|r| f.rule == r)
            && self.team.is_none_or(|t| f.team == Some(t))
            && self.indicator.is_none_or(|i| f.indicator == Some(i))
            && (self.settled || !f.status.is_settled())
            && (self.inactive || f.active)
    }
}

/// One flag as the list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FlagLine {
    /// The flag.
    pub id: FlagId,
    /// Its rule.
    pub rule: Rule,
    /// How much it matters.
    pub severity: Severity,
    /// Its status.
    pub status: FlagStatus,
    /// Still found by the checks.
    pub active: bool,
    /// The team's name (or "—").
    pub team: String,
    /// The indicator's name (or "—").
    pub indicator: String,
    /// The title.
    pub title: String,
    /// Other flags on the same team and indicator, grouped under this one.
    pub more: usize,
}

/// The selected flag, with what the chart and history need.
#[derive(Clone, Debug, PartialEq)]
pub struct FlagDetail {
    /// The flag.
    pub flag: Flag,
    /// The series it concerns (period start, value), if any.
    pub series: Vec<(NaiveDate, f64)>,
    /// The series' name for the chart.
    pub series_name: String,
    /// Every decision about it.
    pub history: Vec<FlagEvent>,
}

/// The integrity panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IntegrityView {
    /// Every flag.
    pub flags: Vec<Flag>,
    /// The filter in force.
    pub filter: FlagFilter,
    /// One row per team and indicator among the flags that pass it, most
    /// serious first (at most `filter.shown`).
    pub lines: Vec<FlagLine>,
    /// How many rows there are in all (the rest are set aside until asked for).
    pub entries: usize,
    /// The counts of the flags that pass the filter.
    pub counts: triage::Counts,
    /// Open flags that are still found.
    pub open: usize,
    /// The selected flag.
    pub detail: Option<FlagDetail>,
    /// Per rule: how many checks did not apply, and a few reasons.
    pub skipped: Vec<(Rule, usize, Vec<String>)>,
    /// What the last run changed: (new, reopened, no longer found).
    pub last_run: Option<(usize, usize, usize)>,
    /// True while the checks run on another thread.
    pub running: bool,
    teams: Vec<Team>,
    indicators: Vec<Indicator>,
}

impl IntegrityView {
    /// Builds the panel.
    pub fn new(
        flags: Vec<Flag>,
        teams: Vec<Team>,
        indicators: Vec<Indicator>,
        filter: FlagFilter,
    ) -> IntegrityView {
        let mut v = IntegrityView {
            open: flags
                .iter()
                .filter(|f| f.active && !f.status.is_settled())
                .count(),
            flags,
            filter: FlagFilter::default(),
            lines: Vec::new(),
            entries: 0,
            counts: triage::Counts::default(),
            detail: None,
            skipped: Vec::new(),
            last_run: None,
            running: false,
            teams,
            indicators,
        };
        v.set_filter(filter);
        v
    }

    /// Applies a filter: the flags that pass, ranked and grouped by team
    /// and indicator, the first `shown` of them listed.
    pub fn set_filter(&mut self, filter: FlagFilter) {
        self.filter = filter;
        let passing: Vec<&Flag> = self
            .flags
            .iter()
            .filter(|f| self.filter.admits(f))
            .collect();
        let entries = triage::rank(&passing);
        self.counts = triage::counts(&passing, entries.len());
        self.entries = entries.len();
        let lines = entries
            .iter()
            .take(self.filter.shown.max(1))
            .map(|e| {
                let f = passing[e.lead];
                FlagLine {
                    id: f.id,
                    rule: f.rule,
                    severity: f.severity,
                    status: f.status,
                    active: f.active,
                    team: self.team_name(f.team),
                    indicator: self.indicator_name(f.indicator),
                    title: f.title.clone(),
                    more: e.flags.len() - 1,
                }
            })
            .collect();
        self.lines = lines;
    }

    /// Keeps a summary of the checks that did not apply.
    pub fn set_skipped(&mut self, skipped: &[NotApplicable]) {
        let mut out: Vec<(Rule, usize, Vec<String>)> = Vec::new();
        for n in skipped {
            let who = [
                n.indicator.map(|i| self.indicator_name(Some(i))),
                n.team.map(|t| self.team_name(Some(t))),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            let line = if who.is_empty() {
                n.reason.clone()
            } else {
                format!("{who}: {}", n.reason)
            };
            match out.iter_mut().find(|(r, _, _)| *r == n.rule) {
                Some((_, count, reasons)) => {
                    *count += 1;
                    if reasons.len() < 6 {
                        reasons.push(line);
                    }
                }
                None => out.push((n.rule, 1, vec![line])),
            }
        }
        out.sort_by_key(|(r, _, _)| Rule::ALL.iter().position(|x| x == r));
        self.skipped = out;
    }

    /// A team's name.
    pub fn team_name(&self, t: Option<TeamId>) -> String {
        match t {
            None => "—".to_owned(),
            Some(id) if id == crate::storage::AGENCY_TEAM => {
                crate::domain::team::AGENCY_ROW_NAME.to_owned()
            }
            Some(id) => self
                .teams
                .iter()
                .find(|x| x.id == id)
                .map_or_else(|| format!("team {id}"), |x| x.name.clone()),
        }
    }

    /// An indicator's name.
    pub fn indicator_name(&self, i: Option<IndicatorId>) -> String {
        i.and_then(|id| self.indicators.iter().find(|x| x.id == id))
            .map_or_else(|| "—".to_owned(), |x| x.name.clone())
    }

    /// The teams and indicators the filters offer.
    pub fn choices(&self) -> (&[Team], &[Indicator]) {
        (&self.teams, &self.indicators)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(id: i64, rule: Rule, team: i64, status: FlagStatus, active: bool) -> Flag {
        Flag {
            id: FlagId(id),
            rule,
            indicator: Some(IndicatorId(1)),
            team: Some(TeamId(team)),
            key: String::new(),
            severity: Severity::Warning,
            title: format!("flag {id}"),
            explanation: String::new(),
            evidence: Vec::new(),
            active,
            status,
            note: String::new(),
            settled_at: None,
            first_seen: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }
    }

    #[test]
    fn settled_and_cleared_flags_are_hidden_unless_asked_for() {
        let flags = vec![
            flag(1, Rule::Bunching, 1, FlagStatus::Open, true),
            flag(2, Rule::Bunching, 2, FlagStatus::Explained, true),
            flag(3, Rule::LateEdits, 1, FlagStatus::Open, false),
        ];
        let mut v = IntegrityView::new(flags, vec![], vec![], FlagFilter::default());
        assert_eq!(v.lines.iter().map(|l| l.id.0).collect::<Vec<_>>(), [1]);
        assert_eq!(v.open, 1);
        v.set_filter(FlagFilter {
            settled: true,
            inactive: true,
            ..FlagFilter::default()
        });
        // Flags 1 and 3 concern the same team and indicator: one row, led
        // by the gaming check, with one more under it.
        assert_eq!(
            v.lines.iter().map(|l| (l.id.0, l.more)).collect::<Vec<_>>(),
            [(1, 1), (2, 0)]
        );
        assert_eq!((v.entries, v.counts.flags, v.counts.warnings), (2, 3, 3));
        v.set_filter(FlagFilter {
            settled: true,
            inactive: true,
            team: Some(TeamId(1)),
            rule: Some(Rule::LateEdits),
            ..FlagFilter::default()
        });
        assert_eq!(v.lines.iter().map(|l| l.id.0).collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn the_list_names_the_first_entries_and_counts_the_rest() {
        let flags: Vec<Flag> = (1..=45)
            .map(|i| flag(i, Rule::DeteriorationSignal, i, FlagStatus::Open, true))
            .collect();
        let mut v = IntegrityView::new(flags, vec![], vec![], FlagFilter::default());
        assert_eq!(v.lines.len(), triage::FIRST_SCREEN);
        assert_eq!(v.entries, 45);
        v.set_filter(FlagFilter {
            shown: 45,
            ..FlagFilter::default()
        });
        assert_eq!(v.lines.len(), 45);
        v.set_filter(FlagFilter {
            min_severity: Severity::Serious,
            ..FlagFilter::default()
        });
        assert!(v.lines.is_empty());
        assert_eq!(v.counts.flags, 0);
    }
}
