//! Integration and UI tests, one module per flow, built as one test binary
//! (one link of the whole app instead of one per file keeps `cargo test` fast).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod burst_typing;
mod cli;
mod cockpit;
mod damaged_files;
mod data_ui;
mod hostile_sheets;
mod hostile_text;
mod import_export;
mod import_memory;
mod import_rejections;
mod import_targets;
mod large_imports;
mod layers;
mod learning;
mod meetings;
mod migrations;
mod monitor;
mod packaging;
mod parsers_never_panic;
mod reliability;
mod returns;
mod returns_ui;
mod rollup;
mod shell_ui;
mod sql_views;
mod storage_framework;
mod storage_open;
mod support;
mod target_rules;
mod undo_edits;
mod verdict_rates;
mod view_refresh;
mod wins;
mod wizard_ui;
mod workshop;
