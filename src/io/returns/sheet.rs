//! What one team's return file holds, and its signature.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::domain::data_return::RequestId;
use crate::domain::{IndicatorId, Period, TeamId};

/// The header row, in order. The team fills "Value", "Note" and "Reported by".
pub const COLUMNS: [&str; 12] = [
    "Team",
    "Indicator",
    "Unit",
    "Period",
    "Period starts",
    "Target",
    "Value",
    "Note",
    "Indicator id",
    "Held",
    "Return",
    "Reported by",
];

/// Where each column is.
pub(super) const TEAM: usize = 0;
pub(super) const INDICATOR: usize = 1;
pub(super) const PERIOD: usize = 3;
pub(super) const PERIOD_STARTS: usize = 4;
/// The column the team writes its values in.
pub const VALUE_COLUMN: usize = 6;
pub(super) const NOTE: usize = 7;
pub(super) const INDICATOR_ID: usize = 8;
pub(super) const HELD: usize = 9;
pub(super) const RETURN: usize = 10;
pub(super) const REPORTED_BY: usize = 11;

/// One indicator and period the team is asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnLine {
    /// The indicator.
    pub indicator: IndicatorId,
    /// Its name.
    pub indicator_name: String,
    /// Its unit.
    pub unit: String,
    /// The period.
    pub period: Period,
    /// The target in force, as people read it ("65 % by 30 Jun 2026"), or empty.
    pub target: String,
    /// The value held when the request was made.
    pub held: Option<f64>,
}

/// One team's return file.
#[derive(Clone, Debug, PartialEq)]
pub struct ReturnSheet {
    /// The agency, for the title and instructions.
    pub agency: String,
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub team_name: String,
    /// The request.
    pub request: RequestId,
    /// When it is due.
    pub due: Option<NaiveDate>,
    /// What is asked, by indicator then period.
    pub lines: Vec<ReturnLine>,
    /// The signature line written into the file.
    pub signature: Signature,
}

/// A return's identity and its content's seal: "ratchet-return v1
/// w{workbook} r{request} t{team} {seal}".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// A short fingerprint of the workbook that made the request.
    pub workbook: String,
    /// The request.
    pub request: RequestId,
    /// The team.
    pub team: TeamId,
    /// A digest of the workbook's key and everything outside the cells to fill.
    pub seal: String,
}

const PREFIX: &str = "ratchet-return v1";

impl Signature {
    /// Signs `lines` of `team_name`'s return with the workbook's `key`.
    pub fn sign(
        key: &str,
        request: RequestId,
        team: TeamId,
        team_name: &str,
        lines: &[SealedLine],
    ) -> Signature {
        Signature {
            workbook: workbook_fingerprint(key),
            request,
            team,
            seal: seal(key, request, team, team_name, lines),
        }
    }

    /// Whether `lines` as read back carry this seal under `key`.
    pub fn holds(&self, key: &str, team_name: &str, lines: &[SealedLine]) -> bool {
        seal(key, self.request, self.team, team_name, lines) == self.seal
    }

    /// The text written into the file.
    pub fn text(&self) -> String {
        format!(
            "{PREFIX} w{} r{} t{} {}",
            self.workbook, self.request.0, self.team.0, self.seal
        )
    }

    /// Reads the text back (`None`: not a return's signature).
    pub fn parse(text: &str) -> Option<Signature> {
        let rest = text.trim().strip_prefix(PREFIX)?;
        let mut parts = rest.split_whitespace();
        let workbook = parts.next()?.strip_prefix('w')?.to_owned();
        let request = RequestId(parts.next()?.strip_prefix('r')?.parse().ok()?);
        let team = TeamId(parts.next()?.strip_prefix('t')?.parse().ok()?);
        let seal = parts.next()?.to_owned();
        parts.next().is_none().then_some(Signature {
            workbook,
            request,
            team,
            seal,
        })
    }
}

/// What of a line the seal covers (everything but the cells to fill),
/// in the canonical form both writing and reading produce.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedLine {
    /// The indicator's id.
    pub indicator: i64,
    /// The indicator's name as written.
    pub indicator_name: String,
    /// The unit as written.
    pub unit: String,
    /// The target as written.
    pub target: String,
    /// The period's label as written.
    pub period_label: String,
    /// The period's first day.
    pub period_start: NaiveDate,
    /// The value held when the request was made ("" when none).
    pub held: String,
}

impl ReturnLine {
    /// The part of the line the seal covers.
    pub fn sealed(&self) -> SealedLine {
        SealedLine {
            indicator: self.indicator.0,
            indicator_name: self.indicator_name.clone(),
            unit: self.unit.clone(),
            target: self.target.clone(),
            period_label: self.period.label(),
            period_start: self.period.start,
            held: self.held.map(canonical_number).unwrap_or_default(),
        }
    }
}

/// A number as the file holds it exactly (the shortest text that reads back
/// as the same number).
pub fn canonical_number(v: f64) -> String {
    format!("{v}")
}

/// A short, stable fingerprint of a workbook's key: names the workbook in
/// its return files without revealing the key.
pub fn workbook_fingerprint(key: &str) -> String {
    let digest = Sha256::digest(format!("ratchet workbook {key}").as_bytes());
    hex(&digest[..6])
}

fn seal(
    key: &str,
    request: RequestId,
    team: TeamId,
    team_name: &str,
    lines: &[SealedLine],
) -> String {
    let mut h = Sha256::new();
    h.update(format!(
        "ratchet return\n{key}\n{}\n{}\n{team_name}\n",
        request.0, team.0
    ));
    for l in lines {
        h.update(format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            l.indicator, l.indicator_name, l.unit, l.target, l.period_label, l.period_start, l.held
        ));
    }
    hex(&h.finalize()[..16])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(held: &str) -> SealedLine {
        SealedLine {
            indicator: 3,
            indicator_name: "Repairs".into(),
            unit: "jobs".into(),
            target: String::new(),
            period_label: "2026-W10".into(),
            period_start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            held: held.into(),
        }
    }

    #[test]
    fn a_signature_reads_back_and_seals_its_content() {
        let lines = [line("12.5")];
        let sig = Signature::sign("k1", RequestId(4), TeamId(7), "North", &lines);
        let back = Signature::parse(&sig.text()).unwrap();
        assert_eq!(back, sig);
        assert!(back.holds("k1", "North", &lines));
        assert!(!back.holds("k2", "North", &lines), "another workbook's key");
        assert!(!back.holds("k1", "South", &lines), "another team");
        assert!(
            !back.holds("k1", "North", &[line("13")]),
            "a held value edited"
        );
        assert!(!back.holds("k1", "North", &[]), "a row removed");
        assert_eq!(Signature::parse("hello"), None);
        assert_ne!(workbook_fingerprint("k1"), workbook_fingerprint("k2"));
        assert_eq!(canonical_number(12.0), "12");
        assert_eq!(
            canonical_number(0.1 + 0.2).parse::<f64>().unwrap(),
            0.1 + 0.2
        );
    }
}
