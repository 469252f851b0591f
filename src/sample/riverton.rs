//! The sample agency: Riverton Street Services, a fictional city department.
//!
//! A finished framework (mission with an earlier version, four candidate
//! deficits, a target, a three-step theory), six district crews, eight
//! indicators and two years of data. The data are deterministic and plausible,
//! and tell stories for the later screens to find:
//! - South improves fast and meets the target; North and East improve;
//! - West stalls;
//! - Central jumps suspiciously in one week, while its repeat complaints
//!   (the counter-indicator) rise and its residents' ratings stay flat;
//! - Harbor's last months sit bunched just past the 90 % target, implausibly smooth;
//! - Central has two after-the-fact edits, both in its favour.

use chrono::NaiveDate;

use crate::analysis::rng::SplitMix64;
use crate::domain::IndicatorSpec;
use crate::domain::{
    Agency, Cell, Deficit, Direction, Frequency, IndicatorId, Period, Score, Target, TeamId,
    TheoryStep,
};
use crate::storage::{NewMeasurement, OpenError, StorageError, Workbook};

/// The file name the sample is created under.
pub const SAMPLE_FILE_NAME: &str = "Riverton Street Services (sample).ratchet";

/// The last day the sample's data cover (data for periods that ended by then).
pub(super) const DATA_END: (i32, u32, u32) = (2026, 11, 22);
/// The first week the sample's data cover.
pub(super) const DATA_START: (i32, u32, u32) = (2024, 12, 2);

