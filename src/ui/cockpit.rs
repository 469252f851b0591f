//! The cockpit at the top of home: how the agency is doing against its
//! target and what needs the leader, each part leading to its screen.

use egui::{RichText, Ui};

use crate::analysis::progress::Status;
use crate::app::{Action, Actions, Screen};
use crate::domain::number::{count, thousands};
use crate::ops::cockpit::Cockpit;

/// Draws the cockpit, or says it is being worked out.
pub fn cockpit_ui(ui: &mut Ui, cockpit: Option<&Cockpit>, actions: &mut Actions) {
    let Some(c) = cockpit else {
        ui.label(RichText::new("Working out how the agency is doing…").weak());
        return;
    };
    ui.label(RichText::new("How the agency is doing").size(18.0));
    ui.add_space(4.0);
    if let Some(t) = &c.target {
        section_ui(
            ui,
            "Target",
            "Progress and league table",
            Screen::Progress,
            actions,
            |ui| {
                ui.label(&t.sentence);
                let [met, on, risk, off, none] = t.counts;
                ui.horizontal_wrapped(|ui| {
                    for (n, status) in [
                        (met, Status::Met),
                        (on, Status::OnTrack),
                        (risk, Status::AtRisk),
                        (off, Status::OffTrack),
                        (none, Status::NoData),
                    ] {
                        let text = format!(
                            "{} {} {}",
                            status.symbol(),
                            thousands(n as u64),
                            status.label().to_lowercase()
                        );
                        ui.label(
                            RichText::new(text)
                                .color(super::monitor::progress::status_color(ui, status)),
                        );
                    }
                });
                for w in &t.worst {
                    ui.label(format!(
                        "{} {} — {}: {}",
                        w.status.symbol(),
                        w.name,
                        w.status.label().to_lowercase(),
                        w.detail
                    ));
                }
                if t.behind > t.worst.len() {
                    ui.label(
                        RichText::new(format!(
                            "… {} behind in all",
                            count(t.behind as u64, "team", "teams")
                        ))
                        .weak(),
                    );
                }
            },
        );
    }
    let wins = format!(
        "Wins waiting for recognition: {}",
        thousands(c.wins_waiting as u64)
    );
    section_ui(ui, &wins, "Wins", Screen::Wins, actions, |ui| {
        list_ui(ui, &c.wins_listed, c.wins_waiting);
    });
    let (serious, warnings) = c.flags_open;
    let flags = format!(
        "Open integrity flags: {} serious, {} {}",
        thousands(serious as u64),
        thousands(warnings as u64),
        if warnings == 1 { "warning" } else { "warnings" }
    );
    section_ui(
        ui,
        &flags,
        "Integrity checks",
        Screen::Integrity,
        actions,
        |ui| {
            list_ui(ui, &c.flags_listed, serious + warnings);
            ui.label(RichText::new(&c.checks_line).weak().small());
        },
    );
    let overdue = format!(
        "Overdue data: {}",
        count(c.overdue_teams as u64, "team", "teams")
    );
    section_ui(ui, &overdue, "Enter data", Screen::Data, actions, |ui| {
        let lines: Vec<String> = c
            .overdue
            .iter()
            .map(|o| {
                format!(
                    "{}: {} missing the last period (latest from {})",
                    o.name,
                    count(o.indicators as u64, "indicator", "indicators"),
                    o.since
                )
            })
            .collect();
        list_ui(ui, &lines, c.overdue_teams);
    });
    let meeting = match &c.next_meeting {
        Some((d, title)) => format!("Next stat meeting: {title}, {}", d.format("%-d %B %Y")),
        None => "Next stat meeting: none scheduled".to_owned(),
    };
    section_ui(
        ui,
        &meeting,
        "Stat meetings",
        Screen::Meetings,
        actions,
        |ui| {
            ui.label(format!(
                "Open follow-ups: {}",
                thousands(c.follow_ups_open as u64)
            ));
        },
    );
    let needs = format!("Open capacity needs: {}", thousands(c.needs_open as u64));
    section_ui(
        ui,
        &needs,
        "Operational capacity",
        Screen::Capacity,
        actions,
        |_| {},
    );
}

/// One part of the cockpit: its heading, a link to its screen, its lines.
fn section_ui(
    ui: &mut Ui,
    heading: &str,
    screen_name: &str,
    screen: Screen,
    actions: &mut Actions,
    body: impl FnOnce(&mut Ui),
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(heading).strong());
            if ui.link(format!("{screen_name} →")).clicked() {
                actions.push(Action::Navigate(screen));
            }
        });
        body(ui);
    });
    ui.add_space(4.0);
}

/// The first lines of a list, and how many more there are.
fn list_ui(ui: &mut Ui, lines: &[String], total: usize) {
    for line in lines {
        ui.label(line);
    }
    if total > lines.len() && !lines.is_empty() {
        ui.label(
            RichText::new(format!(
                "… and {} more",
                thousands((total - lines.len()) as u64)
            ))
            .weak(),
        );
    }
}
