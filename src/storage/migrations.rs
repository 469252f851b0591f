//! Schema versions. Each migration is an SQL file; a released migration is
//! never edited, only followed by a new one.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("sql/0001_initial.sql")),
    M::up(include_str!("sql/0002_data.sql")),
    M::up(include_str!("sql/0003_monitor.sql")),
    M::up(include_str!("sql/0004_wins.sql")),
    M::up(include_str!("sql/0005_learning.sql")),
    M::up(include_str!("sql/0006_meetings.sql")),
    M::up(include_str!("sql/0007_amount_unit.sql")),
    M::up(include_str!("sql/0008_views.sql")),
    M::up(include_str!("sql/0009_returns.sql")),
];

/// The newest schema version this build writes.
pub const LATEST_VERSION: usize = STEPS.len();

/// All migrations, in order.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::from_slice(STEPS)
}

/// Checks that every migration applies cleanly to an empty database
/// (used by the test suite).
pub fn validate_migrations() -> Result<(), String> {
    migrations().validate().map_err(|e| e.to_string())
}
