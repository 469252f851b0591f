//! The roll-up of a folder of agency workbooks (practice 5, "publicly", at
//! the scale of a government): read off the window's thread, sorted, one
//! agency drilled into, published. Needs no workbook of its own.
//! Beside `ui/rollup.rs`: this folder applies its actions (`apply.rs`) and
//! holds the view its screen reads (`view.rs`).

mod apply;
pub mod view;
