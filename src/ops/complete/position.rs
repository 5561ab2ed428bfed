//! `complete`, step 2: Current Position.
//!
//! `Plan:` gets the phase's completed count (or the plan id, in files that write one) with
//! its padding and suffix; `Status:` becomes `In progress` or `Phase complete`; `Last
//! activity:` gets today and the plan in the file's separator style. Progress (step 3) is
//! [`crate::ops::progress`], shared with `phase complete`.

use crate::edit::Edit;
use crate::ledger::Relation;
use crate::model::ids::{PlanId, plan_ids_in};
use crate::model::state::StateDoc;
use crate::model::status::StatusKind;
use crate::ops::Clock;
use crate::ops::complete::facts::Facts;
use crate::ops::phase_total::phase_total;
use crate::ops::position::{activity_edit, focus_edit, phase_line_edits};
use crate::ops::style::{done_suffix, pad_like, phase_like};

/// Step 2: `Plan:`, `Status:`, `Last activity:` (`what` is its text after the date), and
/// `Phase:` when the plan is in another phase.
pub fn position_edits(state: &StateDoc, facts: &Facts, clock: &Clock, what: &str) -> Vec<Edit> {
    let _doc = &state.doc;
    let pos = &state.position;
    let mut edits = Vec::new();
    // A plan of a later phase moves the position there, as `begin` would; a plan of an
    // earlier one is recorded without moving the position back.
    if let Some(line) = &pos.phase
        && line.number.is_some()
        && facts.relation == Relation::Later
    {
        // The new phase's name in the file's way of naming phases (slug or title).
        let name_like = |old: Option<&str>| {
            facts
                .before
                .phase_name_like(&facts.plan.phase, old)
                .or_else(|| facts.phase_name.clone())
        };
        let name = name_like(line.name.clone().map(|r| state.doc.text(r)));
        let name = name.as_deref();
        edits.extend(phase_line_edits(state, line, &facts.plan.phase, name, true));
        // `Phase: 6 of 5` would be false: the total grows as `begin` grows it.
        if let (Some(t), Some(new)) = (
            line.total.clone(),
            phase_total(state, &facts.before, &facts.plan.phase),
        ) {
            edits.push(Edit::replace(t.clone(), pad_like(new, state.doc.text(t))));
        }
        if let Some(focus) = &state.reference.current_focus {
            edits.extend(focus_edit(state, focus, &facts.plan.phase, name_like));
        }
    }
    if facts.moves_position() {
        edits.extend(plan_line_edits(state, facts));
        if let Some(status) = &pos.status {
            let text = facts.body_status(state);
            edits.push(crate::ops::field::set_field(state, status, &text));
        }
    }
    edits.extend(activity_edit(state, clock, what));
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
                let base = line.field.value.start;
                // `Plan: 02-01 + 02-02 complete`: a list of the plans done gains this one
                // after its last id, with the list's own separator.
                if let Some(list) = line.done_list(doc) {
                    if !list.ids.contains(&facts.plan) {
                        let shown = facts.plan.spelled_like(&list.ids[0]);
                        edits.push(Edit::insert(list.end, format!("{}{shown}", list.separator)));
                    }
                    let value = line.field.value(doc);
                    let from = list.end - base;
                    if let Some((r, text)) = detail_edit(value, from, facts) {
                        edits.push(Edit::replace(base + r.start..base + r.end, text));
                    }
                    return edits;
                }
                let new = if token.contains('-') {
                    let (ph, pl) = token.split_once('-').unwrap_or((token, token));
                    let shown = phase_like(&facts.plan.phase, ph);
                    format!("{shown}-{}", pad_like(u64::from(facts.plan.plan), pl))
                } else {
                    let same_phase = facts.relation == Relation::Current;
                    let old = line.done_count(doc).filter(|_| same_phase);
                    let after_counts = line.total.clone().unwrap_or(done.clone()).end;
                    let reading = LineReading {
                        says_done: says_count_done(doc.text(after_counts..line.field.value.end)),
                        kept_by_incumbent: state.kept_by_incumbent(),
                    };
                    pad_like(
                        plan_number(facts, old, reading).max(old.unwrap_or(0)),
                        token,
                    )
                };
                edits.push(Edit::replace(done.clone(), new));
                let value = line.field.value(doc);
                let from = line.total.clone().unwrap_or(done).end - line.field.value.start;
                if let Some((r, text)) = detail_edit(value, from, facts) {
                    edits.push(Edit::replace(base + r.start..base + r.end, text));
                } else if !facts.phase_complete
                    && let Some(r) = done_suffix(value, from)
                {
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
                        format!(
                            "{} of {total}",
                            plan_number(facts, None, LineReading::default())
                        ),
                    ));
                }
            }
        }
    }
    edits
}

