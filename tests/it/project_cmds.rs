//! `gsd project …` on invented trees under `fixtures/project-ops/<name>/` (the template form,
//! versioned requirement groups, requirements tables, a one-table Status layout, a Key
//! Decisions table with extra columns, CRLF without a final newline).
//!
//! Every case: the `--dry-run` output is snapshotted; the op in memory keeps the round-trip
//! invariants (only edited lines change, endings and final newline kept); run for real, a
//! second run changes nothing and `gsd check` finds nothing it did not find before. Plus
//! `show`/`get` snapshots and errors, refusals that write nothing, and the hint's command.

use std::path::{Path, PathBuf};

use gsd::error::UserError;
use gsd::model::Workspace;
use gsd::model::decision_outcome::OutcomeKind;
use gsd::model::project::ProjectDoc;
use gsd::model::requirements::Requirements;
use gsd::ops::Outcome;
use gsd::ops::project_outcome::{SetOutcome, set_outcome};
use gsd::ops::project_touch::touch;
use gsd::ops::project_validate::{Validate, validate};
use gsd::source::Source;
use serde_json::Value;

use crate::ops_support::{clock, report, tree};
use crate::phase_lifecycle::{check_codes, files};
use crate::support::{Project, fixtures_dir, run};

fn fx(name: &str) -> PathBuf {
    fixtures_dir().join("project-ops").join(name)
}

const FIXTURES: &[&str] = &[
    "crlf",
    "decisions-extra-columns",
    "requirements-table",
    "status-table",
    "template",
    "versioned",
];

/// (fixture, `gsd project` arguments, expected exit code).
const CASES: &[(&str, &[&str], i32)] = &[
    (
        "template",
        &["validate", "service visit", "--phase", "1"],
        0,
    ),
    ("template", &["validate", "visit"], 2),
    ("template", &["validate", "Search visits"], 2),
    ("template", &["outcome", "SQLite", "good"], 0),
    ("template", &["touch", "--after", "Phase 1"], 0),
    ("versioned", &["validate", "SYNC-01"], 0),
    (
        "versioned",
        &["validate", "conflict screen", "--version", "v1.0"],
        0,
    ),
    ("versioned", &["validate", "TAG-01"], 0),
    ("versioned", &["outcome", "CRDT", "revisit"], 0),
    ("versioned", &["touch"], 0),
    (
        "requirements-table",
        &["validate", "CORE-02", "--phase", "2"],
        0,
    ),
    (
        "requirements-table",
        &["validate", "pace models", "--phase", "2"],
        0,
    ),
    ("requirements-table", &["validate", "CORE-9"], 2),
    ("requirements-table", &["validate", "CORE-03"], 2),
    ("status-table", &["validate", "MAIL-02", "--phase", "2"], 0),
    ("status-table", &["validate", "MAIL-01"], 0),
    ("decisions-extra-columns", &["outcome", "a|b", "good"], 0),
    (
        "decisions-extra-columns",
        &[
            "outcome",
            "rate lookups",
            "revisit",
            "--note",
            "eviction storms",
        ],
        0,
    ),
    ("decisions-extra-columns", &["outcome", "Cache", "good"], 2),
    ("decisions-extra-columns", &["outcome", "SQLite", "good"], 0),
    (
        "decisions-extra-columns",
        &["validate", "PDF invoice", "--phase", "3"],
        0,
    ),
    ("crlf", &["validate", "PDF", "--phase", "3"], 0),
    ("crlf", &["outcome", "PDFs", "good"], 0),
    ("crlf", &["touch", "--after", "Phase 3"], 0),
];

fn snapshot_name(fixture: &str, args: &[&str]) -> String {
    let slug: String = args
        .join("-")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{fixture}__{slug}")
}

fn flag<'a>(args: &[&'a str], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| *a == name)
        .and_then(|i| args.get(i + 1).copied())
}

