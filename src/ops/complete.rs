//! `gsd state complete <PLAN>`: everything DESIGN.md §4 asks, in one edit set per file.
//!
//! The op first refuses what it cannot do (a malformed id, an unknown phase, no duration) and
//! notices an already-completed plan (ROADMAP ticks it, or STATE says it was the last plan
//! completed) — both before computing any edit, so a refusal writes nothing and a second run
//! changes nothing. Then it derives the facts once ([`Facts`]: counts from ROADMAP, else
//! `phases/`, else STATE itself) and every step edits its own lines from them.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::phases::SummaryInfo;
use crate::model::state::StateDoc;
use crate::model::values::parse_minutes;
use crate::model::values::percent;
use crate::model::workspace::Workspace;
use crate::ops::complete_metrics::metrics_edits;
use crate::ops::complete_position::{position_edits, progress_edits};
use crate::ops::complete_roadmap::{
    overall_counts, phase_counts, phase_counts_from_fields, roadmap_edits,
};
use crate::ops::decide::current_phase;
use crate::ops::session::session_edits;
use crate::ops::style::{date_separator, pad_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter, state_error};

/// `complete`'s inputs. `summary_file` is the plan's SUMMARY.md as read by the command layer
/// (ops do no I/O).
#[derive(Debug, Clone, Default)]
pub struct Complete<'a> {
    pub plan: &'a str,
    pub duration: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub resume_file: Option<&'a str>,
    pub summary_file: Option<SummaryInfo>,
    /// The title of the plan's PLAN.md (`# Plan 03-02: PDF layout` → `PDF layout`).
    pub plan_title: Option<String>,
}

/// What completing the plan means, derived once and shared by every step.
#[derive(Debug, Clone)]
pub struct Facts {
    pub plan: PlanId,
    pub minutes: f64,
    /// Completed plans in the phase, this one included.
    pub phase_done: u64,
    pub phase_total: Option<u64>,
    pub phase_complete: bool,
    /// The phase already counted as complete before this plan (a plan beyond its total).
    pub was_complete: bool,
    pub phase_name: Option<String>,
    /// The phase folder's slug (`api-pagination`), when `phases/` has the phase.
    pub phase_slug: Option<String>,
}

/// Parses and checks a plan id against what the workspace knows (exit 2 when unknown).
pub fn known_plan(ws: &Workspace, raw: &str) -> Result<PlanId, UserError> {
    let plan = PlanId::parse(raw).ok_or_else(|| {
        UserError::new(format!("`{raw}` is not a plan id"))
            .hint("use PHASE-PLAN, e.g. `gsd state complete 02-01`")
    })?;
    let phase = &plan.phase;
    if !known_phase(ws, phase) {
        return Err(UserError::new(format!(
            "phase {phase} (of plan {plan}) is not in this project"
        ))
        .hint("check the id against ROADMAP.md or the phases/ folder"));
    }
    Ok(plan)
}

/// Whether the workspace knows `phase`: ROADMAP.md or `phases/` when they list phases, else
/// STATE.md itself.
pub fn known_phase(ws: &Workspace, phase: &PhaseNum) -> bool {
    let in_roadmap = ws.roadmap.as_ref().filter(|r| !r.phases.is_empty());
    let in_dirs = ws.phases.as_ref().filter(|p| !p.phases.is_empty());
    match (in_roadmap, in_dirs) {
        (None, None) => state_knows_phase(&ws.state, phase),
        (r, d) => {
            r.is_some_and(|r| r.phase(phase).is_some())
                || d.is_some_and(|d| d.phase(phase).is_some())
        }
    }
}

/// Without ROADMAP.md or `phases/`, only STATE.md's own `Phase: N of M` total can refuse a
/// phase: the By Phase rows list finished phases, not the plan, so a file without a total
/// (`Phase: 7 - Database Setup`) accepts the next phase, and any other.
fn state_knows_phase(state: &StateDoc, phase: &PhaseNum) -> bool {
    let doc = &state.doc;
    let line = state.position.phase.as_ref();
    let current = current_phase(state);
    let total = line
        .and_then(|l| l.total.clone())
        .and_then(|r| doc.text(r).parse::<u64>().ok());
    let rows = state.metrics.by_phase.as_ref();
    if total.is_none() {
        return true;
    }
    current.as_ref() == Some(phase)
        || rows.is_some_and(|t| t.row(phase).is_some())
        || matches!((phase.as_integer(), total), (Some(n), Some(t)) if n >= 1 && n <= t)
        || matches!((phase.as_integer(), total), (None, Some(t)) if phase.padded(1).split('.').next().and_then(|n| n.parse::<u64>().ok()).is_some_and(|n| n <= t))
}

