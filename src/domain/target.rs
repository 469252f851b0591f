//! A specific performance target (practice 3) and the rules that make it specific.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::number::{format_number, parse_typed_number_in};
use super::{Direction, FieldError, Frequency};

/// A validated target: what is measured, from where, to where, by when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// The indicator's name, e.g. "Potholes repaired within 48 hours".
    pub indicator_name: String,
    /// Its unit, e.g. "%".
    pub unit: String,
    /// Which way is better (never neutral for a target).
    pub direction: Direction,
    /// How often it is reported.
    pub frequency: Frequency,
    /// Where it stood when the target was set.
    pub baseline_value: f64,
    /// When the baseline was measured.
    pub baseline_date: NaiveDate,
    /// Where it must get to.
    pub target_value: f64,
    /// By when.
    pub deadline: NaiveDate,
}

impl Target {
    /// "Potholes repaired within 48 hours: from 41 % to 90 % by 2027-06-30".
    pub fn sentence(&self) -> String {
        format!(
            "{}: from {} to {} by {}",
            self.indicator_name.trim(),
            with_unit(self.baseline_value, &self.unit),
            with_unit(self.target_value, &self.unit),
            self.deadline.format("%-d %B %Y")
        )
    }
}

/// A value followed by its unit ("41 %", "12 days").
pub fn with_unit(value: f64, unit: &str) -> String {
    with_unit_decimals(value, 2, unit)
}

/// [`with_unit`] with up to `decimals` decimals (an indicator's own).
pub fn with_unit_decimals(value: f64, decimals: usize, unit: &str) -> String {
    let unit = unit.trim();
    let number = format_number(value, decimals);
    if unit.is_empty() {
        number
    } else if unit == "%" {
        format!("{number}%")
    } else {
        format!("{number} {unit}")
    }
}

/// The fields of the target form, so that a message can sit beside its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetField {
    /// Indicator name.
    IndicatorName,
    /// Unit.
    Unit,
    /// Higher or lower is better.
    Direction,
    /// Reporting frequency.
    Frequency,
    /// Baseline value.
    BaselineValue,
    /// Baseline date.
    BaselineDate,
    /// Target value.
    TargetValue,
    /// Deadline.
    Deadline,
}

/// The target form as typed: every field is text until it validates.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetDraft {
    /// Indicator name as typed.
    pub indicator_name: String,
    /// Unit as typed.
    pub unit: String,
    /// Direction as picked.
    pub direction: Option<Direction>,
    /// Frequency as picked.
    pub frequency: Option<Frequency>,
    /// Baseline value as typed.
    pub baseline_value: String,
    /// Baseline date as typed (YYYY-MM-DD).
    pub baseline_date: String,
    /// Target value as typed.
    pub target_value: String,
    /// Deadline as typed (YYYY-MM-DD).
    pub deadline: String,
}

/// Reads a date typed as YYYY-MM-DD.
pub fn parse_typed_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("enter a date as YYYY-MM-DD".to_owned());
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        let shown: String = t.chars().take(40).collect();
        format!("\"{shown}\" is not a date; use YYYY-MM-DD, e.g. 2025-06-30")
    })
}

/// The four numbers and dates every target has, for the agency or one team.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetValues {
    /// Where it stood.
    pub baseline_value: f64,
    /// When.
    pub baseline_date: NaiveDate,
    /// Where it must get to.
    pub target_value: f64,
    /// By when.
    pub deadline: NaiveDate,
}

impl TargetValues {
    /// True when `value` meets or beats the target in `direction`.
    pub fn is_met(&self, value: f64, direction: Direction) -> bool {
        match direction {
            Direction::Higher => value >= self.target_value,
            Direction::Lower => value <= self.target_value,
            Direction::Neutral => false,
        }
    }
}

