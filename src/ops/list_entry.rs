//! Adding one entry to a todo or blocker list, the whole of `gsd state todo` and `gsd state
//! block`, which differ only in the list and the counter a todo list may keep.
//!
//! An entry goes after the list's last item in that item's shape (marker, indentation, an
//! empty checkbox when the list uses them, the next number in a numbered list), or replaces a
//! lone `None yet.` line. A "none" inside a sentence is text, never a placeholder.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::state::context::is_placeholder;
use crate::model::state::{ItemList, ListShape, StateDoc};
use crate::model::workspace::Workspace;
use crate::ops::insert::{append_item, create_context_section, insert_after_line, replace_line};
use crate::ops::style::{increment_trailing, row_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change};
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
