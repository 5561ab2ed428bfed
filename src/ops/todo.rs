//! `gsd state todo <TEXT>` and the list-adding logic it shares with `block`.
//!
//! An entry goes after the list's last item in that item's shape (marker, indentation, an
//! empty checkbox when the list uses them, the next number in a numbered list), or replaces a
//! lone `None yet.` line. A "none" inside a sentence is text, never a placeholder.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::state::{ItemList, ListShape, StateDoc};
use crate::model::workspace::Workspace;
use crate::ops::insert::{append_item, create_context_section, insert_after_line};
use crate::ops::style::row_like;
use crate::ops::{Clock, Outcome, PlanningFile, file_change};

/// The edit adding `text` to `list` (or creating the section `title` when there is none).
pub fn add_to_list(
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
    if let ListShape::Table { columns } = &list.shape
        && let Some(last) = list.items.last().map(|i| i.line)
    {
        let texts = table_texts(columns, text, clock);
        return Ok(insert_after_line(doc, last, &[row_like(doc, last, &texts)]));
    }
    Ok(append_item(doc, list, heading, text))
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
    let text = one_line("todo", text)?;
    let edit = add_to_list(
        &ws.state,
        ws.state.todos.as_ref(),
        "Pending Todos",
        &text,
        clock,
    )?;
    let mut out = Outcome::default();
    if let Some(c) = file_change(ws, PlanningFile::State, &ws.state.doc.source, vec![edit]) {
        out.changes.push((c, format!("todo added: {text}")));
    }
    Ok(out)
}
