//! Reading numbers as people type them, and writing them back.

/// Reads a number typed into a form: `12`, `-3.5`, `.75`, `1,234.5`, `+7`, `42%`.
///
/// Thousands separators must be in groups of three; a trailing `%` is allowed
/// and ignored (the unit says what the number means). Anything else is refused
/// with a reason that quotes what was typed. Never returns NaN or infinity.
pub fn parse_typed_number(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("enter a number".to_owned());
    }
    let body = trimmed.strip_suffix('%').map_or(trimmed, str::trim_end);
    let cleaned = strip_thousands(body).ok_or_else(|| not_a_number(trimmed))?;
    let plain = cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !plain || !cleaned.chars().any(|c| c.is_ascii_digit()) {
        return Err(not_a_number(trimmed));
    }
    match cleaned.parse::<f64>() {
        Ok(v) => check_magnitude(v, trimmed),
        Err(_) => Err(not_a_number(trimmed)),
    }
}

/// [`parse_typed_number`] for a person who writes numbers with `mark`:
/// with a comma mark "12,5" is twelve and a half and "1.234,5" groups
/// thousands with dots; a number written the other way ("12.5") is refused
/// rather than read as something else.
pub fn parse_typed_number_in(text: &str, mark: DecimalMark) -> Result<f64, String> {
    match mark {
        DecimalMark::Dot => parse_typed_number(text),
        DecimalMark::Comma => {
            let swapped: String = text
                .chars()
                .map(|c| match c {
                    ',' => '.',
                    '.' => ',',
                    other => other,
                })
                .collect();
            parse_typed_number(&swapped).map_err(|_| not_a_number(text.trim()))
        }
    }
}

/// The largest magnitude a measured value may have: up to 10^15 a double
/// holds every whole number and a decimal or two exactly, and no agency
/// counts beyond it; larger numbers are typing or export accidents.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// `value` if it is finite and within ±[`MAX_MAGNITUDE`], else why not
/// (quoting `text`, as written).
pub fn check_magnitude(value: f64, text: &str) -> Result<f64, String> {
    let shown: String = text.trim().chars().take(40).collect();
    if value.is_nan() {
        Err(format!("\"{shown}\" is not a number"))
    } else if !value.is_finite() || value.abs() > MAX_MAGNITUDE {
        Err(format!(
            "\"{shown}\" is too large (values are kept up to ±1,000,000,000,000,000)"
        ))
    } else {
        Ok(value)
    }
}

fn not_a_number(text: &str) -> String {
    let shown: String = text.chars().take(40).collect();
    format!("\"{shown}\" is not a number")
}

/// Removes `,` thousands separators when they sit between groups of three digits;
/// `None` when a comma sits anywhere else.
fn strip_thousands(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_owned());
    }
    let (sign, rest) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let (int_part, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let groups: Vec<&str> = int_part.split(',').collect();
    let first_ok = groups
        .first()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()));
    let rest_ok = groups[1..]
        .iter()
        .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    if !first_ok || !rest_ok {
        return None;
    }
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Shows a value with at most `decimals` decimals and without trailing zeros,
/// so `41.0` prints as `41` and `41.25` as `41.25`.
pub fn format_number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    if text == "-0" { "0".to_owned() } else { text }
}

/// A figure rounded for reading, not for arithmetic: three significant
/// figures at most, fewer decimals as it grows ("−1.23", "12.3", "123",
/// "0.0123"), so a computed rate does not claim a precision it lacks.
pub fn format_rounded(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let a = value.abs();
    let decimals = if a >= 100.0 || a == 0.0 {
        0
    } else {
        (2 - a.log10().floor() as i32).clamp(0, 6) as usize
    };
    format_number(value, decimals)
}

