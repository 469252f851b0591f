//! Qualitative observations beside the grid: a searchable list and a form.

use egui::{RichText, Ui};

use super::ObservationForm;
use crate::app::data::view::SetupView;
use crate::app::{Action, Actions, DataAction};
use crate::domain::observation::{COMMON_SOURCES, observation_problems, parse_tags};
use crate::domain::target::parse_typed_date;
use crate::domain::{IndicatorId, Observation, TeamId};
use crate::ui::widgets::{guidance_ui, problem_ui, text_area_ui, text_field_ui};

/// The observation a form describes, or why it cannot be saved.
fn observation_from(form: &ObservationForm) -> Result<Observation, String> {
    let observed_on = parse_typed_date(&form.date).map_err(|e| format!("Date: {e}."))?;
    let o = Observation {
        id: form.id.unwrap_or_default(),
        observed_on,
        team: form.team,
        indicator: form.indicator,
        text: form.text.clone(),
        tags: parse_tags(&form.tags),
        source: form.source.trim().to_owned(),
    };
    match observation_problems(&o).into_iter().next() {
        Some(p) => Err(p),
        None => Ok(o),
    }
}

/// The list (filtered to the team and indicator in view, and by the search
/// text) and the form for a new or edited observation.
pub fn observations_ui(
    ui: &mut Ui,
    all: &[Observation],
    setup: &SetupView,
    context: (Option<TeamId>, Option<IndicatorId>),
    search: &mut String,
    form: &mut ObservationForm,
    actions: &mut Actions,
) {
    ui.label(RichText::new("Observations").strong());
    let l = ui.label("Search observations");
    ui.add(
        egui::TextEdit::singleline(search)
            .hint_text("text, tag or source")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
    let (team, indicator) = context;
    let shown: Vec<&Observation> = all
        .iter()
        .filter(|o| o.matches(search))
        .filter(|o| team.is_none() || o.team.is_none() || o.team == team)
        .filter(|o| indicator.is_none() || o.indicator.is_none() || o.indicator == indicator)
        .take(200)
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("observation_list")
        .max_height(260.0)
        .show(ui, |ui| {
            if shown.is_empty() {
                guidance_ui(ui, "No observations here yet.");
            }
            for o in shown {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let about: Vec<String> = [
                        o.team.map(|t| setup.team_name(t)),
                        o.indicator
                            .and_then(|i| setup.indicator(i))
                            .map(|i| i.name.clone()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    let source = if o.source.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", o.source)
                    };
                    ui.label(
                        RichText::new(format!("{}{source}", o.observed_on.format("%-d %b %Y")))
                            .strong(),
                    );
                    if !about.is_empty() {
                        ui.label(RichText::new(about.join(" · ")).weak().small());
                    }
                    ui.label(&o.text);
                    if !o.tags.is_empty() {
                        ui.label(
                            RichText::new(format!("Tags: {}", o.tags.join(", ")))
                                .weak()
                                .small(),
                        );
                    }
                    ui.horizontal(|ui| {
                        if ui
                            .small_button(format!("Edit observation of {}", o.observed_on))
                            .clicked()
                        {
                            *form = ObservationForm {
                                id: Some(o.id),
                                date: o.observed_on.format("%Y-%m-%d").to_string(),
                                team: o.team,
                                indicator: o.indicator,
                                text: o.text.clone(),
                                tags: o.tags.join(", "),
                                source: o.source.clone(),
                                show_problems: false,
                            };
                        }
                        if ui
                            .small_button(format!("Remove observation of {}", o.observed_on))
                            .clicked()
                        {
                            actions.push(DataAction::RemoveObservation(o.id));
                        }
                    });
                });
            }
        });
    ui.add_space(6.0);
    observation_form_ui(ui, setup, context, form, actions);
}

fn observation_form_ui(
    ui: &mut Ui,
    setup: &SetupView,
    context: (Option<TeamId>, Option<IndicatorId>),
    form: &mut ObservationForm,
    actions: &mut Actions,
) {
    egui::CollapsingHeader::new(if form.id.is_some() {
        "Edit observation"
    } else {
        "Add an observation"
    })
    .id_salt("observation_form")
    .default_open(form.id.is_some())
    .show(ui, |ui| {
        if form.date.is_empty() {
            form.date = chrono::Local::now()
                .date_naive()
                .format("%Y-%m-%d")
                .to_string();
            form.team = form.team.or(context.0);
            form.indicator = form.indicator.or(context.1);
        }
        if let Some(v) = text_field_ui(ui, "Observed on", &form.date, "YYYY-MM-DD", "obs", None) {
            form.date = v;
        }
        let team_name = form
            .team
            .map_or("Any team".to_owned(), |t| setup.team_name(t));
        egui::ComboBox::from_label("About team")
            .selected_text(team_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.team, None, "Any team");
                for t in setup.active_teams() {
                    ui.selectable_value(&mut form.team, Some(t.id), &t.name);
                }
            });
        let ind_name = form
            .indicator
            .and_then(|i| setup.indicator(i))
            .map_or("Any indicator".to_owned(), |i| i.name.clone());
        egui::ComboBox::from_label("About indicator")
            .selected_text(ind_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.indicator, None, "Any indicator");
                for i in &setup.indicators {
                    ui.selectable_value(&mut form.indicator, Some(i.id), &i.name);
                }
            });
        if let Some(v) = text_area_ui(
            ui,
            "What was observed",
            &form.text,
            "e.g. Crew short of cold patch for two weeks",
            3,
            "obs",
            None,
        ) {
            form.text = v;
        }
        if let Some(v) = text_field_ui(
            ui,
            "Tags",
            &form.tags,
            "comma-separated, e.g. supplies, weather",
            "obs",
            None,
        ) {
            form.tags = v;
        }
        if let Some(v) = text_field_ui(
            ui,
            "Source",
            &form.source,
            COMMON_SOURCES.join(", ").as_str(),
            "obs",
            None,
        ) {
            form.source = v;
        }
        let result = observation_from(form);
        if form.show_problems {
            problem_ui(ui, result.as_ref().err().map(String::as_str));
        }
        ui.horizontal(|ui| {
            let label = if form.id.is_some() {
                "Save observation"
            } else {
                "Add observation"
            };
            if ui.button(label).clicked() {
                match result {
                    Ok(o) => {
                        actions.push(Action::Data(if form.id.is_some() {
                            DataAction::UpdateObservation(o)
                        } else {
                            DataAction::AddObservation(o)
                        }));
                        *form = ObservationForm::default();
                    }
                    Err(_) => form.show_problems = true,
                }
            }
            if form.id.is_some() && ui.button("Cancel editing").clicked() {
                *form = ObservationForm::default();
            }
        });
    });
}
