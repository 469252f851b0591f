//! Progress against the target path (egui_plot), the league table, status
//! thresholds, and publishing the dashboard.

use egui::{Align, Color32, Layout, RichText, Sense, Ui, Vec2};

use crate::analysis::league::LeagueColumn;
use crate::analysis::progress::Status;
use crate::app::monitor::view::{LeagueLine, ProgressView};
use crate::app::view::WorkbookView;
use crate::app::{Actions, FileChoice, FileKind, MonitorAction};
use crate::domain::StatusThresholds;
use crate::export::dashboard::DashboardOptions;
use crate::ui::UiState;
use crate::ui::monitor::choices::{date_field_ui, indicator_choice_ui, team_choice_ui};
use crate::ui::widgets::{guidance_ui, problem_ui};

/// The colour of a status (always shown beside its symbol and word).
pub fn status_color(ui: &Ui, s: Status) -> Color32 {
    let v = ui.visuals();
    match s {
        Status::Met | Status::OnTrack => crate::ui::theme::done_color(v),
        Status::AtRisk => v.warn_fg_color,
        Status::OffTrack => v.error_fg_color,
        Status::NoData | Status::NoTarget => v.weak_text_color(),
    }
}

/// Draws the progress screen.
pub fn progress_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    ui.heading("Progress and league table");
    let Some(p) = wb.monitor.progress.as_ref() else {
        guidance_ui(
            ui,
            "There are no indicators yet: add them under Teams and indicators.",
        );
        return;
    };
    let ind = &p.snapshot.indicator;
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_label("Indicator")
            .selected_text(&ind.name)
            .width(320.0)
            .show_ui(ui, |ui| {
                for i in &wb.setup.indicators {
                    if ui.selectable_label(i.id == ind.id, &i.name).clicked() {
                        actions.push(MonitorAction::ShowProgress(i.id));
                    }
                }
            });
        let unit = if ind.unit.trim().is_empty() {
            String::new()
        } else {
            format!("{} · ", ind.unit.trim())
        };
        ui.label(
            RichText::new(format!(
                "{unit}{} · reported {}",
                ind.direction.label().to_lowercase(),
                ind.frequency.label().to_lowercase()
            ))
            .weak(),
        );
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Copy chart")
            .on_hover_text(
                "The chart as a picture on the clipboard, to paste into a slide or an e-mail",
            )
            .clicked()
        {
            actions.push(MonitorAction::CopyChart);
        }
        if ui
            .button("Save chart as picture…")
            .on_hover_text("PNG (or SVG, by the file's name), 16:9 for a slide")
            .clicked()
        {
            actions.push(MonitorAction::SaveChart(FileChoice::Ask(FileKind::Png)));
        }
    });
    thresholds_ui(ui, p, state, actions);
    if let Some(f) = wb
        .feasibility
        .as_ref()
        .filter(|_| wb.setup.framework_indicator == Some(ind.id))
    {
        ui.label(RichText::new(f).small())
            .on_hover_text("The framework's target against the natural process limits of the median team's last periods");
    }
    egui::ScrollArea::vertical()
        .id_salt("progress_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            super::progress_chart::chart_ui(ui, p, state, actions);
            ui.add_space(6.0);
            league_ui(ui, p, actions);
            ui.add_space(10.0);
            publish_ui(ui, wb, state, actions);
        });
}

fn thresholds_ui(ui: &mut Ui, p: &ProgressView, state: &mut UiState, actions: &mut Actions) {
    let ind = &p.snapshot.indicator;
    let t = ind.thresholds;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t.explain()).weak().small());
        let form = &mut state.forms.thresholds;
        if form.0 != Some(ind.id) {
            *form = (
                Some(ind.id),
                (t.on_track_within * 100.0) as f32,
                (t.at_risk_within * 100.0) as f32,
            );
        }
        ui.add(
            egui::DragValue::new(&mut form.1)
                .range(0.0..=100.0)
                .suffix("%")
                .prefix("on track within "),
        );
        ui.add(
            egui::DragValue::new(&mut form.2)
                .range(0.0..=100.0)
                .suffix("%")
                .prefix("at risk within "),
        );
        let new = StatusThresholds {
            on_track_within: f64::from(form.1) / 100.0,
            at_risk_within: f64::from(form.2) / 100.0,
        };
        let changed = (new.on_track_within - t.on_track_within).abs() > 1e-6
            || (new.at_risk_within - t.at_risk_within).abs() > 1e-6;
        if ui
            .add_enabled(
                changed && new.problems().is_none(),
                egui::Button::new("Apply thresholds"),
            )
            .clicked()
        {
            actions.push(MonitorAction::SetThresholds {
                indicator: ind.id,
                thresholds: new,
            });
        }
    });
}

const WIDTHS: [f32; 8] = [34.0, 210.0, 150.0, 110.0, 110.0, 90.0, 110.0, 90.0];
const ROW_H: f32 = 22.0;

fn cell_ui(ui: &mut Ui, width: f32, text: RichText) {
    ui.allocate_ui_with_layout(
        Vec2::new(width, ROW_H),
        Layout::left_to_right(Align::Center),
        |ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(text).truncate());
        },
    );
}

