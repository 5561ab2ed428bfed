//! GSD403–GSD405: ROADMAP.md's plan ticks and STATE.md's completed count against the
//! SUMMARY.md files in `phases/`. Real projects keep these loosely: a finished phase is
//! often ticked as a whole while its plan lines stay unticked, and counts are often kept
//! per milestone. Those files are consistent in their own terms, so the rules accept them.

use crate::check::{Diagnostic, FileKind, Input};
use crate::model::PhaseNum;
use crate::model::roadmap::{RoadmapPhase, RowStatus};
use crate::model::values::first_integer;
use crate::syntax::Doc;

/// Whether ROADMAP.md records the phase as done as a whole: its checkbox or ✅ glyph, or
/// a `Complete` status in its progress-table row.
fn phase_done(roadmap: &crate::model::roadmap::Roadmap, phase: &RoadmapPhase) -> bool {
    phase.is_checked()
        || roadmap
            .progress_row(&phase.number)
            .and_then(|(t, r)| t.status(&roadmap.doc, r))
            == Some(RowStatus::Complete)
}

pub fn roadmap_vs_summaries(input: &Input, out: &mut Vec<Diagnostic>) {
    let (Some(roadmap), Some(phases)) = (&input.ws.roadmap, &input.ws.phases) else {
        return;
    };
    for phase in &roadmap.phases {
        let Some(dir) = phases.phase(&phase.number) else {
            continue;
        };
        // A phase ticked as a whole records its plans as done; unticked plan lines under it
        // understate nothing.
        let whole_phase_done = phase_done(roadmap, phase);
        for plan in &phase.plans {
            let has_summary = summary_exists(phases, &phase.number, plan.id.plan);
            let mark = plan.checkbox.mark.clone();
            if plan.checkbox.checked && !has_summary {
                out.push(
                    Diagnostic::new(
                        "GSD403",
                        FileKind::Roadmap,
                        mark,
                        format!("plan {} is ticked but has no SUMMARY.md", plan.id),
                    )
                    .help(format!(
                        "write {}-SUMMARY.md in {}, or untick the plan",
                        plan.id,
                        dir.path.file_name().map_or_else(String::new, |n| format!(
                            "phases/{}/",
                            n.to_string_lossy()
                        ))
                    )),
                );
            } else if !plan.checkbox.checked && has_summary && !whole_phase_done {
                out.push(
                    Diagnostic::new(
                        "GSD404",
                        FileKind::Roadmap,
                        mark,
                        format!("plan {} has a SUMMARY.md but is not ticked", plan.id),
                    )
                    .help(format!(
                        "tick it (`[x]`), or run `gsd state complete {}`",
                        plan.id
                    )),
                );
            }
        }
    }
}

/// Whether any folder of phase `n` holds plan `plan`'s summary (a phase renamed mid-way
/// can leave two folders with one number).
fn summary_exists(phases: &crate::model::phases::PhasesDir, n: &PhaseNum, plan: u32) -> bool {
    phases
        .phases
        .iter()
        .filter(|d| &d.number == n)
        .any(|d| d.summaries.iter().any(|s| s.plan == plan))
}

/// Whether the count is kept per milestone: its value or the label above it names a
/// version (`0 (v5.0)`, `**Velocity (v1.0):**`, `**v1.1 Velocity:**`), or STATE.md keeps
/// several `Total plans completed` lines.
pub fn milestone_scoped(doc: &Doc, line: usize, value: &str) -> bool {
    let names_version = |t: &str| {
        let t = t.to_lowercase();
        t.contains("milestone")
            || t.match_indices('v').any(|(i, _)| {
                let before = t[..i].chars().next_back();
                let after = t[i + 1..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(|c| c.is_ascii_digit())
            })
    };
    if names_version(value) {
        return true;
    }
    let label = (line.saturating_sub(4)..line)
        .rev()
        .map(|i| doc.line(i).trim())
        .find(|l| !l.is_empty() && !l.starts_with(['-', '*', '|']) || l.starts_with("**"));
    if label.is_some_and(names_version) {
        return true;
    }
    (0..doc.kinds.len())
        .filter(|&i| doc.line(i).to_lowercase().contains("total plans completed"))
        .count()
        > 1
}

pub fn completed_count(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let (Some(phases), Some(field)) = (&input.ws.phases, &state.metrics.plans_completed) else {
        return;
    };
    if phases.phases.is_empty() {
        return;
    }
    let value = field.value(doc);
    let Some((n, r)) = first_integer(value).filter(|(_, r)| r.start <= 1) else {
        return;
    };
    let summaries = phases.plan_counts().0 as u64;
    let ticked = input.ws.roadmap.as_ref().map(|r| r.plan_counts().0 as u64);
    if n == summaries || ticked == Some(n) || super::integers_in(value).contains(&summaries) {
        return;
    }
    let line = doc.source.line_of(field.value.start);
    if milestone_scoped(doc, line, value) {
        return;
    }
    // Counted over the current milestone: the latest phases' summaries.
    let mut suffix = 0u64;
    for dir in phases.phases.iter().rev() {
        suffix += dir.summaries.len() as u64;
        if suffix == n {
            return;
        }
    }
    // Shipped milestones archived out of phases/ still count.
    let archived = crate::model::workspace::Workspace::planning_dir(&input.ws.root)
        .join("milestones")
        .is_dir();
    if archived && n > summaries {
        return;
    }
    out.push(
        Diagnostic::new(
            "GSD405",
            FileKind::State,
            field.value.start + r.start..field.value.start + r.end,
            format!("Total plans completed is {n} but phases/ holds {summaries} SUMMARY.md files"),
        )
        .help("set the count to the plans completed, or write the missing summaries"),
    );
}
