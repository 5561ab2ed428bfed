//! One test per bug class of the incumbent (DESIGN.md §1), named after the bug, plus the
//! style-copying rules the issue lists. Each runs the op in memory and checks the exact text.

use gsd::ops;

use crate::ops_support::{clock, new_state, state_only};

fn set(text: &str, field: &str, value: &str) -> String {
    let ws = state_only(text);
    new_state(&ops::set::set(&ws, &clock(), field, value).unwrap()).expect("a change")
}

#[test]
fn status_in_unrelated_table_is_not_the_status() {
    let text = "# State\n\n## Milestones\n\n| Milestone | Note |\n|---|---|\n| v1 | Status: shipped |\n\nStatus: archived\n\n## Current Position\n\nPhase: 1 of 2\nStatus: In progress\n";
    let new = set(text, "status", "Phase complete");
    assert_eq!(
        new,
        text.replace("Status: In progress", "Status: Phase complete")
    );
}

#[test]
fn empty_field_does_not_eat_next_line() {
    let text = "## Session Continuity\n\nLast session: 2026-01-28\nResume file:\nNext: review the points model\n";
    let new = set(text, "resume_file", ".planning/phases/02-x/02-01-PLAN.md");
    assert_eq!(
        new,
        "## Session Continuity\n\nLast session: 2026-01-28\nResume file: .planning/phases/02-x/02-01-PLAN.md\nNext: review the points model\n"
    );
    // A trailing space after the colon is kept as the separator.
    let text = "## Session Continuity\n\nResume file: \nNext: x\n";
    assert_eq!(
        set(text, "resume_file", "p.md"),
        "## Session Continuity\n\nResume file: p.md\nNext: x\n"
    );
}

#[test]
fn none_inside_a_sentence_is_kept() {
    let text = "## Accumulated Context\n\n### Pending Todos\n\nNone yet.\n\n### Blockers/Concerns\n\nNone of the inputs are validated upstream.\n\n## Session Continuity\n\nStopped at: x\n";
    let ws = state_only(text);
    let c = clock();
    let blocked = new_state(&ops::block::block(&ws, &c, "API keys").unwrap()).unwrap();
    assert!(
        blocked.contains("None of the inputs are validated upstream.\n"),
        "{blocked}"
    );
    assert!(blocked.contains("upstream.\n\n- API keys\n"), "{blocked}");
    let todo = new_state(&ops::todo::todo(&ws, &c, "Write docs").unwrap()).unwrap();
    assert!(
        todo.contains("### Pending Todos\n\n- Write docs\n\n### Blockers"),
        "{todo}"
    );
    assert!(todo.contains("None of the inputs"), "{todo}");
}

#[test]
fn versioned_decision_heading_gets_the_entry() {
    let text = "## Accumulated Context\n\n### Decisions (v3.0 - Current)\n\n| ID | Decision | Date |\n|----|----------|------|\n| D-11-01-01 | Use SQL | 2026-01-21 |\n\n### Decisions (v2.0 - Recent)\n\n| ID | Decision | Date |\n|----|----------|------|\n| D-08-01-01 | Use JWT | 2026-01-17 |\n\n## Session Continuity\n\nStopped at: x\n";
    let ws = state_only(text);
    let d = ops::decide::Decision {
        text: "Cache tenants",
        plan: Some("11-02"),
        ..Default::default()
    };
    let new = new_state(&ops::decide::decide(&ws, &clock(), &d).unwrap()).unwrap();
    assert_eq!(
        new,
        text.replace(
            "| D-11-01-01 | Use SQL | 2026-01-21 |\n",
            "| D-11-01-01 | Use SQL | 2026-01-21 |\n| D-11-02-01 | Cache tenants | 2026-02-01 |\n"
        )
    );
}

#[test]
fn decision_without_a_section_goes_under_accumulated_context_not_eof() {
    let text = "# State\n\n## Accumulated Context\n\n### Pending Todos\n\nNone yet.\n\n## Session Continuity\n\nStopped at: x\n";
    let ws = state_only(text);
    let d = ops::decide::Decision {
        text: "Use Rust",
        ..Default::default()
    };
    let new = new_state(&ops::decide::decide(&ws, &clock(), &d).unwrap()).unwrap();
    assert_eq!(
        new,
        "# State\n\n## Accumulated Context\n\n### Pending Todos\n\nNone yet.\n\n### Decisions\n\n- Use Rust\n\n## Session Continuity\n\nStopped at: x\n"
    );
}

