//! Running the integrity checks over a workbook and recording the flags.
//! After one value changes only its indicator, and the indicators paired
//! with it, are checked again.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::analysis::integrity::edits::check_edits;
use crate::analysis::integrity::pairs::{check_counter, check_mission, mission_indicator};
use crate::analysis::integrity::{IndicatorData, Report, SeriesData, check_indicator};
use crate::analysis::xmr::XmrOptions;
use crate::domain::integrity::Rule;
use crate::domain::target::current_target;
use crate::domain::{Indicator, IndicatorId, IndicatorScope, Team, TeamId};
use crate::storage::{AGENCY_TEAM, FlagsRecorded, StorageResult, Workbook};

/// What to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckScope {
    /// Everything.
    All,
    /// One indicator (after its values changed) and those paired with it.
    Indicator(IndicatorId),
}

/// A finished run: everything found, and what changed in the flags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckRun {
    /// Findings, checks that did not apply, per-series statistics.
    pub report: Report,
    /// What recording changed.
    pub recorded: FlagsRecorded,
}

/// Loads one indicator's series for the checks: active teams (or the whole
/// agency), each with its target in force and its XmR settings.
pub fn indicator_data(
    wb: &Workbook,
    ind: &Indicator,
    teams: &[Team],
) -> StorageResult<IndicatorData> {
    let mut values: HashMap<TeamId, Vec<(NaiveDate, f64)>> =
        wb.series_for_indicator(ind.id)?.into_iter().collect();
    let records = wb.target_records(ind.id)?;
    let settings = wb.xmr_settings_for(ind.id)?;
    let members: Vec<(TeamId, String)> = match ind.scope {
        IndicatorScope::AgencyWide => {
            vec![(AGENCY_TEAM, crate::domain::team::AGENCY_ROW_NAME.to_owned())]
        }
        IndicatorScope::PerTeam => teams
            .iter()
            .filter(|t| !t.archived)
            .map(|t| (t.id, t.name.clone()))
            .collect(),
    };
    let series = members
        .into_iter()
        .map(|(team, name)| {
            let points = values.remove(&team).unwrap_or_default();
            let periods: Vec<NaiveDate> = points.iter().map(|(d, _)| *d).collect();
            let xmr = settings.get(&team).map_or_else(XmrOptions::default, |s| {
                XmrOptions::for_periods(&periods, s.baseline_from, s.baseline_to, s.recalc_from)
            });
            SeriesData {
                team,
                name,
                points,
                target: current_target(&records, team).map(|r| r.values),
                xmr,
            }
        })
        .collect();
    Ok(IndicatorData {
        indicator: ind.clone(),
        series,
    })
}

/// Runs the checks in `scope` as of `today` and records the flags (one
/// transaction).
pub fn run_checks(
    wb: &mut Workbook,
    scope: CheckScope,
    today: NaiveDate,
) -> StorageResult<CheckRun> {
    let indicators = wb.indicators()?;
    let teams = wb.teams()?;
    let framework = wb.framework()?;
    let target_ind = framework
        .target
        .as_ref()
        .and_then(|t| {
            indicators
                .iter()
                .find(|i| i.name.trim().eq_ignore_ascii_case(t.indicator_name.trim()))
        })
        .map(|i| i.id);
    let measures: Vec<String> = framework
        .theory
        .iter()
        .map(|s| s.measured_by.clone())
        .collect();
    let mission_ind = mission_indicator(&measures, &indicators).map(|i| i.id);
    let find = |id: IndicatorId| indicators.iter().find(|i| i.id == id);

    // Which indicators this run looks at: the one that changed and its partners.
    let touched: HashSet<IndicatorId> = match scope {
        CheckScope::All => indicators.iter().map(|i| i.id).collect(),
        CheckScope::Indicator(id) => {
            let mut set = HashSet::from([id]);
            for i in &indicators {
                if i.counter_indicator == Some(id) {
                    set.insert(i.id);
                }
            }
            if let Some(c) = find(id).and_then(|i| i.counter_indicator) {
                set.insert(c);
            }
            if let (Some(t), Some(m)) = (target_ind, mission_ind)
                && (id == t || id == m)
            {
                set.insert(t);
                set.insert(m);
            }
            set
        }
    };
    // Load what the checks need (partners too), once each.
    let mut needed: Vec<IndicatorId> = touched.iter().copied().collect();
    for id in &touched {
        if let Some(c) = find(*id).and_then(|i| i.counter_indicator) {
            needed.push(c);
        }
    }
    if let (Some(t), Some(m)) = (target_ind, mission_ind)
        && touched.contains(&t)
    {
        needed.push(m);
    }
    needed.sort();
    needed.dedup();
    let needed: Vec<&Indicator> = needed.into_iter().filter_map(find).collect();
    // Each indicator's own checks run on the other cores while the next
    // indicator loads.
    let (data, mut report) = load_and_check(wb, &needed, &touched, &teams, today)?;
    for id in &touched {
        let Some(primary) = data.get(id) else {
            continue;
        };
        if let Some(counter) = primary
            .indicator
            .counter_indicator
            .and_then(|c| data.get(&c))
        {
            report.extend(check_counter(primary, counter));
        }
    }
    if let (Some(t), Some(m)) = (target_ind, mission_ind)
        && touched.contains(&t)
        && t != m
        && let (Some(td), Some(md), Some(target)) =
            (data.get(&t), data.get(&m), framework.target.as_ref())
    {
        report.extend(check_mission(td, md, target.baseline_date));
    }
    let names: Vec<(TeamId, String)> = teams.iter().map(|t| (t.id, t.name.clone())).collect();
    report.extend(check_edits(&indicators, &names, &wb.edit_records()?));

    let examined = |rule: Rule, indicator: Option<IndicatorId>, _team: Option<TeamId>| match rule {
        Rule::LateEdits | Rule::OneSidedEdits => true,
        _ => indicator.is_none_or(|i| touched.contains(&i)),
    };
    let only: Option<Vec<IndicatorId>> = match scope {
        CheckScope::All => None,
        CheckScope::Indicator(_) => Some(touched.iter().copied().collect()),
    };
    let recorded = wb.record_findings(&report.findings, only.as_deref(), &examined, today)?;
    Ok(CheckRun { report, recorded })
}

