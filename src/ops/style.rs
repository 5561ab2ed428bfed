//! Copying the neighbours' style: new text looks as if the file's author wrote it.
//!
//! Every helper here takes an existing piece of the file (a number, a table row, a bar, a
//! timestamp) as the model for the new one, so the edit keeps zero padding, units, precision,
//! table padding, bar glyphs and timestamp shape instead of imposing gsd's own defaults.

use chrono::{DateTime, FixedOffset, Utc};

use crate::model::ids::PhaseNum;
use crate::model::state::Bar;
use crate::model::state::position::DASH_SEPARATORS;
use crate::model::values::{first_number, format_like};
use crate::syntax::{Cell, Doc, LineKind, table};

pub use crate::model::values::pad_like;

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
fn compound_like(minutes: f64, like: &str) -> Option<String> {
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

/// The new raw text of `cell` holding `text`, keeping its padding: a column padded to a
/// width stays that wide when the text fits; an unpadded cell keeps its single spaces.
pub fn cell_raw(doc: &Doc, cell: &Cell, text: &str) -> String {
    let raw = doc.text(cell.raw.clone());
    let width = raw.chars().count();
    let lead = cell.text.start - cell.raw.start;
    let trail = cell.raw.end - cell.text.end;
    let (lead, trail) = if cell.text.is_empty() {
        (lead.clamp(1, 1), 1)
    } else {
        (lead, trail)
    };
    let text_width = text.chars().count();
    let padded =
        trail > 1 || (cell.text.is_empty() && width > 2) || table_aligned(doc, cell.raw.start);
    let trail = if padded {
        width.saturating_sub(lead + text_width).max(1)
    } else {
        trail
    };
    format!("{}{}{}", " ".repeat(lead), text, " ".repeat(trail))
}

/// Whether the column holding byte `offset` is aligned: every row's cell in that column has
/// the same width, as tools that pad columns leave it. New cell text then keeps the width.
pub fn table_aligned(doc: &Doc, offset: usize) -> bool {
    let line = doc.source.line_of(offset);
    let in_table = |i: usize| {
        matches!(
            doc.kinds.get(i),
            Some(LineKind::TableRow | LineKind::TableDelimiter)
        )
    };
    let Some(column) = doc.cells(line).and_then(|cells| {
        cells
            .iter()
            .position(|c| c.raw.contains(&offset) || c.raw.start == offset)
    }) else {
        return false;
    };
    let mut first = line;
    while first > 0 && in_table(first - 1) {
        first -= 1;
    }
    let mut last = line;
    while in_table(last + 1) {
        last += 1;
    }
    let width = |i: usize| -> Option<usize> {
        let cells = table::split_cells(doc.line(i), doc.line_start(i));
        cells
            .get(column)
            .map(|c| doc.text(c.raw.clone()).chars().count())
    };
    let w = width(first);
    // Equal widths alone can be chance (`| Rationale |` over `| Typed SQL |`); a padded column
    // also has a cell with more than one space of padding.
    let padded = (first..=last).any(|i| {
        doc.kinds[i] == LineKind::TableRow
            && table::split_cells(doc.line(i), doc.line_start(i))
                .get(column)
                .is_some_and(|c| c.raw.end - c.text.end > 1 || c.text.start - c.raw.start > 1)
    });
    padded && last > first && w.is_some() && (first..=last).all(|i| width(i) == w)
}

/// Renders a new table row with `texts`, copying `template`'s indentation, outer pipes and
/// per-column padding. Missing template cells use single-space padding.
pub fn row_like(doc: &Doc, template_line: usize, texts: &[String]) -> String {
    let line = doc.line(template_line);
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let leading_pipe = trimmed.starts_with('|');
    let trailing_pipe = line.trim_end().ends_with('|');
    let cells = doc.cells(template_line).unwrap_or_default();
    let mut out = String::from(indent);
    if leading_pipe {
        out.push('|');
    }
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        // A `|` in the text would split the cell: written `\|`, it reads back as `|`.
        let text = table::escape_cell(text);
        match cells.get(i) {
            Some(cell) => out.push_str(&cell_raw(doc, cell, &text)),
            None => {
                out.push(' ');
                out.push_str(&text);
                out.push(' ');
            }
        }
    }
    if trailing_pipe {
        out.push('|');
    }
    out
}

