//! Which practice the window is on and how to get to a place: the app's
//! side of the one table of the practices (`domain::practices`), which the
//! "why this matters" panel, the navigation and Go to all read.

use super::{Action, Screen};
use crate::domain::WizardStep;
use crate::domain::place::Place;
use crate::domain::practices::{Practice, practice_of};

/// The place the window shows: the wizard is at its draft's step.
pub fn place_of(screen: Screen, step: WizardStep) -> Place {
    match screen {
        Screen::Wizard => Place::Step(step),
        other => Place::Screen(other),
    }
}

/// The practice the window is on, if any.
pub fn practice_on(screen: Screen, step: WizardStep) -> Option<&'static Practice> {
    practice_of(place_of(screen, step))
}

/// The action that goes to `place`.
pub fn action_for(place: Place) -> Action {
    match place {
        Place::Screen(screen) => Action::Navigate(screen),
        Place::Step(step) => Action::GoToStep(step),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::practices::PRACTICES;

    #[test]
    fn going_to_a_practice_lands_on_a_place_that_serves_it() {
        for p in &PRACTICES {
            let (screen, step) = match action_for(p.home()) {
                Action::GoToStep(step) => (Screen::Wizard, step),
                Action::Navigate(screen) => (screen, WizardStep::Summary),
                other => panic!("practice {}: {other:?}", p.number),
            };
            assert_eq!(practice_on(screen, step), Some(p));
        }
        assert_eq!(practice_on(Screen::Home, WizardStep::Mission), None);
        assert_eq!(
            practice_on(Screen::Wizard, WizardStep::Target).map(|p| p.number),
            Some(3)
        );
    }
}
