//! The roll-up screen: a folder of agencies' workbooks side by side, sorted
//! by any column, one agency drilled into (its headline chart and the teams
//! furthest behind, read-only), and publishing.

use egui::{RichText, Ui};

use crate::analysis::rollup::{AgencyLine, RollupColumn};
use crate::app::rollup::view::RollupView;
use crate::app::{Actions, FileChoice, FileKind, RollupAction};
use crate::export::rollup::median_text;
use crate::ui::UiState;
use crate::ui::widgets::guidance_ui;

/// What is typed on the roll-up screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RollupForm {
    /// A folder typed instead of chosen.
    pub folder: String,
    /// A file typed to publish to.
    pub publish_path: String,
}

/// Draws the roll-up screen.
pub fn rollup_ui(ui: &mut Ui, view: &RollupView, state: &mut UiState, actions: &mut Actions) {
    egui::ScrollArea::vertical()
        .id_salt("rollup")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Roll-up of agencies");
            guidance_ui(
                ui,
                "Choose a folder holding agencies' workbooks (a shared folder, or one each agency sends). \
                 Every workbook is only read, so agencies can keep working in theirs. Each row is an agency: \
                 its target, where its median team stands against the path, its teams on track, wins in \
                 the last four weeks, serious integrity flags open, and its latest data. Click a column to \
                 sort; click an agency to see its chart.",
            );
            open_ui(ui, view, state, actions);
            if view.reading {
                // No spinner: the window repaints when the reading is done.
                ui.label("Reading the workbooks…");
                return;
            }
            let p = &view.portfolio;
            if p.agencies.is_empty() && p.unreadable.is_empty() {
                return;
            }
            ui.add_space(6.0);
            table_ui(ui, view, actions);
            for (path, why) in &p.unreadable {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Could not read {}: {why}", path.display()),
                );
            }
            if let Some(a) = view
                .selected
                .as_ref()
                .and_then(|s| p.agencies.iter().find(|a| &a.path == s))
            {
                ui.add_space(8.0);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    drill_down_ui(ui, a, actions);
                });
            }
            ui.add_space(8.0);
            publish_ui(ui, state, actions);
        });
}

fn open_ui(ui: &mut Ui, view: &RollupView, state: &mut UiState, actions: &mut Actions) {
    ui.horizontal_wrapped(|ui| {
        if ui.button("Choose a folder…").clicked() {
            actions.push(RollupAction::Open(FileChoice::Ask(FileKind::Folder)));
        }
        let f = &mut state.rollup;
        let l = ui.label("or the folder");
        ui.add(
            egui::TextEdit::singleline(&mut f.folder)
                .hint_text("/path/to/agencies")
                .desired_width(280.0),
        )
        .labelled_by(l.id);
        let folder = f.folder.trim().to_owned();
        if ui
            .add_enabled(!folder.is_empty(), egui::Button::new("Read"))
            .clicked()
        {
            actions.push(RollupAction::Open(folder.into()));
        }
        let known = !view.portfolio.folder.as_os_str().is_empty();
        if ui
            .add_enabled(known && !view.reading, egui::Button::new("Read again"))
            .clicked()
        {
            actions.push(RollupAction::Refresh);
        }
    });
}

const COLUMNS: [(RollupColumn, &str); 7] = [
    (RollupColumn::Agency, "Agency"),
    (RollupColumn::Status, "Standing"),
    (RollupColumn::OnTrack, "Teams on track"),
    (RollupColumn::Agency, "Median (path)"),
    (RollupColumn::Wins, "Wins"),
    (RollupColumn::Flags, "Serious flags"),
    (RollupColumn::LastData, "Last data"),
];

