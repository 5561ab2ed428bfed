//! GSD0xx: the file could not be understood. Reported as findings with positions, never
//! as crashes, so CI points at the line to repair.

use super::parse_position::missing_position;
use crate::check::{Diagnostic, Input, PlanningFile, Rule, Severity};
use crate::model::StateDoc;
use crate::model::state::plan_rows::is_plan_metric_row;
use crate::syntax::LineKind;

pub static RULES: &[Rule] = &[
    Rule {
        code: "GSD001",
        name: "missing-position-section",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "STATE.md has no Current Position: no section and no Phase, Plan, Status or Progress line.",
        what: "Looks for the `## Current Position` section, or at least one of the position fields \
(`Phase:`, `Plan:`, `Status:`, `Progress:`) anywhere in STATE.md. A frontmatter `status:` \
counts too (between milestones the position may live there alone).",
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
        on_by_default: true,
        summary: "A Phase or Plan count breaks off, or a progress bar's `[` never closes.",
        what: "Reads `Phase: N of M`, `Plan: A of B` and `Progress: [bar] P%` and reports lines that \
start like a count but break off: `Phase: 3 of`, `Plan: 2 /`, or a bar whose `[` \
never closes.",
        why: "A position line that half-parses is usually a typo or a tool's corruption. Every \
consistency check that depends on it is silently skipped until it is repaired.",
        example: "Phase: 3 of (API)\nPlan: 1 of\nProgress: [███░░░░░░░ 30%\n",
        fix: "Write the line in one of the usual shapes: `Phase: 3 of 5 (API)`, `Plan: 1 of 2`, \
`Progress: [███░░░░░░░] 30%`.",
    },
    Rule {
        code: "GSD003",
        name: "cli-argument-leak",
        severity: Severity::Error,
        fixable: false,
        on_by_default: true,
        summary: "A field holds a literal command-line flag (`Last session: --stopped-at`).",
        what: "Reports position, session and reference fields whose value is a command-line \
flag such as `--stopped-at` or `--resume-file`: text a tool wrote when it mis-parsed its own \
arguments.",
        why: "The real value was lost, and every reader (people, agents, `gsd state show`) now \
sees a flag where a date or a path belongs.",
        example: "Last session: --stopped-at\nResume file: --resume-file\n",
        fix: "Write the real value back: `gsd state session --stopped-at \"…\"` records the \
session properly.",
    },
    Rule {
        code: "GSD004",
        name: "misplaced-metric-row",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "A per-plan metrics row was appended to an unrelated table.",
        what: "Finds tool-appended per-plan rows (`| Phase 03 P03 | 3min | 2 tasks | 3 files |`) \
inside a table whose header is not a per-plan table (no Duration, Tasks or Files column): the \
By Phase table, the decisions table, a deferred-items table. Such rows in their own block \
after `*Updated after each plan completion*` are fine. One finding per host table, at its \
first misplaced row, with the count and line range.",
        why: "The row's cells land in the wrong columns (a duration under Plans, `2 tasks` under \
Total), so the host table no longer adds up and readers misread it.",
        example: "| Phase | Plans | Total | Avg/Plan |\n|---|---|---|---|\n| 1 | 2 | 15 min | 7.5 min |\n| Phase 01 P02 | 3min | 2 tasks | 3 files |\n",
        fix: "Move the row out of the table (into the per-plan block below the metrics) or \
delete it.",
    },
    Rule {
        code: "GSD005",
        name: "stacked-fields",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "Current Position or Session Continuity writes the same field more than once.",
        what: "Finds `Phase:`, `Plan:`, `Status:`, `Last activity:`, `Progress:`, `Last \
session:`, `Stopped at:` and `Resume file:` lines written more than once in the section that \
holds them (a block repeated with the newest on top, or a `Last session:` / `Stopped at:` \
pair written again below the old one). One finding per section, at the first line gsd does \
not use, naming the line it does use: the latest date for dated lines, the highest phase \
for `Phase:`, and the lines written with those.",
        why: "Readers disagree on which copy is current: the incumbent's tools and many agents \
take the first, which is often the oldest. gsd reads and edits the newest, but the stale \
copies keep misleading everyone else.",
        example: "## Session Continuity\n\nLast session: 2026-01-20 17:00\nStopped at: Completed 03-01-PLAN.md\n\nLast session: 2026-01-28 18:30\nStopped at: Completed 04-02-PLAN.md\n",
        fix: "Delete the older lines, or keep them as history inside a `<details>` block \
(gsd never reads fields there).",
    },
];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let state = &input.ws.state;
    let mut out = Vec::new();
    missing_position(state, &mut out);
    broken_lines(state, &mut out);
    argument_leaks(state, &mut out);
    misplaced_metric_rows(state, &mut out);
    stacked_fields(state, &mut out);
    out
}

