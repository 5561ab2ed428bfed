//! One test per bug class of the incumbent (DESIGN.md §1), named after the bug, plus the
//! style-copying rules the issue lists. Each reads as a spec (`tests/it/spec.rs`): given a
//! STATE.md, running the command line a user would type, produces this exact text.

use crate::spec::given;

#[test]
fn status_in_unrelated_table_is_not_the_status() {
    const STATE: &str = "# State\n\n## Milestones\n\n| Milestone | Note |\n|---|---|\n| v1 | Status: shipped |\n\nStatus: archived\n\n## Current Position\n\nPhase: 1 of 2\nStatus: In progress\n";
    given(STATE)
        .running("state set status 'Phase complete'")
        .produces(&STATE.replace("Status: In progress", "Status: Phase complete"));
}

#[test]
fn empty_field_does_not_eat_next_line() {
    given("## Session Continuity\n\nLast session: 2026-01-28\nResume file:\nNext: review the points model\n")
        .running("state set resume_file .planning/phases/02-x/02-01-PLAN.md")
        .produces("## Session Continuity\n\nLast session: 2026-01-28\nResume file: .planning/phases/02-x/02-01-PLAN.md\nNext: review the points model\n");
    // A trailing space after the colon is kept as the separator.
    given("## Session Continuity\n\nResume file: \nNext: x\n")
        .running("state set resume_file p.md")
        .produces("## Session Continuity\n\nResume file: p.md\nNext: x\n");
}

#[test]
fn none_inside_a_sentence_is_kept() {
    let project = given(
        "## Accumulated Context\n\n### Pending Todos\n\nNone yet.\n\n### Blockers/Concerns\n\nNone of the inputs are validated upstream.\n\n## Session Continuity\n\nStopped at: x\n",
    );
    project
        .running("state block 'API keys'")
        .contains("None of the inputs are validated upstream.\n")
        .contains("upstream.\n\n- API keys\n");
    project
        .running("state todo 'Write docs'")
        .contains("### Pending Todos\n\n- Write docs\n\n### Blockers")
        .contains("None of the inputs");
}

#[test]
fn versioned_decision_heading_gets_the_entry() {
    const STATE: &str = "## Accumulated Context\n\n### Decisions (v3.0 - Current)\n\n| ID | Decision | Date |\n|----|----------|------|\n| D-11-01-01 | Use SQL | 2026-01-21 |\n\n### Decisions (v2.0 - Recent)\n\n| ID | Decision | Date |\n|----|----------|------|\n| D-08-01-01 | Use JWT | 2026-01-17 |\n\n## Session Continuity\n\nStopped at: x\n";
    given(STATE)
        .running("state decide 'Cache tenants' --plan 11-02")
        .replaces(
            "| D-11-01-01 | Use SQL | 2026-01-21 |\n",
            "| D-11-01-01 | Use SQL | 2026-01-21 |\n| D-11-02-01 | Cache tenants | 2026-02-01 |\n",
        );
}

#[test]
fn decision_without_a_section_goes_under_accumulated_context_not_eof() {
    given("# State\n\n## Accumulated Context\n\n### Pending Todos\n\nNone yet.\n\n## Session Continuity\n\nStopped at: x\n")
        .running("state decide 'Use Rust'")
        .produces("# State\n\n## Accumulated Context\n\n### Pending Todos\n\nNone yet.\n\n### Decisions\n\n- Use Rust\n\n## Session Continuity\n\nStopped at: x\n");
}

#[test]
fn crlf_is_kept() {
    let project = given(
        "## Current Position\r\n\r\nPhase: 2 of 3\r\nPlan: 1 of 2\r\nStatus: In progress\r\nLast activity: 2026-01-01 — x\r\n\r\n## Accumulated Context\r\n\r\n### Decisions\r\n\r\n- A (02-01)\r\n\r\n### Blockers/Concerns\r\n\r\nNone yet.\r\n",
    );
    for command in [
        "state complete 02-02 --duration '5 min'",
        "state decide B --plan 02-02",
        "state block Keys",
    ] {
        project
            .running(command)
            .writes_state()
            .ends_lines_with_crlf();
    }
}

