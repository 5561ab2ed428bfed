//! What completing a plan (or a whole phase) means, derived once from the ledger: the plan,
//! its phase's counts before and after, whether it finishes the phase, whether `Plan:` names
//! the next plan. Every step of `complete` (position, progress, metrics, roadmap) and `phase
//! complete` edits its own lines from these facts and nothing else.

use crate::ledger::{Ledger, Relation, state_plan_names_next};
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::state::StateDoc;
use crate::model::status::{
    StatusKind, phase_log_at_phase_end, phase_ready_at_phase_end, status_word,
    status_word_kept_by_incumbent,
};
use crate::model::workspace::Workspace;
use crate::ops::progress::Step;

/// What completing the plan means, derived once from the ledger and shared by every step.
#[derive(Debug, Clone)]
pub struct Facts {
    pub plan: PlanId,
    pub minutes: f64,
    /// Completed plans in the phase, this one and its prerequisites included.
    pub phase_done: u64,
    pub phase_total: Option<u64>,
    pub phase_complete: bool,
    /// The phase already counted as complete before this plan (a plan beyond its total).
    pub was_complete: bool,
    pub phase_name: Option<String>,
    /// The phase folder's slug (`api-pagination`), when `phases/` has the phase.
    pub phase_slug: Option<String>,
    /// Where the plan's phase stands relative to STATE.md's position.
    pub relation: Relation,
    /// STATE.md's `Plan:` names the next plan to run rather than the count done.
    pub plan_names_next: bool,
    /// The plan's title (PLAN.md heading, else the SUMMARY's one-liner, else `--summary`), for
    /// a ROADMAP line the checklist lacks.
    pub title: Option<String>,
    /// Tasks and files the plan's SUMMARY reports (for a per-plan metric row).
    pub tasks: Option<u64>,
    pub files: Option<u64>,
    /// Plans done since the `Last N plans` list was last kept, that it never got, with the
    /// minutes their SUMMARY gives (run order); they join the list before this plan.
    pub unlisted: Vec<(PlanId, f64)>,
    /// Those of `unlisted` that the file's counters missed too, recorded with this plan: the
    /// total count, the time and a tally gain them.
    pub caught: Vec<(PlanId, f64)>,
    /// The ledger as the file's current numbers saw it (this plan not yet recorded).
    pub before: Ledger,
    /// The ledger with this plan done.
    pub after: Ledger,
}

impl Facts {
    /// The body's new status: the file's own words for "in progress" or "phase complete".
    pub fn body_status(&self, state: &StateDoc) -> String {
        let target = if self.phase_complete {
            StatusKind::PhaseComplete
        } else {
            StatusKind::InProgress
        };
        let current = state
            .position
            .status
            .as_ref()
            .map_or("", |f| f.value(&state.doc));
        let next = self
            .after
            .phase(&self.plan.phase)
            .and_then(|p| p.next_plan())
            .map(|p| p.id.clone());
        let plan = (!self.phase_complete).then_some((&self.plan, next.as_ref()));
        // `Plan 02-01 complete, plan 02-02 next` at the phase's end names phases instead.
        let next_phase = self
            .after
            .next_phase(&self.plan.phase)
            .filter(|_| self.phase_complete);
        if let Some(text) = next_phase.and_then(|n| {
            phase_log_at_phase_end(current, self.plan.phase.as_str(), n.number.as_str()).or_else(
                || {
                    phase_ready_at_phase_end(
                        current,
                        self.plan.phase.as_str(),
                        n.number.as_str(),
                        n.name.as_deref(),
                    )
                },
            )
        }) {
            return text;
        }
        if state.kept_by_incumbent() {
            status_word_kept_by_incumbent(
                target,
                current,
                self.plan.phase.as_str(),
                plan,
                self.plan_names_next,
            )
        } else {
            status_word(target, current, self.plan.phase.as_str(), plan)
        }
    }

