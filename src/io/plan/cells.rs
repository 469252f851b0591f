//! Reading the cells that are not numbers or periods: directions,
//! frequencies and yes/no answers as agencies write them.

use super::*;

/// Removes the apostrophe that spreadsheet exports (ours included) put
/// before text starting with = + - @ to stop it running as a formula.
pub(super) fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

pub(super) fn parse_direction(text: &str) -> Result<Option<Direction>, String> {
    let t = text.trim().to_lowercase();
    Ok(match t.as_str() {
        "" => None,
        "up" | "u" | "higher" | "higher is better" | "increase" | "increasing" | "high" | "+"
        | "↑" | "higher_is_better" | "up is better" => Some(Direction::Higher),
        "down" | "d" | "lower" | "lower is better" | "decrease" | "decreasing" | "low" | "-"
        | "−" | "↓" | "lower_is_better" | "down is better" => Some(Direction::Lower),
        "neutral" | "none" | "neither" | "n/a" | "na" => Some(Direction::Neutral),
        _ => {
            return Err(format!(
                "\"{}\" is not a direction (use higher or lower, up or down, U or D, increase or decrease, + or −, ↑ or ↓, or neither)",
                text.trim()
            ));
        }
    })
}

pub(super) fn parse_frequency(text: &str) -> Result<Option<Frequency>, String> {
    let t = text.trim().to_lowercase();
    Ok(match t.as_str() {
        "" => None,
        "week" | "weekly" | "w" => Some(Frequency::Week),
        "month" | "monthly" | "m" => Some(Frequency::Month),
        "quarter" | "quarterly" | "q" => Some(Frequency::Quarter),
        "year" | "yearly" | "annual" | "annually" | "y" => Some(Frequency::Year),
        _ => {
            return Err(format!(
                "\"{}\" is not a reporting frequency (use week, month, quarter or year)",
                text.trim()
            ));
        }
    })
}

pub(super) fn parse_yes_no(text: &str) -> Option<f64> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "ja" | "oui" | "sí" | "si" => Some(1.0),
        "no" | "n" | "false" | "nein" | "non" => Some(0.0),
        _ => None,
    }
}
