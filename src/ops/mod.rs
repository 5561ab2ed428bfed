//! The commands that change the plan, as pure functions.
//!
//! Each op takes the loaded [`Workspace`], its arguments and the time, and returns the edits it
//! wants ([`crate::change::FileChange`]) plus what to tell the user. No op reads or writes
//! a file or the clock: the command layer (`commands::mutate`) holds the lock, loads the
//! workspace, passes `now` in and commits the edits all or nothing. That keeps every op testable
//! in memory and lets `--dry-run`, `gsd check --fix` and the fuzzers reuse them.

pub mod begin;
pub mod block;
pub mod complete;
pub mod decide;
mod decide_style;
pub mod field;
pub mod frontmatter;
pub mod insert;
pub mod list_entry;
pub mod list_match;
pub mod milestone;
pub mod milestone_collapse;
pub mod milestone_names;
pub mod milestone_start;
pub mod phase_complete;
pub mod phase_edit;
pub mod phase_plan;
pub mod phase_remove;
pub mod phase_roadmap_add;
pub mod phase_state;
pub mod phase_total;
pub mod position;
pub mod progress;
pub mod project_outcome;
pub mod project_touch;
pub mod project_validate;
mod project_validate_place;
mod project_validate_rows;
pub mod prune;
pub mod renumber;
pub mod renumber_files;
pub mod requirements;
pub mod session;
pub mod set;
pub mod style;
pub mod todo;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::change::FileChange;
use crate::edit::{Edit, EditSet};
use crate::error::UserError;
use crate::model::workspace::Workspace;
use crate::source::Source;

/// The moment a command runs (from `gsd::clock`, pinned by `GSD_NOW` in tests).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: DateTime<FixedOffset>,
}

impl Clock {
    pub fn new(now: DateTime<FixedOffset>) -> Clock {
        Clock { now }
    }

    /// Today's date in `now`'s offset.
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// Today as `YYYY-MM-DD`.
    pub fn date(&self) -> String {
        self.today().format("%Y-%m-%d").to_string()
    }
}

/// What an op wants done and said.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// One entry per file to change, with a one-line summary of the change.
    pub changes: Vec<(FileChange, String)>,
    /// Things the user should know that are not errors (a value left alone, and why).
    pub notices: Vec<String>,
    /// A message for a command that had nothing to do (`02-01 is already complete`).
    pub message: Option<String>,
    /// Files and folders to move, in order, after the new texts are staged.
    pub moves: Vec<crate::change::Move>,
}

impl Outcome {
    /// An outcome that changes nothing and says why.
    pub fn nothing(message: impl Into<String>) -> Outcome {
        Outcome {
            message: Some(message.into()),
            ..Outcome::default()
        }
    }

    /// The file changes alone, for [`crate::transaction::commit`].
    pub fn file_changes(&self) -> Vec<FileChange> {
        self.changes.iter().map(|(c, _)| c.clone()).collect()
    }
}

// The one enum of planning files, shared with `check` (findings and fixes name files too).
pub use crate::model::planning_file::PlanningFile;

/// Builds the [`FileChange`] for one planning file from its edits; `None` when the edits
/// change nothing (so a command that recomputes equal values reports no change).
pub fn file_change(
    ws: &Workspace,
    file: PlanningFile,
    source: &Source,
    edits: Vec<Edit>,
) -> Option<FileChange> {
    let mut set = EditSet::new();
    set.extend(edits);
    let set = set.without_noops(&source.text);
    if set.is_empty() {
        return None;
    }
    Some(FileChange {
        path: planning_path(ws, file.file_name().unwrap_or_default()),
        display: Workspace::display_path(file.file_name().unwrap_or_default()),
        original: source.text.clone(),
        edits: set,
    })
}

/// The on-disk path of a file in `.planning/`.
pub fn planning_path(ws: &Workspace, name: &str) -> PathBuf {
    Workspace::path_of(&ws.root, name)
}

/// The loaded PROJECT.md, or the error a `gsd project` command gives without one.
pub fn project_of(ws: &Workspace) -> Result<&crate::model::project::ProjectDoc, UserError> {
    ws.project.as_ref().ok_or_else(|| {
        project_error("does not exist")
            .hint("`/gsd:new-project` writes PROJECT.md; `gsd project` edits .planning/PROJECT.md")
    })
}

/// A `UserError` about PROJECT.md.
pub fn project_error(message: impl Into<String>) -> UserError {
    UserError::new(message).in_file(Workspace::display_path("PROJECT.md"))
}

/// A `UserError` about STATE.md.
pub fn state_error(message: impl Into<String>) -> UserError {
    UserError::new(message).in_file(Workspace::display_path("STATE.md"))
}
