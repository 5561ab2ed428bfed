//! Regressions for the ledger (`src/ledger`): what is done is derived from SUMMARY files,
//! ROADMAP ticks and tables and STATE's own counters together, and `complete` / `begin` never
//! move a count backwards. One test per item of the issue, each on a small invented tree under
//! `fixtures/ledger/<name>/.planning/`, plus a consistency sweep over every fixture tree and a
//! property test over generated projects.
//!
//! Ops run in memory (`ops::complete::complete` on a loaded tree, the new text read back from
//! the outcome); exit codes and "nothing written" go through the CLI on a temp copy.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gsd::ledger::{Ledger, Scope};
use gsd::model::StateDoc;
use gsd::model::ids::PlanId;
use gsd::model::workspace::Workspace;
use gsd::ops::{self, Outcome};
use gsd::source::Source;
use proptest::prelude::*;

use crate::ops_support::{apply_checked, clock, new_state, new_text, tree};
use crate::support::{Project, fixtures_dir};

// ----------------------------------------------------------------------------------------
// Helpers
// ----------------------------------------------------------------------------------------

/// `fixtures/ledger/<name>` (the folder holding `.planning/`).
fn fx(name: &str) -> PathBuf {
    fixtures_dir().join("ledger").join(name)
}

/// A writable temp copy of `fixtures/ledger/<name>`.
fn copy(name: &str) -> Project {
    Project::copy_of(&fx(name))
}

/// Runs `complete` in memory the way `gsd state complete` does: the plan's SUMMARY.md (when
/// `phases/` has one) is read and handed to the op, as the command layer does.
fn complete(
    ws: &Workspace,
    plan: &str,
    duration: Option<&str>,
) -> Result<Outcome, gsd::error::UserError> {
    let summary_file = PlanId::parse(plan)
        .and_then(|id| ws.phases.as_ref()?.summary_path(&id))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("summary readable");
            gsd::model::phases::read_summary(Source::new(path, text))
        });
    let args = ops::complete::Complete {
        plan,
        duration,
        summary_file,
        ..Default::default()
    };
    ops::complete::complete(ws, &clock(), &args)
}

/// `complete` that must succeed.
fn complete_ok(ws: &Workspace, plan: &str, duration: &str) -> Outcome {
    complete(ws, plan, Some(duration)).unwrap_or_else(|e| panic!("complete {plan}: {e}"))
}

/// The STATE.md text of a workspace.
fn state_text(ws: &Workspace) -> String {
    ws.state.doc.source.text.clone()
}

/// The ROADMAP.md text of a workspace.
fn roadmap_text(ws: &Workspace) -> String {
    ws.roadmap
        .as_ref()
        .expect("a ROADMAP.md")
        .doc
        .source
        .text
        .clone()
}

/// Writes every change of an outcome to disk (each checked by `apply_checked`).
fn write_outcome(out: &Outcome) {
    for (change, _) in &out.changes {
        let new = apply_checked(change);
        std::fs::write(&change.path, new).expect("write the new text");
    }
}

/// Every file under `dir` with its bytes (the workspace lock adds none).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// `gsd -C <project>` through assert_cmd, with a cleared environment and the fixed clock.
fn gsd_in(p: &Project) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("gsd").expect("the gsd binary");
    cmd.env_clear()
        .env("GSD_NOW", "2026-02-01T10:00:00Z")
        .env("NO_COLOR", "1")
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .arg("-C")
        .arg(p.root());
    cmd
}

/// Runs a command: (exit code, stdout, stderr).
fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().expect("run gsd");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The numbers a STATE.md text holds that must never go down.
#[derive(Debug, Clone, Default, PartialEq)]
struct Counts {
    /// The current phase (`Phase: N of M`).
    phase: Option<gsd::model::ids::PhaseNum>,
    /// `Plan: A of B` → A.
    plan_a: Option<u64>,
    /// `Total plans completed`.
    plans_completed: Option<u64>,
    /// The body's Progress percent.
    percent: Option<f64>,
    /// Frontmatter `progress.completed_plans`, `progress.total_plans`,
    /// `progress.completed_phases`, `progress.percent`.
    fm_completed_plans: Option<u64>,
    fm_total_plans: Option<u64>,
    fm_completed_phases: Option<u64>,
    fm_percent: Option<u64>,
}

fn counts_of(text: &str) -> Counts {
    let state = StateDoc::parse(Source::new(".planning/STATE.md", text.to_string()));
    let doc = &state.doc;
    let json = gsd::render::state_json::state_json(&state, ".planning/STATE.md");
    let fm = |key: &str| {
        json.pointer(&format!("/frontmatter/progress/{key}"))
            .and_then(serde_json::Value::as_u64)
    };
    Counts {
        phase: state.current_phase(),
        plan_a: state.position.plan.as_ref().and_then(|p| p.done_count(doc)),
        plans_completed: state.metrics.plans_completed_count(doc),
        percent: state
            .position
            .progress
            .as_ref()
            .and_then(|p| p.percent_number(doc)),
        fm_completed_plans: fm("completed_plans"),
        fm_total_plans: fm("total_plans"),
        fm_completed_phases: fm("completed_phases"),
        fm_percent: fm("percent"),
    }
}

