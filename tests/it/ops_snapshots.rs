//! Every changing command on every fixture: an insta snapshot of the unified diff it produces
//! (or its refusal), with the round-trip invariants asserted on every change
//! ([`crate::ops_support::apply_checked`]): only edited lines differ, BOM, line endings and the
//! final newline are kept.

use gsd::model::Workspace;
use gsd::ops::{self, Clock};

use crate::ops_support::{clock, ops_trees, report, state_only, tree};
use crate::support::state_fixtures;

/// The plan after the one STATE.md says is current (`Phase: 2`, `Plan: 1 of 2` → `02-02`).
fn next_plan(ws: &Workspace) -> String {
    let doc = &ws.state.doc;
    let phase = ws.state.current_phase();
    let done = ws
        .state
        .position
        .plan
        .as_ref()
        .and_then(|p| p.done_count(doc))
        .unwrap_or(0);
    match phase {
        Some(p) => format!("{}-{:02}", p.padded(2), done + 1),
        None => "01-01".to_string(),
    }
}

/// The phase after the current one, for `begin`.
fn next_phase(ws: &Workspace) -> String {
    ws.state
        .current_phase()
        .and_then(|p| p.as_integer())
        .map_or("2".to_string(), |n| (n + 1).to_string())
}

/// A phrase from the first open blocker, for `unblock`.
fn blocker_phrase(ws: &Workspace) -> String {
    let doc = &ws.state.doc;
    ws.state
        .blockers()
        .iter()
        .flat_map(|l| &l.items)
        .find(|i| !i.resolved)
        .map(|i| {
            let t = doc.text(i.text.clone());
            t.chars().take(24).collect::<String>()
        })
        .unwrap_or_else(|| "Redis".to_string())
}

/// Runs every command on `ws` and returns the combined report.
fn run_all(ws: &Workspace, clock: &Clock) -> String {
    let plan = next_plan(ws);
    let phase = next_phase(ws);
    let phrase = blocker_phrase(ws);
    let mut out = String::new();
    let mut section = |title: String, body: String| {
        out.push_str(&format!("## {title}\n{body}\n"));
    };
    let complete = ops::complete::Complete {
        plan: &plan,
        duration: Some("10min"),
        ..Default::default()
    };
    section(
        format!("state complete {plan} --duration 10min"),
        report(ops::complete::complete(ws, clock, &complete)),
    );
    let begin = ops::begin::Begin {
        phase: &phase,
        ..Default::default()
    };
    section(
        format!("state begin {phase}"),
        report(ops::begin::begin(ws, clock, &begin)),
    );
    let decision = ops::decide::Decision {
        text: "Adopt gsd for state edits",
        rationale: Some("Round-trip safe"),
        ..Default::default()
    };
    section(
        "state decide \"Adopt gsd for state edits\" --rationale \"Round-trip safe\"".into(),
        report(ops::decide::decide(ws, clock, &decision)),
    );
    section(
        "state block \"Waiting on API keys\"".into(),
        report(ops::block::block(ws, clock, "Waiting on API keys")),
    );
    section(
        format!("state unblock {phrase:?}"),
        report(ops::block::unblock(ws, clock, &phrase)),
    );
    section(
        "state todo \"Write the migration guide\"".into(),
        report(ops::todo::todo(ws, clock, "Write the migration guide")),
    );
    section(
        "state session --stopped-at \"Paused before review\"".into(),
        report(ops::session::session(
            ws,
            clock,
            "Paused before review",
            None,
        )),
    );
    section(
        "state set status \"Ready to execute\"".into(),
        report(ops::set::set(ws, clock, "status", "Ready to execute")),
    );
    out
}

#[test]
fn every_command_on_every_state_fixture() {
    let clock = clock();
    let fixtures = state_fixtures();
    assert!(fixtures.len() >= 5);
    for (name, path) in fixtures {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let ws = state_only(&text);
        insta::assert_snapshot!(format!("ops__{name}"), run_all(&ws, &clock));
    }
}

#[test]
fn every_command_on_every_ops_tree() {
    let clock = clock();
    let trees = ops_trees();
    assert!(trees.len() >= 3, "fixtures/ops trees missing");
    for (name, root) in trees {
        let ws = tree(&root);
        insta::assert_snapshot!(format!("ops_tree__{name}"), run_all(&ws, &clock));
    }
}