#[test]
fn bom_and_missing_final_newline_are_kept() {
    given("\u{feff}## Current Position\n\nStatus: In progress")
        .running("state set status Blocked")
        .produces("\u{feff}## Current Position\n\nStatus: Blocked");
    given("## Accumulated Context\n\n### Pending Todos\n\n- one")
        .running("state todo two")
        .produces("## Accumulated Context\n\n### Pending Todos\n\n- one\n- two");
}

#[test]
fn code_fence_is_untouched() {
    let fence = "```\nStatus: example\nPlan: 9 of 9\n- [ ] 02-02-PLAN.md\nNone yet.\n```\n";
    let project = given(&format!(
        "## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 2\nStatus: In progress\n\n{fence}\n## Accumulated Context\n\n### Pending Todos\n\n{fence}\nNone yet.\n"
    ));
    project
        .running("state complete 02-02 --duration 5min")
        .contains_times(fence, 2)
        .contains("Plan: 2 of 2\nStatus: Phase complete\n");
    project
        .running("state todo x")
        .contains_times(fence, 2)
        .ends_with(&format!("{fence}\n- x\n"));
}

#[test]
fn frontmatter_keys_kept() {
    given("---\nstatus: executing\nlast_updated: \"2026-01-01T00:00:00.000Z\"\nprogress:\n  completed_plans: 1\n  total_plans: 2\n  percent: 50\n---\n\n## Current Position\n\nPhase: 2 of 2\nPlan: 1 of 2\nStatus: In progress\n\n## Session Continuity\n\nLast session: 2026-01-01\nStopped at: x\n")
        .running("state complete 02-02 --duration 5min")
        .keeps_frontmatter_keys()
        .starts_with("---\nstatus: completed\nlast_updated: \"2026-02-01T10:00:00.000Z\"\nprogress:\n  completed_plans: 2\n  total_plans: 2\n  percent: 100\n---\n\n")
        // No key was added.
        .lacks("stopped_at");
}

#[test]
fn complete_refuses_and_writes_nothing_without_a_duration() {
    given("## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 2\n")
        .running("state complete 02-02")
        .fails_with("no duration")
        .hints("--duration");
}

#[test]
fn complete_refuses_malformed_ids_and_unknown_phases() {
    let project = given("## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 2\n");
    for bad in ["2", "x-01", "02-", "''"] {
        project
            .running(&format!("state complete {bad} --duration 1min"))
            .fails();
    }
    project
        .running("state complete 09-01 --duration 1min")
        .fails_with("phase 09");
}

#[test]
fn unblock_needs_exactly_one_match() {
    let project = given(
        "## Accumulated Context\n\n### Blockers/Concerns\n\n- Waiting on the scoring spec\n- Waiting on API keys\n- ~~Waiting on legal~~ RESOLVED (2026-01-01)\n",
    );
    project
        .running("state unblock waiting")
        .fails_with("2 open blockers")
        .fails_with("scoring spec")
        .fails_with("API keys");
    project
        .running("state unblock budget")
        .fails_with("no open blocker");
    project
        .running("state unblock 'api KEYS'")
        .contains("- ~~Waiting on API keys~~ RESOLVED (2026-02-01)\n");
}

#[test]
fn set_refuses_unknown_and_missing_fields() {
    let project = given("## Current Position\n\nStatus: x\n");
    // The hint lists the fields.
    project.running("state set colour red").hints("status");
    project
        .running("state set stopped_at y")
        .fails_with("Stopped at");
}

#[test]
fn begin_is_idempotent_and_keeps_of_y() {
    given("**Current focus:** Phase 2 - API\n\n## Current Position\n\nPhase: 02 of 05 (API)\nPlan: 2 of 2\nStatus: Phase complete\nLast activity: 2026-01-26 -- Completed 02-02-PLAN.md\n")
        .running("state begin 3 --plans 4 --name Docs")
        .produces("**Current focus:** Phase 3 - Docs\n\n## Current Position\n\nPhase: 03 of 05 (Docs)\nPlan: 1 of 4\nStatus: Ready to execute\nLast activity: 2026-02-01 -- Started phase 3 (Docs)\n")
        .then()
        .running("state begin 3 --plans 4 --name Docs")
        .changes_nothing();
}

