//! The log file and crash reports: what went wrong, kept where a person can
//! find it and send it (Help → About and the README name the folder),
//! while the terminal and the window say one sentence.
//!
//! `ratchet.log` in the logs folder takes warnings and errors (and the
//! detail behind every refusal on the command line); it is rotated to
//! `ratchet.log.1` when it passes 1 MB. A panic outside a guarded parser
//! writes `crash-YYYYMMDD-HHMMSS.txt` with the version, platform, message,
//! place and backtrace, and says where it is.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The log file's size at which it is rotated.
pub const ROTATE_AT: u64 = 1 << 20;

/// The log file in `dir`.
pub fn log_path(dir: &Path) -> PathBuf {
    dir.join("ratchet.log")
}

/// Opens the log file in `dir` (rotating it when large) for appending.
fn open_log(dir: &Path) -> Option<std::fs::File> {
    std::fs::create_dir_all(dir).ok()?;
    let path = log_path(dir);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > ROTATE_AT) {
        let _ = std::fs::rename(&path, dir.join("ratchet.log.1"));
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .ok()
}

#[derive(Clone)]
struct SharedFile(Arc<Mutex<std::fs::File>>);

impl Write for SharedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.lock() {
            Ok(mut f) => f.write(buf),
            Err(_) => Ok(buf.len()),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.lock() {
            Ok(mut f) => f.flush(),
            Err(_) => Ok(()),
        }
    }
}

/// Sends log lines (warnings and above) to the log file in `dir`, never to
/// the terminal; installs the panic hook. Returns the log file's path when
/// it could be opened.
pub fn start(dir: &Path) -> Option<PathBuf> {
    let file = open_log(dir);
    let opened = file.is_some();
    if let Some(file) = file {
        let shared = SharedFile(Arc::new(Mutex::new(file)));
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::INFO)
            .with_ansi(false)
            .with_writer(move || shared.clone())
            .try_init();
    }
    install_panic_hook(dir.to_owned());
    opened.then(|| log_path(dir))
}

/// What a panic carried as its message.
fn panic_message(info: &std::panic::PanicHookInfo<'_>) -> String {
    info.payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into())
}

/// Writes a crash report into `dir`; returns its path.
pub fn write_crash_report(dir: &Path, message: &str, place: &str) -> Option<PathBuf> {
    std::fs::create_dir_all(dir).ok()?;
    let now = chrono::Local::now();
    let path = dir.join(format!("crash-{}.txt", now.format("%Y%m%d-%H%M%S")));
    let backtrace = std::backtrace::Backtrace::force_capture();
    let text = format!(
        "Ratchet {} stopped unexpectedly on {}.\nPlatform: {} {}\nWhat: {message}\nWhere: {place}\n\nBacktrace:\n{backtrace}\n",
        env!("CARGO_PKG_VERSION"),
        now.to_rfc3339(),
        std::env::consts::OS,
        std::env::consts::ARCH,
    );
    std::fs::write(&path, text).ok()?;
    Some(path)
}

fn install_panic_hook(dir: PathBuf) {
    std::panic::set_hook(Box::new(move |info| {
        let message = panic_message(info);
        let place = info
            .location()
            .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()));
        tracing::error!("panic: {message} at {place}");
        if crate::guard::in_guard() {
            // The file is refused with a sentence; the detail is in the log.
            return;
        }
        match write_crash_report(&dir, &message, &place) {
            Some(report) => eprintln!(
                "ratchet: stopped unexpectedly ({message}); a report is in {}",
                report.display()
            ),
            None => eprintln!("ratchet: stopped unexpectedly ({message})"),
        }
    }));
}

/// An error as one line for the terminal: its own words, and its root
/// cause when that adds something (the whole chain goes to the log).
pub fn one_line(e: &anyhow::Error) -> String {
    tracing::warn!("{e:#}");
    let top = e.to_string();
    let root = e.root_cause().to_string();
    let line = if e.chain().count() > 1 && !top.contains(&root) {
        format!("{top} ({root})")
    } else {
        top
    };
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_chain_prints_as_one_line() {
        let e = anyhow::anyhow!("database or disk is full\nError code 13")
            .context("the change was not saved; nothing was lost.");
        let line = one_line(&e);
        assert_eq!(
            line,
            "the change was not saved; nothing was lost. (database or disk is full Error code 13)"
        );
        assert!(!line.contains('\n'));
    }

    #[test]
    fn a_crash_report_names_version_platform_and_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_crash_report(dir.path(), "boom", "src/x.rs:1").unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(env!("CARGO_PKG_VERSION")));
        assert!(text.contains("What: boom") && text.contains("Where: src/x.rs:1"));
        assert!(text.contains(std::env::consts::OS));
    }
}
