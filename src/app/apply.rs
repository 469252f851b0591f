//! The one place where actions change state.

use super::session::OpenWorkbook;
use crate::app::edits::Edit;
use crate::app::session::Changed;
use std::path::Path;

use chrono::Utc;

use super::view::{Dialog, Message, SaveState, Screen, Tone, WizardChecks, WorkbookView};
use super::{Action, Command, RatchetApp, dialogs};
use crate::domain::{TargetDraft, TheoryStep, WizardDraft, WizardStep};
use crate::ops::sample::create_sample;
use crate::sample::SAMPLE_FILE_NAME;
use crate::storage::{StorageResult, Workbook};

impl RatchetApp {
    /// Carries out one action. Failures become a message in the banner; the
    /// app keeps running and nothing already stored is lost.
    pub fn apply(&mut self, action: Action) {
        self.apply_queued(vec![action]);
    }

    /// Carries out a frame's actions in order, then rebuilds each view they
    /// changed once (what the window does with what one frame asked for).
    pub fn apply_queued(&mut self, actions: Vec<Action>) {
        for action in actions {
            self.apply_one(action);
            if dialogs::take_unavailable() {
                self.error(
                    "The file chooser could not open on this computer. Type the file's path in the field beside the button instead (or, for a workbook, its name on the start screen)."
                        .into(),
                );
            }
        }
        self.refresh_changed();
    }

    /// Notes that an action changed `view`: it is rebuilt once, after the
    /// frame's actions (or sooner, when an action reads it).
    pub(super) fn changed(&mut self, view: Changed) {
        self.in_session(|s| match view {
            Changed::Setup => {
                s.stale.setup = true;
                // What is built on the set-up is out of date from now on.
                s.stale.monitor = true;
                s.stale.wins = true;
                s.stale.checks = true;
            }
            Changed::Framework => s.stale.framework = true,
        });
    }

    /// Rebuilds the views the actions so far changed, set-up first (the
    /// framework's target reads its indicator).
    pub(super) fn refresh_changed(&mut self) {
        let Some(stale) = self.session.as_mut().map(|s| &mut s.stale) else {
            return;
        };
        let (setup, framework) = (stale.setup, stale.framework);
        stale.setup = false;
        stale.framework = false;
        if setup {
            self.in_session(|s| s.builds.setup += 1);
            self.refresh_setup();
        }
        if framework {
            self.in_session(|s| s.builds.framework += 1);
            self.refresh_framework();
        }
    }

    fn apply_one(&mut self, action: Action) {
        match action {
            Action::Run(command) => self.run_command(command),
            Action::CreateWorkbook(path) => self.open_path(&path, true),
            Action::OpenWorkbook(path) => self.open_path(&path, false),
            Action::OpenSample => self.open_sample(),
            Action::OpenReadOnly(path) => self.open_read_only(&path),
            Action::BackupNow => self.backup_now(),
            Action::RestoreBackup { workbook, backup } => self.restore_backup(&workbook, &backup),
            Action::SaveCopyTo(path) => {
                if self.write(|wb| wb.save_copy_as(&path)).is_some() {
                    self.info_file(
                        format!("A copy was saved to {}.", path.display()),
                        path.clone(),
                    );
                }
            }
            Action::CloseWorkbook => self.close_workbook(),
            Action::Navigate(screen) => self.navigate(screen),
            Action::CloseDialog => self.view.dialog = None,
            Action::OpenFile(path) => {
                if let Err(e) = super::launch::open(&path) {
                    self.error(e);
                }
            }
            Action::ShowInFolder(path) => {
                if let Err(e) = super::launch::show_in_folder(&path) {
                    self.error(e);
                }
            }
            Action::DismissMessage => {
                self.view.message = None;
                self.in_session(|s| s.undo = None);
            }
            Action::Undo => self.undo_removal(),
            Action::SetAgency(agency) => self.set_agency(agency),
            Action::EditDraft(draft) => self.save_draft(draft),
            Action::GoToStep(step) => self.go_to_step(step),
            Action::WizardNext => self.wizard_next(),
            Action::WizardBack => {
                if let Some(step) = self.draft().and_then(|d| d.step.previous()) {
                    self.go_to_step(step);
                }
            }
            Action::AddDeficit => {
                if let Some(id) = self.write(|wb| wb.add_deficit("")) {
                    self.ui_state.selected_deficit = Some(id);
                    self.changed(Changed::Framework);
                }
            }
            Action::UpdateDeficit(d) => self.update_deficit(d),
            Action::RemoveDeficit(id) => self.remove_deficit(id),
            Action::ChooseDeficit(id) => {
                self.change_deficit_choice(|wb| wb.choose_deficit(Some(id)))
            }
            Action::SetDeficitRationale(text) => {
                self.change_deficit_choice(|wb| wb.set_deficit_rationale(&text))
            }
            Action::AddTheoryStep => {
                if let Some(id) = self.write(|wb| wb.add_theory_step(&TheoryStep::default())) {
                    self.ui_state.selected_step = Some(id);
                    self.changed(Changed::Framework);
                }
            }
            Action::UpdateTheoryStep(step) => self.update_theory_step(step),
            Action::RemoveTheoryStep(id) => self.remove_theory_step(id),
            Action::MoveTheoryStep { id, toward_target } => {
                self.write_changing(Changed::Framework, |wb| {
                    wb.move_theory_step(id, toward_target)
                });
            }
            Action::FinishFramework => self.finish_framework(),
            Action::Data(action) => self.apply_data(action),
            Action::Monitor(action) => self.apply_monitor(action),
            Action::Recognition(action) => self.apply_recognition(action),
            Action::Learning(action) => self.apply_learning(action),
            Action::Meeting(action) => self.apply_meeting(action),
            Action::Workshop(action) => self.apply_workshop(action),
            Action::Returns(action) => self.apply_returns(action),
            Action::Rollup(action) => self.apply_rollup(action),
        }
    }

