//! The window's frame: start screen, shortcuts, help, reopening the last workbook.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use ratchet::app::{Dialog, Screen};

use crate::support::{app, click, harness, sample_window, settle, temp};

#[test]
fn the_sample_opens_in_its_own_file_and_is_reopened_next_time() {
    let dir = temp();
    {
        let mut h = harness(app(dir.path()));
        click(&mut h, "Explore the sample agency");
        assert_eq!(h.state().view().screen, Screen::Home);
        let path = h.state().workbook().unwrap().path().to_owned();
        assert_eq!(
            path,
            dir.path()
                .join("Workbooks")
                .join(ratchet::sample::SAMPLE_FILE_NAME)
        );
        h.get_by_label_contains("Your performance framework is complete");
        // The mission banner stands above the screen.
        h.get_by_label_contains("Riverton Street Services · Mission:");
    }
    // Next start: the last workbook opens by itself.
    let h = harness(app(dir.path()));
    assert_eq!(h.state().view().screen, Screen::Home);
    assert!(h.state().workbook().is_some());
}

#[test]
fn f1_shows_the_practices_and_close_hides_them() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    h.key_press(Key::F1);
    settle(&mut h);
    assert_eq!(h.state().view().dialog, Some(Dialog::Practices));
    h.get_by_label("11. Adjust everything to ratchet up performance");
    h.get_by_label_contains("Behn");
    click(&mut h, "Close");
    assert_eq!(h.state().view().dialog, None);
}

#[test]
fn closing_the_workbook_returns_to_the_start_and_is_remembered() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    click(&mut h, "Explore the sample agency");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    settle(&mut h);
    assert_eq!(h.state().view().screen, Screen::Start);
    assert!(h.state().workbook().is_none());
    // It is offered under Recent, and not reopened by itself next time.
    assert!(
        h.query_all_by_label("Riverton Street Services (sample)")
            .count()
            >= 1
    );
    drop(h);
    let h = harness(app(dir.path()));
    assert_eq!(h.state().view().screen, Screen::Start);
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_in_the_window_with_the_reason() {
    let dir = temp();
    let bogus = dir.path().join("notes.ratchet");
    std::fs::write(
        &bogus,
        "not a workbook at all, just some text that is long enough".repeat(3),
    )
    .unwrap();
    let before = std::fs::read(&bogus).unwrap();
    let mut h = harness(ratchet::app::RatchetApp::new(
        ratchet::app::Locations::under(dir.path()),
        Some(bogus.clone()),
    ));
    settle(&mut h);
    assert_eq!(h.state().view().screen, Screen::Start);
    h.get_by_label_contains("is not a Ratchet workbook");
    assert_eq!(std::fs::read(&bogus).unwrap(), before);
    click(&mut h, "Dismiss");
    assert!(h.state().view().message.is_none());
}

#[test]
fn a_bad_workbook_name_is_explained_and_cannot_be_created() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    h.get_by_label("Workbook name").focus();
    settle(&mut h);
    h.get_by_label("Workbook name").type_text("a/b");
    settle(&mut h);
    h.get_by_label_contains("A file name cannot contain \"/\".");
    click(&mut h, "Create workbook");
    assert!(h.state().workbook().is_none());
}

#[test]
fn each_practice_screen_explains_itself_and_leads_to_the_next_practice() {
    use ratchet::app::practice_nav::{action_for, practice_on};
    use ratchet::domain::practices::practice;
    let dir = temp();
    let mut h = sample_window(dir.path());
    // From practice 5 through all eleven and round again to 5, following
    // only the panel's "next" link: the wizard's steps are practices 1–4.
    h.state_mut().apply(action_for(practice(5).unwrap().home()));
    settle(&mut h);
    for n in (5..=11u8).chain(1..=4) {
        let view = h.state().view();
        let step = h.state().workbook_view().unwrap().draft.step;
        assert_eq!(
            practice_on(view.screen, step).map(|p| p.number),
            Some(n),
            "on practice {n}"
        );
        // The panel (or the wizard's heading) names the practice; opened,
        // it explains it and credits Behn.
        if n <= 4 {
            assert_eq!(view.screen, Screen::Wizard);
            h.get_by_label_contains(&format!("Practice {n}: "));
        } else {
            h.get_by_label_contains(&format!("Practice {n} of 11"));
        }
        h.get_by_label("Why this matters").click();
        settle(&mut h);
        let practice = &ratchet::domain::practices::PRACTICES[usize::from(n) - 1];
        h.get_by_label(practice.explanation);
        h.get_by_label(ratchet::domain::practices::CREDIT);
        let next_link = if n == 11 {
            "Start the cycle again: practice 1".to_owned()
        } else {
            format!("Next: practice {},", n + 1)
        };
        h.get_by_label_contains(&next_link).click();
        settle(&mut h);
    }
    let view = h.state().view();
    assert_eq!(view.screen, Screen::Progress, "round again to monitoring");
    assert_eq!(
        practice_on(view.screen, h.state().workbook_view().unwrap().draft.step).map(|p| p.number),
        Some(5)
    );
}

