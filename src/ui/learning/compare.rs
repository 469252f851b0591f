//! Comparing two indicators (practice 10): aligned periods, a scatter of
//! the pairs, and Pearson and Spearman correlation with the count of pairs.

use egui::{RichText, Ui};
use egui_plot::{Line, PlotPoints, Points};

use crate::app::monitor::view::plot_x;
use crate::app::view::WorkbookView;
use crate::app::{Actions, LearningAction};
use crate::ui::monitor::charts::date_axis;
use crate::ui::widgets::guidance_ui;

/// Draws the comparison screen.
pub fn compare_ui(ui: &mut Ui, wb: &WorkbookView, actions: &mut Actions) {
    ui.heading("Compare indicators");
    guidance_ui(
        ui,
        "Do two indicators move together? Values are aligned on common periods (weekly values averaged into months when \
         one is monthly). Use it to test the theory's links: does the target indicator move with the outcome it should drive?",
    );
    let inds = &wb.setup.indicators;
    if inds.len() < 2 {
        guidance_ui(ui, "Two indicators with data are needed.");
        return;
    }
    let current = wb.compare.clone().unwrap_or_default();
    let (mut a, mut b, mut team) = (
        current.a.unwrap_or(inds[0].id),
        current.b.unwrap_or(inds[1].id),
        current.team,
    );
    let name = |id| {
        inds.iter()
            .find(|i| i.id == id)
            .map_or("—".to_owned(), |i| i.name.clone())
    };
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_label("First indicator")
            .selected_text(name(a))
            .show_ui(ui, |ui| {
                for i in inds {
                    ui.selectable_value(&mut a, i.id, &i.name);
                }
            });
        egui::ComboBox::from_label("Second indicator")
            .selected_text(name(b))
            .show_ui(ui, |ui| {
                for i in inds {
                    ui.selectable_value(&mut b, i.id, &i.name);
                }
            });
        let team_name = team
            .and_then(|t| wb.setup.teams.iter().find(|x| x.id == t))
            .map_or("All teams".to_owned(), |t| t.name.clone());
        egui::ComboBox::from_label("For")
            .selected_text(team_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut team, None, "All teams");
                for t in wb.setup.active_teams() {
                    ui.selectable_value(&mut team, Some(t.id), &t.name);
                }
            });
    });
    if (Some(a), Some(b), team) != (current.a, current.b, current.team) {
        actions.push(LearningAction::Compare { a, b, team });
    }
    ui.label(RichText::new(&current.summary).strong());
    if current.aligned.is_empty() {
        return;
    }
    let pairs: Vec<[f64; 2]> = current.aligned.iter().map(|(_, x, y)| [*x, *y]).collect();
    ui.columns(2, |c| {
        c[0].label(format!("{} (across) against {} (up)", name(a), name(b)));
        crate::ui::monitor::charts::page_plot("compare_scatter")
            .height(280.0)
            .show(&mut c[0], |p| {
                p.points(Points::new("Aligned periods", pairs).radius(3.0));
            });
        c[1].label(
            "Both over time (each on its own scale: values shown as a share of their range)",
        );
        let scale = |k: usize| {
            let vals: Vec<f64> = current
                .aligned
                .iter()
                .map(|r| if k == 0 { r.1 } else { r.2 })
                .collect();
            let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let span = (hi - lo).max(f64::EPSILON);
            let mut pts: Vec<(f64, f64)> = current
                .aligned
                .iter()
                .map(|r| (plot_x(r.0), ((if k == 0 { r.1 } else { r.2 }) - lo) / span))
                .collect();
            pts.sort_by(|x, y| x.0.total_cmp(&y.0));
            pts.into_iter()
                .map(|(x, y)| [x, y])
                .collect::<Vec<[f64; 2]>>()
        };
        crate::ui::monitor::charts::page_plot("compare_time")
            .height(280.0)
            .x_axis_formatter(date_axis)
            .legend(egui_plot::Legend::default())
            .show(&mut c[1], |p| {
                if team.is_some() {
                    p.line(Line::new(name(a), PlotPoints::new(scale(0))));
                    p.line(Line::new(name(b), PlotPoints::new(scale(1))));
                } else {
                    p.points(Points::new(name(a), scale(0)).radius(2.0));
                    p.points(Points::new(name(b), scale(1)).radius(2.0));
                }
            });
    });
}