#[test]
fn session_keeps_the_resume_pointer_and_timestamp_shape() {
    given("## Session Continuity\n\nLast session: 2026-01-26 20:04:22 (plan execution)\nStopped at: old\nResume file: .planning/x.md\n")
        .running("state session --stopped-at 'Reviewing 02-02'")
        .produces("## Session Continuity\n\nLast session: 2026-02-01 10:00:00 (plan execution)\nStopped at: Reviewing 02-02\nResume file: .planning/x.md\n");
}

#[test]
fn recent_trend_lists_of_any_count_bracketed_or_with_one_trailing_unit() {
    let state = "## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 3\n\n## Performance Metrics\n\n- Total plans completed: 4\n- Last 4 plans: 8, 3, 3, 3 min\n";
    given(state)
        .running("state complete 02-02 --duration 4min")
        .contains("- Last 4 plans: 3, 3, 3, 4 min\n");
    given(&state.replace("8, 3, 3, 3 min", "[8min, 3min, 3min, 3min]"))
        .running("state complete 02-02 --duration 4min")
        .contains("- Last 4 plans: [3min, 3min, 3min, 4min]\n");
}

#[test]
fn without_sibling_files_progress_follows_the_files_own_count_of_plans() {
    // 3 plans done at 30%: 3 of 10; the fourth makes 40%.
    let state = "## Current Position\n\nPhase: 2 of 5\nPlan: 1 of 2\nStatus: In progress\n\nProgress: [███░░░░░░░] 30%\n\n## Performance Metrics\n\n- Total plans completed: 3\n";
    given(state)
        .running("state complete 02-02 --duration 5min")
        .contains("Progress: [████░░░░░░] 40%\n");
    // 40% in phase 3 of 5 counts phases (2 of 5 done): a plan does not move it.
    given(
        &state
            .replace("Phase: 2 of 5", "Phase: 3 of 5")
            .replace("[███░░░░░░░] 30%", "[████░░░░░░] 40%"),
    )
    .running("state complete 03-01 --duration 5min")
    .contains("Progress: [████░░░░░░] 40%\n");
}

#[test]
fn a_state_without_a_session_block_gets_one_above_its_footer() {
    given("## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 3\nStatus: In progress\n---\n*State initialized: 2026-01-05*\n")
        .running("state session --stopped-at 'Paused before review'")
        .produces("## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 3\nStatus: In progress\n\n## Session Continuity\n\nLast session: 2026-02-01\nStopped at: Paused before review\nResume file: None\n\n---\n*State initialized: 2026-01-05*\n");
}

#[test]
fn recent_trend_keeps_five() {
    given("## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 3\n\n## Performance Metrics\n\n- Total plans completed: 5\n- Average duration: 10 min\n- Total execution time: 0.8 hours\n- Last 5 plans: 5min, 10min, 15min, 10min, 10min\n")
        .running("state complete 02-02 --duration '1h 5m'")
        .contains("- Last 5 plans: 10min, 15min, 10min, 10min, 65min\n")
        .contains("- Total plans completed: 6\n")
        .contains("- Total execution time: 1.9 hours\n");
}

#[test]
fn decision_bullets_copy_the_last_entrys_shape() {
    const TRAILING: &str = "### Decisions\n\n- Use filters: Declarative (02-01)\n";
    given(TRAILING)
        .running("state decide 'Use cursors' --rationale 'Stable pages' --plan 02-02")
        .produces(&format!("{TRAILING}- Use cursors: Stable pages (02-02)\n"));
    const TAGGED: &str = "### Decisions\n\n- [Phase 01]: Parse only the transcript\n";
    given(TAGGED)
        .running("state decide 'Use cursors' --rationale 'Stable pages' --phase 2")
        // No entry joins a reason to its text: a dash, never a bare `: ` after the tag's own.
        .produces(&format!(
            "{TAGGED}- [Phase 02]: Use cursors — Stable pages\n"
        ));
    const IDS: &str = "### Decisions\n\n* [02-01]: Keep raw rows\n";
    given(IDS)
        .running("state decide 'Use cursors' --rationale 'Stable pages' --plan 02-03")
        .produces(&format!("{IDS}* [02-03]: Use cursors — Stable pages\n"));
    const NUMBERED: &str = "### Decisions\n\n1. Ship weekly\n2. Tag releases\n";
    given(NUMBERED)
        .running("state decide 'Use cursors' --rationale 'Stable pages'")
        .produces(&format!("{NUMBERED}3. Use cursors — Stable pages\n"));
}

