//! The small things of issue 13, item 11: `--json` with `--dry-run` and `check --fix`, CRLF
//! diffs that `git apply`, durations and lock timeouts that are no such thing, `set progress
//! 100` saying `100%`, `begin` copying ` -- `, a rationale joined like the list's own.

use crate::support::{Project, run};
use crate::transcript::transcript;

const STATE: &str = "# Project State

## Project Reference

**Current focus:** Ready to plan

## Current Position

Phase: 1 of 3
Plan: 1 of 2
Status: In progress
Last activity: 2026-01-30

Progress: [###-------] 33%

## Accumulated Context

### Decisions

- [Phase 01]: Use SQLite

### Pending Todos

None yet.

## Session Continuity

Last session: 2026-01-30 12:00 -- planning
Stopped at: Completed 01-01-PLAN.md -- next 01-02
Resume file: None
";

const ROADMAP: &str = "# Roadmap

- [ ] **Phase 1: Setup** - tooling
- [ ] **Phase 2: Search** - find things
- [ ] **Phase 3: Reports** - show things

### Phase 2: Search
**Plans**: 2 plans
";

fn project() -> Project {
    let p = Project::empty();
    p.write("STATE.md", STATE);
    p.write("ROADMAP.md", ROADMAP);
    p
}

#[test]
fn json_dry_run_gives_the_diffs_for_commands_and_check_fix() {
    let p = project();
    let (code, out, err) =
        run(p
            .gsd()
            .args(["--json", "--dry-run", "state", "todo", "Write docs"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["dry_run"], true);
    assert!(
        v["files"][0]["diff"]
            .as_str()
            .unwrap()
            .contains("+- Write docs\n"),
        "{out}"
    );

    // A bar that disagrees with its percent: check --fix has something to do.
    p.write(
        "STATE.md",
        &STATE.replace("[###-------] 33%", "[######----] 33%"),
    );
    let before = p.read("STATE.md");
    let (code, out, err) = run(p.gsd().args(["--json", "--dry-run", "check", "--fix"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(
        (v["command"].as_str(), v["dry_run"].as_bool()),
        (Some("check --fix"), Some(true))
    );
    let diff = v["files"][0]["diff"].as_str().unwrap();
    assert!(diff.contains("+Progress: [###-------] 33%\n"), "{diff}");
    assert_eq!(p.read("STATE.md"), before, "a dry run wrote");
    // `--format json` means the same; without --dry-run the report says what was fixed.
    let (_, out, _) = run(p
        .gsd()
        .args(["--dry-run", "check", "--fix", "--format", "json"]));
    assert!(out.contains("\"diff\""), "{out}");
    // Exit 1: the fixture has a problem no fix touches (it is reported in `diagnostics`).
    let (code, out, _) = run(p.gsd().args(["--json", "check", "--fix"]));
    assert!(code <= 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["fix"]["fixed"], 1, "{out}");
    assert!(v["diagnostics"].is_array());
}

#[test]
fn dry_run_diffs_of_crlf_files_apply_with_git() {
    let p = Project::empty();
    p.write("STATE.md", &STATE.replace('\n', "\r\n"));
    let (code, diff, err) = run(p.gsd().args(["--dry-run", "state", "todo", "Write docs"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        diff.contains(" ### Pending Todos\r\n"),
        "context lines keep CR: {diff:?}"
    );
    assert!(diff.contains("+- Write docs\r\n"), "{diff:?}");
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        return; // no git here; the CR assertions above still hold
    }
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(p.root())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .args(args)
            .output()
            .unwrap()
    };
    assert!(git(&["init", "-q"]).status.success());
    std::fs::write(p.root().join("fix.patch"), &diff).unwrap();
    let check = git(&["apply", "--check", "fix.patch"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let apply = git(&["apply", "fix.patch"]);
    assert!(apply.status.success());
    // Applying the dry run's diff gives exactly what the command writes.
    let applied = p.read("STATE.md");
    let q = Project::empty();
    q.write("STATE.md", &STATE.replace('\n', "\r\n"));
    let (code, _, _) = run(q.gsd().args(["state", "todo", "Write docs"]));
    assert_eq!(code, 0);
    assert_eq!(applied, q.read("STATE.md"));
}

#[test]
fn durations_and_lock_timeouts_that_are_no_such_thing_are_refused() {
    let p = project();
    // `0min` is a real record (a plan that was a check or a sign-off); a negative or a week's
    // worth of hours is not.
    for d in ["--duration=-5min", "--duration=99999h", "--duration=200h"] {
        let (code, _, err) = run(p.gsd().args(["state", "complete", "01-02", d]));
        assert_eq!(code, 2, "{d}: {err}");
        assert!(err.contains("hint:"), "{err}");
    }
    assert_eq!(p.read("STATE.md"), STATE);
    for t in ["abc", "-1", "1e400", ""] {
        let (code, _, err) = run(p
            .gsd()
            .env("GSD_LOCK_TIMEOUT", t)
            .args(["state", "todo", "x"]));
        assert_eq!(code, 2, "GSD_LOCK_TIMEOUT={t}: {err}");
        assert!(err.contains("GSD_LOCK_TIMEOUT"), "{err}");
    }
    assert_eq!(p.read("STATE.md"), STATE);
    let (code, _, err) = run(p
        .gsd()
        .env("GSD_LOCK_TIMEOUT", "2.5")
        .args(["state", "todo", "x"]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn set_progress_100_says_100_percent() {
    let p = project();
    let (code, out, _) = run(p.gsd().args(["state", "set", "progress", "100"]));
    assert_eq!(code, 0);
    assert_eq!(out, ".planning/STATE.md: Progress: [##########] 100%\n");
}

#[test]
fn begin_copies_the_files_separator_where_a_line_has_none() {
    let p = project();
    let (code, t) = transcript(&p, &["state", "begin", "2"]);
    assert_eq!(code, 0, "{t}");
    assert!(t.contains("+**Current focus:** Phase 2 -- Search\n"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn a_rationale_is_joined_the_way_the_list_joins_them() {
    let mut all = String::new();
    for (name, list) in [
        (
            "tag, no joins: the file's ` -- `",
            "- [Phase 01]: Use SQLite\n",
        ),
        (
            "colon joins",
            "- Use SQLite: no server needed (01-01)\n- Ship weekly: small diffs (01-01)\n",
        ),
        ("em dash joins", "- **Use SQLite** — no server needed\n"),
    ] {
        let p = project();
        p.write(
            "STATE.md",
            &STATE.replace("- [Phase 01]: Use SQLite\n", list),
        );
        let (code, t) = transcript(
            &p,
            &[
                "state",
                "decide",
                "Use cursors",
                "--rationale",
                "Stable pages",
                "--phase",
                "1",
            ],
        );
        assert_eq!(code, 0, "{t}");
        let added: Vec<&str> = t.lines().filter(|l| l.starts_with("+-")).collect();
        assert!(!added.iter().any(|l| l.contains("]: Use cursors: ")), "{t}");
        all.push_str(&format!("## {name}\n{}\n", added.join("\n")));
    }
    insta::assert_snapshot!(all);
}
