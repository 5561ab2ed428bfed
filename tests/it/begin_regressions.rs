//! Regressions for `gsd state begin` (`src/ops/begin.rs`) on the shapes real projects have:
//! - only the current position changes: a second, stacked position block (`Phase: 27.1 …` with
//!   its own `Plan: 27.1-01 …` lines), a session log and the decisions keep every byte, and a
//!   frontmatter `status:` token gets a token (the 23492/norish `begin 27.3` report);
//! - `Phase: N of Y` keeps measuring what `Y` measured and never ends below `N`;
//! - `Plan:` follows the file's counter convention, `Status:` the file's words and case;
//! - a phase before the current one is refused (exit 2, nothing written), the current one is a
//!   no-op.
//!
//! Fixtures: `fixtures/ledger/begin-stacked-position` (the norish shape: frontmatter token,
//! stacked `Phase:`/`Plan:` lines, a `## Session log` with its own `Plan:` and `Status:`) and
//! `fixtures/ledger/begin-next-milestone` (ROADMAP.md milestone groups, a decimal phase).

use std::path::PathBuf;

use gsd::model::workspace::Workspace;
use gsd::ops::{self, Outcome};

use crate::ops_support::{clock, new_state, state_only, tree};
use crate::support::{Project, fixtures_dir, run};

fn fx(name: &str) -> PathBuf {
    fixtures_dir().join("ledger").join(name)
}

fn begin(ws: &Workspace, phase: &str, plans: Option<u32>) -> Outcome {
    let args = ops::begin::Begin {
        phase,
        plans,
        name: None,
    };
    ops::begin::begin(ws, &clock(), &args).unwrap()
}

/// The new STATE.md after `begin`, which must change it.
fn begun(ws: &Workspace, phase: &str, plans: Option<u32>) -> String {
    new_state(&begin(ws, phase, plans)).expect("STATE.md changes")
}

/// The value of the first `label:` line of `text`.
fn line<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.strip_prefix(label).and_then(|r| r.strip_prefix(": ")))
        .unwrap_or_else(|| panic!("no `{label}:` line in\n{text}"))
}

// ----------------------------------------------------------------------------------------
// Only the current position changes (23492/norish, `begin 27.3`)
// ----------------------------------------------------------------------------------------

#[test]
fn begin_changes_only_the_current_position_of_a_stacked_state() {
    let ws = tree(&fx("begin-stacked-position"));
    let old = ws.state.doc.source.text.clone();
    let new = begun(&ws, "27.3", None);
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (old.lines().collect(), new.lines().collect());
    assert_eq!(old_lines.len(), new_lines.len(), "{new}");
    let changed: Vec<usize> = (0..old_lines.len())
        .filter(|&i| old_lines[i] != new_lines[i])
        .collect();
    let allowed = [
        "status:",
        "last_updated:",
        "**Current focus:**",
        "Phase: **27.2",
        "Status: In Progress",
        "Last activity:",
    ];
    for i in &changed {
        let before = old_lines[*i];
        assert!(
            allowed.iter().any(|a| before.starts_with(a)),
            "line {} changed: {before:?} → {:?}\n{new}",
            i + 1,
            new_lines[*i]
        );
    }
    assert_eq!(changed.len(), allowed.len(), "{new}");
    // The position moved, in the file's words.
    assert!(
        new.contains("\nPhase: **27.3 — Gates that don't lie.** Inserted 2026-07-28"),
        "{new}"
    );
    assert!(new.contains("\nStatus: Ready to plan\n"), "{new}");
    assert!(
        new.contains("\nLast activity: 2026-02-01 — Started phase 27.3 (Gates that don't lie)\n"),
        "{new}"
    );
    assert!(
        new.contains("**Current focus:** Phase 27.3 — Gates that don't lie\n"),
        "{new}"
    );
    // The stacked 27.1 block, the session log and the history keep every byte.
    for kept in [
        "Phase: **27.1 — Import reliability, DEPLOYED 2026-07-28.**",
        "Plan: **27.1-01 (AI extraction resilience) DEPLOYED 2026-07-28.**",
        "Plan: **27.1-02 (JSON-LD fallback) DEPLOYED 2026-07-28.**",
        "Plan: 27.1-02 (JSON-LD fallback) DEPLOYED — the fallback runs",
        "Status: deployed, premise corrected the same day",
        "PREVIOUS Phase: 19 of 19",
    ] {
        assert!(new.contains(kept), "lost {kept:?}\n{new}");
    }
    // A frontmatter token gets a token in its own separator style, never body words.
    assert!(new.contains("\nstatus: ready-to-plan\n"), "{new}");
    assert!(!new.contains("status: Ready to plan"), "{new}");
    // And the begun file is stable: beginning it again changes nothing.
    let again = begin(&state_only(&new), "27.3", None);
    assert!(again.changes.is_empty(), "{:?}", again.message);
}

