//! One stat meeting: the agenda by section; per item, notes, decisions and
//! follow-ups; follow-ups carried from earlier meetings resolved here; the
//! briefing book and the follow-up memo.

use egui::{RichText, Ui};

use super::{FollowUpForm, meeting};
use crate::app::meeting_view::{MeetingFollowUp, MeetingView};
use crate::app::view::{Screen, WorkbookView};
use crate::app::{Action, Actions, MeetingAction};
use crate::domain::meeting::{AgendaItem, FollowUpStatus, ItemId, ItemKind, NewFollowUp};
use crate::domain::target::parse_typed_date;
use crate::ui::UiState;
use crate::ui::widgets::{guidance_ui, problem_ui};

/// Draws the meeting screen.
pub fn meeting_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    ui.horizontal(|ui| {
        if ui.button("← Meetings").clicked() {
            actions.push(Action::Navigate(Screen::Meetings));
        }
    });
    let Some(view) = wb.meeting.as_ref() else {
        guidance_ui(ui, "Open a meeting from the Stat meetings screen.");
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("meeting")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let m = &view.meeting;
            ui.heading(&m.title);
            ui.label(format!(
                "{} · {}",
                m.held_on.format("%-d %B %Y"),
                if view.teams.is_empty() { "all teams".to_owned() } else { view.teams.join(", ") }
            ));
            if !view.is_latest {
                guidance_ui(ui, "A later meeting exists: follow-ups show where they stood when this meeting ended.");
            }
            documents_ui(ui, state, actions);
            let mut n = 0;
            for kind in ItemKind::ALL {
                let items: Vec<&AgendaItem> = m.items.iter().filter(|i| i.kind == kind).collect();
                if items.is_empty() {
                    continue;
                }
                ui.add_space(6.0);
                ui.label(RichText::new(kind.heading()).strong().size(15.0));
                for item in items {
                    n += 1;
                    item_ui(ui, view, item, n, state, actions);
                }
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let f = &mut state.meetings;
                let l = ui.label("Add to the agenda");
                ui.add(egui::TextEdit::singleline(&mut f.new_item).desired_width(320.0)).labelled_by(l.id);
                if ui.add_enabled(!f.new_item.trim().is_empty(), egui::Button::new("Add item")).clicked() {
                    actions.push(meeting(MeetingAction::AddItem(f.new_item.trim().to_owned())));
                    f.new_item.clear();
                }
            });
            ui.add_space(6.0);
            ui.label(RichText::new("Follow-ups for the meeting as a whole").strong());
            follow_up_form_ui(ui, None, state, actions);
            let general: Vec<&MeetingFollowUp> = view.raised.iter().filter(|f| f.item.is_none()).collect();
            for f in general {
                follow_up_line_ui(ui, f, false, state, actions);
            }
        });
}

fn documents_ui(ui: &mut Ui, state: &mut UiState, actions: &mut Actions) {
    ui.horizontal_wrapped(|ui| {
        if ui.button("Briefing book (PDF)…").clicked() {
            actions.push(meeting(MeetingAction::ExportBriefingChoose));
        }
        if ui.button("Follow-up memo (PDF)…").clicked() {
            actions.push(meeting(MeetingAction::ExportMemoChoose { text: false }));
        }
        if ui.button("Memo as text (for e-mail)…").clicked() {
            actions.push(meeting(MeetingAction::ExportMemoChoose { text: true }));
        }
    });
    ui.horizontal_wrapped(|ui| {
        let f = &mut state.meetings;
        let l = ui.label("or to the path");
        ui.add(
            egui::TextEdit::singleline(&mut f.document_path)
                .hint_text("/path/to/memo.pdf, memo.txt or briefing.pdf")
                .desired_width(300.0),
        )
        .labelled_by(l.id);
        let path = f.document_path.trim().to_owned();
        if ui
            .add_enabled(!path.is_empty(), egui::Button::new("Write the memo"))
            .clicked()
        {
            actions.push(meeting(MeetingAction::ExportMemo(path.clone().into())));
        }
        if ui
            .add_enabled(
                !path.is_empty(),
                egui::Button::new("Write the briefing book"),
            )
            .clicked()
        {
            actions.push(meeting(MeetingAction::ExportBriefing(path.into())));
        }
    });
}