/// Shows a value with exactly `decimals` decimals, for columns of figures
/// that should line up (`41.0`, `+3.5`); `signed` adds a plus sign to
/// positive values, as changes are written.
pub fn format_fixed(value: f64, decimals: usize, signed: bool) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{value:.decimals$}");
    let negative_zero = text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.');
    let text = if negative_zero {
        text[1..].to_owned()
    } else {
        text
    };
    if signed && !text.starts_with('-') && text.chars().any(|c| matches!(c, '1'..='9')) {
        format!("+{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_locale_gives_the_decimal_mark_its_people_write() {
        for (locale, mark) in [
            ("de-DE", DecimalMark::Comma),
            ("fr_CA.UTF-8", DecimalMark::Comma),
            ("pt-BR", DecimalMark::Comma),
            ("es-ES", DecimalMark::Comma),
            ("es-MX", DecimalMark::Dot),
            ("en-US", DecimalMark::Dot),
            ("en-GB", DecimalMark::Dot),
            ("ja-JP", DecimalMark::Dot),
            ("C", DecimalMark::Dot),
            ("", DecimalMark::Dot),
        ] {
            assert_eq!(DecimalMark::for_locale(locale), mark, "{locale}");
        }
        assert_eq!(DecimalMark::Comma.write("1234.5"), "1234,5");
        for m in [DecimalMark::Dot, DecimalMark::Comma] {
            assert_eq!(DecimalMark::from_code(m.code()), Some(m));
        }
    }

    use super::*;

    #[test]
    fn fixed_decimals_line_up() {
        assert_eq!(format_fixed(8.0, 1, true), "+8.0");
        assert_eq!(format_fixed(-0.04, 1, true), "0.0");
        assert_eq!(format_fixed(0.0, 0, true), "0");
        assert_eq!(format_fixed(-2.26, 1, true), "-2.3");
        assert_eq!(format_fixed(65.75, 2, false), "65.75");
        assert_eq!(format_fixed(f64::NAN, 1, false), "—");
    }

    #[test]
    fn accepts_common_forms() {
        assert_eq!(parse_typed_number("12"), Ok(12.0));
        assert_eq!(parse_typed_number(" -3.5 "), Ok(-3.5));
        assert_eq!(parse_typed_number(".75"), Ok(0.75));
        assert_eq!(parse_typed_number("1,234.5"), Ok(1234.5));
        assert_eq!(parse_typed_number("1,234,567"), Ok(1_234_567.0));
        assert_eq!(parse_typed_number("+7"), Ok(7.0));
        assert_eq!(parse_typed_number("42%"), Ok(42.0));
        assert_eq!(parse_typed_number("42 %"), Ok(42.0));
    }

    #[test]
    fn refuses_with_reason() {
        assert_eq!(parse_typed_number(""), Err("enter a number".to_owned()));
        assert!(parse_typed_number("abc").unwrap_err().contains("\"abc\""));
        assert!(parse_typed_number("1,23").is_err());
        assert!(parse_typed_number("12,34.5").is_err());
        assert!(parse_typed_number("NaN").is_err());
        assert!(parse_typed_number("inf").is_err());
        assert!(parse_typed_number("1e999").is_err());
        assert!(
            parse_typed_number("1.79e308")
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(parse_typed_number("1e15"), Ok(1e15));
        assert!(parse_typed_number("-1.000001e15").is_err());
        assert!(parse_typed_number("-").is_err());
        assert!(parse_typed_number("1.2.3").is_err());
    }

    #[test]
    fn rounded_figures_keep_three_significant_figures() {
        assert_eq!(format_rounded(-1.2306), "-1.23");
        assert_eq!(format_rounded(12.345), "12.3");
        assert_eq!(format_rounded(1234.6), "1235");
        assert_eq!(format_rounded(0.012345), "0.0123");
        assert_eq!(format_rounded(0.0), "0");
        assert_eq!(format_rounded(4.1666667), "4.17");
    }

    #[test]
    fn formats_without_trailing_zeros() {
        assert_eq!(format_number(41.0, 1), "41");
        assert_eq!(format_number(41.25, 2), "41.25");
        assert_eq!(format_number(41.256, 2), "41.26");
        assert_eq!(format_number(-0.001, 1), "0");
        assert_eq!(format_number(f64::NAN, 1), "—");
    }
}

/// "1 team", "2 teams", "19,712 flags": a count with its noun in the
/// right number and its thousands separated.
pub fn count(n: impl Into<u64>, singular: &str, plural: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{} {plural}", thousands(n))
    }
}