/// Asserts no count of `after` is lower than in `before`: the position (phase, then Plan A
/// within the same phase) does not go back, and every counter is at least what it was.
fn assert_never_lower(before: &str, after: &str) {
    let (b, a) = (counts_of(before), counts_of(after));
    let ge = |name: &str, old: Option<u64>, new: Option<u64>| {
        if let Some(o) = old {
            let n = new.unwrap_or_else(|| panic!("{name} vanished (was {o})\n{after}"));
            assert!(n >= o, "{name} went down: {o} → {n}\n{after}");
        }
    };
    if let (Some(op), Some(np)) = (&b.phase, &a.phase) {
        assert!(np >= op, "the phase went back: {op} → {np}\n{after}");
        if np == op {
            ge("Plan A", b.plan_a, a.plan_a);
        }
    }
    ge(
        "Total plans completed",
        b.plans_completed,
        a.plans_completed,
    );
    if let Some(o) = b.percent {
        let n = a
            .percent
            .unwrap_or_else(|| panic!("Progress percent vanished\n{after}"));
        assert!(n >= o, "Progress went down: {o}% → {n}%\n{after}");
    }
    ge(
        "progress.completed_plans",
        b.fm_completed_plans,
        a.fm_completed_plans,
    );
    ge("progress.total_plans", b.fm_total_plans, a.fm_total_plans);
    ge(
        "progress.completed_phases",
        b.fm_completed_phases,
        a.fm_completed_phases,
    );
    ge("progress.percent", b.fm_percent, a.fm_percent);
}

/// The text between the heading line `from` and the next `## ` heading.
fn section<'a>(text: &'a str, from: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no `{from}` in\n{text}"));
    let rest = &text[start + from.len()..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e + 1);
    &text[start..start + from.len() + end]
}

// ----------------------------------------------------------------------------------------
// 1. SUMMARY files count as done when ROADMAP never ticks its boxes
// ----------------------------------------------------------------------------------------

#[test]
fn summaries_count_as_done_when_the_roadmap_never_ticks() {
    let ws = tree(&fx("summaries-unticked"));
    let (old_state, old_roadmap) = (state_text(&ws), roadmap_text(&ws));
    assert!(old_state.contains("Plan: 3 of 4\n"));
    assert!(old_roadmap.contains("**Plans:** 3/4 plans executed\n"));
    let out = complete_ok(&ws, "03-04", "15min");
    let new = new_state(&out).expect("STATE.md changes");
    let roadmap = new_text(&out, "ROADMAP.md").expect("ROADMAP.md changes");

    assert!(new.contains("Plan: 4 of 4\n"), "{new}");
    assert!(
        roadmap.contains("**Plans:** 4/4 plans executed\n"),
        "{roadmap}"
    );
    // 8 of 11 plans done before (two phases by SUMMARY, three of phase 3), 9 of 11 after.
    assert!(new.contains("  completed_plans: 9\n"), "{new}");
    assert!(new.contains("  total_plans: 11\n"), "{new}");
    assert!(new.contains("  percent: 82\n"), "{new}");
    assert!(new.contains("Progress: [████████░░] 82%\n"), "{new}");
    assert!(new.contains("- Total plans completed: 9\n"), "{new}");
    // The other phases' counts are left as they are.
    for line in [
        "**Plans:** 2/2 plans executed\n",
        "**Plans:** 3/3 plans executed\n",
        "**Plans:** 2 plans\n",
    ] {
        assert!(roadmap.contains(line), "{line:?} changed:\n{roadmap}");
    }
    assert_never_lower(&old_state, &new);
}

// ----------------------------------------------------------------------------------------
// 2. A plan that exists nowhere is refused; the next plan is accepted
// ----------------------------------------------------------------------------------------

#[test]
fn a_plan_that_exists_nowhere_is_refused_with_the_existing_plans() {
    let p = copy("unknown-plan");
    let before = snapshot(p.root());
    for dry in [true, false] {
        let mut cmd = gsd_in(&p);
        if dry {
            cmd.arg("--dry-run");
        }
        let (code, out, err) = run(cmd.args(["state", "complete", "02-09", "--duration", "12min"]));
        assert_eq!(code, 2, "dry-run={dry}\nstdout: {out}\nstderr: {err}");
        assert!(err.contains("02-09"), "the message names the plan: {err}");
        assert!(
            err.contains("02-01, 02-02"),
            "the hint lists phase 2's plans: {err}"
        );
        assert_eq!(
            before,
            snapshot(p.root()),
            "dry-run={dry}: the refusal wrote something"
        );
    }
    // In memory: the same refusal, and the hint names exactly the plans phase 2 has.
    let ws = tree(p.root());
    let e = complete(&ws, "02-09", Some("12min")).unwrap_err();
    assert!(
        e.hint
            .as_deref()
            .is_some_and(|h| h.contains("02-01, 02-02") && !h.contains("02-03")),
        "{e:?}"
    );

    // The next plan of the phase is accepted.
    let (code, out, err) = run(gsd_in(&p).args([
        "--dry-run",
        "state",
        "complete",
        "02-03",
        "--duration",
        "12min",
    ]));
    assert_eq!(
        code, 0,
        "02-03 is the next plan of phase 2\nstdout: {out}\nstderr: {err}"
    );
    assert!(out.contains("Completed 02-03-PLAN.md"), "{out}");
    assert_eq!(before, snapshot(p.root()), "--dry-run wrote something");
}

// ----------------------------------------------------------------------------------------
// 3. Unpadded and decimal ids name the same plan
// ----------------------------------------------------------------------------------------

#[test]
fn unpadded_id_of_a_recorded_plan_is_already_complete() {
    let ws = tree(&fx("unpadded-ids"));
    for id in ["2-1", "02-1", "2-01", "02-01"] {
        let out = complete_ok(&ws, id, "5min");
        assert_eq!(
            out.message.as_deref(),
            Some("02-01 is already complete"),
            "{id}"
        );
        assert!(out.changes.is_empty(), "{id}: {:?}", out.changes);
    }
    let p = copy("unpadded-ids");
    let before = snapshot(p.root());
    let (code, out, err) = run(gsd_in(&p).args(["state", "complete", "2-1", "--duration", "5min"]));
    assert_eq!(code, 0, "stdout: {out}\nstderr: {err}");
    assert!(
        out.contains("02-01 is already complete"),
        "stdout: {out}\nstderr: {err}"
    );
    assert_eq!(
        before,
        snapshot(p.root()),
        "an already complete plan changed the tree"
    );
}

