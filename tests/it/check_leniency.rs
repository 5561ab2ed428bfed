//! Real projects keep their planning files loosely but consistently: phases ticked as a
//! whole, counts kept per milestone, percents of phases, shortened core values, a session
//! stamped past midnight. Each test here is one such shape found in real repositories
//! (written small, over the `base/` fixture) that must check clean for its rule, next to a
//! twin that is really wrong and must still be reported.

use serde_json::Value;

use crate::check_rules::{check_json, project};
use crate::support::{Project, fixtures_dir};

/// The consistent base project with `edits` (file, from, to) applied.
fn base_with(edits: &[(&str, &str, &str)]) -> Project {
    // The base laid over itself: `project` always lays an overlay over `base/`.
    let p = project(&fixtures_dir().join("check"), "base");
    for (file, from, to) in edits {
        let text = p.read(file);
        assert!(text.contains(from), "{file} has no {from:?}");
        p.write(file, &text.replacen(from, to, 1));
    }
    p
}

fn findings(p: &Project) -> Vec<Value> {
    check_json(p)["diagnostics"].as_array().unwrap().clone()
}

/// The findings of rule `code`.
fn of(p: &Project, code: &str) -> Vec<Value> {
    findings(p)
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect()
}

const UNTICK_02_01: (&str, &str, &str) =
    ("ROADMAP.md", "- [x] 02-01-PLAN.md", "- [ ] 02-01-PLAN.md");

#[test]
fn gsd404_is_quiet_when_the_whole_phase_is_ticked() {
    let p = base_with(&[
        UNTICK_02_01,
        ("ROADMAP.md", "- [ ] **Phase 2", "- [x] **Phase 2"),
    ]);
    assert_eq!(of(&p, "GSD404"), Vec::<Value>::new());
    let p = base_with(&[
        UNTICK_02_01,
        ("ROADMAP.md", "| 1/2 | In progress |", "| 2/2 | Complete |"),
    ]);
    assert_eq!(of(&p, "GSD404"), Vec::<Value>::new());
    // The twin: the phase is still open, so the unticked plan understates progress.
    let p = base_with(&[UNTICK_02_01]);
    let d = of(&p, "GSD404");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["start"]["line"], 24);
    assert_eq!(d[0]["start"]["column"], 4);
}

#[test]
fn a_renamed_phase_folder_left_empty_does_not_hide_the_summaries() {
    let p = base_with(&[]);
    // `02-api` sorts before `02-api-pagination` and holds no plan files.
    p.write("phases/02-api/.gitkeep", "");
    assert_eq!(findings(&p), Vec::<Value>::new());
}

#[test]
fn gsd405_accepts_counts_kept_per_milestone() {
    for (from, to) in [
        (
            "- Total plans completed: 3",
            "- Total plans completed: 1 (v2.0)",
        ),
        ("**Velocity:**", "**Velocity (v1.1):**"),
    ] {
        let mut edits = vec![("STATE.md", from, to)];
        if from == "**Velocity:**" {
            edits.push((
                "STATE.md",
                "- Total plans completed: 3",
                "- Total plans completed: 9",
            ));
        }
        let p = base_with(&edits);
        assert_eq!(of(&p, "GSD405"), Vec::<Value>::new(), "{to}");
    }
    // Counted over the latest phases (the current milestone): phase 2 and 3 hold one.
    let p = base_with(&[(
        "STATE.md",
        "- Total plans completed: 3",
        "- Total plans completed: 1",
    )]);
    assert_eq!(of(&p, "GSD405"), Vec::<Value>::new());
    // The twin: no reading makes 7 right.
    let p = base_with(&[(
        "STATE.md",
        "- Total plans completed: 3",
        "- Total plans completed: 7",
    )]);
    assert_eq!(of(&p, "GSD405").len(), 1);
}

