//! `ratchet report WORKBOOK --html OUT.html | --pdf OUT.pdf [--indicator NAME]...`.

use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::NaiveDate;

use crate::export::dashboard::DashboardOptions;
use crate::ops::dashboard::write_dashboard;
use crate::storage::Workbook;

/// The report command's choices.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// Write the dashboard as a self-contained HTML page.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Write the dashboard as a PDF.
    #[arg(long)]
    pub pdf: Option<PathBuf>,
    /// Only this indicator (repeat for several; default: all).
    #[arg(long)]
    pub indicator: Vec<String>,
    /// Only this team (repeat for several; default: all active teams).
    #[arg(long)]
    pub team: Vec<String>,
    /// Data as of this date (YYYY-MM-DD; default: today).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Paper of the PDF's pages: a4 or letter (landscape).
    #[arg(long, default_value = "a4")]
    pub paper: String,
}

pub fn run(args: &ReportArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    if args.html.is_none() && args.pdf.is_none() {
        bail!("say where to write the dashboard: --html OUT.html and/or --pdf OUT.pdf");
    }
    let wb = Workbook::open(&args.workbook)?;
    let mut options = DashboardOptions {
        as_of: args.as_of,
        paper: crate::domain::certificate::Paper::from_code(&args.paper)
            .with_context(|| format!("unknown paper \"{}\" (say a4 or letter)", args.paper))?,
        ..DashboardOptions::default()
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
    let d = write_dashboard(&wb, &options, args.html.as_deref(), args.pdf.as_deref())?;
    for path in [&args.html, &args.pdf].into_iter().flatten() {
        writeln!(
            out,
            "Wrote the dashboard ({} indicators) to {}.",
            d.sections.len(),
            path.display()
        )?;
    }
    Ok(())
}
