//! Workshop mode: scenarios as practice workbooks, exercises and model
//! answers in the wizard, reset, the take-home, and the facilitator's view.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ratchet::app::{Action, DataAction, RatchetApp, Screen, Tone, WorkshopAction};
use ratchet::domain::{Cell, Period, WizardDraft, WizardStep};
use ratchet::ops::backups::{BackupReason, backup_dir, list_backups};
use ratchet::ops::workshop::{create_practice, practice_path, read_for_comparison};
use ratchet::sample::Scenario;
use ratchet::storage::Workbook;

use crate::support::{app, click, harness, settle, temp, type_into};

/// Starts (or reopens) `who`'s practice workbook of `scenario` from the
/// window, as the start screen's button does.
fn start_practice(h: &mut Harness<'static, RatchetApp>, scenario: Scenario, who: &str) {
    h.state_mut()
        .apply(Action::Workshop(WorkshopAction::CreatePractice {
            scenario,
            participant: who.into(),
        }));
}

/// Everything a practice workbook holds that a participant could change,
/// without ids of rows or the times they were written.
fn fingerprint(wb: &Workbook) -> String {
    let mut out = String::new();
    let f = wb.framework().unwrap();
    out += &format!(
        "agency {:?}\nmission {:?}\ndeficits {:?}\nchoice {:?}\ntarget {:?}\ntheory {:?}\ncompleted {:?}\n",
        f.agency, f.mission, f.deficits, f.choice, f.target, f.theory, f.completed_at
    );
    out += &format!("mark {:?}\n", wb.workshop_mark().unwrap());
    out += &format!("teams {:?}\n", wb.teams().unwrap());
    out += &format!("indicators {:?}\n", wb.indicators().unwrap());
    out += &format!("observations {:?}\n", wb.observations().unwrap());
    wb.for_each_value(&[], |v| {
        out += &format!("{:?} {} {:?}\n", v.cell, v.value, v.note);
        Ok(())
    })
    .unwrap();
    out
}

/// Fails naming the first line where two fingerprints differ (they run to
/// thousands of lines).
fn assert_same(got: &str, want: &str) {
    if let Some((i, (g, w))) = got
        .lines()
        .zip(want.lines())
        .enumerate()
        .find(|(_, (g, w))| g != w)
    {
        panic!(
            "fingerprints differ at line {}:\n got: {g}\nwant: {w}",
            i + 1
        );
    }
    assert_eq!(
        got.lines().count(),
        want.lines().count(),
        "fingerprints differ in length"
    );
}

/// The periods of `frequency` the scenarios' data cover.
fn periods(frequency: ratchet::domain::Frequency) -> usize {
    let (start, end) = (
        NaiveDate::from_ymd_opt(2024, 12, 2).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    );
    Period::range(frequency, start, end)
        .into_iter()
        .filter(|p| p.end() <= end)
        .count()
}

#[test]
fn every_scenario_yields_an_empty_framework_and_complete_data() {
    let dir = temp();
    for scenario in Scenario::ALL {
        let path = practice_path(dir.path(), scenario, "Ana Ruiz");
        create_practice(&path, scenario, "Ana Ruiz").unwrap();
        let wb = Workbook::open(&path).unwrap();
        let f = wb.framework().unwrap();
        assert_eq!(f.agency.name, scenario.agency());
        assert!(f.mission.is_none(), "{scenario:?}");
        assert!(f.deficits.is_empty(), "{scenario:?}");
        assert_eq!(f.choice.chosen, None);
        assert!(f.target.is_none(), "{scenario:?}");
        assert!(f.theory.is_empty(), "{scenario:?}");
        assert!(f.completed_at.is_none(), "{scenario:?}");
        let mark = wb.workshop_mark().unwrap().unwrap();
        assert_eq!(mark.scenario, scenario.key());
        assert_eq!(mark.participant, "Ana Ruiz");

        // Every team has a value for every period of every indicator.
        let teams = wb.teams().unwrap();
        let indicators = wb.indicators().unwrap();
        assert!(teams.len() >= 5, "{scenario:?} has {} teams", teams.len());
        assert!(indicators.len() >= 6, "{scenario:?}");
        let mut counts: BTreeMap<(i64, i64), usize> = BTreeMap::new();
        wb.for_each_value(&[], |v| {
            assert!(v.value.is_finite());
            *counts
                .entry((v.cell.indicator.0, v.cell.team.0))
                .or_default() += 1;
            Ok(())
        })
        .unwrap();
        for ind in &indicators {
            let expected = periods(ind.frequency);
            assert!(expected >= 7, "{}", ind.name);
            for team in &teams {
                assert_eq!(
                    counts.get(&(ind.id.0, team.id.0)).copied().unwrap_or(0),
                    expected,
                    "{scenario:?}: {} for {}",
                    ind.name,
                    team.name
                );
            }
        }
        assert!(!wb.observations().unwrap().is_empty());
        // The scenario is the same for everyone.
        let again = dir.path().join(format!("again-{}.ratchet", scenario.key()));
        create_practice(&again, scenario, "Ana Ruiz").unwrap();
        assert_same(
            &fingerprint(&Workbook::open(&again).unwrap()),
            &fingerprint(&wb),
        );
    }
    // Nothing is left under a temporary name.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_practice_workbook_is_never_made_over_an_existing_file() {
    let dir = temp();
    let path = dir.path().join("taken.ratchet");
    std::fs::write(&path, b"not mine").unwrap();
    let err = create_practice(&path, Scenario::Benefits, "x").unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), b"not mine");
}

