//! `gsd state complete <PLAN>`: everything DESIGN.md §4 asks, in one edit set per file.
//!
//! The op first refuses what it cannot do (a malformed id, an unknown phase, no duration) and
//! notices an already-completed plan (ROADMAP ticks it, or STATE says it was the last plan
//! completed) — both before computing any edit, so a refusal writes nothing and a second run
//! changes nothing. Then it derives the facts once ([`Facts`]: counts from ROADMAP, else
//! `phases/`, else STATE itself) and every step edits its own lines from them.

use crate::edit::Edit;
use crate::error::UserError;
use crate::ledger::{Ledger, Relation};
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::phases::SummaryInfo;
use crate::model::values::parse_minutes;
use crate::model::workspace::Workspace;

mod by_phase;
pub mod facts;
mod metrics;
pub mod position;
mod recent;
pub mod roadmap;

use crate::ops::position::frontmatter_activity_edits;
use crate::ops::progress::{frontmatter_progress, progress_edits};
use crate::ops::session::session_edits;
use crate::ops::style::pad_like;
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter, state_error};
use facts::facts;
pub use facts::{Facts, phase_facts};
use metrics::metrics_edits;
use position::position_edits;
use roadmap::roadmap_edits;

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
    /// The plans that must be finished before this one, by its PLAN.md's `depends_on` (and
    /// theirs, in turn); `None` when the PLAN.md does not say.
    pub prerequisites: Option<Vec<PlanId>>,
    /// Reads another plan's SUMMARY.md (the command layer's I/O), for the plans done since
    /// the `Last N plans` list was last kept; `None` reads nothing.
    pub earlier_summaries: Option<SummaryReader<'a>>,
}

/// A way to read a plan's SUMMARY.md, given by the command layer (ops do no I/O): only the
/// SUMMARY files whose content is used are read.
#[derive(Clone, Copy)]
pub struct SummaryReader<'a>(pub &'a dyn Fn(&PlanId) -> Option<SummaryInfo>);

impl std::fmt::Debug for SummaryReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SummaryReader")
    }
}

/// Parses and checks a plan id against what the workspace knows (exit 2 when unknown).
pub fn known_plan(ledger: &Ledger, raw: &str) -> Result<PlanId, UserError> {
    let plan = PlanId::parse(raw).ok_or_else(|| {
        UserError::new(format!("`{raw}` is not a plan id"))
            .hint("use PHASE-PLAN, e.g. `gsd state complete 02-01`")
    })?;
    let phase = &plan.phase;
    if !ledger.knows_phase(phase) {
        let hint = if ledger.has_siblings {
            "check the id against ROADMAP.md or the phases/ folder"
        } else {
            "STATE.md's `Phase: N of M` has no such phase; check the id"
        };
        return Err(UserError::new(format!(
            "phase {phase} (of plan {plan}) is not in this project"
        ))
        .hint(hint));
    }
    if !ledger.knows_plan(&plan) {
        if !ledger.has_siblings {
            let p = ledger.phase(phase);
            let total = p.and_then(|p| p.state_counts.total);
            let done = p.and_then(|p| p.state_counts.done);
            return Err(UserError::new(format!(
                "plan {} is beyond what STATE.md says phase {phase} has",
                plan.canonical()
            ))
            .hint(format!(
                "STATE.md counts {} done{} in phase {phase}; complete the next plan, or fix the `Plan:` line first",
                done.unwrap_or(0),
                total.map_or(String::new(), |t| format!(" of {t}"))
            )));
        }
        let have = ledger.plan_ids(phase);
        let hint = if have.is_empty() {
            format!(
                "phase {phase} lists no plans yet; add the plan to ROADMAP.md or write its PLAN.md"
            )
        } else {
            format!("phase {phase} has {}", have.join(", "))
        };
        return Err(UserError::new(format!(
            "plan {} is not in ROADMAP.md or the phases/ folder, and is not the next plan of phase {phase}",
            plan.canonical()
        ))
        .hint(hint));
    }
    Ok(plan)
}

