//! What the roll-up screen reads.

use std::path::PathBuf;

use crate::analysis::rollup::{Portfolio, RollupColumn};

/// The roll-up as shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RollupView {
    /// The agencies read, in the order shown.
    pub portfolio: Portfolio,
    /// The column sorted by, and whether descending.
    pub sort: (RollupColumn, bool),
    /// The agency drilled into.
    pub selected: Option<PathBuf>,
    /// True while the folder is being read.
    pub reading: bool,
}
