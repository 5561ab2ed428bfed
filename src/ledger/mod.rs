//! The ledger: what the planning files together say is planned, done and current.
//!
//! `model` reads one file at a time; the ledger is where their evidence meets. It is built once
//! per workspace, and every command and check rule asks it (never the files directly) which
//! plans exist, which are done, how many there are in a phase, a milestone or the project,
//! where the project stands and what comes next. Two derivations of one fact would disagree
//! on someone's project; one derivation cannot.
//!
//! Evidence and trust order (docs/LEDGER.md says the same for users):
//! - A plan **exists** when ROADMAP.md lists it, `phases/` holds its PLAN or SUMMARY file, or
//!   it is the plan being recorded.
//! - A plan is **done** when it has a SUMMARY file, is ticked in ROADMAP.md, its phase is
//!   marked complete (phase box, ✅ glyph, `Complete` progress row, phase-level SUMMARY), or
//!   it is the plan being completed or a plan that one waited for (its PLAN.md's
//!   `depends_on`).
//! - A phase's **done count** is the largest of: its done plans, the counts ROADMAP writes for
//!   it (`**Plans:** 3/4`, the progress row's `3/4`) and STATE's own counters for it (the
//!   current `Plan: A of B`, a By Phase row). Hand-kept counters are lower bounds: they may be
//!   stale, but a count that was once reached does not go back.
//! - A phase's **total** is the largest of its known plans, the totals ROADMAP and STATE
//!   write for it, and its done count.
//!
//! [`Ledger::completing`] gives the same ledger with one more plan done, which is what
//! `gsd state complete` writes; [`Ledger::without`] the ledger as it was before that plan's
//! SUMMARY or tick existed, which is what the file's current numbers were computed from.

mod build;
mod counts;
mod queries;
mod route;

use crate::model::ids::{PhaseNum, PlanId};

pub use build::state_plan_names_next;
pub use counts::{Reach, Scope, Unit};
pub use route::{Route, Step};

/// Where a plan's existence or completion was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Listed in a ROADMAP.md plan checklist.
    pub listed: bool,
    /// Ticked (`[x]`, `[~]` does not count) in that checklist.
    pub ticked: bool,
    /// A PLAN file in `phases/`.
    pub plan_file: bool,
    /// A SUMMARY file in `phases/`.
    pub summary_file: bool,
    /// The plan the running command records as done.
    pub completing: bool,
    /// A prerequisite of the plan being completed (its PLAN.md's `depends_on`, followed
    /// through theirs): finishing a plan says the plans it waited for are finished, whether
    /// or not they left a SUMMARY behind.
    pub implied: bool,
}

/// One plan and what is known of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEntry {
    pub id: PlanId,
    pub evidence: Evidence,
}

impl PlanEntry {
    /// Done by its own evidence (a phase marked complete makes every plan done too: see
    /// [`PhaseEntry::done`]).
    pub fn done(&self) -> bool {
        let e = &self.evidence;
        e.summary_file || e.ticked || e.completing || e.implied
    }
}

/// Counters for one phase written by hand in ROADMAP.md or STATE.md.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Declared {
    pub done: Option<u64>,
    pub total: Option<u64>,
}

impl Declared {
    fn raise(&mut self, done: Option<u64>, total: Option<u64>) {
        self.done = self.done.max(done);
        self.total = self.total.max(total);
    }
}

/// One phase and what is known of it.
#[derive(Debug, Clone)]
pub struct PhaseEntry {
    pub number: PhaseNum,
    pub name: Option<String>,
    /// The folder's slug (`api-pagination`), when `phases/` has the phase.
    pub slug: Option<String>,
    /// Plans in id order.
    pub plans: Vec<PlanEntry>,
    /// Listed in ROADMAP.md (a checklist line, a heading or a progress row).
    pub in_roadmap: bool,
    /// Has a folder in `phases/`.
    pub has_folder: bool,
    /// ROADMAP.md or a phase-level SUMMARY marks the whole phase done.
    pub marked_complete: bool,
    /// Counts ROADMAP.md writes for the phase (`**Plans:** 3/4`, progress row `3/4`).
    pub roadmap_counts: Declared,
    /// Counts STATE.md writes for the phase (current `Plan: A of B`, a By Phase row).
    pub state_counts: Declared,
    /// Index of the ROADMAP.md milestone group the phase belongs to.
    pub milestone: Option<usize>,
    /// The workflow artifacts its folder holds (context, research, verification).
    pub stages: crate::model::phases::Stages,
}