#[test]
fn the_start_screen_makes_a_practice_workbook_with_exercises_in_the_wizard() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    type_into(&mut h, "Your name", "Ana Ruiz");
    click(&mut h, "Northfield County Benefits Office");
    click(&mut h, "Start the exercise");
    let path = practice_path(
        &dir.path().join("Workbooks").join("Workshop"),
        Scenario::Benefits,
        "Ana Ruiz",
    );
    assert_eq!(h.state().workbook().unwrap().path(), path);
    assert_eq!(h.state().view().screen, Screen::Wizard);
    let practice = h.state().workbook_view().unwrap().practice.clone();
    assert_eq!(practice.unwrap().scenario, Scenario::Benefits);

    // The exercise is there; the model answer waits for an attempt.
    let exercise = Scenario::Benefits.exercise(WizardStep::Mission);
    h.get_by_label(exercise.prompt);
    assert!(
        h.query_by_label(exercise.model_answer).is_none(),
        "the answer is hidden before an attempt"
    );
    click(&mut h, "Compare with the model answer");
    assert!(
        h.query_by_label(exercise.model_answer).is_none(),
        "the button does nothing before an attempt"
    );
    type_into(
        &mut h,
        "Mission statement",
        "Help every eligible family get food and housing help fast.",
    );
    click(&mut h, "Compare with the model answer");
    h.get_by_label(exercise.model_answer);
    h.check_accessibility();
    // The attempt is the participant's own, stored as typed.
    assert_eq!(
        h.state().workbook_view().unwrap().draft.mission,
        "Help every eligible family get food and housing help fast."
    );

    // The next step has its own exercise, its answer hidden again.
    click(&mut h, "Next →");
    assert_eq!(
        h.state().workbook_view().unwrap().draft.step,
        WizardStep::Deficits
    );
    h.get_by_label(Scenario::Benefits.exercise(WizardStep::Deficits).prompt);
    assert!(
        h.query_by_label(
            Scenario::Benefits
                .exercise(WizardStep::Deficits)
                .model_answer
        )
        .is_none()
    );

    // Starting the same exercise again reopens the same workbook, work kept.
    h.state_mut().apply(Action::CloseWorkbook);
    start_practice(&mut h, Scenario::Benefits, "Ana Ruiz");
    let wb = h.state().workbook().unwrap();
    assert_eq!(wb.path(), path);
    assert!(wb.framework().unwrap().mission.is_some());
}

#[test]
fn reset_restores_the_scenario_start_exactly_and_keeps_the_work_in_a_backup() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    start_practice(&mut h, Scenario::Streets, "Bo");
    let path = h.state().workbook().unwrap().path().to_owned();
    let start = fingerprint(h.state().workbook().unwrap());

    // A participant's work: a mission, a team, a changed value.
    let draft = WizardDraft {
        mission: "Smooth streets for all.".into(),
        ..h.state().workbook_view().unwrap().draft.clone()
    };
    h.state_mut().apply(Action::EditDraft(draft));
    h.state_mut().apply(Action::WizardNext);
    h.state_mut().apply(Action::Data(DataAction::AddTeam {
        name: "Night Crew".into(),
        contact: String::new(),
    }));
    let wb = h.state().workbook().unwrap();
    let first = wb.indicators().unwrap()[0].id;
    let team = wb.teams().unwrap()[0].id;
    let mut cell = None;
    wb.for_each_value(&[first], |v| {
        if v.cell.team == team {
            cell.get_or_insert(v.cell);
        }
        Ok(())
    })
    .unwrap();
    let cell: Cell = cell.unwrap();
    h.state_mut().apply(Action::Data(DataAction::SetValues {
        changes: vec![(cell, Some(99.5))],
        reason: "practice".into(),
    }));
    let changed = fingerprint(h.state().workbook().unwrap());
    assert_ne!(changed, start);
    assert!(changed.contains("Smooth streets for all."));

    // Reset from the home screen, confirmed.
    h.state_mut().apply(Action::Navigate(Screen::Home));
    settle(&mut h);
    h.check_accessibility();
    click(&mut h, "Reset to the start…");
    click(&mut h, "Reset the practice workbook");
    let wb = h
        .state()
        .workbook()
        .expect("the practice workbook is open again");
    assert_eq!(wb.path(), path);
    assert_same(&fingerprint(wb), &start);
    assert_eq!(h.state().view().screen, Screen::Wizard);

    // The work before the reset is in a backup.
    let backups = list_backups(&backup_dir(
        &dir.path().join("Workbooks").join("Backups"),
        &path,
    ));
    let kept = backups
        .iter()
        .find(|b| b.reason == BackupReason::Reset)
        .expect("a backup taken before the reset");
    assert_same(&fingerprint(&Workbook::open(&kept.path).unwrap()), &changed);
}

