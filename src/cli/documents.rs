//! `ratchet card` and `ratchet poster`: the framework on one page, and the
//! mission as a poster.

use std::path::PathBuf;

use anyhow::Context;

use crate::domain::certificate::Paper;
use crate::export::card::framework_card;
use crate::export::poster::mission_poster;
use crate::storage::Workbook;

/// Choices shared by the card and the poster.
#[derive(Debug, clap::Args)]
pub struct PageArgs {
    /// The workbook.
    pub workbook: PathBuf,
    /// Where to write it: FILE.pdf or FILE.png.
    #[arg(long)]
    pub out: PathBuf,
    /// Paper: a4 or letter (portrait).
    #[arg(long, default_value = "a4")]
    pub paper: String,
}

/// The paper the arguments name.
pub(super) fn paper(args: &PageArgs) -> anyhow::Result<Paper> {
    Paper::from_code(&args.paper)
        .with_context(|| format!("unknown paper \"{}\" (say a4 or letter)", args.paper))
}

/// `ratchet card`.
pub fn run_card(args: &PageArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let wb = Workbook::open(&args.workbook)?;
    let today = chrono::Local::now().date_naive();
    framework_card(&wb.framework()?, paper(args)?, today).write(&args.out)?;
    writeln!(out, "Wrote the framework card to {}.", args.out.display())?;
    Ok(())
}

/// `ratchet poster`.
pub fn run_poster(args: &PageArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let wb = Workbook::open(&args.workbook)?;
    mission_poster(&wb.framework()?, paper(args)?).write(&args.out)?;
    writeln!(out, "Wrote the mission poster to {}.", args.out.display())?;
    Ok(())
}
