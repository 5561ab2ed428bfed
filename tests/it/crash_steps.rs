//! Crash safety of every command that writes several files or moves folders: the fault hook
//! (`GSD_FAULT_STEP=k`) aborts the process before step `k` of the commit (each move, each
//! file put in place, each deletion), for every `k` until the command runs through. After
//! each abort, every file under `.planning/` holds its old text or its new text in full
//! (where it was, where it goes, or in a temp file beside it), and no file's text is lost.
//! (A rerun does not always finish the job: `phase add` finds its phase in ROADMAP.md
//! already and stops; the files are whole, and `gsd check` names what disagrees.)

use std::collections::BTreeMap;

use crate::support::{Project, fixtures_dir, planning_files, run};

fn fixture() -> Project {
    Project::copy_of(&fixtures_dir().join("milestone").join("lifecycle"))
}

/// The fixture with phase 1's plans done (SUMMARY files), for the commands that need it.
fn with_phase_one_done() -> Project {
    let p = fixture();
    for (id, line) in [("01-01", "Schema"), ("01-02", "CI")] {
        p.write(
            &format!("phases/01-setup/{id}-SUMMARY.md"),
            &format!("---\nduration: 10min\n---\n\n# Summary\n\n**{line}**\n"),
        );
    }
    p
}

fn tree(p: &Project) -> BTreeMap<String, String> {
    planning_files(p, false)
}

/// Whether `path` is a temp file gsd stages a write in (`.gsd-tmp.<name>.<random>`).
fn is_temp(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|n| n.starts_with(".gsd-tmp."))
}

/// Runs `args` on a fresh project from `setup` with the hook at every step in turn, checking
/// the promise after each abort; returns how many steps the commit has.
fn every_step(name: &str, setup: fn() -> Project, args: &[&str]) -> usize {
    let old = tree(&setup());
    let done = setup();
    let (code, _, stderr) = run(done.gsd().args(args));
    assert_eq!(code, 0, "{name}: {stderr}");
    let new = tree(&done);
    assert_ne!(old, new, "{name}: the command changed nothing");
    let olds: Vec<&String> = old.values().collect();
    let news: Vec<&String> = new.values().collect();
    for k in 0..64 {
        let p = setup();
        let (code, _, _) = run(p.gsd().env("GSD_FAULT_STEP", k.to_string()).args(args));
        if code == 0 {
            assert_eq!(
                tree(&p),
                new,
                "{name}: a hook past the last step changed the result"
            );
            assert!(k >= 2, "{name}: only {k} steps: the hook is not reached");
            return k;
        }
        let now = tree(&p);
        for (path, text) in &now {
            let whole = old.get(path) == Some(text)
                || new.get(path) == Some(text)
                // Moved (a renamed folder, a file under its new name) or staged.
                || (!old.contains_key(path) || is_temp(path))
                    && (olds.contains(&text) || news.contains(&text));
            assert!(
                whole,
                "{name}, step {k}: {path} is neither old nor new:\n{text}"
            );
        }
        // Nothing is lost: each old file's text, or its new text, is still somewhere.
        for (path, text) in &old {
            let kept = now.values().any(|t| t == text)
                || new.get(path).is_some_and(|t| now.values().any(|n| n == t))
                || !new.contains_key(path) && new.values().any(|t| now.values().any(|n| n == t));
            assert!(kept, "{name}, step {k}: {path} is gone");
        }
    }
    panic!("{name}: the hook never let the command finish");
}

#[test]
fn milestone_complete_with_archived_phases() {
    let steps = every_step(
        "milestone complete",
        fixture,
        &[
            "milestone",
            "complete",
            "v1.0",
            "--archive-phases",
            "--force",
        ],
    );
    // Four phase folders moved, then ROADMAP.md, STATE.md, MILESTONES.md and two snapshots.
    assert_eq!(steps, 9);
    // Every move is reported, so a user can finish by hand if the disk fails midway.
    let p = fixture();
    let (_, stdout, _) = run(p.gsd().args([
        "milestone",
        "complete",
        "v1.0",
        "--archive-phases",
        "--force",
    ]));
    for folder in ["01-setup", "02-sync", "03-reports", "04-export"] {
        let line = format!(
            "renamed .planning/phases/{folder} -> .planning/milestones/v1.0-phases/{folder}"
        );
        assert!(stdout.contains(&line), "{stdout}");
    }
}

#[test]
fn phase_insert() {
    every_step("phase insert", fixture, &["phase", "insert", "1", "Hotfix"]);
}

#[test]
fn phase_add() {
    every_step("phase add", fixture, &["phase", "add", "Docs site"]);
}

#[test]
fn phase_complete() {
    every_step(
        "phase complete",
        with_phase_one_done,
        &["phase", "complete", "1"],
    );
}

#[test]
fn state_complete() {
    every_step(
        "state complete",
        with_phase_one_done,
        &["state", "complete", "01-01"],
    );
}

#[test]
fn state_prune() {
    fn setup() -> Project {
        let p = fixture();
        let roadmap = p
            .read("ROADMAP.md")
            .replace("- [ ] **Phase 1: Setup**", "- [x] **Phase 1: Setup**")
            .replace("- [ ] **Phase 2: Sync**", "- [x] **Phase 2: Sync**");
        p.write("ROADMAP.md", &roadmap);
        p
    }
    every_step(
        "state prune",
        setup,
        &["state", "prune", "--keep-recent", "0"],
    );
}

#[test]
fn phase_remove() {
    // The removed folder set aside, 2 renames, 4 files, the deletion.
    assert_eq!(
        every_step("phase remove", fixture, &["phase", "remove", "3"]),
        8
    );
}
