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

use crate::spec::{given, given_tree};
use crate::support::{Project, fixtures_dir, run};

fn fx(name: &str) -> PathBuf {
    fixtures_dir().join("ledger").join(name)
}

// ----------------------------------------------------------------------------------------
// Only the current position changes (23492/norish, `begin 27.3`)
// ----------------------------------------------------------------------------------------

#[test]
fn begin_changes_only_the_current_position_of_a_stacked_state() {
    let ran = given_tree(&fx("begin-stacked-position")).running("state begin 27.3");
    ran.changes_only_lines_starting_with(&[
        "status:",
        "last_updated:",
        "**Current focus:**",
        "Phase: **27.2",
        "Status: In Progress",
        "Last activity:",
    ])
    // The position moved, in the file's words.
    .contains("\nPhase: **27.3 — Gates that don't lie.** Inserted 2026-07-28")
    .contains("\nStatus: Ready to plan\n")
    .contains("\nLast activity: 2026-02-01 — Started phase 27.3 (Gates that don't lie)\n")
    .contains("**Current focus:** Phase 27.3 — Gates that don't lie\n");
    // The stacked 27.1 block, the session log and the history keep every byte.
    for kept in [
        "Phase: **27.1 — Import reliability, DEPLOYED 2026-07-28.**",
        "Plan: **27.1-01 (AI extraction resilience) DEPLOYED 2026-07-28.**",
        "Plan: **27.1-02 (JSON-LD fallback) DEPLOYED 2026-07-28.**",
        "Plan: 27.1-02 (JSON-LD fallback) DEPLOYED — the fallback runs",
        "Status: deployed, premise corrected the same day",
        "PREVIOUS Phase: 19 of 19",
    ] {
        ran.contains(kept);
    }
    // A frontmatter token gets a token in its own separator style, never body words.
    ran.contains("\nstatus: ready-to-plan\n")
        .lacks("status: Ready to plan");
    // And the begun file is stable: beginning it again (STATE.md alone) changes nothing.
    given(&ran.state())
        .running("state begin 27.3")
        .changes_nothing();
}

#[test]
fn a_frontmatter_status_token_gets_a_token() {
    let body = "\n# Project State\n\n## Current Position\n\nPhase: 2 of 4 (API)\nPlan: 2 of 2\nStatus: Phase complete\n";
    let fm = |status: &str| format!("---\nstatus: {status}\n---\n{body}");
    for (old, command, want) in [
        ("executing", "state begin 3", "status: planning\n"),
        // Already the token GSD uses for a phase with plans to run: left as written.
        (
            "executing",
            "state begin 3 --plans 3",
            "status: executing\n",
        ),
        (
            "completed",
            "state begin 3 --plans 3",
            "status: executing\n",
        ),
        (
            "ready_to_execute",
            "state begin 3",
            "status: ready_to_plan\n",
        ),
        (
            "in_progress",
            "state begin 3 --plans 3",
            "status: ready_to_execute\n",
        ),
        ("phase-complete", "state begin 3", "status: ready-to-plan\n"),
        ("wave_2_ready", "state begin 3", "status: ready_to_plan\n"),
        ("\"verifying\"", "state begin 3", "status: \"planning\"\n"),
        // Free text is not a token: it gets the body's words.
        (
            "Phase complete — ready for verification",
            "state begin 3",
            "status: Ready to plan\n",
        ),
    ] {
        given(&fm(old))
            .running(command)
            .writes_state()
            .starts_with(&format!("---\n{want}"));
    }
    // A value that already means the new status stays as written.
    given(&fm("ready-to-plan"))
        .running("state begin 3")
        .writes_state()
        .starts_with("---\nstatus: ready-to-plan\n");
}

// ----------------------------------------------------------------------------------------
// Idempotent; never backwards
// ----------------------------------------------------------------------------------------

#[test]
fn begin_of_the_current_phase_changes_nothing() {
    given_tree(&fx("begin-stacked-position"))
        .running("state begin 27.2")
        .says("phase 27.2 is already the current phase");
}

