//! Little-endian fields for the compact records an import keeps in its
//! scratch database: written with `put_*`, read back with `take_*`, which
//! move past what they read and give `None` for bytes that are not such a
//! field (cut short, or text that is not UTF-8).

use chrono::{Datelike, NaiveDate};

/// The length written for "no text".
const NO_TEXT: u64 = u64::MAX;

/// Appends a number.
pub fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// Appends a signed number.
pub fn put_i64(out: &mut Vec<u8>, n: i64) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// Appends a float.
pub fn put_f64(out: &mut Vec<u8>, x: f64) {
    out.extend_from_slice(&x.to_le_bytes());
}

/// Appends a date (as days from the common era).
pub fn put_date(out: &mut Vec<u8>, d: NaiveDate) {
    put_i64(out, i64::from(d.num_days_from_ce()));
}

/// Appends text that may be absent (length, then the bytes).
pub fn put_text(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => put_u64(out, NO_TEXT),
        Some(t) => {
            put_u64(out, t.len() as u64);
            out.extend_from_slice(t.as_bytes());
        }
    }
}

fn take8(input: &mut &[u8]) -> Option<[u8; 8]> {
    let (head, rest) = input.split_first_chunk::<8>()?;
    *input = rest;
    Some(*head)
}

/// Reads one byte.
pub fn take_u8(input: &mut &[u8]) -> Option<u8> {
    let (&b, rest) = input.split_first()?;
    *input = rest;
    Some(b)
}

/// Reads a number.
pub fn take_u64(input: &mut &[u8]) -> Option<u64> {
    take8(input).map(u64::from_le_bytes)
}

/// Reads a signed number.
pub fn take_i64(input: &mut &[u8]) -> Option<i64> {
    take8(input).map(i64::from_le_bytes)
}

/// Reads a float.
pub fn take_f64(input: &mut &[u8]) -> Option<f64> {
    take8(input).map(f64::from_le_bytes)
}

/// Reads a date.
pub fn take_date(input: &mut &[u8]) -> Option<NaiveDate> {
    let days = i32::try_from(take_i64(input)?).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// Reads text that may be absent; `Some(None)` when it is.
pub fn take_text(input: &mut &[u8]) -> Option<Option<String>> {
    let len = take_u64(input)?;
    if len == NO_TEXT {
        return Some(None);
    }
    let len = usize::try_from(len).ok()?;
    if input.len() < len {
        return None;
    }
    let (text, rest) = input.split_at(len);
    *input = rest;
    Some(Some(String::from_utf8(text.to_vec()).ok()?))
}