/// Whether the plan is already recorded as complete: ticked in ROADMAP.md, or named by
/// STATE.md as the last plan completed.
pub fn already_complete(ws: &Workspace, plan: &PlanId) -> bool {
    if ws
        .roadmap
        .as_ref()
        .and_then(|r| r.plan(plan))
        .is_some_and(|p| p.checkbox.checked)
    {
        return true;
    }
    let state = &ws.state;
    let doc = &state.doc;
    let says_completed = |text: &str| {
        // ASCII lower-casing keeps byte offsets, so `i` indexes `text` too.
        let lower = text.to_ascii_lowercase();
        lower.find("completed ").is_some_and(|i| {
            crate::model::ids::plan_ids_in(&text[i..])
                .first()
                .is_some_and(|id| id == plan)
        }) && !lower.contains("not completed")
    };
    let activity = state
        .position
        .last_activity
        .as_ref()
        .map(|a| a.field.value(doc));
    let stopped = state.session.stopped_at.as_ref().map(|f| f.value(doc));
    activity.is_some_and(says_completed) || stopped.is_some_and(says_completed)
}

/// Runs `complete`.
pub fn complete(ws: &Workspace, clock: &Clock, args: &Complete) -> Result<Outcome, UserError> {
    let plan = known_plan(ws, args.plan)?;
    if already_complete(ws, &plan) {
        return Ok(Outcome::nothing(format!("{plan} is already complete")));
    }
    let minutes = duration(&plan, args)?;
    let summary = args
        .summary
        .map(str::to_string)
        .or_else(|| args.summary_file.as_ref().and_then(|s| s.one_liner.clone()))
        .or_else(|| args.plan_title.clone())
        .or_else(|| roadmap_plan_title(ws, &plan));
    let facts = facts(ws, plan, minutes);
    let state = &ws.state;
    let mut notices = Vec::new();
    let mut edits = position_edits(state, &facts, clock, summary.as_deref());
    edits.extend(progress_edits(ws, &facts, &mut notices));
    edits.extend(metrics_edits(state, &facts, &mut notices));
    let stopped = format!("Completed {}-PLAN.md", facts.plan.canonical());
    match session_edits(state, clock, &stopped, args.resume_file) {
        Ok(e) => edits.extend(e),
        Err(_) => notices.push("no session block in STATE.md: session not recorded".into()),
    }
    edits.extend(frontmatter_edits(ws, &facts, clock, &stopped));
    let mut out = Outcome {
        notices,
        ..Outcome::default()
    };
    let total = facts
        .phase_total
        .map_or(String::new(), |t| format!(" of {t}"));
    let state_summary = format!(
        "completed {} (plan {}{total}{})",
        facts.plan,
        facts.phase_done,
        if facts.phase_complete {
            ", phase complete"
        } else {
            ""
        }
    );
    match file_change(ws, PlanningFile::State, &state.doc.source, edits) {
        Some(c) => out.changes.push((c, state_summary)),
        None => {
            return Err(state_error(format!(
                "has nothing to update for {}: no position, metrics or session lines",
                facts.plan
            ))
            .hint("add the template's `## Current Position` and `## Session Continuity` lines"));
        }
    }
    if let Some(roadmap) = &ws.roadmap {
        let edits = roadmap_edits(roadmap, &facts, &clock.date());
        if let Some(c) = file_change(ws, PlanningFile::Roadmap, &roadmap.doc.source, edits) {
            let what = if facts.phase_complete {
                format!("ticked {} and phase {}", facts.plan, facts.plan.phase)
            } else {
                format!("ticked {}", facts.plan)
            };
            out.changes.push((c, what));
        }
    }
    Ok(out)
}

