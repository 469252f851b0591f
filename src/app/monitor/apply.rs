//! Applying the monitoring screens' actions, and keeping their view models
//! in step with the data.

use crate::app::session::Changed;
use crate::app::session::OpenWorkbook;
use chrono::Local;

use crate::analysis::snapshot::IndicatorSnapshot;
use crate::app::import_job::{ImportStatus, Job};
use crate::app::monitor::view::{
    MultiplesMode, ProgressView, XmrView, indicator_multiples, team_multiples,
};
use crate::app::view::Screen;
use crate::app::{MonitorAction, RatchetApp};
use crate::domain::{IndicatorId, TeamId};
use crate::ops::snapshot::load_snapshot;

impl RatchetApp {
    /// Carries out one monitoring action.
    pub(in crate::app) fn apply_monitor(&mut self, action: MonitorAction) {
        match action {
            MonitorAction::ShowProgress(id) => {
                self.load_progress(id);
                self.view.screen = Screen::Progress;
            }
            MonitorAction::SortLeague(column) => {
                if let Some(p) = self
                    .session
                    .views_mut()
                    .and_then(|v| v.monitor.progress.as_mut())
                {
                    let best_first = if p.sort.0 == column { !p.sort.1 } else { true };
                    p.sort_by(column, best_first);
                }
            }
            MonitorAction::HighlightTeams(teams) => {
                if let Some(p) = self
                    .session
                    .views_mut()
                    .and_then(|v| v.monitor.progress.as_mut())
                {
                    p.highlighted = teams;
                }
            }
            MonitorAction::ShowMultiples(mode) => {
                self.load_multiples(mode);
                self.view.screen = Screen::Multiples;
            }
            MonitorAction::ShowXmr { indicator, team } => {
                self.load_xmr(indicator, team);
                self.view.screen = Screen::Xmr;
            }
            MonitorAction::SetXmrSetting {
                indicator,
                team,
                setting,
            } => {
                if self
                    .write(|wb| wb.set_xmr_setting(indicator, team, &setting))
                    .is_some()
                {
                    self.load_xmr(indicator, team);
                }
            }
            MonitorAction::SetThresholds {
                indicator,
                thresholds,
            } => {
                let Some(mut ind) = self
                    .session
                    .views()
                    .and_then(|v| v.setup.indicator(indicator).cloned())
                else {
                    return;
                };
                ind.thresholds = thresholds;
                self.write_changing(Changed::Setup, |wb| wb.update_indicator(&ind));
            }
            MonitorAction::SaveChart(to) => {
                let purpose = crate::app::file_choice::Purpose::new("Save the chart", "chart");
                if let Some(path) = self.chosen_path(to, purpose) {
                    self.save_chart(path);
                }
            }
            MonitorAction::CopyChart => self.copy_chart(),
            MonitorAction::Publish { to, options } => {
                let purpose =
                    crate::app::file_choice::Purpose::new("Publish the dashboard", "dashboard");
                let Some(path) = self.chosen_path(to, purpose) else {
                    return;
                };
                let pdf = path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
                if pdf {
                    self.publish(None, Some(path), options);
                } else {
                    self.publish(Some(path), None, options);
                }
            }
        }
    }

    /// Builds whatever a monitoring screen needs when it is opened.
    pub(in crate::app) fn ensure_monitor(&mut self, screen: Screen) {
        if self.session_has(|s| s.stale.monitor)
            && matches!(screen, Screen::Progress | Screen::Multiples | Screen::Xmr)
        {
            self.in_session(|s| s.stale.monitor = false);
            self.refresh_monitor();
        }
        let Some(view) = self.session.views() else {
            return;
        };
        let first = view
            .setup
            .framework_indicator
            .or_else(|| view.setup.indicators.first().map(|i| i.id));
        let Some(first) = first else { return };
        let team = view.setup.active_teams().next().map(|t| t.id);
        match screen {
            Screen::Progress if view.monitor.progress.is_none() => self.load_progress(first),
            Screen::Multiples if view.monitor.multiples.is_none() => {
                self.load_multiples(MultiplesMode::Teams(first))
            }
            Screen::Xmr if view.monitor.xmr.is_none() => {
                if let Some(team) = team {
                    self.load_xmr(first, team);
                }
            }
            _ => {}
        }
    }

    fn snapshot(&mut self, id: IndicatorId) -> Option<IndicatorSnapshot> {
        let wb = self.session.wb()?;
        match load_snapshot(wb, id, Local::now().date_naive(), &[]) {
            Ok(s) => s,
            Err(e) => {
                self.error(format!("The values could not be read: {e}"));
                None
            }
        }
    }

    fn load_progress(&mut self, id: IndicatorId) {
        let Some(snap) = self.snapshot(id) else {
            return;
        };
        let Some(view) = self.session.views_mut() else {
            return;
        };
        let keep = view
            .monitor
            .progress
            .as_ref()
            .filter(|p| p.snapshot.indicator.id == id)
            .map(|p| (p.sort, p.highlighted.clone()));
        let mut progress = ProgressView::new(snap, &view.observations);
        if let Some(((column, best), highlighted)) = keep {
            progress.sort_by(column, best);
            progress.highlighted = highlighted;
        }
        view.monitor.progress = Some(progress);
    }

