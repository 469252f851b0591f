//! The integrity panel (practice 9): every flag by team, indicator and
//! rule; the selected one with its chart, explanation and history; settling
//! it as explained or confirmed; and the checks that did not apply.

use egui::{Color32, RichText, Ui};
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, Points};

use super::learning;
use crate::app::integrity_view::{FlagDetail, FlagFilter, FlagLine, IntegrityView};
use crate::app::monitor_view::plot_x;
use crate::app::view::WorkbookView;
use crate::app::{Actions, LearningAction};
use crate::domain::integrity::{FlagStatus, Rule, Severity};
use crate::ui::UiState;
use crate::ui::monitor::charts::date_axis;
use crate::ui::widgets::guidance_ui;

const ROW_HEIGHT: f32 = 22.0;

/// Draws the integrity panel.
pub fn integrity_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("integrity")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Integrity checks");
            guidance_ui(
                ui,
                "Targets invite gaming; these checks look \
                 for its traces in the data and the audit trail. A flag is a question, not a verdict: look into it, then mark it \
                 explained (with the explanation) or confirmed (with what was done).",
            );
            let Some(view) = wb.integrity.as_ref() else {
                return;
            };
            ui.horizontal_wrapped(|ui| {
                if ui.button("Run the checks").clicked() {
                    actions.push(learning(LearningAction::RunChecks));
                }
                ui.label(format!("{} open", crate::domain::number::count(view.open as u64, "flag", "flags")));
                if let Some((new, reopened, cleared)) = view.last_run {
                    ui.label(
                        RichText::new(format!("last run: {new} new, {reopened} reopened, {cleared} no longer found"))
                            .weak()
                            .small(),
                    );
                }
            });
            filters_ui(ui, view, actions);
            list_ui(ui, view, actions);
            if let Some(detail) = &view.detail {
                detail_ui(ui, detail, state, actions);
            }
            skipped_ui(ui, view);
            egui::CollapsingHeader::new("How each check works").id_salt("rules").show(ui, |ui| {
                for r in Rule::ALL {
                    ui.label(RichText::new(r.label()).strong());
                    ui.label(RichText::new(r.explanation()).small());
                }
            });
        });
}

fn filters_ui(ui: &mut Ui, view: &IntegrityView, actions: &mut Actions) {
    let mut f: FlagFilter = view.filter.clone();
    let (teams, indicators) = view.choices();
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_label("Check")
            .selected_text(f.rule.map_or("All checks", Rule::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.rule, None, "All checks");
                for r in Rule::ALL {
                    ui.selectable_value(&mut f.rule, Some(r), r.label());
                }
            });
        egui::ComboBox::from_label("Team")
            .selected_text(view.team_name(f.team).replace('—', "All teams"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.team, None, "All teams");
                for t in teams {
                    ui.selectable_value(&mut f.team, Some(t.id), &t.name);
                }
            });
        egui::ComboBox::from_label("Indicator")
            .selected_text(
                view.indicator_name(f.indicator)
                    .replace('—', "All indicators"),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut f.indicator, None, "All indicators");
                for i in indicators {
                    ui.selectable_value(&mut f.indicator, Some(i.id), &i.name);
                }
            });
        ui.checkbox(&mut f.settled, "Show settled");
        ui.checkbox(&mut f.inactive, "Show no longer found");
    });
    if f != view.filter {
        actions.push(learning(LearningAction::FilterFlags(f)));
    }
}

fn severity_mark(ui: &Ui, s: Severity) -> RichText {
    let (mark, colour) = match s {
        Severity::Serious => ("■ serious", ui.visuals().error_fg_color),
        Severity::Warning => ("▲ warning", ui.visuals().warn_fg_color),
        Severity::Note => ("● note", ui.visuals().weak_text_color()),
    };
    RichText::new(mark).color(colour)
}

fn list_ui(ui: &mut Ui, view: &IntegrityView, actions: &mut Actions) {
    if view.lines.is_empty() {
        guidance_ui(
            ui,
            if view.flags.is_empty() {
                "No flags: every check that applies found nothing to ask about."
            } else {
                "No flags pass these filters."
            },
        );
        return;
    }
    let selected = view.detail.as_ref().map(|d| d.flag.id);
    egui::ScrollArea::vertical()
        .id_salt("flag_list")
        .max_height(ROW_HEIGHT * 12.0)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, view.lines.len(), |ui, rows| {
            for line in &view.lines[rows] {
                row_ui(ui, line, selected == Some(line.id), actions);
            }
        });
}

