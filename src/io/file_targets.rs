//! Targets read from an import file: a constant target column (one target
//! per team and indicator) or targets published per period beside the
//! values. Each team's targets on an indicator become steps (runs of equal
//! targets in period order), compared with the workbook's target history:
//! only steps that change the target in force are written, through the
//! history, so that nothing is replaced silently.

use chrono::NaiveDate;

use crate::domain::target::target_for_period;
use crate::domain::{Frequency, IndicatorId, Period, TargetRecord, TeamId};
use crate::storage::{ImportTarget, NameRef};

/// A target the file gives for one value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RawTarget {
    /// The team.
    pub team: NameRef<TeamId>,
    /// The indicator.
    pub indicator: NameRef<IndicatorId>,
    /// The period's start.
    pub start: NaiveDate,
    /// The target.
    pub target: f64,
    /// The team's value in that period.
    pub value: f64,
}

/// What the file's targets will do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetPlan {
    /// The steps to write.
    pub targets: Vec<ImportTarget>,
    /// Steps where no target was in force before.
    pub new: usize,
    /// Steps that replace a different target in force.
    pub replacing: usize,
    /// Steps equal to the target already in force (nothing written).
    pub unchanged: usize,
    /// The replacements, in words.
    pub replacement_lines: Vec<String>,
    /// Targets left alone, and why.
    pub notices: Vec<String>,
}

/// What the planner knows that the targets need.
pub struct TargetContext<'a> {
    /// The reporting frequency of an indicator (existing or new).
    pub frequency: &'a dyn Fn(NameRef<IndicatorId>) -> Option<Frequency>,
    /// The stored targets of an existing indicator.
    pub records: &'a dyn Fn(IndicatorId) -> &'a [TargetRecord],
    /// A team's and an indicator's names, for the words.
    pub names: &'a dyn Fn(NameRef<TeamId>, NameRef<IndicatorId>) -> (String, String),
    /// The framework's target indicator (its agency-wide target is set in
    /// the wizard, never by an import).
    pub framework_indicator: Option<IndicatorId>,
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// One run of equal targets: its periods and the baseline value.
struct Step {
    periods: Vec<Period>,
    target: f64,
    baseline: f64,
}

/// Groups the file's targets into steps and keeps those that change the
/// target in force.
pub fn plan_targets(mut raw: Vec<RawTarget>, ctx: &TargetContext<'_>) -> TargetPlan {
    let mut plan = TargetPlan::default();
    raw.sort_by(|a, b| {
        (a.team.to_key(), a.indicator.to_key(), a.start).cmp(&(
            b.team.to_key(),
            b.indicator.to_key(),
            b.start,
        ))
    });
    for group in raw.chunk_by(|a, b| a.team == b.team && a.indicator == b.indicator) {
        let (team, indicator) = (group[0].team, group[0].indicator);
        let Some(frequency) = (ctx.frequency)(indicator) else {
            continue;
        };
        if team == NameRef::Existing(crate::storage::AGENCY_TEAM)
            && ctx
                .framework_indicator
                .is_some_and(|f| indicator == NameRef::Existing(f))
        {
            let (_, ind) = (ctx.names)(team, indicator);
            plan.notices.push(format!(
                "\"{ind}\": the file's targets for the whole agency are not imported; the framework's target is set in the framework wizard (step 3)."
            ));
            continue;
        }
        let steps = steps_of(group, frequency);
        plan_pair(&mut plan, ctx, team, indicator, steps);
    }
    plan
}

/// Every step's baseline is the team's first value in the file: progress
/// along the path is then measured from where the team started, not from
/// wherever it stood when the target last changed.
fn steps_of(group: &[RawTarget], frequency: Frequency) -> Vec<Step> {
    let first_value = group.first().map_or(0.0, |r| r.value);
    let mut steps: Vec<Step> = Vec::new();
    for r in group {
        let period = Period {
            start: r.start,
            frequency,
        };
        match steps.last_mut() {
            Some(s) if same(s.target, r.target) => s.periods.push(period),
            _ => steps.push(Step {
                periods: vec![period],
                target: r.target,
                baseline: first_value,
            }),
        }
    }
    steps
}

