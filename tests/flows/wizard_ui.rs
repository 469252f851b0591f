//! The framework wizard, driven through the real window headlessly.

use egui_kittest::kittest::Queryable;
use ratchet::app::Screen;
use ratchet::domain::{Direction, Frequency, WizardStep};

use crate::support::{app, click, harness, open_workbook, settle, temp, type_into};

fn step(h: &egui_kittest::Harness<'_, ratchet::app::RatchetApp>) -> WizardStep {
    h.state().workbook_view().unwrap().draft.step
}

#[test]
fn from_an_empty_workbook_to_a_finished_framework() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    assert_eq!(h.state().view().screen, Screen::Start);

    type_into(&mut h, "Workbook name", "Parks Department");
    click(&mut h, "Create workbook");
    assert!(
        dir.path()
            .join("Workbooks/Parks Department.ratchet")
            .exists()
    );
    assert_eq!(h.state().view().screen, Screen::Wizard);
    assert_eq!(step(&h), WizardStep::Mission);

    // Next is refused until there is a mission, with the reason beside the field.
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Mission);
    h.get_by_label_contains("Write the mission statement");
    assert!(open_workbook(&h).mission().unwrap().is_none());

    type_into(&mut h, "Agency name", "Riverton Parks");
    type_into(&mut h, "Leader's name", "Kim Ito");
    type_into(
        &mut h,
        "Mission statement",
        "Every resident within a ten-minute walk of a safe, clean park.",
    );
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Deficits);
    let wb = open_workbook(&h);
    assert_eq!(
        wb.mission().unwrap().unwrap().statement,
        "Every resident within a ten-minute walk of a safe, clean park."
    );
    assert_eq!(wb.agency().unwrap().name, "Riverton Parks");
    assert_eq!(wb.agency().unwrap().leader_name, "Kim Ito");

    // Deficits: none yet, then one without a choice, each refused with its reason.
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Deficits);
    h.get_by_label_contains("Add at least one candidate deficit.");
    click(&mut h, "+ Add deficit");
    type_into(&mut h, "Title", "Playgrounds closed for repairs");
    type_into(&mut h, "Evidence", "14 of 60 playgrounds closed in June");
    h.get_by_role_and_label(egui::accesskit::Role::Slider, "Harm to the mission")
        .focus();
    settle(&mut h);
    h.key_press(egui::Key::ArrowRight);
    h.key_press(egui::Key::ArrowRight);
    settle(&mut h);
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Deficits);
    h.get_by_label_contains("Choose one deficit as the most consequential.");
    click(&mut h, "Most consequential");
    type_into(
        &mut h,
        "Why is this the most consequential deficit?",
        "Closed playgrounds keep families away",
    );
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Target);
    let deficits = open_workbook(&h).deficits().unwrap();
    assert_eq!(deficits.len(), 1);
    assert_eq!(deficits[0].title, "Playgrounds closed for repairs");
    assert_eq!(deficits[0].evidence, "14 of 60 playgrounds closed in June");
    assert_eq!(
        deficits[0].harm.get(),
        5,
        "two presses of the right arrow move the harm score from 3 to 5"
    );
    let choice = open_workbook(&h).deficit_choice().unwrap();
    assert_eq!(choice.chosen, Some(deficits[0].id));
    assert_eq!(choice.rationale, "Closed playgrounds keep families away");

    // Target: a target worse than the baseline is refused with the reason.
    type_into(&mut h, "Indicator", "Playgrounds open");
    type_into(&mut h, "Unit", "%");
    click(&mut h, "Higher is better");
    click(&mut h, "Monthly");
    type_into(&mut h, "Baseline value", "70");
    type_into(&mut h, "Baseline date", "2026-01-01");
    type_into(&mut h, "Target value", "60");
    type_into(&mut h, "Deadline", "2027-12-31");
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Target);
    h.get_by_label_contains(
        "The target (60) must be higher than the baseline (70), because higher is better.",
    );
    assert!(open_workbook(&h).framework_target().unwrap().is_none());
    h.get_by_label("Target value").focus();
    settle(&mut h);
    h.key_press(egui::Key::Backspace);
    h.key_press(egui::Key::Backspace);
    settle(&mut h);
    h.get_by_label("Target value").type_text("95");
    settle(&mut h);
    h.get_by_label_contains("Implied pace: +1.09 percentage points per month, over 23 months.");
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Theory);
    let target = open_workbook(&h).framework_target().unwrap().unwrap();
    assert_eq!(target.indicator_name, "Playgrounds open");
    assert_eq!((target.baseline_value, target.target_value), (70.0, 95.0));
    assert_eq!(
        (target.direction, target.frequency),
        (Direction::Higher, Frequency::Month)
    );

    // Theory: refused while empty; one outcome with its assumption is enough.
    click(&mut h, "Next →");
    h.get_by_label_contains("Add at least one outcome");
    click(&mut h, "+ Add outcome");
    type_into(&mut h, "Outcome", "More children play outdoors");
    type_into(&mut h, "Measured by (indicator)", "Park visits");
    type_into(
        &mut h,
        "Because … (the assumption linking the target to this outcome)",
        "because open playgrounds draw families",
    );
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Summary);
    let theory = open_workbook(&h).theory().unwrap();
    assert_eq!(theory.len(), 1);
    assert_eq!(theory[0].measured_by, "Park visits");

    // Summary: every part shown; Finish completes the framework.
    let mission = "Every resident within a ten-minute walk of a safe, clean park.";
    assert_eq!(
        h.query_all_by_label(mission).count(),
        2,
        "in the banner and on the summary"
    );
    click(&mut h, "Finish");
    assert_eq!(h.state().view().screen, Screen::Home);
    let framework = open_workbook(&h).framework().unwrap();
    assert!(framework.completed_at.is_some());
    let status = framework.status();
    assert!(status.mission && status.deficit && status.target && status.theory && status.completed);
    // The mission now stands as the banner on every screen.
    h.get_by_label_contains("Riverton Parks · Mission:");
}