#[test]
fn decimal_phase_ids_compare_unpadded() {
    assert_eq!(PlanId::parse("5.1-6"), PlanId::parse("05.1-06"));
    let ws = tree(&fx("decimal-ids"));
    for id in ["5.1-6", "05.1-6", "5.1-06", "05.1-06"] {
        let out = complete_ok(&ws, id, "5min");
        assert_eq!(
            out.message.as_deref(),
            Some("05.1-06 is already complete"),
            "{id}"
        );
        assert!(out.changes.is_empty(), "{id}");
    }
}

// ----------------------------------------------------------------------------------------
// 4. Completing an older plan does not move the position back
// ----------------------------------------------------------------------------------------

#[test]
fn completing_an_earlier_phases_plan_keeps_the_position_and_records_metrics() {
    let ws = tree(&fx("earlier-plan"));
    let old = state_text(&ws);
    let out = complete_ok(&ws, "01-06", "10min");
    let new = new_state(&out).expect("STATE.md changes");

    assert!(
        new.contains("\nPhase: 2 of 3 (Sync)\nPlan: 1 of 3\nStatus: In progress\n"),
        "{new}"
    );
    assert!(
        new.contains("\ncurrent_phase: 02\ncurrent_plan: 1\n"),
        "{new}"
    );
    assert!(new.contains("**Current focus:** Phase 2 — Sync\n"), "{new}");
    assert!(new.contains("  total_plans: 11\n"), "{new}");
    assert!(new.contains("  completed_plans: 7\n"), "{new}");
    assert!(new.contains("- Total plans completed: 7\n"), "{new}");
    assert!(
        new.contains("| 1 | 6 | 60 min | 10 min |\n"),
        "phase 1's By Phase row: {new}"
    );
    assert!(
        new.contains("| 2 | 1 | 10 min | 10 min |\n"),
        "phase 2's By Phase row: {new}"
    );
    assert!(
        new.contains("Stopped at: Completed 01-06-PLAN.md\n"),
        "{new}"
    );
    assert_never_lower(&old, &new);
    // The roadmap records phase 1 as finished.
    let roadmap = new_text(&out, "ROADMAP.md").expect("ROADMAP.md changes");
    assert!(roadmap.contains("- [x] 01-06-PLAN.md"), "{roadmap}");
    assert!(
        roadmap.contains("**Plans:** 6/6 plans complete\n"),
        "{roadmap}"
    );
    assert!(
        roadmap.contains("**Plans:** 1/3 plans complete\n"),
        "{roadmap}"
    );
}

// ----------------------------------------------------------------------------------------
// 5. Idempotent: a second run changes nothing
// ----------------------------------------------------------------------------------------

#[test]
fn completing_twice_is_completing_once() {
    let p = copy("idempotent");
    let (code, out, err) =
        run(gsd_in(&p).args(["state", "complete", "02-02", "--duration", "9min"]));
    assert_eq!(code, 0, "stdout: {out}\nstderr: {err}");
    let once = snapshot(p.root());
    let state = p.read("STATE.md");
    assert!(state.contains("  completed_phases: 2\n"), "{state}");
    assert!(state.contains("  completed_plans: 4\n"), "{state}");
    assert!(state.contains("Plan: 2 of 2\n"), "{state}");

    // In memory, the second run has nothing to do.
    let again = complete_ok(&tree(p.root()), "02-02", "9min");
    assert!(
        again.changes.is_empty(),
        "second run: {}",
        crate::ops_support::report(Ok(again.clone()))
    );

    let (code, out, err) =
        run(gsd_in(&p).args(["state", "complete", "02-02", "--duration", "9min"]));
    assert_eq!(code, 0, "stdout: {out}\nstderr: {err}");
    let twice = snapshot(p.root());
    for (path, bytes) in &once {
        assert_eq!(
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&twice[path]),
            "{} changed on the second run",
            path.display()
        );
    }
    assert_eq!(once, twice);
}

// ----------------------------------------------------------------------------------------
// 6. A phase-scoped progress note keeps its scope
// ----------------------------------------------------------------------------------------

#[test]
fn a_phase_scoped_progress_note_stays_in_its_phase() {
    let ws = tree(&fx("phase-note"));
    let old = state_text(&ws);
    assert!(old.contains("Progress: [########--] 75% (Phase 6: 3/4 plans)\n"));

    let new = new_state(&complete_ok(&ws, "06-04", "20min")).expect("STATE.md changes");
    assert!(new.contains("(Phase 6: 4/4 plans)"), "{new}");
    assert!(
        new.contains("Progress: [##########] 100% (Phase 6: 4/4 plans)\n"),
        "{new}"
    );
    // Never the project's counts (6 of 9 plans) in a note that names phase 6.
    assert!(!new.contains("6/9") && !new.contains("/9 plans"), "{new}");
    assert_never_lower(&old, &new);

    // A plan of phase 7 says nothing about phase 6's note.
    let new = new_state(&complete_ok(&ws, "07-01", "20min")).expect("STATE.md changes");
    assert!(
        new.contains("Progress: [########--] 75% (Phase 6: 3/4 plans)\n"),
        "{new}"
    );
    assert_never_lower(&old, &new);
}

// ----------------------------------------------------------------------------------------
// 7. Only the metrics table is edited
// ----------------------------------------------------------------------------------------

