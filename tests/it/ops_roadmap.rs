//! `complete`'s ROADMAP.md edits on the shapes real roadmaps use: column-shifted progress rows,
//! several progress tables, a `**Plans**:` field that counts completed plans, and padded
//! 5-column Milestone tables with an emoji status family. Each case snapshots the ROADMAP.md
//! diff (read by eye) and asserts the exact changed lines, so the snapshot is not the only
//! evidence; [`apply_checked`] asserts every other byte survives.

use gsd::model::roadmap::Roadmap;
use gsd::ops::{self, complete::Complete};
use gsd::source::Source;

use crate::ops_support::{apply_checked, clock, new_text, report, state_only};

const STATE: &str = "# State\n\n## Current Position\n\nPhase: 3 of 3 (API)\nPlan: 1 of 2 in current phase\nStatus: In progress\nLast activity: 2026-01-30 — Planned phase 3\n\n## Session Continuity\n\nLast session: 2026-01-30\nStopped at: Planned phase 3\n";

/// Completes `plan` (10 min) in a workspace of [`STATE`] and `roadmap`; returns the report of
/// the ROADMAP.md change alone and the new ROADMAP.md text.
fn complete_in(roadmap: &str, plan: &str) -> (String, String) {
    let mut ws = state_only(STATE);
    ws.roadmap = Some(Roadmap::parse(Source::new(
        ".planning/ROADMAP.md",
        roadmap.to_string(),
    )));
    let args = Complete {
        plan,
        duration: Some("10 min"),
        ..Default::default()
    };
    let mut out = ops::complete::complete(&ws, &clock(), &args).expect("complete runs");
    out.changes
        .retain(|(c, _)| c.display.ends_with("ROADMAP.md"));
    out.notices.clear();
    let new = out
        .changes
        .first()
        .map_or_else(|| roadmap.to_string(), |(c, _)| apply_checked(c));
    (report(Ok(out)), new)
}

/// The lines of `new` that differ from `old` (same line count expected).
fn changed_lines<'a>(old: &str, new: &'a str) -> Vec<&'a str> {
    assert_eq!(old.lines().count(), new.lines().count(), "{new}");
    old.lines()
        .zip(new.lines())
        .filter(|(a, b)| a != b)
        .map(|(_, b)| b)
        .collect()
}

const SHIFTED: &str = "# Roadmap\n\n## Phases\n\n- [x] **Phase 12: Cask** - brew\n- [ ] **Phase 13: Docs** - site\n\n### Phase 13: Docs\n**Plans**: 2 plans\n\nPlans:\n- [x] 13-01-PLAN.md — Pages\n- [ ] 13-02-PLAN.md — Search\n\n## Progress\n\n| Phase | Milestone | Plans Complete | Status | Completed |\n|-------|-----------|----------------|--------|-----------|\n| 11. Core | v1.0 | 2/2 | Complete | 2026-02-10 |\n| 12. Cask | 1/1 | Complete | 2026-02-19 | - |\n| 13. Docs | 1/2 | In Progress | - |\n";

#[test]
fn shifted_row_is_edited_by_meaning_and_keeps_its_shape() {
    let (diff, new) = complete_in(SHIFTED, "13-02");
    assert_eq!(
        changed_lines(SHIFTED, &new),
        [
            "- [x] **Phase 13: Docs** - site",
            "- [x] 13-02-PLAN.md — Search",
            "| 13. Docs | 2/2 | Complete | 2026-02-01 |",
        ]
    );
    insta::assert_snapshot!(diff);
}

#[test]
fn shifted_row_with_a_trailing_cell_keeps_it() {
    let text = SHIFTED.replace(
        "| 13. Docs | 1/2 | In Progress | - |\n",
        "| 13. Docs | 1/2 | In Progress | - | - |\n",
    );
    let (_, new) = complete_in(&text, "13-02");
    assert!(
        new.contains("| 13. Docs | 2/2 | Complete | 2026-02-01 | - |\n"),
        "{new}"
    );
}

