//! Real projects keep their planning files loosely but consistently: phases ticked as a
//! whole, counts kept per milestone, percents of phases, shortened core values, a session
//! stamped past midnight. Each test here is one such shape found in real repositories
//! (written small, over the `base/` fixture) that must check clean for its rule, next to a
//! twin that is really wrong and must still be reported. Each reads as a spec
//! (`tests/it/spec/checking.rs`): given the base project with these lines changed, checking
//! it reports these findings.

use crate::spec::given_base;

/// ROADMAP.md's line for plan 02-01, ticked in the base project.
const PLAN_02_01: &str = "- [x] 02-01-PLAN.md";
const PLAN_02_01_UNTICKED: &str = "- [ ] 02-01-PLAN.md";

/// STATE.md's count of plans done in the base project (three SUMMARY files).
const TOTAL_3: &str = "- Total plans completed: 3";
/// STATE.md's By Phase row for phase 2.
const BY_PHASE_2: &str = "| 2 | 1 | 3 min | 3 min |\n";
/// STATE.md's progress bar in the base project.
const PROGRESS_50: &str = "Progress: [█████░░░░░] 50%";

#[test]
fn gsd404_is_quiet_when_the_whole_phase_is_ticked() {
    // STATE.md agrees the phase is done (`Plan: 2 of 2`): the whole-phase mark covers its
    // plans' boxes.
    given_base()
        .editing("ROADMAP.md", PLAN_02_01, PLAN_02_01_UNTICKED)
        .editing("ROADMAP.md", "- [ ] **Phase 2", "- [x] **Phase 2")
        .editing("STATE.md", "Plan: 1 of 2", "Plan: 2 of 2")
        .checking()
        .is_quiet_about("GSD404");
    given_base()
        .editing("ROADMAP.md", PLAN_02_01, PLAN_02_01_UNTICKED)
        .editing("ROADMAP.md", "| 1/2 | In progress |", "| 2/2 | Complete |")
        .editing("STATE.md", "Plan: 1 of 2", "Plan: 2 of 2")
        .checking()
        .is_quiet_about("GSD404");
    // The twins: the phase is still open, so the unticked plan understates progress; a
    // whole-phase tick that STATE.md (`Plan: 1 of 2`) and 02-02's open PLAN both contradict
    // does not close the phase (the ledger's rule, the same one `complete` follows).
    given_base()
        .editing("ROADMAP.md", PLAN_02_01, PLAN_02_01_UNTICKED)
        .checking()
        .reports_once("GSD404")
        .at(24, 4);
    given_base()
        .editing("ROADMAP.md", PLAN_02_01, PLAN_02_01_UNTICKED)
        .editing("ROADMAP.md", "- [ ] **Phase 2", "- [x] **Phase 2")
        .checking()
        .reports_once("GSD404")
        .at(24, 4);
}

#[test]
fn a_renamed_phase_folder_left_empty_does_not_hide_the_summaries() {
    // `02-api` sorts before `02-api-pagination` and holds no plan files.
    given_base()
        .with_file("phases/02-api/.gitkeep", "")
        .checking()
        .is_clean();
}

#[test]
fn gsd405_accepts_counts_kept_per_milestone() {
    given_base()
        .editing("STATE.md", TOTAL_3, "- Total plans completed: 1 (v2.0)")
        .checking()
        .is_quiet_about("GSD405");
    given_base()
        .editing("STATE.md", "**Velocity:**", "**Velocity (v1.1):**")
        .editing("STATE.md", TOTAL_3, "- Total plans completed: 9")
        .checking()
        .is_quiet_about("GSD405");
    // Counted over the latest phases (the current milestone): phase 2 and 3 hold one.
    given_base()
        .editing("STATE.md", TOTAL_3, "- Total plans completed: 1")
        .checking()
        .is_quiet_about("GSD405");
    // The twin: no reading makes 7 right.
    given_base()
        .editing("STATE.md", TOTAL_3, "- Total plans completed: 7")
        .checking()
        .reports_once("GSD405");
}

