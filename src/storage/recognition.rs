//! Recognitions given, the certificate defaults and the logo kept in the
//! workbook.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::codec::{date_from_key, date_key, now, timestamp_text};
use super::settings::{get_setting, put_setting};
use super::{StorageError, StorageResult, Workbook};
use crate::domain::TeamId;
use crate::domain::certificate::{CertificateDefaults, CertificateLayout, Logo, Paper};
use crate::domain::win::{Recognition, RecognitionId, WinId};

const SIGNER_NAME: &str = "certificate_signer_name";
const SIGNER_TITLE: &str = "certificate_signer_title";
const LAYOUT: &str = "certificate_layout";
const PAPER: &str = "certificate_paper";
const STREAK_LENGTH: &str = "win_streak_length";
const LOGO: &str = "certificate_logo";

/// Largest logo kept in a workbook.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// A recognition about to be recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct NewRecognition {
    /// The win recognised, if any.
    pub win: Option<WinId>,
    /// The team it went to, if any.
    pub team: Option<TeamId>,
    /// The recipients as printed.
    pub recipients: String,
    /// The achievement as printed.
    pub achievement: String,
    /// The date printed.
    pub date: NaiveDate,
    /// Who signed.
    pub signer: String,
    /// The files written.
    pub files: Vec<String>,
}

impl Workbook {
    /// Records that a recognition was given. One transaction.
    pub fn record_recognition(&mut self, r: &NewRecognition) -> StorageResult<RecognitionId> {
        let ids = self.record_recognitions(std::slice::from_ref(r))?;
        ids.into_iter()
            .next()
            .ok_or_else(|| StorageError::Missing("the recognition just recorded".into()))
    }

    /// Records several recognitions (a batch of certificates) in one transaction.
    pub fn record_recognitions(
        &mut self,
        all: &[NewRecognition],
    ) -> StorageResult<Vec<RecognitionId>> {
        let mut rows = Vec::with_capacity(all.len());
        for r in all {
            if r.recipients.trim().is_empty() {
                return Err(StorageError::Rule(
                    "A recognition needs a recipient.".into(),
                ));
            }
            let files = serde_json::to_string(&r.files).map_err(|e| StorageError::Encoding {
                what: "the file names",
                why: e.to_string(),
            })?;
            rows.push((r, files));
        }
        let stamp = timestamp_text(now());
        self.transact(|tx| {
            let mut insert = tx.prepare(
                "INSERT INTO recognition (win_id, team_id, recipients, achievement, given_on, signer, files, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut ids = Vec::with_capacity(rows.len());
            for (r, files) in &rows {
                insert.execute(params![
                    r.win.map(|w| w.0),
                    r.team.map(|t| t.0),
                    r.recipients,
                    r.achievement,
                    date_key(r.date),
                    r.signer,
                    files,
                    stamp
                ])?;
                ids.push(RecognitionId(tx.last_insert_rowid()));
            }
            Ok(ids)
        })
    }

    /// Every recognition, newest first.
    pub fn recognitions(&self) -> StorageResult<Vec<Recognition>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, win_id, team_id, recipients, achievement, given_on, signer, files, recorded_at
             FROM recognition ORDER BY given_on DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(id, win, team, recipients, achievement, on, signer, files, at)| {
                    Ok(Recognition {
                        id: RecognitionId(id),
                        win: win.map(WinId),
                        team: team.map(TeamId),
                        recipients,
                        achievement,
                        date: date_from_key(on)?,
                        signer,
                        files: serde_json::from_str(&files).map_err(|e| {
                            StorageError::Corrupt(format!(
                                "the files of recognition {id} are unreadable ({e})"
                            ))
                        })?,
                        recorded_at: at,
                    })
                },
            )
            .collect()
    }

    /// What new certificates start from: saved choices, else the agency's leader as signer.
    pub fn certificate_defaults(&self) -> StorageResult<CertificateDefaults> {
        let conn = self.conn();
        let agency = self.agency()?;
        Ok(CertificateDefaults {
            signer_name: get_setting(conn, SIGNER_NAME)?.unwrap_or(agency.leader_name),
            signer_title: get_setting(conn, SIGNER_TITLE)?.unwrap_or(agency.leader_title),
            layout: get_setting(conn, LAYOUT)?
                .and_then(|c| CertificateLayout::from_code(&c))
                .unwrap_or_default(),
            paper: get_setting(conn, PAPER)?
                .and_then(|c| Paper::from_code(&c))
                .unwrap_or_default(),
        })
    }

    /// Saves the certificate defaults.
    pub fn save_certificate_defaults(&mut self, d: &CertificateDefaults) -> StorageResult<()> {
        self.transact(|tx| {
            put_setting(tx, SIGNER_NAME, &d.signer_name)?;
            put_setting(tx, SIGNER_TITLE, &d.signer_title)?;
            put_setting(tx, LAYOUT, d.layout.code())?;
            put_setting(tx, PAPER, d.paper.code())?;
            Ok(())
        })
    }

    /// How many successive improving periods make a streak (default 4).
    pub fn streak_length(&self) -> StorageResult<usize> {
        Ok(get_setting(self.conn(), STREAK_LENGTH)?
            .and_then(|t| t.parse().ok())
            .filter(|n| (2..=52).contains(n))
            .unwrap_or(4))
    }

    /// Sets the streak length (2 to 52 periods).
    pub fn set_streak_length(&mut self, n: usize) -> StorageResult<()> {
        if !(2..=52).contains(&n) {
            return Err(StorageError::Rule(
                "A streak must be from 2 to 52 successive improving periods.".into(),
            ));
        }
        self.transact(|tx| put_setting(tx, STREAK_LENGTH, &n.to_string()))
    }

    /// The logo printed on certificates, if one was chosen.
    pub fn logo(&self) -> StorageResult<Option<Logo>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT file_name, mime, bytes FROM asset WHERE name = ?1",
                [LOGO],
                |r| {
                    Ok(Logo {
                        file_name: r.get(0)?,
                        mime: r.get(1)?,
                        bytes: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Keeps `logo` in the workbook (or removes it).
    pub fn set_logo(&mut self, logo: Option<&Logo>) -> StorageResult<()> {
        if let Some(l) = logo
            && l.bytes.len() > MAX_LOGO_BYTES
        {
            return Err(StorageError::Rule(format!(
                "The logo is {} KB; choose one of at most {} KB.",
                l.bytes.len() / 1024,
                MAX_LOGO_BYTES / 1024
            )));
        }
        self.transact(|tx| {
            tx.execute("DELETE FROM asset WHERE name = ?1", [LOGO])?;
            if let Some(l) = logo {
                tx.execute(
                    "INSERT INTO asset (name, file_name, mime, bytes, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![LOGO, l.file_name, l.mime, l.bytes, timestamp_text(now())],
                )?;
            }
            Ok(())
        })
    }
}