fn item_ui(
    ui: &mut Ui,
    view: &MeetingView,
    item: &AgendaItem,
    n: usize,
    state: &mut UiState,
    actions: &mut Actions,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{n}. {}", item.title)).strong());
            let used = !item.notes.is_empty()
                || !item.decisions.is_empty()
                || view.raised.iter().any(|f| f.item == Some(item.id));
            if !used
                && ui
                    .small_button("Remove")
                    .on_hover_text("Take this item off the agenda")
                    .clicked()
            {
                actions.push(meeting(MeetingAction::RemoveItem(item.id)));
            }
        });
        if !item.detail.trim().is_empty() {
            ui.label(RichText::new(&item.detail).small().weak());
        }
        // A follow-up carried from an earlier meeting: resolve it here.
        if let Some(fid) = item.links.follow_up
            && let Some(f) = view.carried.iter().find(|f| f.follow_up.id == fid)
        {
            follow_up_line_ui(ui, f, true, state, actions);
        }
        let mut notes = item.notes.clone();
        let l = ui.label(format!("Notes on item {n}"));
        if ui
            .add(
                egui::TextEdit::multiline(&mut notes)
                    .desired_rows(1)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id)
            .changed()
        {
            actions.push(meeting(MeetingAction::SetNotes {
                item: item.id,
                notes,
            }));
        }
        for d in &item.decisions {
            ui.label(format!("✔ Decided: {d}"));
        }
        ui.horizontal(|ui| {
            let text = state.meetings.decision.entry(item.id).or_default();
            let l = ui.label(format!("Decision on item {n}"));
            ui.add(egui::TextEdit::singleline(text).desired_width(360.0))
                .labelled_by(l.id);
            if ui
                .add_enabled(
                    !text.trim().is_empty(),
                    egui::Button::new(format!("Record decision {n}")),
                )
                .clicked()
            {
                actions.push(meeting(MeetingAction::AddDecision {
                    item: item.id,
                    text: text.trim().to_owned(),
                }));
                text.clear();
            }
        });
        for f in view.raised.iter().filter(|f| f.item == Some(item.id)) {
            follow_up_line_ui(ui, f, false, state, actions);
        }
        follow_up_form_ui(ui, Some((item.id, n, item)), state, actions);
    });
}

fn follow_up_form_ui(
    ui: &mut Ui,
    item: Option<(ItemId, usize, &AgendaItem)>,
    state: &mut UiState,
    actions: &mut Actions,
) {
    let key = item.map(|(id, _, _)| id);
    let label = item.map_or("Follow-up".to_owned(), |(_, n, _)| {
        format!("Follow-up on item {n}")
    });
    let form: &mut FollowUpForm = state.meetings.follow_up.entry(key).or_default();
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(label.clone());
        ui.add(
            egui::TextEdit::singleline(&mut form.text)
                .hint_text("what is to be done")
                .desired_width(260.0),
        )
        .labelled_by(l.id);
        let l = ui.label(format!("Owner of {}", label.to_lowercase()));
        ui.add(
            egui::TextEdit::singleline(&mut form.owner)
                .hint_text("who")
                .desired_width(120.0),
        )
        .labelled_by(l.id);
        let l = ui.label(format!("Due date of {}", label.to_lowercase()));
        ui.add(
            egui::TextEdit::singleline(&mut form.due)
                .hint_text("YYYY-MM-DD")
                .desired_width(100.0),
        )
        .labelled_by(l.id);
    });
    let due = if form.due.trim().is_empty() {
        Ok(None)
    } else {
        parse_typed_date(&form.due).map(Some)
    };
    let new = NewFollowUp {
        text: form.text.clone(),
        owner: form.owner.clone(),
        due: due.clone().ok().flatten(),
        links: item
            .map(|(_, _, i)| i.links)
            .map(|l| crate::domain::meeting::Links {
                win: None,
                follow_up: None,
                ..l
            })
            .unwrap_or_default(),
    };
    let mut problems = new.problems();
    if let Err(e) = &due {
        problems.insert(0, format!("Due date: {e}."));
    }
    let started = !form.text.is_empty() || !form.owner.is_empty() || !form.due.is_empty();
    if started {
        problem_ui(ui, problems.first().map(String::as_str));
    }
    if ui
        .add_enabled(
            problems.is_empty(),
            egui::Button::new(format!("Add {}", label.to_lowercase())),
        )
        .clicked()
    {
        actions.push(meeting(MeetingAction::AddFollowUp {
            item: key,
            follow_up: new,
        }));
        *form = FollowUpForm::default();
    }
}

fn follow_up_line_ui(
    ui: &mut Ui,
    f: &MeetingFollowUp,
    carried: bool,
    state: &mut UiState,
    actions: &mut Actions,
) {
    let fu = &f.follow_up;
    ui.horizontal_wrapped(|ui| {
        let mark = match f.then {
            FollowUpStatus::Open => "○",
            FollowUpStatus::Done => "✔",
            FollowUpStatus::Dropped => "✖",
        };
        ui.label(format!(
            "{mark} {} — {}, due {} ({})",
            fu.text,
            fu.owner,
            fu.due.format("%-d %b %Y"),
            f.then.label()
        ));
        if !fu.resolution.is_empty() && f.then != FollowUpStatus::Open {
            ui.label(RichText::new(format!("“{}”", fu.resolution)).small());
        }
        if carried && f.then == FollowUpStatus::Open {
            let text = state.meetings.resolution.entry(fu.id).or_default();
            let l = ui.label(format!("How \"{}\" was resolved", fu.text));
            ui.add(egui::TextEdit::singleline(text).desired_width(220.0))
                .labelled_by(l.id);
            for (status, label) in [
                (FollowUpStatus::Done, "Done"),
                (FollowUpStatus::Dropped, "Dropped"),
            ] {
                if ui.button(format!("{label}: {}", fu.text)).clicked() {
                    actions.push(meeting(MeetingAction::ResolveFollowUp {
                        id: fu.id,
                        status,
                        resolution: text.trim().to_owned(),
                    }));
                }
            }
        }
    });
}