#[test]
fn gsd201_trusts_a_total_the_summaries_bear_out_and_fixes_only_when_they_agree() {
    // The By Phase table lost phase 2's row: the total (3 = three SUMMARY files) is right.
    given_base()
        .editing("STATE.md", BY_PHASE_2, "")
        .checking()
        .is_quiet_about("GSD201");
    // Total 4, table 2, files 3: wrong, but which to trust is not derivable: no fix. One
    // fact, reported once: GSD405 (the total against the files) and not GSD201 too.
    given_base()
        .editing("STATE.md", BY_PHASE_2, "")
        .editing("STATE.md", TOTAL_3, "- Total plans completed: 4")
        .checking()
        .is_quiet_about("GSD201")
        .reports_once("GSD405")
        .without_fix();
    // Total 4, table 3, files 3: the fix sets the total to 3 (reported once, as GSD405:
    // the table is the second witness that lets it lower the count).
    given_base()
        .editing("STATE.md", TOTAL_3, "- Total plans completed: 4")
        .checking()
        .is_quiet_about("GSD201")
        .reports_once("GSD405")
        .fixes_to("3");
}

#[test]
fn gsd102_accepts_shares_of_phases_and_approximate_percents() {
    for progress in [
        "Progress: [███░░░░░░░] 33% (1/3 phases complete)",
        "Progress: [█████░░░░░] ~45%",
    ] {
        given_base()
            .editing("STATE.md", PROGRESS_50, progress)
            .checking()
            .is_quiet_about("GSD102");
    }
    given_base()
        .editing(
            "STATE.md",
            PROGRESS_50,
            "Progress: [████░░░░░░] 40% (1/3 phases complete)",
        )
        .checking()
        .reports_once("GSD102");
}

#[test]
fn gsd102_offers_no_fix_when_the_counts_disagree() {
    // ROADMAP ticks 4 of 6, phases/ has 3 of 6 summaries: neither is certain.
    given_base()
        .editing("ROADMAP.md", "- [ ] 02-02-PLAN.md", "- [x] 02-02-PLAN.md")
        .editing("STATE.md", PROGRESS_50, "Progress: [████░░░░░░] 40%")
        .checking()
        .reports_once("GSD102")
        .without_fix()
        .helps("disagree");
}

/// STATE.md's and PROJECT.md's core value in the base project.
const STATE_CORE_VALUE: &str = "**Core value:** Ship a reliable claims API - zero-downtime migrations and documented endpoints";
const PROJECT_CORE_VALUE: &str =
    "Ship a reliable claims API - zero-downtime migrations and documented endpoints";
/// A core value in a script written without spaces.
const CJK_CORE_VALUE: &str = "训练出能通过思维链推理优化交通信号配时的模型，减少拥堵。";

#[test]
fn gsd401_accepts_a_shortened_copy_and_compares_unspaced_scripts_by_characters() {
    given_base()
        .editing(
            "STATE.md",
            STATE_CORE_VALUE,
            "**Core value:** Reliable claims API: documented endpoints, zero-downtime migrations",
        )
        .checking()
        .is_quiet_about("GSD401");
    given_base()
        .editing("PROJECT.md", PROJECT_CORE_VALUE, CJK_CORE_VALUE)
        .editing(
            "STATE.md",
            STATE_CORE_VALUE,
            "**Core value:** 训练能通过思维链推理优化交通信号配时的模型，减少拥堵",
        )
        .checking()
        .is_quiet_about("GSD401");
    // The twin: another sentence altogether.
    given_base()
        .editing("PROJECT.md", PROJECT_CORE_VALUE, CJK_CORE_VALUE)
        .editing(
            "STATE.md",
            STATE_CORE_VALUE,
            "**Core value:** 为每位用户提供快速可靠的文档搜索服务",
        )
        .checking()
        .reports_once("GSD401");
}

#[test]
fn gsd402_reports_only_a_see_line_older_than_project_md() {
    let updated = "*Last updated: 2026-01-26";
    given_base()
        .editing("PROJECT.md", updated, "*Last updated: 2026-01-20")
        .checking()
        .is_quiet_about("GSD402");
    given_base()
        .editing("PROJECT.md", updated, "*Last updated: 2026-01-28")
        .checking()
        .reports_once("GSD402");
}

