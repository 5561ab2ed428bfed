//! The changing commands through the real binary: the seed-000 acceptance run, exit codes,
//! `--dry-run`, `--json`, `-q`, SUMMARY durations and 20 concurrent writers.

use crate::support::{Project, fixtures_dir, run};

fn seed(n: &str) -> Project {
    Project::with_state(&fixtures_dir().join("seeds").join(format!("{n}.md")))
}

#[test]
fn seed_000_complete_02_02_acceptance() {
    let p = seed("000");
    let (code, stdout, stderr) =
        run(p
            .gsd()
            .args(["state", "complete", "02-02", "--duration", "10min"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        ".planning/STATE.md: completed 02-02 (plan 2 of 2, phase complete)\n"
    );
    let state = p.read("STATE.md");
    for line in [
        "Plan: 2 of 2\n",
        "Status: Phase complete\n",
        "- Total plans completed: 4\n",
        "- Average duration: 7 min\n",
        "- Total execution time: 0.5 hours\n",
        "| 2 | 2 | 13 min | 6.5 min |\n",
        "- Last 5 plans: 3min, 3min, 12min, 10min\n",
        "Last activity: 2026-02-01 — Completed 02-02-PLAN.md\n",
        "Stopped at: Completed 02-02-PLAN.md\n",
    ] {
        assert!(state.contains(line), "missing {line:?} in\n{state}");
    }
    // A second identical run changes nothing and says so.
    let (code, stdout, _) =
        run(p
            .gsd()
            .args(["state", "complete", "02-02", "--duration", "10min"]));
    assert_eq!((code, stdout.as_str()), (0, "02-02 is already complete\n"));
    assert_eq!(p.read("STATE.md"), state);
}

#[test]
fn already_complete_plan_exits_0_and_changes_nothing() {
    let p = seed("000");
    let before = p.read("STATE.md");
    let (code, stdout, _) = run(p.gsd().args(["state", "complete", "02-01"]));
    assert_eq!((code, stdout.as_str()), (0, "02-01 is already complete\n"));
    assert_eq!(p.read("STATE.md"), before);
}

#[test]
fn refusals_exit_2_and_write_nothing() {
    let p = seed("000");
    let before = p.read("STATE.md");
    for args in [
        vec!["state", "complete", "02-02"],
        vec!["state", "complete", "2", "--duration", "1min"],
        vec!["state", "complete", "09-01", "--duration", "1min"],
        vec!["state", "complete", "02-02", "--duration", "soon"],
        vec!["state", "set", "colour", "red"],
        vec!["state", "unblock", "no such blocker"],
        vec!["state", "decide", "x", "--project"],
    ] {
        let (code, _, stderr) = run(p.gsd().args(&args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("hint:"), "{args:?} has no hint: {stderr}");
    }
    assert_eq!(p.read("STATE.md"), before);
}

#[test]
fn dry_run_prints_the_diff_writes_nothing_and_takes_no_lock() {
    let p = seed("000");
    let before = p.read("STATE.md");
    let (code, stdout, _) = run(p
        .gsd()
        .args(["--dry-run", "state", "todo", "Write the guide"]));
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "--- a/.planning/STATE.md\n+++ b/.planning/STATE.md\n@@ -58,7 +58,7 @@\n \n ### Pending Todos\n \n-None yet.\n+- Write the guide\n \n ### Blockers/Concerns\n \n"
    );
    assert_eq!(p.read("STATE.md"), before);
    assert!(!p.planning().join(".gsd.lock").exists());
}

#[test]
fn quiet_prints_nothing_and_json_summarises() {
    let p = seed("001");
    let (code, stdout, stderr) = run(p.gsd().args(["-q", "state", "block", "Vendor keys"]));
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let (code, stdout, _) = run(p.gsd().args(["--json", "state", "unblock", "Vendor"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["command"], "unblock");
    assert_eq!(v["changed"], true);
    assert_eq!(v["files"][0]["file"], ".planning/STATE.md");
    assert!(
        p.read("STATE.md")
            .contains("- ~~Vendor keys~~ RESOLVED (2026-02-01)\n")
    );
}

#[test]
fn complete_takes_the_duration_and_one_liner_from_the_summary() {
    let p = Project::copy_of(&fixtures_dir().join("ops").join("roadmap-phases"));
    let (code, stdout, stderr) = run(p.gsd().args(["state", "complete", "03-02"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        ".planning/STATE.md: completed 03-02 (plan 2 of 2, phase complete)\n.planning/ROADMAP.md: ticked 03-02 and phase 03\n"
    );
    let state = p.read("STATE.md");
    assert!(state.contains("**Last activity:** 2026-02-01 -- Completed 03-02-PLAN.md (OpenAPI docs generated from the routes)\n"), "{state}");
    assert!(
        state.contains("10 min (03-01), 65 min (03-02)\n"),
        "{state}"
    );
    let roadmap = p.read("ROADMAP.md");
    assert!(
        roadmap
            .contains("- [x] **Phase 3: Public API** - routes and docs (completed 2026-02-01)\n"),
        "{roadmap}"
    );
    assert!(
        roadmap.contains("| 3. Public API | v1.0 | 2/2 | Complete    | 2026-02-01 |\n"),
        "{roadmap}"
    );
}

#[test]
fn decide_project_writes_both_files() {
    let p = Project::copy_of(&fixtures_dir().join("ops").join("roadmap-phases"));
    let (code, stdout, stderr) = run(p.gsd().args([
        "state",
        "decide",
        "Version the API in the path",
        "--rationale",
        "Simple for clients",
        "--project",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(
        p.read("STATE.md")
            .contains("- [Phase 03]: Version the API in the path — Simple for clients\n")
    );
    assert!(
        p.read("PROJECT.md")
            .contains("| Version the API in the path | Simple for clients | — Pending |\n")
    );
}

#[test]
fn twenty_concurrent_decides_all_land() {
    let p = seed("000");
    let children: Vec<_> = (0..20)
        .map(|i| {
            p.gsd()
                .args([
                    "-q",
                    "state",
                    "decide",
                    &format!("Concurrent decision number {i:02}"),
                ])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn gsd")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let state = p.read("STATE.md");
    for i in 0..20 {
        let line = format!("- Concurrent decision number {i:02}\n");
        assert_eq!(
            state.matches(&line).count(),
            1,
            "decision {i} missing or doubled"
        );
    }
}

#[cfg(unix)]
#[test]
fn writes_keep_the_mode_and_follow_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let p = seed("000");
    let real = p.planning().join("real-state.md");
    std::fs::rename(p.planning().join("STATE.md"), &real).unwrap();
    std::os::unix::fs::symlink("real-state.md", p.planning().join("STATE.md")).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, _, stderr) = run(p.gsd().args(["state", "todo", "Rotate keys"]));
    assert_eq!(code, 0, "{stderr}");
    let link = std::fs::symlink_metadata(p.planning().join("STATE.md")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the symlink was replaced by a file"
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("- Rotate keys\n")
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[cfg(unix)]
#[test]
fn a_held_lock_times_out_with_exit_2_and_no_write() {
    let p = seed("000");
    let before = p.read("STATE.md");
    // The lock is on the `.planning` folder itself (as `flock .planning …` would take it).
    let lock = std::fs::File::open(p.planning()).unwrap();
    lock.lock().unwrap();
    let (code, _, stderr) = run(p
        .gsd()
        .env("GSD_LOCK_TIMEOUT", "0.2")
        .args(["state", "todo", "x"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("held the lock") && stderr.contains("GSD_LOCK_TIMEOUT"),
        "{stderr}"
    );
    assert_eq!(p.read("STATE.md"), before);
    lock.unlock().unwrap();
    let (code, _, _) = run(p.gsd().args(["state", "todo", "x"]));
    assert_eq!(code, 0);
}

#[test]
fn set_help_lists_every_settable_field() {
    let (code, stdout, _) = run(crate::support::gsd().args(["state", "set", "--help"]));
    assert_eq!(code, 0);
    for field in gsd::ops::set::FIELDS.iter().map(|f| f.name) {
        assert!(
            stdout.contains(field),
            "`{field}` missing from `gsd state set --help`"
        );
    }
}
