//! View models of the recognition screens: the wins log with its filters,
//! the wall of recognition, and the certificate editor with its preview.
//! Built when the data change, never per frame.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::certificate::{CertificateLayout, CertificateText, Logo, Paper};
use crate::domain::number::format_number;
use crate::domain::target::parse_typed_date;
use crate::domain::win::{Recognition, Win, join_names, split_names};
use crate::domain::{Indicator, Period, Team, TeamId, WinId, WinKind};
use crate::export::certificate::{Certificate, CertificateSpec, layout_certificate};

/// Which wins the log shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WinFilter {
    /// Only this team's wins.
    pub team: Option<TeamId>,
    /// Only this kind.
    pub kind: Option<WinKind>,
    /// Only wins on or after this date.
    pub from: Option<NaiveDate>,
    /// Only wins on or before this date.
    pub to: Option<NaiveDate>,
    /// Only wins not yet recognised.
    pub unrecognised_only: bool,
    /// Every win on its own row (by date) instead of one row per team and
    /// kind (the most significant kinds first).
    pub every_win: bool,
}

impl WinFilter {
    /// True when `win` passes.
    pub fn admits(&self, win: &Win) -> bool {
        self.team.is_none_or(|t| win.team == Some(t))
            && self.kind.is_none_or(|k| win.kind == k)
            && self.from.is_none_or(|d| win.achieved_on >= d)
            && self.to.is_none_or(|d| win.achieved_on <= d)
            && (!self.unrecognised_only || win.recognitions == 0)
    }
}

/// One row of the wins log, as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct WinLine {
    /// The win.
    pub id: WinId,
    /// Its kind.
    pub kind: WinKind,
    /// "20 Apr 2026".
    pub date: String,
    /// The team or people.
    pub who: String,
    /// The title.
    pub title: String,
    /// The indicator's name (empty for hand-entered wins).
    pub indicator: String,
    /// The plain explanation.
    pub explanation: String,
    /// The evidence, one "2026-W17: 91%" per value.
    pub evidence: Vec<String>,
    /// Times recognised.
    pub recognitions: u32,
    /// False when later data no longer show it.
    pub holds: bool,
    /// Other wins of the same team and kind, grouped under this one.
    pub more: usize,
}

/// The wins log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WinsView {
    /// Every win, newest first.
    pub all: Vec<Win>,
    /// The filter in force.
    pub filter: WinFilter,
    /// The rows that pass the filter.
    pub lines: Vec<WinLine>,
    /// How many wins are not yet recognised.
    pub unrecognised: usize,
    /// Successive improving periods that make a streak.
    pub streak_length: usize,
    /// Every series is being looked through for new wins (on another thread).
    pub looking: bool,
    teams: Vec<Team>,
    indicators: Vec<Indicator>,
}

impl WinsView {
    /// Builds the log from every win.
    pub fn new(
        all: Vec<Win>,
        teams: Vec<Team>,
        indicators: Vec<Indicator>,
        filter: WinFilter,
        streak_length: usize,
    ) -> WinsView {
        let mut view = WinsView {
            unrecognised: all.iter().filter(|w| w.recognitions == 0).count(),
            all,
            filter,
            lines: Vec::new(),
            streak_length,
            looking: false,
            teams,
            indicators,
        };
        view.set_filter(view.filter.clone());
        view
    }

    /// Applies another filter.
    pub fn set_filter(&mut self, filter: WinFilter) {
        self.filter = filter;
        let mut passing: Vec<&Win> = self.all.iter().filter(|w| self.filter.admits(w)).collect();
        // Most recent first; grouped, the most significant kinds first.
        passing.sort_by(|a, b| b.achieved_on.cmp(&a.achieved_on).then(b.id.0.cmp(&a.id.0)));
        if self.filter.every_win {
            self.lines = passing.iter().map(|w| self.line(w, 0)).collect();
            return;
        }
        let mut groups: Vec<(&Win, usize)> = Vec::new();
        let mut at: std::collections::HashMap<(Option<TeamId>, WinKind, String), usize> =
            std::collections::HashMap::new();
        for w in passing {
            let key = (
                w.team,
                w.kind,
                if w.team.is_none() {
                    w.people.clone()
                } else {
                    String::new()
                },
            );
            match at.get(&key) {
                Some(&i) => groups[i].1 += 1,
                None => {
                    at.insert(key, groups.len());
                    groups.push((w, 0));
                }
            }
        }
        groups.sort_by(|(a, _), (b, _)| {
            a.kind
                .significance()
                .cmp(&b.kind.significance())
                .then(b.achieved_on.cmp(&a.achieved_on))
        });
        self.lines = groups.iter().map(|(w, more)| self.line(w, *more)).collect();
    }

