//! Teams and indicators: add, rename, archive; indicator settings,
//! counter-indicators and per-team targets; the fiscal year.

use egui::{RichText, Ui};

use super::{IndicatorForm, TargetForm, TeamForm};
use crate::app::data::view::SetupView;
use crate::app::view::WorkbookView;
use crate::app::{Actions, DataAction};
use crate::domain::target::{check_values, with_unit};
use crate::domain::{
    Direction, FieldError, Frequency, Indicator, IndicatorKind, IndicatorScope, TargetField, Team,
};
use crate::ui::UiState;
use crate::ui::widgets::{guidance_ui, problem_ui, text_area_ui, text_field_ui};

/// Draws the setup screen.
pub fn setup_ui(ui: &mut Ui, wb: &WorkbookView, state: &mut UiState, actions: &mut Actions) {
    let setup = &wb.setup;
    ui.heading("Teams and indicators");
    guidance_ui(
        ui,
        "Who reports, and what they report. Practice 5 asks for every team's progress to be seen beside every other's; \
         practice 10 asks for many and varied indicators, so add the measures that would reveal distortion too (counter-indicators).",
    );
    ui.add_space(6.0);
    ui.columns(2, |cols| {
        teams_ui(&mut cols[0], setup, state, actions);
        indicators_ui(&mut cols[1], setup, state, actions);
    });
    ui.add_space(8.0);
    ui.separator();
    fiscal_year_ui(ui, setup, actions);
    decimal_mark_ui(ui, setup, actions);
}

fn teams_ui(ui: &mut Ui, setup: &SetupView, state: &mut UiState, actions: &mut Actions) {
    ui.label(RichText::new("Teams").heading());
    let forms = &mut state.forms;
    ui.horizontal(|ui| {
        let l = ui.label("New team");
        ui.add(
            egui::TextEdit::singleline(&mut forms.new_team_name)
                .hint_text("name")
                .desired_width(150.0),
        )
        .labelled_by(l.id);
        let c = ui.label("contact");
        ui.add(
            egui::TextEdit::singleline(&mut forms.new_team_contact)
                .hint_text("who reports")
                .desired_width(120.0),
        )
        .labelled_by(c.id);
        let can = !forms.new_team_name.trim().is_empty();
        if ui.add_enabled(can, egui::Button::new("Add team")).clicked() {
            actions.push(DataAction::AddTeam {
                name: std::mem::take(&mut forms.new_team_name),
                contact: std::mem::take(&mut forms.new_team_contact),
            });
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("team_list")
        .max_height(220.0)
        .show(ui, |ui| {
            if setup.teams.is_empty() {
                guidance_ui(ui, "No teams yet.");
            }
            for team in setup
                .teams
                .iter()
                .filter(|t| !t.archived)
                .chain(setup.teams.iter().filter(|t| t.archived))
            {
                let selected = state.selected_team == Some(team.id);
                let text = if team.archived {
                    format!("{} (archived)", team.name)
                } else {
                    team.name.clone()
                };
                if ui.selectable_label(selected, text).clicked() {
                    state.selected_team = Some(team.id);
                }
            }
        });
    let Some(team) = state
        .selected_team
        .and_then(|id| setup.teams.iter().find(|t| t.id == id))
    else {
        return;
    };
    if state.forms.team.id != Some(team.id) {
        state.forms.team = TeamForm {
            id: Some(team.id),
            name: team.name.clone(),
            contact: team.contact.clone(),
        };
    }
    team_editor_ui(ui, team, &mut state.forms.team, actions);
}

fn team_editor_ui(ui: &mut Ui, team: &Team, form: &mut TeamForm, actions: &mut Actions) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let l = ui.label(RichText::new("Team name").strong());
        ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        let c = ui.label(RichText::new("Contact").strong());
        ui.add(egui::TextEdit::singleline(&mut form.contact).desired_width(f32::INFINITY))
            .labelled_by(c.id);
        ui.horizontal(|ui| {
            let changed = form.name != team.name || form.contact != team.contact;
            if ui
                .add_enabled(changed, egui::Button::new("Save team"))
                .clicked()
            {
                actions.push(DataAction::UpdateTeam(Team {
                    name: form.name.clone(),
                    contact: form.contact.clone(),
                    ..team.clone()
                }));
            }
            let (label, archive) = if team.archived {
                ("Restore team", false)
            } else {
                ("Archive team", true)
            };
            if ui
                .button(label)
                .on_hover_text("Archived teams keep their history but leave the grid and charts")
                .clicked()
            {
                actions.push(DataAction::SetTeamArchived(team.id, archive));
            }
        });
    });
}