/// True when the checks have run over everything as of `today` and
/// nothing they read (values, targets, indicators' settings) has changed
/// since: the flags stored are the flags the data show.
pub fn checks_are_fresh(wb: &Workbook, today: NaiveDate) -> StorageResult<bool> {
    let now = wb.data_version()?;
    Ok(wb
        .checks_ran()?
        .is_some_and(|(version, day)| day == today && version == now))
}

/// Runs the checks over everything unless they are fresh, so that what
/// reports flags (agenda, briefing book, dashboard, home) reports the flags
/// the data show, not those of the last time someone opened the Integrity
/// screen. Returns the run, if one was needed.
pub fn ensure_checks(wb: &mut Workbook, today: NaiveDate) -> StorageResult<Option<CheckRun>> {
    if checks_are_fresh(wb, today)? {
        return Ok(None);
    }
    run_checks(wb, CheckScope::All, today).map(Some)
}

/// Loads each needed indicator's data on this thread (SQLite work, on the
/// one connection) while workers on the other cores check the touched ones
/// already loaded: loading and checking overlap instead of following each
/// other. The report lists indicators in id order whatever the workers'
/// timing.
fn load_and_check(
    wb: &Workbook,
    needed: &[&Indicator],
    touched: &HashSet<IndicatorId>,
    teams: &[Team],
    today: NaiveDate,
) -> StorageResult<(HashMap<IndicatorId, Arc<IndicatorData>>, Report)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(touched.len())
        .max(1);
    let (tx, rx) = std::sync::mpsc::channel::<Arc<IndicatorData>>();
    let rx = Mutex::new(rx);
    let (loaded, checked) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        // A poisoned lock means another worker failed: stop.
                        let next = match rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => break,
                        };
                        let Ok(d) = next else { break };
                        out.push((d.indicator.id, check_indicator(&d, today)));
                    }
                    out
                })
            })
            .collect();
        let loaded = (|| -> StorageResult<HashMap<IndicatorId, Arc<IndicatorData>>> {
            let mut data = HashMap::new();
            for ind in needed {
                let d = Arc::new(indicator_data(wb, ind, teams)?);
                if touched.contains(&ind.id) {
                    // The workers only stop early if one failed, which
                    // the join below reports.
                    let _ = tx.send(Arc::clone(&d));
                }
                data.insert(ind.id, d);
            }
            Ok(data)
        })();
        drop(tx);
        let checked: Option<Vec<(IndicatorId, Report)>> = handles
            .into_iter()
            .map(|h| h.join().ok())
            .collect::<Option<Vec<_>>>()
            .map(|parts| parts.into_iter().flatten().collect());
        (loaded, checked)
    });
    let data = loaded?;
    let mut checked = checked.ok_or_else(|| {
        crate::storage::StorageError::Rule(
            "the checks stopped unexpectedly; nothing was recorded".into(),
        )
    })?;
    checked.sort_by_key(|(id, _)| *id);
    let mut report = Report::default();
    for (_, r) in checked {
        report.extend(r);
    }
    Ok((data, report))
}
