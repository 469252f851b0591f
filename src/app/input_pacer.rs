//! Keystrokes that arrive in one burst are handed to the window in order.
//!
//! egui applies a frame's events to a text field when the field is drawn,
//! but some events act before that: the grid takes Enter, Tab and the
//! arrows to store the cell and move; a press of the mouse elsewhere takes
//! the focus from the field as it is drawn; a shortcut acts where the menu
//! is drawn. When typed characters and such an event arrive in the same
//! frame — keys from a macro, a barcode reader, a remote-desktop session,
//! or simply a fast typist on a slow frame — the event acted first and the
//! last characters were lost ("63" then Enter stored "6"). The pacer
//! splits such a burst: everything from the first of those events after
//! typed text waits for the next frame, so the text is in the field before
//! anything acts on the field.

use egui::{Event, Key, RawInput};

/// Holds back the part of a burst that must wait for the next frame.
#[derive(Debug, Default)]
pub struct InputPacer {
    held: Vec<Event>,
}

/// Keys that something other than the focused text field acts on.
fn acts_outside_the_field(event: &Event) -> bool {
    match event {
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            modifiers.command
                || modifiers.ctrl
                || modifiers.alt
                || matches!(
                    key,
                    Key::Enter
                        | Key::Tab
                        | Key::Escape
                        | Key::ArrowUp
                        | Key::ArrowDown
                        | Key::ArrowLeft
                        | Key::ArrowRight
                        | Key::Home
                        | Key::End
                        | Key::PageUp
                        | Key::PageDown
                )
        }
        Event::PointerButton { pressed: true, .. } => true,
        _ => false,
    }
}

/// Events that put text into a field.
fn is_text(event: &Event) -> bool {
    matches!(
        event,
        Event::Text(_) | Event::Paste(_) | Event::Ime(egui::ImeEvent::Commit(_))
    )
}

impl InputPacer {
    /// Prepares a frame's input: the events held from the last frame come
    /// first, and the part of the burst after typed text that acts outside
    /// the field is held for the next frame. True when events are held
    /// (the caller asks for another frame at once).
    pub fn pace(&mut self, raw: &mut RawInput) -> bool {
        if !self.held.is_empty() {
            let mut events = std::mem::take(&mut self.held);
            events.append(&mut raw.events);
            raw.events = events;
        }
        let mut typed = false;
        let split = raw.events.iter().position(|e| {
            if is_text(e) {
                typed = true;
                false
            } else {
                typed && acts_outside_the_field(e)
            }
        });
        if let Some(at) = split {
            self.held = raw.events.split_off(at);
        }
        !self.held.is_empty()
    }

    /// True while events wait for the next frame.
    pub fn is_holding(&self) -> bool {
        !self.held.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: Key) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn text_then_enter_in_one_burst_is_split_and_replayed_in_order() {
        let mut pacer = InputPacer::default();
        let mut raw = RawInput {
            events: vec![
                Event::Text("6".into()),
                Event::Text("3".into()),
                key(Key::Enter),
                Event::Text("7".into()),
                key(Key::Enter),
            ],
            ..RawInput::default()
        };
        assert!(pacer.pace(&mut raw));
        assert_eq!(
            raw.events,
            [Event::Text("6".into()), Event::Text("3".into())]
        );
        let mut next = RawInput::default();
        assert!(pacer.pace(&mut next));
        assert_eq!(next.events, [key(Key::Enter), Event::Text("7".into())]);
        let mut last = RawInput::default();
        assert!(!pacer.pace(&mut last));
        assert_eq!(last.events, [key(Key::Enter)]);
    }

    #[test]
    fn enter_without_text_before_it_and_plain_typing_are_not_split() {
        let mut pacer = InputPacer::default();
        let mut raw = RawInput {
            events: vec![
                key(Key::Enter),
                Event::Text("a".into()),
                key(Key::A),
                key(Key::Backspace),
            ],
            ..RawInput::default()
        };
        assert!(!pacer.pace(&mut raw));
        assert_eq!(raw.events.len(), 4);
    }
}