fn indicators_ui(ui: &mut Ui, setup: &SetupView, state: &mut UiState, actions: &mut Actions) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Indicators").heading());
        if ui.button("+ New indicator").clicked() {
            state.selected_indicator = None;
            state.forms.indicator = IndicatorForm::default();
            state.forms.target = TargetForm::default();
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("indicator_list")
        .max_height(220.0)
        .show(ui, |ui| {
            for ind in &setup.indicators {
                let star = if setup.framework_indicator == Some(ind.id) {
                    "★ "
                } else {
                    ""
                };
                let text = format!(
                    "{star}{} ({}, {})",
                    ind.name,
                    if ind.unit.is_empty() {
                        "no unit"
                    } else {
                        &ind.unit
                    },
                    ind.frequency.label().to_lowercase()
                );
                if ui
                    .selectable_label(state.selected_indicator == Some(ind.id), text)
                    .clicked()
                {
                    state.selected_indicator = Some(ind.id);
                }
            }
        });
    let selected = state.selected_indicator.and_then(|id| setup.indicator(id));
    if let Some(ind) = selected
        && state.forms.indicator.id != Some(ind.id)
    {
        state.forms.indicator = IndicatorForm {
            id: Some(ind.id),
            spec: ind.spec(),
            counter: ind.counter_indicator,
        };
        state.forms.target = TargetForm::default();
    }
    indicator_editor_ui(ui, setup, selected, &mut state.forms.indicator, actions);
    if let Some(ind) = selected {
        targets_ui(ui, setup, ind, &mut state.forms.target, actions);
    }
}

