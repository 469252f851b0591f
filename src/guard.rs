//! The panic boundary around third-party parsers (spreadsheet and CSV
//! readers, the SVG and image decoders that draw a supplied logo): a bug
//! in a dependency becomes a refused file, never a dead window.

use std::cell::Cell;

thread_local! {
    /// How deep this thread is inside [`catch`] calls.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`; a panic inside it comes back as `Err` with its message.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    DEPTH.with(|d| d.set(d.get() + 1));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    caught.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no detail".into())
    })
}

/// True while this thread runs code behind [`catch`]: a panic there is
/// turned into a refusal, so the panic hook only logs it.
pub fn in_guard() -> bool {
    DEPTH.with(|d| d.get() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_depth_is_restored() {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let r: Result<u8, String> = catch(|| panic!("capacity overflow"));
        std::panic::set_hook(quiet);
        assert_eq!(r, Err("capacity overflow".to_owned()));
        assert!(!in_guard());
        assert_eq!(catch(|| 7), Ok(7));
        assert!(catch(in_guard).unwrap_or(false));
    }
}