const TWO_TABLES: &str = "# Roadmap\n\n## Phases\n\n- [x] **Phase 1: Setup** - tooling\n- [ ] **Phase 3: API** - routes\n\n### Phase 3: API\n**Plans:** 1/2 complete\n\nPlans:\n- [x] 03-01-PLAN.md — Routes\n- [ ] 03-02-PLAN.md — Docs\n\n## Progress\n\n### v1.0\n\n| Phase | Plans Complete | Status | Completed |\n|---|---|---|---|\n| 1. Setup | 2/2 | Complete | 2026-01-12 |\n\n### v1.1\n\n| Phase | Milestone | Plans | Status | Completed |\n|---|---|---|---|---|\n| 2. Core | v1.1 | 2/2 | Complete | 2026-01-24 |\n| 3. API | v1.1 | 1/2 | In Progress | - |\n";

#[test]
fn row_in_a_later_progress_table_is_found_and_edited_by_its_own_columns() {
    let (diff, new) = complete_in(TWO_TABLES, "03-02");
    assert_eq!(
        changed_lines(TWO_TABLES, &new),
        [
            "- [x] **Phase 3: API** - routes",
            "**Plans:** 2/2 complete",
            "- [x] 03-02-PLAN.md — Docs",
            "| 3. API | v1.1 | 2/2 | Complete | 2026-02-01 |",
        ]
    );
    insta::assert_snapshot!(diff);
}

const PLANS_FIELD: &str = "# Roadmap\n\n## Phases\n\n- [ ] **Phase 3: API** - routes\n- [ ] **Phase 4: Web** - ui\n- [ ] **Phase 5: Ops** - deploy\n\n### Phase 3: API\n**Plans**: 1/3 plans complete\n\nPlans:\n- [x] 03-01-PLAN.md — Routes\n- [ ] 03-02-PLAN.md — Docs\n- [ ] 03-03-PLAN.md — Limits\n\n### Phase 4: Web\n**Plans**: 2 plans\n\nPlans:\n- [ ] 04-01-PLAN.md — Shell\n- [ ] 04-02-PLAN.md — Pages\n\n### Phase 5: Ops\n**Plans**: TBD\n\nPlans:\n- [ ] 05-01-PLAN.md — Deploy\n";

#[test]
fn plans_field_completed_count_is_updated_and_other_forms_left_alone() {
    let (diff, new) = complete_in(PLANS_FIELD, "03-02");
    assert_eq!(
        changed_lines(PLANS_FIELD, &new),
        [
            "**Plans**: 2/3 plans complete",
            "- [x] 03-02-PLAN.md — Docs"
        ]
    );
    insta::assert_snapshot!(diff);
    let (_, new) = complete_in(PLANS_FIELD, "04-01");
    assert_eq!(
        changed_lines(PLANS_FIELD, &new),
        ["- [x] 04-01-PLAN.md — Shell"]
    );
    let (_, new) = complete_in(PLANS_FIELD, "05-01");
    assert_eq!(
        changed_lines(PLANS_FIELD, &new),
        [
            "- [x] **Phase 5: Ops** - deploy",
            "- [x] 05-01-PLAN.md — Deploy"
        ]
    );
}

const PADDED: &str = "# Roadmap\n\n## Phases\n\n- [x] **Phase 1: Setup** - tooling\n- [ ] **Phase 2: Core** - model\n- [ ] **Phase 3: API** - routes\n\n### Phase 2: Core\n\nPlans:\n- [x] 02-01-PLAN.md — Entities\n- [ ] 02-02-PLAN.md — Repositories\n\n### Phase 3: API\n\nPlans:\n- [ ] 03-01-PLAN.md — Routes\n- [ ] 03-02-PLAN.md — Docs\n\n## Progress\n\n| Phase         | Milestone | Plans Complete | Status        | Completed  |\n|---------------|-----------|----------------|---------------|------------|\n| 1. Setup      | v1.0      | 2/2            | ✅ Complete    | 2026-01-12 |\n| 2. Core       | v1.0      | 1/2            | 🚧 In progress | -          |\n| 3. API        | v1.0      | 0/2            | Not started   | -          |\n";

#[test]
fn padded_milestone_table_keeps_widths_and_the_status_family() {
    let (diff, new) = complete_in(PADDED, "02-02");
    assert_eq!(
        changed_lines(PADDED, &new),
        [
            "- [x] **Phase 2: Core** - model",
            "- [x] 02-02-PLAN.md — Repositories",
            "| 2. Core       | v1.0      | 2/2            | ✅ Complete    | 2026-02-01 |",
        ]
    );
    insta::assert_snapshot!(diff);
}