#[test]
fn closing_mid_step_and_reopening_resumes_with_the_draft() {
    let dir = temp();
    {
        let mut h = harness(app(dir.path()));
        type_into(&mut h, "Workbook name", "Benefits");
        click(&mut h, "Create workbook");
        type_into(
            &mut h,
            "Mission statement",
            "Pay every eligible claimant correctly and on time.",
        );
        click(&mut h, "Next →");
        click(&mut h, "+ Add deficit");
        type_into(&mut h, "Title", "Claims wait months");
        click(&mut h, "Most consequential");
        type_into(
            &mut h,
            "Why is this the most consequential deficit?",
            "Claimants go without income",
        );
        click(&mut h, "Next →");
        type_into(&mut h, "Indicator", "Claims decided within 30 days");
        type_into(&mut h, "Baseline value", "4x");
        // The window closes here, mid-step, with nothing committed for the target.
    }
    let mut h = harness(app(dir.path()));
    settle(&mut h);
    assert_eq!(h.state().view().screen, Screen::Wizard);
    assert_eq!(step(&h), WizardStep::Target);
    assert_eq!(
        h.get_by_label("Indicator").value().as_deref(),
        Some("Claims decided within 30 days")
    );
    assert_eq!(
        h.get_by_label("Baseline value").value().as_deref(),
        Some("4x")
    );
    // The typed non-number is flagged beside its field.
    h.get_by_label_contains("Baseline value: \"4x\" is not a number.");
    assert!(open_workbook(&h).framework_target().unwrap().is_none());
}

#[test]
fn back_keeps_what_was_typed_and_edit_buttons_return_to_their_step() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    click(&mut h, "Explore the sample agency");
    assert_eq!(h.state().view().screen, Screen::Home);
    click(&mut h, "Review the framework");
    assert_eq!(step(&h), WizardStep::Summary);
    click(&mut h, "Edit target");
    assert_eq!(step(&h), WizardStep::Target);
    assert_eq!(
        h.get_by_label("Indicator").value().as_deref(),
        Some("Potholes repaired within 48 hours")
    );
    click(&mut h, "← Back");
    assert_eq!(step(&h), WizardStep::Deficits);
    assert!(
        h.query_all_by_label_contains("Potholes wait too long for repair")
            .count()
            >= 1
    );
}

