//! The command line: batch work on the same core as the window.

mod backup;
mod check;
mod documents;
mod generate;
mod import;
mod meetings;
mod new;
mod report;
mod returns;
mod rollup;
mod summary;
mod wins;
mod workshop;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use summary::{SummaryJson, summary_json};

/// Ratchet: performance leadership, one workbook file at a time.
#[derive(Debug, Parser)]
#[command(name = "ratchet", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A workbook to open in the window (default: the last one, or the start screen).
    pub workbook: Option<PathBuf>,
    /// A batch command; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// The batch commands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Create a new workbook file.
    New {
        /// Where to create it (must not exist).
        workbook: PathBuf,
        /// Fill it with the sample agency (Riverton Street Services).
        #[arg(long)]
        sample: bool,
    },
    /// Print the framework and what the workbook holds.
    Summary {
        /// The workbook.
        workbook: PathBuf,
        /// Print JSON (the shape is documented in the README).
        #[arg(long)]
        json: bool,
    },
    /// Import values from a CSV or spreadsheet file (prints a report first).
    Import(import::ImportArgs),
    /// Export values to CSV or XLSX.
    Export(import::ExportArgs),
    /// Write the public dashboard as HTML and/or PDF.
    Report(report::ReportArgs),
    /// Ask each team for its numbers: one pre-filled, signed return file per team in a new folder.
    Request(returns::RequestArgs),
    /// Check returned files (or folders of them) and write those that pass, with the sender in the audit trail.
    Collect(returns::CollectArgs),
    /// Print who has reported on each data return request.
    Returns(returns::ReturnsArgs),
    /// Read a folder of agency workbooks (read-only) side by side; print and publish the roll-up.
    Rollup(rollup::RollupArgs),
    /// Detect wins, then list the wins log (numbers are for `certificate --win`).
    Wins(wins::WinsArgs),
    /// Write a recognition certificate for one win (PDF or PNG) and record it.
    Certificate(wins::CertificateArgs),
    /// Write one certificate PDF per win since a date into a folder, and record them.
    Certificates(wins::CertificatesArgs),
    /// Run every integrity check, record the flags, and print them with each series' statistics.
    Check(check::CheckArgs),
    /// Print the agenda of the stat meeting on a date (or the one it would have).
    Agenda(meetings::MeetingArgs),
    /// Write a meeting's follow-up memo (PDF, or plain text for e-mail).
    Memo(meetings::MeetingArgs),
    /// Write a meeting's briefing book (PDF).
    Briefing(meetings::MeetingArgs),
    /// Back a workbook up now (SQLite's online backup; the workbook may stay open).
    Backup(backup::BackupArgs),
    /// List a workbook's backups, each checked.
    Backups(backup::BackupArgs),
    /// Put a backup in place of a workbook (its current state is backed up first).
    Restore(backup::RestoreArgs),
    /// Write the performance framework card (one page: mission, deficit, target, theory).
    Card(documents::PageArgs),
    /// Write the mission poster.
    Poster(documents::PageArgs),
    /// Create a workshop participant's practice workbook: a scenario's data, an empty framework.
    Practice(workshop::PracticeArgs),
    /// Write a workshop take-home: the framework card and the eleven practices (a two-page PDF).
    TakeHome(documents::PageArgs),
    /// Print shell completions for bash, zsh, fish, elvish or PowerShell
    /// (e.g. `ratchet completions bash > ~/.local/share/bash-completion/completions/ratchet`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `ratchet man > ratchet.1`.
    Man,
    /// Edit or hold a workbook as the window does (for the crash tests).
    #[command(hide = true)]
    Exercise(ExerciseArgs),
    /// Write a synthetic workbook of the given size, for benchmarks.
    Generate {
        /// Where to create it (must not exist).
        workbook: PathBuf,
        /// Number of teams.
        #[arg(long)]
        teams: usize,
        /// Number of weekly indicators.
        #[arg(long)]
        indicators: usize,
        /// Number of weeks of data.
        #[arg(long)]
        periods: usize,
        /// Seed for the values (same seed, same workbook).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Runs one batch command, writing its output to `out`.
/// Opens a workbook for a command that writes to it: with the lock, so a
/// workbook another Ratchet holds is refused naming who has it (and the
/// holder's view never goes stale behind its back).
///
/// The database check runs beside the command's own work, on a second
/// connection, as in the window; the first write waits for its verdict, so
/// a damaged workbook is still never written to.
pub(crate) fn open_for_writing(path: &std::path::Path) -> anyhow::Result<crate::storage::Workbook> {
    let mut wb = crate::storage::Workbook::open_exclusive_checking_beside(path, None)?;
    // Start it now, so that it runs while the command reads and computes.
    let _ = wb.check_status();
    Ok(wb)
}

pub fn run(command: CliCommand, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    match command {
        CliCommand::New { workbook, sample } => new::run(&workbook, sample, out),
        CliCommand::Summary { workbook, json } => summary::run(&workbook, json, out),
        CliCommand::Import(args) => import::run_import(&args, out),
        CliCommand::Export(args) => import::run_export(&args, out),
        CliCommand::Report(args) => report::run(&args, out),
        CliCommand::Request(args) => returns::run_request(&args, out),
        CliCommand::Collect(args) => returns::run_collect(&args, out),
        CliCommand::Returns(args) => returns::run_returns(&args, out),
        CliCommand::Rollup(args) => rollup::run(&args, out),
        CliCommand::Wins(args) => wins::run_wins(&args, out),
        CliCommand::Check(args) => check::run(&args, out),
        CliCommand::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "ratchet", out);
            Ok(())
        }
        CliCommand::Man => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(out)?;
            Ok(())
        }
        CliCommand::Exercise(_) => {
            anyhow::bail!("exercise drives the window's actions; the ratchet binary runs it")
        }
        CliCommand::Backup(args) => backup::run_backup(&args, out),
        CliCommand::Backups(args) => backup::run_list(&args, out),
        CliCommand::Restore(args) => backup::run_restore(&args, out),
        CliCommand::Agenda(args) => meetings::run_agenda(&args, out),
        CliCommand::Memo(args) => meetings::run_memo(&args, out),
        CliCommand::Briefing(args) => meetings::run_briefing(&args, out),
        CliCommand::Card(args) => documents::run_card(&args, out),
        CliCommand::Poster(args) => documents::run_poster(&args, out),
        CliCommand::Practice(args) => workshop::run_practice(&args, out),
        CliCommand::TakeHome(args) => workshop::run_take_home(&args, out),
        CliCommand::Certificate(args) => wins::run_certificate(&args, out),
        CliCommand::Certificates(args) => wins::run_certificates(&args, out),
        CliCommand::Generate {
            workbook,
            teams,
            indicators,
            periods,
            seed,
        } => generate::run(
            &workbook,
            crate::sample::GenerateSpec {
                teams,
                indicators,
                periods,
                seed,
            },
            out,
        ),
    }
}

/// The exercise command's choices (run by `app::exercise`, which drives
/// the window's own actions).
#[derive(Debug, clap::Args)]
pub struct ExerciseArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// Value edits to make (one cell each, one period after another).
    #[arg(long, default_value_t = 0)]
    pub edits: usize,
    /// Hold the workbook open until killed (after any edits).
    #[arg(long)]
    pub hold: bool,
}
