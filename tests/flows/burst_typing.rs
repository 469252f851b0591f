//! What was typed is what is stored, whatever the timing: characters and
//! the key or click that ends them arriving in one frame (a keyboard macro,
//! a barcode reader, a remote-desktop session) through the app's own input
//! pacing, for each kind of text field.

use egui::Key;
use egui_kittest::kittest::Queryable;
use ratchet::app::Screen;
use ratchet::domain::wizard::WizardStep;

use crate::support::{
    app, burst, click, click_events, harness, key_event, open_workbook, sample_window, settle,
    temp, text_events, type_into,
};

#[test]
fn a_meeting_title_typed_then_created_in_one_burst_keeps_its_last_character() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    click(&mut h, "Stat meetings");
    type_into(&mut h, "Title", "StreetStat, week 4");
    let mut events = text_events("9");
    events.extend(click_events(&h, "Create the meeting and its agenda"));
    burst(&mut h, events);
    assert_eq!(h.state().view().screen, Screen::Meeting);
    let titles: Vec<String> = open_workbook(&h)
        .meetings()
        .unwrap()
        .into_iter()
        .map(|(_, _, title)| title)
        .collect();
    assert!(
        titles.iter().any(|t| t == "StreetStat, week 49"),
        "{titles:?}"
    );
}

#[test]
fn a_mission_typed_then_next_clicked_in_one_burst_is_stored_whole() {
    let dir = temp();
    let mut h = harness(app(dir.path()));
    type_into(&mut h, "Workbook name", "Parks");
    click(&mut h, "Create workbook");
    type_into(&mut h, "Agency name", "Riverton Parks");
    h.get_by_label("Mission statement").focus();
    settle(&mut h);
    let mut events = text_events("Every resident near a park.");
    events.extend(click_events(&h, "Next →"));
    burst(&mut h, events);
    let step = h.state().workbook_view().unwrap().draft.step;
    assert_eq!(step, WizardStep::Deficits);
    assert_eq!(
        open_workbook(&h).mission().unwrap().unwrap().statement,
        "Every resident near a park."
    );
}

#[test]
fn a_typed_number_then_enter_in_one_burst_is_the_number_typed() {
    let dir = temp();
    let mut h = sample_window(dir.path());
    click(&mut h, "Stat meetings");
    // A date field followed at once by Enter and a click on Create.
    h.get_by_label("Meeting date").focus();
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    settle(&mut h);
    let mut events = text_events("2025-07-19");
    events.push(key_event(Key::Enter));
    events.extend(click_events(&h, "Create the meeting and its agenda"));
    burst(&mut h, events);
    let dates: Vec<String> = open_workbook(&h)
        .meetings()
        .unwrap()
        .into_iter()
        .map(|(_, held_on, _)| held_on.to_string())
        .collect();
    assert!(dates.iter().any(|d| d == "2025-07-19"), "{dates:?}");
}
