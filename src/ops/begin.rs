//! `gsd state begin <PHASE> [--plans N] [--name S]`: start a phase.
//!
//! Sets `Phase: N of Y (Name)` (the number's padding kept; `of Y` grows with the roadmap in
//! the scope it measures and never ends below N), `Plan:` in the file's counter convention
//! (`1 of M`, the plan about to run, once the phase has plans and the file has a status to say
//! so; `0 of M` for a file that counts plans done, or a phase not planned yet), `Status` in the
//! file's own words and case (`Ready to plan` / `Ready to execute`), `Last activity` and
//! `Current focus` in the shapes they already have, and the frontmatter keys that exist (a
//! `status:` token stays a token). Only the lines of the current position change: a `Plan:`
//! line of a second, stacked position block is history.
//! Idempotent: when STATE.md is already on that phase nothing changes (not even the date); a
//! phase before the current one is refused (a position never moves back).

use crate::edit::Edit;
use crate::error::UserError;
use crate::ledger::{Ledger, PhaseEntry, Reach, Scope, Unit};
use crate::model::field::field_at;
use crate::model::ids::PhaseNum;
use crate::model::state::labels;
use crate::model::state::{PlanLine, StateDoc};
use crate::model::status::{StatusKind, in_case_of, status_word};
use crate::model::workspace::Workspace;
use crate::ops::field::set_field;
use crate::ops::position::{
    activity_edit, focus_edit, frontmatter_activity_edits, phase_line_edits,
};
use crate::ops::style::{done_suffix, pad_like, phase_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter};
use crate::syntax::Doc;
use crate::syntax::kv::normalize_label;

/// `begin`'s inputs.
#[derive(Debug, Clone, Default)]
pub struct Begin<'a> {
    pub phase: &'a str,
    pub plans: Option<u32>,
    pub name: Option<&'a str>,
}

/// What `begin` writes, decided from the ledger and the file before any edit is made.
#[derive(Debug, Clone)]
struct Start<'a> {
    phase: &'a PhaseNum,
    /// The phase STATE.md is on now.
    from: Option<PhaseNum>,
    name: Option<String>,
    /// Plans in the phase, when anything says how many.
    plans: Option<u64>,
    /// The phase has plans (PLAN or SUMMARY files, `--plans`): ready to execute, not to plan.
    planned: bool,
    /// The value of the plan counter's first number (`1` in `1 of 3`).
    counter: u64,
    /// The new `of Y` of the `Phase:` line, when it changes.
    phase_total: Option<u64>,
}

impl<'a> Start<'a> {
    /// What starting `phase` means, from the ledger, the file, and what the caller says (a
    /// name and a plan count override what the files know).
    fn new(
        ws: &Workspace,
        ledger: &Ledger,
        phase: &'a PhaseNum,
        name: Option<&str>,
        plans_given: Option<u64>,
    ) -> Start<'a> {
        let state = &ws.state;
        let entry = ledger.phase(phase);
        let name = name
            .map(str::to_string)
            .or_else(|| entry.and_then(|p| p.name.clone()));
        let plans = plans_given.or_else(|| {
            entry
                .filter(|p| p.has_folder || p.in_roadmap)
                .and_then(|p| p.total())
                .filter(|n| *n > 0)
        });
        // A phase has plans once `phases/` holds them (or the caller says how many); a count
        // ROADMAP.md writes ahead of planning (`Plans: TBD` with a tentative list) does not
        // make it planned. Without a `phases/` folder ROADMAP.md is all there is to go by.
        let planned = plans_given.is_some_and(|n| n > 0)
            || entry.is_some_and(|p| {
                p.plans
                    .iter()
                    .any(|e| e.evidence.plan_file || e.evidence.summary_file)
            })
            || (ws.phases.is_none() && plans.is_some());
        Start {
            phase,
            from: state.current_phase(),
            name,
            plans,
            planned,
            counter: plan_counter(state, entry, plans, planned),
            phase_total: phase_total(state, ledger, phase),
        }
    }
}