    /// Opens a screen, building what it shows from views an earlier action
    /// of the frame may have changed.
    fn navigate(&mut self, screen: Screen) {
        // The screen opened is built from views an earlier action changed.
        self.refresh_changed();
        if self.session.is_some()
            || screen == Screen::Start
            || screen == Screen::Workshop
            || screen == Screen::Rollup
            || (screen == Screen::Backups && self.view.backups.is_some())
        {
            self.view.screen = screen;
            if screen == Screen::Backups && self.session.is_some() {
                self.load_backups();
            }
            self.ensure_monitor(screen);
            self.ensure_recognition(screen);
            self.ensure_learning(screen);
            self.ensure_meetings(screen);
            if screen == Screen::Returns {
                self.load_returns();
            }
            if screen == Screen::Home {
                self.ensure_cockpit();
            }
        }
    }

    /// Changes the agency's details, remembered for Undo.
    fn set_agency(&mut self, agency: crate::domain::Agency) {
        self.write_remembered(
            Changed::Framework,
            |wb| wb.agency().ok(),
            |wb| wb.set_agency(&agency),
            |before| Edit::Agency {
                before,
                after: agency.clone(),
            },
        );
    }

    /// Changes a deficit's words or scores, remembered for Undo.
    fn update_deficit(&mut self, d: crate::domain::Deficit) {
        self.write_remembered(
            Changed::Framework,
            |wb| wb.deficits().ok()?.into_iter().find(|x| x.id == d.id),
            |wb| wb.update_deficit(&d),
            |before| Edit::Deficit {
                before: Box::new(before),
                after: Box::new(d.clone()),
            },
        );
    }

    /// Changes a theory step, remembered for Undo.
    fn update_theory_step(&mut self, step: TheoryStep) {
        self.write_remembered(
            Changed::Framework,
            |wb| wb.theory_step(step.id).ok().flatten(),
            |wb| wb.update_theory_step(&step),
            |before| Edit::TheoryStep {
                before: Box::new(before),
                after: Box::new(step.clone()),
            },
        );
    }