#[test]
fn every_screen_names_every_control_for_screen_readers() {
    use ratchet::app::Action;
    use ratchet::domain::WizardStep;
    let dir = temp();
    let mut h = sample_window(dir.path());
    let mut visited = Vec::new();
    // Every screen of a workbook (the wizard's steps and the start screen
    // follow), so a new screen is checked without being listed here.
    let screens: Vec<Screen> = Screen::ALL
        .into_iter()
        .filter(|s| !matches!(s, Screen::Start | Screen::Wizard))
        .collect();
    for &screen in &screens {
        h.state_mut().apply(Action::Navigate(screen));
        settle(&mut h);
        h.check_accessibility();
        visited.push(h.state().view().screen);
    }
    for step in WizardStep::ALL {
        h.state_mut().apply(Action::GoToStep(step));
        settle(&mut h);
        h.check_accessibility();
        assert_eq!(h.state().view().screen, Screen::Wizard);
    }
    assert_eq!(visited, screens, "every screen was shown and checked");
    // And the start screen, with no workbook open.
    let mut start = harness(app(dir.path()));
    start.run();
    start.check_accessibility();
    assert_eq!(start.state().view().screen, Screen::Start);
}

#[test]
fn every_destination_is_reachable_from_the_keyboard_with_go_to() {
    use ratchet::app::destinations::{DESTINATIONS, Place};
    let dir = temp();
    let mut h = sample_window(dir.path());
    for d in DESTINATIONS {
        h.key_press_modifiers(Modifiers::COMMAND, Key::G);
        settle(&mut h);
        assert_eq!(h.state().view().dialog, Some(Dialog::GoTo), "{}", d.label);
        // The field has the focus: typing goes straight into it.
        h.get_by_label("Screen").type_text(d.label);
        settle(&mut h);
        h.key_press(Key::Enter);
        settle(&mut h);
        settle(&mut h);
        let view = h.state().view();
        assert_eq!(view.dialog, None, "{}", d.label);
        match d.place {
            Place::Screen(screen) => assert_eq!(view.screen, screen, "{}", d.label),
            Place::Step(step) => {
                assert_eq!(view.screen, Screen::Wizard);
                assert_eq!(h.state().workbook_view().unwrap().draft.step, step);
            }
        }
    }
    // Arrows pick among several matches.
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    settle(&mut h);
    h.get_by_label("Screen").type_text("indicator");
    settle(&mut h);
    h.key_press(Key::ArrowDown);
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    let second = ratchet::app::destinations::matching("indicator")[1];
    assert_eq!(
        second.action(),
        ratchet::app::Action::Navigate(h.state().view().screen)
    );
    assert_ne!(
        h.state().view().screen,
        Screen::Setup,
        "not the first match"
    );
}

#[test]
fn help_lists_every_keyboard_shortcut() {
    use ratchet::app::Command;
    let dir = temp();
    let mut h = harness(app(dir.path()));
    h.state_mut()
        .apply(ratchet::app::Action::Run(Command::ShowShortcuts));
    settle(&mut h);
    assert_eq!(h.state().view().dialog, Some(Dialog::Shortcuts));
    for command in Command::WITH_SHORTCUTS {
        h.get_by_label(&format!("{} — {}", command.label(), command.tooltip()));
    }
    h.get_by_label("Tab / Shift+Tab");
}

