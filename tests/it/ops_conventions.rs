//! What a new user hit on real projects (issue 13), one test per finding, each on a fixture
//! of the same shape written for this repo: a `|` in a table cell, a decision tag dropped or
//! cut to its phase, stacked session and position lines, placeholders and counters left
//! stale, closing a todo. Commands that edit get an insta snapshot of their diff.

use gsd::ops;
use serde_json::Value;

use crate::ops_support::{clock, report, state_only};
use crate::spec::{given, given_tree};
use crate::support::{Project, fixtures_dir, run};

fn regression(name: &str) -> std::path::PathBuf {
    fixtures_dir().join("regressions").join(name)
}

fn variant(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join("variants").join(name)).unwrap()
}

fn show_json(p: &Project) -> Value {
    let (code, stdout, stderr) = run(p.gsd().args(["state", "show", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn a_pipe_in_a_table_cell_is_escaped_and_reads_back() {
    let root = regression("decide-table-pipes");
    let project = given_tree(&root);
    let snap: String = [
        "state decide 'Pipe | test' --rationale R --plan 14-06 --project",
        "state decide 'Return `string | null`'",
        "state todo 'Split a | b'",
        "state block 'Webhook | retry storm'",
    ]
    .map(|command| project.running(command).report())
    .concat();
    insta::assert_snapshot!("conventions__table_pipes", snap);

    // Written through the CLI, every value reads back with its `|`.
    let p = Project::copy_of(&root);
    for args in [
        &[
            "state",
            "decide",
            "Pipe | test",
            "--rationale",
            "R",
            "--plan",
            "14-06",
            "--project",
        ][..],
        &["state", "todo", "Split a | b"],
        &["state", "block", "Webhook | retry storm"],
    ] {
        let (code, _, stderr) = run(p.gsd().args(args));
        assert_eq!(code, 0, "{args:?}: {stderr}");
    }
    let json = show_json(&p);
    let last = &json["decisions"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["text"], "Pipe | test");
    assert_eq!(last["rationale"], "R");
    assert_eq!(last["plan"], "14-06");
    assert_eq!(json["todos"][1]["text"], "Split a | b");
    assert_eq!(json["blockers"][1]["text"], "Webhook | retry storm");
    let project = p.read("PROJECT.md");
    assert!(
        project.contains("| Pipe \\| test | R | — Pending |\n"),
        "{project}"
    );
    // The blocker with a `|` in it can be resolved by its text as the user reads it.
    let (code, _, stderr) = run(p.gsd().args(["state", "unblock", "retry storm"]));
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(p.gsd().args(["state", "unblock", "returns `rate | null`"]));
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn decide_keeps_plan_and_phase_in_the_files_notation() {
    let project = given(&variant("decisions-plan-tags-then-untagged.md"));
    let snap: String = [
        "state decide 'Sessions are per device' --phase 9",
        "state decide 'Rotate tokens on login' --plan 9-3",
        "state decide 'Phase 9 (09-02 done): cookies are SameSite=Lax'",
    ]
    .map(|command| project.running(command).report())
    .concat();
    insta::assert_snapshot!("conventions__decide_tags", snap);
}

#[test]
fn a_phase_column_of_plan_ids_gets_the_plan() {
    given_tree(&regression("decide-table-pipes"))
        .running("state decide 'Charge on the first of the month' --plan 14-06")
        .contains("| 14-06 | Charge on the first of the month |  |\n");
}

#[test]
fn decide_with_an_unknown_plan_is_refused() {
    let p = Project::copy_of(&regression("decide-table-pipes"));
    let before = p.read("STATE.md");
    let (code, _, stderr) = run(p.gsd().args(["state", "decide", "X", "--plan", "14-09"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("plan 14-09 is not in ROADMAP.md"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: phase 14 has 14-01"), "{stderr}");
    assert_eq!(p.read("STATE.md"), before);
    // With STATE.md alone, a plan far past the current phase's count is refused too.
    let s = Project::empty();
    s.write("STATE.md", &variant("decisions-plan-tags-then-untagged.md"));
    let (code, _, stderr) = run(s.gsd().args(["state", "decide", "X", "--plan", "09-07"]));
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = run(s.gsd().args(["state", "decide", "X", "--plan", "09-03"]));
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn stacked_session_and_position_lines_use_the_newest() {
    // The position block is repeated newest on top, the session pair newest below: either
    // way the newest is read and edited, and `gsd check` warns about the stale copies.
    let text = variant("position-and-session-stacked.md");
    let p = Project::empty();
    p.write("STATE.md", &text);
    let json = show_json(&p);
    assert_eq!(json["position"]["phase"], "4");
    assert_eq!(json["position"]["plan"], 2);
    assert_eq!(json["position"]["plan_total"], 3);
    assert_eq!(json["session"]["last"], "2026-01-28 18:30");
    assert_eq!(json["session"]["stopped_at"], "Completed 04-02-PLAN.md");
    assert_eq!(
        json["session"]["resume_file"],
        ".planning/phases/04-exports/04-03-PLAN.md"
    );
    let project = given(&text);
    let snap: String = [
        "state complete 04-03 --duration 12min",
        "state session --stopped-at Paused",
        "state set status Blocked",
    ]
    .map(|command| project.running(command).report())
    .concat();
    insta::assert_snapshot!("conventions__stacked_lines", snap);

    let (code, stdout, _) = run(p.gsd().args(["check", "--format", "json"]));
    assert_eq!(code, 0, "{stdout}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let stacked: Vec<u64> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "GSD005")
        .map(|d| d["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(stacked, vec![17, 41]);
}

#[test]
fn placeholders_with_a_reason_are_replaced_and_counters_follow() {
    let project = given(&variant("placeholders-with-reasons.md"));
    let mut snap: String = [
        "state block 'Waiting on the grocery API key'",
        "state todo 'Print the list'",
        "state set progress 100",
        "state set progress 50",
    ]
    .map(|command| {
        project
            .running(command)
            .report_on("placeholders-with-reasons")
    })
    .concat();
    for name in ["todos-counter-checkboxes.md", "todos-counter-plain-list.md"] {
        snap.push_str(
            &given(&variant(name))
                .running("state todo 'Audit the upload limits'")
                .report_on(name),
        );
    }
    insta::assert_snapshot!("conventions__placeholders_and_counters", snap);
}

#[test]
fn done_todo_closes_in_the_lists_convention() {
    let mut snap = String::new();
    for (name, command) in [
        (
            "todos-counter-checkboxes.md",
            r#"state done-todo "staging keys""#,
        ),
        (
            "todos-counter-plain-list.md",
            r#"state done-todo "WEBHOOKS""#,
        ),
        (
            "todos-counter-plain-list.md",
            r#"state done-todo "quiet-hours""#,
        ),
        (
            "blockers-table-todos-table-none-prose.md",
            r#"state done-todo "staging secrets""#,
        ),
        (
            "todos-and-session-variants.md",
            r#"state done-todo "virus scan""#,
        ),
    ] {
        snap.push_str(&given(&variant(name)).running(command).report_on(name));
    }
    // The last open todo of a plain list leaves the template's placeholder.
    snap.push_str(
        &given("## Accumulated Context\n\n### Pending Todos\n\n- Write the docs\n\n### Blockers/Concerns\n\nNone yet.\n")
            .running("state done-todo docs")
            .report_on("last todo"),
    );
    // A todo list that strikes done items strikes this one too.
    snap.push_str(
        &given("### Pending Todos\n\n- ~~Ship the beta~~ DONE (2026-01-20)\n- Write the docs")
            .running("state done-todo docs")
            .report_on("struck list, no final newline"),
    );
    insta::assert_snapshot!("conventions__done_todo", snap);
}

#[test]
fn done_todo_refuses_no_match_and_several() {
    let p = Project::empty();
    p.write("STATE.md", &variant("todos-counter-checkboxes.md"));
    let before = p.read("STATE.md");
    let (code, _, stderr) = run(p.gsd().args(["state", "done-todo", "at"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("has 2 open todos matching `at`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 17: Rotate the staging keys"),
        "{stderr}"
    );
    let (code, _, stderr) = run(p.gsd().args(["state", "done-todo", "debug endpoint"]));
    assert_eq!(code, 2, "a closed todo is not closed again: {stderr}");
    assert!(stderr.contains("no open todo matching"), "{stderr}");
    assert_eq!(p.read("STATE.md"), before);
    let (code, stdout, stderr) = run(p.gsd().args(["--json", "state", "done-todo", "staging"]));
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["command"], "done-todo");
    assert_eq!(json["changed"], true);
    assert!(
        p.read("STATE.md")
            .contains("- [x] Rotate the staging keys\n")
    );
    assert!(p.read("STATE.md").contains("1 pending todo(s):\n"));
}

#[test]
fn position_table_and_last_action_session_are_read_and_edited() {
    let text = variant("position-table-last-action-session.md");
    let p = Project::empty();
    p.write("STATE.md", &text);
    let json = show_json(&p);
    assert_eq!(json["position"]["phase"], "4");
    assert_eq!(json["position"]["phase_name"], "Markdown Export");
    assert_eq!(
        json["position"]["status"],
        "In progress — 2 of 3 plans done"
    );
    assert_eq!(
        json["session"]["stopped_at"],
        "Completed Phase 4 Plan 02 (front-matter writer)"
    );
    assert_eq!(json["session"]["next"], "Plan 03 — image embedding");
    let project = given(&text);
    let snap: String = [
        "state set status 'Blocked | waiting on review'",
        "state session --stopped-at 'Drafted 04-03-PLAN.md'",
        "state begin 5 --plans 2 --name 'PDF Export'",
    ]
    .map(|command| project.running(command).report())
    .concat();
    insta::assert_snapshot!("conventions__position_table", snap);
}

#[test]
fn a_pipe_set_into_a_table_field_reads_back() {
    let p = Project::empty();
    p.write(
        "STATE.md",
        &variant("position-table-last-action-session.md"),
    );
    let (code, _, stderr) = run(p.gsd().args(["state", "set", "status", "Blocked | review"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        p.read("STATE.md")
            .contains("| **Status** | Blocked \\| review |\n")
    );
    assert_eq!(show_json(&p)["position"]["status"], "Blocked | review");
}

#[test]
fn what_a_decisions_table_cannot_hold_is_said() {
    given("## Accumulated Context\n\n### Decisions\n\n| Decision | Impact |\n|---|---|\n| Kysely over ORM | Phase 8 repository layer |\n")
        .running("state decide 'Soft deletes' --rationale 'Typed SQL' --phase 8")
        .notices_are(&[
            "the decisions table has no Rationale column; the rationale was not written",
            "the decisions table has no Phase, Plan or ID column; --phase 8 was not written",
        ]);
}

#[test]
fn unblock_strikes_blockers_marked_resolved_the_way_gsd_check_suggests() {
    let p = Project::empty();
    p.write(
        "STATE.md",
        "## Accumulated Context\n\n### Blockers/Concerns\n\n- **Open question**: cookie banner wording — RESOLVED in Phase 1\n- [Pre-Phase 3 RESOLVED]: Plan edits snapshot at assignment\n- Redis is slow in CI\n",
    );
    // GSD304 is a style rule, off unless selected.
    let (_, stdout, _) = run(p
        .gsd()
        .args(["check", "--select", "GSD304", "--format", "json"]));
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let hints: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "GSD304")
        .map(|d| d["help"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(hints.len(), 2, "{stdout}");
    for hint in &hints {
        let phrase = hint
            .split("gsd state unblock \"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("no unblock command in {hint}"));
        let (code, _, stderr) = run(p.gsd().args(["state", "unblock", phrase]));
        assert_eq!(code, 0, "{phrase}: {stderr}");
    }
    assert_eq!(
        p.read("STATE.md"),
        "## Accumulated Context\n\n### Blockers/Concerns\n\n- ~~**Open question**: cookie banner wording~~ — RESOLVED in Phase 1\n- [Pre-Phase 3 RESOLVED]: ~~Plan edits snapshot at assignment~~\n- Redis is slow in CI\n"
    );
    let (_, stdout, _) = run(p.gsd().args(["check", "--format", "json"]));
    assert!(!stdout.contains("GSD304"), "{stdout}");
}

/// `done-todo` on every fixture (its first open todo), with the round-trip invariants
/// every change keeps (only touched lines differ; BOM, line endings and the final newline
/// stay): the per-fixture snapshots predate it, so this covers the byte-level cases.
/// It stays an op call: each phrase is a todo's whole text, quotes and all, which a command
/// line written for the spec helper could not carry as is.
#[test]
fn done_todo_keeps_the_bytes_it_does_not_touch_on_every_fixture() {
    let c = clock();
    let mut closed = 0;
    for (name, path) in crate::support::state_fixtures() {
        let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else {
            continue;
        };
        let ws = state_only(&text);
        let doc = &ws.state.doc;
        let Some(phrase) = ws
            .state
            .todo_lists
            .iter()
            .flat_map(|l| &l.items)
            .find(|i| !i.resolved && i.depth <= 1)
            .map(|i| doc.text(i.main.clone()).to_string())
        else {
            continue;
        };
        let out = report(ops::todo::done_todo(&ws, &c, &phrase));
        if out.starts_with("error") {
            // The phrase is the whole text of one todo, so only a duplicate is refused.
            assert!(out.contains("open todos matching"), "{name}: {out}");
        } else {
            closed += 1;
        }
    }
    assert!(closed >= 5, "only {closed} fixtures had a todo to close");
}
