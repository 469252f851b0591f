//! A value read from a file but not yet placed in its period (its indicator
//! may be new, with a frequency known only once the whole file is read),
//! and the compact encoding that lets a very large file's values wait on
//! disk instead of in memory.

use super::period::{Granularity, PeriodLabel};
use crate::domain::{IndicatorId, TeamId};
use crate::storage::NameRef;
use crate::storage::records::{
    put_date, put_f64, put_i64, put_text, put_u64, take_date, take_f64, take_i64, take_text,
    take_u8, take_u64,
};

/// Values per chunk of a [`PendingList`].
const LIST_CHUNK: usize = 65_536;

/// Values waiting to be placed, in the file's order, held in chunks so the
/// list never copies itself to grow (a growing vector briefly needs its old
/// and new buffers at once) and frees each chunk once it is placed.
#[derive(Default)]
pub(super) struct PendingList {
    chunks: Vec<Vec<Pending>>,
    len: usize,
}

impl PendingList {
    /// Adds a value at the end.
    pub fn push(&mut self, p: Pending) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < LIST_CHUNK => last.push(p),
            _ => {
                let mut chunk = Vec::with_capacity(LIST_CHUNK.min(1024.max(self.len)));
                chunk.push(p);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    /// How many values wait.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Every value, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Pending> {
        self.chunks.iter().flatten()
    }

    /// Empties the list, keeping no memory.
    pub fn clear(&mut self) {
        self.chunks = Vec::new();
        self.len = 0;
    }

    /// The values in order, each chunk freed once its values are taken.
    pub fn into_chunks(self) -> impl Iterator<Item = Vec<Pending>> {
        self.chunks.into_iter()
    }
}

/// The column written for "no column".
const NO_COLUMN: u64 = u64::MAX;

/// Where the text of a value's period can be found again for a message,
/// without keeping a copy per value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum PeriodText {
    /// The n-th distinct period text seen.
    Seen(u32),
    /// A period column's header.
    Header(usize),
    /// Built from year and month columns (shown from the date).
    YearMonth,
}

/// A value read but not yet placed.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Pending {
    pub line: u64,
    pub column: Option<usize>,
    pub period_text: PeriodText,
    pub team: NameRef<TeamId>,
    pub indicator: NameRef<IndicatorId>,
    pub label: PeriodLabel,
    pub value: f64,
    pub target: Option<f64>,
    pub note: Option<String>,
}

fn granularity_code(g: Granularity) -> u8 {
    match g {
        Granularity::Day => 0,
        Granularity::Week => 1,
        Granularity::Month => 2,
        Granularity::Quarter => 3,
        Granularity::Year => 4,
    }
}

fn granularity_of(code: u8) -> Option<Granularity> {
    Some(match code {
        0 => Granularity::Day,
        1 => Granularity::Week,
        2 => Granularity::Month,
        3 => Granularity::Quarter,
        4 => Granularity::Year,
        _ => return None,
    })
}

impl Pending {
    /// Appends this value's record to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) {
        put_u64(out, self.line);
        put_u64(out, self.column.map_or(NO_COLUMN, |c| c as u64));
        let (tag, n) = match self.period_text {
            PeriodText::Seen(n) => (0u8, u64::from(n)),
            PeriodText::Header(c) => (1, c as u64),
            PeriodText::YearMonth => (2, 0),
        };
        out.push(tag);
        put_u64(out, n);
        put_i64(out, self.team.to_key());
        put_i64(out, self.indicator.to_key());
        put_date(out, self.label.date);
        out.push(granularity_code(self.label.granularity));
        put_f64(out, self.value);
        match self.target {
            None => out.push(0),
            Some(t) => {
                out.push(1);
                put_f64(out, t);
            }
        }
        put_text(out, self.note.as_deref());
    }

    /// Reads the next record [`Self::encode`] wrote, moving `input` past it;
    /// `None` when the bytes are not such a record.
    pub fn decode(input: &mut &[u8]) -> Option<Pending> {
        let line = take_u64(input)?;
        let column = match take_u64(input)? {
            NO_COLUMN => None,
            c => Some(usize::try_from(c).ok()?),
        };
        let tag = take_u8(input)?;
        let n = take_u64(input)?;
        let period_text = match tag {
            0 => PeriodText::Seen(u32::try_from(n).ok()?),
            1 => PeriodText::Header(usize::try_from(n).ok()?),
            2 => PeriodText::YearMonth,
            _ => return None,
        };
        let team = NameRef::from_key(take_i64(input)?);
        let indicator = NameRef::from_key(take_i64(input)?);
        let date = take_date(input)?;
        let granularity = granularity_of(take_u8(input)?)?;
        let value = take_f64(input)?;
        let target = match take_u8(input)? {
            0 => None,
            1 => Some(take_f64(input)?),
            _ => return None,
        };
        let note = take_text(input)?;
        Some(Pending {
            line,
            column,
            period_text,
            team,
            indicator,
            label: PeriodLabel { date, granularity },
            value,
            target,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;

    /// The fields a record is made of, as proptest draws them.
    type Drawn = (
        u64,
        Option<usize>,
        u8,
        i64,
        i32,
        f64,
        Option<f64>,
        Option<String>,
    );

    fn pending((line, column, text, team, days, value, target, note): Drawn) -> Pending {
        Pending {
            line,
            column,
            period_text: match text % 3 {
                0 => PeriodText::Seen(u32::from(text)),
                1 => PeriodText::Header(usize::from(text)),
                _ => PeriodText::YearMonth,
            },
            team: NameRef::from_key(team),
            indicator: NameRef::from_key(-team),
            label: PeriodLabel {
                date: NaiveDate::from_num_days_from_ce_opt(days).unwrap(),
                granularity: granularity_of(text % 5).unwrap(),
            },
            value,
            target,
            note,
        }
    }

    proptest! {
        #[test]
        fn records_read_back_as_written(
            lines in proptest::collection::vec((
                any::<u64>(), proptest::option::of(0usize..1_000_000), any::<u8>(),
                -1000i64..1000, 1i32..1_000_000, -1e12f64..1e12,
                proptest::option::of(-1e6f64..1e6), proptest::option::of(".{0,40}"),
            ), 0..20)
        ) {
            let written: Vec<Pending> = lines
                .into_iter()
                .map(pending)
                .collect();
            let mut bytes = Vec::new();
            for p in &written {
                p.encode(&mut bytes);
            }
            let mut input = bytes.as_slice();
            let mut read = Vec::new();
            while !input.is_empty() {
                read.push(Pending::decode(&mut input).expect("a record"));
            }
            prop_assert_eq!(read, written);
        }

        #[test]
        fn cut_or_damaged_records_are_refused_not_misread(cut in 0usize..60, flip in 0usize..60) {
            let p = pending((7, Some(3), 4, -2, 739_000, 1.5, Some(2.0), Some("é note".into())));
            let mut bytes = Vec::new();
            p.encode(&mut bytes);
            let mut short = &bytes[..cut.min(bytes.len() - 1)];
            prop_assert!(Pending::decode(&mut short).is_none());
            // A damaged byte never panics; it may still decode to something.
            let mut damaged = bytes.clone();
            let i = flip % damaged.len();
            damaged[i] ^= 0xFF;
            let _ = Pending::decode(&mut damaged.as_slice());
        }
    }
}
