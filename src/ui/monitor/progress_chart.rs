//! The progress chart: every team's spread and median against the target,
//! the teams the leader names, and the observations marked along the axis.

use egui::{Color32, RichText, Sense, Ui, Vec2};
use egui_plot::{HoverPosition, Line, LineStyle, MarkerShape, PlotPoints, PlotUi, Points, VLine};

use super::charts::{date_axis, marker_text, team_colour, team_style};
use crate::analysis::progress::Status;
use crate::analysis::snapshot::{TargetLine, TeamSeries, step_line};
use crate::app::monitor::view::{ProgressView, plot_x};
use crate::app::{Actions, MonitorAction};
use crate::ui::UiState;

/// The colours the chart draws in, read once from the theme.
#[derive(Clone, Copy)]
struct Inks {
    ink: Color32,
    band: Color32,
}

/// Draws the chart, its key and the picker of the teams named on it.
pub fn chart_ui(ui: &mut Ui, p: &ProgressView, state: &mut UiState, actions: &mut Actions) {
    let snap = &p.snapshot;
    let markers = p.markers.clone();
    let plot = crate::ui::monitor::charts::page_plot("progress_chart")
        .height(320.0)
        .x_axis_formatter(date_axis)
        .label_formatter(move |hover: &HoverPosition<'_>| hover_text(&markers, hover));
    let inks = Inks {
        ink: ui.visuals().strong_text_color(),
        band: ui.visuals().selection.bg_fill,
    };
    let response = plot.show(ui, |plot_ui| {
        spread_ui(plot_ui, p, inks);
        for (i, team) in highlighted(p).enumerate() {
            let points: Vec<[f64; 2]> = team.points.iter().map(|(d, v)| [plot_x(*d), *v]).collect();
            plot_ui.line(
                Line::new(team.name.clone(), PlotPoints::new(points))
                    .color(team_colour(i))
                    .style(team_style(i))
                    .width(1.6),
            );
        }
        target_ui(plot_ui, p, inks.ink);
        observations_ui(plot_ui, p);
    });
    let _ = response.response.accessible_name(format!(
        "Chart of every team's progress on {}",
        snap.indicator.name
    ));
    legend_ui(ui, p);
    if snap.teams.len() > 1 {
        named_teams_ui(ui, p, state, actions);
    }
}

/// The teams the leader has chosen to name on the chart, in their order.
fn highlighted(p: &ProgressView) -> impl Iterator<Item = &TeamSeries> {
    p.snapshot
        .teams
        .iter()
        .filter(|t| p.highlighted.contains(&t.team))
}

/// What the pointer is near: an observation's text, or a line's date and value.
fn hover_text(markers: &[(f64, String)], hover: &HoverPosition<'_>) -> Option<String> {
    match hover {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            index,
        } if *plot_name == "Observations" => marker_text(markers, *index)
            .map(|t| format!("Observation: {t}"))
            .or_else(|| Some(format!("{position:?}"))),
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => Some(format!(
            "{plot_name}\n{}: {}",
            crate::app::monitor::view::date_of(position.x)
                .map_or(String::new(), |d| d.format("%-d %b %Y").to_string()),
            crate::domain::number::format_number(position.y, 2)
        )),
        HoverPosition::Elsewhere { .. } => None,
    }
}

/// Every team's range, the middle half and the median team.
fn spread_ui(plot_ui: &mut PlotUi<'_>, p: &ProgressView, inks: Inks) {
    if p.spread.is_empty() {
        return;
    }
    let xs: Vec<f64> = p.spread.iter().map(|(x, _)| *x).collect();
    let at = |k: usize| -> Vec<f64> { p.spread.iter().map(|(_, q)| q[k]).collect() };
    plot_ui.add(
        egui_plot::FilledArea::new("Every team", &xs, &at(0), &at(4))
            .fill_color(inks.band.gamma_multiply(0.25)),
    );
    plot_ui.add(
        egui_plot::FilledArea::new("Middle half of the teams", &xs, &at(1), &at(3))
            .fill_color(inks.band.gamma_multiply(0.55)),
    );
    let median: Vec<[f64; 2]> = p.spread.iter().map(|(x, q)| [*x, q[2]]).collect();
    plot_ui.line(
        Line::new("Median team", PlotPoints::new(median))
            .color(inks.ink)
            .width(2.0),
    );
}

/// A stepped target line in plot coordinates.
fn step_points(steps: &[(chrono::NaiveDate, chrono::NaiveDate, f64)]) -> Vec<[f64; 2]> {
    step_line(steps)
        .into_iter()
        .map(|(d, v)| [plot_x(d), v])
        .collect()
}

