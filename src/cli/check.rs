//! `ratchet check WORKBOOK [--json]`: run every integrity check, record the
//! flags, and print them with each series' statistics.

use std::path::PathBuf;

use serde::Serialize;

use crate::analysis::integrity::stats::{BenfordTest, ChiSquare};
use crate::analysis::integrity::triage;
use crate::analysis::xmr::XmrLimits;
use crate::domain::integrity::{Flag, FlagStatus};
use crate::domain::number::{count, thousands};
use crate::domain::{Indicator, Team, TeamId};
use crate::ops::integrity::{CheckScope, run_checks};
use crate::storage::AGENCY_TEAM;

/// The check command's choices.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// Print JSON (the shape is documented in the README).
    #[arg(long)]
    pub json: bool,
    /// Check as of this date (default: today).
    #[arg(long)]
    pub as_of: Option<chrono::NaiveDate>,
    /// List every flag, not only the most serious entry of each team and
    /// indicator (the first 20).
    #[arg(long)]
    pub all: bool,
}

/// One flag as printed.
#[derive(Debug, Serialize)]
pub struct FlagJson {
    /// Its number.
    pub id: i64,
    /// The rule's code.
    pub rule: &'static str,
    /// The rule's name.
    pub rule_name: &'static str,
    /// The indicator's name, if any.
    pub indicator: Option<String>,
    /// The team's name, if any.
    pub team: Option<String>,
    /// note, warning or serious.
    pub severity: &'static str,
    /// open, explained or confirmed.
    pub status: &'static str,
    /// False when the latest run no longer finds it.
    pub active: bool,
    /// A short title.
    pub title: String,
    /// What was found.
    pub explanation: String,
    /// [period start, value] pairs.
    pub evidence: Vec<(chrono::NaiveDate, f64)>,
    /// The explanation given, or what was done.
    pub note: String,
}

/// One series' statistics as printed.
#[derive(Debug, Serialize)]
pub struct SeriesJson {
    /// The indicator's name.
    pub indicator: String,
    /// The team's name.
    pub team: String,
    /// Values.
    pub n: usize,
    /// XmR limits in force at the end of the series.
    pub xmr: Option<XmrLimits>,
    /// Last-digit chi-square, where it applies.
    pub last_digit: Option<ChiSquare>,
    /// Benford test, where it applies.
    pub benford: Option<BenfordTest>,
}

/// A check that did not apply, as printed.
#[derive(Debug, Serialize)]
pub struct SkippedJson {
    /// The rule's code.
    pub rule: &'static str,
    /// The indicator's name, if any.
    pub indicator: Option<String>,
    /// The team's name, if any.
    pub team: Option<String>,
    /// Why.
    pub reason: String,
}

/// The whole output of `check --json`.
#[derive(Debug, Serialize)]
pub struct CheckJson {
    /// The workbook checked.
    pub workbook: String,
    /// The date checked as of.
    pub checked_on: chrono::NaiveDate,
    /// New, reopened and cleared flags in this run.
    pub added: usize,
    /// Settled flags reopened because the finding changed.
    pub reopened: usize,
    /// Flags no longer found.
    pub cleared: usize,
    /// Every flag (active ones first).
    pub flags: Vec<FlagJson>,
    /// Every series' statistics.
    pub series: Vec<SeriesJson>,
    /// Checks that did not apply, and why.
    pub not_applicable: Vec<SkippedJson>,
}

fn team_name(teams: &[Team], id: TeamId) -> String {
    if id == AGENCY_TEAM {
        return crate::domain::team::AGENCY_ROW_NAME.to_owned();
    }
    teams
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| format!("team {id}"), |t| t.name.clone())
}

fn indicator_name(indicators: &[Indicator], id: crate::domain::IndicatorId) -> String {
    indicators
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| format!("indicator {id}"), |i| i.name.clone())
}

/// One flag as printed: severity, check, title, explanation, and how many
/// more flags its team and indicator have.
fn write_flag(out: &mut dyn std::io::Write, f: &Flag, more: Option<usize>) -> std::io::Result<()> {
    let status = if f.status == FlagStatus::Open {
        String::new()
    } else {
        format!(" [{}: {}]", f.status.label(), f.note)
    };
    let more = match more {
        Some(n) if n > 0 => format!(
            "\n       (+{} on this team and indicator)",
            count(n as u64, "more flag", "more flags")
        ),
        _ => String::new(),
    };
    writeln!(
        out,
        "{:>5}  {:<8} {} — {}{status}\n       {}{more}",
        f.id.0,
        f.severity.label(),
        f.rule.label(),
        f.title,
        f.explanation
    )
}

