//! Practices 6 and 11: stat meetings, follow-ups and capacity needs.
//! Beside `ui/meetings`: this folder applies its actions (`apply.rs`) and holds the view models its screens read.

mod apply;
pub mod view;
