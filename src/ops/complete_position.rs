//! `complete`, steps 2 and 3: Current Position and Progress.
//!
//! `Plan:` gets the phase's completed count (or the plan id, in files that write one) with
//! its padding and suffix; `Status:` becomes `In progress` or `Phase complete`; `Last
//! activity:` gets today and the plan in the file's separator style. Progress is recounted
//! from ROADMAP.md, else `phases/`, else the line's own `(n/m plans)` note, and the bar is
//! redrawn in its own glyphs and width; with nothing to count from it is left alone.

use crate::edit::Edit;
use crate::model::ids::PlanId;
use crate::model::state::StateDoc;
use crate::model::values::percent;
use crate::model::workspace::Workspace;
use crate::ops::Clock;
use crate::ops::begin::{focus_edit, phase_line_edits};
use crate::ops::complete::Facts;
use crate::ops::complete_roadmap::overall_counts;
use crate::ops::decide::current_phase;
use crate::ops::style::{date_separator, done_suffix, pad_like, phase_like, render_bar};

/// Step 2: `Plan:`, `Status:`, `Last activity:` (and `Phase:` when the plan is in another phase).
pub fn position_edits(
    state: &StateDoc,
    facts: &Facts,
    clock: &Clock,
    summary: Option<&str>,
) -> Vec<Edit> {
    let doc = &state.doc;
    let pos = &state.position;
    let mut edits = Vec::new();
    // A plan of another phase moves the position there, as `begin` would.
    if let Some(line) = &pos.phase
        && line.number.is_some()
        && current_phase(state).as_ref() != Some(&facts.plan.phase)
    {
        let name = facts.phase_name.as_deref();
        edits.extend(phase_line_edits(state, line, &facts.plan.phase, name));
        if let Some(focus) = &state.reference.current_focus {
            edits.push(focus_edit(state, focus, &facts.plan.phase, name));
        }
    }
    edits.extend(plan_line_edits(state, facts));
    if let Some(status) = &pos.status {
        let text = if facts.phase_complete {
            "Phase complete"
        } else {
            "In progress"
        };
        edits.push(crate::ops::set::set_field(state, status, text));
    }
    if let Some(activity) = &pos.last_activity {
        let what = match summary {
            Some(s) => format!("Completed {}-PLAN.md ({s})", facts.plan.canonical()),
            None => format!("Completed {}-PLAN.md", facts.plan.canonical()),
        };
        let value = activity.field.value(doc);
        let today = clock.date();
        let new = match (&activity.date, &activity.separator) {
            (Some((_, d)), _)
                if d.start == activity.field.value.start
                    && activity.text.is_none()
                    && activity.separator.is_none() =>
            {
                today
            }
            (Some((_, d)), _) if d.start == activity.field.value.start => {
                format!("{today}{}{what}", date_separator(value))
            }
            _ => format!("{today} — {what}"),
        };
        edits.push(crate::ops::set::set_field(state, &activity.field, &new));
    }
    edits
}

/// `Plan: A of B`: the done count (or plan id) and a non-numeric or outgrown total; a stale
/// `— COMPLETE` suffix dropped while the phase is still in progress.
fn plan_line_edits(state: &StateDoc, facts: &Facts) -> Vec<Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    if let Some(line) = &state.position.plan {
        match line.done.clone() {
            Some(done) => {
                let token = doc.text(done.clone());
                // `Plan: 27.1-01 (…) DEPLOYED` names another phase's plan in prose: not ours.
                let other_phase = token.contains('-')
                    && PlanId::parse(token).is_none_or(|id| id.phase != facts.plan.phase);
                if other_phase {
                    return Vec::new();
                }
                let new = if token.contains('-') {
                    let (ph, pl) = token.split_once('-').unwrap_or((token, token));
                    let shown = phase_like(&facts.plan.phase, ph);
                    format!("{shown}-{}", pad_like(u64::from(facts.plan.plan), pl))
                } else {
                    pad_like(facts.phase_done, token)
                };
                edits.push(Edit::replace(done.clone(), new));
                let value = line.field.value(doc);
                let from = line.total.clone().unwrap_or(done).end - line.field.value.start;
                if !facts.phase_complete
                    && let Some(r) = done_suffix(value, from)
                {
                    let base = line.field.value.start;
                    edits.push(Edit::replace(base + r.start..base + r.end, ""));
                }
                let moved = current_phase(state).as_ref() != Some(&facts.plan.phase);
                match (line.total.clone(), facts.phase_total) {
                    (Some(range), Some(total))
                        if doc.text(range.clone()).parse::<u64>().ok() != Some(total) =>
                    {
                        edits.push(Edit::replace(range, pad_like(total, token)));
                    }
                    // The old phase's total says nothing about the new phase.
                    (Some(range), None) if moved => edits.push(Edit::replace(range, "TBD")),
                    _ => {}
                }
            }
            None => {
                if let Some(total) = facts.phase_total {
                    edits.push(Edit::replace(
                        line.field.value.clone(),
                        format!("{} of {total}", facts.phase_done),
                    ));
                }
            }
        }
    }
    edits
}

/// Step 3: percent, bar and the note's `(n/m plans)` counts.
pub fn progress_edits(ws: &Workspace, facts: &Facts, notices: &mut Vec<String>) -> Vec<Edit> {
    let state = &ws.state;
    let doc = &state.doc;
    let Some(line) = &state.position.progress else {
        return Vec::new();
    };
    let note_counts = line.plan_counts(doc);
    let overall = ws
        .roadmap
        .as_ref()
        .and_then(|r| overall_counts(r, &facts.plan))
        .or_else(|| {
            let p = ws.phases.as_ref()?;
            let (done, total) = p.plan_counts();
            if total == 0 {
                return None;
            }
            let has_summary = p
                .phase(&facts.plan.phase)
                .is_some_and(|d| d.summaries.contains(&facts.plan));
            Some((done as u64 + u64::from(!has_summary), total as u64))
        })
        .or_else(|| {
            note_counts
                .as_ref()
                .map(|((d, _), (t, _))| (d + 1, (*t).max(d + 1)))
        });
    let Some((done, total)) = overall else {
        notices.push(
            "progress left as is: no ROADMAP.md plan list, phases/ folder or `(n/m plans)` note to count from"
                .into(),
        );
        return Vec::new();
    };
    let pct = percent(done.min(total), total);
    let mut edits = Vec::new();
    if let Some(r) = line.percent.clone() {
        edits.push(Edit::replace(r, pct.to_string()));
    }
    if let Some(bar) = &line.bar {
        edits.push(Edit::replace(bar.span.clone(), render_bar(bar, pct)));
    }
    if let Some(((_, dr), (_, tr))) = note_counts {
        edits.push(Edit::replace(dr.clone(), pad_like(done, doc.text(dr))));
        edits.push(Edit::replace(tr.clone(), pad_like(total, doc.text(tr))));
    }
    edits
}
