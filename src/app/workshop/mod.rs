//! Workshop mode: practice workbooks, their reset and take-home, and the facilitator's comparison.
//! Beside `ui/workshop`: this folder applies its actions (`apply.rs`) and holds the view models its screens read.

mod apply;
pub mod view;
