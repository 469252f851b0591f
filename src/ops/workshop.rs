//! Workshop mode's file work: making a participant's practice workbook,
//! putting it back to its scenario's start, and reading several
//! participants' frameworks for the facilitator to compare.

use std::path::{Path, PathBuf};

use crate::domain::Framework;
use crate::export::files::{hidden_sibling, safe_stem};
use crate::sample::{Scenario, fill_practice};
use crate::storage::{StorageError, StorageResult, WORKBOOK_EXTENSION, Workbook};

/// The file a participant's practice workbook of `scenario` gets in `dir`.
pub fn practice_path(dir: &Path, scenario: Scenario, participant: &str) -> PathBuf {
    let who = if participant.trim().is_empty() {
        "practice".to_owned()
    } else {
        safe_stem(participant)
    };
    dir.join(format!(
        "{} - {who}.{WORKBOOK_EXTENSION}",
        safe_stem(scenario.agency())
    ))
}

/// Makes `participant`'s practice workbook of `scenario` at `path` (which
/// must not exist). It is built beside the path under a temporary name and
/// moved into place only when complete, so a failure leaves nothing behind.
pub fn create_practice(path: &Path, scenario: Scenario, participant: &str) -> StorageResult<()> {
    if path.exists() {
        return Err(StorageError::Duplicate(format!(
            "{} already exists; open it, or choose another name.",
            path.display()
        )));
    }
    let temp = hidden_sibling(path, "building");
    build(&temp, scenario, participant)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        StorageError::from(e)
    })
}

/// Writes a complete practice workbook at `temp`, removing it on failure.
fn build(temp: &Path, scenario: Scenario, participant: &str) -> StorageResult<()> {
    let _ = std::fs::remove_file(temp);
    let made = Workbook::create(temp)
        .map_err(|e| StorageError::Rule(e.to_string()))
        .and_then(|mut wb| fill_practice(&mut wb, scenario, participant));
    if made.is_err() {
        let _ = std::fs::remove_file(temp);
    }
    made
}

/// Puts the closed practice workbook at `path` back to its scenario's start
/// (same scenario, same participant): the workbook as it is now is first
/// kept in a backup in `backups`, whose path is returned.
pub fn reset_practice(path: &Path, backups: &Path) -> StorageResult<PathBuf> {
    let mark = Workbook::open_read_only(path)
        .map_err(|e| StorageError::Rule(e.to_string()))?
        .workshop_mark()?
        .ok_or_else(|| {
            StorageError::Rule(format!(
                "{} is not a practice workbook, so it has no scenario to go back to.",
                path.display()
            ))
        })?;
    let scenario = Scenario::from_key(&mark.scenario).ok_or_else(|| {
        StorageError::Rule(format!(
            "{} was made for a scenario (\"{}\") this version of Ratchet does not know.",
            path.display(),
            mark.scenario
        ))
    })?;
    std::fs::create_dir_all(backups)?;
    let temp = hidden_sibling(
        &backups.join(path.file_name().unwrap_or_default()),
        "building",
    );
    build(&temp, scenario, &mark.participant)?;
    let kept = crate::ops::backups::replace(
        path,
        &temp,
        backups,
        crate::ops::backups::BackupReason::Reset,
    );
    let _ = std::fs::remove_file(&temp);
    kept
}

/// One participant's framework, as the facilitator compares it.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonEntry {
    /// The workbook it was read from.
    pub path: PathBuf,
    /// Who built it: the practice workbook's participant, else the leader
    /// named in it, else the file's name.
    pub participant: String,
    /// The scenario, when it is a practice workbook of a known one.
    pub scenario: Option<Scenario>,
    /// The framework as stored.
    pub framework: Framework,
}

/// Reads the framework of the workbook at `path` without changing it (it
/// may be open in a participant's window meanwhile).
pub fn read_for_comparison(path: &Path) -> Result<ComparisonEntry, String> {
    let wb = Workbook::open_read_only(path).map_err(|e| e.to_string())?;
    let read = || -> StorageResult<_> { Ok((wb.framework()?, wb.workshop_mark()?)) };
    let (framework, mark) =
        read().map_err(|e| format!("{} could not be read: {e}", path.display()))?;
    let file_stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let participant = [
        mark.as_ref().map(|m| m.participant.trim()).unwrap_or(""),
        framework.agency.leader_name.trim(),
    ]
    .into_iter()
    .find(|n| !n.is_empty())
    .map(str::to_owned)
    .unwrap_or(file_stem);
    Ok(ComparisonEntry {
        path: path.to_owned(),
        participant,
        scenario: mark.and_then(|m| Scenario::from_key(&m.scenario)),
        framework,
    })
}

/// The workbooks directly inside `dir`, sorted by name (for comparing a
/// whole shared folder of participants' files).
pub fn workbooks_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| e == WORKBOOK_EXTENSION)
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn practice_paths_name_the_agency_and_the_participant() {
        let p = practice_path(Path::new("/w"), Scenario::Parks, "Ana María");
        assert_eq!(
            p,
            Path::new("/w/Lakeside-Parks-and-Recreation - Ana-María.ratchet")
        );
        let unnamed = practice_path(Path::new("/w"), Scenario::Benefits, "  ");
        assert!(unnamed.to_string_lossy().ends_with(" - practice.ratchet"));
    }
}
