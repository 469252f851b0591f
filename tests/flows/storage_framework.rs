//! Every part of the framework round-trips through the file.

use chrono::NaiveDate;
use ratchet::domain::{
    Agency, Cell, Deficit, Direction, Frequency, Score, Target, TheoryStep, WizardDraft, WizardStep,
};
use ratchet::storage::Workbook;

use crate::support::{add_repairs_indicator, new_workbook, temp};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn target(value: f64) -> Target {
    Target {
        indicator_name: "Cases closed within 30 days".into(),
        unit: "%".into(),
        direction: Direction::Higher,
        frequency: Frequency::Month,
        baseline_value: 55.0,
        baseline_date: date(2025, 1, 1),
        target_value: value,
        deadline: date(2027, 1, 1),
    }
}

#[test]
fn agency_mission_deficits_target_theory_and_draft_round_trip() {
    let dir = temp();
    let (path, mut wb) = new_workbook(dir.path(), "rt.ratchet");
    let agency = Agency {
        name: "Benefits Office ✓ Ελλάδα".into(),
        leader_name: "Jo".into(),
        leader_title: "Chief".into(),
    };
    wb.set_agency(&agency).unwrap();
    wb.save_mission("Pay every eligible claimant correctly and on time.", "")
        .unwrap();
    let a = wb.add_deficit("Backlog").unwrap();
    let b = wb.add_deficit("Errors").unwrap();
    wb.update_deficit(&Deficit {
        id: b,
        title: "Payment errors".into(),
        description: "Overpayments".into(),
        evidence: "Audit 2024".into(),
        harm: Score::new(5).unwrap(),
        size: Score::new(2).unwrap(),
        feasibility: Score::new(4).unwrap(),
    })
    .unwrap();
    wb.choose_deficit(Some(a)).unwrap();
    wb.set_deficit_rationale("Claimants wait months").unwrap();
    wb.save_framework_target(&target(85.0)).unwrap();
    let s1 = wb
        .add_theory_step(&TheoryStep {
            outcome: "Faster decisions".into(),
            assumption: "because".into(),
            ..TheoryStep::default()
        })
        .unwrap();
    let s2 = wb
        .add_theory_step(&TheoryStep {
            outcome: "Claimants trust us".into(),
            measured_by: "Trust survey".into(),
            assumption: "because".into(),
            evidence: "survey".into(),
            ..TheoryStep::default()
        })
        .unwrap();
    let draft = WizardDraft {
        step: WizardStep::Theory,
        mission: "typed but not saved".into(),
        ..WizardDraft::default()
    };
    wb.save_wizard_draft(&draft).unwrap();
    drop(wb);

    let wb = Workbook::open(&path).unwrap();
    let f = wb.framework().unwrap();
    assert_eq!(f.agency, agency);
    assert_eq!(
        f.mission.unwrap().statement,
        "Pay every eligible claimant correctly and on time."
    );
    assert_eq!(f.deficits.len(), 2);
    let errors = f.deficits.iter().find(|d| d.id == b).unwrap();
    assert_eq!(
        (
            errors.title.as_str(),
            errors.harm.get(),
            errors.size.get(),
            errors.feasibility.get()
        ),
        ("Payment errors", 5, 2, 4)
    );
    assert_eq!(f.choice.chosen, Some(a));
    assert_eq!(f.choice.rationale, "Claimants wait months");
    assert_eq!(f.target, Some(target(85.0)));
    assert_eq!(f.theory.iter().map(|s| s.id).collect::<Vec<_>>(), [s1, s2]);
    assert_eq!(f.theory[1].measured_by, "Trust survey");
    assert_eq!(wb.wizard_draft().unwrap(), Some(draft));
    let indicator = wb
        .indicator_by_name("cases closed within 30 DAYS")
        .unwrap()
        .unwrap();
    assert_eq!(indicator.frequency, Frequency::Month);
}

#[test]
fn a_changed_mission_keeps_the_earlier_version_with_its_reason() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "m.ratchet");
    assert!(wb.save_mission("We maintain the parks.", "").unwrap());
    assert!(
        !wb.save_mission("  We maintain the parks.  ", "no change")
            .unwrap()
    );
    assert!(
        wb.save_mission(
            "Every resident within ten minutes of a safe park.",
            "Say what it achieves"
        )
        .unwrap()
    );
    let history = wb.mission_history().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[0].statement,
        "Every resident within ten minutes of a safe park."
    );
    assert_eq!(history[0].reason, "Say what it achieves");
    assert_eq!(history[1].statement, "We maintain the parks.");
    assert!(history[0].saved_at >= history[1].saved_at);
    assert!(
        wb.save_mission("short", "").is_err(),
        "a too-short mission is refused"
    );
    assert_eq!(wb.mission_history().unwrap().len(), 2);
}

