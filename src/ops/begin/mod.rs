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
use crate::ledger::Ledger;
use crate::model::field::field_at;
use crate::model::ids::PhaseNum;
use crate::model::state::StateDoc;
use crate::model::state::labels;
use crate::model::status::{StatusKind, in_case_of, status_word};
use crate::model::workspace::Workspace;
use crate::ops::field::set_field;
use crate::ops::position::{
    activity_edit, focus_edit, frontmatter_activity_edits, phase_line_edits,
};
use crate::ops::style::{pad_like, phase_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter};
use crate::syntax::Doc;
use crate::syntax::kv::normalize_label;

mod counts;
mod plan_line;

use crate::ops::phase_total::phase_total;
use counts::plan_counter;
use plan_line::{own_plan_line, plan_line_edits};

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
        edits.extend(phase_line_edits(state, line, phase, name, false));
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
        edits.extend(focus_edit(state, focus, phase, |_| {
            name.map(str::to_string)
        }));
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