fn row_ui(ui: &mut Ui, line: &FlagLine, selected: bool, actions: &mut Actions) {
    ui.horizontal(|ui| {
        ui.set_height(ROW_HEIGHT);
        ui.label(severity_mark(ui, line.severity));
        let status = match line.status {
            FlagStatus::Open => String::new(),
            s => format!(" [{}]", s.label()),
        };
        let gone = if line.active {
            ""
        } else {
            " (no longer found)"
        };
        let text = format!("{} — {}{status}{gone}", line.rule.label(), line.title);
        if ui.selectable_label(selected, text).clicked() {
            actions.push(learning(LearningAction::SelectFlag(line.id)));
        }
    });
}

fn detail_ui(ui: &mut Ui, d: &FlagDetail, state: &mut UiState, actions: &mut Actions) {
    let f = &d.flag;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(severity_mark(ui, f.severity));
            ui.label(RichText::new(&f.title).strong());
        });
        ui.label(RichText::new(format!("{} · first raised {} · {}", f.rule.label(), f.first_seen.format("%-d %b %Y"), f.status.label())).weak());
        ui.label(&f.explanation);
        if !d.series.is_empty() {
            chart_ui(ui, d);
        }
        for e in &d.history {
            ui.label(RichText::new(format!("{}: {} — {}", e.at, e.status.label(), e.note)).small());
        }
        let form = &mut state.learning;
        let l = ui.label(match f.status {
            FlagStatus::Open => "What explains it, or what was done",
            _ => "A note for reopening (optional)",
        });
        ui.add(
            egui::TextEdit::multiline(&mut form.flag_note)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text("e.g. Harbor's new dispatch system logs repairs to the minute; checked on site 3 March"),
        )
        .labelled_by(l.id);
        let note = form.flag_note.trim().to_owned();
        ui.horizontal(|ui| {
            if f.status == FlagStatus::Open {
                for (status, label) in [(FlagStatus::Explained, "Mark explained"), (FlagStatus::Confirmed, "Mark confirmed")] {
                    if ui.add_enabled(!note.is_empty(), egui::Button::new(label)).clicked() {
                        actions.push(learning(LearningAction::SettleFlag { id: f.id, status, note: note.clone() }));
                        form.flag_note.clear();
                    }
                }
            } else {
                ui.label(RichText::new(format!("{}: {}", f.status.label(), f.note)).strong());
                if ui.button("Reopen").clicked() {
                    actions.push(learning(LearningAction::SettleFlag { id: f.id, status: FlagStatus::Open, note: note.clone() }));
                    form.flag_note.clear();
                }
            }
        });
    });
}

fn chart_ui(ui: &mut Ui, d: &FlagDetail) {
    let line: Vec<[f64; 2]> = d.series.iter().map(|(t, v)| [plot_x(*t), *v]).collect();
    let marked: Vec<[f64; 2]> = d
        .flag
        .evidence
        .iter()
        .map(|e| [plot_x(e.period), e.value])
        .collect();
    let ink = ui.visuals().strong_text_color();
    let mark = ui.visuals().error_fg_color;
    let response = Plot::new("flag_chart")
        .height(200.0)
        // Inside a scrolling panel: the wheel scrolls the panel, not the chart.
        .allow_scroll(false)
        .x_axis_formatter(date_axis)
        .show(ui, |p| {
            p.line(
                Line::new(d.series_name.clone(), PlotPoints::new(line))
                    .color(ink)
                    .width(1.4),
            );
            p.points(
                Points::new("Evidence", marked)
                    .shape(MarkerShape::Circle)
                    .radius(4.5)
                    .color(if mark == Color32::TRANSPARENT {
                        ink
                    } else {
                        mark
                    }),
            );
        });
    let _ = response.response.accessible_name(format!(
        "Chart of {} with the evidence marked",
        d.series_name
    ));
}

fn skipped_ui(ui: &mut Ui, view: &IntegrityView) {
    if view.skipped.is_empty() {
        return;
    }
    let total: usize = view.skipped.iter().map(|(_, n, _)| n).sum();
    egui::CollapsingHeader::new(format!("Checks that did not apply ({total})"))
        .id_salt("skipped")
        .show(ui, |ui| {
            for (rule, n, reasons) in &view.skipped {
                ui.label(RichText::new(format!("{} ({n})", rule.label())).strong());
                for r in reasons {
                    ui.label(RichText::new(format!("· {r}")).small());
                }
                if *n > reasons.len() {
                    ui.label(
                        RichText::new(format!("· and {} more", n - reasons.len()))
                            .small()
                            .weak(),
                    );
                }
            }
        });
}
