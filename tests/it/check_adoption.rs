//! Adopting `gsd check` without a red day: rule selection on the command line and in
//! `gsd.toml`, per-rule severity, baselines, `-q`, and file-wide ignore comments.

use serde_json::Value;

use crate::support::{Project, copy_dir, fixtures_dir, run};
use crate::transcript::files;

/// A `gsd.toml` that pins what these tests rely on, whatever the rules' own defaults are
/// (style rules off by default, metric drift a warning): GSD205 selected, GSD101 and GSD203
/// errors. `check_keys` go in its `[check]` table.
fn pinned(check_keys: &str) -> String {
    format!(
        "[check]\nextend-select = [\"GSD205\"]\n{check_keys}\n[check.severity]\nGSD101 = \"error\"\nGSD203 = \"error\"\n"
    )
}

/// The check fixtures' base project with three findings: a wrong bar (GSD101), a wrong
/// average (GSD203) and six recent durations (GSD205, a warning), and a [`pinned`] config
/// making the first two errors.
pub fn three_findings() -> Project {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &fixtures_dir().join("check/base/.planning"),
        &dir.path().join(".planning"),
    );
    let p = Project { dir };
    let state = p
        .read("STATE.md")
        .replace("[█████░░░░░] 50%", "[███████░░░] 50%")
        .replace("- Average duration: 6 min", "- Average duration: 8 min")
        .replace(
            "- Last 5 plans: 12min, 3min, 3min",
            "- Last 5 plans: 9min, 8min, 7min, 12min, 3min, 3min",
        );
    p.write("STATE.md", &state);
    p.write("gsd.toml", &pinned(""));
    p
}

/// `gsd check --format json` with `args` after it: exit code, codes found, the document.
fn check(p: &Project, args: &[&str]) -> (i32, Vec<String>, Value) {
    let (code, out, err) = run(p.gsd().args(["check", "--format", "json"]).args(args));
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let codes = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    (code, codes, json)
}

#[test]
fn without_a_config_the_rules_defaults_apply() {
    let p = three_findings();
    std::fs::remove_file(p.planning().join("gsd.toml")).unwrap();
    let (code, found, _) = check(&p, &[]);
    let rules: Vec<_> = ["GSD101", "GSD203", "GSD205"]
        .iter()
        .map(|c| gsd::check::rule(c).unwrap())
        .collect();
    let on: Vec<&str> = rules
        .iter()
        .filter(|r| r.on_by_default)
        .map(|r| r.code)
        .collect();
    assert_eq!(found, on);
    let errors = rules
        .iter()
        .any(|r| r.on_by_default && r.severity == gsd::check::Severity::Error);
    assert_eq!(code, i32::from(errors));
    // Named, every rule runs, off by default or not.
    assert_eq!(
        check(&p, &["--select", "GSD101,GSD203,GSD205"]).1,
        ["GSD101", "GSD203", "GSD205"]
    );
}

#[test]
fn select_ignore_and_extend_select_on_the_command_line() {
    let p = three_findings();
    assert_eq!(check(&p, &[]).1, ["GSD101", "GSD203", "GSD205"]);
    assert_eq!(check(&p, &["--select", "GSD2"]).1, ["GSD203", "GSD205"]);
    assert_eq!(check(&p, &["--select", "gsd20"]).1, ["GSD203", "GSD205"]);
    assert_eq!(
        check(&p, &["--select", "GSD101,GSD205"]).1,
        ["GSD101", "GSD205"]
    );
    // A rule name selects like its code.
    let name = gsd::check::rule("GSD203").unwrap().name;
    assert_eq!(check(&p, &["--select", name]).1, ["GSD203"]);
    // The more specific selector wins.
    let (code, found, _) = check(&p, &["--select", "GSD2", "--ignore", "GSD203"]);
    assert_eq!((code, found), (0, vec!["GSD205".to_string()]));
    assert_eq!(
        check(&p, &["--ignore", "GSD2", "--extend-select", "GSD203"]).1,
        ["GSD101", "GSD203"]
    );
    assert_eq!(check(&p, &["--ignore", "ALL"]).1, Vec::<String>::new());
}

#[test]
fn a_selector_that_matches_no_rule_is_refused() {
    let p = three_findings();
    for bad in ["GSD9", "E501", "not-a-rule"] {
        let (code, out, err) = run(p.gsd().args(["check", "--ignore", bad]));
        assert_eq!(code, 2, "{bad}: {out}");
        assert!(err.contains(bad) && err.contains("gsd rule"), "{err}");
    }
}