/// The description after the plan's id in ROADMAP.md (`- [ ] 02-02-PLAN.md — Cursor
/// pagination` → `Cursor pagination`).
fn roadmap_plan_title(ws: &Workspace, plan: &PlanId) -> Option<String> {
    let roadmap = ws.roadmap.as_ref()?;
    let text = roadmap.doc.text(roadmap.plan(plan)?.text.clone());
    let text = text.trim_start_matches(['*', '`']);
    let id_end = text
        .find(|c: char| c.is_whitespace() || c == ':' || c == '*' || c == '`')
        .unwrap_or(text.len());
    let title = text[id_end..]
        .trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '—' | '–' | '-' | '*' | '`')
        })
        .trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// The title of a PLAN.md: its first heading without a leading `Plan 02-02:` / `02-02:`.
pub fn plan_title(plan_md: &str) -> Option<String> {
    let heading = plan_md
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("# "))?
        .trim_start_matches('#')
        .trim();
    let rest = heading.strip_prefix("Plan ").unwrap_or(heading);
    let id_end = rest
        .find(|c: char| c.is_whitespace() || c == ':')
        .unwrap_or(rest.len());
    let rest = if PlanId::parse(&rest[..id_end]).is_some() {
        &rest[id_end..]
    } else {
        heading
    };
    let title = rest
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '—' | '-'))
        .trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// The plan's duration in minutes: `--duration`, else the SUMMARY's `duration:`.
fn duration(plan: &PlanId, args: &Complete) -> Result<f64, UserError> {
    if let Some(d) = args.duration {
        return parse_minutes(d).filter(|m| *m >= 0.0).ok_or_else(|| {
            UserError::new(format!("`{d}` is not a duration"))
                .hint("write it like 12min, 10 min, 1h 5m or 90s")
        });
    }
    let from_summary = args
        .summary_file
        .as_ref()
        .and_then(|s| s.duration.as_deref());
    match from_summary {
        Some(d) => parse_minutes(d).ok_or_else(|| {
            UserError::new(format!("the SUMMARY.md of {plan} has `duration: {d}`, which is not a duration"))
                .hint("pass --duration 12min, or fix the SUMMARY's duration")
        }),
        None => Err(UserError::new(format!("no duration for {plan}"))
            .hint(format!(
                "pass --duration (e.g. --duration 12min), or add `duration:` to the frontmatter of {}-SUMMARY.md",
                plan.canonical()
            ))),
    }
}

/// Derives the counts: ROADMAP's plan list, else the phase folder, else STATE's own lines.
fn facts(ws: &Workspace, plan: PlanId, minutes: f64) -> Facts {
    let state = &ws.state;
    let doc = &state.doc;
    let from_roadmap = ws.roadmap.as_ref().and_then(|r| phase_counts(r, &plan));
    let from_dirs = || {
        let dir = ws.phases.as_ref()?.phase(&plan.phase)?;
        if dir.plans.is_empty() {
            return None;
        }
        let mut done: Vec<&PlanId> = dir.summaries.iter().collect();
        if !done.contains(&&plan) {
            done.push(&plan);
        }
        let mut all: Vec<&PlanId> = dir.plans.iter().chain(&dir.summaries).collect();
        all.push(&plan);
        all.sort_by_key(|p| p.plan);
        all.dedup();
        Some((done.len() as u64, all.len() as u64))
    };
    let from_state = || {
        let line = state.position.plan.as_ref();
        if current_phase(state).as_ref() == Some(&plan.phase) {
            let done = line.and_then(|l| l.done_count(doc)).map_or(1, |n| n + 1);
            (done, line.and_then(|l| l.total_count(doc)))
        } else {
            let row = state
                .metrics
                .by_phase
                .as_ref()
                .and_then(|t| t.row(&plan.phase));
            (
                row.and_then(|r| r.plans(doc)).map_or(1, |n| n + 1),
                row.and_then(|r| r.plans_total(doc)),
            )
        }
    };
    let from_roadmap_fields = || {
        ws.roadmap
            .as_ref()
            .and_then(|r| phase_counts_from_fields(r, &plan))
    };
    let (phase_done, phase_total) =
        match from_roadmap.or_else(from_dirs).or_else(from_roadmap_fields) {
            Some((d, t)) => (d, Some(t)),
            None => from_state(),
        };
    // A plan beyond the stated total (a gap-closure plan) grows the total, never `3 of 2`.
    let was_complete = phase_total.is_some_and(|t| phase_done > t);
    let phase_total = phase_total.map(|t| t.max(phase_done));
    let phase_slug = ws
        .phases
        .as_ref()
        .and_then(|p| p.phase(&plan.phase))
        .and_then(|d| d.slug.clone());
    let phase_name = ws
        .roadmap
        .as_ref()
        .and_then(|r| r.phase(&plan.phase))
        .and_then(|p| p.name.clone());
    Facts {
        phase_complete: phase_total.is_some_and(|t| phase_done >= t),
        plan,
        minutes,
        phase_done,
        phase_total,
        phase_name,
        phase_slug,
        was_complete,
    }
}