#[test]
fn gsd201_trusts_a_total_the_summaries_bear_out_and_fixes_only_when_they_agree() {
    // The By Phase table lost phase 2's row: the total (3 = three SUMMARY files) is right.
    let p = base_with(&[("STATE.md", "| 2 | 1 | 3 min | 3 min |\n", "")]);
    assert_eq!(of(&p, "GSD201"), Vec::<Value>::new());
    // Total 4, table 2, files 3: wrong, but which to trust is not derivable: no fix.
    let p = base_with(&[
        ("STATE.md", "| 2 | 1 | 3 min | 3 min |\n", ""),
        (
            "STATE.md",
            "- Total plans completed: 3",
            "- Total plans completed: 4",
        ),
    ]);
    // One fact, reported once: GSD405 (the total against the files) and not GSD201 too.
    assert_eq!(of(&p, "GSD201"), Vec::<Value>::new());
    let d = of(&p, "GSD405");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0]["fix"].is_null(), "{d:?}");
    // Total 4, table 3, files 3: the fix sets the total to 3 (reported once, as GSD405:
    // the table is the second witness that lets it lower the count).
    let p = base_with(&[(
        "STATE.md",
        "- Total plans completed: 3",
        "- Total plans completed: 4",
    )]);
    assert_eq!(of(&p, "GSD201"), Vec::<Value>::new());
    let d = of(&p, "GSD405");
    assert_eq!(d[0]["fix"]["edits"][0]["replacement"], "3", "{d:?}");
}

#[test]
fn gsd102_accepts_shares_of_phases_and_approximate_percents() {
    for progress in [
        "Progress: [███░░░░░░░] 33% (1/3 phases complete)",
        "Progress: [█████░░░░░] ~45%",
    ] {
        let p = base_with(&[("STATE.md", "Progress: [█████░░░░░] 50%", progress)]);
        assert_eq!(of(&p, "GSD102"), Vec::<Value>::new(), "{progress}");
    }
    let p = base_with(&[(
        "STATE.md",
        "Progress: [█████░░░░░] 50%",
        "Progress: [████░░░░░░] 40% (1/3 phases complete)",
    )]);
    assert_eq!(of(&p, "GSD102").len(), 1);
}

#[test]
fn gsd102_offers_no_fix_when_the_counts_disagree() {
    // ROADMAP ticks 4 of 6, phases/ has 3 of 6 summaries: neither is certain.
    let p = base_with(&[
        ("ROADMAP.md", "- [ ] 02-02-PLAN.md", "- [x] 02-02-PLAN.md"),
        (
            "STATE.md",
            "Progress: [█████░░░░░] 50%",
            "Progress: [████░░░░░░] 40%",
        ),
    ]);
    let d = of(&p, "GSD102");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0]["fix"].is_null(), "{d:?}");
    assert!(d[0]["help"].as_str().unwrap().contains("disagree"), "{d:?}");
}

#[test]
fn gsd401_accepts_a_shortened_copy_and_compares_unspaced_scripts_by_characters() {
    let p = base_with(&[(
        "STATE.md",
        "**Core value:** Ship a reliable claims API - zero-downtime migrations and documented endpoints",
        "**Core value:** Reliable claims API: documented endpoints, zero-downtime migrations",
    )]);
    assert_eq!(of(&p, "GSD401"), Vec::<Value>::new());
    let project_cv =
        "Ship a reliable claims API - zero-downtime migrations and documented endpoints";
    let state_cv = "**Core value:** Ship a reliable claims API - zero-downtime migrations and documented endpoints";
    let p = base_with(&[
        (
            "PROJECT.md",
            project_cv,
            "训练出能通过思维链推理优化交通信号配时的模型，减少拥堵。",
        ),
        (
            "STATE.md",
            state_cv,
            "**Core value:** 训练能通过思维链推理优化交通信号配时的模型，减少拥堵",
        ),
    ]);
    assert_eq!(of(&p, "GSD401"), Vec::<Value>::new());
    let p = base_with(&[
        (
            "PROJECT.md",
            project_cv,
            "训练出能通过思维链推理优化交通信号配时的模型，减少拥堵。",
        ),
        (
            "STATE.md",
            state_cv,
            "**Core value:** 为每位用户提供快速可靠的文档搜索服务",
        ),
    ]);
    assert_eq!(of(&p, "GSD401").len(), 1);
}

