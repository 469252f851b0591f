//! Small multiples: one small chart per team (or per indicator) on a shared
//! scale, so many can be compared at a glance. Only visible rows are drawn.

use crate::analysis::progress::Status;
use egui::{Align2, FontId, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, Ui, Vec2};

use super::progress::status_color;
use crate::app::monitor::view::{MiniChart, MultiplesMode};
use crate::app::view::WorkbookView;
use crate::app::{Actions, MonitorAction};
use crate::ui::widgets::guidance_ui;

const CHART_W: f32 = 230.0;
const CHART_H: f32 = 118.0;
const GAP: f32 = 8.0;

/// Draws the small multiples screen.
/// How the small multiples are ordered, filtered and sized (per window).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MultiplesUiState {
    /// Worst first (default), best first, or by name.
    pub order: Order,
    /// Which charts are shown.
    pub show: Show,
    /// Chart size, 0.6 (dense) to 1.4 (large).
    pub size: f32,
}

impl Default for MultiplesUiState {
    fn default() -> Self {
        MultiplesUiState {
            order: Order::WorstFirst,
            show: Show::All,
            size: 1.0,
        }
    }
}

/// The order of the charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Off track first, then at risk, no data, on track, met.
    WorstFirst,
    /// The reverse.
    BestFirst,
    /// As listed in the workbook.
    ByName,
}

/// Which charts show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// Every chart.
    All,
    /// Off track only.
    OffTrack,
    /// Off track or at risk.
    Behind,
}

/// How far behind a status is, for ordering (0: furthest behind).
fn behind_rank(s: Status) -> u8 {
    match s {
        Status::OffTrack => 0,
        Status::AtRisk => 1,
        Status::NoData => 2,
        Status::OnTrack => 3,
        Status::Met => 4,
        Status::NoTarget => 5,
    }
}

/// The charts to draw, in order.
pub fn arranged<'a>(charts: &'a [MiniChart], st: &MultiplesUiState) -> Vec<&'a MiniChart> {
    let mut out: Vec<&MiniChart> = charts
        .iter()
        .filter(|c| match st.show {
            Show::All => true,
            Show::OffTrack => c.status == Status::OffTrack,
            Show::Behind => matches!(c.status, Status::OffTrack | Status::AtRisk),
        })
        .collect();
    match st.order {
        Order::WorstFirst => out.sort_by_key(|c| behind_rank(c.status)),
        Order::BestFirst => out.sort_by_key(|c| std::cmp::Reverse(behind_rank(c.status))),
        Order::ByName => {}
    }
    out
}

fn controls_ui(ui: &mut Ui, st: &mut MultiplesUiState, shown: usize, total: usize) {
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_label("Order")
            .selected_text(match st.order {
                Order::WorstFirst => "Furthest behind first",
                Order::BestFirst => "Furthest ahead first",
                Order::ByName => "By name",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut st.order, Order::WorstFirst, "Furthest behind first");
                ui.selectable_value(&mut st.order, Order::BestFirst, "Furthest ahead first");
                ui.selectable_value(&mut st.order, Order::ByName, "By name");
            });
        egui::ComboBox::from_label("Show")
            .selected_text(match st.show {
                Show::All => "Every chart",
                Show::OffTrack => "Off track only",
                Show::Behind => "Off track or at risk",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut st.show, Show::All, "Every chart");
                ui.selectable_value(&mut st.show, Show::OffTrack, "Off track only");
                ui.selectable_value(&mut st.show, Show::Behind, "Off track or at risk");
            });
        let l = ui.label("Size");
        ui.add(egui::Slider::new(&mut st.size, 0.6..=1.4).show_value(false))
            .labelled_by(l.id);
        ui.label(RichText::new(format!("{shown} of {total} charts")).weak());
    });
}

