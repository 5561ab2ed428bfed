//! Concurrent writers serialize on the workspace lock and never lose an update.
//!
//! 100 `gsd state decide` processes start at once on one project; afterwards every one of the
//! 100 decisions is in STATE.md exactly once, the rest of the file is what it was, and
//! `.planning/` holds nothing but STATE.md (no temp file, no lock file).

use std::process::{Child, Stdio};

use crate::support::{Project, fixtures_dir};

const WRITERS: usize = 100;

#[test]
fn a_hundred_writers_at_once_keep_all_hundred_updates() {
    let project = Project::with_state(&fixtures_dir().join("seeds/000.md"));
    let before = project.read("STATE.md");
    let children: Vec<Child> = (0..WRITERS)
        .map(|i| {
            project
                .gsd()
                .env("GSD_LOCK_TIMEOUT", "120")
                .args([
                    "-q",
                    "state",
                    "decide",
                    &format!("Concurrent decision number {i:03}"),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn gsd")
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "writer {i} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after = project.read("STATE.md");
    for i in 0..WRITERS {
        let text = format!("Concurrent decision number {i:03}");
        assert_eq!(
            after.matches(&text).count(),
            1,
            "update {i} lost or doubled:\n{after}"
        );
    }
    // Every original line is still there, in order: the writers only inserted lines.
    let mut rest = after
        .lines()
        .filter(|l| !l.contains("Concurrent decision number"));
    for line in before.lines() {
        assert_eq!(rest.next(), Some(line), "original text changed");
    }
    assert_eq!(rest.next(), None);
    assert_no_temp_files(&project);
}

/// Atomic writes must not leave their temp files behind after a clean run, and the lock
/// (on the folder itself) no file at all.
pub fn assert_no_temp_files(project: &Project) {
    let names: Vec<String> = std::fs::read_dir(project.planning())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "STATE.md")
        .collect();
    assert!(names.is_empty(), "stray files in .planning/: {names:?}");
}
