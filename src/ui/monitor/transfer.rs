//! The import assistant (file, preview, mapping, dry run, confirm) and export.

use egui::{RichText, Ui};

use crate::app::import_job::{ImportStatus, ImportView};
use crate::app::view::WorkbookView;
use crate::app::{Actions, DataAction, FileChoice, FileKind};
use crate::domain::OnExisting;
use crate::domain::number::count;
use crate::domain::{Direction, Frequency};
use crate::io::ExportOptions;
use crate::io::mapping::Layout;
use crate::io::number::DecimalMark;
use crate::io::period::DateOrder;
use crate::io::plan::ImportReport;
use crate::io::source::SourceKind;
use crate::ui::UiState;
use crate::ui::monitor::choices::{date_field_ui, indicator_choice_ui, team_choice_ui};
use crate::ui::widgets::{guidance_ui, problem_ui};

/// Draws the import and export screen.
pub fn transfer_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical().id_salt("transfer").auto_shrink([false, false]).show(ui, |ui| {
        ui.heading("Import values");
        guidance_ui(
            ui,
            "Bring in a spreadsheet as it is: CSV (comma, semicolon or tab; UTF-8, UTF-16 or a legacy encoding such as Windows-1250, Windows-1252, Shift_JIS or GBK, detected) or XLSX. \
             Check it first: nothing is written until you confirm, and then everything is written at once or nothing.",
        );
        import_ui(ui, &wb.import, &mut state.forms.import_path, actions);
        ui.add_space(16.0);
        ui.separator();
        ui.heading("Export values");
        export_ui(ui, wb, state, actions);
    });
}

fn column_combo_ui(ui: &mut Ui, label: &str, headers: &[String], value: &mut Option<usize>) {
    let shown = value
        .and_then(|i| headers.get(i))
        .map_or("—".to_owned(), |h| {
            if h.is_empty() {
                "(no header)".to_owned()
            } else {
                h.clone()
            }
        });
    egui::ComboBox::from_label(label)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "—");
            for (i, h) in headers.iter().enumerate() {
                let text = if h.is_empty() {
                    format!("column {}", i + 1)
                } else {
                    h.clone()
                };
                ui.selectable_value(value, Some(i), text);
            }
        });
}

/// The import: choosing a file, its preview, which column means what, the
/// options, the check and the confirmation. `path_field` is the path typed.
fn import_ui(ui: &mut Ui, imp: &ImportView, path_field: &mut String, actions: &mut Actions) {
    let busy = imp.busy();
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(!busy, egui::Button::new("Choose a file…"))
            .clicked()
        {
            actions.push(DataAction::ImportOpen(FileChoice::Ask(
                FileKind::Spreadsheet,
            )));
        }
        let l = ui.label("or its path");
        ui.add(
            egui::TextEdit::singleline(path_field)
                .hint_text("/path/to/file.csv")
                .desired_width(320.0),
        )
        .labelled_by(l.id);
        let path = path_field.trim().to_owned();
        if ui
            .add_enabled(!path.is_empty() && !busy, egui::Button::new("Load file"))
            .clicked()
        {
            actions.push(DataAction::ImportOpen(path.into()));
        }
        ui.label(
            RichText::new("(you can also drop a file on the window)")
                .weak()
                .small(),
        );
    });
    let Some(path) = &imp.path else { return };
    ui.label(RichText::new(format!("File: {}", path.display())).strong());
    if let Some(e) = &imp.load_error {
        problem_ui(ui, Some(e));
        return;
    }
    if let Some(kind) = &imp.kind {
        ui.label(RichText::new(format!("Read as {}.", kind.describe())).weak());
        if let SourceKind::Sheet { sheet, sheets } = kind
            && sheets.len() > 1
        {
            let mut chosen = sheet.clone();
            egui::ComboBox::from_label("Sheet")
                .selected_text(&chosen)
                .show_ui(ui, |ui| {
                    for s in sheets {
                        ui.selectable_value(&mut chosen, s.clone(), s);
                    }
                });
            if &chosen != sheet {
                actions.push(DataAction::ImportSetSheet(chosen));
            }
        }
    }
    preview_ui(ui, imp);
    ui.add_space(6.0);
    ui.add_enabled_ui(!busy, |ui| {
        mapping_ui(ui, imp, actions);
        options_ui(ui, imp, actions);
    });
    ui.add_space(6.0);
    status_ui(ui, imp, actions);
}

