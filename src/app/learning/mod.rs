//! Practice 9: integrity checks, the indicator library, comparisons and reviews.
//! Beside `ui/learning`: this folder applies its actions (`apply.rs`) and holds the view models its screens read.

mod apply;
pub mod integrity;
pub mod view;
