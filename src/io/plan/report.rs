//! What an import will do and what it refused: counts, new names, and
//! rejected rows grouped by reason, in sentences for the person importing.

use super::*;

/// One rejected row (or cell), with where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The line (CSV) or row (spreadsheet).
    pub line: u64,
    /// The column's header.
    pub column: String,
    /// What is wrong.
    pub reason: String,
}

/// Rejected rows that share a reason (the same words, whatever the value
/// quoted and the numbers in it) and a column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectionGroup {
    /// The column's header.
    pub column: String,
    /// The first row's reason, as an example.
    pub example: String,
    /// The reason with what varies taken out (what the group shares).
    pub kind: String,
    /// How many rows.
    pub count: usize,
    /// The first few lines.
    pub lines: Vec<u64>,
}

/// Lines listed per group of rejections.
pub(super) const GROUP_LINES: usize = 8;
/// Groups kept; further kinds of rejection join the last.
pub(super) const MAX_GROUPS: usize = 50;

/// A reason with what varies from row to row (quoted text, numbers) taken
/// out, so rows rejected for the same reason group together.
pub(super) fn reason_kind(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut quoted = false;
    let mut last_digit = false;
    for c in reason.chars() {
        if c == '"' {
            if !quoted {
                out.push('…');
            }
            quoted = !quoted;
            continue;
        }
        if quoted {
            continue;
        }
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('#');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        out.push(c);
    }
    out
}

/// An indicator the import will create.
#[derive(Clone, Debug, PartialEq)]
pub struct NewIndicatorPlan {
    /// Its name.
    pub name: String,
    /// Its unit (from the file, else empty).
    pub unit: String,
    /// Which way is better (from the file, else higher).
    pub direction: Direction,
    /// How often it is reported.
    pub frequency: Frequency,
}

/// What an import will do, shown before anything is written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// How the file was read.
    pub source: String,
    /// The decimal mark used.
    pub decimal: DecimalMark,
    /// The date order used, if dates needed one.
    pub date_order: DateOrder,
    /// Data rows read.
    pub rows_read: u64,
    /// Values found (not counting empty cells).
    pub values: usize,
    /// Cells saying "not reported" (blank, NA, -).
    pub not_reported: usize,
    /// New values.
    pub added: usize,
    /// Values that differ from what is stored and will be changed.
    pub updated: usize,
    /// Values equal to what is stored.
    pub unchanged: usize,
    /// Values that differ and will be left as stored.
    pub skipped: usize,
    /// Values falling in locked periods (they need a reason).
    pub in_locked_periods: usize,
    /// Rejected rows (the first 1,000).
    pub rejected: Vec<Rejection>,
    /// How many rows were rejected in all.
    pub rejected_total: usize,
    /// The rejections grouped by reason and column, largest first once
    /// planning ends.
    pub rejection_groups: Vec<RejectionGroup>,
    /// Things worth knowing that do not stop the import.
    pub notices: Vec<String>,
    /// Teams the import will create.
    pub new_teams: Vec<String>,
    /// Indicators the import will create.
    pub new_indicators: Vec<NewIndicatorPlan>,
    /// New indicators whose direction neither the file nor the options give.
    pub directions_needed: Vec<String>,
    /// Targets the file sets where none was in force.
    pub targets_new: usize,
    /// Targets the file sets that replace a different one in force.
    pub targets_replacing: usize,
    /// The file's targets already in force.
    pub targets_unchanged: usize,
    /// The replacements, in words (the first 20).
    pub target_lines: Vec<String>,
}

/// How many rejections are kept for display.
pub const MAX_REJECTIONS_SHOWN: usize = 1_000;
/// How many rejected rows the text report lists one by one (after the groups).
pub(super) const REJECTIONS_PRINTED: usize = 100;

impl ImportReport {
    /// Counts a rejected row, keeps it among the first shown, and adds it
    /// to its group.
    pub(super) fn record_rejection(&mut self, line: u64, column: &str, reason: String) {
        self.rejected_total += 1;
        let kind = reason_kind(&reason);
        let at = self
            .rejection_groups
            .iter()
            .position(|g| g.column == column && g.kind == kind)
            .or_else(|| (self.rejection_groups.len() >= MAX_GROUPS).then_some(MAX_GROUPS - 1));
        match at {
            Some(i) => {
                let g = &mut self.rejection_groups[i];
                g.count += 1;
                if g.lines.len() < GROUP_LINES {
                    g.lines.push(line);
                }
            }
            None => self.rejection_groups.push(RejectionGroup {
                column: column.to_owned(),
                example: reason.clone(),
                kind,
                count: 1,
                lines: vec![line],
            }),
        }
        if self.rejected.len() < MAX_REJECTIONS_SHOWN {
            self.rejected.push(Rejection {
                line,
                column: column.to_owned(),
                reason,
            });
        }
    }

    /// One line per group of rejections: how many, the column, an example
    /// and the first lines.
    pub fn rejection_group_lines(&self) -> Vec<String> {
        let mut groups: Vec<&RejectionGroup> = self.rejection_groups.iter().collect();
        groups.sort_by_key(|g| std::cmp::Reverse(g.count));
        groups
            .iter()
            .map(|g| {
                let lines: Vec<String> = g.lines.iter().map(u64::to_string).collect();
                format!(
                    "{}, column \"{}\", e.g. {} (line{} {}{})",
                    crate::domain::number::count(g.count as u64, "row", "rows"),
                    g.column,
                    g.example,
                    if g.lines.len() == 1 { "" } else { "s" },
                    lines.join(", "),
                    if g.count > g.lines.len() { ", …" } else { "" }
                )
            })
            .collect()
    }

