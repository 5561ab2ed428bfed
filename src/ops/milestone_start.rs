//! `gsd milestone start <vX.Y>`: moves STATE.md to the new milestone, as the workflow's
//! `state.milestone-switch` does, but by editing only what must change: the frontmatter keys
//! that exist (`milestone`, `milestone_name`, `status`, dates, and the `progress:` counters,
//! zeroed: the new milestone has no phases yet), and in the body the `Milestone:` field,
//! `Phase:` / `Plan:` / `Status:` for a milestone that is defining its requirements, the
//! current focus and the last activity. The Progress line stays, in its own shape (bar width
//! and glyphs, note), at 0% (the workflow drops the line). Idempotent: a second run changes
//! nothing.

use crate::error::UserError;
use crate::ledger::Ledger;
use crate::model::status::StatusKind;
use crate::model::workspace::Workspace;
use crate::ops::field::set_field;
use crate::ops::milestone_names::{names_version, version};
use crate::ops::style::{date_separator, render_bar};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter};

/// `milestone start`'s inputs.
#[derive(Debug, Clone, Default)]
pub struct MilestoneStart<'a> {
    pub version: &'a str,
    pub name: Option<&'a str>,
}

/// Runs `milestone start`.
pub fn milestone_start(
    ws: &Workspace,
    clock: &Clock,
    args: &MilestoneStart,
) -> Result<Outcome, UserError> {
    let v = version(args.version)?;
    let state = &ws.state;
    let doc = &state.doc;
    let pos = &state.position;
    let on_it = frontmatter::get(doc, "milestone").is_some_and(|m| names_version(m, &v))
        || pos
            .milestone
            .as_ref()
            .is_some_and(|f| names_version(f.value(doc), &v))
        || pos.last_activity.as_ref().is_some_and(|a| {
            a.field
                .value(doc)
                .contains(&format!("Milestone {v} started"))
        });
    if on_it {
        return Ok(Outcome::nothing(format!(
            "STATE.md is already on milestone {v}"
        )));
    }
    let ledger = Ledger::build(ws, None);
    let status_done = pos
        .status
        .as_ref()
        .is_some_and(|s| StatusKind::classify(s.value(doc)) == StatusKind::MilestoneComplete);
    let open: Vec<String> = ledger
        .phases
        .iter()
        .filter(|p| !p.complete() && (p.has_folder || p.plans.iter().any(|e| e.done())))
        .map(|p| p.number.to_string())
        .collect();
    if !status_done && !open.is_empty() {
        return Err(UserError::new(format!(
            "the current milestone is not complete (phases {} are open)",
            open.join(", ")
        ))
        .in_file(Workspace::display_path("STATE.md"))
        .hint("close it first with `gsd milestone complete <version>` (add --force to close it with open phases)"));
    }
    let today = clock.date();
    let label = match args.name {
        Some(n) => format!("{v} {n}"),
        None => v.clone(),
    };
    let mut edits = Vec::new();
    edits.extend(frontmatter::set(doc, "milestone", &v));
    if let Some(n) = args.name {
        edits.extend(frontmatter::set(doc, "milestone_name", n));
    }
    edits.extend(frontmatter::set(doc, "status", "planning"));
    edits.extend(frontmatter::set(
        doc,
        "stopped_at",
        &format!("Milestone {v} started"),
    ));
    if let Some(old) = frontmatter::get(doc, "last_activity") {
        let new = if old.len() <= 10 {
            today.clone()
        } else {
            format!("{today}{}Milestone {v} started", date_separator(old))
        };
        edits.extend(frontmatter::set(doc, "last_activity", &new));
    }
    edits.extend(frontmatter::set_timestamp(doc, "last_updated", clock.now));
    edits.extend(progress_reset(state));
    if let Some(f) = &pos.milestone {
        edits.push(set_field(state, f, &label));
    }
    if let Some(p) = &pos.phase {
        edits.push(set_field(
            state,
            &p.field,
            "Not started (defining requirements)",
        ));
    }
    if let Some(p) = &pos.plan {
        edits.push(set_field(state, &p.field, "—"));
    }
    if let Some(s) = &pos.status {
        let word = crate::model::status::in_case_of("Defining requirements", s.value(doc));
        edits.push(set_field(state, s, &word));
    }
    if let Some(f) = &state.reference.current_focus {
        edits.push(set_field(
            state,
            f,
            &format!("Milestone {label} — defining requirements"),
        ));
    }
    if let Some(a) = &pos.last_activity {
        let value = a.field.value(doc);
        let new = format!("{today}{}Milestone {label} started", date_separator(value));
        edits.push(set_field(state, &a.field, &new));
    }
    let mut out = Outcome::default();
    if let Some(c) = file_change(ws, PlanningFile::State, &doc.source, edits) {
        out.changes.push((c, format!("started milestone {label}")));
    }
    if out.changes.is_empty() {
        out.message = Some(format!("STATE.md is already on milestone {v}"));
    }
    Ok(out)
}

/// The frontmatter's `progress:` counters zeroed (each key the file has), and the Progress
/// line's percent and bar at 0% in their own shape.
fn progress_reset(state: &crate::model::state::StateDoc) -> Vec<crate::edit::Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    for key in [
        "total_phases",
        "completed_phases",
        "total_plans",
        "completed_plans",
        "percent",
    ] {
        let path = format!("progress.{key}");
        if frontmatter::get(doc, &path).is_some() {
            edits.extend(frontmatter::set(doc, &path, "0"));
        }
    }
    if let Some(line) = &state.position.progress {
        if let Some(r) = &line.percent {
            edits.push(crate::edit::Edit::replace(r.clone(), "0"));
        }
        if let Some(bar) = &line.bar {
            edits.push(crate::edit::Edit::replace(
                bar.span.clone(),
                render_bar(bar, 0),
            ));
        }
    }
    edits
}
