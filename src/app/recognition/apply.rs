//! Applying the recognition screens' actions: wins, certificates, the wall,
//! and the framework card and poster.

use crate::app::session::OpenWorkbook;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Local;

use crate::app::background::{Background, Polled};
use crate::app::file_choice::Purpose;
use crate::app::import_job::Job;
use crate::app::recognition::view::{
    CertificateDraft, CertificateEditor, WallView, WinFilter, WinsView,
};
use crate::app::session::WinsFound;
use crate::app::view::Screen;
use crate::app::{FrameworkDocument, RatchetApp, RecognitionAction};
use crate::domain::certificate::CertificateDefaults;
use crate::domain::number::count;
use crate::domain::{IndicatorId, TeamId, WinId};
use crate::export::card::framework_card;
use crate::export::certificate::{layout_certificate, read_logo};
use crate::export::poster::mission_poster;
use crate::ops::recognition::{issue_certificate, spec_for_win};
use crate::ops::wins::{DetectScope, detect_wins};

/// How long typing must pause before the certificate preview is redrawn.
const PREVIEW_PAUSE: Duration = Duration::from_millis(150);

impl RatchetApp {
    /// Carries out one recognition action.
    pub(in crate::app) fn apply_recognition(&mut self, action: RecognitionAction) {
        let reads_only = matches!(
            action,
            RecognitionAction::FilterWins(_)
                | RecognitionAction::EditCertificate(_)
                | RecognitionAction::CancelBatch
                | RecognitionAction::Recognise(_)
        );
        if self.job.is_some() && !reads_only {
            self.error("A task is running: wait for it to finish, or cancel it.".into());
            return;
        }
        match action {
            RecognitionAction::DetectWins => {
                self.detect(DetectScope::All, true);
            }
            RecognitionAction::FilterWins(filter) => {
                if let Some(w) = self.session.views_mut().and_then(|v| v.wins.as_mut()) {
                    w.set_filter(filter);
                }
            }
            RecognitionAction::AddManualWin(win) => {
                if let Some(id) = self.write(|wb| wb.add_manual_win(&win)) {
                    self.load_wins();
                    self.info(format!("Recorded the win (number {id})."));
                }
            }
            RecognitionAction::RemoveManualWin(id) => {
                if self.write(|wb| wb.remove_manual_win(id)).is_some() {
                    self.load_wins();
                    self.info("Removed the win.".into());
                }
            }
            RecognitionAction::SetStreakLength(n) => {
                if self.write(|wb| wb.set_streak_length(n)).is_some() {
                    self.detect(DetectScope::All, true);
                }
            }
            RecognitionAction::Recognise(id) => self.open_editor(id),
            RecognitionAction::EditCertificate(draft) => {
                if let Some(e) = self.editor_mut() {
                    e.draft = draft;
                    e.relayout();
                }
                self.in_session(|s| s.preview_edited_at = Some(Instant::now()));
            }
            RecognitionAction::SetLogo(from) => {
                if let Some(path) = self.chosen_path(from, Purpose::new("Choose a logo", "")) {
                    self.set_logo(&path);
                }
            }
            RecognitionAction::ClearLogo => {
                if self.write(|wb| wb.set_logo(None)).is_some() {
                    if let Some(e) = self.editor_mut() {
                        e.logo = None;
                        e.relayout();
                    }
                    self.in_session(|s| s.preview_edited_at = None);
                }
            }
            RecognitionAction::SaveCertificateDefaults => {
                let Some(d) = self.editor_mut().map(|e| e.draft.clone()) else {
                    return;
                };
                let defaults = CertificateDefaults {
                    signer_name: d.signer_name.trim().to_owned(),
                    signer_title: d.signer_title.trim().to_owned(),
                    layout: d.layout,
                    paper: d.paper,
                };
                if self
                    .write(|wb| wb.save_certificate_defaults(&defaults))
                    .is_some()
                {
                    self.info(
                        "New certificates will start from this signer, design and paper.".into(),
                    );
                }
            }
            RecognitionAction::ExportCertificate(to) => {
                let purpose = Purpose::new("Save the certificate", "certificate");
                if let Some(path) = self.chosen_path(to, purpose) {
                    self.export_certificate(path);
                }
            }
            RecognitionAction::BatchCertificates {
                from,
                to,
                unrecognised_only,
                folder,
            } => {
                let purpose = Purpose::new("Folder for the certificates", "");
                if let Some(folder) = self.chosen_path(folder, purpose) {
                    self.batch(from, to, unrecognised_only, folder);
                }
            }
            RecognitionAction::CancelBatch => {
                if let Some(job) = &self.job {
                    job.cancel();
                }
            }
            RecognitionAction::ExportFrameworkDocument { document, to } => {
                let purpose = match document {
                    FrameworkDocument::Card => {
                        Purpose::new("Save the framework card", "framework card")
                    }
                    FrameworkDocument::Poster => {
                        Purpose::new("Save the mission poster", "mission poster")
                    }
                };
                if let Some(path) = self.chosen_path(to, purpose) {
                    self.export_framework_document(document, &path);
                }
            }
        }
    }