    /// Why the import cannot go ahead yet, if it cannot.
    pub fn blocker(&self, skip_bad_rows: bool, reason_given: bool) -> Option<String> {
        if self.rejected_total > 0 && !skip_bad_rows {
            return Some(format!(
                "{} rejected: fix the file or the choices above, or choose to skip bad rows.",
                crate::domain::number::count(self.rejected_total as u64, "row is", "rows are")
            ));
        }
        if !self.directions_needed.is_empty() {
            return Some(format!(
                "The file does not say which way is better for {}: {}. Choose higher or lower is better for new indicators.",
                crate::domain::number::count(
                    self.directions_needed.len() as u64,
                    "new indicator",
                    "new indicators"
                ),
                names_with_more(&self.directions_needed)
            ));
        }
        if self.in_locked_periods > 0 && !reason_given {
            return Some(format!(
                "{} fall in locked periods: give a reason for the import.",
                crate::domain::number::count(self.in_locked_periods as u64, "value", "values")
            ));
        }
        if self.added + self.updated + self.targets_new + self.targets_replacing == 0 {
            return Some("Nothing to import: the file adds and changes no values.".into());
        }
        None
    }

    /// The teams the import creates, the first few by name and how many
    /// more (a file can name thousands).
    pub fn new_teams_line(&self) -> Option<String> {
        let n = self.new_teams.len();
        if n == 0 {
            return None;
        }
        let shown = self.new_teams[..n.min(NAMES_SHOWN)].join(", ");
        Some(if n > NAMES_SHOWN {
            format!("New teams: {shown} and {} more", n - NAMES_SHOWN)
        } else {
            format!("New teams: {shown}")
        })
    }

    /// One line per indicator the import creates (the first few, then how
    /// many more).
    pub fn new_indicator_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .new_indicators
            .iter()
            .take(NAMES_SHOWN)
            .map(|i| {
                format!(
                    "New indicator: {} ({}, {}, reported {})",
                    i.name,
                    if i.unit.is_empty() {
                        "no unit"
                    } else {
                        &i.unit
                    },
                    i.direction.label().to_lowercase(),
                    i.frequency.label().to_lowercase()
                )
            })
            .collect();
        if self.new_indicators.len() > NAMES_SHOWN {
            lines.push(format!(
                "… and {} more new indicators",
                self.new_indicators.len() - NAMES_SHOWN
            ));
        }
        lines
    }

    /// The targets line: how many the file sets, replaces and already has.
    pub fn targets_line(&self) -> Option<String> {
        use crate::domain::number::thousands;
        let total = self.targets_new + self.targets_replacing + self.targets_unchanged;
        (total > 0).then(|| {
            format!(
                "Targets: {} to set, {} replacing a different target, {} already in force",
                thousands(self.targets_new as u64),
                thousands(self.targets_replacing as u64),
                thousands(self.targets_unchanged as u64)
            )
        })
    }

    /// The report as plain text (the command line prints this).
    pub fn render_text(&self) -> String {
        use crate::domain::number::count;
        let mut out = String::new();
        out.push_str(&format!(
            "Read {} ({}).\n",
            count(self.rows_read, "row", "rows"),
            self.source
        ));
        out.push_str(&format!(
            "Values: {} to add, {} to update, {} unchanged, {} to skip; {} not reported.\n",
            self.added, self.updated, self.unchanged, self.skipped, self.not_reported
        ));
        if let Some(line) = self.new_teams_line() {
            out.push_str(&format!("{line}.\n"));
        }
        for line in self.new_indicator_lines() {
            out.push_str(&format!("{line}.\n"));
        }
        if let Some(line) = self.targets_line() {
            out.push_str(&format!("{line}.\n"));
        }
        for line in &self.target_lines {
            out.push_str(&format!("  {line}\n"));
        }
        if self.in_locked_periods > 0 {
            out.push_str(&format!(
                "{} fall in locked periods.\n",
                count(self.in_locked_periods as u64, "value", "values")
            ));
        }
        for n in &self.notices {
            out.push_str(&format!("Note: {n}\n"));
        }
        if self.rejected_total > 0 {
            out.push_str(&format!(
                "Rejected: {}, by reason:\n",
                count(self.rejected_total as u64, "row", "rows")
            ));
            for line in self.rejection_group_lines() {
                out.push_str(&format!("  {line}\n"));
            }
            out.push_str("Rejected rows:\n");
            for r in self.rejected.iter().take(REJECTIONS_PRINTED) {
                out.push_str(&format!(
                    "  line {}, column \"{}\": {}\n",
                    r.line, r.column, r.reason
                ));
            }
            let printed = self.rejected.len().min(REJECTIONS_PRINTED);
            if self.rejected_total > printed {
                out.push_str(&format!(
                    "  … and {} more.\n",
                    crate::domain::number::thousands((self.rejected_total - printed) as u64)
                ));
            }
        }
        out
    }
}

/// The first names of a list and how many more.
pub(super) fn names_with_more(names: &[String]) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(NAMES_SHOWN)
        .map(|n| format!("\"{n}\""))
        .collect();
    if names.len() > NAMES_SHOWN {
        format!(
            "{} and {} more",
            shown.join(", "),
            names.len() - NAMES_SHOWN
        )
    } else {
        shown.join(", ")
    }
}
