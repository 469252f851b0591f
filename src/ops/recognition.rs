//! Recognising wins: the certificate a win gets by default, writing it as
//! PDF or PNG, a batch for a meeting, and recording each recognition.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::NaiveDate;

use crate::domain::certificate::CertificateText;
use crate::domain::win::{Win, WinId};
use crate::domain::{RecognitionId, TeamId};
use crate::export::certificate::{CertificateSpec, layout_certificate};
use crate::export::document::DocumentError;
use crate::export::files::{WriteError, safe_stem, unique_path, write_document};
use crate::storage::{NewRecognition, StorageError, StorageResult, Workbook};

/// The heading every certificate starts with.
pub const DEFAULT_HEADING: &str = "Certificate of Recognition";

/// Why a certificate was not made.
#[derive(Debug, thiserror::Error)]
pub enum RecognitionError {
    /// The certificate could not be made or written as it stands.
    #[error("{0}")]
    Document(#[from] DocumentError),
    /// A file could not be written.
    #[error("{0}")]
    Write(#[from] WriteError),
    /// The workbook could not be read or written.
    #[error("{0}")]
    Storage(#[from] StorageError),
    /// Stopped on request; nothing was kept.
    #[error("cancelled; no certificate was kept")]
    Cancelled,
}

/// "for meeting the target" → "For meeting the target.", as printed.
pub fn printed_achievement(text: &str) -> String {
    let t = text.trim();
    let mut chars = t.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The certificate a win gets unless the leader changes it: the team (or
/// the people) as recipients, the win's own words, today's date, and the
/// workbook's signer, design, paper and logo.
pub fn spec_for_win(wb: &Workbook, win: &Win, today: NaiveDate) -> StorageResult<CertificateSpec> {
    let agency = wb.agency()?;
    let defaults = wb.certificate_defaults()?;
    let team_name = match win.team {
        Some(t) => wb.teams()?.into_iter().find(|x| x.id == t).map(|x| x.name),
        None => None,
    };
    let (recipients, agency_line) = match (win.people.trim(), team_name) {
        ("", Some(team)) => (team, agency.name.clone()),
        (people, Some(team)) => (people.to_owned(), format!("{} — {team}", agency.name)),
        (people, None) => (people.to_owned(), agency.name.clone()),
    };
    Ok(CertificateSpec {
        text: CertificateText {
            heading: DEFAULT_HEADING.to_owned(),
            recipients,
            achievement: printed_achievement(&win.achievement),
            date: today,
            agency: agency_line,
            signer_name: defaults.signer_name,
            signer_title: defaults.signer_title,
        },
        layout: defaults.layout,
        paper: defaults.paper,
        logo: wb.logo()?,
    })
}

/// PDF or PNG bytes of a laid-out certificate, by the file's extension.
fn render_for(spec: &CertificateSpec, path: &Path) -> Result<Vec<u8>, RecognitionError> {
    let title = format!(
        "{} — {}",
        spec.text.heading.trim(),
        spec.text.recipients.trim()
    );
    Ok(layout_certificate(spec).document(&title).bytes_for(path)?)
}

/// Writes the certificate to each of `outputs` (PDF or PNG by extension)
/// and records the recognition. Nothing is recorded unless every file was
/// written.
pub fn issue_certificate(
    wb: &mut Workbook,
    spec: &CertificateSpec,
    win: Option<WinId>,
    team: Option<TeamId>,
    outputs: &[PathBuf],
) -> Result<RecognitionId, RecognitionError> {
    let rendered = outputs
        .iter()
        .map(|p| render_for(spec, p).map(|b| (p, b)))
        .collect::<Result<Vec<_>, _>>()?;
    for (path, bytes) in &rendered {
        write_document(path, bytes)?;
    }
    Ok(wb.record_recognition(&NewRecognition {
        win,
        team,
        recipients: spec.text.recipients.trim().to_owned(),
        achievement: spec.text.achievement.trim().to_owned(),
        date: spec.text.date,
        signer: spec.text.signer_name.trim().to_owned(),
        files: outputs.iter().map(|p| absolute(p)).collect(),
    })?)
}

/// The file's full path as recorded (so the wall says where it is).
fn absolute(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_owned())
        .display()
        .to_string()
}

/// What a batch made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchReport {
    /// Each win and the PDF written for it.
    pub written: Vec<(WinId, PathBuf)>,
    /// Wins whose certificate could not be printed as it stands, with why.
    pub skipped: Vec<(WinId, String)>,
}

/// Progress of a batch, for a progress bar on another thread.
#[derive(Debug, Default)]
pub struct BatchProgress {
    /// Certificates made so far.
    pub done: AtomicUsize,
    /// Certificates to make.
    pub total: AtomicUsize,
}

/// The file name stem for a win's certificate: date, recipient, kind, id.
pub fn certificate_stem(win: &Win, recipients: &str) -> String {
    safe_stem(&format!(
        "{} {} {} win{}",
        win.achieved_on,
        recipients,
        win.kind.code(),
        win.id
    ))
}

/// One PDF per win into `dir` (never overwriting a file), made on every
/// core, then every recognition recorded in one transaction. On cancel the
/// files already written are removed and nothing is recorded.
pub fn batch_certificates(
    wb: &mut Workbook,
    wins: &[Win],
    dir: &Path,
    today: NaiveDate,
    progress: &BatchProgress,
    cancel: &AtomicBool,
) -> Result<BatchReport, RecognitionError> {
    std::fs::create_dir_all(dir).map_err(|e| WriteError {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut report = BatchReport::default();
    let mut jobs: Vec<(&Win, CertificateSpec, PathBuf)> = Vec::new();
    let mut taken: Vec<PathBuf> = Vec::new();
    for win in wins {
        let spec = spec_for_win(wb, win, today)?;
        let problems = layout_certificate(&spec).problems;
        if !problems.is_empty() {
            report.skipped.push((win.id, problems.join(" ")));
            continue;
        }
        let path = unique_path(
            dir,
            &certificate_stem(win, &spec.text.recipients),
            "pdf",
            &taken,
        );
        taken.push(path.clone());
        jobs.push((win, spec, path));
    }
    progress.total.store(jobs.len(), Ordering::Relaxed);
    progress.done.store(0, Ordering::Relaxed);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(jobs.len())
        .max(1);
    let chunk = jobs.len().div_ceil(threads).max(1);
    let results: Vec<Result<(), RecognitionError>> = std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || -> Result<(), RecognitionError> {
                    for (_, spec, path) in part {
                        if cancel.load(Ordering::Relaxed) {
                            return Err(RecognitionError::Cancelled);
                        }
                        let bytes = render_for(spec, path)?;
                        write_document(path, &bytes)?;
                        progress.done.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(())
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or(Err(RecognitionError::Cancelled)))
            .collect()
    });
    let failure = results.into_iter().find_map(Result::err);
    let failure = failure.or_else(|| {
        cancel
            .load(Ordering::Relaxed)
            .then_some(RecognitionError::Cancelled)
    });
    if let Some(e) = failure {
        for (_, _, path) in &jobs {
            let _ = std::fs::remove_file(path);
        }
        return Err(e);
    }
    let records: Vec<NewRecognition> = jobs
        .iter()
        .map(|(win, spec, path)| NewRecognition {
            win: Some(win.id),
            team: win.team,
            recipients: spec.text.recipients.trim().to_owned(),
            achievement: spec.text.achievement.trim().to_owned(),
            date: spec.text.date,
            signer: spec.text.signer_name.trim().to_owned(),
            files: vec![absolute(path)],
        })
        .collect();
    if let Err(e) = wb.record_recognitions(&records) {
        for (_, _, path) in &jobs {
            let _ = std::fs::remove_file(path);
        }
        return Err(e.into());
    }
    report.written = jobs.into_iter().map(|(w, _, p)| (w.id, p)).collect();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn achievements_print_as_sentences() {
        assert_eq!(
            printed_achievement("for meeting the target"),
            "For meeting the target."
        );
        assert_eq!(printed_achievement("Done!"), "Done!");
        assert_eq!(printed_achievement("  "), "");
    }
}