pub fn multiples_ui(
    ui: &mut Ui,
    wb: &WorkbookView,
    state: &mut crate::ui::UiState,
    actions: &mut Actions,
) {
    ui.heading("Small multiples");
    let Some((mode, charts)) = wb.monitor.multiples.as_ref() else {
        guidance_ui(
            ui,
            "There are no indicators yet: add them under Teams and indicators.",
        );
        return;
    };
    let setup = &wb.setup;
    ui.horizontal_wrapped(|ui| {
        let by_team = matches!(mode, MultiplesMode::Teams(_));
        if ui.selectable_label(by_team, "One chart per team").clicked()
            && !by_team
            && let Some(i) = setup
                .framework_indicator
                .or_else(|| setup.indicators.first().map(|i| i.id))
        {
            actions.push(MonitorAction::ShowMultiples(MultiplesMode::Teams(i)));
        }
        if ui
            .selectable_label(!by_team, "One chart per indicator")
            .clicked()
            && by_team
            && let Some(t) = setup.active_teams().next()
        {
            actions.push(MonitorAction::ShowMultiples(MultiplesMode::Indicators(
                t.id,
            )));
        }
        ui.separator();
        match *mode {
            MultiplesMode::Teams(id) => {
                let name = setup
                    .indicator(id)
                    .map_or("—".to_owned(), |i| i.name.clone());
                egui::ComboBox::from_label("Indicator")
                    .selected_text(name)
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for i in &setup.indicators {
                            if ui.selectable_label(i.id == id, &i.name).clicked() {
                                actions
                                    .push(MonitorAction::ShowMultiples(MultiplesMode::Teams(i.id)));
                            }
                        }
                    });
            }
            MultiplesMode::Indicators(team) => {
                egui::ComboBox::from_label("Team")
                    .selected_text(setup.team_name(team))
                    .show_ui(ui, |ui| {
                        for t in setup.active_teams() {
                            if ui.selectable_label(t.id == team, &t.name).clicked() {
                                actions.push(MonitorAction::ShowMultiples(
                                    MultiplesMode::Indicators(t.id),
                                ));
                            }
                        }
                    });
            }
        }
    });
    let note = match mode {
        MultiplesMode::Teams(_) => {
            "Every chart has the same scale and time axis; the dashed line is the team's target path. Click a chart for its process-behaviour chart."
        }
        MultiplesMode::Indicators(_) => {
            "Each chart has its own scale (units differ) and the same time axis; the dashed line is the target path. Click a chart for its process-behaviour chart."
        }
    };
    ui.label(RichText::new(note).weak().small());
    let st = &mut state.multiples;
    let shown = arranged(charts, st);
    controls_ui(ui, st, shown.len(), charts.len());
    let size = Vec2::new(CHART_W, CHART_H) * st.size;
    let per_row = ((ui.available_width() + GAP) / (size.x + GAP))
        .floor()
        .max(1.0) as usize;
    let rows = shown.len().div_ceil(per_row);
    egui::ScrollArea::vertical()
        .id_salt("multiples")
        .auto_shrink([false, false])
        .show_rows(ui, size.y + GAP, rows, |ui, range| {
            for r in range {
                ui.horizontal(|ui| {
                    for chart in shown.iter().skip(r * per_row).take(per_row) {
                        if mini_chart_ui(ui, chart, size) {
                            let (indicator, team) = chart.series;
                            actions.push(MonitorAction::ShowXmr { indicator, team });
                        }
                    }
                });
                ui.add_space(GAP);
            }
        });
}

/// Draws one mini chart; true when it was clicked.
fn mini_chart_ui(ui: &mut Ui, chart: &MiniChart, size: Vec2) -> bool {
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let label = format!(
        "{}: {} {}, latest {}",
        chart.title,
        chart.status.symbol(),
        chart.status.label(),
        chart.latest
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
    if !ui.is_rect_visible(rect) {
        return false;
    }
    let v = ui.visuals();
    let painter = ui.painter();
    painter.rect(
        rect,
        4.0,
        v.extreme_bg_color,
        Stroke::new(
            if response.hovered() { 1.5 } else { 1.0 },
            v.widgets.noninteractive.bg_stroke.color,
        ),
        StrokeKind::Inside,
    );
    let title_font = FontId::proportional(12.0);
    let galley = painter.layout(
        chart.title.clone(),
        title_font,
        v.strong_text_color(),
        size.x - 12.0,
    );
    painter.galley(
        rect.min + Vec2::new(6.0, 4.0),
        galley,
        v.strong_text_color(),
    );
    let status = format!(
        "{} {} · {}",
        chart.status.symbol(),
        chart.status.label(),
        chart.latest
    );
    painter.text(
        rect.left_bottom() + Vec2::new(6.0, -4.0),
        Align2::LEFT_BOTTOM,
        status,
        FontId::proportional(11.0),
        status_color(ui, chart.status),
    );
    let plot = Rect::from_min_max(
        rect.min + Vec2::new(8.0, 24.0),
        rect.max - Vec2::new(8.0, 20.0),
    );
    let to = |p: [f32; 2]| {
        Pos2::new(
            plot.left() + p[0] * plot.width(),
            plot.bottom() - p[1] * plot.height(),
        )
    };
    if let Some([a, b]) = chart.path {
        let stroke = Stroke::new(1.0, v.weak_text_color());
        painter.add(egui::Shape::dashed_line(&[to(a), to(b)], stroke, 4.0, 3.0));
    }
    if chart.line.len() >= 2 {
        let pts: Vec<Pos2> = chart.line.iter().map(|p| to(*p)).collect();
        painter.add(egui::Shape::line(pts, Stroke::new(1.4, v.hyperlink_color)));
    }
    if !chart.scale.is_empty() {
        painter.text(
            rect.right_bottom() + Vec2::new(-6.0, -4.0),
            Align2::RIGHT_BOTTOM,
            &chart.scale,
            FontId::proportional(10.0),
            v.weak_text_color(),
        );
    }
    response.clicked()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{IndicatorId, TeamId};

    fn chart(team: i64, status: Status) -> MiniChart {
        MiniChart {
            series: (IndicatorId(1), TeamId(team)),
            title: format!("Team {team}"),
            line: Vec::new(),
            path: None,
            status,
            latest: String::new(),
            scale: String::new(),
        }
    }

    #[test]
    fn charts_open_furthest_behind_first_and_filter_by_status() {
        let charts = [
            chart(1, Status::Met),
            chart(2, Status::OffTrack),
            chart(3, Status::OnTrack),
            chart(4, Status::AtRisk),
        ];
        let ids = |st: &MultiplesUiState| -> Vec<i64> {
            arranged(&charts, st).iter().map(|c| c.series.1.0).collect()
        };
        let mut st = MultiplesUiState::default();
        assert_eq!(ids(&st), [2, 4, 3, 1]);
        st.show = Show::Behind;
        assert_eq!(ids(&st), [2, 4]);
        st.show = Show::OffTrack;
        assert_eq!(ids(&st), [2]);
        st = MultiplesUiState {
            order: Order::ByName,
            ..MultiplesUiState::default()
        };
        assert_eq!(ids(&st), [1, 2, 3, 4]);
    }
}
