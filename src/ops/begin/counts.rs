//! How many plans the new phase has and how far the project reaches: `begin`'s `of Y` and `Plan: A
//! of M` come from the ledger in the scope the file already counts, and never end below where the
//! file stands.

use super::plan_line::own_plan_line;
use crate::ledger::{Ledger, PhaseEntry, Reach, Scope, Unit};
use crate::model::ids::PhaseNum;
use crate::model::state::{PlanLine, StateDoc};
use crate::syntax::Doc;

/// The first number of the new `Plan:` counter. Files keep one of two conventions: the plan
/// about to run (`Plan: 1 of 3` with `Ready to execute`, as the incumbent's `begin-phase` and
/// `advance-plan` write it) or the plans done (`Plan: 0 of 3`). Authors start a phase on the
/// first far more often, so that is the default, unless:
/// - the phase has no plans yet (nothing is about to run: `0 of TBD`);
/// - the file has no `Status:` line to say the counter names the next plan (without one, a
///   reader takes `1 of 1` for a finished phase);
/// - the file's counter already shows the done-count convention: `0 of M` with plans to run,
///   or the counter's own word (`2 of 2 complete`: `1 of 3 complete` would claim a plan done).
///
/// (`3 of 3` with `Phase complete` is no such sign: both conventions end a phase that way.)
///
/// Plans of the phase already done (SUMMARY files) are counted in.
pub(super) fn plan_counter(
    state: &StateDoc,
    entry: Option<&PhaseEntry>,
    plans: Option<u64>,
    planned: bool,
) -> u64 {
    let done = entry.map_or(0, |p| p.plans.iter().filter(|e| e.done()).count() as u64);
    let next_plan = planned && state.position.status.is_some() && !counts_done(state);
    if !next_plan {
        return done;
    }
    let next = done + 1;
    plans.map_or(next, |m| next.min(m.max(1)))
}

/// Whether the file's `Plan:` counter counts plans done: it reads `0 of M` for a phase with
/// plans (the plan-about-to-run convention would say `1 of M`).
pub(super) fn counts_done(state: &StateDoc) -> bool {
    let doc = &state.doc;
    own_plan_line(state)
        .filter(|line| line.plan_id(doc).is_none())
        .is_some_and(|line| {
            let zero_of_m =
                line.done_count(doc) == Some(0) && line.total_count(doc).is_some_and(|m| m > 0);
            zero_of_m || says_complete(doc, line)
        })
}

/// `2 of 2 complete`, `3/3 plans done`, `7 of 7 complete in Phase 1`: the counter's own word
/// says it counts plans done (`1 of 3 complete` cannot name the plan about to run). A note
/// after a dash or in parentheses (`3 of 3 — COMPLETE`, `(all done)`) is about the phase.
pub(super) fn says_complete(doc: &Doc, line: &PlanLine) -> bool {
    let Some(end) = line.total.as_ref().or(line.done.as_ref()).map(|r| r.end) else {
        return false;
    };
    let rest = doc
        .text(end..line.field.value.end)
        .trim_start()
        .to_lowercase();
    let rest = rest
        .strip_prefix("plans ")
        .or_else(|| rest.strip_prefix("plan "))
        .unwrap_or(&rest);
    ["completed", "complete", "done", "finished"]
        .iter()
        .any(|w| {
            rest.strip_prefix(w)
                .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
        })
}

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
pub(crate) fn phase_total(state: &StateDoc, before: &Ledger, phase: &PhaseNum) -> Option<u64> {
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
        new = measure(&after, &Reach::Milestone, Measure::Last)
            .filter(|_| group.is_some())
            .or_else(|| measure(&after, &Reach::Project, Measure::Last))
            .unwrap_or(0)
            .max(n);
    }
    (new != old).then_some(new)
}

/// How a `Phase: N of Y` total measures its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Measure {
    /// The number of phases (the ledger's phase count).
    Count,
    /// The highest integer phase number.
    Last,
}

/// The scope's measure in `ledger`; a milestone scope is the ledger's current milestone.
pub(super) fn measure(ledger: &Ledger, reach: &Reach, m: Measure) -> Option<u64> {
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
pub(super) fn leading_integer(text: &str) -> u64 {
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text[..digits].parse().unwrap_or(0)
}
