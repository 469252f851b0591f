//! One shape for work done off the window's thread that hands back one
//! result (the home screen's figures, the day's backup, the roll-up): run
//! behind the panic guard, the window woken when it is done, collected by
//! polling each frame. (Imports, exports and batches, which report progress
//! and can be cancelled, are `import_job::Job`.)

use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Work running on another thread.
pub struct Background<T> {
    result: Receiver<Result<T, String>>,
}

/// What polling found.
pub enum Polled<T> {
    /// Still running.
    Running,
    /// Done: the result, or why it failed (a panic's message too).
    Done(Result<T, String>),
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on a thread named `name`; `wake` (the window) is asked
    /// to repaint when it ends. `Err` when no thread could be started.
    pub fn start(
        name: &str,
        wake: Option<egui::Context>,
        work: impl FnOnce() -> Result<T, String> + Send + 'static,
    ) -> Result<Background<T>, String> {
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let result = crate::guard::catch(work)
                    .unwrap_or_else(|panic| Err(format!("it stopped unexpectedly ({panic})")));
                // The window may have closed meanwhile: nobody to tell.
                let _ = tx.send(result);
                if let Some(ctx) = wake {
                    ctx.request_repaint();
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(Background { result: rx })
    }

    /// Whether it is done, without waiting.
    pub fn poll(&self) -> Polled<T> {
        match self.result.try_recv() {
            Ok(r) => Polled::Done(r),
            Err(TryRecvError::Empty) => Polled::Running,
            Err(TryRecvError::Disconnected) => {
                Polled::Done(Err("it stopped before it finished".to_owned()))
            }
        }
    }

    /// Waits for it to end.
    pub fn wait(&self) -> Result<T, String> {
        self.result
            .recv()
            .unwrap_or_else(|_| Err("it stopped before it finished".to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_and_a_panic_both_come_back() {
        let ok = Background::start("t", None, || Ok(7)).unwrap();
        assert_eq!(ok.wait(), Ok(7));
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let bad: Background<i32> = Background::start("t", None, || panic!("boom")).unwrap();
        let got = bad.wait();
        std::panic::set_hook(quiet);
        assert!(got.unwrap_err().contains("boom"));
    }
}
