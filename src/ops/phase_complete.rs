//! `gsd phase complete <N>`: finish a phase in every file that records it.
//!
//! - ROADMAP.md: the phase's checkbox (or ✅ glyph, with `(completed DATE)` only where the
//!   file's other finished phases carry one), every plan box of the phase, its row in each
//!   progress table (plans `S/P`, status in the table's own words, date), its `**Plans**:`
//!   field and `(N/M plans)` note: the same phase-level edits `state complete` makes when a
//!   plan finishes a phase ([`phase_edits`]).
//! - REQUIREMENTS.md, when the command layer passes it: the phase's requirements (its
//!   traceability rows, and the ids its ROADMAP.md section lists) get their checkbox ticked
//!   and their traceability status `Complete` in the table's vocabulary.
//! - STATE.md: when the position is on the phase, it moves to the next phase (the first
//!   phase after N, in ROADMAP.md or `phases/`, that is not complete, folder or not) with the
//!   edits `state begin` makes; with no phase left in the milestone the status becomes
//!   `Milestone complete` in the file's words and the position stays. Progress and the
//!   frontmatter mirrors are recounted in the scopes they already use.
//!
//! Refuses (exit 2, naming them) when plans of the phase have a PLAN file but neither a
//! SUMMARY nor a tick, unless forced. A second run changes nothing.

use crate::edit::Edit;
use crate::error::UserError;
use crate::ledger::{Ledger, PhaseEntry};
use crate::model::ids::PhaseNum;
use crate::model::requirements::Requirements;
use crate::model::roadmap::Roadmap;
use crate::model::state::StateDoc;
use crate::model::status::{StatusKind, status_word};
use crate::model::workspace::Workspace;
use crate::ops::begin::{Activity, start_edits};
use crate::ops::complete::position::position_edits;
use crate::ops::complete::roadmap::{PhaseTally, phase_edits};
use crate::ops::complete::{Facts, phase_facts};
use crate::ops::field::set_field;
use crate::ops::position::activity_edit;
use crate::ops::progress::{Step, frontmatter_progress, progress_edits};
use crate::ops::requirements::{requirement_edits, requirements_change};
use crate::ops::style::{date_separator_in, pad_like, phase_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter};

/// `phase complete`'s inputs. `requirements` is REQUIREMENTS.md as read by the command layer
/// (ops do no I/O), with the path to write it back to.
#[derive(Debug, Clone, Default)]
pub struct PhaseComplete<'a> {
    pub phase: &'a str,
    /// Complete the phase even when some of its plans have no SUMMARY.
    pub force: bool,
    /// Move STATE.md on to the next phase (or call the milestone complete).
    pub advance: bool,
    pub requirements: Option<&'a Requirements>,
}