    fn run_command(&mut self, command: Command) {
        if command.needs_workbook() && self.session.is_none() {
            return;
        }
        match command {
            Command::NewWorkbook => {
                if let Some(path) = dialogs::pick_new_workbook(&self.locations.workbooks) {
                    self.open_path(&path, true);
                }
            }
            Command::OpenWorkbook => {
                if let Some(path) = dialogs::pick_workbook(&self.locations.workbooks) {
                    self.open_path(&path, false);
                }
            }
            Command::SaveCopyAs => {
                let current = self.session.wb().map(|wb| wb.path().to_owned());
                if let Some(path) = current.as_deref().and_then(dialogs::pick_copy_destination) {
                    self.apply(Action::SaveCopyTo(path));
                }
            }
            Command::CloseWorkbook => self.close_workbook(),
            Command::Quit => self.quit_requested = true,
            Command::GoHome => {
                self.view.screen = Screen::Home;
                self.ensure_cockpit();
            }
            Command::ShowPractices => self.view.dialog = Some(Dialog::Practices),
            Command::ShowAbout => self.view.dialog = Some(Dialog::About),
            Command::CompareParticipants => self.view.screen = Screen::Workshop,
            Command::GoTo => self.view.dialog = Some(Dialog::GoTo),
            Command::ShowShortcuts => self.view.dialog = Some(Dialog::Shortcuts),
            Command::Undo => self.undo_edit(),
            Command::Redo => self.redo_edit(),
        }
    }

    // ---- files ----