/// The note in parentheses after `Plan: A of B`, when it reports work done: one that names
/// the plan done (`(02-01-PLAN.md completed)`, `(Plan 01 complete)`) names the plan
/// completed now; one that says the phase is done (`(all plans complete)`) goes while the
/// phase is not; one that says it has not started (`(ready to start)`) goes now that a plan
/// is done. The range within `value` (from `from`, the end of the counts) and its new text.
fn detail_edit(
    value: &str,
    from: usize,
    facts: &Facts,
) -> Option<(std::ops::Range<usize>, String)> {
    let tail = value.get(from..)?;
    let at = tail.find(" (")?;
    // Only a note right after the counts (`3 of 5 in current phase (…)` included), not one
    // further into prose.
    if tail[..at].contains(['(', ')', ';', '.']) {
        return None;
    }
    let open = from + at + 2;
    let close = open + crate::model::state::position::matching_paren(&value[open..])?;
    let inner = &value[open..close];
    let lower = inner.to_ascii_lowercase();
    let reports_done = ["complete", "done", "finished", "executed"]
        .iter()
        .any(|w| lower.contains(w));
    // `(ready to start)`, `(not started)`: untrue once a plan of the phase is done.
    let not_started = matches!(
        StatusKind::classify(inner),
        StatusKind::Planning | StatusKind::ReadyToExecute
    );
    // `(02-03 remaining)`: the plan left to do is the one done now; the note goes.
    let names_this_plan_left = plan_ids_in(inner).as_slice() == [facts.plan.clone()]
        && ["remaining", "left", "pending", "next", "to go"]
            .iter()
            .any(|w| lower.contains(w));
    if names_this_plan_left {
        return Some((from + at..close + 1, String::new()));
    }
    if !reports_done {
        return not_started.then(|| (from + at..close + 1, String::new()));
    }
    // `(1/2 plans done)`: the phase's counts, as `Plan:` has them now.
    if let Some((r, text)) = plans_count_in(inner, facts) {
        return Some((open + r.start..open + r.end, text));
    }
    match plan_ids_in(inner).as_slice() {
        [one] => {
            let old = one.to_string();
            let i = inner.find(&old)?;
            let new = facts.plan.spelled_like(one);
            (new != old).then(|| (open + i..open + i + old.len(), new))
        }
        [] => {
            // `(Plan 01 complete)`: the plan number alone, when it is the only number.
            let digits_at = |i: usize| inner[i..].chars().take_while(char::is_ascii_digit).count();
            if let Some(i) = lower.find("plan ").map(|i| i + 5)
                && digits_at(i) > 0
                && inner.matches(|c: char| c.is_ascii_digit()).count() == digits_at(i)
            {
                let digits = digits_at(i);
                let old = &inner[i..i + digits];
                let new = pad_like(u64::from(facts.plan.plan), old);
                return (new != old).then(|| (open + i..open + i + digits, new));
            }
            // A note about the phase as a whole (`(all plans complete)`) is untrue while it
            // goes on; after a move to another phase, any note was about the old one. A bare
            // `(COMPLETE)` in the same phase is the plan's own.
            let moved = facts.relation == Relation::Later;
            let whole_phase = lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "all" || w == "phase");
            (!facts.phase_complete && (moved || whole_phase))
                .then(|| (from + at..close + 1, String::new()))
        }
        _ => None,
    }
}

