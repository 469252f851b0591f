//! Finishing the plan: every value placed against what the workbook holds
//! (from memory or from the scratch database) and the counts made.

use super::*;

impl Planner<'_> {
    /// Places every value in its indicator's period, finds duplicates, and
    /// builds the batch.
    /// `progress(rows)` is asked before each chunk of values is placed and
    /// may return `false` to cancel (placing a very large file takes a while).
    pub(super) fn finish(
        mut self,
        progress: &mut dyn FnMut(u64) -> bool,
    ) -> Result<(ImportBatch, ImportReport), PlanError> {
        if let Some(e) = self.failure.take() {
            return Err(e.into());
        }
        let new_freqs = self.new_frequencies();
        self.place_pending(&new_freqs, progress)?;
        let placed = std::mem::take(&mut self.placed);
        let placed = match self.scratch.take() {
            Some(mut scratch) if placed.on_disk => {
                scratch.finish_accepted()?;
                ImportValues::Scratch(scratch)
            }
            _ => ImportValues::Memory(placed.in_memory),
        };
        let mut used = std::mem::take(&mut self.used);
        used.teams.resize(self.new_teams.len(), false);
        used.indicators.resize(self.new_indicators.len(), false);

        let targets = self.plan_file_targets(&new_freqs);
        // Only names that carry at least one accepted value are created.
        let team_remap = remap_new(&used.teams);
        let indicator_remap = remap_new(&used.indicators);
        let remapped = |k: usize, map: &[Option<usize>]| map.get(k).copied().flatten().unwrap_or(k);
        let target_steps: Vec<ImportTarget> = targets
            .targets
            .into_iter()
            .map(|mut t| {
                if let NameRef::New(k) = t.team {
                    t.team = NameRef::New(remapped(k, &team_remap));
                }
                if let NameRef::New(k) = t.indicator {
                    t.indicator = NameRef::New(remapped(k, &indicator_remap));
                }
                t
            })
            .collect();
        let values = renumbered(placed, &team_remap, &indicator_remap);
        let new_teams: Vec<String> = self
            .new_teams
            .iter()
            .zip(&team_remap)
            .filter(|(_, r)| r.is_some())
            .map(|(t, _)| t.clone())
            .collect();
        self.report_new_indicators(&new_freqs, &indicator_remap);
        self.report.targets_new = targets.new;
        self.report.targets_replacing = targets.replacing;
        self.report.targets_unchanged = targets.unchanged;
        self.report.target_lines = targets.replacement_lines;
        for n in targets.notices {
            self.notice(n);
        }
        let batch = ImportBatch {
            data_return: None,
            file_name: String::new(),
            new_teams: new_teams.clone(),
            new_indicators: self
                .report
                .new_indicators
                .iter()
                .map(|n| IndicatorSpec {
                    name: n.name.clone(),
                    unit: n.unit.clone(),
                    direction: n.direction,
                    frequency: n.frequency,
                    decimals: 1,
                    kind: IndicatorKind::Quantitative,
                    scope: IndicatorScope::PerTeam,
                    is_amount: false,
                    description: "Created by import.".into(),
                })
                .collect(),
            values,
            existing_indicators: {
                let mut ids: Vec<IndicatorId> = self.involved.drain().collect();
                ids.sort_unstable_by_key(|i| i.0);
                ids
            },
            on_existing: self.options.on_existing,
            reason: self.options.reason.clone(),
            targets: target_steps,
        };
        self.report.new_teams = new_teams;
        Ok((batch, self.report))
    }

    /// The new indicators the import creates (those carrying a value, with
    /// a frequency), and those whose direction the person must give: which
    /// way is better is never guessed.
    fn report_new_indicators(
        &mut self,
        new_freqs: &[Option<Frequency>],
        indicator_remap: &[Option<usize>],
    ) {
        self.report.new_indicators = self
            .new_indicators
            .iter()
            .zip(new_freqs)
            .zip(indicator_remap)
            .filter_map(|((p, f), r)| {
                r.and(*f).map(|frequency| NewIndicatorPlan {
                    name: p.name.clone(),
                    unit: p.unit.clone().unwrap_or_default(),
                    direction: p
                        .direction
                        .or(self.options.new_indicator_direction)
                        .unwrap_or(Direction::Higher),
                    frequency,
                })
            })
            .collect();
        self.report.directions_needed = self
            .new_indicators
            .iter()
            .zip(new_freqs)
            .zip(indicator_remap)
            .filter(|((p, f), r)| r.is_some() && f.is_some() && p.direction.is_none())
            .filter(|_| self.options.new_indicator_direction.is_none())
            .map(|((p, _), _)| p.name.clone())
            .collect();
    }

    /// How often each new indicator is reported: the person's choice, else
    /// the file's frequency column, else its period labels, else the
    /// spacing of its dates (said in a notice); `None` when none tells.
    fn new_frequencies(&mut self) -> Vec<Option<Frequency>> {
        let mut inferred = Vec::new();
        let new_freqs: Vec<Option<Frequency>> = self
            .new_indicators
            .iter()
            .map(|p| {
                self.options
                    .new_indicator_frequency
                    .or(p.frequency)
                    .or_else(|| p.granularity.and_then(frequency_for))
                    .or_else(|| {
                        let days: Vec<NaiveDate> = p.days.iter().copied().collect();
                        let f = frequency_from_spacing(&days)?;
                        inferred.push(format!(
                            "\"{}\": reported {}, from the spacing of its {} dates.",
                            p.name,
                            f.label().to_lowercase(),
                            days.len()
                        ));
                        Some(f)
                    })
            })
            .collect();
        for n in inferred {
            self.notice(n);
        }
        new_freqs
    }

    /// Places the values that waited for their indicator's frequency: those
    /// on disk first (the file's order), then the rest.
    fn place_pending(
        &mut self,
        new_freqs: &[Option<Frequency>],
        progress: &mut dyn FnMut(u64) -> bool,
    ) -> Result<(), PlanError> {
        if self
            .scratch
            .as_ref()
            .is_some_and(|s| s.pending_chunks() > 0)
        {
            self.try_spill()?;
            self.place_from_scratch(new_freqs, progress)?;
            if let Some(scratch) = self.scratch.as_mut() {
                scratch.clear_pending()?;
            }
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        for chunk in pending.into_chunks() {
            if !progress(self.report.rows_read) {
                return Err(PlanError::Cancelled);
            }
            for p in chunk {
                let frequency = self.frequency_of(p.indicator, new_freqs);
                self.place(p, frequency)?;
            }
        }
        Ok(())
    }

    /// Places the values waiting in the scratch database, in the file's order.
    fn place_from_scratch(
        &mut self,
        new_freqs: &[Option<Frequency>],
        progress: &mut dyn FnMut(u64) -> bool,
    ) -> Result<(), PlanError> {
        let chunks = self.scratch.as_ref().map_or(0, |s| s.pending_chunks());
        for n in 0..chunks {
            if !progress(self.report.rows_read) {
                return Err(PlanError::Cancelled);
            }
            let bytes = match self.scratch.as_ref() {
                Some(scratch) => scratch.pending_chunk(n)?,
                None => break,
            };
            let mut input = bytes.as_slice();
            while !input.is_empty() {
                let p = Pending::decode(&mut input).ok_or_else(|| {
                    StorageError::Rule(
                        "The import's scratch space on disk was damaged; nothing was imported."
                            .into(),
                    )
                })?;
                let frequency = self.frequency_of(p.indicator, new_freqs);
                self.place(p, frequency)?;
            }
        }
        Ok(())
    }

    /// How often `indicator` is reported, once the whole file is read.
    fn frequency_of(
        &self,
        indicator: NameRef<IndicatorId>,
        new_freqs: &[Option<Frequency>],
    ) -> Option<Frequency> {
        match indicator {
            NameRef::Existing(id) => self.existing_frequency(id),
            NameRef::New(k) => new_freqs.get(k).copied().flatten(),
        }
    }

    /// Places one value in its period and keeps it, or rejects it naming
    /// its line.
    /// `frequency` is how often its indicator is reported (`None`: not
    /// known even from the whole file).
    pub(super) fn place(
        &mut self,
        p: Pending,
        frequency: Option<Frequency>,
    ) -> Result<(), StorageError> {
        let name_of = |planner: &Self| match p.indicator {
            NameRef::Existing(id) => planner
                .catalog
                .indicators
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            NameRef::New(k) => planner
                .new_indicators
                .get(k)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
        };
        let Some(frequency) = frequency else {
            let name = name_of(self);
            self.reject(p.line, p.column, format!(
                "the dates of the new indicator \"{name}\" are not evenly weekly, monthly, quarterly or yearly: choose how often it is reported"
            ));
            return Ok(());
        };
        let start = match place_in(p.label, frequency) {
            Ok(s) => s,
            Err(why) => {
                let (name, text) = (name_of(self), self.period_text(p.period_text, p.label));
                self.reject(p.line, p.column, format!("\"{text}\": {why} (\"{name}\")"));
                return Ok(());
            }
        };
        let value = ImportValue {
            line: p.line,
            team: p.team,
            indicator: p.indicator,
            period_start: start,
            value: p.value,
            note: p.note,
        };
        let (team, indicator) = (value.team, value.indicator);
        if let Some(first) = self.accept(value, frequency)? {
            let label = Period { start, frequency }.label();
            self.reject(
                p.line,
                p.column,
                format!("the same team, indicator and period ({label}) as line {first}"),
            );
            return Ok(());
        }
        if let NameRef::New(k) = team {
            mark_used(&mut self.used.teams, k);
        }
        match indicator {
            NameRef::New(k) => mark_used(&mut self.used.indicators, k),
            NameRef::Existing(id) => {
                self.involved.insert(id);
            }
        }
        if self
            .catalog
            .locked_through
            .is_some_and(|l| Period { start, frequency }.end() <= l)
        {
            self.report.in_locked_periods += 1;
        }
        if let Some(target) = p.target {
            self.raw_targets.push(RawTarget {
                team,
                indicator,
                start,
                target,
                value: p.value,
            });
        }
        Ok(())
    }
}

/// Marks the `k`-th new name as carrying a value.
fn mark_used(used: &mut Vec<bool>, k: usize) {
    if used.len() <= k {
        used.resize(k + 1, false);
    }
    used[k] = true;
}

/// The values with the new names renumbered (only names carrying a value
/// are created): in memory at once, on disk as they are read back.
fn renumbered(
    values: ImportValues,
    team_remap: &[Option<usize>],
    indicator_remap: &[Option<usize>],
) -> ImportValues {
    match values {
        ImportValues::Memory(mut values) => {
            for v in &mut values {
                if let NameRef::New(k) = v.team {
                    v.team = NameRef::New(team_remap.get(k).copied().flatten().unwrap_or(k));
                }
                if let NameRef::New(k) = v.indicator {
                    v.indicator =
                        NameRef::New(indicator_remap.get(k).copied().flatten().unwrap_or(k));
                }
            }
            ImportValues::Memory(values)
        }
        ImportValues::Scratch(mut s) => {
            s.set_remap(team_remap.to_vec(), indicator_remap.to_vec());
            ImportValues::Scratch(s)
        }
    }
}
