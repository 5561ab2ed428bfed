//! `complete` reads the file's own conventions for `Plan:`, `Phase:` and `Status:`, including
//! those of files the incumbent's `gsd-tools` keeps (marked by its `gsd_state_version`
//! frontmatter): between phases it leaves `Plan: Not started`, then starts a phase at
//! `Plan: 1 of N` and advances the line to the next plan after each one; it marks the phase
//! line `— EXECUTING`; between plans its status is `Ready to execute`, and a phase's last
//! plan leaves `Phase complete — ready for verification`.
//! Files without that mark keep counting plans done and the template's words.

use crate::spec::{Ran, given};

/// A roadmap whose phase 5 lists `plans` plans (05-01 …) after four finished phases.
fn roadmap(plans: usize) -> String {
    let list: String = (1..=plans)
        .map(|n| format!("- [ ] 05-0{n}-PLAN.md — Step {n}\n"))
        .collect();
    format!(
        "# Roadmap\n\n- [x] **Phase 4: Storage**\n- [ ] **Phase 5: Scoring**\n\n### Phase 5: Scoring\n\n**Plans:** {plans} plans\n\nPlans:\n{list}"
    )
}

/// A STATE.md between phases, as the incumbent's phase completion leaves it.
fn between_phases(frontmatter: bool) -> String {
    let fm = if frontmatter {
        "---\ngsd_state_version: 1.0\nstatus: planning\n---\n\n"
    } else {
        ""
    };
    format!(
        "{fm}# Project State\n\n## Current Position\n\nPhase: 5\nPlan: Not started\nStatus: Ready to plan\nLast activity: 2026-03-01 -- Phase 4 complete\n"
    )
}

/// `complete 05-01` on a file between phases (`incumbent`: kept by `gsd-tools`) whose
/// roadmap lists `plans` plans for phase 5.
fn finishing_05_01(incumbent: bool, plans: usize) -> Ran {
    given(&between_phases(incumbent))
        .and_roadmap(&roadmap(plans))
        .running("state complete 05-01 --duration 4min")
}

#[test]
fn an_incumbent_file_between_phases_names_the_next_plan() {
    finishing_05_01(true, 3)
        .has_line("Plan", "2 of 3")
        .has_line("Status", "Ready to execute");
}

#[test]
fn an_incumbent_file_keeps_the_last_plan_when_the_phase_ends() {
    finishing_05_01(true, 1)
        .has_line("Plan", "1 of 1")
        .has_line("Status", "Phase complete — ready for verification");
}

#[test]
fn a_hand_kept_file_between_phases_counts_plans_done() {
    finishing_05_01(false, 3)
        .has_line("Plan", "1 of 3")
        .has_line("Status", "In progress");
    finishing_05_01(false, 1).has_line("Status", "Phase complete");
}

#[test]
fn an_executing_marker_moves_with_the_phase() {
    given("# Project State\n\n## Current Position\n\nPhase: 04 (Storage) — EXECUTING\nPlan: 2 of 2\nStatus: Phase complete\n")
        .and_roadmap(&roadmap(3))
        .running("state complete 05-01 --duration 4min")
        .has_line("Phase", "05 (Scoring) — EXECUTING");
    // `begin` starts a phase no plan of which has run: the marker goes.
    given("# Project State\n\n## Current Position\n\nPhase: 04 (Storage) — EXECUTING\nPlan: 2 of 2\nStatus: Phase complete\n")
        .and_roadmap(&roadmap(3))
        .running("state begin 5")
        .lacks("EXECUTING");
}

#[test]
fn a_planned_phase_finished_is_phase_complete() {
    given("# Project State\n\n## Current Position\n\nPhase: 5 of 5 (Scoring)\nPlan: 0 of 1 in current phase\nStatus: Planned\n")
        .and_roadmap(&roadmap(1))
        .running("state complete 05-01 --duration 4min")
        .has_line("Status", "Phase complete");
    // The between-plans state itself gets the workflow's words.
    given("# Project State\n\n## Current Position\n\nPhase: 5 of 5 (Scoring)\nPlan: 0 of 1 in current phase\nStatus: Ready to execute\n")
        .and_roadmap(&roadmap(1))
        .running("state complete 05-01 --duration 4min")
        .has_line("Status", "Phase complete — ready for verification");
}

