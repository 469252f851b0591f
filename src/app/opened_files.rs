//! Files the operating system asks the running program to open: on macOS,
//! a workbook double-clicked in Finder or dropped on the Dock icon arrives
//! as an event, not as an argument. The platform code puts the paths here
//! (`platform`); the window takes them on its next frame and opens the
//! first workbook among them.

use std::path::PathBuf;
use std::sync::Mutex;

static OPENED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Queues files the system asked to open.
pub fn push(paths: impl IntoIterator<Item = PathBuf>) {
    if let Ok(mut queue) = OPENED.lock() {
        queue.extend(paths);
    }
}

/// Takes the queued files, oldest first.
pub fn take() -> Vec<PathBuf> {
    OPENED
        .lock()
        .map(|mut q| std::mem::take(&mut *q))
        .unwrap_or_default()
}
