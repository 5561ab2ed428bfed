//! `complete`, step 7: ROADMAP.md.
//!
//! Ticks the plan's checkbox, updates the phase's progress-table row (`N/M`, status, and the
//! completion date when the phase is done) and ticks the phase's own checklist line when its
//! last plan is done — adding a `(completed DATE)` suffix only when the file's other finished
//! phases carry one. Status words are copied from the table's other rows (`In Progress`,
//! `✅ Complete`) so the column keeps one vocabulary.

use crate::edit::Edit;
use crate::model::roadmap::Roadmap;
use crate::ops::complete::Facts;
use crate::ops::style::{cell_raw, pad_like};

/// (completed, total) plans of the fact's phase per the roadmap's plan list, counting the plan
/// being completed as done.
pub fn phase_counts(roadmap: &Roadmap, facts_plan: &crate::model::PlanId) -> Option<(u64, u64)> {
    let phase = roadmap.phase(&facts_plan.phase)?;
    if phase.plans.is_empty() {
        return None;
    }
    let listed = phase.plans.iter().any(|p| &p.id == facts_plan);
    let done = phase
        .plans
        .iter()
        .filter(|p| p.checkbox.checked || &p.id == facts_plan)
        .count() as u64
        + u64::from(!listed);
    let total = phase.plans.len() as u64 + u64::from(!listed);
    Some((done, total))
}

/// (completed, total) plans over the whole roadmap, counting the plan being completed.
pub fn overall_counts(roadmap: &Roadmap, plan: &crate::model::PlanId) -> Option<(u64, u64)> {
    let (done, total) = roadmap.plan_counts();
    if total == 0 {
        return None;
    }
    let listed = roadmap.plan(plan);
    let done = done as u64 + u64::from(listed.is_none_or(|p| !p.checkbox.checked));
    let total = total as u64 + u64::from(listed.is_none());
    Some((done, total))
}

/// The ROADMAP.md edits.
pub fn roadmap_edits(roadmap: &Roadmap, facts: &Facts, date: &str) -> Vec<Edit> {
    let doc = &roadmap.doc;
    let mut edits = Vec::new();
    if let Some(p) = roadmap.plan(&facts.plan)
        && !p.checkbox.checked
    {
        edits.push(Edit::replace(p.checkbox.mark.clone(), "x"));
    }
    if let Some(table) = &roadmap.progress
        && let Some(row) = table
            .rows
            .iter()
            .find(|r| r.phase.as_ref() == Some(&facts.plan.phase))
    {
        let word = |pred: &dyn Fn(&str) -> bool, default: &str| {
            table
                .rows
                .iter()
                .filter_map(|r| table.status_col.and_then(|c| r.cells.get(c)))
                .map(|c| doc.text(c.text.clone()))
                .find(|t| pred(&t.to_lowercase()))
                .unwrap_or(default)
                .to_string()
        };
        if let Some(c) = table.plans_col.and_then(|i| row.cells.get(i)) {
            let text = doc.text(c.text.clone());
            let new = match text.split_once('/') {
                Some((done, total)) => {
                    let total = facts
                        .phase_total
                        .map_or(total.trim().to_string(), |t| pad_like(t, total.trim()));
                    format!("{}/{total}", pad_like(facts.phase_done, done.trim()))
                }
                None => pad_like(facts.phase_done, text),
            };
            edits.push(Edit::replace(c.raw.clone(), cell_raw(doc, c, &new)));
        }
        if let Some(c) = table.status_col.and_then(|i| row.cells.get(i)) {
            let status = if facts.phase_complete {
                word(
                    &|t| t.contains("complete") && !t.contains("not"),
                    "Complete",
                )
            } else {
                word(&|t| t.contains("progress"), "In Progress")
            };
            edits.push(Edit::replace(c.raw.clone(), cell_raw(doc, c, &status)));
        }
        if facts.phase_complete
            && let Some(c) = table.completed_col.and_then(|i| row.cells.get(i))
        {
            edits.push(Edit::replace(c.raw.clone(), cell_raw(doc, c, date)));
        }
    }
    if let Some(phase) = roadmap.phase(&facts.plan.phase)
        && let Some(cb) = &phase.checkbox
    {
        edits.extend(checklist_count(doc, cb.line, facts));
    }
    if facts.phase_complete
        && let Some(phase) = roadmap.phase(&facts.plan.phase)
        && let Some(cb) = &phase.checkbox
        && !cb.checked
    {
        edits.push(Edit::replace(cb.mark.clone(), "x"));
        let others_dated = roadmap.phases.iter().any(|p| {
            p.checkbox
                .as_ref()
                .is_some_and(|c| c.checked && doc.line(c.line).contains("(completed 20"))
        });
        if others_dated && !doc.line(cb.line).contains("(completed") {
            let end = doc.line_start(cb.line) + doc.line(cb.line).trim_end().len();
            edits.push(Edit::insert(end, format!(" (completed {date})")));
        }
    }
    edits
}

/// `- [ ] Phase 2: Scoring (0/2 plans)`: the `(N/M plans)` count on the phase's line.
fn checklist_count(doc: &crate::syntax::Doc, line: usize, facts: &Facts) -> Option<Edit> {
    let text = doc.line(line);
    let open = text
        .find(" plans)")
        .and_then(|end| text[..end].rfind('(').map(|o| (o, end)))?;
    let inner = &text[open.0 + 1..open.1];
    let (done, total) = inner.split_once('/')?;
    if done.parse::<u64>().is_err() || total.parse::<u64>().is_err() {
        return None;
    }
    let start = doc.line_start(line) + open.0 + 1;
    let total = facts
        .phase_total
        .map_or(total.to_string(), |t| pad_like(t, total));
    Some(Edit::replace(
        start..start + inner.len(),
        format!("{}/{total}", pad_like(facts.phase_done, done)),
    ))
}