/// The id keeps its width (`05-09`, not `05-9`); the detail about 05-10 (`(queue)`) goes.
#[test]
fn a_plan_log_status_keeps_the_ids_width() {
    given("# Project State\n\n## Current Position\n\nPhase: 5 of 5 (Scoring)\nPlan: 05-10 of 12\nStatus: Plan 05-10 complete (queue)\n")
        .running("state complete 05-09 --duration 4min")
        .has_line("Status", "Plan 05-09 complete");
}

/// A roadmap of two phases, 5 + 7 plans, phase 1 and four plans of phase 2 ticked.
const TWELVE_PLANS: &str = "# Roadmap\n\n- [x] **Phase 1: Core**\n- [ ] **Phase 2: API**\n\n### Phase 1: Core\n\nPlans:\n- [x] 01-01-PLAN.md\n- [x] 01-02-PLAN.md\n- [x] 01-03-PLAN.md\n- [x] 01-04-PLAN.md\n- [x] 01-05-PLAN.md\n\n### Phase 2: API\n\nPlans:\n- [x] 02-01-PLAN.md\n- [x] 02-02-PLAN.md\n- [x] 02-03-PLAN.md\n- [x] 02-04-PLAN.md\n- [ ] 02-05-PLAN.md\n- [ ] 02-06-PLAN.md\n- [ ] 02-07-PLAN.md\n";

#[test]
fn the_body_percent_moves_with_its_frontmatter_mirror() {
    // 82% is the frontmatter's 9 of 11 (a count from before 02-05..07 were planned), not any
    // scope of the roadmap's 12 plans: both move to 10 of 12.
    given("---\ngsd_state_version: 1.0\nprogress:\n  total_plans: 11\n  completed_plans: 9\n  percent: 82\n---\n\n# Project State\n\n## Current Position\n\nPhase: 2 of 2 (API)\nPlan: 4 of 7\nStatus: In progress\n\nProgress: [████████░░] 82%\n")
        .and_roadmap(TWELVE_PLANS)
        .running("state complete 02-05 --duration 4min")
        .contains("  total_plans: 12\n  completed_plans: 10\n  percent: 83\n")
        .contains("Progress: [████████░░] 83%\n");
}

#[test]
fn the_next_plan_is_the_one_after_the_plan_finished() {
    // `Plan: 5` while 05 is finished names the plan being worked on; the next is 06, not
    // 03, which was left open out of order.
    let roadmap = "# Roadmap\n\n- [ ] **Phase 9: Reports**\n\n### Phase 9: Reports\n\nPlans:\n- [x] 09-01-PLAN.md\n- [x] 09-02-PLAN.md\n- [ ] 09-03-PLAN.md\n- [x] 09-04-PLAN.md\n- [ ] 09-05-PLAN.md\n- [ ] 09-06-PLAN.md\n- [ ] 09-07-PLAN.md\n- [ ] 09-08-PLAN.md\n";
    given("# Project State\n\n## Current Position\n\nPhase: 9 of 9 (Reports)\nPlan: 5 of 8 in current phase\nStatus: In progress\n")
        .and_roadmap(roadmap)
        .running("state complete 09-05 --duration 4min")
        .has_line("Plan", "6 of 8 in current phase");
}

#[test]
fn a_plan_of_a_phase_past_the_total_grows_the_total() {
    // The roadmap gained phase 5 after STATE.md was written with 4 phases.
    given("# Project State\n\n## Current Position\n\nPhase: 4 of 4 (Storage)\nPlan: 2 of 2 complete\nStatus: Phase complete\n")
        .and_roadmap(&roadmap(3))
        .running("state complete 05-01 --duration 4min")
        .has_line("Phase", "5 of 5 (Scoring)");
}