/// Runs `phase complete`.
pub fn phase_complete(
    ws: &Workspace,
    clock: &Clock,
    args: &PhaseComplete,
) -> Result<Outcome, UserError> {
    let ledger = Ledger::build(ws, None);
    let n = known_phase(&ledger, args.phase, "complete")?;
    let entry = ledger.phase(&n);
    // STATE.md alone and nothing in it says a plan of the phase was done (`Plan: 0 of TBD`):
    // completing it would record work no file shows. (With ROADMAP.md, ticking a phase that
    // lists no plans is the author's call: real roadmaps do it.)
    if !args.force
        && !ledger.has_siblings
        && entry.is_none_or(|p| p.done() == 0 && !p.marked_complete)
    {
        return Err(UserError::new(format!("phase {n} has no plan recorded as done"))
            .hint(format!(
                "complete its plans first (`gsd state complete {}-01`), or pass --force to mark the phase complete anyway",
                n.padded(2)
            )));
    }
    let mut outstanding = outstanding_plans(entry);
    // STATE.md alone: its own `Plan: 1 of 2` is the only record, and it says plans remain.
    if !ledger.has_siblings
        && let Some(p) = entry.filter(|p| !p.marked_complete)
        && let Some(total) = p.total().filter(|t| *t > p.done())
    {
        outstanding.extend(
            (p.done() + 1..=total.min(p.done() + 20)).map(|k| format!("{}-{k:02}", n.padded(2))),
        );
    }
    if !outstanding.is_empty() && !args.force {
        return Err(UserError::new(format!(
            "phase {n} has plans without a SUMMARY: {}",
            outstanding.join(", ")
        ))
        .hint(format!(
            "finish them first (`gsd state complete {}`), or pass --force to complete the phase anyway",
            outstanding[0]
        )));
    }
    let after = ledger.completing_phase(&n);
    let date = clock.date();
    let mut out = Outcome::default();
    let mut notices = Vec::new();

    if let Some(roadmap) = &ws.roadmap {
        let edits = roadmap_edits(roadmap, &ledger, &after, &n, &date);
        if let Some(c) = file_change(ws, PlanningFile::Roadmap, &roadmap.doc.source, edits) {
            out.changes.push((c, format!("marked phase {n} complete")));
        }
    }
    if let Some(reqs) = args.requirements {
        let ids = phase_requirements(ws.roadmap.as_ref(), reqs, &n);
        let edits = requirement_edits(reqs, &ids);
        if let Some(c) = requirements_change(ws, reqs, edits) {
            out.changes
                .push((c, format!("{} requirement(s) complete", ids.len())));
        }
    }
    // Each file is brought up to date on its own: a STATE.md whose position already records
    // the phase keeps its position and dates (only its counters can still be behind),
    // whatever ROADMAP.md still lacked.
    let position = !state_records(ws, &ledger, &n, args.advance);
    let (edits, summary) = state_edits(
        ws,
        clock,
        (&ledger, &after),
        &n,
        Moves {
            position,
            advance: args.advance,
        },
        &mut notices,
    );
    if let Some(c) = file_change(ws, PlanningFile::State, &ws.state.doc.source, edits) {
        out.changes.push((c, summary));
    }
    out.notices = notices;
    if out.changes.is_empty() {
        out.message = Some(format!("phase {n} is already complete"));
    }
    Ok(out)
}

/// Parses a phase argument and checks it against what the project knows (exit 2 when
/// unknown); the number comes back as the project writes it (`12A`, not the `12a` typed).
/// `verb` names the command in the hint (`gsd phase <verb> 3`).
pub fn known_phase(ledger: &Ledger, raw: &str, verb: &str) -> Result<PhaseNum, UserError> {
    let n = PhaseNum::parse(raw).ok_or_else(|| {
        UserError::new(format!("`{raw}` is not a phase number")).hint(format!(
            "use e.g. `gsd phase {verb} 3` or `gsd phase {verb} 02.1`"
        ))
    })?;
    if !ledger.knows_phase(&n) {
        return Err(UserError::new(format!("phase {n} is not in this project"))
            .hint("check the number against ROADMAP.md or the phases/ folder"));
    }
    Ok(ledger.phase(&n).map_or(n, |p| p.number.clone()))
}

/// Whether STATE.md already records the phase complete, so a second run has nothing to add
/// to it (not even today's date): its position is past the phase, or on it with a finished
/// status (and not asked to move on).
fn state_records(ws: &Workspace, ledger: &Ledger, n: &PhaseNum, advance: bool) -> bool {
    let state = &ws.state;
    let status = state
        .position
        .status
        .as_ref()
        .map(|s| StatusKind::classify(s.value(&state.doc)));
    // `--advance` leaves the phase behind, or calls the milestone complete when it was the last.
    let finished = match status {
        Some(StatusKind::MilestoneComplete) => true,
        Some(StatusKind::PhaseComplete) => !advance,
        _ => false,
    };
    // `Plan: 2 of 3` beside `Phase complete` still lacks the last plan, and so does `2 of 2`
    // in a phase that grew a third (a gap-closure plan).
    let total = ledger.phase(n).and_then(PhaseEntry::total);
    let counter_full = state.position.plan.as_ref().is_none_or(|line| {
        let done = line.done_count(&state.doc);
        let of = line.total_count(&state.doc).max(total);
        match (done, of) {
            (Some(d), Some(t)) => d >= t,
            _ => true,
        }
    });
    match state.current_phase() {
        Some(c) if &c > n => true,
        Some(c) if &c == n => finished && counter_full,
        _ => false,
    }
}

