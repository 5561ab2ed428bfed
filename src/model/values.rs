//! Reading numbers, durations and dates out of free text, leniently.
//!
//! Real values carry decoration (`~30 min`, `14 (v2.0: 13, v3.0: 1)`, `0.3 hours`,
//! `4m 12s`). These helpers find the meaningful part and return its byte range so edits can
//! replace only the digits and keep the rest.

use std::ops::Range;

use chrono::NaiveDate;

/// `text` without an ASCII `prefix` compared case-insensitively (`Phase 7` → `7`). Safe on
/// any UTF-8: a prefix that would end inside a multi-byte character simply does not match.
pub fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Whether a field value is a template placeholder meaning "no value yet": `-`, `—`, `–`,
/// `N/A`, `None`, `TBD` alone (any case), or a value holding the template's `[X]` slot
/// (`[X] min`). One list, so `show --json`, `complete` and the State model agree on what
/// counts as empty.
pub fn is_placeholder_value(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    matches!(t.as_str(), "" | "-" | "—" | "–" | "n/a" | "none" | "tbd") || t.contains("[x]")
}

/// The first decimal number in `text` (`~6.5 hours` → 6.5 at 1..4).
pub fn first_number(text: &str) -> Option<(f64, Range<usize>)> {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(u8::is_ascii_digit)?;
    let mut end = start;
    let mut seen_dot = false;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit() {
            end += 1;
        } else if b == b'.' && !seen_dot && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            seen_dot = true;
            end += 1;
        } else {
            break;
        }
    }
    text[start..end].parse().ok().map(|n| (n, start..end))
}

/// The first unsigned integer in `text`.
pub fn first_integer(text: &str) -> Option<(u64, Range<usize>)> {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(u8::is_ascii_digit)?;
    let end = start
        + bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    text[start..end].parse().ok().map(|n| (n, start..end))
}

/// A duration in minutes from `12min`, `12 min`, `12 minutes`, `1h 5m`, `90s`, `4m 12s`,
/// `0.5 hours`, `~30 min`, `2`. `None` for placeholders (`-`, `[X] min`) and prose.
pub fn parse_minutes(text: &str) -> Option<f64> {
    let t = text.trim().trim_start_matches(['~', '≈']).trim();
    if t.is_empty() {
        return None;
    }
    let mut total = 0.0;
    let mut rest = t;
    let mut any = false;
    while !rest.is_empty() {
        let (n, range) = first_number(rest)?;
        if range.start != 0 {
            return None;
        }
        let after = rest[range.end..].trim_start();
        let unit_len = after
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(after.len());
        let unit = &after[..unit_len];
        let factor = if unit.is_empty() {
            1.0
        } else {
            minutes_per_unit(unit)?
        };
        total += n * factor;
        any = true;
        rest = after[unit_len..]
            .trim_start()
            .trim_start_matches(',')
            .trim_start();
        if unit.is_empty() {
            break;
        }
    }
    (any && rest.is_empty()).then_some(total)
}

/// Minutes in one of a duration unit as the files write it (`min`, `hours`, `s`, any case);
/// `None` for a word that is not a time unit.
pub fn minutes_per_unit(unit: &str) -> Option<f64> {
    match unit.to_ascii_lowercase().as_str() {
        "m" | "min" | "mins" | "minute" | "minutes" => Some(1.0),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(60.0),
        "s" | "sec" | "secs" | "second" | "seconds" => Some(1.0 / 60.0),
        "d" | "day" | "days" => Some(24.0 * 60.0),
        _ => None,
    }
}

/// A `YYYY-MM-DD` date at the start of `text` (after optional spaces), with its range.
pub fn leading_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let start = text.len() - text.trim_start().len();
    let candidate = text.get(start..start + 10)?;
    let date = NaiveDate::parse_from_str(candidate, "%Y-%m-%d").ok()?;
    Some((date, start..start + 10))
}

/// The first `YYYY-MM-DD` date anywhere in `text`.
pub fn find_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 10 <= bytes.len() {
        if bytes[i].is_ascii_digit()
            && bytes[i + 4] == b'-'
            && bytes[i + 7] == b'-'
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && text.is_char_boundary(i)
            && text.is_char_boundary(i + 10)
            && let Ok(d) = NaiveDate::parse_from_str(&text[i..i + 10], "%Y-%m-%d")
        {
            return Some((d, i..i + 10));
        }
        i += 1;
    }
    None
}

/// Rounds a completion ratio to a whole percent (half up), 0 when there is nothing to do.
pub fn percent(done: u64, total: u64) -> u64 {
    if total == 0 {
        0
    } else {
        ((done as f64) * 100.0 / (total as f64)).round() as u64
    }
}