fn plan_pair(
    plan: &mut TargetPlan,
    ctx: &TargetContext<'_>,
    team: NameRef<TeamId>,
    indicator: NameRef<IndicatorId>,
    steps: Vec<Step>,
) {
    let stored = match (team, indicator) {
        (NameRef::Existing(t), NameRef::Existing(i)) => Some((t, (ctx.records)(i))),
        _ => None,
    };
    // The target in force for each step's periods before the import, if
    // one target covers them all.
    let in_force = |s: &Step| -> Option<Option<f64>> {
        let (t, records) = stored?;
        let mut found: Option<Option<f64>> = None;
        for p in &s.periods {
            let v = target_for_period(records, t, p.end()).map(|r| r.values.target_value);
            match found {
                None => found = Some(v),
                Some(prev) if prev == v => {}
                Some(_) => return Some(None),
            }
        }
        found
    };
    // Steps before the first that changes anything are already in force;
    // every step from it on is written, so that later steps are not
    // overridden by the earlier ones written.
    let first_change = steps
        .iter()
        .position(|s| !matches!(in_force(s), Some(Some(v)) if same(v, s.target)));
    let Some(first) = first_change else {
        plan.unchanged += steps.len();
        return;
    };
    plan.unchanged += first;
    let own_current_after = |from: NaiveDate| {
        stored.is_some_and(|(t, records)| {
            records
                .iter()
                .any(|r| r.current && r.team == Some(t) && r.values.baseline_date > from)
        })
    };
    let last = steps.len() - 1;
    for (k, s) in steps.iter().enumerate().skip(first) {
        let (Some(p0), Some(p1)) = (s.periods.first(), s.periods.last()) else {
            continue;
        };
        match in_force(s) {
            Some(Some(old)) if !same(old, s.target) => {
                plan.replacing += 1;
                if plan.replacement_lines.len() < 20 {
                    let (team_name, ind_name) = (ctx.names)(team, indicator);
                    plan.replacement_lines.push(format!(
                        "{team_name}, {ind_name}: target {} from {} (the workbook has {})",
                        crate::domain::number::format_number(s.target, 6),
                        p0.label(),
                        crate::domain::number::format_number(old, 6)
                    ));
                }
            }
            Some(Some(_)) => {}
            _ => plan.new += 1,
        }
        plan.targets.push(ImportTarget {
            team,
            indicator,
            from: p0.start,
            until: p1.end(),
            target: s.target,
            baseline: s.baseline,
            current: k == last && !own_current_after(p0.start),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{TargetId, TargetValues};

    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    fn raw(month: u32, target: f64) -> RawTarget {
        RawTarget {
            team: NameRef::Existing(TeamId(1)),
            indicator: NameRef::Existing(IndicatorId(1)),
            start: d(2025, month),
            target,
            value: 50.0 + f64::from(month),
        }
    }

    fn plan(raw_targets: Vec<RawTarget>, records: &[TargetRecord]) -> TargetPlan {
        let frequency = |_: NameRef<IndicatorId>| Some(Frequency::Month);
        let recs = |_: IndicatorId| records;
        let names =
            |_: NameRef<TeamId>, _: NameRef<IndicatorId>| ("North".into(), "Repairs".into());
        plan_targets(
            raw_targets,
            &TargetContext {
                frequency: &frequency,
                records: &recs,
                names: &names,
                framework_indicator: None,
            },
        )
    }

    #[test]
    fn per_period_targets_become_steps_and_the_last_is_current() {
        let p = plan(
            vec![raw(3, 92.0), raw(1, 90.0), raw(2, 90.0), raw(4, 92.0)],
            &[],
        );
        assert_eq!(p.targets.len(), 2);
        let (a, b) = (&p.targets[0], &p.targets[1]);
        assert_eq!(
            (a.from, a.until, a.target),
            (
                d(2025, 1),
                NaiveDate::from_ymd_opt(2025, 2, 28).unwrap(),
                90.0
            )
        );
        assert_eq!((a.baseline, p.targets[1].baseline), (51.0, 51.0));
        assert!(!a.current);
        assert_eq!((b.from, b.target, b.current), (d(2025, 3), 92.0, true));
        assert_eq!((p.new, p.replacing, p.unchanged), (2, 0, 0));
    }

    #[test]
    fn targets_already_in_force_are_not_written_and_different_ones_are_named() {
        let agency = TargetRecord {
            id: TargetId(1),
            team: None,
            values: TargetValues {
                baseline_value: 40.0,
                baseline_date: d(2024, 1),
                target_value: 90.0,
                deadline: d(2027, 1),
            },
            current: true,
        };
        let p = plan(
            vec![raw(1, 90.0), raw(2, 90.0)],
            std::slice::from_ref(&agency),
        );
        assert!(p.targets.is_empty());
        assert_eq!(p.unchanged, 1);
        // A later change: the unchanged first step stays as it is, the second is written.
        let p = plan(vec![raw(1, 90.0), raw(2, 95.0)], &[agency]);
        assert_eq!(p.targets.len(), 1);
        assert_eq!(p.targets[0].target, 95.0);
        assert_eq!(p.replacing, 1);
        assert!(
            p.replacement_lines[0].contains("target 95 from Feb 2025 (the workbook has 90)"),
            "{:?}",
            p.replacement_lines
        );
    }
}