/// Plans with a PLAN file that nothing records as done (no SUMMARY, no tick), canonical ids.
/// A phase ROADMAP.md already marks complete has none: its author has said so.
fn outstanding_plans(entry: Option<&PhaseEntry>) -> Vec<String> {
    let Some(p) = entry.filter(|p| !p.marked_complete) else {
        return Vec::new();
    };
    p.plans
        .iter()
        .filter(|e| e.evidence.plan_file && !e.done())
        .map(|e| e.id.canonical())
        .collect()
}

/// ROADMAP.md: every plan box of the phase, then the phase-level edits.
fn roadmap_edits(
    roadmap: &Roadmap,
    before: &Ledger,
    after: &Ledger,
    n: &PhaseNum,
    date: &str,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    if let Some(phase) = roadmap.phase(n) {
        for p in phase.plans.iter().filter(|p| !p.checkbox.checked) {
            edits.push(Edit::replace(p.checkbox.mark.clone(), "x"));
        }
    }
    let entry = after.phase(n);
    let done = entry.map_or(0, PhaseEntry::done);
    let tally = PhaseTally {
        phase: n.clone(),
        done,
        total: entry.and_then(PhaseEntry::total).map(|t| t.max(done)),
        complete: true,
        was_complete: roadmap.phase(n).is_some_and(|p| p.is_checked())
            || before.phase(n).is_some_and(|p| p.marked_complete),
    };
    edits.extend(phase_edits(roadmap, &tally, date));
    edits
}

