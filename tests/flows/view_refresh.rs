//! The views actions change are rebuilt once per frame, however many
//! actions the frame carried, and an action that reads a view sees what the
//! actions before it in the same frame changed.

use chrono::NaiveDate;
use ratchet::app::{Action, DataAction, RatchetApp, Screen};
use ratchet::domain::{Agency, TargetValues};

use crate::support::{sample_window, temp};

fn builds(app: &RatchetApp) -> (u32, u32) {
    let b = app.view_builds().expect("a workbook is open");
    (b.setup, b.framework)
}

#[test]
fn a_frame_of_edits_rebuilds_each_view_once() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    let app = h.state_mut();
    let (setup, framework) = builds(app);
    let mut frame: Vec<Action> = ["Ward 7", "Ward 8", "Ward 9"]
        .into_iter()
        .map(|name| {
            Action::Data(DataAction::AddTeam {
                name: name.into(),
                contact: String::new(),
            })
        })
        .collect();
    frame.push(Action::SetAgency(Agency {
        name: "Riverton Works".into(),
        leader_name: "A. Leader".into(),
        leader_title: "Director".into(),
    }));
    app.apply_queued(frame);
    assert_eq!(builds(app), (setup + 1, framework + 1));
    let view = app.workbook_view().expect("open");
    for name in ["Ward 7", "Ward 8", "Ward 9"] {
        assert!(
            view.setup.teams.iter().any(|t| t.name == name),
            "{name} is in the set-up view"
        );
    }
    assert_eq!(view.framework.agency.name, "Riverton Works");
    // A frame that changes nothing rebuilds nothing.
    app.apply_queued(vec![Action::Navigate(Screen::Home)]);
    assert_eq!(builds(app), (setup + 1, framework + 1));
}

#[test]
fn a_screen_opened_after_an_edit_in_the_same_frame_shows_the_edit() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    let app = h.state_mut();
    app.apply(Action::Navigate(Screen::Progress));
    let progress = |app: &RatchetApp| {
        app.workbook_view()
            .and_then(|v| v.monitor.progress.clone())
            .expect("the progress view is built")
    };
    let shown = progress(app);
    let indicator = shown.snapshot.indicator.id;
    let team = shown.snapshot.teams[0].team;
    let values = TargetValues {
        baseline_value: 1.0,
        baseline_date: NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date"),
        target_value: 4321.0,
        deadline: NaiveDate::from_ymd_opt(2027, 6, 30).expect("a date"),
    };
    app.apply_queued(vec![
        Action::Data(DataAction::SetTarget {
            indicator,
            team: Some(team),
            values,
        }),
        Action::Navigate(Screen::Progress),
    ]);
    let rebuilt = progress(app);
    let steps = &rebuilt
        .snapshot
        .teams
        .iter()
        .find(|t| t.team == team)
        .expect("the team is on the chart")
        .target_steps;
    assert!(
        steps.iter().any(|(_, _, v)| *v == 4321.0),
        "the progress screen shows the target set in the same frame: {steps:?}"
    );
}
