//! `ratchet summary WORKBOOK [--json]`.

use std::path::Path;

use serde::Serialize;

use crate::domain::number::count;
use crate::domain::target::with_unit;
use crate::domain::{Agency, Framework};
use crate::storage::{Counts, StorageResult, Workbook};

/// The JSON printed by `ratchet summary --json` (documented in the README).
#[derive(Debug, Serialize)]
pub struct SummaryJson {
    /// The workbook's path.
    pub workbook: String,
    /// Agency and leader.
    pub agency: Agency,
    /// Whether the wizard was finished.
    pub framework_complete: bool,
    /// The mission in force.
    pub mission: Option<MissionJson>,
    /// The chosen deficit.
    pub deficit: Option<DeficitJson>,
    /// How many candidate deficits were weighed.
    pub candidate_deficits: usize,
    /// The target in force.
    pub target: Option<TargetJson>,
    /// The theory chain, from the target's side to the mission's.
    pub theory: Vec<TheoryJson>,
    /// What the workbook holds.
    pub counts: Counts,
    /// Per indicator: values with a target in force in their period, and
    /// how many met it.
    pub verdicts: Vec<crate::ops::verdicts::IndicatorVerdicts>,
}

/// The mission in the summary.
#[derive(Debug, Serialize)]
pub struct MissionJson {
    /// The statement.
    pub statement: String,
    /// When it was saved (RFC 3339).
    pub saved_at: String,
    /// How many versions there have been.
    pub versions: usize,
}

/// The chosen deficit in the summary.
#[derive(Debug, Serialize)]
pub struct DeficitJson {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Evidence.
    pub evidence: String,
    /// Harm to the mission, 1–5.
    pub harm: u8,
    /// Size of the gap, 1–5.
    pub size: u8,
    /// Feasibility of closing it, 1–5.
    pub feasibility: u8,
    /// harm × size × feasibility.
    pub priority: u32,
    /// Why it was chosen.
    pub rationale: String,
}

/// The target in the summary.
#[derive(Debug, Serialize)]
pub struct TargetJson {
    /// Indicator name.
    pub indicator: String,
    /// Unit.
    pub unit: String,
    /// "higher" or "lower".
    pub direction: String,
    /// "week", "month" or "quarter".
    pub frequency: String,
    /// Baseline value.
    pub baseline_value: f64,
    /// Baseline date (YYYY-MM-DD).
    pub baseline_date: String,
    /// Target value.
    pub target_value: f64,
    /// Deadline (YYYY-MM-DD).
    pub deadline: String,
}

/// One theory step in the summary.
#[derive(Debug, Serialize)]
pub struct TheoryJson {
    /// The outcome.
    pub outcome: String,
    /// The indicator that measures it.
    pub measured_by: String,
    /// The assumption behind the link into it.
    pub assumption: String,
    /// The evidence for that assumption.
    pub evidence: String,
}

/// Builds the summary of an open workbook.
pub fn summary_json(wb: &Workbook) -> StorageResult<SummaryJson> {
    let f: Framework = wb.framework()?;
    let versions = wb.mission_history()?.len();
    Ok(SummaryJson {
        workbook: wb.path().display().to_string(),
        framework_complete: f.completed_at.is_some(),
        mission: f.mission.as_ref().map(|m| MissionJson {
            statement: m.statement.clone(),
            saved_at: m
                .saved_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            versions,
        }),
        deficit: f.chosen_deficit().map(|d| DeficitJson {
            title: d.title.clone(),
            description: d.description.clone(),
            evidence: d.evidence.clone(),
            harm: d.harm.get(),
            size: d.size.get(),
            feasibility: d.feasibility.get(),
            priority: d.priority(),
            rationale: f.choice.rationale.clone(),
        }),
        candidate_deficits: f.deficits.len(),
        target: f.target.as_ref().map(|t| TargetJson {
            indicator: t.indicator_name.clone(),
            unit: t.unit.clone(),
            direction: t.direction.code().to_owned(),
            frequency: t.frequency.code().to_owned(),
            baseline_value: t.baseline_value,
            baseline_date: t.baseline_date.format("%Y-%m-%d").to_string(),
            target_value: t.target_value,
            deadline: t.deadline.format("%Y-%m-%d").to_string(),
        }),
        theory: f
            .theory
            .iter()
            .map(|s| TheoryJson {
                outcome: s.outcome.clone(),
                measured_by: s.measured_by.clone(),
                assumption: s.assumption.clone(),
                evidence: s.evidence.clone(),
            })
            .collect(),
        counts: wb.counts()?,
        verdicts: crate::ops::verdicts::verdict_counts(wb)?,
        agency: f.agency,
    })
}

