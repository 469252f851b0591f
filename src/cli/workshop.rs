//! `ratchet practice` and `ratchet take-home`: a facilitator prepares a
//! room's practice workbooks and prints what participants take home.

use std::path::PathBuf;

use anyhow::Context;

use crate::ops::workshop::create_practice;
use crate::sample::Scenario;

/// Choices for `ratchet practice`.
#[derive(Debug, clap::Args)]
pub struct PracticeArgs {
    /// Where to create the practice workbook (must not exist).
    pub workbook: PathBuf,
    /// The scenario: streets, benefits or parks.
    #[arg(long)]
    pub scenario: String,
    /// The participant's name.
    #[arg(long, default_value = "")]
    pub participant: String,
}

/// `ratchet practice`.
pub fn run_practice(args: &PracticeArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let scenario = Scenario::from_key(args.scenario.trim()).with_context(|| {
        let keys: Vec<&str> = Scenario::ALL.iter().map(|s| s.key()).collect();
        format!(
            "unknown scenario \"{}\" (say {})",
            args.scenario,
            keys.join(", ")
        )
    })?;
    create_practice(&args.workbook, scenario, &args.participant)?;
    writeln!(
        out,
        "Created a practice workbook of {} at {}: its data are in, its framework is empty.",
        scenario.agency(),
        args.workbook.display()
    )?;
    Ok(())
}

/// `ratchet take-home`.
pub fn run_take_home(
    args: &super::documents::PageArgs,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let wb = crate::storage::Workbook::open(&args.workbook)?;
    let today = chrono::Local::now().date_naive();
    crate::export::take_home::take_home(&wb.framework()?, super::documents::paper(args)?, today)
        .write_pdf(&args.out)?;
    writeln!(out, "Wrote the take-home to {}.", args.out.display())?;
    Ok(())
}
