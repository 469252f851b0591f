//! Stat meetings and operational capacity (practices 5, 6 and 8).

use std::collections::HashMap;

use chrono::NaiveDate;
use egui_kittest::kittest::{By, Queryable};
use ratchet::analysis::agenda::AgendaLimits;
use ratchet::analysis::integrity::Finding;
use ratchet::app::meetings::view::MeetingView;
use ratchet::app::{Locations, RatchetApp, Screen};
use ratchet::domain::IndicatorSpec;
use ratchet::domain::capacity::{NeedCategory, NeedStatus, NewNeed};
use ratchet::domain::integrity::{FlagStatus, Rule, Severity};
use ratchet::domain::meeting::{FollowUpStatus, ItemKind, Links, MeetingId, NewFollowUp};
use ratchet::domain::win::ManualWin;
use ratchet::domain::{Cell, Direction, Frequency, IndicatorId, TargetValues, TeamId};
use ratchet::export::meeting_docs::{briefing_pages, memo_document, memo_text};
use ratchet::ops::meetings::{agenda_drafts, briefing_input, create_meeting, memo_input};
use ratchet::storage::Workbook;

use crate::support::{click, harness, settle, temp, type_into};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Crafted {
    wb: Workbook,
    behind: TeamId,
    ahead: TeamId,
    ind: IndicatorId,
}

/// Two teams on a monthly indicator with a target (70 → 90 over 2025):
/// "Behind" stays at 70 (off track), "Ahead" follows the path.
fn crafted(dir: &std::path::Path) -> Crafted {
    let mut wb = Workbook::create(&dir.join("m.ratchet")).unwrap();
    wb.set_agency(&ratchet::domain::Agency {
        name: "Parks".into(),
        leader_name: "Dana".into(),
        leader_title: "Director".into(),
    })
    .unwrap();
    let behind = wb.add_team("Behind", "").unwrap();
    let ahead = wb.add_team("Ahead", "").unwrap();
    let ind = wb
        .add_indicator(&IndicatorSpec::simple(
            "Playgrounds open",
            "%",
            Direction::Higher,
            Frequency::Month,
        ))
        .unwrap();
    wb.set_indicator_target(
        ind,
        None,
        &TargetValues {
            baseline_value: 70.0,
            baseline_date: d(2025, 1, 1),
            target_value: 90.0,
            deadline: d(2026, 1, 1),
        },
    )
    .unwrap();
    for m in 1..=6u32 {
        for (team, v) in [
            (behind, 70.0),
            (ahead, 70.0 + f64::from(m) * 20.0 / 12.0 + 0.5),
        ] {
            wb.set_value(
                Cell {
                    indicator: ind,
                    team,
                    period_start: d(2025, m, 1),
                },
                Some(v),
                "",
                "entry",
            )
            .unwrap();
        }
    }
    Crafted {
        wb,
        behind,
        ahead,
        ind,
    }
}

fn finding(team: TeamId, ind: IndicatorId, key: &str, severity: Severity) -> Finding {
    Finding {
        rule: Rule::Smoothness,
        indicator: Some(ind),
        team: Some(team),
        key: key.into(),
        severity,
        title: format!("flag {key}"),
        explanation: String::new(),
        evidence: vec![],
        fingerprint: "x".into(),
    }
}

