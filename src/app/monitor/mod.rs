//! Practices 5 and 10 on screen: progress and the league table, small multiples, XmR charts, the public dashboard.
//! Beside `ui/monitor`: this folder applies its actions (`apply.rs`) and holds the view models its screens read.

mod apply;
pub mod view;
