//! The process-behaviour (XmR) chart of one series: values with the centre
//! line and natural process limits, the moving ranges with their upper
//! limit, signals marked with the rule that fired, and the limits in words.

use egui::{RichText, Ui};
use egui_plot::{HoverPosition, Line, LineStyle, MarkerShape, PlotPoints, Points};

use super::charts::{date_axis, marker_text};
use crate::analysis::xmr::SignalRule;
use crate::app::monitor::view::{XmrView, plot_x};
use crate::app::view::WorkbookView;
use crate::app::{Actions, MonitorAction};
use crate::domain::Period;
use crate::domain::XmrSetting;
use crate::ui::widgets::{advice_ui, guidance_ui};

/// Draws the XmR screen.
pub fn xmr_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
    ui.heading("Process behaviour (XmR) chart");
    guidance_ui(
        ui,
        "Separates signal from noise: points inside the natural process limits vary by chance; a signal (a point beyond a limit, \
         eight in a row on one side of the centre line, or three of four near a limit) says something changed.",
    );
    let Some(x) = wb.monitor.xmr.as_ref() else {
        guidance_ui(ui, "Add teams and indicators with data to see a chart.");
        return;
    };
    let setup = &wb.setup;
    ui.horizontal_wrapped(|ui| {
        let name = setup
            .indicator(x.indicator)
            .map_or("—".to_owned(), |i| i.name.clone());
        egui::ComboBox::from_label("Indicator")
            .selected_text(name)
            .width(300.0)
            .show_ui(ui, |ui| {
                for i in &setup.indicators {
                    if ui.selectable_label(i.id == x.indicator, &i.name).clicked() {
                        actions.push(MonitorAction::ShowXmr {
                            indicator: i.id,
                            team: x.team,
                        });
                    }
                }
            });
        egui::ComboBox::from_label("Team")
            .selected_text(setup.team_name(x.team))
            .show_ui(ui, |ui| {
                for t in setup.active_teams() {
                    if ui.selectable_label(t.id == x.team, &t.name).clicked() {
                        actions.push(MonitorAction::ShowXmr {
                            indicator: x.indicator,
                            team: t.id,
                        });
                    }
                }
            });
    });
    egui::ScrollArea::vertical()
        .id_salt("xmr_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let Some(chart) = &x.chart else {
                guidance_ui(
                    ui,
                    "This series has fewer than two values, too few for limits.",
                );
                return;
            };
            ui.label(RichText::new(&x.title).strong());
            for line in &x.summary {
                ui.label(line);
            }
            if x.gaps > 0 {
                advice_ui(
                    ui,
                    &format!(
                        "{} without a value were left out; the chart joins the reported values.",
                        crate::domain::number::count(x.gaps as u64, "period", "periods")
                    ),
                );
            }
            if let Some(f) = &x.feasibility {
                ui.label(RichText::new(f).italics());
            }
            values_plot_ui(ui, x);
            ranges_plot_ui(ui, x);
            ui.label(RichText::new("Signals").strong());
            if x.signal_lines.is_empty() {
                guidance_ui(
                    ui,
                    "No signals: the series varies within its natural limits.",
                );
            } else {
                let counts = [
                    SignalRule::BeyondLimit,
                    SignalRule::RunOfEight,
                    SignalRule::ThreeOfFour,
                ]
                .map(|r| (r, chart.signals.iter().filter(|s| s.rule == r).count()));
                let parts: Vec<String> = counts
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(r, n)| {
                        format!(
                            "{} ({})",
                            crate::domain::number::count(*n as u64, "point", "points"),
                            r.short()
                        )
                    })
                    .collect();
                let ranges = if chart.range_signals.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; {} above the upper range limit",
                        crate::domain::number::count(
                            chart.range_signals.len() as u64,
                            "moving range",
                            "moving ranges"
                        )
                    )
                };
                ui.label(format!("{}{ranges}.", parts.join(", ")));
                egui::CollapsingHeader::new(format!("Every signal ({})", x.signal_lines.len()))
                    .id_salt("xmr_signals")
                    .show(ui, |ui| {
                        for s in x.signal_lines.iter().take(500) {
                            ui.label(format!("• {s}"));
                        }
                    });
            }
            ui.add_space(8.0);
            settings_ui(ui, wb, x, actions);
            let _ = chart;
        });
}

