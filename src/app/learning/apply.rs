//! Applying the learning screens' actions: integrity checks and flags, the
//! indicator library and comparisons, reviews and ratcheting the target.

use crate::app::background::{Background, Polled};
use crate::app::edits::Edit;
use crate::app::session::Changed;
use crate::app::session::{ChecksDone, OpenWorkbook};
use chrono::Local;

use crate::analysis::feasibility::{feasibility, propose_ratchet};
use crate::analysis::snapshot::{IndicatorSnapshot, median_by_period};
use crate::app::learning::integrity::{FlagDetail, FlagFilter, IntegrityView};
use crate::app::learning::view::{CompareView, LibraryView, ReviewView};
use crate::app::view::Screen;
use crate::app::{LearningAction, RatchetApp};
use crate::domain::number::count;
use crate::ops::integrity::{CheckScope, run_checks};
use crate::ops::snapshot::load_snapshot;

/// The framework's target, the median team's values on it, and its decimals.
type TargetSeries = (crate::domain::Target, Vec<(chrono::NaiveDate, f64)>, u8);

impl RatchetApp {
    /// Carries out one learning action.
    pub(in crate::app) fn apply_learning(&mut self, action: LearningAction) {
        let reads_only = matches!(
            action,
            LearningAction::FilterFlags(_)
                | LearningAction::SelectFlag(_)
                | LearningAction::Compare { .. }
                | LearningAction::ProposeRatchet
                | LearningAction::CompareVersions { .. }
        );
        if self.job.is_some() && !reads_only {
            self.error("A task is running: wait for it to finish, or cancel it.".into());
            return;
        }
        match action {
            LearningAction::RunChecks => {
                self.in_session(|s| s.stale.checks = true);
                self.run_stale_checks(true);
            }
            LearningAction::FilterFlags(filter) => {
                if let Some(v) = self.session.views_mut().and_then(|w| w.integrity.as_mut()) {
                    v.set_filter(filter);
                }
            }
            LearningAction::SelectFlag(id) => self.select_flag(id),
            LearningAction::SettleFlag { id, status, note } => {
                let before = self
                    .session
                    .wb()
                    .and_then(|wb| wb.flags().ok())
                    .and_then(|flags| flags.into_iter().find(|f| f.id == id))
                    .map(|f| (f.status, f.note));
                if self
                    .write(|wb| wb.set_flag_status(id, status, &note))
                    .is_some()
                {
                    if let Some(before) = before {
                        self.remember(Edit::Flag {
                            id,
                            before,
                            after: (status, note.trim().to_owned()),
                        });
                    }
                    self.load_integrity(None);
                    self.select_flag(id);
                    let title = self
                        .session
                        .views()
                        .and_then(|v| v.integrity.as_ref())
                        .and_then(|v| v.flags.iter().find(|f| f.id == id))
                        .map_or_else(|| "The flag".to_owned(), |f| format!("\"{}\"", f.title));
                    self.info(format!("{title} is now {}.", status.label()));
                }
            }
            LearningAction::Compare { a, b, team } => {
                let (Some(sa), Some(sb)) = (self.snapshot_of(a), self.snapshot_of(b)) else {
                    return;
                };
                if let Some(view) = self.session.views_mut() {
                    view.compare = Some(CompareView::new(&sa, &sb, team));
                }
            }
            LearningAction::AddReview {
                held_on,
                learned,
                changes,
            } => {
                if self
                    .write(|wb| wb.add_review(held_on, &learned, &changes))
                    .is_some()
                {
                    self.load_review();
                    self.info(
                        "The review is recorded, and the framework kept as a new version.".into(),
                    );
                }
            }
            LearningAction::ProposeRatchet => {
                let proposal = self.propose();
                if let Some(r) = self.session.views_mut().and_then(|v| v.review.as_mut()) {
                    r.proposal = Some(proposal);
                }
            }
            LearningAction::Ratchet { target, reason } => {
                let today = Local::now().date_naive();
                if self
                    .write(|wb| wb.ratchet_target(&target, &reason, today))
                    .is_some()
                {
                    self.changed(Changed::Framework);
                    self.changed(Changed::Setup);
                    self.load_review();
                    self.info(format!(
                        "The target is now: {}. The old one stays in the history.",
                        target.sentence()
                    ));
                }
            }
            LearningAction::CompareVersions { a, b } => {
                let Some(wb) = self.session.wb() else {
                    return;
                };
                match (wb.framework_version(a), wb.framework_version(b)) {
                    (Ok(Some(va)), Ok(Some(vb))) => {
                        if let Some(r) = self.session.views_mut().and_then(|v| v.review.as_mut()) {
                            r.compared = Some((va, vb));
                        }
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        self.error(format!("The versions could not be read: {e}"))
                    }
                    _ => self.error("That version no longer exists.".into()),
                }
            }
        }
    }

