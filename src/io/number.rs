//! Reading numbers as spreadsheets write them: thousands separators, decimal
//! commas, percent and currency signs, footnote marks, and the usual ways of
//! saying "not reported".

pub use crate::domain::number::DecimalMark;

/// What a cell holds.
#[derive(Clone, Debug, PartialEq)]
pub enum CellNumber {
    /// A number, with any footnote mark that followed it (kept as a note).
    Value {
        /// The number.
        value: f64,
        /// A footnote mark such as `*`, kept so it is not lost.
        footnote: Option<String>,
    },
    /// Blank, `NA`, `N/A`, `-` and the like: not reported (never zero).
    NotReported,
}

const MISSING: [&str; 11] = [
    "", "na", "n/a", "n.a.", "-", "–", "—", "..", "null", "none", "#n/a",
];
const CURRENCY: [char; 6] = ['$', '€', '£', '¥', '₹', '¤'];
const FOOTNOTES: [char; 9] = ['*', '†', '‡', '§', '¹', '²', '³', '#', '¶'];

/// Reads one cell. Errors quote the cell and say why.
pub fn parse_cell_number(text: &str, mark: DecimalMark) -> Result<CellNumber, String> {
    if let Some(value) = plain_number(text, mark) {
        return Ok(CellNumber::Value {
            value: crate::domain::number::check_magnitude(value, text)?,
            footnote: None,
        });
    }
    let original = text;
    let mut t = text.trim().trim_matches('\u{feff}').trim();
    if MISSING.iter().any(|m| t.eq_ignore_ascii_case(m)) {
        return Ok(CellNumber::NotReported);
    }
    // Footnote marks at the end ("41.5*", "12†", "7 (a)").
    let mut footnote = String::new();
    loop {
        if let Some(c) = t.chars().last().filter(|c| FOOTNOTES.contains(c)) {
            footnote.insert(0, c);
            t = t[..t.len() - c.len_utf8()].trim_end();
            continue;
        }
        if let Some(stripped) = strip_letter_note(t) {
            footnote.insert_str(0, t[stripped.len()..].trim());
            t = stripped.trim_end();
            continue;
        }
        break;
    }
    let mut negative = false;
    if t.starts_with('(') && t.ends_with(')') && t.len() > 2 {
        negative = true;
        t = t[1..t.len() - 1].trim();
    }
    let t = t.trim_start_matches('\'');
    let mut s: String = t
        .chars()
        .filter(|c| !CURRENCY.contains(c))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    s = s.trim().to_owned();
    if let Some(rest) = s.strip_suffix('%') {
        s = rest.trim_end().to_owned();
    }
    for code in ["USD", "EUR", "GBP"] {
        if let Some(rest) = s.strip_suffix(code).or_else(|| s.strip_prefix(code)) {
            s = rest.trim().to_owned();
        }
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.trim_start().to_owned();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.trim_start().to_owned();
    }
    let shown: String = original.trim().chars().take(40).collect();
    let not_a_number = || format!("\"{shown}\" is not a number");
    if s.starts_with(['-', '+']) {
        return Err(not_a_number());
    }
    let plain = normalise_separators(&s, mark).ok_or_else(not_a_number)?;
    if plain.is_empty() || !plain.chars().any(|c| c.is_ascii_digit()) {
        return Err(not_a_number());
    }
    let value: f64 = plain.parse().map_err(|_| not_a_number())?;
    let value = crate::domain::number::check_magnitude(value, original)?;
    let value = if negative { -value } else { value };
    Ok(CellNumber::Value {
        value,
        footnote: (!footnote.is_empty()).then_some(footnote),
    })
}