fn values_plot_ui(ui: &mut Ui, x: &XmrView) {
    let Some(chart) = &x.chart else { return };
    let xs: Vec<f64> = x.periods.iter().map(|d| plot_x(*d)).collect();
    let markers = x.markers.clone();
    let hover_markers = markers.clone();
    // The key goes under the chart, never over the latest points.
    let response = crate::ui::monitor::charts::page_plot("xmr_values")
        .height(260.0)
        .x_axis_formatter(date_axis)
        .label_formatter(move |hover: &HoverPosition<'_>| match hover {
            HoverPosition::NearDataPoint {
                plot_name, index, ..
            } if *plot_name == "Observations" => {
                marker_text(&hover_markers, *index).map(|t| format!("Observation: {t}"))
            }
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{}\n{}: {}",
                if plot_name.is_empty() {
                    "Value"
                } else {
                    plot_name
                },
                crate::app::monitor::view::date_of(position.x)
                    .map_or(String::new(), |d| d.format("%-d %b %Y").to_string()),
                crate::domain::number::format_number(position.y, 3)
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            let pts: Vec<[f64; 2]> = xs
                .iter()
                .zip(&chart.values)
                .map(|(x, v)| [*x, *v])
                .collect();
            plot.line(Line::new("Values", PlotPoints::new(pts.clone())).width(1.5));
            plot.points(Points::new("", pts).radius(2.5));
            for (k, seg) in chart.segments.iter().enumerate() {
                let (a, b) = (xs[seg.start], xs[seg.end.saturating_sub(1)]);
                let suffix = if chart.segments.len() > 1 {
                    format!(" ({})", k + 1)
                } else {
                    String::new()
                };
                let l = seg.limits;
                plot.line(
                    Line::new(
                        format!("Centre line{suffix}"),
                        PlotPoints::new(vec![[a, l.centre], [b, l.centre]]),
                    )
                    .width(1.2),
                );
                plot.line(
                    Line::new(
                        format!("Upper natural process limit{suffix}"),
                        PlotPoints::new(vec![[a, l.upper], [b, l.upper]]),
                    )
                    .style(LineStyle::dashed_dense()),
                );
                plot.line(
                    Line::new(
                        format!("Lower natural process limit{suffix}"),
                        PlotPoints::new(vec![[a, l.lower], [b, l.lower]]),
                    )
                    .style(LineStyle::dashed_dense()),
                );
            }
            for (rule, shape, name) in [
                (
                    SignalRule::BeyondLimit,
                    MarkerShape::Circle,
                    "Signal: beyond a limit",
                ),
                (
                    SignalRule::RunOfEight,
                    MarkerShape::Square,
                    "Signal: run of eight",
                ),
                (
                    SignalRule::ThreeOfFour,
                    MarkerShape::Diamond,
                    "Signal: 3 of 4 near a limit",
                ),
            ] {
                let pts: Vec<[f64; 2]> = chart
                    .signals
                    .iter()
                    .filter(|s| s.rule == rule)
                    .map(|s| [xs[s.index], chart.values[s.index]])
                    .collect();
                if !pts.is_empty() {
                    plot.points(
                        Points::new(name, pts)
                            .shape(shape)
                            .radius(6.0)
                            .filled(false),
                    );
                }
            }
            if !markers.is_empty() {
                let y = chart.values.iter().copied().fold(f64::INFINITY, f64::min);
                let pts: Vec<[f64; 2]> = markers.iter().map(|(x, _)| [*x, y]).collect();
                plot.points(
                    Points::new("Observations", pts)
                        .shape(MarkerShape::Up)
                        .radius(6.0),
                );
            }
        });
    let _ = response
        .response
        .accessible_name(format!("XmR chart of {}", x.title));
    key_ui(ui, &values_key(chart, !x.markers.is_empty()));
}

/// The values chart's key: only what the chart shows.
fn values_key(chart: &crate::analysis::xmr::XmrChart, observations: bool) -> Vec<&'static str> {
    let mut key = vec!["— values", "— centre line", "- - natural process limits"];
    for (rule, text) in [
        (SignalRule::BeyondLimit, "○ beyond a limit"),
        (SignalRule::RunOfEight, "□ run of eight"),
        (SignalRule::ThreeOfFour, "◇ 3 of 4 near a limit"),
    ] {
        if chart.signals.iter().any(|s| s.rule == rule) {
            key.push(text);
        }
    }
    if observations {
        key.push("▲ observation");
    }
    key
}

/// A chart's key, on one line under it.
fn key_ui(ui: &mut Ui, parts: &[&str]) {
    ui.label(RichText::new(parts.join("    ")).small().weak());
}

