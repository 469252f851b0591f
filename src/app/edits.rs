//! Undo and Redo of edits: values, names, targets, the framework's words
//! and the statuses of flags and follow-ups. Each edit is remembered with
//! what it was before and after; undoing writes the "before" back through
//! the same storage calls (so the audit trail and the histories keep a
//! trace of it), redoing writes the "after".

use crate::app::RatchetApp;
use crate::app::session::{Changed, OpenWorkbook};
use crate::domain::integrity::{FlagId, FlagStatus};
use crate::domain::meeting::{FollowUpId, FollowUpStatus, MeetingId};
use crate::domain::{
    Agency, Cell, Deficit, DeficitChoice, Indicator, IndicatorId, TargetValues, Team, TeamId,
    TheoryStep,
};
use crate::storage::{StorageResult, Workbook};

/// How many edits are kept for Undo.
pub(super) const UNDO_DEPTH: usize = 100;

/// One change of values: each cell with its value before and after.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ValueEdit {
    pub cells: Vec<(Cell, Option<f64>, Option<f64>)>,
}

/// One edit Edit → Undo can take back, with what it was before and after.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Edit {
    /// Values typed or pasted.
    Values(ValueEdit),
    /// A team renamed (or its contact changed).
    Team { before: Team, after: Team },
    /// An indicator's details changed.
    Indicator {
        before: Box<Indicator>,
        after: Box<Indicator>,
    },
    /// A target set or withdrawn (`None`: no target in force).
    Target {
        indicator: IndicatorId,
        team: Option<TeamId>,
        before: Option<TargetValues>,
        after: Option<TargetValues>,
    },
    /// The agency's name or its leader's.
    Agency { before: Agency, after: Agency },
    /// A new version of the mission saved (undoing saves the one before as
    /// the newest version, so the history keeps both).
    Mission { before: String, after: String },
    /// A candidate deficit's words or scores.
    Deficit {
        before: Box<Deficit>,
        after: Box<Deficit>,
    },
    /// Which deficit is chosen, and why.
    DeficitChoice {
        before: DeficitChoice,
        after: DeficitChoice,
    },
    /// A step of the theory.
    TheoryStep {
        before: Box<TheoryStep>,
        after: Box<TheoryStep>,
    },
    /// A flag settled or opened again: (status, note).
    Flag {
        id: FlagId,
        before: (FlagStatus, String),
        after: (FlagStatus, String),
    },
    /// A follow-up resolved or opened again: (status, resolution, meeting).
    FollowUp {
        id: FollowUpId,
        before: (FollowUpStatus, String, Option<MeetingId>),
        after: (FollowUpStatus, String, Option<MeetingId>),
    },
}

impl Edit {
    /// True when nothing changed (not worth an Undo step).
    fn is_empty(&self) -> bool {
        match self {
            Edit::Values(v) => v.cells.iter().all(|(_, b, a)| b == a),
            Edit::Team { before, after } => before == after,
            Edit::Indicator { before, after } => before == after,
            Edit::Target { before, after, .. } => before == after,
            Edit::Agency { before, after } => before == after,
            Edit::Mission { before, after } => before == after,
            Edit::Deficit { before, after } => before == after,
            Edit::DeficitChoice { before, after } => before == after,
            Edit::TheoryStep { before, after } => before == after,
            Edit::Flag { before, after, .. } => before == after,
            Edit::FollowUp { before, after, .. } => before == after,
        }
    }

    /// Folds `next` into this edit when both change the same words, as
    /// typing does letter by letter, so one Undo takes back the run;
    /// gives `next` back otherwise.
    fn absorb(&mut self, next: Edit) -> Option<Edit> {
        match (self, next) {
            (Edit::Agency { after, .. }, Edit::Agency { after: a, .. }) => *after = a,
            (Edit::DeficitChoice { after, .. }, Edit::DeficitChoice { after: a, .. }) => *after = a,
            (
                Edit::Deficit { before, after },
                Edit::Deficit {
                    before: b,
                    after: a,
                },
            ) if before.id == b.id => *after = a,
            (
                Edit::TheoryStep { before, after },
                Edit::TheoryStep {
                    before: b,
                    after: a,
                },
            ) if before.id == b.id => *after = a,
            (_, next) => return Some(next),
        }
        None
    }