fn preview_ui(ui: &mut Ui, imp: &ImportView) {
    ui.label(RichText::new(format!("The first {} rows", imp.preview.len())).strong());
    egui::ScrollArea::horizontal()
        .id_salt("import_preview")
        .show(ui, |ui| {
            egui::Grid::new("import_preview_grid")
                .striped(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("line").weak());
                    for h in &imp.headers {
                        ui.label(RichText::new(short(h)).strong());
                    }
                    ui.end_row();
                    for row in &imp.preview {
                        ui.label(RichText::new(row.line.to_string()).weak());
                        for c in &row.cells {
                            ui.label(short(&c.text()));
                        }
                        ui.end_row();
                    }
                });
        });
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        format!("{t}…")
    } else {
        t
    }
}

fn mapping_ui(ui: &mut Ui, imp: &ImportView, actions: &mut Actions) {
    let mut m = imp.mapping.clone();
    let headers = &imp.headers;
    ui.label(RichText::new("What the columns mean").strong());
    ui.horizontal(|ui| {
        ui.radio_value(&mut m.layout, Layout::Long, "One value per row (long)");
        ui.radio_value(&mut m.layout, Layout::Wide, "One column per period (wide)");
    });
    ui.horizontal_wrapped(|ui| {
        column_combo_ui(ui, "Team column", headers, &mut m.team);
        column_combo_ui(ui, "Indicator column", headers, &mut m.indicator);
    });
    if m.indicator.is_none() {
        let l = ui.label("Indicator for every row");
        let mut fixed = m.fixed_indicator.clone().unwrap_or_default();
        ui.add(
            egui::TextEdit::singleline(&mut fixed)
                .hint_text("the indicator's name")
                .desired_width(300.0),
        )
        .labelled_by(l.id);
        m.fixed_indicator = (!fixed.is_empty()).then_some(fixed);
    }
    match m.layout {
        Layout::Long => {
            ui.horizontal_wrapped(|ui| {
                column_combo_ui(ui, "Period column", headers, &mut m.period);
                column_combo_ui(ui, "Value column", headers, &mut m.value);
            });
            if m.period.is_none() {
                ui.horizontal_wrapped(|ui| {
                    column_combo_ui(ui, "Year column", headers, &mut m.year);
                    column_combo_ui(ui, "Month column", headers, &mut m.month);
                });
            }
        }
        Layout::Wide => {
            ui.label("Period columns:");
            ui.horizontal_wrapped(|ui| {
                for (i, h) in headers.iter().enumerate() {
                    let mut on = m.period_columns.contains(&i);
                    if ui
                        .checkbox(
                            &mut on,
                            format!(
                                "Period: {}",
                                if h.is_empty() {
                                    format!("column {}", i + 1)
                                } else {
                                    h.clone()
                                }
                            ),
                        )
                        .changed()
                    {
                        if on {
                            m.period_columns.push(i);
                            m.period_columns.sort_unstable();
                        } else {
                            m.period_columns.retain(|c| *c != i);
                        }
                    }
                }
            });
        }
    }
    egui::CollapsingHeader::new("Optional columns (target, direction, unit, note, frequency)")
        .id_salt("optional_columns")
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                column_combo_ui(ui, "Target column", headers, &mut m.target);
                column_combo_ui(ui, "Direction column", headers, &mut m.direction);
                column_combo_ui(ui, "Unit column", headers, &mut m.unit);
                column_combo_ui(ui, "Note column", headers, &mut m.note);
                column_combo_ui(ui, "Frequency column", headers, &mut m.frequency);
            });
            guidance_ui(ui, "Units, directions and frequencies describe new indicators; a target in the file is compared with the workbook's, never imported.");
        });
    for p in m.problems() {
        problem_ui(ui, Some(&p));
    }
    if m != imp.mapping {
        actions.push(DataAction::ImportSetMapping(m));
    }
}

