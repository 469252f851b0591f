//! The home screen's cockpit, computed off the window's thread.
//! Beside `ui/home.rs`: this folder applies its actions (`apply.rs`) and holds the view models its screens read.

mod apply;