#[test]
fn a_percent_of_the_files_own_tally_moves_with_the_tally() {
    // 43% is `Total plans completed: 3` of the 7 plans known, though STATE's `Plan:` and the
    // ticks count further: the author's tally gains this plan (4 of 7).
    let roadmap = "# Roadmap\n\n- [ ] **Phase 1: Core**\n- [ ] **Phase 2: API**\n\n### Phase 1: Core\n\nPlans:\n- [x] 01-01-PLAN.md\n- [x] 01-02-PLAN.md\n- [x] 01-03-PLAN.md\n- [x] 01-04-PLAN.md\n- [ ] 01-05-PLAN.md\n- [x] 01-06-PLAN.md\n- [ ] 01-07-PLAN.md\n";
    given("# Project State\n\n## Current Position\n\nPhase: 1 of 2 (Core)\nPlan: 5 of 7 in current phase\nStatus: In progress\n\nProgress: [####------] 43%\n\n## Performance Metrics\n\n**Velocity:**\n- Total plans completed: 3\n- Average duration: 4 min\n- Total execution time: 0.2 hours\n")
        .and_roadmap(roadmap)
        .running("state complete 01-05 --duration 4min")
        .contains("Progress: [######----] 57%\n")
        .contains("- Total plans completed: 4\n");
}

/// `fixtures/ledger/plans-out-of-order`: phase 1 has six plans; 01-01, 01-02 and 01-04 have
/// SUMMARY files, 01-03 (waiting on a review) has none, and `Plan:` says `2 of 6 complete`.
fn out_of_order() -> crate::spec::Given {
    crate::spec::given_tree(
        &crate::support::fixtures_dir()
            .join("ledger")
            .join("plans-out-of-order"),
    )
}

#[test]
fn a_plan_line_that_says_complete_counts_plans_done_past_an_open_one() {
    // Plans ran out of order: 01-03 is still open, so finishing 01-04 makes three done, not
    // four (the catch-up to the plan's number is for files whose earlier plans left no trace).
    out_of_order()
        .running("state complete 01-04 --duration 7min")
        .contains("- **Plan:** 3 of 6 complete in phase 1\n");
}

#[test]
fn a_plan_line_that_says_complete_is_a_count_even_when_it_equals_the_plan() {
    // `3 of 6 complete` while finishing 01-03 is no sign that `Plan:` names the next plan:
    // four are done (01-01 to 01-04), and the line says so.
    out_of_order()
        .editing_state("2 of 6 complete", "3 of 6 complete")
        .running("state complete 01-03 --duration 7min")
        .contains("- **Plan:** 4 of 6 complete in phase 1\n");
}

#[test]
fn a_phase_has_at_least_as_many_plans_as_its_highest_plan_number() {
    // The roadmap lists 05-01 and 05-03 (05-02's line was never written): three plans.
    let roadmap = "# Roadmap\n\n### Phase 5: Scoring\n\nPlans:\n- [ ] 05-01-PLAN.md — Model\n- [ ] 05-03-PLAN.md — Report\n";
    given("## Current Position\n\nPhase: 5 of 6\nPlan: 0 of 2\nStatus: Ready to execute\n")
        .and_roadmap(roadmap)
        .running("state complete 05-01 --duration 4min")
        .has_line("Plan", "1 of 3");
}

#[test]
fn an_incumbent_pointer_moves_one_plan_on_whichever_plan_finished() {
    // `Plan: 4 of 9` names plan 4 as next; 05-07 was run out of order. The incumbent's
    // `advance-plan` moves its pointer to 5, and so does gsd in the files it keeps.
    given("---\ngsd_state_version: 1.0\nstatus: executing\n---\n\n# Project State\n\n## Current Position\n\nPhase: 5\nPlan: 4 of 9\nStatus: Ready to execute\n")
        .and_roadmap(&roadmap(9))
        .running("state complete 05-07 --duration 4min")
        .has_line("Plan", "5 of 9");
}

