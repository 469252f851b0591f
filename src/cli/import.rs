//! `ratchet import WORKBOOK FILE ...` and `ratchet export WORKBOOK OUT ...`.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use chrono::NaiveDate;

use crate::domain::OnExisting;
use crate::domain::{Direction, Frequency};
use crate::io::mapping::{Layout, ROLES, guess_mapping};
use crate::io::number::DecimalMark;
use crate::io::period::{DateOrder, PeriodContext};
use crate::io::{ExportOptions, ImportOptions, SourceOptions, export_file, plan_import};
use crate::storage::Workbook;

/// The import command's choices.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The workbook to import into.
    pub workbook: PathBuf,
    /// The CSV, XLSX, XLS or ODS file.
    pub file: PathBuf,
    /// One value per row (long) or one column per period (wide); detected when not given.
    #[arg(long, value_parser = ["long", "wide"])]
    pub layout: Option<String>,
    /// Columns by header name or 1-based number, e.g. team=District,indicator=Measure,period=Month,value=Count
    /// (roles: team, indicator, period, year, month, value, target, direction, unit, note, frequency).
    /// A target column is imported: one target per team and indicator, or one per period.
    #[arg(long, value_delimiter = ',')]
    pub map: Vec<String>,
    /// The period columns of a wide file (header names or numbers).
    #[arg(long, value_delimiter = ',')]
    pub period_columns: Vec<String>,
    /// The indicator every row belongs to, when the file has no indicator column.
    #[arg(long)]
    pub indicator: Option<String>,
    /// The sheet of a spreadsheet file (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Dates like 3/4/2024: day-first or month-first (detected when the file says).
    #[arg(long, value_parser = ["day-first", "month-first"])]
    pub date_order: Option<String>,
    /// Decimal mark: dot or comma (detected when not given).
    #[arg(long, value_parser = ["dot", "comma"])]
    pub decimal: Option<String>,
    /// Existing values that differ: update them (through the audit trail) or skip them.
    #[arg(long, value_parser = ["update", "skip"], default_value = "update")]
    pub on_existing: String,
    /// Create teams and indicators the file names but the workbook lacks.
    #[arg(long)]
    pub create_missing: bool,
    /// How often new indicators are reported (default: from their period labels).
    #[arg(long, value_parser = ["week", "month", "quarter", "year"])]
    pub frequency: Option<String>,
    /// Which way is better for new indicators whose direction the file does
    /// not give (the import never guesses it).
    #[arg(long, value_parser = ["higher", "lower", "neither"])]
    pub direction: Option<String>,
    /// The reason recorded for changed values and values in locked periods.
    #[arg(long, default_value = "")]
    pub reason: String,
    /// Check the file and print the report; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows even when some are rejected.
    #[arg(long)]
    pub skip_bad_rows: bool,
}

/// The export command's choices.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// The file to write: .csv or .xlsx.
    pub out: PathBuf,
    /// Only this indicator (repeat for several).
    #[arg(long)]
    pub indicator: Vec<String>,
    /// Only this team (repeat for several).
    #[arg(long)]
    pub team: Vec<String>,
    /// Only periods starting on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Only periods starting on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Start the CSV with a byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
    /// Decimal mark of the numbers: dot, or comma (fields then separated by
    /// semicolons); default: the workbook's setting, else dot.
    #[arg(long, value_parser = ["dot", "comma"])]
    pub decimal: Option<String>,
}

/// A column by header name (ignoring case) or 1-based number.
fn column(headers: &[String], spec: &str) -> anyhow::Result<usize> {
    let spec = spec.trim();
    if let Some(i) = headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(spec))
    {
        return Ok(i);
    }
    match spec.parse::<usize>() {
        Ok(n) if (1..=headers.len()).contains(&n) => Ok(n - 1),
        _ => bail!(
            "the file has no column \"{spec}\" (its columns are: {})",
            headers.join(", ")
        ),
    }
}

/// The import's choices as the command line gives them.
fn import_options(args: &ImportArgs) -> ImportOptions {
    ImportOptions {
        date_order: match args.date_order.as_deref() {
            Some("day-first") => DateOrder::DayFirst,
            Some("month-first") => DateOrder::MonthFirst,
            _ => DateOrder::Unknown,
        },
        decimal: match args.decimal.as_deref() {
            Some("comma") => Some(DecimalMark::Comma),
            Some("dot") => Some(DecimalMark::Dot),
            _ => None,
        },
        on_existing: if args.on_existing == "skip" {
            OnExisting::Skip
        } else {
            OnExisting::Update
        },
        create_missing: args.create_missing,
        new_indicator_frequency: args.frequency.as_deref().and_then(Frequency::from_code),
        new_indicator_direction: match args.direction.as_deref() {
            Some("higher") => Some(Direction::Higher),
            Some("lower") => Some(Direction::Lower),
            Some("neither") => Some(Direction::Neutral),
            _ => None,
        },
        reason: args.reason.clone(),
        ..ImportOptions::default()
    }
}

