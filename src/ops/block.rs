//! `gsd state block <TEXT>` and `gsd state unblock <MATCH>`.
//!
//! `block` adds an entry like `todo` does. `unblock` finds the one open item containing MATCH
//! (case-insensitive), strikes its text through and marks it `RESOLVED (date)`; no match or
//! several matches is an error that lists the candidates, and nothing is written. Prose and
//! sub-headings in the section are never touched.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::state::{Item, resolved};
use crate::model::workspace::Workspace;
use crate::ops::list_entry::add_entry;
use crate::ops::list_match::{plain, says_plainly};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, state_error};
use crate::syntax::table;

/// Runs `block`.
pub fn block(ws: &Workspace, clock: &Clock, text: &str) -> Result<Outcome, UserError> {
    add_entry(
        ws,
        clock,
        ws.state.blockers(),
        "Blockers/Concerns",
        "blocker",
        text,
        None,
    )
}

/// Runs `unblock`.
pub fn unblock(ws: &Workspace, clock: &Clock, pattern: &str) -> Result<Outcome, UserError> {
    let pattern = pattern.trim();
    if pattern.is_empty() {
        return Err(UserError::new("MATCH must not be empty")
            .hint("give a word or phrase from the blocker to resolve"));
    }
    let state = &ws.state;
    let doc = &state.doc;
    // Open blockers, and those marked `RESOLVED` / `FIXED` but not struck through yet (what
    // `gsd check` GSD304 sends here): striking those through is all they still need.
    let open: Vec<&Item> = state
        .blockers()
        .iter()
        .flat_map(|l| &l.items)
        .filter(|i| !i.resolved || marked_not_struck(&i.says(doc)))
        .collect();
    let needle = plain(pattern);
    let matches: Vec<&Item> = open
        .iter()
        .copied()
        .filter(|i| says_plainly(&i.says(doc), &needle))
        .collect();
    let list = |items: &[&Item]| {
        items
            .iter()
            .map(|i| format!("\n  line {}: {}", i.line + 1, doc.text(i.text.clone())))
            .collect::<String>()
    };
    let item = match matches.as_slice() {
        [one] => *one,
        [] => {
            let msg = if open.is_empty() {
                format!("has no open blocker matching `{pattern}` (and no open blockers at all)")
            } else {
                format!(
                    "has no open blocker matching `{pattern}`; open blockers:{}",
                    list(&open)
                )
            };
            return Err(state_error(msg)
                .hint("pass a word or phrase that appears in exactly one open blocker"));
        }
        many => {
            return Err(state_error(format!(
                "has {} open blockers matching `{pattern}`:{}",
                many.len(),
                list(many)
            ))
            .hint("pass a longer phrase that matches only one of them"));
        }
    };
    let edit = strike(doc, item, &needle, &clock.date());
    let summary = format!("blocker resolved: {}", doc.text(item.text.clone()));
    let mut out = Outcome::default();
    if let Some(c) = file_change(ws, PlanningFile::State, &doc.source, vec![edit]) {
        out.changes.push((c, summary));
    }
    Ok(out)
}

/// Whether a blocker says it is resolved (`— RESOLVED (02-01)`, `✅ FIXED`) without being
/// struck through or ticked.
fn marked_not_struck(text: &str) -> bool {
    let t = text.trim_start();
    resolved::marker_at(text).is_some()
        && !text.contains("~~")
        && !t.starts_with("[x]")
        && !t.starts_with("[X]")
}

/// A blocker already marked resolved, struck through with its marker kept outside the
/// strike: `Redis down — RESOLVED (10-03)` → `~~Redis down~~ — RESOLVED (10-03)`, and with
/// the marker first, the words after it: `**RESOLVED (02-07):** Redis down` →
/// `**RESOLVED (02-07):** ~~Redis down~~`.
fn strike_marked(text: &str) -> String {
    match resolved::marked_subject(text) {
        Some(r) => format!(
            "{}~~{}~~{}",
            &text[..r.start],
            &text[r.clone()],
            &text[r.end..]
        ),
        None => format!("~~{text}~~"),
    }
}

/// `text` → `~~text~~ RESOLVED (date)`; in a table row, the cell holding the match is struck;
/// a blocker already marked resolved is only struck through ([`strike_marked`]).
fn strike(doc: &crate::syntax::Doc, item: &Item, needle: &str, date: &str) -> Edit {
    if item.depth == 0
        && let Some(cells) = doc.cells(item.line)
        && let Some(cell) = cells
            .iter()
            .find(|c| {
                table::unescape_cell(doc.text(c.text.clone()))
                    .to_lowercase()
                    .contains(needle)
            })
            .or_else(|| cells.iter().find(|c| !c.text.is_empty()))
    {
        let t = doc.text(cell.text.clone());
        if marked_not_struck(t) {
            return Edit::replace(cell.text.clone(), strike_marked(t));
        }
        return Edit::replace(cell.text.clone(), format!("~~{t}~~ RESOLVED ({date})"));
    }
    let t = doc.text(item.text.clone());
    if marked_not_struck(t) {
        return Edit::replace(item.text.clone(), strike_marked(t));
    }
    // Keep a leading checkbox outside the strike-through, and tick it.
    if let Some(rest) = t.strip_prefix("[ ] ") {
        return Edit::replace(
            item.text.clone(),
            format!("[x] ~~{rest}~~ RESOLVED ({date})"),
        );
    }
    Edit::replace(item.text.clone(), format!("~~{t}~~ RESOLVED ({date})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_blockers_are_struck_with_the_marker_kept() {
        for (text, want) in [
            (
                "Redis unavailable in CI — RESOLVED (10-03)",
                "~~Redis unavailable in CI~~ — RESOLVED (10-03)",
            ),
            ("Redis down — **RESOLVED**", "~~Redis down~~ — **RESOLVED**"),
            (
                "**RESOLVED (Plan 150-08, 2026-08-13):** Redis down",
                "**RESOLVED (Plan 150-08, 2026-08-13):** ~~Redis down~~",
            ),
            (
                "**ISS-001**: ✅ RESOLVED in Phase 6.1 Plan 01.",
                "~~**ISS-001**~~: ✅ RESOLVED in Phase 6.1 Plan 01.",
            ),
            ("Slack alerts FIXED", "~~Slack alerts~~ FIXED"),
            ("RESOLVED", "~~RESOLVED~~"),
            (
                "[Pre-Phase 3 RESOLVED]: Plan edits snapshot at assignment",
                "[Pre-Phase 3 RESOLVED]: ~~Plan edits snapshot at assignment~~",
            ),
        ] {
            assert_eq!(strike_marked(text), want, "{text}");
        }
        assert!(marked_not_struck("x — RESOLVED"));
        assert!(!marked_not_struck("~~x~~ — RESOLVED"));
        assert!(!marked_not_struck("x is not fixed"));
        assert!(!marked_not_struck("unresolved x"));
    }
}