    /// The team's name (or the people) a win belongs to.
    pub fn who(&self, win: &Win) -> String {
        crate::domain::win::who(win, &self.teams)
    }

    fn line(&self, w: &Win, more: usize) -> WinLine {
        let ind = w
            .indicator
            .and_then(|i| self.indicators.iter().find(|x| x.id == i));
        let evidence = w
            .evidence
            .iter()
            .map(|e| match ind {
                Some(i) => {
                    let label = Period {
                        start: e.period,
                        frequency: i.frequency,
                    }
                    .label();
                    let unit = if i.unit.trim() == "%" { "%" } else { "" };
                    format!(
                        "{label}: {}{unit}",
                        format_number(e.value, usize::from(i.decimals).max(1))
                    )
                }
                None => format!("{}: {}", e.period, format_number(e.value, 2)),
            })
            .collect();
        WinLine {
            id: w.id,
            kind: w.kind,
            date: w.achieved_on.format("%-d %b %Y").to_string(),
            who: self.who(w),
            title: w.title.clone(),
            indicator: ind.map(|i| i.name.clone()).unwrap_or_default(),
            explanation: w.explanation.clone(),
            evidence,
            recognitions: w.recognitions,
            holds: w.holds,
            more,
        }
    }
}

/// One recognition on the wall.
#[derive(Clone, Debug, PartialEq)]
pub struct WallEntry {
    /// "20 Apr 2026".
    pub date: String,
    /// Who received it.
    pub recipients: String,
    /// What for.
    pub achievement: String,
    /// Who signed.
    pub signer: String,
    /// The files written.
    pub files: Vec<String>,
}

/// The wall of recognition: recognitions grouped by team, so peers see who
/// was recognised for what.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WallView {
    /// (team or "People", its recognitions newest first), most recognised first.
    pub groups: Vec<(String, Vec<WallEntry>)>,
    /// How many recognitions in all.
    pub total: usize,
}

impl WallView {
    /// Groups `recognitions` by team.
    pub fn new(recognitions: &[Recognition], teams: &[Team]) -> WallView {
        let mut groups: Vec<(String, Vec<WallEntry>)> = Vec::new();
        for r in recognitions {
            let name = r
                .team
                .and_then(|t| teams.iter().find(|x| x.id == t))
                .map_or_else(
                    || "People and the whole agency".to_owned(),
                    |t| t.name.clone(),
                );
            let entry = WallEntry {
                date: r.date.format("%-d %b %Y").to_string(),
                recipients: r.recipients.clone(),
                achievement: r.achievement.clone(),
                signer: r.signer.clone(),
                files: r.files.clone(),
            };
            match groups.iter_mut().find(|(n, _)| *n == name) {
                Some((_, list)) => list.push(entry),
                None => groups.push((name, vec![entry])),
            }
        }
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        WallView {
            total: recognitions.len(),
            groups,
        }
    }
}

/// What the certificate editor's fields hold (as typed).
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateDraft {
    /// The team the certificate is for (when not for people).
    pub team: Option<TeamId>,
    /// For people rather than a team.
    pub for_people: bool,
    /// The people, one per line (or separated by commas).
    pub people: String,
    /// The heading.
    pub heading: String,
    /// What it recognises.
    pub achievement: String,
    /// The date as typed (YYYY-MM-DD).
    pub date: String,
    /// The agency line.
    pub agency: String,
    /// Who signs.
    pub signer_name: String,
    /// Their title.
    pub signer_title: String,
    /// The design.
    pub layout: CertificateLayout,
    /// The paper.
    pub paper: Paper,
}

/// A rendered preview for the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Premultiplied RGBA.
    pub rgba: Arc<Vec<u8>>,
    /// Changes whenever the picture does (the window reloads its texture).
    pub version: u64,
}

