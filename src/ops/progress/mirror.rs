//! The frontmatter `progress:` mirror of the `Progress:` line: the same counts, re-read in
//! the scope each value already uses, moved by the same [`Step`].

use super::{Step, note_and_percent, plans_counter_after};
use crate::edit::Edit;
use crate::ledger::{Scope, Unit};
use crate::model::values::percent;
use crate::model::workspace::Workspace;
use crate::ops::frontmatter;

/// The frontmatter `progress:` mirror: `completed_plans` / `total_plans` in the scope whose
/// counts reproduce the old values (project or milestone), `percent` from them, and
/// `completed_phases` the same way. A value no scope reproduces is a running tally: it gains
/// this plan (or this phase, when the plan finishes it). Nothing goes down. A `percent` that
/// mirrors the body's `Progress:` percent (the same number) moves with it, so the two never
/// part.
pub fn frontmatter_progress(ws: &Workspace, step: &Step) -> Vec<Edit> {
    let doc = &ws.state.doc;
    let num = |key: &str| frontmatter::get(doc, key).and_then(|v| v.trim().parse::<u64>().ok());
    let mut edits = Vec::new();
    let (before, after) = (step.before, step.after);
    let mut plans = None;
    if let Some(old_done) = num("progress.completed_plans") {
        let old_total = num("progress.total_plans");
        let (done, total) = plans_counter_after(step, old_done, old_total);
        edits.extend(frontmatter::set(
            doc,
            "progress.completed_plans",
            &done.to_string(),
        ));
        if old_total.is_some() {
            edits.extend(frontmatter::set(
                doc,
                "progress.total_plans",
                &total.to_string(),
            ));
        }
        plans = Some((done, total));
    }
    let phase_scopes: Vec<Scope> = before
        .candidate_scopes()
        .into_iter()
        .filter(|s| s.unit == Unit::Phases)
        .collect();
    let mut phases = None;
    if let Some(old_done) = num("progress.completed_phases") {
        let old_total = num("progress.total_phases");
        let scope = before
            .scope_of_counts(old_done, old_total, &phase_scopes)
            .or_else(|| before.scope_of_counts(old_done, None, &phase_scopes));
        let newly = step.newly_complete;
        let done = match scope.and_then(|s| after.counts(&s)) {
            Some((d, _)) => d,
            None => old_done + u64::from(newly),
        }
        .max(old_done);
        edits.extend(frontmatter::set(
            doc,
            "progress.completed_phases",
            &done.to_string(),
        ));
        phases = Some((done, old_total));
    }
    let body_pct = ws
        .state
        .position
        .progress
        .as_ref()
        .and_then(|line| line.percent_number(doc));
    if let Some(old) = num("progress.percent")
        && body_pct.is_some_and(|b| (b - old as f64).abs() < 0.5)
    {
        let (_, new) = note_and_percent(ws, step, &mut Vec::new());
        if let Some(p) = new.map(|n| n.rounded).filter(|p| *p > old) {
            edits.extend(frontmatter::set(doc, "progress.percent", &p.to_string()));
        }
    } else if let Some(old) = num("progress.percent") {
        let by_plans = plans.map(|(d, t)| percent(d.min(t), t));
        // The percent follows the plans mirror when it did before; else whichever count it
        // matched.
        let old_plans = (num("progress.completed_plans"), num("progress.total_plans"));
        let tracked_plans =
            matches!(old_plans, (Some(d), Some(t)) if percent(d.min(t), t).abs_diff(old) <= 1);
        let new = if tracked_plans {
            by_plans
        } else {
            let scope = before.scope_of_percent(old as f64, &before.candidate_scopes());
            scope
                .and_then(|s| after.counts(&s))
                .map(|(d, t)| percent(d.min(t), t))
                .or_else(|| match phases {
                    Some((d, Some(t))) if t > 0 => Some(percent(d.min(t), t)),
                    _ => None,
                })
        };
        if let Some(p) = new.filter(|p| *p > old) {
            edits.extend(frontmatter::set(doc, "progress.percent", &p.to_string()));
        }
    }
    edits
}
