//! Practices 7 and 8: wins, certificates, the wall, and the framework on paper.
//! Beside `ui/recognition`: this folder applies its actions (`apply.rs`) and holds the view models its screens read.

mod apply;
pub mod view;
