//! `gsd state set` checks a value against what the field's line holds (issue 13, item 4):
//! refused values exit 2 with the accepted forms and write nothing; a number keeps the line's
//! unit and other parts; the bar is redrawn; frontmatter mirrors follow.

use crate::support::Project;
use crate::transcript::transcript;

/// A STATE.md with the parts `set` must keep: units, `of N`, a phase name and status, a bar
/// and a note, and frontmatter mirrors.
const STATE: &str = "---
milestone: v1.0
status: executing
stopped_at: Completed 02-01-PLAN.md
last_updated: \"2026-01-30T12:00:00.000Z\"
last_activity: 2026-01-30 -- Completed 02-01-PLAN.md
current_phase: 02
progress:
  completed_plans: 3
  percent: 30
---
# Project State

## Current Position

Phase: 02 of 05 (Search) -- EXECUTING
Plan: 1 of 2
Status: In progress
Last activity: 2026-01-30 -- Completed 02-01-PLAN.md

Progress: [###-------] 30% (3 of 10 plans)

## Performance Metrics

- Total plans completed: 3 (v1.0: 3)
- Average duration: 6 min
- Total execution time: 0.3 hours

## Session Continuity

Last session: 2026-01-30 12:00
Stopped at: Completed 02-01-PLAN.md
Resume file: None
";

const ROADMAP: &str = "# Roadmap

- [x] **Phase 1: Setup** - tooling
- [ ] **Phase 2: Search** - find things
- [ ] **Phase 3: Reports** - show things
";

fn project() -> Project {
    let p = Project::empty();
    p.write("STATE.md", STATE);
    p.write("ROADMAP.md", ROADMAP);
    p
}

/// Each refused value: exit 2, the accepted forms in a hint, the file as it was.
#[test]
fn bad_values_are_refused_with_the_accepted_forms() {
    let mut all = String::new();
    for args in [
        &["progress", "abc"][..],
        &["progress", "150"],
        &["progress", "-5"],
        &["status", ""],
        &["status", "  "],
        &["phase", "9"],
        &["phase", "9 of 5 (Later)"],
        &["phase", "4"],
        &["phase", "next"],
        &["plan", "3"],
        &["plan", "soon"],
        &["plan_total", "0"],
        &["phase_total", "1"],
        &["average_duration", "fast"],
        &["total_time", "-2"],
        &["plans_completed", "3.5"],
        &["last_activity_date", "2026-02-30"],
        &["stauts", "Done"],
    ] {
        let p = project();
        let mut cmd = vec!["state", "set"];
        cmd.extend_from_slice(args);
        let (code, t) = transcript(&p, &cmd);
        assert_eq!(code, 2, "{t}");
        assert!(t.contains("hint: "), "{t}");
        assert_eq!(p.read("STATE.md"), STATE, "{args:?} changed the file");
        all.push_str(&t);
        all.push('\n');
    }
    insta::assert_snapshot!(all);
}

/// Each accepted value: only its part of the line changes, mirrors follow.
#[test]
fn values_keep_the_lines_other_parts_and_mirrors_follow() {
    let mut all = String::new();
    for args in [
        &["progress", "100"][..],
        &["progress", "45%"],
        &["status", "Phase complete"],
        &["average_duration", "5"],
        &["average_minutes", "7.5"],
        &["total_time", "2"],
        &["total_hours", "1h 30m"],
        &["phase", "3"],
        &["phase", "3 of 6 (Reports)"],
        &["phase_total", "6"],
        &["phase_name", "Find"],
        &["plan", "2"],
        &["plan_total", "3"],
        &["plans_completed", "4"],
        &["last_activity", "Planned 02-02"],
        &["last_activity_date", "2026-01-31"],
        &["stopped_at", "Paused in 02-02"],
        &["milestone", "v1.1"],
    ] {
        let p = project();
        let mut cmd = vec!["state", "set"];
        cmd.extend_from_slice(args);
        let (code, t) = transcript(&p, &cmd);
        assert_eq!(code, 0, "{t}");
        all.push_str(&t);
        all.push('\n');
        // The same again changes nothing.
        let (code, again) = transcript(&p, &cmd);
        assert_eq!(code, 0, "{again}");
        assert!(
            !again.contains("+++ b/"),
            "second run changed the file:\n{again}"
        );
    }
    insta::assert_snapshot!(all);
}

/// `set phase` without ROADMAP.md keeps the name it cannot replace, and says so.
#[test]
fn a_phase_the_roadmap_does_not_name_keeps_the_name_with_a_notice() {
    let p = Project::empty();
    p.write("STATE.md", STATE);
    let (code, t) = transcript(&p, &["state", "set", "phase", "3"]);
    assert_eq!(code, 0, "{t}");
    insta::assert_snapshot!(t);
}

/// A field only the frontmatter has is set there, checked the same way.
#[test]
fn a_field_only_in_the_frontmatter_is_set_there() {
    let p = Project::empty();
    p.write(
        "STATE.md",
        "---\nstatus: planning\nprogress:\n  percent: 10\n---\n# State\n\n## Current Position\n\nPhase: 1 of 2\n",
    );
    let (code, t) = transcript(&p, &["state", "set", "progress", "20"]);
    assert_eq!(code, 0, "{t}");
    assert!(t.contains("+  percent: 20\n"), "{t}");
    let (code, t) = transcript(&p, &["state", "set", "progress", "x"]);
    assert_eq!(code, 2, "{t}");
    let (code, t) = transcript(&p, &["state", "set", "status", "Executing"]);
    assert_eq!(code, 0, "{t}");
    assert!(t.contains("+status: executing\n"), "{t}");
}

/// A `Last activity:` whose date trails in parentheses keeps that shape; one without a date
/// takes the value as given (found on a real project: the text went inside the parentheses).
#[test]
fn an_activity_line_keeps_its_own_shape() {
    let p = Project::empty();
    p.write(
        "STATE.md",
        "# State\n\n## Current Position\n\n- **Phase**: 12 of 12\n- **Last Activity**: Phase 12 execution (2026-03-07)\n",
    );
    let (code, t) = transcript(&p, &["state", "set", "last_activity", "Shipped v6"]);
    assert_eq!(code, 0, "{t}");
    assert!(
        t.contains("+- **Last Activity**: Shipped v6 (2026-02-01)\n"),
        "{t}"
    );
    p.write(
        "STATE.md",
        "# State\n\n## Current Position\n\nPhase: 1 of 2\nLast activity: Planning\n",
    );
    let (code, t) = transcript(&p, &["state", "set", "last_activity", "Shipped v6"]);
    assert_eq!(code, 0, "{t}");
    assert!(t.contains("+Last activity: Shipped v6\n"), "{t}");
}
