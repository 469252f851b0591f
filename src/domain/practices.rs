//! Behn's eleven "better practices", in the project's own words: the one
//! table the navigation, the practice panels, Go to and Help all read,
//! including which screens serve each practice.
//!
//! Source: Robert D. Behn, "One Approach to Performance Leadership: Eleven
//! 'Better Practices' That Can Help 'Ratchet Up' Performance", a talk to the
//! State of Oregon, Salem, 30 March 2004.

use super::WizardStep;
use super::place::{Place, Screen};

/// The credit line shown wherever the practices are explained.
pub const CREDIT: &str = "After Robert D. Behn, \"One Approach to Performance Leadership: Eleven 'Better Practices' That Can Help 'Ratchet Up' Performance\", a talk to the State of Oregon, Salem, 30 March 2004.";

/// One of the three phases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phase {
    /// I, II or III.
    pub numeral: &'static str,
    /// "Creating the performance framework".
    pub title: &'static str,
    /// The question the phase answers.
    pub question: &'static str,
}

/// The three phases in order.
pub const PHASES: [Phase; 3] = [
    Phase {
        numeral: "I",
        title: "Creating the performance framework",
        question: "What would it mean to do a good job?",
    },
    Phase {
        numeral: "II",
        title: "Driving performance improvement",
        question: "How can we mobilise our people?",
    },
    Phase {
        numeral: "III",
        title: "Learning to enhance performance",
        question: "How must we change to do even better?",
    },
];

/// One practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Practice {
    /// 1–11.
    pub number: u8,
    /// Index into [`PHASES`].
    pub phase: usize,
    /// A short name for navigation.
    pub short: &'static str,
    /// The practice as a sentence.
    pub title: &'static str,
    /// Why it matters and what to do, in one paragraph.
    pub explanation: &'static str,
    /// The places that serve it; the first is where it is done (where
    /// "Next: practice n" leads).
    pub places: &'static [Place],
}

impl Practice {
    /// Where the practice is done.
    pub fn home(&self) -> Place {
        self.places[0]
    }

    /// The practice after this one: after the eleventh the cycle starts
    /// again, at the mission, with the target ratcheted up.
    pub fn next(&self) -> &'static Practice {
        let i = usize::from(self.number) % PRACTICES.len();
        &PRACTICES[i]
    }
}

/// Practice number `n` (1–11).
pub fn practice(n: u8) -> Option<&'static Practice> {
    PRACTICES.iter().find(|p| p.number == n)
}

/// The practice a place serves, if any (home, the wizard's summary,
/// backups and the workshop serve none).
pub fn practice_of(place: Place) -> Option<&'static Practice> {
    PRACTICES.iter().find(|p| p.places.contains(&place))
}

