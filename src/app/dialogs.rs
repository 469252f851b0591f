//! Native file dialogs (rfd). Every action they lead to also exists with an
//! explicit path, so tests and the command line never need a dialog.

use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::storage::WORKBOOK_EXTENSION;

/// Set when a dialog came back empty faster than a person can cancel one:
/// the platform could not show it (no desktop portal, a sandbox…).
static UNAVAILABLE: AtomicBool = AtomicBool::new(false);

/// Faster than this, an empty answer means the dialog never appeared.
const TOO_FAST: Duration = Duration::from_millis(250);

/// Shows a dialog, noting when it could not appear.
fn shown<T>(dialog: impl FnOnce() -> Option<T>) -> Option<T> {
    let started = Instant::now();
    let answer = dialog();
    if answer.is_none() && started.elapsed() < TOO_FAST {
        UNAVAILABLE.store(true, Ordering::Relaxed);
    }
    answer
}

/// True (once) when the last dialog could not be shown, so the window can
/// say so and point to the path field instead of doing nothing.
pub fn take_unavailable() -> bool {
    UNAVAILABLE.swap(false, Ordering::Relaxed)
}

fn workbook_dialog(dir: &Path) -> rfd::FileDialog {
    rfd::FileDialog::new()
        .add_filter("Ratchet workbook", &[WORKBOOK_EXTENSION])
        .set_directory(dir)
}

/// Asks where to create a new workbook.
pub fn pick_new_workbook(dir: &Path) -> Option<PathBuf> {
    let _ = std::fs::create_dir_all(dir);
    shown(|| {
        workbook_dialog(dir)
            .set_title("New workbook")
            .set_file_name(format!("New workbook.{WORKBOOK_EXTENSION}"))
            .save_file()
    })
    .map(with_workbook_extension)
}

/// Asks which workbook to open.
pub fn pick_workbook(dir: &Path) -> Option<PathBuf> {
    shown(|| workbook_dialog(dir).set_title("Open workbook").pick_file())
}

/// Asks for one or more workbooks (the facilitator's comparison).
pub fn pick_workbooks(dir: &Path) -> Option<Vec<PathBuf>> {
    shown(|| {
        workbook_dialog(dir)
            .set_title("Workbooks to compare")
            .pick_files()
    })
}

/// Asks where to save a copy of the workbook at `current`.
pub fn pick_copy_destination(current: &Path) -> Option<PathBuf> {
    let dir = current.parent().unwrap_or(Path::new("."));
    let stem = current
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Workbook".into());
    shown(|| {
        workbook_dialog(dir)
            .set_title("Save a copy as")
            .set_file_name(format!("{stem} (copy).{WORKBOOK_EXTENSION}"))
            .save_file()
    })
    .map(with_workbook_extension)
}

/// Asks which spreadsheet to import.
pub fn pick_import_file(dir: &Path) -> Option<PathBuf> {
    shown(|| {
        rfd::FileDialog::new()
            .set_title("Import values")
            .add_filter(
                "Spreadsheets and CSV",
                &["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"],
            )
            .set_directory(dir)
            .pick_file()
    })
}

/// Asks where to save a document of type `ext` next to the workbook at
/// `current`, suggesting "{workbook name} {what}.{ext}".
pub fn pick_save_file(
    current: &Path,
    title: &str,
    what: &str,
    (filter, ext): (&str, &str),
) -> Option<PathBuf> {
    let dir = current.parent().unwrap_or(Path::new("."));
    let stem = current
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Ratchet".into());
    shown(|| {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(filter, &[ext])
            .set_directory(dir)
            .set_file_name(format!("{stem} {what}.{ext}"))
            .save_file()
    })
    .map(|p| {
        if p.extension().is_some() {
            p
        } else {
            p.with_extension(ext)
        }
    })
}

/// Asks for returned data return files.
pub fn pick_returns(dir: &Path) -> Option<Vec<PathBuf>> {
    shown(|| {
        rfd::FileDialog::new()
            .set_title("Returned files")
            .add_filter("Data returns (XLSX, CSV)", &["xlsx", "csv"])
            .set_directory(dir)
            .pick_files()
    })
}

/// Asks which picture to use as the certificates' logo.
pub fn pick_logo(dir: &Path) -> Option<PathBuf> {
    shown(|| {
        rfd::FileDialog::new()
            .set_title("Choose a logo")
            .add_filter("Pictures (PNG, SVG)", &["png", "svg"])
            .set_directory(dir)
            .pick_file()
    })
}

/// Asks for a folder (for a batch of certificates).
pub fn pick_folder(dir: &Path, title: &str) -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title(title)
        .set_directory(dir)
        .pick_folder()
}

/// Adds `.ratchet` when the chosen name has no extension.
pub fn with_workbook_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(WORKBOOK_EXTENSION)
    }
}

/// The path for a new workbook called `name` in `dir`, or why the name cannot be used.
pub fn workbook_path_for(dir: &Path, name: &str) -> Result<PathBuf, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Give the new workbook a name.".into());
    }
    if name.chars().count() > 120 {
        return Err("Keep the workbook name under 120 characters.".into());
    }
    let bad = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
    if let Some(c) = name.chars().find(|c| bad.contains(c) || c.is_control()) {
        return Err(format!(
            "A file name cannot contain \"{}\".",
            c.escape_default()
        ));
    }
    if name.starts_with('.') {
        return Err("A workbook name cannot start with a dot.".into());
    }
    Ok(dir.join(format!("{name}.{WORKBOOK_EXTENSION}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_paths_or_reasons() {
        let dir = Path::new("/tmp/wb");
        assert_eq!(
            workbook_path_for(dir, " Parks ").unwrap(),
            dir.join("Parks.ratchet")
        );
        assert!(workbook_path_for(dir, "").is_err());
        assert!(workbook_path_for(dir, "a/b").unwrap_err().contains('/'));
        assert!(workbook_path_for(dir, ".hidden").is_err());
        assert_eq!(
            with_workbook_extension(PathBuf::from("x")),
            PathBuf::from("x.ratchet")
        );
        assert_eq!(
            with_workbook_extension(PathBuf::from("x.db")),
            PathBuf::from("x.db")
        );
    }
}
