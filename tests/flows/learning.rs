//! Integrity checks, reviews and ratcheting the target (practices 9–11).

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use ratchet::app::{Locations, RatchetApp, Screen};
use ratchet::domain::integrity::{FlagStatus, Rule};
use ratchet::domain::review::{Area, ReviewChange};
use ratchet::domain::{Cell, Target};
use ratchet::ops::integrity::{CheckScope, run_checks};
use ratchet::ops::sample::create_sample;
use ratchet::storage::Workbook;

use crate::support::{click, harness, settle, temp, type_into};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 28);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

#[test]
fn check_json_finds_what_was_planted_in_the_sample() {
    let dir = temp();
    let path = dir.path().join("s.ratchet");
    create_sample(&path).unwrap();
    let out = crate::support::ratchet_command()
        .args([
            "check",
            path.to_str().unwrap(),
            "--json",
            "--as-of",
            "2026-11-28",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flags = json["flags"].as_array().unwrap();
    let has = |rule: &str, team: &str| {
        flags
            .iter()
            .any(|f| f["rule"] == rule && f["team"] == team && f["active"] == true)
    };
    assert!(
        has("bunching", "Harbor District Crew"),
        "Harbor's bunching just past 90%"
    );
    assert!(
        has("smoothness", "Harbor District Crew"),
        "Harbor's implausibly smooth months"
    );
    assert!(
        has("late_edits", "Central District Crew"),
        "Central's after-the-fact edits"
    );
    assert!(
        has("counter_indicator", "Central District Crew"),
        "Central's repeat complaints rising"
    );
    assert!(
        has("mission_check", "Central District Crew"),
        "Central's ratings flat"
    );
    // Central's late edits are in its favour: a warning; North's correction is a note.
    let late = |team: &str| {
        flags
            .iter()
            .find(|f| f["rule"] == "late_edits" && f["team"] == team)
            .unwrap()
    };
    assert_eq!(late("Central District Crew")["severity"], "warning");
    assert_eq!(late("North District Crew")["severity"], "note");
    // Honest teams are not accused of bunching or smoothing.
    for team in [
        "North District Crew",
        "South District Crew",
        "East District Crew",
        "West District Crew",
    ] {
        assert!(!has("bunching", team) && !has("smoothness", team), "{team}");
    }
    // Every series has its statistics; checks that cannot run say why.
    let series = json["series"].as_array().unwrap();
    let north = series
        .iter()
        .find(|s| {
            s["team"] == "North District Crew"
                && s["indicator"] == "Potholes repaired within 48 hours"
        })
        .unwrap();
    assert!(north["xmr"]["upper"].as_f64().unwrap() > north["xmr"]["centre"].as_f64().unwrap());
    assert!(north["last_digit"]["p_value"].as_f64().is_some());
    let skipped = json["not_applicable"].as_array().unwrap();
    assert!(skipped.iter().any(|n| {
        n["rule"] == "benford"
            && n["reason"]
                .as_str()
                .unwrap()
                .contains("orders of magnitude")
    }));
}

#[test]
fn flags_are_recorded_once_stay_settled_and_reopen_only_when_the_finding_changes() {
    let dir = temp();
    let path = dir.path().join("s.ratchet");
    let mut wb = create_sample(&path).unwrap();
    let first = run_checks(&mut wb, CheckScope::All, today()).unwrap();
    assert!(first.recorded.added > 5);
    let again = run_checks(&mut wb, CheckScope::All, today()).unwrap();
    assert_eq!(
        (
            again.recorded.added,
            again.recorded.reopened,
            again.recorded.cleared
        ),
        (0, 0, 0)
    );
    let count = wb.flags().unwrap().len();

    let flags = wb.flags().unwrap();
    let central = wb
        .team_by_name("Central District Crew")
        .unwrap()
        .unwrap()
        .id;
    let late = flags
        .iter()
        .find(|f| f.rule == Rule::LateEdits && f.team == Some(central))
        .unwrap();
    assert!(
        wb.set_flag_status(late.id, FlagStatus::Explained, "  ")
            .is_err(),
        "an explanation is required"
    );
    wb.set_flag_status(
        late.id,
        FlagStatus::Explained,
        "Work orders found in the van after the audit",
    )
    .unwrap();
    run_checks(&mut wb, CheckScope::All, today()).unwrap();
    let settled = wb
        .flags()
        .unwrap()
        .into_iter()
        .find(|f| f.id == late.id)
        .unwrap();
    assert_eq!(
        settled.status,
        FlagStatus::Explained,
        "re-running does not reopen it"
    );
    assert_eq!(wb.flags().unwrap().len(), count, "nor duplicate it");

    // A third late edit in Central's favour changes the finding: it reopens.
    let ind = wb
        .indicator_by_name("Potholes repaired within 48 hours")
        .unwrap()
        .unwrap()
        .id;
    let (period, value) = wb.series(ind, central).unwrap()[20];
    wb.set_value(
        Cell {
            indicator: ind,
            team: central,
            period_start: period,
        },
        Some(value + 5.0),
        "late note",
        "entry",
    )
    .unwrap();
    let after = run_checks(&mut wb, CheckScope::Indicator(ind), today()).unwrap();
    assert_eq!(after.recorded.reopened, 1);
    let reopened = wb
        .flags()
        .unwrap()
        .into_iter()
        .find(|f| f.id == late.id)
        .unwrap();
    assert_eq!(reopened.status, FlagStatus::Open);
    let history = wb.flag_history(late.id).unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[1].note.starts_with("Reopened"));
}

#[test]
fn a_ratchet_keeps_the_old_target_and_both_framework_versions() {
    let dir = temp();
    let mut wb = create_sample(&dir.path().join("s.ratchet")).unwrap();
    let old = wb.framework_target().unwrap().unwrap();
    let before = wb.target_history_len().unwrap();
    let new = Target {
        baseline_value: 84.0,
        baseline_date: d(2026, 11, 23),
        target_value: 95.0,
        deadline: d(2028, 6, 30),
        ..old.clone()
    };
    assert!(
        wb.ratchet_target(&new, "", today()).is_err(),
        "a reason is required"
    );
    wb.ratchet_target(&new, "Met in three districts", today())
        .unwrap();
    assert_eq!(wb.framework_target().unwrap().unwrap(), new);
    assert_eq!(
        wb.target_history_len().unwrap(),
        before + 1,
        "the old target stays in the history"
    );
    let reviews = wb.reviews().unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].changes[0].area, Area::Target);
    assert!(reviews[0].changes[0].change.contains("from 41% to 90%"));
    let versions = wb.framework_versions().unwrap();
    assert_eq!(versions.len(), 2, "completed, then the review");
    let (newest, oldest) = (versions[0].0, versions[1].0);
    let a = wb.framework_version(oldest).unwrap().unwrap();
    let b = wb.framework_version(newest).unwrap().unwrap();
    assert_eq!(a.framework.target.as_ref().unwrap().target_value, 90.0);
    assert_eq!(b.framework.target.as_ref().unwrap().target_value, 95.0);
    // A review without words is refused.
    let bad = wb.add_review(
        today(),
        "We learned",
        &[ReviewChange {
            area: Area::Rewards,
            change: "Monthly lunch".into(),
            reason: String::new(),
        }],
    );
    assert!(bad.unwrap_err().to_string().contains("say why"));
}