#[test]
fn reset_right_after_opening_waits_for_the_days_backup_instead_of_refusing() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    start_practice(&mut h, Scenario::Parks, "Cy");
    let start = fingerprint(h.state().workbook().unwrap());
    let draft = WizardDraft {
        mission: "Safe parks.".into(),
        ..h.state().workbook_view().unwrap().draft.clone()
    };
    h.state_mut().apply(Action::EditDraft(draft));
    h.state_mut().apply(Action::WizardNext);
    assert_ne!(fingerprint(h.state().workbook().unwrap()), start);
    // The reset arrives while the day's backup (started once the opening
    // check is done) is still being copied or collected.
    for _ in 0..2000 {
        if h.state().daily_backup_running() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(h.state().daily_backup_running());
    h.state_mut()
        .apply(Action::Workshop(WorkshopAction::ResetPractice));
    assert_same(&fingerprint(h.state().workbook().unwrap()), &start);
    let message = h.state().view().message.clone().unwrap();
    assert_eq!(message.tone, Tone::Info, "{}", message.text);
    assert!(message.text.contains("back at the scenario's start"));
}

#[test]
fn a_workbook_that_is_not_a_practice_workbook_is_not_reset() {
    let dir = temp();
    let path = dir.path().join("mine.ratchet");
    drop(ratchet::ops::sample::create_sample(&path).unwrap());
    let before = std::fs::read(&path).unwrap();
    let err = ratchet::ops::workshop::reset_practice(&path, &dir.path().join("b")).unwrap_err();
    assert!(err.to_string().contains("not a practice workbook"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A practice workbook of `scenario` for `who`, with `mission` written.
fn participant(dir: &Path, scenario: Scenario, who: &str, mission: &str) -> std::path::PathBuf {
    let path = practice_path(dir, scenario, who);
    create_practice(&path, scenario, who).unwrap();
    let mut wb = Workbook::open(&path).unwrap();
    wb.save_mission(mission, "").unwrap();
    path
}

#[test]
fn the_facilitator_sees_each_participants_mission_side_by_side() {
    let dir = temp();
    let missions = [
        (
            Scenario::Parks,
            "Ana",
            "Safe, clean parks in every neighbourhood.",
        ),
        (
            Scenario::Parks,
            "Bo",
            "Parks where children can play safely.",
        ),
        (
            Scenario::Benefits,
            "Cy",
            "Help for every eligible family, on time.",
        ),
    ];
    let paths: Vec<_> = missions
        .iter()
        .map(|(s, who, m)| participant(dir.path(), *s, who, m))
        .collect();
    // One participant is still working in the file.
    let _still_open = Workbook::open_exclusive(&paths[0], None).unwrap();
    let broken = dir.path().join("broken.ratchet");
    std::fs::write(&broken, b"no workbook here").unwrap();

    let mut h = harness(app(dir.path()));
    // The whole folder at once: every workbook in it is read.
    h.state_mut()
        .apply(Action::Workshop(WorkshopAction::CompareAdd(
            dir.path().to_path_buf().into(),
        )));
    settle(&mut h);
    let compared = &h.state().view().comparison;
    assert_eq!(
        (compared.entries.len(), compared.unreadable.len()),
        (3, 1),
        "the folder holds three workbooks and one broken file"
    );
    h.state_mut()
        .apply(Action::Workshop(WorkshopAction::CompareClear));
    // Or one file at a time (as dropped on the window).
    let mut add = paths.clone();
    add.push(broken.clone());
    for path in add {
        h.state_mut()
            .apply(Action::Workshop(WorkshopAction::CompareAdd(path.into())));
    }
    settle(&mut h);
    assert_eq!(h.state().view().screen, Screen::Workshop);
    let compared = &h.state().view().comparison;
    assert_eq!(compared.entries.len(), 3);
    assert_eq!(compared.unreadable.len(), 1);
    assert_eq!(compared.unreadable[0].0, broken);
    for (_, who, mission) in missions {
        h.get_by_label(who);
        h.get_by_label(mission);
    }
    h.get_by_label_contains("broken.ratchet");

    // A participant changes the mission; reading again shows it.
    {
        let mut wb = Workbook::open(&paths[1]).unwrap();
        wb.save_mission("Parks that everyone is glad to use.", "clearer")
            .unwrap();
    }
    click(&mut h, "Read again");
    h.get_by_label("Parks that everyone is glad to use.");
    h.check_accessibility();
    assert!(
        h.query_by_label("Parks where children can play safely.")
            .is_none()
    );

    // Removing a column takes that participant out.
    let entry = read_for_comparison(&paths[2]).unwrap();
    assert_eq!(entry.participant, "Cy");
    h.state_mut()
        .apply(Action::Workshop(WorkshopAction::CompareRemove(
            paths[2].clone(),
        )));
    settle(&mut h);
    assert!(
        h.query_by_label("Help for every eligible family, on time.")
            .is_none()
    );
    assert_eq!(h.state().view().comparison.entries.len(), 2);
}

#[test]
fn the_take_home_is_the_framework_card_and_the_eleven_practices() {
    let dir = temp();
    let path = dir.path().join("s.ratchet");
    drop(ratchet::ops::sample::create_sample(&path).unwrap());
    let wb = Workbook::open(&path).unwrap();
    let framework = wb.framework().unwrap();
    let doc = ratchet::export::take_home::take_home(
        &framework,
        Default::default(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    assert_eq!(doc.pages.len(), 2);
    assert!(doc.pages[0].contains("Riverton Street Services"));
    for p in ratchet::domain::practices::PRACTICES {
        assert!(
            doc.pages[1].contains(&ratchet::export::svg::escape(p.title)),
            "practice {}",
            p.number
        );
    }
    drop(wb);

    // From the window: written as a two-page PDF.
    let mut h = harness(ratchet::app::RatchetApp::new(
        ratchet::app::Locations::under(dir.path()),
        Some(path),
    ));
    let out = dir.path().join("take-home.pdf");
    h.state_mut()
        .apply(Action::Workshop(WorkshopAction::ExportTakeHome(
            out.clone().into(),
        )));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(count_pages(&bytes), 2);

    // A framework without its target has no card: nothing is written.
    let empty = ratchet::domain::Framework::default();
    let doc = ratchet::export::take_home::take_home(
        &empty,
        Default::default(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    let refused = dir.path().join("refused.pdf");
    assert!(doc.write_pdf(&refused).is_err());
    assert!(!refused.exists());
}

/// Pages in a PDF, counted from its page objects.
fn count_pages(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.match_indices("/Type")
        .filter(|(i, _)| {
            let rest = text[i + 5..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count()
}

#[test]
fn workbooks_dropped_on_the_comparison_are_compared_not_opened() {
    let dir = temp();
    let a = participant(dir.path(), Scenario::Parks, "Ana", "Parks for all.");
    let b = participant(dir.path(), Scenario::Streets, "Bo", "Streets for all.");
    let mut h = harness(app(dir.path()));
    h.state_mut()
        .apply(Action::Run(ratchet::app::Command::CompareParticipants));
    settle(&mut h);
    for path in [&a, &b] {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(path.clone())));
    }
    settle(&mut h);
    assert!(h.state().workbook().is_none(), "nothing was opened");
    let who: Vec<&str> = h
        .state()
        .view()
        .comparison
        .entries
        .iter()
        .map(|e| e.participant.as_str())
        .collect();
    assert_eq!(who, ["Ana", "Bo"]);
    h.get_by_label("Streets for all.");
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_practice_workbook_someone_else_has_open_is_not_reset() {
    let dir = temp();
    let path = participant(dir.path(), Scenario::Parks, "Ana", "Parks for all.");
    let _theirs = Workbook::open_exclusive(&path, None).unwrap();
    let mut h = harness(app(dir.path()));
    h.state_mut().apply(Action::OpenReadOnly(path.clone()));
    assert!(h.state().workbook().unwrap().is_read_only());
    h.state_mut()
        .apply(Action::Workshop(WorkshopAction::ResetPractice));
    let message = h.state().view().message.clone().unwrap();
    assert!(message.text.contains("read-only"), "{}", message.text);
    // Their work is still there, and the file is still open here.
    assert!(h.state().workbook().is_some());
    let mission = Workbook::open_read_only(&path)
        .unwrap()
        .framework()
        .unwrap()
        .mission
        .unwrap();
    assert_eq!(mission.statement, "Parks for all.");
}
