//! `gsd project outcome <MATCH> good|revisit|pending [--note TEXT]`: the Outcome cell of the
//! one Key Decisions row whose decision contains MATCH, in the words the table already uses
//! for that outcome ([`crate::model::decision_outcome::word_for`]).
//!
//! Only that cell changes, padded like the cell it replaces; the row's other cells, the
//! table's other rows and any extra columns stay as they are. No match, or several, is an
//! error listing the candidates; nothing is written.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::decision_outcome::{
    COMMENT_SEPARATORS, OutcomeKind, classify, comment_separator, word_for,
};
use crate::model::project::KeyDecisions;
use crate::model::workspace::Workspace;
use crate::ops::list_entry::one_line;
use crate::ops::list_match::plain;
use crate::ops::style::cell_raw;
use crate::ops::{Outcome, PlanningFile, file_change, project_error, project_of};
use crate::syntax::Doc;
use crate::syntax::table::escape_cell;

/// What `project outcome` was asked.
#[derive(Debug, Clone)]
pub struct SetOutcome<'a> {
    pub pattern: &'a str,
    pub kind: OutcomeKind,
    pub note: Option<&'a str>,
}

/// Rows listed in an error before "… and N more".
const LIST_MAX: usize = 12;

/// Runs `project outcome`.
pub fn set_outcome(ws: &Workspace, args: &SetOutcome) -> Result<Outcome, UserError> {
    let project = project_of(ws)?;
    let doc = &project.doc;
    let pattern = args.pattern.trim();
    if pattern.is_empty() {
        return Err(UserError::new("MATCH must not be empty")
            .hint("give a word or phrase from the decision to update"));
    }
    let note = args.note.map(|n| one_line("--note", n)).transpose()?;
    let Some(table) = &project.key_decisions else {
        return Err(project_error("has no Key Decisions table")
            .hint("add `## Key Decisions` with a `| Decision | Rationale | Outcome |` table"));
    };
    let Some(col) = table.outcome_col else {
        let line = table.header_line + 1;
        return Err(project_error(format!(
            "the Key Decisions table has no Outcome column (its columns: {})",
            table.columns.join(", ")
        ))
        .at(line, 1)
        .hint("add an `Outcome` (or `Status`) column to the table; gsd adds no columns itself"));
    };
    let needle = plain(pattern);
    let decision = |n: usize| decision_text(doc, table, n);
    let matches: Vec<usize> = (0..table.rows.len())
        .filter(|&n| plain(&decision(n)).contains(&needle))
        .collect();
    let list = |rows: &[usize]| {
        let mut s: String = rows
            .iter()
            .take(LIST_MAX)
            .map(|&n| format!("\n  line {}: {}", table.rows[n].0 + 1, decision(n)))
            .collect();
        if rows.len() > LIST_MAX {
            s.push_str(&format!("\n  … and {} more", rows.len() - LIST_MAX));
        }
        s
    };
    let n = match matches.as_slice() {
        [one] => *one,
        [] => {
            let all: Vec<usize> = (0..table.rows.len()).collect();
            let msg = if all.is_empty() {
                format!("has no decision matching `{pattern}` (its Key Decisions table is empty)")
            } else {
                format!(
                    "has no decision matching `{pattern}`; decisions:{}",
                    list(&all)
                )
            };
            return Err(project_error(msg)
                .hint("pass a word or phrase that appears in exactly one decision"));
        }
        many => {
            return Err(project_error(format!(
                "has {} decisions matching `{pattern}`:{}",
                many.len(),
                list(many)
            ))
            .hint("pass a longer phrase that matches only one of them"));
        }
    };
    let (line, cells) = &table.rows[n];
    let Some(cell) = cells.get(col) else {
        return Err(project_error(format!(
            "the row of `{}` has no Outcome cell (it has {} of the table's {} columns)",
            decision(n),
            cells.len(),
            table.columns.len()
        ))
        .at(line + 1, 1)
        .hint("add the missing cells to the row, then run the command again"));
    };
    let outcomes: Vec<String> = (0..table.rows.len())
        .filter_map(|r| table.cell_text(doc, r, col))
        .collect();
    let outcome_refs: Vec<&str> = outcomes.iter().map(String::as_str).collect();
    let current = table.cell_text(doc, n, col).unwrap_or_default();
    let word = word_for(&outcome_refs, args.kind);
    let text = match &note {
        Some(note) => {
            let sep = outcome_refs
                .iter()
                .find_map(|c| comment_separator(c))
                .unwrap_or(COMMENT_SEPARATORS[0]);
            format!("{word}{sep}{note}")
        }
        None if classify(&current) == Some(args.kind) => {
            return Ok(Outcome::nothing(format!(
                "`{}` is already {} ({current})",
                decision(n),
                args.kind.name()
            )));
        }
        None => word,
    };
    let edit = Edit::replace(cell.raw.clone(), cell_raw(doc, cell, &escape_cell(&text)));
    let mut out = Outcome::default();
    match file_change(ws, PlanningFile::Project, &doc.source, vec![edit]) {
        Some(c) => out
            .changes
            .push((c, format!("outcome of `{}`: {text}", decision(n)))),
        None => out.message = Some(format!("`{}` is already {text}", decision(n))),
    }
    Ok(out)
}

/// What row `n` decides: its Decision cell as read, else the whole row's text.
fn decision_text(doc: &Doc, table: &KeyDecisions, n: usize) -> String {
    table
        .decision_col
        .and_then(|c| table.cell_text(doc, n, c))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| doc.line(table.rows[n].0).trim().to_string())
}