/// The requirements phase `n` delivers: its traceability rows, then the ids its ROADMAP.md
/// section lists.
fn phase_requirements(roadmap: Option<&Roadmap>, reqs: &Requirements, n: &PhaseNum) -> Vec<String> {
    let mut ids = reqs.ids_of_phase(n);
    for id in roadmap.map(|r| r.requirement_ids(n)).unwrap_or_default() {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// STATE.md: the position, progress and frontmatter, and a summary line.
///
/// By default the position records the phase finished where it is (`Plan: 3 of 3`, the
/// file's words for a finished phase), as authors do in most commits that tick a phase's
/// box (replaying them: 86 of 121 stay on the phase); `advance` moves on to the next phase
/// as `state begin` would, or calls the milestone complete when none is left in it.
fn state_edits(
    ws: &Workspace,
    clock: &Clock,
    (before, after): (&Ledger, &Ledger),
    n: &PhaseNum,
    moves: Moves,
    notices: &mut Vec<String>,
) -> (Vec<Edit>, String) {
    let advance = moves.advance;
    let state = &ws.state;
    let mut edits = Vec::new();
    let current = state.current_phase();
    let on_phase = moves.position
        && match &current {
            Some(c) if c == n => true,
            // The position lags: it is on an earlier phase that is complete too.
            Some(c) if c < n => after.phase(c).is_none_or(PhaseEntry::complete),
            _ => false,
        };
    let next = after
        .next_phase(n)
        .filter(|next| same_milestone(after, n, next));
    let facts = phase_facts(ws, before, n);
    let summary = match (on_phase, advance, next, &facts) {
        (true, true, Some(next), _) => {
            let text = format!("Phase {n} complete, transitioned to Phase {}", next.number);
            let activity = Activity {
                body: text.clone(),
                frontmatter: text,
            };
            edits.extend(start_edits(ws, after, clock, &next.number, &activity));
            format!("phase {n} complete; now on phase {}", next.number)
        }
        (true, true, None, _) => {
            edits.extend(milestone_complete_edits(state, clock, n));
            format!("phase {n} complete; milestone complete")
        }
        (true, false, _, Some(facts)) => {
            edits.extend(position_edits(
                state,
                facts,
                clock,
                &format!("Phase {n} complete"),
            ));
            edits.extend(frontmatter_edits(state, clock, facts, n));
            match next {
                Some(next) => format!("phase {n} complete; next: phase {}", next.number),
                None => format!("phase {n} complete; the last phase of its milestone"),
            }
        }
        _ => {
            if let Some(c) = current.as_ref().filter(|c| *c < n && moves.position) {
                notices.push(format!(
                    "STATE.md is on phase {c}, which is not complete: position left where it is"
                ));
            }
            format!("phase {n} complete")
        }
    };
    // A running tally of phases counts the phases marked complete: this one joins it now
    // (its plans may all have been done before, but nothing had called it complete).
    let newly = !before.phase(n).is_some_and(|p| p.marked_complete);
    let step = Step {
        before,
        after,
        phase: n,
        newly_complete: newly,
        plans_done: 0,
        caught: 0,
    };
    edits.extend(progress_edits(ws, &step, notices));
    edits.extend(frontmatter_progress(ws, &step));
    (edits, summary)
}

/// Frontmatter keys that exist, for a phase recorded complete in place: the status mirror,
/// `last_activity`, `current_phase` when the position moved up to the phase, `current_plan`.
fn frontmatter_edits(state: &StateDoc, clock: &Clock, facts: &Facts, n: &PhaseNum) -> Vec<Edit> {
    let doc = &state.doc;
    if doc.frontmatter.is_empty() {
        return Vec::new();
    }
    let mut edits = frontmatter::set_status(doc, &facts.body_status(state));
    let today = clock.date();
    if let Some(old) = frontmatter::get(doc, "last_activity") {
        let new = if old.len() <= 10 {
            today
        } else {
            format!("{today}{}Phase {n} complete", date_separator_in(doc, old))
        };
        edits.extend(frontmatter::set(doc, "last_activity", &new));
    }
    if let Some(old) = frontmatter::get(doc, "current_phase")
        && PhaseNum::parse(old).is_some_and(|p| &p != n)
    {
        edits.extend(frontmatter::set(doc, "current_phase", &phase_like(n, old)));
    }
    if let Some(like) = frontmatter::get(doc, "current_plan")
        && like.trim().parse::<u64>().is_ok()
    {
        let done = facts.phase_total.unwrap_or(facts.phase_done);
        edits.extend(frontmatter::set(doc, "current_plan", &pad_like(done, like)));
    }
    edits.extend(frontmatter::set_timestamp(doc, "last_updated", clock.now));
    edits
}

/// What `state_edits` may change besides the counters.
#[derive(Debug, Clone, Copy)]
struct Moves {
    /// The position lines (STATE.md does not record the phase yet).
    position: bool,
    /// Move on to the next phase.
    advance: bool,
}

/// Whether `next` belongs to the milestone of phase `n` (or the roadmap has no milestones).
fn same_milestone(ledger: &Ledger, n: &PhaseNum, next: &PhaseEntry) -> bool {
    match (ledger.phase(n).and_then(|p| p.milestone), next.milestone) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// The last phase of the milestone is done: `Status:` in the file's words for a finished
/// milestone, `Last activity:` today, the frontmatter status mirrored. The position stays.
pub fn milestone_complete_edits(state: &StateDoc, clock: &Clock, n: &PhaseNum) -> Vec<Edit> {
    let doc = &state.doc;
    let pos = &state.position;
    let mut edits = Vec::new();
    let mut body = StatusKind::MilestoneComplete.template_word().to_string();
    if let Some(status) = &pos.status {
        body = status_word(
            StatusKind::MilestoneComplete,
            status.value(doc),
            n.as_str(),
            None,
        );
        edits.push(set_field(state, status, &body));
    }
    let text = format!("Phase {n} complete, milestone complete");
    let today = clock.date();
    edits.extend(activity_edit(state, clock, &text));
    edits.extend(frontmatter::set_status(doc, &body));
    if let Some(old) = frontmatter::get(doc, "last_activity") {
        let new = if old.len() <= 10 {
            today
        } else {
            format!("{today}{}{text}", date_separator_in(doc, old))
        };
        edits.extend(frontmatter::set(doc, "last_activity", &new));
    }
    edits.extend(frontmatter::set_timestamp(doc, "last_updated", clock.now));
    edits
}
