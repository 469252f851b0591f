//! The theory chain drawn as boxes and arrows: target at the top, mission at
//! the bottom, each outcome between with its assumption.

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2, WidgetInfo};

use crate::domain::{TheoryStep, TheoryStepId};

const PAD: f32 = 8.0;
const GAP: f32 = 26.0;

/// Lays out `text` wrapped to `width`.
fn galley(
    ui: &Ui,
    text: &str,
    size: f32,
    color: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    ui.painter()
        .layout(text.to_owned(), FontId::proportional(size), color, width)
}

/// Draws the chain; returns the step the user clicked, if any.
pub fn theory_diagram_ui(
    ui: &mut Ui,
    target_text: &str,
    steps: &[TheoryStep],
    mission_text: &str,
    selected: Option<TheoryStepId>,
) -> Option<TheoryStepId> {
    let width = ui.available_width().max(160.0);
    let inner = width - 2.0 * PAD;
    let visuals = ui.visuals().clone();
    let text_color = visuals.text_color();
    let weak = visuals.weak_text_color();
    let accent = visuals.selection.bg_fill;

    struct Node {
        title: std::sync::Arc<egui::Galley>,
        note: Option<std::sync::Arc<egui::Galley>>,
        step: Option<TheoryStepId>,
        height: f32,
    }
    let mut nodes = vec![];
    let mut push = |title: &str, note: Option<String>, step: Option<TheoryStepId>| {
        let title = galley(ui, title, 14.0, text_color, inner);
        let note = note
            .filter(|n| !n.trim().is_empty())
            .map(|n| galley(ui, &n, 12.0, weak, inner));
        let height = title.size().y + note.as_ref().map_or(0.0, |n| n.size().y + 4.0) + 2.0 * PAD;
        nodes.push(Node {
            title,
            note,
            step,
            height,
        });
    };
    push(target_text, None, None);
    for (i, s) in steps.iter().enumerate() {
        let outcome = if s.outcome.trim().is_empty() {
            "(outcome not yet written)"
        } else {
            s.outcome.trim()
        };
        let mut note = String::new();
        if !s.assumption.trim().is_empty() {
            note.push_str(s.assumption.trim());
        }
        if !s.measured_by.trim().is_empty() {
            if !note.is_empty() {
                note.push('\n');
            }
            note.push_str(&format!("Measured by: {}", s.measured_by.trim()));
        }
        let label = if i + 1 == steps.len() {
            format!("{}. {outcome}  (mission-level)", i + 1)
        } else {
            format!("{}. {outcome}", i + 1)
        };
        push(&label, Some(note), Some(s.id));
    }
    push(mission_text, None, None);

    let total: f32 =
        nodes.iter().map(|n| n.height).sum::<f32>() + GAP * (nodes.len().saturating_sub(1)) as f32;
    let (area, _) = ui.allocate_exact_size(Vec2::new(width, total), Sense::hover());
    let mut y = area.top();
    let mut clicked = None;
    let mut previous_bottom: Option<f32> = None;
    for (i, node) in nodes.iter().enumerate() {
        let rect = Rect::from_min_size(Pos2::new(area.left(), y), Vec2::new(width, node.height));
        let is_end = node.step.is_none();
        let is_selected = node.step.is_some() && node.step == selected;
        if let Some(step) = node.step {
            let id = ui.scope_id().with(("theory_box", step));
            let response = ui.interact(rect, id, Sense::click());
            let name = node.title.text().to_owned();
            response.widget_info(|| {
                WidgetInfo::labeled(egui::Role::Button, true, format!("Select outcome {name}"))
            });
            if response.clicked() {
                clicked = Some(step);
            }
            if response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
        }
        let fill = if is_end {
            visuals.faint_bg_color
        } else {
            visuals.extreme_bg_color
        };
        let stroke = if is_selected {
            Stroke::new(2.5, accent)
        } else {
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
        };
        let painter = ui.painter();
        painter.rect(rect, 6.0, fill, stroke, StrokeKind::Inside);
        let mut text_pos = rect.min + Vec2::splat(PAD);
        painter.galley(text_pos, node.title.clone(), text_color);
        if let Some(note) = &node.note {
            text_pos.y += node.title.size().y + 4.0;
            painter.galley(text_pos, note.clone(), weak);
        }
        if let Some(bottom) = previous_bottom {
            let x = rect.center().x;
            let from = Pos2::new(x, bottom + 2.0);
            let to = Pos2::new(x, rect.top() - 2.0);
            painter.arrow(from, to - from, Stroke::new(1.5, text_color));
            if i == nodes.len() - 1 {
                painter.text(
                    Pos2::new(x + 10.0, (from.y + to.y) / 2.0),
                    Align2::LEFT_CENTER,
                    "advances",
                    FontId::proportional(11.0),
                    weak,
                );
            }
        }
        previous_bottom = Some(rect.bottom());
        y += node.height + GAP;
    }
    clicked
}
