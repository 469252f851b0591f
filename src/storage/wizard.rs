//! The wizard's draft, saved as the leader types.

use rusqlite::{Connection, OptionalExtension};

use super::{StorageResult, Workbook};
use crate::domain::WizardDraft;

pub(super) fn load(conn: &Connection) -> StorageResult<Option<WizardDraft>> {
    let text: Option<String> = conn
        .query_row("SELECT draft FROM wizard_draft WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    // A draft that cannot be read (e.g. from a damaged file) is not worth
    // refusing the workbook over: the committed framework is intact, and the
    // wizard starts again from it.
    Ok(text.and_then(|t| match serde_json::from_str(&t) {
        Ok(d) => Some(d),
        Err(e) => {
            tracing::warn!("ignoring unreadable wizard draft: {e}");
            None
        }
    }))
}

impl Workbook {
    /// The saved draft, if the wizard has been used.
    pub fn wizard_draft(&self) -> StorageResult<Option<WizardDraft>> {
        load(self.conn())
    }

    /// Saves the draft (replacing the previous one).
    pub fn save_wizard_draft(&mut self, draft: &WizardDraft) -> StorageResult<()> {
        let json = serde_json::to_string(draft).map_err(|e| {
            super::StorageError::Corrupt(format!("draft could not be encoded: {e}"))
        })?;
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO wizard_draft (id, draft) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET draft = excluded.draft",
                [json],
            )?;
            Ok(())
        })
    }
}
