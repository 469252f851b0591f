//! Preferences kept between runs: recent workbooks and the last one open.
//! Stored as JSON in the user's configuration folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent workbooks are remembered.
pub const MAX_RECENT: usize = 8;

/// What is remembered between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Recently opened workbooks, newest first.
    pub recent: Vec<PathBuf>,
    /// The workbook open when Ratchet last quit (reopened on start).
    pub last_workbook: Option<PathBuf>,
}

impl Preferences {
    /// Reads preferences; a missing or unreadable file gives the defaults
    /// (preferences are a convenience, never a reason to refuse to start).
    pub fn load(path: &Path) -> Preferences {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!("ignoring unreadable preferences {}: {e}", path.display());
                Preferences::default()
            }),
            Err(_) => Preferences::default(),
        }
    }

    /// Writes preferences atomically (temporary file, then rename).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let temp = path.with_extension("json.part");
        std::fs::write(&temp, json)?;
        std::fs::rename(&temp, path)
    }

    /// Records that `path` was opened: first in the recent list, and the one to reopen.
    pub fn note_opened(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_workbook = Some(path);
    }

    /// Forgets a workbook that could not be opened.
    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        if self.last_workbook.as_deref() == Some(path) {
            self.last_workbook = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_newest_first_and_bounded() {
        let mut p = Preferences::default();
        for i in 0..10 {
            p.note_opened(Path::new(&format!("/nonexistent/w{i}.ratchet")));
        }
        p.note_opened(Path::new("/nonexistent/w5.ratchet"));
        assert_eq!(p.recent.len(), MAX_RECENT);
        assert_eq!(p.recent[0], PathBuf::from("/nonexistent/w5.ratchet"));
        assert_eq!(
            p.recent
                .iter()
                .filter(|r| r.ends_with("w5.ratchet"))
                .count(),
            1
        );
        p.forget(Path::new("/nonexistent/w5.ratchet"));
        assert_eq!(p.last_workbook, None);
    }

    #[test]
    fn round_trip_and_tolerate_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/prefs.json");
        let mut p = Preferences::default();
        p.note_opened(Path::new("/x/y.ratchet"));
        p.save(&path).unwrap();
        assert_eq!(Preferences::load(&path), p);
        std::fs::write(&path, "not json").unwrap();
        assert_eq!(Preferences::load(&path), Preferences::default());
    }
}
