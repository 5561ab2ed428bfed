//! GSD111, GSD112, GSD409, GSD410: what people read against what the files record. The
//! ROADMAP progress table against the SUMMARY files, the frontmatter's session mirrors against
//! the body, and STATE.md's position against the phases that already have summaries or that
//! ROADMAP.md lists.

use crate::check::{Diagnostic, Input, PlanningFile, Rule, Severity};
use crate::ledger::PhaseEntry;
use crate::model::roadmap::Column;
use crate::ops::complete::roadmap::{PhaseTally, phase_edits};

pub static RULES: &[Rule] = &[
    Rule {
        code: "GSD111",
        name: "position-behind-summaries",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "STATE.md's position is behind phases that already have SUMMARY files.",
        what: "Reads the phase of STATE.md's `Phase:` line and looks for later phases (by number) \
whose folders hold plan SUMMARY files. One finding names the latest such phase. A decimal \
phase inserted after the current one (`52.2` beside `52`) is urgent work done alongside it, \
not a sign the position is behind.",
        why: "The position is what `gsd next` and people start from. A position behind finished \
work sends the next session back to a phase that is done.",
        example: "Phase: 2 of 5 (API)\n<!-- phases/04-ui/04-01-SUMMARY.md exists -->\n",
        fix: "Move the position to the phase being worked on (`gsd state begin`), or, when the \
later summaries belong to an earlier milestone's renumbered phases, archive them. No automatic \
fix: which phase is current only the author knows.",
    },
    Rule {
        code: "GSD112",
        name: "phase-not-in-roadmap",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "STATE.md's current phase is not in ROADMAP.md.",
        what: "Checks that the phase of STATE.md's `Phase:` line is listed in ROADMAP.md (a \
checklist line, a heading or a progress row), when ROADMAP.md lists phases at all.",
        why: "ROADMAP.md holds the phase's goal, plans and success criteria. A current phase it \
does not know has none of them, and every count over the milestone leaves it out.",
        example: "Phase: 7 of 7 (Launch)\n<!-- ROADMAP.md lists phases 1 to 6 -->\n",
        fix: "Add the phase to ROADMAP.md (`gsd phase add`), or correct the phase number.",
    },
    Rule {
        code: "GSD409",
        name: "roadmap-progress-mismatch",
        severity: Severity::Error,
        fixable: true,
        on_by_default: true,
        summary: "A ROADMAP.md progress row counts fewer or more plans done than the phase's \
files show.",
        what: "For each phase with a folder and a progress-table row `N/M`, compares N with the \
plans the files record done: plans with a SUMMARY file or a tick, or all of them when the \
phase is marked complete. Plans whose tick and SUMMARY disagree count as not done (GSD403 and \
GSD404 report them). One finding per row.",
        why: "The progress table is the roadmap's summary, the first thing people read. A row \
that says `2/5` for a phase with five SUMMARY files misstates where the project is.",
        example: "| 2. API | 2/3 | In Progress | - |\n<!-- phases/02-api/ holds 02-01..02-03-SUMMARY.md -->\n",
        fix: "`gsd check --fix` writes the phase's count into its progress row, `**Plans**:` \
field and checklist note, the same edit `gsd state complete` makes; a count that finishes the \
phase also marks it complete, dated with the latest `completed:` date of its SUMMARY files \
(when a SUMMARY has no date, only the count is written and the phase stays in progress for \
`gsd phase complete N` to record). **The fix is withheld** when the row counts more than the \
files: a SUMMARY may be missing, and gsd never lowers a count.",
    },
    Rule {
        code: "GSD410",
        name: "frontmatter-session-mismatch",
        severity: Severity::Warning,
        fixable: true,
        on_by_default: true,
        summary: "The frontmatter's `last_activity` or `stopped_at` disagrees with the body.",
        what: "Compares the frontmatter's `last_activity` with the body's `Last activity:` \
(their dates) and `stopped_at` with the body's `Stopped at:` (their text, leniently).",
        why: "Tools and dashboards read the frontmatter, people read the body; a stale mirror \
tells the next session to resume from the wrong place.",
        example: "---\nlast_activity: 2026-01-20\nstopped_at: Completed 02-01-PLAN.md\n---\n...\nLast activity: 2026-01-26 — Completed 02-02-PLAN.md\nStopped at: Completed 02-02-PLAN.md\n",
        fix: "`gsd check --fix` copies the body's value into the frontmatter when the body's \
`Last activity` date is later than the frontmatter's `last_activity` and `last_updated` (the \
body was written last). **The fix is withheld** when the frontmatter is as recent or newer, or \
a date is missing: then which one is stale is not known.",
    },
];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    position_vs_phases(input, &mut out);
    progress_rows(input, &mut out);
    session_mirrors(input, &mut out);
    out
}

