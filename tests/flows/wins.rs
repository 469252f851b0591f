//! Wins, recognition and certificates; the framework card and poster.

use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use ratchet::app::{Locations, RatchetApp, Screen};
use ratchet::domain::IndicatorSpec;
use ratchet::domain::certificate::{CertificateLayout, CertificateText, Paper};
use ratchet::domain::win::ManualWin;
use ratchet::domain::{Cell, Direction, Frequency, IndicatorId, TargetValues, TeamId, WinKind};
use ratchet::export::card::framework_card;
use ratchet::export::certificate::{CertificateSpec, layout_certificate};
use ratchet::export::poster::mission_poster;
use ratchet::ops::recognition::{
    BatchProgress, batch_certificates, issue_certificate, spec_for_win,
};
use ratchet::ops::wins::{DetectScope, detect_wins};
use ratchet::storage::Workbook;
use resvg::usvg::roxmltree;

use crate::support::{click, harness, settle, temp, type_into};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Fixture {
    wb: Workbook,
    north: TeamId,
    open: IndicatorId,
}

/// North climbs 70 → 91 from January to June 2025 against a target of 90
/// (baseline 70): milestones at 25% (March, 75) and 50% (April, 80), a
/// streak of four improvements (May) and the target met (June). The second
/// team stays flat.
fn fixture(dir: &std::path::Path) -> Fixture {
    let mut wb = Workbook::create(&dir.join("wins.ratchet")).unwrap();
    wb.set_agency(&ratchet::domain::Agency {
        name: "Parks & <Rec>".into(),
        leader_name: "Dana O'Brien".into(),
        leader_title: "Director".into(),
    })
    .unwrap();
    wb.save_mission("Every resident within ten minutes of a safe park.", "")
        .unwrap();
    let north = wb.add_team("North", "").unwrap();
    let flat = wb.add_team("Zoë & \"Co\"", "").unwrap();
    let open = wb
        .add_indicator(&IndicatorSpec::simple(
            "Playgrounds open",
            "%",
            Direction::Higher,
            Frequency::Month,
        ))
        .unwrap();
    wb.set_indicator_target(
        open,
        None,
        &TargetValues {
            baseline_value: 70.0,
            baseline_date: d(2025, 1, 1),
            target_value: 90.0,
            deadline: d(2026, 1, 1),
        },
    )
    .unwrap();
    for (m, v) in [70.0, 72.0, 75.0, 80.0, 83.0, 91.0].into_iter().enumerate() {
        let month = m as u32 + 1;
        for (team, value) in [(north, v), (flat, 70.0)] {
            wb.set_value(
                Cell {
                    indicator: open,
                    team,
                    period_start: d(2025, month, 1),
                },
                Some(value),
                "",
                "entry",
            )
            .unwrap();
        }
    }
    Fixture { wb, north, open }
}

fn kinds(wb: &Workbook) -> Vec<(WinKind, NaiveDate, bool)> {
    let mut k: Vec<_> = wb
        .wins()
        .unwrap()
        .into_iter()
        .map(|w| (w.kind, w.achieved_on, w.holds))
        .collect();
    k.sort();
    k
}

