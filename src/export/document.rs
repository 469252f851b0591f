//! A one-page document ready to write: its SVG layout, title and any
//! problems that stop it being printed as it should.

use std::path::Path;

use super::files::{WriteError, write_document};
use super::render::{self, RenderError};

/// Pixels per point of document PNGs.
pub const PNG_SCALE: f32 = 2.0;

/// A laid-out page.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The SVG layout.
    pub svg: String,
    /// The PDF's title.
    pub title: String,
    /// What stops it being printed as it should (empty: ready).
    pub problems: Vec<String>,
}

/// Why a document was not written.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// It cannot be printed as it stands.
    #[error("{}", .0.join(" "))]
    NotReady(Vec<String>),
    /// It could not be drawn.
    #[error("{0}")]
    Render(#[from] RenderError),
    /// The file could not be written.
    #[error("{0}")]
    Write(#[from] WriteError),
    /// The file name says neither PDF nor PNG.
    #[error("{0} should end in .pdf or .png")]
    Format(String),
}

impl Document {
    /// PDF or PNG bytes, by the extension of `path`.
    pub fn bytes_for(&self, path: &Path) -> Result<Vec<u8>, DocumentError> {
        if !self.problems.is_empty() {
            return Err(DocumentError::NotReady(self.problems.clone()));
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "pdf" => Ok(render::pdf(std::slice::from_ref(&self.svg), &self.title)?),
            "png" => Ok(render::png(&self.svg, PNG_SCALE)?),
            _ => Err(DocumentError::Format(path.display().to_string())),
        }
    }

    /// Writes the document to `path` as PDF or PNG (by its extension).
    pub fn write(&self, path: &Path) -> Result<(), DocumentError> {
        let bytes = self.bytes_for(path)?;
        write_document(path, &bytes)?;
        Ok(())
    }
}
