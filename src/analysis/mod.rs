//! Pure computation over domain data: target paths, rates, and (later) progress,
//! wins, process-behaviour limits and integrity checks. No I/O here.

pub mod target_path;