#[test]
fn detection_records_each_win_once_and_keeps_what_the_data_no_longer_show() {
    let dir = temp();
    let mut f = fixture(dir.path());
    let first = detect_wins(&mut f.wb, DetectScope::All).unwrap();
    assert_eq!(first.added, 4);
    assert_eq!(
        kinds(&f.wb),
        [
            (WinKind::TargetMet, d(2025, 6, 1), true),
            (WinKind::Milestone, d(2025, 3, 1), true),
            (WinKind::Milestone, d(2025, 4, 1), true),
            (WinKind::Streak, d(2025, 5, 1), true),
        ]
    );
    assert!(f.wb.wins().unwrap().iter().all(|w| w.team == Some(f.north)));
    // Again: nothing new.
    let again = detect_wins(&mut f.wb, DetectScope::All).unwrap();
    assert_eq!((again.added, again.withdrawn), (0, 0));
    assert_eq!(f.wb.win_count().unwrap(), 4);

    // June corrected down to 85: not met after all, but three quarters of the way.
    let june = Cell {
        indicator: f.open,
        team: f.north,
        period_start: d(2025, 6, 1),
    };
    f.wb.set_value(june, Some(85.0), "typo", "entry").unwrap();
    let after = detect_wins(&mut f.wb, DetectScope::Series(f.open, f.north)).unwrap();
    assert_eq!((after.added, after.withdrawn), (1, 1));
    let met =
        f.wb.wins()
            .unwrap()
            .into_iter()
            .find(|w| w.kind == WinKind::TargetMet)
            .expect("the win is kept, not deleted");
    assert!(!met.holds);
    // Back to 91: the same win holds again; nothing is added twice.
    f.wb.set_value(june, Some(91.0), "it was right", "entry")
        .unwrap();
    let back = detect_wins(&mut f.wb, DetectScope::Series(f.open, f.north)).unwrap();
    assert_eq!((back.added, back.restored), (0, 1));
    assert_eq!(
        f.wb.win_count().unwrap(),
        5,
        "the 75% milestone stays in the log"
    );
}

#[test]
fn hand_entered_wins_need_who_when_and_what_and_stay_once_recognised() {
    let dir = temp();
    let mut f = fixture(dir.path());
    let bad = f.wb.add_manual_win(&ManualWin::default()).unwrap_err();
    assert!(
        bad.to_string().contains("which team or which people"),
        "{bad}"
    );
    let id =
        f.wb.add_manual_win(&ManualWin {
            team: Some(f.north),
            people: "Ana Ruiz, Bo Chen".into(),
            achieved_on: Some(d(2025, 7, 4)),
            description: "Reopened the flooded playground in a day".into(),
        })
        .unwrap();
    let w = f.wb.win(id).unwrap().unwrap();
    assert_eq!(w.kind, WinKind::Manual);
    assert_eq!(
        w.achievement, "Reopened the flooded playground in a day",
        "the words as typed"
    );
    // Recognised, it can no longer be removed.
    let spec = spec_for_win(&f.wb, &w, d(2025, 7, 10)).unwrap();
    assert_eq!(spec.text.recipients, "Ana Ruiz, Bo Chen");
    assert_eq!(spec.text.agency, "Parks & <Rec> — North");
    let out = dir.path().join("manual.pdf");
    issue_certificate(
        &mut f.wb,
        &spec,
        Some(id),
        Some(f.north),
        std::slice::from_ref(&out),
    )
    .unwrap();
    let refused = f.wb.remove_manual_win(id).unwrap_err();
    assert!(refused.to_string().contains("recognised"), "{refused}");
    // A detected win can never be removed by hand.
    detect_wins(&mut f.wb, DetectScope::All).unwrap();
    let detected =
        f.wb.wins()
            .unwrap()
            .into_iter()
            .find(|w| w.kind != WinKind::Manual)
            .unwrap();
    assert!(f.wb.remove_manual_win(detected.id).is_err());
    // An unrecognised hand-entered win can.
    let spare =
        f.wb.add_manual_win(&ManualWin {
            team: None,
            people: "Cy".into(),
            achieved_on: Some(d(2025, 8, 1)),
            description: "Typo".into(),
        })
        .unwrap();
    f.wb.remove_manual_win(spare).unwrap();
    assert!(f.wb.win(spare).unwrap().is_none());
}

fn text() -> CertificateText {
    CertificateText {
        heading: "Certificate of Recognition".into(),
        recipients: "North District Crew".into(),
        achievement: "For meeting the target of 90% on Playgrounds open in June 2025.".into(),
        date: d(2025, 7, 10),
        agency: "Parks Department".into(),
        signer_name: "Dana Okafor".into(),
        signer_title: "Director".into(),
    }
}

fn spec(text: CertificateText, layout: CertificateLayout, paper: Paper) -> CertificateSpec {
    CertificateSpec {
        text,
        layout,
        paper,
        logo: None,
    }
}

fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the certificate is well-formed SVG");
    assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_field_is_escaped_and_printed_as_typed() {
    let hostile = CertificateText {
        heading: "Award <b>&</b> \"thanks\"".into(),
        recipients: "<script>alert('x')</script>".into(),
        achievement: "For A & B < C > D \"quoted\" 'single'.".into(),
        date: d(2025, 7, 10),
        agency: "Parks & <Rec>".into(),
        signer_name: "Dana O'Brien & Co".into(),
        signer_title: "<Director>".into(),
    };
    for layout in CertificateLayout::ALL {
        let c = layout_certificate(&spec(hostile.clone(), layout, Paper::A4));
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert!(!c.svg.contains("<script>"), "{layout:?}");
        let texts = svg_texts(&c.svg);
        let all = texts.join(" ");
        for (field, value) in hostile.fields() {
            let shown = all.contains(value) || all.contains(&value.to_uppercase());
            assert!(
                shown,
                "{layout:?}: the {field} {value:?} is not printed as typed in {texts:?}"
            );
        }
    }
}

#[test]
fn a_120_character_name_fits_inside_the_border() {
    let name: String = "Zoë Ångström-Núñez & Łukasz O’Brien-Wojciechowska of the North District Pothole Rapid Response Crew, Riverton"
        .chars()
        .chain(std::iter::repeat('x'))
        .take(120)
        .collect();
    assert_eq!(name.chars().count(), 120);
    for layout in CertificateLayout::ALL {
        for paper in Paper::ALL {
            let mut t = text();
            t.recipients = name.clone();
            let c = layout_certificate(&spec(t, layout, paper));
            assert!(
                c.problems.is_empty(),
                "{layout:?} {paper:?}: {:?}",
                c.problems
            );
            let placed = c.placed("recipient").unwrap();
            assert_eq!(
                placed.lines.join(" ").replace(' ', ""),
                name.replace(' ', ""),
                "no letter lost"
            );
            let (x0, y0, x1, y1) = c.frame;
            assert!(
                placed.left >= x0 && placed.right <= x1,
                "{layout:?} {paper:?}: {placed:?} leaves {:?}",
                c.frame
            );
            assert!(placed.top >= y0 && placed.bottom <= y1);
            assert!(
                placed.left >= placed.column.0 - 0.01 && placed.right <= placed.column.1 + 0.01
            );
            assert!(placed.size >= 10.0, "still readable: {}", placed.size);
            // Nothing else was pushed out of the frame by the long name.
            for p in &c.placed {
                assert!(
                    p.bottom <= y1 && p.right <= x1,
                    "{layout:?}: {} pushed out",
                    p.field
                );
            }
        }
    }
}

#[test]
fn a_character_no_bundled_font_has_is_reported_before_export() {
    let dir = temp();
    let mut f = fixture(dir.path());
    let mut t = text();
    t.recipients = "North सड़क Crew".into();
    let s = spec(t, CertificateLayout::Classic, Paper::A4);
    let c = layout_certificate(&s);
    assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
    assert!(
        c.problems[0].contains("recipient") && c.problems[0].contains("स"),
        "{}",
        c.problems[0]
    );
    let out = dir.path().join("never.pdf");
    let e = issue_certificate(&mut f.wb, &s, None, None, std::slice::from_ref(&out)).unwrap_err();
    assert!(e.to_string().contains("स"));
    assert!(!out.exists(), "nothing written");
    assert!(f.wb.recognitions().unwrap().is_empty(), "nothing recorded");
    // Greek and Cyrillic are fine.
    let mut t = text();
    t.recipients = "Ελένη Παπαδοπούλου & Дмитрий Иванов".into();
    assert!(
        layout_certificate(&spec(t, CertificateLayout::Modern, Paper::Letter))
            .problems
            .is_empty()
    );
    // So are Chinese, Japanese and Korean, drawn with the fallback font.
    let mut t = text();
    t.recipients = "北区道路班 · どうろ · 도로".into();
    let s = spec(t, CertificateLayout::Classic, Paper::A4);
    assert!(layout_certificate(&s).problems.is_empty());
    let out = dir.path().join("cjk.pdf");
    issue_certificate(&mut f.wb, &s, None, None, std::slice::from_ref(&out)).unwrap();
    let pdf = std::fs::read(&out).unwrap();
    assert!(String::from_utf8_lossy(&pdf).contains("DroidSansFallback"));
}

