//! The mark that makes a workbook a workshop participant's practice copy of
//! a scenario: which scenario, and whose it is.

use super::settings::{get_setting, put_setting};
use super::{StorageError, StorageResult, Workbook};

const SCENARIO: &str = "workshop_scenario";
const PARTICIPANT: &str = "workshop_participant";

/// A practice workbook's scenario (by key) and participant.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkshopMark {
    /// The scenario's key (see `sample::Scenario::key`).
    pub scenario: String,
    /// The participant's name as typed (may be empty).
    pub participant: String,
}

impl Workbook {
    /// The workshop mark, if this is a practice workbook.
    pub fn workshop_mark(&self) -> StorageResult<Option<WorkshopMark>> {
        let Some(scenario) = get_setting(self.conn(), SCENARIO)? else {
            return Ok(None);
        };
        Ok(Some(WorkshopMark {
            scenario,
            participant: get_setting(self.conn(), PARTICIPANT)?.unwrap_or_default(),
        }))
    }

    /// Marks this workbook as a practice workbook.
    pub fn set_workshop_mark(&mut self, mark: &WorkshopMark) -> StorageResult<()> {
        if mark.scenario.trim().is_empty() {
            return Err(StorageError::Rule(
                "A practice workbook needs its scenario.".into(),
            ));
        }
        self.transact(|tx| {
            put_setting(tx, SCENARIO, mark.scenario.trim())?;
            put_setting(tx, PARTICIPANT, mark.participant.trim())
        })
    }
}
