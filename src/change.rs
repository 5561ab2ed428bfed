//! What a command wants done to the planning files, as data: the edits to each file and the
//! files or folders to move. Ops produce these (pure, no I/O); [`crate::transaction`] applies
//! them all or nothing. Kept apart from the transaction so the layers that compute changes
//! (ops, check fixes) never depend on the one that writes.

pub mod paths;

use std::path::PathBuf;

use crate::edit::EditSet;

/// The edits one command wants in one file.
#[derive(Debug, Clone)]
pub struct FileChange {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// How to name it to the user (`.planning/STATE.md`).
    pub display: PathBuf,
    /// The text the edits were computed against (as read under the lock).
    pub original: String,
    pub edits: EditSet,
}

/// A file or folder a command moves (renumbered phases, archived phase folders), or sets
/// aside to delete (`discard`: a removed phase's folder goes to `to`, a hidden name beside
/// it, and is deleted once every other change is in place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub from: PathBuf,
    pub to: PathBuf,
    /// How to name the paths to the user (`.planning/phases/04-api`).
    pub display_from: PathBuf,
    pub display_to: PathBuf,
    pub discard: bool,
}

impl Move {
    /// One line for the user: `renamed A -> B`, or `removed A`.
    pub fn describe(&self, dry_run: bool) -> String {
        match (self.discard, dry_run) {
            (true, true) => format!("would remove {}", self.display_from.display()),
            (true, false) => format!("removed {}", self.display_from.display()),
            (false, true) => format!(
                "would rename {} -> {}",
                self.display_from.display(),
                self.display_to.display()
            ),
            (false, false) => format!(
                "renamed {} -> {}",
                self.display_from.display(),
                self.display_to.display()
            ),
        }
    }
}

/// What [`crate::transaction::commit`] did (or, on a dry run, would do) to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub display: PathBuf,
    /// The unified diff of the change, for a dry run (empty when nothing changed or when
    /// the change was written).
    pub diff: String,
    /// Whether the file's bytes changed.
    pub changed: bool,
}