fn table_ui(ui: &mut Ui, view: &RollupView, actions: &mut Actions) {
    let p = &view.portfolio;
    ui.label(
        RichText::new(format!(
            "{} in {}",
            crate::domain::number::count(p.agencies.len() as u64, "agency", "agencies"),
            p.folder.display()
        ))
        .weak(),
    );
    egui::Grid::new("rollup_table")
        .striped(true)
        .num_columns(COLUMNS.len())
        .show(ui, |ui| {
            for (i, (column, label)) in COLUMNS.iter().enumerate() {
                // The median column has no order of its own.
                if i == 3 {
                    ui.label(RichText::new(*label).strong());
                    continue;
                }
                let arrow = match view.sort {
                    (c, false) if c == *column => " ▲",
                    (c, true) if c == *column => " ▼",
                    _ => "",
                };
                if ui
                    .button(RichText::new(format!("{label}{arrow}")).strong())
                    .on_hover_text("Sort by this column (again: reverse)")
                    .clicked()
                {
                    actions.push(RollupAction::Sort(*column));
                }
            }
            ui.end_row();
            for a in &p.agencies {
                row_ui(ui, a, view.selected.as_ref() == Some(&a.path), actions);
                ui.end_row();
            }
        });
}

fn row_ui(ui: &mut Ui, a: &AgencyLine, selected: bool, actions: &mut Actions) {
    if ui
        .selectable_label(selected, &a.agency)
        .on_hover_text(&a.mission)
        .clicked()
    {
        actions.push(RollupAction::Select((!selected).then(|| a.path.clone())));
    }
    ui.colored_label(
        crate::ui::monitor::progress::status_color(ui, a.status),
        format!("{} {}", a.status.symbol(), a.status.label()),
    );
    ui.label(format!("{} of {}", a.on_track.0, a.on_track.1));
    ui.label(median_text(a));
    ui.label(a.wins.to_string());
    ui.label(a.serious_flags.to_string());
    ui.label(
        a.last_data
            .map_or("—".to_owned(), |d| d.format("%-d %b %Y").to_string()),
    );
}

fn drill_down_ui(ui: &mut Ui, a: &AgencyLine, actions: &mut Actions) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(&a.agency).strong().size(16.0));
        if ui.small_button("Close").clicked() {
            actions.push(RollupAction::Select(None));
        }
    });
    if !a.mission.is_empty() {
        ui.label(RichText::new(&a.mission).italics());
    }
    let Some(t) = &a.target else {
        ui.label(RichText::new("No framework target yet.").weak());
        return;
    };
    ui.label(&t.sentence);
    super::cockpit::headline_chart_ui(ui, "rollup_agency", t);
    if !t.worst.is_empty() {
        ui.label(RichText::new("Teams furthest behind").strong());
        for w in &t.worst {
            ui.label(format!(
                "{} {} — {}: {}",
                w.status.symbol(),
                w.name,
                w.status.label(),
                w.detail
            ));
        }
    }
    ui.label(
        RichText::new(format!(
            "{} · {} teams · read-only",
            a.path.display(),
            a.teams
        ))
        .small()
        .weak(),
    );
}

fn publish_ui(ui: &mut Ui, state: &mut UiState, actions: &mut Actions) {
    ui.label(RichText::new("Publish the roll-up").strong());
    ui.horizontal_wrapped(|ui| {
        for (kind, label) in [
            (FileKind::Html, "As a web page…"),
            (FileKind::Pdf, "As a PDF…"),
            (FileKind::Csv, "As CSV (with a schema)…"),
            (FileKind::Parquet, "As Parquet…"),
        ] {
            if ui.button(label).clicked() {
                actions.push(RollupAction::Publish(FileChoice::Ask(kind)));
            }
        }
        let f = &mut state.rollup;
        let l = ui.label("or to the path");
        ui.add(
            egui::TextEdit::singleline(&mut f.publish_path)
                .hint_text("/path/to/rollup.html, .pdf, .csv or .parquet")
                .desired_width(260.0),
        )
        .labelled_by(l.id);
        let path = f.publish_path.trim().to_owned();
        if ui
            .add_enabled(!path.is_empty(), egui::Button::new("Publish to path"))
            .clicked()
        {
            actions.push(RollupAction::Publish(path.into()));
        }
    });
}
