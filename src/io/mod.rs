//! Spreadsheets in and out: CSV and XLSX import (with row-level error
//! reports and nothing written until confirmed) and export.

pub mod encoding;
pub mod export;
pub mod file_targets;
mod line_counter;
pub mod mapping;
pub mod number;
mod pending;
pub mod period;
pub mod plan;
mod read_ahead;
pub mod returns;
pub mod sheet;
pub mod source;

pub use export::{ExportOptions, export_file};
pub use mapping::{Layout, Mapping, guess_mapping};
pub use plan::{ImportOptions, ImportPlan, ImportReport, plan_import};
pub use source::{SourceOptions, open_source};