/// Whether STATE.md already records the plan as complete: its `Stopped at` or `Last
/// activity` says it was completed, or its `Last N plans` list or a per-plan metric row names
/// it. A SUMMARY file or a ROADMAP tick alone does not count: in real use both are written
/// before `complete` runs.
pub fn already_complete(ws: &Workspace, plan: &PlanId) -> bool {
    let state = &ws.state;
    let doc = &state.doc;
    let activity = state
        .position
        .last_activity
        .as_ref()
        .map(|a| a.field.value(doc));
    let stopped = state.session.stopped_at.as_ref().map(|f| f.value(doc));
    if activity.is_some_and(|t| says_completed(t, plan))
        || stopped.is_some_and(|t| says_completed(t, plan))
    {
        return true;
    }
    let in_recent = state.metrics.recent.as_ref().is_some_and(|r| {
        r.items.iter().any(|(range, _)| {
            crate::model::ids::plan_ids_in(doc.text(range.clone()))
                .first()
                .is_some_and(|id| id == plan)
        })
    });
    let in_rows = state.metrics.plan_rows.iter().any(|row| {
        let phase = PhaseNum::parse(doc.text(row.phase.clone()).split('-').next().unwrap_or(""));
        let n = row
            .plan
            .clone()
            .and_then(|r| doc.text(r).parse::<u32>().ok());
        phase.as_ref() == Some(&plan.phase) && n == Some(plan.plan)
    });
    in_recent || in_rows
}

/// `Completed 02-01-PLAN.md`, `Completed plan 02-01 (…)`: the plan id in the same clause as
/// the word, so `Completed quick task 5. Next: 03-07-PLAN.md` does not name 03-07.
fn says_completed(text: &str, plan: &PlanId) -> bool {
    // ASCII lower-casing keeps byte offsets, so indices into `lower` index `text` too.
    let lower = text.to_ascii_lowercase();
    if lower.contains("not completed") {
        return false;
    }
    lower.match_indices("completed").any(|(i, w)| {
        let rest = &text[i + w.len()..];
        let lower_rest = &lower[i + w.len()..];
        let clause_end = [". ", "; ", " next", " then", "→", "->", "|"]
            .iter()
            .filter_map(|m| lower_rest.find(m))
            .min()
            .unwrap_or(rest.len());
        crate::model::ids::plan_ids_in(&rest[..clause_end])
            .first()
            .is_some_and(|id| id == plan)
    })
}

