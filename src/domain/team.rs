//! Teams: the units whose performance is measured and compared.

use serde::{Deserialize, Serialize};

use super::TeamId;

/// A team (a district crew, an office, a unit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Its id.
    pub id: TeamId,
    /// Its name, unique in the workbook (ignoring case).
    pub name: String,
    /// Who reports its data.
    pub contact: String,
    /// Archived teams keep their history but leave the active lists.
    pub archived: bool,
}

/// The name under which agency-wide values are exported and imported.
pub const AGENCY_ROW_NAME: &str = "(whole agency)";
