//! How a series' XmR limits are computed: fixed from a baseline span, or
//! recalculated after a process change. Kept per series in the workbook
//! and chosen on the XmR screen.

use chrono::NaiveDate;

/// A series' limit settings, by period start dates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct XmrSetting {
    /// First period of the baseline span.
    pub baseline_from: Option<NaiveDate>,
    /// Last period of the baseline span.
    pub baseline_to: Option<NaiveDate>,
    /// Recalculate the limits from this period on.
    pub recalc_from: Option<NaiveDate>,
}