/// The certificate editor.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateEditor {
    /// The win being recognised, if any.
    pub win: Option<WinId>,
    /// The fields.
    pub draft: CertificateDraft,
    /// The logo kept in the workbook, if any.
    pub logo: Option<Logo>,
    /// The laid-out certificate (with its problems).
    pub certificate: Certificate,
    /// The preview picture.
    pub preview: Option<Preview>,
    /// The preview is older than the fields (it is redrawn shortly after typing stops).
    pub preview_due: bool,
    /// Team names, for the recipient.
    pub teams: Vec<Team>,
}

/// Pixels per point of the preview.
pub const PREVIEW_SCALE: f32 = 0.9;

impl CertificateEditor {
    /// The certificate as it would be printed now.
    pub fn spec(&self) -> CertificateSpec {
        spec_from_draft(&self.draft, &self.teams, self.logo.clone()).0
    }

    /// Re-lays out the certificate after an edit (the preview follows later).
    pub fn relayout(&mut self) {
        let (spec, mut problems) = spec_from_draft(&self.draft, &self.teams, self.logo.clone());
        let mut certificate = layout_certificate(&spec);
        problems.append(&mut certificate.problems);
        certificate.problems = problems;
        self.certificate = certificate;
        self.preview_due = true;
    }

    /// Draws the preview now.
    pub fn render_preview(&mut self) {
        self.preview_due = false;
        let version = self.preview.as_ref().map_or(1, |p| p.version + 1);
        match crate::export::render::pixels(&self.certificate.svg, PREVIEW_SCALE) {
            Ok(p) => {
                self.preview = Some(Preview {
                    width: p.width as usize,
                    height: p.height as usize,
                    rgba: Arc::new(p.rgba),
                    version,
                });
            }
            Err(e) => {
                self.preview = None;
                self.certificate
                    .problems
                    .push(format!("The preview could not be drawn: {e}"));
            }
        }
    }

    /// The team the recognition goes to (for the wall).
    pub fn team(&self) -> Option<TeamId> {
        self.draft.team
    }
}