/// Runs `ratchet check`.
pub fn run(args: &CheckArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut wb = super::open_for_writing(&args.workbook)?;
    let today = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let run = run_checks(&mut wb, CheckScope::All, today)?;
    let flags = wb.flags()?;
    let teams = wb.teams()?;
    let indicators = wb.indicators()?;
    let flag_json = |f: &Flag| FlagJson {
        id: f.id.0,
        rule: f.rule.code(),
        rule_name: f.rule.label(),
        indicator: f.indicator.map(|i| indicator_name(&indicators, i)),
        team: f.team.map(|t| team_name(&teams, t)),
        severity: f.severity.code(),
        status: f.status.code(),
        active: f.active,
        title: f.title.clone(),
        explanation: f.explanation.clone(),
        evidence: f.evidence.iter().map(|e| (e.period, e.value)).collect(),
        note: f.note.clone(),
    };
    if args.json {
        let json = CheckJson {
            workbook: args.workbook.display().to_string(),
            checked_on: today,
            added: run.recorded.added,
            reopened: run.recorded.reopened,
            cleared: run.recorded.cleared,
            flags: flags.iter().map(flag_json).collect(),
            series: run
                .report
                .series
                .iter()
                .map(|s| SeriesJson {
                    indicator: indicator_name(&indicators, s.indicator),
                    team: team_name(&teams, s.team),
                    n: s.n,
                    xmr: s.xmr,
                    last_digit: s.last_digit,
                    benford: s.benford,
                })
                .collect(),
            not_applicable: run
                .report
                .not_applicable
                .iter()
                .map(|n| SkippedJson {
                    rule: n.rule.code(),
                    indicator: n.indicator.map(|i| indicator_name(&indicators, i)),
                    team: n.team.map(|t| team_name(&teams, t)),
                    reason: n.reason.clone(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
        return Ok(());
    }
    let active: Vec<Flag> = flags.into_iter().filter(|f| f.active).collect();
    let open: Vec<Flag> = active
        .iter()
        .filter(|f| f.status == FlagStatus::Open)
        .cloned()
        .collect();
    if args.all {
        let mut all: Vec<&Flag> = active.iter().collect();
        all.sort_by(|a, b| triage::compare(a, b));
        for f in all {
            write_flag(out, f, None)?;
        }
    } else {
        let entries = triage::rank(&open);
        for e in entries.iter().take(triage::FIRST_SCREEN) {
            write_flag(out, &open[e.lead], Some(e.flags.len() - 1))?;
        }
        let counts = triage::counts(&open, entries.len());
        if entries.len() > triage::FIRST_SCREEN {
            writeln!(
                out,
                "… and {} more (the {} above are the most serious; --all lists every flag).",
                count(
                    (entries.len() - triage::FIRST_SCREEN) as u64,
                    "team and indicator",
                    "teams and indicators"
                ),
                triage::FIRST_SCREEN
            )?;
        }
        if !counts.per_rule.is_empty() {
            let per_rule: Vec<String> = counts
                .per_rule
                .iter()
                .map(|(r, n)| format!("{} {}", r.label(), thousands(*n as u64)))
                .collect();
            writeln!(out, "Open flags by check: {}.", per_rule.join("; "))?;
        }
        writeln!(
            out,
            "{} open ({}) on {}; improvements to verify are notes, not warnings.",
            count(counts.flags as u64, "flag", "flags"),
            counts.severity_line(),
            count(
                counts.entries as u64,
                "team and indicator",
                "teams and indicators"
            ),
        )?;
    }
    writeln!(
        out,
        "{} ({} open); {} new, {} reopened, {} no longer found. {} did not apply (see --json).",
        count(active.len() as u64, "flag", "flags"),
        thousands(open.len() as u64),
        thousands(run.recorded.added as u64),
        thousands(run.recorded.reopened as u64),
        thousands(run.recorded.cleared as u64),
        count(run.report.not_applicable.len() as u64, "check", "checks"),
    )?;
    Ok(())
}
