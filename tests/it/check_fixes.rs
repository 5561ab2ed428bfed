//! `gsd check --fix` on the shapes real projects have: the fix only writes what the files
//! agree on, a second `--fix` changes nothing, and a fix adds no finding; findings that would
//! repeat one fact (a phase with several unticked plans) come once.

use serde_json::Value;

use crate::check_rules::{check_json, project};
use crate::support::{Project, fixtures_dir, run};

fn fixture(name: &str, kind: &str) -> Project {
    project(&fixtures_dir().join("check").join(name), kind)
}

/// The (code, severity) of every finding.
fn found(p: &Project) -> Vec<(String, String)> {
    check_json(p)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn unticked_plans_of_a_phase_are_one_finding_and_one_fix_settles_every_count() {
    let p = fixture("GSD404-summary-without-tick", "fail");
    // Two unticked plans with summaries, and a stale count: the count is its own fact.
    p.write(
        "ROADMAP.md",
        &p.read("ROADMAP.md")
            .replace("- [x] 02-01-PLAN.md", "- [ ] 02-01-PLAN.md"),
    );
    p.write(
        "STATE.md",
        &(p.read("STATE.md") + "\n## Performance Metrics\n\n- Total plans completed: 1\n"),
    );
    let json = check_json(&p);
    let ticks: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "GSD404")
        .collect();
    assert_eq!(ticks.len(), 1, "{json}");
    assert!(
        ticks[0]["message"]
            .as_str()
            .unwrap()
            .contains("02-01 and 02-02"),
        "{json}"
    );
    let (code, _, stderr) = run(p.gsd().args(["check", "--fix"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("STATE.md, .planning/ROADMAP.md"),
        "{stderr}"
    );
    assert_eq!(found(&p), Vec::<(String, String)>::new());
    let roadmap = p.read("ROADMAP.md");
    assert!(roadmap.contains("- [x] 02-01-PLAN.md") && roadmap.contains("- [x] 02-02-PLAN.md"));
    assert!(p.read("STATE.md").contains("Total plans completed: 3"));
    let (_, diff, _) = run(p.gsd().args(["--dry-run", "check", "--fix"]));
    assert_eq!(diff, "");
}

#[test]
fn a_count_above_the_files_is_never_lowered() {
    let p = fixture("GSD405-completed-count-mismatch", "fail");
    p.write(
        "STATE.md",
        &p.read("STATE.md").replace("completed: 1", "completed: 9"),
    );
    let json = check_json(&p);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "GSD405", "{json}");
    assert!(d["fix"].is_null(), "{json}");
    assert!(d["help"].as_str().unwrap().contains("more plans"), "{json}");
}

#[test]
fn a_ticked_plan_a_phase_summary_may_record_is_not_reported() {
    for name in [
        "02-SUMMARY.md",
        "SHARE-01-SUMMARY.md",
        "waves/W1-SUMMARY.md",
    ] {
        let p = fixture("GSD404-summary-without-tick", "pass");
        p.write(
            "ROADMAP.md",
            &p.read("ROADMAP.md")
                .replace("- [ ] 02-03-PLAN.md", "- [x] 02-03-PLAN.md"),
        );
        assert!(
            found(&p).iter().any(|(c, _)| c == "GSD403"),
            "02-03 ticked without a SUMMARY"
        );
        let path = p.planning().join("phases/02-api").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "# Summary\n").unwrap();
        assert!(
            !found(&p).iter().any(|(c, _)| c == "GSD403"),
            "{name}: {:?}",
            found(&p)
        );
    }
}

