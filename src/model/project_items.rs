//! How one PROJECT.md requirement line is written: the marker after its bullet (`✓`, `✅`,
//! `[x]`, `[ ]`, none) and the suffix that says when it was validated (` — v1.0`,
//! ` — Phase 3`, ` — Validated in Phase 07: …`, `(validated in Phase 1: …)`, ` — existing`).
//!
//! `gsd project validate` writes a moved requirement the way the file's validated ones are
//! written, so it needs both parts of a neighbour as data: the marker's text, and the
//! suffix's separator, lead words and value kind with the value's place, so a new value can
//! be written into the same form. Only the item's own text is read; nothing here edits.

use std::ops::Range;

/// Markers a requirement line carries after its bullet, longest first (so `✔️` is not read
/// as `✔`).
const MARKERS: &[&str] = &[
    "[ ] ", "[x] ", "[X] ", "✔️ ", "☑️ ", "✓ ", "✅ ", "✔ ", "☑ ",
];

/// Separators before a suffix, as they are written.
const SEPARATORS: &[&str] = &[" — ", " -- ", " – ", " - "];

/// What a suffix's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuffixKind {
    /// `Phase 3`, `Phase 07: grid fixes`.
    Phase,
    /// `v1.0`, `v2.5 (THEME-01)`.
    Version,
    /// `existing`, `shipped`: a word, not a number.
    Other,
}

/// A validation suffix, with ranges relative to the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suffix {
    /// From the separator (or the opening parenthesis) to the end of the value.
    pub range: Range<usize>,
    /// ` — `, ` -- `; for the parenthesised form, ` (`.
    pub separator: String,
    /// Words between the separator and the value: `Validated in `, `validated in `, ``.
    pub lead: String,
    /// The value itself: `Phase 3`, `v1.0`, `existing`.
    pub value: Range<usize>,
    pub kind: SuffixKind,
    /// `(validated in Phase 1: …)`: the form closes with `)`.
    pub parenthesised: bool,
}

impl Suffix {
    /// This suffix's form with `value` in place of its own: ` — Phase 4`,
    /// ` (validated in Phase 4)`.
    pub fn with_value(&self, value: &str) -> String {
        if self.parenthesised {
            format!("{}{}{value})", self.separator, self.lead)
        } else {
            format!("{}{}{value}", self.separator, self.lead)
        }
    }

    /// Whether this suffix's value is written `phase 3` (lower case), so a new one matches.
    pub fn lower_case_phase(&self, text: &str) -> bool {
        text.get(self.value.clone())
            .is_some_and(|v| v.starts_with("phase"))
    }
}

/// The requirement ids (`SYNC-01`) an item's text names anywhere, in order, each once:
/// `**SYNC-01**: …`, `Multi-user bot (COMM-01): …`, `— v2.5 (THEME-01, THEME-02)`.
pub fn requirement_ids(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
        let token = token.trim_matches('-');
        if crate::model::ids::is_requirement_id(token) && !out.iter().any(|t| t == token) {
            out.push(token.to_string());
        }
    }
    out
}

/// The marker at the start of an item's text (after its bullet): its length, or 0.
pub fn marker_len(text: &str) -> usize {
    MARKERS
        .iter()
        .find(|m| text.starts_with(*m))
        .map_or(0, |m| m.len())
}

/// Whether an item's marker says it is validated (`✓`, `✅`, `[x]`).
pub fn marker_is_done(marker: &str) -> bool {
    !marker.is_empty() && !marker.starts_with("[ ]")
}

/// The validation suffix of an item's text (after its marker), if it has one: the last
/// separator followed by a version, a phase, `validated in …` or `existing`, or a
/// parenthesised `(validated in …)`.
pub fn suffix(text: &str) -> Option<Suffix> {
    paren_suffix(text).or_else(|| dash_suffix(text))
}

fn dash_suffix(text: &str) -> Option<Suffix> {
    let mut best: Option<Suffix> = None;
    for sep in SEPARATORS {
        for (at, _) in text.match_indices(sep) {
            let after = at + sep.len();
            let Some((lead, kind, value_len)) = value_at(&text[after..]) else {
                continue;
            };
            let value_start = after + lead;
            let candidate = Suffix {
                range: at..value_start + value_len,
                separator: (*sep).to_string(),
                lead: text[after..value_start].to_string(),
                value: value_start..value_start + value_len,
                kind,
                parenthesised: false,
            };
            if best
                .as_ref()
                .is_none_or(|b| candidate.range.start > b.range.start)
            {
                best = Some(candidate);
            }
        }
    }
    best
}

