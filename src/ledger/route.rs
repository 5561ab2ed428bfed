//! What to do next: the one step the project's evidence points to, and why.
//!
//! The GSD workflow runs each phase through discuss → plan → execute (plan by plan) → verify
//! → complete, then the next phase, then the milestone. The route is read from the ledger
//! alone, so `gsd next` can never disagree with `complete`, `begin` or `check` about what is
//! done. Stages the project does not use are not asked for: a phase is sent to discussion only
//! when the project keeps CONTEXT files, to verification only when it keeps VERIFICATION/UAT
//! files for other phases.

use crate::ledger::{Ledger, PhaseEntry};
use crate::model::ids::{PhaseNum, PlanId};

/// The kind of step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Gather context for a phase before planning it.
    DiscussPhase,
    /// Write the phase's plans.
    PlanPhase,
    /// Run the next plan.
    ExecutePlan,
    /// Verify the phase's work.
    VerifyPhase,
    /// Every plan is done: mark the phase complete.
    CompletePhase,
    /// Every phase of the milestone is complete.
    CompleteMilestone,
    /// The milestone is shipped: define the next one.
    NewMilestone,
    /// The files do not say enough to tell.
    Unknown,
}

impl Step {
    /// The stable name used in `--json` (`execute-plan`).
    pub fn name(self) -> &'static str {
        match self {
            Step::DiscussPhase => "discuss-phase",
            Step::PlanPhase => "plan-phase",
            Step::ExecutePlan => "execute-plan",
            Step::VerifyPhase => "verify-phase",
            Step::CompletePhase => "complete-phase",
            Step::CompleteMilestone => "complete-milestone",
            Step::NewMilestone => "new-milestone",
            Step::Unknown => "unknown",
        }
    }
}

/// The next step with its subject and the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub step: Step,
    pub phase: Option<PhaseNum>,
    pub plan: Option<PlanId>,
    /// Why, in one sentence naming the evidence.
    pub reason: String,
}

impl Ledger {
    /// The next step. See the module docs.
    pub fn route(&self) -> Route {
        if self.phases.is_empty() {
            return Route {
                step: Step::Unknown,
                phase: self.current.clone(),
                plan: None,
                reason:
                    "no ROADMAP.md phases or phases/ folders to read the project's progress from"
                        .into(),
            };
        }
        // Between milestones (STATE.md names no phase and says the last milestone is done),
        // open phases are the backlog or the next milestone's draft: start that milestone.
        if self.current.is_none() && self.milestone_done {
            return self.milestone_end(None, "STATE.md names no current phase".into());
        }
        // The phase STATE.md is on; without one, the first phase that is not complete.
        let current = self
            .current
            .as_ref()
            .filter(|c| self.phase(c).is_some())
            .cloned()
            .or_else(|| {
                self.phases
                    .iter()
                    .find(|p| !p.complete())
                    .map(|p| p.number.clone())
            });
        let Some(current) = current else {
            return self.milestone_end(None, "every phase the files know is complete".into());
        };
        let Some(entry) = self.phase(&current) else {
            return Route {
                step: Step::PlanPhase,
                phase: Some(current.clone()),
                plan: None,
                reason: format!(
                    "STATE.md is on phase {current}, which neither ROADMAP.md nor phases/ lists"
                ),
            };
        };
        if entry.complete() {
            return self.after_complete(entry);
        }
        self.within(entry)
    }

