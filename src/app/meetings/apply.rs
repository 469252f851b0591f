//! Applying the meeting and capacity screens' actions.

use crate::app::edits::Edit;
use crate::app::session::OpenWorkbook;
use std::collections::HashMap;

use chrono::Local;

use crate::analysis::progress::Status;
use crate::app::file_choice::Purpose;
use crate::app::meetings::view::{CapacityView, MeetingView, MeetingsView};
use crate::app::view::Screen;
use crate::app::{MeetingAction, RatchetApp};
use crate::domain::meeting::{ItemDraft, ItemKind, Links, MeetingId};
use crate::domain::{IndicatorId, TeamId};
use crate::export::files::write_document;
use crate::export::meeting_docs::{briefing_pdf, memo_document, memo_text};
use crate::ops::meetings::{briefing_input, create_meeting, memo_input};
use crate::ops::snapshot::load_snapshot;

impl RatchetApp {
    /// Carries out one meeting or capacity action.
    pub(in crate::app) fn apply_meeting(&mut self, action: MeetingAction) {
        if self.job.is_some() && !matches!(action, MeetingAction::Open(_)) {
            self.error("A task is running: wait for it to finish, or cancel it.".into());
            return;
        }
        let open = self.meeting_shown();
        match action {
            MeetingAction::Create {
                held_on,
                title,
                teams,
                limits,
            } => {
                if let Some(id) = self.write(|wb| {
                    create_meeting(
                        wb,
                        held_on,
                        &title,
                        &teams,
                        chrono::Local::now().date_naive(),
                        limits,
                    )
                }) {
                    self.load_meetings();
                    self.open_meeting(id);
                    self.info("The meeting is created, its agenda built from the workbook.".into());
                }
            }
            MeetingAction::Open(id) => self.open_meeting(id),
            MeetingAction::SetNotes { item, notes } => {
                if self.write(|wb| wb.set_item_notes(item, &notes)).is_some()
                    && let Some(v) = self.session.views_mut().and_then(|w| w.meeting.as_mut())
                    && let Some(i) = v.meeting.items.iter_mut().find(|i| i.id == item)
                {
                    i.notes = notes;
                }
            }
            MeetingAction::AddDecision { item, text } => {
                if self.write(|wb| wb.add_decision(item, &text)).is_some() {
                    self.reload_meeting(open);
                }
            }
            MeetingAction::AddFollowUp { item, follow_up } => {
                let Some(id) = open else { return };
                if self
                    .write(|wb| wb.add_follow_up(id, item, &follow_up))
                    .is_some()
                {
                    self.reload_meeting(open);
                    self.load_meetings();
                    self.info(format!(
                        "Follow-up for {} by {} recorded.",
                        follow_up.owner.trim(),
                        follow_up.due.map_or(String::new(), |d| d.to_string())
                    ));
                }
            }
            MeetingAction::ResolveFollowUp {
                id,
                status,
                resolution,
            } => self.resolve_follow_up(open, id, status, &resolution),
            MeetingAction::AddItem(title) => {
                let Some(id) = open else { return };
                let draft = ItemDraft {
                    kind: ItemKind::Other,
                    title: title.trim().to_owned(),
                    detail: String::new(),
                    links: Links::default(),
                };
                if self.write(|wb| wb.add_agenda_item(id, &draft)).is_some() {
                    self.reload_meeting(open);
                }
            }
            MeetingAction::RemoveItem(item) => {
                if self.write(|wb| wb.remove_agenda_item(item)).is_some() {
                    self.reload_meeting(open);
                }
            }
            MeetingAction::ExportMemo(to) => {
                let purpose = Purpose::new("Save the follow-up memo", "follow-up memo");
                if let Some(path) = self.chosen_path(to, purpose) {
                    self.export_memo(open, &path);
                }
            }
            MeetingAction::ExportBriefing(to) => {
                let purpose = Purpose::new("Save the briefing book", "briefing book");
                if let Some(path) = self.chosen_path(to, purpose) {
                    self.export_briefing(open, &path);
                }
            }
            MeetingAction::AddNeed(need) => {
                if self.write(|wb| wb.add_need(&need)).is_some() {
                    self.load_capacity();
                    self.info("The need is recorded as requested.".into());
                }
            }
            MeetingAction::SetNeedStatus { id, to, note, on } => {
                if self
                    .write(|wb| wb.set_need_status(id, to, &note, on))
                    .is_some()
                {
                    self.load_capacity();
                    self.info(format!("The need is now {}.", to.label()));
                }
            }
        }
    }

    /// Builds what a meeting or capacity screen needs when it is opened.
    pub(in crate::app) fn ensure_meetings(&mut self, screen: Screen) {
        match screen {
            Screen::Meetings => self.load_meetings(),
            Screen::Capacity => self.load_capacity(),
            Screen::Meeting => {
                self.reload_meeting(self.meeting_shown());
            }
            _ => {}
        }
    }

    /// Resolves a follow-up at the open meeting (or opens it again),
    /// remembered for Undo.
    fn resolve_follow_up(
        &mut self,
        open: Option<MeetingId>,
        id: crate::domain::meeting::FollowUpId,
        status: crate::domain::meeting::FollowUpStatus,
        resolution: &str,
    ) {
        let Some(at) = open else {
            return;
        };
        let before = self
            .session
            .wb()
            .and_then(|wb| wb.follow_ups().ok())
            .and_then(|all| all.into_iter().find(|f| f.id == id))
            .map(|f| (f.status, f.resolution, f.resolved_at));
        if self
            .write(|wb| wb.resolve_follow_up(id, status, at, resolution))
            .is_some()
        {
            if let Some(before) = before {
                let resolved_at =
                    (status != crate::domain::meeting::FollowUpStatus::Open).then_some(at);
                let text = match status {
                    crate::domain::meeting::FollowUpStatus::Open => String::new(),
                    _ => resolution.trim().to_owned(),
                };
                self.remember(Edit::FollowUp {
                    id,
                    before,
                    after: (status, text, resolved_at),
                });
            }
            self.reload_meeting(open);
            self.load_meetings();
        }
    }

