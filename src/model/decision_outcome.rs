//! The words a Key Decisions table uses for a decision's outcome: `✓ Good`, `⚠️ Revisit`,
//! `— Pending`, and what real tables write instead (`Good -- v4.0 validated`, `Decided ✓`,
//! `✓ Gut`, `— Offen`, `Pending`).
//!
//! An outcome cell is read as a *head* (the outcome words) and an optional comment after a
//! separator (`✓ Good — no more cent drift`). `gsd project show` counts outcomes by kind and
//! `gsd project outcome` writes the head the table already uses for a kind, so both read
//! cells through the one classification here.

use serde::Serialize;

/// What an outcome says of its decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    Good,
    Revisit,
    Pending,
}

impl OutcomeKind {
    pub fn name(self) -> &'static str {
        match self {
            OutcomeKind::Good => "good",
            OutcomeKind::Revisit => "revisit",
            OutcomeKind::Pending => "pending",
        }
    }

    /// The GSD template's words (`✓ Good`), or the bare word for a table that writes its
    /// outcomes without symbols (`Good`).
    pub fn template_word(self, decorated: bool) -> &'static str {
        match (self, decorated) {
            (OutcomeKind::Good, true) => "✓ Good",
            (OutcomeKind::Revisit, true) => "⚠️ Revisit",
            (OutcomeKind::Pending, true) => "— Pending",
            (OutcomeKind::Good, false) => "Good",
            (OutcomeKind::Revisit, false) => "Revisit",
            (OutcomeKind::Pending, false) => "Pending",
        }
    }
}

/// Separators between an outcome's words and its comment, as tables write them.
pub const COMMENT_SEPARATORS: &[&str] = &[" — ", " -- ", " – ", " - ", ": ", " ("];

/// The outcome words of a cell, without the comment: `✓ Good — no drift` → `✓ Good`,
/// `— Pending (v4.0)` → `— Pending`, `Good -- v4.0 validated` → `Good`. A leading dash
/// (`— Pending`) is part of the words, not a separator.
pub fn head(cell: &str) -> &str {
    let cell = cell.trim();
    let first_word = cell
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(cell.len(), |(i, _)| i);
    let end = COMMENT_SEPARATORS
        .iter()
        .filter_map(|sep| cell[first_word..].find(sep).map(|i| first_word + i))
        .min()
        .unwrap_or(cell.len());
    cell[..end].trim_end()
}

/// The separator a cell puts between its outcome words and a comment, if it has a comment.
pub fn comment_separator(cell: &str) -> Option<&'static str> {
    let h = head(cell);
    let rest = cell.trim().get(h.len()..)?;
    COMMENT_SEPARATORS
        .iter()
        .copied()
        .find(|sep| rest.starts_with(sep) && *sep != " (")
}

/// The kind of an outcome cell by its words (English and the localised words seen in real
/// tables), or `None` for text that says none of the three (`Adopted in v2`, `-`).
pub fn classify(cell: &str) -> Option<OutcomeKind> {
    let h = head(cell).to_lowercase();
    let words: Vec<&str> = h
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    // Whole words for alphabetic scripts (`forever` is not `rever`), substrings for symbols,
    // phrases and scripts written without spaces.
    let has = |list: &[&str]| {
        list.iter().any(|w| {
            let spaced_word = w.chars().all(|c| c.is_alphabetic() && (c as u32) < 0x2E80);
            if spaced_word {
                words.contains(w)
            } else {
                h.contains(w)
            }
        })
    };
    if has(REVISIT) {
        Some(OutcomeKind::Revisit)
    } else if has(PENDING) {
        Some(OutcomeKind::Pending)
    } else if has(GOOD) {
        Some(OutcomeKind::Good)
    } else {
        None
    }
}