fn options_ui(ui: &mut Ui, imp: &ImportView, actions: &mut Actions) {
    let mut o = imp.options.clone();
    let mut skip = imp.skip_bad_rows;
    ui.label(RichText::new("How to read it").strong());
    ui.horizontal_wrapped(|ui| {
        ui.label("Dates like 3/4/2024:");
        ui.radio_value(
            &mut o.date_order,
            DateOrder::Unknown,
            "Detect (ask when unclear)",
        );
        ui.radio_value(
            &mut o.date_order,
            DateOrder::DayFirst,
            "Day first (3 April)",
        );
        ui.radio_value(
            &mut o.date_order,
            DateOrder::MonthFirst,
            "Month first (March 4)",
        );
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Decimal mark:");
        ui.radio_value(&mut o.decimal, None, "Detect");
        ui.radio_value(&mut o.decimal, Some(DecimalMark::Dot), "Dot (1,234.5)");
        ui.radio_value(&mut o.decimal, Some(DecimalMark::Comma), "Comma (1.234,5)");
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Values already stored that differ:");
        ui.radio_value(
            &mut o.on_existing,
            OnExisting::Update,
            "Update them (kept in the history)",
        );
        ui.radio_value(
            &mut o.on_existing,
            OnExisting::Skip,
            "Keep the stored values",
        );
    });
    ui.checkbox(
        &mut o.create_missing,
        "Create teams and indicators that the file names but the workbook lacks",
    );
    let freq_text = o
        .new_indicator_frequency
        .map_or("From the dates", Frequency::label);
    egui::ComboBox::from_label("New indicators are reported")
        .selected_text(freq_text)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut o.new_indicator_frequency, None, "From the dates");
            for f in Frequency::ALL {
                ui.selectable_value(&mut o.new_indicator_frequency, Some(f), f.label());
            }
        });
    let direction_text = o.new_indicator_direction.map_or(
        "From the file (asked when it does not say)",
        Direction::label,
    );
    egui::ComboBox::from_label("For new indicators without a direction in the file")
        .selected_text(direction_text)
        .show_ui(ui, |ui| {
            ui.selectable_value(
                &mut o.new_indicator_direction,
                None,
                "From the file (asked when it does not say)",
            );
            for d in [Direction::Higher, Direction::Lower, Direction::Neutral] {
                ui.selectable_value(&mut o.new_indicator_direction, Some(d), d.label());
            }
        });
    let l = ui.label("Reason (recorded for changed values and locked periods)");
    ui.add(
        egui::TextEdit::singleline(&mut o.reason)
            .hint_text("e.g. Q3 figures from the finance office")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
    ui.checkbox(&mut skip, "Import the good rows even if some are rejected");
    if o != imp.options || skip != imp.skip_bad_rows {
        actions.push(DataAction::ImportSetOptions {
            options: o,
            skip_bad_rows: skip,
        });
    }
}

fn status_ui(ui: &mut Ui, imp: &ImportView, actions: &mut Actions) {
    match &imp.status {
        ImportStatus::Checking { rows } => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Checking… {} read", count(*rows, "row", "rows")));
                if ui.button("Cancel").clicked() {
                    actions.push(DataAction::ImportCancel);
                }
            });
            return;
        }
        ImportStatus::Importing { done, total } => {
            ui.horizontal(|ui| {
                let fraction = if *total == 0 {
                    0.0
                } else {
                    *done as f32 / *total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .show_percentage()
                        .desired_width(300.0),
                );
                ui.label(format!("Importing {} of {}", done, total));
                if ui.button("Cancel").clicked() {
                    actions.push(DataAction::ImportCancel);
                }
            });
            return;
        }
        ImportStatus::Exporting => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Exporting…");
            });
            return;
        }
        ImportStatus::Failed(why) => problem_ui(ui, Some(why)),
        ImportStatus::Done(o) => {
            ui.label(RichText::new(format!(
                "✔ Imported: {} added, {} updated, {} unchanged, {} skipped; {} and {} created; {} set.",
                o.added,
                o.updated,
                o.unchanged,
                o.skipped,
                count(o.teams_created as u64, "team", "teams"),
                count(o.indicators_created as u64, "indicator", "indicators"),
                count(o.targets_set as u64, "target", "targets")
            )).strong());
        }
        ImportStatus::Idle => {}
    }
    ui.horizontal(|ui| {
        if ui
            .button("Check file")
            .on_hover_text("Read every row and report; nothing is written")
            .clicked()
        {
            actions.push(DataAction::ImportCheck);
        }
        if ui.button("Start over").clicked() {
            actions.push(DataAction::ImportReset);
        }
    });
    if let Some(plan) = &imp.plan {
        check_result_ui(ui, imp, &plan.report, actions);
    }
}

/// What the check found, with the rejected rows and the button that imports.
fn check_result_ui(ui: &mut Ui, imp: &ImportView, r: &ImportReport, actions: &mut Actions) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Check result (nothing written yet)").strong());
        ui.label(format!("Read {}.", count(r.rows_read, "row", "rows")));
        ui.label(format!(
            "{} to add · {} to update · {} unchanged · {} to skip · {} not reported",
            r.added, r.updated, r.unchanged, r.skipped, r.not_reported
        ));
        if let Some(line) = r.new_teams_line() {
            ui.label(line);
        }
        for line in r.new_indicator_lines() {
            ui.label(line);
        }
        if let Some(line) = r.targets_line() {
            ui.label(line);
        }
        for line in &r.target_lines {
            ui.label(RichText::new(format!("· {line}")).small());
        }
        if r.in_locked_periods > 0 {
            ui.label(format!(
                "{} in locked periods (a reason is needed).",
                count(r.in_locked_periods as u64, "value falls", "values fall")
            ));
        }
        for n in &r.notices {
            ui.label(RichText::new(format!("ℹ {n}")).weak());
        }
        if r.rejected_total > 0 {
            rejections_ui(ui, r);
        }
        let blocker = r.blocker(imp.skip_bad_rows, !imp.options.reason.trim().is_empty());
        problem_ui(ui, blocker.as_deref());
        let n = r.added + r.updated;
        let targets = r.targets_new + r.targets_replacing;
        let what = if targets > 0 {
            format!(
                "Import {} and {}",
                count(n as u64, "value", "values"),
                count(targets as u64, "target", "targets")
            )
        } else {
            format!("Import {}", count(n as u64, "value", "values"))
        };
        if ui
            .add_enabled(
                blocker.is_none(),
                egui::Button::new(RichText::new(what).strong()),
            )
            .clicked()
        {
            actions.push(DataAction::ImportConfirm);
        }
    });
}

