//! Removals that can be put back: a removed deficit or theory step is kept in
//! memory, and the banner that reports the removal offers Undo.

use super::RatchetApp;
use super::session::OpenWorkbook;
use super::view::{Message, Tone};
use crate::app::session::Changed;
use crate::domain::{Deficit, DeficitId, TheoryStep, TheoryStepId};

/// What the last removal took away.
#[derive(Clone, Debug)]
pub(super) enum Removed {
    /// A candidate deficit, and whether it was the chosen one.
    Deficit { deficit: Deficit, was_chosen: bool },
    /// A theory step and its place in the chain.
    TheoryStep { step: TheoryStep, index: usize },
}

impl RatchetApp {
    fn offer_undo(&mut self, removed: Removed, text: String) {
        self.view.message = Some(Message {
            detail: None,
            tone: Tone::Info,
            text,
            undo: true,
            file: None,
        });
        self.in_session(|s| s.undo = Some(removed));
    }

    pub(super) fn remove_deficit(&mut self, id: DeficitId) {
        let Some(framework) = self.session.views().map(|v| &v.framework) else {
            return;
        };
        let Some(deficit) = framework.deficits.iter().find(|d| d.id == id).cloned() else {
            return;
        };
        let was_chosen = framework.choice.chosen == Some(id);
        if self.write(|wb| wb.remove_deficit(id)).is_some() {
            if self.ui_state.selected_deficit == Some(id) {
                self.ui_state.selected_deficit = None;
            }
            self.changed(Changed::Framework);
            let text = format!("Removed the deficit \"{}\".", deficit.display_title());
            self.offer_undo(
                Removed::Deficit {
                    deficit,
                    was_chosen,
                },
                text,
            );
        }
    }

    pub(super) fn remove_theory_step(&mut self, id: TheoryStepId) {
        let Some(theory) = self.session.views().map(|v| &v.framework.theory) else {
            return;
        };
        let Some(index) = theory.iter().position(|s| s.id == id) else {
            return;
        };
        let step = theory[index].clone();
        if self.write(|wb| wb.remove_theory_step(id)).is_some() {
            if self.ui_state.selected_step == Some(id) {
                self.ui_state.selected_step = None;
            }
            self.changed(Changed::Framework);
            let name = if step.outcome.trim().is_empty() {
                "an unnamed outcome".to_owned()
            } else {
                format!("\"{}\"", step.outcome.trim())
            };
            self.offer_undo(
                Removed::TheoryStep { step, index },
                format!("Removed {name} from the theory."),
            );
        }
    }

    /// Puts back the last removal, if any.
    pub(super) fn undo_removal(&mut self) {
        let Some(removed) = self.session.as_mut().and_then(|s| s.undo.take()) else {
            return;
        };
        self.view.message = None;
        match removed {
            Removed::Deficit {
                deficit,
                was_chosen,
            } => {
                if let Some(id) = self.write(|wb| wb.restore_deficit(&deficit, was_chosen)) {
                    self.ui_state.selected_deficit = Some(id);
                }
            }
            Removed::TheoryStep { step, index } => {
                if let Some(id) = self.write(|wb| wb.insert_theory_step_at(&step, index)) {
                    self.ui_state.selected_step = Some(id);
                }
            }
        }
        self.changed(Changed::Framework);
    }
}
