//! What the workbook already holds that an import must know: its teams,
//! indicators and cells, by name and key.

use super::*;

/// What the workbook already holds that an import must know.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Teams by id and name.
    pub teams: Vec<(TeamId, String)>,
    /// Indicators.
    pub indicators: Vec<CatalogIndicator>,
    /// Periods ending on or before this date are locked.
    pub locked_through: Option<NaiveDate>,
    /// The month the fiscal year starts in.
    pub fiscal_year_start: u32,
    /// Every target of every indicator (to compare a file's targets with).
    pub targets: HashMap<IndicatorId, Vec<TargetRecord>>,
    /// The framework's target indicator, if it is set.
    pub framework_indicator: Option<IndicatorId>,
}

/// An indicator as an import sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogIndicator {
    /// Its id.
    pub id: IndicatorId,
    /// Its name.
    pub name: String,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Its unit.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// Numbers or yes/no.
    pub kind: IndicatorKind,
}

impl Catalog {
    /// Reads the catalog from a workbook.
    pub fn of(wb: &Workbook) -> Result<Catalog, StorageError> {
        let indicators = wb.indicators()?;
        let mut targets = HashMap::new();
        for ind in &indicators {
            targets.insert(ind.id, wb.target_records(ind.id)?);
        }
        let mut teams: Vec<(TeamId, String)> =
            wb.teams()?.into_iter().map(|t| (t.id, t.name)).collect();
        teams.push((
            crate::storage::AGENCY_TEAM,
            crate::domain::team::AGENCY_ROW_NAME.to_owned(),
        ));
        Ok(Catalog {
            teams,
            indicators: indicators
                .into_iter()
                .map(|i| CatalogIndicator {
                    id: i.id,
                    name: i.name,
                    frequency: i.frequency,
                    unit: i.unit,
                    direction: i.direction,
                    kind: i.kind,
                })
                .collect(),
            locked_through: wb.locked_through()?,
            fiscal_year_start: wb.fiscal_year_start_month()?,
            targets,
            framework_indicator: wb.framework_indicator()?,
        })
    }
}
