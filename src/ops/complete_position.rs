//! `complete`, steps 2 and 3: Current Position and Progress.
//!
//! `Plan:` gets the phase's completed count (or the plan id, in files that write one) with
//! its padding and suffix; `Status:` becomes `In progress` or `Phase complete`; `Last
//! activity:` gets today and the plan in the file's separator style. Progress is recounted
//! from ROADMAP.md, else `phases/`, else the line's own `(n/m plans)` note, and the bar is
//! redrawn in its own glyphs and width; with nothing to count from it is left alone.

use crate::edit::Edit;
use crate::ledger::{Relation, Scope, Unit};
use crate::model::ids::PlanId;
use crate::model::state::StateDoc;
use crate::model::state::progress::NoteUnit;
use crate::model::state::progress::note_phase;
use crate::model::workspace::Workspace;
use crate::ops::Clock;
use crate::ops::begin::{focus_edit, phase_line_edits};
use crate::ops::complete::Facts;
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
    // A plan of a later phase moves the position there, as `begin` would; a plan of an
    // earlier one is recorded without moving the position back.
    if let Some(line) = &pos.phase
        && line.number.is_some()
        && facts.relation == Relation::Later
    {
        let name = facts.phase_name.as_deref();
        edits.extend(phase_line_edits(state, line, &facts.plan.phase, name));
        if let Some(focus) = &state.reference.current_focus {
            edits.push(focus_edit(state, focus, &facts.plan.phase, name));
        }
    }
    if facts.moves_position() {
        edits.extend(plan_line_edits(state, facts));
        if let Some(status) = &pos.status {
            let text = facts.body_status(state);
            edits.push(crate::ops::set::set_field(state, status, &text));
        }
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
                    let same_phase = facts.relation == Relation::Current;
                    let old = line.done_count(doc).filter(|_| same_phase);
                    pad_like(plan_number(facts, old).max(old.unwrap_or(0)), token)
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
                let moved = state.current_phase().as_ref() != Some(&facts.plan.phase);
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
                        format!("{} of {total}", plan_number(facts, None)),
                    ));
                }
            }
        }
    }
    edits
}

/// The number `Plan: A of B` gets: the count of plans done, or in a file whose `Plan:` names
/// the plan to run next, that plan's number (the last one's, once the phase is complete).
/// `old` is the count the line holds now, when it is a count of this phase.
fn plan_number(facts: &Facts, old: Option<u64>) -> u64 {
    // `0 of 3` is a count whatever the status says: there is no plan 0 to run next.
    let names_next = facts.plan_names_next && old != Some(0);
    if !names_next {
        // Plans run in order: finishing plan 3 means three are done, even where earlier
        // plans left no SUMMARY behind (replaying real completions, authors catch the count
        // up to the plan's number more often than they add one to a stale count).
        return facts.phase_done.max(u64::from(facts.plan.plan));
    }
    if facts.phase_complete {
        return facts
            .phase_total
            .unwrap_or(facts.phase_done)
            .max(u64::from(facts.plan.plan));
    }
    let phase = facts.after.phase(&facts.plan.phase);
    phase
        .and_then(|p| p.next_plan())
        .map_or(u64::from(facts.plan.plan) + 1, |next| {
            u64::from(next.id.plan)
        })
}