/// Step 6: frontmatter keys that already exist.
fn frontmatter_edits(ws: &Workspace, facts: &Facts, clock: &Clock, stopped: &str) -> Vec<Edit> {
    let doc = &ws.state.doc;
    if doc.frontmatter.is_empty() {
        return Vec::new();
    }
    let mut edits = Vec::new();
    let body_status = if facts.phase_complete {
        "Phase complete"
    } else {
        "In progress"
    };
    edits.extend(frontmatter::set_status(doc, body_status));
    if let Some(old) = frontmatter::get(doc, "last_activity") {
        let today = clock.date();
        let new = if old.len() <= 10 {
            today
        } else {
            let sep = date_separator(old);
            format!("{today}{sep}Completed {}-PLAN.md", facts.plan.canonical())
        };
        edits.extend(frontmatter::set(doc, "last_activity", &new));
    }
    // A plan of another phase moves the frontmatter's phase with the body's.
    if let Some(old) = frontmatter::get(doc, "current_phase")
        && crate::model::PhaseNum::parse(old).is_some_and(|n| n != facts.plan.phase)
    {
        let new = crate::ops::style::phase_like(&facts.plan.phase, old);
        edits.extend(frontmatter::set(doc, "current_phase", &new));
        if let Some(name) = &facts.phase_name {
            edits.extend(frontmatter::set(doc, "current_phase_name", name));
        }
    }
    if frontmatter::get(doc, "current_plan").is_some() {
        let like = frontmatter::get(doc, "current_plan").unwrap_or("");
        edits.extend(frontmatter::set(
            doc,
            "current_plan",
            &pad_like(facts.phase_done, like),
        ));
    }
    // `stopped_at` and `last_updated` are the session step's (it runs when STATE has a session
    // block); set them here only when it could not.
    if ws.state.session.last.is_none()
        && ws.state.session.stopped_at.is_none()
        && ws.state.session.resume_file.is_none()
    {
        edits.extend(frontmatter::set(doc, "stopped_at", stopped));
        edits.extend(frontmatter::set_timestamp(doc, "last_updated", clock.now));
    }
    let counts = ws
        .roadmap
        .as_ref()
        .and_then(|r| overall_counts(r, &facts.plan))
        .or_else(|| {
            let done: u64 = frontmatter::get(doc, "progress.completed_plans")?
                .parse()
                .ok()?;
            let total: u64 = frontmatter::get(doc, "progress.total_plans")?
                .parse()
                .ok()?;
            Some((done + 1, total.max(done + 1)))
        });
    if let Some((done, total)) = counts {
        edits.extend(frontmatter::set(
            doc,
            "progress.completed_plans",
            &done.to_string(),
        ));
        edits.extend(frontmatter::set(
            doc,
            "progress.total_plans",
            &total.to_string(),
        ));
        edits.extend(frontmatter::set(
            doc,
            "progress.percent",
            &percent(done.min(total), total).to_string(),
        ));
    }
    if facts.phase_complete
        && !facts.was_complete
        && let Some(n) =
            frontmatter::get(doc, "progress.completed_phases").and_then(|v| v.parse::<u64>().ok())
    {
        edits.extend(frontmatter::set(
            doc,
            "progress.completed_phases",
            &(n + 1).to_string(),
        ));
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::plan_title;

    #[test]
    fn plan_titles_drop_the_id() {
        assert_eq!(
            plan_title("---\nphase: 03\n---\n\n# Plan 03-02: PDF layout\n").as_deref(),
            Some("PDF layout")
        );
        assert_eq!(
            plan_title("# 02-01 — Filters\n").as_deref(),
            Some("Filters")
        );
        assert_eq!(plan_title("# Plan 02-02\n\nImplement the plan.\n"), None);
        assert_eq!(
            plan_title("# Cursor pagination\n").as_deref(),
            Some("Cursor pagination")
        );
    }
}
