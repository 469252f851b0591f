//! The import assistant's state, and imports run off the window's thread
//! with progress and Cancel.
//!
//! A job opens its own connection to the workbook file (SQLite lets one
//! connection write while the window's connection reads). While a job runs,
//! the window refuses other edits, so nothing waits on a lock.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::io::mapping::guess_mapping;
use crate::io::period::{DateOrder, PeriodContext};
use crate::io::plan::ImportPlan;
use crate::io::source::{SourceKind, SourceRow, preview};
use crate::io::{ImportOptions, Mapping, SourceOptions, plan_import};
use crate::storage::{ImportBatch, ImportOutcome, Workbook};

/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 12;

/// Where the import stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ImportStatus {
    /// Waiting for the person.
    #[default]
    Idle,
    /// Reading and checking the file.
    Checking {
        /// Rows read so far.
        rows: u64,
    },
    /// Writing the checked values.
    Importing {
        /// Values written so far.
        done: u64,
        /// Values to write.
        total: u64,
    },
    /// Finished.
    Done(ImportOutcome),
    /// Writing an export file.
    Exporting,
    /// Failed or cancelled; nothing was written.
    Failed(String),
}

/// The import assistant: the file, its preview, the mapping and choices,
/// and (after a check) the plan with its report.
#[derive(Debug, Default)]
pub struct ImportView {
    /// The file chosen.
    pub path: Option<PathBuf>,
    /// How it was read.
    pub kind: Option<SourceKind>,
    /// Its header row.
    pub headers: Vec<String>,
    /// Its first rows.
    pub preview: Vec<SourceRow>,
    /// Which column means what.
    pub mapping: Mapping,
    /// How to read and apply it.
    pub options: ImportOptions,
    /// Import the good rows even when some are rejected.
    pub skip_bad_rows: bool,
    /// The sheet of a spreadsheet file.
    pub sheet: Option<String>,
    /// The checked plan (after Check), cleared whenever a choice changes.
    pub plan: Option<ImportPlan>,
    /// Progress.
    pub status: ImportStatus,
    /// Why the file could not be read, if it could not.
    pub load_error: Option<String>,
}

impl ImportView {
    /// True while a job runs.
    pub fn busy(&self) -> bool {
        matches!(
            self.status,
            ImportStatus::Checking { .. }
                | ImportStatus::Importing { .. }
                | ImportStatus::Exporting
        )
    }

    /// Reads the file's header and first rows, and guesses the mapping.
    pub fn load(path: &Path, sheet: Option<String>, fiscal_year_start: u32) -> ImportView {
        let options = SourceOptions {
            sheet: sheet.clone(),
            delimiter: None,
        };
        let mut view = ImportView {
            path: Some(path.to_owned()),
            sheet,
            ..ImportView::default()
        };
        match preview(path, &options, PREVIEW_ROWS) {
            Ok(p) => {
                let ctx = PeriodContext {
                    date_order: DateOrder::Unknown,
                    fiscal_year_start,
                };
                view.mapping = guess_mapping(&p.headers, &p.header_cells, &ctx);
                crate::io::mapping::refine_with_rows(&mut view.mapping, &p.rows);
                view.kind = Some(p.kind);
                view.headers = p.headers;
                view.preview = p.rows;
            }
            Err(e) => view.load_error = Some(e.to_string()),
        }
        view
    }
}

/// An import's outcome (with how many new wins the new data show), or why
/// it failed with the batch handed back so it can be tried again.
pub type ImportResult = Result<(ImportOutcome, usize), (String, Box<ImportBatch>)>;

/// What a finished job reports back.
pub enum JobResult {
    /// The check finished.
    Planned(Result<Box<ImportPlan>, String>),
    /// The import finished.
    Imported(ImportResult),
    /// The export finished: values written and the file.
    Exported(Result<(usize, PathBuf), String>),
    /// The dashboard was written to these files.
    Published(Result<Vec<PathBuf>, String>),
    /// A batch of certificates finished.
    Certified(Result<crate::ops::recognition::BatchReport, String>),
}

/// A running job.
pub struct Job {
    progress: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    cancel: Arc<AtomicBool>,
    result: Receiver<JobResult>,
    importing: bool,
}

/// What polling a job found.
pub enum JobPoll {
    /// Still running.
    Running(ImportStatus),
    /// Finished, with its result.
    Finished(JobResult),
}

impl Job {
    /// Checks the file in the background.
    pub fn plan(
        workbook: PathBuf,
        view: &ImportView,
        repaint: impl Fn() + Send + 'static,
    ) -> Option<Job> {
        let path = view.path.clone()?;
        let options = view.options.clone();
        let mapping = view.mapping.clone();
        let source_options = SourceOptions {
            sheet: view.sheet.clone(),
            delimiter: None,
        };
        Some(Self::spawn(
            false,
            repaint,
            move |progress, _total, cancel| {
                let result = Workbook::open(&workbook)
                    .map_err(|e| e.to_string())
                    .and_then(|wb| {
                        plan_import(
                            &wb,
                            &path,
                            &source_options,
                            &mapping,
                            &options,
                            &mut |rows| {
                                progress.store(rows, Ordering::Relaxed);
                                !cancel.load(Ordering::Relaxed)
                            },
                        )
                        .map(Box::new)
                        .map_err(|e| e.to_string())
                    });
                JobResult::Planned(result)
            },
        ))
    }

