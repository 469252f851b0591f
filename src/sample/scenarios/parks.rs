//! The parks department scenario: broken playgrounds, benches and fountains
//! wait weeks for repair.

use super::synthetic::{NoteSpec, ScenarioData, ScenarioIndicator, TeamSpec, Trend};
use super::{Exercise, Exercises};
use crate::domain::Direction::{Higher, Lower};
use crate::domain::Frequency::{Month, Quarter, Week};

const TEAMS: [TeamSpec; 5] = [
    TeamSpec {
        name: "North Parks Crew",
        contact: "Hannah Cole",
        start: 36.0,
        end: 82.0,
        trend: Trend::Fast,
    },
    TeamSpec {
        name: "Lakefront Parks Crew",
        contact: "Diego Santos",
        start: 40.0,
        end: 74.0,
        trend: Trend::Steady,
    },
    TeamSpec {
        name: "West Parks Crew",
        contact: "Mei Lin",
        start: 35.0,
        end: 41.0,
        trend: Trend::Flat,
    },
    TeamSpec {
        name: "Central Parks Crew",
        contact: "Oliver Grant",
        start: 42.0,
        end: 66.0,
        trend: Trend::Stalls,
    },
    TeamSpec {
        name: "Southside Parks Crew",
        contact: "Fatima Yusuf",
        start: 37.0,
        end: 79.0,
        trend: Trend::Steady,
    },
];

const INDICATORS: [ScenarioIndicator; 6] = [
    ScenarioIndicator {
        name: "Repairs completed within 5 days",
        unit: "%",
        direction: Higher,
        frequency: Week,
        decimals: 1,
        description: "Share of the week's reported park defects (play equipment, benches, fountains, lights) repaired within five days.",
        base: 0.0,
        per_level: 1.0,
        noise: 3.5,
        range: (0.0, 100.0),
    },
    ScenarioIndicator {
        name: "Open repair requests",
        unit: "requests",
        direction: Lower,
        frequency: Week,
        decimals: 0,
        description: "Reported defects not yet repaired at the end of the week.",
        base: 150.0,
        per_level: -1.4,
        noise: 6.0,
        range: (0.0, 500.0),
    },
    ScenarioIndicator {
        name: "Playgrounds passing safety inspection",
        unit: "%",
        direction: Higher,
        frequency: Month,
        decimals: 1,
        description: "Share of the month's playground inspections with no defect that closes equipment.",
        base: 45.0,
        per_level: 0.5,
        noise: 3.0,
        range: (0.0, 100.0),
    },
    ScenarioIndicator {
        name: "Injury reports in parks",
        unit: "reports",
        direction: Lower,
        frequency: Month,
        decimals: 0,
        description: "Injuries reported to the department that name park equipment or surfaces.",
        base: 14.0,
        per_level: -0.1,
        noise: 1.5,
        range: (0.0, 100.0),
    },
    ScenarioIndicator {
        name: "Residents satisfied with their park",
        unit: "%",
        direction: Higher,
        frequency: Quarter,
        decimals: 1,
        description: "Quarterly survey: share of residents satisfied or very satisfied with the park nearest them.",
        base: 35.0,
        per_level: 0.45,
        noise: 2.0,
        range: (0.0, 100.0),
    },
    ScenarioIndicator {
        name: "Volunteer hours",
        unit: "hours",
        direction: Higher,
        frequency: Month,
        decimals: 0,
        description: "Hours given by volunteers (friends-of-the-park groups, clean-up days).",
        base: 80.0,
        per_level: 1.2,
        noise: 20.0,
        range: (0.0, 1000.0),
    },
];

const NOTES: [NoteSpec; 4] = [
    (
        (2025, 3, 3),
        Some(0),
        None,
        "North now carries spare swing seats, chains and fountain parts on every truck.",
        "equipment",
        "site visit",
    ),
    (
        (2025, 6, 23),
        Some(2),
        Some(0),
        "West waits for the central workshop to fabricate parts; nothing is stocked locally.",
        "supply",
        "staff report",
    ),
    (
        (2025, 10, 6),
        None,
        Some(3),
        "Parent complaint: broken slide at Elm Street playground taped off for three weeks.",
        "safety",
        "complaint",
    ),
    (
        (2026, 4, 13),
        Some(3),
        None,
        "Central's second crew moved to the summer events programme from April to September.",
        "staffing, season",
        "field note",
    ),
];

/// The parks department's data.
pub const DATA: ScenarioData = ScenarioData {
    agency: "Lakeside Parks and Recreation",
    teams: &TEAMS,
    indicators: &INDICATORS,
    notes: &NOTES,
    seed: 2_004_033_002,
};

/// The parks department's exercises, one per wizard step.
pub const EXERCISES: Exercises = Exercises {
    mission: Exercise {
        prompt: "Lakeside Parks and Recreation looks after 64 parks and 41 playgrounds with five district crews. Write its \
                 mission: what the parks should do for the people of Lakeside, not the tasks the crews perform.",
        model_answer: "Give every Lakeside neighbourhood a park that is safe, clean and inviting, where children can play and \
                       neighbours can meet.",
    },
    deficits: Exercise {
        prompt: "The briefing: only 38% of reported defects are repaired within five days; broken equipment is often taped off \
                 for weeks. Playground inspections pass 64% of the time. Litter complaints rise every summer, volunteer groups \
                 are declining, and the evening programmes are under-booked. List the candidate failures with their evidence, \
                 score them, and choose one.",
        model_answer: "Chosen: \"Broken equipment waits weeks for repair\" — 38% repaired within five days; closed play equipment \
                       and unsafe surfaces are what residents and parents complain of most, and injuries follow. Other candidates: \
                       litter in summer (harm 3), declining volunteers (harm 2), empty evening programmes (harm 2). \
                       Harm 5, size 4, feasibility 4.",
    },
    target: Exercise {
        prompt: "Set one specific target for the repair deficit: pick the indicator the crews report weekly, its baseline with a \
                 date, the level to reach and a deadline.",
        model_answer: "Repairs completed within 5 days, %, higher is better, reported weekly: from 38 on 2024-12-02 to 85 by \
                       2027-06-30. Watch \"Playgrounds passing safety inspection\" so quick patches do not replace real repairs.",
    },
    theory: Exercise {
        prompt: "Why would faster repairs make parks safe, clean and inviting? Write the chain from the target to the mission, \
                 with each assumption, its evidence, and the indicator that would show it.",
        model_answer: "Repairs within five days → fewer open repair requests and closed equipment (because defects are fixed \
                       before they pile up) → fewer injuries in parks (because children stop using broken equipment) → residents \
                       satisfied with their park (because a park that works is one people use). Evidence: the 2024 complaint log \
                       and injury reports; indicators: Open repair requests, Injury reports in parks, Residents satisfied with their park.",
    },
    summary: Exercise {
        prompt: "Read the framework as a crew member in West would. Does the mission say why the work matters? Would the target \
                 tell you each week whether you are winning? Which link of the theory would you doubt first?",
        model_answer: "Mission: safe, clean, inviting parks in every neighbourhood. Deficit: broken equipment waits weeks. \
                       Target: 38% → 85% of repairs within five days by June 2027, with inspections watched. Theory: fast \
                       repairs mean fewer closures and injuries, and parks people are glad to use.",
    },
};
