//! `gsd state todo <TEXT>` and the list-adding logic it shares with `block`.
//!
//! An entry goes after the list's last item in that item's shape (marker, indentation, an
//! empty checkbox when the list uses them, the next number in a numbered list), or replaces a
//! lone `None yet.` line. A "none" inside a sentence is text, never a placeholder.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::state::context::is_placeholder;
use crate::model::state::{Item, ItemList, ListShape, StateDoc};
use crate::model::workspace::Workspace;
use crate::ops::block::{item_says, plain, says_plainly};
use crate::ops::insert::{
    append_item, create_context_section, insert_after_line, item_end, replace_line,
};
use crate::ops::style::{cell_raw, increment_trailing, row_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, state_error};
use crate::syntax::{Doc, LineKind};

/// The edit adding `text` to `list` (or creating the section `title` when there is none).
fn add_to_list(
    state: &StateDoc,
    list: Option<&ItemList>,
    title: &str,
    text: &str,
    clock: &Clock,
) -> Result<Edit, UserError> {
    let doc = &state.doc;
    let Some(list) = list else {
        return create_context_section(state, title, &format!("- {text}"));
    };
    let heading = doc.sections[list.section].line;
    if let ListShape::Table { columns } = &list.shape {
        let mut texts = table_texts(columns, text, clock);
        let last_real = list
            .items
            .iter()
            .rev()
            .find(|i| !placeholder_row(doc, i.line));
        if let Some(last) = last_real.map(|i| i.line) {
            next_id(doc, columns, last, &mut texts);
            return Ok(insert_after_line(doc, last, &[row_like(doc, last, &texts)]));
        }
        if let Some(edit) = first_row(doc, list.section, &texts) {
            return Ok(edit);
        }
    }
    Ok(append_item(doc, list, heading, text))
}

/// The first real row of a table that has none: in place of a placeholder row
/// (`| *(none)* | | |`), else right after the header and delimiter.
fn first_row(doc: &Doc, section: usize, texts: &[String]) -> Option<Edit> {
    let own = doc.sections[section].own.clone();
    let header = own.clone().find(|&i| doc.kinds[i].is_table_row())?;
    let mut last = header;
    for i in header + 1..own.end {
        match doc.kinds[i] {
            LineKind::TableDelimiter => last = i,
            kind if kind.is_table_row() => {
                if placeholder_row(doc, i) {
                    return Some(replace_line(doc, i, &row_like(doc, i, texts)));
                }
                last = i;
            }
            _ => break,
        }
    }
    Some(insert_after_line(
        doc,
        last,
        &[row_like(doc, header, texts)],
    ))
}

/// A row holding only placeholders and empty cells (`| *(none)* | | |`).
fn placeholder_row(doc: &Doc, line: usize) -> bool {
    doc.cells(line).unwrap_or_default().iter().all(|c| {
        let t = doc.text(c.text.clone());
        t.is_empty() || is_placeholder(t)
    })
}

/// Cells for a new row of a todo/blocker table: the text in the item column, today in a date
/// column, `Open`/`Pending` in a status column, the rest empty.
fn table_texts(columns: &[String], text: &str, clock: &Clock) -> Vec<String> {
    let text_col = columns
        .iter()
        .position(|c| {
            [
                "item",
                "issue",
                "blocker",
                "concern",
                "description",
                "title",
                "todo",
                "task",
            ]
            .iter()
            .any(|n| c.contains(n))
        })
        .unwrap_or(0);
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == text_col {
                text.to_string()
            } else if c.contains("date") || c.contains(" at") || c == "raised" || c == "added" {
                clock.date()
            } else if c.starts_with("status") {
                "Open".to_string()
            } else {
                String::new()
            }
        })
        .collect()
}

/// Fills an `ID` / `#` column with the next id of the series the last row started
/// (`KI-003` → `KI-004`); left empty when that row's id has no number.
fn next_id(doc: &Doc, columns: &[String], last: usize, texts: &mut [String]) {
    let Some(col) = columns
        .iter()
        .position(|c| matches!(c.as_str(), "id" | "#" | "no" | "no."))
    else {
        return;
    };
    let cells = doc.cells(last).unwrap_or_default();
    let Some(prev) = cells.get(col).map(|c| doc.text(c.text.clone()).trim()) else {
        return;
    };
    if prev.ends_with(|c: char| c.is_ascii_digit()) && texts[col].is_empty() {
        texts[col] = increment_trailing(prev);
    }
}

/// Checks an entry's text: one non-empty line.
pub fn one_line(what: &str, text: &str) -> Result<String, UserError> {
    let t = text.trim();
    if t.is_empty() || t.contains(['\n', '\r']) {
        return Err(UserError::new(format!(
            "the {what} must be one non-empty line of text"
        )));
    }
    Ok(t.to_string())
}

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

/// The edit moving a list's `10 pending todo(s):` counter by `delta`, when the section has
/// one. A line pointing at files elsewhere (``3 todo(s) in `.planning/todos/pending/` ``)
/// counts those files, not this list, and is left alone.
pub(crate) fn counter_edit(doc: &Doc, list: &ItemList, delta: i64) -> Option<Edit> {
    let own = doc.sections[list.section].own.clone();
    own.into_iter()
        .filter(|&i| doc.kinds[i].is_prose())
        .find_map(|i| {
            let line = doc.line(i);
            let lead = line.len() - line.trim_start_matches([' ', '*', '_']).len();
            let rest = &line[lead..];
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            if digits == 0 || line.contains(['/', '`']) {
                return None;
            }
            let words = rest[digits..].trim_start_matches(['*', '_']).to_lowercase();
            let counts_todos = [
                " pending todo",
                " open todo",
                " todo",
                " pending item",
                " open item",
            ]
            .iter()
            .any(|w| words.starts_with(w));
            if !counts_todos {
                return None;
            }
            let n: i64 = rest[..digits].parse().ok()?;
            let start = doc.line_start(i) + lead;
            Some(Edit::replace(
                start..start + digits,
                (n + delta).max(0).to_string(),
            ))
        })
}

/// Adds `text` as one entry of `list` (a section titled `title` is created when the file has
/// none): the whole of `todo` and `block`, which differ only in the list and in the counter
/// a todo list may keep (`also`, applied with the entry). `what` names the entry in messages
/// (`todo`, `blocker`).
pub fn add_entry(
    ws: &Workspace,
    clock: &Clock,
    list: Option<&ItemList>,
    title: &str,
    what: &str,
    text: &str,
    also: Option<Edit>,
) -> Result<Outcome, UserError> {
    let text = one_line(what, text)?;
    let edit = add_to_list(&ws.state, list, title, &text, clock)?;
    let mut out = Outcome::default();
    let edits: Vec<Edit> = std::iter::once(edit).chain(also).collect();
    if let Some(c) = file_change(ws, PlanningFile::State, &ws.state.doc.source, edits) {
        out.changes.push((c, format!("{what} added: {text}")));
    }
    Ok(out)
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
        .filter(|(_, i)| says_plainly(&item_says(doc, i), &needle))
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
