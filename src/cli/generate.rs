//! `ratchet generate WORKBOOK --teams N --indicators M --periods P [--seed S]`.

use std::path::Path;
use std::time::Instant;

use crate::sample::{GenerateSpec, generate};

pub fn run(path: &Path, spec: GenerateSpec, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let started = Instant::now();
    let n = generate(path, spec)?;
    writeln!(
        out,
        "Wrote {} with {} teams, {} indicators, {} weeks: {n} measurements in {:.1} s.",
        path.display(),
        spec.teams,
        spec.indicators,
        spec.periods,
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}
