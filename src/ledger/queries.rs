//! Read-only questions `gsd check` asks the ledger: which scope a progress note counts in,
//! what a phase's size is by the evidence outside STATE.md, which phase totals a `Phase: X
//! of Y` line can mean, and where the files disagree on which plans are done. Answers only:
//! nothing here changes the ledger.

use crate::ledger::{Declared, Ledger, PhaseEntry, PlanEntry, Reach, Scope, Unit};
use crate::model::ids::{PhaseNum, PlanId};

impl Ledger {
    /// The scope a progress note's `done/total` counts in, inferred the way `complete` infers
    /// it: a note scoped to one phase (`Phase 6: 3/4 plans`) is that phase's; otherwise the
    /// first candidate scope of the note's unit (any unit when it names none) whose counts
    /// reproduce both numbers (a done count alone matches by chance). `None` when no scope
    /// reproduces the note (the author's own tally).
    pub fn scope_of_note(
        &self,
        unit: Option<Unit>,
        phase: Option<&PhaseNum>,
        done: u64,
        total: u64,
    ) -> Option<Scope> {
        let candidates = self.note_candidates(unit, phase);
        self.scope_of_counts(done, Some(total), &candidates)
    }

    /// Whether the current milestone has no plan done yet, so that 0% is its progress (what
    /// `gsd milestone start` writes): STATE.md names no current phase and every phase the
    /// files know is complete (the next milestone is not planned yet), or every phase with
    /// work done lies in a shipped ROADMAP.md milestone group (all its phases complete) and
    /// the phases outside the groups, the new milestone's, have none.
    pub fn new_milestone_unstarted(&self) -> bool {
        if self.phases.is_empty() {
            return false;
        }
        if self.current.is_none() && self.phases.iter().all(|p| p.complete()) {
            return true;
        }
        let grouped: Vec<&PhaseEntry> = self
            .phases
            .iter()
            .filter(|p| p.milestone.is_some())
            .collect();
        let current_outside = self
            .current
            .as_ref()
            .and_then(|c| self.phase(c))
            .is_none_or(|p| p.milestone.is_none());
        current_outside
            && !grouped.is_empty()
            && grouped.iter().all(|p| p.complete())
            && self
                .phases
                .iter()
                .filter(|p| p.milestone.is_none())
                .all(|p| p.done() == 0 && !p.complete())
    }

    pub fn can_count(&self, unit: Option<Unit>, phase: Option<&PhaseNum>) -> bool {
        self.note_candidates(unit, phase)
            .iter()
            .any(|s| self.counts(s).is_some())
    }

    fn note_candidates(&self, unit: Option<Unit>, phase: Option<&PhaseNum>) -> Vec<Scope> {
        match phase {
            Some(p) => vec![Scope::new(Unit::Plans, Reach::Phase(p.clone()))],
            None => self
                .candidate_scopes()
                .into_iter()
                .filter(|s| unit.is_none_or(|u| s.unit == u))
                .collect(),
        }
    }

    /// The same ledger without STATE.md's own counters (its `Plan: A of B`, its By Phase
    /// rows): the evidence of the other files alone. What a value STATE.md keeps is checked
    /// against, so that STATE's counters do not vouch for each other. Phases known only from
    /// STATE.md stay, with nothing counted in them.
    pub fn besides_state(&self) -> Ledger {
        let mut out = self.clone();
        for p in &mut out.phases {
            p.state_counts = Declared::default();
        }
        out
    }

    /// The plans in phase `n` by the evidence outside STATE.md: its known plans and what
    /// ROADMAP.md writes for it (a total, a done count, the phase marked complete). What
    /// STATE.md's own `Plan: A of B` is checked against. `None` when nothing outside
    /// STATE.md says.
    pub fn plans_in_phase_besides_state(&self, n: &PhaseNum) -> Option<u64> {
        let mut phase: PhaseEntry = self.phase(n)?.clone();
        phase.state_counts = Declared::default();
        phase.total().filter(|t| *t > 0)
    }

    /// The totals a `Phase: X of Y` line can mean, over the phases ROADMAP.md lists: the
    /// whole-numbered ones (inserted `2.1` phases left out, the figure messages quote), all
    /// of them, and the highest whole phase number. Empty when ROADMAP.md lists none.
    pub fn roadmap_phase_totals(&self) -> Vec<u64> {
        let listed: Vec<&PhaseEntry> = self.phases.iter().filter(|p| p.in_roadmap).collect();
        if listed.is_empty() {
            return Vec::new();
        }
        let whole = listed
            .iter()
            .filter(|p| p.number.as_integer().is_some())
            .count() as u64;
        let highest = listed
            .iter()
            .filter_map(|p| p.number.as_integer())
            .max()
            .unwrap_or(0);
        vec![whole, listed.len() as u64, highest]
    }

    /// Plans done over the latest phases begun (with a folder in `phases/`): the last one's,
    /// the last two's, and so on. A count kept since a milestone began covers such a run.
    pub fn trailing_done(&self) -> Vec<u64> {
        self.phases
            .iter()
            .rev()
            .filter(|p| p.has_folder)
            .scan(0, |sum, p| {
                *sum += p.done();
                Some(*sum)
            })
            .collect()
    }

    /// Plans of `scope`'s phases whose evidence disagrees on whether they are done: ticked in
    /// ROADMAP.md with no SUMMARY file in a phase that has a folder, or with a SUMMARY file
    /// but listed unticked in a phase ROADMAP.md does not mark complete. Counts over such a
    /// scope are the ledger's reading, not a fact every file bears out. In id order.
    pub fn disputed(&self, scope: &Scope) -> Vec<PlanId> {
        let phases: Vec<&PhaseEntry> = match &scope.reach {
            Reach::Project => self.phases.iter().collect(),
            Reach::Milestone => match self.current_milestone {
                Some(m) => self
                    .phases
                    .iter()
                    .filter(|p| p.milestone == Some(m))
                    .collect(),
                None => Vec::new(),
            },
            Reach::Phase(n) => self.phase(n).into_iter().collect(),
        };
        phases
            .into_iter()
            .flat_map(|p| p.plans.iter().filter(move |e| is_disputed(p, e)))
            .map(|e| e.id.clone())
            .collect()
    }

    /// The same ledger with every disputed plan (see [`Ledger::disputed`]) read as not done:
    /// its tick, or its SUMMARY file, set aside. The other reading of files that disagree,
    /// which a value written from either of them may follow.
    pub fn undisputed(&self) -> Ledger {
        let mut out = self.clone();
        for p in &mut out.phases {
            let disputed: Vec<bool> = p.plans.iter().map(|e| is_disputed(p, e)).collect();
            for (e, d) in p.plans.iter_mut().zip(disputed) {
                if d {
                    e.evidence.ticked = false;
                    e.evidence.summary_file = false;
                }
            }
        }
        out
    }
}

/// Whether a plan's evidence disagrees on whether it is done (see [`Ledger::disputed`]).
fn is_disputed(phase: &PhaseEntry, plan: &PlanEntry) -> bool {
    let ev = &plan.evidence;
    phase.has_folder
        && ((ev.ticked && !ev.summary_file)
            || (ev.summary_file && ev.listed && !ev.ticked && !phase.marked_complete))
}