#[test]
fn certificates_are_written_as_pdf_and_png_and_recorded() {
    let dir = temp();
    let mut f = fixture(dir.path());
    let s = spec(text(), CertificateLayout::Classic, Paper::A4);
    let (pdf, png) = (dir.path().join("c.pdf"), dir.path().join("c.png"));
    issue_certificate(
        &mut f.wb,
        &s,
        None,
        Some(f.north),
        &[pdf.clone(), png.clone()],
    )
    .unwrap();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        String::from_utf8_lossy(&bytes).contains("/FontFile2"),
        "fonts are embedded"
    );
    let png = std::fs::read(&png).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    assert_eq!(width, 1684, "A4 landscape at two pixels per point");
    let r = f.wb.recognitions().unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].recipients, "North District Crew");
    assert_eq!(r[0].team, Some(f.north));
    assert_eq!(r[0].files.len(), 2);
    // A name that is not .pdf or .png is refused before anything is written.
    let e = issue_certificate(&mut f.wb, &s, None, None, &[dir.path().join("c.docx")]).unwrap_err();
    assert!(e.to_string().contains(".pdf or .png"), "{e}");
    assert_eq!(f.wb.recognitions().unwrap().len(), 1);
}

#[test]
fn the_certificate_layout_is_stable() {
    let c = layout_certificate(&spec(text(), CertificateLayout::Classic, Paper::A4));
    insta::assert_snapshot!("certificate_classic_a4", c.svg);
    let c = layout_certificate(&spec(text(), CertificateLayout::Modern, Paper::Letter));
    insta::assert_snapshot!("certificate_modern_letter", c.svg);
}

#[test]
fn a_batch_writes_one_pdf_per_win_or_nothing_when_cancelled() {
    let dir = temp();
    let mut f = fixture(dir.path());
    detect_wins(&mut f.wb, DetectScope::All).unwrap();
    let wins = f.wb.wins().unwrap();
    let folder = dir.path().join("meeting");
    let cancelled = batch_certificates(
        &mut f.wb,
        &wins,
        &folder,
        d(2025, 7, 10),
        &BatchProgress::default(),
        &AtomicBool::new(true),
    );
    assert!(cancelled.is_err());
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        0,
        "no file kept"
    );
    assert!(f.wb.recognitions().unwrap().is_empty(), "nothing recorded");

    let progress = BatchProgress::default();
    let report = batch_certificates(
        &mut f.wb,
        &wins,
        &folder,
        d(2025, 7, 10),
        &progress,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(report.written.len(), 4);
    assert_eq!(progress.done.load(std::sync::atomic::Ordering::Relaxed), 4);
    for (_, path) in &report.written {
        assert!(std::fs::read(path).unwrap().starts_with(b"%PDF-"));
        assert!(
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .contains("North")
        );
    }
    assert_eq!(f.wb.recognitions().unwrap().len(), 4);
    assert!(f.wb.wins().unwrap().iter().all(|w| w.recognitions == 1));
    // A second batch never overwrites the first one's files.
    let again = batch_certificates(
        &mut f.wb,
        &wins,
        &folder,
        d(2025, 7, 10),
        &progress,
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 8);
    assert!(
        again
            .written
            .iter()
            .all(|(_, p)| !report.written.iter().any(|(_, q)| q == p))
    );
}

