//! The application: owns the workbook, applies actions, keeps view models fresh.
//!
//! Each frame: shortcuts and screens push [`Action`]s; [`RatchetApp::apply`]
//! carries each out through storage (the one place state changes); the view
//! models it touched are rebuilt; the next frame draws from memory.

mod action;
mod apply;
mod background;
pub mod backups;
pub mod commands;
pub mod data;
pub mod destinations;
pub mod dialogs;
mod edits;
pub mod exercise;
mod file_choice;
pub mod first_frame;
pub mod home;
pub mod import_job;
pub mod input_pacer;
mod launch;
pub mod learning;
pub mod meetings;
pub mod monitor;
pub mod opened_files;
pub mod practice_nav;
pub mod prefs;
pub mod recognition;
pub mod returns;
pub mod rollup;
mod session;
pub use session::ViewBuilds;
mod undo;
pub mod view;
pub mod workshop;

use std::path::PathBuf;

pub use crate::locations::Locations;
pub use action::{
    Action, Actions, DataAction, FrameworkDocument, LearningAction, MeetingAction, MonitorAction,
    RecognitionAction, ReturnsAction, RollupAction, WorkshopAction,
};
pub use commands::Command;
pub use file_choice::{FileChoice, FileKind};
pub use prefs::Preferences;
pub use view::{AppView, Dialog, Message, Screen, Tone};

use crate::storage::Workbook;
use crate::ui::UiState;
use session::OpenWorkbook;

/// The whole application state.
pub struct RatchetApp {
    /// The open workbook and what lives and dies with it.
    session: Option<session::Session>,
    view: AppView,
    ui_state: UiState,
    prefs: Preferences,
    locations: Locations,
    actions: Actions,
    quit_requested: bool,
    /// Opens the workbooks the system asks the program to open (the
    /// window's app only: one per process).
    opens_system_files: bool,
    context_ready: bool,
    job: Option<import_job::Job>,
    ctx: Option<egui::Context>,
    /// The roll-up, being read on other threads.
    rollup_job: Option<background::Background<crate::analysis::rollup::Portfolio>>,
    /// The day's backup, being copied on another thread.
    backup_running: Option<background::Background<PathBuf>>,
    /// Splits bursts of input so typed text reaches its field first.
    pacer: input_pacer::InputPacer,
}

impl RatchetApp {
    /// Starts the app: opens `open` if given, else the last workbook, else the start screen.
    pub fn new(locations: Locations, open: Option<PathBuf>) -> Self {
        let prefs = Preferences::load(&locations.preferences);
        let mut app = RatchetApp {
            session: None,
            view: AppView {
                recent: prefs.recent.clone(),
                workbooks_dir: locations.workbooks.clone(),
                logs_dir: locations.logs.clone(),
                ..AppView::default()
            },
            ui_state: UiState::default(),
            prefs,
            locations,
            actions: Actions::default(),
            quit_requested: false,
            opens_system_files: false,
            context_ready: false,
            job: None,
            ctx: None,
            backup_running: None,
            rollup_job: None,
            pacer: input_pacer::InputPacer::default(),
        };
        let reopen = open.or_else(|| app.prefs.last_workbook.clone().filter(|p| p.exists()));
        if let Some(path) = reopen {
            app.apply(Action::OpenWorkbook(path));
        }
        app
    }

    /// What the screens read.
    pub fn view(&self) -> &AppView {
        &self.view
    }

    /// What the screens show of the open workbook, if one is open.
    pub fn workbook_view(&self) -> Option<&view::WorkbookView> {
        self.session.views()
    }

    /// How many times the open workbook's set-up and framework views were
    /// rebuilt (for tests and benchmarks).
    pub fn view_builds(&self) -> Option<session::ViewBuilds> {
        self.session.as_ref().map(|s| s.builds)
    }

    /// The open workbook (for tests and the command line).
    pub fn workbook(&self) -> Option<&Workbook> {
        self.session.wb()
    }

    /// Changes the open workbook's session (nothing when none is open).
    fn in_session(&mut self, f: impl FnOnce(&mut session::Session)) {
        if let Some(s) = self.session.as_mut() {
            f(s);
        }
    }

