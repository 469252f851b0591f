//! Handing a written file to the system: opened in its own program, or
//! shown in the file manager.

use std::path::Path;

/// Opens `path` with the program the system uses for it.
pub fn open(path: &Path) -> Result<(), String> {
    opener::open(path).map_err(|e| {
        format!(
            "{} could not be opened by another program ({e}); it is saved there.",
            path.display()
        )
    })
}

/// Shows `path` in the file manager: selected where the system can do so
/// (Windows Explorer, the macOS Finder), else its folder opened.
pub fn show_in_folder(path: &Path) -> Result<(), String> {
    let failed = |e: &dyn std::fmt::Display| {
        format!("The folder of {} could not be shown ({e}).", path.display())
    };
    if cfg!(target_os = "windows") {
        let mut select = std::ffi::OsString::from("/select,");
        select.push(path);
        return std::process::Command::new("explorer")
            .arg(select)
            .spawn()
            .map(|_| ())
            .map_err(|e| failed(&e));
    }
    if cfg!(target_os = "macos") {
        return std::process::Command::new("open")
            .arg("-R")
            .arg(path)
            .spawn()
            .map(|_| ())
            .map_err(|e| failed(&e));
    }
    let folder = path.parent().unwrap_or(path);
    opener::open(folder).map_err(|e| failed(&e))
}
