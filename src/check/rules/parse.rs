//! GSD0xx: the file could not be understood. Reported as findings with positions, never
//! as crashes, so CI points at the line to repair.

use crate::check::{Diagnostic, FileKind, Input, Rule, Severity};
use crate::model::StateDoc;

pub static RULES: &[Rule] = &[
    Rule {
        code: "GSD001",
        name: "missing-position-section",
        severity: Severity::Error,
        fixable: false,
        summary: "STATE.md has no Current Position: no section and no Phase, Plan, Status or Progress line.",
        what: "Looks for the `## Current Position` section, or at least one of the position fields \
(`Phase:`, `Plan:`, `Status:`, `Progress:`) anywhere in STATE.md.",
        why: "Every other check, and every tool that resumes work, starts from the current position. \
A STATE.md without one (a JSON blob, a session log, a file that moved elsewhere) cannot tell \
anyone where the project is.",
        example: "# Project State\n\n## Notes\n\nWorking on the API this week.\n",
        fix: "Add a `## Current Position` section with `Phase: N of M (Name)`, `Plan: A of B`, \
`Status:` and `Progress:` lines.",
    },
    Rule {
        code: "GSD002",
        name: "unparseable-position-line",
        severity: Severity::Warning,
        fixable: false,
        summary: "A Phase, Plan or Progress line has a count or percent gsd cannot read.",
        what: "Reads `Phase: N of M`, `Plan: A of B` and `Progress: [bar] P%` and reports lines that \
start like a count or a percent but break off: `Phase: 3 of`, `Plan: 2 /`, or a bar whose `[` \
never closes.",
        why: "A position line that half-parses is usually a typo or a tool's corruption. Every \
consistency check that depends on it is silently skipped until it is repaired.",
        example: "Phase: 3 of (API)\nPlan: 1 of\nProgress: [███░░░░░░░ 30%\n",
        fix: "Write the line in one of the usual shapes: `Phase: 3 of 5 (API)`, `Plan: 1 of 2`, \
`Progress: [███░░░░░░░] 30%`.",
    },
];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let state = &input.ws.state;
    let mut out = Vec::new();
    missing_position(state, &mut out);
    broken_lines(state, &mut out);
    out
}

fn missing_position(state: &StateDoc, out: &mut Vec<Diagnostic>) {
    let p = &state.position;
    if p.section.is_some()
        || p.phase.is_some()
        || p.plan.is_some()
        || p.status.is_some()
        || p.progress.is_some()
    {
        return;
    }
    let doc = &state.doc;
    let first = (0..doc.kinds.len()).find(|&i| !doc.line(i).trim().is_empty());
    let span = first.map_or(0..0, |i| {
        let start = doc.line_start(i);
        start..start + doc.line(i).trim_end().len()
    });
    out.push(
        Diagnostic::new(
            "GSD001",
            FileKind::State,
            span,
            "STATE.md has no Current Position (no section, and no Phase, Plan, Status or Progress line)"
                .into(),
        )
        .help("add a `## Current Position` section with `Phase:`, `Plan:`, `Status:` and `Progress:` lines"),
    );
}

fn broken_lines(state: &StateDoc, out: &mut Vec<Diagnostic>) {
    let doc = &state.doc;
    let p = &state.position;
    if let Some(phase) = &p.phase
        && let Some(num) = &phase.number
        && phase.total.is_none()
    {
        let after = doc.text(num.end..phase.field.value.end);
        if after.trim_start_matches(['`', '*']).starts_with(" of") {
            out.push(
                Diagnostic::new(
                    "GSD002",
                    FileKind::State,
                    phase.field.value.clone(),
                    "the Phase line has `of` but no readable phase total".into(),
                )
                .help("write `Phase: N of M (Name)`, e.g. `Phase: 3 of 5 (API)`"),
            );
        }
    }
    if let Some(plan) = &p.plan
        && let Some(done) = &plan.done
        && plan.total.is_none()
    {
        let after = doc.text(done.end..plan.field.value.end);
        let t = after.trim_end();
        if t == " of" || t.starts_with(" of ") || t.starts_with('/') {
            out.push(
                Diagnostic::new(
                    "GSD002",
                    FileKind::State,
                    plan.field.value.clone(),
                    "the Plan line has `of` but no readable plan total".into(),
                )
                .help("write `Plan: A of B`, e.g. `Plan: 1 of 2` (or `1 of TBD` while unplanned)"),
            );
        }
    }
    if let Some(progress) = &p.progress {
        let value = doc.text(progress.field.value.clone());
        let base = progress.field.value.start;
        if value.starts_with('[') && progress.bar.is_none() && !value.contains(']') {
            out.push(
                Diagnostic::new(
                    "GSD002",
                    FileKind::State,
                    base..base + value.len(),
                    "the progress bar's `[` is never closed".into(),
                )
                .help("close the bar with `]`: `Progress: [███░░░░░░░] 30%`"),
            );
        }
    }
}
