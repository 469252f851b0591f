//! Undo and Redo of every kind of edit beyond values and names: targets,
//! the framework's words (typing folded into one step), and the statuses of
//! flags and follow-ups. Each is checked on the stored data.

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use ratchet::analysis::agenda::AgendaLimits;
use ratchet::app::{
    Action, Command, DataAction, LearningAction, MeetingAction, RatchetApp, Screen,
};
use ratchet::domain::integrity::FlagStatus;
use ratchet::domain::meeting::{FollowUpStatus, NewFollowUp};
use ratchet::domain::{Agency, TargetValues, WizardStep};

use crate::support::{open_workbook, sample_window, settle, temp};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn run(h: &mut egui_kittest::Harness<'_, RatchetApp>, command: Command) {
    h.state_mut().apply(Action::Run(command));
    settle(h);
}

#[test]
fn a_team_target_set_then_undone_is_withdrawn_and_redone_is_back() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    let wb = open_workbook(&h);
    let indicator = wb.indicators().unwrap()[1].id;
    let team = wb.teams().unwrap()[0].id;
    let current = |h: &egui_kittest::Harness<'_, RatchetApp>| {
        open_workbook(h)
            .target_records(indicator)
            .unwrap()
            .into_iter()
            .find(|r| r.current && r.team == Some(team))
            .map(|r| r.values.target_value)
    };
    let before = current(&h);
    let values = TargetValues {
        baseline_value: 3.0,
        baseline_date: day(2025, 1, 6),
        target_value: 77.0,
        deadline: day(2027, 6, 28),
    };
    h.state_mut().apply(Action::Data(DataAction::SetTarget {
        indicator,
        team: Some(team),
        values,
    }));
    settle(&mut h);
    assert_eq!(current(&h), Some(77.0));
    run(&mut h, Command::Undo);
    assert_eq!(current(&h), before, "the target in force before");
    h.get_by_label_contains("Undone:");
    run(&mut h, Command::Redo);
    assert_eq!(current(&h), Some(77.0));
    // Every step stays in the target's history.
    let history = open_workbook(&h).target_records(indicator).unwrap();
    assert!(history.iter().filter(|r| r.team == Some(team)).count() >= 2);
}

#[test]
fn typing_the_agency_name_is_one_undo_step() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    let original = open_workbook(&h).agency().unwrap();
    let mut typed = String::new();
    for c in "Ward Seven".chars() {
        typed.push(c);
        h.state_mut().apply(Action::SetAgency(Agency {
            name: typed.clone(),
            ..original.clone()
        }));
    }
    settle(&mut h);
    assert_eq!(open_workbook(&h).agency().unwrap().name, "Ward Seven");
    assert_eq!(h.state().view().undoable, (1, 0), "one step for the typing");
    run(&mut h, Command::Undo);
    assert_eq!(open_workbook(&h).agency().unwrap(), original);
    assert_eq!(
        h.state().workbook_view().unwrap().framework.agency,
        original,
        "the window shows it"
    );
    run(&mut h, Command::Redo);
    assert_eq!(open_workbook(&h).agency().unwrap().name, "Ward Seven");
}

#[test]
fn deficit_words_the_choice_and_a_theory_step_are_undone_in_turn() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    let framework = open_workbook(&h).framework().unwrap();
    let deficit = framework.deficits[0].clone();
    let step = framework.theory[0].clone();
    let choice = framework.choice.clone();

    let mut d = deficit.clone();
    d.evidence = "311 calls doubled".into();
    h.state_mut().apply(Action::UpdateDeficit(d));
    h.state_mut().apply(Action::SetDeficitRationale(
        "It harms the most people".into(),
    ));
    let mut s = step.clone();
    s.assumption = "because crews go where the data say".into();
    h.state_mut().apply(Action::UpdateTheoryStep(s.clone()));
    settle(&mut h);
    assert_eq!(h.state().view().undoable, (3, 0));

    run(&mut h, Command::Undo);
    let f = open_workbook(&h).framework().unwrap();
    assert_eq!(f.theory[0], step, "the theory step first");
    assert_eq!(f.choice.rationale, "It harms the most people");
    run(&mut h, Command::Undo);
    assert_eq!(open_workbook(&h).framework().unwrap().choice, choice);
    run(&mut h, Command::Undo);
    assert_eq!(open_workbook(&h).framework().unwrap().deficits[0], deficit);
    assert_eq!(h.state().view().undoable, (0, 3));
    run(&mut h, Command::Redo);
    run(&mut h, Command::Redo);
    run(&mut h, Command::Redo);
    let f = open_workbook(&h).framework().unwrap();
    assert_eq!(f.deficits[0].evidence, "311 calls doubled");
    assert_eq!(f.choice.rationale, "It harms the most people");
    assert_eq!(f.theory[0], s);
}