#[test]
fn the_agenda_holds_exactly_what_is_open_and_resolving_a_follow_up_moves_it_off() {
    let dir = temp();
    let Crafted {
        mut wb,
        behind,
        ahead,
        ind,
    } = crafted(dir.path());
    // Flags: one open warning, one explained, one note (stays in the panel).
    let findings = [
        finding(behind, ind, "open", Severity::Warning),
        finding(behind, ind, "settled", Severity::Warning),
        finding(behind, ind, "note", Severity::Note),
    ];
    wb.record_findings(&findings, None, &|_, _, _| false, d(2025, 7, 1))
        .unwrap();
    let settled = wb
        .flags()
        .unwrap()
        .into_iter()
        .find(|f| f.key == "settled")
        .unwrap();
    wb.set_flag_status(settled.id, FlagStatus::Explained, "A new counting method")
        .unwrap();
    // Wins: one unrecognised and recent, one recognised.
    let recent = wb
        .add_manual_win(&ManualWin {
            team: Some(behind),
            people: String::new(),
            achieved_on: Some(d(2025, 7, 2)),
            description: "Reopened the park".into(),
        })
        .unwrap();
    let old = wb
        .add_manual_win(&ManualWin {
            team: Some(ahead),
            people: String::new(),
            achieved_on: Some(d(2025, 7, 3)),
            description: "Fixed the swings".into(),
        })
        .unwrap();
    wb.record_recognition(&ratchet::storage::NewRecognition {
        win: Some(old),
        team: Some(ahead),
        recipients: "Ahead".into(),
        achievement: "Swings".into(),
        date: d(2025, 7, 4),
        signer: "Dana".into(),
        files: vec![],
    })
    .unwrap();
    // Needs: one requested, one approved.
    let pending = wb
        .add_need(&NewNeed {
            team: Some(behind),
            category: NeedCategory::Staff,
            description: "Two more gardeners".into(),
            requested_on: Some(d(2025, 6, 1)),
            ..NewNeed::default()
        })
        .unwrap();
    let approved = wb
        .add_need(&NewNeed {
            team: Some(ahead),
            category: NeedCategory::Equipment,
            description: "A mower".into(),
            requested_on: Some(d(2025, 6, 1)),
            ..NewNeed::default()
        })
        .unwrap();
    wb.set_need_status(approved, NeedStatus::Approved, "", d(2025, 6, 10))
        .unwrap();
    // An earlier meeting with two follow-ups, one already done.
    let first = wb.create_meeting(d(2025, 6, 20), "June", &[], &[]).unwrap();
    let follow = |text: &str, due| NewFollowUp {
        text: text.into(),
        owner: "Rosa".into(),
        due: Some(due),
        links: Links {
            team: Some(behind),
            ..Links::default()
        },
    };
    let open = wb
        .add_follow_up(first, None, &follow("Send the rota", d(2025, 7, 1)))
        .unwrap();
    let done = wb
        .add_follow_up(first, None, &follow("Order signs", d(2025, 7, 1)))
        .unwrap();
    wb.resolve_follow_up(done, FollowUpStatus::Done, first, "Ordered")
        .unwrap();

    let items = agenda_drafts(&wb, d(2025, 7, 10), &[], AgendaLimits::default()).unwrap();
    let of = |k: ItemKind| {
        items
            .iter()
            .filter(|i| i.kind == k)
            .map(|i| i.links)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of(ItemKind::FollowUp)
            .iter()
            .map(|l| l.follow_up)
            .collect::<Vec<_>>(),
        [Some(open)]
    );
    assert!(items[0].title.contains("overdue"), "{}", items[0].title);
    assert_eq!(
        of(ItemKind::Behind)
            .iter()
            .map(|l| l.team)
            .collect::<Vec<_>>(),
        [Some(behind)],
        "only the team behind"
    );
    let flag_keys: Vec<String> = of(ItemKind::Flag)
        .iter()
        .filter_map(|l| l.flag)
        .map(|id| {
            wb.flags()
                .unwrap()
                .into_iter()
                .find(|f| f.id == id)
                .unwrap()
                .key
        })
        .collect();
    assert_eq!(flag_keys, ["open"]);
    assert_eq!(
        of(ItemKind::Win).iter().map(|l| l.win).collect::<Vec<_>>(),
        [Some(recent)]
    );
    assert_eq!(
        of(ItemKind::Need)
            .iter()
            .map(|l| l.need)
            .collect::<Vec<_>>(),
        [Some(pending)]
    );

    // The second meeting resolves the follow-up; the third's agenda no longer has it.
    let second = create_meeting(
        &mut wb,
        d(2025, 7, 10),
        "July",
        &[],
        d(2025, 7, 10),
        AgendaLimits::default(),
    )
    .unwrap();
    wb.resolve_follow_up(open, FollowUpStatus::Done, second, "Sent on the 8th")
        .unwrap();
    let third = agenda_drafts(&wb, d(2025, 8, 10), &[], AgendaLimits::default()).unwrap();
    assert!(third.iter().all(|i| i.links.follow_up != Some(open)));
    // The first meeting still shows it as it stood: open.
    let dates: HashMap<MeetingId, NaiveDate> = wb
        .meetings()
        .unwrap()
        .into_iter()
        .map(|(m, d, _)| (m, d))
        .collect();
    let view = MeetingView::new(
        wb.meeting(first).unwrap().unwrap(),
        &wb.follow_ups().unwrap(),
        &dates,
        &wb.teams().unwrap(),
    );
    let then = view.raised.iter().find(|f| f.follow_up.id == open).unwrap();
    assert_eq!(then.then, FollowUpStatus::Open);
    assert_eq!(
        then.follow_up.status,
        FollowUpStatus::Done,
        "and it is done now"
    );
    let view = MeetingView::new(
        wb.meeting(second).unwrap().unwrap(),
        &wb.follow_ups().unwrap(),
        &dates,
        &wb.teams().unwrap(),
    );
    assert_eq!(
        view.carried
            .iter()
            .find(|f| f.follow_up.id == open)
            .unwrap()
            .then,
        FollowUpStatus::Done
    );
}

