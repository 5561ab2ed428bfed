//! `gsd state show` and `--json` for every fixture, as insta snapshots.

use crate::support::{Project, run, state_fixtures};

/// The empty fixture is refused: there is nothing to show (`STATE.md is empty`, exit 2).
fn refused_as_empty(name: &str, code: i32, stderr: &str) -> bool {
    if name != "variants__empty-file" {
        return false;
    }
    assert_eq!(code, 2, "{name}: {stderr}");
    assert!(stderr.contains("STATE.md is empty"), "{stderr}");
    true
}

#[test]
fn show_json_for_every_fixture() {
    for (name, path) in state_fixtures() {
        let project = Project::with_state(&path);
        let (code, stdout, stderr) = run(project.gsd().args(["state", "show", "--json"]));
        if refused_as_empty(&name, code, &stderr) {
            continue;
        }
        assert_eq!(code, 0, "{name}: {stderr}");
        let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        insta::assert_json_snapshot!(format!("show_json__{name}"), value);
    }
}

#[test]
fn show_human_for_every_fixture() {
    for (name, path) in state_fixtures() {
        let project = Project::with_state(&path);
        let (code, stdout, stderr) = run(project.gsd().args(["state", "show"]));
        if refused_as_empty(&name, code, &stderr) {
            continue;
        }
        assert_eq!(code, 0, "{name}: {stderr}");
        insta::assert_snapshot!(format!("show_human__{name}"), stdout);
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let seed = crate::support::fixtures_dir().join("seeds/000.md");
    let project = Project::with_state(&seed);
    // `--color always` paints; the default (auto) on a pipe does not; NO_COLOR wins over auto.
    let (_, painted, _) = run(project.gsd().args(["--color", "always", "state", "show"]));
    assert!(painted.contains('\u{1b}'), "{painted}");
    let (_, auto, _) = run(project.gsd().env_remove("NO_COLOR").args(["state", "show"]));
    assert!(!auto.contains('\u{1b}'), "{auto}");
    let (_, never, _) = run(project.gsd().args(["--color", "auto", "state", "show"]));
    assert!(!never.contains('\u{1b}'));
    // The JSON form never carries colour.
    let (_, json, _) = run(project
        .gsd()
        .args(["--color", "always", "state", "show", "--json"]));
    assert!(!json.contains('\u{1b}'));
}

#[test]
fn show_and_get_agree_on_new_keys() {
    let path = crate::support::fixtures_dir().join("variants/bytes-bom.md");
    let project = Project::with_state(&path);
    let (code, out, _) = run(project
        .gsd()
        .args(["state", "get", "position.phase_status"]));
    assert_eq!((code, out.as_str()), (0, "EXECUTING\n"));
    let (code, out, _) = run(project.gsd().args(["state", "get", "phase"]));
    assert_eq!((code, out.as_str()), (0, "01\n"));
}

/// `gsd state ledger` on every whole-tree fixture: the human report and the JSON, both from
/// the one ledger, and the JSON's totals equal to what the library's ledger counts.
#[test]
fn ledger_for_every_tree() {
    for (name, root) in crate::ops_support::ops_trees() {
        let mut cmd = crate::support::gsd();
        cmd.arg("-C").arg(&root).args(["state", "ledger"]);
        let (code, human, stderr) = run(&mut cmd);
        assert_eq!(code, 0, "{name}: {stderr}");
        insta::assert_snapshot!(format!("ledger_human__{name}"), human);
        let mut cmd = crate::support::gsd();
        cmd.arg("-C").arg(&root).args(["state", "ledger", "--json"]);
        let (code, json, stderr) = run(&mut cmd);
        assert_eq!(code, 0, "{name}: {stderr}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let ws = crate::ops_support::tree(&root);
        let ledger = gsd::ledger::Ledger::build(&ws, None);
        let want = ledger.counts(&gsd::ledger::Scope::PROJECT_PLANS);
        let got = value["plans"]
            .as_object()
            .map(|o| (o["done"].as_u64().unwrap(), o["total"].as_u64().unwrap()));
        assert_eq!(got, want, "{name}");
        insta::assert_json_snapshot!(format!("ledger_json__{name}"), value);
    }
}
