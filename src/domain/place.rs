//! The places of the program — its screens and the wizard's steps — as
//! plain data, so that the table of the practices in `practices.rs` can say
//! which screens serve which practice without knowing how they are drawn.

use super::WizardStep;

/// The screens of the main area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    /// No workbook open: new, open, recent, sample.
    #[default]
    Start,
    /// Where the framework stands.
    Home,
    /// The framework wizard, at the draft's step.
    Wizard,
    /// Teams, indicators and their targets.
    Setup,
    /// The data-entry grid with observations beside it.
    Data,
    /// Import and export.
    Transfer,
    /// Data returns: request each team's numbers, collect them, see who has reported.
    Returns,
    /// Progress against the target path, and the league table.
    Progress,
    /// One small chart per team or per indicator.
    Multiples,
    /// Process-behaviour (XmR) charts.
    Xmr,
    /// The wins log (practice 7).
    Wins,
    /// The certificate editor (practice 8).
    Certificate,
    /// The wall of recognition (practice 8).
    Wall,
    /// The integrity panel (practice 9).
    Integrity,
    /// The indicator library (practice 10).
    Library,
    /// Two indicators compared (practice 10).
    Compare,
    /// Reviews, ratcheting the target and the framework's history (practice 11).
    Review,
    /// Stat meetings and the follow-up board (practice 5).
    Meetings,
    /// One stat meeting.
    Meeting,
    /// Operational capacity (practice 6).
    Capacity,
    /// Backups of the open (or damaged) workbook.
    Backups,
    /// The workshop facilitator's comparison of participants' frameworks.
    Workshop,
    /// A folder of agencies' workbooks side by side (needs no workbook open).
    Rollup,
}

impl Screen {
    /// Every screen, in declaration order (for tests and tables).
    pub const ALL: [Screen; 23] = [
        Screen::Start,
        Screen::Home,
        Screen::Wizard,
        Screen::Setup,
        Screen::Data,
        Screen::Transfer,
        Screen::Returns,
        Screen::Progress,
        Screen::Multiples,
        Screen::Xmr,
        Screen::Wins,
        Screen::Certificate,
        Screen::Wall,
        Screen::Integrity,
        Screen::Library,
        Screen::Compare,
        Screen::Review,
        Screen::Meetings,
        Screen::Meeting,
        Screen::Capacity,
        Screen::Backups,
        Screen::Workshop,
        Screen::Rollup,
    ];
}

/// Where something leads: a screen, or a step of the framework wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// A screen.
    Screen(Screen),
    /// A step of the framework wizard.
    Step(WizardStep),
}
