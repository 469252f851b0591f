//! The opening check, the day's backup, and restoring from backups.
//! Beside `ui/backups.rs`: this folder applies its actions (`apply.rs`) and holds the view models its screens read.

mod apply;
