//! A whole milestone with gsd alone, on the invented `fixtures/milestone/lifecycle` project:
//! plan phases, insert one, remove one (renumbering), add one, complete plans and phases,
//! prune, complete the milestone (snapshots, MILESTONES.md, archived phase folders), start
//! the next. `gsd check` must stay clean after every step, every step run twice changes
//! nothing the second time, and the final tree is a snapshot.
//!
//! Renumbering touches only phase references: the fixture has numbers in prose, a code fence
//! and a table that is not a phase table. Crash safety of a command that moves folders: a
//! fault hook (`GSD_FAULT_STEP`) aborts `phase remove` before each of its steps, and every
//! file and folder is then either old or new.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Project, fixtures_dir, run};

fn fixture() -> PathBuf {
    fixtures_dir().join("milestone").join("lifecycle")
}

/// Every file under `.planning/`, by relative path.
fn tree(p: &Project) -> BTreeMap<String, String> {
    crate::support::planning_files(p, false)
}

fn check_clean(p: &Project, after: &str) {
    let (code, stdout, stderr) = run(p.gsd().args(["check", "--format", "json"]));
    let v: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let diags = v["diagnostics"].as_array().unwrap();
    if !diags.is_empty() {
        eprintln!("ROADMAPDUMP\n{}", p.read("ROADMAP.md"));
    }
    assert!(
        diags.is_empty() && code == 0,
        "after `{after}`: gsd check found {diags:#?}"
    );
}

fn write(p: &Project, rel: &str, text: &str) {
    p.write(rel, text);
}

fn summary(p: &Project, rel: &str, line: &str) {
    write(
        p,
        rel,
        &format!("---\nduration: 10min\n---\n\n# Summary\n\n**{line}**\n"),
    );
}

/// Runs `args` (must succeed) and checks.
fn once(p: &Project, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(p.gsd().args(args));
    assert_eq!(code, 0, "{args:?}: {stderr}");
    check_clean(p, &args.join(" "));
    stdout
}

/// Runs `args` (must succeed), checks, runs again (must change nothing).
fn step(p: &Project, args: &[&str]) -> String {
    let stdout = once(p, args);
    let once = tree(p);
    let (code, _, stderr) = run(p.gsd().args(args));
    assert_eq!(code, 0, "{args:?} again: {stderr}");
    assert_eq!(tree(p), once, "{args:?}: a second run changed files");
    stdout
}

#[test]
fn a_whole_milestone_with_gsd_alone() {
    let p = Project::copy_of(&fixture());
    check_clean(&p, "nothing");
    let ph = "phases";
    step(&p, &["phase", "plan", "1"]);
    step(&p, &["phase", "insert", "1", "Hotfix"]);
    // Removing is not repeatable: a second run would remove the renumbered phase 3.
    let removed = once(&p, &["phase", "remove", "3"]);
    assert!(removed.contains("renamed .planning/phases/04-export -> .planning/phases/03-export"));
    assert!(removed.contains("removed .planning/phases/03-reports"));
    // The renumbered phase's PLAN names its new phase in its frontmatter.
    assert!(
        p.read("phases/03-export/03-01-PLAN.md")
            .starts_with("---\nphase: 03-export\n")
    );
    let plan = p.read("phases/03-export/03-01-PLAN.md");
    assert!(plan.contains("wave: 4\nrequires:\n  - phase: 02-sync\n    provides: 4 sync"));
    // REQUIREMENTS.md: the traceability row and the prose reference follow the phase; the
    // table that is not a traceability table and the code fence keep their numbers.
    let req = p.read("REQUIREMENTS.md");
    assert!(req.contains("| EXP-01 | Phase 3 | Pending |"), "{req}");
    assert!(req.contains("CSV export for 4 accounting tools (Phase 3 writes it)"));
    assert!(req.contains("| Phase 4 of the vendor API | 4 depots only; revisit after 2 GB"));
    assert!(req.contains("```text\nPhase 4: 40000 rows, 4 files\n```"));
    step(&p, &["phase", "add", "Docs site"]);
    write(
        &p,
        &format!("{ph}/01.1-hotfix/01.1-01-PLAN.md"),
        "# Token refresh\n",
    );
    write(
        &p,
        &format!("{ph}/04-docs-site/04-01-PLAN.md"),
        "# Docs site\n",
    );
    for phase in ["1.1", "2", "3", "4"] {
        step(&p, &["phase", "plan", phase]);
    }
    let plans = [
        ("01-setup/01-01", "Schema with three tables", "1", false),
        ("01-setup/01-02", "CI on every push", "1", true),
        ("01.1-hotfix/01.1-01", "Token refresh fixed", "1.1", true),
        ("02-sync/02-01", "Sync worker", "2", true),
        ("03-export/03-01", "CSV writer", "3", true),
        ("04-docs-site/04-01", "Docs site live", "4", true),
    ];
    for (path, line, phase, last) in plans {
        summary(&p, &format!("{ph}/{path}-SUMMARY.md"), line);
        let id = path.rsplit('/').next().unwrap();
        step(&p, &["state", "complete", id]);
        if last {
            step(&p, &["phase", "complete", phase, "--advance"]);
        }
    }
    once(&p, &["state", "unblock", "report templates"]);
    step(&p, &["state", "prune", "--keep-recent", "2"]);
    step(&p, &["milestone", "complete", "v1.0", "--archive-phases"]);
    step(&p, &["milestone", "start", "v1.1", "--name", "Depots"]);
    // The next milestone's first phase goes after the collapsed block, not into it.
    step(&p, &["phase", "add", "Depot onboarding"]);
    let files = tree(&p);
    let mut snap = String::new();
    for (name, text) in &files {
        snap.push_str(&format!("==> {name}\n"));
        if !name.starts_with("milestones/") || name.ends_with("MILESTONES.md") {
            snap.push_str(text);
        }
    }
    insta::assert_snapshot!("milestone_lifecycle_tree", snap);
    // The code fence and the depot table kept their numbers (phase 4 was renumbered).
    let roadmap = &files["ROADMAP.md"];
    // v1.0 collapsed as the workflow does, the next milestone's phase below the block; the
    // details of phase 3 stay (they hold a code block and a table), the others went to the
    // snapshot.
    assert!(roadmap.contains(
        "<details>\n<summary>✅ v1.0 Launch (Phases 1-4) — SHIPPED 2026-02-01</summary>\n\n- [x] **Phase 1: Setup**"
    ));
    assert!(
        roadmap.contains("</details>\n\n- [ ] **Phase 5: Depot onboarding**\n\n## Phase Details")
    );
    assert!(!roadmap.contains("### Phase 1: Setup"));
    assert!(files["milestones/v1.0-ROADMAP.md"].contains("### Phase 1: Setup"));
    assert!(
        roadmap.contains("Phase 4 of the old plan: keep this block as written (phase 3, 2, 1)")
    );
    assert!(roadmap.contains("| North | 3 | 4 |\n| South | 4 | 2 |"));
    assert!(roadmap.contains("15-minute background sync"));
}