#[test]
fn a_frontmatter_status_token_gets_a_token() {
    let body = "\n# Project State\n\n## Current Position\n\nPhase: 2 of 4 (API)\nPlan: 2 of 2\nStatus: Phase complete\n";
    let fm = |status: &str| format!("---\nstatus: {status}\n---\n{body}");
    for (old, plans, want) in [
        ("executing", None, "status: planning\n"),
        // Already the token GSD uses for a phase with plans to run: left as written.
        ("executing", Some(3), "status: executing\n"),
        ("completed", Some(3), "status: executing\n"),
        ("ready_to_execute", None, "status: ready_to_plan\n"),
        ("in_progress", Some(3), "status: ready_to_execute\n"),
        ("phase-complete", None, "status: ready-to-plan\n"),
        ("wave_2_ready", None, "status: ready_to_plan\n"),
        ("\"verifying\"", None, "status: \"planning\"\n"),
        // Free text is not a token: it gets the body's words.
        (
            "Phase complete — ready for verification",
            None,
            "status: Ready to plan\n",
        ),
    ] {
        let new = begun(&state_only(&fm(old)), "3", plans);
        assert!(new.starts_with(&format!("---\n{want}")), "{old}:\n{new}");
    }
    // A value that already means the new status stays as written.
    let kept = begin(&state_only(&fm("ready-to-plan")), "3", None);
    let new = new_state(&kept).unwrap();
    assert!(new.starts_with("---\nstatus: ready-to-plan\n"), "{new}");
}

// ----------------------------------------------------------------------------------------
// Idempotent; never backwards
// ----------------------------------------------------------------------------------------

#[test]
fn begin_of_the_current_phase_changes_nothing() {
    let ws = tree(&fx("begin-stacked-position"));
    let out = begin(&ws, "27.2", None);
    assert!(out.changes.is_empty());
    assert_eq!(
        out.message.as_deref(),
        Some("phase 27.2 is already the current phase")
    );
}