fn indicator_editor_ui(
    ui: &mut Ui,
    setup: &SetupView,
    existing: Option<&Indicator>,
    form: &mut IndicatorForm,
    actions: &mut Actions,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(if existing.is_some() { "Indicator settings" } else { "New indicator" }).strong());
        let salt = form.id.map_or(0, |i| i.0);
        if let Some(v) = text_field_ui(ui, "Indicator name", &form.spec.name, "e.g. Open pothole reports", salt, None) {
            form.spec.name = v;
        }
        if let Some(v) = text_field_ui(ui, "Unit", &form.spec.unit, "%, days, cases …", salt, None) {
            form.spec.unit = v;
        }
        ui.horizontal_wrapped(|ui| {
            for d in Direction::ALL {
                ui.radio_value(&mut form.spec.direction, d, d.label());
            }
        });
        let has_data = existing.is_some_and(|i| setup.has_data.contains(&i.id));
        ui.add_enabled_ui(!has_data, |ui| {
            egui::ComboBox::from_label("Reported")
                .selected_text(form.spec.frequency.label())
                .show_ui(ui, |ui| {
                    for f in Frequency::ALL {
                        ui.selectable_value(&mut form.spec.frequency, f, f.label());
                    }
                });
        });
        if has_data {
            ui.label(RichText::new("It has data, so its frequency is fixed.").weak().small());
        }
        ui.add(egui::Slider::new(&mut form.spec.decimals, 0..=6).text("Decimals shown"));
        ui.horizontal(|ui| {
            ui.radio_value(&mut form.spec.kind, IndicatorKind::Quantitative, "Numbers");
            ui.radio_value(&mut form.spec.kind, IndicatorKind::YesNo, "Yes or no");
        });
        ui.horizontal(|ui| {
            ui.radio_value(&mut form.spec.scope, IndicatorScope::PerTeam, "Each team reports it");
            ui.radio_value(&mut form.spec.scope, IndicatorScope::AgencyWide, "Reported for the whole agency");
        });
        ui.checkbox(&mut form.spec.is_amount, "Amounts (money-like values spanning orders of magnitude)");
        let counter_name = form.counter.and_then(|c| setup.indicator(c)).map_or("None".to_owned(), |i| i.name.clone());
        egui::ComboBox::from_label("Counter-indicator")
            .selected_text(counter_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.counter, None, "None");
                for other in setup.indicators.iter().filter(|i| Some(i.id) != form.id) {
                    ui.selectable_value(&mut form.counter, Some(other.id), &other.name);
                }
            });
        ui.label(RichText::new("A counter-indicator should not worsen while this one improves (e.g. repeat complaints for repair speed).").weak().small());
        if let Some(v) = text_area_ui(ui, "Description", &form.spec.description, "What it measures and where the data come from", 2, salt, None) {
            form.spec.description = v;
        }
        ui.horizontal(|ui| match existing {
            Some(ind) => {
                let updated = Indicator {
                    counter_indicator: form.counter,
                    ..ind.with_spec(&form.spec)
                };
                if ui.add_enabled(updated != *ind, egui::Button::new("Save indicator")).clicked() {
                    actions.push(DataAction::UpdateIndicator(updated));
                }
                let removable = !has_data && setup.targets.get(&ind.id).is_none_or(|t| t.is_empty());
                if ui
                    .add_enabled(removable, egui::Button::new("Remove indicator"))
                    .on_disabled_hover_text("An indicator with data or a target cannot be removed; its history would be lost.")
                    .clicked()
                {
                    actions.push(DataAction::RemoveIndicator(ind.id));
                }
            }
            None => {
                if ui.add_enabled(!form.spec.name.trim().is_empty(), egui::Button::new("Add indicator")).clicked() {
                    actions.push(DataAction::AddIndicator(form.spec.clone()));
                }
            }
        });
    });
}

fn targets_ui(
    ui: &mut Ui,
    setup: &SetupView,
    ind: &Indicator,
    form: &mut TargetForm,
    actions: &mut Actions,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Targets").strong());
        current_targets_ui(ui, setup, ind, actions);
        ui.add_space(4.0);
        let team_name = form
            .team
            .map_or("Every team".to_owned(), |t| setup.team_name(t));
        egui::ComboBox::from_label("Target for")
            .selected_text(team_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.team, None, "Every team");
                for t in setup.active_teams() {
                    ui.selectable_value(&mut form.team, Some(t.id), &t.name);
                }
            });
        let mut errors = Vec::new();
        let checked = check_values(
            Some(ind.direction),
            [
                &form.baseline_value,
                &form.baseline_date,
                &form.target_value,
                &form.deadline,
            ],
            setup.decimal_mark,
            &mut errors,
        );
        if ind.direction == Direction::Neutral {
            problem_ui(
                ui,
                Some(
                    "Neither higher nor lower is better for this indicator, so it takes no target.",
                ),
            );
            return;
        }
        target_fields_ui(ui, form, &errors);
        if ui.button("Set target").clicked() {
            match checked {
                Some(values) => {
                    actions.push(DataAction::SetTarget {
                        indicator: ind.id,
                        team: form.team,
                        values,
                    });
                    *form = TargetForm {
                        team: form.team,
                        ..TargetForm::default()
                    };
                }
                None => form.show_problems = true,
            }
        }
    });
}

