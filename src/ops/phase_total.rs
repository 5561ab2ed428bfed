//! The `of Y` of STATE.md's `Phase: N of Y` when the position moves to another phase, in the
//! scope `Y` already measures. Shared by `begin` (starting a phase) and `complete` (a plan of
//! a later phase), so the two never write different totals for the same move.

use crate::ledger::{Ledger, Reach, Scope, Unit};
use crate::model::ids::PhaseNum;
use crate::model::state::StateDoc;

/// The new `of Y` of the `Phase:` line, when it changes. `Y` keeps measuring what it
/// measured: the scope (the project's phases, or the current ROADMAP.md milestone's) whose
/// phase count or last phase number equals `Y` is measured again with the new phase as the
/// position, so a roadmap that grew grows `Y`, a decimal phase inserted does not (it adds to
/// the count, not to the last number), and the first phase of the next milestone gets that
/// milestone's last number. A `Y` nothing reproduces is kept, but never below the phase begun
/// (`Phase: 10 of 9` would say the project ends before it): then it is the last phase number
/// of the milestone the phase is in (of the project without milestones), or `N` itself. A
/// file whose `Y` counts a scope while its `N` already exceeded `Y` (`Phase: 143 of 26`:
/// phases numbered across the project, counted per milestone) keeps that convention.
pub fn phase_total(state: &StateDoc, before: &Ledger, phase: &PhaseNum) -> Option<u64> {
    let doc = &state.doc;
    let line = state.position.phase.as_ref()?;
    let old: u64 = doc.text(line.total.clone()?).parse().ok()?;
    let old_n = line.number(doc).map_or(0, leading_integer);
    let n = leading_integer(phase.as_str());
    let group = before.phase(phase).and_then(|p| p.milestone);
    let mut after = before.clone();
    after.current = Some(phase.clone());
    after.current_milestone = group.or(before.current_milestone);
    let measures = [
        (Reach::Project, Measure::Count),
        (Reach::Project, Measure::Last),
        (Reach::Milestone, Measure::Last),
        (Reach::Milestone, Measure::Count),
    ];
    let matched = measures
        .iter()
        .find(|(reach, m)| measure(before, reach, *m) == Some(old));
    let mut new = matched
        .and_then(|(reach, m)| measure(&after, reach, *m))
        .unwrap_or(old);
    let counts_across = matched.is_some_and(|(_, m)| *m == Measure::Count) && old_n > old;
    if n > new && !counts_across {
        // The highest phase number of the phase's milestone, else of the project; over the
        // whole project (numbered from 1) the number of phases where it is smaller and still
        // holds the new phase: a stray high number (`Phase 99: Throwaway` beside phases 1 to
        // 13) would otherwise make `13 of 99`.
        let (reach, measures): (Reach, &[Measure]) = if group.is_some() {
            (Reach::Milestone, &[Measure::Last])
        } else {
            (Reach::Project, &[Measure::Last, Measure::Count])
        };
        new = measures
            .iter()
            .filter_map(|m| measure(&after, &reach, *m))
            .filter(|&t| t >= n)
            .min()
            .unwrap_or(n);
    }
    (new != old).then_some(new)
}

/// How a `Phase: N of Y` total measures its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    /// The number of phases (the ledger's phase count).
    Count,
    /// The highest integer phase number.
    Last,
}

/// The scope's measure in `ledger`; a milestone scope is the ledger's current milestone.
fn measure(ledger: &Ledger, reach: &Reach, m: Measure) -> Option<u64> {
    match m {
        Measure::Count => ledger
            .counts(&Scope::new(Unit::Phases, reach.clone()))
            .map(|(_, total)| total),
        Measure::Last => {
            let group = match reach {
                Reach::Milestone => Some(ledger.current_milestone?),
                _ => None,
            };
            ledger
                .phases
                .iter()
                .filter(|p| p.in_roadmap || p.has_folder)
                .filter(|p| group.is_none_or(|g| p.milestone == Some(g)))
                .map(|p| leading_integer(p.number.as_str()))
                .max()
        }
    }
}

/// The integer a phase number starts with (`02.1` → 2, `12A` → 12).
fn leading_integer(text: &str) -> u64 {
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text[..digits].parse().unwrap_or(0)
}
