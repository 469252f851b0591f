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
                headline_chart_ui(ui, "cockpit_target", t);
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
    section_ui(ui, &c.wins_heading(), "Wins", Screen::Wins, actions, |ui| {
        list_ui(ui, &c.wins_listed, c.wins_waiting);
    });
    let (serious, warnings) = c.flags_open;
    section_ui(
        ui,
        &c.flags_heading(),
        "Integrity checks",
        Screen::Integrity,
        actions,
        |ui| {
            list_ui(ui, &c.flags_listed, serious + warnings);
            ui.label(RichText::new(&c.checks_line).weak().small());
        },
    );
    section_ui(
        ui,
        &c.overdue_heading(),
        "Enter data",
        Screen::Data,
        actions,
        |ui| {
            let lines: Vec<String> = c.overdue.iter().map(Cockpit::overdue_line).collect();
            list_ui(ui, &lines, c.overdue_teams);
        },
    );
    section_ui(
        ui,
        &c.meeting_heading(),
        "Stat meetings",
        Screen::Meetings,
        actions,
        |ui| {
            ui.label(c.follow_ups_line());
        },
    );
    section_ui(
        ui,
        &c.needs_heading(),
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

/// Every team against the target path: the median team as a line, the
/// middle half and all teams as bands, the path dashed.
/// The target's headline chart: the teams' spread and median per period
/// against the path (on home, and for an agency drilled into in the roll-up).
pub(crate) fn headline_chart_ui(ui: &mut Ui, id: &str, t: &crate::ops::cockpit::TargetStanding) {
    use crate::app::monitor::view::plot_x;
    use egui_plot::{FilledArea, Line, LineStyle, PlotPoints};
    if t.spread.is_empty() {
        return;
    }
    let xs: Vec<f64> = t.spread.iter().map(|(d, _)| plot_x(*d)).collect();
    let at = |k: usize| -> Vec<f64> { t.spread.iter().map(|(_, q)| q[k]).collect() };
    let ink = ui.visuals().strong_text_color();
    let band = ui.visuals().selection.bg_fill;
    super::monitor::charts::page_plot(id)
        .height(150.0)
        .show_axes([true, true])
        .x_axis_formatter(super::monitor::charts::date_axis)
        .show(ui, |plot| {
            plot.add(
                FilledArea::new("Every team", &xs, &at(0), &at(4))
                    .fill_color(band.gamma_multiply(0.25)),
            );
            plot.add(
                FilledArea::new("Middle half of the teams", &xs, &at(1), &at(3))
                    .fill_color(band.gamma_multiply(0.55)),
            );
            let median: Vec<[f64; 2]> = xs.iter().zip(at(2)).map(|(x, m)| [*x, m]).collect();
            plot.line(
                Line::new("Median team", PlotPoints::new(median))
                    .color(ink)
                    .width(2.0),
            );
            if let Some(((d0, v0), (d1, v1))) = t.path {
                plot.line(
                    Line::new(
                        "Target path",
                        PlotPoints::new(vec![[plot_x(d0), v0], [plot_x(d1), v1]]),
                    )
                    .style(LineStyle::dashed_loose())
                    .width(2.0)
                    .color(ink),
                );
            }
        });
    ui.label(
        RichText::new("The median team (line), the middle half and every team (bands), the target path (dashed).")
            .weak()
            .small(),
    );
}
