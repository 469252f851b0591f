//! `ratchet new WORKBOOK [--sample]`.

use std::path::Path;

use crate::ops::sample::create_sample;
use crate::storage::Workbook;

pub fn run(path: &Path, sample: bool, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    if sample {
        create_sample(path)?;
        writeln!(out, "Created {} with the sample agency.", path.display())?;
    } else {
        Workbook::create(path)?;
        writeln!(out, "Created {}.", path.display())?;
    }
    Ok(())
}
