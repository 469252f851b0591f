//! Where the file an action reads or writes is: one argument instead of
//! twin actions (one with a path, one that asks). A path is known when a
//! test, a dropped file or a typed path names it; otherwise the platform's
//! dialog asks for one when the action is applied, in one place here.

use std::path::{Path, PathBuf};

use super::{RatchetApp, dialogs, session::OpenWorkbook};

/// A file (or folder) given, or to be asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum FileChoice {
    /// This path.
    At(PathBuf),
    /// Ask with a dialog for this kind of file.
    Ask(FileKind),
}

impl From<PathBuf> for FileChoice {
    fn from(path: PathBuf) -> Self {
        FileChoice::At(path)
    }
}

impl From<String> for FileChoice {
    /// A path typed into a field.
    fn from(path: String) -> Self {
        FileChoice::At(PathBuf::from(path))
    }
}

/// The kinds of file the dialogs ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A PDF to write.
    Pdf,
    /// A PNG picture to write.
    Png,
    /// Plain text to write.
    Text,
    /// A CSV file to write.
    Csv,
    /// An Excel workbook to write.
    Xlsx,
    /// A web page to write.
    Html,
    /// A Parquet file to write.
    Parquet,
    /// A spreadsheet or CSV file to read.
    Spreadsheet,
    /// A picture (PNG or SVG) to read.
    Picture,
    /// One or more workbooks to read.
    Workbooks,
    /// One or more returned data return files (XLSX or CSV) to read.
    Returns,
    /// A folder.
    Folder,
}

impl FileKind {
    /// The dialog's filter name and the extension, for files to write.
    fn save_filter(self) -> (&'static str, &'static str) {
        match self {
            FileKind::Png => ("PNG picture", "png"),
            FileKind::Text => ("Plain text", "txt"),
            FileKind::Csv => ("CSV", "csv"),
            FileKind::Xlsx => ("Excel workbook", "xlsx"),
            FileKind::Html => ("Web page", "html"),
            FileKind::Parquet => ("Parquet", "parquet"),
            _ => ("PDF", "pdf"),
        }
    }
}

/// What a dialog says it is for: its title and the words after the
/// workbook's name in the suggested file name ("Parks certificate.pdf").
#[derive(Clone, Copy, Debug)]
pub struct Purpose {
    /// The dialog's title.
    pub title: &'static str,
    /// What the file is, for the suggested name.
    pub what: &'static str,
}

impl Purpose {
    /// A purpose from its title and the words for the suggested name.
    pub const fn new(title: &'static str, what: &'static str) -> Self {
        Purpose { title, what }
    }
}

impl RatchetApp {
    /// The folder dialogs start in: the open workbook's, else the workbooks folder.
    pub(super) fn document_dir(&self) -> PathBuf {
        self.session
            .wb()
            .and_then(|wb| wb.path().parent().map(Path::to_path_buf))
            .unwrap_or_else(|| self.locations.workbooks.clone())
    }

    /// The paths a choice stands for, asking when it says so; empty when the
    /// person cancelled the dialog.
    pub(super) fn chosen_paths(&self, choice: FileChoice, purpose: Purpose) -> Vec<PathBuf> {
        let kind = match choice {
            FileChoice::At(path) => return vec![path],
            FileChoice::Ask(kind) => kind,
        };
        let dir = self.document_dir();
        let one = |p: Option<PathBuf>| p.into_iter().collect();
        match kind {
            FileKind::Spreadsheet => one(dialogs::pick_import_file(&self.locations.workbooks)),
            FileKind::Picture => one(dialogs::pick_logo(&dir)),
            FileKind::Workbooks => dialogs::pick_workbooks(&dir).unwrap_or_default(),
            FileKind::Returns => dialogs::pick_returns(&dir).unwrap_or_default(),
            FileKind::Folder => one(dialogs::pick_folder(&dir, purpose.title)),
            _ => {
                let current = self.session.wb().map(|wb| wb.path().to_owned());
                let current = current.unwrap_or_else(|| dir.join("Ratchet"));
                one(dialogs::pick_save_file(
                    &current,
                    purpose.title,
                    purpose.what,
                    kind.save_filter(),
                ))
            }
        }
    }

    /// The one path a choice stands for, asking when it says so.
    pub(super) fn chosen_path(&self, choice: FileChoice, purpose: Purpose) -> Option<PathBuf> {
        self.chosen_paths(choice, purpose).into_iter().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_to_write_suggests_its_own_extension() {
        let kinds = [
            FileKind::Pdf,
            FileKind::Png,
            FileKind::Text,
            FileKind::Csv,
            FileKind::Xlsx,
            FileKind::Html,
        ];
        let exts: Vec<&str> = kinds.iter().map(|k| k.save_filter().1).collect();
        assert_eq!(exts, ["pdf", "png", "txt", "csv", "xlsx", "html"]);
        assert_eq!(
            FileChoice::from(PathBuf::from("a.pdf")),
            FileChoice::At("a.pdf".into())
        );
    }
}