/// The op a case runs, in memory.
fn run_op(root: &Path, args: &[&str]) -> Result<Outcome, UserError> {
    let ws: Workspace = tree(root);
    let reqs_path = root.join(".planning/REQUIREMENTS.md");
    let reqs = reqs_path.is_file().then(|| {
        Requirements::parse(Source::new(
            ".planning/REQUIREMENTS.md",
            std::fs::read_to_string(&reqs_path).unwrap(),
        ))
    });
    match args {
        ["validate", pattern, rest @ ..] => validate(
            &ws,
            &Validate {
                pattern,
                phase: flag(rest, "--phase"),
                version: flag(rest, "--version"),
                requirements: reqs.as_ref(),
            },
        ),
        ["outcome", pattern, kind, rest @ ..] => set_outcome(
            &ws,
            &SetOutcome {
                pattern,
                kind: match *kind {
                    "good" => OutcomeKind::Good,
                    "revisit" => OutcomeKind::Revisit,
                    _ => OutcomeKind::Pending,
                },
                note: flag(rest, "--note"),
            },
        ),
        ["touch", rest @ ..] => touch(&ws, &clock(), flag(rest, "--after")),
        other => panic!("no such case: {other:?}"),
    }
}

#[test]
fn dry_run_diffs() {
    for (fixture, args, expected) in CASES {
        let p = Project::copy_of(&fx(fixture));
        let before = files(&p);
        let (code, stdout, stderr) = run(p.gsd().arg("--dry-run").arg("project").args(*args));
        assert_eq!(code, *expected, "{fixture} {args:?}: {stderr}");
        assert_eq!(
            files(&p),
            before,
            "{fixture} {args:?}: --dry-run wrote a file"
        );
        insta::assert_snapshot!(
            snapshot_name(fixture, args),
            format!("exit {code}\n{stderr}{stdout}")
        );
    }
}

/// The ops keep the round-trip invariants: only the lines an edit touches change, every line
/// keeps its ending, the final-newline state stays (asserted inside `report`).
#[test]
fn edits_touch_only_their_lines() {
    for (fixture, args, expected) in CASES {
        let result = run_op(&fx(fixture), args);
        assert_eq!(result.is_ok(), *expected == 0, "{fixture} {args:?}");
        let _ = report(result);
    }
}

#[test]
fn commands_change_nothing_twice_and_check_finds_nothing_new() {
    for (fixture, args, expected) in CASES {
        if *expected != 0 {
            continue;
        }
        let p = Project::copy_of(&fx(fixture));
        let findings_before = check_codes(&p);
        let (code, _, stderr) = run(p.gsd().arg("project").args(*args));
        assert_eq!(code, 0, "{fixture} {args:?}: {stderr}");
        let once = files(&p);
        let (code, stdout, stderr) = run(p.gsd().arg("project").args(*args));
        assert_eq!(code, 0, "{fixture} {args:?} second run: {stderr}");
        assert_eq!(
            files(&p),
            once,
            "{fixture} {args:?}: a second run changed files"
        );
        assert!(
            stdout.contains("already"),
            "{fixture} {args:?} second run said: {stdout}"
        );
        for (rule, n) in check_codes(&p) {
            let was = findings_before.get(&rule).copied().unwrap_or(0);
            assert!(
                n <= was,
                "{fixture} {args:?}: gsd check finds {n} × {rule} after, {was} before"
            );
        }
    }
}

