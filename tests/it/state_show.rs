//! `gsd state show` and `--json` for every fixture, as insta snapshots.

use crate::support::{Project, run, state_fixtures};

#[test]
fn show_json_for_every_fixture() {
    for (name, path) in state_fixtures() {
        let project = Project::with_state(&path);
        let (code, stdout, stderr) = run(project.gsd().args(["state", "show", "--json"]));
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
        assert_eq!(code, 0, "{name}: {stderr}");
        insta::assert_snapshot!(format!("show_human__{name}"), stdout);
    }
}
