//! GSD403–GSD405: ROADMAP.md's plan ticks and STATE.md's completed count against the
//! SUMMARY.md files in `phases/`. Real projects keep these loosely: a finished phase is
//! often ticked as a whole while its plan lines stay unticked, and counts are often kept
//! per milestone. Those files are consistent in their own terms, so the rules accept them.

use crate::check::{Diagnostic, Input, PlanningFile};
use crate::edit::Edit;
use crate::ledger::{Reach, Scope, Unit};
use crate::model::roadmap::RoadmapPlan;
use crate::syntax::Doc;

/// GSD403/GSD404: each plan ROADMAP.md lists in a phase that has a folder, by the ledger's
/// evidence: ticked without a SUMMARY file, or with one but unticked in a phase not marked
/// complete as a whole (a phase ticked, ✅, `Complete` in its progress row or with a
/// phase-level SUMMARY records its plans as done; unticked plan lines under it understate
/// nothing). One finding per phase and rule, pointing at the first such plan: a phase whose
/// ticks were never kept is one fact, not one per plan.
///
/// GSD404's fix ticks the plans: a SUMMARY file is the workflow's own record that a plan
/// finished, and ticking one changes no count the ledger derives (the plan was already done).
/// GSD403 has none: whether the tick or the missing SUMMARY is wrong only the author knows.
pub fn roadmap_vs_summaries(input: &Input, out: &mut Vec<Diagnostic>) {
    let (Some(roadmap), Some(phases)) = (&input.ws.roadmap, &input.ws.phases) else {
        return;
    };
    for phase in input.ledger.phases.iter().filter(|p| p.has_folder) {
        // A SUMMARY of the whole phase, or one whose name ties it to no plan, may be the
        // record of a ticked plan: the files then do not disagree.
        let other_summaries = phases
            .phase(&phase.number)
            .is_some_and(|d| d.phase_summary.is_some() || !d.unread_summaries.is_empty());
        let mut unsummarised: Vec<&RoadmapPlan> = Vec::new();
        let mut unticked: Vec<&RoadmapPlan> = Vec::new();
        for plan in phase.plans.iter().filter(|e| e.evidence.listed) {
            let ev = &plan.evidence;
            // Where to point: the plan's checkbox in ROADMAP.md.
            let Some(line) = roadmap.plan(&plan.id) else {
                continue;
            };
            if ev.ticked && !ev.summary_file && !other_summaries {
                unsummarised.push(line);
            } else if !ev.ticked && ev.summary_file && !phase.marked_complete {
                unticked.push(line);
            }
        }
        if let Some(first) = unsummarised.first() {
            // The folder to name in the help (a place, not a fact).
            let folder = phases
                .phase(&phase.number)
                .and_then(|d| d.path.file_name())
                .map_or_else(String::new, |n| format!("phases/{}/", n.to_string_lossy()));
            let ids = id_list(&unsummarised);
            let (verb, files) = if unsummarised.len() == 1 {
                ("is", format!("{}-SUMMARY.md", first.id))
            } else {
                ("are", "their SUMMARY.md files".to_string())
            };
            out.push(
                Diagnostic::new(
                    "GSD403",
                    PlanningFile::Roadmap,
                    first.checkbox.mark.clone(),
                    format!(
                        "{} {ids} {verb} ticked but {} no SUMMARY.md",
                        plural("plan", unsummarised.len()),
                        if unsummarised.len() == 1 {
                            "has"
                        } else {
                            "have"
                        }
                    ),
                )
                .help(format!("write {files} in {folder}, or untick them")),
            );
        }
        if let Some(first) = unticked.first() {
            let ids = id_list(&unticked);
            let edits = unticked
                .iter()
                .map(|p| Edit::replace(p.checkbox.mark.clone(), "x"))
                .collect();
            let (has, title) = if unticked.len() == 1 {
                ("has a SUMMARY.md but is", format!("tick {ids}"))
            } else {
                ("have SUMMARY.md files but are", format!("tick {ids}"))
            };
            let d = Diagnostic::new(
                "GSD404",
                PlanningFile::Roadmap,
                first.checkbox.mark.clone(),
                format!("{} {ids} {has} not ticked", plural("plan", unticked.len())),
            );
            out.push(d.fix(title, edits));
        }
    }
}

