//! The one reader of a phase number at the start of a text: `Phase 3`, `phase 2.1.`, `PHASE
//! 12A`, `3`, `02-foundation`. ROADMAP headings and checklist lines, progress-table cells,
//! `Current focus:` values and `state set phase` all ask it, so a number one of them reads is
//! read the same by the others. What follows the number (a name, a status, a description)
//! depends on where the text is, and stays with each reader.

use std::ops::Range;

use crate::model::ids::PhaseNum;
use crate::model::values::strip_prefix_ci;

/// Whether the word `Phase` must come before the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// `Phase 3` only: a bare `3` is not a phase reference (headings, prose).
    Required,
    /// `Phase 3` or `3` (table cells, values that name a phase).
    Optional,
}

/// A phase number read at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseAt {
    pub number: PhaseNum,
    /// The number's bytes (`2.1` in `Phase 2.1. Name`).
    pub span: Range<usize>,
    /// Where the rest begins: after the number and any dots that end it (`Phase 2.` → 8).
    pub rest: usize,
}

/// The phase number `text` starts with, after `Phase ` (any case) when `word` asks for it.
/// A range (`Phase 4-6: Sync`, `1-7. MVP phases`) names no single phase: `None`.
pub fn phase_at_start(text: &str, word: Word) -> Option<PhaseAt> {
    let start = match strip_prefix_ci(text, "phase ") {
        Some(_) => "phase ".len(),
        None if word == Word::Required => return None,
        None => 0,
    };
    let rest = &text[start..];
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let written = rest[..len].trim_end_matches('.');
    let number = PhaseNum::parse(written)?;
    let end = start + written.len();
    let tail = &text[end..];
    let after_dots = tail.trim_start_matches('.');
    let after_dash = after_dots
        .strip_prefix('-')
        .or_else(|| after_dots.strip_prefix('–'));
    if after_dash.is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit())) {
        return None;
    }
    Some(PhaseAt {
        number,
        span: start..end,
        rest: end + (tail.len() - after_dots.len()),
    })
}

/// A phase name after its number's separator (`— Name`, `: Name`, `- Name`), trimmed; `None`
/// when no separator leads.
pub fn name_after_separator(tail: &str) -> Option<&str> {
    ["—", "--", "-", "–", ":"]
        .iter()
        .find_map(|sep| tail.strip_prefix(sep))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, word: Word) -> Option<(String, &str)> {
        phase_at_start(text, word).map(|p| (p.number.to_string(), &text[p.rest..]))
    }

    #[test]
    fn numbers_with_and_without_the_word() {
        assert_eq!(
            read("Phase 3: Api", Word::Required),
            Some(("3".into(), ": Api"))
        );
        assert_eq!(
            read("phase 2.1. Name", Word::Required),
            Some(("2.1".into(), " Name"))
        );
        assert_eq!(read("PHASE 12A", Word::Required), Some(("12A".into(), "")));
        assert_eq!(read("3 - Name", Word::Required), None);
        assert_eq!(
            read("3 - Name", Word::Optional),
            Some(("3".into(), " - Name"))
        );
        assert_eq!(
            read("02-foundation", Word::Optional),
            Some(("02".into(), "-foundation"))
        );
    }

    #[test]
    fn ranges_and_non_numbers_are_no_phase() {
        assert_eq!(read("Phase 4-6: Sync", Word::Required), None);
        assert_eq!(read("1-7. MVP", Word::Optional), None);
        assert_eq!(read("Phase 4–6", Word::Required), None);
        assert_eq!(read("Phase one", Word::Required), None);
        assert_eq!(read("", Word::Optional), None);
    }

    #[test]
    fn the_span_is_the_number() {
        let p = phase_at_start("Phase 07. Grid", Word::Required).unwrap();
        assert_eq!(p.span, 6..8);
        assert_eq!(p.rest, 9);
    }
}
