//! `gsd project validate <MATCH> [--phase N | --version V]`: the one Active requirement
//! containing MATCH moves to Validated, written the way the file writes its validated ones
//! (see [`super::project_validate_place`]), and REQUIREMENTS.md's checkbox and traceability
//! row for each requirement id it names are marked complete by the same code as
//! `gsd requirements done` ([`crate::ops::requirements::requirement_edits`]).
//!
//! The Active list keeps its other items byte for byte: the moved item's lines (its
//! continuation lines and nested bullets with it) are cut out whole. Requirements kept in one
//! table with a Status column are validated in place: the Status cell (and a Phase or
//! Version cell) changes. No match, or several, is an error listing them; a requirement
//! already in Validated is reported and left alone.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::project::{ProjectDoc, RequirementGroup, RequirementKind};
use crate::model::project_items::{marker_len, requirement_ids};
use crate::model::requirements::Requirements;
use crate::model::state::Item;
use crate::model::workspace::Workspace;
use crate::ops::insert::item_end;
use crate::ops::list_entry::one_line;
use crate::ops::list_match::plain;
use crate::ops::project_validate_place::{Source, insertion};
use crate::ops::project_validate_rows::{bare_numbers, is_when_column, status_word, table_start};
use crate::ops::requirements::{requirement_edits, requirements_change};
use crate::ops::style::cell_raw;
use crate::ops::{Outcome, PlanningFile, file_change, project_error, project_of};
use crate::syntax::table::{escape_cell, unescape_cell};
use crate::syntax::{Doc, LineKind};

/// What `project validate` was asked, and REQUIREMENTS.md when the project keeps one.
#[derive(Debug, Clone)]
pub struct Validate<'a> {
    pub pattern: &'a str,
    pub phase: Option<&'a str>,
    pub version: Option<&'a str>,
    pub requirements: Option<&'a Requirements>,
}

/// Requirements listed in an error before "… and N more".
const LIST_MAX: usize = 12;

/// Runs `project validate`.
pub fn validate(ws: &Workspace, args: &Validate) -> Result<Outcome, UserError> {
    let project = project_of(ws)?;
    let doc = &project.doc;
    let pattern = args.pattern.trim();
    if pattern.is_empty() {
        return Err(UserError::new("MATCH must not be empty")
            .hint("give a word or phrase (or the id) of the requirement to validate"));
    }
    let phase = args.phase.map(|p| one_line("--phase", p)).transpose()?;
    let version = args.version.map(|v| one_line("--version", v)).transpose()?;
    let needle = plain(pattern);
    let of_kind = |kind: RequirementKind| -> Vec<(usize, &Item)> {
        project
            .requirement_groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.kind == kind)
            .flat_map(|(i, g)| top_level(g).map(move |item| (i, item)))
            .collect()
    };
    let says = |item: &Item| plain(&requirement(doc, item)).contains(&needle);
    let active = of_kind(RequirementKind::Active);
    let matches: Vec<(usize, &Item)> = active.iter().copied().filter(|(_, i)| says(i)).collect();
    let (group, item) = match matches.as_slice() {
        [one] => *one,
        [] => {
            return not_active(
                ws,
                project,
                args,
                &of_kind(RequirementKind::Validated),
                &says,
                &active,
            );
        }
        many => {
            return Err(project_error(format!(
                "has {} Active requirements matching `{pattern}`:{}",
                many.len(),
                list(doc, many)
            ))
            .hint("pass a longer phrase (or the requirement's id) that matches only one of them"));
        }
    };
    let g = &project.requirement_groups[group];
    let text = requirement(doc, item);
    let mut edits = Vec::new();
    let written = match g.status_col {
        Some(col) => {
            edits.extend(in_place(
                doc,
                item,
                col,
                phase.as_deref(),
                version.as_deref(),
            ));
            text.clone()
        }
        None => {
            let state = &ws.state;
            let src = Source {
                group,
                item,
                phase: phase.as_deref(),
                version: version.as_deref(),
                state_phase: state
                    .position
                    .phase
                    .as_ref()
                    .and_then(|p| p.number(&state.doc))
                    .map(str::to_string),
            };
            let (add, first) = insertion(project, &src)?;
            edits.push(add);
            edits.push(removal(doc, g, item));
            let first = first.trim();
            match crate::model::state::context::list_marker(first) {
                Some((_, bullet)) => first[bullet.len()..].trim_start().to_string(),
                None => first.to_string(),
            }
        }
    };
    let mut out = Outcome::default();
    if let Some(c) = file_change(ws, PlanningFile::Project, &doc.source, edits) {
        out.changes.push((c, format!("validated: {written}")));
    }
    trace(ws, args.requirements, &text, &mut out);
    Ok(out)
}

/// A group's requirements (nested bullets belong to the item above them).
fn top_level(g: &RequirementGroup) -> impl Iterator<Item = &Item> {
    g.items.iter().filter(|i| i.depth <= 1)
}

fn list(doc: &Doc, items: &[(usize, &Item)]) -> String {
    let mut s: String = items
        .iter()
        .take(LIST_MAX)
        .map(|(_, i)| format!("\n  line {}: {}", i.line + 1, requirement(doc, i)))
        .collect();
    if items.len() > LIST_MAX {
        s.push_str(&format!("\n  … and {} more", items.len() - LIST_MAX));
    }
    s
}