impl PhaseEntry {
    fn new(number: PhaseNum) -> PhaseEntry {
        PhaseEntry {
            number,
            name: None,
            slug: None,
            plans: Vec::new(),
            in_roadmap: false,
            has_folder: false,
            marked_complete: false,
            roadmap_counts: Declared::default(),
            state_counts: Declared::default(),
            milestone: None,
            stages: crate::model::phases::Stages::default(),
        }
    }

    /// The plan with this id.
    pub fn plan(&self, id: &PlanId) -> Option<&PlanEntry> {
        self.plans.iter().find(|p| &p.id == id)
    }

    /// Plans done: the largest count any evidence supports (see the module docs). The hand-kept
    /// counters were written before the plan being completed now (the caller has found that
    /// STATE.md does not record it), so they count it on top: STATE's always, ROADMAP's while
    /// the plan is unticked and ROADMAP does not call the phase complete.
    pub fn done(&self) -> u64 {
        let by_plans = self.plans.iter().filter(|p| p.done()).count() as u64;
        let by_mark = if self.marked_complete {
            self.plans.len() as u64
        } else {
            0
        };
        let completing = self.plans.iter().find(|p| p.evidence.completing);
        let bump = u64::from(completing.is_some());
        // A phase ROADMAP marks complete has its counts closed: they already cover its plans.
        let roadmap_bump =
            u64::from(completing.is_some_and(|p| !p.evidence.ticked) && !self.marked_complete);
        by_plans
            .max(by_mark)
            .max(self.roadmap_counts.done.map_or(0, |d| d + roadmap_bump))
            .max(self.state_counts.done.map_or(0, |d| d + bump))
    }

    /// Plans in the phase, when anything says how many; never below [`Self::done`].
    pub fn total(&self) -> Option<u64> {
        // A plan known only because it is being completed says nothing of the phase's size.
        let evidenced: Vec<&PlanEntry> = self
            .plans
            .iter()
            .filter(|p| {
                let e = &p.evidence;
                e.listed || e.plan_file || e.summary_file
            })
            .collect();
        // Plans are numbered from 1 (or 0) up: a plan file numbered 3 means three plans,
        // even where one between has left no file.
        let highest = evidenced
            .iter()
            .map(|p| u64::from(p.id.plan))
            .max()
            .unwrap_or(0);
        let evidenced = evidenced.len() as u64;
        let known = [
            (evidenced > 0).then_some(evidenced.max(self.plans.len() as u64).max(highest)),
            self.roadmap_counts.total,
            self.state_counts.total,
        ]
        .into_iter()
        .flatten()
        .max()?;
        Some(known.max(self.done()))
    }

    /// Plans open by their own evidence: a PLAN file and nothing that says they are done.
    /// Telling only where the phase [`keeps_summaries`](Self::keeps_summaries).
    pub fn plans_left_open(&self) -> impl Iterator<Item = &PlanEntry> {
        self.plans
            .iter()
            .filter(|p| p.evidence.plan_file && !p.done())
    }

    /// Whether the phase records finished plans with SUMMARY files (a plan other than
    /// `besides` has one), so a PLAN without one is a plan still open.
    pub fn keeps_summaries(&self, besides: Option<&PlanId>) -> bool {
        self.plans
            .iter()
            .any(|p| Some(&p.id) != besides && p.evidence.summary_file)
    }

    /// Whether the phase is finished: marked so, or every plan of a known total done.
    pub fn complete(&self) -> bool {
        self.marked_complete || self.total().is_some_and(|t| t > 0 && self.done() >= t)
    }

    /// The first plan not yet done, by id.
    pub fn next_plan(&self) -> Option<&PlanEntry> {
        if self.marked_complete {
            return None;
        }
        self.plans.iter().find(|p| !p.done())
    }

    /// The first plan after `id` not yet done: what runs next once `id` is finished, the
    /// way plans advance one by one (an earlier plan left open, run out of order, does not
    /// pull the pointer back).
    pub fn next_plan_after(&self, id: &PlanId) -> Option<&PlanEntry> {
        if self.marked_complete {
            return None;
        }
        self.plans.iter().find(|p| &p.id > id && !p.done())
    }

    fn entry_mut(&mut self, id: &PlanId) -> &mut PlanEntry {
        let at = match self.plans.binary_search_by(|p| p.id.cmp(id)) {
            Ok(i) => i,
            Err(i) => {
                self.plans.insert(
                    i,
                    PlanEntry {
                        id: id.clone(),
                        evidence: Evidence::default(),
                    },
                );
                i
            }
        };
        &mut self.plans[at]
    }
}

/// Where a plan stands relative to the position STATE.md records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// A phase before the current one: recorded, but the position stays.
    Earlier,
    /// The current phase.
    Current,
    /// A later phase: the position moves there.
    Later,
    /// STATE.md names no current phase.
    Unknown,
}