#[test]
fn a_flag_marked_explained_stays_settled_after_checks_run_again_in_the_window() {
    let dir = temp();
    let path = dir.path().join("s.ratchet");
    drop(create_sample(&path).unwrap());
    let mut h = harness(RatchetApp::new(
        Locations::under(dir.path()),
        Some(path.clone()),
    ));
    settle(&mut h);
    click(&mut h, "Integrity checks");
    assert_eq!(h.state().view().screen, Screen::Integrity);
    // The checks run on a connection of their own; the list follows.
    settle(&mut h);
    let view = h
        .state()
        .workbook_view()
        .unwrap()
        .integrity
        .clone()
        .unwrap();
    let bunching = view
        .lines
        .iter()
        .find(|l| l.rule == Rule::Bunching)
        .expect("Harbor's bunching is listed")
        .clone();
    h.get_by_label_contains(&bunching.title).click();
    settle(&mut h);
    type_into(
        &mut h,
        "What explains it, or what was done",
        "New dispatch system rounds to the minute; checked on site",
    );
    click(&mut h, "Mark explained");
    let stored = Workbook::open(&path)
        .unwrap()
        .flags()
        .unwrap()
        .into_iter()
        .find(|f| f.id == bunching.id)
        .unwrap();
    assert_eq!(stored.status, FlagStatus::Explained);
    assert!(stored.note.starts_with("New dispatch system"));
    // Settled flags leave the default list, and running the checks again does not bring it back.
    h.get_by_label("Run the checks").click();
    h.step();
    assert!(h.state().job_running(), "the checks run beside the window");
    settle(&mut h);
    h.get_by_label_contains("Checked: ");
    let view = h
        .state()
        .workbook_view()
        .unwrap()
        .integrity
        .clone()
        .unwrap();
    assert!(view.lines.iter().all(|l| l.id != bunching.id));
    let stored = Workbook::open(&path)
        .unwrap()
        .flags()
        .unwrap()
        .into_iter()
        .find(|f| f.id == bunching.id)
        .unwrap();
    assert_eq!(stored.status, FlagStatus::Explained);
    click(&mut h, "Show settled");
    let view = h
        .state()
        .workbook_view()
        .unwrap()
        .integrity
        .clone()
        .unwrap();
    assert!(
        view.lines
            .iter()
            .any(|l| l.id == bunching.id && l.status == FlagStatus::Explained)
    );
}

