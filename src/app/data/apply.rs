//! Applying the data screens' actions: teams, indicators, targets, values,
//! locks, observations, import and export.

use crate::app::edits::{Edit, ValueEdit};
use crate::app::session::Changed;
use crate::app::session::OpenWorkbook;
use chrono::Local;

use crate::app::data::view::{GridMode, GridView, SetupView};
use crate::app::import_job::{ImportStatus, ImportView, Job, JobPoll, JobResult};
use crate::app::view::Screen;
use crate::app::{DataAction, RatchetApp};
use crate::domain::Cell;
use crate::domain::number::count;

impl RatchetApp {
    /// Carries out one data action.
    pub(in crate::app) fn apply_data(&mut self, action: DataAction) {
        let read_only = matches!(
            action,
            DataAction::ShowGrid(_)
                | DataAction::SelectCell(_)
                | DataAction::ImportCancel
                | DataAction::ImportSetMapping(_)
                | DataAction::ImportSetOptions { .. }
        );
        if self.job.is_some() && !read_only {
            self.error(
                "An import or export is running: wait for it to finish, or cancel it.".into(),
            );
            return;
        }
        match action {
            DataAction::AddTeam { name, contact } => {
                self.write_changing(Changed::Setup, |wb| wb.add_team(&name, &contact));
            }
            DataAction::UpdateTeam(team) => self.update_team(team),
            DataAction::SetTeamArchived(id, archived) => {
                self.write_changing(Changed::Setup, |wb| wb.set_team_archived(id, archived));
            }
            DataAction::AddIndicator(new) => {
                if let Some(id) = self.write(|wb| wb.add_indicator(&new)) {
                    self.ui_state.selected_indicator = Some(id);
                    self.changed(Changed::Setup);
                }
            }
            DataAction::UpdateIndicator(ind) => self.update_indicator(ind),
            DataAction::RemoveIndicator(id) => {
                if self.write(|wb| wb.remove_indicator(id)).is_some() {
                    self.ui_state.selected_indicator = None;
                    self.changed(Changed::Setup);
                }
            }
            DataAction::SetTarget {
                indicator,
                team,
                values,
            } => self.change_target(indicator, team, Some(values)),
            DataAction::ClearTarget { indicator, team } => {
                self.change_target(indicator, team, None)
            }
            DataAction::SetFiscalYearStart(month) => {
                self.write_changing(Changed::Setup, |wb| wb.set_fiscal_year_start_month(month));
            }
            DataAction::SetDecimalMark(mark) => {
                // The wizard's target reads numbers with it too.
                if self
                    .write_changing(Changed::Setup, |wb| wb.set_decimal_mark(mark))
                    .is_some()
                {
                    self.changed(Changed::Framework);
                }
            }
            DataAction::ShowGrid(mode) => {
                self.load_grid(mode);
                self.view.screen = Screen::Data;
            }
            DataAction::SelectCell(cell) => self.load_history(cell),
            DataAction::SetValues { changes, reason } => self.set_values(changes, &reason),
            DataAction::LockThrough { date, note } => {
                if self.write(|wb| wb.lock_through(date, &note)).is_some() {
                    self.changed(Changed::Setup);
                    self.info(format!("Periods ending on or before {} are locked: changing them now needs a reason.", date.format("%-d %B %Y")));
                }
            }
            DataAction::AddObservation(o) => {
                self.observation_write(|wb| wb.add_observation(&o).map(|_| ()))
            }
            DataAction::UpdateObservation(o) => {
                self.observation_write(|wb| wb.update_observation(&o))
            }
            DataAction::RemoveObservation(id) => {
                self.observation_write(|wb| wb.remove_observation(id))
            }
            DataAction::ImportOpen(_)
            | DataAction::ImportSetSheet(_)
            | DataAction::ImportSetMapping(_)
            | DataAction::ImportSetOptions { .. }
            | DataAction::ImportCheck
            | DataAction::ImportConfirm
            | DataAction::ImportCancel
            | DataAction::ImportReset
            | DataAction::Export { .. } => self.apply_transfer(action),
        }
    }