    /// Builds what a recognition screen needs when it is opened, looking
    /// for wins first if the data changed since the last look.
    pub(in crate::app) fn ensure_recognition(&mut self, screen: Screen) {
        if !matches!(screen, Screen::Wins | Screen::Wall | Screen::Certificate) {
            return;
        }
        if self.session_has(|s| s.stale.wins) {
            self.detect(DetectScope::All, false);
        }
        match screen {
            Screen::Wins => self.load_wins(),
            Screen::Wall => self.load_wall(),
            _ => {}
        }
    }

    /// Looks for wins in `scope`, records them and refreshes the log;
    /// `say` reports the outcome in the banner. One series is looked at at
    /// once (well under a millisecond); every series (half a second on a
    /// large workbook) on another thread, collected by `poll_wins`.
    pub(in crate::app) fn detect(&mut self, scope: DetectScope, say: bool) {
        if self.job.is_some() {
            return;
        }
        if scope == DetectScope::All {
            self.start_wins_job(say);
            return;
        }
        let Some(recorded) = self.write(|wb| detect_wins(wb, scope)) else {
            return;
        };
        if self.session.views().is_some_and(|v| v.wins.is_some()) {
            self.load_wins();
        }
        self.say_wins(&recorded, say, false);
    }

    /// Starts looking through every series for wins on a connection of its
    /// own (once at a time; a read-only workbook cannot record them).
    fn start_wins_job(&mut self, say: bool) {
        if self.session_has(|s| s.wins_job.is_some()) {
            return;
        }
        let Some(wb) = self.session.wb() else {
            return;
        };
        if wb.is_read_only() {
            if say {
                self.error(
                    "This workbook is open read-only: wins cannot be recorded in it.".into(),
                );
            }
            return;
        }
        let path = wb.path().to_owned();
        // Marked fresh now: a change made while it runs marks it stale again.
        self.in_session(|s| s.stale.wins = false);
        let job = Background::start("wins", self.ctx.clone(), move || {
            let mut wb = crate::storage::Workbook::open(&path).map_err(|e| e.to_string())?;
            let recorded = detect_wins(&mut wb, DetectScope::All).map_err(|e| e.to_string())?;
            Ok(WinsFound { recorded, say })
        });
        match job {
            Ok(job) => {
                self.in_session(|s| s.wins_job = Some(job));
                if let Some(w) = self.session.views_mut().and_then(|v| v.wins.as_mut()) {
                    w.looking = true;
                }
            }
            Err(e) => self.error(format!("Looking for wins could not start: {e}")),
        }
    }

    /// Collects the look for wins across every series once it is done.
    pub(in crate::app) fn poll_wins(&mut self) {
        let Some(job) = self.session.as_ref().and_then(|s| s.wins_job.as_ref()) else {
            return;
        };
        let Polled::Done(result) = job.poll() else {
            return;
        };
        self.in_session(|s| s.wins_job = None);
        match result {
            Ok(found) => {
                if self.session.views().is_some_and(|v| v.wins.is_some()) {
                    self.load_wins();
                }
                // The cockpit counts the wins waiting.
                if let Some(view) = self.session.views_mut() {
                    view.cockpit = None;
                }
                self.say_wins(&found.recorded, found.say, true);
            }
            Err(e) => {
                self.in_session(|s| s.stale.wins = true);
                if let Some(w) = self.session.views_mut().and_then(|v| v.wins.as_mut()) {
                    w.looking = false;
                }
                self.error(format!("Wins could not be looked for: {e}"));
            }
        }
    }

    /// Says what a look for wins recorded: always when asked, else only new
    /// wins found in one series.
    fn say_wins(&mut self, recorded: &crate::storage::WinsRecorded, say: bool, all: bool) {
        if say {
            let mut text = if recorded.added == 0 {
                "No new wins.".to_owned()
            } else {
                format!(
                    "Found {}.",
                    count(recorded.added as u64, "new win", "new wins")
                )
            };
            if recorded.withdrawn > 0 {
                text.push_str(&format!(
                    " {} no longer shown by the data (kept and marked).",
                    count(recorded.withdrawn as u64, "win is", "wins are")
                ));
            }
            self.info(text);
        } else if recorded.added > 0 && !all {
            self.info(format!(
                "{} — see Wins.",
                count(recorded.added as u64, "new win", "new wins")
            ));
        }
    }