#[test]
fn a_settled_flag_and_a_resolved_follow_up_are_opened_again_by_undo() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    // Opening the Integrity screen runs the checks.
    h.state_mut().apply(Action::Navigate(Screen::Integrity));
    settle(&mut h);
    let flag = open_workbook(&h)
        .flags()
        .unwrap()
        .into_iter()
        .find(|f| f.status == FlagStatus::Open)
        .expect("the sample's checks raise flags");
    h.state_mut()
        .apply(Action::Learning(LearningAction::SettleFlag {
            id: flag.id,
            status: FlagStatus::Explained,
            note: "A new depot opened that week".into(),
        }));
    settle(&mut h);
    run(&mut h, Command::Undo);
    let again = |h: &egui_kittest::Harness<'_, RatchetApp>| {
        open_workbook(h)
            .flags()
            .unwrap()
            .into_iter()
            .find(|f| f.id == flag.id)
            .expect("the flag")
    };
    assert_eq!(again(&h).status, FlagStatus::Open);
    h.get_by_label_contains("Undone: the flag is open again.");
    run(&mut h, Command::Redo);
    assert_eq!(again(&h).status, FlagStatus::Explained);
    assert_eq!(again(&h).note, "A new depot opened that week");
    // Each decision is in the flag's history.
    assert!(open_workbook(&h).flag_history(flag.id).unwrap().len() >= 3);

    h.state_mut().apply(Action::Meeting(MeetingAction::Create {
        held_on: day(2026, 12, 7),
        title: String::new(),
        teams: Vec::new(),
        limits: AgendaLimits::default(),
    }));
    h.state_mut()
        .apply(Action::Meeting(MeetingAction::AddFollowUp {
            item: None,
            follow_up: NewFollowUp {
                text: "Patch the depot road".into(),
                owner: "Crew 3".into(),
                due: Some(day(2026, 12, 21)),
                links: Default::default(),
            },
        }));
    let id = open_workbook(&h).follow_ups().unwrap()[0].id;
    h.state_mut()
        .apply(Action::Meeting(MeetingAction::ResolveFollowUp {
            id,
            status: FollowUpStatus::Done,
            resolution: "Patched on the 18th".into(),
        }));
    settle(&mut h);
    run(&mut h, Command::Undo);
    let follow_up = open_workbook(&h).follow_ups().unwrap()[0].clone();
    assert_eq!(follow_up.status, FollowUpStatus::Open);
    assert_eq!(follow_up.resolution, "");
    run(&mut h, Command::Redo);
    let follow_up = open_workbook(&h).follow_ups().unwrap()[0].clone();
    assert_eq!(follow_up.status, FollowUpStatus::Done);
    assert_eq!(follow_up.resolution, "Patched on the 18th");
}

#[test]
fn a_new_mission_undone_is_the_old_one_again_with_both_in_its_history() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    let original = open_workbook(&h).mission().unwrap().unwrap().statement;
    let versions = open_workbook(&h).mission_history().unwrap().len();
    h.state_mut().apply(Action::GoToStep(WizardStep::Mission));
    let mut draft = h.state().workbook_view().unwrap().draft.clone();
    draft.mission = "Every street in Riverton safe to walk, cycle and drive.".into();
    h.state_mut().apply(Action::EditDraft(draft));
    h.state_mut().apply(Action::WizardNext);
    settle(&mut h);
    assert_eq!(
        open_workbook(&h).mission().unwrap().unwrap().statement,
        "Every street in Riverton safe to walk, cycle and drive."
    );
    run(&mut h, Command::Undo);
    assert_eq!(
        open_workbook(&h).mission().unwrap().unwrap().statement,
        original
    );
    assert_eq!(
        open_workbook(&h).mission_history().unwrap().len(),
        versions + 2,
        "the new version and its undoing both stay in the history"
    );
    assert_eq!(h.state().workbook_view().unwrap().draft.mission, original);
    run(&mut h, Command::Redo);
    assert_eq!(
        open_workbook(&h).mission().unwrap().unwrap().statement,
        "Every street in Riverton safe to walk, cycle and drive."
    );
}
