//! The sample agency as a first run sees it: the workbook filled by
//! `sample`, then the wins found in its data recorded, as they would be in
//! use.

use std::path::Path;

use crate::sample::{SampleError, fill_sample};
use crate::storage::{StorageError, Workbook};

/// Creates the sample workbook at `path` (which must not exist); nothing is
/// left behind if it cannot be finished.
pub fn create_sample(path: &Path) -> Result<Workbook, SampleError> {
    let mut wb = Workbook::create(path)?;
    if let Err(e) = fill_with_wins(&mut wb) {
        drop(wb);
        let _ = std::fs::remove_file(path);
        return Err(e.into());
    }
    Ok(wb)
}

fn fill_with_wins(wb: &mut Workbook) -> Result<(), StorageError> {
    fill_sample(wb)?;
    super::wins::detect_wins(wb, super::wins::DetectScope::All)?;
    Ok(())
}
