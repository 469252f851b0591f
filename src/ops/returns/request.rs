//! Requesting data returns: one file per team, pre-filled and signed, in a
//! folder of its own.

use std::path::{Path, PathBuf};

use crate::domain::data_return::{RequestId, ReturnSpec, ReturnTeam};
use crate::domain::target::{current_target, with_unit_decimals};
use crate::domain::{Cell, Indicator, IndicatorScope, Period, Team};
use crate::export::files::safe_stem;
use crate::io::returns::{ReturnLine, ReturnSheet, Signature, write_return_csv, write_return_xlsx};
use crate::storage::Workbook;

/// Which files a request writes for each team.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReturnFormat {
    /// A spreadsheet (cells to fill unlocked, the rest protected).
    #[default]
    Xlsx,
    /// CSV, for those without a spreadsheet program.
    Csv,
    /// Both.
    Both,
}

impl ReturnFormat {
    fn extensions(self) -> &'static [&'static str] {
        match self {
            ReturnFormat::Xlsx => &["xlsx"],
            ReturnFormat::Csv => &["csv"],
            ReturnFormat::Both => &["xlsx", "csv"],
        }
    }
}

/// What a request wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestOutcome {
    /// The request.
    pub request: RequestId,
    /// Its folder.
    pub folder: PathBuf,
    /// The files written, one or two per team.
    pub files: Vec<PathBuf>,
    /// How many values the teams are asked for in all.
    pub cells: usize,
}

/// The name of the instructions file in every request's folder.
pub const INSTRUCTIONS_FILE: &str = "How to fill in.txt";

