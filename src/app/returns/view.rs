//! What the Data returns screen reads.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::domain::data_return::ReturnRequest;
use crate::ops::returns::{BoardLine, ConflictChoice, ReturnCheck};

/// The screen's view: each request with its board, newest first, and the
/// returned files being collected.
#[derive(Debug, Default)]
pub struct ReturnsView {
    /// Each request, newest first.
    pub requests: Vec<RequestBoard>,
    /// Returned files checked and waiting to be collected (or refused).
    pub checked: Vec<CheckedReturn>,
}

/// One request and who has reported on it.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestBoard {
    /// The request.
    pub request: ReturnRequest,
    /// "Data return 3 (as of 2 Mar 2026, due 6 Mar 2026)".
    pub label: String,
    /// Each team, the overdue first.
    pub lines: Vec<BoardLine>,
}

/// One returned file as checked.
#[derive(Debug)]
pub struct CheckedReturn {
    /// The file.
    pub path: PathBuf,
    /// What collecting it would write, or why it cannot be collected.
    pub outcome: Result<ReturnCheck, String>,
    /// The choices made for its conflicts, by line.
    pub choices: HashMap<u64, ConflictChoice>,
}
