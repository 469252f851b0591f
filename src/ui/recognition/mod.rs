//! Phase II screens on the people side: the wins log (practice 7), the
//! certificate editor and the wall of recognition (practice 8), and the
//! framework card and mission poster (practice 1).

pub mod certificate;
pub mod wall;
pub mod wins;

use egui::Ui;

use crate::app::{Actions, FileChoice, FileKind, FrameworkDocument, RecognitionAction};
use crate::domain::{TeamId, WinId};

/// The certificate preview's texture and the preview version it shows.
#[derive(Clone, Default)]
pub struct PreviewTexture(pub Option<(u64, egui::TextureHandle)>);

impl std::fmt::Debug for PreviewTexture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PreviewTexture({:?})", self.0.as_ref().map(|(v, _)| v))
    }
}

/// What the recognition screens' forms hold before they are submitted.
#[derive(Clone, Debug, Default)]
pub struct RecognitionForms {
    /// The win whose details are open.
    pub selected: Option<WinId>,
    /// Filter dates as typed.
    pub filter_from: String,
    /// Filter dates as typed.
    pub filter_to: String,
    /// A hand-entered win: team.
    pub manual_team: Option<TeamId>,
    /// A hand-entered win: people.
    pub manual_people: String,
    /// A hand-entered win: date as typed.
    pub manual_date: String,
    /// A hand-entered win: what was achieved.
    pub manual_description: String,
    /// Batch: first date as typed.
    pub batch_from: String,
    /// Batch: last date as typed.
    pub batch_to: String,
    /// Batch: include wins already recognised.
    pub batch_all: bool,
    /// Batch: folder typed instead of chosen.
    pub batch_folder: String,
    /// The streak length being edited.
    pub streak: Option<usize>,
    /// Certificate: a path typed instead of using the dialog.
    pub export_path: String,
    /// Certificate: a logo path typed instead of using the dialog.
    pub logo_path: String,
    /// Framework card or poster: a path typed instead of using the dialog.
    pub document_path: String,
    /// The preview's texture.
    pub preview: PreviewTexture,
}

/// Buttons that write the framework card and the mission poster.
pub fn framework_documents_ui(ui: &mut Ui, document_path: &mut String, actions: &mut Actions) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Framework card:");
        for (png, label) in [(false, "Card as PDF…"), (true, "Card as PNG…")] {
            if ui
                .button(label)
                .on_hover_text(
                    "Mission, deficit, target and theory on one page: the take-home sheet",
                )
                .clicked()
            {
                actions.push(RecognitionAction::ExportFrameworkDocument {
                    document: FrameworkDocument::Card,
                    to: FileChoice::Ask(image_or_pdf(png)),
                });
            }
        }
        ui.separator();
        ui.label("Mission poster:");
        for (png, label) in [(false, "Poster as PDF…"), (true, "Poster as PNG…")] {
            if ui
                .button(label)
                .on_hover_text("The mission large, to put on the wall")
                .clicked()
            {
                actions.push(RecognitionAction::ExportFrameworkDocument {
                    document: FrameworkDocument::Poster,
                    to: FileChoice::Ask(image_or_pdf(png)),
                });
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("or to the path");
        ui.add(
            egui::TextEdit::singleline(document_path)
                .hint_text("/path/to/card.pdf or .png")
                .desired_width(280.0),
        )
        .labelled_by(l.id);
        let path = document_path.trim().to_owned();
        for (document, label) in [
            (FrameworkDocument::Card, "Write the card"),
            (FrameworkDocument::Poster, "Write the poster"),
        ] {
            if ui
                .add_enabled(!path.is_empty(), egui::Button::new(label))
                .clicked()
            {
                actions.push(RecognitionAction::ExportFrameworkDocument {
                    document,
                    to: path.clone().into(),
                });
            }
        }
    });
}

/// A PNG picture or a PDF, as the button asked.
fn image_or_pdf(png: bool) -> FileKind {
    if png { FileKind::Png } else { FileKind::Pdf }
}