/// `02-01, 02-02 and 02-05`.
fn id_list(plans: &[&RoadmapPlan]) -> String {
    let ids: Vec<String> = plans.iter().map(|p| p.id.to_string()).collect();
    match ids.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => ids.join(""),
    }
}

/// `plan` / `plans`.
fn plural(word: &str, n: usize) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
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

/// GSD405: `Total plans completed` against the plans the ledger counts done by the files
/// besides STATE.md (STATE's own By Phase rows and Plan line do not vouch for its total):
/// over the project or the current milestone, over a run of the latest phases (a count kept
/// since a milestone began), or above it when shipped milestones are archived out of
/// `phases/` or the files start past phase 1. Disputed plans (ticked without a SUMMARY, or
/// the other way round) may be counted either way.
pub fn completed_count(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let files = &input.readings.files;
    let (Some(phases), Some(field)) = (&input.ws.phases, &state.metrics.plans_completed) else {
        return;
    };
    if phases.phases.is_empty() {
        return;
    }
    let value = field.value(doc);
    let Some((n, r)) = super::leading_count(value) else {
        return;
    };
    let Some((done, _)) = files.counts(&Scope::PROJECT_PLANS) else {
        return;
    };
    let scopes = [
        Scope::PROJECT_PLANS,
        Scope::new(Unit::Plans, Reach::Milestone),
    ];
    let written = super::integers_in(value);
    if input.file_readings().iter().any(|l| {
        l.scope_of_counts(n, None, &scopes).is_some()
            || l.trailing_done().contains(&n)
            || l.counts(&Scope::PROJECT_PLANS)
                .is_some_and(|(d, _)| written.contains(&d))
    }) {
        return;
    }
    let line = doc.source.line_of(field.value.start);
    if milestone_scoped(doc, line, value) {
        return;
    }
    // Shipped milestones archived out of phases/ (or phases before the first the files
    // know, `Phases 1-87 (shipped)`) still count.
    let archived = input.ws.facts.milestones_archived;
    let earlier_phases_gone = files
        .phases
        .first()
        .and_then(|p| p.number.as_integer())
        .is_some_and(|first| first > 1);
    if (archived || earlier_phases_gone) && n > done {
        return;
    }
    let span = field.value.start + r.start..field.value.start + r.end;
    let d = Diagnostic::new(
        "GSD405",
        PlanningFile::State,
        span.clone(),
        format!("Total plans completed is {n} but the planning files show {done} plans done"),
    );
    out.push(match withheld(input, n, done) {
        None => d.fix(
            format!("set the count to {done}"),
            vec![Edit::replace(span, super::count_like(done, &value[r]))],
        ),
        Some(why) => d.help(why),
    });
}

/// Why GSD405 offers no fix for a count `n` the files put at `done`, if it does not. The
/// count is raised only: to a number every reading of the files agrees on (no plan ticked
/// without a SUMMARY or the other way round). A By Phase table that lags stays as it is (GSD201
/// accepts a total the files bear out). A count above the files' is lowered only when the By
/// Phase table adds up to the files' count too; otherwise a SUMMARY may be missing, or plans
/// archived.
fn withheld(input: &Input, n: u64, done: u64) -> Option<String> {
    // STATE.md's own By Phase table adding up to the files' count is a second witness: the
    // total alone is off, and may be lowered to it.
    let doc = &input.ws.state.doc;
    let table_sum: Option<u64> = input.ws.state.metrics.by_phase.as_ref().and_then(|t| {
        let rows: Vec<_> = t.rows.iter().filter(|r| !r.is_placeholder(doc)).collect();
        (!rows.is_empty())
            .then(|| rows.iter().map(|r| r.plans(doc)).sum::<Option<u64>>())
            .flatten()
    });
    if n > done && table_sum != Some(done) {
        return Some(format!(
            "STATE.md counts more plans than the files record done; write the missing summaries, or set the count to {done}"
        ));
    }
    let readings: Vec<u64> = input
        .file_readings()
        .iter()
        .filter_map(|l| l.counts(&Scope::PROJECT_PLANS).map(|(d, _)| d))
        .collect();
    if readings.iter().any(|&d| d != done) {
        let disputed: Vec<String> = input
            .readings
            .files
            .disputed(&Scope::PROJECT_PLANS)
            .iter()
            .map(ToString::to_string)
            .collect();
        return Some(format!(
            "ROADMAP.md and the SUMMARY files disagree on which plans are done ({}); set the count once they agree",
            disputed.join(", ")
        ));
    }
    None
}