pub fn run_import(args: &ImportArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    // The one writer: another Ratchet with it open is named, not written alongside.
    let mut wb = super::open_for_writing(&args.workbook)?;
    let source_options = SourceOptions {
        sheet: args.sheet.clone(),
        delimiter: None,
    };
    let first = crate::io::source::preview(&args.file, &source_options, 50)?;
    let ctx = PeriodContext {
        date_order: DateOrder::Unknown,
        fiscal_year_start: wb.fiscal_year_start_month()?,
    };
    let mut mapping = guess_mapping(&first.headers, &first.header_cells, &ctx);
    crate::io::mapping::refine_with_rows(&mut mapping, &first.rows);
    let headers = first.headers;
    if let Some(layout) = &args.layout {
        mapping.layout = if layout == "wide" {
            Layout::Wide
        } else {
            Layout::Long
        };
    }
    for pair in &args.map {
        let (role, col) = pair
            .split_once('=')
            .ok_or_else(|| anyhow!("--map takes role=COLUMN pairs, not \"{pair}\""))?;
        let role = role.trim().to_lowercase();
        if !ROLES.contains(&role.as_str()) {
            bail!("\"{role}\" is not a role (roles: {})", ROLES.join(", "));
        }
        mapping.set(&role, Some(column(&headers, col)?));
    }
    if !args.period_columns.is_empty() {
        mapping.layout = Layout::Wide;
        mapping.period_columns = args
            .period_columns
            .iter()
            .map(|c| column(&headers, c))
            .collect::<anyhow::Result<_>>()?;
    }
    if let Some(ind) = &args.indicator {
        mapping.indicator = None;
        mapping.fixed_indicator = Some(ind.clone());
    }
    let options = import_options(args);
    let plan = plan_import(
        &wb,
        &args.file,
        &source_options,
        &mapping,
        &options,
        &mut |_| true,
    )?;
    write!(out, "{}", plan.report.render_text())?;
    let reason_given = !args.reason.trim().is_empty();
    if plan.report.rejected_total > 0 && !args.skip_bad_rows {
        bail!(
            "{} rejected; nothing was imported (fix the file, or use --skip-bad-rows)",
            crate::domain::number::count(plan.report.rejected_total as u64, "row was", "rows were")
        );
    }
    if !plan.report.directions_needed.is_empty()
        && let Some(blocker) = plan.report.blocker(true, reason_given)
    {
        bail!("{blocker} Use --direction higher, lower or neither; nothing was imported");
    }
    if args.dry_run {
        writeln!(out, "Dry run: nothing was written.")?;
        return Ok(());
    }
    if let Some(blocker) = plan.report.blocker(true, reason_given) {
        if plan.report.added
            + plan.report.updated
            + plan.report.targets_new
            + plan.report.targets_replacing
            == 0
        {
            writeln!(out, "{blocker}")?;
            return Ok(());
        }
        bail!("{blocker} (use --reason)");
    }
    let backups = crate::ops::backups::backup_dir(
        &crate::locations::Locations::from_env().backups,
        &args.workbook,
    );
    crate::ops::backups::take_backup(&wb, &backups, crate::ops::backups::BackupReason::Import)
        .context("the backup before importing failed; nothing was imported")?;
    let outcome = wb.apply_import(&plan.batch, &mut |_, _| true)?;
    writeln!(
        out,
        "Imported: {} added, {} updated, {} unchanged, {} skipped; {} and {} created; {} set.",
        outcome.added,
        outcome.updated,
        outcome.unchanged,
        outcome.skipped,
        crate::domain::number::count(outcome.teams_created as u64, "team", "teams"),
        crate::domain::number::count(outcome.indicators_created as u64, "indicator", "indicators"),
        crate::domain::number::count(outcome.targets_set as u64, "target", "targets")
    )?;
    Ok(())
}

pub fn run_export(args: &ExportArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let wb = Workbook::open(&args.workbook)?;
    let decimal = match args.decimal.as_deref() {
        Some(code) => crate::domain::number::DecimalMark::from_code(code),
        None => wb.decimal_mark()?,
    }
    .unwrap_or_default();
    let mut options = ExportOptions {
        from: args.from,
        to: args.to,
        bom: args.bom,
        decimal,
        ..ExportOptions::default()
    };
    for name in &args.indicator {
        let ind = wb
            .indicator_by_name(name)?
            .with_context(|| format!("the workbook has no indicator \"{name}\""))?;
        options.indicators.push(ind.id);
    }
    for name in &args.team {
        let team = wb
            .team_by_name(name)?
            .with_context(|| format!("the workbook has no team \"{name}\""))?;
        options.teams.push(team.id);
    }
    let n = export_file(&wb, &args.out, &options)?;
    writeln!(
        out,
        "Wrote {} to {}.",
        crate::domain::number::count(n as u64, "value", "values"),
        display(&args.out)
    )?;
    Ok(())
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