/// The span of the Phase line's number, and the phase it names.
fn current_phase(input: &Input) -> Option<(std::ops::Range<usize>, crate::model::PhaseNum)> {
    let doc = &input.ws.state.doc;
    let phase = input.ws.state.position.phase.as_ref()?;
    let span = phase.number.clone()?;
    let n = crate::model::PhaseNum::parse(doc.text(span.clone()))?;
    Some((span, n))
}

/// GSD111 and GSD112.
fn position_vs_phases(input: &Input, out: &mut Vec<Diagnostic>) {
    let Some((span, n)) = current_phase(input) else {
        return;
    };
    let ledger = input.ledger;
    if input.ws.phases.is_some()
        && let Some(later) = ledger
            .phases
            .iter()
            // `52.2` inserted after the current `52` is urgent work done beside it.
            .filter(|p| p.number > n && has_summaries(p) && !inserted_after(&p.number, &n))
            .max_by(|a, b| a.number.cmp(&b.number))
    {
        out.push(
            Diagnostic::new(
                "GSD111",
                PlanningFile::State,
                span.clone(),
                format!(
                    "the position is phase {n} but phase {} already has SUMMARY files",
                    later.number
                ),
            )
            .help(format!(
                "move the position to the phase being worked on, or check whether phase {} is finished",
                later.number
            )),
        );
    }
    let roadmap_lists_phases = ledger.phases.iter().any(|p| p.in_roadmap);
    // `Phase: 4 of 3` is GSD105's finding: one fact, reported once.
    let past_total = input.ws.state.position.phase.as_ref().is_some_and(|ph| {
        let doc = &input.ws.state.doc;
        ph.total
            .clone()
            .and_then(|t| doc.text(t).parse::<u64>().ok())
            .zip(n.as_integer())
            .is_some_and(|(t, x)| x > t)
    });
    if input.ws.roadmap.is_some()
        && roadmap_lists_phases
        && !past_total
        && !ledger.phase(&n).is_some_and(|p| p.in_roadmap)
    {
        out.push(
            Diagnostic::new(
                "GSD112",
                PlanningFile::State,
                span,
                format!("the position is phase {n}, which ROADMAP.md does not list"),
            )
            .help("add the phase to ROADMAP.md, or correct the phase number"),
        );
    }
}

/// Whether `later` is a decimal phase inserted after `n` (`52.2` after `52`).
fn inserted_after(later: &crate::model::PhaseNum, n: &crate::model::PhaseNum) -> bool {
    let whole = |p: &crate::model::PhaseNum| {
        p.to_string()
            .split('.')
            .next()
            .and_then(|w| w.trim_start_matches('0').parse::<u64>().ok())
    };
    later.as_integer().is_none() && whole(later).is_some() && whole(later) == whole(n)
}

fn has_summaries(p: &PhaseEntry) -> bool {
    p.plans.iter().any(|e| e.evidence.summary_file)
}

/// Plans the phase's files record done: with a SUMMARY or a tick, or all of them when the
/// phase is marked complete.
fn recorded_done(p: &PhaseEntry) -> u64 {
    if p.marked_complete {
        p.plans.len() as u64
    } else {
        p.plans
            .iter()
            .filter(|e| e.evidence.summary_file || e.evidence.ticked)
            .count() as u64
    }
}

