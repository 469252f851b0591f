//! The `ratchet` binary: the window, or a batch command.

// A windowed program on Windows: no console window opens beside it. Its
// commands print to the terminal they were typed in (`platform`). Debug
// builds keep the console for their log.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use ratchet::app::first_frame::{FirstFrameProbe, probe_requested};
use ratchet::app::{Locations, RatchetApp};
use ratchet::cli::Cli;

/// mimalloc rather than the system allocator: an import of a million rows
/// makes millions of short-lived strings, and the system allocators of
/// Linux and Windows spend a fifth of the import in them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ratchet::platform::attach_to_terminal();
    // Warnings and errors go to the log file, never before a message.
    ratchet::logging::start(&locations().logs);
    let cli = Cli::parse();
    match cli.command {
        Some(command) => match run_command(command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ratchet: {}", ratchet::logging::one_line(&e));
                ExitCode::FAILURE
            }
        },
        None => match run_window(cli.workbook) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ratchet: the window could not be opened: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Runs a batch command; `exercise` drives the window's actions, so it is
/// the one command the binary runs through the app rather than the CLI.
fn run_command(command: ratchet::cli::CliCommand) -> anyhow::Result<()> {
    let out = &mut std::io::stdout().lock();
    match command {
        ratchet::cli::CliCommand::Exercise(args) => ratchet::app::exercise::run(&args, out),
        other => ratchet::cli::run(other, out),
    }
}

/// True when the reader of our output went away (e.g. `ratchet summary x | head`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

fn locations() -> Locations {
    Locations::from_env()
}

/// The window's icon (the installers carry the same picture at every size).
fn window_icon() -> egui::IconData {
    // The PNG is built in; should it ever fail to decode, the window simply
    // has the system's default icon.
    eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon/ratchet-256.png"))
        .unwrap_or_default()
}

fn run_window(workbook: Option<std::path::PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Ratchet")
            .with_app_id("ratchet")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([760.0, 520.0])
            .with_icon(window_icon()),
        ..Default::default()
    };
    let creator: eframe::AppCreator<'static> = Box::new(move |_cc| {
        // The app sets up its fonts and theme on its first frame.
        let mut app = RatchetApp::new(locations(), workbook);
        app.open_system_files();
        if probe_requested() {
            Ok(Box::new(FirstFrameProbe::new(app)))
        } else {
            Ok(Box::new(app))
        }
    });
    run_event_loop(options, creator)
}

/// Runs the window. eframe makes its own event loop everywhere but macOS.
#[cfg(not(target_os = "macos"))]
fn run_event_loop(
    options: eframe::NativeOptions,
    creator: eframe::AppCreator<'static>,
) -> eframe::Result<()> {
    eframe::run_native("Ratchet", options, creator)
}

/// Runs the window on macOS: the event loop is made here so that the
/// listener for Finder's open-file events is in place before it runs (the
/// file that launched the program arrives first thing).
#[cfg(target_os = "macos")]
fn run_event_loop(
    options: eframe::NativeOptions,
    creator: eframe::AppCreator<'static>,
) -> eframe::Result<()> {
    let event_loop = winit::event_loop::EventLoop::<eframe::UserEvent>::with_user_event()
        .build()
        .map_err(eframe::Error::from)?;
    ratchet::platform::listen_for_opened_files();
    let mut app = eframe::create_native("Ratchet", options, creator, &event_loop);
    event_loop.run_app(&mut app).map_err(eframe::Error::from)
}