fn league_ui(ui: &mut Ui, p: &ProgressView, actions: &mut Actions) {
    ui.label(RichText::new("League table").strong());
    ui.label(RichText::new("Every team beside every other; teams that have not reported are listed, not dropped. Click a heading to sort.").weak().small());
    ui.horizontal(|ui| {
        cell_ui(ui, WIDTHS[0], RichText::new("#").weak());
        for (k, column) in LeagueColumn::ALL.iter().enumerate() {
            let arrow = if p.sort.0 == *column {
                if p.sort.1 { " ▼" } else { " ▲" }
            } else {
                ""
            };
            let width = WIDTHS[k + 1];
            ui.allocate_ui_with_layout(
                Vec2::new(width, ROW_H),
                Layout::left_to_right(Align::Center),
                |ui| {
                    ui.set_width(width);
                    if ui
                        .add(
                            egui::Button::new(
                                RichText::new(format!("{}{arrow}", column.label())).strong(),
                            )
                            .frame(false),
                        )
                        .on_hover_text("Sort by this column; again to reverse")
                        .clicked()
                    {
                        actions.push(MonitorAction::SortLeague(*column));
                    }
                },
            );
        }
        cell_ui(ui, WIDTHS[7], RichText::new("Trend").weak());
    });
    ui.separator();
    let n = p.lines.len();
    egui::ScrollArea::vertical()
        .id_salt("league_rows")
        .max_height(420.0)
        .show_rows(ui, ROW_H, n, |ui, range| {
            for line in &p.lines[range] {
                league_row_ui(ui, line);
            }
        });
}

fn league_row_ui(ui: &mut Ui, line: &LeagueLine) {
    ui.horizontal(|ui| {
        cell_ui(ui, WIDTHS[0], RichText::new(&line.rank).weak());
        for (k, text) in line.cells.iter().enumerate() {
            cell_ui(ui, WIDTHS[k + 1], RichText::new(text));
        }
        let colour = status_color(ui, line.status);
        cell_ui(
            ui,
            WIDTHS[6],
            RichText::new(format!("{} {}", line.status.symbol(), line.status.label()))
                .color(colour)
                .strong(),
        );
        let (rect, _) =
            ui.allocate_exact_size(Vec2::new(WIDTHS[7] - 10.0, ROW_H - 6.0), Sense::hover());
        if line.spark.len() >= 2 {
            let pts: Vec<egui::Pos2> = line
                .spark
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    egui::pos2(
                        rect.left() + i as f32 / (line.spark.len() - 1) as f32 * rect.width(),
                        rect.bottom() - v * rect.height(),
                    )
                })
                .collect();
            let stroke = egui::Stroke::new(1.2, ui.visuals().hyperlink_color);
            ui.painter().add(egui::Shape::line(pts, stroke));
        }
    });
}

fn publish_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::CollapsingHeader::new("Publish the dashboard (HTML and PDF)").id_salt("publish").show(ui, |ui| {
        guidance_ui(
            ui,
            "Practice 5 asks to monitor publicly: publish the data so every team knows how every team is doing. \
             The dashboard shows the mission, the target, every team's progress and the league table for each indicator. \
             The HTML page is self-contained (no internet needed) and prints well; the PDF has the same layout.",
        );
        let form = &mut state.forms.publish;
        indicator_choice_ui(ui, &wb.setup, "Publish ", &mut form.indicators);
        let search = state.picker_search.entry("publish".into()).or_default();
        team_choice_ui(ui, "publish", &wb.setup, &mut form.teams, search);
        let as_of = ui
            .horizontal_wrapped(|ui| {
                let d = date_field_ui(ui, "Data as of", &mut form.as_of);
                ui.label(RichText::new("(periods starting on or before; empty: today)").weak().small());
                d
            })
            .inner;
        problem_ui(ui, as_of.as_ref().err().map(String::as_str));
        let options = DashboardOptions {
            indicators: form.indicators.clone(),
            teams: form.teams.clone(),
            as_of: as_of.clone().ok().flatten(),
            ..DashboardOptions::default()
        };
        let working = wb.import.busy();
        let ready = !working && as_of.is_ok();
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(ready, egui::Button::new("Publish as HTML…")).clicked() {
                actions.push(MonitorAction::Publish { to: FileChoice::Ask(FileKind::Html), options: options.clone() });
            }
            if ui.add_enabled(ready, egui::Button::new("Publish as PDF…")).clicked() {
                actions.push(MonitorAction::Publish { to: FileChoice::Ask(FileKind::Pdf), options: options.clone() });
            }
            let l = ui.label("or to the path");
            ui.add(egui::TextEdit::singleline(&mut form.path).hint_text("/path/to/dashboard.html or .pdf").desired_width(300.0))
                .labelled_by(l.id);
            let path = form.path.trim().to_owned();
            if ui.add_enabled(!path.is_empty() && ready, egui::Button::new("Publish to path")).clicked() {
                actions.push(MonitorAction::Publish { to: path.into(), options });
            }
            if working {
                ui.spinner();
            }
        });
    });
}