    fn load_multiples(&mut self, mode: MultiplesMode) {
        let charts = match mode {
            MultiplesMode::Teams(id) => self.snapshot(id).map(|s| team_multiples(&s)),
            MultiplesMode::Indicators(team) => {
                let ids: Vec<IndicatorId> = self
                    .session
                    .views()
                    .map(|v| v.setup.indicators.iter().map(|i| i.id).collect())
                    .unwrap_or_default();
                let snaps: Vec<IndicatorSnapshot> =
                    ids.into_iter().filter_map(|i| self.snapshot(i)).collect();
                Some(indicator_multiples(&snaps, team))
            }
        };
        if let (Some(charts), Some(view)) = (charts, self.session.views_mut()) {
            view.monitor.multiples = Some((mode, charts));
        }
    }

    fn load_xmr(&mut self, indicator: IndicatorId, team: TeamId) {
        let Some(snap) = self.snapshot(indicator) else {
            return;
        };
        let setting = match self.session.wb().map(|wb| wb.xmr_setting(indicator, team)) {
            Some(Ok(s)) => s,
            Some(Err(e)) => {
                self.error(format!("The chart settings could not be read: {e}"));
                return;
            }
            None => return,
        };
        // An agency-wide indicator has one series, whatever team was asked for.
        let team = if snap.teams.iter().any(|t| t.team == team) {
            team
        } else {
            snap.teams.first().map_or(team, |t| t.team)
        };
        if let Some(view) = self.session.views_mut() {
            view.monitor.xmr = Some(XmrView::new(&snap, team, setting, &view.observations));
        }
    }

    /// Rebuilds the monitoring views that exist, after the data changed.
    pub(in crate::app) fn refresh_monitor(&mut self) {
        let Some(view) = self.session.views() else {
            return;
        };
        let progress = view
            .monitor
            .progress
            .as_ref()
            .map(|p| p.snapshot.indicator.id);
        let multiples = view.monitor.multiples.as_ref().map(|(m, _)| *m);
        let xmr = view.monitor.xmr.as_ref().map(|x| (x.indicator, x.team));
        if let Some(id) = progress {
            self.load_progress(id);
        }
        if let Some(m) = multiples {
            self.load_multiples(m);
        }
        if let Some((i, t)) = xmr {
            self.load_xmr(i, t);
        }
    }

    fn publish(
        &mut self,
        html: Option<std::path::PathBuf>,
        pdf: Option<std::path::PathBuf>,
        mut options: crate::export::dashboard::DashboardOptions,
    ) {
        // The paper the leader chose for documents (with the certificates').
        options.paper = self.document_paper();
        if self.job.is_some() {
            self.error("An import or export is running: wait for it to finish.".into());
            return;
        }
        let Some(wb_path) = self.session.wb().map(|wb| wb.path().to_owned()) else {
            return;
        };
        let repaint = self.repaint_handle();
        self.job = Some(Job::publish(wb_path, html, pdf, options, repaint));
        if let Some(view) = self.session.views_mut() {
            view.import.status = ImportStatus::Exporting;
        }
    }

    fn shown_snapshot(&self) -> Option<&crate::analysis::snapshot::IndicatorSnapshot> {
        self.session
            .views()?
            .monitor
            .progress
            .as_ref()
            .map(|p| &p.snapshot)
    }

    /// Writes the progress chart shown as PNG or SVG.
    fn save_chart(&mut self, path: std::path::PathBuf) {
        let Some(snap) = self.shown_snapshot() else {
            return;
        };
        let svg = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        let bytes = if svg {
            Ok(crate::export::chart_image::chart_svg(snap).into_bytes())
        } else {
            crate::export::chart_image::chart_png(snap).map_err(|e| e.to_string())
        };
        let written = bytes.and_then(|b| {
            crate::export::files::write_document(&path, &b).map_err(|e| e.to_string())
        });
        match written {
            Ok(()) => self.info_file(format!("The chart was saved to {}.", path.display()), path),
            Err(e) => self.error(format!("The chart could not be saved: {e}")),
        }
    }

    /// Puts the progress chart shown on the clipboard as a picture.
    fn copy_chart(&mut self) {
        let Some(snap) = self.shown_snapshot() else {
            return;
        };
        match crate::export::chart_image::chart_pixels(snap) {
            Ok(p) => {
                let image = egui::ColorImage::from_rgba_unmultiplied(
                    [p.width as usize, p.height as usize],
                    &p.rgba,
                );
                if let Some(ctx) = &self.ctx {
                    ctx.copy_image(image);
                }
                self.info(
                    "The chart is on the clipboard: paste it into a slide or an e-mail.".into(),
                );
            }
            Err(e) => self.error(format!("The chart could not be copied: {e}")),
        }
    }
}
