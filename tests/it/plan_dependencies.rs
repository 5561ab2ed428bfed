//! Finishing a plan finishes the plans its PLAN.md waits for (`depends_on`), and nothing that
//! runs beside it in the same wave. Real projects let an executor skip the SUMMARY of a plan
//! it folded into the next one; the author then records the phase as done when its last plan
//! finishes. The same shape with `depends_on: []` (plans of one wave, run side by side) must
//! leave the others open.

use std::path::Path;

/// A project in phase 3 of 3 with plans 03-01..03-03, none recorded; `deps` are the three
/// PLAN.md files' `depends_on` values, and only 03-03 has a SUMMARY (written just before
/// `complete`, as the workflow does).
fn project(dir: &Path, deps: [&str; 3]) {
    let planning = dir.join(".planning");
    let phase = planning.join("phases/03-export");
    std::fs::create_dir_all(&phase).unwrap();
    std::fs::write(
        planning.join("STATE.md"),
        "# Project State\n\n## Current Position\n\nPhase: 3 of 3 (Export)\nPlan: 0 of 3\nStatus: Ready to execute\nLast activity: 2026-01-20 — Phase 3 planned\n\nProgress: [██████░░░░] 67%\n\n## Session Continuity\n\nLast session: 2026-01-20\nStopped at: Phase 3 planned\n",
    )
    .unwrap();
    std::fs::write(
        planning.join("ROADMAP.md"),
        "# Roadmap\n\n- [x] **Phase 1: Core**\n- [x] **Phase 2: API**\n- [ ] **Phase 3: Export**\n\n### Phase 3: Export\n\nPlans:\n- [ ] 03-01-PLAN.md — CSV\n- [ ] 03-02-PLAN.md — JSON\n- [ ] 03-03-PLAN.md — Wiring\n\n## Progress\n\n| Phase | Plans Complete | Status | Completed |\n|-------|----------------|--------|-----------|\n| 1. Core | 2/2 | Complete | 2026-01-10 |\n| 2. API | 2/2 | Complete | 2026-01-15 |\n| 3. Export | 0/3 | Not started | - |\n",
    )
    .unwrap();
    for (i, dep) in deps.iter().enumerate() {
        let n = i + 1;
        std::fs::write(
            phase.join(format!("03-0{n}-PLAN.md")),
            format!("---\nphase: 03-export\nplan: 0{n}\nwave: {n}\ndepends_on: {dep}\n---\n\n# Plan 03-0{n}\n"),
        )
        .unwrap();
    }
    std::fs::write(
        phase.join("03-03-SUMMARY.md"),
        "---\nphase: 03-export\nplan: 03\nduration: 6min\n---\n\n# Phase 3 Plan 3: Wiring Summary\n\n**Export wired**\n",
    )
    .unwrap();
}

fn complete(dir: &Path, duration: &str) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("gsd")
        .unwrap()
        .env_clear()
        .env("GSD_NOW", "2026-01-21T10:00:00Z")
        .env("NO_COLOR", "1")
        .args(["-C"])
        .arg(dir)
        .args(["state", "complete", "03-03", "--duration", duration])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        std::fs::read_to_string(dir.join(".planning/STATE.md")).unwrap(),
        std::fs::read_to_string(dir.join(".planning/ROADMAP.md")).unwrap(),
    )
}

#[test]
fn a_plan_that_waited_for_the_others_finishes_its_phase() {
    let dir = tempfile::tempdir().unwrap();
    // 03-03 waits for 03-02, which waits for 03-01: all three are done.
    project(dir.path(), ["[]", "[\"03-01\"]", "[\"03-02\"]"]);
    let (code, state, roadmap) = complete(dir.path(), "6min");
    assert_eq!(code, 0);
    assert!(state.contains("Plan: 3 of 3\n"), "{state}");
    assert!(
        state.contains("Status: Phase complete — ready for verification\n"),
        "{state}"
    );
    assert!(state.contains("Progress: [██████████] 100%\n"), "{state}");
    assert!(
        roadmap.contains("| 3. Export | 3/3 | Complete | 2026-01-21 |"),
        "{roadmap}"
    );
    // A second run changes nothing.
    let again = complete(dir.path(), "6min");
    assert_eq!((again.1, again.2), (state, roadmap));
}

#[test]
fn plans_of_one_wave_stay_open_when_a_sibling_finishes() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), ["[]", "[]", "[]"]);
    let (code, state, roadmap) = complete(dir.path(), "6min");
    assert_eq!(code, 0);
    assert!(state.contains("Status: Ready to execute\n"), "{state}");
    assert!(
        roadmap.contains("| 3. Export | 1/3 | In Progress | - |"),
        "{roadmap}"
    );
}

#[test]
fn a_plan_recorded_as_taking_no_time_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), ["[]", "[\"03-01\"]", "[\"03-02\"]"]);
    let (code, state, _) = complete(dir.path(), "0min");
    assert_eq!(code, 0, "{state}");
    assert!(state.contains("Plan: 3 of 3\n"), "{state}");
}