#[test]
fn crlf_is_kept() {
    let text = "## Current Position\r\n\r\nPhase: 2 of 3\r\nPlan: 1 of 2\r\nStatus: In progress\r\nLast activity: 2026-01-01 — x\r\n\r\n## Accumulated Context\r\n\r\n### Decisions\r\n\r\n- A (02-01)\r\n\r\n### Blockers/Concerns\r\n\r\nNone yet.\r\n";
    let ws = state_only(text);
    let c = clock();
    let complete = ops::complete::Complete {
        plan: "02-02",
        duration: Some("5 min"),
        ..Default::default()
    };
    for out in [
        ops::complete::complete(&ws, &c, &complete).unwrap(),
        ops::decide::decide(
            &ws,
            &c,
            &ops::decide::Decision {
                text: "B",
                plan: Some("02-02"),
                ..Default::default()
            },
        )
        .unwrap(),
        ops::block::block(&ws, &c, "Keys").unwrap(),
    ] {
        let new = new_state(&out).unwrap();
        assert_eq!(
            new.matches('\n').count(),
            new.matches("\r\n").count(),
            "{new:?}"
        );
    }
}

#[test]
fn bom_and_missing_final_newline_are_kept() {
    let text = "\u{feff}## Current Position\n\nStatus: In progress";
    let new = set(text, "status", "Blocked");
    assert_eq!(new, "\u{feff}## Current Position\n\nStatus: Blocked");
    let text = "## Accumulated Context\n\n### Pending Todos\n\n- one";
    let ws = state_only(text);
    let new = new_state(&ops::todo::todo(&ws, &clock(), "two").unwrap()).unwrap();
    assert_eq!(
        new,
        "## Accumulated Context\n\n### Pending Todos\n\n- one\n- two"
    );
}

#[test]
fn code_fence_is_untouched() {
    let fence = "```\nStatus: example\nPlan: 9 of 9\n- [ ] 02-02-PLAN.md\nNone yet.\n```\n";
    let text = format!(
        "## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 2\nStatus: In progress\n\n{fence}\n## Accumulated Context\n\n### Pending Todos\n\n{fence}\nNone yet.\n"
    );
    let ws = state_only(&text);
    let c = clock();
    let complete = ops::complete::Complete {
        plan: "02-02",
        duration: Some("5min"),
        ..Default::default()
    };
    let new = new_state(&ops::complete::complete(&ws, &c, &complete).unwrap()).unwrap();
    assert_eq!(new.matches(fence).count(), 2, "{new}");
    assert!(new.contains("Plan: 2 of 2\nStatus: Phase complete\n"));
    let new = new_state(&ops::todo::todo(&ws, &c, "x").unwrap()).unwrap();
    assert_eq!(new.matches(fence).count(), 2, "{new}");
    assert!(new.ends_with(&format!("{fence}\n- x\n")), "{new}");
}

#[test]
fn frontmatter_keys_kept() {
    let text = "---\nstatus: executing\nlast_updated: \"2026-01-01T00:00:00.000Z\"\nprogress:\n  completed_plans: 1\n  total_plans: 2\n  percent: 50\n---\n\n## Current Position\n\nPhase: 2 of 2\nPlan: 1 of 2\nStatus: In progress\n\n## Session Continuity\n\nLast session: 2026-01-01\nStopped at: x\n";
    let ws = state_only(text);
    let complete = ops::complete::Complete {
        plan: "02-02",
        duration: Some("5min"),
        ..Default::default()
    };
    let new = new_state(&ops::complete::complete(&ws, &clock(), &complete).unwrap()).unwrap();
    let keys = |t: &str| -> Vec<String> {
        let doc = gsd::syntax::Doc::parse(gsd::source::Source::new("S", t.to_string()));
        doc.frontmatter[0]
            .entries
            .iter()
            .map(|e| e.key.clone())
            .collect()
    };
    assert_eq!(keys(text), keys(&new));
    assert!(new.starts_with("---\nstatus: completed\nlast_updated: \"2026-02-01T10:00:00.000Z\"\nprogress:\n  completed_plans: 2\n  total_plans: 2\n  percent: 100\n---\n\n"), "{new}");
    assert!(!new.contains("stopped_at"), "a key was added: {new}");
}