#[test]
fn capacity_changes_are_dated_in_order_and_a_decline_needs_a_reason() {
    let dir = temp();
    let Crafted { mut wb, behind, .. } = crafted(dir.path());
    let id = wb
        .add_need(&NewNeed {
            team: Some(behind),
            category: NeedCategory::Training,
            description: "Safety course".into(),
            amount: Some(1200.0),
            requested_on: Some(d(2025, 3, 1)),
            ..NewNeed::default()
        })
        .unwrap();
    assert!(
        wb.set_need_status(id, NeedStatus::Delivered, "", d(2025, 3, 5))
            .is_err(),
        "approve first"
    );
    assert!(
        wb.set_need_status(id, NeedStatus::Approved, "", d(2025, 2, 1))
            .is_err(),
        "not before the request"
    );
    wb.set_need_status(id, NeedStatus::Approved, "", d(2025, 3, 10))
        .unwrap();
    wb.set_need_status(id, NeedStatus::Delivered, "Course held", d(2025, 4, 2))
        .unwrap();
    let need = wb
        .needs()
        .unwrap()
        .into_iter()
        .find(|n| n.id == id)
        .unwrap();
    let steps: Vec<(NeedStatus, NaiveDate)> =
        need.history.iter().map(|e| (e.status, e.on)).collect();
    assert_eq!(
        steps,
        [
            (NeedStatus::Requested, d(2025, 3, 1)),
            (NeedStatus::Approved, d(2025, 3, 10)),
            (NeedStatus::Delivered, d(2025, 4, 2))
        ]
    );
    let other = wb
        .add_need(&NewNeed {
            team: Some(behind),
            description: "A third van".into(),
            ..NewNeed::default()
        })
        .unwrap();
    let e = wb
        .set_need_status(other, NeedStatus::Declined, "  ", d(2030, 1, 1))
        .unwrap_err();
    assert!(e.to_string().contains("why"), "{e}");
    wb.set_need_status(
        other,
        NeedStatus::Declined,
        "No budget this year",
        d(2030, 1, 1),
    )
    .unwrap();
    let declined = wb
        .needs()
        .unwrap()
        .into_iter()
        .find(|n| n.id == other)
        .unwrap();
    assert_eq!(declined.history.last().unwrap().note, "No budget this year");
}

