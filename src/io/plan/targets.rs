//! The targets a file carries, checked and planned beside its values.

use super::*;

impl Planner<'_> {
    /// The file's targets as steps, compared with the workbook's.
    pub(super) fn plan_file_targets(&mut self, new_freqs: &[Option<Frequency>]) -> TargetPlan {
        let raw = std::mem::take(&mut self.raw_targets);
        if raw.is_empty() {
            return TargetPlan::default();
        }
        let catalog = self.catalog;
        let frequency = |i: NameRef<IndicatorId>| match i {
            NameRef::Existing(id) => self.existing_frequency(id),
            NameRef::New(k) => new_freqs.get(k).copied().flatten(),
        };
        let records = |i: IndicatorId| {
            catalog
                .targets
                .get(&i)
                .map(Vec::as_slice)
                .unwrap_or_default()
        };
        let names = |t: NameRef<TeamId>, i: NameRef<IndicatorId>| {
            let team = match t {
                NameRef::Existing(id) => catalog
                    .teams
                    .iter()
                    .find(|(x, _)| *x == id)
                    .map(|(_, n)| n.clone()),
                NameRef::New(k) => self.new_teams.get(k).cloned(),
            };
            let ind = match i {
                NameRef::Existing(id) => catalog
                    .indicators
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| x.name.clone()),
                NameRef::New(k) => self.new_indicators.get(k).map(|x| x.name.clone()),
            };
            (team.unwrap_or_default(), ind.unwrap_or_default())
        };
        plan_targets(
            raw,
            &TargetContext {
                frequency: &frequency,
                records: &records,
                names: &names,
                framework_indicator: catalog.framework_indicator,
            },
        )
    }
}
