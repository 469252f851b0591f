//! Pick-lists shared by export and publishing: which indicators, which teams,
//! and a typed date.

use chrono::NaiveDate;
use egui::Ui;

use crate::app::data::view::SetupView;
use crate::domain::target::parse_typed_date;
use crate::domain::{IndicatorId, TeamId};

/// Ticks a set of ids in place (an empty set means "all").
fn toggle<T: PartialEq + Copy>(chosen: &mut Vec<T>, id: T, on: bool) {
    if on {
        if !chosen.contains(&id) {
            chosen.push(id);
        }
    } else {
        chosen.retain(|c| *c != id);
    }
}

/// A checkbox per indicator, labelled `{prefix}{name}`.
pub fn indicator_choice_ui(
    ui: &mut Ui,
    setup: &SetupView,
    prefix: &str,
    chosen: &mut Vec<IndicatorId>,
) {
    ui.label("Indicators (none ticked: all):");
    ui.horizontal_wrapped(|ui| {
        for ind in &setup.indicators {
            let mut on = chosen.contains(&ind.id);
            if ui
                .checkbox(&mut on, format!("{prefix}{}", ind.name))
                .changed()
            {
                toggle(chosen, ind.id, on);
            }
        }
    });
}

/// The teams to include (none ticked: all), with search, All, None and
/// choosing by standing on the framework's target.
pub fn team_choice_ui(
    ui: &mut Ui,
    id: &str,
    setup: &SetupView,
    chosen: &mut Vec<TeamId>,
    search: &mut String,
) {
    crate::ui::picker::TeamPicker {
        id,
        teams: &setup.teams,
        standing: &setup.standing,
        none_means: "all",
    }
    .show_ui(ui, chosen, search);
}

/// A `YYYY-MM-DD` field; returns the date typed (`Ok(None)` when empty) or
/// a sentence naming the field.
pub fn date_field_ui(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
) -> Result<Option<NaiveDate>, String> {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text("YYYY-MM-DD")
            .desired_width(100.0),
    )
    .labelled_by(l.id);
    typed_date(text, label)
}

/// Reads an optional typed date; the error names the field.
pub fn typed_date(text: &str, label: &str) -> Result<Option<NaiveDate>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_typed_date(text)
        .map(Some)
        .map_err(|e| format!("{label}: {e}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_keeps_each_id_once() {
        let mut v = vec![1, 2];
        toggle(&mut v, 2, true);
        toggle(&mut v, 3, true);
        toggle(&mut v, 1, false);
        assert_eq!(v, [2, 3]);
    }

    #[test]
    fn typed_dates_name_their_field() {
        assert_eq!(typed_date("  ", "From"), Ok(None));
        assert_eq!(
            typed_date("2025-02-03", "From"),
            Ok(NaiveDate::from_ymd_opt(2025, 2, 3))
        );
        let e = typed_date("2025-13-40", "As of").unwrap_err();
        assert!(e.starts_with("As of: "), "{e}");
    }
}