#[test]
fn the_memo_and_briefing_book_say_what_was_decided_and_followed_up() {
    let dir = temp();
    let Crafted { mut wb, behind, .. } = crafted(dir.path());
    let id = create_meeting(
        &mut wb,
        d(2025, 7, 10),
        "July StreetStat",
        &[behind],
        d(2025, 7, 10),
        AgendaLimits::default(),
    )
    .unwrap();
    let m = wb.meeting(id).unwrap().unwrap();
    let item = m
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Behind)
        .expect("the team behind is on the agenda")
        .id;
    wb.add_decision(item, "Move one crew to the north parks")
        .unwrap();
    wb.add_follow_up(
        id,
        Some(item),
        &NewFollowUp {
            text: "Report the new rota's effect".into(),
            owner: "Rosa Delgado".into(),
            due: Some(d(2025, 8, 1)),
            links: Links {
                team: Some(behind),
                ..Links::default()
            },
        },
    )
    .unwrap();
    let input = memo_input(&wb, id).unwrap();
    let text = memo_text(&input);
    assert!(text.contains("Move one crew to the north parks"), "{text}");
    assert!(
        text.contains("Report the new rota's effect — Rosa Delgado, due 1 August 2025"),
        "{text}"
    );
    let doc = memo_document(&input);
    assert!(doc.problems.is_empty());
    assert!(doc.svg.contains("Report the new rota") && doc.svg.contains("Rosa Delgado"));
    let pdf = dir.path().join("memo.pdf");
    doc.write(&pdf).unwrap();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let book = briefing_input(&wb, id, d(2025, 7, 10)).unwrap();
    let pages = briefing_pages(&book);
    assert_eq!(pages.len(), 2, "the agenda, then the one attending team");
    assert!(pages[0].contains("Behind: off track on Playgrounds open"));
    assert!(
        pages[1].contains("Report the new rota"),
        "the team's open follow-up is in its page"
    );
    assert!(
        pages[1].contains("2nd of 2 on Playgrounds open"),
        "its league position: {}",
        pages[1]
            .split("<text")
            .filter(|t| t.contains("Playgrounds"))
            .collect::<Vec<_>>()
            .join("|")
    );
    // From the command line: the agenda prints, the memo writes text.
    let out = crate::support::ratchet_command()
        .args([
            "agenda",
            wb.path().to_str().unwrap(),
            "--meeting",
            "2025-07-10",
        ])
        .output()
        .unwrap();
    let agenda = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success()
            && agenda.contains("Teams off track or at risk")
            && agenda.contains("Behind: off track"),
        "{agenda}"
    );
    let txt = dir.path().join("memo.txt");
    let out = crate::support::ratchet_command()
        .args([
            "memo",
            wb.path().to_str().unwrap(),
            "--meeting",
            "2025-07-10",
            "--out",
            txt.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(&txt)
            .unwrap()
            .contains("Move one crew to the north parks")
    );
}

/// Clicks the agenda row whose label starts with `row` ("N. title").
fn select_agenda_item(h: &mut egui_kittest::Harness<'_, RatchetApp>, row: &str) {
    h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains(row),
    )
    .click();
    settle(h);
}

