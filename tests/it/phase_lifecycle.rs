//! `gsd phase complete`: one invented tree per reported bug under `fixtures/phase/<name>/`
//! (a 5-column progress table, later phases with no folder yet, a phase finished out of
//! order, decimal phases, a milestone with several ROADMAP sections, plans without a
//! SUMMARY). Each case snapshots the `--dry-run` diff; then the command runs for real, a second
//! run must change nothing, and `gsd check` must find nothing it did not find before.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

use crate::support::{Project, fixtures_dir, run};

fn fx(name: &str) -> PathBuf {
    fixtures_dir().join("phase").join(name)
}

/// (fixture, phase, extra flags).
const CASES: &[(&str, &str, &[&str])] = &[
    ("five-column-table", "2", &[]),
    ("unscaffolded-later-phases", "2", &[]),
    ("unscaffolded-later-phases", "2", &["--advance"]),
    ("out-of-order", "2", &[]),
    ("out-of-order", "2", &["--advance"]),
    ("decimal-phases", "2.1", &[]),
    ("decimal-phases", "02.1", &["--advance"]),
    ("letter-phases", "12a", &["--advance"]),
    ("milestone-sections", "5", &[]),
    ("milestone-sections", "5", &["--advance"]),
    ("unfinished-plans", "2", &["--force"]),
];

fn snapshot_name(fixture: &str, phase: &str, flags: &[&str]) -> String {
    let mut name = format!("{fixture}__{phase}");
    for f in flags {
        name.push_str(&f.replace("--", "__"));
    }
    name
}

/// Every `.md` file under `.planning/`, by relative path.
pub(crate) fn files(p: &Project) -> BTreeMap<String, String> {
    crate::support::planning_files(p, true)
}