#[test]
fn decision_tables_fill_known_columns() {
    const STATE: &str = "### Decisions\n\n| Phase | Decision | Rationale | Date |\n|-------|----------|-----------|------|\n| Phase 7 | Kysely | Typed SQL | 2026-01-02 |\n";
    given(STATE)
        .running("state decide Fastify --rationale Fast --phase 8")
        .produces(&format!(
            "{STATE}| Phase 8 | Fastify | Fast | 2026-02-01 |\n"
        ));
}

#[test]
fn by_phase_row_is_inserted_in_order_with_the_tables_padding() {
    given("## Current Position\n\nPhase: 2 of 3\nPlan: 0 of 2\n\n## Performance Metrics\n\n- Total plans completed: 2\n- Average duration: 10 min\n- Total execution time: 0.3 hours\n\n| Phase | Plans | Total  | Avg/Plan |\n|-------|-------|--------|----------|\n| 01    | 1     | 10 min | 10 min   |\n| 03    | 1     | 10 min | 10 min   |\n")
        .running("state complete 02-01 --duration '12 min'")
        .contains("| 01    | 1     | 10 min | 10 min   |\n| 02    | 1     | 12 min | 12 min   |\n| 03    |")
        .contains("- Average duration: 11 min\n- Total execution time: 0.5 hours\n");
}

#[test]
fn non_ascii_case_folding_does_not_break_offsets() {
    // `İ` lower-cases to two characters; an offset from the folded text must not be used on
    // the original.
    given("## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 2\nLast activity: 2026-01-01 — İİİİ Completed 02-01-PLAN.md\n")
        .running("state complete 02-01 --duration 1min")
        .says("02-01 is already complete");
}

#[test]
fn plan_in_another_phase_moves_the_position() {
    given("**Current focus:** Phase 2 - API\n\n## Current Position\n\nPhase: 2 of 5 (API) — COMPLETE\nPlan: 2 of 2\nStatus: Phase complete\n")
        .running("state complete 03-01 --duration 5min")
        .produces("**Current focus:** Phase 3\n\n## Current Position\n\nPhase: 3 of 5\nPlan: 1 of TBD\nStatus: In progress\n\n## Session Continuity\n\nLast session: 2026-02-01\nStopped at: Completed 03-01-PLAN.md\nResume file: None\n");
}

#[test]
fn table_lists_get_rows_not_bullets() {
    const EMPTY: &str =
        "### Blockers/Concerns\n\n| Category | Item | Status |\n|---|---|---|\n\n## Next\n";
    given(EMPTY)
        .running("state block Keys")
        .replaces("|---|---|---|\n", "|---|---|---|\n|  | Keys | Open |\n");
    const PLACEHOLDER: &str =
        "### Blockers/Concerns\n\n| Category | Item | Status |\n|---|---|---|\n| *(none)* | | |\n";
    given(PLACEHOLDER)
        .running("state block Keys")
        .replaces("| *(none)* | | |", "|  | Keys | Open |");
}

#[test]
fn decision_with_a_leading_plan_reference_keeps_that_shape() {
    for (entry, want) in [
        (
            "- (Plan 02-04) Dual-mode parser",
            "- (Plan 02-05) Cache tenants",
        ),
        (
            "- **41-01:** PrismaService extends PrismaClient",
            "- **02-05:** Cache tenants",
        ),
    ] {
        given(&format!(
            "## Accumulated Context\n\n### Decisions\n\n{entry}\n\n### Blockers/Concerns\n\nNone.\n"
        ))
        .running("state decide 'Cache tenants' --plan 02-05")
        .replaces(&format!("{entry}\n"), &format!("{entry}\n{want}\n"));
    }
}

#[test]
fn blocker_is_not_added_to_a_quick_tasks_table_nested_under_the_blockers_heading() {
    let project = given(
        "## Open Issues / Blockers\n\n- **Phase 19 reopened** — tests\n  - TEST-02: fixture\n\n### Quick Tasks Completed\n\n| # | Description | Date |\n|---|-------------|------|\n| 260721-n3z | Reconcile tenants | 2026-07-21 |\n\n## Session\n\nStopped at: x\n",
    );
    project.running("state block 'API keys'").replaces(
        "  - TEST-02: fixture\n",
        "  - TEST-02: fixture\n- API keys\n",
    );
    // The quick task is not a blocker to resolve.
    project.running("state unblock Reconcile").fails();
}

