//! One stat meeting: the agenda by section; per item, notes, decisions and
//! follow-ups; follow-ups carried from earlier meetings resolved here; the
//! briefing book and the follow-up memo.

use egui::{RichText, Ui};

use super::FollowUpForm;
use crate::app::meetings::view::{MeetingFollowUp, MeetingView};
use crate::app::view::{Screen, WorkbookView};
use crate::app::{Action, Actions, FileChoice, FileKind, MeetingAction};
use crate::domain::meeting::{AgendaItem, FollowUpStatus, ItemId, ItemKind, NewFollowUp};
use crate::domain::target::parse_typed_date;
use crate::ui::UiState;
use crate::ui::widgets::{guidance_ui, problem_ui};

/// Height of one agenda row (a section heading or an item).
const ROW_H: f32 = 22.0;

/// One row of the agenda list: a section heading or a numbered item.
enum Row<'a> {
    Heading(ItemKind),
    Item(usize, &'a AgendaItem),
}

/// The agenda in display order: sections in their fixed order, items
/// numbered through.
fn agenda_rows(items: &[AgendaItem]) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    let mut n = 0;
    for kind in ItemKind::ALL {
        let mut first = true;
        for item in items.iter().filter(|i| i.kind == kind) {
            if first {
                rows.push(Row::Heading(kind));
                first = false;
            }
            n += 1;
            rows.push(Row::Item(n, item));
        }
    }
    rows
}

/// Draws the meeting screen: the agenda as a list (only visible rows are
/// laid out, so a long agenda stays fast) and the selected item below it.
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
    let m = &view.meeting;
    ui.heading(&m.title);
    ui.label(format!(
        "{} · {}",
        m.held_on.format("%-d %B %Y"),
        if view.teams.is_empty() {
            "all teams".to_owned()
        } else {
            view.teams.join(", ")
        }
    ));
    if !view.is_latest {
        guidance_ui(
            ui,
            "A later meeting exists: follow-ups show where they stood when this meeting ended.",
        );
    }
    documents_ui(ui, state, actions);
    let rows = agenda_rows(&m.items);
    let numbered: Vec<(usize, &AgendaItem)> = rows
        .iter()
        .filter_map(|r| match r {
            Row::Item(n, i) => Some((*n, *i)),
            Row::Heading(_) => None,
        })
        .collect();
    let selected = state
        .meetings
        .selected_item
        .and_then(|id| numbered.iter().position(|(_, i)| i.id == id))
        .unwrap_or(0);
    let moved = move_selection_by_keys(ui, selected, numbered.len());
    if moved != selected {
        state.meetings.scroll_to_selected = true;
    }
    let selected = moved;
    if let Some((_, item)) = numbered.get(selected) {
        state.meetings.selected_item = Some(item.id);
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "Agenda — {} item{} (↑/↓ moves through it)",
            numbered.len(),
            if numbered.len() == 1 { "" } else { "s" }
        ))
        .strong(),
    );
    agenda_list_ui(ui, view, &rows, state);
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("meeting detail")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some((n, item)) = numbered.get(selected) {
                item_ui(ui, view, item, *n, state, actions);
            } else {
                guidance_ui(ui, "The agenda is empty: add an item below.");
            }
            ui.add_space(6.0);
            add_item_ui(ui, state, actions);
            ui.add_space(6.0);
            ui.label(RichText::new("Follow-ups for the meeting as a whole").strong());
            follow_up_form_ui(ui, None, state, actions);
            let general: Vec<&MeetingFollowUp> =
                view.raised.iter().filter(|f| f.item.is_none()).collect();
            for f in general {
                follow_up_line_ui(ui, f, false, state, actions);
            }
        });
}

/// The agenda as a list of headings and numbered items; only the rows in
/// view are laid out, and the selected one is scrolled to when keys move it.
fn agenda_list_ui(ui: &mut Ui, view: &MeetingView, rows: &[Row<'_>], state: &mut UiState) {
    let list_h = (rows.len() as f32 * (ROW_H + ui.spacing().item_spacing.y))
        .min(ui.available_height() * 0.4)
        .max(ROW_H);
    egui::ScrollArea::vertical()
        .id_salt("meeting agenda")
        .max_height(list_h)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_H, rows.len(), |ui, range| {
            if std::mem::take(&mut state.meetings.scroll_to_selected) {
                let selected_id = state.meetings.selected_item;
                let at = rows
                    .iter()
                    .position(|r| matches!(r, Row::Item(_, it) if Some(it.id) == selected_id));
                if let Some(i) = at {
                    scroll_to_row(ui, range.start, i);
                }
            }
            for row in &rows[range] {
                match row {
                    Row::Heading(kind) => {
                        ui.allocate_ui_with_layout(
                            egui::vec2(ui.available_width(), ROW_H),
                            egui::Layout::left_to_right(egui::Align::Center),
                            |ui| ui.label(RichText::new(kind.heading()).strong()),
                        );
                    }
                    Row::Item(n, item) => {
                        let is_selected = state.meetings.selected_item == Some(item.id);
                        let text = format!("{n}. {}{}", item.title, item_markers(view, item));
                        let button = egui::Button::selectable(is_selected, text)
                            .min_size(egui::vec2(0.0, ROW_H));
                        let justified = egui::Layout::top_down_justified(egui::Align::Min);
                        let r = ui.with_layout(justified, |ui| ui.add(button)).inner;
                        if r.clicked() {
                            state.meetings.selected_item = Some(item.id);
                        }
                    }
                }
            }
        });
}