/// The text after the date of the last activity, in the body and in the frontmatter.
#[derive(Debug, Clone)]
pub struct Activity {
    pub body: String,
    pub frontmatter: String,
}

/// The STATE.md edits that move the position to `phase` (the edits `begin` makes), with
/// `activity` as the last activity's text. Shared with `phase complete`, which moves the
/// position to the next phase; `ledger` is the project as it stands after the change.
pub fn start_edits(
    ws: &Workspace,
    ledger: &Ledger,
    clock: &Clock,
    phase: &PhaseNum,
    activity: &Activity,
) -> Vec<Edit> {
    let start = Start::new(ws, ledger, phase, None, None);
    begin_edits(&ws.state, clock, &start, activity)
}

/// Runs `begin`.
pub fn begin(ws: &Workspace, clock: &Clock, args: &Begin) -> Result<Outcome, UserError> {
    let phase = PhaseNum::parse(args.phase).ok_or_else(|| {
        UserError::new(format!("`{}` is not a phase number", args.phase))
            .hint("use e.g. `gsd state begin 3` or `gsd state begin 02.1`")
    })?;
    let ledger = Ledger::build(ws, None);
    if !ledger.knows_phase(&phase) {
        return Err(
            UserError::new(format!("phase {phase} is not in this project"))
                .hint("check the number against ROADMAP.md or the phases/ folder"),
        );
    }
    let state = &ws.state;
    if state.position.phase.is_none() {
        return Err(
            crate::ops::state_error("has no `Phase:` line to start a phase in")
                .hint("add `Phase: N of M (Name)` under `## Current Position` first"),
        );
    }
    let current = state.current_phase();
    if current.as_ref() == Some(&phase) {
        return Ok(Outcome::nothing(format!(
            "phase {phase} is already the current phase"
        )));
    }
    if let Some(c) = current.as_ref().filter(|c| phase < **c) {
        return Err(crate::ops::state_error(format!(
            "phase {phase} is before the current phase {c}: a position never moves back"
        ))
        .hint(format!(
            "to reopen phase {phase}, set the position by hand: `gsd state set phase \"{phase} ...\"`"
        )));
    }
    let start = Start::new(ws, &ledger, &phase, args.name, args.plans.map(u64::from));
    let name = start.name.clone();
    // The frontmatter has `current_phase_name` for the name; the body's activity line not.
    let activity = Activity {
        body: match &name {
            Some(n) => format!("Started phase {phase} ({n})"),
            None => format!("Started phase {phase}"),
        },
        frontmatter: format!("Started phase {phase}"),
    };
    let edits = begin_edits(state, clock, &start, &activity);
    let mut out = Outcome::default();
    if let Some(c) = file_change(ws, PlanningFile::State, &state.doc.source, edits) {
        out.changes.push((
            c,
            format!(
                "began phase {phase}{}",
                name.as_ref().map_or(String::new(), |n| format!(" ({n})"))
            ),
        ));
    }
    Ok(out)
}

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
fn plan_counter(
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
fn counts_done(state: &StateDoc) -> bool {
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
fn says_complete(doc: &Doc, line: &PlanLine) -> bool {
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
fn phase_total(state: &StateDoc, before: &Ledger, phase: &PhaseNum) -> Option<u64> {
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

/// The position's `Plan:` line, unless it belongs to another block: a second `Phase:` line
/// between it and the position's own stacks an older position (`Phase: 27.2 …` then `Phase:
/// 27.1 …` with `Plan: 27.1-01 …` under it), and that plan line is history.
fn own_plan_line(state: &StateDoc) -> Option<&PlanLine> {
    let doc = &state.doc;
    let plan = state.position.plan.as_ref()?;
    let Some(phase) = state.position.phase.as_ref() else {
        return Some(plan);
    };
    let (a, b) = (phase.field.line, plan.field.line);
    let between = a.min(b) + 1..a.max(b);
    let stacked = between.into_iter().any(|i| is_phase_field(doc, i));
    (!stacked).then_some(plan)
}

fn is_phase_field(doc: &Doc, i: usize) -> bool {
    field_at(doc, i)
        .is_some_and(|f| labels::PHASE.contains(&normalize_label(f.label(doc)).as_str()))
}

fn begin_edits(state: &StateDoc, clock: &Clock, start: &Start, activity: &Activity) -> Vec<Edit> {
    let started = &activity.body;
    let doc = &state.doc;
    let pos = &state.position;
    let (phase, name) = (start.phase, start.name.as_deref());
    let mut edits = Vec::new();
    if let Some(line) = &pos.phase {
        edits.extend(phase_line_edits(state, line, phase, name));
        if let (Some(t), Some(new)) = (line.total.clone(), start.phase_total) {
            let written = doc.text(t.clone());
            edits.push(Edit::replace(t, pad_like(new, written)));
        }
    }
    if let Some(line) = own_plan_line(state) {
        edits.extend(plan_line_edits(state, line, start));
    }
    let target = if start.planned {
        StatusKind::ReadyToExecute
    } else {
        StatusKind::Planning
    };
    let body_status = pos.status.as_ref().map(|status| {
        let new = status_word_for(target, status.value(doc), phase);
        edits.push(set_field(state, status, &new));
        new
    });
    edits.extend(activity_edit(state, clock, started));
    if let Some(focus) = &state.reference.current_focus {
        edits.push(focus_edit(state, focus, phase, name));
    }
    let body_status = body_status.unwrap_or_else(|| target.template_word().to_string());
    edits.extend(frontmatter::set_status(doc, &body_status));
    edits.extend(frontmatter_edits(
        state,
        clock,
        phase,
        name,
        &activity.frontmatter,
    ));
    edits
}

/// The body status for the new phase in the file's words ([`status_word`]): a value that
/// already means `target` is kept, else the template's words in the value's letter case. A
/// capitalised label before a number (`Executing Phase 01`, `Executing Wave 1`) is a name, not
/// a sign of Title Case.
fn status_word_for(target: StatusKind, current: &str, phase: &PhaseNum) -> String {
    let new = status_word(target, current, phase.as_str(), None);
    if !new.eq_ignore_ascii_case(target.template_word()) {
        return new;
    }
    let words: Vec<&str> = current.split_whitespace().collect();
    let sample: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !words
                .get(i + 1)
                .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|(_, w)| *w)
        .collect();
    in_case_of(target.template_word(), &sample.join(" "))
}

/// `Plan: A of M` for the new phase: the counter in its padding (a plan id token becomes the
/// new phase's plan id, or `0` before there are plans), the total the phase's plan count (or
/// `TBD`: the old total belongs to the old phase), and the old phase's `— COMPLETE` dropped.
fn plan_line_edits(state: &StateDoc, line: &PlanLine, start: &Start) -> Vec<Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    let counter = start.counter;
    match line.done.clone() {
        Some(done) => {
            let token = doc.text(done.clone());
            let first = match token.rsplit_once('-') {
                // `07-02 of 2`: the plan about to run, as a plan id in the token's spelling.
                Some((ph, pl)) if counter > 0 => {
                    format!("{}-{}", phase_like(start.phase, ph), pad_like(counter, pl))
                }
                Some(_) => "0".to_string(),
                None => pad_like(counter, token),
            };
            edits.push(Edit::replace(done.clone(), first));
            match (start.plans, line.total.clone()) {
                (None, Some(t)) => edits.push(Edit::replace(t, "TBD")),
                (Some(c), Some(t)) => {
                    edits.push(Edit::replace(t.clone(), pad_like(c, doc.text(t))))
                }
                (Some(c), None) => edits.push(Edit::insert(
                    done.end,
                    format!(" of {}", pad_like(c, token)),
                )),
                _ => {}
            }
            let handled = line.total.as_ref().map_or(done.end, |t| t.end);
            edits.extend(plan_tail_edits(doc, line, handled, start));
        }
        None => {
            if let Some(c) = start.plans {
                edits.push(set_field(state, &line.field, &format!("{counter} of {c}")));
            }
        }
    }
    edits
}

/// What follows the counter on a `Plan:` line describes the old phase: a note of what was
/// done (`(01-06 complete)`, `(all done)`, `— COMPLETE`, `— Phase 1 + gap closure DONE)`) is
/// dropped whole, parentheses and all, and a `Phase N` naming the old phase (`2 of 2 complete
/// in Phase 5`) names the new one. The rest (`in current phase`, `complete` as the counter's
/// own word) stays.
fn plan_tail_edits(doc: &Doc, line: &PlanLine, handled: usize, start: &Start) -> Vec<Edit> {
    let value = line.field.value(doc);
    let base = line.field.value.start;
    let from = handled - base;
    let tail = &value[from..];
    let mut edits = Vec::new();
    // `19-01 COMPLETE — …`, `14-02 (in progress)`, `01-01 (Backend Init) — Ready to execute`:
    // after a plan id everything is about that plan.
    if line.plan_id(doc).is_some() {
        let end = value.trim_end_matches(['*', '`']).len().max(from);
        if end > from {
            edits.push(Edit::replace(handled..base + end, ""));
        }
        return edits;
    }
    let mut dropped = value.len()..value.len();
    let noted = |text: &str| {
        let lower = text.to_lowercase();
        ["complete", "done", "finished", "executed", "verified"]
            .iter()
            .any(|w| lower.contains(w))
            || !crate::model::ids::plan_ids_in(text).is_empty()
    };
    // ` (…done…)`: the first parenthetical that reports work done.
    let paren = tail.match_indices(" (").find_map(|(i, _)| {
        let open = from + i + 1;
        let close =
            crate::model::state::position::matching_paren(&value[open + 1..]).map(|c| open + 1 + c);
        let inner = &value[open + 1..close.unwrap_or(value.len())];
        noted(inner).then(|| from + i..close.map_or(value.len(), |c| c + 1))
    });
    if let Some(r) = paren {
        dropped = r;
    } else if let Some(r) = done_suffix(value, from) {
        // A dash note inside an unclosed parenthesis takes the parenthesis with it.
        let before = &value[from..r.start];
        let start = match (before.rfind('('), before.rfind(')')) {
            (Some(o), c) if c.is_none_or(|c| c < o) => {
                from + value[from..from + o].trim_end().len()
            }
            _ => r.start,
        };
        dropped = start..r.end;
    }
    if !dropped.is_empty() {
        edits.push(Edit::replace(base + dropped.start..base + dropped.end, ""));
    }
    // `in Phase 5` → `in Phase 6`, outside what was dropped.
    if let Some(old) = &start.from {
        let lower = value.to_ascii_lowercase();
        let mut at = from;
        while let Some(i) = lower[at..].find("phase ") {
            let num_start = at + i + "phase ".len();
            let rest = &value[num_start..];
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
                .unwrap_or(rest.len());
            let written = rest[..len].trim_end_matches('.');
            at = num_start;
            let outside = num_start + written.len() <= dropped.start || num_start >= dropped.end;
            if outside && PhaseNum::parse(written).is_some_and(|n| &n == old) {
                edits.push(Edit::replace(
                    base + num_start..base + num_start + written.len(),
                    phase_like(start.phase, written),
                ));
                break;
            }
        }
    }
    edits
}

fn frontmatter_edits(
    state: &StateDoc,
    clock: &Clock,
    phase: &PhaseNum,
    name: Option<&str>,
    started: &str,
) -> Vec<Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    if let Some(old) = frontmatter::get(doc, "current_phase") {
        edits.extend(frontmatter::set(
            doc,
            "current_phase",
            &phase_like(phase, old),
        ));
    }
    if let Some(n) = name {
        edits.extend(frontmatter::set(doc, "current_phase_name", n));
    }
    edits.extend(frontmatter_activity_edits(doc, clock, started));
    edits.extend(frontmatter::set_timestamp(doc, "last_updated", clock.now));
    edits
}
