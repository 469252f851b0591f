//! A workshop scenario's data from a short description: teams that improve
//! in different ways, indicators that follow each team's improvement, and
//! field notes. Deterministic, so every participant gets the same numbers.

use chrono::NaiveDate;

use crate::domain::IndicatorSpec;
use crate::domain::{Agency, Cell, Direction, Frequency, Observation, Period};
use crate::sample::SplitMix64;
use crate::sample::riverton::{DATA_END, DATA_START, ymd};
use crate::storage::{NewMeasurement, StorageError, Workbook};

/// How a team's underlying level moves over the two years.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Trend {
    /// Steady improvement.
    Steady,
    /// Fast at first, then levelling off.
    Fast,
    /// Improves for the first half, then stalls.
    Stalls,
    /// Hardly moves.
    Flat,
}

/// One team of a scenario.
#[derive(Clone, Copy, Debug)]
pub struct TeamSpec {
    /// Its name.
    pub name: &'static str,
    /// Who reports for it.
    pub contact: &'static str,
    /// Its level (0–100) at the start of the data.
    pub start: f64,
    /// Its level at the end.
    pub end: f64,
    /// How it gets there.
    pub trend: Trend,
}

/// One indicator: its value is `base + per_level × level + noise`, clamped
/// to `range` and rounded to its decimals.
#[derive(Clone, Copy, Debug)]
pub struct ScenarioIndicator {
    /// Its name.
    pub name: &'static str,
    /// Its unit.
    pub unit: &'static str,
    /// Which way is better.
    pub direction: Direction,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Decimals.
    pub decimals: u8,
    /// What it measures.
    pub description: &'static str,
    /// The value at level 0.
    pub base: f64,
    /// How much the value moves per point of the team's level.
    pub per_level: f64,
    /// Standard deviation of the noise.
    pub noise: f64,
    /// The lowest and highest value it can take.
    pub range: (f64, f64),
}

/// A dated field note: day, team (index), indicator (index), text, tags, source.
pub type NoteSpec = (
    (i32, u32, u32),
    Option<usize>,
    Option<usize>,
    &'static str,
    &'static str,
    &'static str,
);

/// Everything a scenario's practice workbook holds.
#[derive(Clone, Copy, Debug)]
pub struct ScenarioData {
    /// The agency's name.
    pub agency: &'static str,
    /// Its teams.
    pub teams: &'static [TeamSpec],
    /// Its indicators.
    pub indicators: &'static [ScenarioIndicator],
    /// Field notes.
    pub notes: &'static [NoteSpec],
    /// The seed of its noise.
    pub seed: u64,
}

/// The level (0–100) of `team` at fraction `t` (0–1) of the data's span.
fn level(team: &TeamSpec, t: f64) -> f64 {
    let span = team.end - team.start;
    let progress = match team.trend {
        Trend::Steady => t,
        Trend::Fast => 1.0 - (1.0 - t) * (1.0 - t),
        Trend::Stalls => (t / 0.5).min(1.0),
        Trend::Flat => 0.0,
    };
    team.start + span * progress
}

fn rounded(v: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    (v * scale).round() / scale
}

/// Writes the scenario's agency name, indicators, teams, values and notes
/// into an empty workbook.
pub fn fill(wb: &mut Workbook, data: &ScenarioData) -> Result<(), StorageError> {
    wb.set_agency(&Agency {
        name: data.agency.into(),
        ..Agency::default()
    })?;
    let mut indicator_ids = Vec::with_capacity(data.indicators.len());
    for spec in data.indicators {
        indicator_ids.push(wb.add_indicator(&IndicatorSpec {
            decimals: spec.decimals,
            description: spec.description.to_owned(),
            ..IndicatorSpec::simple(spec.name, spec.unit, spec.direction, spec.frequency)
        })?);
    }
    let mut team_ids = Vec::with_capacity(data.teams.len());
    for team in data.teams {
        team_ids.push(wb.add_team(team.name, team.contact)?);
    }
    let (start, end) = (ymd(DATA_START), ymd(DATA_END));
    let span = (end - start).num_days().max(1) as f64;
    let fraction = |d: NaiveDate| ((d - start).num_days() as f64 / span).clamp(0.0, 1.0);
    let mut rng = SplitMix64::new(data.seed);
    let mut rows = Vec::new();
    for (spec, &indicator) in data.indicators.iter().zip(&indicator_ids) {
        let periods: Vec<Period> = Period::range(spec.frequency, start, end)
            .into_iter()
            .filter(|p| p.end() <= end)
            .collect();
        for (team, &team_id) in data.teams.iter().zip(&team_ids) {
            for p in &periods {
                let v = spec.base
                    + spec.per_level * level(team, fraction(p.end()))
                    + rng.noise(spec.noise);
                rows.push(NewMeasurement {
                    cell: Cell {
                        indicator,
                        team: team_id,
                        period_start: p.start,
                    },
                    value: rounded(v.clamp(spec.range.0, spec.range.1), spec.decimals),
                });
            }
        }
    }
    wb.insert_measurements(rows)?;
    for &(on, team, indicator, text, tags, source) in data.notes {
        wb.add_observation(&Observation {
            observed_on: ymd(on),
            team: team.and_then(|i| team_ids.get(i).copied()),
            indicator: indicator.and_then(|i| indicator_ids.get(i).copied()),
            text: text.into(),
            tags: crate::domain::observation::parse_tags(tags),
            source: source.into(),
            ..Observation::default()
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEAM: TeamSpec = TeamSpec {
        name: "A",
        contact: "",
        start: 40.0,
        end: 80.0,
        trend: Trend::Stalls,
    };

    #[test]
    fn trends_start_and_end_where_they_say() {
        for trend in [Trend::Steady, Trend::Fast, Trend::Stalls] {
            let team = TeamSpec { trend, ..TEAM };
            assert_eq!(level(&team, 0.0), 40.0);
            assert_eq!(level(&team, 1.0), 80.0);
        }
        assert_eq!(
            level(&TEAM, 0.5),
            80.0,
            "a stalling team is done by half-way"
        );
        let flat = TeamSpec {
            trend: Trend::Flat,
            ..TEAM
        };
        assert_eq!(level(&flat, 1.0), 40.0);
    }

    #[test]
    fn values_round_to_the_indicators_decimals() {
        assert_eq!(rounded(52.3456, 1), 52.3);
        assert_eq!(rounded(52.5, 0), 53.0);
    }
}
