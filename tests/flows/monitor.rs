//! Monitoring: the dashboard's HTML and PDF, its SVG layout, and the
//! progress, league and XmR screens in the window.

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use ratchet::app::{Action, Locations, MonitorAction, RatchetApp, Screen};
use ratchet::domain::IndicatorSpec;
use ratchet::domain::{Cell, Direction, Frequency, TargetValues};
use ratchet::export::dashboard::DashboardOptions;
use ratchet::storage::Workbook;
use resvg::usvg::roxmltree;

use crate::support::{click, harness, settle, temp, type_into};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A small workbook: three teams (one with a hostile name), a monthly
/// indicator with a target, and a second indicator.
fn small_workbook(dir: &std::path::Path) -> Workbook {
    let mut wb = Workbook::create(&dir.join("small.ratchet")).unwrap();
    wb.set_agency(&ratchet::domain::Agency {
        name: "Parks & <Rec>".into(),
        ..Default::default()
    })
    .unwrap();
    wb.save_mission("Every resident within ten minutes of a safe park.", "")
        .unwrap();
    let teams = [
        wb.add_team("North", "").unwrap(),
        wb.add_team("<script>alert(1)</script>", "").unwrap(),
        wb.add_team("Zoë & \"Co\"", "").unwrap(),
    ];
    let open = wb
        .add_indicator(&IndicatorSpec::simple(
            "Playgrounds open",
            "%",
            Direction::Higher,
            Frequency::Month,
        ))
        .unwrap();
    let waits = wb
        .add_indicator(&IndicatorSpec::simple(
            "Days to fix",
            "days",
            Direction::Lower,
            Frequency::Month,
        ))
        .unwrap();
    wb.set_indicator_target(
        open,
        None,
        &TargetValues {
            baseline_value: 70.0,
            baseline_date: d(2025, 1, 1),
            target_value: 95.0,
            deadline: d(2026, 1, 1),
        },
    )
    .unwrap();
    for m in 1..=6u32 {
        let start = d(2025, m, 1);
        for (k, team) in teams.iter().enumerate() {
            let v = 70.0 + f64::from(m) * (k as f64 + 1.0);
            wb.set_value(
                Cell {
                    indicator: open,
                    team: *team,
                    period_start: start,
                },
                Some(v),
                "",
                "entry",
            )
            .unwrap();
            wb.set_value(
                Cell {
                    indicator: waits,
                    team: *team,
                    period_start: start,
                },
                Some(20.0 - f64::from(m)),
                "",
                "entry",
            )
            .unwrap();
        }
    }
    wb
}

fn fixed() -> DashboardOptions {
    DashboardOptions {
        as_of: Some(d(2025, 7, 15)),
        produced: Some(d(2025, 7, 16)),
        ..DashboardOptions::default()
    }
}

fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn the_html_dashboard_is_self_contained_and_shows_hostile_names_as_text() {
    let dir = temp();
    let wb = small_workbook(dir.path());
    let html = ratchet::ops::dashboard::build_dashboard(&wb, &fixed())
        .unwrap()
        .html();
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("the page is well-formed");
    assert!(
        doc.descendants().all(|n| !n.has_tag_name("script")),
        "no script element"
    );
    let all = texts(&doc);
    assert!(
        all.iter().any(|t| t == "<script>alert(1)</script>"),
        "the hostile name is shown as text"
    );
    assert!(all.iter().any(|t| t == "Zoë & \"Co\""));
    assert!(all.iter().any(|t| t == "Parks & <Rec>"));
    // Each team and its latest value: North 70 + 6×1 = 76 in Jun 2025; the third team 70 + 6×3 = 88.
    assert!(all.iter().any(|t| t == "North"));
    assert!(all.iter().any(|t| t == "76.0 (Jun 2025)"), "{all:?}");
    assert!(all.iter().any(|t| t == "88.0 (Jun 2025)"), "{all:?}");
    // No external reference of any kind.
    for n in doc.descendants() {
        for a in n.attributes() {
            assert!(
                !a.value().contains("http"),
                "attribute {}={}",
                a.name(),
                a.value()
            );
            assert!(
                !matches!(a.name(), "src" | "href"),
                "external reference in {}",
                a.name()
            );
        }
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
    // Status is given in words, not by colour alone.
    assert!(all.iter().any(|t| t.ends_with("Target met")
        || t.ends_with("On track")
        || t.ends_with("Off track")
        || t.ends_with("At risk")));
}

#[test]
fn the_dashboard_svg_layout_is_stable() {
    let dir = temp();
    let wb = small_workbook(dir.path());
    let pages = ratchet::ops::dashboard::build_dashboard(&wb, &fixed())
        .unwrap()
        .pages();
    assert_eq!(pages.len(), 2, "one page per indicator");
    for page in &pages {
        roxmltree::Document::parse(page).expect("each page is well-formed SVG");
        assert!(!page.contains("<script>"));
    }
    insta::assert_snapshot!("dashboard_page_1", pages[0]);
}

#[test]
fn ratchet_report_writes_html_and_a_pdf_with_embedded_fonts() {
    let dir = temp();
    let path = dir.path().join("s.ratchet");
    ratchet::ops::sample::create_sample(&path).unwrap();
    let (html, pdf) = (dir.path().join("d.html"), dir.path().join("d.pdf"));
    let out = crate::support::ratchet_command()
        .args([
            "report",
            path.to_str().unwrap(),
            "--html",
            html.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
            "--indicator",
            "Potholes repaired within 48 hours",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    for team in [
        "North District Crew",
        "South District Crew",
        "West District Crew",
        "Harbor District Crew",
    ] {
        assert!(page.contains(team), "{team}");
    }
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        String::from_utf8_lossy(&bytes).contains("/FontFile2"),
        "fonts are embedded"
    );
    let none = crate::support::ratchet_command()
        .args(["report", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!none.status.success());
}

fn open_small(dir: &std::path::Path) -> egui_kittest::Harness<'static, RatchetApp> {
    let wb = small_workbook(dir);
    let path = wb.path().to_owned();
    drop(wb);
    let mut h = harness(RatchetApp::new(Locations::under(dir), Some(path)));
    settle(&mut h);
    h
}

fn league_order(h: &egui_kittest::Harness<'_, RatchetApp>) -> Vec<String> {
    let p = h
        .state()
        .workbook_view()
        .unwrap()
        .monitor
        .progress
        .as_ref()
        .unwrap();
    p.lines.iter().map(|l| l.cells[0].clone()).collect()
}

#[test]
fn the_league_table_follows_the_indicator_and_sorts_by_column() {
    let dir = temp();
    let mut h = open_small(dir.path());
    click(&mut h, "Progress and league table");
    assert_eq!(h.state().view().screen, Screen::Progress);
    // Best first by share of the way: the third team climbs fastest.
    assert_eq!(
        league_order(&h),
        ["Zoë & \"Co\"", "<script>alert(1)</script>", "North"]
    );
    // Target 95 from a baseline of 70: the third team has covered 18 of 25 points.
    let p = h
        .state()
        .workbook_view()
        .unwrap()
        .monitor
        .progress
        .as_ref()
        .unwrap();
    assert_eq!(
        p.lines[0].cells,
        ["Zoë & \"Co\"", "88.0 (Jun 2025)", "+3.0", "+18.0", "72%"]
    );
    assert_eq!(p.lines[2].cells[4], "24%");
    h.get_by_label("72%");
    // Sorting by team name, then reversed.
    click(&mut h, "Team");
    assert_eq!(
        league_order(&h),
        ["<script>alert(1)</script>", "North", "Zoë & \"Co\""]
    );
    click(&mut h, "Team ▼");
    assert_eq!(
        league_order(&h),
        ["Zoë & \"Co\"", "North", "<script>alert(1)</script>"]
    );
    // Switching the indicator rebuilds the table: lower is better, no target, ranked by the latest value.
    click(&mut h, "Indicator");
    click(&mut h, "Days to fix");
    let p = h
        .state()
        .workbook_view()
        .unwrap()
        .monitor
        .progress
        .as_ref()
        .unwrap();
    assert_eq!(p.snapshot.indicator.name, "Days to fix");
    assert!(
        p.lines
            .iter()
            .all(|l| l.cells[1].starts_with("14.0 (Jun 2025)"))
    );
    assert_eq!(
        h.get_all_by_label_contains("No target").count(),
        3,
        "every team says it has no target"
    );
}

#[test]
fn the_xmr_view_prints_its_limits() {
    let dir = temp();
    let mut h = open_small(dir.path());
    click(&mut h, "Process behaviour (XmR)");
    assert_eq!(h.state().view().screen, Screen::Xmr);
    // North on "Playgrounds open": 71..76, mean 73.5, moving ranges all 1 → limits 73.5 ± 2.66.
    h.get_by_label_contains(
        "centre line 73.5 · natural process limits 70.84 to 76.16 · upper range limit 3.27",
    );
    h.get_by_label_contains("The target (95) lies beyond the natural process limits");
    // The key sits under each chart and names only what it shows: a steady
    // series has no signals to explain.
    h.get_by_label_contains("— centre line    - - natural process limits");
    h.get_by_label("— moving range    - - upper range limit");
    assert!(h.query_by_label_contains("○ beyond a limit").is_none());
}

#[test]
fn publishing_from_the_window_writes_the_chosen_teams_as_of_the_chosen_date() {
    let dir = temp();
    let mut h = open_small(dir.path());
    click(&mut h, "Progress and league table");
    click(&mut h, "Publish the dashboard (HTML and PDF)");
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "North")
        .click();
    settle(&mut h);
    // A date that cannot be read is said, and nothing can be published.
    type_into(&mut h, "Data as of", "2025-02-30");
    h.get_by_label_contains("Data as of: ");
    let out = dir.path().join("north.html");
    type_into(&mut h, "or to the path", out.to_str().unwrap());
    click(&mut h, "Publish to path");
    settle(&mut h);
    assert!(!out.exists(), "published despite an unreadable date");
    // Corrected: North alone, with its values up to March 2025 (71, 72, 73).
    h.get_by_label("Data as of").focus();
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    settle(&mut h);
    h.get_by_label("Data as of").type_text("2025-03-15");
    settle(&mut h);
    click(&mut h, "Publish to path");
    settle(&mut h);
    let page = std::fs::read_to_string(&out).expect("the dashboard was written");
    assert!(
        page.contains("73.0 (Mar 2025)"),
        "North's latest value as of March"
    );
    assert!(!page.contains("Apr 2025"), "nothing after the as-of date");
    assert!(!page.contains("Zoë"), "only the chosen team");
    assert!(page.contains("data as of 15 March 2025"));
}

#[test]
fn the_wheel_over_a_chart_scrolls_the_page_and_leaves_the_chart_alone() {
    let dir = temp();
    let mut h = crate::support::sample_window(dir.path());
    // A laptop's height: the page is longer than the window.
    h.set_size(egui::vec2(1280.0, 640.0));
    settle(&mut h);
    click(&mut h, "Progress and league table");
    let chart = h
        .get_by_label_contains("Chart of every team's progress")
        .rect();
    let below =
        |h: &egui_kittest::Harness<'_, RatchetApp>| h.get_by_label("League table").rect().min.y;
    let before = below(&h);
    let view_before = *egui_plot::PlotMemory::load(
        &h.ctx,
        ratchet::ui::monitor::charts::plot_id("progress_chart"),
    )
    .expect("the chart's view is kept")
    .bounds();
    h.input_mut().events.extend([
        egui::Event::PointerMoved(chart.center()),
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        },
    ]);
    settle(&mut h);
    let after = below(&h);
    assert!(
        after < before - 50.0,
        "the page scrolled: {before} → {after}"
    );
    // The chart kept its view.
    let id = ratchet::ui::monitor::charts::plot_id("progress_chart");
    let bounds = |h: &egui_kittest::Harness<'_, RatchetApp>| {
        *egui_plot::PlotMemory::load(&h.ctx, id)
            .expect("the chart's view is kept")
            .bounds()
    };
    assert_eq!(bounds(&h), view_before, "the wheel did not pan the chart");
}

