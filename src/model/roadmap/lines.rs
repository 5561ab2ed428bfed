//! Reading single ROADMAP.md lines: phase titles, checkboxes, emoji status marks, plan ids,
//! the `**Plans**:` field and a `(completed DATE)` suffix.
//!
//! Each reader takes one line's text and answers "is this that shape, and where are its
//! parts"; the roadmap parser decides which lines to ask.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::ids::{PhaseNum, PlanId};
use crate::model::phase_ref::{Word, name_after_separator, phase_at_start};
use crate::model::state::context::list_marker;
use crate::model::values::find_date;

/// `Phase 2: Name`, `Phase 2.1 — Name`, `Phase 12A: Name (INSERTED)`, `Phase 1 - Name`,
/// `✅ Phase 3: Name [COMPLETE]`, `**Phase 1: Name** - description`.
///
/// The name stops at the closing `**`, at ` (`, and at a trailing status marker; a
/// description after the name in a plain (non-bold) line is cut by [`phase_title_in_list`].
pub fn phase_title(text: &str) -> Option<(PhaseNum, Option<String>)> {
    let (number, tail) = phase_number_prefix(text)?;
    let name = name_after_separator(tail)
        .or_else(|| tail.strip_prefix("**:"))
        .map(clean_name)
        .filter(|n| !n.is_empty());
    Some((number, name))
}

/// Like [`phase_title`] for a checklist line's text, where a plain (unbolded) name is
/// followed by a description: `Phase 1: Data Foundation — completed 2026-03-11`.
pub fn phase_title_in_list(text: &str) -> Option<(PhaseNum, Option<String>)> {
    let (number, name) = phase_title(text)?;
    let bold = text.trim_start().starts_with("**") || text.contains("**:");
    if bold {
        return Some((number, name));
    }
    let name = name.map(|n| {
        [" — ", " -- ", " - ", " – "]
            .iter()
            .filter_map(|sep| n.find(sep))
            .min()
            .map_or(n.clone(), |cut| n[..cut].trim_end().to_string())
    });
    Some((number, name.filter(|n| !n.is_empty())))
}

/// The phase number after a leading `Phase ` (decorations skipped), and the text after it.
fn phase_number_prefix(text: &str) -> Option<(PhaseNum, &str)> {
    let t = text.trim().trim_start_matches(['*', '~', ' ', '[']);
    let t = t
        .trim_start_matches(|c: char| !c.is_ascii() && !c.is_alphanumeric())
        .trim_start()
        .trim_start_matches(['*', '~']);
    let at = phase_at_start(t, Word::Required)?;
    let (number, tail) = (at.number, &t[at.rest..]);
    let tail = tail.trim_start_matches(['*', '~']).trim_start();
    Some((number, tail))
}

/// A phase name without bold, a parenthetical, or a trailing status marker.
fn clean_name(raw: &str) -> String {
    let n = raw.trim().trim_start_matches("**").trim_start();
    let end = n.find("**").unwrap_or(n.len());
    let n = n[..end].trim();
    let n = n.split(" (").next().unwrap_or(n);
    let mut n = n.trim_end_matches([' ', '*', '~']);
    // `[COMPLETE]`, `✅`, `✓` after the name are status, not name.
    loop {
        let before = n;
        if n.ends_with(']')
            && let Some(open) = n.rfind(" [")
        {
            n = n[..open].trim_end();
        }
        n = n
            .trim_end_matches(|c: char| !c.is_ascii() && !c.is_alphanumeric())
            .trim_end();
        if n == before {
            break;
        }
    }
    n.to_string()
}

/// Whether a phase line or heading carries an `INSERTED` marker (any case).
pub fn is_inserted(text: &str) -> bool {
    text.to_ascii_lowercase().contains("inserted")
}

/// A `[ ]` / `[x]` / `[X]` / `[~]` checkbox right after a list marker: the mark character's
/// offset in `line` and whether it is ticked (`[~]`, work under way, is not).
pub fn checkbox_in(line: &str) -> Option<(usize, bool)> {
    let (indent, marker) = list_marker(line)?;
    let after = &line[indent.len() + marker.len()..];
    let rest = after.trim_start();
    let offset = indent.len() + marker.len() + after.len() - rest.len();
    let bytes = rest.as_bytes();
    (bytes.len() >= 3 && bytes[0] == b'[' && bytes[2] == b']')
        .then(|| bytes[1])
        .filter(|b| matches!(b, b' ' | b'x' | b'X' | b'~'))
        .map(|b| (offset + 1, matches!(b, b'x' | b'X')))
}