    /// Writes a checked plan in the background, after backing the workbook
    /// up into `backups`.
    pub fn import(
        workbook: PathBuf,
        batch: ImportBatch,
        backups: PathBuf,
        repaint: impl Fn() + Send + 'static,
    ) -> Job {
        Self::spawn(true, repaint, move |progress, total, cancel| {
            total.store(batch.values.len() as u64, Ordering::Relaxed);
            let result = Workbook::open(&workbook)
                .map_err(|e| e.to_string())
                .and_then(|mut wb| {
                    crate::ops::backups::take_backup(
                        &wb,
                        &backups,
                        crate::ops::backups::BackupReason::Import,
                    )
                    .map_err(|e| {
                        format!("the backup before importing failed ({e}); nothing was imported")
                    })?;
                    let outcome = wb
                        .apply_import(&batch, &mut |done, _| {
                            progress.store(done as u64, Ordering::Relaxed);
                            !cancel.load(Ordering::Relaxed)
                        })
                        .map_err(|e| e.to_string())?;
                    // The values are in; new wins are looked for after.
                    let wins =
                        crate::ops::wins::detect_wins(&mut wb, crate::ops::wins::DetectScope::All)
                            .map_or(0, |r| r.added);
                    Ok((outcome, wins))
                });
            JobResult::Imported(result.map_err(|e| (e, Box::new(batch))))
        })
    }

    /// Writes an export file in the background.
    pub fn export(
        workbook: PathBuf,
        out: PathBuf,
        options: crate::io::ExportOptions,
        repaint: impl Fn() + Send + 'static,
    ) -> Job {
        Self::spawn(false, repaint, move |_, _, _| {
            let result = Workbook::open(&workbook)
                .map_err(|e| e.to_string())
                .and_then(|wb| {
                    crate::io::export_file(&wb, &out, &options).map_err(|e| e.to_string())
                })
                .map(|n| (n, out));
            JobResult::Exported(result)
        })
    }

    /// Writes the public dashboard in the background.
    pub fn publish(
        workbook: PathBuf,
        html: Option<PathBuf>,
        pdf: Option<PathBuf>,
        options: crate::export::dashboard::DashboardOptions,
        repaint: impl Fn() + Send + 'static,
    ) -> Job {
        Self::spawn(false, repaint, move |_, _, _| {
            let result = Workbook::open(&workbook)
                .map_err(|e| e.to_string())
                .and_then(|wb| {
                    crate::ops::dashboard::write_dashboard(
                        &wb,
                        &options,
                        html.as_deref(),
                        pdf.as_deref(),
                    )
                    .map_err(|e| e.to_string())
                    .map(|_| html.iter().chain(pdf.iter()).cloned().collect())
                });
            JobResult::Published(result)
        })
    }

    /// Makes one certificate PDF per win in the background.
    pub fn certificates(
        workbook: PathBuf,
        wins: Vec<crate::domain::Win>,
        folder: PathBuf,
        today: chrono::NaiveDate,
        repaint: impl Fn() + Send + 'static,
    ) -> Job {
        Self::spawn(true, repaint, move |progress, total, cancel| {
            total.store(wins.len() as u64, Ordering::Relaxed);
            let batch = crate::ops::recognition::BatchProgress::default();
            let result = Workbook::open(&workbook)
                .map_err(|e| e.to_string())
                .and_then(|mut wb| {
                    std::thread::scope(|scope| {
                        let work = scope.spawn(|| {
                            crate::ops::recognition::batch_certificates(
                                &mut wb, &wins, &folder, today, &batch, &cancel,
                            )
                            .map_err(|e| e.to_string())
                        });
                        while !work.is_finished() {
                            progress.store(
                                batch.done.load(Ordering::Relaxed) as u64,
                                Ordering::Relaxed,
                            );
                            std::thread::sleep(std::time::Duration::from_millis(30));
                        }
                        work.join()
                            .unwrap_or_else(|_| Err("the batch stopped unexpectedly".into()))
                    })
                });
            JobResult::Certified(result)
        })
    }

    fn spawn(
        importing: bool,
        repaint: impl Fn() + Send + 'static,
        work: impl FnOnce(Arc<AtomicU64>, Arc<AtomicU64>, Arc<AtomicBool>) -> JobResult + Send + 'static,
    ) -> Job {
        let (tx, rx) = channel();
        let progress = Arc::new(AtomicU64::new(0));
        let total = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (p, t, c) = (progress.clone(), total.clone(), cancel.clone());
        std::thread::spawn(move || {
            let result = work(p, t, c);
            // The window may have closed; then nobody is listening.
            let _ = tx.send(result);
            repaint();
        });
        Job {
            progress,
            total,
            cancel,
            result: rx,
            importing,
        }
    }

    /// Asks the job to stop; it then reports a failure and writes nothing.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the job has finished, and its progress if not.
    pub fn poll(&self) -> JobPoll {
        match self.result.try_recv() {
            Ok(result) => JobPoll::Finished(result),
            Err(TryRecvError::Empty) => {
                let done = self.progress.load(Ordering::Relaxed);
                JobPoll::Running(if self.importing {
                    ImportStatus::Importing {
                        done,
                        total: self.total.load(Ordering::Relaxed),
                    }
                } else {
                    ImportStatus::Checking { rows: done }
                })
            }
            Err(TryRecvError::Disconnected) => JobPoll::Finished(JobResult::Planned(Err(
                "The import stopped unexpectedly; nothing was written.".into(),
            ))),
        }
    }
}
