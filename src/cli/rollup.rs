//! `ratchet rollup`: a folder of agency workbooks side by side, printed and
//! published as HTML, PDF and CSV.

use std::path::PathBuf;

use anyhow::bail;
use chrono::NaiveDate;

use crate::domain::certificate::Paper;
use crate::export::rollup::{RollupFiles, median_text, write_rollup};
use crate::ops::rollup::{read_portfolio, workbooks_under};

/// The rollup command's choices.
#[derive(Debug, clap::Args)]
pub struct RollupArgs {
    /// The folder of agency workbooks (its subfolders are read too).
    pub folder: PathBuf,
    /// Standings as of this day (default: today).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Count wins from this day (default: 28 days before --as-of).
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Write the roll-up as a web page.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Write the roll-up as a PDF.
    #[arg(long)]
    pub pdf: Option<PathBuf>,
    /// Write the roll-up as CSV (with NAME.schema.json beside it).
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Write the roll-up as Parquet.
    #[arg(long)]
    pub parquet: Option<PathBuf>,
    /// Paper for the PDF: a4 or letter.
    #[arg(long, default_value = "a4")]
    pub paper: String,
}

/// Reads the folder, prints the table, writes the files asked for.
pub fn run(args: &RollupArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let paper = match args.paper.to_ascii_lowercase().as_str() {
        "a4" => Paper::A4,
        "letter" => Paper::Letter,
        other => bail!("--paper is a4 or letter, not \"{other}\""),
    };
    let today = chrono::Local::now().date_naive();
    let as_of = args.as_of.unwrap_or(today);
    let since = args.since.unwrap_or_else(|| as_of - chrono::Days::new(28));
    let paths = workbooks_under(&args.folder)
        .map_err(|e| anyhow::anyhow!("{} could not be read: {e}", args.folder.display()))?;
    if paths.is_empty() {
        bail!(
            "{} holds no workbooks (files ending in .ratchet)",
            args.folder.display()
        );
    }
    let portfolio = read_portfolio(&args.folder, &paths, as_of, since);
    writeln!(
        out,
        "{:<34} {:<13} {:>8} {:>22} {:>5} {:>6} {:>12}",
        "Agency", "Standing", "On track", "Median (path)", "Wins", "Flags", "Last data"
    )?;
    for a in &portfolio.agencies {
        let median = median_text(a).replace("median ", "").replace("path ", "");
        writeln!(
            out,
            "{:<34} {:<13} {:>8} {:>22} {:>5} {:>6} {:>12}",
            truncate(&a.agency, 34),
            a.status.label(),
            format!("{}/{}", a.on_track.0, a.on_track.1),
            median,
            a.wins,
            a.serious_flags,
            a.last_data.map_or("—".to_owned(), |d| d.to_string())
        )?;
    }
    for (path, why) in &portfolio.unreadable {
        writeln!(out, "Could not read {}: {why}", path.display())?;
    }
    let written = write_rollup(
        &portfolio,
        today,
        paper,
        RollupFiles {
            html: args.html.as_deref(),
            pdf: args.pdf.as_deref(),
            csv: args.csv.as_deref(),
            parquet: args.parquet.as_deref(),
        },
    )?;
    for path in written {
        writeln!(out, "Wrote {}", path.display())?;
    }
    Ok(())
}

fn truncate(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(n - 1).collect();
        format!("{cut}…")
    }
}