#[test]
fn complete_refuses_and_writes_nothing_without_a_duration() {
    let ws = state_only("## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 2\n");
    let c = ops::complete::Complete {
        plan: "02-02",
        ..Default::default()
    };
    let err = ops::complete::complete(&ws, &clock(), &c).unwrap_err();
    assert!(err.message.contains("no duration"), "{err}");
    assert!(err.hint.unwrap().contains("--duration"));
}

#[test]
fn complete_refuses_malformed_ids_and_unknown_phases() {
    let ws = state_only("## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 2\n");
    let c = clock();
    for bad in ["2", "x-01", "02-", ""] {
        let args = ops::complete::Complete {
            plan: bad,
            duration: Some("1min"),
            ..Default::default()
        };
        assert!(ops::complete::complete(&ws, &c, &args).is_err(), "{bad}");
    }
    let args = ops::complete::Complete {
        plan: "09-01",
        duration: Some("1min"),
        ..Default::default()
    };
    let err = ops::complete::complete(&ws, &c, &args).unwrap_err();
    assert!(err.message.contains("phase 09"), "{err}");
}

#[test]
fn unblock_needs_exactly_one_match() {
    let text = "## Accumulated Context\n\n### Blockers/Concerns\n\n- Waiting on the scoring spec\n- Waiting on API keys\n- ~~Waiting on legal~~ RESOLVED (2026-01-01)\n";
    let ws = state_only(text);
    let c = clock();
    let err = ops::block::unblock(&ws, &c, "waiting").unwrap_err();
    assert!(err.message.contains("2 open blockers"), "{err}");
    assert!(err.message.contains("scoring spec") && err.message.contains("API keys"));
    let err = ops::block::unblock(&ws, &c, "budget").unwrap_err();
    assert!(err.message.contains("no open blocker"), "{err}");
    let new = new_state(&ops::block::unblock(&ws, &c, "api KEYS").unwrap()).unwrap();
    assert!(
        new.contains("- ~~Waiting on API keys~~ RESOLVED (2026-02-01)\n"),
        "{new}"
    );
}

#[test]
fn set_refuses_unknown_and_missing_fields() {
    let ws = state_only("## Current Position\n\nStatus: x\n");
    let err = ops::set::set(&ws, &clock(), "colour", "red").unwrap_err();
    assert!(err.hint.unwrap().contains("status"), "lists the fields");
    let err = ops::set::set(&ws, &clock(), "stopped_at", "y").unwrap_err();
    assert!(err.message.contains("Stopped at"), "{err}");
}

#[test]
fn begin_is_idempotent_and_keeps_of_y() {
    let text = "**Current focus:** Phase 2 - API\n\n## Current Position\n\nPhase: 02 of 05 (API)\nPlan: 2 of 2\nStatus: Phase complete\nLast activity: 2026-01-26 -- Completed 02-02-PLAN.md\n";
    let ws = state_only(text);
    let c = clock();
    let args = ops::begin::Begin {
        phase: "3",
        plans: Some(4),
        name: Some("Docs"),
    };
    let new = new_state(&ops::begin::begin(&ws, &c, &args).unwrap()).unwrap();
    assert_eq!(
        new,
        "**Current focus:** Phase 3 - Docs\n\n## Current Position\n\nPhase: 03 of 05 (Docs)\nPlan: 1 of 4\nStatus: Ready to execute\nLast activity: 2026-02-01 -- Started phase 3 (Docs)\n"
    );
    let again = state_only(&new);
    let out = ops::begin::begin(&again, &c, &args).unwrap();
    assert!(out.changes.is_empty());
}

#[test]
fn session_keeps_the_resume_pointer_and_timestamp_shape() {
    let text = "## Session Continuity\n\nLast session: 2026-01-26 20:04:22 (plan execution)\nStopped at: old\nResume file: .planning/x.md\n";
    let ws = state_only(text);
    let out = ops::session::session(&ws, &clock(), "Reviewing 02-02", None).unwrap();
    assert_eq!(
        new_state(&out).unwrap(),
        "## Session Continuity\n\nLast session: 2026-02-01 10:00:00 (plan execution)\nStopped at: Reviewing 02-02\nResume file: .planning/x.md\n"
    );
}

