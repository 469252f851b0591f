//! The choices an import is made with, and the sizes that bound its memory.

use super::*;

/// Choices the person makes about how to read the file.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOptions {
    /// Day or month first in dates like 3/4/2024 (detected from the file when unknown).
    pub date_order: DateOrder,
    /// Decimal mark (`None`: detected from the file).
    pub decimal: Option<DecimalMark>,
    /// Update values that differ, or keep the stored ones.
    pub on_existing: OnExisting,
    /// Create teams and indicators the file names but the workbook lacks.
    pub create_missing: bool,
    /// How often new indicators are reported (`None`: from their period labels).
    pub new_indicator_frequency: Option<Frequency>,
    /// Which way is better for new indicators whose direction the file does
    /// not give (`None`: the import asks; it never guesses).
    pub new_indicator_direction: Option<Direction>,
    /// The reason recorded for changed values and values in locked periods.
    pub reason: String,
    /// How many values are checked in memory; a larger file's values wait
    /// in a scratch database on disk, so memory does not grow with the file.
    pub values_in_memory: usize,
}

/// Values checked in memory before a file's values go to disk: checking
/// in memory needs about 160 bytes a value at its peak.
pub const VALUES_IN_MEMORY: usize = 100_000;

/// New teams and indicators named in a report before "and N more".
pub(super) const NAMES_SHOWN: usize = 20;

/// Values per record chunk kept on disk.
pub(super) const SPILL_CHUNK: usize = 8192;

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            date_order: DateOrder::Unknown,
            decimal: None,
            on_existing: OnExisting::Update,
            create_missing: false,
            new_indicator_frequency: None,
            new_indicator_direction: None,
            reason: String::new(),
            values_in_memory: VALUES_IN_MEMORY,
        }
    }
}
