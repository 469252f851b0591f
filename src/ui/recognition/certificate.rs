//! The certificate editor: every field of the certificate, the design and
//! paper, the logo, problems said before export, and a live preview.

use egui::{RichText, Ui};

use crate::app::recognition::view::{CertificateDraft, CertificateEditor};
use crate::app::view::{Screen, WorkbookView};
use crate::app::{Action, Actions, FileChoice, FileKind, RecognitionAction};
use crate::domain::certificate::{CertificateLayout, Paper};
use crate::ui::UiState;
use crate::ui::widgets::{guidance_ui, text_area_ui, text_field_ui};

/// Draws the certificate screen.
pub fn certificate_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    ui.horizontal(|ui| {
        if ui.button("← Wins").clicked() {
            actions.push(Action::Navigate(Screen::Wins));
        }
        ui.heading("Certificate of recognition");
    });
    let Some(editor) = wb.certificate.as_ref() else {
        guidance_ui(
            ui,
            "Open Wins and choose Recognise… on a win to make its certificate.",
        );
        return;
    };
    let wide = ui.available_width() > 900.0;
    if wide {
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical()
                .id_salt("certificate_fields")
                .show(&mut cols[0], |ui| fields_ui(ui, editor, state, actions));
            preview_ui(&mut cols[1], editor, state);
        });
    } else {
        egui::ScrollArea::vertical()
            .id_salt("certificate_fields")
            .show(ui, |ui| {
                fields_ui(ui, editor, state, actions);
                preview_ui(ui, editor, state);
            });
    }
}

fn fields_ui(ui: &mut Ui, editor: &CertificateEditor, state: &mut UiState, actions: &mut Actions) {
    let mut d = editor.draft.clone();
    recipient_ui(ui, editor, &mut d);
    wording_ui(ui, &mut d);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Design").strong());
        for l in CertificateLayout::ALL {
            ui.radio_value(&mut d.layout, l, l.label());
        }
        ui.separator();
        ui.label(RichText::new("Paper").strong());
        for p in Paper::ALL {
            ui.radio_value(&mut d.paper, p, p.label());
        }
    });
    if d != editor.draft {
        actions.push(RecognitionAction::EditCertificate(d));
    }
    logo_ui(ui, editor, state, actions);
    if ui
        .button("Keep this signer, design and paper for new certificates")
        .clicked()
    {
        actions.push(RecognitionAction::SaveCertificateDefaults);
    }
    ui.add_space(6.0);
    save_ui(ui, editor, state, actions);
}

/// Who receives the certificate: a team, or people named one per line.
fn recipient_ui(ui: &mut Ui, editor: &CertificateEditor, d: &mut CertificateDraft) {
    ui.label(RichText::new("Recipient").strong());
    ui.horizontal(|ui| {
        ui.radio_value(&mut d.for_people, false, "A team");
        ui.radio_value(&mut d.for_people, true, "One or more people");
    });
    if d.for_people {
        if let Some(t) = text_area_ui(
            ui,
            "People",
            &d.people,
            "One name per line",
            2,
            "people",
            None,
        ) {
            d.people = t;
        }
    } else {
        let name = d
            .team
            .and_then(|t| editor.teams.iter().find(|x| x.id == t))
            .map_or("Choose a team".to_owned(), |t| t.name.clone());
        egui::ComboBox::from_label("Team receiving it")
            .selected_text(name)
            .show_ui(ui, |ui| {
                for t in &editor.teams {
                    ui.selectable_value(&mut d.team, Some(t.id), &t.name);
                }
            });
    }
}

/// The certificate's words: achievement, date, heading, agency and signer.
fn wording_ui(ui: &mut Ui, d: &mut CertificateDraft) {
    if let Some(t) = text_area_ui(
        ui,
        "Achievement",
        &d.achievement,
        "What the certificate recognises",
        3,
        "achievement",
        None,
    ) {
        d.achievement = t;
    }
    let pair_ui = |ui: &mut Ui, fields: [(&str, &str, &str, &mut String); 2]| {
        ui.columns(2, |c| {
            for ((label, hint, salt, text), col) in fields.into_iter().zip(c.iter_mut()) {
                if let Some(t) = text_field_ui(col, label, text, hint, salt, None) {
                    *text = t;
                }
            }
        });
    };
    pair_ui(
        ui,
        [
            ("Date", "YYYY-MM-DD", "date", &mut d.date),
            (
                "Heading",
                "Certificate of Recognition",
                "heading",
                &mut d.heading,
            ),
        ],
    );
    if let Some(t) = text_field_ui(
        ui,
        "Agency line",
        &d.agency,
        "The agency (and team)",
        "agency",
        None,
    ) {
        d.agency = t;
    }
    pair_ui(
        ui,
        [
            ("Signer's name", "Who signs", "signer", &mut d.signer_name),
            (
                "Signer's title",
                "e.g. Director",
                "signer_title",
                &mut d.signer_title,
            ),
        ],
    );
}

