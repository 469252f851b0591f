//! The integrity panel (practice 9): every flag by team, indicator and
//! rule; the selected one with its chart, explanation and history; settling
//! it as explained or confirmed; and the checks that did not apply.

use egui::{Color32, RichText, Ui};
use egui_plot::{Line, MarkerShape, PlotPoints, Points};

use crate::app::learning::integrity::{FlagDetail, FlagFilter, FlagLine, IntegrityView};
use crate::app::monitor::view::plot_x;
use crate::app::view::WorkbookView;
use crate::app::{Actions, LearningAction};
use crate::domain::integrity::{FlagStatus, Rule, Severity};
use crate::ui::UiState;
use crate::ui::monitor::charts::date_axis;
use crate::ui::widgets::guidance_ui;

const ROW_HEIGHT: f32 = 22.0;
/// From this width, the list and the selected flag stand side by side.
const WIDE: f32 = 1000.0;

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
                if ui
                    .add_enabled(!view.running, egui::Button::new("Run the checks"))
                    .clicked()
                {
                    actions.push(LearningAction::RunChecks);
                }
                if view.running {
                    ui.label(RichText::new("Running the checks…").weak());
                }
                ui.label(format!(
                    "{} open: {}",
                    crate::domain::number::count(view.open as u64, "flag", "flags"),
                    view.counts.severity_line()
                ));
                if let Some((new, reopened, cleared)) = view.last_run {
                    ui.label(
                        RichText::new(format!("last run: {new} new, {reopened} reopened, {cleared} no longer found"))
                            .weak()
                            .small(),
                    );
                }
            });
            filters_ui(ui, view, actions);
            // Wide windows put the list and the selected flag side by side,
            // so the list can use the window's height.
            if ui.available_width() >= WIDE {
                ui.columns(2, |cols| {
                    list_ui(&mut cols[0], view, actions);
                    match &view.detail {
                        Some(detail) => detail_ui(&mut cols[1], detail, state, actions),
                        None => guidance_ui(&mut cols[1], "Choose a flag to see its chart, its explanation and what was decided."),
                    }
                });
            } else {
                list_ui(ui, view, actions);
                if let Some(detail) = &view.detail {
                    detail_ui(ui, detail, state, actions);
                }
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
        egui::ComboBox::from_label("At least")
            .selected_text(severity_choice(f.min_severity))
            .show_ui(ui, |ui| {
                for s in [Severity::Note, Severity::Warning, Severity::Serious] {
                    ui.selectable_value(&mut f.min_severity, s, severity_choice(s));
                }
            });
        ui.checkbox(&mut f.settled, "Show settled");
        ui.checkbox(&mut f.inactive, "Show no longer found");
    });
    rule_counts_ui(ui, view, &mut f);
    if f != view.filter {
        actions.push(LearningAction::FilterFlags(f));
    }
}

fn severity_choice(s: Severity) -> &'static str {
    match s {
        Severity::Note => "Notes and up (everything)",
        Severity::Warning => "Warnings and serious",
        Severity::Serious => "Serious only",
    }
}

/// The count of each check's flags; clicking one filters to it.
fn rule_counts_ui(ui: &mut Ui, view: &IntegrityView, f: &mut FlagFilter) {
    if view.counts.per_rule.len() < 2 && f.rule.is_none() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("By check:").weak());
        for (rule, n) in &view.counts.per_rule {
            let text = format!(
                "{} {}",
                rule.label(),
                crate::domain::number::thousands(*n as u64)
            );
            if ui.selectable_label(f.rule == Some(*rule), text).clicked() {
                f.rule = if f.rule == Some(*rule) {
                    None
                } else {
                    Some(*rule)
                };
            }
        }
    });
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
    ui.label(
        RichText::new(format!(
            "Most serious first, one row per team and indicator ({} in all, {} flags):",
            crate::domain::number::thousands(view.entries as u64),
            crate::domain::number::thousands(view.counts.flags as u64)
        ))
        .weak(),
    );
    // Up to a screenful in place; a long list scrolls in a box as tall as
    // the window allows, drawing only the rows in view.
    let height = (ui.ctx().content_rect().height() * 0.7).max(ROW_HEIGHT * 12.0);
    egui::ScrollArea::vertical()
        .id_salt("flag_list")
        .max_height(height)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, view.lines.len(), |ui, rows| {
            for line in &view.lines[rows] {
                row_ui(ui, line, selected == Some(line.id), actions);
            }
        });
    let hidden = view.entries.saturating_sub(view.lines.len());
    if hidden > 0 {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{} more set aside.",
                crate::domain::number::count(
                    hidden as u64,
                    "team and indicator",
                    "teams and indicators"
                )
            ));
            let mut next = view.filter.clone();
            if ui
                .button(format!("Show {} more", hidden.min(100)))
                .clicked()
            {
                next.shown = view.lines.len() + hidden.min(100);
                actions.push(LearningAction::FilterFlags(next.clone()));
            }
            if ui.button("Show all").clicked() {
                next.shown = view.entries;
                actions.push(LearningAction::FilterFlags(next));
            }
        });
    }
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
        let more = if line.more > 0 {
            format!(
                " (+{} more here)",
                crate::domain::number::thousands(line.more as u64)
            )
        } else {
            String::new()
        };
        // The indicator is named when the title does not name it.
        let about = if line.indicator != "—" && !line.title.contains(&line.indicator) {
            format!(" · {}", line.indicator)
        } else {
            String::new()
        };
        let text = format!(
            "{} — {}{about}{status}{gone}{more}",
            line.rule.label(),
            line.title
        );
        if ui.selectable_label(selected, text).clicked() {
            actions.push(LearningAction::SelectFlag(line.id));
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
            ui.label(RichText::new(format!("{}: {} — {}", crate::domain::when::readable_timestamp(&e.at), e.status.label(), e.note)).small());
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
                        actions.push(LearningAction::SettleFlag { id: f.id, status, note: note.clone() });
                        form.flag_note.clear();
                    }
                }
            } else {
                ui.label(RichText::new(format!("{}: {}", f.status.label(), f.note)).strong());
                if ui.button("Reopen").clicked() {
                    actions.push(LearningAction::SettleFlag { id: f.id, status: FlagStatus::Open, note: note.clone() });
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
    let response = crate::ui::monitor::charts::page_plot("flag_chart")
        .height(200.0)
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
