//! `gsd check` on real files and as a CLI: the seeds, the demo project, suppression,
//! skipping rules whose file is missing, exit codes, and `gsd rule`.

use crate::check_rules::project;
use crate::support::{Project, fixtures_dir, gsd, run};

fn seed(n: &str) -> Project {
    Project::with_state(&fixtures_dir().join(format!("seeds/{n}.md")))
}

#[test]
fn consistent_seeds_check_clean_alone() {
    for n in ["000", "001"] {
        let (code, stdout, stderr) = run(seed(n).gsd().arg("check"));
        assert_eq!(code, 0, "seed {n}: {stdout}{stderr}");
        assert_eq!(stdout, "All checks passed: no problems found.\n");
    }
}

#[test]
fn the_demo_project_checks_clean() {
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let (code, stdout, _) = run(gsd().arg("-C").arg(&demo).arg("check"));
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn seed_002_average_is_reported_at_its_line() {
    let p = seed("002");
    let (code, stdout, _) = run(p.gsd().args(["check", "--format", "json"]));
    // Derived-metric drift is a warning: reported, exit 0.
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{stdout}");
    let d = &diags[0];
    assert_eq!(d["code"], "GSD203");
    assert_eq!(
        (d["start"]["line"].as_u64(), d["start"]["column"].as_u64()),
        (Some(23), Some(21))
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("200 min over 8 plans (25 min)")
    );
    let (_, human, _) = run(p.gsd().arg("check"));
    insta::assert_snapshot!("check_seed_002_human", human);
}

#[test]
fn fix_then_check_leaves_nothing_fixable_on_the_seeds() {
    for n in ["002", "004"] {
        let p = seed(n);
        run(p.gsd().args(["check", "--fix"]));
        let (_, stdout, _) = run(p.gsd().args(["check", "--format", "json"]));
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(json["summary"]["fixable"], 0, "seed {n}: {stdout}");
    }
}

#[test]
fn inline_comments_suppress_a_rule() {
    let dir = fixtures_dir().join("check/GSD203-average-duration-mismatch");
    for (from, to) in [
        (
            "- Average duration: 8 min\n",
            "<!-- gsd-ignore GSD203 -->\n- Average duration: 8 min\n",
        ),
        (
            "- Average duration: 8 min\n",
            "- Average duration: 8 min <!-- gsd-ignore GSD203 -->\n",
        ),
    ] {
        let p = project(&dir, "fail");
        p.write("STATE.md", &p.read("STATE.md").replace(from, to));
        let (code, stdout, _) = run(p.gsd().arg("check"));
        assert_eq!(code, 0, "{stdout}");
        assert!(!stdout.contains("GSD203"), "{stdout}");
    }
    // Another rule's code does not silence it.
    let p = project(&dir, "fail");
    p.write(
        "STATE.md",
        &p.read("STATE.md").replace(
            "- Average duration: 8 min\n",
            "<!-- gsd-ignore GSD101 -->\n- Average duration: 8 min\n",
        ),
    );
    assert!(run(p.gsd().arg("check")).1.contains("GSD203"));
}

#[test]
fn rules_needing_a_missing_file_are_skipped() {
    // GSD106 compares with ROADMAP.md; without it the same STATE.md is clean.
    let dir = fixtures_dir().join("check/GSD106-phase-total-mismatch");
    let with_roadmap = project(&dir, "fail");
    let alone = Project::empty();
    alone.write("STATE.md", &with_roadmap.read("STATE.md"));
    assert!(run(with_roadmap.gsd().arg("check")).1.contains("GSD106"));
    let (code, stdout, _) = run(alone.gsd().arg("check"));
    assert_eq!(code, 0, "{stdout}");
    assert!(!stdout.contains("GSD106"), "{stdout}");
}

#[test]
fn exit_codes() {
    // An error (the files disagree about what is done) fails the check.
    let dir = fixtures_dir().join("check/GSD403-ticked-plan-without-summary");
    let p = project(&dir, "fail");
    assert_eq!(run(p.gsd().arg("check")).0, 1);
    assert_eq!(run(p.gsd().args(["check", "--exit-zero"])).0, 0);
    // Warnings alone do not fail the check.
    let w = project(
        &fixtures_dir().join("check/GSD205-too-many-recent-durations"),
        "fail",
    );
    assert_eq!(run(w.gsd().arg("check")).0, 0);
    // Could not check: no STATE.md.
    let (code, _, stderr) = run(Project::empty().gsd().arg("check"));
    assert_eq!(code, 2);
    assert!(stderr.contains("STATE.md"), "{stderr}");
}

#[test]
fn rule_explains_a_rule_and_lists_all() {
    let (code, stdout, _) = run(gsd().args(["rule", "GSD203"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("rule_GSD203", stdout);
    let (code, by_name, _) = run(gsd().args(["rule", "average-duration-mismatch"]));
    assert_eq!(code, 0);
    assert_eq!(by_name, stdout);
    let (code, list, _) = run(gsd().arg("rule"));
    assert_eq!(code, 0);
    insta::assert_snapshot!("rule_list", list);
    let (code, _, stderr) = run(gsd().args(["rule", "GSD999"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown rule"), "{stderr}");
}

#[test]
fn fix_keeps_crlf_and_touches_only_the_derived_value() {
    let dir = fixtures_dir().join("check/GSD203-average-duration-mismatch");
    let p = project(&dir, "fail");
    let crlf = |t: String| t.replace('\n', "\r\n");
    p.write("STATE.md", &crlf(p.read("STATE.md")));
    let (code, _, stderr) = run(p.gsd().args(["check", "--fix"]));
    assert_eq!(code, 0, "{stderr}");
    let twin = project(&dir, "pass");
    assert_eq!(p.read("STATE.md"), crlf(twin.read("STATE.md")));
}

#[test]
fn fix_chains_percent_then_bar() {
    // A wrong percent with a bar drawn for it: the percent is fixed from the counts, then the
    // bar from the new percent, in one `--fix`.
    let dir = fixtures_dir().join("check/GSD102-progress-percent-mismatch");
    let p = project(&dir, "fail");
    p.write(
        "STATE.md",
        &p.read("STATE.md")
            .replace("[████░░░░░░] 40%", "[██░░░░░░░░] 20%"),
    );
    let (code, _, stderr) = run(p.gsd().args(["check", "--fix"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(p.read("STATE.md").contains("Progress: [█████░░░░░] 50%\n"));
}

#[test]
fn fix_never_lowers_the_percent() {
    // 70% where 3 of 6 plans are done: reported, but `--fix` does not take progress back.
    let dir = fixtures_dir().join("check/GSD102-progress-percent-mismatch");
    let p = project(&dir, "fail");
    let text = p
        .read("STATE.md")
        .replace("[████░░░░░░] 40%", "[███████░░░] 70%");
    p.write("STATE.md", &text);
    let json = crate::check_rules::check_json(&p);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "GSD102", "{json}");
    assert!(d["fix"].is_null(), "{json}");
    assert!(
        d["help"].as_str().unwrap().contains("never lowered"),
        "{json}"
    );
    // Without a fix the finding is a warning: it may be the counts that are off.
    assert_eq!(d["severity"], "warning", "{json}");
    let (code, _, _) = run(p.gsd().args(["check", "--fix"]));
    assert_eq!(code, 0);
    assert_eq!(p.read("STATE.md"), text);
}

#[test]
fn global_json_flag_means_json_format() {
    let p = seed("002");
    let (_, json, _) = run(p.gsd().args(["--json", "check"]));
    let (_, explicit, _) = run(p.gsd().args(["check", "--format", "json"]));
    assert_eq!(json, explicit);
}

#[test]
fn paths_are_relative_to_where_gsd_runs() {
    // CI runs at the repository root; a project in a subfolder gets `app/.planning/…` paths
    // so annotations land on the right file.
    let repo = tempfile::tempdir().unwrap();
    let app = repo.path().join("app/.planning");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::copy(fixtures_dir().join("seeds/002.md"), app.join("STATE.md")).unwrap();
    let (code, out, _) = run(gsd()
        .current_dir(repo.path())
        .args(["-C", "app", "check", "--format", "github"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("file=app/.planning/STATE.md,line=23,col=21"),
        "{out}"
    );
    // Run inside the project, paths start at `.planning/`.
    let (_, out, _) = run(gsd()
        .current_dir(repo.path().join("app"))
        .args(["check", "--format", "github"]));
    assert!(out.contains("file=.planning/STATE.md,line=23"), "{out}");
}
