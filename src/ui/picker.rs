//! Choosing teams among many: a count of what is chosen, a search box,
//! All and None, and "every team off track" in one click — the same picker
//! wherever teams are chosen (export, the dashboard, meeting attendees, the
//! teams drawn on a chart), so 200 teams are no harder to choose from than 6.

use egui::{RichText, Ui};

use crate::analysis::progress::Status;
use crate::domain::{Team, TeamId};

/// What a picker shows and where it keeps its search text.
pub struct TeamPicker<'a> {
    /// Names the picker (its search box is labelled "Find a team" beside it).
    pub id: &'a str,
    /// The teams to choose from.
    pub teams: &'a [Team],
    /// Each team's standing on the indicator in question, when known: the
    /// status buttons choose by it.
    pub standing: &'a [(TeamId, Status)],
    /// What choosing none means ("all", "the first 8" …).
    pub none_means: &'a str,
}

/// Most teams listed at once below the search box (the rest by searching).
const LISTED: usize = 400;

impl TeamPicker<'_> {
    /// Draws the picker; `chosen` is changed in place. True when it changed.
    pub fn show_ui(&self, ui: &mut Ui, chosen: &mut Vec<TeamId>, search: &mut String) -> bool {
        let before = chosen.clone();
        ui.horizontal_wrapped(|ui| {
            let count = if chosen.is_empty() {
                format!(
                    "Teams: none chosen ({} of {})",
                    self.none_means,
                    self.teams.len()
                )
            } else {
                format!("Teams: {} of {} chosen", chosen.len(), self.teams.len())
            };
            ui.label(RichText::new(count).strong());
            let l = ui.label("Find a team");
            ui.add(
                egui::TextEdit::singleline(search)
                    .id_salt((self.id, "search"))
                    .hint_text("part of a name")
                    .desired_width(140.0),
            )
            .labelled_by(l.id);
            if ui
                .button("All")
                .on_hover_text("Choose every team listed")
                .clicked()
            {
                *chosen = self.matching(search).map(|t| t.id).collect();
            }
            if ui.button("None").clicked() {
                chosen.clear();
            }
            if !self.standing.is_empty() {
                for (label, statuses) in [
                    ("Off track", &[Status::OffTrack][..]),
                    (
                        "Off track or at risk",
                        &[Status::OffTrack, Status::AtRisk][..],
                    ),
                ] {
                    if ui
                        .button(label)
                        .on_hover_text("Choose exactly the teams with this standing")
                        .clicked()
                    {
                        *chosen = self.with_status(statuses);
                    }
                }
            }
        });
        let matching: Vec<&Team> = self.matching(search).collect();
        egui::ScrollArea::vertical()
            .id_salt((self.id, "list"))
            .max_height(120.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for t in matching.iter().take(LISTED) {
                        let mut on = chosen.contains(&t.id);
                        let name = if t.archived {
                            format!("{} (archived)", t.name)
                        } else {
                            t.name.clone()
                        };
                        if ui.checkbox(&mut on, name).changed() {
                            if on {
                                chosen.push(t.id);
                            } else {
                                chosen.retain(|x| *x != t.id);
                            }
                        }
                    }
                });
                if matching.len() > LISTED {
                    ui.label(
                        RichText::new(format!(
                            "… and {} more: type part of a name to find them",
                            matching.len() - LISTED
                        ))
                        .weak(),
                    );
                }
            });
        *chosen != before
    }

    fn matching<'s>(&'s self, search: &'s str) -> impl Iterator<Item = &'s Team> + 's {
        let needle = search.trim().to_lowercase();
        self.teams
            .iter()
            .filter(move |t| needle.is_empty() || t.name.to_lowercase().contains(&needle))
    }

    /// The teams whose standing is one of `statuses`, in the picker's order.
    pub fn with_status(&self, statuses: &[Status]) -> Vec<TeamId> {
        self.teams
            .iter()
            .filter(|t| {
                self.standing
                    .iter()
                    .any(|(id, s)| *id == t.id && statuses.contains(s))
            })
            .map(|t| t.id)
            .collect()
    }
}
