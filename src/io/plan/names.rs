//! Names in the file resolved to the workbook's teams and indicators, or
//! planned as new ones.

use super::*;

impl Planner<'_> {
    pub(super) fn team_ref(&mut self, name: &str) -> Result<NameRef<TeamId>, String> {
        if let Some(r) = self.team_spellings.get(name) {
            return Ok(*r);
        }
        let r = self.resolve_team(name)?;
        self.team_spellings.insert(name.to_owned(), r);
        Ok(r)
    }

    pub(super) fn resolve_team(&mut self, name: &str) -> Result<NameRef<TeamId>, String> {
        if let Some(id) = self.team_names.get(&name.to_lowercase()) {
            return Ok(NameRef::Existing(*id));
        }
        if let Some(k) = self
            .new_teams
            .iter()
            .position(|t| t.eq_ignore_ascii_case(name))
        {
            return Ok(NameRef::New(k));
        }
        if !self.options.create_missing {
            return Err(format!(
                "the team \"{name}\" is not in the workbook (choose to create missing teams and indicators to add it)"
            ));
        }
        if name.chars().count() > 200 {
            return Err("the team's name is longer than 200 characters".into());
        }
        self.new_teams.push(name.to_owned());
        Ok(NameRef::New(self.new_teams.len() - 1))
    }

    pub(super) fn indicator_ref(
        &mut self,
        name: &str,
        row: &SourceRow,
    ) -> Result<NameRef<IndicatorId>, String> {
        // The key is the name as spelled, with the unit, direction and
        // frequency the row gives (when the file has those columns): the same
        // spelling always resolves the same way, so it is resolved once.
        let mut key = std::mem::take(&mut self.spelling_key);
        key.clear();
        key.push_str(name);
        for column in [
            self.mapping.unit,
            self.mapping.direction,
            self.mapping.frequency,
        ]
        .into_iter()
        .flatten()
        {
            key.push('\u{1f}');
            key.push_str(&Self::text_of(row, Some(column)));
        }
        let known = self.indicator_spellings.get(key.as_str()).cloned();
        let r = match known {
            Some(r) => r,
            None => {
                let r = self.resolve_indicator(name, row);
                self.indicator_spellings.insert(key.clone(), r.clone());
                r
            }
        };
        self.spelling_key = key;
        r
    }

    pub(super) fn resolve_indicator(
        &mut self,
        name: &str,
        row: &SourceRow,
    ) -> Result<NameRef<IndicatorId>, String> {
        let unit = Self::text_of(row, self.mapping.unit).into_owned();
        let direction = parse_direction(&Self::text_of(row, self.mapping.direction))?;
        let frequency = parse_frequency(&Self::text_of(row, self.mapping.frequency))?;
        let existing = self
            .indicator_names
            .get(&name.to_lowercase())
            .and_then(|id| self.catalog.indicators.iter().find(|i| i.id == *id));
        if let Some(ind) = existing {
            if let Some(f) = frequency.filter(|f| *f != ind.frequency) {
                let (n, own) = (ind.name.clone(), ind.frequency);
                self.notice(format!(
                    "\"{n}\": the file says it is reported {}, the workbook says {}; the workbook's setting is kept.",
                    f.label().to_lowercase(),
                    own.label().to_lowercase()
                ));
            }
            let (ind_name, ind_unit, ind_direction) =
                (ind.name.clone(), ind.unit.clone(), ind.direction);
            if !unit.is_empty() && !unit.eq_ignore_ascii_case(&ind_unit) {
                self.notice(format!(
                    "\"{ind_name}\": the file's unit \"{unit}\" differs from the workbook's \"{ind_unit}\"; the workbook's is kept."
                ));
            }
            if let Some(d) = direction.filter(|d| *d != ind_direction) {
                self.notice(format!(
                    "\"{ind_name}\": the file says {}, the workbook says {}; the workbook's setting is kept.",
                    d.label().to_lowercase(),
                    ind_direction.label().to_lowercase()
                ));
            }
            return Ok(NameRef::Existing(ind.id));
        }
        if let Some(k) = self
            .new_indicators
            .iter()
            .position(|p| p.name.eq_ignore_ascii_case(name))
        {
            let entry = &mut self.new_indicators[k];
            if entry.unit.is_none() && !unit.is_empty() {
                entry.unit = Some(unit);
            }
            if entry.direction.is_none() {
                entry.direction = direction;
            }
            if entry.frequency.is_none() {
                entry.frequency = frequency;
            }
            return Ok(NameRef::New(k));
        }
        if !self.options.create_missing {
            return Err(format!(
                "the indicator \"{name}\" is not in the workbook (choose to create missing teams and indicators to add it)"
            ));
        }
        if name.chars().count() > 200 {
            return Err("the indicator's name is longer than 200 characters".into());
        }
        self.new_indicators.push(PendingIndicator {
            name: name.to_owned(),
            unit: (!unit.is_empty()).then_some(unit),
            direction,
            frequency,
            granularity: None,
            days: std::collections::BTreeSet::new(),
        });
        Ok(NameRef::New(self.new_indicators.len() - 1))
    }

    pub(super) fn kind_of(&self, r: NameRef<IndicatorId>) -> IndicatorKind {
        match r {
            NameRef::Existing(id) => self
                .kinds
                .get(&id)
                .map_or(IndicatorKind::Quantitative, |k| k.0),
            NameRef::New(_) => IndicatorKind::Quantitative,
        }
    }
}