/// Step 3: percent, bar and the note's `(n/m plans)` counts, each in the scope it already
/// uses. The note's count is in the scope whose numbers reproduce it (`Phase 6: 3/4 plans` is
/// the phase's; `2/4 phases complete in v1.2` the milestone's phases), else it is the
/// author's own running tally and gains this plan. The percent follows the note when the
/// note's fraction is the percent, else the scope that reproduces it, else the template's
/// (plans over the project). Without sibling files the note is all there is to count. A
/// percent whose scope did not move is left as written (no re-rounding), and neither the
/// percent nor a count goes down.
pub fn progress_edits(ws: &Workspace, facts: &Facts, notices: &mut Vec<String>) -> Vec<Edit> {
    let state = &ws.state;
    let doc = &state.doc;
    let Some(line) = &state.position.progress else {
        return Vec::new();
    };
    let (before, after) = (&facts.before, &facts.after);
    let note_text = line.note.clone().map_or("", |r| doc.text(r));
    let note = line.note_counts(doc);
    let old_pct = line.percent_number(doc);
    let mut edits = Vec::new();

    // The note's counts: (old done, old total) → new (done, total), or None to leave it.
    let mut note_new: Option<(u64, u64)> = None;
    if let Some(n) = &note {
        let (d, t) = (n.done.0, n.total.0);
        let unit = match n.unit {
            NoteUnit::Plans => Unit::Plans,
            NoteUnit::Phases => Unit::Phases,
        };
        // The note's scope, inferred the way `gsd check` infers it: both numbers must match
        // (a done count alone matches by chance, and would swap the author's total for
        // another scope's).
        let phase = note_phase(note_text);
        let scoped_to_other_phase = phase.as_ref().is_some_and(|p| p != &facts.plan.phase);
        let scope = before
            .scope_of_note(Some(unit), phase.as_ref(), d, t)
            .or_else(|| after.scope_of_note(Some(unit), phase.as_ref(), d, t));
        note_new = match scope.and_then(|s| after.counts(&s)) {
            Some((nd, nt)) => Some((nd.max(d), nt.max(t))),
            None if scoped_to_other_phase => None,
            // A tally of plans gains this plan; of phases, this phase if the plan ends it.
            None if unit == Unit::Plans => Some((d + 1, t.max(d + 1))),
            None => {
                let newly = u64::from(facts.phase_complete && !facts.was_complete);
                Some((d + newly, t.max(d + newly)))
            }
        };
        if let Some((nd, nt)) = note_new {
            let (dr, tr) = (n.done.1.clone(), n.total.1.clone());
            edits.push(Edit::replace(dr.clone(), pad_like(nd, doc.text(dr))));
            edits.push(Edit::replace(tr.clone(), pad_like(nt, doc.text(tr))));
        }
    }

    // The percent.
    let note_is_percent = match (&note, old_pct) {
        (Some(n), Some(p)) if n.total.0 > 0 => {
            let exact = n.done.0.min(n.total.0) as f64 * 100.0 / n.total.0 as f64;
            (exact - p).abs() < 1.0
        }
        _ => false,
    };
    let counts: Option<PercentCounts> = if note_is_percent {
        note_new.map(|c| (c, note.as_ref().map(|n| (n.done.0, n.total.0))))
    } else if !before.has_siblings {
        // No evidence but STATE.md: a plans tally in the note, else nothing to count.
        match (&note, note_new) {
            (Some(n), Some(c)) if n.unit == NoteUnit::Plans => Some((c, None)),
            _ => None,
        }
    } else {
        let candidates = before.candidate_scopes();
        let scope = match old_pct {
            Some(p) => before
                .scope_of_percent(p, &candidates)
                .or_else(|| after.scope_of_percent(p, &candidates)),
            None => None,
        };
        match scope {
            Some(scope) => after.counts(&scope).map(|c| (c, before.counts(&scope))),
            None => implied_total(before, after, old_pct),
        }
    };
    let Some(((done, total), old_counts)) = counts else {
        if line.percent.is_some() || line.bar.is_some() {
            notices.push(
                "progress left as is: no ROADMAP.md plan list, phases/ folder or `(n/m plans)` note to count from"
                    .into(),
            );
        }
        return edits;
    };
    if old_counts == Some((done, total)) {
        return edits; // Nothing moved in the percent's scope: keep its rounding.
    }
    let exact = done.min(total) as f64 * 100.0 / total.max(1) as f64;
    // Round as the file does: a percent that was floored stays floored.
    let floors = match (old_pct, old_counts) {
        (Some(p), Some((d, t))) if t > 0 => {
            let e = d.min(t) as f64 * 100.0 / t as f64;
            (p - e.floor()).abs() < 0.01 && (e.round() - e.floor()).abs() > 0.5
        }
        _ => false,
    };
    let pct = if floors {
        exact.floor() as u64
    } else {
        exact.round() as u64
    };
    let old_int = old_pct.map(|p| p.round() as u64);
    if old_int.is_some_and(|o| pct < o) {
        notices.push(format!(
            "progress left at {}%: the evidence counts {done} of {total} ({pct}%), and progress never goes back",
            old_int.unwrap_or(0)
        ));
        return edits;
    }
    if let Some(r) = line.percent.clone() {
        let written = doc.text(r.clone());
        let text = if written.contains('.') {
            crate::model::values::format_like(exact, written)
        } else {
            pct.to_string()
        };
        edits.push(Edit::replace(r, text));
    }
    if let Some(bar) = &line.bar {
        edits.push(Edit::replace(bar.span.clone(), render_bar(bar, pct)));
    }
    edits
}

/// (new done, new total) for a percent, and where known the (done, total) its old value came
/// from.
type PercentCounts = ((u64, u64), Option<(u64, u64)>);

/// Counts for a percent no scope reproduces: the author divides the plans done by a total of
/// their own (plans not yet written for later phases, an estimate). That total is implied by
/// the percent and the plans done before (`3` done at `30%` → about 10), and the new percent
/// is the plans done now over it. Without a percent above zero to read it from, plans over
/// the project (the template's scope).
fn implied_total(
    before: &crate::ledger::Ledger,
    after: &crate::ledger::Ledger,
    old_pct: Option<f64>,
) -> Option<PercentCounts> {
    let (d0, t0) = before.counts(&Scope::PROJECT_PLANS)?;
    let (d1, t1) = after.counts(&Scope::PROJECT_PLANS)?;
    match old_pct {
        Some(p) if p > 0.0 && p < 100.0 && d0 > 0 => {
            let implied = ((d0 as f64) * 100.0 / p).round() as u64;
            let total = implied.max(d1);
            Some(((d1, total), Some((d0, implied.max(d0)))))
        }
        _ => Some(((d1, t1), Some((d0, t0)))),
    }
}