/// Findings per rule code.
pub(crate) fn check_codes(p: &Project) -> BTreeMap<String, usize> {
    let (_, stdout, stderr) = run(p.gsd().args(["check", "--format", "json"]));
    let v: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let mut out = BTreeMap::new();
    for d in v["diagnostics"].as_array().unwrap() {
        *out.entry(d["code"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    out
}

#[test]
fn dry_run_diffs() {
    for (fixture, phase, flags) in CASES {
        let p = Project::copy_of(&fx(fixture));
        let before = files(&p);
        let (code, stdout, stderr) = run(p
            .gsd()
            .arg("--dry-run")
            .args(["phase", "complete", phase])
            .args(*flags));
        assert_eq!(files(&p), before, "{fixture}: --dry-run wrote a file");
        insta::assert_snapshot!(
            snapshot_name(fixture, phase, flags),
            format!("exit {code}\n{stderr}{stdout}")
        );
    }
}

#[test]
fn complete_is_idempotent_and_check_finds_nothing_new() {
    for (fixture, phase, flags) in CASES {
        let p = Project::copy_of(&fx(fixture));
        let findings_before = check_codes(&p);
        let (code, _, stderr) = run(p.gsd().args(["phase", "complete", phase]).args(*flags));
        assert_eq!(code, 0, "{fixture} {phase} {flags:?}: {stderr}");
        let once = files(&p);
        let (code, stdout, stderr) = run(p.gsd().args(["phase", "complete", phase]).args(*flags));
        assert_eq!(code, 0, "{fixture} second run: {stderr}");
        assert_eq!(
            files(&p),
            once,
            "{fixture} {flags:?}: a second run changed files"
        );
        assert!(
            stdout.contains("already complete"),
            "{fixture} second run said: {stdout}"
        );
        // A second run on a later day changes nothing either (no fresh date).
        let (_, _, _) = run(p
            .gsd()
            .env("GSD_NOW", "2026-03-01T09:00:00Z")
            .args(["phase", "complete", phase])
            .args(*flags));
        assert_eq!(files(&p), once, "{fixture}: a later run rewrote a date");
        // `--force` declares plans done that have no SUMMARY: the counters that disagree
        // with that afterwards are real findings.
        if flags.contains(&"--force") {
            continue;
        }
        let findings_after = check_codes(&p);
        for (rule, n) in &findings_after {
            let was = findings_before.get(rule).copied().unwrap_or(0);
            assert!(
                *n <= was,
                "{fixture} {phase} {flags:?}: gsd check finds {n} × {rule} after, {was} before"
            );
        }
    }
}

#[test]
fn plans_without_a_summary_are_refused_and_nothing_is_written() {
    let p = Project::copy_of(&fx("unfinished-plans"));
    let before = files(&p);
    let (code, _, stderr) = run(p.gsd().args(["phase", "complete", "2"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("02-02, 02-03"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(files(&p), before);
}

#[test]
fn unknown_and_malformed_phases_are_errors() {
    let p = Project::copy_of(&fx("five-column-table"));
    let before = files(&p);
    let (code, _, stderr) = run(p.gsd().args(["phase", "complete", "9"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("phase 9 is not in this project"),
        "{stderr}"
    );
    let (code, _, stderr) = run(p.gsd().args(["phase", "complete", "two"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a phase number"), "{stderr}");
    assert_eq!(files(&p), before);
}

#[test]
fn advance_skips_phases_finished_out_of_order_and_reaches_unscaffolded_ones() {
    let p = Project::copy_of(&fx("out-of-order"));
    let (code, _, stderr) = run(p.gsd().args(["phase", "complete", "2", "--advance"]));
    assert_eq!(code, 0, "{stderr}");
    let state = p.read("STATE.md");
    assert!(state.contains("Phase: 4 of 4 (Reports)"), "{state}");

    let p = Project::copy_of(&fx("unscaffolded-later-phases"));
    let (code, _, stderr) = run(p.gsd().args(["phase", "complete", "2", "--advance"]));
    assert_eq!(code, 0, "{stderr}");
    let state = p.read("STATE.md");
    assert!(state.contains("Phase: 3 of 4 (Sharing)"), "{state}");
    assert!(state.contains("Status: Ready to plan"), "{state}");
}

#[test]
fn the_last_phase_of_a_milestone_completes_the_milestone_with_advance() {
    let p = Project::copy_of(&fx("milestone-sections"));
    let (code, _, stderr) = run(p.gsd().args(["phase", "complete", "5", "--advance"]));
    assert_eq!(code, 0, "{stderr}");
    let state = p.read("STATE.md");
    assert!(state.contains("Status: Milestone complete"), "{state}");
    assert!(state.contains("Phase: 5 of 5"), "{state}");
    assert!(state.contains("completed_phases: 2"), "{state}");
}

// ----------------------------------------------------------------------------------------
// `gsd next` and `gsd roadmap show`
// ----------------------------------------------------------------------------------------

/// `gsd next --json` of a project: (route, phase, plan).
fn route(p: &Project) -> (String, Option<String>, Option<String>) {
    let (code, stdout, stderr) = run(p.gsd().args(["next", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let s = |k: &str| v[k].as_str().map(str::to_string);
    (s("route").unwrap(), s("phase"), s("plan"))
}

#[test]
fn next_walks_the_lifecycle() {
    // A plan with a PLAN file and no SUMMARY: execute it.
    let p = Project::copy_of(&fixtures_dir().join("../examples/demo"));
    assert_eq!(
        route(&p),
        (
            "execute-plan".into(),
            Some("2".into()),
            Some("02-02".into())
        )
    );
    // Every plan done, the phase not marked: complete it; then plan the next one.
    let p = Project::copy_of(&fx("five-column-table"));
    assert_eq!(route(&p), ("complete-phase".into(), Some("2".into()), None));
    run(p.gsd().args(["phase", "complete", "2"]));
    assert_eq!(route(&p), ("plan-phase".into(), Some("3".into()), None));
    // A project that keeps CONTEXT files discusses a phase before planning it.
    p.write("phases/02-checkout/02-CONTEXT.md", "# Context\n");
    assert_eq!(route(&p), ("discuss-phase".into(), Some("3".into()), None));
    // The last phase of the milestone: complete the milestone; once shipped, start the next.
    let p = Project::copy_of(&fx("milestone-sections"));
    run(p.gsd().args(["phase", "complete", "5", "--advance"]));
    assert_eq!(route(&p).0, "new-milestone");
    let p = Project::copy_of(&fx("milestone-sections"));
    run(p.gsd().args(["phase", "complete", "5"]));
    assert_eq!(
        route(&p),
        ("complete-milestone".into(), Some("5".into()), None)
    );
}

#[test]
fn next_asks_for_verification_only_where_the_project_verifies() {
    let p = Project::copy_of(&fx("unscaffolded-later-phases"));
    assert_eq!(route(&p), ("complete-phase".into(), Some("2".into()), None));
    p.write("phases/01-storage/01-VERIFICATION.md", "status: passed\n");
    assert_eq!(route(&p), ("verify-phase".into(), Some("2".into()), None));
    p.write("phases/02-accounts/02-UAT.md", "# UAT\n");
    assert_eq!(route(&p), ("complete-phase".into(), Some("2".into()), None));
}

#[test]
fn next_and_roadmap_show_on_every_tree() {
    let mut trees = crate::ops_support::all_trees();
    for name in [
        "five-column-table",
        "unscaffolded-later-phases",
        "out-of-order",
        "decimal-phases",
        "milestone-sections",
        "unfinished-plans",
        "letter-phases",
    ] {
        trees.push((format!("phase__{name}"), fx(name)));
    }
    let mut human = String::new();
    for (name, root) in trees {
        let p = Project::copy_of(&root);
        let (code, stdout, stderr) = run(p.gsd().args(["next", "--json"]));
        assert_eq!(code, 0, "{name}: {stderr}");
        let v: Value = serde_json::from_str(&stdout).unwrap();
        let routes = v["routes"].as_array().unwrap();
        assert!(routes.contains(&v["route"]), "{name}: {}", v["route"]);
        assert!(!v["reason"].as_str().unwrap().is_empty(), "{name}");
        let (code, _, stderr) = run(p.gsd().args(["roadmap", "show", "--json"]));
        assert_eq!(code, 0, "{name}: {stderr}");
        if name.starts_with("phase__") {
            let (_, next, _) = run(p.gsd().arg("next"));
            let (_, show, _) = run(p.gsd().args(["roadmap", "show"]));
            human.push_str(&format!(
                "==== {name}: gsd next\n{next}==== gsd roadmap show\n{show}"
            ));
        }
    }
    insta::assert_snapshot!("next_and_roadmap_show", human);
}

// ----------------------------------------------------------------------------------------
// `gsd phase plan` and `gsd requirements done`
// ----------------------------------------------------------------------------------------

#[test]
fn phase_plan_lists_the_plan_files_and_readies_the_phase() {
    let p = Project::copy_of(&fx("unscaffolded-later-phases"));
    run(p.gsd().args(["phase", "complete", "2"]));
    p.write(
        "phases/03-sharing/03-01-PLAN.md",
        "# Plan 03-01: Share links\n",
    );
    p.write(
        "phases/03-sharing/03-02-PLAN.md",
        "---\nphase: 3\n---\n<objective>\nRevoke links.\n</objective>\n",
    );
    let (code, diff, stderr) = run(p.gsd().args(["--dry-run", "phase", "plan", "3"]));
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("phase_plan_3", diff);
    let (code, _, stderr) = run(p.gsd().args(["phase", "planned-phase", "3"]));
    assert_eq!(code, 0, "{stderr}");
    let once = files(&p);
    let (_, stdout, _) = run(p.gsd().args(["phase", "plan", "3"]));
    assert!(stdout.contains("already records its 2 plans"), "{stdout}");
    assert_eq!(files(&p), once);
    assert_eq!(
        route(&p),
        (
            "execute-plan".into(),
            Some("3".into()),
            Some("03-01".into())
        )
    );
}

#[test]
fn phase_plan_adds_missing_plans_in_the_lists_own_shape() {
    let p = Project::copy_of(&fx("five-column-table"));
    p.write("phases/02-checkout/02-03-PLAN.md", "# 02-03 — Refunds\n");
    // Phase 2 is complete by its SUMMARY files until 02-03 exists; now it is not.
    let (code, diff, stderr) = run(p.gsd().args(["--dry-run", "phase", "plan", "2"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(diff.contains("+- [ ] 02-03-PLAN.md — Refunds"), "{diff}");
    assert!(diff.contains("+**Plans**: 2/3 plans complete"), "{diff}");
}

#[test]
fn phase_plan_without_plan_files_is_an_error() {
    let p = Project::copy_of(&fx("unscaffolded-later-phases"));
    let before = files(&p);
    let (code, _, stderr) = run(p.gsd().args(["phase", "plan", "3"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("phase 3 has no PLAN files yet"), "{stderr}");
    assert_eq!(files(&p), before);
}

#[test]
fn requirements_done_ticks_and_traces() {
    let p = Project::copy_of(&fx("unscaffolded-later-phases"));
    let (code, diff, stderr) = run(p
        .gsd()
        .args(["--dry-run", "requirements", "done", "share-01"]));
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("requirements_done_share_01", diff);
    let before = files(&p);
    let (code, _, stderr) =
        run(p
            .gsd()
            .args(["requirements", "mark-complete", "SHARE-01", "NOPE-9"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("no requirement NOPE-9"), "{stderr}");
    assert_eq!(files(&p), before, "an unknown id writes nothing");
    let (code, stdout, _) = run(p.gsd().args(["requirements", "done", "STORE-01"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("already complete"), "{stdout}");
    // A pipe inside a requirement's text does not shift the table's cells.
    let (code, _, _) = run(p.gsd().args(["requirements", "done", "AUTH-02"]));
    assert_eq!(code, 0);
    assert!(
        p.read("REQUIREMENTS.md")
            .contains("| AUTH-02 | Phase 2 | Complete |")
    );
}

// ----------------------------------------------------------------------------------------
// Properties: REQUIREMENTS.md reading and editing never panic and touch only their lines
// ----------------------------------------------------------------------------------------

mod requirements_props {
    use gsd::model::ids::PhaseNum;
    use gsd::model::requirements::Requirements;
    use gsd::source::Source;
    use proptest::prelude::*;

    /// Lines real REQUIREMENTS.md files are made of, and some that are not.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("## Traceability".to_string()),
            Just("| Requirement | Phase | Status |".to_string()),
            Just("|---|---|---|".to_string()),
            (
                1u8..4,
                1u8..30,
                prop_oneof![
                    Just("Pending"),
                    Just("Complete"),
                    Just("In Progress"),
                    Just("")
                ]
            )
                .prop_map(|(p, n, s)| format!("| AUTH-{n:02} | Phase {p} | {s} |")),
            (1u8..30, any::<bool>()).prop_map(|(n, done)| format!(
                "- [{}] **AUTH-{n:02}**: User can do thing {n}",
                if done { "x" } else { " " }
            )),
            "[ -~|*`\\[\\]ÃØ—✓]{0,40}",
            Just(String::new()),
            Just("```".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn parse_and_phase_edits_never_panic_and_keep_other_lines(
            lines in proptest::collection::vec(line(), 0..30),
            crlf in any::<bool>(),
            phase in 1u8..4,
        ) {
            let eol = if crlf { "\r\n" } else { "\n" };
            let text = lines.join(eol);
            let reqs = Requirements::parse(Source::new("REQUIREMENTS.md", text.clone()));
            let n = PhaseNum::parse(&phase.to_string()).unwrap();
            let ids = reqs.ids_of_phase(&n);
            let edits = gsd::ops::requirements::requirement_edits(&reqs, &ids);
            let mut set = gsd::edit::EditSet::new();
            set.extend(edits);
            let new = set.apply(&text).expect("requirement edits never overlap");
            let old: Vec<&str> = text.split(eol).collect();
            let got: Vec<&str> = new.split(eol).collect();
            prop_assert_eq!(old.len(), got.len(), "no line added or removed");
            for (a, b) in old.iter().zip(&got) {
                if a != b {
                    // Only a requirement of the phase changes: its box or its status cell.
                    prop_assert!(ids.iter().any(|id| a.contains(id.as_str())), "{:?} -> {:?}", a, b);
                }
            }
            // A second pass over the result changes nothing.
            let again = Requirements::parse(Source::new("REQUIREMENTS.md", new.clone()));
            let edits = gsd::ops::requirements::requirement_edits(&again, &again.ids_of_phase(&n));
            let mut set = gsd::edit::EditSet::new();
            set.extend(edits);
            prop_assert_eq!(set.apply(&new).unwrap(), new);
        }
    }
}

// ----------------------------------------------------------------------------------------
// STATE.md alone: its own counters are the only record
// ----------------------------------------------------------------------------------------

const STATE_ONLY: &str = "# Project State\n\n## Current Position\n\nPhase: 2 of 3 (API)\nPlan: 1 of 2\nStatus: In progress\nLast activity: 2026-01-30 — Completed 02-01-PLAN.md\n\nProgress: [████░░░░░░] 40% (2/5 plans)\n";

#[test]
fn state_only_projects_route_and_complete_from_states_counters() {
    let p = Project::empty();
    p.write("STATE.md", STATE_ONLY);
    assert_eq!(
        route(&p),
        (
            "execute-plan".into(),
            Some("2".into()),
            Some("02-02".into())
        )
    );
    // 1 of 2 done: a plan remains, so the phase is not complete.
    let (code, _, stderr) = run(p.gsd().args(["phase", "complete", "2"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("02-02"), "{stderr}");
    // Forced, the phase is recorded; the plans tally gains no plan (none was finished now).
    let (code, _, stderr) = run(p.gsd().args(["phase", "complete", "2", "--force"]));
    assert_eq!(code, 0, "{stderr}");
    let state = p.read("STATE.md");
    assert!(state.contains("(2/5 plans)"), "{state}");
    assert!(state.contains("Status: Phase complete"), "{state}");
    // A phase nothing records as started is refused.
    let p = Project::empty();
    p.write(
        "STATE.md",
        &STATE_ONLY.replace("Plan: 1 of 2", "Plan: 0 of TBD"),
    );
    let (code, _, stderr) = run(p.gsd().args(["phase", "complete", "2"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no plan recorded as done"), "{stderr}");
}
