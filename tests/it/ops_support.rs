//! Helpers for the ops tests: run an op in memory on a fixture, apply its edits, and check the
//! round-trip invariants every change must keep.

use std::path::{Path, PathBuf};

use chrono::DateTime;
use gsd::change::FileChange;
use gsd::model::workspace::{Needs, Workspace};
use gsd::ops::{Clock, Outcome};
use gsd::source::Source;
use similar::{ChangeTag, TextDiff};

/// The clock every ops test runs at (same as the CLI tests' `GSD_NOW`).
pub fn clock() -> Clock {
    Clock::new(DateTime::parse_from_rfc3339("2026-02-01T10:00:00Z").unwrap())
}

/// A workspace holding only STATE.md `text` (no siblings).
pub fn state_only(text: &str) -> Workspace {
    Workspace::in_memory(text)
}

/// A workspace holding STATE.md `state` and ROADMAP.md `roadmap` (no `phases/`).
pub fn state_and_roadmap(state: &str, roadmap: &str) -> Workspace {
    Workspace::in_memory(state).with_roadmap(roadmap)
}

/// A workspace loaded from a fixture tree (a folder holding `.planning/`).
pub fn tree(root: &Path) -> Workspace {
    Workspace::load(root, Needs::ALL).expect("fixture tree loads")
}

/// The whole-tree fixtures, sorted, as (name, root): `fixtures/ops/*` (named plainly),
/// `fixtures/projects/*` (named `projects__…`) and the shipped `examples/demo`.
pub fn ops_trees() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for (sub, prefix) in [("ops", ""), ("projects", "projects__")] {
        let dir = crate::support::fixtures_dir().join(sub);
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            if e.path().join(".planning").join("STATE.md").is_file() {
                let name = format!("{prefix}{}", e.file_name().to_string_lossy());
                out.push((name, e.path()));
            }
        }
    }
    out.push((
        "examples__demo".to_string(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"),
    ));
    out.sort();
    out
}

/// Every whole-tree fixture: [`ops_trees`] plus `fixtures/ledger/*` (named `ledger__…`).
pub fn all_trees() -> Vec<(String, PathBuf)> {
    let mut out = ops_trees();
    for e in std::fs::read_dir(crate::support::fixtures_dir().join("ledger"))
        .unwrap()
        .flatten()
    {
        if e.path().join(".planning/STATE.md").is_file() {
            out.push((
                format!("ledger__{}", e.file_name().to_string_lossy()),
                e.path(),
            ));
        }
    }
    out.sort();
    out
}

/// Applies a change and asserts the invariants: only lines touched by an edit differ, the BOM
/// and every untouched line (ending included) survive, new lines use the file's endings, and
/// the final-newline state is kept. Returns the new text.
pub fn apply_checked(change: &FileChange) -> String {
    let old = change.original.as_str();
    let new = change.edits.apply(old).expect("edits do not overlap");
    let touched = touched_lines(old, change);
    let diff = TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_lines(old, new.as_str());
    let mut old_line = 0usize;
    for c in diff.iter_all_changes() {
        match c.tag() {
            ChangeTag::Equal => old_line += 1,
            ChangeTag::Delete => {
                assert!(
                    touched.contains(&old_line),
                    "{}: line {} changed but no edit touches it: {:?}",
                    change.display.display(),
                    old_line + 1,
                    c.value()
                );
                old_line += 1;
            }
            ChangeTag::Insert => {}
        }
    }
    assert_eq!(
        old.starts_with('\u{feff}'),
        new.starts_with('\u{feff}'),
        "BOM changed"
    );
    assert_eq!(
        old.ends_with('\n') || old.ends_with('\r'),
        new.ends_with('\n') || new.ends_with('\r') || old.is_empty(),
        "final newline state changed"
    );
    let crlf = |t: &str| t.matches("\r\n").count();
    let bare_lf = |t: &str| t.matches('\n').count() - crlf(t);
    if bare_lf(old) == 0 && crlf(old) > 0 {
        assert_eq!(bare_lf(&new), 0, "a bare LF was written into a CRLF file");
    }
    if crlf(old) == 0 {
        assert_eq!(crlf(&new), 0, "a CRLF was written into an LF file");
    }
    new
}

/// Old line indexes an edit replaces or inserts into (an insertion at a line start also
/// touches the line before it, whose terminator the diff may regroup).
fn touched_lines(old: &str, change: &FileChange) -> std::collections::BTreeSet<usize> {
    let src = Source::new("x", old.to_string());
    let mut set = std::collections::BTreeSet::new();
    for e in change.edits.edits() {
        let first = src.line_of(e.range.start);
        let last = src.line_of(e.range.end.saturating_sub(1).max(e.range.start));
        for l in first..=last {
            set.insert(l);
        }
        if first > 0 {
            set.insert(first - 1);
        }
    }
    set
}

/// Runs an op result into a readable report: each file's diff (checked), notices, message.
pub fn report(result: Result<Outcome, gsd::error::UserError>) -> String {
    report_of(&result)
}

/// [`report`] of a result the caller keeps.
pub fn report_of(result: &Result<Outcome, gsd::error::UserError>) -> String {
    match result {
        Err(e) => format!("error (exit 2): {e}\n"),
        Ok(out) => {
            let mut s = String::new();
            for n in &out.notices {
                s.push_str(&format!("note: {n}\n"));
            }
            if let Some(m) = &out.message {
                s.push_str(&format!("message: {m}\n"));
            }
            for (change, summary) in &out.changes {
                let new = apply_checked(change);
                s.push_str(&format!("{}: {summary}\n", change.display.display()));
                s.push_str(&gsd::render::diff::unified_diff(
                    &change.display,
                    &change.original,
                    &new,
                ));
            }
            if out.changes.is_empty() && out.message.is_none() {
                s.push_str("(no change)\n");
            }
            s
        }
    }
}

/// The new STATE.md text of an outcome (checked), if it changes STATE.md.
pub fn new_state(out: &Outcome) -> Option<String> {
    new_text(out, "STATE.md")
}

/// The new text of the outcome's change to the file named `file` (checked), if it has one.
pub fn new_text(out: &Outcome, file: &str) -> Option<String> {
    out.changes
        .iter()
        .find(|(c, _)| c.display.ends_with(file))
        .map(|(c, _)| apply_checked(c))
}
