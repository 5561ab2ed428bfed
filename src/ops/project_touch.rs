//! `gsd project touch [--after EVENT]`: PROJECT.md's `*Last updated: DATE after EVENT*`
//! footer set to today, and STATE.md's `See: .planning/PROJECT.md (updated DATE)` with it.
//!
//! The two dates move together because `gsd check` GSD402 compares them: a touched footer
//! with a stale see-line would be a new warning. Only the dates (and, with `--after`, the
//! footer's words after its date) change; the footer's italics, label and position stay. A
//! file without a last-updated line gets the template's footer at its end.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::workspace::Workspace;
use crate::ops::insert::insert_after_line;
use crate::ops::list_entry::one_line;
use crate::ops::{Clock, Outcome, PlanningFile, file_change, project_of};
use crate::syntax::LineKind;

/// Runs `project touch`.
pub fn touch(ws: &Workspace, clock: &Clock, after: Option<&str>) -> Result<Outcome, UserError> {
    let project = project_of(ws)?;
    let after = after.map(|a| one_line("--after event", a)).transpose()?;
    let today = clock.date();
    let words = after.as_ref().map(|a| format!(" after {a}"));
    let doc = &project.doc;
    let edit = match (&project.last_updated, project.last_updated_tail()) {
        (Some((_, date)), tail) => match (&words, tail) {
            (Some(w), Some(tail)) => Edit::replace(date.start..tail.end, format!("{today}{w}")),
            (Some(w), None) => Edit::replace(date.clone(), format!("{today}{w}")),
            (None, _) => Edit::replace(date.clone(), today.clone()),
        },
        (None, _) => {
            let footer = format!("*Last updated: {today}{}*", words.as_deref().unwrap_or(""));
            append_footer(project, &footer)
        }
    };
    let mut out = Outcome::default();
    if let Some(c) = file_change(ws, PlanningFile::Project, &doc.source, vec![edit]) {
        out.changes.push((
            c,
            format!("last updated {today}{}", words.as_deref().unwrap_or("")),
        ));
    }
    let state = &ws.state;
    match &state.reference.project_updated {
        Some((_, range)) => {
            let edit = Edit::replace(range.clone(), today.clone());
            if let Some(c) = file_change(ws, PlanningFile::State, &state.doc.source, vec![edit]) {
                out.changes
                    .push((c, format!("see-line: PROJECT.md updated {today}")));
            }
        }
        None if state.reference.see.is_some() => out
            .notices
            .push("STATE.md's see-line has no date to update; left as it is".to_string()),
        None => {}
    }
    if out.changes.is_empty() {
        out.message = Some(format!("PROJECT.md already says last updated {today}"));
    }
    Ok(out)
}

/// The template footer (`---` then the italic line) after the file's last text; after an
/// existing rule or italic footer line, only the line.
fn append_footer(project: &crate::model::project::ProjectDoc, footer: &str) -> Edit {
    let doc = &project.doc;
    let Some(last) = (0..doc.kinds.len())
        .rev()
        .find(|&i| doc.kinds[i] != LineKind::Blank)
    else {
        return Edit::insert(doc.source.text.len(), format!("{footer}\n"));
    };
    let lines = if doc.kinds[last] == LineKind::Rule || project.footer == Some(last) {
        vec![footer.to_string()]
    } else {
        vec![String::new(), "---".to_string(), footer.to_string()]
    };
    insert_after_line(doc, last, &lines)
}