    /// Builds what a learning screen needs when it is opened.
    pub(in crate::app) fn ensure_learning(&mut self, screen: Screen) {
        match screen {
            Screen::Integrity => {
                self.run_stale_checks(false);
                if self.session.views().is_some_and(|v| v.integrity.is_none()) {
                    self.load_integrity(None);
                }
            }
            Screen::Library => self.load_library(),
            Screen::Compare => {
                let first_two = self.session.views().and_then(|v| {
                    let ids: Vec<_> = v.setup.indicators.iter().map(|i| i.id).collect();
                    (v.compare.is_none() && ids.len() >= 2).then(|| (ids[0], ids[1]))
                });
                if let Some((a, b)) = first_two {
                    self.apply_learning(LearningAction::Compare { a, b, team: None });
                }
            }
            Screen::Review => self.load_review(),
            Screen::Progress | Screen::Wizard => self.refresh_feasibility(),
            _ => {}
        }
    }

    /// Runs the checks the data changes call for: everything after opening or
    /// wholesale changes, else only the indicators whose values changed.
    fn run_stale_checks(&mut self, say: bool) {
        let today = Local::now().date_naive();
        let Some(stale) = self.session.as_ref().map(|s| &s.stale) else {
            return;
        };
        let scopes: Vec<CheckScope> = if stale.checks {
            vec![CheckScope::All]
        } else {
            stale
                .checks_indicators
                .iter()
                .map(|i| CheckScope::Indicator(*i))
                .collect()
        };
        if scopes.is_empty() {
            return;
        }
        let read_only = self.session.wb().is_none_or(|wb| wb.is_read_only());
        if read_only {
            if say {
                self.error(
                    "This workbook is open read-only: the checks cannot record flags in it.".into(),
                );
            }
            return;
        }
        if self.session_has(|s| s.checks_job.is_some()) {
            return;
        }
        let Some(path) = self.session.wb().map(|wb| wb.path().to_owned()) else {
            return;
        };
        // Marked fresh now: a change made while they run marks them stale again.
        self.in_session(|s| s.stale.checks = false);
        self.in_session(|s| s.stale.checks_indicators.clear());
        let job = Background::start("integrity checks", self.ctx.clone(), move || {
            let mut wb = crate::storage::Workbook::open(&path).map_err(|e| e.to_string())?;
            let mut done = ChecksDone {
                totals: (0, 0, 0),
                not_applicable: None,
                say,
            };
            for scope in scopes {
                let run = run_checks(&mut wb, scope, today).map_err(|e| e.to_string())?;
                done.totals.0 += run.recorded.added;
                done.totals.1 += run.recorded.reopened;
                done.totals.2 += run.recorded.cleared;
                if scope == CheckScope::All {
                    done.not_applicable = Some(run.report.not_applicable);
                }
            }
            Ok(done)
        });
        match job {
            Ok(job) => {
                self.in_session(|s| s.checks_job = Some(job));
                if let Some(v) = self.session.views_mut().and_then(|w| w.integrity.as_mut()) {
                    v.running = true;
                }
            }
            Err(e) => self.error(format!("The checks could not be started: {e}")),
        }
    }

    /// Collects the integrity checks once they have run.
    pub(in crate::app) fn poll_checks(&mut self) {
        let Some(job) = self.session.as_ref().and_then(|s| s.checks_job.as_ref()) else {
            return;
        };
        let Polled::Done(result) = job.poll() else {
            return;
        };
        self.in_session(|s| s.checks_job = None);
        match result {
            Ok(done) => {
                self.load_integrity(done.not_applicable.as_deref());
                if let Some(v) = self.session.views_mut().and_then(|w| w.integrity.as_mut()) {
                    v.last_run = Some(done.totals);
                    v.running = false;
                }
                // The cockpit counts the flags.
                if let Some(view) = self.session.views_mut() {
                    view.cockpit = None;
                }
                if done.say {
                    let (new, reopened, cleared) = done.totals;
                    self.info(format!(
                        "Checked: {} new, {reopened} reopened, {cleared} no longer found.",
                        count(new as u64, "flag", "flags"),
                    ));
                }
            }
            Err(e) => {
                self.in_session(|s| s.stale.checks = true);
                if let Some(v) = self.session.views_mut().and_then(|w| w.integrity.as_mut()) {
                    v.running = false;
                }
                self.error(format!("The integrity checks could not run: {e}"));
            }
        }
    }

    /// Reloads the flags after one was settled or reopened by Undo or Redo,
    /// keeping the flag shown.
    pub(in crate::app) fn reload_integrity(&mut self) {
        let shown = self
            .session
            .views()
            .and_then(|v| v.integrity.as_ref())
            .and_then(|v| v.detail.as_ref())
            .map(|d| d.flag.id);
        self.load_integrity(None);
        if let Some(id) = shown {
            self.select_flag(id);
        }
    }

