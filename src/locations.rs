//! Where Ratchet keeps its files on this computer: preferences, workbooks,
//! backups and the log. Shared by the window and the command line, so
//! neither needs the other to find them.

use std::path::{Path, PathBuf};

/// Where Ratchet keeps its files on this computer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locations {
    /// The preferences file.
    pub preferences: PathBuf,
    /// Where new workbooks and the sample go by default.
    pub workbooks: PathBuf,
    /// Where automatic backups go (one folder per workbook inside).
    pub backups: PathBuf,
    /// Where the log file and crash reports go.
    pub logs: PathBuf,
}

impl Locations {
    /// The platform's folders: preferences in the configuration folder,
    /// workbooks in Documents/Ratchet (or the data folder where there is no Documents).
    pub fn for_this_user() -> Locations {
        let project = directories::ProjectDirs::from("org", "Ratchet", "Ratchet");
        let preferences = project
            .as_ref()
            .map(|p| p.config_dir().join("preferences.json"))
            .unwrap_or_else(|| PathBuf::from("ratchet-preferences.json"));
        let workbooks = directories::UserDirs::new()
            .and_then(|u| u.document_dir().map(|d| d.join("Ratchet")))
            .or_else(|| project.as_ref().map(|p| p.data_dir().join("Workbooks")))
            .unwrap_or_else(|| PathBuf::from("."));
        let logs = project
            .as_ref()
            .map(|p| p.data_local_dir().join("logs"))
            .unwrap_or_else(|| workbooks.join("logs"));
        Locations {
            preferences,
            backups: workbooks.join("Backups"),
            workbooks,
            logs,
        }
    }

    /// The platform's folders, or everything under `$RATCHET_HOME` when that
    /// is set (portable use, demonstrations, tests).
    pub fn from_env() -> Locations {
        match std::env::var_os("RATCHET_HOME") {
            Some(root) if !root.is_empty() => Locations::under(Path::new(&root)),
            _ => Locations::for_this_user(),
        }
    }

    /// Everything under one folder (for tests and portable use).
    pub fn under(root: &Path) -> Locations {
        Locations {
            preferences: root.join("preferences.json"),
            workbooks: root.join("Workbooks"),
            backups: root.join("Workbooks").join("Backups"),
            logs: root.join("logs"),
        }
    }
}
