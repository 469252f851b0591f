//! The cockpit on home: its figures are the workbook's, and each part
//! leads to its screen.

use egui_kittest::kittest::Queryable;
use ratchet::app::{Action, Screen};
use ratchet::domain::integrity::{FlagStatus, Severity};
use ratchet::domain::number::thousands;

use crate::support::{click, sample_window, settle, temp};

#[test]
fn home_shows_how_the_agency_is_doing_with_the_workbooks_own_figures() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    // The checks run, so that flags are open as a leader would find them.
    h.state_mut().apply(Action::Navigate(Screen::Integrity));
    settle(&mut h);
    h.state_mut().apply(Action::Navigate(Screen::Home));
    settle(&mut h);
    let wb = h.state().workbook().unwrap();
    let waiting = wb
        .wins()
        .unwrap()
        .iter()
        .filter(|w| w.recognitions == 0)
        .count();
    let flags = wb.flags().unwrap();
    let open = |s: Severity| {
        flags
            .iter()
            .filter(|f| f.active && f.status == FlagStatus::Open && f.severity == s)
            .count()
    };
    let (serious, warnings) = (open(Severity::Serious), open(Severity::Warning));
    assert!(waiting > 0 && serious + warnings > 0, "the sample has both");
    let cockpit = h.state().workbook_view().unwrap().cockpit.clone().unwrap();
    assert_eq!(cockpit.wins_waiting, waiting);
    assert_eq!(cockpit.flags_open, (serious, warnings));
    let target = cockpit.target.as_ref().unwrap();
    let teams = wb.teams().unwrap().iter().filter(|t| !t.archived).count();
    assert_eq!(
        target.counts.iter().sum::<usize>(),
        teams,
        "every team has a standing"
    );
    assert!(target.worst.len() <= 5);
    // The headline chart: a spread per period of the teams' values, the
    // median within it, and the framework's path from baseline to target.
    assert!(!target.spread.is_empty());
    assert!(
        target
            .spread
            .iter()
            .all(|(_, q)| q.windows(2).all(|w| w[0] <= w[1]))
    );
    let ((_, from), (_, to)) = target.path.unwrap();
    assert_eq!((from, to), (41.0, 90.0));
    // On screen, as a person reads them.
    h.get_by_label("How the agency is doing");
    h.get_by_label(&format!(
        "Wins waiting for recognition: {}",
        thousands(waiting as u64)
    ));
    h.get_by_label_contains(&format!("Open integrity flags: {serious} serious"));
    for w in &target.worst {
        h.get_by_label_contains(&format!("{} — {}", w.name, w.status.label().to_lowercase()));
    }
    // Each part leads to its screen.
    click(&mut h, "Integrity checks →");
    assert_eq!(h.state().view().screen, Screen::Integrity);
}

#[test]
fn the_pickers_standing_comes_with_the_home_figures_and_follows_a_set_up_change() {
    use ratchet::analysis::progress::Status;
    use ratchet::app::DataAction;
    let dir = temp();
    let mut h = sample_window(dir.path());
    // Once the file is checked, the figures are computed on another
    // thread, and the teams' standing with them.
    let view = h.state().workbook_view().unwrap();
    let cockpit = view.cockpit.clone().unwrap();
    let statuses = cockpit.target.unwrap().statuses;
    let active = view.setup.active_teams().count();
    assert_eq!(view.setup.standing, statuses);
    assert_eq!(statuses.len(), active, "one standing per active team");
    assert!(statuses.iter().any(|(_, s)| *s == Status::OffTrack));
    // A team archived leaves the standing once the figures are computed
    // again, without going home.
    h.state_mut().apply(Action::Navigate(Screen::Meetings));
    settle(&mut h);
    let (gone, _) = statuses[0];
    h.state_mut()
        .apply(Action::Data(DataAction::SetTeamArchived(gone, true)));
    settle(&mut h);
    let standing = &h.state().workbook_view().unwrap().setup.standing;
    assert_eq!(standing.len(), active - 1, "{standing:?}");
    assert!(standing.iter().all(|(t, _)| *t != gone));
}