/// GSD409.
fn progress_rows(input: &Input, out: &mut Vec<Diagnostic>) {
    let Some(roadmap) = &input.ws.roadmap else {
        return;
    };
    let doc = &roadmap.doc;
    // Plans whose tick and SUMMARY disagree are GSD403/GSD404's findings; here they count as
    // not done (the undisputed reading), so one fact is reported once.
    for phase in input
        .readings
        .undisputed
        .phases
        .iter()
        .filter(|p| p.has_folder)
    {
        if phase.plans.is_empty() {
            continue;
        }
        let Some((table, row)) = roadmap.progress_row(&phase.number) else {
            continue;
        };
        let Some(cell) = table.cell(row, Column::Plans) else {
            continue;
        };
        let text = doc.text(cell.text.clone());
        let Some((n, m)) = text.split_once('/') else {
            continue;
        };
        let (Ok(n), m) = (n.trim().parse::<u64>(), m.trim().parse::<u64>().ok()) else {
            continue;
        };
        let done = recorded_done(phase);
        let known = phase.plans.len() as u64;
        // A row above the files is wrong only when the files know every plan of the phase.
        let over = n > done && m.is_some_and(|m| known >= m) && !phase.marked_complete;
        if n >= done && !over {
            continue;
        }
        let d = Diagnostic::new(
            "GSD409",
            PlanningFile::Roadmap,
            cell.text.clone(),
            format!(
                "the progress row says {n} plans of phase {} are done but its files record {done}",
                phase.number
            ),
        );
        let total = m.map_or(known, |m| m.max(known)).max(done);
        let completes = done >= total && !phase.marked_complete;
        // A phase the count finishes is marked complete, dated with its plans' latest SUMMARY
        // date; without one, only the count is written (`N/N`, in progress): the phase's
        // completion is then `gsd phase complete`'s to record.
        let date = if completes {
            completion_date(input, phase)
        } else {
            None
        };
        if over {
            out.push(d.help("write the missing SUMMARY files, or lower the count"));
            continue;
        }
        let tally = PhaseTally {
            phase: phase.number.clone(),
            done,
            total: Some(total),
            complete: phase.marked_complete || date.is_some(),
            was_complete: phase.marked_complete,
        };
        let edits = phase_edits(roadmap, &tally, date.as_deref().unwrap_or(""));
        out.push(d.fix(format!("set the phase's count to {done}/{total}"), edits));
    }
}

/// The latest `completed:` date of the phase's SUMMARY files, when every one has a date.
fn completion_date(input: &Input, phase: &PhaseEntry) -> Option<String> {
    let phases = input.ws.phases.as_ref()?;
    let mut latest = None;
    for plan in phase.plans.iter().filter(|p| p.evidence.summary_file) {
        let path = phases.summary_path(&plan.id)?;
        let date = input.ws.facts.summary_date(&path)?;
        latest = latest.max(Some(date));
    }
    latest.map(|d| d.format("%Y-%m-%d").to_string())
}

/// GSD410.
fn session_mirrors(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let Some(fm) = doc.frontmatter.first() else {
        return;
    };
    let src = &doc.source;
    let Some(body_activity) = &state.position.last_activity else {
        return;
    };
    let body_value = body_activity.field.value(doc).trim();
    let body_date = body_activity.date.as_ref().map(|(d, _)| *d);
    let fm_activity = fm.get("last_activity");
    let fm_date = fm_activity
        .and_then(|e| crate::model::values::leading_date(e.value(src)))
        .map(|(d, _)| d);
    // The body was written after the frontmatter (its activity is later than both the
    // frontmatter's and its `last_updated`): its values are the current ones.
    let updated = fm
        .get("last_updated")
        .and_then(|e| crate::model::values::leading_date(e.value(src)))
        .map(|(d, _)| d);
    let body_newer = matches!((body_date, fm_date), (Some(b), Some(f)) if b > f)
        && updated.is_none_or(|u| body_date.is_some_and(|b| b > u));
    if let Some(e) = fm_activity
        && let (Some(b), Some(f)) = (body_date, fm_date)
        && b != f
    {
        let d = Diagnostic::new(
            "GSD410",
            PlanningFile::State,
            e.value_span.clone(),
            format!("frontmatter `last_activity` is dated {f} but the body's Last activity is {b}"),
        );
        out.push(if body_newer {
            let edits = crate::ops::frontmatter::set(doc, "last_activity", body_value);
            d.fix("copy the body's Last activity into the frontmatter", edits)
        } else {
            d.help("update the body's Last activity, or the frontmatter, to the latest activity")
        });
    }
    let (Some(e), Some(stopped)) = (fm.get("stopped_at"), &state.session.stopped_at) else {
        return;
    };
    let ours = e.value(src).trim();
    let theirs = stopped.value(doc).trim();
    if ours.is_empty()
        || theirs.is_empty()
        || super::mentions(ours, theirs)
        || super::mentions(theirs, ours)
    {
        return;
    }
    let d = Diagnostic::new(
        "GSD410",
        PlanningFile::State,
        e.value_span.clone(),
        format!("frontmatter `stopped_at: {ours}` disagrees with the body's Stopped at ({theirs})"),
    );
    out.push(if body_newer {
        let edits = crate::ops::frontmatter::set(doc, "stopped_at", theirs);
        d.fix("copy the body's Stopped at into the frontmatter", edits)
    } else {
        d.help("update whichever of the two is stale")
    });
}