#[test]
fn only_the_metrics_table_is_edited_not_a_roadmap_summary_or_prose() {
    let ws = tree(&fx("roadmap-summary-table"));
    let old = state_text(&ws);
    let new = new_state(&complete_ok(&ws, "02-02", "20min")).expect("STATE.md changes");

    assert_eq!(
        section(&old, "## Roadmap Summary\n"),
        section(&new, "## Roadmap Summary\n"),
        "the Roadmap Summary table changed:\n{new}"
    );
    assert!(
        new.contains("\nMilestone note: Phase 1/5 done, the editor is next and Plan 2/3 is the block model.\n"),
        "{new}"
    );
    // The By Phase table is the one that gets the plan.
    assert!(
        new.contains("| 1 | 3 | 60 min | 20 min |\n| 2 | 2 | 40 min | 20 min |\n"),
        "{new}"
    );
    assert!(new.contains("Plan: 2 of 3\n"), "{new}");
    assert!(new.contains("- Total plans completed: 5\n"), "{new}");
    assert!(new.contains("Progress: [███░░░░░░░] 33%\n"), "{new}");
    assert_never_lower(&old, &new);
}

// ----------------------------------------------------------------------------------------
// 8. begin: the phase number never exceeds the total, and the total grows with the roadmap
// ----------------------------------------------------------------------------------------

/// The `Phase: N of M` numbers of a STATE.md text.
fn phase_of(text: &str) -> (u64, u64) {
    let state = StateDoc::parse(Source::new(".planning/STATE.md", text.to_string()));
    let doc = &state.doc;
    let line = state.position.phase.as_ref().expect("a Phase line");
    let n = line
        .number(doc)
        .and_then(|n| n.parse().ok())
        .expect("a phase number");
    let m = line
        .total
        .clone()
        .and_then(|r| doc.text(r).parse().ok())
        .expect("a phase total");
    (n, m)
}

#[test]
fn begin_writes_no_phase_beyond_the_total() {
    let ws = tree(&fx("begin-nine"));
    let args = ops::begin::Begin {
        phase: "4",
        ..Default::default()
    };
    let new =
        new_state(&ops::begin::begin(&ws, &clock(), &args).unwrap()).expect("STATE.md changes");
    assert!(
        new.contains("\nPhase: 4 of 9 (Checkout)\nPlan: 1 of 2\n"),
        "{new}"
    );
    let (n, m) = phase_of(&new);
    assert!(n <= m, "Phase: {n} of {m}\n{new}");
}

// The second case: ROADMAP.md grew to 10 phases while STATE.md still says `of 9`.
// `begin` used to keep the line's `of Y` as written and so wrote `Phase: 10 of 9`; the total
// grows with the roadmap.
#[test]
fn begin_grows_the_total_with_the_roadmap() {
    let ws = tree(&fx("begin-roadmap-grew"));
    let args = ops::begin::Begin {
        phase: "10",
        ..Default::default()
    };
    let new =
        new_state(&ops::begin::begin(&ws, &clock(), &args).unwrap()).expect("STATE.md changes");
    let (n, m) = phase_of(&new);
    assert!(n <= m, "Phase: {n} of {m}\n{new}");
    assert!(new.contains("\nPhase: 10 of 10 (Loyalty)\n"), "{new}");
}

// ----------------------------------------------------------------------------------------
// 9. Thousands separators are kept
// ----------------------------------------------------------------------------------------

#[test]
fn total_plans_completed_keeps_its_thousands_separator() {
    let ws = tree(&fx("thousands"));
    let old = state_text(&ws);
    let new = new_state(&complete_ok(&ws, "89-02", "9min")).expect("STATE.md changes");
    assert!(new.contains("- Total plans completed: 1,077\n"), "{new}");
    assert!(!new.contains("1077,076") && !new.contains("1,076"), "{new}");
    assert_never_lower(&old, &new);
}

// ----------------------------------------------------------------------------------------
// 10. A "Next:" pointer is not a completion
// ----------------------------------------------------------------------------------------

#[test]
fn a_next_pointer_after_a_quick_task_is_not_already_complete() {
    let ws = tree(&fx("quick-task"));
    let old = state_text(&ws);
    assert!(old.contains("Stopped at: Completed quick task 5. Next: 03-07-PLAN.md\n"));
    let out = complete_ok(&ws, "03-07", "11min");
    assert_eq!(out.message, None, "answered {:?}", out.message);
    let new = new_state(&out).expect("STATE.md changes");
    assert!(new.contains("Plan: 7 of 8\n"), "{new}");
    assert!(
        new.contains("Stopped at: Completed 03-07-PLAN.md\n"),
        "{new}"
    );
    assert!(new.contains("- Total plans completed: 7\n"), "{new}");
    assert_never_lower(&old, &new);
}

// ----------------------------------------------------------------------------------------
// 11. Without ROADMAP.md: the frontmatter and the body get the same percent
// ----------------------------------------------------------------------------------------

#[test]
fn without_a_roadmap_frontmatter_and_body_percent_agree() {
    let ws = tree(&fx("no-roadmap"));
    assert!(ws.roadmap.is_none() && ws.phases.is_some());
    let old = state_text(&ws);
    let before = counts_of(&old);
    assert_eq!(
        before.percent,
        before.fm_percent.map(|p| p as f64),
        "the fixture agrees before"
    );

    let new = new_state(&complete_ok(&ws, "02-02", "20min")).expect("STATE.md changes");
    let after = counts_of(&new);
    // 4 of the 7 plans in phases/ are done.
    assert_eq!(after.fm_percent, Some(57), "{new}");
    assert_eq!(after.percent, Some(57.0), "{new}");
    assert!(new.contains("  percent: 57\n"), "{new}");
    assert!(new.contains("Progress: [██████░░░░] 57%\n"), "{new}");
    assert!(new.contains("  completed_plans: 4\n"), "{new}");
    assert_never_lower(&old, &new);
}