#[test]
fn a_follow_up_is_raised_in_one_meeting_and_resolved_in_the_next_from_the_window() {
    let dir = temp();
    let c = crafted(dir.path());
    let path = c.wb.path().to_owned();
    let (behind, ind) = (c.behind, c.ind);
    drop(c);
    let mut h = harness(RatchetApp::new(
        Locations::under(dir.path()),
        Some(path.clone()),
    ));
    settle(&mut h);
    click(&mut h, "Stat meetings");
    assert_eq!(h.state().view().screen, Screen::Meetings);
    // First meeting.
    h.get_by_label("Meeting date").focus();
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Meeting date").type_text("2025-07-10");
    settle(&mut h);
    click(&mut h, "Create the meeting and its agenda");
    assert_eq!(h.state().view().screen, Screen::Meeting);
    let view = h.state().workbook_view().unwrap().meeting.clone().unwrap();
    let n = view
        .meeting
        .items
        .iter()
        .position(|i| i.kind == ItemKind::Behind)
        .unwrap()
        + 1;
    let title = view.meeting.items[n - 1].title.clone();
    // The agenda is a list; the item chosen in it is shown in full below.
    let before = view.meeting.items.len();
    type_into(&mut h, "Add to the agenda", "Winter rota");
    click(&mut h, "Add item");
    let items = &h
        .state()
        .workbook_view()
        .unwrap()
        .meeting
        .as_ref()
        .unwrap()
        .meeting
        .items;
    assert_eq!(items.len(), before + 1);
    assert_eq!(items[before].title, "Winter rota");
    assert_eq!(n, 1, "the crafted agenda opens on the Behind item");
    // ↓ moves through the agenda; only the selected item is shown in full.
    h.key_press(egui::Key::ArrowDown);
    settle(&mut h);
    assert!(
        h.query_by_label(&format!("Decision on item {}", n + 1))
            .is_some()
    );
    assert!(h.query_by_label(&format!("Decision on item {n}")).is_none());
    select_agenda_item(&mut h, &format!("{n}. {title}"));
    type_into(
        &mut h,
        &format!("Decision on item {n}"),
        "Lend Behind a crew for a month",
    );
    click(&mut h, &format!("Record decision {n}"));
    type_into(
        &mut h,
        &format!("Follow-up on item {n}"),
        "Report the loan's effect",
    );
    type_into(&mut h, &format!("Owner of follow-up on item {n}"), "Rosa");
    type_into(
        &mut h,
        &format!("Due date of follow-up on item {n}"),
        "2025-08-01",
    );
    click(&mut h, &format!("Add follow-up on item {n}"));
    let wb = Workbook::open(&path).unwrap();
    let first = wb.meetings().unwrap()[0].0;
    let fu = wb.follow_ups().unwrap();
    assert_eq!(fu.len(), 1);
    assert_eq!(
        (fu[0].text.as_str(), fu[0].owner.as_str(), fu[0].due),
        ("Report the loan's effect", "Rosa", d(2025, 8, 1))
    );
    assert_eq!(fu[0].links.team, Some(behind));
    assert_eq!(fu[0].links.indicator, Some(ind));
    let m = wb.meeting(first).unwrap().unwrap();
    assert!(
        m.items
            .iter()
            .any(|i| i.decisions == ["Lend Behind a crew for a month"])
    );
    drop(wb);
    // Second meeting: the follow-up is on the agenda; resolve it there.
    click(&mut h, "← Meetings");
    h.get_by_label("Meeting date").focus();
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Meeting date").type_text("2025-08-05");
    settle(&mut h);
    click(&mut h, "Create the meeting and its agenda");
    let view = h.state().workbook_view().unwrap().meeting.clone().unwrap();
    assert!(
        view.meeting.items.iter().any(
            |i| i.kind == ItemKind::FollowUp && i.title.starts_with("Report the loan's effect")
        )
    );
    let items = &view.meeting.items;
    let k = items
        .iter()
        .position(|i| i.kind == ItemKind::FollowUp)
        .unwrap();
    let row = format!("{}. {}", k + 1, items[k].title);
    select_agenda_item(&mut h, &row);
    type_into(
        &mut h,
        "How \"Report the loan's effect\" was resolved",
        "Up 6 points in July",
    );
    click(&mut h, "Done: Report the loan's effect");
    let view = h.state().workbook_view().unwrap().meeting.clone().unwrap();
    let carried = view
        .carried
        .iter()
        .find(|f| f.follow_up.text == "Report the loan's effect")
        .unwrap();
    assert_eq!(carried.then, FollowUpStatus::Done);
    let wb = Workbook::open(&path).unwrap();
    let fu = &wb.follow_ups().unwrap()[0];
    assert_eq!(fu.status, FollowUpStatus::Done);
    assert_eq!(fu.resolution, "Up 6 points in July");
    assert_eq!(
        fu.resolved_at,
        Some(wb.meetings().unwrap()[0].0),
        "resolved at the second meeting"
    );
}