/// Writes one return file per team into a new folder under `parent` and
/// records the request. Nothing is recorded when a file cannot be written.
pub fn request_returns(
    wb: &mut Workbook,
    spec: &ReturnSpec,
    parent: &Path,
    format: ReturnFormat,
) -> Result<RequestOutcome, String> {
    if let Some(p) = spec.problem() {
        return Err(p);
    }
    // Kept with the request, so the board can say where the files are
    // whichever folder the command was run from.
    let parent = &std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf());
    let teams = asked_teams(wb, spec)?;
    if teams.is_empty() {
        return Err("There are no teams to ask: add teams first.".into());
    }
    let indicators: Vec<Indicator> = wb
        .indicators()
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|i| i.scope == IndicatorScope::PerTeam)
        .collect();
    if indicators.is_empty() {
        return Err("There are no per-team indicators to ask for.".into());
    }
    let agency = wb.agency().map_err(|e| e.to_string())?.name;
    let mut sheets = Vec::with_capacity(teams.len());
    for team in &teams {
        sheets.push(team_lines(wb, team, &indicators, spec)?);
    }
    let key = wb.return_key().map_err(|e| e.to_string())?;
    let records: Vec<ReturnTeam> = teams
        .iter()
        .zip(&sheets)
        .map(|(t, lines)| ReturnTeam {
            team: t.id,
            file_name: file_stem(&t.name),
            cells: lines.len(),
            collected: None,
        })
        .collect();
    // The folder is named after the request, so the request comes first;
    // it is forgotten again if its files cannot be written.
    let request = wb
        .add_return_request(spec, &parent.display().to_string(), &records)
        .map_err(|e| e.to_string())?;
    let folder = folder_for(parent, request, spec);
    let written = write_files(
        &folder, &agency, request, spec, &key, &teams, sheets, format,
    );
    match written {
        Ok(files) => Ok(RequestOutcome {
            request,
            folder,
            cells: records.iter().map(|r| r.cells).sum(),
            files,
        }),
        Err(e) => {
            let _ = wb.remove_return_request(request);
            let _ = std::fs::remove_dir_all(&folder);
            Err(e)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn write_files(
    folder: &Path,
    agency: &str,
    request: RequestId,
    spec: &ReturnSpec,
    key: &str,
    teams: &[Team],
    sheets: Vec<Vec<ReturnLine>>,
    format: ReturnFormat,
) -> Result<Vec<PathBuf>, String> {
    if folder.exists() {
        return Err(format!("{} already exists.", folder.display()));
    }
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("{} could not be made: {e}", folder.display()))?;
    let mut files = Vec::new();
    let mut notes = Vec::new();
    for (team, lines) in teams.iter().zip(sheets) {
        let sealed: Vec<_> = lines.iter().map(ReturnLine::sealed).collect();
        let sheet = ReturnSheet {
            agency: agency.to_owned(),
            team: team.id,
            team_name: team.name.clone(),
            request,
            due: spec.due,
            signature: Signature::sign(key, request, team.id, &team.name, &sealed),
            lines,
        };
        if notes.is_empty() {
            notes = crate::io::returns::instructions(&sheet);
        }
        for ext in format.extensions() {
            let path = folder.join(format!("{}.{ext}", file_stem(&team.name)));
            let result = if *ext == "csv" {
                write_return_csv(&sheet, &path)
            } else {
                write_return_xlsx(&sheet, &path)
            };
            result.map_err(|e| e.to_string())?;
            files.push(path);
        }
    }
    notes[0] = format!("Data return {} from {agency}", request.0);
    notes.push(String::new());
    notes.push("In a CSV file, the Value, Note and Reported by columns are yours to fill (your name in the first row's Reported by), with a dot as the decimal mark (12.5); leave every other column as it is.".into());
    std::fs::write(folder.join(INSTRUCTIONS_FILE), notes.join("\n") + "\n")
        .map_err(|e| format!("the instructions could not be written: {e}"))?;
    Ok(files)
}

/// The teams a request asks: those named, else every active team.
fn asked_teams(wb: &Workbook, spec: &ReturnSpec) -> Result<Vec<Team>, String> {
    let all = wb.teams().map_err(|e| e.to_string())?;
    Ok(all
        .into_iter()
        .filter(|t| {
            if spec.teams.is_empty() {
                !t.archived
            } else {
                spec.teams.contains(&t.id)
            }
        })
        .collect())
}

/// One team's lines: each indicator's periods, oldest first, with the value
/// held and the target in force.
fn team_lines(
    wb: &Workbook,
    team: &Team,
    indicators: &[Indicator],
    spec: &ReturnSpec,
) -> Result<Vec<ReturnLine>, String> {
    let mut lines = Vec::new();
    for ind in indicators {
        let records = wb.target_records(ind.id).map_err(|e| e.to_string())?;
        let target = current_target(&records, team.id)
            .map(|r| {
                format!(
                    "{} by {}",
                    with_unit_decimals(r.values.target_value, ind.decimals.into(), &ind.unit),
                    r.values.deadline.format("%-d %b %Y")
                )
            })
            .unwrap_or_default();
        let mut periods = vec![Period::containing(ind.frequency, spec.as_of)];
        for _ in 0..spec.periods_before {
            match periods.last().and_then(|p| p.previous()) {
                Some(p) => periods.push(p),
                None => break,
            }
        }
        periods.reverse();
        for period in periods {
            let cell = Cell {
                indicator: ind.id,
                team: team.id,
                period_start: period.start,
            };
            lines.push(ReturnLine {
                indicator: ind.id,
                indicator_name: ind.name.clone(),
                unit: ind.unit.clone(),
                period,
                target: target.clone(),
                held: wb.value(cell).map_err(|e| e.to_string())?,
            });
        }
    }
    Ok(lines)
}

/// The folder a request's files are written to, in `parent`.
pub fn folder_for(parent: &Path, request: RequestId, spec: &ReturnSpec) -> PathBuf {
    parent.join(format!(
        "Data return {} ({})",
        request.0,
        spec.as_of.format("%Y-%m-%d")
    ))
}

/// A team's file name (without extension).
fn file_stem(team: &str) -> String {
    format!("{} return", safe_stem(team))
}
