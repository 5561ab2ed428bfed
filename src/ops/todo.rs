//! `gsd state todo <TEXT>` and `gsd state done-todo <PATTERN>`: adding goes through
//! [`crate::ops::list_entry`] (shared with `block`), closing follows the list's own way of
//! closing a todo.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::state::{Item, ItemList, ListShape};
use crate::model::workspace::Workspace;
use crate::ops::insert::item_end;
use crate::ops::list_entry::{add_entry, counter_edit};
use crate::ops::list_match::{plain, says_plainly};
use crate::ops::style::cell_raw;
use crate::ops::{Clock, Outcome, PlanningFile, file_change, state_error};
use crate::syntax::Doc;

/// Runs `todo`.
pub fn todo(ws: &Workspace, clock: &Clock, text: &str) -> Result<Outcome, UserError> {
    let counter = ws
        .state
        .todos()
        .and_then(|list| counter_edit(&ws.state.doc, list, 1));
    add_entry(
        ws,
        clock,
        ws.state.todos(),
        "Pending Todos",
        "todo",
        text,
        counter,
    )
}

/// Runs `done-todo`: closes the one open todo containing `pattern` (case-insensitive) the way
/// the list already closes them: a checkbox list ticks it, a table with a Status column sets
/// the status its closed rows use, a list that strikes done items strikes it, and any other
/// list drops the line (GSD moves finished todos out of the pending list), leaving `None
/// yet.` when it was the last. A `10 pending todo(s):` counter goes down by one. No match, or
/// several, is an error listing the candidates, and nothing is written.
pub fn done_todo(ws: &Workspace, clock: &Clock, pattern: &str) -> Result<Outcome, UserError> {
    let pattern = pattern.trim();
    if pattern.is_empty() {
        return Err(UserError::new("MATCH must not be empty")
            .hint("give a word or phrase from the todo to close"));
    }
    let state = &ws.state;
    let doc = &state.doc;
    let open: Vec<(&ItemList, &Item)> = state
        .todo_lists
        .iter()
        .flat_map(|l| l.items.iter().map(move |i| (l, i)))
        .filter(|(_, i)| !i.resolved && i.depth <= 1)
        .collect();
    let needle = plain(pattern);
    let matches: Vec<(&ItemList, &Item)> = open
        .iter()
        .copied()
        .filter(|(_, i)| says_plainly(&i.says(doc), &needle))
        .collect();
    let listing = |items: &[(&ItemList, &Item)]| {
        items
            .iter()
            .map(|(_, i)| format!("\n  line {}: {}", i.line + 1, doc.text(i.main.clone())))
            .collect::<String>()
    };
    let (list, item) = match matches.as_slice() {
        [one] => *one,
        [] => {
            let msg = if open.is_empty() {
                format!("has no open todo matching `{pattern}` (and no open todos at all)")
            } else {
                format!(
                    "has no open todo matching `{pattern}`; open todos:{}",
                    listing(&open)
                )
            };
            return Err(state_error(msg)
                .hint("pass a word or phrase that appears in exactly one open todo"));
        }
        many => {
            return Err(state_error(format!(
                "has {} open todos matching `{pattern}`:{}",
                many.len(),
                listing(many)
            ))
            .hint("pass a longer phrase that matches only one of them"));
        }
    };
    let mut edits = vec![close_todo(doc, list, item, &clock.date())];
    edits.extend(counter_edit(doc, list, -1));
    let summary = format!("todo done: {}", doc.text(item.main.clone()));
    let mut out = Outcome::default();
    if let Some(c) = file_change(ws, PlanningFile::State, &doc.source, edits) {
        out.changes.push((c, summary));
    }
    Ok(out)
}

/// The edit closing `item` in `list`'s convention (see [`done_todo`]).
fn close_todo(doc: &Doc, list: &ItemList, item: &Item, date: &str) -> Edit {
    let text = doc.text(item.text.clone());
    // A checkbox list: tick it, in the case the list's ticked items use.
    if text.starts_with("[ ]") {
        let upper = list
            .items
            .iter()
            .any(|i| doc.text(i.text.clone()).starts_with("[X]"));
        let start = item.text.start;
        return Edit::replace(start..start + 3, if upper { "[X]" } else { "[x]" });
    }
    if item.depth == 0
        && let ListShape::Table { columns } = &list.shape
        && let Some(col) = columns
            .iter()
            .position(|c| c.starts_with("status") || c == "state")
        && let Some(cell) = doc
            .cells(item.line)
            .and_then(|cells| cells.get(col).cloned())
    {
        // The word the table's closed rows use (`Done`, `✅ Done`), else `Done`.
        let word = list
            .items
            .iter()
            .filter(|i| i.resolved && i.line != item.line)
            .filter_map(|i| doc.cells(i.line)?.get(col).cloned())
            .map(|c| doc.text(c.text).to_string())
            .find(|t| !t.is_empty() && !t.contains("~~"))
            .unwrap_or_else(|| "Done".to_string());
        return Edit::replace(cell.raw.clone(), cell_raw(doc, &cell, &word));
    }
    let strikes = list
        .items
        .iter()
        .any(|i| i.resolved && doc.text(i.main.clone()).contains("~~"));
    if strikes {
        if item.depth == 0 {
            let main = doc.text(item.main.clone());
            return Edit::replace(item.main.clone(), format!("~~{main}~~ DONE ({date})"));
        }
        return Edit::replace(item.text.clone(), format!("~~{text}~~ DONE ({date})"));
    }
    // Otherwise the finished todo leaves the pending list.
    let last = if item.depth == 0 {
        item.line
    } else {
        item_end(doc, item.line)
    };
    let others = list
        .items
        .iter()
        .any(|i| i.line != item.line && i.depth <= 1 && !(item.line..=last).contains(&i.line));
    if !others && item.depth > 0 {
        return Edit::replace(
            doc.line_start(item.line)..doc.source.lines[last].content_end,
            "None yet.",
        );
    }
    let spans = &doc.source.lines;
    let start = doc.line_start(item.line);
    let end = spans[last].end;
    if end == spans[last].content_end && item.line > 0 {
        // The file's last line, without a terminator: take the one before it instead, so
        // the file still ends without one.
        return Edit::replace(spans[item.line - 1].content_end..end, "");
    }
    Edit::replace(start..end, "")
}