#[test]
fn a_capacity_need_moves_from_requested_to_delivered_in_the_window() {
    let dir = temp();
    let c = crafted(dir.path());
    let path = c.wb.path().to_owned();
    drop(c);
    let mut h = harness(RatchetApp::new(
        Locations::under(dir.path()),
        Some(path.clone()),
    ));
    settle(&mut h);
    click(&mut h, "Operational capacity");
    assert_eq!(h.state().view().screen, Screen::Capacity);
    click(&mut h, "Record a need");
    h.get_by_label("Team in need").click();
    settle(&mut h);
    // The open list's entry (the grid above also names the team).
    h.get_all_by_label("Behind").last().unwrap().click();
    settle(&mut h);
    type_into(&mut h, "What is needed", "A second mower");
    click(&mut h, "Record the need");
    let id = Workbook::open(&path).unwrap().needs().unwrap()[0].id;
    click(&mut h, &format!("Approve need {id}"));
    click(&mut h, &format!("Mark delivered need {id}"));
    let need = Workbook::open(&path)
        .unwrap()
        .needs()
        .unwrap()
        .into_iter()
        .find(|n| n.id == id)
        .unwrap();
    assert_eq!(need.status, NeedStatus::Delivered);
    assert_eq!(
        need.history.iter().map(|e| e.status).collect::<Vec<_>>(),
        [
            NeedStatus::Requested,
            NeedStatus::Approved,
            NeedStatus::Delivered
        ]
    );
}

#[test]
fn a_briefing_book_made_before_anyone_opened_the_checks_lists_the_flags() {
    let dir = temp();
    let path = dir.path().join("s.ratchet");
    let mut wb = ratchet::ops::sample::create_sample(&path).unwrap();
    assert!(wb.flags().unwrap().is_empty(), "nobody has run the checks");
    let today = d(2026, 12, 5);
    let line = ratchet::ops::meetings::checks_line(&wb, today).unwrap();
    assert_eq!(
        line,
        "The integrity checks have not been run on this workbook."
    );
    let id = create_meeting(
        &mut wb,
        today,
        "StreetStat",
        &[],
        today,
        AgendaLimits::default(),
    )
    .unwrap();
    let book = briefing_input(&wb, id, today).unwrap();
    assert_eq!(book.checks, "Integrity checks as of 5 December 2026.");
    let listed: usize = book.teams.iter().map(|t| t.flags.len()).sum();
    assert!(listed > 0, "the sample's planted flags are listed");
    let agenda_flags = wb
        .meeting(id)
        .unwrap()
        .unwrap()
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Flag)
        .count();
    assert!(agenda_flags > 0, "and on the agenda");
    // A value changed afterwards: the next document says so until the checks run again.
    let ind = wb.indicators().unwrap()[0].id;
    let team = wb.teams().unwrap()[0].id;
    let cell = ratchet::domain::Cell {
        indicator: ind,
        team,
        period_start: wb.series(ind, team).unwrap().last().unwrap().0,
    };
    wb.set_value(cell, Some(1.0), "", "entry").unwrap();
    let line = ratchet::ops::meetings::checks_line(&wb, today).unwrap();
    assert!(line.contains("have changed since"), "{line}");
    let pages = briefing_pages(&briefing_input(&wb, id, today).unwrap());
    assert!(pages[1].contains("have changed since"));
}

#[test]
fn every_team_off_track_is_chosen_as_attendees_in_one_click() {
    use ratchet::analysis::progress::Status;
    let dir = temp();
    let mut h = crate::support::sample_window(dir.path());
    click(&mut h, "Stat meetings");
    let standing = h.state().workbook_view().unwrap().setup.standing.clone();
    let mut off_track: Vec<_> = standing
        .iter()
        .filter(|(_, s)| *s == Status::OffTrack)
        .map(|(t, _)| *t)
        .collect();
    let all = standing.len();
    assert!(
        !off_track.is_empty() && off_track.len() < all,
        "a mix of standings: {standing:?}"
    );
    h.get_by_label_contains(&format!("Teams: none chosen (all attend of {all})"));
    click(&mut h, "Off track");
    h.get_by_label_contains(&format!("Teams: {} of {all} chosen", off_track.len()));
    click(&mut h, "Create the meeting and its agenda");
    let wb = crate::support::open_workbook(&h);
    let (id, _, _) = wb.meetings().unwrap()[0].clone();
    let mut attending = wb.meeting(id).unwrap().unwrap().teams;
    attending.sort();
    off_track.sort();
    assert_eq!(attending, off_track);
    // Searching narrows the list; All chooses what is listed.
    click(&mut h, "Stat meetings");
    type_into(&mut h, "Find a team", "harbor");
    click(&mut h, "All");
    h.get_by_label_contains(&format!("Teams: 1 of {all} chosen"));
}