/// One finding per block that stacks fields: at its first line gsd does not use.
fn stacked_fields(state: &StateDoc, out: &mut Vec<Diagnostic>) {
    let doc = &state.doc;
    let mut blocks: Vec<&'static str> = state.stacked.iter().map(|s| s.block).collect();
    blocks.dedup();
    for block in blocks {
        let fields: Vec<&crate::model::state::Stacked> =
            state.stacked.iter().filter(|s| s.block == block).collect();
        let Some(first_unused) = fields
            .iter()
            .flat_map(|s| s.lines.iter().copied().filter(move |&l| l != s.chosen))
            .min()
        else {
            continue;
        };
        let names: Vec<String> = fields.iter().map(|s| format!("`{}`", s.label)).collect();
        let most = fields.iter().map(|s| s.lines.len()).max().unwrap_or(2);
        let least = fields.iter().map(|s| s.lines.len()).min().unwrap_or(2);
        let times = if least == most {
            format!("{most} times")
        } else {
            format!("up to {most} times")
        };
        let mut used: Vec<usize> = fields.iter().map(|s| s.chosen + 1).collect();
        used.sort_unstable();
        used.dedup();
        let used = match used.as_slice() {
            [one] => format!("line {one}"),
            many => format!(
                "lines {}",
                many.iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let start = doc.line_start(first_unused);
        out.push(
            Diagnostic::new(
                "GSD005",
                PlanningFile::State,
                start..start + doc.line(first_unused).trim_end().len(),
                format!(
                    "{} {} written {times} in {block}; gsd reads and edits the newest ({used})",
                    join_names(&names),
                    if names.len() == 1 { "is" } else { "are" },
                ),
            )
            .help("delete the older lines, or keep them as history inside `<details>`"),
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
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
                    PlanningFile::State,
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
        if t == " of" || t.starts_with(" of ") || t.trim_start().starts_with('/') {
            out.push(
                Diagnostic::new(
                    "GSD002",
                    PlanningFile::State,
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
                    PlanningFile::State,
                    base..base + value.len(),
                    "the progress bar's `[` is never closed".into(),
                )
                .help("close the bar with `]`: `Progress: [███░░░░░░░] 30%`"),
            );
        }
    }
}

/// Whether a value is a literal command-line flag (`--stopped-at`).
fn is_flag(value: &str) -> bool {
    let v = value.trim().trim_matches('`');
    v.strip_prefix("--")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
        && !v.contains(' ')
}

fn argument_leaks(state: &StateDoc, out: &mut Vec<Diagnostic>) {
    let doc = &state.doc;
    let p = &state.position;
    let s = &state.session;
    let r = &state.reference;
    // Each field with the command that writes its real value back.
    let session = "gsd state session --stopped-at \"<where work stopped>\"";
    let fields = [
        (s.last.as_ref(), session),
        (s.stopped_at.as_ref(), session),
        (s.resume_file.as_ref(), "gsd state set resume_file <path>"),
        (p.status.as_ref(), "gsd state set status \"<status>\""),
        (
            p.milestone.as_ref(),
            "gsd state set milestone \"<milestone>\"",
        ),
        (
            p.phase.as_ref().map(|x| &x.field),
            "gsd state set phase \"<N of M (Name)>\"",
        ),
        (
            p.plan.as_ref().map(|x| &x.field),
            "gsd state set plan \"<A of B>\"",
        ),
        (
            p.last_activity.as_ref().map(|x| &x.field),
            "gsd state set last_activity \"<date — what happened>\"",
        ),
        (
            p.progress.as_ref().map(|x| &x.field),
            "gsd state set progress <percent>",
        ),
        (
            r.core_value.as_ref(),
            "gsd state set core_value \"<value>\"",
        ),
        (
            r.current_focus.as_ref(),
            "gsd state set current_focus \"<focus>\"",
        ),
    ];
    for (f, command) in fields
        .into_iter()
        .filter_map(|(f, command)| f.map(|f| (f, command)))
    {
        let value = f.value(doc);
        if is_flag(value) {
            out.push(
                Diagnostic::new(
                    "GSD003",
                    PlanningFile::State,
                    f.value.clone(),
                    format!(
                        "`{}` holds the command-line flag `{value}` instead of a value",
                        f.label(doc)
                    ),
                )
                .help(format!("write the real value: `{command}`")),
            );
        }
    }
}

/// One finding per host table: tools append a row per plan, and twenty identical findings
/// for one mistake bury everything else.
fn misplaced_metric_rows(state: &StateDoc, out: &mut Vec<Diagnostic>) {
    let doc = &state.doc;
    let mut header: Option<usize> = None;
    // (host header line, misplaced row lines)
    let mut hosts: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..doc.kinds.len() {
        match doc.kinds[i] {
            LineKind::TableRow => {
                let h = *header.get_or_insert(i);
                if h == i {
                    continue;
                }
                let cells = doc.cells(i).unwrap_or_default();
                if !is_plan_metric_row(doc, &cells) {
                    continue;
                }
                let columns = doc.line(h).to_lowercase();
                if ["duration", "tasks", "files", "time"]
                    .iter()
                    .any(|c| columns.contains(c))
                {
                    continue;
                }
                match hosts.last_mut() {
                    Some((host, rows)) if *host == h => rows.push(i),
                    _ => hosts.push((h, vec![i])),
                }
            }
            LineKind::TableDelimiter => {}
            _ => header = None,
        }
    }
    for (h, rows) in hosts {
        let first = rows[0];
        let start = doc.line_start(first);
        let what = if rows.len() == 1 {
            "a per-plan metrics row sits".to_string()
        } else {
            format!(
                "{} per-plan metrics rows (lines {}–{}) sit",
                rows.len(),
                first + 1,
                rows[rows.len() - 1] + 1
            )
        };
        out.push(
            Diagnostic::new(
                "GSD004",
                PlanningFile::State,
                start..start + doc.line(first).trim_end().len(),
                format!(
                    "{what} inside the table `{}` (line {})",
                    doc.line(h).trim(),
                    h + 1
                ),
            )
            .help(if rows.len() == 1 {
                "move the row out of this table, below `*Updated after each plan completion*`, or delete it"
            } else {
                "move the rows out of this table, below `*Updated after each plan completion*`, or delete them"
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags() {
        assert!(is_flag("--stopped-at"));
        assert!(is_flag("`--resume-file`"));
        assert!(!is_flag("-- continue"));
        assert!(!is_flag("None"));
        assert!(!is_flag("--stopped-at and more text"));
    }

    #[test]
    fn broken_position_lines() {
        use crate::check::rules::testing::codes;
        for bad in [
            "Plan: 1 of",
            "Plan: 2 /",
            "Phase: 3 of (API)",
            "Progress: [███░░░ 30%",
        ] {
            let c = codes(&format!("## Current Position\n\n{bad}\n"));
            assert_eq!(
                c.iter().map(|x| x.0).collect::<Vec<_>>(),
                vec!["GSD002"],
                "{bad}"
            );
        }
        for ok in [
            "Plan: 1 of ? in current phase",
            "Plan: 0 of TBD",
            "Plan: 8/8 complete",
            "Phase: All complete (12/12)",
        ] {
            let c = codes(&format!("## Current Position\n\n{ok}\n"));
            assert!(c.is_empty(), "{ok}: {c:?}");
        }
    }
}