#[test]
fn view_state_belongs_to_the_workbook_it_was_made_in() {
    let dir = temp();
    let mut h = crate::support::sample_window(dir.path());
    let other = dir.path().join("other.ratchet");
    drop(ratchet::ops::sample::create_sample(&other).unwrap());
    click(&mut h, "Progress and league table");
    click(&mut h, "Teams named on the chart (6 of 6)");
    assert!(h.query_by_label("Find a team").is_some(), "unfolded");
    h.state_mut()
        .apply(ratchet::app::Action::OpenWorkbook(other));
    settle(&mut h);
    click(&mut h, "Progress and league table");
    assert!(
        h.query_by_label("Find a team").is_none(),
        "the other workbook opens folded, as new"
    );
}

#[test]
fn the_dashboards_pages_are_on_the_paper_chosen() {
    use ratchet::domain::certificate::Paper;
    let dir = temp();
    let wb = small_workbook(dir.path());
    for paper in Paper::ALL {
        let options = DashboardOptions { paper, ..fixed() };
        let dashboard = ratchet::ops::dashboard::build_dashboard(&wb, &options).unwrap();
        let (w, h) = paper.size();
        for page in dashboard.pages() {
            let doc = roxmltree::Document::parse(&page).unwrap();
            let root = doc.root_element();
            let num = |a: &str| {
                root.attribute(a)
                    .and_then(|v| v.parse::<f32>().ok())
                    .unwrap()
            };
            assert!(
                (num("width") - w).abs() < 0.01 && (num("height") - h).abs() < 0.01,
                "{paper:?}"
            );
        }
        assert!(dashboard.pdf().unwrap().starts_with(b"%PDF"));
    }
}