/// A timestamp in the shape of `like` (the leading timestamp of a `Last session:` value):
/// `2026-01-26 20:04:22`, `2026-02-08T04:57:13Z`, `2026-03-11T22:55:15.042Z`,
/// `2026-01-21 14:23 UTC`, `2026-01-26`. Returns the new text for the timestamp part and the
/// byte length of that part in `like`; `None` when `like` does not start with a date.
pub fn timestamp_like(like: &str, now: DateTime<FixedOffset>) -> Option<(String, usize)> {
    let b = like.as_bytes();
    let is_digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let date_ok = (0..10).all(|i| {
        if i == 4 || i == 7 {
            b.get(i) == Some(&b'-')
        } else {
            is_digit(i)
        }
    });
    if !date_ok {
        return None;
    }
    let mut len = 10;
    let mut fmt = String::from("%Y-%m-%d");
    let mut utc = false;
    let sep = b.get(10).copied();
    if matches!(sep, Some(b'T') | Some(b' '))
        && is_digit(11)
        && is_digit(12)
        && b.get(13) == Some(&b':')
        && is_digit(14)
        && is_digit(15)
    {
        fmt.push(sep.unwrap_or(b'T') as char);
        fmt.push_str("%H:%M");
        len = 16;
        if b.get(16) == Some(&b':') && is_digit(17) && is_digit(18) {
            fmt.push_str(":%S");
            len = 19;
            if b.get(19) == Some(&b'.') {
                let digits = b[20..].iter().take_while(|c| c.is_ascii_digit()).count();
                if digits > 0 {
                    fmt.push_str(match digits {
                        1..=3 => "%.3f",
                        4..=6 => "%.6f",
                        _ => "%.9f",
                    });
                    len = 20 + digits;
                }
            }
        }
        if b.get(len) == Some(&b'Z') {
            fmt.push('Z');
            len += 1;
            utc = true;
        } else if like[len..].starts_with(" UTC") {
            fmt.push_str(" UTC");
            len += 4;
            utc = true;
        } else if matches!(b.get(len), Some(b'+') | Some(b'-')) && like.len() >= len + 6 {
            fmt.push_str("%:z");
            len += 6;
        }
    }
    let text = if utc {
        now.with_timezone(&Utc).format(&fmt).to_string()
    } else {
        now.format(&fmt).to_string()
    };
    Some((text, len))
}

/// The separator a file uses between a date and text (` — `, ` - `, ` -- `), read from a
/// `Last activity:` value (the first one after the date, so `DATE (continuation) -- text`
/// counts); ` — ` when there is none to copy.
pub fn date_separator(value: &str) -> &str {
    let after = value.get(10..).unwrap_or("");
    DASH_SEPARATORS
        .iter()
        .filter_map(|sep| after.find(sep).map(|i| (i, *sep)))
        .min_by_key(|(i, sep)| (*i, usize::MAX - sep.len()))
        .map_or(" — ", |(_, sep)| sep)
}

/// [`date_separator`] for a value of `doc`: the value's own separator, else the one the
/// file's other fields use ([`file_separator`]), so a file written with ` -- ` gets ` -- ` in
/// a line that had none to copy.
pub fn date_separator_in(doc: &Doc, value: &str) -> &'static str {
    let after = value.get(10..).unwrap_or("");
    DASH_SEPARATORS
        .iter()
        .filter_map(|sep| after.find(sep).map(|i| (i, *sep)))
        .min_by_key(|(i, sep)| (*i, usize::MAX - sep.len()))
        .map_or_else(|| file_separator(doc), |(_, sep)| sep)
}

/// The dash separator (` — `, ` -- `, ` - `, ` – `) the file's `Label: value` lines use
/// most (`Last activity: DATE -- text`, `Current focus: Phase 2 -- Name`); ` — `, the
/// template's, when they use none.
pub fn file_separator(doc: &Doc) -> &'static str {
    let mut counts = [0usize; DASH_SEPARATORS.len()];
    for i in 0..doc.kinds.len() {
        let Some(kv) = doc.key_value(i) else {
            continue;
        };
        let value = doc.text(kv.value);
        for (n, sep) in DASH_SEPARATORS.iter().enumerate() {
            counts[n] += value.matches(sep).count();
        }
    }
    let (best, &count) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(n, c)| (*c, usize::MAX - n))
        .unwrap_or((0, &0));
    if count == 0 {
        " — "
    } else {
        DASH_SEPARATORS[best]
    }
}