/// A date from its parts (the sample's dates are all valid).
pub(super) fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Why the sample could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    /// The file could not be created.
    #[error("{0}")]
    Open(#[from] OpenError),
    /// Writing the sample failed.
    #[error("{0}")]
    Storage(#[from] StorageError),
}

struct Profile {
    name: &'static str,
    contact: &'static str,
    start: f64,
    end: f64,
    shape: Shape,
}

enum Shape {
    Linear,
    Fast,
    Plateau,
    /// Slow climb, then a one-week leap at this week index to about this level.
    Jump(usize, f64),
    /// Climb, then from this week index values bunched just past the target.
    Bunched(usize),
}

const TEAMS: [Profile; 6] = [
    Profile {
        name: "North District Crew",
        contact: "Priya Raman",
        start: 40.0,
        end: 84.0,
        shape: Shape::Linear,
    },
    Profile {
        name: "South District Crew",
        contact: "Marcus Bell",
        start: 42.0,
        end: 93.0,
        shape: Shape::Fast,
    },
    Profile {
        name: "East District Crew",
        contact: "Lena Novak",
        start: 38.0,
        end: 78.0,
        shape: Shape::Plateau,
    },
    Profile {
        name: "West District Crew",
        contact: "Tom Achebe",
        start: 41.0,
        end: 47.0,
        shape: Shape::Linear,
    },
    Profile {
        name: "Central District Crew",
        contact: "Rosa Delgado",
        start: 45.0,
        end: 60.0,
        shape: Shape::Jump(62, 89.0),
    },
    Profile {
        name: "Harbor District Crew",
        contact: "Sam Whitfield",
        start: 39.0,
        end: 86.0,
        shape: Shape::Bunched(72),
    },
];

/// The underlying level (no noise) of the target indicator at week `i` of `n`.
fn trend(p: &Profile, i: usize, n: usize) -> f64 {
    let t = i as f64 / (n.max(2) - 1) as f64;
    let span = p.end - p.start;
    match p.shape {
        Shape::Linear => p.start + span * t,
        Shape::Fast => p.start + span * (1.0 - (1.0 - t) * (1.0 - t)),
        Shape::Plateau => p.start + span * (t / 0.6).min(1.0),
        Shape::Jump(at, level) => {
            if i >= at {
                level
            } else {
                p.start + span * t
            }
        }
        Shape::Bunched(at) => {
            if i >= at {
                90.6
            } else {
                p.start + span * t
            }
        }
    }
}

fn weekly_value(p: &Profile, i: usize, n: usize, rng: &mut SplitMix64) -> f64 {
    let level = trend(p, i, n);
    let v = match p.shape {
        Shape::Bunched(at) if i >= at => 90.05 + rng.unit() * 1.3,
        Shape::Jump(at, _) if i >= at => level + rng.noise(1.2),
        _ => level + rng.noise(3.0),
    };
    round1(v.clamp(0.0, 100.0))
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

struct SampleIndicators {
    repaired_48h: IndicatorId,
    repeat_complaints: IndicatorId,
    open_reports: IndicatorId,
    damage_claims: IndicatorId,
    residents_rating: IndicatorId,
    requests_on_time: IndicatorId,
    overtime: IndicatorId,
    asphalt: IndicatorId,
}

fn indicator(
    name: &str,
    unit: &str,
    direction: Direction,
    frequency: Frequency,
    decimals: u8,
    description: &str,
) -> IndicatorSpec {
    IndicatorSpec {
        decimals,
        description: description.to_owned(),
        ..IndicatorSpec::simple(name, unit, direction, frequency)
    }
}

/// The indicator the sample's target measures.
const TARGET_INDICATOR: &str = "Potholes repaired within 48 hours";

fn add_indicators(wb: &mut Workbook) -> Result<SampleIndicators, StorageError> {
    use Direction::{Higher, Lower, Neutral};
    use Frequency::{Month, Quarter, Week};
    // The target's indicator already exists once the target is saved; a
    // practice workbook (no target yet) gets it here, first as in the sample.
    let repaired_48h = match wb.indicator_by_name(TARGET_INDICATOR)? {
        Some(i) => i.id,
        None => wb.add_indicator(&indicator(
            TARGET_INDICATOR,
            "%",
            Higher,
            Week,
            1,
            "Share of the week's reported potholes repaired within 48 hours of the report.",
        ))?,
    };
    let repeat_complaints = wb.add_indicator(&indicator(
        "Repeat pothole complaints", "complaints", Lower, Month, 0,
        "Complaints about a pothole at a spot repaired in the previous 30 days: rises when repairs are rushed.",
    ))?;
    let open_reports = wb.add_indicator(&indicator(
        "Open pothole reports",
        "reports",
        Lower,
        Week,
        0,
        "Pothole reports not yet repaired at the end of the week.",
    ))?;
    let damage_claims = wb.add_indicator(&indicator(
        "Vehicle damage claims",
        "claims",
        Lower,
        Month,
        0,
        "Claims against the city for vehicle damage attributed to street condition.",
    ))?;
    let residents_rating = wb.add_indicator(&indicator(
        "Residents rating streets good or better", "%", Higher, Quarter, 1,
        "Quarterly resident survey, share answering good or very good about street condition in their district.",
    ))?;
    let requests_on_time = wb.add_indicator(&indicator(
        "Service requests closed on time",
        "%",
        Higher,
        Month,
        1,
        "All street service requests closed within their published service level.",
    ))?;
    let overtime = wb.add_indicator(&indicator(
        "Crew overtime hours",
        "hours",
        Lower,
        Month,
        0,
        "Paid overtime across the crew.",
    ))?;
    let asphalt = wb.add_indicator(&IndicatorSpec {
        is_amount: true,
        ..indicator(
            "Asphalt purchased",
            "$",
            Neutral,
            Month,
            0,
            "Spending on hot and cold patch asphalt.",
        )
    })?;
    wb.set_counter_indicator(repaired_48h, Some(repeat_complaints))?;
    Ok(SampleIndicators {
        repaired_48h,
        repeat_complaints,
        open_reports,
        damage_claims,
        residents_rating,
        requests_on_time,
        overtime,
        asphalt,
    })
}

/// The sample agency's name.
pub(super) const AGENCY_NAME: &str = "Riverton Street Services";

fn write_framework(wb: &mut Workbook) -> Result<(), StorageError> {
    wb.set_agency(&Agency {
        name: AGENCY_NAME.into(),
        leader_name: "Dana Okafor".into(),
        leader_title: "Director".into(),
    })?;
    wb.save_mission("We maintain the city's streets.", "")?;
    wb.save_mission(
        "Keep every Riverton street safe, smooth and clear, so that residents, buses and businesses can get where they need to go.",
        "The first version said what we do, not what it achieves for residents.",
    )?;

    let deficits = [
        (
            "Potholes wait too long for repair",
            "Reported potholes stay open for days; many grow and are reported again before a crew arrives.",
            "Only 41% of reported potholes were repaired within 48 hours in November 2024; potholes were the top complaint in the 2024 resident survey.",
            5,
            4,
            4,
        ),
        (
            "Snow routes are cleared late",
            "After snowfalls, priority bus routes are not clear by the morning commute.",
            "Transit agency reports 14 mornings of delays last winter attributed to uncleared routes.",
            4,
            3,
            3,
        ),
        (
            "Street lights stay out for weeks",
            "Outage reports wait for the electrical contractor's monthly round.",
            "Median 19 days from report to repair in 2024 (contractor's log).",
            3,
            3,
            4,
        ),
        (
            "Backlog of sidewalk repairs",
            "Trip hazards wait years for a scheduled sidewalk project.",
            "3,100 sidewalk defects logged and awaiting repair; 40 trip-and-fall claims in 2024.",
            3,
            5,
            2,
        ),
    ];
    let mut chosen = None;
    for (title, description, evidence, harm, size, feasibility) in deficits {
        let id = wb.add_deficit(title)?;
        wb.update_deficit(&Deficit {
            id,
            title: title.into(),
            description: description.into(),
            evidence: evidence.into(),
            harm: Score::clamped(harm),
            size: Score::clamped(size),
            feasibility: Score::clamped(feasibility),
        })?;
        chosen.get_or_insert(id);
    }
    wb.choose_deficit(chosen)?;
    wb.set_deficit_rationale(
        "Unrepaired potholes damage cars and endanger cyclists, residents raise them more than anything else, and crews, asphalt and scheduling are within our control.",
    )?;

    wb.save_framework_target(&Target {
        indicator_name: TARGET_INDICATOR.into(),
        unit: "%".into(),
        direction: Direction::Higher,
        frequency: Frequency::Week,
        baseline_value: 41.0,
        baseline_date: ymd(DATA_START),
        target_value: 90.0,
        deadline: ymd((2027, 6, 30)),
    })?;

    let steps = [
        (
            "Fewer potholes left open on city streets",
            "Open pothole reports",
            "because a hole repaired within two days is closed before it grows and before many more drivers hit it",
            "Baltimore's 48-hour pothole guarantee (CitiStat) cut open reports; our 2023 pilot in Central district did the same.",
        ),
        (
            "Fewer vehicle-damage claims and cyclist injuries",
            "Vehicle damage claims",
            "because most damage claims name a pothole that had been reported but not yet fixed",
            "Claims office review of 2024 claims: seven in ten cite a pothole already reported.",
        ),
        (
            "Residents rate their streets as safe and smooth",
            "Residents rating streets good or better",
            "because pothole repair is the street service residents notice most",
            "2024 resident survey: potholes were the top complaint in every district.",
        ),
    ];
    for (outcome, measured_by, assumption, evidence) in steps {
        wb.add_theory_step(&TheoryStep {
            outcome: outcome.into(),
            measured_by: measured_by.into(),
            assumption: assumption.into(),
            evidence: evidence.into(),
            ..TheoryStep::default()
        })?;
    }
    Ok(())
}

/// Fills an empty workbook with the sample agency: its framework, teams,
/// indicators, values, edits and observations (the wins found in them are
/// recorded by `ops::sample`).
pub fn fill_sample(wb: &mut Workbook) -> Result<(), StorageError> {
    write_framework(wb)?;
    fill_sample_data(wb)?;
    wb.complete_framework()?;
    Ok(())
}

/// Fills an empty workbook with the sample's teams, indicators, values,
/// edits and observations, and no framework: the workshop's practice copy.
pub(super) fn fill_sample_data(wb: &mut Workbook) -> Result<(), StorageError> {
    let ind = add_indicators(wb)?;
    let mut team_ids = Vec::new();
    for p in &TEAMS {
        team_ids.push(wb.add_team(p.name, p.contact)?);
    }
    let (start, end) = (ymd(DATA_START), ymd(DATA_END));
    let weeks = Period::range(Frequency::Week, start, end);
    let months = Period::range(Frequency::Month, start, end)
        .into_iter()
        .filter(|p| p.end() <= end)
        .collect::<Vec<_>>();
    let quarters = Period::range(Frequency::Quarter, start, end)
        .into_iter()
        .filter(|p| p.end() <= end)
        .collect::<Vec<_>>();
    let n = weeks.len();
    let mut rng = SplitMix64::new(20_041_030);
    let mut rows = Vec::new();
    let mut push = |indicator: IndicatorId, team: TeamId, period: Period, value: f64| {
        rows.push(NewMeasurement {
            cell: Cell {
                indicator,
                team,
                period_start: period.start,
            },
            value,
        });
    };
    // The week index of a date, for reading the trend at a month or quarter.
    let week_index = |d: NaiveDate| -> usize {
        usize::try_from(
            Frequency::Week
                .periods_between(start, d)
                .clamp(0, n as i64 - 1),
        )
        .unwrap_or(0)
    };
    for (p, &team) in TEAMS.iter().zip(&team_ids) {
        let central = matches!(p.shape, Shape::Jump(..));
        let jump_at = match p.shape {
            Shape::Jump(at, _) => Some(weeks[at.min(n - 1)].start),
            _ => None,
        };
        for (i, w) in weeks.iter().enumerate() {
            let pct = weekly_value(p, i, n, &mut rng);
            push(ind.repaired_48h, team, *w, pct);
            let open = (140.0 * (1.0 - trend(p, i, n) / 100.0) + rng.noise(6.0))
                .max(0.0)
                .round();
            push(ind.open_reports, team, *w, open);
        }
        for m in &months {
            let level = trend(p, week_index(m.start), n);
            let after_jump = jump_at.is_some_and(|j| m.start >= j);
            let repeats = if after_jump { 26.0 } else { 12.0 } + rng.noise(2.5);
            push(ind.repeat_complaints, team, *m, repeats.max(0.0).round());
            // Central's claims stay where they were: its "improvement" did not reach the street.
            let claims_level = if central { 45.0 } else { level };
            let claims = 34.0 * (1.0 - claims_level / 100.0) + rng.noise(2.0);
            push(ind.damage_claims, team, *m, claims.max(0.0).round());
            push(
                ind.requests_on_time,
                team,
                *m,
                round1((68.0 + level * 0.15 + rng.noise(2.5)).min(100.0)),
            );
            push(
                ind.overtime,
                team,
                *m,
                (310.0 + rng.noise(35.0)).max(0.0).round(),
            );
            let spend = 18_000.0 * (rng.noise(0.9)).exp() * (1.0 + level / 100.0);
            push(ind.asphalt, team, *m, spend.round());
        }
        for q in &quarters {
            let level = trend(p, week_index(q.end()), n);
            let rating = if central { 44.0 } else { 30.0 + level * 0.45 };
            push(
                ind.residents_rating,
                team,
                *q,
                round1(rating + rng.noise(1.8)),
            );
        }
    }
    wb.insert_measurements(rows)?;

    // Two after-the-fact edits in Central's favour, and one ordinary correction in North's.
    let edits = [
        (4usize, 70usize, 4.5, "Corrected after supervisor review"),
        (4, 76, 3.8, "Late work orders added"),
        (0, 30, -2.0, "Duplicate work order removed"),
    ];
    for (team_index, week, delta, reason) in edits {
        let cell = Cell {
            indicator: ind.repaired_48h,
            team: team_ids[team_index],
            period_start: weeks[week.min(n - 1)].start,
        };
        if let Some(old) = wb.value(cell)? {
            wb.set_value(
                cell,
                Some(round1((old + delta).clamp(0.0, 100.0))),
                reason,
                "entry",
            )?;
        }
    }
    add_observations(wb, &ind, &team_ids)
}

/// Field notes that give the numbers their context (and one that explains Central's jump).
fn add_observations(
    wb: &mut Workbook,
    ind: &SampleIndicators,
    teams: &[TeamId],
) -> Result<(), StorageError> {
    /// Date, team (index), indicator, text, tags, source.
    type Note<'a> = (
        NaiveDate,
        Option<usize>,
        Option<IndicatorId>,
        &'a str,
        &'a str,
        &'a str,
    );
    let notes: [Note<'_>; 6] = [
        (
            ymd((2025, 3, 12)),
            Some(1),
            None,
            "New hot-patch truck delivered to the South depot.",
            "equipment",
            "site visit",
        ),
        (
            ymd((2025, 6, 4)),
            Some(3),
            None,
            "Two of West's five crew members on long-term leave since April; no cover arranged.",
            "staffing",
            "site visit",
        ),
        (
            ymd((2026, 2, 11)),
            Some(4),
            Some(ind.repaired_48h),
            "Central switched to the new work-order system, which lets a crew close an order when a temporary patch is laid.",
            "work orders, data",
            "staff report",
        ),
        (
            ymd((2026, 4, 20)),
            None,
            Some(ind.repeat_complaints),
            "Resident complaint: pothole on Main Street reported three times in a month after being marked repaired.",
            "repeat, quality",
            "complaint",
        ),
        (
            ymd((2026, 5, 6)),
            Some(5),
            Some(ind.repaired_48h),
            "Harbor supervisor reviews every order still open at 44 hours and closes what can be closed.",
            "process",
            "field note",
        ),
        (
            ymd((2026, 9, 15)),
            Some(0),
            None,
            "North trialled a second shift on Saturdays; crew volunteered.",
            "staffing, schedule",
            "staff report",
        ),
    ];
    for (on, team, indicator, text, tags, source) in notes {
        wb.add_observation(&crate::domain::Observation {
            observed_on: on,
            team: team.and_then(|i| teams.get(i).copied()),
            indicator,
            text: text.into(),
            tags: crate::domain::observation::parse_tags(tags),
            source: source.into(),
            ..crate::domain::Observation::default()
        })?;
    }
    Ok(())
}
