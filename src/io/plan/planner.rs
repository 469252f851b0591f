//! The planner: each row placed in its team, indicator and period, checked,
//! and kept in memory or spilled to a scratch database on disk.

use super::*;

/// Where a value's period comes from in this row.
pub(super) enum PeriodSource<'a> {
    Cell(&'a RawCell),
    Header(usize),
    YearMonth(&'a RawCell, &'a RawCell),
}

/// A name the file uses that the workbook lacks, with what the file says of it.
pub(super) struct PendingIndicator {
    pub(super) name: String,
    pub(super) unit: Option<String>,
    pub(super) direction: Option<Direction>,
    pub(super) frequency: Option<Frequency>,
    pub(super) granularity: Option<Granularity>,
    /// The distinct dates of rows that give single days (to infer how
    /// often the indicator is reported from their spacing).
    pub(super) days: std::collections::BTreeSet<NaiveDate>,
}

/// Distinct dates kept per new indicator for inferring its frequency.
pub(super) const DAYS_KEPT: usize = 20_000;

/// For new names, their index among those used, keeping their order;
/// `None` for names no value uses.
pub(super) fn remap_new(used: &[bool]) -> Vec<Option<usize>> {
    let mut next = 0;
    used.iter()
        .map(|&u| {
            u.then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

pub(super) struct Planner<'a> {
    pub(super) mapping: &'a Mapping,
    pub(super) options: &'a ImportOptions,
    pub(super) catalog: &'a Catalog,
    pub(super) headers: Vec<String>,
    pub(super) ctx: PeriodContext,
    pub(super) decimal: DecimalMark,
    pub(super) header_labels: HashMap<usize, Result<PeriodLabel, String>>,
    pub(super) report: ImportReport,
    pub(super) new_teams: Vec<String>,
    pub(super) new_indicators: Vec<PendingIndicator>,
    pub(super) pending: PendingList,
    pub(super) notices: HashSet<String>,
    /// Names as spelled in the file, resolved once.
    pub(super) team_spellings: FxHashMap<String, NameRef<TeamId>>,
    pub(super) indicator_spellings: FxHashMap<String, Result<NameRef<IndicatorId>, String>>,
    /// Reused to build the key of `indicator_spellings` without allocating.
    pub(super) spelling_key: String,
    /// Existing names by lowercase, for the first time a spelling is seen.
    pub(super) team_names: HashMap<String, TeamId>,
    pub(super) indicator_names: HashMap<String, IndicatorId>,
    pub(super) kinds: FxHashMap<IndicatorId, (IndicatorKind, Frequency)>,
    /// Period texts parsed once each.
    pub(super) period_cache: FxHashMap<String, (u32, Result<PeriodLabel, String>)>,
    pub(super) period_texts: Vec<String>,
    /// Where pending and placed values go once there are more than the
    /// options allow in memory.
    pub(super) scratch: Option<ImportScratch>,
    /// The values placed in their periods so far.
    pub(super) placed: Placed,
    /// Which new teams and indicators carry a placed value.
    pub(super) used: Used,
    /// The scratch database could not be written: planning stops.
    pub(super) failure: Option<StorageError>,
    /// The existing indicators accepted values name.
    pub(super) involved: rustc_hash::FxHashSet<IndicatorId>,
    /// The targets the file gives beside accepted values.
    pub(super) raw_targets: Vec<RawTarget>,
}

/// The values placed so far and the cells they took (which finds
/// duplicates): in memory, or, once there are more than the options allow,
/// in the scratch database on disk.
#[derive(Default)]
pub(super) struct Placed {
    pub(super) taken: TakenCells,
    pub(super) in_memory: Vec<ImportValue>,
    pub(super) on_disk: bool,
}

impl Planner<'_> {
    /// Keeps `v`, or gives the line of the value already kept for its cell.
    pub(super) fn accept(
        &mut self,
        v: ImportValue,
        frequency: Frequency,
    ) -> Result<Option<u64>, StorageError> {
        if let Some(first) = self.placed.taken.take(&v, frequency) {
            return Ok(Some(first));
        }
        if self.placed.on_disk {
            self.scratch_mut()?.keep(&v)?;
        } else {
            self.placed.in_memory.push(v);
            if self.placed.in_memory.len() > self.options.values_in_memory.max(1) {
                self.move_placed_to_disk()?;
            }
        }
        Ok(None)
    }

    /// Moves the values placed in memory to the scratch database; the
    /// values placed after them follow them there.
    fn move_placed_to_disk(&mut self) -> Result<(), StorageError> {
        let values = std::mem::take(&mut self.placed.in_memory);
        let scratch = self.scratch_mut()?;
        for v in &values {
            scratch.keep(v)?;
        }
        self.placed.on_disk = true;
        Ok(())
    }

    /// The scratch database, created the first time it is needed.
    pub(super) fn scratch_mut(&mut self) -> Result<&mut ImportScratch, StorageError> {
        let scratch = match self.scratch.take() {
            Some(scratch) => scratch,
            None => ImportScratch::new()?,
        };
        Ok(self.scratch.insert(scratch))
    }

    /// How often an indicator of the workbook is reported.
    pub(super) fn existing_frequency(&self, id: IndicatorId) -> Option<Frequency> {
        self.kinds.get(&id).map(|k| k.1)
    }
}

impl Planner<'_> {
    pub(super) fn column_name(&self, i: Option<usize>) -> String {
        i.and_then(|i| self.headers.get(i).cloned())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| match i {
                Some(i) => format!("column {}", i + 1),
                None => "—".into(),
            })
    }

    pub(super) fn reject(&mut self, line: u64, column: Option<usize>, reason: impl Into<String>) {
        let column = self.column_name(column);
        self.report.record_rejection(line, &column, reason.into());
    }

    pub(super) fn notice(&mut self, text: String) {
        if self.notices.len() < 200 && self.notices.insert(text.clone()) {
            self.report.notices.push(text);
        }
    }

    pub(super) fn cell(row: &SourceRow, i: Option<usize>) -> Option<&RawCell> {
        i.and_then(|i| row.cells.get(i))
    }

    pub(super) fn text_of(row: &SourceRow, i: Option<usize>) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match Self::cell(row, i).map(RawCell::text) {
            Some(Cow::Borrowed(s)) => Cow::Borrowed(unguard(s.trim())),
            Some(Cow::Owned(s)) => Cow::Owned(unguard(s.trim()).to_owned()),
            None => Cow::Borrowed(""),
        }
    }

    pub(super) fn period_text(&self, t: PeriodText, label: PeriodLabel) -> String {
        match t {
            PeriodText::Seen(i) => self
                .period_texts
                .get(i as usize)
                .cloned()
                .unwrap_or_default(),
            PeriodText::Header(c) => self.headers.get(c).cloned().unwrap_or_default(),
            PeriodText::YearMonth => label.date.format("%Y-%m").to_string(),
        }
    }

    pub(super) fn number(&self, cell: &RawCell, kind: IndicatorKind) -> Result<CellNumber, String> {
        match cell {
            RawCell::Empty => Ok(CellNumber::NotReported),
            RawCell::Number(n) => Ok(CellNumber::Value {
                value: crate::domain::number::check_magnitude(*n, &cell.text())?,
                footnote: None,
            }),
            RawCell::Bool(b) if kind == IndicatorKind::YesNo => Ok(CellNumber::Value {
                value: if *b { 1.0 } else { 0.0 },
                footnote: None,
            }),
            RawCell::Bool(b) => Err(format!(
                "\"{}\" is not a number",
                if *b { "TRUE" } else { "FALSE" }
            )),
            RawCell::Date(d) => Err(format!("{d} is a date, not a number")),
            RawCell::Text(t) => {
                if kind == IndicatorKind::YesNo
                    && let Some(v) = parse_yes_no(t)
                {
                    return Ok(CellNumber::Value {
                        value: v,
                        footnote: None,
                    });
                }
                parse_cell_number(unguard(t), self.decimal)
            }
        }
    }

    pub(super) fn label(
        &mut self,
        source: PeriodSource<'_>,
    ) -> Result<(PeriodLabel, PeriodText), String> {
        match source {
            PeriodSource::Cell(cell) => {
                let text = cell.text();
                let text = text.trim();
                if let Some((i, parsed)) = self.period_cache.get(text) {
                    return parsed.clone().map(|l| (l, PeriodText::Seen(*i)));
                }
                let parsed = match cell {
                    RawCell::Date(d) => Ok(day_label(*d)),
                    RawCell::Number(n) if n.fract() == 0.0 && (1900.0..=2200.0).contains(n) => {
                        year_label(*n as i32).ok_or_else(|| format!("{n} is not a year"))
                    }
                    RawCell::Empty => Err("the period is empty".into()),
                    _ => parse_period_text(text, &self.ctx),
                };
                let i = self.period_texts.len() as u32;
                if self.period_cache.len() < 200_000 {
                    self.period_texts.push(text.to_owned());
                    self.period_cache
                        .insert(text.to_owned(), (i, parsed.clone()));
                    parsed.map(|l| (l, PeriodText::Seen(i)))
                } else {
                    parsed.map(|l| (l, PeriodText::YearMonth))
                }
            }
            PeriodSource::Header(i) => match self.header_labels.get(&i) {
                Some(Ok(l)) => Ok((*l, PeriodText::Header(i))),
                Some(Err(e)) => Err(e.clone()),
                None => Err("this column is not a period".into()),
            },
            PeriodSource::YearMonth(y, m) => {
                let year: i32 = match y {
                    RawCell::Number(n) if n.fract() == 0.0 => *n as i32,
                    other => other
                        .text()
                        .trim()
                        .parse()
                        .map_err(|_| format!("\"{}\" is not a year", other.text().trim()))?,
                };
                let month_text = m.text().trim().to_owned();
                let month = month_text
                    .parse::<u32>()
                    .ok()
                    .or_else(|| {
                        parse_period_text(&format!("{month_text} {year}"), &self.ctx)
                            .ok()
                            .map(|l| chrono::Datelike::month(&l.date))
                    })
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(|| format!("\"{month_text}\" is not a month"))?;
                let date = NaiveDate::from_ymd_opt(year, month, 1)
                    .ok_or_else(|| format!("{year}-{month} is not a month"))?;
                Ok((
                    PeriodLabel {
                        date,
                        granularity: Granularity::Month,
                    },
                    PeriodText::YearMonth,
                ))
            }
        }
    }

    /// Reads one value of a row; `period_column` is the column the period came from.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn value(
        &mut self,
        row: &SourceRow,
        team: NameRef<TeamId>,
        indicator: NameRef<IndicatorId>,
        value_cell: Option<&RawCell>,
        value_column: Option<usize>,
        period: PeriodSource<'_>,
        period_column: Option<usize>,
    ) {
        let kind = self.kind_of(indicator);
        let (value, footnote) = match self.number(value_cell.unwrap_or(&RawCell::Empty), kind) {
            Ok(CellNumber::NotReported) => {
                self.report.not_reported += 1;
                return;
            }
            Ok(CellNumber::Value { value, footnote }) => (value, footnote),
            Err(why) => return self.reject(row.line, value_column, why),
        };
        let (label, period_text) = match self.label(period) {
            Ok(l) => l,
            Err(why) => return self.reject(row.line, period_column, why),
        };
        let target = match Self::cell(row, self.mapping.target).filter(|c| !c.is_blank()) {
            None => None,
            Some(c) => match self.number(c, IndicatorKind::Quantitative) {
                Ok(CellNumber::Value { value, .. }) => Some(value),
                Ok(CellNumber::NotReported) => None,
                Err(why) => return self.reject(row.line, self.mapping.target, why),
            },
        };
        let note_text = Self::text_of(row, self.mapping.note);
        let note = match (note_text.is_empty(), footnote) {
            (true, None) => None,
            (false, None) => Some(note_text.into_owned()),
            (true, Some(f)) => Some(format!("footnote {f}")),
            (false, Some(f)) => Some(format!("{note_text} (footnote {f})")),
        };
        if let NameRef::New(k) = indicator {
            let p = &mut self.new_indicators[k];
            p.granularity = Some(
                p.granularity
                    .map_or(label.granularity, |old| old.min(label.granularity)),
            );
            if label.granularity == Granularity::Day && p.days.len() < DAYS_KEPT {
                p.days.insert(label.date);
            }
        }
        self.report.values += 1;
        let p = Pending {
            line: row.line,
            column: period_column,
            period_text,
            team,
            indicator,
            label,
            value,
            target,
            note,
        };
        // A value whose indicator's frequency is known is placed now; the
        // values of a new indicator whose frequency nobody gave wait until
        // the whole file has shown how often it is reported.
        let frequency_known = match indicator {
            NameRef::Existing(id) => Some(self.existing_frequency(id)),
            // The person's choice, else the first frequency the file gave
            // for it (the one it keeps).
            NameRef::New(k) => self
                .options
                .new_indicator_frequency
                .or_else(|| self.new_indicators.get(k).and_then(|p| p.frequency))
                .map(Some),
        };
        if let Some(frequency) = frequency_known {
            if let Err(e) = self.place(p, frequency) {
                self.failure.get_or_insert(e);
            }
            return;
        }
        self.pending.push(p);
        // Once values go to disk, they go in chunks.
        let limit = if self
            .scratch
            .as_ref()
            .is_some_and(|s| s.pending_chunks() > 0)
        {
            SPILL_CHUNK
        } else {
            self.options.values_in_memory.max(1)
        };
        if self.pending.len() > limit {
            self.spill();
        }
    }

    pub(super) fn row(&mut self, row: &SourceRow) {
        if row.cells.iter().all(RawCell::is_blank) {
            return;
        }
        self.report.rows_read += 1;
        if let Some(extra) = row
            .cells
            .iter()
            .enumerate()
            .skip(self.headers.len())
            .find(|(_, c)| !c.is_blank())
            .map(|(i, _)| i)
        {
            let fields = row.cells.len();
            let header = self.headers.len();
            return self.reject(
                row.line,
                Some(extra),
                format!(
                    "the row has {fields} fields but the header names {header}: a value holding the separator (such as 1,234 in a comma-separated file) must be in quotes"
                ),
            );
        }
        let team_name = Self::text_of(row, self.mapping.team);
        if team_name.is_empty() {
            return self.reject(row.line, self.mapping.team, "no team is named");
        }
        let indicator_name = match self.mapping.indicator {
            Some(_) => Self::text_of(row, self.mapping.indicator),
            None => std::borrow::Cow::Owned(
                self.mapping
                    .fixed_indicator
                    .clone()
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            ),
        };
        if indicator_name.is_empty() {
            return self.reject(row.line, self.mapping.indicator, "no indicator is named");
        }
        let team = match self.team_ref(&team_name) {
            Ok(t) => t,
            Err(why) => return self.reject(row.line, self.mapping.team, why),
        };
        let indicator = match self.indicator_ref(&indicator_name, row) {
            Ok(i) => i,
            Err(why) => {
                let column = if why.contains("reporting frequency") {
                    self.mapping.frequency
                } else if why.contains("direction") {
                    self.mapping.direction
                } else {
                    self.mapping.indicator
                };
                return self.reject(row.line, column, why);
            }
        };
        match self.mapping.layout {
            Layout::Long => {
                let period = match (self.mapping.period, self.mapping.year, self.mapping.month) {
                    (Some(p), _, _) => {
                        PeriodSource::Cell(Self::cell(row, Some(p)).unwrap_or(&RawCell::Empty))
                    }
                    (None, Some(y), Some(m)) => PeriodSource::YearMonth(
                        Self::cell(row, Some(y)).unwrap_or(&RawCell::Empty),
                        Self::cell(row, Some(m)).unwrap_or(&RawCell::Empty),
                    ),
                    _ => return self.reject(row.line, None, "no period column is mapped"),
                };
                let period_column = self.mapping.period.or(self.mapping.year);
                let value_cell = Self::cell(row, self.mapping.value);
                self.value(
                    row,
                    team,
                    indicator,
                    value_cell,
                    self.mapping.value,
                    period,
                    period_column,
                );
            }
            Layout::Wide => {
                for &col in &self.mapping.period_columns.clone() {
                    let cell = Self::cell(row, Some(col));
                    if cell.is_none_or(RawCell::is_blank) {
                        self.report.not_reported += 1;
                        continue;
                    }
                    self.value(
                        row,
                        team,
                        indicator,
                        cell,
                        Some(col),
                        PeriodSource::Header(col),
                        Some(col),
                    );
                }
            }
        }
    }

    pub(super) fn report_rejection(&mut self, line: u64, column: &str, reason: String) {
        self.report.record_rejection(line, column, reason);
    }
}