#[test]
fn blocker_table_with_an_id_column_gets_the_next_id() {
    given("### Blockers/Concerns\n\n| ID | Description | Niveau |\n|---|---|---|\n| KI-003 | GitHub MCP deprecated | Moyen |\n\n## Session\n\nStopped at: x\n")
        .running("state block 'API keys'")
        .replaces("| Moyen |\n", "| Moyen |\n| KI-004 | API keys |  |\n");
}

#[test]
fn recent_trend_prose_is_not_used_as_a_template_for_the_new_item() {
    given("## Current Position\n\nPhase: 8 of 9\nPlan: 0 of 2\nStatus: Ready to execute\n\n## Performance Metrics\n\n**Recent Trend:**\n- Last 5 plans: 04-01 through 04-05 (v1.14.0 Phase 4, all complete)\n- Trend: Stable\n")
        .running("state complete 08-01 --duration 10min")
        .contains("- Last 5 plans: 04-01 through 04-05 (v1.14.0 Phase 4, all complete), 08-01 (10min)\n");
}

#[test]
fn completing_a_plan_of_another_phase_moves_the_frontmatter_phase_too() {
    given("---\ncurrent_phase: 05\ncurrent_phase_name: AE2 Integration\nstatus: executing\n---\n\n## Current Position\n\nPhase: 5 of 6 (AE2 Integration)\nPlan: 1 of 2\nStatus: In progress\n")
        .running("state complete 06-01 --duration 5min")
        .starts_with("---\ncurrent_phase: 06\n")
        .contains("Phase: 6 of 6");
}

#[test]
fn begin_next_phase_without_roadmap_or_total_is_accepted_and_drops_the_old_status() {
    // Seed 003's shape: `Phase: 7 - Name` has no `of Y`, and there is no ROADMAP.md, so
    // nothing can say phase 8 does not exist.
    given("## Current Position\n\nPhase: 05 (proration) — EXECUTING\nPlan: 2 of 3\nStatus: Executing\n")
        .running("state begin 6 --plans 2")
        .contains("Phase: 06\nPlan: 1 of 2\n");
}

#[test]
fn begin_beyond_the_stated_total_is_refused() {
    given("## Current Position\n\nPhase: 2 of 3 (API)\nPlan: 1 of 2\n")
        .running("state begin 4")
        .fails();
}

#[test]
fn a_placeholder_bullet_keeps_its_marker_and_spacing() {
    const DECISIONS: &str = "## Accumulated Context\n\n### Decisions\n\n*  None yet.\n\n## Session Continuity\n\nStopped at: x\n";
    given(DECISIONS)
        .running("state decide 'Use SQL'")
        .replaces("*  None yet.", "*  Use SQL");
    const TODOS: &str = "## Accumulated Context\n\n### Pending Todos\n\n  + None\n\n## Session Continuity\n\nStopped at: x\n";
    given(TODOS)
        .running("state todo 'Write docs'")
        .replaces("  + None", "  + Write docs");
    // A bare placeholder line becomes a bullet.
    given(&DECISIONS.replace("*  None yet.", "None yet."))
        .running("state decide 'Use SQL'")
        .replaces("None yet.", "- Use SQL");
}

#[test]
fn pipe_in_a_value_above_a_table_delimiter_is_escaped() {
    // Found by fuzzing: a `|` written into a field line that sits directly on a delimiter row
    // turned the line into the table's header, so the field vanished and a second run edited
    // again. The pipe is written as `\|` there (rendered as `|`), and only there.
    let project = given("## Current Position\n\nPhase: 2 of 3\n|---|---|\nStatus: x\n");
    project
        .running("state set status 'A | B'")
        .replaces("Status: x", "Status: A | B");
    project
        .running("state set phase '2 of 3 (A | B)'")
        .contains("Phase: 2 of 3 (A \\| B)\n|---|---|\n")
        // A second run changes nothing.
        .then()
        .running("state set phase '2 of 3 (A | B)'")
        .changes_nothing();
}
