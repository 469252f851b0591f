//! Practice 5's data: teams, indicators, targets, the grid of values, observations, import and export.
//! Beside `ui/monitor`: this folder applies its actions (`apply.rs`) and holds the view models its screens read.

mod apply;
pub mod view;