fn paren_suffix(text: &str) -> Option<Suffix> {
    let lower = text.to_ascii_lowercase();
    let at = lower.rfind(" (validated in ")?;
    let after = at + " (".len();
    let (lead, kind, value_len) = value_at(&text[after..])?;
    let value_start = after + lead;
    // The form closes at the matching `)`; the value stops at a `:` or the `)`.
    let close = text[value_start..].find(')').map(|i| value_start + i)?;
    let value_end = (value_start + value_len).min(close);
    Some(Suffix {
        range: at..close + 1,
        separator: " (".to_string(),
        lead: text[after..value_start].to_string(),
        value: value_start..value_end,
        kind,
        parenthesised: true,
    })
}

/// At the start of `rest` (the text after a separator): the byte length of the lead words
/// (`Validated in `), the value's kind and its byte length. `None` when no validation value
/// starts there.
fn value_at(rest: &str) -> Option<(usize, SuffixKind, usize)> {
    let lower = rest.to_ascii_lowercase();
    let lead = ["validated in ", "shipped in ", "delivered in "]
        .iter()
        .find(|l| lower.starts_with(*l))
        .map_or(0, |l| l.len());
    let v = &rest[lead..];
    let lv = &lower[lead..];
    if lv.starts_with("phase ") || lv.starts_with("phases ") {
        let word = if lv.starts_with("phases ") { 7 } else { 6 };
        let num = v[word..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(v.len() - word);
        return (num > 0 && v[word..].starts_with(|c: char| c.is_ascii_digit())).then_some((
            lead,
            SuffixKind::Phase,
            word + num,
        ));
    }
    if lv.starts_with('v') && v[1..].starts_with(|c: char| c.is_ascii_digit()) {
        let end = v
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(v.len());
        return Some((
            lead,
            SuffixKind::Version,
            v[..end].trim_end_matches('.').len(),
        ));
    }
    if lead == 0 && (lv.starts_with("existing") || lv.starts_with("shipped")) {
        let end = v.find(|c: char| !c.is_alphabetic()).unwrap_or(v.len());
        return Some((0, SuffixKind::Other, end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> (String, String, String, SuffixKind) {
        let x = suffix(text).unwrap();
        (
            text[x.range.clone()].to_string(),
            x.lead.clone(),
            text[x.value.clone()].to_string(),
            x.kind,
        )
    }

    #[test]
    fn suffixes_in_their_forms() {
        assert_eq!(
            s("Login — v1.0"),
            (
                " — v1.0".into(),
                "".into(),
                "v1.0".into(),
                SuffixKind::Version
            )
        );
        assert_eq!(
            s("Sudoku grid — v1.0 (PUZZ-01, 28 tests)").2,
            "v1.0".to_string()
        );
        assert_eq!(
            s("JWT authentication — Phase 2").0,
            " — Phase 2".to_string()
        );
        assert_eq!(
            s("Pencil marks — Validated in Phase 07: grid-rendering-fixes (GRID-01)"),
            (
                " — Validated in Phase 07".into(),
                "Validated in ".into(),
                "Phase 07".into(),
                SuffixKind::Phase
            )
        );
        let p = suffix("**BOOT-03**: Boots (validated in Phase 1: Foundation)").unwrap();
        assert!(p.parenthesised);
        assert_eq!(p.with_value("Phase 4"), " (validated in Phase 4)");
        assert_eq!(s("Supabase client — existing").3, SuffixKind::Other);
        assert_eq!(s("Native scraping — Phase 1, shipped").2, "Phase 1");
        assert!(suffix("Read-only access - no writes").is_none());
        assert!(suffix("Phase one done").is_none());
    }

    #[test]
    fn markers() {
        assert_eq!(marker_len("✓ Login"), "✓ ".len());
        assert_eq!(marker_len("[x] **A-1**: b"), 4);
        assert_eq!(marker_len("Login"), 0);
        assert!(marker_is_done("✅ "));
        assert!(!marker_is_done("[ ] "));
    }
}
