//! The roll-up (practice 5, "publicly", at the scale of a government): a
//! folder of agency workbooks read side by side — each agency's mission,
//! target and standing against its path, wins in the period, open serious
//! flags, last data. Every workbook is opened read-only (its owner may have
//! it open), and one that cannot be read is listed with the reason.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::cockpit::target_standing;
pub use crate::analysis::rollup::{AgencyLine, Portfolio, RollupColumn, median_status};
use crate::domain::integrity::{FlagStatus, Severity};
use crate::storage::{StorageResult, Workbook};

/// Reads one agency's workbook, read-only.
pub fn read_agency(path: &Path, as_of: NaiveDate, since: NaiveDate) -> Result<AgencyLine, String> {
    let wb = Workbook::open_read_only(path).map_err(|e| e.to_string())?;
    agency_line(&wb, path, as_of, since).map_err(|e| e.to_string())
}

fn agency_line(
    wb: &Workbook,
    path: &Path,
    as_of: NaiveDate,
    since: NaiveDate,
) -> StorageResult<AgencyLine> {
    let framework = wb.framework()?;
    let target = target_standing(wb, as_of)?;
    let counts = target.as_ref().map(|t| t.counts).unwrap_or_default();
    let wins = wb
        .wins()?
        .iter()
        .filter(|w| w.achieved_on >= since && w.achieved_on <= as_of)
        .count();
    let serious_flags = wb
        .flags()?
        .iter()
        .filter(|f| f.active && f.status == FlagStatus::Open && f.severity == Severity::Serious)
        .count();
    let agency = match framework.agency.name.trim() {
        "" => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        name => name.to_owned(),
    };
    Ok(AgencyLine {
        path: path.to_owned(),
        agency,
        mission: framework
            .mission
            .as_ref()
            .map(|m| m.statement.clone())
            .unwrap_or_default(),
        status: median_status(&counts),
        on_track: (counts[0] + counts[1], counts.iter().sum()),
        target,
        wins,
        serious_flags,
        last_data: wb.latest_period()?,
        teams: wb.teams()?.iter().filter(|t| !t.archived).count(),
    })
}

/// Reads every workbook in `paths` (on as many threads as the machine has
/// cores), sorted by agency; unreadable ones are listed with the reason.
pub fn read_portfolio(
    folder: &Path,
    paths: &[PathBuf],
    as_of: NaiveDate,
    since: NaiveDate,
) -> Portfolio {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let chunk = paths.len().div_ceil(threads).max(1);
    let results: Vec<(PathBuf, Result<AgencyLine, String>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| {
                            let read = crate::guard::catch(|| read_agency(p, as_of, since))
                                .unwrap_or_else(|e| Err(format!("it could not be read ({e})")));
                            (p.clone(), read)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut portfolio = Portfolio {
        folder: folder.to_owned(),
        as_of: Some(as_of),
        since: Some(since),
        ..Portfolio::default()
    };
    for (path, read) in results {
        match read {
            Ok(line) => portfolio.agencies.push(line),
            Err(why) => portfolio.unreadable.push((path, why)),
        }
    }
    portfolio.sort(RollupColumn::Agency, false);
    portfolio
}

/// Every workbook in a folder (and the folders inside it), by path.
pub fn workbooks_under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = super::workshop::workbooks_in(dir)?;
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if p.is_dir() && !hidden {
            found.extend(super::workshop::workbooks_in(&p)?);
        }
    }
    found.sort();
    Ok(found)
}