#[test]
fn recent_trend_keeps_five() {
    let text = "## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 3\n\n## Performance Metrics\n\n- Total plans completed: 5\n- Average duration: 10 min\n- Total execution time: 0.8 hours\n- Last 5 plans: 5min, 10min, 15min, 10min, 10min\n";
    let ws = state_only(text);
    let args = ops::complete::Complete {
        plan: "02-02",
        duration: Some("1h 5m"),
        ..Default::default()
    };
    let new = new_state(&ops::complete::complete(&ws, &clock(), &args).unwrap()).unwrap();
    assert!(
        new.contains("- Last 5 plans: 10min, 15min, 10min, 10min, 65min\n"),
        "{new}"
    );
    assert!(new.contains("- Total plans completed: 6\n"));
    assert!(new.contains("- Total execution time: 1.9 hours\n"), "{new}");
}

#[test]
fn decision_bullets_copy_the_last_entrys_shape() {
    let c = clock();
    let decide = |text: &str, plan: Option<&str>, phase: Option<&str>| {
        let ws = state_only(text);
        let d = ops::decide::Decision {
            text: "Use cursors",
            rationale: Some("Stable pages"),
            plan,
            phase,
            ..Default::default()
        };
        new_state(&ops::decide::decide(&ws, &c, &d).unwrap()).unwrap()
    };
    let trailing = "### Decisions\n\n- Use filters: Declarative (02-01)\n";
    assert_eq!(
        decide(trailing, Some("02-02"), None),
        format!("{trailing}- Use cursors: Stable pages (02-02)\n")
    );
    let tagged = "### Decisions\n\n- [Phase 01]: Parse only the transcript\n";
    assert_eq!(
        decide(tagged, None, Some("2")),
        // No entry joins a reason to its text: a dash, never a bare `: ` after the tag's own.
        format!("{tagged}- [Phase 02]: Use cursors — Stable pages\n")
    );
    let ids = "### Decisions\n\n* [02-01]: Keep raw rows\n";
    assert_eq!(
        decide(ids, Some("02-03"), None),
        format!("{ids}* [02-03]: Use cursors — Stable pages\n")
    );
    let numbered = "### Decisions\n\n1. Ship weekly\n2. Tag releases\n";
    assert_eq!(
        decide(numbered, None, None),
        format!("{numbered}3. Use cursors — Stable pages\n")
    );
}

#[test]
fn decision_tables_fill_known_columns() {
    let text = "### Decisions\n\n| Phase | Decision | Rationale | Date |\n|-------|----------|-----------|------|\n| Phase 7 | Kysely | Typed SQL | 2026-01-02 |\n";
    let ws = state_only(text);
    let d = ops::decide::Decision {
        text: "Fastify",
        rationale: Some("Fast"),
        phase: Some("8"),
        ..Default::default()
    };
    let new = new_state(&ops::decide::decide(&ws, &clock(), &d).unwrap()).unwrap();
    assert_eq!(
        new,
        format!("{text}| Phase 8 | Fastify | Fast | 2026-02-01 |\n")
    );
}

#[test]
fn by_phase_row_is_inserted_in_order_with_the_tables_padding() {
    let text = "## Current Position\n\nPhase: 2 of 3\nPlan: 0 of 2\n\n## Performance Metrics\n\n- Total plans completed: 2\n- Average duration: 10 min\n- Total execution time: 0.3 hours\n\n| Phase | Plans | Total  | Avg/Plan |\n|-------|-------|--------|----------|\n| 01    | 1     | 10 min | 10 min   |\n| 03    | 1     | 10 min | 10 min   |\n";
    let ws = state_only(text);
    let args = ops::complete::Complete {
        plan: "02-01",
        duration: Some("12 min"),
        ..Default::default()
    };
    let new = new_state(&ops::complete::complete(&ws, &clock(), &args).unwrap()).unwrap();
    assert!(new.contains("| 01    | 1     | 10 min | 10 min   |\n| 02    | 1     | 12 min | 12 min   |\n| 03    |"), "{new}");
    assert!(
        new.contains("- Average duration: 11 min\n- Total execution time: 0.5 hours\n"),
        "{new}"
    );
}

#[test]
fn non_ascii_case_folding_does_not_break_offsets() {
    // `İ` lower-cases to two characters; an offset from the folded text must not be used on
    // the original.
    let text = "## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 2\nLast activity: 2026-01-01 — İİİİ Completed 02-01-PLAN.md\n";
    let ws = state_only(text);
    let args = ops::complete::Complete {
        plan: "02-01",
        duration: Some("1min"),
        ..Default::default()
    };
    let out = ops::complete::complete(&ws, &clock(), &args).unwrap();
    assert_eq!(out.message.as_deref(), Some("02-01 is already complete"));
}

