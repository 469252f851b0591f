//! Which of Behn's practices each screen serves, and where each practice is
//! done: the "why this matters" panel and its link to the next practice
//! read these, so the app walks a leader through the three phases.

use super::{Action, Screen};
use crate::domain::WizardStep;

/// The practice (1–11) a screen serves; the wizard's steps are practices
/// 1–4 (its summary is none).
pub fn practice_of(screen: Screen, step: WizardStep) -> Option<u8> {
    match screen {
        Screen::Wizard => match step {
            WizardStep::Mission => Some(1),
            WizardStep::Deficits => Some(2),
            WizardStep::Target => Some(3),
            WizardStep::Theory => Some(4),
            WizardStep::Summary => None,
        },
        Screen::Data
        | Screen::Progress
        | Screen::Multiples
        | Screen::Xmr
        | Screen::Meetings
        | Screen::Meeting => Some(5),
        Screen::Capacity => Some(6),
        Screen::Wins => Some(7),
        Screen::Certificate | Screen::Wall => Some(8),
        Screen::Integrity => Some(9),
        Screen::Library | Screen::Compare => Some(10),
        Screen::Review => Some(11),
        _ => None,
    }
}

/// The action that opens the screen where practice `n` is done.
pub fn action_for_practice(n: u8) -> Option<Action> {
    Some(match n {
        1 => Action::GoToStep(WizardStep::Mission),
        2 => Action::GoToStep(WizardStep::Deficits),
        3 => Action::GoToStep(WizardStep::Target),
        4 => Action::GoToStep(WizardStep::Theory),
        5 => Action::Navigate(Screen::Progress),
        6 => Action::Navigate(Screen::Capacity),
        7 => Action::Navigate(Screen::Wins),
        8 => Action::Navigate(Screen::Wall),
        9 => Action::Navigate(Screen::Integrity),
        10 => Action::Navigate(Screen::Library),
        11 => Action::Navigate(Screen::Review),
        _ => return None,
    })
}

/// The practice after `n`: after the eleventh the cycle starts again, at
/// the mission, with the target ratcheted up.
pub fn next_practice(n: u8) -> u8 {
    if n >= 11 { 1 } else { n + 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_practice_has_a_screen_that_serves_it() {
        for n in 1..=11u8 {
            let screen = match action_for_practice(n) {
                Some(Action::GoToStep(step)) => practice_of(Screen::Wizard, step),
                Some(Action::Navigate(screen)) => practice_of(screen, WizardStep::Summary),
                other => panic!("practice {n}: {other:?}"),
            };
            assert_eq!(screen, Some(n), "practice {n}'s screen serves it");
        }
        assert_eq!(action_for_practice(12), None);
        assert_eq!(next_practice(4), 5);
        assert_eq!(next_practice(11), 1, "the cycle starts again");
    }
}
