//! GSD401–GSD408: STATE.md agrees with PROJECT.md, ROADMAP.md and the phases folder.
//! Every rule here is skipped when the file it compares against is missing. The table below
//! documents all eight; GSD403–GSD405 (plan ticks and counts against the SUMMARY files) are
//! checked in [`super::cross_plans`].

use super::cross_frontmatter::frontmatter;
use crate::check::{Diagnostic, Input, PlanningFile, Rule, Severity};
use crate::edit::Edit;
use crate::model::disk_facts::resume_path;
use crate::model::ids::plan_ids_in;
use crate::syntax::LineKind;

pub static RULES: &[Rule] = &[
    Rule {
        code: "GSD401",
        name: "core-value-mismatch",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "STATE.md's core value is not PROJECT.md's Core Value.",
        what: "Compares `**Core value:**` in STATE.md with the paragraph under `## Core Value` in \
PROJECT.md, leniently: case, punctuation, accents, `—` vs `-` and `( … )` asides aside, a \
STATE copy that only leaves words out (or rewords one word of ten or more) agrees; Chinese, \
Japanese and Korean text is compared by character bigrams.",
        why: "STATE.md repeats the core value so every session starts from it. A stale copy \
steers work by a goal the project no longer has.",
        example: "**Core value:** Fast search for every document\n<!-- PROJECT.md: Accurate search for every document -->\n",
        fix: "Copy the Core Value from PROJECT.md.",
    },
    Rule {
        code: "GSD402",
        name: "project-date-mismatch",
        severity: Severity::Warning,
        fixable: true,
        on_by_default: true,
        summary: "The see-line's PROJECT.md date is not PROJECT.md's last-updated date.",
        what: "Compares the date in `See: .planning/PROJECT.md (updated DATE)` with the \
`*Last updated: DATE …*` footer of PROJECT.md; only a see-line older than the footer is \
reported.",
        why: "The see-line tells readers whether their picture of the project is current. A \
stale date hides that PROJECT.md changed.",
        example: "See: .planning/PROJECT.md (updated 2026-01-20)\n<!-- PROJECT.md: *Last updated: 2026-01-26 after Phase 2* -->\n",
        fix: "`gsd check --fix` sets the see-line's date to PROJECT.md's last-updated date: \
PROJECT.md's own footer is the record of when it changed, and the date only moves forward.",
    },
    Rule {
        code: "GSD403",
        name: "ticked-plan-without-summary",
        severity: Severity::Error,
        fixable: false,
        on_by_default: true,
        summary: "ROADMAP.md ticks a plan that has no SUMMARY.md.",
        what: "For every ticked plan in ROADMAP.md whose phase folder exists, checks that \
`NN-MM-SUMMARY.md` exists.",
        why: "A plan is done when its summary is written. A tick without one means the plan \
was marked done by hand, or its summary was lost.",
        example: "- [x] 02-02-PLAN.md — Cursor pagination\n<!-- phases/02-api/ has no 02-02-SUMMARY.md -->\n",
        fix: "Write the plan's SUMMARY.md, or untick it in ROADMAP.md.",
    },
    Rule {
        code: "GSD404",
        name: "summary-without-tick",
        severity: Severity::Error,
        fixable: true,
        on_by_default: true,
        summary: "A plan has a SUMMARY.md but ROADMAP.md does not tick it.",
        what: "For every `NN-MM-SUMMARY.md` in the phases folder whose plan ROADMAP.md lists, \
checks that the plan's checkbox is ticked, unless the phase as a whole is marked complete. \
One finding per phase names all of its unticked plans.",
        why: "The roadmap is the project's progress record; a finished plan left unticked \
understates progress and invites redoing work.",
        example: "- [ ] 02-01-PLAN.md — Filtering\n<!-- phases/02-api/02-01-SUMMARY.md exists -->\n",
        fix: "Tick the plan: `- [x] 02-01-PLAN.md — Filtering` (`gsd state complete 02-01` does \
this and the rest of the bookkeeping). `gsd check --fix` ticks every plan of the phase that has \
a SUMMARY.md: the SUMMARY is the workflow's own record that the plan finished, and ticking it \
changes no count gsd derives. Counts that then disagree (the phase's progress row, `Total \
plans completed`) are their own findings, fixed when their evidence agrees.",
    },
    Rule {
        code: "GSD405",
        name: "completed-count-mismatch",
        severity: Severity::Error,
        fixable: true,
        on_by_default: true,
        summary: "`Total plans completed` is not the number of plans done.",
        what: "Asks the ledger how many plans the files besides STATE.md show done (a SUMMARY.md \
file in the phases folder, a tick in ROADMAP.md, a phase marked complete, the counts ROADMAP.md \
keeps for a phase) and compares the count with `Total plans completed`. A count over the \
current milestone or a run of the latest phases, a count kept per milestone (`3 (v2.0)`), a \
count that leaves out plans ROADMAP.md and the SUMMARY files disagree on, and a larger count \
when shipped milestones are archived in `.planning/milestones/` (or the files start past \
phase 1) are accepted. Skipped without the phases folder.",
        why: "Completed plans are the ones with a summary; a different count means a plan was \
recorded as done without one, or a summary was never counted.",
        example: "- Total plans completed: 4\n<!-- phases/ holds three SUMMARY.md files -->\n",
        fix: "Set the count to the plans done. `gsd check --fix` raises it to the files' count when \
every reading of them agrees (no plan ticked without a SUMMARY or the other way round). \
**The fix is withheld** when the count is above the files' and the By Phase table does not \
add up to the files' count as well (a SUMMARY may be missing or plans archived), or when ROADMAP.md and the SUMMARY files disagree (the \
finding names the plans).",
    },
    Rule {
        code: "GSD406",
        name: "frontmatter-mismatch",
        severity: Severity::Warning,
        fixable: true,
        on_by_default: true,
        summary: "A frontmatter value disagrees with the body (status, percent, phase, plan).",
        what: "Compares the frontmatter's `status` (by meaning: `executing` = `In progress`, \
`complete` = `Phase complete`, …), `progress.percent`, `current_phase` and `current_plan` \
with the body's Status, Progress, Phase and Plan lines. Statuses are reported only when they \
contradict each other (`completed` next to `In progress`), not when one is a step ahead.",
        why: "Tools read the frontmatter, people read the body. When they disagree, automation \
and humans act on different facts.",
        example: "---\nstatus: executing\nprogress:\n  percent: 40\n---\n...\nStatus: Phase complete\nProgress: [█████░░░░░] 50%\n",
        fix: "Update the frontmatter value to match the body (or the body to match the truth). \
`gsd check --fix` raises `progress.percent` to the body's percent when the plan counts bear \
the body out (in some scope) and not the mirror. **The fix is withheld** for the other keys, \
and when the mirror is the higher value or the counts bear it out.",
    },
    Rule {
        code: "GSD407",
        name: "missing-resume-file",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "`Resume file` points at a file that does not exist.",
        what: "Reads the path in `Resume file:` (ignoring `None`) and checks that it exists, \
relative to the project folder or to `.planning/` (a bare file name also in the phase \
folders). Slash commands (`/clear`) are not files.",
        why: "The resume file is where the next session starts. A dangling pointer loses the \
hand-off.",
        example: "Resume file: .planning/phases/02-api/.continue-here.md\n<!-- no such file -->\n",
        fix: "Point it at the right file, or set it to `None`.",
    },
    Rule {
        code: "GSD408",
        name: "stopped-at-without-summary",
        severity: Severity::Error,
        fixable: false,
        on_by_default: true,
        summary: "`Stopped at: Completed NN-MM` names a plan that has no SUMMARY.md.",
        what: "When `Stopped at` says a plan was completed, checks that its SUMMARY.md exists in \
the phases folder (skipped when the phase has no folder). Only the completed clause counts: \
in `Completed quick task X. Next: 03-07-PLAN.md`, 03-07 is the next plan.",
        why: "The session record claims work that left no summary; either the summary was not \
written or the record names the wrong plan.",
        example: "Stopped at: Completed 02-02-PLAN.md\n<!-- phases/02-api/ has no 02-02-SUMMARY.md -->\n",
        fix: "Write the summary, or correct `Stopped at`.",
    },
];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    project(input, &mut out);
    super::cross_plans::roadmap_vs_summaries(input, &mut out);
    super::cross_plans::completed_count(input, &mut out);
    frontmatter(input, &mut out);
    session(input, &mut out);
    out
}

