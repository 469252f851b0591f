//! Measured values and the audit trail of their changes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{IndicatorId, TeamId};

/// The address of one value: which team, which indicator, which period (by its start).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Cell {
    /// The indicator.
    pub indicator: IndicatorId,
    /// The team.
    pub team: TeamId,
    /// The first day of the period.
    pub period_start: NaiveDate,
}

/// One change of a value, as kept in the audit trail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueChange {
    /// The value's address.
    pub cell: Cell,
    /// The value before (`None`: not reported).
    pub old_value: Option<f64>,
    /// The value after (`None`: removed).
    pub new_value: Option<f64>,
    /// When the change was made.
    pub changed_at: DateTime<Utc>,
    /// Why, as given by the person making it.
    pub reason: String,
    /// How it came in: "entry", "paste", "import", ...
    pub source: String,
}

/// What to do with a value that already exists and differs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnExisting {
    /// Change it, with an audit row.
    #[default]
    Update,
    /// Leave the stored value.
    Skip,
}