fn write_text(s: &SummaryJson, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let a = &s.agency;
    let name = if a.name.trim().is_empty() {
        "(agency not named)"
    } else {
        a.name.trim()
    };
    match (a.leader_name.trim(), a.leader_title.trim()) {
        ("", _) => writeln!(out, "{name}")?,
        (leader, "") => writeln!(out, "{name} (led by {leader})")?,
        (leader, title) => writeln!(out, "{name} (led by {leader}, {title})")?,
    }
    writeln!(
        out,
        "Framework: {}",
        if s.framework_complete {
            "complete"
        } else {
            "in progress"
        }
    )?;
    match &s.mission {
        Some(m) => writeln!(
            out,
            "Mission: {} ({})",
            m.statement,
            count(m.versions as u64, "version", "versions")
        )?,
        None => writeln!(out, "Mission: not yet written")?,
    }
    match &s.deficit {
        Some(d) => {
            writeln!(
                out,
                "Deficit: {} (priority {}, chosen from {})",
                d.title,
                d.priority,
                count(s.candidate_deficits as u64, "candidate", "candidates")
            )?;
            if !d.rationale.trim().is_empty() {
                writeln!(out, "  Why: {}", d.rationale.trim())?;
            }
        }
        None => writeln!(
            out,
            "Deficit: none chosen ({})",
            count(s.candidate_deficits as u64, "candidate", "candidates")
        )?,
    }
    match &s.target {
        Some(t) => {
            writeln!(
                out,
                "Target: {} ({}, {} is better, reported every {})",
                t.indicator, t.unit, t.direction, t.frequency
            )?;
            writeln!(
                out,
                "  from {} on {} to {} by {}",
                with_unit(t.baseline_value, &t.unit),
                t.baseline_date,
                with_unit(t.target_value, &t.unit),
                t.deadline
            )?;
        }
        None => writeln!(out, "Target: not yet set")?,
    }
    if s.theory.is_empty() {
        writeln!(out, "Theory: not yet written")?;
    } else {
        writeln!(out, "Theory: target ->")?;
        for (i, step) in s.theory.iter().enumerate() {
            let measured = if step.measured_by.trim().is_empty() {
                String::new()
            } else {
                format!(" [measured by {}]", step.measured_by.trim())
            };
            writeln!(out, "  {}. {}{measured}", i + 1, step.outcome.trim())?;
            if !step.assumption.trim().is_empty() {
                writeln!(out, "     {}", step.assumption.trim())?;
            }
        }
        writeln!(out, "  -> mission")?;
    }
    writeln!(
        out,
        "Holds: {}, {}, {}",
        count(s.counts.teams, "team", "teams"),
        count(s.counts.indicators, "indicator", "indicators"),
        count(s.counts.measurements, "measurement", "measurements")
    )?;
    let judged: Vec<_> = s.verdicts.iter().filter(|v| v.with_target > 0).collect();
    if !judged.is_empty() {
        writeln!(
            out,
            "Targets met (values with a target in force in their period):"
        )?;
    }
    for v in judged {
        writeln!(
            out,
            "  {}: {} of {} met, {} not met",
            v.indicator,
            crate::domain::number::thousands(v.met),
            crate::domain::number::thousands(v.with_target),
            crate::domain::number::thousands(v.not_met)
        )?;
    }
    Ok(())
}

pub fn run(path: &Path, json: bool, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let wb = Workbook::open(path)?;
    let summary = summary_json(&wb)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &summary)?;
        writeln!(out)?;
    } else {
        write_text(&summary, out)?;
        let today = chrono::Local::now().date_naive();
        writeln!(out)?;
        writeln!(out, "How the agency is doing")?;
        for line in crate::ops::cockpit::cockpit(&wb, today)?.lines() {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