/// A count of the phase's plans in a note (`1/2 plans done`, `1/2 plans`): its range in
/// `inner` and the counts after this plan, each padded as written. The total grows only when
/// the count passes it.
fn plans_count_in(inner: &str, facts: &Facts) -> Option<(std::ops::Range<usize>, String)> {
    let slash = inner.find('/')?;
    let start = inner[..slash]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let digits = inner[slash + 1..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(inner.len() - slash - 1);
    let end = slash + 1 + digits;
    let (done, total) = (&inner[start..slash], &inner[slash + 1..end]);
    let (Ok(_), Ok(old_total)) = (done.parse::<u64>(), total.parse::<u64>()) else {
        return None;
    };
    if !inner[end..]
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("plan")
    {
        return None;
    }
    let new_total = facts.phase_total.unwrap_or(old_total).max(facts.phase_done);
    let text = format!(
        "{}/{}",
        pad_like(facts.phase_done, done),
        pad_like(new_total, total)
    );
    Some((start..end, text))
}

/// The number `Plan: A of B` gets: the count of plans done, or in a file whose `Plan:` names
/// the plan to run next, that plan's number (the last one's, once the phase is complete).
/// `old` is the count the line holds now, when it is a count of this phase.
fn plan_number(facts: &Facts, old: Option<u64>, reading: LineReading) -> u64 {
    let plan = u64::from(facts.plan.plan);
    if reading.says_done {
        // `6 of 8 complete`: a count of plans done, whatever else the file does.
        return if earlier_plan_left_open(facts) {
            facts.phase_done
        } else {
            facts.phase_done.max(plan)
        };
    }
    // The incumbent's `advance-plan` moves its pointer one plan on, whichever plan finished.
    if let Some(o) = old.filter(|&o| {
        facts.plan_names_next
            && reading.kept_by_incumbent
            && !facts.phase_complete
            && o > 0
            && o != plan
    }) {
        return (o + 1).min(facts.phase_total.unwrap_or(o + 1));
    }
    // `0 of 3` is a count whatever the status says: there is no plan 0 to run next.
    let names_next = facts.plan_names_next && old != Some(0);
    if !names_next {
        // Plans run in order: finishing plan 3 means three are done, even where earlier
        // plans left no SUMMARY behind (replaying real completions, authors catch the count
        // up to the plan's number more often than they add one to a stale count).
        return facts.phase_done.max(plan);
    }
    if facts.phase_complete {
        return facts.phase_total.unwrap_or(facts.phase_done).max(plan);
    }
    let phase = facts.after.phase(&facts.plan.phase);
    phase
        .and_then(|p| p.next_plan_after(&facts.plan))
        .map_or(plan + 1, |next| u64::from(next.id.plan))
}

/// What the `Plan:` line itself says about how it is kept.
#[derive(Debug, Clone, Copy, Default)]
struct LineReading {
    /// Its counts are followed by `complete`/`done`: a count of plans done.
    says_done: bool,
    /// The file is one the incumbent's `gsd-tools` keeps.
    kept_by_incumbent: bool,
}

/// `2 of 8 complete in phase 1`: the counts are followed by a word that says they count plans
/// done.
fn says_count_done(rest: &str) -> bool {
    let word = rest.trim_start().to_ascii_lowercase();
    ["complete", "done", "finished"]
        .iter()
        .any(|w| word.starts_with(w))
}

/// Whether an earlier plan of this phase is open by its own evidence: it has a PLAN file and
/// no SUMMARY in a phase whose other plans record their completion with SUMMARY files.
fn earlier_plan_left_open(facts: &Facts) -> bool {
    let Some(phase) = facts.after.phase(&facts.plan.phase) else {
        return false;
    };
    phase.keeps_summaries(Some(&facts.plan))
        && phase.plans_left_open().any(|p| p.id.plan < facts.plan.plan)
}
