//! How many values met the target in force in their period, per indicator:
//! the verdicts `ratchet summary --json` reports and the export writes
//! value by value.

use serde::Serialize;

use crate::domain::target::TargetIndex;
use crate::domain::{IndicatorId, Period};
use crate::storage::{StorageResult, Workbook};

/// One indicator's verdicts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndicatorVerdicts {
    /// The indicator's name.
    pub indicator: String,
    /// Values stored.
    pub values: u64,
    /// Values with a target in force in their period.
    pub with_target: u64,
    /// Of those, values that met it.
    pub met: u64,
    /// Of those, values that did not.
    pub not_met: u64,
}

/// The verdicts of every indicator, in the workbook's order.
pub fn verdict_counts(wb: &Workbook) -> StorageResult<Vec<IndicatorVerdicts>> {
    let indicators = wb.indicators()?;
    let mut out: Vec<IndicatorVerdicts> = Vec::with_capacity(indicators.len());
    let mut index: std::collections::HashMap<IndicatorId, (usize, TargetIndex)> =
        std::collections::HashMap::new();
    for (k, ind) in indicators.iter().enumerate() {
        index.insert(ind.id, (k, TargetIndex::new(&wb.target_records(ind.id)?)));
        out.push(IndicatorVerdicts {
            indicator: ind.name.clone(),
            values: 0,
            with_target: 0,
            met: 0,
            not_met: 0,
        });
    }
    wb.for_each_value(&[], |v| {
        let Some((k, targets)) = index.get(&v.cell.indicator) else {
            return Ok(());
        };
        let ind = &indicators[*k];
        let counts = &mut out[*k];
        counts.values += 1;
        let end = Period {
            start: v.cell.period_start,
            frequency: ind.frequency,
        }
        .end();
        if let Some(t) = targets.for_period(v.cell.team, end) {
            counts.with_target += 1;
            if t.is_met(v.value, ind.direction) {
                counts.met += 1;
            } else {
                counts.not_met += 1;
            }
        }
        Ok(())
    })?;
    Ok(out)
}