/// The text of a list line after its marker (and after a checkbox, when it has one), as an
/// offset into `line`.
pub fn list_body(line: &str) -> Option<usize> {
    let (indent, marker) = list_marker(line)?;
    let mut at = indent.len() + marker.len();
    at += line[at..].len() - line[at..].trim_start().len();
    if let Some((mark, _)) = checkbox_in(line) {
        at = mark + 2;
        at += line[at..].len() - line[at..].trim_start().len();
    }
    Some(at)
}

/// Status glyphs used in place of checkboxes (`- ✅ **Phase 13: …**`), and whether each
/// means done.
const STATUS_GLYPHS: &[(&str, bool)] = &[
    ("✅", true),
    ("✓", true),
    ("✔️", true),
    ("✔", true),
    ("☑️", true),
    ("☑", true),
    ("🚧", false),
    ("📋", false),
    ("⬜", false),
    ("⏳", false),
    ("🔄", false),
    ("🔜", false),
    ("❌", false),
    ("○", false),
    ("◆", false),
    ("🔲", false),
];

/// An emoji status mark at `text`'s start: its byte length and whether it means done.
pub fn status_glyph(text: &str) -> Option<(usize, bool)> {
    STATUS_GLYPHS
        .iter()
        .find(|(g, _)| text.starts_with(g))
        .map(|(g, done)| (g.len(), *done))
}

/// A plan id at the start of checklist text: `02-01: …`, `02-01-PLAN.md — …`,
/// `` `02-01-slug-PLAN.md` ``, `**02-01**`, or `Plan 01 (Wave 1): …` inside phase `current`.
pub fn leading_plan_id(text: &str, current: Option<&PhaseNum>) -> Option<PlanId> {
    let t = text.trim_start_matches(['*', '`', '~']);
    // A path to the plan file (`.planning/phases/33-x/33-01-PLAN.md`): its file name.
    let word = &t[..t.find(char::is_whitespace).unwrap_or(t.len())];
    let t = match word.rfind('/') {
        Some(slash) if word.contains("PLAN") => &t[slash + 1..],
        _ => t,
    };
    let (t, said_plan) = match t.strip_prefix("Plan ").or_else(|| t.strip_prefix("plan ")) {
        Some(rest) => (rest.trim_start_matches(['*', '`']), true),
        None => (t, false),
    };
    let end = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        .unwrap_or(t.len());
    let token = t[..end].trim_end_matches(['.', '-']);
    let stem = token
        .strip_suffix("-PLAN.md")
        .or_else(|| token.strip_suffix("-PLAN"))
        .or_else(|| token.strip_suffix("-SUMMARY.md"));
    if let Some(stem) = stem {
        let mut parts = stem.splitn(3, '-');
        let (phase, plan) = (parts.next()?, parts.next()?);
        return PlanId::parse(&format!("{phase}-{plan}"));
    }
    if token.matches('-').count() == 1 {
        // `02-01` must be the whole token: a date like 2026-01-05 has two dashes.
        return PlanId::parse(token);
    }
    if said_plan && !token.is_empty() && token.chars().all(|c| c.is_ascii_digit()) {
        return PlanId::parse(&format!("{}-{token}", current?.as_str()));
    }
    None
}

/// A `**Goal**:` / `**Goal:**` / `Goal:` line: the goal, trimmed.
pub fn goal_value(line: &str) -> Option<&str> {
    let t = line.trim_start().trim_start_matches(['-', '*', ' ']);
    let rest = t
        .strip_prefix("Goal")
        .or_else(|| t.strip_prefix("goal"))?
        .trim_start_matches('*');
    let rest = rest.strip_prefix(':')?.trim_start_matches('*').trim();
    (!rest.is_empty()).then_some(rest)
}

/// A `**Plans**:` / `**Plans:**` field line: the value's offset in `line`.
pub fn plans_field_value(line: &str) -> Option<usize> {
    let body = list_body(line).unwrap_or(line.len() - line.trim_start().len());
    let rest = &line[body..];
    let lower = rest.to_ascii_lowercase();
    let after = ["**plans**:", "**plans:**", "**plans**"]
        .iter()
        .find_map(|label| lower.strip_prefix(label).map(|_| label.len()))?;
    let value = &rest[after..];
    Some(body + after + value.len() - value.trim_start().len())
}

/// What a `**Plans**:` value says: (total, complete). `3 plans` → (3, None);
/// `2/3 plans complete` → (3, 2); `TBD` → (None, None).
pub fn plans_numbers(value: &str) -> (Option<u32>, Option<u32>) {
    let v = value.trim();
    let digits = v.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return (None, None);
    }
    let first: Option<u32> = v[..digits].parse().ok();
    if let Some(rest) = v[digits..].strip_prefix('/') {
        let d2 = rest.chars().take_while(char::is_ascii_digit).count();
        if d2 > 0 {
            return (rest[..d2].parse().ok(), first);
        }
    }
    (first, None)
}

