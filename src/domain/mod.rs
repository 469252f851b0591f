//! Plain data and the rules that keep it valid.
//!
//! Nothing here knows about SQL, files or windows: every other layer builds on
//! these types, and tests can exercise every rule without a workbook.

pub mod agency;
pub mod capacity;
pub mod certificate;
pub mod data_return;
pub mod deficit;
pub mod direction;
pub mod framework;
pub mod ids;
pub mod indicator;
pub mod integrity;
pub mod measurement;
pub mod meeting;
pub mod mission;
pub mod number;
pub mod observation;
pub mod period;
pub mod place;
pub mod practices;
pub mod review;
pub mod target;
pub mod team;
pub mod theory;
pub mod when;
pub mod win;
pub mod wizard;
pub mod xmr;

pub use agency::Agency;
pub use deficit::{Deficit, DeficitChoice, Score};
pub use direction::Direction;
pub use framework::{Framework, FrameworkStatus};
pub use ids::{DeficitId, IndicatorId, MissionVersionId, TargetId, TeamId, TheoryStepId};
pub use indicator::{Indicator, IndicatorKind, IndicatorScope, IndicatorSpec, StatusThresholds};
pub use measurement::{Cell, OnExisting, ValueChange};
pub use mission::MissionVersion;
pub use observation::{Observation, ObservationId};
pub use period::{Frequency, Period};
pub use target::{Target, TargetDraft, TargetField, TargetRecord, TargetValues};
pub use team::Team;
pub use theory::TheoryStep;
pub use win::{RecognitionId, Win, WinId, WinKind};
pub use wizard::{WizardDraft, WizardStep};
pub use xmr::XmrSetting;

/// A problem with one field of a form, phrased for the person who typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError<F> {
    /// Which field the message belongs beside.
    pub field: F,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl<F> FieldError<F> {
    /// Builds an error for `field`.
    pub fn new(field: F, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}