fn ranges_plot_ui(ui: &mut Ui, x: &XmrView) {
    let Some(chart) = &x.chart else { return };
    let xs: Vec<f64> = x.periods.iter().map(|d| plot_x(*d)).collect();
    let response = crate::ui::monitor::charts::page_plot("xmr_ranges")
        .height(140.0)
        .x_axis_formatter(date_axis)
        .show(ui, |plot| {
            let pts: Vec<[f64; 2]> = chart
                .moving_ranges
                .iter()
                .enumerate()
                .filter_map(|(i, m)| m.map(|m| [xs[i], m]))
                .collect();
            plot.line(Line::new("Moving range", PlotPoints::new(pts)).width(1.2));
            for seg in &chart.segments {
                let (a, b) = (xs[seg.start], xs[seg.end.saturating_sub(1)]);
                plot.line(
                    Line::new(
                        "Upper range limit",
                        PlotPoints::new(vec![
                            [a, seg.limits.upper_range],
                            [b, seg.limits.upper_range],
                        ]),
                    )
                    .style(LineStyle::dashed_dense()),
                );
            }
            let flagged: Vec<[f64; 2]> = chart
                .range_signals
                .iter()
                .filter_map(|i| chart.moving_ranges[*i].map(|m| [xs[*i], m]))
                .collect();
            if !flagged.is_empty() {
                plot.points(
                    Points::new("Range above its limit", flagged)
                        .shape(MarkerShape::Circle)
                        .radius(6.0)
                        .filled(false),
                );
            }
        });
    let _ = response
        .response
        .accessible_name(format!("Moving range chart of {}", x.title));
    let mut key = vec!["— moving range", "- - upper range limit"];
    if !chart.range_signals.is_empty() {
        key.push("○ range above its limit");
    }
    key_ui(ui, &key);
}

fn settings_ui(ui: &mut Ui, wb: &WorkbookView, x: &XmrView, actions: &mut Actions) {
    let f = wb
        .setup
        .indicator(x.indicator)
        .map_or(crate::domain::Frequency::Week, |i| i.frequency);
    let label = |d: Option<chrono::NaiveDate>, none: &str| {
        d.map_or(none.to_owned(), |d| {
            Period {
                start: d,
                frequency: f,
            }
            .label()
        })
    };
    ui.label(RichText::new("How the limits are computed").strong());
    ui.label(RichText::new("Fix the limits from a stable baseline span, and recalculate them after a known change in the process.").weak().small());
    let mut s: XmrSetting = x.setting;
    ui.horizontal_wrapped(|ui| {
        for (name, slot, none) in [
            ("Baseline from", &mut s.baseline_from, "first period"),
            ("Baseline to", &mut s.baseline_to, "last period"),
            ("Recalculate from", &mut s.recalc_from, "no recalculation"),
        ] {
            egui::ComboBox::from_label(name)
                .selected_text(label(*slot, none))
                .width(120.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(slot, None, none);
                    for d in &x.periods {
                        ui.selectable_value(
                            slot,
                            Some(*d),
                            Period {
                                start: *d,
                                frequency: f,
                            }
                            .label(),
                        );
                    }
                });
        }
        if ui.button("Use every point").clicked() {
            s = XmrSetting::default();
        }
    });
    level_changes_ui(ui, x, &mut s);
    if s != x.setting {
        actions.push(MonitorAction::SetXmrSetting {
            indicator: x.indicator,
            team: x.team,
            setting: s,
        });
    }
}

/// Where the series changed level for good, each with a button that
/// recalculates the limits from there: a series that moved is then judged
/// against its own new level instead of showing signals everywhere.
fn level_changes_ui(ui: &mut Ui, x: &XmrView, s: &mut XmrSetting) {
    if x.level_changes.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new("Where the process changed").strong());
    ui.label(
        RichText::new("Sustained shifts found period by period. Limits computed across a change make signals of everything after it; recalculating from the latest change judges the series against its new level.")
            .weak()
            .small(),
    );
    for (at, text) in &x.level_changes {
        ui.horizontal_wrapped(|ui| {
            ui.label(text);
            let current = s.recalc_from == Some(*at);
            let period = text.split(':').next().unwrap_or_default();
            if ui
                .add_enabled(
                    !current,
                    egui::Button::new(format!("Recalculate from {period}")),
                )
                .on_disabled_hover_text("The limits are recalculated from this period.")
                .clicked()
            {
                s.recalc_from = Some(*at);
            }
        });
    }
}