    /// The step inside a phase that is not complete.
    fn within(&self, p: &PhaseEntry) -> Route {
        let n = &p.number;
        let done = p.done();
        let total = p.total();
        let has_plan_files = p.plans.iter().any(|e| e.evidence.plan_file);
        // A plan listed in ROADMAP.md is ready to run in a project that keeps no phase
        // folders; where it does, a plan is ready once its PLAN file is written.
        let folders = self.phases.iter().any(|p| p.has_folder);
        let runnable = p
            .plans
            .iter()
            .find(|e| !e.done() && (e.evidence.plan_file || (!folders && e.evidence.listed)));
        if let Some(next) = runnable {
            let of = total.map_or(String::new(), |t| format!(" of {t}"));
            let evidence = if next.evidence.plan_file {
                "has a PLAN file and no SUMMARY"
            } else {
                "is listed in ROADMAP.md and not ticked"
            };
            return Route {
                step: Step::ExecutePlan,
                phase: Some(n.clone()),
                plan: Some(next.id.clone()),
                reason: format!(
                    "phase {n} has {done}{of} plans done; {} {evidence}",
                    next.id.canonical()
                ),
            };
        }
        // STATE.md alone (no ROADMAP.md plan list, no phases/): its own `Plan: A of B` says
        // plans remain, so the next one by number is to run.
        if !self.has_siblings
            && p.plans.is_empty()
            && let Some(t) = total.filter(|t| *t > done)
            && let Some(id) = PlanId::from_parts(n.clone(), &format!("{:02}", (done + 1).min(9999)))
        {
            return Route {
                step: Step::ExecutePlan,
                phase: Some(n.clone()),
                plan: Some(id),
                reason: format!("STATE.md counts {done} of {t} plans of phase {n} done"),
            };
        }
        if has_plan_files && total.is_some_and(|t| t > done) {
            return Route {
                step: Step::PlanPhase,
                phase: Some(n.clone()),
                plan: None,
                reason: format!(
                    "every plan file of phase {n} is done, but {} plans are expected ({done} done)",
                    total.unwrap_or(0)
                ),
            };
        }
        if self.uses_context_files() && !p.stages.context && !has_plan_files {
            return Route {
                step: Step::DiscussPhase,
                phase: Some(n.clone()),
                plan: None,
                reason: format!("phase {n} has no CONTEXT file and no plans yet"),
            };
        }
        Route {
            step: Step::PlanPhase,
            phase: Some(n.clone()),
            plan: None,
            reason: format!("phase {n} has no plans yet"),
        }
    }

    /// The step after a phase whose plans are all done.
    fn after_complete(&self, p: &PhaseEntry) -> Route {
        let n = &p.number;
        if !p.marked_complete {
            if self.uses_verification_files(n) && !p.stages.verification {
                return Route {
                    step: Step::VerifyPhase,
                    phase: Some(n.clone()),
                    plan: None,
                    reason: format!(
                        "every plan of phase {n} is done and it has no VERIFICATION or UAT file, as the project's other phases do"
                    ),
                };
            }
            if p.in_roadmap {
                return Route {
                    step: Step::CompletePhase,
                    phase: Some(n.clone()),
                    plan: None,
                    reason: format!(
                        "every plan of phase {n} is done ({} of {}), but ROADMAP.md does not mark the phase complete",
                        p.done(),
                        p.total().unwrap_or(p.done())
                    ),
                };
            }
        }
        let next = self.next_phase(n);
        match next {
            Some(next) if next.milestone == p.milestone || p.milestone.is_none() => {
                let mut route = self.within(next);
                route.reason = format!("phase {n} is complete; {}", route.reason);
                route
            }
            Some(next) => self.milestone_end(
                Some(n),
                format!(
                    "phase {n} is the last of its milestone and complete; phase {} opens the next",
                    next.number
                ),
            ),
            None => self.milestone_end(
                Some(n),
                format!("phase {n} is complete and no later phase is open"),
            ),
        }
    }

    /// Every phase of the milestone is done: complete it, or, when STATE.md already says it
    /// shipped, start the next one.
    fn milestone_end(&self, phase: Option<&PhaseNum>, reason: String) -> Route {
        if self.milestone_done {
            return Route {
                step: Step::NewMilestone,
                phase: phase.cloned(),
                plan: None,
                reason: format!("{reason}, and STATE.md says the milestone is finished"),
            };
        }
        Route {
            step: Step::CompleteMilestone,
            phase: phase.cloned(),
            plan: None,
            reason,
        }
    }

    /// Whether the project keeps CONTEXT files (any phase folder has one).
    fn uses_context_files(&self) -> bool {
        self.phases.iter().any(|p| p.stages.context)
    }

    /// Whether the project verifies its phases: most of its other finished phases with a
    /// folder have a VERIFICATION or UAT file (one old verification is no convention).
    fn uses_verification_files(&self, except: &PhaseNum) -> bool {
        let finished: Vec<&PhaseEntry> = self
            .phases
            .iter()
            .filter(|p| &p.number != except && p.has_folder && p.complete())
            .collect();
        let verified = finished.iter().filter(|p| p.stages.verification).count();
        verified > 0 && verified * 2 > finished.len()
    }
}
