//! Property tests of the target's validation rules.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use ratchet::domain::number::parse_typed_number;
use ratchet::domain::{Direction, Frequency, TargetDraft};

fn any_direction() -> impl Strategy<Value = Option<Direction>> {
    prop_oneof![
        Just(None),
        Just(Some(Direction::Higher)),
        Just(Some(Direction::Lower)),
        Just(Some(Direction::Neutral))
    ]
}

proptest! {
    /// Whatever is typed, validation answers (Ok or a list of messages) and never panics.
    #[test]
    fn validation_never_panics(
        name in ".{0,200}", unit in ".{0,50}", b in ".{0,30}", bd in ".{0,20}", t in ".{0,30}", dl in ".{0,20}",
        direction in any_direction(),
    ) {
        let draft = TargetDraft {
            indicator_name: name, unit, direction, frequency: Some(Frequency::Month),
            baseline_value: b, baseline_date: bd, target_value: t, deadline: dl,
        };
        match draft.validate(ratchet::domain::number::DecimalMark::Dot) {
            Ok(target) => prop_assert!(target.baseline_value.is_finite() && target.target_value.is_finite()),
            Err(errors) => prop_assert!(!errors.is_empty() && errors.iter().all(|e| !e.message.is_empty())),
        }
    }

    /// A target better than its baseline in the stated direction, with a
    /// deadline after the baseline date, is always accepted, and keeps its numbers.
    #[test]
    fn a_better_target_is_always_accepted(
        baseline in -1.0e6f64..1.0e6, gain in 0.001f64..1.0e5, higher in any::<bool>(),
        days_from_2000 in 0u64..20_000, span in 1u64..5_000,
        frequency in prop_oneof![Just(Frequency::Week), Just(Frequency::Month), Just(Frequency::Quarter)],
    ) {
        let baseline = (baseline * 1000.0).round() / 1000.0;
        let target = if higher { baseline + gain } else { baseline - gain };
        let target = (target * 1000.0).round() / 1000.0;
        prop_assume!(target != baseline);
        let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(days_from_2000);
        let deadline = start + Days::new(span);
        let draft = TargetDraft {
            indicator_name: "Indicator".into(), unit: "cases".into(),
            direction: Some(if higher { Direction::Higher } else { Direction::Lower }),
            frequency: Some(frequency),
            baseline_value: format!("{baseline}"), baseline_date: start.format("%Y-%m-%d").to_string(),
            target_value: format!("{target}"), deadline: deadline.format("%Y-%m-%d").to_string(),
        };
        let t = draft.validate(ratchet::domain::number::DecimalMark::Dot).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(t.baseline_value, baseline);
        prop_assert_eq!(t.target_value, target);
        prop_assert_eq!(t.deadline, deadline);
    }

    /// The number reader never panics and never yields NaN or infinity.
    #[test]
    fn number_reader_is_total(text in "\\PC{0,40}") {
        if let Ok(v) = parse_typed_number(&text) {
            prop_assert!(v.is_finite());
        }
    }
}