/// The number of decimals written in a number's text (`0.42` → 2, `6` → 0).
pub fn decimals(number_text: &str) -> usize {
    number_text.split_once('.').map_or(0, |(_, frac)| {
        frac.chars().take_while(char::is_ascii_digit).count()
    })
}

/// `value` written with exactly `decimals` decimals.
pub fn format_decimals(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}")
}

/// `value` in a precision of `decimals` decimals, the way the files themselves round:
/// whole-number precision gains one decimal when that makes the value exact (`6.5` beside
/// `3`); otherwise the value is rounded (`6.75` beside `6` → `7`), unless rounding would
/// misstate it by more than 10% (`0.2` hours beside `0 hours`, `1.2` beside `1`), in which
/// case decimals are added (at most two) until it does not.
pub fn format_in_precision(value: f64, decimals: usize) -> String {
    let rounded = |d: usize| {
        let scale = 10f64.powi(d as i32);
        (value * scale).round() / scale
    };
    let exact_at = |d: usize| (rounded(d) - value).abs() < 1e-9;
    let close_at = |d: usize| value != 0.0 && ((rounded(d) - value) / value).abs() <= 0.10;
    for d in decimals..=decimals + 2 {
        if exact_at(d) {
            return format_decimals(value, d);
        }
        if d == 0 && exact_at(1) {
            return format_decimals(value, 1);
        }
        if close_at(d) {
            return format_decimals(value, d);
        }
    }
    format_decimals(value, decimals + 2)
}

/// Formats a number the way the file wrote its neighbour `like`: in `like`'s precision
/// (see [`format_in_precision`]), so `0.3 hours` stays one decimal and `6 min` whole minutes.
pub fn format_like(value: f64, like: &str) -> String {
    format_in_precision(value, decimals(like))
}

/// `n` zero-padded like `like` (`01` → `02`, `1` → `2`, `007` → `008`).
pub fn pad_like(n: u64, like: &str) -> String {
    let like = like.trim();
    if like.len() > 1 && like.starts_with('0') && like.chars().all(|c| c.is_ascii_digit()) {
        format!("{n:0>width$}", width = like.len())
    } else {
        n.to_string()
    }
}

/// `1077` → `1,077`: thousands grouped with commas, as files write large counts.
pub fn with_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_minutes("12min"), Some(12.0));
        assert_eq!(parse_minutes("12 min"), Some(12.0));
        assert_eq!(parse_minutes("1h 5m"), Some(65.0));
        assert_eq!(parse_minutes("90s"), Some(1.5));
        assert_eq!(parse_minutes("4m 12s"), Some(4.2));
        assert_eq!(parse_minutes("~30 min"), Some(30.0));
        assert_eq!(parse_minutes("0.5 hours"), Some(30.0));
        assert_eq!(parse_minutes("-"), None);
        assert_eq!(parse_minutes("[X] min"), None);
        assert_eq!(parse_minutes("about an hour"), None);
    }

    #[test]
    fn placeholders() {
        for p in [
            "",
            " - ",
            "—",
            "–",
            "N/A",
            "None",
            "TBD",
            "[X]",
            "[X] min",
            "[x] hours",
        ] {
            assert!(is_placeholder_value(p), "{p:?}");
        }
        for v in ["0", "12 min", "None yet, see notes", "Stable", "n/a-ish"] {
            assert!(!is_placeholder_value(v), "{v:?}");
        }
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(first_number("~6.5 hours"), Some((6.5, 1..4)));
        assert_eq!(first_integer("14 (v2.0: 13)"), Some((14, 0..2)));
        assert_eq!(leading_date("2026-01-26 — x").unwrap().1, 0..10);
        assert!(find_date("Phase 12 execution (2026-03-07)").is_some());
    }

    #[test]
    fn percents_round_half_up() {
        assert_eq!(percent(13, 22), 59);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(0, 0), 0);
    }

    #[test]
    fn formatting_follows_the_neighbour() {
        assert_eq!(format_like(0.5, "0.3"), "0.5");
        assert_eq!(format_like(0.4833, "0.42"), "0.48");
        assert_eq!(format_like(7.0, "6"), "7");
        assert_eq!(format_like(6.5, "3"), "6.5");
        assert_eq!(format_like(6.75, "6"), "7");
        assert_eq!(format_like(9.333, "9"), "9");
        assert_eq!(format_like(0.467, "0.3"), "0.5");
        assert_eq!(format_like(0.2, "0"), "0.2");
        assert_eq!(format_like(1.2, "1"), "1.2");
        assert_eq!(format_like(12.5, "10"), "12.5");
        assert_eq!(format_like(5.6, "4"), "5.6");
        assert_eq!(format_like(5.65, "4"), "6");
        assert_eq!(format_like(0.9, "1"), "0.9");
    }
}