#[test]
fn refusals_write_nothing_and_say_why() {
    let p = Project::copy_of(&fx("template"));
    let before = files(&p);
    let (code, _, stderr) = run(p.gsd().args(["project", "validate", "visit"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("has 2 Active requirements matching `visit`"),
        "{stderr}"
    );
    assert!(stderr.contains("line 24: Log a service visit"), "{stderr}");
    let (code, _, stderr) = run(p.gsd().args(["project", "validate", "teleport"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("Active requirements:"), "{stderr}");
    let (code, _, stderr) = run(p.gsd().args(["project", "outcome", "Rust", "good"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("line 50: SQLite per station"), "{stderr}");
    let (code, _, stderr) = run(p.gsd().args(["project", "outcome", "SQLite", "great"]));
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(files(&p), before);
}

/// The hint of a refusal names a command; that command works.
#[test]
fn the_hint_for_a_missing_phase_is_a_command_that_works() {
    let p = Project::copy_of(&fx("template"));
    let (code, _, stderr) = run(p.gsd().args(["project", "validate", "Search visits"]));
    assert_eq!(code, 2);
    let command = stderr
        .split("STATE.md is on phase 2: ")
        .nth(1)
        .and_then(|s| s.lines().next())
        .unwrap_or_else(|| panic!("no command in the hint: {stderr}"));
    assert_eq!(
        command,
        "gsd project validate \"Search visits by station\" --phase 2"
    );
    let (code, _, stderr) = run(p.gsd().args([
        "project",
        "validate",
        "Search visits by station",
        "--phase",
        "2",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        p.read("PROJECT.md")
            .contains("- ✓ Search visits by station and date range — Phase 2")
    );
}

#[test]
fn touch_clears_a_stale_see_line_warning() {
    let p = Project::copy_of(&fx("versioned"));
    let state = p
        .read("STATE.md")
        .replace("(updated 2026-01-28)", "(updated 2026-01-20)");
    p.write("STATE.md", &state);
    assert_eq!(check_codes(&p).get("GSD402"), Some(&1));
    let (code, stdout, stderr) = run(p.gsd().args(["project", "touch", "--after", "Phase 4"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(".planning/STATE.md: see-line"), "{stdout}");
    assert_eq!(check_codes(&p).get("GSD402"), None);
    assert!(
        p.read("PROJECT.md")
            .ends_with("*Last updated: 2026-02-01 after Phase 4*\n")
    );
    assert!(p.read("STATE.md").contains("(updated 2026-02-01)"));
}

#[test]
fn touch_adds_the_template_footer_to_a_file_without_one() {
    let p = Project::copy_of(&fx("template"));
    let text = p.read("PROJECT.md");
    let cut = text.find("\n---\n*Last updated").unwrap();
    p.write("PROJECT.md", &text[..cut]);
    let (code, _, stderr) = run(p.gsd().args(["project", "touch", "--after", "Phase 1"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        p.read("PROJECT.md")
            .ends_with("| — Pending |\n\n---\n*Last updated: 2026-02-01 after Phase 1*\n"),
        "{}",
        p.read("PROJECT.md")
    );
}

#[test]
fn validating_into_ascending_version_groups_appends_a_group() {
    let p = Project::copy_of(&fx("versioned"));
    let text = p.read("PROJECT.md");
    // Swap the two Validated groups: v0.9 first, then v1.0.
    let v10 = text.find("### Validated (v1.0").unwrap();
    let v09 = text.find("### Validated (v0.9)").unwrap();
    let active = text.find("### Active (v1.1)").unwrap();
    let swapped = format!(
        "{}{}{}{}",
        &text[..v10],
        &text[v09..active],
        &text[v10..v09],
        &text[active..]
    );
    p.write("PROJECT.md", &swapped);
    let (code, _, stderr) = run(p.gsd().args(["project", "validate", "SYNC-03"]));
    assert_eq!(code, 0, "{stderr}");
    let after = p.read("PROJECT.md");
    let new = after.find("### Validated (v1.1)").unwrap();
    assert!(after.find("### Validated (v1.0").unwrap() < new, "{after}");
    assert!(new < after.find("### Active (v1.1)").unwrap(), "{after}");
    assert!(after.contains("### Validated (v1.1)\n\n- ✓ **SYNC-03**: Sync over a metered connection only when asked — v1.1\n\n### Active"), "{after}");
}

#[test]
fn writers_speak_json() {
    let p = Project::copy_of(&fx("versioned"));
    let (code, stdout, stderr) = run(p.gsd().args(["--json", "project", "validate", "SYNC-01"]));
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["command"], "project validate");
    assert_eq!(v["changed"], true);
    let names: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(names, [".planning/PROJECT.md", ".planning/REQUIREMENTS.md"]);
}

#[test]
fn show_and_get_snapshots() {
    for fixture in FIXTURES {
        let p = Project::copy_of(&fx(fixture));
        let (code, human, stderr) = run(p.gsd().args(["project", "show"]));
        assert_eq!(code, 0, "{fixture}: {stderr}");
        insta::assert_snapshot!(format!("show_human__{fixture}"), human);
        let (code, json, stderr) = run(p.gsd().args(["project", "show", "--json"]));
        assert_eq!(code, 0, "{fixture}: {stderr}");
        let v: Value = serde_json::from_str(&json).unwrap();
        insta::assert_json_snapshot!(format!("show_json__{fixture}"), v);
    }
}

#[test]
fn get_prints_one_value() {
    let p = Project::copy_of(&fx("versioned"));
    let get = |field: &str| run(p.gsd().args(["project", "get", field]));
    assert_eq!(
        get("core_value").1,
        "Notes are never lost and never silently overwritten.\n"
    );
    assert_eq!(get("active").1, "3\n");
    assert_eq!(get("validated").1, "4\n");
    assert_eq!(get("last_updated").1, "2026-01-28\n");
    assert_eq!(get("milestone").1, "v1.1 Sync\n");
    assert_eq!(
        get("requirements.groups.0.version").1,
        "v1.0 — shipped 2026-01-20\n"
    );
    assert_eq!(get("key_decisions.counts.pending").1, "2\n");
    let (code, _, stderr) = get("velocity");
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown field `velocity`"), "{stderr}");
    let p = Project::copy_of(&fx("template"));
    let (code, out, stderr) = run(p.gsd().args(["project", "get", "milestone"]));
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(stderr.contains("has no value for `milestone`"), "{stderr}");
}

#[test]
fn show_needs_project_md_but_not_state_md() {
    let p = Project::copy_of(&fx("template"));
    std::fs::remove_file(p.planning().join("STATE.md")).unwrap();
    let (code, out, stderr) = run(p.gsd().args(["project", "show", "--json"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(out.contains("\"title\": \"Lantern Log\""));
    std::fs::remove_file(p.planning().join("PROJECT.md")).unwrap();
    let (code, _, stderr) = run(p.gsd().args(["project", "show", "--json"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains(".planning/PROJECT.md: does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains("hint:"), "{stderr}");
}

/// Every fixture's PROJECT.md parses and writes back byte for byte, and its groups are read
/// as the fixture means them.
#[test]
fn fixtures_round_trip_and_read_as_meant() {
    for fixture in FIXTURES {
        let path = fx(fixture).join(".planning/PROJECT.md");
        let bytes = std::fs::read(&path).unwrap();
        let p = ProjectDoc::parse(Source::new(
            &path,
            String::from_utf8(bytes.clone()).unwrap(),
        ));
        assert_eq!(p.doc.render().as_bytes(), &bytes[..], "{fixture}");
        assert!(
            !p.requirement_groups.is_empty(),
            "{fixture}: no requirement groups"
        );
    }
    let path = fx("status-table").join(".planning/PROJECT.md");
    let p = ProjectDoc::parse(Source::new(&path, std::fs::read_to_string(&path).unwrap()));
    let kinds: Vec<(String, usize)> = p
        .requirement_groups
        .iter()
        .map(|g| (format!("{:?}", g.kind), g.items.len()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Validated".to_string(), 1),
            ("Active".to_string(), 2),
            ("OutOfScope".to_string(), 1)
        ]
    );
}

/// `GSD_CORPUS=<folder of projects>`: `project show --json` on each project exits 0, or 2
/// with a reason when it has no PROJECT.md, and never panics. Not run by default (the corpus
/// is not part of the repository).
#[test]
#[ignore = "needs GSD_CORPUS"]
fn corpus_show_never_panics() {
    let Some(dir) = std::env::var_os("GSD_CORPUS") else {
        return;
    };
    let mut counts = [0usize; 2];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if !e.path().join(".planning").is_dir() {
            continue;
        }
        let (code, _, stderr) = run(crate::support::gsd()
            .arg("-C")
            .arg(e.path())
            .args(["project", "show", "--json"]));
        let has_project = e.path().join(".planning/PROJECT.md").exists();
        match code {
            0 => counts[0] += 1,
            2 if !has_project && stderr.contains("does not exist") => counts[1] += 1,
            _ => panic!("{}: exit {code}: {stderr}", e.path().display()),
        }
    }
    eprintln!(
        "project show --json: {} exit 0, {} without PROJECT.md",
        counts[0], counts[1]
    );
}
