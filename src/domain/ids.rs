//! Newtype ids, so that a team's id can never be passed where an indicator's is meant.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a team (a unit whose performance is measured).
    TeamId
);
id_type!(
    /// Identifies an indicator in the workbook's indicator library.
    IndicatorId
);
id_type!(
    /// Identifies a candidate performance deficit.
    DeficitId
);
id_type!(
    /// Identifies one step (an intermediate outcome) of the theory chain.
    TheoryStepId
);
id_type!(
    /// Identifies one dated version of the mission statement.
    MissionVersionId
);
id_type!(
    /// Identifies a target (current or superseded).
    TargetId
);
