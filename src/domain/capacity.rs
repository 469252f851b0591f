//! Operational capacity (practice 6): what each team needs to reach its
//! target, and where each request stands.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{IndicatorId, TeamId};

/// Identifies a capacity need.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct NeedId(pub i64);

impl std::fmt::Display for NeedId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What kind of help a team needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NeedCategory {
    /// People.
    #[default]
    Staff,
    /// Skills.
    Training,
    /// Tools, vehicles, materials.
    Equipment,
    /// Information and systems.
    Data,
    /// The power to decide.
    Authority,
    /// Budget.
    Money,
    /// Anything else.
    Other,
}

impl NeedCategory {
    /// Every category.
    pub const ALL: [NeedCategory; 7] = [
        NeedCategory::Staff,
        NeedCategory::Training,
        NeedCategory::Equipment,
        NeedCategory::Data,
        NeedCategory::Authority,
        NeedCategory::Money,
        NeedCategory::Other,
    ];

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            NeedCategory::Staff => "Staff",
            NeedCategory::Training => "Training",
            NeedCategory::Equipment => "Equipment",
            NeedCategory::Data => "Data",
            NeedCategory::Authority => "Authority",
            NeedCategory::Money => "Money",
            NeedCategory::Other => "Other",
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            NeedCategory::Staff => "staff",
            NeedCategory::Training => "training",
            NeedCategory::Equipment => "equipment",
            NeedCategory::Data => "data",
            NeedCategory::Authority => "authority",
            NeedCategory::Money => "money",
            NeedCategory::Other => "other",
        }
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<NeedCategory> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NeedStatus {
    /// Asked for, not yet decided.
    #[default]
    Requested,
    /// Agreed, not yet provided.
    Approved,
    /// Provided.
    Delivered,
    /// Refused, with a reason.
    Declined,
}

impl NeedStatus {
    /// Every status, in order.
    pub const ALL: [NeedStatus; 4] = [
        NeedStatus::Requested,
        NeedStatus::Approved,
        NeedStatus::Delivered,
        NeedStatus::Declined,
    ];

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            NeedStatus::Requested => "requested",
            NeedStatus::Approved => "approved",
            NeedStatus::Delivered => "delivered",
            NeedStatus::Declined => "declined",
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        self.label()
    }

    /// Reads a code back.
    pub fn from_code(code: &str) -> Option<NeedStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// True while the team still waits.
    pub fn is_open(self) -> bool {
        matches!(self, NeedStatus::Requested | NeedStatus::Approved)
    }

    /// The statuses a request can move to from here.
    pub fn next(self) -> &'static [NeedStatus] {
        match self {
            NeedStatus::Requested => &[NeedStatus::Approved, NeedStatus::Declined],
            NeedStatus::Approved => &[NeedStatus::Delivered, NeedStatus::Declined],
            NeedStatus::Delivered | NeedStatus::Declined => &[],
        }
    }
}

/// Why a status change is refused, if it is.
pub fn status_change_problem(from: NeedStatus, to: NeedStatus, note: &str) -> Option<String> {
    if !from.next().contains(&to) {
        return Some(format!(
            "A need that is {} cannot become {}.",
            from.label(),
            to.label()
        ));
    }
    if to == NeedStatus::Declined && note.trim().is_empty() {
        return Some("Say why the need is declined.".to_owned());
    }
    None
}

/// One dated step in a need's life.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NeedEvent {
    /// The status it moved to.
    pub status: NeedStatus,
    /// On which day.
    pub on: NaiveDate,
    /// A note (the reason, for a decline).
    pub note: String,
}

/// A capacity need.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityNeed {
    /// Its id.
    pub id: NeedId,
    /// The team that needs it.
    pub team: TeamId,
    /// What kind.
    pub category: NeedCategory,
    /// What exactly.
    pub description: String,
    /// The amount or cost, if any.
    pub amount: Option<f64>,
    /// What the amount counts ("FTE", "$", "hours"), as written.
    pub amount_unit: String,
    /// The indicator (target) it serves, if any.
    pub serves: Option<IndicatorId>,
    /// Where it stands.
    pub status: NeedStatus,
    /// Every status change, oldest first (the first is the request).
    pub history: Vec<NeedEvent>,
}

impl CapacityNeed {
    /// When it was requested.
    pub fn requested_on(&self) -> Option<NaiveDate> {
        self.history.first().map(|e| e.on)
    }

    /// Days it has waited (to `today` while open, else to its last change).
    pub fn waited_days(&self, today: NaiveDate) -> i64 {
        let start = self.requested_on().unwrap_or(today);
        let end = if self.status.is_open() {
            today
        } else {
            self.history.last().map_or(today, |e| e.on)
        };
        (end - start).num_days().max(0)
    }
}

