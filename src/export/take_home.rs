//! A workshop participant's take-home: the framework card they built and the
//! eleven practices on one page, as a two-page PDF.

use std::path::Path;

use chrono::NaiveDate;

use super::card::framework_card;
use super::document::DocumentError;
use super::files::write_document;
use super::practices_sheet::practices_sheet;
use crate::domain::Framework;
use crate::domain::certificate::Paper;

/// The take-home's pages (SVG), title, and what stops it being printed.
#[derive(Clone, Debug, PartialEq)]
pub struct TakeHome {
    /// The framework card, then the practices.
    pub pages: Vec<String>,
    /// The PDF's title.
    pub title: String,
    /// What stops it being printed as it should (empty: ready).
    pub problems: Vec<String>,
}

/// Lays out the take-home for `framework` as it stood on `produced`.
pub fn take_home(framework: &Framework, paper: Paper, produced: NaiveDate) -> TakeHome {
    let card = framework_card(framework, paper, produced);
    let sheet = practices_sheet(paper);
    let mut problems = card.problems;
    problems.extend(sheet.problems);
    TakeHome {
        pages: vec![card.svg, sheet.svg],
        title: format!("Take-home — {}", card.title),
        problems,
    }
}

impl TakeHome {
    /// Writes the PDF to `path`.
    pub fn write_pdf(&self, path: &Path) -> Result<(), DocumentError> {
        if !self.problems.is_empty() {
            return Err(DocumentError::NotReady(self.problems.clone()));
        }
        let is_pdf = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !is_pdf {
            return Err(DocumentError::NotReady(vec![format!(
                "{} should end in .pdf: the take-home is a two-page PDF.",
                path.display()
            )]));
        }
        let bytes = super::render::pdf(&self.pages, &self.title)?;
        write_document(path, &bytes)?;
        Ok(())
    }
}