    /// Renames a team (or changes its contact), remembered for Undo.
    fn update_team(&mut self, team: crate::domain::Team) {
        self.write_remembered(
            Changed::Setup,
            |wb| wb.teams().ok()?.into_iter().find(|t| t.id == team.id),
            |wb| wb.update_team(&team),
            |before| Edit::Team {
                before,
                after: team.clone(),
            },
        );
    }

    /// Changes an indicator's details, remembered for Undo; the framework
    /// shows its name and unit too.
    fn update_indicator(&mut self, ind: crate::domain::Indicator) {
        let written = self.write_remembered(
            Changed::Setup,
            |wb| wb.indicator(ind.id).ok().flatten(),
            |wb| wb.update_indicator(&ind),
            |before| Edit::Indicator {
                before: Box::new(before),
                after: Box::new(ind.clone()),
            },
        );
        if written {
            self.changed(Changed::Framework);
        }
    }

    /// Carries out an import or export action (the Transfer screen's).
    fn apply_transfer(&mut self, action: DataAction) {
        match action {
            DataAction::ImportOpen(choice) => {
                let purpose = crate::app::file_choice::Purpose::new("Import values", "");
                let Some(path) = self.chosen_path(choice, purpose) else {
                    return;
                };
                let fiscal = self
                    .session
                    .views()
                    .map_or(1, |v| v.setup.fiscal_year_start);
                if let Some(view) = self.session.views_mut() {
                    view.import = ImportView::load(&path, None, fiscal);
                }
                self.view.screen = Screen::Transfer;
            }
            DataAction::ImportSetSheet(sheet) => {
                let fiscal = self
                    .session
                    .views()
                    .map_or(1, |v| v.setup.fiscal_year_start);
                if let Some(view) = self.session.views_mut()
                    && let Some(path) = view.import.path.clone()
                {
                    view.import = ImportView::load(&path, Some(sheet), fiscal);
                }
            }
            DataAction::ImportSetMapping(mapping) => {
                if let Some(view) = self.session.views_mut() {
                    view.import.mapping = mapping;
                    view.import.plan = None;
                    view.import.status = ImportStatus::Idle;
                }
            }
            DataAction::ImportSetOptions {
                options,
                skip_bad_rows,
            } => {
                if let Some(view) = self.session.views_mut() {
                    let reason_only = view.import.options.reason != options.reason
                        && ImportOptionsKey::of(&view.import.options)
                            == ImportOptionsKey::of(&options);
                    view.import.options = options;
                    view.import.skip_bad_rows = skip_bad_rows;
                    if let Some(plan) = view.import.plan.as_mut().filter(|_| reason_only) {
                        plan.batch.reason = view.import.options.reason.clone();
                    } else {
                        view.import.plan = None;
                        view.import.status = ImportStatus::Idle;
                    }
                }
            }
            DataAction::ImportCheck => self.start_import_check(),
            DataAction::ImportConfirm => self.start_import(),
            DataAction::ImportCancel => {
                if let Some(job) = &self.job {
                    job.cancel();
                }
            }
            DataAction::ImportReset => {
                if let Some(view) = self.session.views_mut() {
                    view.import = ImportView::default();
                }
            }
            DataAction::Export { to, options } => {
                let purpose = crate::app::file_choice::Purpose::new("Export values", "values");
                if let Some(path) = self.chosen_path(to, purpose) {
                    self.export(&path, &options);
                }
            }
            // The rest are apply_data's own, which sends only these here.
            _ => {}
        }
    }