#[test]
fn milestone_complete_refuses_open_phases_and_writes_nothing() {
    let p = Project::copy_of(&fixture());
    let before = tree(&p);
    let (code, _, stderr) = run(p.gsd().args(["milestone", "complete", "v1.0"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not complete: 1, 2, 3, 4"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert_eq!(tree(&p), before);
    let (code, _, stderr) = run(p.gsd().args(["milestone", "complete", "one"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("not a milestone version"), "{stderr}");
}

#[test]
fn remove_refuses_started_phases_and_dry_run_lists_renames() {
    let p = Project::copy_of(&fixture());
    let before = tree(&p);
    let (code, _, stderr) = run(p.gsd().args(["phase", "remove", "1"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("STATE.md is on it"), "{stderr}");
    let (code, stdout, _) = run(p.gsd().args(["--dry-run", "phase", "remove", "3"]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("would rename .planning/phases/04-export -> .planning/phases/03-export")
    );
    assert!(stdout.contains("would rename .planning/phases/03-export/04-01-PLAN.md -> .planning/phases/03-export/03-01-PLAN.md"));
    assert!(
        stdout.contains("-- [ ] 04-01-PLAN.md — CSV writer\n+- [ ] 03-01-PLAN.md — CSV writer")
    );
    assert_eq!(tree(&p), before, "--dry-run wrote");
    let (_, json, _) = run(p
        .gsd()
        .args(["--dry-run", "--json", "phase", "remove", "3"]));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["moves"].as_array().unwrap().len(), 3);
}

/// Paths under `.planning/` (files and folders).
fn paths(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let path = e.path();
            out.push(path.strip_prefix(dir).unwrap().display().to_string());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_kill_before_any_step_of_a_remove_leaves_each_file_old_or_new() {
    let args = ["phase", "remove", "3"];
    let old = Project::copy_of(&fixture());
    let new = Project::copy_of(&fixture());
    let (code, _, stderr) = run(new.gsd().args(args));
    assert_eq!(code, 0, "{stderr}");
    let (old_tree, new_tree) = (tree(&old), tree(&new));
    // Steps: set the removed folder aside, 2 renames, 4 files (STATE.md, ROADMAP.md,
    // REQUIREMENTS.md, the renumbered PLAN's `phase:` field), the deletion.
    for k in 0..8 {
        let p = Project::copy_of(&fixture());
        let (code, _, _) = run(p.gsd().env("GSD_FAULT_STEP", k.to_string()).args(args));
        assert_ne!(code, 0, "step {k}: the hook did not fire");
        let now = tree(&p);
        for name in ["STATE.md", "ROADMAP.md", "REQUIREMENTS.md"] {
            assert!(
                now[name] == old_tree[name] || now[name] == new_tree[name],
                "step {k}: {name} is torn"
            );
        }
        // The plan file is in exactly one place: with its old bytes in its old place or
        // under its new name, or with its new bytes (`phase: 03-export`) under its new name.
        let plan = "04-01-PLAN.md";
        let at_old = now.get(&format!("phases/04-export/{plan}"));
        let at_new = now.get("phases/03-export/03-01-PLAN.md");
        let moved_dir = now.get(&format!("phases/03-export/{plan}"));
        let found: Vec<_> = [at_old, at_new, moved_dir].into_iter().flatten().collect();
        assert_eq!(found.len(), 1, "step {k}: {:?}", paths(&p.planning()));
        let old_plan = &old_tree[&format!("phases/04-export/{plan}")];
        let new_plan = &new_tree["phases/03-export/03-01-PLAN.md"];
        assert!(
            found[0] == old_plan || (at_new.is_some() && found[0] == new_plan),
            "step {k}: the plan is torn or new in its old place"
        );
        let context = [
            "phases/03-reports/03-CONTEXT.md",
            "phases/.gsd-removed.03-reports/03-CONTEXT.md",
        ];
        assert!(
            context.iter().filter(|c| now.contains_key(**c)).count() <= 1,
            "step {k}: the removed phase is in two places"
        );
    }
    let p = Project::copy_of(&fixture());
    let (code, _, _) = run(p.gsd().env("GSD_FAULT_STEP", "8").args(args));
    assert_eq!(code, 0, "a hook past the last step changes nothing");
    assert_eq!(tree(&p), new_tree);
}

#[test]
fn prune_leaves_an_emptied_list_the_files_own_placeholder() {
    let p = Project::copy_of(&fixture());
    for (from, to) in [
        ("- [ ] **Phase 1: Setup**", "- [x] **Phase 1: Setup**"),
        ("- [ ] **Phase 2: Sync**", "- [x] **Phase 2: Sync**"),
    ] {
        let roadmap = p.read("ROADMAP.md").replace(from, to);
        write(&p, "ROADMAP.md", &roadmap);
    }
    // This file writes "None." for an empty list: an emptied list gets the same.
    let state = p
        .read("STATE.md")
        .replace("### Pending Todos\n\nNone yet.", "### Pending Todos\n\nNone.")
        .replace(
            "- Phase 4 export needs the 2 report templates from the client\n- Offline mode: 30 days of cache on 2 GB devices",
            "- ~~Phase 4 export needs the 2 report templates~~ RESOLVED\n  (templates arrived)",
        );
    write(&p, "STATE.md", &state);
    let (code, _, stderr) = run(p.gsd().args(["state", "prune", "--keep-recent", "0"]));
    assert_eq!(code, 0, "{stderr}");
    let after = p.read("STATE.md");
    assert!(
        after.contains("### Decisions\n\nNone.\n\n### Pending Todos\n\nNone.\n\n### Blockers/Concerns\n\nNone.\n\n### Roadmap Evolution"),
        "{after}"
    );
    let archive = p.read("STATE-ARCHIVE.md");
    assert!(archive.contains("- [Phase 2]: Sync every 15 minutes, retry 4 times\n"));
    assert!(archive.contains("RESOLVED\n  (templates arrived)\n"));
    // Pruning again finds nothing and changes nothing.
    let (code, stdout, _) = run(p.gsd().args(["state", "prune", "--keep-recent", "0"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("nothing to prune"), "{stdout}");
    assert_eq!(p.read("STATE.md"), after);
}

#[test]
fn milestone_complete_collapses_a_heading_group_and_ticks_the_milestones_list() {
    let p = Project::copy_of(&fixture());
    let roadmap = p
        .read("ROADMAP.md")
        .replace(
            "## Phases\n\n",
            "## Milestones\n\n- 🚧 **v1.0 Launch** — Phases 1-4 (in progress)\n\n## Phases\n\n### 🚧 v1.0 Launch (In Progress)\n\n",
        )
        .replace("- [ ] **Phase", "- [x] **Phase");
    write(&p, "ROADMAP.md", &roadmap);
    let (code, _, stderr) = run(p.gsd().args(["milestone", "complete", "v1.0", "--force"]));
    assert_eq!(code, 0, "{stderr}");
    let after = p.read("ROADMAP.md");
    assert!(
        after.contains("- ✅ **v1.0 Launch** — Phases 1-4 (shipped 2026-02-01)\n\n## Phases\n\n<details>\n<summary>✅ v1.0 Launch (Phases 1-4) — SHIPPED 2026-02-01</summary>\n\n- [x] **Phase 1: Setup** - schema and CI\n"),
        "{after}"
    );
    assert!(!after.contains("### 🚧 v1.0"), "{after}");
    assert!(after.contains("- [x] **Phase 4: Export** - CSV for 2 accounting tools\n\nFull details: `.planning/milestones/v1.0-ROADMAP.md`\n\n</details>\n\n## Phase Details"), "{after}");
    // Phase 4's details hold a code block and a table: kept, and the user is told.
    assert!(after.contains("### Phase 4: Export"));
    assert!(stderr.contains("kept the details of phase 4"), "{stderr}");
    assert!(!after.contains("### Phase 1: Setup"));
    // A second run changes nothing.
    let (code, _, _) = run(p.gsd().args(["milestone", "complete", "v1.0", "--force"]));
    assert_eq!(code, 0);
    assert_eq!(p.read("ROADMAP.md"), after);
}