#[test]
fn first_plan_of_a_phase_sets_in_progress_in_the_tables_spelling_without_a_date() {
    let (diff, new) = complete_in(PADDED, "03-01");
    assert_eq!(
        changed_lines(PADDED, &new),
        [
            "- [x] 03-01-PLAN.md — Routes",
            "| 3. API        | v1.0      | 1/2            | 🚧 In progress | -          |",
        ]
    );
    insta::assert_snapshot!(diff);
}

#[test]
fn an_in_progress_status_in_its_own_words_is_left_alone() {
    let text = "# Roadmap\n\n### Phase 2: Core\n\nPlans:\n- [x] 02-01-PLAN.md — A\n- [ ] 02-02-PLAN.md — B\n- [ ] 02-03-PLAN.md — C\n\n| Phase | Plans Complete | Status | Completed |\n|---|---|---|---|\n| 2. Core | 1/3 | Executing | - |\n";
    let (_, new) = complete_in(text, "02-02");
    assert_eq!(
        changed_lines(text, &new),
        [
            "- [x] 02-02-PLAN.md — B",
            "| 2. Core | 2/3 | Executing | - |"
        ]
    );
}

#[test]
fn a_date_already_in_the_completed_cell_is_kept() {
    let text = "# Roadmap\n\n### Phase 2: Core\n**Plans:** 1/1 complete\n\nPlans:\n- [x] 02-01-PLAN.md — A\n- [ ] 02-02-PLAN.md — B\n\n| Phase | Plans Complete | Status | Completed |\n|---|---|---|---|\n| 2. Core | 1/2 | Complete | 2026-01-20 |\n";
    let (_, new) = complete_in(text, "02-02");
    // The field's total is raised only because the done count passed it.
    assert_eq!(
        changed_lines(text, &new),
        [
            "**Plans:** 2/2 complete",
            "- [x] 02-02-PLAN.md — B",
            "| 2. Core | 2/2 | Complete | 2026-01-20 |"
        ]
    );
}

#[test]
fn phase_in_two_progress_tables_updates_both_but_not_a_later_coverage_table() {
    let text = "# Roadmap\n\n### Phase 2: Core\n\nPlans:\n- [x] 02-01-PLAN.md — A\n- [ ] 02-02-PLAN.md — B\n- [ ] 02-03-PLAN.md — C\n\n## v1.0 Progress\n\n| Phase | Plans Complete | Status | Completed |\n|---|---|---|---|\n| 2. Core | 1/3 | Not started | - |\n\n## All phases\n\n| Phase | Milestone | Plans Complete | Status | Completed |\n|---|---|---|---|---|\n| 2. Core | v1.0 | 1/3 | Not started | - |\n\n## Coverage\n\n| Phase | Requirements | Status |\n|---|---|---|\n| 2 | CORE-01 | Pending |\n";
    let (_, new) = complete_in(text, "02-02");
    assert_eq!(
        changed_lines(text, &new),
        [
            "- [x] 02-02-PLAN.md — B",
            "| 2. Core | 2/3 | In Progress | - |",
            "| 2. Core | v1.0 | 2/3 | In Progress | - |",
        ]
    );
}

#[test]
fn without_a_plan_list_the_roadmap_counts_are_the_phase_counts() {
    // Phase 4 lists no plans and STATE.md is on phase 3: only ROADMAP.md's own counts say
    // that 04-02 is the phase's second plan of three.
    let text = "# Roadmap\n\n### Phase 4: Web\n**Plans**: 1/3 plans complete\n\n| Phase | Plans Complete | Status | Completed |\n|---|---|---|---|\n| 4. Web | 1/3 | In Progress | - |\n";
    let (_, new) = complete_in(text, "04-02");
    assert_eq!(
        changed_lines(text, &new),
        [
            "**Plans**: 2/3 plans complete",
            "| 4. Web | 2/3 | In Progress | - |"
        ]
    );
}