/// What the planning files together say. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// Phases in number order.
    pub phases: Vec<PhaseEntry>,
    /// The phase STATE.md's `Phase:` line names.
    pub current: Option<PhaseNum>,
    /// The ROADMAP.md milestone group of the current work, when the roadmap has groups.
    pub current_milestone: Option<usize>,
    /// Whether any evidence besides STATE.md itself exists (ROADMAP.md phases, `phases/`).
    pub has_siblings: bool,
    /// The `of M` of STATE.md's `Phase: N of M`: without siblings, the only bound on phases.
    pub state_phase_total: Option<u64>,
    /// STATE.md's status says the milestone is finished (`v1.3 SHIPPED`, `Milestone
    /// complete`, `Between milestones`).
    pub milestone_done: bool,
}

impl Ledger {
    /// The phase with this number.
    pub fn phase(&self, n: &PhaseNum) -> Option<&PhaseEntry> {
        self.phases.iter().find(|p| &p.number == n)
    }

    /// The plan with this id.
    pub fn plan(&self, id: &PlanId) -> Option<&PlanEntry> {
        self.phase(&id.phase)?.plan(id)
    }

    /// Whether the plan is done by the evidence.
    pub fn is_done(&self, id: &PlanId) -> bool {
        self.phase(&id.phase)
            .is_some_and(|p| p.marked_complete || p.plan(id).is_some_and(PlanEntry::done))
    }

    /// Whether the files already record the plan as finished, so `complete` has nothing to
    /// add: ROADMAP ticks it in a phase it marks complete. (A tick alone is written just
    /// before `complete` runs, and a phase marked complete can still gain a gap-closure plan.
    /// STATE's own counters are no such record: replaying real completions, a `Plan: 6 of 6`
    /// or a By Phase `6/6` often counts plans that were never finished.)
    pub fn recorded(&self, id: &PlanId) -> bool {
        self.phase(&id.phase)
            .is_some_and(|p| p.marked_complete && p.plan(id).is_some_and(|e| e.evidence.ticked))
    }

    /// Whether the project knows the phase: ROADMAP.md or `phases/` list it, or, with
    /// neither, STATE.md allows it (its current phase, a By Phase row, or within its
    /// `Phase: N of M`; a file that states no total refuses no phase).
    pub fn knows_phase(&self, n: &PhaseNum) -> bool {
        if self.has_siblings || self.phase(n).is_some() {
            return self.phase(n).is_some();
        }
        let whole = n.padded(1).split('.').next().and_then(|w| {
            w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse::<u64>()
                .ok()
        });
        match self.state_phase_total {
            None => true,
            Some(t) => whole.is_some_and(|w| w >= 1 && w <= t),
        }
    }

    /// Whether `id` is a plan of this project: listed, has a file, or is the next plan of a
    /// known phase (the one after its highest known plan, the plan under way or the one after
    /// a stated count, or within a declared total). With STATE.md alone, a phase it does not
    /// count accepts any plan.
    pub fn knows_plan(&self, id: &PlanId) -> bool {
        let Some(phase) = self.phase(&id.phase) else {
            return !self.has_siblings && self.knows_phase(&id.phase);
        };
        if !self.has_siblings
            && phase.state_counts.done.is_none()
            && phase.state_counts.total.is_none()
        {
            return true;
        }
        if phase.plan(id).is_some() {
            return true;
        }
        let highest = phase.plans.iter().map(|p| p.id.plan).max().unwrap_or(0);
        let declared = phase
            .roadmap_counts
            .total
            .max(phase.state_counts.total)
            .unwrap_or(0);
        // Past the count done the files state: the plan under way and the one after it
        // (a counter may lag the plan being worked on by one).
        let next_by_count = phase
            .roadmap_counts
            .done
            .max(phase.state_counts.done)
            .map_or(0, |d| d + 2);
        let limit = u64::from(highest + 1).max(declared).max(next_by_count);
        id.suffix().is_none() && u64::from(id.plan) <= limit && id.plan >= 1
    }

    /// The highest integer phase number the project knows (`12` of 1…12, 12A), 0 without
    /// phases: where a new phase's number continues from.
    pub fn last_integer_phase(&self) -> u64 {
        self.phases
            .iter()
            .filter_map(|p| p.number.as_integer())
            .max()
            .unwrap_or(0)
    }

    /// How many whole-numbered phases the project knows (`2.1` and `12A` not counted): the
    /// `of Y` a phase total that counts integer phases only must say.
    pub fn integer_phase_count(&self) -> u64 {
        self.phases
            .iter()
            .filter(|p| p.number.as_integer().is_some())
            .count() as u64
    }

