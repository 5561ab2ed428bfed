//! How many plans the new phase has: `begin`'s `Plan: A of M` comes from the ledger in the
//! scope the file already counts, and never ends below where the file stands. (The `Phase: N
//! of Y` total is [`crate::ops::phase_total`], shared with `complete`.)

use super::plan_line::own_plan_line;
use crate::ledger::PhaseEntry;
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