    /// Reloads teams, indicators and targets (and the grid and counts built
    /// on them), through `refresh_changed`, once per frame.
    pub(in crate::app) fn refresh_setup(&mut self) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let loaded = SetupView::load(wb).and_then(|s| Ok((s, wb.counts()?)));
        match loaded {
            Ok((mut setup, counts)) => {
                let mode = self
                    .session
                    .views()
                    .and_then(|v| v.grid.as_ref())
                    .map(|g| g.mode);
                if let Some(view) = self.session.views_mut() {
                    // Kept until the cockpit, recomputed below, brings it anew.
                    setup.standing = std::mem::take(&mut view.setup.standing);
                    view.setup = setup;
                    view.counts = Some(counts);
                }
                if let Some(mode) = mode {
                    self.load_grid(mode);
                }
                self.refresh_cockpit();
            }
            Err(e) => self.error(format!("The workbook could not be read: {e}")),
        }
    }

    fn load_grid(&mut self, mode: GridMode) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let (wb, view) = (&session.workbook, &mut session.view);
        let today = Local::now().date_naive();
        let history_cell = view.grid.as_ref().and_then(|g| g.history_cell);
        match GridView::load(wb, &view.setup, mode, today) {
            Ok(mut grid) => {
                if let Some(cell) = history_cell.filter(|c| grid.position(*c).is_some()) {
                    grid.history = wb.value_history(cell).unwrap_or_default();
                    grid.history_cell = Some(cell);
                }
                if view.grid.as_ref().is_none_or(|g| g.mode != mode) {
                    self.ui_state.grid = Default::default();
                }
                view.grid = Some(grid);
            }
            Err(e) => {
                let text = format!("The values could not be read: {e}");
                self.error(text);
            }
        }
    }

    fn load_history(&mut self, cell: Cell) {
        let Some(wb) = self.session.wb() else {
            return;
        };
        let history = wb.value_history(cell);
        if let Some(grid) = self.session.views_mut().and_then(|v| v.grid.as_mut()) {
            grid.history = history.unwrap_or_default();
            grid.history_cell = Some(cell);
        }
    }

    fn set_values(&mut self, changes: Vec<(Cell, Option<f64>)>, reason: &str) {
        let source = if changes.len() > 1 { "paste" } else { "entry" };
        let stored: Option<Vec<Option<f64>>> = self.session.wb().and_then(|wb| {
            changes
                .iter()
                .map(|(c, _)| wb.value(*c).ok())
                .collect::<Option<Vec<_>>>()
        });
        if self.write_values(&changes, reason, source)
            && let Some(stored) = stored
        {
            let edit = ValueEdit {
                cells: changes
                    .iter()
                    .zip(stored)
                    .filter(|((_, new), old)| new != old)
                    .map(|((c, new), old)| (*c, old, *new))
                    .collect(),
            };
            if !edit.cells.is_empty() {
                self.remember(Edit::Values(edit));
            }
        }
    }

    /// Sets (`Some`) or withdraws (`None`) a target, remembered for Undo.
    fn change_target(
        &mut self,
        indicator: crate::domain::IndicatorId,
        team: Option<crate::domain::TeamId>,
        values: Option<crate::domain::TargetValues>,
    ) {
        self.write_remembered(
            Changed::Setup,
            |wb| {
                let records = wb.target_records(indicator).ok()?;
                Some(
                    records
                        .into_iter()
                        .find(|r| r.current && r.team == team)
                        .map(|r| r.values),
                )
            },
            |wb| match &values {
                Some(v) => wb.set_indicator_target(indicator, team, v).map(|_| ()),
                None => wb.clear_indicator_target(indicator, team),
            },
            |before| Edit::Target {
                indicator,
                team,
                before,
                after: values,
            },
        );
    }

    /// Writes changes of values and refreshes what shows them; true when
    /// they were stored.
    pub(in crate::app) fn write_values(
        &mut self,
        changes: &[(Cell, Option<f64>)],
        reason: &str,
        source: &str,
    ) -> bool {
        self.in_session(|s| s.stale.monitor = true);
        if changes.is_empty() {
            return false;
        }
        let changes = changes.to_vec();
        let before: Vec<Option<f64>> = {
            let grid = self.session.views().and_then(|v| v.grid.as_ref());
            changes
                .iter()
                .map(|(c, _)| {
                    grid.and_then(|g| g.position(*c).and_then(|(r, col)| g.value(r, col)))
                })
                .collect()
        };
        let Some(changed) = self.write(|wb| wb.set_values(&changes, reason, source)) else {
            return false;
        };
        if let Some(view) = self.session.views_mut() {
            for ((cell, new), old) in changes.iter().zip(&before) {
                if let Some(counts) = view.counts.as_mut() {
                    match (old, new) {
                        (None, Some(_)) => counts.measurements += 1,
                        (Some(_), None) => {
                            counts.measurements = counts.measurements.saturating_sub(1)
                        }
                        _ => {}
                    }
                }
                if let Some(grid) = view.grid.as_mut() {
                    grid.put(*cell, *new);
                }
            }
            if !view.setup.has_data.is_empty() || changed > 0 {
                for (cell, _) in &changes {
                    if !view.setup.has_data.contains(&cell.indicator) {
                        view.setup.has_data.push(cell.indicator);
                    }
                }
            }
        }
        if let Some(cell) = changes.last().map(|(c, _)| *c) {
            self.load_history(cell);
        }
        let series: Vec<_> = changes.iter().map(|(c, _)| (c.indicator, c.team)).collect();
        self.detect_after_edit(&series);
        for (indicator, _) in &series {
            self.in_session(|s| s.indicator_changed(*indicator));
        }
        if source == "paste" {
            self.info(format!(
                "Pasted {}.",
                count(changed as u64, "value", "values")
            ));
        }
        true
    }

    fn observation_write(
        &mut self,
        f: impl FnOnce(&mut crate::storage::Workbook) -> crate::storage::StorageResult<()>,
    ) {
        self.in_session(|s| s.stale.monitor = true);
        if self.write(f).is_some() {
            let all = self.session.wb().map(|wb| wb.observations());
            match all {
                Some(Ok(all)) => {
                    if let Some(view) = self.session.views_mut() {
                        view.observations = all;
                    }
                }
                Some(Err(e)) => self.error(format!("The observations could not be read: {e}")),
                None => {}
            }
        }
    }

    pub(in crate::app) fn repaint_handle(&self) -> impl Fn() + Send + 'static {
        let ctx = self.ctx.clone();
        move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        }
    }

    fn start_import_check(&mut self) {
        let Some(path) = self.session.wb().map(|wb| wb.path().to_owned()) else {
            return;
        };
        let repaint = self.repaint_handle();
        let Some(view) = self.session.views_mut() else {
            return;
        };
        if let Some(problem) = view.import.mapping.problems().into_iter().next() {
            view.import.status = ImportStatus::Failed(problem);
            return;
        }
        if let Some(job) = Job::plan(path, &view.import, repaint) {
            view.import.plan = None;
            view.import.status = ImportStatus::Checking { rows: 0 };
            self.job = Some(job);
        }
    }

    fn start_import(&mut self) {
        let Some(path) = self.session.wb().map(|wb| wb.path().to_owned()) else {
            return;
        };
        let repaint = self.repaint_handle();
        let backups = crate::ops::backups::backup_dir(&self.locations.backups, &path);
        let Some(view) = self.session.views_mut() else {
            return;
        };
        let Some(plan) = view.import.plan.as_mut() else {
            view.import.status = ImportStatus::Failed("Check the file first.".into());
            return;
        };
        let reason_given = !view.import.options.reason.trim().is_empty();
        if let Some(blocker) = plan.report.blocker(view.import.skip_bad_rows, reason_given) {
            view.import.status = ImportStatus::Failed(blocker);
            return;
        }
        // The batch goes to the job (its values may be a scratch database on
        // disk); a failed import hands it back.
        let batch = std::mem::take(&mut plan.batch);
        let total = batch.values.len() as u64;
        view.import.status = ImportStatus::Importing { done: 0, total };
        self.job = Some(Job::import(path, batch, backups, repaint));
    }

    fn export(&mut self, path: &std::path::Path, options: &crate::io::ExportOptions) {
        let Some(wb_path) = self.session.wb().map(|wb| wb.path().to_owned()) else {
            return;
        };
        let repaint = self.repaint_handle();
        self.job = Some(Job::export(
            wb_path,
            path.to_owned(),
            options.clone(),
            repaint,
        ));
        if let Some(view) = self.session.views_mut() {
            view.import.status = ImportStatus::Exporting;
        }
    }

    /// Takes in the result of a finished background job; called every frame.
    pub(in crate::app) fn poll_job(&mut self) {
        let Some(job) = &self.job else { return };
        match job.poll() {
            JobPoll::Running(status) => {
                if let Some(view) = self.session.views_mut() {
                    if let (
                        Some(batch),
                        crate::app::import_job::ImportStatus::Importing { done, total },
                    ) = (view.batch.as_mut(), &status)
                    {
                        *batch = (*done as usize, *total as usize);
                    } else {
                        view.import.status = status;
                    }
                }
                if let Some(ctx) = &self.ctx {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
            }
            JobPoll::Finished(JobResult::Planned(result)) => {
                self.job = None;
                if let Some(view) = self.session.views_mut() {
                    match result {
                        Ok(plan) => {
                            view.import.plan = Some(*plan);
                            view.import.status = ImportStatus::Idle;
                        }
                        Err(e) => {
                            // Also where a job that stopped unexpectedly lands:
                            // no plan is kept whose batch may be gone.
                            view.import.plan = None;
                            view.import.status = ImportStatus::Failed(e);
                        }
                    }
                }
            }
            JobPoll::Finished(JobResult::Imported(result)) => {
                self.job = None;
                match result {
                    Ok((outcome, wins)) => {
                        if let Some(wb) = self.session.wb_mut() {
                            wb.changed_elsewhere();
                        }
                        if let Some(view) = self.session.views_mut() {
                            view.import.status = ImportStatus::Done(outcome);
                            view.import.plan = None;
                        }
                        self.changed(Changed::Setup);
                        // The job looked for wins already.
                        self.in_session(|s| s.stale.wins = false);
                        let wins = if wins > 0 {
                            format!(" {} — see Wins.", count(wins as u64, "new win", "new wins"))
                        } else {
                            String::new()
                        };
                        self.info(format!(
                            "Imported: {} added, {} updated, {} unchanged, {} skipped.{wins}",
                            outcome.added, outcome.updated, outcome.unchanged, outcome.skipped
                        ));
                    }
                    Err((e, batch)) => {
                        if let Some(view) = self.session.views_mut() {
                            if let Some(plan) = view.import.plan.as_mut() {
                                plan.batch = *batch;
                            }
                            view.import.status = ImportStatus::Failed(e);
                        }
                    }
                }
            }
            JobPoll::Finished(JobResult::Exported(result)) => {
                self.job = None;
                if let Some(view) = self.session.views_mut() {
                    view.import.status = ImportStatus::Idle;
                }
                match result {
                    Ok((n, path)) => self.info_file(
                        format!(
                            "Exported {} to {}.",
                            count(n as u64, "value", "values"),
                            path.display()
                        ),
                        path,
                    ),
                    Err(e) => self.error(format!("The export failed: {e}")),
                }
            }
            JobPoll::Finished(JobResult::Certified(result)) => {
                self.job = None;
                self.batch_finished(result);
            }
            JobPoll::Finished(JobResult::Published(result)) => {
                self.job = None;
                if let Some(view) = self.session.views_mut() {
                    view.import.status = ImportStatus::Idle;
                }
                match result {
                    Ok(paths) => {
                        let names: Vec<String> =
                            paths.iter().map(|p| p.display().to_string()).collect();
                        let text = format!("The dashboard was written to {}.", names.join(" and "));
                        match paths.first() {
                            Some(first) => self.info_file(text, first.clone()),
                            None => self.info(text),
                        }
                    }
                    Err(e) => self.error(format!("The dashboard could not be written: {e}")),
                }
            }
        }
    }

    /// True while work runs on another thread: an import or export, the
    /// open workbook's database check, or the day's backup.
    pub fn job_running(&self) -> bool {
        self.job.is_some()
            || self.session_has(|s| {
                s.open_check.pending
                    || s.cockpit_job.is_some()
                    || s.checks_job.is_some()
                    || s.wins_job.is_some()
            })
            || self.backup_running.is_some()
            || self.rollup_job.is_some()
    }

    /// True while the day's backup is being copied (or not yet collected).
    pub fn daily_backup_running(&self) -> bool {
        self.backup_running.is_some()
    }
}

/// The options that change what a check finds (everything but the reason).
#[derive(PartialEq)]
struct ImportOptionsKey {
    date_order: crate::io::period::DateOrder,
    decimal: Option<crate::io::number::DecimalMark>,
    on_existing: crate::domain::OnExisting,
    create_missing: bool,
    frequency: Option<crate::domain::Frequency>,
}

impl ImportOptionsKey {
    fn of(o: &crate::io::ImportOptions) -> Self {
        Self {
            date_order: o.date_order,
            decimal: o.decimal,
            on_existing: o.on_existing,
            create_missing: o.create_missing,
            frequency: o.new_indicator_frequency,
        }
    }
}