    /// Looks for wins in the series these cells belong to (after values changed).
    pub(in crate::app) fn detect_after_edit(&mut self, series: &[(IndicatorId, TeamId)]) {
        let mut seen: Vec<(IndicatorId, TeamId)> = Vec::new();
        for s in series {
            if !seen.contains(s) {
                seen.push(*s);
            }
        }
        for (indicator, team) in seen {
            self.detect(DetectScope::Series(indicator, team), false);
        }
    }

    fn load_wins(&mut self) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let loaded = (|| {
            Ok::<_, crate::storage::StorageError>((
                wb.wins()?,
                wb.teams()?,
                wb.indicators()?,
                wb.streak_length()?,
            ))
        })();
        match loaded {
            Ok((wins, teams, indicators, streak)) => {
                let looking = self.session_has(|s| s.wins_job.is_some());
                if let Some(view) = self.session.views_mut() {
                    let filter = view
                        .wins
                        .as_ref()
                        .map(|w| w.filter.clone())
                        .unwrap_or_else(WinFilter::default);
                    let mut log = WinsView::new(wins, teams, indicators, filter, streak);
                    log.looking = looking;
                    view.wins = Some(log);
                }
            }
            Err(e) => self.error(format!("The wins could not be read: {e}")),
        }
    }

    fn load_wall(&mut self) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        match wb.recognitions().and_then(|r| Ok((r, wb.teams()?))) {
            Ok((recognitions, teams)) => {
                if let Some(view) = self.session.views_mut() {
                    view.wall = Some(WallView::new(&recognitions, &teams));
                }
            }
            Err(e) => self.error(format!("The recognitions could not be read: {e}")),
        }
    }

    fn editor_mut(&mut self) -> Option<&mut CertificateEditor> {
        self.session
            .views_mut()
            .and_then(|v| v.certificate.as_mut())
    }

    fn open_editor(&mut self, id: WinId) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let today = Local::now().date_naive();
        let loaded = (|| {
            let win = wb
                .win(id)?
                .ok_or_else(|| crate::storage::StorageError::Missing(format!("win {id}")))?;
            let spec = spec_for_win(wb, &win, today)?;
            Ok::<_, crate::storage::StorageError>((win, spec, wb.teams()?))
        })();
        let (win, spec, teams) = match loaded {
            Ok(x) => x,
            Err(e) => {
                self.error(format!("The win could not be read: {e}"));
                return;
            }
        };
        let draft = CertificateDraft {
            team: win.team,
            for_people: !win.people.trim().is_empty() || win.team.is_none(),
            people: win.people.clone(),
            heading: spec.text.heading.clone(),
            achievement: spec.text.achievement.clone(),
            date: spec.text.date.to_string(),
            agency: spec.text.agency.clone(),
            signer_name: spec.text.signer_name.clone(),
            signer_title: spec.text.signer_title.clone(),
            layout: spec.layout,
            paper: spec.paper,
        };
        let certificate = layout_certificate(&spec);
        let mut editor = CertificateEditor {
            win: Some(id),
            draft,
            logo: spec.logo.clone(),
            certificate,
            preview: None,
            preview_due: true,
            teams,
        };
        editor.relayout();
        editor.render_preview();
        if let Some(view) = self.session.views_mut() {
            view.certificate = Some(editor);
        }
        self.view.screen = Screen::Certificate;
    }

    /// Redraws the certificate preview once typing has paused.
    pub(in crate::app) fn refresh_certificate_preview(&mut self) {
        let due = self
            .session
            .views()
            .and_then(|v| v.certificate.as_ref())
            .is_some_and(|e| e.preview_due);
        if !due {
            return;
        }
        let waited = self
            .session
            .as_ref()
            .and_then(|s| s.preview_edited_at)
            .is_none_or(|t| t.elapsed() >= PREVIEW_PAUSE);
        if waited {
            if let Some(e) = self.editor_mut() {
                e.render_preview();
            }
            self.in_session(|s| s.preview_edited_at = None);
        } else if let Some(ctx) = &self.ctx {
            ctx.request_repaint_after(PREVIEW_PAUSE);
        }
    }

    fn set_logo(&mut self, path: &std::path::Path) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let logo = std::fs::read(path)
            .map_err(|e| format!("{name} could not be read: {e}"))
            .and_then(|bytes| read_logo(&name, bytes));
        match logo {
            Ok(logo) => {
                if self.write(|wb| wb.set_logo(Some(&logo))).is_some() {
                    if let Some(e) = self.editor_mut() {
                        e.logo = Some(logo);
                        e.relayout();
                    }
                    self.in_session(|s| s.preview_edited_at = None);
                    self.info(format!("{name} will be printed on certificates."));
                }
            }
            Err(e) => self.error(e),
        }
    }

    fn export_certificate(&mut self, path: PathBuf) {
        let Some(editor) = self.editor_mut().cloned() else {
            return;
        };
        if !editor.certificate.problems.is_empty() {
            self.error(format!(
                "The certificate was not written: {}",
                editor.certificate.problems.join(" ")
            ));
            return;
        }
        let spec = editor.spec();
        let team = if editor.draft.for_people {
            editor.draft.team
        } else {
            editor.team()
        };
        let Some(wb) = self.session.wb_mut() else {
            return;
        };
        match issue_certificate(wb, &spec, editor.win, team, std::slice::from_ref(&path)) {
            Ok(_) => {
                self.load_wins();
                if self.session.views().is_some_and(|v| v.wall.is_some()) {
                    self.load_wall();
                }
                self.info_file(
                    format!(
                        "Wrote {} and recorded the recognition on the wall.",
                        path.display()
                    ),
                    path.to_owned(),
                );
            }
            Err(e) => self.error(format!("The certificate was not written: {e}")),
        }
    }

    fn batch(
        &mut self,
        from: Option<chrono::NaiveDate>,
        to: Option<chrono::NaiveDate>,
        unrecognised_only: bool,
        folder: PathBuf,
    ) {
        if self.job.is_some() {
            self.error("Another task is running: wait for it to finish.".into());
            return;
        }
        let Some(wb) = self.session.wb() else {
            return;
        };
        let filter = WinFilter {
            from,
            to,
            unrecognised_only,
            ..WinFilter::default()
        };
        let wins: Vec<_> = match wb.wins() {
            Ok(all) => all.into_iter().filter(|w| filter.admits(w)).collect(),
            Err(e) => {
                self.error(format!("The wins could not be read: {e}"));
                return;
            }
        };
        if wins.is_empty() {
            self.info("No wins to recognise in that span.".into());
            return;
        }
        let path = wb.path().to_owned();
        let repaint = self.repaint_handle();
        let total = wins.len();
        self.job = Some(Job::certificates(
            path,
            wins,
            folder,
            Local::now().date_naive(),
            repaint,
        ));
        if let Some(view) = self.session.views_mut() {
            view.batch = Some((0, total));
        }
    }

    /// After a batch finished.
    pub(in crate::app) fn batch_finished(
        &mut self,
        result: Result<crate::ops::recognition::BatchReport, String>,
    ) {
        if let Some(view) = self.session.views_mut() {
            view.batch = None;
        }
        match result {
            Ok(report) => {
                self.load_wins();
                self.load_wall();
                let mut text = format!(
                    "Wrote {} and recorded them on the wall.",
                    count(report.written.len() as u64, "certificate", "certificates")
                );
                if let Some(folder) = report.written.first().and_then(|(_, p)| p.parent()) {
                    text = format!(
                        "Wrote {} to {} and recorded them on the wall.",
                        count(report.written.len() as u64, "certificate", "certificates"),
                        folder.display()
                    );
                }
                if !report.skipped.is_empty() {
                    text.push_str(&format!(
                        " Skipped {}: {}",
                        count(report.skipped.len() as u64, "win", "wins"),
                        report
                            .skipped
                            .iter()
                            .map(|(id, why)| format!("win {id}: {why}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ));
                }
                self.info(text);
            }
            Err(e) => self.error(format!("No certificates were kept: {e}")),
        }
    }

    fn export_framework_document(&mut self, document: FrameworkDocument, path: &std::path::Path) {
        let Some(view) = self.session.views() else {
            return;
        };
        let paper = self.document_paper();
        let doc = match document {
            FrameworkDocument::Card => {
                framework_card(&view.framework, paper, Local::now().date_naive())
            }
            FrameworkDocument::Poster => mission_poster(&view.framework, paper),
        };
        let what = match document {
            FrameworkDocument::Card => "framework card",
            FrameworkDocument::Poster => "mission poster",
        };
        match doc.write(path) {
            Ok(()) => self.info_file(
                format!("Wrote the {what} to {}.", path.display()),
                path.to_owned(),
            ),
            Err(e) => self.error(format!("The {what} was not written: {e}")),
        }
    }

    /// The paper documents are laid out on: the certificates' choice.
    pub(in crate::app) fn document_paper(&self) -> crate::domain::certificate::Paper {
        self.session
            .wb()
            .map(crate::ops::meetings::document_paper)
            .unwrap_or_default()
    }
}