#[test]
fn about_names_the_folder_of_the_log_file_and_crash_reports() {
    use ratchet::app::Command;
    let dir = temp();
    let mut h = harness(app(dir.path()));
    h.state_mut()
        .apply(ratchet::app::Action::Run(Command::ShowAbout));
    settle(&mut h);
    assert_eq!(h.state().view().dialog, Some(Dialog::About));
    let logs = dir.path().join("logs");
    h.get_by_label_contains(&logs.display().to_string());
    h.get_by_label_contains("ratchet.log");
}

#[test]
fn every_screen_shows_the_practice_the_navigation_files_it_under() {
    use ratchet::app::destinations::{DESTINATIONS, Place};
    let dir = temp();
    let mut h = sample_window(dir.path());
    for d in DESTINATIONS {
        let (Place::Screen(screen), Some(practice)) = (d.place, d.practice()) else {
            continue;
        };
        h.state_mut().apply(ratchet::app::Action::Navigate(screen));
        settle(&mut h);
        // The panel names the practice the navigation lists the screen under.
        h.get_by_label_contains(&format!("Practice {} of 11", practice.number));
    }
    h.state_mut()
        .apply(ratchet::app::Action::Navigate(Screen::Xmr));
    settle(&mut h);
    h.get_by_label_contains("Practice 10 of 11: Analyse many and varied indicators");
}

#[test]
fn an_undo_offered_in_one_workbook_never_reaches_the_next_one_opened() {
    use ratchet::app::Action;
    let dir = temp();
    let mut h = sample_window(dir.path());
    let first = h.state().workbook().unwrap().deficits().unwrap();
    let removed = first.last().unwrap().id;
    h.state_mut().apply(Action::RemoveDeficit(removed));
    settle(&mut h);
    assert_eq!(
        h.state().workbook().unwrap().deficits().unwrap().len(),
        first.len() - 1
    );
    // A second workbook, then Undo: nothing of the first arrives in it.
    let other = dir.path().join("other.ratchet");
    drop(ratchet::ops::sample::create_sample(&other).unwrap());
    h.state_mut().apply(Action::OpenWorkbook(other.clone()));
    settle(&mut h);
    let before = h.state().workbook().unwrap().deficits().unwrap().len();
    h.state_mut().apply(Action::Undo);
    settle(&mut h);
    assert_eq!(h.state().workbook().unwrap().path(), other.as_path());
    assert_eq!(
        h.state().workbook().unwrap().deficits().unwrap().len(),
        before,
        "the first workbook's removal is not undone into the second"
    );
}

#[test]
fn a_written_document_can_be_opened_or_shown_in_its_folder_from_the_message() {
    use ratchet::app::{Action, FrameworkDocument, RecognitionAction};
    let dir = temp();
    let mut h = sample_window(dir.path());
    let card = dir.path().join("card.pdf");
    h.state_mut().apply(Action::Recognition(
        RecognitionAction::ExportFrameworkDocument {
            document: FrameworkDocument::Card,
            to: card.clone().into(),
        },
    ));
    settle(&mut h);
    assert!(card.exists());
    let message = h.state().view().message.clone().unwrap();
    assert_eq!(message.file.as_deref(), Some(card.as_path()));
    h.get_by_label("Open");
    h.get_by_label("Show in folder");
    // Dismissed, the offer goes with the message.
    click(&mut h, "Dismiss");
    assert!(h.state().view().message.is_none());
    assert!(h.query_by_label("Show in folder").is_none());
}

#[test]
fn a_workbook_the_system_asks_to_open_opens_on_the_next_frame() {
    // macOS hands Finder's double-click to the running program as an event;
    // the platform code queues the path and the window opens it.
    let dir = crate::support::temp();
    let path = dir.path().join("Finder.ratchet");
    drop(ratchet::ops::sample::create_sample(&path).unwrap());
    let mut app = crate::support::app(dir.path());
    app.open_system_files();
    let mut h = crate::support::harness(app);
    settle(&mut h);
    assert!(h.state().workbook().is_none());
    ratchet::app::opened_files::push([dir.path().join("notes.txt"), path.clone()]);
    settle(&mut h);
    assert_eq!(
        h.state().workbook().map(|wb| wb.path().to_owned()),
        Some(path),
        "the workbook among the files is opened; the other is left alone"
    );
}
