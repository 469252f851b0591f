//! Pure computation over domain data: target paths and progress, the league
//! table, process-behaviour (XmR) limits and signals. No I/O here.

pub mod agenda;
pub mod correlation;
pub mod feasibility;
pub mod integrity;
pub mod league;
pub mod progress;
pub mod rng;
pub mod rollup;
pub mod snapshot;
pub mod standing;
pub mod target_path;
pub mod wins;
pub mod xmr;