/// A `(completed 2026-03-11)` / `— completed 2026-03-11` / `✅ 2026-03-11` date on a phase
/// line: the date and its range in `text`.
pub fn completed_date(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let mut from = 0;
    while let Some((date, r)) = find_date(&text[from..]) {
        let (start, end) = (from + r.start, from + r.end);
        // The date must follow the word closely: `completed 2026-03-11`, `(done: …)`.
        let before: String = text[..start].chars().rev().take(14).collect();
        let before: String = before
            .chars()
            .rev()
            .collect::<String>()
            .to_ascii_lowercase();
        if ["complete", "shipped", "done"]
            .iter()
            .any(|w| before.contains(w))
        {
            return Some((date, start..end));
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_titles() {
        let name = |t: &str| phase_title_in_list(t).and_then(|(_, n)| n);
        assert_eq!(
            name("**Phase 1: Foundation** - base").as_deref(),
            Some("Foundation")
        );
        assert_eq!(name("**Phase 2: API** — x").as_deref(), Some("API"));
        assert_eq!(
            name("Phase 1: Data Foundation (2/2 plans) — completed 2026-03-11").as_deref(),
            Some("Data Foundation")
        );
        assert_eq!(name("Phase 3: Sync — completed").as_deref(), Some("Sync"));
        let (n, t) = phase_title("Phase 07.1: Hotfix (INSERTED)").unwrap();
        assert_eq!((n.as_str(), t.as_deref()), ("07.1", Some("Hotfix")));
        assert_eq!(
            phase_title("Phase 5: Auth [COMPLETE]")
                .unwrap()
                .1
                .as_deref(),
            Some("Auth")
        );
        assert_eq!(
            phase_title("Phase 5: Auth ✅").unwrap().1.as_deref(),
            Some("Auth")
        );
        assert_eq!(
            phase_title("✅ Phase 12A — Backend").unwrap().0.as_str(),
            "12A"
        );
        assert!(phase_title("Phases 1-6").is_none());
        assert!(phase_title("Phase 4-6: Sync").is_none());
        assert!(phase_title("Phase 4–6: Sync").is_none());
        assert_eq!(
            phase_title("Phase 4 - Sync").unwrap().1.as_deref(),
            Some("Sync")
        );
        assert!(phase_title("v1.0 MVP").is_none());
    }

    #[test]
    fn plan_ids() {
        let id = |t: &str| leading_plan_id(t, PhaseNum::parse("3").as_ref()).map(|p| p.to_string());
        assert_eq!(id("01-01-PLAN.md — x").as_deref(), Some("01-01"));
        assert_eq!(id("`02-03-api-PLAN.md` -- x").as_deref(), Some("02-03"));
        assert_eq!(
            id("`.planning/phases/33-gc/33-01-image-worker-PLAN.md` — x").as_deref(),
            Some("33-01")
        );
        assert_eq!(id("**01-02**: x").as_deref(), Some("01-02"));
        assert_eq!(id("02.1-01: x").as_deref(), Some("02.1-01"));
        assert_eq!(id("Plan 01 (Wave 1): x").as_deref(), Some("3-01"));
        assert_eq!(id("2026-01-05 release"), None);
        assert_eq!(id("Write tests"), None);
    }

    #[test]
    fn plans_field_and_dates() {
        let line = "**Plans**: 2/3 plans complete";
        let v = plans_field_value(line).unwrap();
        assert_eq!(&line[v..], "2/3 plans complete");
        assert_eq!(plans_numbers(&line[v..]), (Some(3), Some(2)));
        assert_eq!(plans_numbers("4 plans in 2 waves"), (Some(4), None));
        assert_eq!(plans_numbers("TBD"), (None, None));
        assert!(plans_field_value("- **Plans:** 3 plans").is_some());
        assert!(plans_field_value("Plans:").is_none());
        let t = "Phase 1: X (2/2 plans) — completed 2026-03-11";
        let (d, r) = completed_date(t).unwrap();
        assert_eq!((d.to_string(), &t[r]), ("2026-03-11".into(), "2026-03-11"));
        assert!(completed_date("Phase 1: X — started 2026-03-11").is_none());
    }

    #[test]
    fn checkboxes_and_glyphs() {
        assert_eq!(checkbox_in("- [X] a"), Some((3, true)));
        assert_eq!(checkbox_in("  1. [ ] a"), Some((6, false)));
        assert_eq!(checkbox_in("- a"), None);
        assert_eq!(status_glyph("✅ **Phase"), Some(("✅".len(), true)));
        assert_eq!(status_glyph("🚧 x").map(|g| g.1), Some(false));
    }
}
