//! Menu commands: each with its label, tooltip and shortcut in one place, so
//! menus, buttons and keyboard shortcuts always agree.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command reachable from the menus (and, where it has one, a shortcut).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    /// Create a workbook (asks where).
    NewWorkbook,
    /// Open a workbook (asks which).
    OpenWorkbook,
    /// Save a copy of the workbook elsewhere (asks where).
    SaveCopyAs,
    /// Close the workbook.
    CloseWorkbook,
    /// Quit Ratchet.
    Quit,
    /// Show the home screen.
    GoHome,
    /// Explain the eleven practices.
    ShowPractices,
    /// About Ratchet.
    ShowAbout,
    /// The facilitator's comparison of participants' frameworks.
    CompareParticipants,
    /// Go to any screen by typing part of its name.
    GoTo,
    /// List the keyboard shortcuts.
    ShowShortcuts,
    /// Undo the last change: values (through the audit trail), a team's or an indicator's details.
    Undo,
    /// Redo the last change undone.
    Redo,
}

impl Command {
    /// Commands that have a keyboard shortcut, checked every frame.
    pub const WITH_SHORTCUTS: [Command; 10] = [
        // Redo first: Ctrl+Shift+Z would also match Undo's Ctrl+Z.
        Command::Redo,
        Command::Undo,
        Command::NewWorkbook,
        Command::OpenWorkbook,
        Command::SaveCopyAs,
        Command::CloseWorkbook,
        Command::Quit,
        Command::GoHome,
        Command::ShowPractices,
        Command::GoTo,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Command::NewWorkbook => "New workbook…",
            Command::OpenWorkbook => "Open…",
            Command::SaveCopyAs => "Save a copy as…",
            Command::CloseWorkbook => "Close",
            Command::Quit => "Quit",
            Command::GoHome => "Home",
            Command::ShowPractices => "The eleven practices",
            Command::ShowAbout => "About Ratchet",
            Command::CompareParticipants => "Compare participants' frameworks",
            Command::GoTo => "Go to…",
            Command::ShowShortcuts => "Keyboard shortcuts",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
        }
    }

    /// What it does, for the tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            Command::NewWorkbook => "Create a new workbook file",
            Command::OpenWorkbook => "Open a workbook file",
            Command::SaveCopyAs => {
                "Write a copy of this workbook to another file (this one stays open)"
            }
            Command::CloseWorkbook => "Close this workbook; everything is already saved",
            Command::Quit => "Quit Ratchet; everything is already saved",
            Command::GoHome => "Where the framework stands and what comes next",
            Command::ShowPractices => "Behn's eleven better practices, one paragraph each",
            Command::ShowAbout => "Version and credits",
            Command::CompareParticipants => {
                "Workshop: read several participants' workbooks and set their missions, deficits and targets side by side"
            }
            Command::GoTo => "Go to any screen by typing part of its name",
            Command::ShowShortcuts => "Every keyboard shortcut, and how to move without a mouse",
            Command::Undo => {
                "Put back what the last edit altered: values typed or pasted, a team's or an indicator's details, a target, the framework's words, a flag's or a follow-up's status (the edit and its undoing stay in the history)"
            }
            Command::Redo => "Make the last undone change again",
        }
    }

    /// Its keyboard shortcut, if any (Ctrl on Windows and Linux, Cmd on macOS).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        match self {
            Command::NewWorkbook => Some(KeyboardShortcut::new(cmd, Key::N)),
            Command::OpenWorkbook => Some(KeyboardShortcut::new(cmd, Key::O)),
            Command::SaveCopyAs => Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::S)),
            Command::CloseWorkbook => Some(KeyboardShortcut::new(cmd, Key::W)),
            Command::Quit => Some(KeyboardShortcut::new(cmd, Key::Q)),
            Command::GoHome => Some(KeyboardShortcut::new(Modifiers::ALT, Key::Home)),
            Command::ShowPractices => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F1)),
            Command::GoTo => Some(KeyboardShortcut::new(cmd, Key::G)),
            Command::Undo => Some(KeyboardShortcut::new(cmd, Key::Z)),
            Command::Redo => Some(KeyboardShortcut::new(cmd | Modifiers::SHIFT, Key::Z)),
            Command::ShowAbout | Command::CompareParticipants | Command::ShowShortcuts => None,
        }
    }

    /// A second shortcut, where a platform's convention differs: Ctrl+Y
    /// redoes on Windows (and is offered everywhere).
    pub fn alternate_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Command::Redo => Some(KeyboardShortcut::new(Modifiers::CTRL, Key::Y)),
            _ => None,
        }
    }

    /// Whether it needs an open workbook.
    pub fn needs_workbook(self) -> bool {
        matches!(
            self,
            Command::SaveCopyAs
                | Command::CloseWorkbook
                | Command::GoHome
                | Command::GoTo
                | Command::Undo
                | Command::Redo
        )
    }
}

/// Keys that work everywhere or in one kind of widget, beyond the
/// commands' shortcuts: (keys, what they do), for the Help list.
pub const OTHER_KEYS: [(&str, &str); 11] = [
    ("Tab / Shift+Tab", "move between controls"),
    ("Space or Enter", "press the focused button, tick a box"),
    ("← →", "change a focused slider or score"),
    ("Esc", "close a dialog or menu"),
    ("in Go to: ↑ ↓ and Enter", "pick a screen and go there"),
    (
        "in the grid: Enter / Shift+Enter",
        "store and move down / up",
    ),
    ("in the grid: arrows, Tab", "store and move"),
    (
        "in the grid: Home / End, Ctrl+Home",
        "first / last period, first cell",
    ),
    (
        "in the grid: Ctrl+V",
        "paste a block copied from a spreadsheet",
    ),
    (
        "in the grid: Shift+arrows, Shift+click",
        "choose a block of cells",
    ),
    (
        "in the grid: Ctrl+C",
        "copy the cell or block for a spreadsheet",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique() {
        let all: Vec<KeyboardShortcut> = Command::WITH_SHORTCUTS
            .iter()
            .filter_map(|c| c.shortcut())
            .collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} is used twice");
        }
        assert_eq!(all.len(), Command::WITH_SHORTCUTS.len());
    }
}