#[test]
fn shifted_milestones_tree_completes_the_phase_in_its_own_table() {
    let root = crate::support::fixtures_dir()
        .join("ops")
        .join("roadmap-shifted-milestones");
    let ws = crate::ops_support::tree(&root);
    let old = ws.roadmap.as_ref().unwrap().doc.source.text.clone();
    let args = Complete {
        plan: "13-02",
        duration: Some("12 min"),
        ..Default::default()
    };
    let out = ops::complete::complete(&ws, &clock(), &args).unwrap();
    let new = new_text(&out, "ROADMAP.md").expect("ROADMAP.md changes");
    assert_eq!(
        changed_lines(&old, &new),
        [
            "- [x] **Phase 13: Docs Site** - docs and search (completed 2026-02-01)",
            "**Plans:** 2/2 complete",
            "- [x] 13-02-PLAN.md — Search",
            "| 13. Docs Site | 2/2 | ✅ Complete | 2026-02-01 |",
        ]
    );
}

#[test]
fn completed_suffix_copies_the_files_own_form() {
    let text = "# Roadmap\n\n## Phases\n\n- [x] Phase 1: Data Foundation (2/2 plans) — completed 2026-01-11\n- [ ] Phase 2: Scoring (1/2 plans)\n\n### Phase 2: Scoring\n\nPlans:\n- [x] 02-01: weights\n- [ ] 02-02: ranking\n";
    let (diff, new) = complete_in(text, "02-02");
    assert_eq!(
        changed_lines(text, &new),
        [
            "- [x] Phase 2: Scoring (2/2 plans) — completed 2026-02-01",
            "- [x] 02-02: ranking",
        ]
    );
    insta::assert_snapshot!(diff);
    // The template's `(completed DATE)`, and no suffix when no finished phase has one.
    let bold = "- [x] **Phase 1: Setup** - tooling (completed 2026-01-12)\n- [ ] **Phase 2: Scoring** - ranking\n\n### Phase 2: Scoring\n\nPlans:\n- [ ] 02-01: ranking\n";
    let (_, new) = complete_in(bold, "02-01");
    assert!(
        new.contains("- [x] **Phase 2: Scoring** - ranking (completed 2026-02-01)\n"),
        "{new}"
    );
    let undated = bold.replace(" (completed 2026-01-12)", "");
    let (_, new) = complete_in(&undated, "02-01");
    assert!(
        new.contains("- [x] **Phase 2: Scoring** - ranking\n"),
        "{new}"
    );
}

#[test]
fn emoji_listed_phase_gets_the_files_done_glyph_and_date() {
    let text = "# Roadmap\n\n- ✅ **Phase 12: Cask** - brew (completed 2026-01-19)\n- 🚧 **Phase 13: Docs** - site\n\n### Phase 13: Docs\n\nPlans:\n- [x] 13-01-PLAN.md — Pages\n- [ ] 13-02-PLAN.md — Search\n";
    let (_, new) = complete_in(text, "13-02");
    assert_eq!(
        changed_lines(text, &new),
        [
            "- ✅ **Phase 13: Docs** - site (completed 2026-02-01)",
            "- [x] 13-02-PLAN.md — Search",
        ]
    );
}

#[test]
fn padded_row_keeps_its_widths_when_a_shifted_row_spoils_the_alignment() {
    // Found by the table property: the column is no longer aligned (the shifted row), but the
    // row itself is padded, so its cells keep their widths.
    let text = "# Roadmap\n\n### Phase 2: Core\n\nPlans:\n- [x] 02-01-PLAN.md — A\n- [ ] 02-02-PLAN.md — B\n\n| Phase    | Milestone | Plans Complete | Status      | Completed  |\n|----------|-----------|----------------|-------------|------------|\n| 1. Setup | v1.0      | 2/2            | Complete    | 2026-01-10 |\n| 2. Core  | v1.0      | 1/2            | In Progress | -          |\n| 3. Public API | 0/4 | Not started | - |\n";
    let (_, new) = complete_in(text, "02-02");
    assert_eq!(
        changed_lines(text, &new),
        [
            "- [x] 02-02-PLAN.md — B",
            "| 2. Core  | v1.0      | 2/2            | Complete    | 2026-02-01 |",
        ]
    );
}
