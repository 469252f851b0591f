//! How each series' XmR limits are computed: fixed from a baseline span,
//! recalculated after a process change.

use rusqlite::{OptionalExtension, params};

use super::codec::{date_from_key, date_key};
use super::{StorageResult, Workbook};
use crate::domain::xmr::XmrSetting;
use crate::domain::{IndicatorId, TeamId};

impl Workbook {
    /// The XmR settings of one series (defaults when never set).
    pub fn xmr_setting(&self, indicator: IndicatorId, team: TeamId) -> StorageResult<XmrSetting> {
        let raw: Option<(Option<i64>, Option<i64>, Option<i64>)> = self
            .conn()
            .query_row(
                "SELECT baseline_from, baseline_to, recalc_from FROM xmr_setting WHERE indicator_id = ?1 AND team_id = ?2",
                params![indicator.0, team.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((a, b, c)) = raw else {
            return Ok(XmrSetting::default());
        };
        Ok(XmrSetting {
            baseline_from: a.map(date_from_key).transpose()?,
            baseline_to: b.map(date_from_key).transpose()?,
            recalc_from: c.map(date_from_key).transpose()?,
        })
    }

    /// Every series of an indicator that has its own XmR settings.
    pub fn xmr_settings_for(
        &self,
        indicator: IndicatorId,
    ) -> StorageResult<std::collections::HashMap<TeamId, XmrSetting>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT team_id, baseline_from, baseline_to, recalc_from FROM xmr_setting WHERE indicator_id = ?1",
        )?;
        let rows = stmt
            .query_map([indicator.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(t, a, b, c)| {
                Ok((
                    TeamId(t),
                    XmrSetting {
                        baseline_from: a.map(date_from_key).transpose()?,
                        baseline_to: b.map(date_from_key).transpose()?,
                        recalc_from: c.map(date_from_key).transpose()?,
                    },
                ))
            })
            .collect()
    }

    /// Saves the XmR settings of one series.
    pub fn set_xmr_setting(
        &mut self,
        indicator: IndicatorId,
        team: TeamId,
        s: &XmrSetting,
    ) -> StorageResult<()> {
        self.transact(|tx| {
            tx.execute(
                "INSERT INTO xmr_setting (indicator_id, team_id, baseline_from, baseline_to, recalc_from) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (indicator_id, team_id) DO UPDATE SET baseline_from = excluded.baseline_from,
                 baseline_to = excluded.baseline_to, recalc_from = excluded.recalc_from",
                params![
                    indicator.0,
                    team.0,
                    s.baseline_from.map(date_key),
                    s.baseline_to.map(date_key),
                    s.recalc_from.map(date_key)
                ],
            )?;
            Ok(())
        })
    }
}