/// A trailing status after a separator that says the phase or plan is done
/// (`… — COMPLETE`, `… - done`): its range within `value` starting at `from`, so a command
/// that makes it untrue can drop it.
pub fn done_suffix(value: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let tail = value.get(from..)?;
    let (i, _) = DASH_SEPARATORS
        .iter()
        .filter_map(|sep| tail.find(sep).map(|i| (i, *sep)))
        .min_by_key(|(i, _)| *i)?;
    let lower = tail[i..].to_lowercase();
    (lower.contains("complete") || lower.contains("done")).then(|| from + i..value.len())
}

/// `text` made safe to write into line `line`: in a table row (a field kept in a `| Field |
/// Value |` table) and above a table delimiter row (`|---|---|`, where a `|` could turn the
/// line into that table's header and the field would vanish from the next parse), unescaped
/// pipes are written as `\|` (which Markdown renders as `|`). Anywhere else the text is kept
/// as given.
pub fn table_safe(doc: &Doc, line: usize, text: &str) -> String {
    let in_table = matches!(
        doc.kinds.get(line),
        Some(LineKind::TableRow | LineKind::PipeRow)
    );
    let next_is_delimiter = line + 1 < doc.kinds.len()
        && crate::syntax::table::is_delimiter(doc.line(line + 1))
        && doc.line(line + 1).contains('|');
    if in_table || next_is_delimiter {
        table::escape_cell(text).into_owned()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use crate::source::Source;

    #[test]
    fn pipes_are_escaped_only_above_a_table_delimiter() {
        let doc = Doc::parse(Source::new(
            "S",
            "Phase: 2\n|---|---|\nStatus: x\n".to_string(),
        ));
        assert_eq!(table_safe(&doc, 0, "A | B"), "A \\| B");
        assert_eq!(table_safe(&doc, 0, "A \\| B"), "A \\| B");
        assert_eq!(table_safe(&doc, 2, "A | B"), "A | B");
    }

    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-02-01T10:00:00+00:00").unwrap()
    }

    #[test]
    fn padding_and_units_follow_the_neighbour() {
        assert_eq!(pad_like(2, "01"), "02");
        assert_eq!(pad_like(2, "1"), "2");
        assert_eq!(increment_trailing("D-07"), "D-08");
        assert_eq!(increment_trailing("KI-009"), "KI-010");
        assert_eq!(increment_trailing("12"), "13");
        assert_eq!(duration_like(13.0, "3 min"), "13 min");
        assert_eq!(duration_like(10.0, "3min"), "10min");
        assert_eq!(duration_like(28.0, "0.3 hours"), "0.5 hours");
        assert_eq!(duration_like(6.5, "3 min"), "6.5 min");
        assert_eq!(duration_like(4.4, "4m 12s"), "4m 24s");
        assert_eq!(duration_like(65.0, "1h 5m"), "1h 5m");
        assert_eq!(duration_like(125.0, "1h5m"), "2h5m");
        assert_eq!(replace_first_number("~30 min", 7.0).unwrap(), "~7 min");
    }

    #[test]
    fn timestamps_keep_their_shape() {
        let t = |s: &str| timestamp_like(s, now()).unwrap();
        assert_eq!(
            t("2026-01-26 20:04:22 (plan execution)"),
            ("2026-02-01 10:00:00".into(), 19)
        );
        assert_eq!(
            t("2026-02-08T04:57:13Z"),
            ("2026-02-01T10:00:00Z".into(), 20)
        );
        assert_eq!(
            t("2026-03-11T22:55:15.042Z"),
            ("2026-02-01T10:00:00.000Z".into(), 24)
        );
        assert_eq!(
            t("2026-01-21 14:23 UTC"),
            ("2026-02-01 10:00 UTC".into(), 20)
        );
        assert_eq!(t("2026-01-21"), ("2026-02-01".into(), 10));
        assert!(timestamp_like("--stopped-at", now()).is_none());
    }

    #[test]
    fn bars_keep_glyphs_and_width() {
        let bar = Bar {
            span: 0..0,
            filled: 3,
            width: 10,
            fill: '█',
            empty: '░',
        };
        assert_eq!(render_bar(&bar, 40), "████░░░░░░");
    }
}