/// The printable certificate from the fields, and problems with what was typed.
pub fn spec_from_draft(
    d: &CertificateDraft,
    teams: &[Team],
    logo: Option<Logo>,
) -> (CertificateSpec, Vec<String>) {
    let mut problems = Vec::new();
    let recipients = if d.for_people {
        join_names(&split_names(&d.people))
    } else {
        d.team
            .and_then(|t| teams.iter().find(|x| x.id == t))
            .map(|t| t.name.clone())
            .unwrap_or_default()
    };
    let date = match parse_typed_date(&d.date) {
        Ok(date) => date,
        Err(e) => {
            problems.push(format!("Date: {e}."));
            chrono::Local::now().date_naive()
        }
    };
    (
        CertificateSpec {
            text: CertificateText {
                heading: d.heading.clone(),
                recipients,
                achievement: d.achievement.clone(),
                date,
                agency: d.agency.clone(),
                signer_name: d.signer_name.clone(),
                signer_title: d.signer_title.clone(),
            },
            layout: d.layout,
            paper: d.paper,
            logo,
        },
        problems,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::win::Evidence;

    fn win(id: i64, team: Option<i64>, kind: WinKind, on: (i32, u32, u32), recognised: u32) -> Win {
        Win {
            id: WinId(id),
            kind,
            team: team.map(TeamId),
            indicator: None,
            people: String::new(),
            achieved_on: NaiveDate::from_ymd_opt(on.0, on.1, on.2).unwrap(),
            title: format!("win {id}"),
            explanation: String::new(),
            achievement: String::new(),
            evidence: vec![Evidence {
                period: NaiveDate::from_ymd_opt(on.0, on.1, on.2).unwrap(),
                value: 1.0,
            }],
            holds: true,
            recognitions: recognised,
        }
    }

    fn team(id: i64, name: &str) -> Team {
        Team {
            id: TeamId(id),
            name: name.into(),
            contact: String::new(),
            archived: false,
        }
    }

    #[test]
    fn filters_combine() {
        let all = vec![
            win(1, Some(1), WinKind::Streak, (2026, 3, 1), 0),
            win(2, Some(2), WinKind::Streak, (2026, 4, 1), 1),
            win(3, Some(1), WinKind::TargetMet, (2026, 5, 1), 0),
        ];
        let mut v = WinsView::new(
            all,
            vec![team(1, "North"), team(2, "South")],
            vec![],
            WinFilter::default(),
            4,
        );
        assert_eq!(v.lines.len(), 3);
        assert_eq!(v.unrecognised, 2);
        v.set_filter(WinFilter {
            team: Some(TeamId(1)),
            ..WinFilter::default()
        });
        // The target met leads, then the streak.
        assert_eq!(v.lines.iter().map(|l| l.id.0).collect::<Vec<_>>(), [3, 1]);
        v.set_filter(WinFilter {
            unrecognised_only: true,
            kind: Some(WinKind::Streak),
            ..WinFilter::default()
        });
        assert_eq!(v.lines.iter().map(|l| l.id.0).collect::<Vec<_>>(), [1]);
        v.set_filter(WinFilter {
            from: NaiveDate::from_ymd_opt(2026, 3, 15),
            to: NaiveDate::from_ymd_opt(2026, 4, 30),
            ..WinFilter::default()
        });
        assert_eq!(v.lines.iter().map(|l| l.id.0).collect::<Vec<_>>(), [2]);
        assert_eq!(v.lines[0].who, "South");
    }

    #[test]
    fn wins_group_per_team_and_kind_with_the_most_significant_first() {
        let mut all: Vec<Win> = (1..=30)
            .map(|i| win(i, Some(1), WinKind::PersonalBest, (2026, 1, i as u32), 0))
            .collect();
        all.push(win(40, Some(2), WinKind::TargetMet, (2025, 6, 1), 0));
        all.push(win(41, Some(1), WinKind::Streak, (2026, 2, 1), 0));
        let mut v = WinsView::new(
            all,
            vec![team(1, "North"), team(2, "South")],
            vec![],
            WinFilter::default(),
            4,
        );
        let rows: Vec<(i64, usize)> = v.lines.iter().map(|l| (l.id.0, l.more)).collect();
        // Target met first (though oldest), then the streak, then North's
        // latest personal best with the 29 earlier under it.
        assert_eq!(rows, [(40, 0), (41, 0), (30, 29)]);
        v.set_filter(WinFilter {
            every_win: true,
            ..WinFilter::default()
        });
        assert_eq!(v.lines.len(), 32);
        assert_eq!(v.lines[0].id.0, 41, "most recent first");
    }

    #[test]
    fn the_wall_groups_by_team_most_recognised_first() {
        let r = |team: Option<i64>, who: &str| Recognition {
            id: crate::domain::RecognitionId(1),
            win: None,
            team: team.map(TeamId),
            recipients: who.into(),
            achievement: "for it".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            signer: "D".into(),
            files: vec![],
            recorded_at: String::new(),
        };
        let wall = WallView::new(
            &[
                r(Some(1), "North"),
                r(Some(2), "South"),
                r(Some(2), "South"),
                r(None, "Ana"),
            ],
            &[team(1, "North"), team(2, "South")],
        );
        let names: Vec<&str> = wall.groups.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["South", "North", "People and the whole agency"]);
        assert_eq!(wall.total, 4);
    }

    #[test]
    fn a_draft_for_people_joins_their_names_and_a_bad_date_is_said() {
        let d = CertificateDraft {
            team: Some(TeamId(1)),
            for_people: true,
            people: "Ana Ruiz\nBo Chen, Cy Diaz".into(),
            heading: "Certificate of Recognition".into(),
            achievement: "For the winter blitz.".into(),
            date: "2026-02-30".into(),
            agency: "Riverton".into(),
            signer_name: String::new(),
            signer_title: String::new(),
            layout: CertificateLayout::Classic,
            paper: Paper::A4,
        };
        let (spec, problems) = spec_from_draft(&d, &[team(1, "North")], None);
        assert_eq!(spec.text.recipients, "Ana Ruiz, Bo Chen & Cy Diaz");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("Date: "));
        let (spec, _) = spec_from_draft(
            &CertificateDraft {
                for_people: false,
                ..d
            },
            &[team(1, "North")],
            None,
        );
        assert_eq!(spec.text.recipients, "North");
    }
}
