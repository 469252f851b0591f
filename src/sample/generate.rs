//! Synthetic workbooks of any size, for benchmarks and load tests.

use std::path::Path;

use chrono::NaiveDate;

use super::riverton::SampleError;
use crate::analysis::rng::SplitMix64;
use crate::domain::IndicatorSpec;
use crate::domain::{Agency, Cell, Direction, Frequency, Period, Target, TheoryStep};
use crate::storage::{NewMeasurement, Workbook};

/// The size and seed of a synthetic workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GenerateSpec {
    /// Number of teams.
    pub teams: usize,
    /// Number of weekly indicators.
    pub indicators: usize,
    /// Number of weeks of data.
    pub periods: usize,
    /// Seed for the values.
    pub seed: u64,
}

/// Largest size accepted in each dimension, so a typo cannot fill a disk.
pub const MAX_GENERATE_DIMENSION: usize = 100_000;

/// Writes a synthetic workbook at `path` (which must not exist): a complete
/// framework, `teams` × `indicators` weekly series of `periods` weeks ending in
/// the week before 2 November 2026, each a noisy trend. All values go in one
/// transaction. Returns the number of measurements written.
pub fn generate(path: &Path, spec: GenerateSpec) -> Result<u64, SampleError> {
    if [spec.teams, spec.indicators, spec.periods]
        .iter()
        .any(|&n| n == 0 || n > MAX_GENERATE_DIMENSION)
    {
        return Err(SampleError::Storage(crate::storage::StorageError::Rule(
            format!(
                "Teams, indicators and periods must each be between 1 and {MAX_GENERATE_DIMENSION}."
            ),
        )));
    }
    let mut wb = Workbook::create(path)?;
    match fill(&mut wb, spec) {
        Ok(n) => Ok(n),
        Err(e) => {
            drop(wb);
            let _ = std::fs::remove_file(path);
            Err(e.into())
        }
    }
}

fn fill(wb: &mut Workbook, spec: GenerateSpec) -> Result<u64, crate::storage::StorageError> {
    let last = NaiveDate::from_ymd_opt(2026, 10, 26).unwrap_or_default();
    let mut weeks = vec![Period::containing(Frequency::Week, last)];
    while weeks.len() < spec.periods {
        match weeks.last().and_then(|p| p.previous()) {
            Some(p) => weeks.push(p),
            None => break,
        }
    }
    weeks.reverse();
    let first = weeks.first().map(|p| p.start).unwrap_or(last);

    wb.set_agency(&Agency {
        name: format!("Synthetic agency ({} teams)", spec.teams),
        leader_name: "Alex Example".into(),
        leader_title: "Director".into(),
    })?;
    wb.save_mission(
        "Serve every resident promptly and well, measured and improved every week.",
        "",
    )?;
    let deficit = wb.add_deficit("Work waits too long")?;
    wb.choose_deficit(Some(deficit))?;
    wb.set_deficit_rationale("Generated workbook.")?;
    wb.save_framework_target(&Target {
        indicator_name: "Indicator 001".into(),
        unit: "%".into(),
        direction: Direction::Higher,
        frequency: Frequency::Week,
        baseline_value: 50.0,
        baseline_date: first,
        target_value: 90.0,
        deadline: last + chrono::Days::new(365),
    })?;
    wb.add_theory_step(&TheoryStep {
        outcome: "Residents are served sooner".into(),
        measured_by: "Indicator 002".into(),
        assumption: "because work completed sooner is service delivered sooner".into(),
        ..TheoryStep::default()
    })?;

    let mut indicators = Vec::with_capacity(spec.indicators);
    for i in 1..=spec.indicators {
        let name = format!("Indicator {i:03}");
        let id = match wb.indicator_by_name(&name)? {
            Some(existing) => existing.id,
            None => {
                let direction = if i % 3 == 2 {
                    Direction::Lower
                } else {
                    Direction::Higher
                };
                wb.add_indicator(&IndicatorSpec::simple(
                    &name,
                    "%",
                    direction,
                    Frequency::Week,
                ))?
            }
        };
        indicators.push(id);
    }
    let mut teams = Vec::with_capacity(spec.teams);
    for t in 1..=spec.teams {
        teams.push(wb.add_team(&format!("Team {t:03}"), "")?);
    }

    let mut rng = SplitMix64::new(spec.seed);
    let n = weeks.len().max(2) as f64;
    let rows = indicators.iter().flat_map(|&indicator| {
        let start = 30.0 + rng.unit() * 30.0;
        teams
            .iter()
            .map(|&team| {
                (
                    indicator,
                    team,
                    start,
                    20.0 * rng.unit() - 5.0,
                    SplitMix64::new(rng.next_u64()),
                )
            })
            .collect::<Vec<_>>()
    });
    let rows = rows.flat_map(|(indicator, team, start, gain, mut noise)| {
        weeks.iter().enumerate().map(move |(i, w)| {
            let value = start + gain * i as f64 / n + noise.noise(2.0);
            NewMeasurement {
                cell: Cell {
                    indicator,
                    team,
                    period_start: w.start,
                },
                value: (value.clamp(0.0, 100.0) * 10.0).round() / 10.0,
            }
        })
    });
    let written = wb.insert_measurements(rows)?;
    wb.complete_framework()?;
    Ok(written as u64)
}