/// The common case, read without allocating: an optional minus, digits, and
/// at most one decimal mark (`41`, `-3.5`, `12,5` in a comma file).
fn plain_number(text: &str, mark: DecimalMark) -> Option<f64> {
    let bytes = text.as_bytes();
    let digits = bytes.strip_prefix(b"-").unwrap_or(bytes);
    let sep = match mark {
        DecimalMark::Dot => b'.',
        DecimalMark::Comma => b',',
    };
    if digits.is_empty() || !digits[0].is_ascii_digit() || digits.len() > 18 {
        return None;
    }
    let mut seen_sep = false;
    for &b in digits {
        if b == sep && !seen_sep {
            seen_sep = true;
        } else if !b.is_ascii_digit() {
            return None;
        }
    }
    if mark == DecimalMark::Comma && seen_sep {
        return text.replacen(',', ".", 1).parse().ok();
    }
    text.parse().ok()
}

/// "7 (a)" → "7": a trailing parenthesised letter used as a footnote.
fn strip_letter_note(t: &str) -> Option<&str> {
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let note = &inner[open + 1..];
    let head = &t[..open];
    (note.len() == 1
        && note.chars().all(|c| c.is_ascii_alphabetic())
        && head.chars().any(|c| c.is_ascii_digit()))
    .then_some(head)
}