const REVISIT: &[&str] = &[
    "revisit",
    "⚠",
    "reconsider",
    "überdenken",
    "à revoir",
    "revisar",
    "rever",
    "重新",
];
const PENDING: &[&str] = &[
    "pending",
    "in progress",
    "planned",
    "open",
    "deferred",
    "tbd",
    "offen",
    "en attente",
    "pendente",
    "pendiente",
    "待",
];
const GOOD: &[&str] = &[
    "good",
    "✓",
    "✅",
    "✔",
    "gut",
    "bon",
    "bom",
    "bueno",
    "validated",
    "shipped",
    "adopted",
    "decided",
    "confirmed",
    "kept",
    "done",
    "implemented",
    "complete",
    "completed",
    "accepted",
    "works",
    "好",
    "良",
];

/// Whether a table writes its outcome words with a symbol (`✓ Good`, `— Pending`) rather
/// than as bare words (`Good`, `Pending`): decided by the cells it has; with none, the
/// template's symbols.
pub fn decorated<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
    let mut symbols = 0usize;
    let mut bare = 0usize;
    for c in cells {
        if classify(c).is_none() {
            continue;
        }
        if head(c).starts_with(|ch: char| ch.is_alphanumeric()) && !c.contains(['✓', '✅', '⚠'])
        {
            bare += 1;
        } else {
            symbols += 1;
        }
    }
    symbols >= bare
}

/// The table's own words for `kind`: the most frequent head among its cells of that kind
/// (the latest on a tie), else the template's word in the table's decoration.
pub fn word_for<'a>(cells: &[&'a str], kind: OutcomeKind) -> String {
    let mut seen: Vec<(&'a str, usize, usize)> = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        if classify(c) != Some(kind) {
            continue;
        }
        let h = head(c);
        match seen.iter_mut().find(|(t, _, _)| *t == h) {
            Some((_, n, last)) => {
                *n += 1;
                *last = i;
            }
            None => seen.push((h, 1, i)),
        }
    }
    seen.iter()
        .max_by_key(|(_, n, last)| (*n, *last))
        .map_or_else(
            || {
                kind.template_word(decorated(cells.iter().copied()))
                    .to_string()
            },
            |(h, _, _)| (*h).to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_kinds() {
        assert_eq!(head("✓ Good — no more cent drift"), "✓ Good");
        assert_eq!(head("— Pending (v4.0)"), "— Pending");
        assert_eq!(head("Good -- v4.0 validated"), "Good");
        assert_eq!(head("⚠️ Revisit — battery use"), "⚠️ Revisit");
        assert_eq!(classify("— Pending"), Some(OutcomeKind::Pending));
        assert_eq!(classify("-- Pending"), Some(OutcomeKind::Pending));
        assert_eq!(classify("✓ Good — v2.0 validated"), Some(OutcomeKind::Good));
        assert_eq!(classify("Decided ✓"), Some(OutcomeKind::Good));
        assert_eq!(classify("⚠️ Revisit"), Some(OutcomeKind::Revisit));
        assert_eq!(classify("✓ Gut"), Some(OutcomeKind::Good));
        assert_eq!(classify("— Offen"), Some(OutcomeKind::Pending));
        assert_eq!(classify("-"), None);
        assert_eq!(classify("Done (Phase 2, D-01)"), Some(OutcomeKind::Good));
        assert_eq!(
            classify("In progress — W0–W5 deployed"),
            Some(OutcomeKind::Pending)
        );
        assert_eq!(classify("Owned by Phase 27.2"), None);
        assert_eq!(comment_separator("Good -- v4.0 validated"), Some(" -- "));
        assert_eq!(comment_separator("✓ Good"), None);
    }

    #[test]
    fn words_come_from_the_table() {
        let cells = ["Good -- v4.0 validated", "Good", "Pending"];
        assert_eq!(word_for(&cells, OutcomeKind::Good), "Good");
        assert_eq!(word_for(&cells, OutcomeKind::Revisit), "Revisit");
        let cells = ["✓ Good", "— Pending"];
        assert_eq!(word_for(&cells, OutcomeKind::Revisit), "⚠️ Revisit");
        assert_eq!(word_for(&cells, OutcomeKind::Pending), "— Pending");
    }
}
