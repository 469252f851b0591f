//! The benefits office scenario: a county office whose applications for food
//! and housing help wait past the legal time limit.

use super::synthetic::{NoteSpec, ScenarioData, ScenarioIndicator, TeamSpec, Trend};
use super::{Exercise, Exercises};
use crate::domain::Direction::{Higher, Lower};
use crate::domain::Frequency::{Month, Quarter, Week};

const TEAMS: [TeamSpec; 5] = [
    TeamSpec {
        name: "Eastgate Office",
        contact: "Amira Haddad",
        start: 50.0,
        end: 84.0,
        trend: Trend::Steady,
    },
    TeamSpec {
        name: "Millbrook Office",
        contact: "Jonas Berg",
        start: 55.0,
        end: 90.0,
        trend: Trend::Fast,
    },
    TeamSpec {
        name: "Riverside Office",
        contact: "Grace Mensah",
        start: 48.0,
        end: 70.0,
        trend: Trend::Stalls,
    },
    TeamSpec {
        name: "Hillcrest Office",
        contact: "Victor Lindqvist",
        start: 53.0,
        end: 55.0,
        trend: Trend::Flat,
    },
    TeamSpec {
        name: "Downtown Office",
        contact: "Paula Ortiz",
        start: 51.0,
        end: 79.0,
        trend: Trend::Steady,
    },
];

const INDICATORS: [ScenarioIndicator; 6] = [
    ScenarioIndicator {
        name: "Applications decided within 30 days",
        unit: "%",
        direction: Higher,
        frequency: Week,
        decimals: 1,
        description: "Share of the week's decisions made within 30 days of the application (the legal limit).",
        base: 0.0,
        per_level: 1.0,
        noise: 3.0,
        range: (0.0, 100.0),
    },
    ScenarioIndicator {
        name: "Applications waiting over 30 days",
        unit: "applications",
        direction: Lower,
        frequency: Week,
        decimals: 0,
        description: "Applications still undecided 30 days after they arrived, at the end of the week.",
        base: 900.0,
        per_level: -8.5,
        noise: 25.0,
        range: (0.0, 2000.0),
    },
    ScenarioIndicator {
        name: "Decisions overturned on appeal",
        unit: "%",
        direction: Lower,
        frequency: Month,
        decimals: 1,
        description: "Share of the month's appeal hearings that overturned the office's decision: rises when speed costs accuracy.",
        base: 8.5,
        per_level: -0.02,
        noise: 0.8,
        range: (0.0, 100.0),
    },
    ScenarioIndicator {
        name: "Calls answered within 5 minutes",
        unit: "%",
        direction: Higher,
        frequency: Month,
        decimals: 1,
        description: "Share of calls to the office's line answered by a person within five minutes.",
        base: 20.0,
        per_level: 0.4,
        noise: 3.0,
        range: (0.0, 100.0),
    },
    ScenarioIndicator {
        name: "Families with help by day 45",
        unit: "%",
        direction: Higher,
        frequency: Quarter,
        decimals: 1,
        description: "Share of eligible families receiving their first payment within 45 days of applying.",
        base: 25.0,
        per_level: 0.7,
        noise: 2.0,
        range: (0.0, 100.0),
    },
    ScenarioIndicator {
        name: "Caseworker overtime hours",
        unit: "hours",
        direction: Lower,
        frequency: Month,
        decimals: 0,
        description: "Paid overtime across the office's caseworkers.",
        base: 420.0,
        per_level: -1.5,
        noise: 40.0,
        range: (0.0, 2000.0),
    },
];

const NOTES: [NoteSpec; 4] = [
    (
        (2025, 2, 10),
        Some(1),
        None,
        "Millbrook started a daily ten-minute huddle on the oldest open applications.",
        "process",
        "site visit",
    ),
    (
        (2025, 5, 19),
        Some(2),
        None,
        "Riverside lost three experienced caseworkers to retirement; two posts still vacant.",
        "staffing",
        "staff report",
    ),
    (
        (2025, 9, 2),
        None,
        Some(2),
        "Legal aid reports more appeals citing missing documents that were in fact supplied.",
        "accuracy, appeals",
        "complaint",
    ),
    (
        (2026, 3, 16),
        Some(3),
        Some(0),
        "Hillcrest still routes every application through one supervisor for sign-off.",
        "process",
        "field note",
    ),
];

/// The benefits office's data.
pub const DATA: ScenarioData = ScenarioData {
    agency: "Northfield County Benefits Office",
    teams: &TEAMS,
    indicators: &INDICATORS,
    notes: &NOTES,
    seed: 2_004_033_001,
};

/// The benefits office's exercises, one per wizard step.
pub const EXERCISES: Exercises = Exercises {
    mission: Exercise {
        prompt: "Northfield County's benefits office decides applications for food and housing assistance from about 9,000 \
                 households a year, through five local offices. Write its mission: what it achieves for residents, not what it processes.",
        model_answer: "Get every eligible Northfield family the food and housing help it is entitled to, quickly and correctly, \
                       so that no family goes hungry or loses its home while it waits.",
    },
    deficits: Exercise {
        prompt: "The briefing: only 52% of applications are decided within the 30-day legal limit; about 2,100 applications are \
                 waiting longer. One decision in twelve is overturned on appeal. Callers wait 40 minutes on average, and one in \
                 five renewals lapses because the form arrives late. List the candidate failures with their evidence, score them, \
                 and choose the one that most keeps the office from its mission.",
        model_answer: "Chosen: \"Applications wait past the 30-day limit\" — 52% decided on time, 2,100 waiting longer; families \
                       go without help while they wait, and the delay drives the calls and the lapsed renewals too. Other candidates: \
                       phone lines hard to get through (harm 3), errors found on appeal (harm 4, but smaller), renewals lapsing (harm 3). \
                       Harm 5, size 5, feasibility 4.",
    },
    target: Exercise {
        prompt: "Turn the deficit into one specific target: an indicator the offices already report (look at Data), its baseline \
                 with a date, the level to reach and a deadline about 18 months away.",
        model_answer: "Applications decided within 30 days, %, higher is better, reported weekly: from 52 on 2024-12-02 to 85 \
                       by 2027-06-30. Watch \"Decisions overturned on appeal\" beside it, so speed is not bought with errors.",
    },
    theory: Exercise {
        prompt: "Why would deciding applications on time advance the mission? Write the chain of outcomes from the target to \
                 the mission, each with its assumption (\"because …\"), the evidence, and the indicator that shows it.",
        model_answer: "On-time decisions → fewer applications waiting over 30 days (because a decision made on time leaves no \
                       backlog behind it) → families receive help by day 45 (because payment follows the decision within two \
                       weeks) → no family goes without while it waits (because the help arrives before rent and food run out). \
                       Evidence: the 2024 case-file review; indicators: Applications waiting over 30 days, Families with help by day 45.",
    },
    summary: Exercise {
        prompt: "Read the framework as a caseworker in Riverside would. Is the mission something you would repeat? Is the target \
                 specific enough to know on Friday whether this week was a good one? Would you believe the theory?",
        model_answer: "Mission: help for every eligible family, quickly and correctly. Deficit: applications wait past the legal \
                       limit. Target: 52% → 85% decided within 30 days by June 2027, with appeals watched. Theory: on-time \
                       decisions clear the backlog, payments follow, families are helped before they go without.",
    },
};