// ----------------------------------------------------------------------------------------
// 12. The ledger over every fixture tree
// ----------------------------------------------------------------------------------------

// `state show --json` has no derived done/total of the project's plans (it shows STATE.md's
// own hand-kept numbers: `metrics.plans_completed`, `frontmatter.progress.*`), so this checks
// the ledger against itself: the same tree gives the same ledger, and recording one plan
// moves the project's done count by exactly one for a plan not yet done, by none for a done
// one.
#[test]
fn ledger_counts_are_stable_and_completing_moves_them_by_at_most_one() {
    let mut failures = Vec::new();
    let trees = crate::ops_support::all_trees();
    assert!(
        trees
            .iter()
            .filter(|(n, _)| n.starts_with("ledger__"))
            .count()
            >= 10
    );
    for (name, root) in &trees {
        let ws = tree(root);
        let a = Ledger::build(&ws, None);
        let b = Ledger::build(&ws, None);
        assert_eq!(
            format!("{a:?}"),
            format!("{b:?}"),
            "{name}: two builds differ"
        );
        let project = a.counts(&Scope::PROJECT_PLANS);
        assert_eq!(project, b.counts(&Scope::PROJECT_PLANS), "{name}");
        let Some((done, total)) = project else {
            continue;
        };
        assert!(done <= total, "{name}: {done} done of {total}");
        // Every plan the ledger knows, and the next plan of each phase (a plan no file has
        // yet, so not done whatever its phase says).
        let mut ids: Vec<(PlanId, bool)> = Vec::new();
        for phase in &a.phases {
            ids.extend(phase.plans.iter().map(|p| (p.id.clone(), a.is_done(&p.id))));
            let next = phase.plans.iter().map(|p| p.id.plan).max().unwrap_or(0) + 1;
            // (In a phase ROADMAP marks complete, whose counts are closed, it is one of the
            // plans already counted.)
            if let Some(id) = PlanId::parse(&format!("{}-{next:02}", phase.number)) {
                ids.push((id, phase.marked_complete));
            }
        }
        for (id, was_done) in ids {
            let (after, _) = a
                .completing(&id)
                .counts(&Scope::PROJECT_PLANS)
                .expect("counts after completing");
            // A plan with no evidence yet adds exactly one. A done plan adds nothing to the
            // evidence; by `completing`'s contract (STATE does not record the plan yet) the
            // hand-kept counters may still gain it, so at most one.
            let want = done + u64::from(!was_done);
            let ok = if was_done {
                after == done || after == done + 1
            } else {
                after == want
            };
            if !ok {
                failures.push(format!(
                    "{name}: completing {} ({}) moves the project's done count {done} → {after}, want {want}",
                    id.canonical(),
                    if was_done { "done" } else { "not done" }
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ----------------------------------------------------------------------------------------
// 13. Property: complete twice = complete once, and no count goes down
// ----------------------------------------------------------------------------------------

/// A generated project: phases × plans, the current position, which plans are done and how
/// the files record it.
#[derive(Debug, Clone)]
struct GenProject {
    /// Plans per phase (phases are numbered from 1).
    plans: Vec<u32>,
    /// The current phase (1-based) and how many of its plans are done.
    current: u32,
    done_in_current: u32,
    /// ROADMAP.md ticks done plans (else it never ticks).
    ticks: bool,
    /// ROADMAP.md writes `**Plans:** d/n plans complete` (else `n plans`).
    plans_fraction: bool,
    /// STATE.md has a frontmatter `progress:` block.
    frontmatter: bool,
    /// The plan to complete: the next one, or any plan (by index).
    next: bool,
    pick: prop::sample::Index,
    /// The plan to complete already has its SUMMARY (as in real use).
    target_summary: bool,
    /// The Progress line's note: 0 none, 1 `(d/t plans)` of the project, 2 `(Phase N: k/m
    /// plans)` of the current phase (the percent then is the phase's).
    note: u8,
    /// STATE.md has a By Phase metrics table.
    by_phase: bool,
}

impl GenProject {
    fn all_plans(&self) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for (i, n) in self.plans.iter().enumerate() {
            for j in 1..=*n {
                out.push((i as u32 + 1, j));
            }
        }
        out
    }

    fn is_done(&self, (ph, pl): (u32, u32)) -> bool {
        ph < self.current || (ph == self.current && pl <= self.done_in_current)
    }

    fn target(&self) -> (u32, u32) {
        let all = self.all_plans();
        if self.next
            && let Some(p) = all.iter().find(|p| !self.is_done(**p))
        {
            return *p;
        }
        all[self.pick.index(all.len())]
    }

    /// Writes the project under `root/.planning`.
    fn write(&self, root: &Path) {
        let planning = root.join(".planning");
        let phases_dir = planning.join("phases");
        std::fs::create_dir_all(&phases_dir).unwrap();
        let all = self.all_plans();
        let total = all.len() as u32;
        let done: Vec<(u32, u32)> = all.iter().copied().filter(|p| self.is_done(*p)).collect();
        let n_done = done.len() as u32;
        let n_phases = self.plans.len() as u32;
        let phases_done = (1..=n_phases)
            .filter(|ph| all.iter().filter(|p| p.0 == *ph).all(|p| self.is_done(*p)))
            .count();
        let target = self.target();

        // ROADMAP.md
        let mut r = String::from("# Roadmap: Generated\n\n## Phases\n\n");
        for ph in 1..=n_phases {
            let complete = all.iter().filter(|p| p.0 == ph).all(|p| self.is_done(*p));
            let mark = if complete && self.ticks { "x" } else { " " };
            r.push_str(&format!(
                "- [{mark}] **Phase {ph}: Part {ph}** - generated\n"
            ));
        }
        r.push_str("\n## Phase Details\n\n");
        for ph in 1..=n_phases {
            let n = self.plans[ph as usize - 1];
            let d = done.iter().filter(|p| p.0 == ph).count();
            r.push_str(&format!("### Phase {ph}: Part {ph}\n"));
            if self.plans_fraction {
                r.push_str(&format!("**Plans:** {d}/{n} plans complete\n\nPlans:\n"));
            } else {
                r.push_str(&format!("**Plans:** {n} plans\n\nPlans:\n"));
            }
            for pl in 1..=n {
                let mark = if self.ticks && self.is_done((ph, pl)) {
                    "x"
                } else {
                    " "
                };
                r.push_str(&format!("- [{mark}] {ph:02}-{pl:02}-PLAN.md — Step {pl}\n"));
            }
            r.push('\n');
        }
        std::fs::write(planning.join("ROADMAP.md"), r).unwrap();

        // phases/
        for (ph, pl) in &all {
            let dir = phases_dir.join(format!("{ph:02}-part-{ph}"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(
                dir.join(format!("{ph:02}-{pl:02}-PLAN.md")),
                format!("# Plan {ph:02}-{pl:02}: Step {pl}\n"),
            )
            .unwrap();
            if self.is_done((*ph, *pl)) || (self.target_summary && (*ph, *pl) == target) {
                std::fs::write(
                    dir.join(format!("{ph:02}-{pl:02}-SUMMARY.md")),
                    format!("---\nphase: {ph:02}\nplan: {pl:02}\nduration: 10min\n---\n\n# Phase {ph} Plan {pl}: Step {pl} Summary\n\n**Step {pl} done**\n"),
                )
                .unwrap();
            }
        }

        // STATE.md
        let m = self.plans[self.current as usize - 1];
        let k = self.done_in_current;
        let pct = (f64::from(n_done) * 100.0 / f64::from(total)).round() as u32;
        let shown_pct = if self.note == 2 {
            (f64::from(k) * 100.0 / f64::from(m)).round() as u32
        } else {
            pct
        };
        let filled = (shown_pct as usize + 5) / 10;
        let bar = format!(
            "{}{}",
            "█".repeat(filled.min(10)),
            "░".repeat(10 - filled.min(10))
        );
        let note = match self.note {
            1 => format!(" ({n_done}/{total} plans)"),
            2 => format!(" (Phase {}: {k}/{m} plans)", self.current),
            _ => String::new(),
        };
        let last = done.last().copied();
        let mut s = String::new();
        if self.frontmatter {
            s.push_str(&format!(
                "---\ngsd_state_version: 1.0\ncurrent_phase: {:02}\nstatus: executing\nprogress:\n  total_phases: {n_phases}\n  completed_phases: {phases_done}\n  total_plans: {total}\n  completed_plans: {n_done}\n  percent: {pct}\n---\n\n",
                self.current
            ));
        }
        let status = if self.done_in_current == m {
            "Phase complete"
        } else {
            "In progress"
        };
        let activity = last.map_or("Started phase 1".to_string(), |(ph, pl)| {
            format!("Completed {ph:02}-{pl:02}-PLAN.md")
        });
        s.push_str(&format!(
            "# Project State\n\n## Current Position\n\nPhase: {} of {n_phases} (Part {})\nPlan: {} of {m}\nStatus: {status}\nLast activity: 2026-01-20 — {activity}\n\nProgress: [{bar}] {shown_pct}%{note}\n\n",
            self.current, self.current, self.done_in_current
        ));
        s.push_str(&format!(
            "## Performance Metrics\n\n- Total plans completed: {n_done}\n- Average duration: 10 min\n- Total execution time: {:.1} hours\n\n",
            f64::from(n_done) * 10.0 / 60.0
        ));
        if self.by_phase {
            s.push_str("**By Phase:**\n\n| Phase | Plans | Total | Avg/Plan |\n|-------|-------|-------|----------|\n");
            for ph in 1..=n_phases {
                let d = done.iter().filter(|p| p.0 == ph).count();
                if d > 0 {
                    s.push_str(&format!("| {ph:02} | {d} | {} min | 10 min |\n", d * 10));
                }
            }
            s.push('\n');
        }
        s.push_str(&format!(
            "## Session Continuity\n\nLast session: 2026-01-20 10:00\nStopped at: {activity}\nResume file: None\n"
        ));
        std::fs::write(planning.join("STATE.md"), s).unwrap();
    }
}

fn gen_project() -> impl Strategy<Value = GenProject> {
    prop::collection::vec(1u32..=4, 2..=4)
        .prop_flat_map(|plans| {
            let n = plans.len() as u32;
            (Just(plans), 1..=n)
        })
        .prop_flat_map(|(plans, current)| {
            let m = plans[current as usize - 1];
            (
                Just(plans),
                Just(current),
                0..=m,
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<prop::sample::Index>(),
                any::<bool>(),
                (0u8..3, any::<bool>()),
            )
        })
        .prop_map(
            |(
                plans,
                current,
                done_in_current,
                ticks,
                plans_fraction,
                frontmatter,
                next,
                pick,
                target_summary,
                (note, by_phase),
            )| GenProject {
                plans,
                current,
                done_in_current,
                ticks,
                plans_fraction,
                frontmatter,
                next,
                pick,
                target_summary,
                note,
                by_phase,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn complete_twice_equals_complete_once_and_never_lowers_a_count(g in gen_project()) {
        let dir = tempfile::tempdir().unwrap();
        g.write(dir.path());
        let (ph, pl) = g.target();
        let plan = format!("{ph:02}-{pl:02}");
        let ws = tree(dir.path());
        let before = state_text(&ws);
        let first = complete(&ws, &plan, Some("10min"))
            .map_err(|e| TestCaseError::fail(format!("complete {plan}: {e}\n{before}")))?;
        let after = new_state(&first).unwrap_or_else(|| before.clone());
        assert_never_lower(&before, &after);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        let codes = |ws: &gsd::model::Workspace| {
            let mut c: Vec<String> = gsd::check::check(ws, today)
                .iter()
                .map(|d| d.code.to_string())
                .collect();
            c.sort();
            c.dedup();
            c
        };
        let found_before = codes(&ws);
        write_outcome(&first);

        let ws2 = tree(dir.path());
        // `complete` then `check` finds nothing `check` did not find before, given the
        // workflow's preconditions: the plan's SUMMARY is written first (without one, a tick
        // and `Stopped at` rightly point at a missing file: GSD403, GSD408), and the plan is
        // one the files do not already count (recording a counted plan again is a double
        // count no file can reveal when nothing names the plan).
        let fresh = g.target_summary && !g.is_done((ph, pl));
        let found_after = if fresh { codes(&ws2) } else { found_before.clone() };
        let new_codes: Vec<&String> =
            found_after.iter().filter(|c| !found_before.contains(c)).collect();
        prop_assert!(
            new_codes.is_empty(),
            "complete {} made check report {:?}:\n{}",
            plan,
            new_codes,
            state_text(&ws2)
        );
        let second = complete(&ws2, &plan, Some("10min"))
            .map_err(|e| TestCaseError::fail(format!("second complete {plan}: {e}")))?;
        prop_assert!(
            second.changes.is_empty(),
            "complete {} twice changed the files again:\n{}",
            plan,
            crate::ops_support::report(Ok(second.clone()))
        );
    }
}

/// `Last plan:` (singular) holds one item, as `gsd check` (GSD205) allows: `complete` replaces
/// it rather than growing it to five.
#[test]
fn last_plan_singular_keeps_one_item() {
    let text = "## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 3\nStatus: In progress\n\n## Performance Metrics\n\n- Total plans completed: 4\n- Average duration: 5 min\n- Total execution time: 0.3 hours\n\n**Recent Trend:**\n- Last plan: 02-01 (4 min)\n- Trend: Stable\n";
    let new = complete_state_only(text, "02-02", "6 min");
    assert!(new.contains("- Last plan: 02-02 (6 min)\n"), "{new}");
}

/// A plan the phase's ROADMAP checklist does not list yet gets a ticked line in the list's
/// own shape, in id order, rather than no record at all.
#[test]
fn a_plan_missing_from_the_checklist_is_listed_ticked() {
    let state = "## Current Position\n\nPhase: 2 of 3\nPlan: 1 of 2\nStatus: In progress\n\n## Session Continuity\n\nLast session: 2026-01-30\nStopped at: Completed 02-01-PLAN.md\n";
    let roadmap = "# Roadmap\n\n### Phase 2: API\n\nPlans:\n- [x] 02-01: Filters\n- [ ] 02-03: Docs\n\n### Phase 3: UI\n";
    let ws = crate::ops_support::state_and_roadmap(state, roadmap);
    let args = gsd::ops::complete::Complete {
        plan: "02-02",
        duration: Some("6 min"),
        plan_title: Some("Pagination".to_string()),
        ..Default::default()
    };
    let out = gsd::ops::complete::complete(&ws, &crate::ops_support::clock(), &args).unwrap();
    let change = out
        .changes
        .iter()
        .find(|(c, _)| c.display.ends_with("ROADMAP.md"))
        .expect("ROADMAP changes");
    let new = change.0.edits.apply(&change.0.original).unwrap();
    assert!(
        new.contains("- [x] 02-01: Filters\n- [x] 02-02: Pagination\n- [ ] 02-03: Docs\n"),
        "{new}"
    );
}

/// `— min` / `— hours`: template placeholders with their unit are filled in that unit.
#[test]
fn placeholder_durations_with_a_unit_are_filled() {
    let text = "## Current Position\n\nPhase: 1 of 3\nPlan: 0 of 2\nStatus: Ready to plan\n\n## Performance Metrics\n\n- Total plans completed: 0\n- Average duration: — min\n- Total execution time: — hours\n";
    let new = complete_state_only(text, "01-01", "6 min");
    assert!(
        new.contains("- Average duration: 6 min\n- Total execution time: 0.1 hours\n"),
        "{new}"
    );
}

/// `Plan: 8 plans in 5 waves` states the phase's size, not eight plans done: completing the
/// first plan writes `1 of 8`, never `9`.
#[test]
fn a_plan_line_that_states_the_size_is_not_a_done_count() {
    let text = "## Current Position\n\nPhase: 1 - Foundation\nPlan: 8 plans in 5 waves (verified)\nStatus: Ready to plan\n\n## Session Continuity\n\nLast session: 2026-01-30\nStopped at: Phase 1 planned\n";
    let new = complete_state_only(text, "01-01", "6 min");
    assert!(new.contains("Plan: 1 of 8\n"), "{new}");
}

/// With STATE.md alone, a plan far past what its `Plan:` line counts is refused (exit 2, file
/// untouched), while the next plan, even one past the stated total (a gap-closure plan), is
/// accepted.
#[test]
fn state_only_refuses_a_plan_far_past_its_count() {
    let text = "## Current Position\n\nPhase: 7 of 9 (Database Setup)\nPlan: 07-02 of 2\nStatus: Phase complete\n\n## Session Continuity\n\nLast session: 2026-01-30\nStopped at: Completed 07-02-PLAN.md\n";
    let ws = crate::ops_support::state_only(text);
    let run = |plan: &str| {
        let args = gsd::ops::complete::Complete {
            plan,
            duration: Some("6 min"),
            ..Default::default()
        };
        gsd::ops::complete::complete(&ws, &crate::ops_support::clock(), &args)
    };
    let err = run("07-06").unwrap_err();
    assert!(err.to_string().contains("beyond"), "{err}");
    let ok = crate::ops_support::new_state(&run("07-03").unwrap()).unwrap();
    assert!(ok.contains("Plan: 07-03 of 3\n"), "{ok}");
}

/// An average the file keeps apart from its total moves by this plan's share (15 min over 178
/// plans stays 15 min), and a value holding several averages is left to its author.
#[test]
fn averages_move_as_the_file_keeps_them() {
    let text = "## Current Position\n\nPhase: 9 of 9\nPlan: 1 of 3\nStatus: In progress\n\n## Performance Metrics\n\n- Total plans completed: 178\n- Average duration: 15 min\n- Total execution time: 33 hours\n";
    let new = complete_state_only(text, "09-02", "5 min");
    assert!(new.contains("- Average duration: 15 min\n"), "{new}");
    let several = text.replace(
        "- Average duration: 15 min",
        "- Average duration: ~5.5 days per plan (v1.0 avg), 3.3 minutes (v1.1 avg)",
    );
    let new = complete_state_only(&several, "09-02", "5 min");
    assert!(
        new.contains("- Average duration: ~5.5 days per plan (v1.0 avg), 3.3 minutes (v1.1 avg)\n"),
        "{new}"
    );
}

/// `complete PLAN --duration D` on a STATE.md with no siblings; the new STATE.md text.
fn complete_state_only(text: &str, plan: &str, duration: &str) -> String {
    let ws = crate::ops_support::state_only(text);
    let args = gsd::ops::complete::Complete {
        plan,
        duration: Some(duration),
        ..Default::default()
    };
    let out = gsd::ops::complete::complete(&ws, &crate::ops_support::clock(), &args).unwrap();
    crate::ops_support::new_state(&out).expect("a change")
}

/// `fixtures/ledger/ticked-early`: ROADMAP.md ticks `[x] Phase 2` while STATE.md says
/// `Plan: 2 of 4` and 02-03, 02-04 have PLAN files but no SUMMARY (02-01 and 02-02 have
/// theirs). The tick is the odd one out: completing 02-03 is plan 3 of 4, the phase goes
/// on, and `Plan:` does not jump to `4 of 4`.
#[test]
fn a_phase_ticked_before_its_plans_are_done_goes_on() {
    crate::spec::given_tree(&fx("ticked-early"))
        .running("state complete 02-03 --duration 5min")
        .contains("\nPlan: 3 of 4\nStatus: In progress\n")
        .contains("Progress: [████████░░] 75%\n");
}

/// A file that names phases by their folder slug (`Phase: 01 (puzzle-engine)`) names the
/// next one the same way, in the `Phase:` line and the focus line.
#[test]
fn phases_named_by_their_slug_stay_named_by_slug() {
    let p = Project::empty();
    p.write(
        "STATE.md",
        "**Current Focus:** Phase 01 — puzzle-engine\n\n## Current Position\n\nPhase: 01 (puzzle-engine) — COMPLETE\nPlan: 2 of 2\nStatus: Phase complete\n",
    );
    p.write(
        "ROADMAP.md",
        "# Roadmap\n\n- [x] **Phase 1: Puzzle Engine**\n- [ ] **Phase 2: Game State & Domain**\n",
    );
    for (dir, files) in [
        ("01-puzzle-engine", ["01-01-PLAN.md", "01-02-PLAN.md"]),
        ("02-game-state-domain", ["02-01-PLAN.md", "02-02-PLAN.md"]),
    ] {
        std::fs::create_dir_all(p.planning().join("phases").join(dir)).unwrap();
        for f in files {
            p.write(&format!("phases/{dir}/{f}"), "# plan\n");
        }
    }
    for f in ["01-01-SUMMARY.md", "01-02-SUMMARY.md"] {
        p.write(&format!("phases/01-puzzle-engine/{f}"), "# summary\n");
    }
    let (code, _, err) = run(gsd_in(&p).args(["state", "complete", "02-01", "--duration", "5min"]));
    assert_eq!(code, 0, "{err}");
    let state = p.read("STATE.md");
    assert!(
        state.contains("\nPhase: 02 (game-state-domain)\n"),
        "{state}"
    );
    assert!(
        state.contains("**Current Focus:** Phase 02 — game-state-domain\n"),
        "{state}"
    );
}

/// `Phase: 12 of 12` beside a throwaway `Phase 99` in ROADMAP.md: the next phase is 13 of
/// the 14 phases, not `13 of 99`.
#[test]
fn a_stray_high_phase_number_does_not_become_the_total() {
    crate::spec::given("## Current Position\n\nPhase: 12 of 12 (Changelog)\nPlan: 1 of 1\nStatus: Phase complete\n")
        .and_roadmap(&{
            let mut r = String::from("# Roadmap\n\n");
            for n in 1..=12 {
                r.push_str(&format!("- [x] **Phase {n}: Step {n}**\n"));
            }
            r.push_str("- [ ] **Phase 13: Debug Agent**\n- [x] **Phase 99: Throwaway**\n");
            r
        })
        .running("state complete 13-01 --duration 5min")
        .contains("\nPhase: 13 of 14 (Debug Agent)\n");
}