    /// What Undo (or Redo) of the edit did, for its message.
    fn outcome(&self, undoing: bool) -> String {
        let again = if undoing {
            "is as it was"
        } else {
            "is changed again"
        };
        match self {
            Edit::Values(v) => match v.cells.len() {
                1 => format!("the value {again}"),
                n => format!(
                    "the {n} values are as they {}",
                    if undoing { "were" } else { "were changed" }
                ),
            },
            Edit::Team { before, after } => {
                format!(
                    "the team is \"{}\" again",
                    pick(undoing, before, after).name
                )
            }
            Edit::Indicator { before, after } => {
                format!(
                    "the indicator \"{}\" {again}",
                    pick(undoing, before, after).name
                )
            }
            Edit::Target { before, after, .. } => match pick(undoing, before, after) {
                Some(_) => format!("the target {again}"),
                None => "the target is withdrawn again".to_owned(),
            },
            Edit::Agency { .. } => format!("the agency's details {again}"),
            Edit::Mission { .. } => format!("the mission {again} (a new version in its history)"),
            Edit::Deficit { before, after } => format!(
                "the deficit \"{}\" {again}",
                pick(undoing, before, after).display_title()
            ),
            Edit::DeficitChoice { .. } => format!("the choice of deficit {again}"),
            Edit::TheoryStep { .. } => format!("the theory step {again}"),
            Edit::Flag { before, after, .. } => {
                format!(
                    "the flag is {} again",
                    pick(undoing, before, after).0.label()
                )
            }
            Edit::FollowUp { before, after, .. } => {
                format!(
                    "the follow-up is {} again",
                    pick(undoing, before, after).0.label()
                )
            }
        }
    }
}

/// The edits that can be undone, and those undone that can be made again
/// (cleared by a new edit).
#[derive(Debug, Default)]
pub(super) struct EditHistory {
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
}

impl EditHistory {
    /// Remembers an edit just made: folded into the last one when it goes
    /// on changing the same words, forgotten when it changed nothing; the
    /// oldest is forgotten past the depth.
    pub fn remember(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        let edit = match self.undo.last_mut() {
            Some(last) => last.absorb(edit),
            None => Some(edit),
        };
        if let Some(edit) = edit {
            self.undo.push(edit);
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        if self.undo.last().is_some_and(Edit::is_empty) {
            // Typed back to where it began: nothing left to undo.
            self.undo.pop();
        }
    }
}

impl RatchetApp {
    /// Runs a write that changes `view`, remembered for Undo: `before`
    /// reads what the write replaces, `edit` pairs it with what replaces it.
    /// True when the write was stored.
    pub(in crate::app) fn write_remembered<B>(
        &mut self,
        view: Changed,
        before: impl FnOnce(&Workbook) -> Option<B>,
        write: impl FnOnce(&mut Workbook) -> StorageResult<()>,
        edit: impl FnOnce(B) -> Edit,
    ) -> bool {
        let before = self.session.wb().and_then(before);
        let written = self.write_changing(view, write).is_some();
        if written && let Some(before) = before {
            self.remember(edit(before));
        }
        written
    }

    /// Remembers an edit for Undo.
    pub(in crate::app) fn remember(&mut self, edit: Edit) {
        self.in_session(|s| s.edits.remember(edit));
    }

    /// Takes back the last edit.
    pub(in crate::app) fn undo_edit(&mut self) {
        let Some(edit) = self.session.as_mut().and_then(|s| s.edits.undo.pop()) else {
            // Nothing to undo: a removal offered for undoing, if any.
            self.undo_removal();
            return;
        };
        if self.make_edit(&edit, true) {
            self.in_session(|s| s.edits.redo.push(edit));
        } else {
            self.in_session(|s| s.edits.undo.push(edit));
        }
    }

