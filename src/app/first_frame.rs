//! The first-frame probe. With `RATCHET_FIRST_FRAME_PROBE` set, a window
//! prints `first-frame` (with the process's peak memory) on standard output
//! once its first frame has been presented, then closes. The startup
//! benchmark times Ratchet this way against a bare eframe window.

use std::io::Write;

/// The environment variable that turns the probe on.
pub const PROBE_ENV: &str = "RATCHET_FIRST_FRAME_PROBE";

/// True when the probe was asked for.
pub fn probe_requested() -> bool {
    std::env::var_os(PROBE_ENV).is_some_and(|v| !v.is_empty())
}

/// Wraps an app so that it reports its first presented frame and closes.
pub struct FirstFrameProbe<A> {
    inner: A,
    frames: u32,
}

impl<A> FirstFrameProbe<A> {
    /// Wraps `inner`.
    pub fn new(inner: A) -> Self {
        FirstFrameProbe { inner, frames: 0 }
    }
}

impl<A: eframe::App> eframe::App for FirstFrameProbe<A> {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.frames += 1;
        // eframe presents a frame before it runs the next one: the second
        // run means the first is on screen.
        if self.frames == 2 {
            let rss = peak_rss_kib().map_or("unknown".to_owned(), |k| k.to_string());
            let mut out = std::io::stdout().lock();
            // The reader may have gone; the window closes either way.
            let _ = writeln!(out, "first-frame peak-rss-kib={rss}");
            let _ = out.flush();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.inner.ui(ui, frame);
        ui.ctx().request_repaint();
    }
}

/// The process's peak resident memory in KiB (Linux: `VmHWM`), for the
/// memory budget; None where the platform does not say.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peak_memory_is_read_where_the_platform_reports_it() {
        if cfg!(target_os = "linux") {
            let kib = peak_rss_kib().unwrap_or(0);
            assert!(
                kib > 100,
                "a running test process uses more than 100 KiB: {kib}"
            );
        }
    }
}