#[test]
fn an_agenda_takes_a_few_recent_flags_per_team_and_counts_the_rest() {
    use ratchet::domain::integrity::{Rule, Severity};
    let dir = temp();
    let c = crafted(dir.path());
    let mut wb = c.wb;
    let ind = c.ind;
    let behind = c.behind;
    // Ten warnings on the team that is behind: five recent, five from 2022.
    let findings: Vec<Finding> = (0..10)
        .map(|k| {
            let day = if k < 5 {
                d(2025, 6, 2 + k)
            } else {
                d(2022, 3, 1 + k)
            };
            Finding {
                rule: Rule::LateEdits,
                indicator: Some(ind),
                team: Some(behind),
                key: format!("k{k}"),
                severity: Severity::Warning,
                title: format!("flag {k}"),
                explanation: String::new(),
                evidence: vec![ratchet::domain::win::Evidence {
                    period: day,
                    value: 1.0,
                }],
                fingerprint: String::new(),
            }
        })
        .collect();
    wb.record_findings(&findings, Some(&[ind]), &|_, _, _| false, d(2025, 7, 1))
        .unwrap();
    let items = agenda_drafts(&wb, d(2025, 7, 10), &[behind], AgendaLimits::default()).unwrap();
    let flags: Vec<&str> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Flag)
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(
        flags.len(),
        4,
        "three flags and the count of the rest: {flags:?}"
    );
    assert!(
        flags
            .iter()
            .take(3)
            .all(|t| !t.contains("flag 5") && !t.contains("flag 9"))
    );
    assert!(
        flags[3].starts_with("7 more open flags set aside"),
        "{flags:?}"
    );
    // A wider limit takes more.
    let items = agenda_drafts(
        &wb,
        d(2025, 7, 10),
        &[behind],
        AgendaLimits {
            per_team: 10,
            max_age_days: 5000,
        },
    )
    .unwrap();
    assert_eq!(
        items.iter().filter(|i| i.kind == ItemKind::Flag).count(),
        10
    );
}

#[test]
fn the_briefing_book_and_memo_follow_the_paper_chosen_for_documents() {
    use ratchet::domain::certificate::Paper;
    let dir = temp();
    let path = dir.path().join("s.ratchet");
    let mut wb = ratchet::ops::sample::create_sample(&path).unwrap();
    let today = d(2026, 12, 5);
    let id = create_meeting(
        &mut wb,
        today,
        "StreetStat",
        &[],
        today,
        AgendaLimits::default(),
    )
    .unwrap();
    for paper in Paper::ALL {
        let mut defaults = wb.certificate_defaults().unwrap();
        defaults.paper = paper;
        wb.save_certificate_defaults(&defaults).unwrap();
        let (w, h) = paper.portrait();
        let book = briefing_input(&wb, id, today).unwrap();
        let pages = ratchet::export::meeting_docs::briefing_pages(&book);
        assert!(pages.len() > 1);
        for page in &pages {
            let doc = resvg::usvg::roxmltree::Document::parse(page).unwrap();
            let width: f32 = doc
                .root_element()
                .attribute("width")
                .unwrap()
                .parse()
                .unwrap();
            let height: f32 = doc
                .root_element()
                .attribute("height")
                .unwrap()
                .parse()
                .unwrap();
            assert!(
                (width - w).abs() < 0.01 && (height - h).abs() < 0.01,
                "{paper:?}"
            );
        }
        let memo = ratchet::ops::meetings::memo_input(&wb, id).unwrap();
        assert_eq!(memo.paper, paper);
    }
}