    fn load_integrity(&mut self, skipped: Option<&[crate::analysis::integrity::NotApplicable]>) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let loaded = (|| {
            Ok::<_, crate::storage::StorageError>((wb.flags()?, wb.teams()?, wb.indicators()?))
        })();
        match loaded {
            Ok((flags, teams, indicators)) => {
                if let Some(view) = self.session.views_mut() {
                    let old = view.integrity.take();
                    let filter = old
                        .as_ref()
                        .map(|v| v.filter.clone())
                        .unwrap_or_else(FlagFilter::default);
                    let mut v = IntegrityView::new(flags, teams, indicators, filter);
                    if let Some(old) = old {
                        v.skipped = old.skipped;
                        v.last_run = old.last_run;
                        v.detail = old.detail;
                    }
                    if let Some(s) = skipped {
                        v.set_skipped(s);
                    }
                    view.integrity = Some(v);
                }
            }
            Err(e) => self.error(format!("The flags could not be read: {e}")),
        }
    }

    fn select_flag(&mut self, id: crate::domain::integrity::FlagId) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let Some(flag) = self
            .session
            .views()
            .and_then(|v| v.integrity.as_ref())
            .and_then(|v| v.flags.iter().find(|f| f.id == id).cloned())
        else {
            return;
        };
        let series = match (flag.indicator, flag.team) {
            (Some(i), Some(t)) => wb.series(i, t).unwrap_or_default(),
            _ => Vec::new(),
        };
        let history = wb.flag_history(id).unwrap_or_default();
        if let Some(v) = self.session.views_mut().and_then(|w| w.integrity.as_mut()) {
            let series_name = format!(
                "{} · {}",
                v.team_name(flag.team),
                v.indicator_name(flag.indicator)
            );
            v.detail = Some(FlagDetail {
                flag,
                series,
                series_name,
                history,
            });
        }
    }

    fn snapshot_of(&mut self, id: crate::domain::IndicatorId) -> Option<IndicatorSnapshot> {
        let wb = self.session.wb()?;
        match load_snapshot(wb, id, Local::now().date_naive(), &[]) {
            Ok(s) => s,
            Err(e) => {
                self.error(format!("The values could not be read: {e}"));
                None
            }
        }
    }

    fn load_library(&mut self) {
        let ids: Vec<_> = self
            .session
            .views()
            .map(|v| v.setup.indicators.iter().map(|i| i.id).collect())
            .unwrap_or_default();
        let snapshots: Vec<IndicatorSnapshot> = ids
            .into_iter()
            .filter_map(|i| self.snapshot_of(i))
            .collect();
        if let Some(view) = self.session.views_mut() {
            view.library = Some(LibraryView::new(&snapshots, &view.observations));
        }
    }

    /// The framework target's agency series: per period, the median team.
    fn target_series(&mut self) -> Option<TargetSeries> {
        let target = self.session.views()?.framework.target.clone()?;
        let id = self.session.wb()?.framework_indicator().ok()??;
        let snap = self.snapshot_of(id)?;
        let series = median_by_period(snap.teams.iter().map(|t| t.points.as_slice()));
        Some((target, series, snap.indicator.decimals))
    }

    /// The framework target against the natural process limits.
    pub(in crate::app) fn refresh_feasibility(&mut self) {
        // It reads the framework's target: an action before it may have changed it.
        self.refresh_changed();
        let text = self
            .target_series()
            .map(|(target, series, _)| match feasibility(&target, &series) {
                Ok(f) => f.text,
                Err(why) => format!("Whether the target is within reach of the current process cannot be said yet: {why}."),
            });
        if let Some(view) = self.session.views_mut() {
            view.feasibility = text;
        }
    }

    fn propose(&mut self) -> Result<crate::analysis::feasibility::Proposal, String> {
        let (target, series, decimals) = self
            .target_series()
            .ok_or_else(|| "the framework has no target with data yet".to_owned())?;
        propose_ratchet(&target, &series, Local::now().date_naive(), decimals)
    }

    fn load_review(&mut self) {
        self.refresh_feasibility();
        let Some(wb) = self.session.wb() else {
            return;
        };
        match wb.reviews().and_then(|r| Ok((r, wb.framework_versions()?))) {
            Ok((reviews, versions)) => {
                let feasibility = self.session.views().and_then(|v| v.feasibility.clone());
                if let Some(view) = self.session.views_mut() {
                    let old = view.review.take().unwrap_or_default();
                    view.review = Some(ReviewView {
                        reviews,
                        versions,
                        compared: old.compared,
                        proposal: old.proposal,
                        feasibility,
                    });
                }
            }
            Err(e) => self.error(format!("The reviews could not be read: {e}")),
        }
    }
}
