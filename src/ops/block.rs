//! `gsd state block <TEXT>` and `gsd state unblock <MATCH>`.
//!
//! `block` adds an entry like `todo` does. `unblock` finds the one open item containing MATCH
//! (case-insensitive), strikes its text through and marks it `RESOLVED (date)`; no match or
//! several matches is an error that lists the candidates, and nothing is written. Prose and
//! sub-headings in the section are never touched.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::state::Item;
use crate::model::workspace::Workspace;
use crate::ops::todo::add_entry;
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
    let open: Vec<&Item> = state
        .blockers()
        .iter()
        .flat_map(|l| &l.items)
        .filter(|i| !i.resolved)
        .collect();
    let needle = pattern.to_lowercase();
    let matches: Vec<&Item> = open
        .iter()
        .copied()
        .filter(|i| item_says(doc, i).to_lowercase().contains(&needle))
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

/// What an item says, as the user reads it: a table row's `\|` is a `|`.
pub(crate) fn item_says<'a>(doc: &'a crate::syntax::Doc, item: &Item) -> std::borrow::Cow<'a, str> {
    let text = doc.text(item.text.clone());
    if item.depth == 0 {
        table::unescape_cell(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `text` → `~~text~~ RESOLVED (date)`; in a table row, the cell holding the match is struck.
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
        return Edit::replace(cell.text.clone(), format!("~~{t}~~ RESOLVED ({date})"));
    }
    let t = doc.text(item.text.clone());
    // Keep a leading checkbox outside the strike-through, and tick it.
    if let Some(rest) = t.strip_prefix("[ ] ") {
        return Edit::replace(
            item.text.clone(),
            format!("[x] ~~{rest}~~ RESOLVED ({date})"),
        );
    }
    Edit::replace(item.text.clone(), format!("~~{t}~~ RESOLVED ({date})"))
}