/// Reads an amount as people write it: a number with what it counts
/// before or after it ("2 FTE", "$85,000", "120 hours", "3.5"; with a comma
/// mark "3,5" and "€85.000"). Empty: none. The unit is kept as written.
pub fn parse_amount(
    text: &str,
    mark: crate::domain::number::DecimalMark,
) -> Result<Option<(f64, String)>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let currency: &[char] = &['$', '€', '£', '¥', '₹'];
    let (symbol, rest) = match t.strip_prefix(currency) {
        Some(rest) => (t[..t.len() - rest.len()].to_owned(), rest.trim_start()),
        None => (String::new(), t),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+')))
        .unwrap_or(rest.len());
    let (number, unit) = rest.split_at(end);
    if number.is_empty() {
        return Err(format!(
            "\"{t}\" does not start with a number (e.g. 2 FTE, $85,000, 120 hours)"
        ));
    }
    let value = crate::domain::number::parse_typed_number_in(number, mark)?;
    let unit = match (symbol.is_empty(), unit.trim()) {
        (false, "") => symbol,
        (false, u) => format!("{symbol} {u}"),
        (true, u) => u.to_owned(),
    };
    Ok(Some((value, unit)))
}

/// The amount as written back with `mark`: "2 FTE", "$85000", "3,5 FTE".
pub fn amount_text(value: f64, unit: &str, mark: crate::domain::number::DecimalMark) -> String {
    let n = mark.write(&crate::domain::number::format_number(value, 2));
    match unit.trim() {
        "" => n,
        u if u.starts_with(['$', '€', '£', '¥', '₹']) && u.chars().count() == 1 => {
            format!("{u}{n}")
        }
        u => format!("{n} {u}"),
    }
}

/// A need being written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewNeed {
    /// The team.
    pub team: Option<TeamId>,
    /// What kind.
    pub category: NeedCategory,
    /// What exactly.
    pub description: String,
    /// The amount or cost, if any.
    pub amount: Option<f64>,
    /// What the amount counts ("FTE", "$", "hours"), as written.
    pub amount_unit: String,
    /// The indicator it serves, if any.
    pub serves: Option<IndicatorId>,
    /// When it was asked for.
    pub requested_on: Option<NaiveDate>,
}

impl NewNeed {
    /// What stops it being recorded.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.team.is_none() {
            out.push("Say which team needs it.".to_owned());
        }
        if self.description.trim().is_empty() {
            out.push("Describe what is needed.".to_owned());
        }
        if self.amount.is_some_and(|a| !a.is_finite() || a < 0.0) {
            out.push("The amount must be a positive number (or left empty).".to_owned());
        }
        out
    }
}

#[cfg(test)]
mod amount_tests {
    use super::*;
    use crate::domain::number::DecimalMark::{Comma, Dot};

    #[test]
    fn amounts_are_read_with_what_they_count() {
        assert_eq!(parse_amount("2 FTE", Dot), Ok(Some((2.0, "FTE".into()))));
        assert_eq!(
            parse_amount("$85,000", Dot),
            Ok(Some((85_000.0, "$".into())))
        );
        assert_eq!(
            parse_amount("120 hours", Dot),
            Ok(Some((120.0, "hours".into())))
        );
        assert_eq!(parse_amount("3.5", Dot), Ok(Some((3.5, String::new()))));
        assert_eq!(parse_amount("  ", Dot), Ok(None));
        assert!(
            parse_amount("two vans", Dot)
                .unwrap_err()
                .contains("does not start with a number")
        );
        assert_eq!(amount_text(85_000.0, "$", Dot), "$85000");
        assert_eq!(amount_text(2.0, "FTE", Dot), "2 FTE");
        // With a comma mark, as the leader writes them.
        assert_eq!(
            parse_amount("3,5 FTE", Comma),
            Ok(Some((3.5, "FTE".into())))
        );
        assert_eq!(
            parse_amount("€85.000", Comma),
            Ok(Some((85_000.0, "€".into())))
        );
        assert!(
            parse_amount("3.5 FTE", Comma).is_err(),
            "the other mark is refused"
        );
        assert_eq!(amount_text(3.5, "FTE", Comma), "3,5 FTE");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_move_forward_only_and_a_decline_needs_a_reason() {
        use NeedStatus::*;
        assert!(status_change_problem(Requested, Approved, "").is_none());
        assert!(status_change_problem(Approved, Delivered, "").is_none());
        assert!(
            status_change_problem(Requested, Delivered, "").is_some(),
            "approve first"
        );
        assert!(status_change_problem(Delivered, Requested, "").is_some());
        assert_eq!(
            status_change_problem(Requested, Declined, " ").as_deref(),
            Some("Say why the need is declined.")
        );
        assert!(status_change_problem(Approved, Declined, "No budget this year").is_none());
        for s in NeedStatus::ALL {
            assert_eq!(NeedStatus::from_code(s.code()), Some(s));
        }
        for c in NeedCategory::ALL {
            assert_eq!(NeedCategory::from_code(c.code()), Some(c));
        }
    }

    #[test]
    fn waiting_is_counted_to_today_while_open() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let mut need = CapacityNeed {
            id: NeedId(1),
            team: TeamId(1),
            category: NeedCategory::Equipment,
            description: "A second hot-patch van".into(),
            amount: Some(85_000.0),
            amount_unit: String::new(),
            serves: None,
            status: NeedStatus::Requested,
            history: vec![NeedEvent {
                status: NeedStatus::Requested,
                on: d(3, 1),
                note: String::new(),
            }],
        };
        assert_eq!(need.waited_days(d(3, 31)), 30);
        need.status = NeedStatus::Delivered;
        need.history.push(NeedEvent {
            status: NeedStatus::Delivered,
            on: d(3, 11),
            note: String::new(),
        });
        assert_eq!(need.waited_days(d(6, 1)), 10);
        assert_eq!(NewNeed::default().problems().len(), 2);
    }
}