    /// The meeting the Meeting screen has open, if any.
    fn meeting_shown(&self) -> Option<MeetingId> {
        self.session
            .views()
            .and_then(|v| v.meeting.as_ref())
            .map(|m| m.meeting.id)
    }

    /// Reloads the open meeting and the list after a follow-up was resolved
    /// or reopened by Undo or Redo.
    pub(in crate::app) fn reload_meetings(&mut self) {
        self.reload_meeting(self.meeting_shown());
        self.load_meetings();
    }

    fn load_meetings(&mut self) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let today = Local::now().date_naive();
        match wb
            .meetings()
            .and_then(|m| Ok((m, wb.follow_ups()?, wb.teams()?)))
        {
            Ok((meetings, follow_ups, teams)) => {
                if let Some(v) = self.session.views_mut() {
                    v.meetings = Some(MeetingsView::new(meetings, follow_ups, &teams, today));
                }
            }
            Err(e) => self.error(format!("The meetings could not be read: {e}")),
        }
    }

    fn open_meeting(&mut self, id: MeetingId) {
        self.reload_meeting(Some(id));
        self.view.screen = Screen::Meeting;
    }

    fn reload_meeting(&mut self, id: Option<MeetingId>) {
        let (Some(id), Some(wb)) = (id, self.session.wb()) else {
            return;
        };
        let loaded = (|| {
            let meeting = wb
                .meeting(id)?
                .ok_or_else(|| crate::storage::StorageError::Missing(format!("meeting {id}")))?;
            let dates: HashMap<MeetingId, chrono::NaiveDate> =
                wb.meetings()?.into_iter().map(|(m, d, _)| (m, d)).collect();
            Ok::<_, crate::storage::StorageError>((meeting, wb.follow_ups()?, dates, wb.teams()?))
        })();
        match loaded {
            Ok((meeting, follow_ups, dates, teams)) => {
                if let Some(v) = self.session.views_mut() {
                    v.meeting = Some(MeetingView::new(meeting, &follow_ups, &dates, &teams));
                }
            }
            Err(e) => self.error(format!("The meeting could not be read: {e}")),
        }
    }

    fn load_capacity(&mut self) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let today = Local::now().date_naive();
        let loaded = (|| {
            let indicators = wb.indicators()?;
            let names: HashMap<IndicatorId, String> =
                indicators.iter().map(|i| (i.id, i.name.clone())).collect();
            let mut standing: HashMap<TeamId, Status> = HashMap::new();
            if let Some(ind) = wb.framework_indicator()?
                && let Some(snap) = load_snapshot(wb, ind, today, &[])?
            {
                for r in &snap.league {
                    standing.insert(r.team, r.progress.status);
                }
            }
            Ok::<_, crate::storage::StorageError>((wb.needs()?, wb.teams()?, names, standing))
        })();
        match loaded {
            Ok((needs, teams, names, standing)) => {
                if let Some(v) = self.session.views_mut() {
                    v.capacity = Some(CapacityView::new(needs, &teams, &names, &standing, today));
                }
            }
            Err(e) => self.error(format!("The capacity log could not be read: {e}")),
        }
    }

    fn export_memo(&mut self, id: Option<MeetingId>, path: &std::path::Path) {
        let (Some(id), Some(wb)) = (id, self.session.wb()) else {
            return;
        };
        let input = match memo_input(wb, id) {
            Ok(i) => i,
            Err(e) => {
                self.error(format!("The memo could not be prepared: {e}"));
                return;
            }
        };
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let written = match ext.as_str() {
            "txt" => write_document(path, memo_text(&input).as_bytes()).map_err(|e| e.to_string()),
            "pdf" => memo_document(&input).write(path).map_err(|e| e.to_string()),
            _ => Err(format!("{} should end in .pdf or .txt", path.display())),
        };
        match written {
            Ok(()) => self.info_file(
                format!("Wrote the follow-up memo to {}.", path.display()),
                path.to_owned(),
            ),
            Err(e) => self.error(format!("The memo was not written: {e}")),
        }
    }

    fn export_briefing(&mut self, id: Option<MeetingId>, path: &std::path::Path) {
        let today = chrono::Local::now().date_naive();
        // The flags it lists are those the data show today.
        if let Some(Err(e)) = self
            .session
            .wb_mut()
            .map(|wb| crate::ops::integrity::ensure_checks(wb, today))
        {
            self.error(format!("The integrity checks could not run: {e}"));
        }
        self.in_session(|s| s.stale.checks = false);
        let (Some(id), Some(wb)) = (id, self.session.wb()) else {
            return;
        };
        let written = briefing_input(wb, id, today)
            .map_err(|e| e.to_string())
            .and_then(|b| briefing_pdf(&b).map_err(|e| e.to_string()))
            .and_then(|bytes| write_document(path, &bytes).map_err(|e| e.to_string()));
        match written {
            Ok(()) => self.info_file(
                format!("Wrote the briefing book to {}.", path.display()),
                path.to_owned(),
            ),
            Err(e) => self.error(format!("The briefing book was not written: {e}")),
        }
    }
}
