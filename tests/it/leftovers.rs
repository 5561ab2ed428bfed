//! What a killed `gsd` leaves behind, and who removes it: a writing command (holding the
//! lock) sweeps `.planning/` and the folders it writes into; `gsd check` reports leftovers as
//! GSD501 and `--fix` deletes them; files people named stay. The lock itself leaves nothing.

use std::path::Path;

use crate::support::{Project, run};

fn demo() -> Project {
    Project::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"))
}

/// Every file under `dir`, relative and `/`-separated, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap();
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    out.sort();
    out
}

/// Litter of every kind gsd recognises, and two files a person could have named like it.
const LITTER: [&str; 5] = [
    ".gsd-tmp.STATE.md.a1B2c3",
    ".gsd-tmp.ROADMAP.md.zz9ZZ9",
    ".STATE.md.Xy3kQ9",
    ".PROJECT.md.00aa11",
    ".gsd.lock",
];
const KEEP: [&str; 3] = [".STATE.md.backup", ".STATE.md.202601", ".gsd-tmp-notes.md"];
const PHASE_TEMP: &str = "phases/02-api-pagination/.gsd-tmp.02-02-SUMMARY.md.Qq1Qq1";

fn littered() -> (Project, Vec<String>) {
    let p = demo();
    let clean = files(&p.planning());
    for name in LITTER.iter().chain(&KEEP) {
        p.write(name, "# Project State\n\n## Proj");
    }
    p.write(PHASE_TEMP, "---\nduration: 12");
    (p, clean)
}

fn with(base: &[String], extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = base.to_vec();
    v.extend(extra.iter().map(|s| s.to_string()));
    v.sort();
    v
}

#[test]
fn check_reports_every_leftover_and_fix_deletes_exactly_those() {
    let (p, clean) = littered();
    let (code, stdout, stderr) = run(p.gsd().args(["check", "--format", "json"]));
    assert_eq!(code, 0, "warnings only: {stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut reported: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .inspect(|d| assert_eq!(d["code"], "GSD501", "{d}"))
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    reported.sort();
    let mut want: Vec<String> = LITTER
        .iter()
        .map(|n| format!(".planning/{n}"))
        .chain([format!(".planning/{PHASE_TEMP}")])
        .collect();
    want.sort();
    assert_eq!(reported, want);

    // A dry run names them and deletes nothing.
    let before = files(&p.planning());
    let (code, stdout, stderr) = run(p.gsd().args(["--dry-run", "check", "--fix"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    assert!(
        stderr.contains("would delete .planning/.gsd-tmp.STATE.md.a1B2c3"),
        "{stderr}"
    );
    assert_eq!(files(&p.planning()), before);

    let (code, _, stderr) = run(p.gsd().args(["check", "--fix"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("fixed 6 problem(s)"), "{stderr}");
    assert_eq!(files(&p.planning()), with(&clean, &KEEP));
    let (code, stdout, _) = run(p.gsd().arg("check"));
    assert_eq!(
        (code, stdout.as_str()),
        (0, "All checks passed: no problems found.\n")
    );
}

#[test]
fn a_writing_command_sweeps_planning_and_a_dry_run_does_not() {
    let (p, clean) = littered();
    let before = files(&p.planning());
    let (code, _, stderr) = run(p.gsd().args(["--dry-run", "state", "todo", "Write docs"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(files(&p.planning()), before, "a dry run changes nothing");

    let (code, _, stderr) = run(p.gsd().args(["-q", "state", "todo", "Write docs"]));
    assert_eq!(code, 0, "{stderr}");
    // `.planning/` itself is swept; the phase folder this command does not write into is
    // left to `gsd check --fix` (or to a command that writes there).
    assert_eq!(
        files(&p.planning()),
        with(&clean, &[&KEEP[..], &[PHASE_TEMP]].concat())
    );
}

#[test]
fn a_refused_command_still_sweeps_since_it_held_the_lock() {
    let (p, clean) = littered();
    let (code, _, _) = run(p
        .gsd()
        .args(["state", "unblock", "no such blocker anywhere"]));
    assert_eq!(code, 2);
    assert_eq!(
        files(&p.planning()),
        with(&clean, &[&KEEP[..], &[PHASE_TEMP]].concat())
    );
}

#[cfg(unix)]
#[test]
fn a_write_through_a_symlink_sweeps_the_targets_folder() {
    let p = demo();
    let elsewhere = p.root().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::rename(p.planning().join("STATE.md"), elsewhere.join("STATE.md")).unwrap();
    std::os::unix::fs::symlink("../elsewhere/STATE.md", p.planning().join("STATE.md")).unwrap();
    let stale = elsewhere.join(".gsd-tmp.STATE.md.a1B2c3");
    std::fs::write(&stale, "torn").unwrap();
    let (code, _, stderr) = run(p.gsd().args(["state", "todo", "Write docs"]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(files(&elsewhere), ["STATE.md"]);
    assert!(
        std::fs::read_to_string(elsewhere.join("STATE.md"))
            .unwrap()
            .contains("Write docs")
    );
}

#[test]
fn writing_leaves_no_lock_file_in_the_tree_or_the_git_directory() {
    let p = demo();
    std::fs::create_dir(p.root().join(".git")).unwrap();
    let before = files(p.root());
    let (code, _, stderr) = run(p.gsd().args(["state", "todo", "Write docs"]));
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(p.gsd().args(["check", "--fix"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        before.contains(&".planning/STATE.md".to_string()),
        "{before:?}"
    );
    assert_eq!(
        files(p.root()),
        before,
        "only STATE.md changed, no file was added"
    );
}
