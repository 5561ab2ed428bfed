//! REQUIREMENTS.md edits: a delivered requirement gets its checkbox ticked and its
//! traceability status set to complete in the table's own word. Used by `phase complete`
//! (the phase's requirements) and `requirements done` (the ids given).

use crate::change::FileChange;
use crate::edit::Edit;
use crate::error::UserError;
use crate::model::requirements::Requirements;
use crate::model::roadmap::RowStatus;
use crate::model::workspace::Workspace;
use crate::ops::Outcome;
use crate::ops::style::cell_raw;

/// `gsd requirements done ID...`: marks each requirement delivered. Ids match
/// case-insensitively; one REQUIREMENTS.md does not know is an error naming it (nothing is
/// written). Already delivered ones are left alone.
pub fn requirements_done(
    ws: &Workspace,
    reqs: &Requirements,
    ids: &[String],
) -> Result<Outcome, UserError> {
    let known = |id: &str| {
        reqs.items
            .iter()
            .map(|i| i.id.as_str())
            .chain(reqs.rows.iter().map(|r| r.id.as_str()))
            .find(|k| k.eq_ignore_ascii_case(id))
            .map(str::to_string)
    };
    let mut resolved = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        match known(id) {
            Some(k) => resolved.push(k),
            None => unknown.push(id.clone()),
        }
    }
    if !unknown.is_empty() {
        let mut sample: Vec<&str> = reqs.items.iter().map(|i| i.id.as_str()).take(6).collect();
        sample.dedup();
        return Err(UserError::new(format!(
            "REQUIREMENTS.md has no requirement {}",
            unknown.join(", ")
        ))
        .in_file(Workspace::display_path("REQUIREMENTS.md"))
        .hint(if sample.is_empty() {
            "it lists no `- [ ] **ID**: …` items or traceability rows".to_string()
        } else {
            format!("its ids look like {}", sample.join(", "))
        }));
    }
    let edits = requirement_edits(reqs, &resolved);
    let mut out = Outcome::default();
    match requirements_change(ws, reqs, edits) {
        Some(c) => out
            .changes
            .push((c, format!("{} complete", resolved.join(", ")))),
        None => {
            out.message = Some(format!("{} already complete", resolved.join(", ")));
        }
    }
    Ok(out)
}

/// Ticks each requirement's checkbox and sets its traceability status to complete.
pub fn requirement_edits(reqs: &Requirements, ids: &[String]) -> Vec<Edit> {
    let doc = &reqs.doc;
    let mut edits = Vec::new();
    for item in reqs.items.iter().filter(|i| ids.contains(&i.id)) {
        if !item.checkbox.checked {
            edits.push(Edit::replace(item.checkbox.mark.clone(), "x"));
        }
    }
    for row in reqs.rows.iter().filter(|r| ids.contains(&r.id)) {
        let Some(cell) = &row.status else { continue };
        let text = doc.text(cell.text.clone());
        // `Pending`, `In Progress`, `Not started`: open. `Complete (01-01)`, `Deferred`,
        // `Out of scope`: the author's word stands.
        let open = matches!(
            RowStatus::classify(text),
            RowStatus::InProgress | RowStatus::NotStarted
        ) || text.is_empty();
        if open {
            let word = complete_word(reqs, cell.text.start);
            edits.push(Edit::replace(cell.raw.clone(), cell_raw(doc, cell, &word)));
        }
    }
    edits
}

/// The traceability table's word for a delivered requirement: the most frequent
/// complete-class status of the other rows (`Complete`, `✅ Done`, `Satisfied`), else
/// `Complete`.
fn complete_word(reqs: &Requirements, except: usize) -> String {
    let doc = &reqs.doc;
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for cell in reqs.rows.iter().filter_map(|r| r.status.as_ref()) {
        let text = doc.text(cell.text.clone());
        if cell.text.start == except || RowStatus::classify(text) != RowStatus::Complete {
            continue;
        }
        match seen.iter_mut().find(|(t, _)| *t == text) {
            Some((_, n)) => *n += 1,
            None => seen.push((text, 1)),
        }
    }
    seen.iter()
        .enumerate()
        .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
        .map_or_else(|| "Complete".to_string(), |(_, (t, _))| t.to_string())
}

pub fn requirements_change(
    ws: &Workspace,
    reqs: &Requirements,
    edits: Vec<Edit>,
) -> Option<FileChange> {
    let mut set = crate::edit::EditSet::new();
    set.extend(edits);
    let set = set.without_noops(&reqs.doc.source.text);
    if set.is_empty() {
        return None;
    }
    Some(FileChange {
        path: crate::ops::planning_path(ws, "REQUIREMENTS.md"),
        display: Workspace::display_path("REQUIREMENTS.md"),
        original: reqs.doc.source.text.clone(),
        edits: set,
    })
}