/// The targets in force for an indicator, each with its Withdraw button
/// (the framework's own target is withdrawn in the framework).
fn current_targets_ui(ui: &mut Ui, setup: &SetupView, ind: &Indicator, actions: &mut Actions) {
    let records = setup
        .targets
        .get(&ind.id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let current: Vec<_> = records.iter().filter(|r| r.current).collect();
    if current.is_empty() {
        guidance_ui(
            ui,
            "No target yet. Set one for every team, or for a team on its own.",
        );
    }
    for r in current {
        let who = r
            .team
            .map_or("Every team".to_owned(), |t| setup.team_name(t));
        let framework = r.team.is_none() && setup.framework_indicator == Some(ind.id);
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{who}: from {} ({}) to {} by {}{}",
                with_unit(r.values.baseline_value, &ind.unit),
                r.values.baseline_date.format("%-d %b %Y"),
                with_unit(r.values.target_value, &ind.unit),
                r.values.deadline.format("%-d %b %Y"),
                if framework {
                    " — the framework target"
                } else {
                    ""
                }
            ));
            if !framework
                && ui
                    .small_button(format!("Withdraw target for {who}"))
                    .clicked()
            {
                actions.push(DataAction::ClearTarget {
                    indicator: ind.id,
                    team: r.team,
                });
            }
        });
    }
}

/// The four fields of a new target in two columns, each with its problem
/// once the leader has tried to set it.
fn target_fields_ui(ui: &mut Ui, form: &mut TargetForm, errors: &[FieldError<TargetField>]) {
    let show = form.show_problems;
    let problem = |f: TargetField| {
        show.then(|| errors.iter().find(|e| e.field == f))
            .flatten()
            .map(|e| e.message.clone())
    };
    ui.columns(2, |cols| {
        let fields: [(TargetField, usize, &str, &str, &mut String); 4] = [
            (
                TargetField::BaselineValue,
                0,
                "Team baseline value",
                "e.g. 41",
                &mut form.baseline_value,
            ),
            (
                TargetField::BaselineDate,
                1,
                "Team baseline date",
                "YYYY-MM-DD",
                &mut form.baseline_date,
            ),
            (
                TargetField::TargetValue,
                0,
                "Team target value",
                "e.g. 90",
                &mut form.target_value,
            ),
            (
                TargetField::Deadline,
                1,
                "Team deadline",
                "YYYY-MM-DD",
                &mut form.deadline,
            ),
        ];
        for (field, col, label, hint, text) in fields {
            let message = problem(field);
            if let Some(v) =
                text_field_ui(&mut cols[col], label, text, hint, "tf", message.as_deref())
            {
                *text = v;
            }
        }
    });
}

fn fiscal_year_ui(ui: &mut Ui, setup: &SetupView, actions: &mut Actions) {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    ui.horizontal(|ui| {
        let current = setup.fiscal_year_start.clamp(1, 12);
        let mut chosen = current;
        egui::ComboBox::from_label("Fiscal year starts in")
            .selected_text(MONTHS[(current - 1) as usize])
            .show_ui(ui, |ui| {
                for (i, m) in MONTHS.iter().enumerate() {
                    ui.selectable_value(&mut chosen, i as u32 + 1, *m);
                }
            });
        if chosen != current {
            actions.push(DataAction::SetFiscalYearStart(chosen));
        }
        ui.label(RichText::new("Used to read labels such as FY2024 and FY2024 Q1 in imported files; FY2024 is the fiscal year ending in 2024.").weak().small());
    });
}

/// The decimal mark the grid shows and reads, and CSV exports write.
fn decimal_mark_ui(ui: &mut Ui, setup: &SetupView, actions: &mut Actions) {
    use crate::domain::number::DecimalMark;
    ui.horizontal_wrapped(|ui| {
        ui.label("Decimal mark");
        let mut chosen = setup.decimal_mark;
        ui.radio_value(&mut chosen, DecimalMark::Dot, "12.5 (dot)");
        ui.radio_value(&mut chosen, DecimalMark::Comma, "12,5 (comma)");
        if chosen != setup.decimal_mark {
            actions.push(DataAction::SetDecimalMark(chosen));
        }
        ui.label(
            RichText::new("How the data grid shows and reads numbers, and how CSV exports write them (with a comma, fields are separated by semicolons).")
                .weak()
                .small(),
        );
    });
}