    /// True when a workbook is open and `f` says so of its session.
    fn session_has(&self, f: impl FnOnce(&session::Session) -> bool) -> bool {
        self.session.as_ref().is_some_and(f)
    }

    /// Makes this app the one that opens the workbooks the system asks the
    /// program to open (`opened_files`); the window's app, not a test's.
    pub fn open_system_files(&mut self) {
        self.opens_system_files = true;
    }

    /// True once Quit was chosen.
    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    /// Prepares a frame's raw input before the frame runs (eframe's
    /// `raw_input_hook`; tests call it the same way): a burst of typed text
    /// followed by Enter, a click elsewhere or a shortcut is split so the
    /// text reaches its field first. True when part of the input waits for
    /// the next frame.
    pub fn pace_input(&mut self, raw: &mut egui::RawInput) -> bool {
        self.pacer.pace(raw)
    }

    /// Draws one frame and applies what it asked for.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        if !self.context_ready {
            crate::ui::theme::setup(ui.ctx());
            self.ctx = Some(ui.ctx().clone());
            self.context_ready = true;
        }
        self.poll_job();
        self.poll_open_check();
        self.poll_cockpit();
        self.poll_rollup();
        self.poll_checks();
        self.poll_wins();
        // A finished job may have changed views: rebuilt before they are drawn.
        self.refresh_changed();
        self.refresh_certificate_preview();
        let dropped: Vec<PathBuf> = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if self.view.screen == Screen::Returns && self.session.is_some() && !dropped.is_empty() {
            // Returned files dropped on the Data returns screen are checked.
            for path in dropped {
                self.actions.push(ReturnsAction::Collect(path.into()));
            }
        } else if self.view.screen == Screen::Workshop && !dropped.is_empty() {
            // The facilitator drops participants' workbooks to compare them.
            for path in dropped {
                self.actions.push(WorkshopAction::CompareAdd(path.into()));
            }
        } else if let Some(path) = dropped.into_iter().next() {
            self.actions.push(
                if self.session.is_some()
                    && path
                        .extension()
                        .is_none_or(|e| e != crate::storage::WORKBOOK_EXTENSION)
                {
                    Action::Data(DataAction::ImportOpen(path.into()))
                } else {
                    Action::OpenWorkbook(path)
                },
            );
        }
        // A workbook the system asked us to open (macOS: Finder, the Dock).
        let asked = if self.opens_system_files {
            opened_files::take()
        } else {
            Vec::new()
        };
        if let Some(path) = asked.into_iter().find(|p| {
            p.extension()
                .is_some_and(|e| e == crate::storage::WORKBOOK_EXTENSION)
        }) {
            self.actions.push(Action::OpenWorkbook(path));
        }
        // A text field keeps Ctrl+Z for its own typing; the grid's cell
        // editor leaves it to the values' Undo.
        let typing = ui.ctx().egui_wants_keyboard_input()
            && ui.ctx().memory(|m| m.focused()) != Some(crate::ui::grid_editor_id());
        for command in Command::WITH_SHORTCUTS {
            if typing && matches!(command, Command::Undo | Command::Redo) {
                continue;
            }
            let pressed = [command.shortcut(), command.alternate_shortcut()]
                .into_iter()
                .flatten()
                .any(|shortcut| ui.ctx().input_mut(|i| i.consume_shortcut(&shortcut)));
            if pressed {
                self.actions.push(Action::Run(command));
            }
        }
        self.view.undoable = self
            .session
            .as_ref()
            .map_or((0, 0), |s| (s.edits.undo.len(), s.edits.redo.len()));
        crate::ui::app_ui(
            ui,
            &self.view,
            self.session.views(),
            &mut self.ui_state,
            &mut self.actions,
        );
        let queued = self.actions.drain();
        let changed = !queued.is_empty();
        self.apply_queued(queued);
        if changed {
            ui.ctx().request_repaint();
        }
        if let Some(check) = self.session.as_mut().map(|s| &mut s.open_check)
            && check.pending
            && !check.may_start
        {
            // This frame is drawn: the next one starts the check.
            check.may_start = true;
            ui.ctx().request_repaint();
        }
        if self.quit_requested {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for RatchetApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.pace_input(raw_input) {
            ctx.request_repaint();
        }
    }
}