#[test]
fn a_review_in_the_window_ratchets_the_target_and_both_versions_are_in_the_history() {
    let dir = temp();
    let path = dir.path().join("s.ratchet");
    drop(create_sample(&path).unwrap());
    let mut h = harness(RatchetApp::new(
        Locations::under(dir.path()),
        Some(path.clone()),
    ));
    settle(&mut h);
    click(&mut h, "Review and ratchet");
    assert_eq!(h.state().view().screen, Screen::Review);
    // Type the new target and why.
    for (label, text) in [
        ("New baseline", "84"),
        ("dated", "2026-11-23"),
        ("New target", "95"),
        ("by", "2028-06-30"),
    ] {
        h.get_by_label(label).focus();
        settle(&mut h);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        settle(&mut h);
        h.get_by_label(label).type_text(text);
        settle(&mut h);
    }
    type_into(
        &mut h,
        "Why the target changes",
        "Three districts hold 90%; the new scheduling can take them further",
    );
    click(&mut h, "Ratchet the target");
    let wb = Workbook::open(&path).unwrap();
    let target = wb.framework_target().unwrap().unwrap();
    assert_eq!((target.baseline_value, target.target_value), (84.0, 95.0));
    assert_eq!(target.deadline, d(2028, 6, 30));
    let versions = h
        .state()
        .workbook_view()
        .unwrap()
        .review
        .clone()
        .unwrap()
        .versions;
    assert_eq!(versions.len(), 2);
    assert!(versions[0].2.starts_with("Review of"));
    assert_eq!(versions[1].2, "Framework completed");
    h.get_by_label_contains("Version 2 — Review of");
    h.get_by_label_contains("Version 1 — Framework completed");
    // The banner shows the new target everywhere.
    assert_eq!(
        h.state()
            .workbook_view()
            .unwrap()
            .framework
            .target
            .as_ref()
            .unwrap()
            .target_value,
        95.0
    );
}
