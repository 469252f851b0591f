//! Spilling a very large file's values to a scratch database on disk, so
//! that memory does not grow with the file.

use super::*;

impl Planner<'_> {
    /// Moves the pending values (those waiting for their indicator's
    /// frequency) to the scratch database on disk.
    pub(super) fn spill(&mut self) {
        if self.failure.is_some() {
            self.pending.clear();
            return;
        }
        if let Err(e) = self.try_spill() {
            self.failure = Some(e);
        }
        self.pending.clear();
    }

    pub(super) fn try_spill(&mut self) -> Result<(), StorageError> {
        let pending = std::mem::take(&mut self.pending);
        let scratch = self.scratch_mut()?;
        let mut bytes = Vec::new();
        let mut in_bytes = 0;
        for p in pending.iter() {
            p.encode(&mut bytes);
            in_bytes += 1;
            if in_bytes == SPILL_CHUNK {
                scratch.push_pending(&bytes)?;
                bytes.clear();
                in_bytes = 0;
            }
        }
        if in_bytes > 0 {
            scratch.push_pending(&bytes)?;
        }
        Ok(())
    }
}
