//! `ratchet wins`, `ratchet certificate` and `ratchet certificates`.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use crate::domain::WinId;
use crate::domain::certificate::{CertificateLayout, Paper};
use crate::domain::win::Win;
use crate::ops::recognition::{BatchProgress, batch_certificates, issue_certificate, spec_for_win};
use crate::ops::wins::{DetectScope, detect_wins};
use crate::storage::Workbook;

/// The wins command's choices.
#[derive(Debug, clap::Args)]
pub struct WinsArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// Only wins not yet recognised.
    #[arg(long)]
    pub unrecognised: bool,
    /// Only wins on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// The certificate command's choices.
#[derive(Debug, clap::Args)]
pub struct CertificateArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// The win to recognise (its number in `ratchet wins`).
    #[arg(long)]
    pub win: i64,
    /// Where to write it: FILE.pdf or FILE.png (repeat for both).
    #[arg(long, required = true)]
    pub out: Vec<PathBuf>,
    /// Who receives it (default: the team, or the people named in the win).
    #[arg(long)]
    pub recipient: Option<String>,
    /// What it recognises (default: the win's own words).
    #[arg(long)]
    pub achievement: Option<String>,
    /// The date printed (default: today).
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Design: classic, modern or minimal (default: the workbook's choice).
    #[arg(long)]
    pub layout: Option<String>,
    /// Paper: a4 or letter (default: the workbook's choice).
    #[arg(long)]
    pub paper: Option<String>,
}

/// The certificates command's choices.
#[derive(Debug, clap::Args)]
pub struct CertificatesArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// Wins on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub since: NaiveDate,
    /// Wins on or before this date (default: all since).
    #[arg(long)]
    pub until: Option<NaiveDate>,
    /// The folder to write one PDF per win into.
    #[arg(long)]
    pub out: PathBuf,
    /// Include wins already recognised.
    #[arg(long)]
    pub all: bool,
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn open_and_detect(
    path: &std::path::Path,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<Workbook> {
    let mut wb = super::open_for_writing(path)?;
    let r = detect_wins(&mut wb, DetectScope::All)?;
    if r.added > 0 {
        writeln!(
            out,
            "Recorded {} new win{}.",
            r.added,
            if r.added == 1 { "" } else { "s" }
        )?;
    }
    Ok(wb)
}

/// `ratchet wins`: detects wins, then lists them.
pub fn run_wins(args: &WinsArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let wb = open_and_detect(&args.workbook, out)?;
    let teams = wb.teams()?;
    let indicators = wb.indicators()?;
    let wins: Vec<Win> = wb
        .wins()?
        .into_iter()
        .filter(|w| !args.unrecognised || w.recognitions == 0)
        .filter(|w| args.since.is_none_or(|s| w.achieved_on >= s))
        .collect();
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &wins)?;
        writeln!(out)?;
        return Ok(());
    }
    for w in &wins {
        let team = w
            .team
            .and_then(|t| teams.iter().find(|x| x.id == t))
            .map_or(w.people.as_str(), |t| t.name.as_str());
        let indicator = w
            .indicator
            .and_then(|i| indicators.iter().find(|x| x.id == i))
            .map_or("", |i| i.name.as_str());
        let mark = match (w.recognitions, w.holds) {
            (0, true) => "",
            (_, false) => " [no longer shown by the data]",
            _ => " [recognised]",
        };
        let on = if indicator.is_empty() {
            String::new()
        } else {
            format!(" — {indicator}")
        };
        writeln!(
            out,
            "{:>5}  {}  {}: {}{on}{mark}",
            w.id.0, w.achieved_on, team, w.title
        )?;
    }
    writeln!(
        out,
        "{} win{}.",
        wins.len(),
        if wins.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

/// `ratchet certificate`: one certificate for one win.
pub fn run_certificate(args: &CertificateArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut wb = open_and_detect(&args.workbook, out)?;
    let win = wb
        .win(WinId(args.win))?
        .with_context(|| format!("the workbook has no win {} (see `ratchet wins`)", args.win))?;
    let mut spec = spec_for_win(&wb, &win, args.date.unwrap_or_else(today))?;
    if let Some(r) = &args.recipient {
        spec.text.recipients = r.clone();
    }
    if let Some(a) = &args.achievement {
        spec.text.achievement = a.clone();
    }
    if let Some(l) = &args.layout {
        spec.layout = CertificateLayout::from_code(l)
            .with_context(|| format!("unknown layout \"{l}\" (say classic, modern or minimal)"))?;
    }
    if let Some(p) = &args.paper {
        spec.paper = Paper::from_code(p)
            .with_context(|| format!("unknown paper \"{p}\" (say a4 or letter)"))?;
    }
    issue_certificate(&mut wb, &spec, Some(win.id), win.team, &args.out)?;
    for path in &args.out {
        writeln!(out, "Wrote {}.", path.display())?;
    }
    Ok(())
}

/// `ratchet certificates`: one PDF per win since a date.
pub fn run_certificates(
    args: &CertificatesArgs,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    if args.until.is_some_and(|u| u < args.since) {
        bail!("--until must not be before --since");
    }
    let mut wb = open_and_detect(&args.workbook, out)?;
    let wins: Vec<Win> = wb
        .wins()?
        .into_iter()
        .filter(|w| w.achieved_on >= args.since && args.until.is_none_or(|u| w.achieved_on <= u))
        .filter(|w| args.all || w.recognitions == 0)
        .collect();
    if wins.is_empty() {
        writeln!(out, "No wins to recognise in that span.")?;
        return Ok(());
    }
    let report = batch_certificates(
        &mut wb,
        &wins,
        &args.out,
        today(),
        &BatchProgress::default(),
        &AtomicBool::new(false),
    )?;
    for (_, path) in &report.written {
        writeln!(out, "Wrote {}.", path.display())?;
    }
    for (id, why) in &report.skipped {
        writeln!(out, "Skipped win {id}: {why}")?;
    }
    writeln!(
        out,
        "{} certificate{} written to {}.",
        report.written.len(),
        if report.written.len() == 1 { "" } else { "s" },
        args.out.display()
    )?;
    Ok(())
}