/// Checks typed baseline value, baseline date, target value and deadline
/// (in that order), pushing a message per problem beside its field; returns
/// the values when they are all readable and consistent with `direction`.
pub fn check_values(
    direction: Option<Direction>,
    [baseline_value, baseline_date, target_value, deadline]: [&str; 4],
    mark: super::number::DecimalMark,
    errors: &mut Vec<FieldError<TargetField>>,
) -> Option<TargetValues> {
    use TargetField as F;
    let before = errors.len();
    let mut number = |field, label: &str, text: &str| match parse_typed_number_in(text, mark) {
        Ok(v) => Some(v),
        Err(why) => {
            errors.push(FieldError::new(field, format!("{label}: {why}.")));
            None
        }
    };
    let baseline = number(F::BaselineValue, "Baseline value", baseline_value);
    let target = number(F::TargetValue, "Target value", target_value);
    let mut date = |field, label: &str, text: &str| match parse_typed_date(text) {
        Ok(d) => Some(d),
        Err(why) => {
            errors.push(FieldError::new(field, format!("{label}: {why}.")));
            None
        }
    };
    let baseline_date = date(F::BaselineDate, "Baseline date", baseline_date);
    let deadline = date(F::Deadline, "Deadline", deadline);
    if let (Some(dir), Some(b), Some(t)) = (direction, baseline, target)
        && matches!(dir, Direction::Higher | Direction::Lower)
        && !dir.is_better(t, b)
    {
        let (word, comparison) = match dir {
            Direction::Lower => ("lower", "lower than"),
            _ => ("higher", "higher than"),
        };
        errors.push(FieldError::new(
            F::TargetValue,
            format!(
                "The target ({}) must be {comparison} the baseline ({}), because {word} is better.",
                format_number(t, 6),
                format_number(b, 6)
            ),
        ));
    }
    if let (Some(b), Some(d)) = (baseline_date, deadline)
        && d <= b
    {
        errors.push(FieldError::new(
            F::Deadline,
            format!(
                "The deadline must be after the baseline date ({}).",
                b.format("%Y-%m-%d")
            ),
        ));
    }
    match (baseline, baseline_date, target, deadline) {
        (Some(baseline_value), Some(baseline_date), Some(target_value), Some(deadline))
            if errors.len() == before =>
        {
            Some(TargetValues {
                baseline_value,
                baseline_date,
                target_value,
                deadline,
            })
        }
        _ => None,
    }
}

impl Target {
    /// Its baseline, target and dates.
    pub fn values(&self) -> TargetValues {
        TargetValues {
            baseline_value: self.baseline_value,
            baseline_date: self.baseline_date,
            target_value: self.target_value,
            deadline: self.deadline,
        }
    }
}

impl TargetDraft {
    /// The draft a stored target would show, its numbers written with `mark`.
    pub fn from_target(t: &Target, mark: super::number::DecimalMark) -> TargetDraft {
        TargetDraft {
            indicator_name: t.indicator_name.clone(),
            unit: t.unit.clone(),
            direction: Some(t.direction),
            frequency: Some(t.frequency),
            baseline_value: mark.write(&format_number(t.baseline_value, 6)),
            baseline_date: t.baseline_date.format("%Y-%m-%d").to_string(),
            target_value: mark.write(&format_number(t.target_value, 6)),
            deadline: t.deadline.format("%Y-%m-%d").to_string(),
        }
    }

    /// True when nothing has been typed yet.
    pub fn is_blank(&self) -> bool {
        *self == TargetDraft::default()
    }