#[test]
fn a_removed_deficit_or_outcome_can_be_put_back() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    click(&mut h, "Explore the sample agency");
    click(&mut h, "Open deficit");
    // The chosen deficit is the one open in the editor.
    let before = open_workbook(&h).framework().unwrap();
    let chosen = before.chosen_deficit().unwrap().clone();
    click(&mut h, "Remove deficit");
    let after = open_workbook(&h).framework().unwrap();
    assert_eq!(after.deficits.len(), 3);
    assert_eq!(after.choice.chosen, None);
    h.get_by_label_contains("Removed the deficit \"Potholes wait too long for repair\".");
    click(&mut h, "Undo");
    let restored = open_workbook(&h).framework().unwrap();
    assert_eq!(restored.deficits.len(), 4);
    let back = restored.chosen_deficit().expect("the choice is restored");
    assert_eq!(
        (&back.title, &back.evidence, back.priority()),
        (&chosen.title, &chosen.evidence, chosen.priority())
    );
    assert_eq!(restored.choice.rationale, before.choice.rationale);

    click(&mut h, "4 Theory ✔");
    let outcomes = |h: &egui_kittest::Harness<'_, ratchet::app::RatchetApp>| {
        open_workbook(h)
            .theory()
            .unwrap()
            .into_iter()
            .map(|s| s.outcome)
            .collect::<Vec<_>>()
    };
    let original = outcomes(&h);
    click(
        &mut h,
        "Select outcome 2. Fewer vehicle-damage claims and cyclist injuries",
    );
    click(&mut h, "Remove outcome");
    assert_eq!(outcomes(&h).len(), 2);
    click(&mut h, "Undo");
    assert_eq!(outcomes(&h), original, "put back in its place");
}

#[test]
fn changing_the_mission_asks_why_and_lists_the_earlier_versions() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    click(&mut h, "Explore the sample agency");
    click(&mut h, "Open mission");
    click(&mut h, "Earlier versions (1)");
    h.get_by_label_contains("We maintain the city's streets.");
    h.get_by_label_contains("replaced because: The first version said what we do");

    type_into(&mut h, "Mission statement", " Every day.");
    type_into(
        &mut h,
        "Why is the mission changing? (optional)",
        "Add a rhythm",
    );
    click(&mut h, "Next →");
    let history = open_workbook(&h).mission_history().unwrap();
    assert_eq!(history.len(), 3);
    assert!(
        history[0]
            .statement
            .ends_with("get where they need to go. Every day.")
    );
    assert_eq!(history[0].reason, "Add a rhythm");
    assert_eq!(
        h.state().workbook_view().unwrap().draft.mission_reason,
        "",
        "the reason is used once"
    );
}

#[test]
fn the_target_step_says_whether_the_target_is_within_reach_of_the_current_process() {
    let dir = temp();
    let mut h = crate::support::sample_window(dir.path());
    h.state_mut()
        .apply(ratchet::app::Action::GoToStep(WizardStep::Target));
    settle(&mut h);
    assert_eq!(step(&h), WizardStep::Target);
    h.get_by_label("Within reach of the current process?");
    h.get_by_label_contains("natural process limits");
    // Reached with Next from the step before, too.
    h.state_mut()
        .apply(ratchet::app::Action::GoToStep(WizardStep::Deficits));
    settle(&mut h);
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Target);
    h.get_by_label("Within reach of the current process?");
}

#[test]
fn the_target_step_reads_numbers_with_the_workbooks_decimal_comma() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    type_into(&mut h, "Workbook name", "Stadtwerke");
    click(&mut h, "Create workbook");
    h.state_mut().apply(ratchet::app::Action::Data(
        ratchet::app::DataAction::SetDecimalMark(ratchet::domain::number::DecimalMark::Comma),
    ));
    h.state_mut()
        .apply(ratchet::app::Action::GoToStep(WizardStep::Target));
    settle(&mut h);
    type_into(&mut h, "Indicator", "Pünktliche Busse");
    type_into(&mut h, "Unit", "%");
    click(&mut h, "Higher is better");
    click(&mut h, "Monthly");
    type_into(&mut h, "Baseline value", "71,5");
    type_into(&mut h, "Baseline date", "2026-01-01");
    type_into(&mut h, "Target value", "92.5");
    type_into(&mut h, "Deadline", "2027-12-31");
    // A dot is not this workbook's decimal mark: refused, not guessed.
    h.get_by_label_contains("\"92.5\"");
    h.get_by_label("Target value").focus();
    settle(&mut h);
    for _ in 0..4 {
        h.key_press(egui::Key::Backspace);
    }
    settle(&mut h);
    h.get_by_label("Target value").type_text("92,25");
    settle(&mut h);
    click(&mut h, "Next →");
    assert_eq!(step(&h), WizardStep::Theory);
    let target = open_workbook(&h).framework_target().unwrap().unwrap();
    assert_eq!((target.baseline_value, target.target_value), (71.5, 92.25));
    // Back on the step, the saved numbers are written with a comma.
    h.state_mut()
        .apply(ratchet::app::Action::GoToStep(WizardStep::Target));
    settle(&mut h);
    assert_eq!(
        h.state().workbook_view().unwrap().draft.target.target_value,
        "92,25"
    );
}
