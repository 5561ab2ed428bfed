//! Shared by the edit-command fuzz targets: build a workspace in memory from the fuzz input,
//! run an op, and check what every op must guarantee.
//!
//! The input is STATE.md. When it contains a line `%%ROADMAP%%`, the text after it is
//! ROADMAP.md; otherwise the demo project's ROADMAP.md is used, so `complete` and `begin`
//! get past "unknown phase" on realistic inputs. Seeds are the fixtures as they are.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::DateTime;
use gsd::edit::EditSet;
use gsd::error::UserError;
use gsd::model::StateDoc;
use gsd::model::roadmap::Roadmap;
use gsd::model::workspace::Workspace;
use gsd::ops::{Clock, Outcome};
use gsd::source::Source;

const DEMO_ROADMAP: &str = include_str!("../../examples/demo/.planning/ROADMAP.md");
const SPLIT: &str = "\n%%ROADMAP%%\n";

/// The fixed moment every run uses (the ops never read the clock themselves).
pub fn clock() -> Clock {
    Clock::new(DateTime::parse_from_rfc3339("2026-02-01T10:00:00+00:00").unwrap())
}

/// Splits the input into STATE.md and ROADMAP.md text.
pub fn split(data: &[u8]) -> Option<(&str, &str)> {
    let text = std::str::from_utf8(data).ok()?;
    Some(match text.split_once(SPLIT) {
        Some((state, roadmap)) => (state, roadmap),
        None => (text, DEMO_ROADMAP),
    })
}

/// A workspace in memory: STATE.md and ROADMAP.md from text, no PROJECT.md, no phases/.
pub fn workspace(state: &str, roadmap: &str) -> Workspace {
    let planning = Path::new("/fuzz/.planning");
    Workspace {
        root: PathBuf::from("/fuzz"),
        state: StateDoc::parse(Source::new(planning.join("STATE.md"), state.to_owned())),
        project: None,
        roadmap: Some(Roadmap::parse(Source::new(
            planning.join("ROADMAP.md"),
            roadmap.to_owned(),
        ))),
        phases: None,
        facts: Default::default(),
    }
}

/// Applies an op's outcome, checking on the way that:
/// - the edits apply (in bounds, on character boundaries, never overlapping — else panic);
/// - every byte outside the edited ranges is unchanged (the common prefix and suffix of the
///   old and new text reach the first and last edit);
/// - only planning files the op may touch are changed;
/// - the new text parses, and round-trips byte-identically.
///
/// Returns the new STATE.md and ROADMAP.md texts (unchanged ones as they were).
pub fn apply(state: &str, roadmap: &str, outcome: &Result<Outcome, UserError>) -> (String, String) {
    let (mut new_state, mut new_roadmap) = (state.to_owned(), roadmap.to_owned());
    let Ok(outcome) = outcome else {
        return (new_state, new_roadmap);
    };
    for change in outcome.file_changes() {
        let original = &change.original;
        let updated = change.edits.apply(original).expect("edits overlap");
        confined(original, &updated, &change.edits);
        let reparsed = StateDoc::parse(Source::new("x", updated.clone()));
        assert_eq!(EditSet::new().apply(reparsed.text()).unwrap(), updated);
        match change.path.file_name().and_then(|n| n.to_str()) {
            Some("STATE.md") => new_state = updated,
            Some("ROADMAP.md") => new_roadmap = updated,
            other => panic!("op changed an unexpected file: {other:?}"),
        }
    }
    (new_state, new_roadmap)
}

/// The bytes that differ between `original` and `updated` lie within the edits' span.
fn confined(original: &str, updated: &str, edits: &EditSet) {
    if edits.is_empty() {
        assert_eq!(original, updated);
        return;
    }
    let first = edits.edits().iter().map(|e| e.range.start).min().unwrap();
    let last = edits.edits().iter().map(|e| e.range.end).max().unwrap();
    let (a, b) = (original.as_bytes(), updated.as_bytes());
    assert_eq!(
        &a[..first],
        &b[..first],
        "bytes before the first edit changed"
    );
    let tail = a.len() - last;
    assert_eq!(
        &a[last..],
        &b[b.len() - tail..],
        "bytes after the last edit changed"
    );
}

/// For ops that must be idempotent: a second identical run changes nothing.
pub fn assert_second_run_changes_nothing(
    outcome: &Result<Outcome, UserError>,
    again: &Result<Outcome, UserError>,
) {
    if outcome.is_ok() {
        if let Ok(again) = again {
            assert!(
                again.file_changes().is_empty(),
                "a second identical run changed files: {again:?}"
            );
        }
    }
}

/// What a second run of the op on its own output must do.
pub enum SecondRun {
    /// Run it and check only `apply`'s invariants (ops whose second run may add again).
    Apply,
    /// Run it and require that it changes nothing (idempotent ops).
    ChangesNothing,
}

/// The body every op target shares: reads the two files the input holds, runs `op` on their
/// workspace, checks `apply`'s invariants, then runs `op` again on the result as `second`
/// says. Inputs that are not two UTF-8 files are skipped.
pub fn run_op(
    data: &[u8],
    second: Option<SecondRun>,
    op: impl Fn(&Workspace, &Clock) -> Result<Outcome, UserError>,
) {
    let Some((state, roadmap)) = split(data) else {
        return;
    };
    let clock = clock();
    let outcome = op(&workspace(state, roadmap), &clock);
    let (state2, roadmap2) = apply(state, roadmap, &outcome);
    let Some(second) = second else { return };
    let again = op(&workspace(&state2, &roadmap2), &clock);
    match second {
        SecondRun::Apply => {
            apply(&state2, &roadmap2, &again);
        }
        SecondRun::ChangesNothing => assert_second_run_changes_nothing(&outcome, &again),
    }
}

/// A few argument texts, picked by the input's length so each input exercises one of them.
pub fn pick<'a>(data: &[u8], choices: &[&'a str]) -> &'a str {
    choices[data.len() % choices.len()]
}

/// Argument texts with the characters that break naive editors.
pub const TEXTS: &[&str] = &[
    "Use cursor pagination for list endpoints",
    "Pipe | in a table cell",
    "Emoji 🚀 and ümlauts — with a dash",
    "",
    "  spaces around  ",
    "**bold** and ~~strike~~ and `code`",
    "Line one\nline two",
    "None yet.",
    "- looks like a bullet",
    "| looks | like | a row |",
];