    /// The plans the project does have in `phase`, for a hint.
    pub fn plan_ids(&self, phase: &PhaseNum) -> Vec<String> {
        self.phase(phase)
            .map(|p| p.plans.iter().map(|e| e.id.canonical()).collect())
            .unwrap_or_default()
    }

    /// The name to write for phase `n` where the file wrote `old` for the current phase: the
    /// phase folder's slug when `old` is the current phase's slug (`Phase: 01
    /// (puzzle-engine)` → `02 (game-state-domain)`), else ROADMAP.md's title. The file's own
    /// way of naming phases wins over the template's.
    pub fn phase_name_like(&self, n: &PhaseNum, old: Option<&str>) -> Option<String> {
        let new = self.phase(n)?;
        let current_slug = self
            .current
            .as_ref()
            .and_then(|c| self.phase(c))
            .and_then(|p| p.slug.as_deref());
        let written_as_slug = old.zip(current_slug).is_some_and(|(o, s)| o.trim() == s);
        match (&new.slug, &new.name) {
            (Some(slug), _) if written_as_slug => Some(slug.clone()),
            (_, Some(title)) => Some(title.clone()),
            _ => None,
        }
    }

    /// Where `phase` stands relative to the current position.
    pub fn relation(&self, phase: &PhaseNum) -> Relation {
        match &self.current {
            None => Relation::Unknown,
            Some(c) if phase < c => Relation::Earlier,
            Some(c) if phase == c => Relation::Current,
            Some(_) => Relation::Later,
        }
    }

    /// The first phase after `after` that is not complete, in number order (phases listed in
    /// ROADMAP.md with no folder yet included; finished ones skipped even when they were
    /// finished out of order).
    pub fn next_phase(&self, after: &PhaseNum) -> Option<&PhaseEntry> {
        self.phases
            .iter()
            .filter(|p| &p.number > after && !p.complete())
            .find(|p| self.same_milestone_or_unknown(p))
    }

    fn same_milestone_or_unknown(&self, p: &PhaseEntry) -> bool {
        match (self.current_milestone, p.milestone) {
            (Some(m), Some(pm)) => pm >= m,
            _ => true,
        }
    }

    /// The same ledger with plan `id` done: the evidence of the command being run. Its
    /// contract: STATE.md does not yet record the plan (so STATE's counters, and ROADMAP's
    /// when the plan is unticked, gain it); see [`Ledger::recorded`] for the other case.
    pub fn completing(&self, id: &PlanId) -> Ledger {
        let mut out = self.clone();
        let phase = out.phase_mut(id);
        phase.entry_mut(id).evidence.completing = true;
        out
    }

    /// The same ledger with the plans `ids` done because a plan that waited for them is being
    /// completed (see [`Evidence::implied`]). Plans the ledger does not know are not added:
    /// a dependency says nothing of how many plans a phase has.
    pub fn implying(&self, ids: &[PlanId]) -> Ledger {
        let mut out = self.clone();
        for id in ids {
            if let Some(p) = out.phases.iter_mut().find(|p| p.number == id.phase)
                && let Some(e) = p.plans.iter_mut().find(|e| &e.id == id)
            {
                e.evidence.implied = true;
            }
        }
        out
    }

    /// The same ledger with phase `n` marked complete: what `gsd phase complete` writes.
    pub fn completing_phase(&self, n: &PhaseNum) -> Ledger {
        let mut out = self.clone();
        let at = match out.phases.binary_search_by(|p| p.number.cmp(n)) {
            Ok(i) => i,
            Err(i) => {
                out.phases.insert(i, PhaseEntry::new(n.clone()));
                i
            }
        };
        out.phases[at].marked_complete = true;
        out
    }

    /// The ledger as it was before plan `id` was recorded: its SUMMARY file and tick not
    /// yet written (in real use both come just before `complete`). What the file's current
    /// numbers were computed from, so it is what a count's scope is inferred against. The
    /// plan itself stays, open: it existed before it was done, so a phase whose only other
    /// evidence is its earlier SUMMARYs (no PLAN files, no ROADMAP list) was not complete.
    pub fn without(&self, id: &PlanId) -> Ledger {
        let mut out = self.clone();
        let e = &mut out.phase_mut(id).entry_mut(id).evidence;
        e.summary_file = false;
        e.ticked = false;
        e.completing = false;
        e.implied = false;
        out
    }

    fn phase_mut(&mut self, id: &PlanId) -> &mut PhaseEntry {
        let at = match self.phases.binary_search_by(|p| p.number.cmp(&id.phase)) {
            Ok(i) => i,
            Err(i) => {
                self.phases.insert(i, PhaseEntry::new(id.phase.clone()));
                i
            }
        };
        &mut self.phases[at]
    }
}