/// The eleven practices in order.
pub const PRACTICES: [Practice; 11] = [
    Practice {
        number: 1,
        phase: 0,
        short: "Mission",
        title: "Articulate the mission",
        explanation: "Say plainly, and say often, what the agency exists to accomplish. A mission that people can repeat gives every later choice a test: does this help us do what we are here for? Write it for the public and for the front line, not for a plaque.",
        places: &[Place::Step(WizardStep::Mission)],
    },
    Practice {
        number: 2,
        phase: 0,
        short: "Deficit",
        title: "Identify the most consequential performance deficit",
        explanation: "Among everything that could be better, find the one failure that most keeps the agency from its mission. Listing candidates with evidence and weighing harm, size and feasibility turns a vague sense of trouble into a choice the leader can explain.",
        places: &[Place::Step(WizardStep::Deficits)],
    },
    Practice {
        number: 3,
        phase: 0,
        short: "Target",
        title: "Establish a specific performance target",
        explanation: "Turn the deficit into a concrete next level of success: one measure, a baseline, a number to reach and a date to reach it by. A specific target tells teams what success looks like and lets everyone see progress toward it.",
        places: &[Place::Step(WizardStep::Target)],
    },
    Practice {
        number: 4,
        phase: 0,
        short: "Theory",
        title: "Clarify the theory linking target and mission",
        explanation: "Spell out, at least for yourself, why hitting the target should advance the mission: the chain of outcomes in between and the assumptions at each link. A written theory can be checked against data and revised when it proves wrong.",
        places: &[Place::Step(WizardStep::Theory)],
    },
    Practice {
        number: 5,
        phase: 1,
        short: "Monitor",
        title: "Monitor progress frequently, personally and publicly",
        explanation: "Look at the data often, look at it yourself, and publish it, so that every team knows that the leader knows how it is doing, and so does everyone else. Regular meetings that go through each team's numbers make the routine stick.",
        places: &[
            Place::Screen(Screen::Progress),
            Place::Screen(Screen::Setup),
            Place::Screen(Screen::Data),
            Place::Screen(Screen::Transfer),
            Place::Screen(Screen::Returns),
            Place::Screen(Screen::Multiples),
            Place::Screen(Screen::Rollup),
            Place::Screen(Screen::Meetings),
            Place::Screen(Screen::Meeting),
        ],
    },
    Practice {
        number: 6,
        phase: 1,
        short: "Capacity",
        title: "Build operational capacity",
        explanation: "Give teams what they need to reach the target: people, training, equipment, data, authority, money. A leader who asks for results without supplying the means teaches people that targets are slogans.",
        places: &[Place::Screen(Screen::Capacity)],
    },
    Practice {
        number: 7,
        phase: 1,
        short: "Small wins",
        title: "Use small wins to reward success",
        explanation: "Notice every real step forward and make a point of recognising it. Small, visible wins build the confidence and momentum that large goals need, and show that the leader is paying attention to what teams achieve.",
        places: &[Place::Screen(Screen::Wins)],
    },
    Practice {
        number: 8,
        phase: 1,
        short: "Esteem",
        title: "Create esteem opportunities",
        explanation: "Give people chances to earn a sense of accomplishment and the respect of their peers: recognition that is public, specific and tied to what the data show, delivered where colleagues can see it.",
        places: &[
            Place::Screen(Screen::Wall),
            Place::Screen(Screen::Certificate),
        ],
    },
    Practice {
        number: 9,
        phase: 2,
        short: "Integrity",
        title: "Check for cheating, distortions and mission accomplishment",
        explanation: "Targets invite gaming. Verify that teams are reaching their targets in ways that further the mission, not by reclassifying, rounding or neglecting what is not measured. Look for tell-tale patterns and pair each measure with one that would reveal distortion.",
        places: &[Place::Screen(Screen::Integrity)],
    },
    Practice {
        number: 10,
        phase: 2,
        short: "Analyse",
        title: "Analyse many and varied indicators",
        explanation: "Learn from many kinds of evidence, quantitative and qualitative: trends, comparisons between teams, process-behaviour charts, field notes and complaints. No single number tells the whole story of how the agency can improve.",
        places: &[
            Place::Screen(Screen::Library),
            Place::Screen(Screen::Xmr),
            Place::Screen(Screen::Compare),
        ],
    },
    Practice {
        number: 11,
        phase: 2,
        short: "Adjust",
        title: "Adjust everything to ratchet up performance",
        explanation: "Act on what you learn: revise the mission, target, theory, monitoring, capacity, recognition and analysis as needed, and once a target is met set the next one higher. The framework is a cycle, not a document.",
        places: &[Place::Screen(Screen::Review)],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_practices_in_three_phases() {
        assert_eq!(PRACTICES.len(), 11);
        for (i, p) in PRACTICES.iter().enumerate() {
            assert_eq!(usize::from(p.number), i + 1);
            assert!(p.phase < PHASES.len());
        }
        assert_eq!(PRACTICES.iter().filter(|p| p.phase == 0).count(), 4);
    }

    #[test]
    fn every_screen_serves_at_most_one_practice_and_every_working_screen_one() {
        let serving_none = [
            Screen::Start,
            Screen::Home,
            Screen::Wizard,
            Screen::Backups,
            Screen::Workshop,
        ];
        for screen in Screen::ALL {
            let serving = PRACTICES
                .iter()
                .filter(|p| p.places.contains(&Place::Screen(screen)))
                .count();
            let expected = usize::from(!serving_none.contains(&screen));
            assert_eq!(serving, expected, "{screen:?}");
        }
        for (n, step) in [
            WizardStep::Mission,
            WizardStep::Deficits,
            WizardStep::Target,
            WizardStep::Theory,
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(
                practice_of(Place::Step(step)).map(|p| p.number),
                Some(n as u8 + 1)
            );
        }
        assert_eq!(practice_of(Place::Step(WizardStep::Summary)), None);
        assert_eq!(
            practice_of(Place::Screen(Screen::Xmr)).map(|p| p.number),
            Some(10)
        );
    }

    #[test]
    fn each_practice_is_done_at_its_first_place_and_the_cycle_turns() {
        for p in &PRACTICES {
            assert_eq!(practice_of(p.home()), Some(p));
        }
        assert_eq!(PRACTICES[3].next().number, 5);
        assert_eq!(PRACTICES[10].next().number, 1, "the cycle starts again");
        assert_eq!(practice(12), None);
    }
}