#[test]
fn plan_in_another_phase_moves_the_position() {
    let text = "**Current focus:** Phase 2 - API\n\n## Current Position\n\nPhase: 2 of 5 (API) — COMPLETE\nPlan: 2 of 2\nStatus: Phase complete\n";
    let ws = state_only(text);
    let args = ops::complete::Complete {
        plan: "03-01",
        duration: Some("5min"),
        ..Default::default()
    };
    let new = new_state(&ops::complete::complete(&ws, &clock(), &args).unwrap()).unwrap();
    assert_eq!(
        new,
        "**Current focus:** Phase 3\n\n## Current Position\n\nPhase: 3 of 5\nPlan: 1 of TBD\nStatus: In progress\n"
    );
}

#[test]
fn table_lists_get_rows_not_bullets() {
    let c = clock();
    let empty = "### Blockers/Concerns\n\n| Category | Item | Status |\n|---|---|---|\n\n## Next\n";
    let new = new_state(&ops::block::block(&state_only(empty), &c, "Keys").unwrap()).unwrap();
    assert_eq!(
        new,
        empty.replace("|---|---|---|\n", "|---|---|---|\n|  | Keys | Open |\n")
    );
    let placeholder =
        "### Blockers/Concerns\n\n| Category | Item | Status |\n|---|---|---|\n| *(none)* | | |\n";
    let new = new_state(&ops::block::block(&state_only(placeholder), &c, "Keys").unwrap()).unwrap();
    assert_eq!(
        new,
        placeholder.replace("| *(none)* | | |", "|  | Keys | Open |")
    );
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
        let text = format!(
            "## Accumulated Context\n\n### Decisions\n\n{entry}\n\n### Blockers/Concerns\n\nNone.\n"
        );
        let ws = state_only(&text);
        let d = ops::decide::Decision {
            text: "Cache tenants",
            plan: Some("02-05"),
            ..Default::default()
        };
        let new = new_state(&ops::decide::decide(&ws, &clock(), &d).unwrap()).unwrap();
        assert_eq!(
            new,
            text.replace(&format!("{entry}\n"), &format!("{entry}\n{want}\n")),
            "{entry}"
        );
    }
}

#[test]
fn blocker_is_not_added_to_a_quick_tasks_table_nested_under_the_blockers_heading() {
    let text = "## Open Issues / Blockers\n\n- **Phase 19 reopened** — tests\n  - TEST-02: fixture\n\n### Quick Tasks Completed\n\n| # | Description | Date |\n|---|-------------|------|\n| 260721-n3z | Reconcile tenants | 2026-07-21 |\n\n## Session\n\nStopped at: x\n";
    let ws = state_only(text);
    let c = clock();
    let new = new_state(&ops::block::block(&ws, &c, "API keys").unwrap()).unwrap();
    assert_eq!(
        new,
        text.replace(
            "  - TEST-02: fixture\n",
            "  - TEST-02: fixture\n- API keys\n"
        )
    );
    // The quick task is not a blocker to resolve.
    assert!(ops::block::unblock(&ws, &c, "Reconcile").is_err());
}

#[test]
fn blocker_table_with_an_id_column_gets_the_next_id() {
    let text = "### Blockers/Concerns\n\n| ID | Description | Niveau |\n|---|---|---|\n| KI-003 | GitHub MCP deprecated | Moyen |\n\n## Session\n\nStopped at: x\n";
    let ws = state_only(text);
    let new = new_state(&ops::block::block(&ws, &clock(), "API keys").unwrap()).unwrap();
    assert_eq!(
        new,
        text.replace("| Moyen |\n", "| Moyen |\n| KI-004 | API keys |  |\n")
    );
}

#[test]
fn recent_trend_prose_is_not_used_as_a_template_for_the_new_item() {
    let text = "## Current Position\n\nPhase: 8 of 9\nPlan: 0 of 2\nStatus: Ready to execute\n\n## Performance Metrics\n\n**Recent Trend:**\n- Last 5 plans: 04-01 through 04-05 (v1.14.0 Phase 4, all complete)\n- Trend: Stable\n";
    let ws = state_only(text);
    let complete = ops::complete::Complete {
        plan: "08-01",
        duration: Some("10min"),
        ..Default::default()
    };
    let new = new_state(&ops::complete::complete(&ws, &clock(), &complete).unwrap()).unwrap();
    assert!(
        new.contains(
            "- Last 5 plans: 04-01 through 04-05 (v1.14.0 Phase 4, all complete), 08-01 (10min)\n"
        ),
        "{new}"
    );
}