/// The field and button that add an item to the agenda.
fn add_item_ui(ui: &mut Ui, state: &mut UiState, actions: &mut Actions) {
    ui.horizontal(|ui| {
        let f = &mut state.meetings;
        let l = ui.label("Add to the agenda");
        ui.add(egui::TextEdit::singleline(&mut f.new_item).desired_width(320.0))
            .labelled_by(l.id);
        if ui
            .add_enabled(!f.new_item.trim().is_empty(), egui::Button::new("Add item"))
            .clicked()
        {
            actions.push(MeetingAction::AddItem(f.new_item.trim().to_owned()));
            f.new_item.clear();
        }
    });
}

/// Scrolls a `show_rows` list so that row `i` is visible; `first` is the
/// first row laid out this frame (the list's top is worked out from it).
fn scroll_to_row(ui: &mut Ui, first: usize, i: usize) {
    let step = ROW_H + ui.spacing().item_spacing.y;
    let top = ui.max_rect().top() + (i as f32 - first as f32) * step;
    let rect = egui::Rect::from_x_y_ranges(ui.max_rect().x_range(), top..=top + ROW_H);
    ui.scroll_to_rect(rect, None);
}

/// ↑ and ↓ move through the agenda when no text field has the keyboard.
fn move_selection_by_keys(ui: &mut Ui, selected: usize, len: usize) -> usize {
    if len == 0 || ui.ctx().text_edit_focused() {
        return selected;
    }
    let (down, up) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::ArrowUp),
        )
    });
    if down && selected + 1 < len {
        selected + 1
    } else if up && selected > 0 {
        selected - 1
    } else {
        selected
    }
}

/// What an agenda row shows after its title: decisions taken, follow-ups
/// raised, notes written, a carried follow-up still open.
fn item_markers(view: &MeetingView, item: &AgendaItem) -> String {
    let mut marks = Vec::new();
    if !item.decisions.is_empty() {
        marks.push(format!("✔ {}", item.decisions.len()));
    }
    let raised = view
        .raised
        .iter()
        .filter(|f| f.item == Some(item.id))
        .count();
    if raised > 0 {
        marks.push(format!("→ {raised}"));
    }
    if !item.notes.trim().is_empty() {
        marks.push("notes".to_owned());
    }
    if marks.is_empty() {
        String::new()
    } else {
        format!("   ({})", marks.join(" · "))
    }
}

fn documents_ui(ui: &mut Ui, state: &mut UiState, actions: &mut Actions) {
    ui.horizontal_wrapped(|ui| {
        if ui.button("Briefing book (PDF)…").clicked() {
            actions.push(MeetingAction::ExportBriefing(FileChoice::Ask(
                FileKind::Pdf,
            )));
        }
        if ui.button("Follow-up memo (PDF)…").clicked() {
            actions.push(MeetingAction::ExportMemo(FileChoice::Ask(FileKind::Pdf)));
        }
        if ui.button("Memo as text (for e-mail)…").clicked() {
            actions.push(MeetingAction::ExportMemo(FileChoice::Ask(FileKind::Text)));
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
            actions.push(MeetingAction::ExportMemo(path.clone().into()));
        }
        if ui
            .add_enabled(
                !path.is_empty(),
                egui::Button::new("Write the briefing book"),
            )
            .clicked()
        {
            actions.push(MeetingAction::ExportBriefing(path.into()));
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
                actions.push(MeetingAction::RemoveItem(item.id));
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
            actions.push(MeetingAction::SetNotes {
                item: item.id,
                notes,
            });
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
                actions.push(MeetingAction::AddDecision {
                    item: item.id,
                    text: text.trim().to_owned(),
                });
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
        actions.push(MeetingAction::AddFollowUp {
            item: key,
            follow_up: new,
        });
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
                    actions.push(MeetingAction::ResolveFollowUp {
                        id: fu.id,
                        status,
                        resolution: text.trim().to_owned(),
                    });
                }
            }
        }
    });
}