#[test]
fn the_xmr_screen_finds_where_the_level_changed_and_recalculates_from_there() {
    use ratchet::app::{Action, MonitorAction};
    let dir = temp();
    let path = dir.path().join("step.ratchet");
    let mut wb = Workbook::create(&path).unwrap();
    let team = wb.add_team("North", "").unwrap();
    let indicator = wb
        .add_indicator(&IndicatorSpec::simple(
            "Repairs",
            "%",
            Direction::Higher,
            Frequency::Week,
        ))
        .unwrap();
    // 30 weeks around 50, then 30 around 70: one lasting change.
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut rng = ratchet::sample::SplitMix64::new(11);
    let changes: Vec<(Cell, Option<f64>)> = (0..60u64)
        .map(|k| {
            let level = if k < 30 { 50.0 } else { 70.0 };
            let noise = (rng.unit() - 0.5) * 4.0;
            (
                Cell {
                    indicator,
                    team,
                    period_start: start + chrono::Days::new(7 * k),
                },
                Some(level + noise),
            )
        })
        .collect();
    wb.set_values(&changes, "", "entry").unwrap();
    drop(wb);
    let mut h = harness(RatchetApp::new(
        Locations::under(dir.path()),
        Some(path.clone()),
    ));
    settle(&mut h);
    h.state_mut()
        .apply(Action::Monitor(MonitorAction::ShowXmr { indicator, team }));
    settle(&mut h);
    let view = h.state().workbook_view().unwrap();
    let x = view.monitor.xmr.as_ref().unwrap();
    // The change is found near week 30 (a noisy series may show a second,
    // smaller stage as it settles).
    assert!(
        !x.level_changes.is_empty() && x.level_changes.len() <= 2,
        "{:?}",
        x.level_changes
    );
    let (at, text) = x.level_changes[0].clone();
    let week_30 = start + chrono::Days::new(7 * 30);
    assert!(
        at.signed_duration_since(week_30).num_days().abs() <= 28,
        "{at} {text}"
    );
    h.get_by_label("Where the process changed");
    let period = text.split(':').next().unwrap().to_owned();
    click(&mut h, &format!("Recalculate from {period}"));
    settle(&mut h);
    let stored = h
        .state()
        .workbook()
        .unwrap()
        .xmr_setting(indicator, team)
        .unwrap();
    assert_eq!(stored.recalc_from, Some(at));
}

#[test]
fn the_progress_chart_is_saved_as_a_picture_and_copied_for_a_slide() {
    let dir = temp();
    let mut h = open_small(dir.path());
    click(&mut h, "Progress and league table");
    let png = dir.path().join("chart.png");
    h.state_mut()
        .apply(Action::Monitor(MonitorAction::SaveChart(
            png.clone().into(),
        )));
    settle(&mut h);
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    // 960 × 540 points at two pixels a point: a 16:9 slide picture.
    assert_eq!(&bytes[16..24], &[0, 0, 0x07, 0x80, 0, 0, 0x04, 0x38]);
    let svg = dir.path().join("chart.svg");
    h.state_mut()
        .apply(Action::Monitor(MonitorAction::SaveChart(
            svg.clone().into(),
        )));
    settle(&mut h);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.starts_with("<svg") && text.contains("Playgrounds open"),
        "{}",
        &text[..80]
    );
    click(&mut h, "Copy chart");
    h.get_by_label_contains("The chart is on the clipboard");
}