    /// Makes the last undone edit again.
    pub(in crate::app) fn redo_edit(&mut self) {
        let Some(edit) = self.session.as_mut().and_then(|s| s.edits.redo.pop()) else {
            return;
        };
        if self.make_edit(&edit, false) {
            self.in_session(|s| s.edits.undo.push(edit));
        } else {
            self.in_session(|s| s.edits.redo.push(edit));
        }
    }

    /// Puts an edit's "before" (undoing) or "after" (redoing) in place;
    /// true when it was stored.
    fn make_edit(&mut self, edit: &Edit, undoing: bool) -> bool {
        let reason = if undoing { "Undone" } else { "Redone" };
        let done = match edit {
            Edit::Values(v) => {
                let changes: Vec<(Cell, Option<f64>)> = v
                    .cells
                    .iter()
                    .map(|(c, old, new)| (*c, pick(undoing, *old, *new)))
                    .collect();
                // Says so itself.
                return self.write_values(&changes, reason, "undo");
            }
            Edit::Team { before, after } => {
                let team = pick(undoing, before, after);
                self.write_changing(Changed::Setup, |wb| wb.update_team(team))
            }
            Edit::Indicator { before, after } => {
                let ind = pick(undoing, before, after);
                self.changed(Changed::Framework);
                self.write_changing(Changed::Setup, |wb| wb.update_indicator(ind))
            }
            Edit::Target {
                indicator,
                team,
                before,
                after,
            } => self.write_changing(Changed::Setup, |wb| match pick(undoing, before, after) {
                Some(values) => wb
                    .set_indicator_target(*indicator, *team, values)
                    .map(|_| ()),
                None => wb.clear_indicator_target(*indicator, *team),
            }),
            Edit::Agency { before, after } => self.write_changing(Changed::Framework, |wb| {
                wb.set_agency(pick(undoing, before, after))
            }),
            Edit::Mission { before, after } => {
                let statement = pick(undoing, before, after);
                let done = self.write_changing(Changed::Framework, |wb| {
                    wb.save_mission(statement, reason).map(|_| ())
                });
                if done.is_some() {
                    self.show_mission_in_draft(statement);
                }
                done
            }
            Edit::Deficit { before, after } => self.write_changing(Changed::Framework, |wb| {
                wb.update_deficit(pick(undoing, before, after))
            }),
            Edit::DeficitChoice { before, after } => {
                let choice = pick(undoing, before, after);
                self.write_changing(Changed::Framework, |wb| {
                    wb.choose_deficit(choice.chosen)?;
                    wb.set_deficit_rationale(&choice.rationale)
                })
            }
            Edit::TheoryStep { before, after } => self.write_changing(Changed::Framework, |wb| {
                wb.update_theory_step(pick(undoing, before, after))
            }),
            Edit::Flag { id, before, after } => {
                let (status, note) = pick(undoing, before, after);
                let done = self.write(|wb| wb.set_flag_status(*id, *status, note));
                if done.is_some() {
                    self.reload_integrity();
                }
                done
            }
            Edit::FollowUp { id, before, after } => {
                let (status, resolution, at) = pick(undoing, before, after);
                let at = at.unwrap_or(MeetingId(0));
                let done = self.write(|wb| wb.resolve_follow_up(*id, *status, at, resolution));
                if done.is_some() {
                    self.reload_meetings();
                }
                done
            }
        }
        .is_some();
        if done {
            self.info(format!("{reason}: {}.", edit.outcome(undoing)));
        }
        done
    }
}

/// The "before" of an edit when undoing it, the "after" when redoing it.
fn pick<T>(undoing: bool, before: T, after: T) -> T {
    if undoing { before } else { after }
}