#[test]
fn begin_of_an_earlier_phase_is_refused_and_writes_nothing() {
    given_tree(&fx("begin-stacked-position"))
        .running("state begin 27.1")
        .fails_with("before the current phase 27.2");

    // Through the binary: exit 2, a hint, nothing written.
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
    let begun = given_tree(&fx("begin-next-milestone")).running("state begin 4");
    begun.contains(
        "\nPhase: 4 of 7 (Loyalty)\nPlan: 1 of 2 in current phase\nStatus: Ready to execute\n",
    );
    // Beginning the next phases keeps `of 7`: the count of 8 phases includes the decimal one.
    for (phase, want) in [
        ("4.1", "Phase: 4.1 of 7 (Loyalty hotfix)"),
        ("5", "Phase: 5 of 7 (Gift cards)"),
    ] {
        begun
            .then()
            .running(&format!("state begin {phase}"))
            .contains(&format!("\n{want}\n"));
    }
}

#[test]
fn a_total_that_counts_the_milestone_while_numbers_run_on_is_kept() {
    // `6 of 5`: phases numbered across the project, `Y` the v1.1 group's count (5). The file's
    // own convention, not a total to raise to `N`.
    given_tree(&fx("begin-next-milestone"))
        .editing_state("Phase: 3 of 3 (Checkout)", "Phase: 6 of 5 (Reviews)")
        .running("state begin 7")
        .contains("\nPhase: 7 of 5 (Reporting)\n");
}

#[test]
fn a_total_nothing_measures_is_kept_but_never_below_the_phase() {
    // No ROADMAP.md: `of 12` is kept as written.
    given("## Current Position\n\nPhase: 2 of 12 (API)\nPlan: 1 of 1\nStatus: Phase complete\n")
        .running("state begin 3 --plans 2")
        .contains("Phase: 3 of 12\n");
    // A total below the phase begun (`Phase: 3 of 2`, stale): raised to the last phase
    // number of the milestone the phase is in.
    given_tree(&fx("begin-next-milestone"))
        .editing_state("Phase: 3 of 3 (Checkout)", "Phase: 3 of 2 (Checkout)")
        .running("state begin 4")
        .contains("\nPhase: 4 of 7 (Loyalty)\n");
}

// ----------------------------------------------------------------------------------------
// `Plan:` convention
// ----------------------------------------------------------------------------------------

fn position(plan: &str, status: &str) -> String {
    format!("## Current Position\n\nPhase: 2 of 5 (API)\nPlan: {plan}\nStatus: {status}\n")
}

#[test]
fn a_planned_phase_starts_at_the_plan_about_to_run() {
    let begun = given(&position("2 of 2 in current phase", "Phase complete"))
        .running("state begin 3 --plans 4");
    begun.contains("Plan: 1 of 4 in current phase\nStatus: Ready to execute\n");
    // The ledger reads the new counter as the plan about to run: nothing of phase 3 is done.
    let ledger = gsd::ledger::Ledger::build(&crate::ops_support::state_only(&begun.state()), None);
    let p3 = ledger
        .phase(&gsd::model::ids::PhaseNum::parse("3").unwrap())
        .unwrap();
    assert_eq!((p3.done(), p3.total()), (0, Some(4)));
}

#[test]
fn a_phase_without_plans_starts_at_zero_of_tbd() {
    given(&position("2 of 2", "Phase complete"))
        .running("state begin 3")
        .contains("Plan: 0 of TBD\nStatus: Ready to plan\n");
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
        given(&position(plan, "In progress"))
            .running("state begin 3 --plans 3")
            .contains(want);
    }
    // Without a status to say the counter names the next plan, `1 of 1` would read as a
    // finished phase: the counter starts at 0.
    given("## Current Position\n\nPhase: 2 of 5 (API)\nPlan: 2 of 2\n")
        .running("state begin 3 --plans 1")
        .contains("Plan: 0 of 1\n");
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
        given(&position(plan, "Phase complete"))
            .running("state begin 3 --plans 4")
            .contains(want);
    }
}

// ----------------------------------------------------------------------------------------
// `Status:` in the file's words and case
// ----------------------------------------------------------------------------------------

#[test]
fn the_status_keeps_the_files_words_and_letter_case() {
    for (old, command, want) in [
        ("Phase complete", "state begin 3", "Ready to plan"),
        ("In Progress", "state begin 3", "Ready To Plan"),
        (
            "PHASE 2 COMPLETE",
            "state begin 3 --plans 2",
            "READY TO EXECUTE",
        ),
        // A capitalised label before a number is a name, not Title Case.
        ("Executing Phase 02", "state begin 3", "Ready to plan"),
        // Already the right meaning: the file's own words stay.
        ("Not started", "state begin 3", "Not started"),
        ("Planned", "state begin 3 --plans 2", "Planned"),
    ] {
        given(&position("2 of 2", old))
            .running(command)
            .writes_state()
            .has_line("Status", want);
    }
}