    /// Whether the position (Phase, Plan, Status) follows this plan: not for a plan of a
    /// phase before the current one, which is recorded without moving the position back.
    pub fn moves_position(&self) -> bool {
        self.relation != Relation::Earlier
    }

    /// The change as a progress [`Step`].
    pub fn step(&self) -> Step<'_> {
        Step {
            before: &self.before,
            after: &self.after,
            phase: &self.plan.phase,
            newly_complete: self.phase_complete && !self.was_complete,
            plans_done: 1,
            caught: self.caught.len() as u64,
        }
    }
}

/// The facts of finishing phase `n` as a whole (`gsd phase complete`): as if its last plan
/// were completed now, with the phase marked complete, so the position steps that record a
/// plan finishing a phase record it the same way.
pub fn phase_facts(ws: &Workspace, ledger: &Ledger, n: &PhaseNum) -> Option<Facts> {
    let after = ledger.completing_phase(n);
    let entry = after.phase(n);
    let done = entry.map_or(0, crate::ledger::PhaseEntry::done);
    let total = entry.and_then(crate::ledger::PhaseEntry::total);
    let last = entry
        .and_then(|p| p.plans.last())
        .map(|p| p.id.clone())
        .or_else(|| {
            let count = total.unwrap_or(done).clamp(1, 9999);
            PlanId::from_parts(n.clone(), &format!("{count:02}"))
        })?;
    Some(Facts {
        relation: ledger.relation(n),
        phase_name: entry.and_then(|p| p.name.clone()),
        phase_slug: entry.and_then(|p| p.slug.clone()),
        plan: last,
        minutes: 0.0,
        phase_done: done,
        phase_total: total.map(|t| t.max(done)),
        phase_complete: true,
        was_complete: ledger
            .phase(n)
            .is_some_and(crate::ledger::PhaseEntry::complete),
        plan_names_next: state_plan_names_next(&ws.state, None),
        title: None,
        tasks: None,
        files: None,
        unlisted: Vec::new(),
        caught: Vec::new(),
        before: ledger.clone(),
        after,
    })
}

/// Derives what completing the plan means from the ledger. Without ROADMAP.md or `phases/`,
/// STATE.md's own lines are the only evidence: the current `Plan: A of B`, else the phase's
/// By Phase row, each with this plan added.
pub fn facts(
    ws: &Workspace,
    ledger: &Ledger,
    plan: PlanId,
    minutes: f64,
    prerequisites: Option<&[PlanId]>,
) -> Facts {
    let state = &ws.state;
    let before = ledger.without(&plan);
    // Finishing a plan finishes the plans its PLAN.md says it waits for. Where it names none,
    // nothing is implied: replaying real completions, counting every earlier plan of the phase
    // done overshoots the authors' counts as often as it meets them.
    let after = ledger
        .completing(&plan)
        .implying(prerequisites.unwrap_or_default());
    let names_next = state_plan_names_next(state, Some(&plan));
    let entry = after.phase(&plan.phase);
    let prior = before.phase(&plan.phase);
    let (phase_done, mut phase_total) = match entry {
        Some(p) => (p.done(), p.total()),
        None => (1, None),
    };
    // A plan numbered beyond the stated total (a gap-closure plan) grows the total: never
    // `07-03 of 2`.
    phase_total = phase_total.map(|t| t.max(u64::from(plan.plan)));
    let was_complete = prior.is_some_and(|p| p.complete() && p.total().is_some_and(|t| t > 0));
    let phase_complete = entry.is_some_and(|p| p.marked_complete)
        || phase_total.is_some_and(|t| t > 0 && phase_done >= t);
    Facts {
        relation: ledger.relation(&plan.phase),
        phase_name: entry.and_then(|p| p.name.clone()),
        phase_slug: entry.and_then(|p| p.slug.clone()),
        plan,
        minutes,
        phase_done,
        phase_total,
        phase_complete,
        was_complete,
        plan_names_next: names_next,
        title: None,
        tasks: None,
        files: None,
        unlisted: Vec::new(),
        caught: Vec::new(),
        before,
        after,
    }
}