#[test]
fn a_folder_left_from_another_milestone_does_not_count_as_the_phase() {
    // `phases/` holds `01-benchmark` (the roadmap's Phase 1: Benchmark) and `01-training`,
    // a v1.0 folder with the same number and three plans: phase 1 has one plan.
    crate::spec::given_tree(
        &crate::support::fixtures_dir()
            .join("ledger")
            .join("stale-phase-folder"),
    )
    .running("state complete 01-01 --duration 6min")
    .has_line("Plan", "1 of 1 in current phase")
    .has_line("Status", "Phase complete");
}

#[test]
fn a_plan_log_at_the_end_of_its_phase_moves_up_to_phases() {
    // `Plan 02-01 complete, plan 02-02 next`, and 02-02 ends phase 2: the same log, one level
    // up, names the phase done and the one next.
    let roadmap = "# Roadmap\n\n- [x] **Phase 1: Core**\n- [ ] **Phase 2: API**\n- [ ] **Phase 3: UI**\n\n### Phase 2: API\n\nPlans:\n- [x] 02-01-PLAN.md\n- [ ] 02-02-PLAN.md\n";
    given("## Current Position\n\nPhase: 2 of 3 (API)\nPlan: 1 of 2\nStatus: Plan 02-01 complete, plan 02-02 next\n")
        .and_roadmap(roadmap)
        .running("state complete 02-02 --duration 4min")
        .has_line("Status", "Phase 2 complete, phase 3 next");
}

#[test]
fn a_phase_complete_status_naming_the_next_phase_names_the_new_next_one() {
    // The phase it said was next is the one finished now: the next is phase 3, named as
    // ROADMAP.md names it where the old name stood.
    let roadmap = "# Roadmap\n\n- [x] **Phase 1: Core**\n- [ ] **Phase 2: API**\n- [ ] **Phase 3: UI**\n\n### Phase 2: API\n\nPlans:\n- [ ] 02-01-PLAN.md\n";
    let state = |status: &str| {
        format!("## Current Position\n\nPhase: 2 of 3 (API)\nPlan: 0 of 1\nStatus: {status}\n")
    };
    given(&state("Phase complete - Ready for Phase 2 (API)"))
        .and_roadmap(roadmap)
        .running("state complete 02-01 --duration 4min")
        .has_line("Status", "Phase complete - Ready for Phase 3 (UI)");
    given(&state("Phase 1 complete — ready for Phase 2"))
        .and_roadmap(roadmap)
        .running("state complete 02-01 --duration 4min")
        .has_line("Status", "Phase 2 complete — ready for Phase 3");
    given(&state("Phase 1 complete; Phase 2 next"))
        .and_roadmap(roadmap)
        .running("state complete 02-01 --duration 4min")
        .has_line("Status", "Phase 2 complete; Phase 3 next");
}

/// A STATE.md in phase 3 of 4, two of its five plans done, whose `Plan:` line carries `note`.
fn plan_note(note: &str) -> String {
    format!(
        "## Current Position\n\nPhase: 3 of 4 (Schema)\nPlan: 2 of 5 {note}\nStatus: In progress\n"
    )
}

#[test]
fn a_plan_line_note_naming_the_plan_done_names_the_new_one() {
    given(&plan_note("(03-02-PLAN.md completed)"))
        .running("state complete 03-03 --duration 4min")
        .contains("\nPlan: 3 of 5 (03-03-PLAN.md completed)\n");
    given(&plan_note("(Plan 02 complete)"))
        .running("state complete 03-03 --duration 4min")
        .contains("\nPlan: 3 of 5 (Plan 03 complete)\n");
    // The phase's counts in the note follow the plan.
    given(&plan_note("(2/5 plans done)"))
        .running("state complete 03-03 --duration 4min")
        .contains("\nPlan: 3 of 5 (3/5 plans done)\n");
    given("## Current Position\n\nPhase: 11 (Tests)\nPlan: 01 complete (1/2 plans done)\nStatus: In progress\n")
        .running("state complete 11-02 --duration 4min")
        .contains("\nPlan: 02 complete (2/2 plans done)\n");
    // Two plans named: the author's list, left as written.
    given(&plan_note("(plan 01 and 02 complete)"))
        .running("state complete 03-03 --duration 4min")
        .contains("\nPlan: 3 of 5 (plan 01 and 02 complete)\n");
}