/// The target: a path to the deadline, one stepped line, or each named team's.
fn target_ui(plot_ui: &mut PlotUi<'_>, p: &ProgressView, ink: Color32) {
    match p.snapshot.target_line() {
        TargetLine::Path(t) => {
            plot_ui.line(
                Line::new(
                    "Target path",
                    PlotPoints::new(vec![
                        [plot_x(t.baseline_date), t.baseline_value],
                        [plot_x(t.deadline), t.target_value],
                    ]),
                )
                .style(LineStyle::dashed_loose())
                .width(2.2)
                .color(ink),
            );
            plot_ui
                .vline(VLine::new("Deadline", plot_x(t.deadline)).style(LineStyle::dotted_dense()));
            plot_ui.points(
                Points::new("Target", vec![[plot_x(t.deadline), t.target_value]])
                    .shape(MarkerShape::Diamond)
                    .radius(6.0),
            );
        }
        TargetLine::Common(steps) => {
            plot_ui.line(
                Line::new("Target", PlotPoints::new(step_points(steps)))
                    .style(LineStyle::dashed_loose())
                    .width(2.2)
                    .color(ink),
            );
        }
        TargetLine::PerTeam => {
            for (i, team) in highlighted(p)
                .enumerate()
                .filter(|(_, t)| !t.target_steps.is_empty())
            {
                plot_ui.line(
                    Line::new(
                        format!("{} target", team.name),
                        PlotPoints::new(step_points(&team.target_steps)),
                    )
                    .color(team_colour(i))
                    .style(LineStyle::dashed_dense())
                    .width(1.2),
                );
            }
        }
        TargetLine::None => {}
    }
}

/// Observations as markers along the foot of the chart.
fn observations_ui(plot_ui: &mut PlotUi<'_>, p: &ProgressView) {
    if p.markers.is_empty() {
        return;
    }
    let y = p.snapshot.value_range().map_or(0.0, |(lo, _)| lo);
    let pts: Vec<[f64; 2]> = p.markers.iter().map(|(x, _)| [*x, y]).collect();
    plot_ui.points(
        Points::new("Observations", pts)
            .shape(MarkerShape::Up)
            .radius(6.0),
    );
}

/// The picker of teams to name on the chart, folded away by default.
fn named_teams_ui(ui: &mut Ui, p: &ProgressView, state: &mut UiState, actions: &mut Actions) {
    let snap = &p.snapshot;
    egui::CollapsingHeader::new(format!(
        "Teams named on the chart ({} of {})",
        p.highlighted.len(),
        snap.teams.len()
    ))
    .id_salt("chart_teams")
    .show(ui, |ui| {
        let teams: Vec<crate::domain::Team> = snap
            .teams
            .iter()
            .map(|t| crate::domain::Team {
                id: t.team,
                name: t.name.clone(),
                contact: String::new(),
                archived: false,
            })
            .collect();
        let standing: Vec<(crate::domain::TeamId, Status)> = snap
            .league
            .iter()
            .map(|r| (r.team, r.progress.status))
            .collect();
        let mut next = p.highlighted.clone();
        let search = state.picker_search.entry("chart".into()).or_default();
        let changed = crate::ui::picker::TeamPicker {
            id: "chart",
            teams: &teams,
            standing: &standing,
            none_means: "only the spread",
        }
        .show_ui(ui, &mut next, search);
        if changed {
            actions.push(MonitorAction::HighlightTeams(next));
        }
    });
}

/// The chart's legend, below it so that it never covers the latest points.
fn legend_ui(ui: &mut Ui, p: &ProgressView) {
    let snap = &p.snapshot;
    ui.horizontal_wrapped(|ui| {
        let swatch = |ui: &mut Ui, colour: Color32, dashed: bool, text: &str| {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(22.0, 10.0), Sense::hover());
            let y = rect.center().y;
            if dashed {
                for k in 0..3 {
                    let x = rect.left() + k as f32 * 8.0;
                    ui.painter().line_segment(
                        [egui::pos2(x, y), egui::pos2(x + 5.0, y)],
                        egui::Stroke::new(2.0, colour),
                    );
                }
            } else {
                ui.painter().line_segment(
                    [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
                    egui::Stroke::new(2.0, colour),
                );
            }
            ui.label(RichText::new(text).small());
        };
        let ink = ui.visuals().strong_text_color();
        if !p.spread.is_empty() {
            swatch(
                ui,
                ink,
                false,
                &format!(
                    "median of {} teams (bands: middle half, all)",
                    snap.teams.len()
                ),
            );
        }
        for (i, team) in snap
            .teams
            .iter()
            .filter(|t| p.highlighted.contains(&t.team))
            .enumerate()
        {
            swatch(ui, team_colour(i), false, &team.name);
        }
        match snap.target_line() {
            TargetLine::Path(_) => swatch(ui, ink, true, "target path"),
            TargetLine::Common(_) => swatch(ui, ink, true, "target"),
            TargetLine::PerTeam => swatch(ui, ink, true, "each team's target (its colour)"),
            TargetLine::None => {}
        }
    });
}