#[test]
fn the_framework_card_and_poster_say_what_is_missing() {
    let dir = temp();
    let wb = Workbook::create(&dir.path().join("empty.ratchet")).unwrap();
    let card = framework_card(&wb.framework().unwrap(), Paper::A4, d(2026, 1, 1));
    assert!(card.problems.iter().any(|p| p.contains("mission")));
    assert!(card.problems.iter().any(|p| p.contains("target")));
    assert!(card.write(&dir.path().join("card.pdf")).is_err());
    assert!(!dir.path().join("card.pdf").exists());
    let poster = mission_poster(&wb.framework().unwrap(), Paper::A4);
    assert!(poster.problems.iter().any(|p| p.contains("mission")));

    let sample = ratchet::ops::sample::create_sample(&dir.path().join("s.ratchet")).unwrap();
    let f = sample.framework().unwrap();
    let card = framework_card(&f, Paper::A4, d(2026, 1, 1));
    assert!(card.problems.is_empty(), "{:?}", card.problems);
    let texts = svg_texts(&card.svg).join(" ");
    for step in &f.theory {
        assert!(
            texts.contains(step.outcome.trim()),
            "the theory step {} is on the card",
            step.outcome
        );
    }
    assert!(texts.contains("Potholes repaired within 48 hours: from 41% to 90% by 30 June 2027"));
    // The theory chain ends in the mission's own words, not a placeholder.
    let opening: String = f
        .mission
        .as_ref()
        .unwrap()
        .statement
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(texts.matches(&opening).count(), 2, "{texts}");
    assert!(!texts.contains("The mission "), "{texts}");
    let poster = mission_poster(&f, Paper::Letter);
    assert!(poster.problems.is_empty(), "{:?}", poster.problems);
    let png = dir.path().join("poster.png");
    poster.write(&png).unwrap();
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = crate::support::ratchet_command()
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_line_lists_wins_and_writes_certificates_cards_and_posters() {
    let dir = temp();
    let f = fixture(dir.path());
    let path = f.wb.path().to_owned();
    drop(f);
    let p = path.to_str().unwrap();
    let (ok, out, err) = run(&["wins", p, "--json"]);
    assert!(ok, "{err}");
    let json: serde_json::Value =
        serde_json::from_str(out.split_once('\n').map_or(&out[..], |(first, rest)| {
            if first.starts_with("Recorded") {
                rest
            } else {
                &out[..]
            }
        }))
        .unwrap();
    let wins = json.as_array().unwrap();
    assert_eq!(wins.len(), 4);
    let met = wins.iter().find(|w| w["kind"] == "TargetMet").unwrap();
    let id = met["id"].as_i64().unwrap().to_string();

    let pdf = dir.path().join("met.pdf");
    let (ok, _, err) = run(&[
        "certificate",
        p,
        "--win",
        &id,
        "--out",
        pdf.to_str().unwrap(),
        "--layout",
        "modern",
        "--date",
        "2025-07-10",
    ]);
    assert!(ok, "{err}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let (ok, _, err) = run(&[
        "certificate",
        p,
        "--win",
        "999",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(!ok && err.contains("no win 999"), "{err}");
    let (ok, _, err) = run(&[
        "certificate",
        p,
        "--win",
        &id,
        "--out",
        pdf.to_str().unwrap(),
        "--layout",
        "baroque",
    ]);
    assert!(!ok && err.contains("unknown layout"), "{err}");

    let folder = dir.path().join("batch");
    let (ok, out, err) = run(&[
        "certificates",
        p,
        "--since",
        "2025-01-01",
        "--out",
        folder.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("3 certificates written"),
        "the recognised win is left out: {out}"
    );
    let (ok, out, _) = run(&["wins", p, "--unrecognised"]);
    assert!(ok && out.contains("0 wins."), "{out}");

    // This workbook's framework has no target yet: the card says so and writes nothing.
    let card = dir.path().join("card.pdf");
    let (ok, _, err) = run(&["card", p, "--out", card.to_str().unwrap()]);
    assert!(!ok && err.contains("Set the target first"), "{err}");
    assert!(!card.exists());
    let poster = dir.path().join("poster.png");
    let (ok, _, err) = run(&[
        "poster",
        p,
        "--out",
        poster.to_str().unwrap(),
        "--paper",
        "letter",
    ]);
    assert!(ok, "{err}");
    assert!(std::fs::read(&poster).unwrap().starts_with(b"\x89PNG"));
    let sample = dir.path().join("sample.ratchet");
    ratchet::ops::sample::create_sample(&sample).unwrap();
    let (ok, _, err) = run(&[
        "card",
        sample.to_str().unwrap(),
        "--out",
        card.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(std::fs::read(&card).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_detected_win_is_recognised_from_the_window_and_found_on_the_wall() {
    let dir = temp();
    let f = fixture(dir.path());
    let path = f.wb.path().to_owned();
    drop(f);
    let mut h = harness(RatchetApp::new(
        Locations::under(dir.path()),
        Some(path.clone()),
    ));
    settle(&mut h);
    click(&mut h, "Wins");
    assert_eq!(h.state().view().screen, Screen::Wins);
    let lines = h
        .state()
        .workbook_view()
        .unwrap()
        .wins
        .as_ref()
        .unwrap()
        .lines
        .clone();
    assert_eq!(
        lines.iter().map(|l| l.more + 1).sum::<usize>(),
        4,
        "the wins were looked for on opening the screen"
    );
    assert_eq!(lines[0].title, "Target met: 90%");
    // Recognise the newest (the target met).
    h.get_all_by_label("Recognise…").next().unwrap().click();
    settle(&mut h);
    assert_eq!(h.state().view().screen, Screen::Certificate);
    let editor = h
        .state()
        .workbook_view()
        .unwrap()
        .certificate
        .clone()
        .unwrap();
    assert_eq!(editor.spec().text.recipients, "North");
    assert!(
        editor
            .draft
            .achievement
            .starts_with("For meeting the target of 90% on Playgrounds open")
    );
    assert!(editor.preview.is_some(), "the preview is drawn");
    // Edit the words.
    type_into(&mut h, "Achievement", " Well done!");
    let editor = h
        .state()
        .workbook_view()
        .unwrap()
        .certificate
        .clone()
        .unwrap();
    assert!(
        editor.draft.achievement.ends_with("Well done!"),
        "{}",
        editor.draft.achievement
    );
    assert!(editor.certificate.svg.contains("Well done!"));
    // Export to a path given here.
    let out = dir.path().join("north.pdf");
    type_into(&mut h, "or to the path", out.to_str().unwrap());
    click(&mut h, "Save to path");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    // On the wall.
    click(&mut h, "Wall of recognition");
    assert_eq!(h.state().view().screen, Screen::Wall);
    let wall = h.state().workbook_view().unwrap().wall.clone().unwrap();
    assert_eq!(wall.groups.len(), 1);
    assert_eq!(wall.groups[0].0, "North");
    assert!(wall.groups[0].1[0].achievement.ends_with("Well done!"));
    h.get_by_label_contains("Well done!");
    // The log now says it was recognised.
    let wb = Workbook::open(&path).unwrap();
    let met = wb
        .wins()
        .unwrap()
        .into_iter()
        .find(|w| w.kind == WinKind::TargetMet)
        .unwrap();
    assert_eq!(met.recognitions, 1);
}

#[test]
fn looking_through_every_series_runs_beside_the_window_and_records_each_win_once() {
    let dir = temp();
    let mut h = crate::support::sample_window(dir.path());
    // Opening the Wins screen starts the look on another thread: the call
    // returns at once, with the log shown and a spinner beside it.
    h.state_mut()
        .apply(ratchet::app::Action::Navigate(Screen::Wins));
    assert!(h.state().job_running(), "the look runs beside the window");
    let view = h.state().workbook_view().unwrap();
    assert!(view.wins.as_ref().is_some_and(|w| w.looking));
    settle(&mut h);
    let found = h.state().workbook().unwrap().wins().unwrap().len();
    assert!(found > 0, "the sample's wins are recorded");
    let view = h.state().workbook_view().unwrap();
    let log = view.wins.as_ref().unwrap();
    assert!(!log.looking);
    assert_eq!(log.all.len(), found, "the log shows what was recorded");
    // Asked again: nothing new, and said so. The look shows a spinner
    // until it is done, so the frames are stepped while it runs (on a busy
    // machine they would not settle within `Harness::run`'s step limit).
    h.get_by_label("Check for new wins").click();
    settle(&mut h);
    assert_eq!(h.state().workbook().unwrap().wins().unwrap().len(), found);
    h.get_by_label_contains("No new wins.");
}