fn project(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let Some(project) = &input.ws.project else {
        return;
    };
    if let (Some(field), Some(range)) = (&state.reference.core_value, &project.core_value) {
        // The whole paragraph: PROJECT.md may wrap the core value over several lines.
        let pdoc = &project.doc;
        let first = pdoc.source.line_of(range.start);
        let paragraph: Vec<&str> = (first..pdoc.kinds.len())
            .take_while(|&i| pdoc.kinds[i] == LineKind::Text)
            .map(|i| pdoc.line(i).trim())
            .collect();
        if !super::core_value::agrees(field.value(doc), &paragraph.join(" ")) {
            out.push(
                Diagnostic::new(
                    "GSD401",
                    PlanningFile::State,
                    field.value.clone(),
                    "the core value differs from PROJECT.md's Core Value".into(),
                )
                .help(format!(
                    "copy it from PROJECT.md: `{}`",
                    paragraph.join(" ")
                )),
            );
        }
    }
    if let (Some((see, span)), Some((updated, _))) =
        (&state.reference.project_updated, &project.last_updated)
        && see < updated
    {
        out.push(
            Diagnostic::new(
                "GSD402",
                PlanningFile::State,
                span.clone(),
                format!(
                    "the see-line says PROJECT.md was updated {see}, but PROJECT.md says {updated}"
                ),
            )
            .fix(
                format!("set the date to {updated}"),
                vec![Edit::replace(
                    span.clone(),
                    updated.format("%Y-%m-%d").to_string(),
                )],
            ),
        );
    }
}