#[test]
fn begin_of_an_earlier_phase_is_refused_and_writes_nothing() {
    let ws = tree(&fx("begin-stacked-position"));
    let args = ops::begin::Begin {
        phase: "27.1",
        ..Default::default()
    };
    let err = ops::begin::begin(&ws, &clock(), &args).unwrap_err();
    assert!(
        err.message.contains("before the current phase 27.2"),
        "{err}"
    );

    let p = Project::copy_of(&fx("begin-stacked-position"));
    let before = p.read("STATE.md");
    let (code, _, stderr) = run(p.gsd().args(["state", "begin", "27.1"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("a position never moves back"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert_eq!(p.read("STATE.md"), before);
}

// ----------------------------------------------------------------------------------------
// `Phase: N of Y`
// ----------------------------------------------------------------------------------------

#[test]
fn the_first_phase_of_the_next_milestone_gets_its_last_number() {
    // `3 of 3` measured the v1.0 group (phases 1-3); phase 4 opens v1.1 (4, 4.1, 5, 6, 7).
    let ws = tree(&fx("begin-next-milestone"));
    let new = begun(&ws, "4", None);
    assert!(
        new.contains(
            "\nPhase: 4 of 7 (Loyalty)\nPlan: 1 of 2 in current phase\nStatus: Ready to execute\n"
        ),
        "{new}"
    );
    // Beginning the next phases keeps `of 7`: the count of 8 phases includes the decimal one.
    for (phase, want) in [
        ("4.1", "Phase: 4.1 of 7 (Loyalty hotfix)"),
        ("5", "Phase: 5 of 7 (Gift cards)"),
    ] {
        let p = Project::copy_of(&fx("begin-next-milestone"));
        p.write("STATE.md", &new);
        let next = begun(&tree(p.root()), phase, None);
        assert!(next.contains(&format!("\n{want}\n")), "{next}");
    }
}

#[test]
fn a_total_that_counts_the_milestone_while_numbers_run_on_is_kept() {
    // `6 of 5`: phases numbered across the project, `Y` the v1.1 group's count (5). The file's
    // own convention, not a total to raise to `N`.
    let p = Project::copy_of(&fx("begin-next-milestone"));
    let text = p
        .read("STATE.md")
        .replace("Phase: 3 of 3 (Checkout)", "Phase: 6 of 5 (Reviews)");
    p.write("STATE.md", &text);
    let new = begun(&tree(p.root()), "7", None);
    assert!(new.contains("\nPhase: 7 of 5 (Reporting)\n"), "{new}");
}

#[test]
fn a_total_nothing_measures_is_kept_but_never_below_the_phase() {
    // No ROADMAP.md: `of 12` is kept as written.
    let text =
        "## Current Position\n\nPhase: 2 of 12 (API)\nPlan: 1 of 1\nStatus: Phase complete\n";
    let new = begun(&state_only(text), "3", Some(2));
    assert!(new.contains("Phase: 3 of 12\n"), "{new}");
    // A total below the phase begun (`Phase: 3 of 2`, stale): raised to the last phase
    // number of the milestone the phase is in.
    let p = Project::copy_of(&fx("begin-next-milestone"));
    let text = p
        .read("STATE.md")
        .replace("Phase: 3 of 3 (Checkout)", "Phase: 3 of 2 (Checkout)");
    p.write("STATE.md", &text);
    let new = begun(&tree(p.root()), "4", None);
    assert!(new.contains("\nPhase: 4 of 7 (Loyalty)\n"), "{new}");
}

// ----------------------------------------------------------------------------------------
// `Plan:` convention
// ----------------------------------------------------------------------------------------

fn position(plan: &str, status: &str) -> String {
    format!("## Current Position\n\nPhase: 2 of 5 (API)\nPlan: {plan}\nStatus: {status}\n")
}

#[test]
fn a_planned_phase_starts_at_the_plan_about_to_run() {
    let new = begun(
        &state_only(&position("2 of 2 in current phase", "Phase complete")),
        "3",
        Some(4),
    );
    assert!(
        new.contains("Plan: 1 of 4 in current phase\nStatus: Ready to execute\n"),
        "{new}"
    );
    // The ledger reads the new counter as the plan about to run: nothing of phase 3 is done.
    let ledger = gsd::ledger::Ledger::build(&state_only(&new), None);
    let p3 = ledger
        .phase(&gsd::model::ids::PhaseNum::parse("3").unwrap())
        .unwrap();
    assert_eq!((p3.done(), p3.total()), (0, Some(4)));
}

#[test]
fn a_phase_without_plans_starts_at_zero_of_tbd() {
    let new = begun(
        &state_only(&position("2 of 2", "Phase complete")),
        "3",
        None,
    );
    assert!(
        new.contains("Plan: 0 of TBD\nStatus: Ready to plan\n"),
        "{new}"
    );
}

#[test]
fn a_file_that_counts_plans_done_keeps_counting_them() {
    for (plan, want) in [
        // `0 of M` for a phase with plans: the done-count convention.
        ("0 of 2", "Plan: 0 of 3\n"),
        // The counter's own word says it counts plans done.
        ("2 of 2 complete", "Plan: 0 of 3 complete\n"),
        (
            "7 of 7 complete in Phase 2",
            "Plan: 0 of 3 complete in Phase 3\n",
        ),
    ] {
        let new = begun(&state_only(&position(plan, "In progress")), "3", Some(3));
        assert!(new.contains(want), "{plan}:\n{new}");
    }
    // Without a status to say the counter names the next plan, `1 of 1` would read as a
    // finished phase: the counter starts at 0.
    let text = "## Current Position\n\nPhase: 2 of 5 (API)\nPlan: 2 of 2\n";
    let new = begun(&state_only(text), "3", Some(1));
    assert!(new.contains("Plan: 0 of 1\n"), "{new}");
}

#[test]
fn notes_about_the_old_phase_leave_the_plan_line() {
    for (plan, want) in [
        (
            "3 of 3 in current phase (all done)",
            "Plan: 1 of 4 in current phase\n",
        ),
        (
            "5 of 5 in current phase (01-01, 01-05 complete — Phase 2 + gap closure DONE)",
            "Plan: 1 of 4 in current phase\n",
        ),
        (
            "4 of 4 in current phase — COMPLETE",
            "Plan: 1 of 4 in current phase\n",
        ),
        ("4 of 4 in Phase 2", "Plan: 1 of 4 in Phase 3\n"),
        // A plan id names the old plan; what follows it is about that plan.
        ("02-03 COMPLETE — the importer ships", "Plan: 03-01 of 4\n"),
        ("02-02 (in progress)", "Plan: 03-01 of 4\n"),
    ] {
        let new = begun(&state_only(&position(plan, "Phase complete")), "3", Some(4));
        assert!(new.contains(want), "{plan}:\n{new}");
    }
}

// ----------------------------------------------------------------------------------------
// `Status:` in the file's words and case
// ----------------------------------------------------------------------------------------

#[test]
fn the_status_keeps_the_files_words_and_letter_case() {
    for (old, plans, want) in [
        ("Phase complete", None, "Ready to plan"),
        ("In Progress", None, "Ready To Plan"),
        ("PHASE 2 COMPLETE", Some(2), "READY TO EXECUTE"),
        // A capitalised label before a number is a name, not Title Case.
        ("Executing Phase 02", None, "Ready to plan"),
        // Already the right meaning: the file's own words stay.
        ("Not started", None, "Not started"),
        ("Planned", Some(2), "Planned"),
    ] {
        let new = begun(&state_only(&position("2 of 2", old)), "3", plans);
        assert_eq!(line(&new, "Status"), want, "{old}:\n{new}");
    }
}
