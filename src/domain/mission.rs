//! The mission statement and its dated versions (practice 1).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MissionVersionId;

/// Fewest characters a mission statement may have.
pub const MIN_MISSION_CHARS: usize = 10;
/// Most characters a mission statement may have: it is meant to be proclaimed, not read.
pub const MAX_MISSION_CHARS: usize = 600;

/// One saved version of the mission; the newest is the mission in force.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissionVersion {
    /// Its id.
    pub id: MissionVersionId,
    /// The statement as saved.
    pub statement: String,
    /// Why it changed from the previous version (empty for the first).
    pub reason: String,
    /// When it was saved.
    pub saved_at: DateTime<Utc>,
}

/// Checks a mission statement; `Ok` carries the statement with surrounding
/// whitespace removed (inner text is kept exactly).
pub fn validate_mission(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    let chars = trimmed.chars().count();
    if chars == 0 {
        return Err("Write the mission statement: what is the agency trying to accomplish?".into());
    }
    if chars < MIN_MISSION_CHARS {
        return Err(format!(
            "The mission is too short ({chars} characters); say what the agency is trying to accomplish in at least {MIN_MISSION_CHARS}."
        ));
    }
    if chars > MAX_MISSION_CHARS {
        return Err(format!(
            "The mission is {chars} characters long; keep it under {MAX_MISSION_CHARS} so people can remember it."
        ));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mission_length_rules() {
        assert!(validate_mission("   ").is_err());
        assert!(validate_mission("Roads").unwrap_err().contains("too short"));
        assert!(
            validate_mission(&"a".repeat(601))
                .unwrap_err()
                .contains("under 600")
        );
        assert_eq!(
            validate_mission("  Keep every street safe.  ").unwrap(),
            "Keep every street safe."
        );
    }
}