#[test]
fn a_plan_line_note_saying_the_phase_is_done_goes_while_it_goes_on() {
    // `(all plans complete)` is untrue at 3 of 5; a bare `(COMPLETE)` is the plan's own.
    given(&plan_note("(all plans complete)"))
        .running("state complete 03-03 --duration 4min")
        .contains("\nPlan: 3 of 5\nStatus:");
    given(&plan_note("(COMPLETE)"))
        .running("state complete 03-03 --duration 4min")
        .contains("\nPlan: 3 of 5 (COMPLETE)\n");
    // `(ready to start)` is untrue once a plan is done.
    given("## Current Position\n\nPhase: 3 of 4 (Schema)\nPlan: 0 of TBD (ready to start)\nStatus: Ready to plan\n")
        .running("state complete 03-01 --duration 4min")
        .contains("\nPlan: 1 of TBD\n");
    // Moving on to phase 4, any note was about phase 3.
    given("## Current Position\n\nPhase: 3 of 4 (Schema)\nPlan: 5 of 5 (Task 1 complete, Task 2 pending)\nStatus: Phase complete\n")
        .running("state complete 04-01 --duration 4min")
        .contains("\nPlan: 1 of TBD\nStatus: In progress\n");
}

#[test]
fn a_plan_line_listing_the_plans_done_gains_the_new_one() {
    // `02-01 + 02-02 complete (02-03 remaining)`: the list grows in its own separator, and
    // the note naming the plan left goes once that plan is done.
    given("## Current Position\n\nPhase: 2 of 5 (API)\nPlan: 02-01 + 02-02 complete (02-03 remaining)\nStatus: In progress\n")
        .running("state complete 02-03 --duration 4min")
        .contains("\nPlan: 02-01 + 02-02 + 02-03 complete\n");
    given("## Current Position\n\nPhase: 2 of 5 (API)\nPlan: 02-01, 02-02 done\nStatus: In progress\n")
        .and_roadmap("# Roadmap\n\n### Phase 2: API\n\nPlans:\n- [x] 02-01-PLAN.md — A\n- [x] 02-02-PLAN.md — B\n- [ ] 02-03-PLAN.md — C\n- [ ] 02-04-PLAN.md — D\n")
        .running("state complete 02-03 --duration 4min")
        .contains("\nPlan: 02-01, 02-02, 02-03 done\n");
    // A second run names it once.
    given("## Current Position\n\nPhase: 2 of 5 (API)\nPlan: 02-01 + 02-02 complete\nStatus: In progress\n")
        .running("state complete 02-02 --duration 4min")
        .contains("\nPlan: 02-01 + 02-02 complete\n");
}

/// A roadmap of four phases, phase 3 named `AI Layer`.
const FOUR_PHASES: &str = "# Roadmap\n\n- [x] **Phase 2: Storage**\n- [ ] **Phase 3: AI Layer**\n- [ ] **Phase 4: Reports**\n";

#[test]
fn a_focus_about_the_milestone_is_left_as_written() {
    given("**Current focus:** v1.2 Referrals - referral tracking with shareable links\n\n## Current Position\n\nPhase: 2 of 4 (Storage)\nPlan: 2 of 2\nStatus: Phase complete\n")
        .and_roadmap(FOUR_PHASES)
        .running("state complete 03-01 --duration 4min")
        .contains("**Current focus:** v1.2 Referrals - referral tracking with shareable links\n")
        .contains("\nPhase: 3 of 4 (AI Layer)\n");
}

#[test]
fn a_focus_naming_the_phase_after_the_milestone_keeps_its_words() {
    given("**Current focus:** v1.1 Discovery — Phase 2: Storage (complete)\n\n## Current Position\n\nPhase: 2 of 4 (Storage)\nPlan: 2 of 2\nStatus: Phase complete\n")
        .and_roadmap(FOUR_PHASES)
        .running("state complete 03-01 --duration 4min")
        .contains("**Current focus:** v1.1 Discovery — Phase 3: AI Layer\n");
}
