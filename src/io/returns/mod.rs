//! Data return files: one per team, pre-filled with its indicators and
//! periods, signed so that a returned file is recognised (which workbook,
//! request and team) and an edit outside the cells to fill is caught.
//!
//! XLSX and CSV share one set of columns, so one reader serves both.

mod read;
mod sheet;
mod write;

pub use read::{ReadReturn, ReturnRow, read_return};
pub use sheet::{
    COLUMNS, ReturnLine, ReturnSheet, Signature, VALUE_COLUMN, canonical_number,
    workbook_fingerprint,
};
pub use write::{instructions, write_return_csv, write_return_xlsx};