    /// Checks every field, reading numbers written with `mark`; either a
    /// target or every problem, each beside its field.
    pub fn validate(
        &self,
        mark: super::number::DecimalMark,
    ) -> Result<Target, Vec<FieldError<TargetField>>> {
        use TargetField as F;
        let mut errors = Vec::new();
        let name = self.indicator_name.trim();
        if name.is_empty() {
            errors.push(FieldError::new(
                F::IndicatorName,
                "Name the indicator, e.g. \"Potholes repaired within 48 hours\".",
            ));
        } else if name.chars().count() > 120 {
            errors.push(FieldError::new(
                F::IndicatorName,
                "Keep the indicator name under 120 characters.",
            ));
        }
        let unit = self.unit.trim();
        if unit.is_empty() {
            errors.push(FieldError::new(
                F::Unit,
                "State the unit, e.g. \"%\", \"days\" or \"cases\".",
            ));
        } else if unit.chars().count() > 40 {
            errors.push(FieldError::new(
                F::Unit,
                "Keep the unit under 40 characters.",
            ));
        }
        let direction = match self.direction {
            Some(d @ (Direction::Higher | Direction::Lower)) => Some(d),
            _ => {
                errors.push(FieldError::new(
                    F::Direction,
                    "Choose whether higher or lower is better.",
                ));
                None
            }
        };
        if self.frequency.is_none() {
            errors.push(FieldError::new(
                F::Frequency,
                "Choose how often the indicator is reported.",
            ));
        }
        let values = check_values(
            direction,
            [
                &self.baseline_value,
                &self.baseline_date,
                &self.target_value,
                &self.deadline,
            ],
            mark,
            &mut errors,
        );
        match (direction, self.frequency, values) {
            (Some(direction), Some(frequency), Some(v)) if errors.is_empty() => Ok(Target {
                indicator_name: name.to_owned(),
                unit: unit.to_owned(),
                direction,
                frequency,
                baseline_value: v.baseline_value,
                baseline_date: v.baseline_date,
                target_value: v.target_value,
                deadline: v.deadline,
            }),
            _ => Err(errors),
        }
    }
}

