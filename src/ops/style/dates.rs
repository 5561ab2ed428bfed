//! Dates, timestamps and the separators around them, in the shape the file already writes them.

use crate::model::state::position::DASH_SEPARATORS;
use crate::syntax::Doc;
use chrono::{DateTime, FixedOffset, Utc};

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