#[test]
fn gsd402_reports_only_a_see_line_older_than_project_md() {
    let newer_see_line = base_with(&[(
        "PROJECT.md",
        "*Last updated: 2026-01-26",
        "*Last updated: 2026-01-20",
    )]);
    assert_eq!(of(&newer_see_line, "GSD402"), Vec::<Value>::new());
    let stale = base_with(&[(
        "PROJECT.md",
        "*Last updated: 2026-01-26",
        "*Last updated: 2026-01-28",
    )]);
    assert_eq!(of(&stale, "GSD402").len(), 1);
}

#[test]
fn gsd110_allows_a_session_stamped_the_next_day() {
    let p = base_with(&[(
        "STATE.md",
        "Last session: 2026-01-26 20:04",
        "Last session: 2026-01-27 00:40",
    )]);
    assert_eq!(of(&p, "GSD110"), Vec::<Value>::new());
    let p = base_with(&[(
        "STATE.md",
        "Last session: 2026-01-26 20:04",
        "Last session: 2026-01-29 09:00",
    )]);
    assert_eq!(of(&p, "GSD110").len(), 1);
}

#[test]
fn gsd408_reads_only_the_completed_clause_and_survives_case_folding() {
    let stopped = "Stopped at: Completed 02-01-PLAN.md (filtering)";
    let p = base_with(&[(
        "STATE.md",
        stopped,
        "Stopped at: Completed quick task 260727-fb9. Next: 02-02-PLAN.md",
    )]);
    assert_eq!(of(&p, "GSD408"), Vec::<Value>::new());
    // `İ` lower-cases to more bytes; offsets must stay those of the original text.
    let p = base_with(&[(
        "STATE.md",
        stopped,
        "Stopped at: İİİİ Completed 02-02-PLAN.md",
    )]);
    let d = of(&p, "GSD408");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["start"]["line"], 57);
    assert_eq!(d[0]["start"]["column"], 28);
}

#[test]
fn gsd407_ignores_slash_commands_and_finds_bare_names_in_phase_folders() {
    for resume in [
        "Resume file: `/clear` then `/gsd:new-milestone`",
        "Resume file: 02-02-PLAN.md",
    ] {
        let p = base_with(&[("STATE.md", "Resume file: None", resume)]);
        assert_eq!(of(&p, "GSD407"), Vec::<Value>::new(), "{resume}");
    }
    let p = base_with(&[(
        "STATE.md",
        "Resume file: None",
        "Resume file: 02-07-PLAN.md",
    )]);
    assert_eq!(of(&p, "GSD407").len(), 1);
}

#[test]
fn gsd001_accepts_a_position_kept_in_the_frontmatter_between_milestones() {
    let p = base_with(&[]);
    p.write(
        "STATE.md",
        "---\nstatus: complete\nprogress:\n  percent: 100\n---\n\n# Project State\n\n## Milestone History\n\n- v1.0 shipped\n",
    );
    assert_eq!(of(&p, "GSD001"), Vec::<Value>::new());
    p.write(
        "STATE.md",
        "# Project State\n\n## Milestone History\n\n- v1.0 shipped\n",
    );
    assert_eq!(of(&p, "GSD001").len(), 1);
}

#[test]
fn gsd004_reports_a_run_of_misplaced_rows_once() {
    let rows = "| Phase 02 P01 | 3min | 2 tasks | 3 files |\n| Phase 02 P02 | 4min | 1 tasks | 2 files |\n| Phase 02 P03 | 5min | 2 tasks | 4 files |\n";
    let p = base_with(&[(
        "STATE.md",
        "| 2 | 1 | 3 min | 3 min |\n",
        &format!("| 2 | 1 | 3 min | 3 min |\n{rows}"),
    )]);
    let d = of(&p, "GSD004");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["start"]["line"], 32);
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("3 per-plan metrics rows (lines 32–34) sit inside"),
        "{d:?}"
    );
}
