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
use crate::model::workspace::Workspace;
use crate::ops::complete_metrics::metrics_edits;
use crate::ops::complete_roadmap::{overall_counts, phase_counts, roadmap_edits};
use crate::ops::decide::current_phase;
use crate::ops::session::session_edits;
use crate::ops::style::{date_separator, pad_like, percent, phase_like, render_bar};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter};

/// `complete`'s inputs. `summary_file` is the plan's SUMMARY.md as read by the command layer
/// (ops do no I/O).
#[derive(Debug, Clone, Default)]
pub struct Complete<'a> {
    pub plan: &'a str,
    pub duration: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub resume_file: Option<&'a str>,
    pub summary_file: Option<SummaryInfo>,
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

/// Without ROADMAP.md or `phases/`, STATE.md's own `Phase: N of M` and By Phase rows decide;
/// a file that says nothing about phases cannot refuse any.
fn state_knows_phase(state: &StateDoc, phase: &PhaseNum) -> bool {
    let doc = &state.doc;
    let line = state.position.phase.as_ref();
    let current = current_phase(state);
    let total = line
        .and_then(|l| l.total.clone())
        .and_then(|r| doc.text(r).parse::<u64>().ok());
    let rows = state.metrics.by_phase.as_ref();
    if current.is_none() && total.is_none() && rows.is_none_or(|t| t.rows.is_empty()) {
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
    if let Some(p) = ws.roadmap.as_ref().and_then(|r| r.plan(plan)) {
        return p.checkbox.checked;
    }
    let state = &ws.state;
    let doc = &state.doc;
    let says_completed = |text: &str| {
        let lower = text.to_lowercase();
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
        .or_else(|| args.summary_file.as_ref().and_then(|s| s.one_liner.clone()));
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
    if let Some(c) = file_change(ws, PlanningFile::State, &state.doc.source, edits) {
        out.changes.push((c, state_summary));
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
    let (phase_done, phase_total) = match from_roadmap.or_else(from_dirs) {
        Some((d, t)) => (d, Some(t)),
        None => from_state(),
    };
    // A plan beyond the stated total (a gap-closure plan) grows the total, never `3 of 2`.
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
    }
}

/// Step 2: `Plan:`, `Status:`, `Last activity:` (and `Phase:` when the plan is in another phase).
fn position_edits(
    state: &StateDoc,
    facts: &Facts,
    clock: &Clock,
    summary: Option<&str>,
) -> Vec<Edit> {
    let doc = &state.doc;
    let pos = &state.position;
    let mut edits = Vec::new();
    if let Some(line) = &pos.phase
        && let Some(num) = line.number.clone()
        && current_phase(state).as_ref() != Some(&facts.plan.phase)
    {
        let shown = phase_like(&facts.plan.phase, doc.text(num.clone()));
        edits.push(Edit::replace(num, shown));
        if let (Some(name), Some(range)) = (&facts.phase_name, line.name.clone()) {
            edits.push(Edit::replace(range, name.clone()));
        }
    }
    if let Some(line) = &pos.plan {
        match line.done.clone() {
            Some(done) => {
                let token = doc.text(done.clone());
                let new = if token.contains('-') {
                    let (ph, pl) = token.split_once('-').unwrap_or((token, token));
                    let shown = phase_like(&facts.plan.phase, ph);
                    format!("{shown}-{}", pad_like(u64::from(facts.plan.plan), pl))
                } else {
                    pad_like(facts.phase_done, token)
                };
                edits.push(Edit::replace(done, new));
                if let (Some(total_range), Some(total)) = (line.total.clone(), facts.phase_total)
                    && doc.text(total_range.clone()).parse::<u64>().ok() != Some(total)
                {
                    edits.push(Edit::replace(total_range, pad_like(total, token)));
                }
            }
            None => {
                if let Some(total) = facts.phase_total {
                    edits.push(Edit::replace(
                        line.field.value.clone(),
                        format!("{} of {total}", facts.phase_done),
                    ));
                }
            }
        }
    }
    if let Some(status) = &pos.status {
        let text = if facts.phase_complete {
            "Phase complete"
        } else {
            "In progress"
        };
        edits.push(crate::ops::set::set_field(state, status, text));
    }
    if let Some(activity) = &pos.last_activity {
        let what = match summary {
            Some(s) => format!("Completed {}-PLAN.md ({s})", facts.plan.canonical()),
            None => format!("Completed {}-PLAN.md", facts.plan.canonical()),
        };
        let value = activity.field.value(doc);
        let today = clock.date();
        let new = match (&activity.date, &activity.separator) {
            (Some((_, d)), _)
                if d.start == activity.field.value.start
                    && activity.text.is_none()
                    && activity.separator.is_none() =>
            {
                today
            }
            (Some((_, d)), _) if d.start == activity.field.value.start => {
                format!("{today}{}{what}", date_separator(value))
            }
            _ => format!("{today} — {what}"),
        };
        edits.push(crate::ops::set::set_field(state, &activity.field, &new));
    }
    edits
}

/// Step 3: percent, bar and the note's `(n/m plans)` counts.
fn progress_edits(ws: &Workspace, facts: &Facts, notices: &mut Vec<String>) -> Vec<Edit> {
    let state = &ws.state;
    let doc = &state.doc;
    let Some(line) = &state.position.progress else {
        return Vec::new();
    };
    let note_counts = line.plan_counts(doc);
    let overall = ws
        .roadmap
        .as_ref()
        .and_then(|r| overall_counts(r, &facts.plan))
        .or_else(|| {
            let p = ws.phases.as_ref()?;
            let (done, total) = p.plan_counts();
            if total == 0 {
                return None;
            }
            let has_summary = p
                .phase(&facts.plan.phase)
                .is_some_and(|d| d.summaries.contains(&facts.plan));
            Some((done as u64 + u64::from(!has_summary), total as u64))
        })
        .or_else(|| note_counts.as_ref().map(|((d, _), (t, _))| (d + 1, *t)));
    let Some((done, total)) = overall else {
        notices.push(
            "progress left as is: no ROADMAP.md plan list, phases/ folder or `(n/m plans)` note to count from"
                .into(),
        );
        return Vec::new();
    };
    let pct = percent(done.min(total), total);
    let mut edits = Vec::new();
    if let Some(r) = line.percent.clone() {
        edits.push(Edit::replace(r, pct.to_string()));
    }
    if let Some(bar) = &line.bar {
        edits.push(Edit::replace(bar.span.clone(), render_bar(bar, pct)));
    }
    if let Some(((_, dr), (_, tr))) = note_counts {
        edits.push(Edit::replace(dr.clone(), pad_like(done, doc.text(dr))));
        edits.push(Edit::replace(tr.clone(), pad_like(total, doc.text(tr))));
    }
    edits
}

/// Step 6: frontmatter keys that already exist.
fn frontmatter_edits(ws: &Workspace, facts: &Facts, clock: &Clock, stopped: &str) -> Vec<Edit> {
    let doc = &ws.state.doc;
    if doc.frontmatter.is_empty() {
        return Vec::new();
    }
    let mut edits = Vec::new();
    if let Some(old) = frontmatter::get(doc, "status") {
        let token = !old.is_empty() && old.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        let new = match (facts.phase_complete, token) {
            (true, true) => "phase_complete",
            (true, false) => "Phase complete",
            (false, true) => "executing",
            (false, false) => "In progress",
        };
        edits.extend(frontmatter::set(doc, "status", new));
    }
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