/// Advice that does not block saving: a deadline already past.
pub fn target_warnings(target: &Target, today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    if target.deadline <= today {
        out.push(format!(
            "The deadline ({}) has already passed; a target is meant to say what to achieve next.",
            target.deadline.format("%Y-%m-%d")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::number::DecimalMark;

    fn draft() -> TargetDraft {
        TargetDraft {
            indicator_name: "Potholes repaired within 48 hours".into(),
            unit: "%".into(),
            direction: Some(Direction::Higher),
            frequency: Some(Frequency::Week),
            baseline_value: "41".into(),
            baseline_date: "2024-12-02".into(),
            target_value: "90".into(),
            deadline: "2027-06-30".into(),
        }
    }

    fn fields(r: Result<Target, Vec<FieldError<TargetField>>>) -> Vec<TargetField> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_good_draft_validates() {
        let t = draft().validate(DecimalMark::Dot).unwrap();
        assert_eq!(t.baseline_value, 41.0);
        assert_eq!(
            t.sentence(),
            "Potholes repaired within 48 hours: from 41% to 90% by 30 June 2027"
        );
        assert_eq!(
            TargetDraft::from_target(&t, DecimalMark::Dot)
                .validate(DecimalMark::Dot)
                .unwrap(),
            t
        );
    }

    #[test]
    fn each_field_is_checked() {
        assert_eq!(
            fields(TargetDraft::default().validate(DecimalMark::Dot)).len(),
            8
        );
        let mut d = draft();
        d.baseline_value = "forty".into();
        assert_eq!(
            fields(d.validate(DecimalMark::Dot)),
            [TargetField::BaselineValue]
        );
        let mut d = draft();
        d.deadline = "30/06/2027".into();
        assert_eq!(
            fields(d.validate(DecimalMark::Dot)),
            [TargetField::Deadline]
        );
        let mut d = draft();
        d.direction = Some(Direction::Neutral);
        assert_eq!(
            fields(d.validate(DecimalMark::Dot)),
            [TargetField::Direction]
        );
    }

    #[test]
    fn target_must_improve_on_baseline() {
        let mut d = draft();
        d.target_value = "41".into();
        let errs = d.validate(DecimalMark::Dot).unwrap_err();
        assert_eq!(errs[0].field, TargetField::TargetValue);
        assert_eq!(
            errs[0].message,
            "The target (41) must be higher than the baseline (41), because higher is better."
        );
        d.direction = Some(Direction::Lower);
        d.target_value = "50".into();
        assert!(
            d.validate(DecimalMark::Dot).unwrap_err()[0]
                .message
                .contains("lower than")
        );
        d.target_value = "20".into();
        assert!(d.validate(DecimalMark::Dot).is_ok());
    }

    #[test]
    fn deadline_after_baseline() {
        let mut d = draft();
        d.deadline = "2024-12-02".into();
        assert_eq!(
            fields(d.validate(DecimalMark::Dot)),
            [TargetField::Deadline]
        );
    }

    #[test]
    fn past_deadline_is_a_warning_only() {
        let t = draft().validate(DecimalMark::Dot).unwrap();
        let today = NaiveDate::from_ymd_opt(2028, 1, 1).unwrap();
        assert_eq!(target_warnings(&t, today).len(), 1);
        let earlier = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert!(target_warnings(&t, earlier).is_empty());
    }

    #[test]
    fn a_draft_reads_and_writes_numbers_with_the_workbook_mark() {
        let mut d = draft();
        d.baseline_value = "41,5".into();
        d.target_value = "90,25".into();
        let t = d.validate(DecimalMark::Comma).unwrap();
        assert_eq!((t.baseline_value, t.target_value), (41.5, 90.25));
        // Written the other way, refused rather than guessed.
        assert_eq!(
            fields(d.validate(DecimalMark::Dot)),
            [TargetField::BaselineValue, TargetField::TargetValue]
        );
        let again = TargetDraft::from_target(&t, DecimalMark::Comma);
        assert_eq!(
            (again.baseline_value.as_str(), again.target_value.as_str()),
            ("41,5", "90,25")
        );
        assert_eq!(again.validate(DecimalMark::Comma).unwrap(), t);
    }
}

/// One stored target of an indicator: agency-wide (`team: None`) or for one
/// team, current or superseded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetRecord {
    /// Its id.
    pub id: super::TargetId,
    /// The team it is for; `None` for the whole agency (the default for every team).
    pub team: Option<super::TeamId>,
    /// Its numbers and dates.
    pub values: TargetValues,
    /// False once a newer target replaced it.
    pub current: bool,
}

/// The target in force now for `team`: its own current target, else the
/// agency-wide one.
pub fn current_target(records: &[TargetRecord], team: super::TeamId) -> Option<&TargetRecord> {
    let pick = |own: bool| {
        records
            .iter()
            .filter(|r| {
                r.current
                    && (if own {
                        r.team == Some(team)
                    } else {
                        r.team.is_none()
                    })
            })
            .max_by_key(|r| r.id)
    };
    pick(true).or_else(|| pick(false))
}

/// The target that applied to a period ending on `period_end` for `team`:
/// among the team's own targets (else the agency-wide ones), the one with
/// the latest baseline on or before the period's end, the most recently set
/// winning a tie. Periods before every baseline have none.
pub fn target_for_period(
    records: &[TargetRecord],
    team: super::TeamId,
    period_end: NaiveDate,
) -> Option<&TargetRecord> {
    let pick = |own: bool| {
        records
            .iter()
            .filter(|r| {
                if own {
                    r.team == Some(team)
                } else {
                    r.team.is_none()
                }
            })
            .filter(|r| r.values.baseline_date <= period_end)
            .max_by_key(|r| (r.values.baseline_date, r.id))
    };
    pick(true).or_else(|| pick(false))
}

/// The targets of one indicator, indexed for answering "which target was
/// in force for this team's period?" for every value of a large workbook
/// (a binary search per value instead of a scan of every record).
#[derive(Clone, Debug, Default)]
pub struct TargetIndex {
    /// Per team (`None`: agency-wide), (baseline date, record id, values),
    /// sorted.
    by_team: std::collections::HashMap<Option<super::TeamId>, Vec<(NaiveDate, i64, TargetValues)>>,
}

impl TargetIndex {
    /// Indexes an indicator's records.
    pub fn new(records: &[TargetRecord]) -> TargetIndex {
        let mut by_team: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
        for r in records {
            by_team
                .entry(r.team)
                .or_default()
                .push((r.values.baseline_date, r.id.0, r.values));
        }
        for list in by_team.values_mut() {
            list.sort_by_key(|a| (a.0, a.1));
        }
        TargetIndex { by_team }
    }

    /// The same answer as [`target_for_period`].
    pub fn for_period(&self, team: super::TeamId, period_end: NaiveDate) -> Option<TargetValues> {
        let pick = |key: Option<super::TeamId>| {
            let list = self.by_team.get(&key)?;
            let n = list.partition_point(|(d, _, _)| *d <= period_end);
            n.checked_sub(1).map(|i| list[i].2)
        };
        pick(Some(team)).or_else(|| pick(None))
    }
}

#[cfg(test)]
mod record_tests {
    use super::*;
    use crate::domain::{TargetId, TeamId};

    fn rec(
        id: i64,
        team: Option<i64>,
        baseline: (i32, u32, u32),
        target: f64,
        current: bool,
    ) -> TargetRecord {
        TargetRecord {
            id: TargetId(id),
            team: team.map(TeamId),
            values: TargetValues {
                baseline_value: 40.0,
                baseline_date: NaiveDate::from_ymd_opt(baseline.0, baseline.1, baseline.2).unwrap(),
                target_value: target,
                deadline: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            },
            current,
        }
    }

    #[test]
    fn team_targets_override_the_agency_target() {
        let records = vec![
            rec(1, None, (2025, 1, 1), 90.0, true),
            rec(2, Some(7), (2025, 1, 1), 80.0, true),
        ];
        assert_eq!(
            current_target(&records, TeamId(7))
                .unwrap()
                .values
                .target_value,
            80.0
        );
        assert_eq!(
            current_target(&records, TeamId(8))
                .unwrap()
                .values
                .target_value,
            90.0
        );
    }

    #[test]
    fn each_period_gets_the_target_whose_baseline_preceded_it() {
        // Ratcheted: 90 from 2025, then 95 from mid-2026 (the old one superseded).
        let records = vec![
            rec(1, None, (2025, 1, 1), 90.0, false),
            rec(2, None, (2026, 7, 1), 95.0, true),
        ];
        let at = |y, m, d| {
            target_for_period(
                &records,
                TeamId(1),
                NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            )
        };
        assert!(at(2024, 12, 31).is_none());
        assert_eq!(at(2025, 3, 31).unwrap().values.target_value, 90.0);
        assert_eq!(at(2026, 7, 31).unwrap().values.target_value, 95.0);
    }

    #[test]
    fn the_index_answers_as_the_scan_does() {
        let records = vec![
            rec(1, None, (2025, 1, 1), 90.0, false),
            rec(2, None, (2026, 7, 1), 95.0, true),
            rec(3, Some(7), (2025, 6, 1), 80.0, false),
            rec(4, Some(7), (2025, 6, 1), 82.0, true),
            rec(5, Some(7), (2026, 1, 1), 85.0, true),
        ];
        let index = TargetIndex::new(&records);
        let mut day = NaiveDate::from_ymd_opt(2024, 11, 1).unwrap();
        while day < NaiveDate::from_ymd_opt(2027, 1, 1).unwrap() {
            for team in [TeamId(7), TeamId(8)] {
                assert_eq!(
                    index.for_period(team, day),
                    target_for_period(&records, team, day).map(|r| r.values),
                    "{team:?} {day}"
                );
            }
            day = day + chrono::Days::new(9);
        }
    }

    #[test]
    fn met_depends_on_direction() {
        let v = rec(1, None, (2025, 1, 1), 90.0, true).values;
        assert!(v.is_met(90.0, Direction::Higher));
        assert!(!v.is_met(89.9, Direction::Higher));
        assert!(v.is_met(85.0, Direction::Lower));
        assert!(!v.is_met(90.0, Direction::Neutral));
    }
}
