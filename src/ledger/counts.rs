//! Counts in a scope: plans or phases, over the project, the current milestone or one phase.
//!
//! Files write progress in many scopes (`40%` of all plans, `2/6 phases`, `Phase 6: 3/4
//! plans`, the current milestone's plans). A command that updates a count keeps the scope the
//! file uses; [`Ledger::scope_of`] finds it by asking which scope's counts reproduce the
//! number the file holds now.

use crate::ledger::{Ledger, PhaseEntry};
use crate::model::ids::PhaseNum;

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Plans,
    Phases,
}

/// Over which phases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Every phase the project knows.
    Project,
    /// The phases of the current ROADMAP.md milestone group.
    Milestone,
    /// One phase (plans only).
    Phase(PhaseNum),
}

/// A unit over a reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub unit: Unit,
    pub reach: Reach,
}

impl Scope {
    pub const PROJECT_PLANS: Scope = Scope {
        unit: Unit::Plans,
        reach: Reach::Project,
    };

    pub fn new(unit: Unit, reach: Reach) -> Scope {
        Scope { unit, reach }
    }
}

impl Ledger {
    /// (done, total) in `scope`; `None` when the scope has nothing to count (no plans known,
    /// no milestone groups, an unknown phase).
    pub fn counts(&self, scope: &Scope) -> Option<(u64, u64)> {
        let phases: Vec<&PhaseEntry> = match &scope.reach {
            Reach::Project => self.phases.iter().collect(),
            Reach::Milestone => {
                let m = self.current_milestone?;
                self.phases
                    .iter()
                    .filter(|p| p.milestone == Some(m))
                    .collect()
            }
            Reach::Phase(n) => vec![self.phase(n)?],
        };
        let (done, total) = match scope.unit {
            Unit::Plans => phases.iter().fold((0, 0), |(d, t), p| {
                (d + p.done(), t + p.total().unwrap_or(p.done()))
            }),
            Unit::Phases => {
                if matches!(scope.reach, Reach::Phase(_)) {
                    return None;
                }
                let counted: Vec<&&PhaseEntry> = phases
                    .iter()
                    .filter(|p| p.in_roadmap || p.has_folder)
                    .collect();
                (
                    counted.iter().filter(|p| p.complete()).count() as u64,
                    counted.len() as u64,
                )
            }
        };
        (total > 0).then_some((done, total))
    }

    /// The scopes a project-level figure can be in, most common first.
    pub fn candidate_scopes(&self) -> Vec<Scope> {
        let mut out = vec![Scope::PROJECT_PLANS];
        if self.current_milestone.is_some() {
            out.push(Scope::new(Unit::Plans, Reach::Milestone));
        }
        out.push(Scope::new(Unit::Phases, Reach::Project));
        if self.current_milestone.is_some() {
            out.push(Scope::new(Unit::Phases, Reach::Milestone));
        }
        if let Some(c) = &self.current {
            out.push(Scope::new(Unit::Plans, Reach::Phase(c.clone())));
        }
        out
    }

    /// The first of `candidates` whose counts reproduce `percent` (as rounded or floored by
    /// whoever wrote it); `None` when none does.
    pub fn scope_of_percent(&self, percent: f64, candidates: &[Scope]) -> Option<Scope> {
        candidates
            .iter()
            .find(|s| {
                self.counts(s).is_some_and(|(d, t)| {
                    let exact = d.min(t) as f64 * 100.0 / t as f64;
                    (exact - percent).abs() < 1.0
                })
            })
            .cloned()
    }

    /// The first of `candidates` whose done count is `done` (and total `total`, when given).
    pub fn scope_of_counts(
        &self,
        done: u64,
        total: Option<u64>,
        candidates: &[Scope],
    ) -> Option<Scope> {
        candidates
            .iter()
            .find(|s| {
                self.counts(s)
                    .is_some_and(|(d, t)| d == done && total.is_none_or(|x| x == t))
            })
            .cloned()
    }
}