#[test]
fn completing_a_plan_of_another_phase_moves_the_frontmatter_phase_too() {
    let text = "---\ncurrent_phase: 05\ncurrent_phase_name: AE2 Integration\nstatus: executing\n---\n\n## Current Position\n\nPhase: 5 of 6 (AE2 Integration)\nPlan: 1 of 2\nStatus: In progress\n";
    let ws = state_only(text);
    let complete = ops::complete::Complete {
        plan: "06-01",
        duration: Some("5min"),
        ..Default::default()
    };
    let new = new_state(&ops::complete::complete(&ws, &clock(), &complete).unwrap()).unwrap();
    assert!(new.starts_with("---\ncurrent_phase: 06\n"), "{new}");
    assert!(new.contains("Phase: 6 of 6"), "{new}");
}

#[test]
fn begin_next_phase_without_roadmap_or_total_is_accepted_and_drops_the_old_status() {
    // Seed 003's shape: `Phase: 7 - Name` has no `of Y`, and there is no ROADMAP.md, so
    // nothing can say phase 8 does not exist.
    let text = "## Current Position\n\nPhase: 05 (proration) — EXECUTING\nPlan: 2 of 3\nStatus: Executing\n";
    let ws = state_only(text);
    let args = ops::begin::Begin {
        phase: "6",
        plans: Some(2),
        name: None,
    };
    let new = new_state(&ops::begin::begin(&ws, &clock(), &args).unwrap()).unwrap();
    assert!(new.contains("Phase: 06\nPlan: 1 of 2\n"), "{new}");
}

#[test]
fn begin_beyond_the_stated_total_is_refused() {
    let text = "## Current Position\n\nPhase: 2 of 3 (API)\nPlan: 1 of 2\n";
    let ws = state_only(text);
    let args = ops::begin::Begin {
        phase: "4",
        ..Default::default()
    };
    assert!(ops::begin::begin(&ws, &clock(), &args).is_err());
}

#[test]
fn a_placeholder_bullet_keeps_its_marker_and_spacing() {
    let c = clock();
    let decisions = "## Accumulated Context\n\n### Decisions\n\n*  None yet.\n\n## Session Continuity\n\nStopped at: x\n";
    let d = ops::decide::Decision {
        text: "Use SQL",
        ..Default::default()
    };
    let new = new_state(&ops::decide::decide(&state_only(decisions), &c, &d).unwrap()).unwrap();
    assert_eq!(new, decisions.replace("*  None yet.", "*  Use SQL"));
    let todos = "## Accumulated Context\n\n### Pending Todos\n\n  + None\n\n## Session Continuity\n\nStopped at: x\n";
    let new = new_state(&ops::todo::todo(&state_only(todos), &c, "Write docs").unwrap()).unwrap();
    assert_eq!(new, todos.replace("  + None", "  + Write docs"));
    // A bare placeholder line becomes a bullet.
    let bare = decisions.replace("*  None yet.", "None yet.");
    let new = new_state(&ops::decide::decide(&state_only(&bare), &c, &d).unwrap()).unwrap();
    assert_eq!(new, bare.replace("None yet.", "- Use SQL"));
}

#[test]
fn pipe_in_a_value_above_a_table_delimiter_is_escaped() {
    // Found by fuzzing: a `|` written into a field line that sits directly on a delimiter row
    // turned the line into the table's header, so the field vanished and a second run edited
    // again. The pipe is written as `\|` there (rendered as `|`), and only there.
    let text = "## Current Position\n\nPhase: 2 of 3\n|---|---|\nStatus: x\n";
    let ws = state_only(text);
    let once = new_state(&ops::set::set(&ws, &clock(), "status", "A | B").unwrap()).unwrap();
    assert_eq!(once, text.replace("Status: x", "Status: A | B"));
    let phase =
        new_state(&ops::set::set(&ws, &clock(), "phase", "2 of 3 (A | B)").unwrap()).unwrap();
    assert!(
        phase.contains("Phase: 2 of 3 (A \\| B)\n|---|---|\n"),
        "{phase}"
    );
    let again = state_only(&phase);
    let outcome = ops::set::set(&again, &clock(), "phase", "2 of 3 (A | B)").unwrap();
    assert!(
        new_state(&outcome).is_none_or(|t| t == phase),
        "second run changed the file"
    );
}