/// A requirement as a person reads it, for matching and listing: a list item's text after
/// its marker (`[ ]`, `✓`); a table row's cells as read (`CORE-02 | Elevation profile`).
fn requirement(doc: &Doc, item: &Item) -> String {
    if item.depth == 0 {
        return doc
            .cells(item.line)
            .unwrap_or_default()
            .iter()
            .map(|c| unescape_cell(doc.text(c.text.clone())).into_owned())
            .collect::<Vec<_>>()
            .join(" | ");
    }
    let text = item.main_text(doc);
    text[marker_len(&text)..].to_string()
}

/// No Active requirement matches: one already in Validated is reported (and its
/// REQUIREMENTS.md row brought along, so a second run completes what a first one started);
/// otherwise the error lists the Active requirements.
fn not_active(
    ws: &Workspace,
    project: &ProjectDoc,
    args: &Validate,
    validated: &[(usize, &Item)],
    says: &dyn Fn(&Item) -> bool,
    active: &[(usize, &Item)],
) -> Result<Outcome, UserError> {
    let doc = &project.doc;
    let pattern = args.pattern.trim();
    let done: Vec<(usize, &Item)> = validated.iter().copied().filter(|(_, i)| says(i)).collect();
    if let [(_, item)] = done.as_slice() {
        let text = requirement(doc, item);
        let mut out = Outcome::nothing(format!(
            "already validated (line {}): {}",
            item.line + 1,
            requirement(doc, item)
        ));
        trace(ws, args.requirements, &text, &mut out);
        return Ok(out);
    }
    let msg = if active.is_empty() {
        format!(
            "has no Active requirement matching `{pattern}` (and no Active requirements at all)"
        )
    } else {
        format!(
            "has no Active requirement matching `{pattern}`; Active requirements:{}",
            list(doc, active)
        )
    };
    Err(project_error(msg).hint(if done.is_empty() {
        "pass a word or phrase (or the id) that appears in exactly one Active requirement"
    } else {
        "it matches several validated requirements too; pass a longer phrase"
    }))
}

/// Cuts the item out of its Active group: its lines whole, and when it was the group's only
/// requirement, the blank line above it too (so no double blank line is left).
fn removal(doc: &Doc, g: &RequirementGroup, item: &Item) -> Edit {
    let first = item.line;
    let last = if item.depth == 0 {
        first
    } else {
        item_end(doc, first)
    };
    let lines = &doc.source.lines;
    let end = lines[last].end;
    if lines[last].end == lines[last].content_end && first > 0 {
        // The file's last line, without a terminator: the terminator before it goes, so the
        // file still ends without one.
        return Edit::replace(lines[first - 1].content_end..end, "");
    }
    let mut start = doc.line_span(first).start;
    let only = top_level(g).count() == 1 && item.depth != 0;
    let blank_after = last + 1 >= doc.kinds.len() || doc.kinds[last + 1] == LineKind::Blank;
    if only && first > 0 && doc.kinds[first - 1] == LineKind::Blank && blank_after {
        start = doc.line_span(first - 1).start;
    }
    Edit::replace(start..end, "")
}

/// A requirement kept in a table with a Status column: its Status cell set to the word the
/// table uses for validated rows, and its Phase / Version cell to what was passed.
fn in_place(
    doc: &Doc,
    item: &Item,
    status_col: usize,
    phase: Option<&str>,
    version: Option<&str>,
) -> Vec<Edit> {
    let cells = doc.cells(item.line).unwrap_or_default();
    let mut edits = Vec::new();
    if let Some(cell) = cells.get(status_col) {
        let word = status_word(doc, item.line, status_col, item.line);
        edits.push(Edit::replace(
            cell.raw.clone(),
            cell_raw(doc, cell, &escape_cell(&word)),
        ));
    }
    let start = table_start(doc, item.line);
    let header = doc.cells(start).unwrap_or_default();
    let when = header
        .iter()
        .position(|c| is_when_column(&doc.text(c.text.clone()).trim_matches('*').to_lowercase()));
    // A column of bare numbers (`1`) gets a bare number; else `Phase 2`.
    let bare = when.is_some_and(|col| bare_numbers(doc, item.line, col));
    let value = match (phase, version) {
        (Some(p), _) if bare => Some(p.to_string()),
        (Some(p), _) => Some(format!("Phase {p}")),
        (None, v) => v.map(str::to_string),
    };
    if let (Some(v), Some(col)) = (value, when)
        && col != status_col
        && let Some(cell) = cells.get(col)
    {
        edits.push(Edit::replace(
            cell.raw.clone(),
            cell_raw(doc, cell, &escape_cell(&v)),
        ));
    }
    edits
}

/// REQUIREMENTS.md follows: each requirement id the item names that REQUIREMENTS.md knows is
/// ticked and traced complete.
fn trace(ws: &Workspace, reqs: Option<&Requirements>, text: &str, out: &mut Outcome) {
    let Some(reqs) = reqs else { return };
    let known: Vec<String> = requirement_ids(text)
        .into_iter()
        .filter(|id| {
            reqs.items.iter().any(|i| i.id == *id) || reqs.rows.iter().any(|r| r.id == *id)
        })
        .collect();
    if known.is_empty() {
        return;
    }
    if let Some(c) = requirements_change(ws, reqs, requirement_edits(reqs, &known)) {
        out.changes
            .push((c, format!("{} complete", known.join(", "))));
        // A change alongside the "already validated" message: say what was done instead.
        out.message = None;
    }
}