    pub(super) fn open_path(&mut self, path: &Path, create: bool) {
        if create
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            self.error(format!(
                "The folder {} cannot be created: {e}.",
                dir.display()
            ));
            return;
        }
        if create && let Err(e) = Workbook::create(path) {
            self.error(e.to_string());
            return;
        }
        let dir = crate::ops::backups::backup_dir(&self.locations.backups, path);
        let upgrade = crate::ops::backups::upgrade_backup_path(&dir, path).ok();
        match Workbook::open_exclusive_checking_beside(path, upgrade.as_deref()) {
            Ok(wb) => {
                self.install(wb, create);
                self.in_session(|s| {
                    s.open_check.pending = true;
                    s.daily_backup_due = true;
                });
            }
            Err(e) => {
                use crate::storage::OpenErrorKind;
                match &e.kind {
                    OpenErrorKind::NotFound if !create => {
                        self.prefs.forget(path);
                        self.save_prefs();
                    }
                    OpenErrorKind::InUse(_) => {
                        self.view.offer_read_only = Some(path.to_owned());
                    }
                    OpenErrorKind::Damaged(why) => {
                        self.show_recovery(path, why.clone());
                    }
                    _ => {}
                }
                self.error(e.to_string());
            }
        }
    }

    /// Opens a workbook to look at only (someone else has it open for writing).
    pub(super) fn open_read_only(&mut self, path: &Path) {
        match Workbook::open_read_only(path) {
            Ok(wb) => {
                self.install(wb, false);
                self.info("Opened read-only: you can look, but changes are refused until the other person closes it.".into());
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn open_sample(&mut self) {
        let path = self.locations.workbooks.join(SAMPLE_FILE_NAME);
        if path.exists() {
            self.open_path(&path, false);
            return;
        }
        if let Err(e) = std::fs::create_dir_all(&self.locations.workbooks) {
            self.error(format!(
                "The folder {} cannot be created: {e}.",
                self.locations.workbooks.display()
            ));
            return;
        }
        match create_sample(&path) {
            Ok(wb) => {
                drop(wb);
                self.open_path(&path, false);
                if self.session.is_some() {
                    self.info("This is the sample agency, in its own file. Explore freely: your own workbooks are untouched.".into());
                }
            }
            Err(e) => self.error(format!("The sample agency could not be created: {e}")),
        }
    }

    fn install(&mut self, wb: Workbook, is_new: bool) {
        let path = wb.path().to_owned();
        let loaded = (|| -> StorageResult<WorkbookView> {
            let framework = wb.framework()?;
            let setup = super::data::view::SetupView::load(&wb)?;
            let mark = setup.decimal_mark;
            let draft = match wb.wizard_draft()? {
                Some(d) => d,
                None => WizardDraft {
                    step: if framework.completed_at.is_some() {
                        WizardStep::Summary
                    } else {
                        WizardStep::Mission
                    },
                    mission: framework
                        .mission
                        .as_ref()
                        .map(|m| m.statement.clone())
                        .unwrap_or_default(),
                    mission_reason: String::new(),
                    target: framework
                        .target
                        .as_ref()
                        .map(|t| TargetDraft::from_target(t, mark))
                        .unwrap_or_default(),
                },
            };
            Ok(WorkbookView {
                file_name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path: path.clone(),
                read_only: wb.is_read_only(),
                status: framework.status(),
                mission_history: wb.mission_history()?,
                counts: wb.counts_at_hand()?,
                checks: WizardChecks::compute(&framework, &draft, mark),
                framework,
                draft,
                show_problems: Vec::new(),
                save_state: SaveState::Saved(None),
                setup,
                grid: None,
                observations: wb.observations()?,
                import: super::import_job::ImportView::default(),
                monitor: super::monitor::view::MonitorView::default(),
                wins: None,
                wall: None,
                certificate: None,
                batch: None,
                integrity: None,
                library: None,
                compare: None,
                review: None,
                feasibility: None,
                meetings: None,
                meeting: None,
                capacity: None,
                returns: None,
                cockpit: None,
                practice: wb.workshop_mark()?.and_then(|m| {
                    Some(super::workshop::view::PracticeInfo {
                        scenario: crate::sample::Scenario::from_key(&m.scenario)?,
                        participant: m.participant,
                    })
                }),
            })
        })();
        match loaded {
            Ok(view) => {
                self.forget_view_state();
                // A framework still being built reopens where the leader left it.
                let building = is_new || view.framework.completed_at.is_none();
                self.view.screen = if building {
                    Screen::Wizard
                } else {
                    Screen::Home
                };
                self.session = Some(super::session::Session::new(wb, view));
                self.view.message = None;
                self.view.offer_read_only = None;
                self.view.backups = None;
                self.ui_state = crate::ui::UiState::default();
                self.prefs.note_opened(&path);
                self.save_prefs();
            }
            Err(e) => self.error(format!("{} could not be read: {e}", path.display())),
        }
    }

    fn close_workbook(&mut self) {
        self.session = None;
        // A message about the closed workbook would linger on the start screen.
        self.view.message = None;
        self.view.screen = Screen::Start;
        self.forget_view_state();
        self.prefs.last_workbook = None;
        self.save_prefs();
    }

    /// Forgets what the window kept of the last workbook's screens —
    /// selections, typed searches, scroll positions, folded sections, chart
    /// views — so that each workbook opens on its own view.
    fn forget_view_state(&mut self) {
        self.ui_state = crate::ui::UiState::default();
        if let Some(ctx) = &self.ctx {
            ctx.memory_mut(|m| m.data.clear());
        }
    }

    fn save_prefs(&mut self) {
        if let Err(e) = self.prefs.save(&self.locations.preferences) {
            tracing::warn!("preferences not saved: {e}");
        }
        self.view.recent = self.prefs.recent.clone();
    }

    // ---- writing through storage ----

    /// Runs one storage write; on failure shows why and returns `None`.
    pub(super) fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Workbook) -> StorageResult<T>,
    ) -> Option<T> {
        let wb = self.session.wb_mut()?;
        match f(wb) {
            Ok(v) => {
                if let Some(view) = self.session.views_mut() {
                    view.save_state = SaveState::Saved(Some(Utc::now()));
                }
                Some(v)
            }
            Err(e) => {
                let text = e.to_string();
                if let Some(view) = self.session.views_mut() {
                    view.save_state = SaveState::Failed(text.clone());
                }
                self.error(text);
                None
            }
        }
    }

    /// Changes which deficit is chosen or why, remembered for Undo.
    fn change_deficit_choice(&mut self, f: impl FnOnce(&mut Workbook) -> StorageResult<()>) {
        let before = self.session.wb().and_then(|wb| wb.deficit_choice().ok());
        if self.write_changing(Changed::Framework, f).is_some()
            && let Some(before) = before
            && let Some(after) = self.session.wb().and_then(|wb| wb.deficit_choice().ok())
        {
            self.remember(Edit::DeficitChoice { before, after });
        }
    }

    /// Runs one storage write that changes `view`; on success the view is
    /// rebuilt before the next frame, on failure the banner says why.
    pub(super) fn write_changing<T>(
        &mut self,
        view: Changed,
        f: impl FnOnce(&mut Workbook) -> StorageResult<T>,
    ) -> Option<T> {
        let done = self.write(f);
        if done.is_some() {
            self.changed(view);
        }
        done
    }

    /// Rebuilds the framework view model from the file (through
    /// `refresh_changed`, once per frame).
    fn refresh_framework(&mut self) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let loaded = wb.framework().and_then(|f| Ok((f, wb.mission_history()?)));
        match loaded {
            Ok((framework, versions)) => {
                if let Some(view) = self.session.views_mut() {
                    view.status = framework.status();
                    view.checks =
                        WizardChecks::compute(&framework, &view.draft, view.setup.decimal_mark);
                    view.framework = framework;
                    view.mission_history = versions;
                }
            }
            Err(e) => self.error(format!("The workbook could not be read: {e}")),
        }
    }

    // ---- the wizard ----

    fn draft(&self) -> Option<&WizardDraft> {
        self.session.views().map(|v| &v.draft)
    }

    fn save_draft(&mut self, draft: WizardDraft) {
        if self.write(|wb| wb.save_wizard_draft(&draft)).is_some()
            && let Some(view) = self.session.views_mut()
        {
            view.checks = WizardChecks::compute(&view.framework, &draft, view.setup.decimal_mark);
            view.draft = draft;
        }
    }

    /// Puts a mission just stored by Undo or Redo in the wizard's draft,
    /// so the step does not offer to change it back.
    pub(super) fn show_mission_in_draft(&mut self, statement: &str) {
        if let Some(mut draft) = self.draft().cloned() {
            draft.mission = statement.to_owned();
            draft.mission_reason.clear();
            self.save_draft(draft);
        }
    }

    fn go_to_step(&mut self, step: WizardStep) {
        let Some(mut draft) = self.draft().cloned() else {
            return;
        };
        draft.step = step;
        self.save_draft(draft);
        self.view.screen = Screen::Wizard;
        if step == WizardStep::Target {
            self.refresh_feasibility();
        }
    }

    /// Commits the current step if it is valid and moves on; otherwise shows its problems.
    fn wizard_next(&mut self) {
        self.refresh_changed();
        let Some(view) = self.session.views() else {
            return;
        };
        let step = view.draft.step;
        if !view.checks.step_ok(step) {
            if let Some(view) = self.session.views_mut()
                && !view.show_problems.contains(&step)
            {
                view.show_problems.push(step);
            }
            return;
        }
        let mut draft = view.draft.clone();
        let committed = match step {
            WizardStep::Mission => {
                let (text, reason) = (draft.mission.clone(), draft.mission_reason.clone());
                let before = view.framework.mission.as_ref().map(|m| m.statement.clone());
                let saved = self.write(|wb| wb.save_mission(&text, &reason));
                if saved == Some(true) {
                    draft.mission_reason.clear();
                    if let Some(before) = before {
                        self.remember(Edit::Mission {
                            before,
                            after: text.trim().to_owned(),
                        });
                    }
                }
                saved.is_some()
            }
            WizardStep::Target => match &view.checks.target {
                Ok(target) => {
                    let target = target.clone();
                    self.write(|wb| wb.save_framework_target(&target)).is_some()
                }
                Err(_) => false,
            },
            WizardStep::Deficits | WizardStep::Theory => true,
            WizardStep::Summary => {
                self.finish_framework();
                return;
            }
        };
        if !committed {
            return;
        }
        if let Some(view) = self.session.views_mut() {
            view.show_problems.retain(|s| *s != step);
        }
        if let Some(next) = step.next() {
            draft.step = next;
        }
        self.save_draft(draft);
        self.changed(Changed::Framework);
    }

    fn finish_framework(&mut self) {
        if self.write(|wb| wb.complete_framework()).is_some() {
            self.changed(Changed::Framework);
            self.view.screen = Screen::Home;
            self.info("The performance framework is complete. It stands on the home screen; edit any part from the wizard.".into());
        }
    }

    // ---- messages ----

    pub(super) fn error(&mut self, text: String) {
        tracing::warn!("{text}");
        self.in_session(|s| s.undo = None);
        let (text, detail) = Message::split(&text);
        self.view.message = Some(Message {
            tone: Tone::Error,
            text,
            detail,
            undo: false,
            file: None,
        });
    }

    /// An info message about a file just written, offering to open it or
    /// show it in its folder.
    pub(super) fn info_file(&mut self, text: String, path: std::path::PathBuf) {
        self.info(text);
        if let Some(m) = self.view.message.as_mut() {
            m.file = Some(path);
        }
    }

    pub(super) fn info(&mut self, text: String) {
        self.in_session(|s| s.undo = None);
        self.view.message = Some(Message {
            tone: Tone::Info,
            text,
            detail: None,
            undo: false,
            file: None,
        });
    }
}
