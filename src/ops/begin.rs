//! `gsd state begin <PHASE> [--plans N] [--name S]`: start a phase.
//!
//! Sets `Phase: N of Y (Name)` (keeping `of Y` and the number's padding), `Plan: 0 of C`,
//! `Status`, `Last activity` and `Current focus` in the shapes they already have. Idempotent:
//! when STATE.md is already on that phase nothing changes (not even the date).

use crate::edit::Edit;
use crate::error::UserError;
use crate::ledger::Ledger;
use crate::model::ids::PhaseNum;
use crate::model::state::StateDoc;
use crate::model::workspace::Workspace;
use crate::ops::complete::known_phase;
use crate::ops::decide::current_phase;
use crate::ops::set::set_field;
use crate::ops::style::{date_separator, done_suffix, pad_like, phase_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter};

/// `begin`'s inputs.
#[derive(Debug, Clone, Default)]
pub struct Begin<'a> {
    pub phase: &'a str,
    pub plans: Option<u32>,
    pub name: Option<&'a str>,
}

/// Runs `begin`.
pub fn begin(ws: &Workspace, clock: &Clock, args: &Begin) -> Result<Outcome, UserError> {
    let phase = PhaseNum::parse(args.phase).ok_or_else(|| {
        UserError::new(format!("`{}` is not a phase number", args.phase))
            .hint("use e.g. `gsd state begin 3` or `gsd state begin 02.1`")
    })?;
    let ledger = Ledger::build(ws, None);
    if !known_phase(ws, &ledger, &phase) {
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
    if current_phase(state).as_ref() == Some(&phase) {
        return Ok(Outcome::nothing(format!(
            "phase {phase} is already the current phase"
        )));
    }
    let entry = ledger.phase(&phase);
    let name = args
        .name
        .map(str::to_string)
        .or_else(|| entry.and_then(|p| p.name.clone()));
    let plans = args.plans.map(u64::from).or_else(|| {
        entry
            .filter(|p| p.has_folder || p.in_roadmap)
            .and_then(|p| p.total())
            .filter(|n| *n > 0)
    });
    let edits = begin_edits(state, clock, &phase, name.as_deref(), plans);
    let mut out = Outcome::default();
    if let Some(c) = file_change(ws, PlanningFile::State, &state.doc.source, edits) {
        out.changes.push((
            c,
            format!(
                "began phase {phase}{}",
                name.map_or(String::new(), |n| format!(" ({n})"))
            ),
        ));
    }
    Ok(out)
}

fn begin_edits(
    state: &StateDoc,
    clock: &Clock,
    phase: &PhaseNum,
    name: Option<&str>,
    plans: Option<u64>,
) -> Vec<Edit> {
    let doc = &state.doc;
    let pos = &state.position;
    let mut edits = Vec::new();
    if let Some(line) = &pos.phase {
        edits.extend(phase_line_edits(state, line, phase, name));
    }
    if let Some(line) = &pos.plan {
        match line.done.clone() {
            Some(done) => {
                let token = doc.text(done.clone());
                let zero = if token.contains('-') {
                    "0".to_string()
                } else {
                    pad_like(0, token)
                };
                edits.push(Edit::replace(done.clone(), zero));
                match (plans, line.total.clone()) {
                    // The old total belongs to the old phase.
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
                let value = line.field.value(doc);
                let base = line.field.value.start;
                let handled = line.total.as_ref().map_or(done.end, |t| t.end);
                if let Some(r) = done_suffix(value, handled - base) {
                    edits.push(Edit::replace(base + r.start..base + r.end, ""));
                }
            }
            None => {
                if let Some(c) = plans {
                    edits.push(set_field(state, &line.field, &format!("0 of {c}")));
                }
            }
        }
    }
    let ready = if plans.is_some() {
        "Ready to execute"
    } else {
        "Ready to plan"
    };
    if let Some(status) = &pos.status {
        edits.push(set_field(state, status, ready));
    }
    let today = clock.date();
    let started = match name {
        Some(n) => format!("Started phase {phase} ({n})"),
        None => format!("Started phase {phase}"),
    };
    if let Some(activity) = &pos.last_activity {
        let value = activity.field.value(doc);
        let new = match &activity.date {
            Some((_, d)) if d.start == activity.field.value.start && activity.text.is_none() => {
                today.clone()
            }
            Some((_, d)) if d.start == activity.field.value.start => {
                format!("{today}{}{started}", date_separator(value))
            }
            _ => format!("{today} — {started}"),
        };
        edits.push(set_field(state, &activity.field, &new));
    }
    if let Some(focus) = &state.reference.current_focus {
        edits.push(focus_edit(state, focus, phase, name));
    }
    edits.extend(frontmatter_edits(
        state,
        clock,
        phase,
        name,
        plans.is_some(),
    ));
    edits
}

/// `Phase: N of Y (Name)` for a new phase: the number in the line's padding, `of Y` kept, the
/// name replaced (or dropped when unknown: the old phase's name would be wrong), and the old
/// phase's status (`— EXECUTING`, `(complete)`, `— COMPLETE`) removed. Shared with `complete` when a plan moves to another phase.
pub fn phase_line_edits(
    state: &StateDoc,
    line: &crate::model::state::PhaseLine,
    phase: &PhaseNum,
    name: Option<&str>,
) -> Vec<Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    let shown = |written: &str| phase_like(phase, written);
    match line.number.clone() {
        Some(num) => {
            edits.push(Edit::replace(num.clone(), shown(doc.text(num.clone()))));
            let safe_name = name.map(|n| crate::ops::style::table_safe(doc, line.field.line, n));
            let name = safe_name.as_deref();
            match (name, line.name.clone(), line.total.clone()) {
                (Some(n), Some(r), _) => edits.push(Edit::replace(r, n)),
                (Some(n), None, Some(t)) => edits.push(Edit::insert(t.end, format!(" ({n})"))),
                // The old phase's name would be wrong for the new phase: drop it with its
                // parentheses or separator rather than leave it.
                (None, Some(r), total) => {
                    let from = total.map_or(num.end, |t| t.end);
                    let close = usize::from(doc.text(r.end..line.field.value.end).starts_with(')'));
                    edits.push(Edit::replace(from..r.end + close, ""));
                }
                _ => {}
            }
            let value = line.field.value(doc);
            let base = line.field.value.start;
            let handled = [
                Some(num.end),
                line.total.as_ref().map(|t| t.end),
                line.name.as_ref().map(|n| n.end),
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(num.end);
            // A status after the number (`— EXECUTING`, `(complete)`) described the old
            // phase: drop it with its separator.
            let from = handled
                + (doc.text(handled..line.field.value.end).len()
                    - doc
                        .text(handled..line.field.value.end)
                        .trim_start_matches(')')
                        .len());
            let stale_status = line.status.clone().filter(|st| {
                st.start >= from
                    && doc
                        .text(from..st.start)
                        .chars()
                        .all(|c| c.is_whitespace() || "—–-:(".contains(c))
            });
            if let Some(st) = stale_status {
                let opened = doc.text(from..st.start).contains('(');
                let close =
                    usize::from(opened && doc.text(st.end..line.field.value.end).starts_with(')'));
                edits.push(Edit::replace(from..st.end + close, ""));
            } else if let Some(r) = done_suffix(value, handled - base) {
                edits.push(Edit::replace(base + r.start..base + r.end, ""));
            }
        }
        None => {
            let text = match name {
                Some(n) => format!("{phase} ({n})"),
                None => phase.to_string(),
            };
            edits.push(set_field(state, &line.field, &text));
        }
    }
    edits
}

/// `Current focus: Phase 2 - Name` → `Phase 3 - New name` in the same form.
pub fn focus_edit(
    state: &StateDoc,
    focus: &crate::model::Field,
    phase: &PhaseNum,
    name: Option<&str>,
) -> Edit {
    let value = focus.value(&state.doc);
    if let Some(rest) = value.strip_prefix("Phase ") {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(rest.len());
        let after = &rest[num_len..];
        let sep_len = [" — ", " - ", " -- ", ": ", " – "]
            .iter()
            .find(|s| after.starts_with(**s))
            .map_or(0, |s| s.len());
        let sep = if sep_len > 0 {
            &after[..sep_len]
        } else {
            " — "
        };
        let shown = phase_like(phase, &rest[..num_len]);
        let text = match name {
            Some(n) => format!("Phase {shown}{sep}{n}"),
            None => format!("Phase {shown}"),
        };
        return set_field(state, focus, &text);
    }
    let text = match name {
        Some(n) => format!("Phase {phase} — {n}"),
        None => format!("Phase {phase}"),
    };
    set_field(state, focus, &text)
}

fn frontmatter_edits(
    state: &StateDoc,
    clock: &Clock,
    phase: &PhaseNum,
    name: Option<&str>,
    planned: bool,
) -> Vec<Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    let body_status = if planned {
        "Ready to execute"
    } else {
        "Ready to plan"
    };
    edits.extend(frontmatter::set_status(doc, body_status));
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
    if let Some(old) = frontmatter::get(doc, "last_activity") {
        let today = clock.date();
        let new = if old.len() <= 10 {
            today
        } else {
            format!("{today}{}Started phase {phase}", date_separator(old))
        };
        edits.extend(frontmatter::set(doc, "last_activity", &new));
    }
    edits.extend(frontmatter::set_timestamp(doc, "last_updated", clock.now));
    edits
}