#[test]
fn removing_the_chosen_deficit_clears_the_choice() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "d.ratchet");
    let a = wb.add_deficit("A").unwrap();
    wb.choose_deficit(Some(a)).unwrap();
    wb.remove_deficit(a).unwrap();
    assert_eq!(wb.deficit_choice().unwrap().chosen, None);
    assert!(wb.choose_deficit(Some(a)).is_err());
}

#[test]
fn theory_steps_reorder_and_close_up() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "t.ratchet");
    let ids: Vec<_> = ["A", "B", "C"]
        .iter()
        .map(|o| {
            wb.add_theory_step(&TheoryStep {
                outcome: (*o).into(),
                ..TheoryStep::default()
            })
            .unwrap()
        })
        .collect();
    wb.move_theory_step(ids[2], true).unwrap();
    wb.move_theory_step(ids[0], true).unwrap(); // already first: no change
    let order = |wb: &Workbook| {
        wb.theory()
            .unwrap()
            .iter()
            .map(|s| s.outcome.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(order(&wb), ["A", "C", "B"]);
    wb.remove_theory_step(ids[2]).unwrap();
    assert_eq!(order(&wb), ["A", "B"]);
    wb.move_theory_step(ids[0], false).unwrap();
    assert_eq!(order(&wb), ["B", "A"]);
}

#[test]
fn a_target_edited_after_completion_supersedes_the_old_one() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "x.ratchet");
    wb.save_framework_target(&target(80.0)).unwrap();
    wb.save_framework_target(&target(82.0)).unwrap();
    assert_eq!(
        wb.target_history_len().unwrap(),
        1,
        "drafting edits in place"
    );
    wb.save_mission("Pay every claimant correctly and on time.", "")
        .unwrap();
    let d = wb.add_deficit("Backlog").unwrap();
    wb.choose_deficit(Some(d)).unwrap();
    wb.set_deficit_rationale("why").unwrap();
    wb.add_theory_step(&TheoryStep {
        outcome: "o".into(),
        assumption: "because".into(),
        ..TheoryStep::default()
    })
    .unwrap();
    wb.complete_framework().unwrap();
    wb.save_framework_target(&target(90.0)).unwrap();
    assert_eq!(wb.target_history_len().unwrap(), 2);
    assert_eq!(wb.framework_target().unwrap().unwrap().target_value, 90.0);
    assert_eq!(
        wb.indicators().unwrap().len(),
        1,
        "the same indicator is kept"
    );
}

#[test]
fn completing_an_unfinished_framework_is_refused_with_what_is_missing() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "c.ratchet");
    wb.save_mission("Pay every claimant correctly and on time.", "")
        .unwrap();
    let err = wb.complete_framework().unwrap_err().to_string();
    assert_eq!(
        err,
        "Finish the deficit, the target, the theory before completing the framework."
    );
    assert!(wb.framework().unwrap().completed_at.is_none());
}

#[test]
fn value_changes_keep_an_audit_trail_and_a_failed_batch_writes_nothing() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "a.ratchet");
    let team = wb.add_team("North", "Ana").unwrap();
    wb.save_framework_target(&target(85.0)).unwrap();
    let ind = wb.indicators().unwrap()[0].id;
    let cell = Cell {
        indicator: ind,
        team,
        period_start: date(2025, 2, 1),
    };
    assert!(wb.set_value(cell, Some(60.0), "", "entry").unwrap());
    assert!(
        !wb.set_value(cell, Some(60.0), "", "entry").unwrap(),
        "unchanged value writes nothing"
    );
    assert!(
        wb.set_value(cell, Some(62.5), "Late report", "entry")
            .unwrap()
    );
    assert!(wb.set_value(cell, None, "Withdrawn", "entry").unwrap());
    let history = wb.value_history(cell).unwrap();
    let trail: Vec<_> = history
        .iter()
        .map(|c| (c.old_value, c.new_value, c.reason.as_str()))
        .collect();
    assert_eq!(
        trail,
        [
            (None, Some(60.0), ""),
            (Some(60.0), Some(62.5), "Late report"),
            (Some(62.5), None, "Withdrawn")
        ]
    );
    assert_eq!(wb.value(cell).unwrap(), None);

    wb.set_value(cell, Some(1.0), "", "entry").unwrap();
    let rows = vec![
        ratchet::storage::NewMeasurement {
            cell: Cell {
                period_start: date(2025, 3, 1),
                ..cell
            },
            value: 2.0,
        },
        ratchet::storage::NewMeasurement { cell, value: 3.0 }, // already holds a value
    ];
    assert!(wb.insert_measurements(rows).is_err());
    assert_eq!(
        wb.counts().unwrap().measurements,
        1,
        "nothing of the failed batch was written"
    );
    assert_eq!(wb.value(cell).unwrap(), Some(1.0));
    assert!(wb.set_value(cell, Some(f64::NAN), "", "entry").is_err());
}