/// Runs `complete`.
pub fn complete(ws: &Workspace, clock: &Clock, args: &Complete) -> Result<Outcome, UserError> {
    let parsed = PlanId::parse(args.plan);
    let ledger = Ledger::build(ws, parsed.as_ref());
    let plan = known_plan(&ledger, args.plan)?;
    // Recorded before: STATE names it, STATE's counters already count every plan of its
    // phase, or ROADMAP ticks it in a phase marked done.
    if already_complete(ws, &plan) || ledger.recorded(&plan) {
        return Ok(Outcome::nothing(format!(
            "{} is already complete",
            plan.canonical()
        )));
    }
    let minutes = duration(&plan, args)?;
    let summary = args
        .summary
        .map(str::to_string)
        .or_else(|| args.summary_file.as_ref().and_then(|s| s.one_liner.clone()))
        .or_else(|| args.plan_title.clone())
        .or_else(|| roadmap_plan_title(ws, &plan));
    let mut facts = facts(ws, &ledger, plan, minutes, args.prerequisites.as_deref());
    facts.title = args
        .plan_title
        .clone()
        .or_else(|| args.summary_file.as_ref().and_then(|s| s.one_liner.clone()))
        .or_else(|| args.summary.map(str::to_string));
    facts.unlisted = args.earlier_summaries.map_or_else(Vec::new, |read| {
        recent::unlisted_done(&ws.state, &ledger, &facts.plan, read.0)
    });
    facts.caught = recent::caught_up(&ws.state, &facts);
    facts.tasks = args.summary_file.as_ref().and_then(|s| s.tasks);
    facts.files = args.summary_file.as_ref().and_then(|s| s.files);
    let state = &ws.state;
    let mut notices = Vec::new();
    let what = match &summary {
        Some(s) => format!("Completed {}-PLAN.md ({s})", facts.plan.canonical()),
        None => format!("Completed {}-PLAN.md", facts.plan.canonical()),
    };
    let mut edits = position_edits(state, &facts, clock, &what);
    edits.extend(progress_edits(ws, &facts.step(), &mut notices));
    edits.extend(metrics_edits(state, &facts, &mut notices));
    let stopped = format!("Completed {}-PLAN.md", facts.plan.canonical());
    edits.extend(session_edits(state, clock, &stopped, args.resume_file));
    edits.extend(frontmatter_edits(ws, &facts, clock));
    if !facts.moves_position() {
        notices.push(format!(
            "{} is in phase {}, before the current phase: recorded, position left where it is",
            facts.plan.canonical(),
            facts.plan.phase
        ));
    }
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

/// The longest `--duration` taken for one plan: a week of working time (168 hours).
const MAX_PLAN_MINUTES: f64 = 168.0 * 60.0;

/// The plan's duration in minutes: `--duration`, else the SUMMARY's `duration:`.
fn duration(plan: &PlanId, args: &Complete) -> Result<f64, UserError> {
    if let Some(d) = args.duration {
        // `~9min active work (spans a checkpoint)`: the duration, then the author's note.
        let read = parse_minutes(d).or_else(|| {
            crate::model::state::metrics::leading_duration(d).filter(|_| {
                d.trim_start_matches(['~', '≈', ' '])
                    .starts_with(|c: char| c.is_ascii_digit())
            })
        });
        let Some(minutes) = read else {
            return Err(UserError::new(format!("`{d}` is not a duration"))
                .hint("write it like 12min, 10 min, 1h 5m or 90s"));
        };
        // A plan takes no less than no time (`0min` is what authors record for a plan that was
        // a check or a sign-off), and not weeks: 99999h is a typo that would skew the averages
        // every later plan is measured by.
        if minutes < 0.0 || !minutes.is_finite() {
            return Err(
                UserError::new(format!("--duration `{d}` is no time at all")).hint(
                    "give how long the plan took, e.g. --duration 12min (90s for a quick one)",
                ),
            );
        }
        if minutes > MAX_PLAN_MINUTES {
            return Err(UserError::new(format!(
                "--duration `{d}` is more than {} hours, too long for one plan",
                MAX_PLAN_MINUTES / 60.0
            ))
            .hint("give the plan's working time, e.g. --duration 12min or 3h; check the number for a typo"));
        }
        return Ok(minutes);
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

/// Step 6: frontmatter keys that already exist.
fn frontmatter_edits(ws: &Workspace, facts: &Facts, clock: &Clock) -> Vec<Edit> {
    let doc = &ws.state.doc;
    if doc.frontmatter.is_empty() {
        return Vec::new();
    }
    let mut edits = Vec::new();
    if facts.moves_position() {
        edits.extend(frontmatter::set_status(doc, &facts.body_status(&ws.state)));
    }
    let completed = format!("Completed {}-PLAN.md", facts.plan.canonical());
    edits.extend(frontmatter_activity_edits(doc, clock, &completed));
    // A plan of a later phase moves the frontmatter's phase with the body's.
    if facts.relation == Relation::Later
        && let Some(old) = frontmatter::get(doc, "current_phase")
        && crate::model::PhaseNum::parse(old).is_some_and(|n| n != facts.plan.phase)
    {
        let new = crate::ops::style::phase_like(&facts.plan.phase, old);
        edits.extend(frontmatter::set(doc, "current_phase", &new));
        if let Some(name) = &facts.phase_name {
            edits.extend(frontmatter::set(doc, "current_phase_name", name));
        }
    }
    if facts.moves_position() && frontmatter::get(doc, "current_plan").is_some() {
        let like = frontmatter::get(doc, "current_plan").unwrap_or("");
        edits.extend(frontmatter::set(
            doc,
            "current_plan",
            &pad_like(facts.phase_done, like),
        ));
    }
    // `stopped_at` and `last_updated` are the session step's.
    edits.extend(frontmatter_progress(ws, &facts.step()));
    edits
}