#[test]
fn gsd110_allows_a_session_stamped_the_next_day() {
    let session = "Last session: 2026-01-26 20:04";
    given_base()
        .editing("STATE.md", session, "Last session: 2026-01-27 00:40")
        .checking()
        .is_quiet_about("GSD110");
    given_base()
        .editing("STATE.md", session, "Last session: 2026-01-29 09:00")
        .checking()
        .reports_once("GSD110");
}

#[test]
fn gsd408_reads_only_the_completed_clause_and_survives_case_folding() {
    let stopped = "Stopped at: Completed 02-01-PLAN.md (filtering)";
    given_base()
        .editing(
            "STATE.md",
            stopped,
            "Stopped at: Completed quick task 260727-fb9. Next: 02-02-PLAN.md",
        )
        .checking()
        .is_quiet_about("GSD408");
    // `İ` lower-cases to more bytes; offsets must stay those of the original text.
    given_base()
        .editing(
            "STATE.md",
            stopped,
            "Stopped at: İİİİ Completed 02-02-PLAN.md",
        )
        .checking()
        .reports_once("GSD408")
        .at(57, 28);
}

/// GSD407 stays quiet for each `Resume file:` value in `found` and reports `missing` once.
fn resume_file_spec(found: &[&str], missing: &str) {
    for value in found {
        given_base()
            .editing(
                "STATE.md",
                "Resume file: None",
                &format!("Resume file: {value}"),
            )
            .checking()
            .is_quiet_about("GSD407");
    }
    given_base()
        .editing(
            "STATE.md",
            "Resume file: None",
            &format!("Resume file: {missing}"),
        )
        .checking()
        .reports_once("GSD407");
}

#[test]
fn gsd407_ignores_slash_commands_and_finds_bare_names_in_phase_folders() {
    resume_file_spec(
        &["`/clear` then `/gsd:new-milestone`", "02-02-PLAN.md"],
        "02-07-PLAN.md",
    );
}

#[test]
fn gsd001_accepts_a_position_kept_in_the_frontmatter_between_milestones() {
    given_base()
        .with_file(
            "STATE.md",
            "---\nstatus: complete\nprogress:\n  percent: 100\n---\n\n# Project State\n\n## Milestone History\n\n- v1.0 shipped\n",
        )
        .checking()
        .is_quiet_about("GSD001");
    given_base()
        .with_file(
            "STATE.md",
            "# Project State\n\n## Milestone History\n\n- v1.0 shipped\n",
        )
        .checking()
        .reports_once("GSD001");
}

#[test]
fn gsd004_reports_a_run_of_misplaced_rows_once() {
    let rows = "| Phase 02 P01 | 3min | 2 tasks | 3 files |\n| Phase 02 P02 | 4min | 1 tasks | 2 files |\n| Phase 02 P03 | 5min | 2 tasks | 4 files |\n";
    given_base()
        .editing("STATE.md", BY_PHASE_2, &format!("{BY_PHASE_2}{rows}"))
        .checking()
        .reports_once("GSD004")
        .on_line(32)
        .says_first("3 per-plan metrics rows (lines 32–34) sit inside");
}

#[test]
fn gsd405_counts_plans_of_milestones_archived_out_of_phases() {
    // Shipped milestones moved to `milestones/` took their plans' SUMMARY files along: a
    // count above the files is what they add up to.
    given_base()
        .editing("STATE.md", TOTAL_3, "- Total plans completed: 7")
        .with_file("milestones/v1.0-ROADMAP.md", "# v1.0\n")
        .checking()
        .is_quiet_about("GSD405");
}

#[test]
fn gsd407_finds_a_resume_file_under_the_project_or_planning_folder() {
    resume_file_spec(
        &[
            ".planning/phases/02-api-pagination/02-02-PLAN.md",
            "`phases/02-api-pagination/02-02-PLAN.md`",
        ],
        "phases/02-api-pagination/02-07-PLAN.md",
    );
}
