//! The home screen's cockpit: computed on a reader of its own on another
//! thread whenever home is shown, and collected once it is done.

use crate::app::session::OpenWorkbook;
use chrono::Local;

use crate::app::RatchetApp;
use crate::app::background::{Background, Polled};
use crate::ops::cockpit::cockpit;

impl RatchetApp {
    /// Recomputes the cockpit (and the teams' standing) after a change: at
    /// once, or when the computation already under way, which read the
    /// workbook before the change, is done.
    pub(in crate::app) fn refresh_cockpit(&mut self) {
        match self.session.as_mut() {
            Some(s) if s.cockpit_job.is_some() => s.stale.cockpit = true,
            Some(_) => self.ensure_cockpit(),
            None => {}
        }
    }

    /// Starts computing the cockpit, unless it is being computed already.
    pub(in crate::app) fn ensure_cockpit(&mut self) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if session.cockpit_job.is_some() {
            return;
        }
        let reader = match session.workbook.reader() {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!("the home screen's figures could not be read: {e}");
                return;
            }
        };
        let job = Background::start("home figures", self.ctx.clone(), move || {
            let today = Local::now().date_naive();
            cockpit(&reader, today).map_err(|e| e.to_string())
        });
        match job {
            Ok(job) => session.cockpit_job = Some(job),
            Err(e) => tracing::warn!("the home screen's figures could not be started: {e}"),
        }
    }

    /// Collects the cockpit once it is computed; starts it when home is
    /// shown without one (once the workbook's opening check is done, so
    /// that the first frame and the check have the processor).
    pub(in crate::app) fn poll_cockpit(&mut self) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let Some(job) = &session.cockpit_job else {
            let missing = session.view.cockpit.is_none();
            if missing
                && self.view.screen == crate::app::Screen::Home
                && !session.open_check.pending
            {
                self.ensure_cockpit();
            }
            return;
        };
        let Polled::Done(result) = job.poll() else {
            return;
        };
        session.cockpit_job = None;
        let again = std::mem::take(&mut session.stale.cockpit);
        match result {
            Ok(c) => {
                if let Some(view) = self.session.views_mut() {
                    // The team pickers choose by the same standing.
                    if let Some(t) = &c.target {
                        view.setup.standing.clone_from(&t.statuses);
                    }
                    view.cockpit = Some(c);
                }
            }
            Err(e) => tracing::warn!("home screen: {e}"),
        }
        if again {
            self.ensure_cockpit();
        }
    }
}