#[test]
fn a_finished_phase_is_dated_from_its_summaries_not_today() {
    let p = fixture("GSD409-roadmap-progress-mismatch", "fail");
    // Phase 2 has all three plans done, its SUMMARY files dated; the row still says 1/3.
    for (plan, date) in [
        ("02-01", "2026-01-24"),
        ("02-02", "2026-01-25"),
        ("02-03", "2026-01-26"),
    ] {
        p.write(
            &format!("phases/02-api/{plan}-SUMMARY.md"),
            &format!("---\ncompleted: {date}\n---\n# {plan}\n"),
        );
    }
    p.write(
        "ROADMAP.md",
        &p.read("ROADMAP.md")
            .replace("- [ ] 02-03-PLAN.md", "- [x] 02-03-PLAN.md"),
    );
    let (code, _, stderr) = run(p.gsd().args(["check", "--fix"]));
    assert_eq!(code, 0, "{stderr}");
    let roadmap = p.read("ROADMAP.md");
    assert!(
        roadmap.contains("| 2. API | 3/3 | Complete | 2026-01-26 |"),
        "{roadmap}"
    );
    assert!(roadmap.contains("- [x] **Phase 2: API**"), "{roadmap}");
    // Without dates only the count is written; the phase stays for `gsd phase complete`.
    let q = fixture("GSD409-roadmap-progress-mismatch", "fail");
    q.write("phases/02-api/02-03-SUMMARY.md", "# 02-03\n");
    q.write(
        "ROADMAP.md",
        &q.read("ROADMAP.md")
            .replace("- [ ] 02-03-PLAN.md", "- [x] 02-03-PLAN.md"),
    );
    run(q.gsd().args(["check", "--fix"]));
    let roadmap = q.read("ROADMAP.md");
    assert!(
        roadmap.contains("| 2. API | 3/3 | In progress | - |"),
        "{roadmap}"
    );
    assert!(roadmap.contains("- [ ] **Phase 2: API**"), "{roadmap}");
}

#[test]
fn a_percent_of_a_project_whose_later_phases_have_no_plans_is_not_rewritten() {
    // Phase 2 of 6 at 67%: phases 3-6 have no plans yet, so "every plan done" (100%) says
    // nothing of the author's percent, which may be of the phases or the milestone.
    let p = fixture("GSD404-summary-without-tick", "pass");
    let state = p
        .read("STATE.md")
        .replace("Phase: 2 of 2 (API)", "Phase: 2 of 6 (API)")
        + "\nProgress: [███████░░░] 67%\n";
    p.write("STATE.md", &state);
    let json = check_json(&p);
    for d in json["diagnostics"].as_array().unwrap() {
        if d["code"] == "GSD102" {
            assert!(d["fix"].is_null(), "{json}");
            assert_eq!(d["severity"], "warning", "{json}");
        }
    }
    run(p.gsd().args(["check", "--fix"]));
    assert!(p.read("STATE.md").contains("67%"));
}

#[test]
fn a_plan_total_above_the_known_plans_is_kept() {
    // `Plan: 1 of 3` where two plans are written: the third may be announced, not missing.
    let p = fixture("GSD104-plan-total-mismatch", "fail");
    p.write(
        "STATE.md",
        &p.read("STATE.md").replace("Plan: 1 of 1", "Plan: 1 of 3"),
    );
    let json = check_json(&p);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "GSD104", "{json}");
    assert!(d["fix"].is_null(), "{json}");
}

#[test]
fn a_count_is_raised_even_when_the_by_phase_table_lags_too() {
    // The velocity block stopped being kept: Total and the table both say 1, the files 3.
    let p = fixture("GSD405-completed-count-mismatch", "fail");
    p.write(
        "STATE.md",
        &(p.read("STATE.md")
            + "\n**By Phase:**\n\n| Phase | Plans | Total | Avg/Plan |\n|---|---|---|---|\n| 1 | 1 | 5 min | 5 min |\n"),
    );
    let (code, _, stderr) = run(p.gsd().args(["check", "--fix"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(p.read("STATE.md").contains("Total plans completed: 3"));
    // The lagging table is no new finding: a total the files bear out is right.
    assert_eq!(found(&p), Vec::<(String, String)>::new());
}

#[test]
fn a_total_the_files_and_the_table_both_contradict_is_one_finding() {
    let p = fixture("GSD405-completed-count-mismatch", "fail");
    p.write(
        "STATE.md",
        &(p.read("STATE.md")
            + "\n**By Phase:**\n\n| Phase | Plans | Total | Avg/Plan |\n|---|---|---|---|\n| 1 | 1 | 5 min | 5 min |\n| 2 | 1 | 5 min | 5 min |\n"),
    );
    let codes: Vec<String> = found(&p).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, ["GSD405"]);
}

#[test]
fn a_frontmatter_status_gets_no_fix() {
    // Which of two statuses is current is not a count: reported, never rewritten.
    let p = fixture("GSD406-frontmatter-mismatch", "pass");
    p.write(
        "STATE.md",
        &p.read("STATE.md")
            .replace("status: executing", "status: planning"),
    );
    let json = check_json(&p);
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "GSD406", "{json}");
    assert!(d["fix"].is_null(), "{json}");
}