#[test]
fn config_file_selects_and_sets_severity_and_flags_override_it() {
    let p = three_findings();
    p.write(
        "gsd.toml",
        "# gsd check settings\n[check]\nextend-select = [\"GSD205\"]\nignore = [\"GSD101\"]\n\n[check.severity]\nGSD205 = \"error\"\nGSD203 = \"warning\"\n",
    );
    let (code, found, json) = check(&p, &[]);
    assert_eq!(found, ["GSD203", "GSD205"]);
    assert_eq!(code, 1, "GSD205 is an error now");
    let severity = |i: usize| {
        json["diagnostics"][i]["severity"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        (severity(0), severity(1)),
        ("warning".into(), "error".into())
    );
    // The human and SARIF outputs say the same.
    let (_, human, _) = run(p.gsd().arg("check"));
    assert!(
        human.contains("error[GSD205]") && human.contains("warning[GSD203]"),
        "{human}"
    );
    // The command line comes after the config: --extend-select brings GSD101 back,
    // --select starts over.
    assert_eq!(
        check(&p, &["--extend-select", "GSD101"]).1,
        ["GSD101", "GSD203", "GSD205"]
    );
    assert_eq!(check(&p, &["--select", "GSD1"]).1, ["GSD101"]);
    // gsd.toml beside .planning/ is read the same way.
    std::fs::rename(p.planning().join("gsd.toml"), p.root().join("gsd.toml")).unwrap();
    assert_eq!(check(&p, &[]).1, ["GSD203", "GSD205"]);
}

#[test]
fn a_bad_config_is_a_clear_error_and_writes_nothing() {
    let p = three_findings();
    let cases = [
        (
            "[check]\nselct = [\"GSD1\"]\n",
            ".planning/gsd.toml:2:1: unknown field `selct`",
        ),
        (
            "[check]\nignore = [\"GSD101\", \"GSD999\"]\n",
            ".planning/gsd.toml:2:21: no rule matches `GSD999`",
        ),
        (
            "[check.severity]\nGSD101 = \"fatal\"\n",
            ".planning/gsd.toml:2:10: `fatal` is not a severity",
        ),
        ("[check\n", ".planning/gsd.toml:1:"),
    ];
    for (toml, want) in cases {
        p.write("gsd.toml", toml);
        let before = files(p.root());
        let (code, _, err) = run(p.gsd().args(["check", "--fix"]));
        assert_eq!(code, 2, "{toml}");
        assert!(err.contains(want), "{toml}: {err}");
        assert!(err.contains("hint:"), "{err}");
        assert_eq!(files(p.root()), before, "{toml}: files changed");
    }
    // Two config files: which one counts would be a guess.
    p.write("gsd.toml", &pinned(""));
    std::fs::write(p.root().join("gsd.toml"), "[check]\n").unwrap();
    let (code, _, err) = run(p.gsd().arg("check"));
    assert_eq!(code, 2);
    assert!(err.contains("two config files"), "{err}");
}

#[test]
fn fix_only_fixes_selected_rules() {
    let p = three_findings();
    let before = p.read("STATE.md");
    let (code, _, err) = run(p.gsd().args(["check", "--fix", "--select", "GSD205"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(p.read("STATE.md"), before);
    run(p.gsd().args(["check", "--fix", "--ignore", "GSD101"]));
    let after = p.read("STATE.md");
    assert!(after.contains("[███████░░░] 50%") && after.contains("Average duration: 6 min"));
}

#[test]
fn baseline_reports_only_new_findings() {
    let p = three_findings();
    let (code, _, err) = run(p.gsd().args(["check", "--write-baseline"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "gsd: wrote 3 findings to .planning/gsd-baseline.json; `gsd check` now reports only new ones\n"
    );
    let baseline: Value = serde_json::from_str(&p.read("gsd-baseline.json")).unwrap();
    assert_eq!(baseline["findings"].as_array().unwrap().len(), 3);
    assert!(!p.read("gsd-baseline.json").contains("\"line\""));
    let (code, out, _) = run(p.gsd().arg("check"));
    assert_eq!(code, 0);
    assert_eq!(out, "All checks passed: no new problems (3 baselined).\n");
    // Lines move and counts change: still the same findings.
    let state = p
        .read("STATE.md")
        .replace(
            "## Current Position\n",
            "## Current Position\n\n<!-- moved -->\n",
        )
        .replace("- Average duration: 8 min", "- Average duration: 9 min");
    p.write("STATE.md", &state);
    let (code, found, json) = check(&p, &[]);
    assert_eq!((code, found.len()), (0, 0), "{json}");
    assert_eq!(json["summary"]["baselined"], 3);
    // A new finding is reported, and only it.
    p.write(
        "STATE.md",
        &p.read("STATE.md")
            .replace("- Total plans completed: 3", "- Total plans completed: 4"),
    );
    let (code, found, json) = check(&p, &[]);
    assert!(!found.is_empty(), "{json}");
    assert!(
        found
            .iter()
            .all(|c| !["GSD101", "GSD203", "GSD205"].contains(&c.as_str()))
    );
    assert_eq!(code, i32::from(json["summary"]["errors"] != 0));
    let (_, out, _) = run(p.gsd().arg("check"));
    assert!(out.ends_with("; 3 baselined.\n"), "{out}");
    // --no-baseline shows everything.
    assert!(check(&p, &["--no-baseline"]).1.len() >= 4);
}

#[test]
fn baseline_paths_dry_run_and_bad_files() {
    let p = three_findings();
    // --dry-run shows the file it would write, and writes nothing.
    let (code, out, _) = run(p.gsd().args(["--dry-run", "check", "--write-baseline"]));
    assert_eq!(code, 0);
    assert!(out.contains("+++ b/.planning/gsd-baseline.json"), "{out}");
    assert!(out.contains("+      \"code\": \"GSD101\","), "{out}");
    assert!(!p.planning().join("gsd-baseline.json").exists());
    // A path of one's own, read with --baseline (relative to -C like other paths).
    let (code, _, err) = run(p.gsd().args(["check", "--write-baseline", "ci/base.json"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("to ci/base.json"), "{err}");
    assert_eq!(check(&p, &[]).1.len(), 3);
    let (_, found, json) = check(&p, &["--baseline", "ci/base.json"]);
    assert!(found.is_empty(), "{json}");
    // The config's `baseline` is where --write-baseline writes and where check reads.
    p.write("gsd.toml", &pinned("baseline = \"ci/team.json\"\n"));
    assert_eq!(check(&p, &[]).1.len(), 3, "not written yet: every finding");
    let (code, _, err) = run(p.gsd().args(["check", "--baseline", "ci/none.json"]));
    assert_eq!(code, 2);
    assert!(err.contains("no baseline at ci/none.json"), "{err}");
    run(p.gsd().args(["check", "--write-baseline"]));
    assert!(p.root().join("ci/team.json").exists());
    assert!(check(&p, &[]).1.is_empty());
    // A broken baseline is an error with its position.
    std::fs::write(
        p.root().join("ci/team.json"),
        "{\"version\": 1,\n \"findings\": 3}\n",
    )
    .unwrap();
    let (code, _, err) = run(p.gsd().arg("check"));
    assert_eq!(code, 2);
    assert!(err.contains("ci/team.json:2:"), "{err}");
    assert!(
        err.contains("hint: rewrite it with `gsd check --write-baseline`"),
        "{err}"
    );
}

#[test]
fn quiet_hides_warnings() {
    let p = three_findings();
    let (code, out, _) = run(p.gsd().args(["-q", "check"]));
    assert_eq!(code, 1);
    assert!(!out.contains("GSD205"), "{out}");
    assert!(out.ends_with("; 1 warning hidden by -q.\n"), "{out}");
    let (_, found, json) = check(&p, &["-q"]);
    assert_eq!(found, ["GSD101", "GSD203"]);
    assert_eq!(json["summary"]["hidden_warnings"], 1);
    // Only warnings: nothing to say.
    let (code, out, err) = run(p.gsd().args(["-q", "check", "--select", "GSD205"]));
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
}

#[test]
fn ignore_file_comments_silence_a_rule_in_the_whole_file() {
    let p = three_findings();
    let state = p.read("STATE.md").replacen(
        "# Project State\n",
        "# Project State\n<!-- gsd-ignore-file GSD101, GSD205 -->\n",
        1,
    );
    p.write("STATE.md", &state);
    assert_eq!(check(&p, &[]).1, ["GSD203"]);
    // Without codes: every rule.
    p.write(
        "STATE.md",
        &state.replace("gsd-ignore-file GSD101, GSD205", "gsd-ignore-file"),
    );
    assert!(check(&p, &[]).1.is_empty());
}

#[test]
fn the_readme_config_example_is_a_valid_config() {
    let readme = std::fs::read_to_string(fixtures_dir().join("../README.md")).unwrap();
    let start = readme.find("```toml\n[check]").expect("a gsd.toml example") + 8;
    let len = readme[start..].find("```").unwrap();
    let p = three_findings();
    p.write("gsd.toml", &readme[start..start + len]);
    let (code, out, err) = run(p.gsd().arg("check"));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("error[GSD203]"), "{out}");
}
