//! Data returns (practice 5): requesting each team's numbers, collecting
//! the files that come back, and the board of who has reported.
//! Beside `ui/monitor/returns.rs`: this folder applies its actions
//! (`apply.rs`) and holds the view model its screen reads (`view.rs`).

mod apply;
pub mod view;