#[test]
fn duplicate_team_names_are_refused_with_a_sentence() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "n.ratchet");
    wb.add_team("North", "").unwrap();
    let err = wb.add_team("  north ", "").unwrap_err().to_string();
    assert_eq!(
        err,
        "A team called \"north\" already exists; choose another name."
    );
}

#[test]
fn save_a_copy_writes_a_complete_workbook_elsewhere() {
    let dir = temp();
    let (path, mut wb) = new_workbook(dir.path(), "orig.ratchet");
    wb.save_mission("Keep the copy's mission intact please.", "")
        .unwrap();
    let copy = dir.path().join("copy.ratchet");
    wb.save_copy_as(&copy).unwrap();
    assert!(
        wb.save_copy_as(&path).is_err(),
        "copying onto itself is refused"
    );
    let other = Workbook::open(&copy).unwrap();
    assert_eq!(
        other.mission().unwrap().unwrap().statement,
        "Keep the copy's mission intact please."
    );
}

#[test]
fn an_indicators_series_come_back_grouped_by_team_in_period_order() {
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "w.ratchet");
    let north = wb.add_team("North", "").unwrap();
    let south = wb.add_team("South", "").unwrap();
    let ind = add_repairs_indicator(&mut wb);
    let cell = |team, m| ratchet::domain::Cell {
        indicator: ind,
        team,
        period_start: date(2025, m, 1),
    };
    // Written out of order, teams interleaved.
    let changes = [
        (cell(south, 3), Some(3.0)),
        (cell(north, 2), Some(20.0)),
        (cell(south, 1), Some(1.0)),
        (cell(north, 1), Some(10.0)),
    ];
    wb.set_values(&changes, "", "entry").unwrap();
    let series = wb.series_for_indicator(ind).unwrap();
    assert_eq!(
        series,
        vec![
            (
                north,
                vec![(date(2025, 1, 1), 10.0), (date(2025, 2, 1), 20.0)]
            ),
            (
                south,
                vec![(date(2025, 1, 1), 1.0), (date(2025, 3, 1), 3.0)]
            ),
        ]
    );
    // The same values, one row each, as the other reader gives them.
    let flat: Vec<_> = series
        .iter()
        .flat_map(|(t, p)| p.iter().map(move |(d, v)| (*t, *d, *v)))
        .collect();
    assert_eq!(flat, wb.values_for_indicator(ind).unwrap());
}

#[test]
fn a_locked_period_and_a_taken_name_are_told_apart_by_their_kind() {
    use ratchet::storage::StorageError;
    let dir = temp();
    let (_, mut wb) = new_workbook(dir.path(), "l.ratchet");
    let team = wb.add_team("North", "").unwrap();
    let indicator = add_repairs_indicator(&mut wb);
    let cell = Cell {
        indicator,
        team,
        period_start: date(2025, 3, 1),
    };
    wb.set_value(cell, Some(4.0), "", "entry").unwrap();
    wb.lock_through(date(2025, 3, 31), "after the March meeting")
        .unwrap();
    let err = wb.set_value(cell, Some(5.0), "", "entry").unwrap_err();
    assert!(
        matches!(&err, StorageError::LockedPeriod { through, .. } if through == "31 Mar 2025"),
        "{err:?}"
    );
    assert!(err.to_string().contains("give a reason"), "{err}");
    assert_eq!(wb.value(cell).unwrap(), Some(4.0), "nothing changed");
    wb.set_value(cell, Some(5.0), "late correction", "entry")
        .unwrap();
    assert_eq!(wb.value(cell).unwrap(), Some(5.0));

    let clash = wb.add_team("north", "").unwrap_err();
    assert!(matches!(clash, StorageError::Duplicate(_)), "{clash:?}");
}