fn session(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    if let Some(field) = &state.session.resume_file
        && let Some((r, path)) = resume_path(field.value(doc))
    {
        // Looked up on disk at load (`io::facts`): a rule does not touch the disk.
        let exists = input.ws.facts.resume_file_exists(path);
        if !exists {
            let base = field.value.start;
            out.push(
                Diagnostic::new(
                    "GSD407",
                    PlanningFile::State,
                    base + r.start..base + r.end,
                    format!("the resume file `{path}` does not exist"),
                )
                .help("point it at the file to resume from, or set it to `None`"),
            );
        }
    }
    let Some(field) = &state.session.stopped_at else {
        return;
    };
    let value = field.value(doc);
    let Some(at) = value.to_ascii_lowercase().find("completed") else {
        return;
    };
    // Only the clause that says what was completed: `Completed quick task X. Next: 03-07`
    // names 03-07 as the next plan, not a completed one.
    let clause_end = ["next", ". ", ";", "→", "->"]
        .iter()
        .filter_map(|m| value[at..].to_ascii_lowercase().find(m))
        .min()
        .map_or(value.len(), |e| at + e);
    let after = &value[at..clause_end];
    let Some(id) = plan_ids_in(after).into_iter().next() else {
        return;
    };
    // Skipped when the phase has no folder; an inserted plan (`01-02a`) and its base number
    // name the same piece of work here.
    let Some(phase) = input.ledger.phase(&id.phase).filter(|p| p.has_folder) else {
        return;
    };
    if phase
        .plans
        .iter()
        .any(|p| p.id.plan == id.plan && p.evidence.summary_file)
    {
        return;
    }
    let raw = id.to_string();
    let rel = after.find(&raw).map_or(0, |i| at + i);
    let start = field.value.start + rel;
    out.push(
        Diagnostic::new(
            "GSD408",
            PlanningFile::State,
            start..start + raw.len(),
            format!("Stopped at says {raw} was completed, but it has no SUMMARY.md"),
        )
        .help(format!("write {raw}-SUMMARY.md, or correct Stopped at")),
    );
}
