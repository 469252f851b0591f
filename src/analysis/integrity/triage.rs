//! What a leader looks at first: flags ranked by how much they matter and
//! grouped so that each team and indicator appears once, with its strongest
//! evidence and a count of the rest. The integrity panel, `ratchet check`,
//! the agenda and the home screen all read flags through this ranking.

use std::borrow::Borrow;

use chrono::NaiveDate;

use crate::domain::integrity::{Flag, Rule, Severity};
use crate::domain::{IndicatorId, TeamId};

/// Entries shown before "show more" (the panel) or `--all` (the command line).
pub const FIRST_SCREEN: usize = 20;

/// One team and indicator (or one team, or one indicator) with its flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The flag that leads the entry (the most serious, then the gaming
    /// checks before the others, then the most recent).
    pub lead: usize,
    /// Every flag of the entry, lead first, as indices into the slice ranked.
    pub flags: Vec<usize>,
}

/// How many flags of each kind, for the counts beside the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Flags counted.
    pub flags: usize,
    /// Entries they group into.
    pub entries: usize,
    /// Serious flags.
    pub serious: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes (improvements to verify among them): not counted as warnings.
    pub notes: usize,
    /// Flags per rule, in the panel's rule order, rules with none left out.
    pub per_rule: Vec<(Rule, usize)>,
}

impl Counts {
    /// "12 serious, 340 warnings, 10,506 notes".
    pub fn severity_line(&self) -> String {
        use crate::domain::number::{count, thousands};
        format!(
            "{} serious, {}, {}",
            thousands(self.serious as u64),
            count(self.warnings as u64, "warning", "warnings"),
            count(self.notes as u64, "note", "notes")
        )
    }
}

/// The latest period a flag's evidence shows, else the day it was raised.
fn latest(f: &Flag) -> NaiveDate {
    f.evidence
        .iter()
        .map(|e| e.period)
        .max()
        .unwrap_or(f.first_seen)
}

fn rule_rank(r: Rule) -> usize {
    Rule::ALL.iter().position(|x| *x == r).unwrap_or(usize::MAX)
}

type SortKey = (
    std::cmp::Reverse<Severity>,
    usize,
    std::cmp::Reverse<NaiveDate>,
    i64,
);

fn sort_key(f: &Flag) -> SortKey {
    (
        std::cmp::Reverse(f.severity),
        rule_rank(f.rule),
        std::cmp::Reverse(latest(f)),
        f.id.0,
    )
}

/// The order flags are read in: most serious first, then by rule (the
/// gaming checks before changes in the process), then the most recent.
pub fn compare(a: &Flag, b: &Flag) -> std::cmp::Ordering {
    sort_key(a).cmp(&sort_key(b))
}

/// Groups `flags` by team and indicator and ranks the groups by their lead.
pub fn rank<F: Borrow<Flag>>(flags: &[F]) -> Vec<Entry> {
    let flags: Vec<&Flag> = flags.iter().map(Borrow::borrow).collect();
    let mut order: Vec<usize> = (0..flags.len()).collect();
    order.sort_by_cached_key(|&i| sort_key(flags[i]));
    let mut at: std::collections::HashMap<(Option<TeamId>, Option<IndicatorId>), usize> =
        std::collections::HashMap::new();
    let mut entries: Vec<Entry> = Vec::new();
    for i in order {
        let key = (flags[i].team, flags[i].indicator);
        match at.get(&key) {
            Some(&e) => entries[e].flags.push(i),
            None => {
                at.insert(key, entries.len());
                entries.push(Entry {
                    lead: i,
                    flags: vec![i],
                });
            }
        }
    }
    entries
}

/// The counts of `flags` and of the entries they group into.
pub fn counts<F: Borrow<Flag>>(flags: &[F], entries: usize) -> Counts {
    let mut c = Counts {
        flags: flags.len(),
        entries,
        ..Counts::default()
    };
    let mut per_rule = [0usize; Rule::ALL.len()];
    for f in flags.iter().map(Borrow::borrow) {
        match f.severity {
            Severity::Serious => c.serious += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Note => c.notes += 1,
        }
        if let Some(slot) = per_rule.get_mut(rule_rank(f.rule)) {
            *slot += 1;
        }
    }
    c.per_rule = Rule::ALL
        .iter()
        .zip(per_rule)
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| (*r, n))
        .collect();
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::integrity::{FlagId, FlagStatus};
    use crate::domain::win::Evidence;

    fn flag(id: i64, rule: Rule, severity: Severity, team: i64, ind: i64, day: u32) -> Flag {
        let d = NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
        Flag {
            id: FlagId(id),
            rule,
            indicator: Some(IndicatorId(ind)),
            team: Some(TeamId(team)),
            key: String::new(),
            severity,
            title: format!("flag {id}"),
            explanation: String::new(),
            evidence: vec![Evidence {
                period: d,
                value: 1.0,
            }],
            active: true,
            status: FlagStatus::Open,
            note: String::new(),
            settled_at: None,
            first_seen: d,
        }
    }

    #[test]
    fn entries_lead_with_the_most_serious_and_group_by_team_and_indicator() {
        let flags = vec![
            flag(1, Rule::ImprovementSignal, Severity::Note, 1, 1, 20),
            flag(2, Rule::DeteriorationSignal, Severity::Warning, 2, 1, 5),
            flag(3, Rule::Bunching, Severity::Serious, 3, 1, 1),
            flag(4, Rule::DigitPreference, Severity::Warning, 2, 1, 2),
            flag(5, Rule::DeteriorationSignal, Severity::Warning, 4, 1, 9),
            flag(6, Rule::Smoothness, Severity::Warning, 1, 1, 3),
        ];
        let entries = rank(&flags);
        let leads: Vec<i64> = entries.iter().map(|e| flags[e.lead].id.0).collect();
        // Serious first; then warnings, gaming checks before deterioration,
        // and among deteriorations the most recent first; the note last.
        assert_eq!(leads, [3, 4, 6, 5]);
        // Team 2 holds flags 4 and 2; team 1 holds 6 and 1.
        assert_eq!(entries[1].flags, [3, 1]);
        assert_eq!(entries[2].flags, [5, 0]);
        let c = counts(&flags, entries.len());
        assert_eq!((c.serious, c.warnings, c.notes, c.entries), (1, 4, 1, 4));
        assert_eq!(c.severity_line(), "1 serious, 4 warnings, 1 note");
        assert_eq!(c.per_rule[0], (Rule::Bunching, 1));
        assert_eq!(
            c.per_rule
                .iter()
                .find(|(r, _)| *r == Rule::DeteriorationSignal),
            Some(&(Rule::DeteriorationSignal, 2))
        );
    }
}
