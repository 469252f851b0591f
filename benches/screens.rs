//! CPU time per frame of every screen on the large workbook (200 teams ×
//! 20 indicators × 260 weeks): layout and tessellation of the real app, no
//! GPU. Criterion reports the median; a second pass prints the median and
//! 95th percentile of each screen (budget: 2 ms and 5 ms).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratchet::app::data::view::GridMode;
use ratchet::app::monitor::view::MultiplesMode;
use ratchet::app::{
    Action, DataAction, MeetingAction, MonitorAction, RatchetApp, ReturnsAction, Screen,
};
use ratchet::domain::WizardStep;

use common::{frame, frame_times, large_app};

/// The screens, each with the actions that open it.
fn screens(app: &RatchetApp, returns_dir: &std::path::Path) -> Vec<(&'static str, Vec<Action>)> {
    let wb = app.workbook().unwrap();
    let first = wb.indicators().unwrap()[0].id;
    let teams: Vec<_> = wb
        .teams()
        .unwrap()
        .into_iter()
        .take(6)
        .map(|t| t.id)
        .collect();
    vec![
        ("home (the cockpit)", vec![Action::Navigate(Screen::Home)]),
        (
            "wizard: mission",
            vec![Action::GoToStep(WizardStep::Mission)],
        ),
        ("wizard: target", vec![Action::GoToStep(WizardStep::Target)]),
        ("wizard: theory", vec![Action::GoToStep(WizardStep::Theory)]),
        (
            "wizard: summary",
            vec![Action::GoToStep(WizardStep::Summary)],
        ),
        (
            "data grid",
            vec![
                Action::Navigate(Screen::Data),
                Action::Data(DataAction::ShowGrid(GridMode::Indicator(first))),
            ],
        ),
        (
            "progress and league table",
            vec![Action::Monitor(MonitorAction::ShowProgress(first))],
        ),
        (
            "small multiples",
            vec![Action::Monitor(MonitorAction::ShowMultiples(
                MultiplesMode::Teams(first),
            ))],
        ),
        (
            "XmR chart",
            vec![Action::Monitor(MonitorAction::ShowXmr {
                indicator: first,
                team: teams[0],
            })],
        ),
        ("integrity panel", vec![Action::Navigate(Screen::Integrity)]),
        (
            "data returns (200 teams asked)",
            vec![
                Action::Navigate(Screen::Returns),
                Action::Returns(ReturnsAction::Request {
                    spec: ratchet::domain::data_return::ReturnSpec {
                        as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
                        periods_before: 4,
                        due: None,
                        teams: Vec::new(),
                    },
                    format: ratchet::ops::returns::ReturnFormat::Csv,
                    folder: returns_dir.to_path_buf().into(),
                }),
            ],
        ),
        ("wins log", vec![Action::Navigate(Screen::Wins)]),
        (
            "meeting agenda",
            vec![Action::Meeting(MeetingAction::Create {
                held_on: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
                title: String::new(),
                teams,
                limits: ratchet::analysis::agenda::AgendaLimits::default(),
            })],
        ),
    ]
}

fn screen_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = large_app(dir.path());
    let ctx = egui::Context::default();
    let mut t = 0.0;
    let mut summary = Vec::new();
    let list = screens(&app, dir.path());
    let mut group = c.benchmark_group("screen");
    for (name, actions) in list {
        for a in actions {
            app.apply(a);
        }
        for _ in 0..5 {
            t += 0.016;
            frame(&ctx, &mut app, t);
        }
        // Work on other threads (the opening check, home's cockpit) done,
        // so that the screen measured is the one a leader sees.
        for _ in 0..2000 {
            if !app.job_running() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            t += 0.016;
            frame(&ctx, &mut app, t);
        }
        t += 0.016;
        frame(&ctx, &mut app, t);
        group.bench_function(name, |b| {
            b.iter(|| {
                t += 0.016;
                black_box(frame(&ctx, &mut app, t))
            })
        });
        let (median, p95) = frame_times(&ctx, &mut app, &mut t, 200);
        summary.push((name, median, p95));
    }
    group.finish();
    println!(
        "\n{:<28} {:>10} {:>10}",
        "screen (large workbook)", "median ms", "p95 ms"
    );
    for (name, median, p95) in summary {
        let flag = if median > 2.0 || p95 > 5.0 {
            "  over budget"
        } else {
            ""
        };
        println!("{name:<28} {median:>10.2} {p95:>10.2}{flag}");
    }
}

criterion_group!(benches, screen_benches);
criterion_main!(benches);
