//! Every place the navigation leads, in order, with its label and what it
//! is for: one table for the left navigation and the keyboard's "Go to"
//! list, so both always agree; the practice each serves comes from the one
//! table of the practices (`domain::practices`).

use super::{Action, Screen};
use crate::domain::WizardStep;
pub use crate::domain::place::Place;
use crate::domain::practices::{Practice, practice_of};

/// One entry of the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Destination {
    /// Where it leads.
    pub place: Place,
    /// Its label.
    pub label: &'static str,
    /// What is there, for the tooltip.
    pub tip: &'static str,
}

impl Destination {
    /// The action that goes there.
    pub fn action(&self) -> Action {
        super::practice_nav::action_for(self.place)
    }

    /// The practice it serves, if any.
    pub fn practice(&self) -> Option<&'static Practice> {
        practice_of(self.place)
    }
}

const fn to(screen: Screen, label: &'static str, tip: &'static str) -> Destination {
    Destination {
        place: Place::Screen(screen),
        label,
        tip,
    }
}

/// The wizard's steps, then the screens of practices 5–11 in order, then
/// the screens that serve no one practice.
pub const DESTINATIONS: [Destination; 24] = [
    Destination {
        place: Place::Screen(Screen::Home),
        label: "Home",
        tip: "Where the framework stands and what comes next",
    },
    Destination {
        place: Place::Step(WizardStep::Mission),
        label: "Mission",
        tip: "Practice 1: articulate the mission",
    },
    Destination {
        place: Place::Step(WizardStep::Deficits),
        label: "Performance deficit",
        tip: "Practice 2: identify the most consequential performance deficit",
    },
    Destination {
        place: Place::Step(WizardStep::Target),
        label: "Target",
        tip: "Practice 3: establish a specific performance target",
    },
    Destination {
        place: Place::Step(WizardStep::Theory),
        label: "Theory",
        tip: "Practice 4: clarify the theory linking target and mission",
    },
    Destination {
        place: Place::Step(WizardStep::Summary),
        label: "Framework summary",
        tip: "The whole framework on one page",
    },
    to(
        Screen::Setup,
        "Teams and indicators",
        "Who reports what, and the targets per team",
    ),
    to(
        Screen::Data,
        "Enter data",
        "The data-entry grid, each value's history, and observations",
    ),
    to(
        Screen::Transfer,
        "Import and export",
        "Spreadsheets in and out (CSV, XLSX)",
    ),
    to(
        Screen::Returns,
        "Data returns",
        "Ask each team for its numbers with a pre-filled file, collect what comes back, see who has reported",
    ),
    to(
        Screen::Progress,
        "Progress and league table",
        "Every team against its target path, side by side; publish the dashboard",
    ),
    to(
        Screen::Multiples,
        "Small multiples",
        "One small chart per team or per indicator",
    ),
    to(
        Screen::Rollup,
        "Roll-up of agencies",
        "A folder of agencies' workbooks side by side, read-only",
    ),
    to(
        Screen::Meetings,
        "Stat meetings",
        "Agendas built from the data, decisions, follow-ups, the briefing book and memo",
    ),
    to(
        Screen::Capacity,
        "Operational capacity",
        "What each team needs to reach its target, and where each request stands",
    ),
    to(
        Screen::Wins,
        "Wins",
        "Wins found in the data and entered by hand; recognise them",
    ),
    to(
        Screen::Wall,
        "Wall of recognition",
        "Who was recognised for what, by team",
    ),
    to(
        Screen::Integrity,
        "Integrity checks",
        "Gaming, distortions and mission accomplishment: every flag explained",
    ),
    to(
        Screen::Xmr,
        "Process behaviour (XmR)",
        "Signal or noise? Natural process limits for any series",
    ),
    to(
        Screen::Library,
        "Indicator library",
        "Every indicator, where the teams stand, and its observations",
    ),
    to(
        Screen::Compare,
        "Compare indicators",
        "Two indicators on aligned periods, with their correlation",
    ),
    to(
        Screen::Review,
        "Review and ratchet",
        "What was learned and what changes; ratchet the target; the framework's history",
    ),
    Destination {
        place: Place::Screen(Screen::Backups),
        label: "Backups",
        tip: "Automatic backups of this workbook; back up now or restore one",
    },
    Destination {
        place: Place::Screen(Screen::Workshop),
        label: "Compare participants",
        tip: "Workshop: several participants' missions, deficits and targets side by side",
    },
];

/// The destinations whose label, tip or practice number matches `query`
/// (every word, ignoring case), in navigation order.
pub fn matching(query: &str) -> Vec<&'static Destination> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    DESTINATIONS
        .iter()
        .filter(|d| {
            let practice = d
                .practice()
                .map(|p| format!("practice {}", p.number))
                .unwrap_or_default();
            let text = format!("{} {} {practice}", d.label, d.tip).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_query_lists_everything_in_order() {
        assert_eq!(matching("").len(), DESTINATIONS.len());
        assert_eq!(matching("   ")[0].label, "Home");
    }

    #[test]
    fn queries_match_every_word_ignoring_case() {
        let found: Vec<&str> = matching("INDICATOR").iter().map(|d| d.label).collect();
        assert_eq!(
            found,
            [
                "Teams and indicators",
                "Small multiples",
                "Indicator library",
                "Compare indicators"
            ]
        );
        let found: Vec<&str> = matching("compare ind").iter().map(|d| d.label).collect();
        assert_eq!(found, ["Compare indicators"]);
        assert_eq!(matching("practice 9")[0].label, "Integrity checks");
        assert!(matching("no such place").is_empty());
    }

    #[test]
    fn labels_are_unique_and_practices_in_order() {
        for (i, a) in DESTINATIONS.iter().enumerate() {
            assert!(DESTINATIONS[i + 1..].iter().all(|b| b.label != a.label));
        }
        let practices: Vec<u8> = DESTINATIONS
            .iter()
            .filter_map(|d| d.practice().map(|p| p.number))
            .collect();
        assert!(practices.windows(2).all(|w| w[0] <= w[1]), "{practices:?}");
    }
}
