//! The street department scenario's exercises: the sample agency's data, with
//! its finished framework as the model answer.

use super::{Exercise, Exercises};

/// Riverton Street Services' exercises, one per wizard step.
pub const EXERCISES: Exercises = Exercises {
    mission: Exercise {
        prompt: "Riverton Street Services repairs and clears the city's streets with six district crews. Its old mission read \
                 \"We maintain the city's streets.\" Write a better one: what the streets should do for residents, buses and businesses.",
        model_answer: "Keep every Riverton street safe, smooth and clear, so that residents, buses and businesses can get where \
                       they need to go.",
    },
    deficits: Exercise {
        prompt: "The briefing: only 41% of reported potholes are repaired within 48 hours, and potholes were the top complaint in \
                 the 2024 resident survey. Snow routes were late on 14 mornings last winter. Street lights wait a median 19 days \
                 for repair. 3,100 sidewalk defects await repair. List the candidates with their evidence, score them, and choose one.",
        model_answer: "Chosen: \"Potholes wait too long for repair\" — 41% repaired within 48 hours; the top complaint; unrepaired \
                       potholes damage cars and endanger cyclists, and crews, asphalt and scheduling are within the department's \
                       control. Harm 5, size 4, feasibility 4. Other candidates: late snow routes (4, 3, 3), street lights out for \
                       weeks (3, 3, 4), the sidewalk backlog (3, 5, 2).",
    },
    target: Exercise {
        prompt: "Set one specific target for the pothole deficit: the indicator the crews report weekly, its baseline with a date, \
                 the level to reach and a deadline.",
        model_answer: "Potholes repaired within 48 hours, %, higher is better, reported weekly: from 41 on 2024-12-02 to 90 by \
                       2027-06-30. Watch \"Repeat pothole complaints\" beside it, so that temporary patches do not count as repairs.",
    },
    theory: Exercise {
        prompt: "Why would repairing potholes within 48 hours keep streets safe, smooth and clear? Write the chain of outcomes \
                 from the target to the mission, with each assumption, its evidence, and the indicator that would show it.",
        model_answer: "Repairs within 48 hours → fewer potholes left open (because a hole repaired within two days is closed before \
                       it grows; Baltimore's 48-hour guarantee did this) → fewer vehicle-damage claims and cyclist injuries (because \
                       most claims name a pothole already reported) → residents rate their streets safe and smooth (because pothole \
                       repair is the service they notice most). Indicators: Open pothole reports, Vehicle damage claims, Residents \
                       rating streets good or better.",
    },
    summary: Exercise {
        prompt: "Read the framework as a crew supervisor in West would. Is the mission something the crew would repeat? Would the \
                 target tell them each week how they are doing? Which link of the theory is weakest?",
        model_answer: "Mission: safe, smooth, clear streets for everyone who uses them. Deficit: potholes wait too long. Target: \
                       41% → 90% repaired within 48 hours by June 2027, with repeat complaints watched. Theory: fast repairs \
                       mean fewer open holes, fewer damage claims, and residents who rate their streets good.",
    },
};
