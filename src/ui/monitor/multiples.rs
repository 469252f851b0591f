//! Small multiples: one small chart per team (or per indicator) on a shared
//! scale, so many can be compared at a glance. Only visible rows are drawn.

use egui::{Align2, FontId, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, Ui, Vec2};

use super::progress::status_color;
use crate::app::monitor_view::{MiniChart, MultiplesMode};
use crate::app::view::WorkbookView;
use crate::app::{Action, Actions, MonitorAction};
use crate::ui::widgets::guidance_ui;

const CHART_W: f32 = 230.0;
const CHART_H: f32 = 118.0;
const GAP: f32 = 8.0;

fn monitor(a: MonitorAction) -> Action {
    Action::Monitor(a)
}

/// Draws the small multiples screen.
pub fn multiples_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
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
            actions.push(monitor(MonitorAction::ShowMultiples(MultiplesMode::Teams(
                i,
            ))));
        }
        if ui
            .selectable_label(!by_team, "One chart per indicator")
            .clicked()
            && by_team
            && let Some(t) = setup.active_teams().next()
        {
            actions.push(monitor(MonitorAction::ShowMultiples(
                MultiplesMode::Indicators(t.id),
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
                                actions.push(monitor(MonitorAction::ShowMultiples(
                                    MultiplesMode::Teams(i.id),
                                )));
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
                                actions.push(monitor(MonitorAction::ShowMultiples(
                                    MultiplesMode::Indicators(t.id),
                                )));
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
    let per_row = ((ui.available_width() + GAP) / (CHART_W + GAP))
        .floor()
        .max(1.0) as usize;
    let rows = charts.len().div_ceil(per_row);
    egui::ScrollArea::vertical()
        .id_salt("multiples")
        .auto_shrink([false, false])
        .show_rows(ui, CHART_H + GAP, rows, |ui, range| {
            for r in range {
                ui.horizontal(|ui| {
                    for chart in charts.iter().skip(r * per_row).take(per_row) {
                        if mini_chart_ui(ui, chart) {
                            let (indicator, team) = chart.series;
                            actions.push(monitor(MonitorAction::ShowXmr { indicator, team }));
                        }
                    }
                });
                ui.add_space(GAP);
            }
        });
}

/// Draws one mini chart; true when it was clicked.
fn mini_chart_ui(ui: &mut Ui, chart: &MiniChart) -> bool {
    let (rect, response) = ui.allocate_exact_size(Vec2::new(CHART_W, CHART_H), Sense::click());
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
        CHART_W - 12.0,
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
    response.clicked()
}
