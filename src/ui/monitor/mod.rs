//! Phase II screens on the data side: teams and indicators, the data-entry
//! grid with observations, and import and export.

pub mod charts;
pub mod choices;
pub mod data;
pub mod grid;
pub mod multiples;
pub mod observations;
pub mod progress;
pub mod progress_chart;
pub mod returns;
pub mod setup;
pub mod transfer;
pub mod xmr;

use crate::domain::{IndicatorId, IndicatorSpec, ObservationId, TeamId};

/// A team's fields being edited (saved with Save).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TeamForm {
    /// The team being edited.
    pub id: Option<TeamId>,
    /// Its name.
    pub name: String,
    /// Its contact.
    pub contact: String,
}

/// An indicator's fields being edited (saved with Save).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndicatorForm {
    /// The indicator being edited (`None`: a new one).
    pub id: Option<IndicatorId>,
    /// Its defining fields, as storage and import take them.
    pub spec: IndicatorSpec,
    /// Paired counter-indicator.
    pub counter: Option<IndicatorId>,
}

/// A target being typed (for one team, or every team).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetForm {
    /// The team (`None`: every team without its own).
    pub team: Option<TeamId>,
    /// Baseline value as typed.
    pub baseline_value: String,
    /// Baseline date as typed.
    pub baseline_date: String,
    /// Target value as typed.
    pub target_value: String,
    /// Deadline as typed.
    pub deadline: String,
    /// Show the problems (after Set was pressed).
    pub show_problems: bool,
}

/// An observation being written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObservationForm {
    /// The observation being edited (`None`: a new one).
    pub id: Option<ObservationId>,
    /// Date as typed.
    pub date: String,
    /// The team it concerns.
    pub team: Option<TeamId>,
    /// The indicator it concerns.
    pub indicator: Option<IndicatorId>,
    /// What was observed.
    pub text: String,
    /// Tags, comma-separated.
    pub tags: String,
    /// Where it came from.
    pub source: String,
    /// Show the problems (after Save was pressed).
    pub show_problems: bool,
}

/// What the export section has chosen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportForm {
    /// Indicators ticked (empty: all).
    pub indicators: Vec<IndicatorId>,
    /// Teams ticked (empty: all).
    pub teams: Vec<TeamId>,
    /// First period (YYYY-MM-DD) as typed; empty: from the start.
    pub from: String,
    /// Last period (YYYY-MM-DD) as typed; empty: to the end.
    pub to: String,
    /// Start the CSV with a byte-order mark.
    pub bom: bool,
    /// A file path typed instead of using the dialog.
    pub path: String,
}

/// Forms on the data screens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Forms {
    /// The new team's name.
    pub new_team_name: String,
    /// The new team's contact.
    pub new_team_contact: String,
    /// The team editor.
    pub team: TeamForm,
    /// The indicator editor.
    pub indicator: IndicatorForm,
    /// The target being set.
    pub target: TargetForm,
    /// The date typed for locking periods.
    pub lock_date: String,
    /// The note for the lock.
    pub lock_note: String,
    /// The observation editor.
    pub observation: ObservationForm,
    /// The observation search box.
    pub observation_search: String,
    /// The export choices.
    pub export: ExportForm,
    /// A path typed into the import assistant.
    pub import_path: String,
    /// Status thresholds being edited: (indicator, on track %, at risk %).
    pub thresholds: (Option<IndicatorId>, f32, f32),
    /// The dashboard choices.
    pub publish: PublishForm,
    /// The Data returns screen's choices.
    pub returns: returns::ReturnsForm,
}

/// What the publish section has chosen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublishForm {
    /// Indicators ticked (empty: all).
    pub indicators: Vec<IndicatorId>,
    /// Teams ticked (empty: all active teams).
    pub teams: Vec<TeamId>,
    /// "Data as of" as typed (YYYY-MM-DD; empty: today).
    pub as_of: String,
    /// A file path typed instead of using the dialog.
    pub path: String,
}