/// The certificate's problems, then saving it as PDF or PNG, asked or to a path.
fn save_ui(ui: &mut Ui, editor: &CertificateEditor, state: &mut UiState, actions: &mut Actions) {
    let problems = &editor.certificate.problems;
    for p in problems {
        ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {p}"));
    }
    let ready = problems.is_empty();
    ui.horizontal_wrapped(|ui| {
        for (png, label) in [(false, "Save as PDF…"), (true, "Save as PNG…")] {
            if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
                actions.push(RecognitionAction::ExportCertificate(FileChoice::Ask(
                    super::image_or_pdf(png),
                )));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let f = &mut state.recognition;
        let l = ui.label("or to the path");
        ui.add(
            egui::TextEdit::singleline(&mut f.export_path)
                .hint_text("/path/to/certificate.pdf or .png")
                .desired_width(260.0),
        )
        .labelled_by(l.id);
        let path = f.export_path.trim().to_owned();
        if ui
            .add_enabled(ready && !path.is_empty(), egui::Button::new("Save to path"))
            .clicked()
        {
            actions.push(RecognitionAction::ExportCertificate(path.into()));
        }
    });
    ui.label(
        RichText::new("Saving records the recognition on the wall of recognition.")
            .weak()
            .small(),
    );
}

fn logo_ui(ui: &mut Ui, editor: &CertificateEditor, state: &mut UiState, actions: &mut Actions) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Logo").strong());
        match &editor.logo {
            Some(l) => {
                ui.label(&l.file_name);
                if ui.button("Remove logo").clicked() {
                    actions.push(RecognitionAction::ClearLogo);
                }
            }
            None => {
                ui.label(RichText::new("none (a seal is drawn)").weak());
            }
        }
        if ui
            .button("Choose logo…")
            .on_hover_text("A PNG or SVG picture, kept in the workbook")
            .clicked()
        {
            actions.push(RecognitionAction::SetLogo(FileChoice::Ask(
                FileKind::Picture,
            )));
        }
    });
    ui.horizontal_wrapped(|ui| {
        let f = &mut state.recognition;
        let l = ui.label("or the logo file");
        ui.add(
            egui::TextEdit::singleline(&mut f.logo_path)
                .hint_text("/path/to/logo.png or .svg")
                .desired_width(260.0),
        )
        .labelled_by(l.id);
        let path = f.logo_path.trim().to_owned();
        if ui
            .add_enabled(!path.is_empty(), egui::Button::new("Use this logo"))
            .clicked()
        {
            actions.push(RecognitionAction::SetLogo(path.into()));
        }
    });
}

fn preview_ui(ui: &mut Ui, editor: &CertificateEditor, state: &mut UiState) {
    let Some(preview) = &editor.preview else {
        ui.label(RichText::new("Preparing the preview…").weak());
        return;
    };
    let cache = &mut state.recognition.preview;
    let stale = cache.0.as_ref().is_none_or(|(v, _)| *v != preview.version);
    if stale {
        let image = egui::ColorImage::from_rgba_premultiplied(
            [preview.width, preview.height],
            &preview.rgba,
        );
        let texture =
            ui.ctx()
                .load_texture("certificate_preview", image, egui::TextureOptions::LINEAR);
        cache.0 = Some((preview.version, texture));
    }
    if let Some((_, texture)) = &cache.0 {
        let w = ui.available_width().min(preview.width as f32 * 1.2);
        let h = w * preview.height as f32 / preview.width.max(1) as f32;
        ui.add(
            egui::Image::new((texture.id(), egui::vec2(w, h)))
                .alt_text("Preview of the certificate"),
        );
        if editor.preview_due {
            ui.label(RichText::new("updating…").weak().small());
        }
    }
}
