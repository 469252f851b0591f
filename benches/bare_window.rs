//! A bare eframe window drawing one label, the same size as Ratchet's: the
//! yardstick for Ratchet's open-to-first-frame budget (see
//! `benches/startup.rs`). Run with `RATCHET_FIRST_FRAME_PROBE=1` to have it
//! report its first frame and close.

use ratchet::app::first_frame::{FirstFrameProbe, probe_requested};

struct Bare;

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| ui.label("A bare eframe window"));
    }
}

fn main() -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare window")
            .with_inner_size([1280.0, 820.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Bare window",
        options,
        Box::new(|_cc| {
            if probe_requested() {
                Ok(Box::new(FirstFrameProbe::new(Bare)))
            } else {
                Ok(Box::new(Bare))
            }
        }),
    )
}
