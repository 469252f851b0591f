//! Work that reads the workbook, runs an analysis and writes the result
//! back: the seam between `storage` (which only stores) and `analysis`
//! (which only computes). The window, the command line and the sample all
//! call these, so they behave the same everywhere.

pub mod backups;
pub mod cockpit;
pub mod dashboard;
pub mod integrity;
pub mod meetings;
pub mod recognition;
pub mod returns;
pub mod rollup;
pub mod sample;
pub mod snapshot;
pub mod verdicts;
pub mod wins;
pub mod workshop;
