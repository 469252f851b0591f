//! `ratchet exercise` (its arguments are `cli::ExerciseArgs`): a hidden command for the crash and two-instance
//! tests. It opens a workbook the way the window does and either makes a
//! burst of value edits through the window's own actions, reporting each
//! one on standard output once it is committed, or holds the workbook open.

use anyhow::{Context, bail};

use super::view::SaveState;
use super::{Action, DataAction, Locations, RatchetApp};
use crate::cli::ExerciseArgs;
use crate::domain::{Cell, Frequency, Period};

/// Runs the exercise.
pub fn run(args: &ExerciseArgs, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut app = RatchetApp::new(Locations::from_env(), Some(args.workbook.clone()));
    let wb = app.workbook().context("the workbook did not open")?;
    if wb.is_read_only() {
        bail!("the workbook opened read-only");
    }
    let indicator = wb
        .indicators()?
        .into_iter()
        .find(|i| i.frequency == Frequency::Week)
        .context("no weekly indicator")?;
    let team = wb
        .teams()?
        .into_iter()
        .find(|t| !t.archived)
        .context("no team")?;
    let mut start = Period::containing(
        Frequency::Week,
        chrono::NaiveDate::from_ymd_opt(2030, 1, 7).context("date")?,
    );
    writeln!(out, "ready")?;
    out.flush()?;
    for i in 0..args.edits {
        let cell = Cell {
            indicator: indicator.id,
            team: team.id,
            period_start: start.start,
        };
        let value = 1000.0 + i as f64;
        app.apply(Action::Data(DataAction::SetValues {
            changes: vec![(cell, Some(value))],
            reason: "exercise".into(),
        }));
        let saved = app
            .workbook_view()
            .is_some_and(|v| matches!(v.save_state, SaveState::Saved(_)));
        if !saved {
            bail!("edit {i} was not saved");
        }
        // Reported only once committed: the test holds us to it.
        writeln!(
            out,
            "committed {} {} {} {value}",
            indicator.id.0, team.id.0, cell.period_start
        )?;
        out.flush()?;
        start = start.next().context("no next week")?;
    }
    if args.hold {
        writeln!(out, "holding")?;
        out.flush()?;
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
    Ok(())
}