/// Removes thousands separators (which must group digits in threes) and
/// turns the decimal mark into a dot; `None` when the separators do not fit.
fn normalise_separators(s: &str, mark: DecimalMark) -> Option<String> {
    let (decimal, group) = match mark {
        DecimalMark::Dot => ('.', ','),
        DecimalMark::Comma => (',', '.'),
    };
    let mut allowed_chars = s.chars().filter(|c| !c.is_ascii_digit());
    if allowed_chars.any(|c| {
        !(c == decimal
            || c == group
            || c == ' '
            || c == '\u{a0}'
            || c == '\u{202f}'
            || c == '\''
            || c == 'e'
            || c == 'E'
            || c == '-'
            || c == '+')
    }) {
        return None;
    }
    let (int_part, frac) = match s.rfind(decimal) {
        Some(i) => (&s[..i], Some(&s[i + decimal.len_utf8()..])),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.contains([group, decimal, ' ', '\''])) {
        return None;
    }
    let seps = [group, ' ', '\u{a0}', '\u{202f}', '\''];
    let groups: Vec<&str> = int_part.split(|c| seps.contains(&c)).collect();
    if groups.len() > 1 {
        let first_ok = groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[0].chars().all(|c| c.is_ascii_digit());
        let rest_ok = groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
        if !first_ok || !rest_ok {
            return None;
        }
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Which way one separator votes when it is the only kind in a number.
fn lone_separator_vote(t: &str, sep: char) -> Option<bool> {
    let count = t.matches(sep).count();
    if count > 1 {
        return Some(false); // repeated: it groups thousands
    }
    let at = t.rfind(sep)?;
    let (int_digits, decimals) = (at, t.len() - at - 1);
    // "1,234" could be either; "1,5", "1,2345" or "1234,567" cannot be grouping.
    (decimals != 3 || int_digits > 3 || int_digits == 0).then_some(true)
}

/// Guesses the decimal mark of a file from sample cells, counting only cells
/// that can be read one way. `None` when the sample does not say.
pub fn guess_decimal_mark<'a>(cells: impl IntoIterator<Item = &'a str>) -> Option<DecimalMark> {
    let (mut dot, mut comma) = (0usize, 0usize);
    for cell in cells {
        let core = cell
            .trim()
            .trim_end_matches(['%', '*'])
            .trim()
            .trim_start_matches(['-', '+', '$', '€', '£'])
            .trim();
        if core.is_empty()
            || !core
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            continue;
        }
        match (core.rfind('.'), core.rfind(',')) {
            (Some(d), Some(c)) => {
                if d > c {
                    dot += 1;
                } else {
                    comma += 1;
                }
            }
            (Some(_), None) => match lone_separator_vote(core, '.') {
                Some(true) => dot += 1,
                Some(false) => comma += 1,
                None => {}
            },
            (None, Some(_)) => match lone_separator_vote(core, ',') {
                Some(true) => comma += 1,
                Some(false) => dot += 1,
                None => {}
            },
            (None, None) => {}
        }
    }
    match (dot, comma) {
        (0, 0) => None,
        (d, c) if d >= c => Some(DecimalMark::Dot),
        _ => Some(DecimalMark::Comma),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str, mark: DecimalMark) -> f64 {
        match parse_cell_number(text, mark) {
            Ok(CellNumber::Value { value, .. }) => value,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn dot_files() {
        let d = DecimalMark::Dot;
        assert_eq!(v("1,234.5", d), 1234.5);
        assert_eq!(v(" 1 234.5 ", d), 1234.5);
        assert_eq!(v(".75", d), 0.75);
        assert_eq!(v("-3", d), -3.0);
        assert_eq!(v("−3", d), -3.0);
        assert_eq!(v("42%", d), 42.0);
        assert_eq!(v("$1,200", d), 1200.0);
        assert_eq!(v("€ 7.5", d), 7.5);
        assert_eq!(v("(1,234.5)", d), -1234.5);
        assert_eq!(v("1'234'567", d), 1_234_567.0);
        assert_eq!(v("2.5e3", d), 2500.0);
    }

    #[test]
    fn comma_files() {
        let c = DecimalMark::Comma;
        assert_eq!(v("1.234,5", c), 1234.5);
        assert_eq!(v("12,5", c), 12.5);
        assert_eq!(v(",75", c), 0.75);
        assert_eq!(v("1 234,5", c), 1234.5);
        assert_eq!(v("7", c), 7.0);
    }

    #[test]
    fn footnotes_are_kept() {
        assert_eq!(
            parse_cell_number("41.5*", DecimalMark::Dot),
            Ok(CellNumber::Value {
                value: 41.5,
                footnote: Some("*".into())
            })
        );
        assert_eq!(
            parse_cell_number("12 (a)", DecimalMark::Dot),
            Ok(CellNumber::Value {
                value: 12.0,
                footnote: Some("(a)".into())
            })
        );
        assert_eq!(
            parse_cell_number("9†*", DecimalMark::Dot),
            Ok(CellNumber::Value {
                value: 9.0,
                footnote: Some("†*".into())
            })
        );
    }

    #[test]
    fn missing_markers_are_not_zero() {
        for m in ["", "  ", "NA", "n/a", "N/A", "-", "—", "..", "#N/A"] {
            assert_eq!(
                parse_cell_number(m, DecimalMark::Dot),
                Ok(CellNumber::NotReported),
                "{m:?}"
            );
        }
    }

    #[test]
    fn nonsense_is_refused_with_the_cell_quoted() {
        for bad in [
            "abc", "12a", "1,23.4", "1.2.3", "--5", "1,2345.6", "1e999", "$", "%", "12,5",
        ] {
            let r = parse_cell_number(bad, DecimalMark::Dot);
            assert!(r.is_err(), "{bad:?} gave {r:?}");
        }
        assert_eq!(
            parse_cell_number("12a", DecimalMark::Dot).unwrap_err(),
            "\"12a\" is not a number"
        );
        assert!(parse_cell_number("1,234.5", DecimalMark::Comma).is_err());
    }

    #[test]
    fn guessing_the_decimal_mark() {
        assert_eq!(
            guess_decimal_mark(["1,5", "2,25", "3"]),
            Some(DecimalMark::Comma)
        );
        assert_eq!(guess_decimal_mark(["1.5", "2.25"]), Some(DecimalMark::Dot));
        assert_eq!(guess_decimal_mark(["1.234,5"]), Some(DecimalMark::Comma));
        assert_eq!(guess_decimal_mark(["1,234.5"]), Some(DecimalMark::Dot));
        assert_eq!(guess_decimal_mark(["1.234.567"]), Some(DecimalMark::Comma));
        assert_eq!(guess_decimal_mark(["12", "13"]), None);
        assert_eq!(guess_decimal_mark(["1,234"]), None);
    }
}
