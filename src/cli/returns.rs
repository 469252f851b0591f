//! `ratchet request`, `ratchet collect` and `ratchet returns`: data returns
//! from the command line.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use crate::domain::data_return::ReturnSpec;
use crate::domain::number::count;
use crate::ops::returns::{
    ConflictChoice, ReturnCheck, ReturnFormat, board, check_return, collect_return, request_label,
    request_returns, return_files_in, shown,
};
use crate::storage::Workbook;

/// The request command's choices.
#[derive(Debug, clap::Args)]
pub struct RequestArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// How many periods before the latest to ask for as well.
    #[arg(long, default_value_t = 4)]
    pub periods: u32,
    /// The day whose period is the latest asked for (default: today).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// When the returns are due (YYYY-MM-DD).
    #[arg(long)]
    pub due: Option<NaiveDate>,
    /// Ask only this team (repeat for several; default: every active team).
    #[arg(long)]
    pub team: Vec<String>,
    /// The folder the request's own folder is made in.
    #[arg(long)]
    pub out: PathBuf,
    /// xlsx, csv or both.
    #[arg(long, default_value = "xlsx")]
    pub format: String,
}

/// The collect command's choices.
#[derive(Debug, clap::Args)]
pub struct CollectArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// Returned files, or folders holding them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The reason recorded for changed values and values in locked periods.
    #[arg(long, default_value = "")]
    pub reason: String,
    /// Where a value was changed since the request, take the returned one.
    #[arg(long, conflicts_with = "keep_current")]
    pub take_returned: bool,
    /// Where a value was changed since the request, keep it.
    #[arg(long)]
    pub keep_current: bool,
    /// Check and report; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// The returns command's choices.
#[derive(Debug, clap::Args)]
pub struct ReturnsArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// The day the board is as of (default: today).
    #[arg(long)]
    pub today: Option<NaiveDate>,
}

/// Writes the return files of a new request.
pub fn run_request(args: &RequestArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let format = match args.format.to_ascii_lowercase().as_str() {
        "xlsx" => ReturnFormat::Xlsx,
        "csv" => ReturnFormat::Csv,
        "both" => ReturnFormat::Both,
        other => bail!("--format is xlsx, csv or both, not \"{other}\""),
    };
    let mut wb = super::open_for_writing(&args.workbook)?;
    let mut teams = Vec::new();
    for name in &args.team {
        let team = wb
            .team_by_name(name)?
            .with_context(|| format!("the workbook has no team called \"{name}\""))?;
        teams.push(team.id);
    }
    let spec = ReturnSpec {
        as_of: args
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        periods_before: args.periods,
        due: args.due,
        teams,
    };
    let done = request_returns(&mut wb, &spec, &args.out, format).map_err(anyhow::Error::msg)?;
    writeln!(
        out,
        "Data return {}: {} asking for {} in {}",
        done.request.0,
        count(done.files.len() as u64, "file", "files"),
        count(done.cells as u64, "value", "values"),
        done.folder.display()
    )?;
    for f in &done.files {
        writeln!(out, "  {}", f.display())?;
    }
    Ok(())
}

/// Checks returned files and writes those that pass.
pub fn run_collect(args: &CollectArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut files = Vec::new();
    for p in &args.paths {
        if p.is_dir() {
            files.extend(
                return_files_in(p).with_context(|| format!("{} could not be read", p.display()))?,
            );
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() {
        bail!("no return files (.xlsx or .csv) were found");
    }
    let mut wb = if args.dry_run {
        Workbook::open(&args.workbook)?
    } else {
        super::open_for_writing(&args.workbook)?
    };
    let mut backed_up = false;
    let mut refused = 0;
    for path in &files {
        match collect_one(&mut wb, args, path, &mut backed_up, out)? {
            true => {}
            false => refused += 1,
        }
    }
    if refused > 0 {
        bail!(
            "{refused} of {} not collected (see above)",
            count(files.len() as u64, "return was", "returns were")
        );
    }
    Ok(())
}

/// Checks one file and, unless something stops it, writes it. False when
/// it was not collected.
fn collect_one(
    wb: &mut Workbook,
    args: &CollectArgs,
    path: &std::path::Path,
    backed_up: &mut bool,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<bool> {
    let check = match check_return(wb, path, &HashMap::new(), &args.reason) {
        Ok(c) => c,
        Err(why) => {
            writeln!(out, "Refused: {why}")?;
            return Ok(false);
        }
    };
    let choice = if args.take_returned {
        Some(ConflictChoice::TakeReturned)
    } else if args.keep_current {
        Some(ConflictChoice::KeepCurrent)
    } else {
        None
    };
    let choices: HashMap<u64, ConflictChoice> = choice
        .map(|c| check.conflicts.iter().map(|x| (x.line, c)).collect())
        .unwrap_or_default();
    let check = if choices.is_empty() {
        check
    } else {
        check_return(wb, path, &choices, &args.reason).map_err(anyhow::Error::msg)?
    };
    describe(&check, out)?;
    if args.dry_run {
        writeln!(out, "  Dry run: nothing was written.")?;
        return Ok(true);
    }
    if let Some(blocker) = check.blocker(&choices, !args.reason.trim().is_empty()) {
        let hint = if !check.conflicts.is_empty() {
            " (use --take-returned or --keep-current)"
        } else if check.plan.report.in_locked_periods > 0 {
            " (use --reason)"
        } else {
            ""
        };
        writeln!(out, "  Not collected: {blocker}{hint}")?;
        return Ok(false);
    }
    if !*backed_up {
        let backups = crate::ops::backups::backup_dir(
            &crate::locations::Locations::from_env().backups,
            &args.workbook,
        );
        crate::ops::backups::take_backup(&*wb, &backups, crate::ops::backups::BackupReason::Import)
            .context("the backup before collecting failed; nothing was written")?;
        *backed_up = true;
    }
    let outcome = collect_return(wb, &check)?;
    writeln!(
        out,
        "  Collected: {} added, {} updated.",
        outcome.added, outcome.updated
    )?;
    Ok(true)
}

fn describe(check: &ReturnCheck, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let r = &check.plan.report;
    writeln!(
        out,
        "{}: {}, reported by {} — {} of {} values filled; {} new, {} changed, {} as held.",
        check
            .path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        check.team_name,
        check.reported_by,
        check.filled,
        check.asked,
        r.added,
        r.updated,
        check.left_as_held
    )?;
    for rej in &r.rejected {
        writeln!(
            out,
            "  Rejected line {}, {}: {}",
            rej.line, rej.column, rej.reason
        )?;
    }
    for c in &check.conflicts {
        writeln!(
            out,
            "  Conflict (line {}) {}: {} when asked, {} now, {} returned.",
            c.line,
            c.what,
            shown(c.held),
            shown(c.current),
            shown(Some(c.returned))
        )?;
    }
    Ok(())
}

/// Prints who has reported on each request, newest first.
pub fn run_returns(args: &ReturnsArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let wb = Workbook::open(&args.workbook)?;
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let requests = wb.return_requests()?;
    if requests.is_empty() {
        writeln!(out, "No data returns have been requested.")?;
    }
    for r in &requests {
        writeln!(out, "{}", request_label(r))?;
        for line in board(&wb, r, today)? {
            let when = line
                .collected
                .as_ref()
                .map(|(d, by)| format!(" on {} by {by}", d.format("%-d %b %Y")))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<28} {:<9} {}/{}{when}",
                line.team,
                line.status.label(),
                line.filled,
                line.asked
            )?;
        }
    }
    Ok(())
}
