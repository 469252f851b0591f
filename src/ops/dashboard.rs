//! The public dashboard's content read from a workbook: the agency, its
//! framework and one snapshot per indicator. `export::dashboard` lays it out.

use std::path::Path;

use chrono::Local;

use super::snapshot::load_snapshot;
use crate::domain::IndicatorId;
use crate::domain::number::count;
use crate::export::dashboard::{Dashboard, DashboardError, DashboardOptions};
use crate::storage::Workbook;

/// Reads the dashboard's content from a workbook (the document lays it out).
pub fn build_dashboard(
    wb: &Workbook,
    options: &DashboardOptions,
) -> Result<Dashboard, DashboardError> {
    let today = Local::now().date_naive();
    let as_of = options.as_of.unwrap_or(today);
    let framework = wb.framework()?;
    let ids: Vec<IndicatorId> = if options.indicators.is_empty() {
        wb.indicators()?.into_iter().map(|i| i.id).collect()
    } else {
        options.indicators.clone()
    };
    let mut sections = Vec::new();
    for id in ids {
        if let Some(snap) = load_snapshot(wb, id, as_of, &options.teams)? {
            sections.push(snap);
        }
    }
    if sections.is_empty() {
        return Err(DashboardError::Empty(
            "There are no indicators to show; add indicators and their data first.".into(),
        ));
    }
    let values: usize = sections
        .iter()
        .map(|s| s.teams.iter().map(|t| t.points.len()).sum::<usize>())
        .sum();
    let teams = sections.iter().map(|s| s.teams.len()).max().unwrap_or(0);
    let file = wb
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Dashboard {
        agency: framework.agency.display_name().to_owned(),
        mission: framework.mission.map(|m| m.statement),
        target: framework.target.map(|t| t.sentence()),
        produced: options.produced.unwrap_or(today),
        as_of,
        source: format!(
            "Values reported by {} to the workbook \"{file}\" ({}), periods up to {}.",
            count(teams as u64, "team", "teams"),
            count(values as u64, "value", "values"),
            as_of.format("%-d %B %Y")
        ),
        sections,
        paper: options.paper,
    })
}

/// Reads the dashboard and writes it to the given HTML and/or PDF files.
pub fn write_dashboard(
    wb: &Workbook,
    options: &DashboardOptions,
    html: Option<&Path>,
    pdf: Option<&Path>,
) -> Result<Dashboard, DashboardError> {
    let dashboard = build_dashboard(wb, options)?;
    dashboard.write(html, pdf)?;
    Ok(dashboard)
}
