//! New numbers, durations and bars shaped like the ones beside them: zero padding, units,
//! precision, bar glyphs.

use crate::model::ids::PhaseNum;
use crate::model::state::Bar;
use crate::model::values::pad_like;
use crate::model::values::{first_number, format_like};

/// The id after `id` in its series: `D-07` → `D-08`, `KI-003` → `KI-004`, `12` → `13` (the
/// trailing number + 1, padding kept).
pub fn increment_trailing(id: &str) -> String {
    let digits = id.chars().rev().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return format!("{id}-2");
    }
    let (head, num) = id.split_at(id.len() - digits);
    let n: u64 = num.parse().unwrap_or(0);
    format!("{head}{}", pad_like(n + 1, num))
}

/// A phase number spelled like `written` (`02` → `03`, `2` → `3`, `02.1` → `03`).
pub fn phase_like(phase: &PhaseNum, written: &str) -> String {
    phase.spelled_like(written)
}

/// Redraws a bar for `percent` with its own glyphs and width.
pub fn render_bar(bar: &Bar, percent: u64) -> String {
    let width = bar.width;
    let filled = crate::model::state::progress::filled_glyphs(width, percent as f64);
    let mut out = String::new();
    for _ in 0..filled {
        out.push(bar.fill);
    }
    for _ in filled..width {
        out.push(bar.empty);
    }
    out
}

/// A duration written like `like`: the number replaced, the unit and spacing kept
/// (`3 min` → `13 min`, `2min` → `10min`, `0.3 hours` → `0.5 hours`). `minutes` is converted
/// into the neighbour's unit. Falls back to `N min` when `like` has no number.
pub fn duration_like(minutes: f64, like: &str) -> String {
    if let Some(text) = compound_like(minutes, like) {
        return text;
    }
    let Some((_, range)) = first_number(like) else {
        return format!("{} min", format_like(minutes, "1"));
    };
    let unit = like[range.end..].trim_start().to_ascii_lowercase();
    let value = if unit.starts_with('h') {
        minutes / 60.0
    } else if unit.starts_with('d') {
        minutes / (24.0 * 60.0)
    } else if unit.starts_with('s') {
        minutes * 60.0
    } else {
        minutes
    };
    format!(
        "{}{}{}",
        &like[..range.start],
        format_like(value, &like[range.clone()]),
        &like[range.end..]
    )
}

/// A two-unit duration (`4m 12s`, `1h 5m`, `1h5m`) written in the same two units.
pub(super) fn compound_like(minutes: f64, like: &str) -> Option<String> {
    let t = like.trim();
    let (_, first) = first_number(t)?;
    let unit1_len = t[first.end..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(t.len() - first.end);
    let unit1 = &t[first.end..first.end + unit1_len];
    let rest = &t[first.end + unit1_len..];
    let gap = &rest[..rest.len() - rest.trim_start().len()];
    let rest = rest.trim_start();
    let (_, second) = first_number(rest).filter(|(_, r)| r.start == 0)?;
    let unit2 = &rest[second.end..];
    if unit1.is_empty() || unit2.is_empty() || !unit2.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let (big, small) = match (unit1.chars().next()?, unit2.chars().next()?) {
        ('h', 'm') => (minutes / 60.0, 60.0),
        ('m', 's') => (minutes, 60.0),
        _ => return None,
    };
    let mut whole = big.floor();
    let mut part = ((big - whole) * small).round();
    if part >= small {
        whole += 1.0;
        part = 0.0;
    }
    Some(format!(
        "{}{unit1}{gap}{}{unit2}",
        whole as i64, part as i64
    ))
}

/// Replaces the first number of `text` with `value` formatted like it.
pub fn replace_first_number(text: &str, value: f64) -> Option<String> {
    let (_, r) = first_number(text)?;
    Some(format!(
        "{}{}{}",
        &text[..r.start],
        format_like(value, &text[r.clone()]),
        &text[r.end..]
    ))
}
