//! Ratchet: a desktop workbench for Robert D. Behn's eleven "better practices"
//! of performance leadership.
//!
//! The core (`domain`, `analysis`, `storage`, `io`, `export`, `ops`, `sample`) never touches a window;
//! `app` and `ui` are the face, and `cli` is the batch face on the same core.
//! See ARCHITECTURE.md for the map.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod domain;
pub mod export;
pub mod guard;
pub mod io;
pub mod locations;
pub mod logging;
pub mod ops;
pub mod platform;
pub mod sample;
pub mod storage;
pub mod ui;
