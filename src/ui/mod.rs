//! The face of the app: draws from view models and pushes actions.
//! Nothing here touches the workbook file; see `app` for where actions land.

mod backups;
mod cockpit;
mod framework;
mod help;
mod home;
mod learning;
mod meetings;
pub mod monitor;
pub use monitor::grid::grid_editor_id;
pub mod picker;
mod practice_panel;
mod recognition;
mod rollup;
mod shell;
mod start;
pub mod theme;
mod widgets;
mod workshop;

use crate::app::view::WorkbookView;
use crate::app::{Actions, AppView, Screen};
use crate::domain::{DeficitId, TheoryStepId};

/// State that only the widgets care about (selection, text not yet submitted).
#[derive(Clone, Debug, Default)]
pub struct UiState {
    /// The name typed on the start screen for a new workbook.
    pub new_workbook_name: String,
    /// The deficit open in the deficit editor.
    pub selected_deficit: Option<DeficitId>,
    /// The theory step open in the theory editor.
    pub selected_step: Option<TheoryStepId>,
    /// The indicator open in the setup screen.
    pub selected_indicator: Option<crate::domain::IndicatorId>,
    /// The team open in the setup screen.
    pub selected_team: Option<crate::domain::TeamId>,
    /// The data grid's selection and typing.
    pub grid: monitor::grid::GridUiState,
    /// Forms on the data screens.
    pub forms: monitor::Forms,
    /// Forms on the recognition screens.
    pub recognition: recognition::RecognitionForms,
    /// Forms on the learning screens.
    pub learning: learning::LearningForms,
    /// Forms on the meeting and capacity screens.
    pub meetings: meetings::MeetingForms,
    /// The backup awaiting confirmation before it is restored.
    pub confirm_restore: Option<std::path::PathBuf>,
    /// The Go to list's typing and selection.
    pub go_to: help::GoToForm,
    /// Workshop mode's picks and reveals.
    pub workshop: workshop::WorkshopForms,
    /// The small multiples' order, filter and size.
    pub multiples: monitor::multiples::MultiplesUiState,
    /// The roll-up screen's typing.
    pub rollup: rollup::RollupForm,
    /// What is typed in each team picker's search box, by picker.
    pub picker_search: std::collections::HashMap<String, String>,
}

/// Draws the whole window: menu, mission banner, navigation, status bar, the
/// current screen and any dialog.
pub fn app_ui(
    ui: &mut egui::Ui,
    view: &AppView,
    workbook: Option<&WorkbookView>,
    state: &mut UiState,
    actions: &mut Actions,
) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        shell::menu_bar_ui(ui, view, workbook.is_some(), actions)
    });
    if let Some(wb) = workbook {
        egui::Panel::bottom("status_bar").show(ui, |ui| shell::status_bar_ui(ui, wb));
        if let Some(mission) = &wb.framework.mission {
            egui::Panel::top("mission_banner")
                .frame(
                    egui::Frame::new()
                        .fill(theme::banner_fill(ui.visuals()))
                        .inner_margin(8.0),
                )
                .show(ui, |ui| {
                    shell::mission_banner_ui(ui, &wb.framework.agency, mission)
                });
        }
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(220.0)
            .show(ui, |ui| {
                // A solid bar, drawn whenever the list is longer than the
                // window: on a short screen the navigation visibly goes on.
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                egui::ScrollArea::vertical()
                    .id_salt("navigation_scroll")
                    .auto_shrink([false, false])
                    .scroll_bar_visibility(
                        egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded,
                    )
                    .show(ui, |ui| shell::navigation_ui(ui, view, wb, actions));
            });
    }
    egui::CentralPanel::default().show(ui, |ui| {
        shell::message_ui(ui, view, actions);
        // The wizard's steps draw the panel under their own headings; every
        // other practice's screen gets it here.
        if let Some(wb) = workbook
            && view.screen != Screen::Wizard
            && let Some(practice) =
                crate::app::practice_nav::practice_on(view.screen, wb.draft.step)
        {
            practice_panel::practice_panel_ui(ui, practice, actions);
        }
        match (workbook, view.screen) {
            (Some(wb), Screen::Home) => home::home_ui(ui, wb, state, actions),
            (Some(wb), Screen::Wizard) => framework::wizard_ui(ui, wb, state, actions),
            (Some(wb), Screen::Setup) => {
                egui::ScrollArea::vertical()
                    .id_salt("setup_scroll")
                    .show(ui, |ui| monitor::setup::setup_ui(ui, wb, state, actions));
            }
            (Some(wb), Screen::Data) => monitor::data::data_ui(ui, wb, state, actions),
            (Some(wb), Screen::Transfer) => monitor::transfer::transfer_ui(ui, wb, state, actions),
            (Some(wb), Screen::Returns) => monitor::returns::returns_ui(ui, wb, state, actions),
            (Some(wb), Screen::Progress) => monitor::progress::progress_ui(ui, wb, state, actions),
            (Some(wb), Screen::Multiples) => {
                monitor::multiples::multiples_ui(ui, wb, state, actions)
            }
            (Some(wb), Screen::Xmr) => monitor::xmr::xmr_ui(ui, wb, actions),
            (Some(wb), Screen::Wins) => recognition::wins::wins_ui(ui, wb, state, actions),
            (Some(wb), Screen::Certificate) => {
                recognition::certificate::certificate_ui(ui, wb, state, actions)
            }
            (Some(wb), Screen::Wall) => recognition::wall::wall_ui(ui, wb),
            (Some(wb), Screen::Integrity) => {
                learning::integrity::integrity_ui(ui, wb, state, actions)
            }
            (Some(wb), Screen::Library) => learning::library::library_ui(ui, wb, actions),
            (Some(wb), Screen::Compare) => learning::compare::compare_ui(ui, wb, actions),
            (Some(wb), Screen::Review) => learning::review::review_ui(ui, wb, state, actions),
            (Some(wb), Screen::Meetings) => meetings::list::meetings_ui(ui, wb, state, actions),
            (Some(wb), Screen::Meeting) => meetings::meeting::meeting_ui(ui, wb, state, actions),
            (Some(wb), Screen::Capacity) => meetings::capacity::capacity_ui(ui, wb, state, actions),
            (_, Screen::Rollup) => rollup::rollup_ui(ui, &view.rollup, state, actions),
            (_, Screen::Workshop) => {
                egui::ScrollArea::vertical()
                    .id_salt("workshop_scroll")
                    .show(ui, |ui| {
                        workshop::compare::compare_ui(
                            ui,
                            &view.comparison,
                            workbook.is_some(),
                            actions,
                        )
                    })
                    .inner
            }
            (_, Screen::Backups) if view.backups.is_some() => backups::backups_ui(
                ui,
                view.backups.as_ref(),
                workbook.is_some(),
                &mut state.confirm_restore,
                actions,
            ),
            _ => start::start_ui(ui, view, state, actions),
        }
    });
    help::dialogs_ui(ui.ctx(), view, &mut state.go_to, actions);
}