/// The rejected rows: their groups, then the first 200 with line, column and why.
fn rejections_ui(ui: &mut Ui, r: &ImportReport) {
    ui.label(
        RichText::new(format!(
            "Rejected: {}",
            count(r.rejected_total as u64, "row", "rows")
        ))
        .color(ui.visuals().error_fg_color),
    );
    for line in r.rejection_group_lines() {
        ui.label(format!("· {line}"));
    }
    egui::ScrollArea::vertical()
        .id_salt("rejected_rows")
        .max_height(200.0)
        .show(ui, |ui| {
            egui::Grid::new("rejected_grid")
                .striped(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("line").strong());
                    ui.label(RichText::new("column").strong());
                    ui.label(RichText::new("why").strong());
                    ui.end_row();
                    for rej in r.rejected.iter().take(200) {
                        ui.label(rej.line.to_string());
                        ui.label(&rej.column);
                        ui.label(&rej.reason);
                        ui.end_row();
                    }
                });
        });
}

fn export_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    let form = &mut state.forms.export;
    guidance_ui(
        ui,
        "One row per value: team, indicator, period, value, unit, direction, frequency, the target in force and whether it was met, and note. \
         Text that a spreadsheet would run as a formula is guarded. Exporting and importing the same file changes nothing.",
    );
    indicator_choice_ui(ui, &wb.setup, "", &mut form.indicators);
    let search = state.picker_search.entry("export".into()).or_default();
    team_choice_ui(ui, "export", &wb.setup, &mut form.teams, search);
    let (from, to) = ui
        .horizontal_wrapped(|ui| {
            let from = date_field_ui(ui, "Periods from", &mut form.from);
            let to = date_field_ui(ui, "to", &mut form.to);
            ui.label(
                RichText::new("(by period start; empty: all)")
                    .weak()
                    .small(),
            );
            (from, to)
        })
        .inner;
    let date_problem = from.as_ref().err().or(to.as_ref().err()).cloned();
    problem_ui(ui, date_problem.as_deref());
    let (from, to) = (from.ok().flatten(), to.ok().flatten());
    ui.checkbox(
        &mut form.bom,
        "Start the CSV with a byte-order mark (helps Excel on Windows read accents)",
    );
    let options = ExportOptions {
        indicators: form.indicators.clone(),
        teams: form.teams.clone(),
        from,
        to,
        bom: form.bom,
        decimal: wb.setup.decimal_mark,
    };
    if wb.setup.decimal_mark == crate::domain::number::DecimalMark::Comma {
        ui.label(
            RichText::new("CSV numbers are written with a decimal comma, the fields separated by semicolons (the workbook's decimal mark).")
                .weak()
                .small(),
        );
    }
    let busy = wb.import.busy() || date_problem.is_some();
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(!busy, egui::Button::new("Export CSV…"))
            .clicked()
        {
            actions.push(DataAction::Export {
                to: FileChoice::Ask(FileKind::Csv),
                options: options.clone(),
            });
        }
        if ui
            .add_enabled(!busy, egui::Button::new("Export XLSX…"))
            .clicked()
        {
            actions.push(DataAction::Export {
                to: FileChoice::Ask(FileKind::Xlsx),
                options: options.clone(),
            });
        }
        let l = ui.label("or to the path");
        ui.add(
            egui::TextEdit::singleline(&mut form.path)
                .hint_text("/path/to/values.csv or .xlsx")
                .desired_width(300.0),
        )
        .labelled_by(l.id);
        let path = form.path.trim().to_owned();
        if ui
            .add_enabled(
                !path.is_empty() && !busy,
                egui::Button::new("Export to path"),
            )
            .clicked()
        {
            actions.push(DataAction::Export {
                to: path.into(),
                options,
            });
        }
    });
}

#[cfg(test)]
mod widget_tests;