/// A whole number with thousands separated by commas: "1,040,000".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod count_tests {
    use super::count;

    #[test]
    fn singular_and_plural() {
        assert_eq!(count(1u64, "team", "teams"), "1 team");
        assert_eq!(count(0u64, "team", "teams"), "0 teams");
        assert_eq!(count(2u32, "candidate", "candidates"), "2 candidates");
        assert_eq!(count(19_712u64, "flag", "flags"), "19,712 flags");
    }

    #[test]
    fn thousands_are_separated() {
        use super::thousands;
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_040_000), "1,040,000");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
    }
}

/// Which character separates the decimals, in files and as the leader
/// types and reads numbers (a workbook setting).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DecimalMark {
    /// `1,234.5`
    #[default]
    Dot,
    /// `1.234,5`
    Comma,
}

impl DecimalMark {
    /// The mark most people of a locale ("de-DE", "fr_CA", "en-US") write:
    /// a comma across most of continental Europe and Latin America, else a
    /// dot.
    pub fn for_locale(locale: &str) -> DecimalMark {
        const COMMA: [&str; 30] = [
            "af", "bg", "ca", "cs", "da", "de", "el", "es", "et", "eu", "fi", "fr", "gl", "hr",
            "hu", "id", "is", "it", "lt", "lv", "nb", "nl", "nn", "no", "pl", "pt", "ro", "ru",
            "sk", "sl",
        ];
        const MORE_COMMA: [&str; 6] = ["sr", "sv", "tr", "uk", "vi", "be"];
        let language = locale
            .split(['-', '_', '.'])
            .next()
            .unwrap_or_default()
            .to_lowercase();
        // Spanish in Mexico and much of Central America writes a dot.
        let dot_spanish = ["es-mx", "es_mx", "es-us", "es_us", "es-gt", "es_gt"];
        if dot_spanish
            .iter()
            .any(|p| locale.to_lowercase().starts_with(p))
        {
            return DecimalMark::Dot;
        }
        if COMMA.contains(&language.as_str()) || MORE_COMMA.contains(&language.as_str()) {
            DecimalMark::Comma
        } else {
            DecimalMark::Dot
        }
    }

    /// `text`, a number written with a dot, written with this mark.
    pub fn write(self, text: &str) -> String {
        match self {
            DecimalMark::Dot => text.to_owned(),
            DecimalMark::Comma => text.replace('.', ","),
        }
    }

    /// The setting's stored code.
    pub fn code(self) -> &'static str {
        match self {
            DecimalMark::Dot => "dot",
            DecimalMark::Comma => "comma",
        }
    }

    /// The mark a stored code names.
    pub fn from_code(code: &str) -> Option<DecimalMark> {
        match code {
            "dot" => Some(DecimalMark::Dot),
            "comma" => Some(DecimalMark::Comma),
            _ => None,
        }
    }
}

#[cfg(test)]
mod typed_in_mark_tests {
    use super::{DecimalMark, parse_typed_number_in};

    #[test]
    fn a_comma_writer_types_commas_and_a_dot_is_not_guessed() {
        let comma = DecimalMark::Comma;
        assert_eq!(parse_typed_number_in("12,5", comma), Ok(12.5));
        assert_eq!(parse_typed_number_in("1.234,5", comma), Ok(1234.5));
        assert_eq!(parse_typed_number_in("-0,25 %", comma), Ok(-0.25));
        assert!(
            parse_typed_number_in("12.5", comma)
                .unwrap_err()
                .contains("12.5")
        );
        assert_eq!(parse_typed_number_in("12.5", DecimalMark::Dot), Ok(12.5));
        assert!(parse_typed_number_in("12,5", DecimalMark::Dot).is_err());
    }
}
