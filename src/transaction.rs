//! Applying a command's edits to the workspace, all or nothing.
//!
//! A command computes `Vec<FileChange>` (no I/O). [`commit`] applies every edit set in memory
//! first — so an overlapping edit or any error writes nothing — then either returns unified
//! diffs (`--dry-run`) or writes each changed file atomically. Callers hold the
//! [`crate::io::WorkspaceLock`] from before they read the files until this returns.

use std::path::{Path, PathBuf};

use crate::edit::EditSet;
use crate::render::diff::unified_diff;

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

/// What [`commit`] did for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub display: PathBuf,
    /// The unified diff of the change, for a dry run (empty when nothing changed or when
    /// the change was written).
    pub diff: String,
    /// Whether the file's bytes changed.
    pub changed: bool,
}

/// Applies all changes in memory, then (unless `dry_run`) writes the changed files.
pub fn commit(changes: &[FileChange], dry_run: bool) -> anyhow::Result<Vec<Applied>> {
    let mut planned = Vec::with_capacity(changes.len());
    for change in changes {
        let updated = change.edits.apply(&change.original)?;
        planned.push((change, updated));
    }
    let mut applied = Vec::with_capacity(planned.len());
    for (change, updated) in &planned {
        let changed = *updated != change.original;
        // A diff costs time and memory proportional to the file; only a dry run shows it.
        let diff = if changed && dry_run {
            unified_diff(&change.display, &change.original, updated)
        } else {
            String::new()
        };
        applied.push(Applied {
            display: change.display.clone(),
            diff,
            changed,
        });
    }
    if !dry_run {
        // Refuse before writing anything, so a multi-file change stays all or nothing.
        for (change, updated) in &planned {
            if *updated != change.original {
                refuse_read_only(&change.path, &change.display)?;
            }
        }
        for (change, updated) in &planned {
            if *updated != change.original {
                write(&change.path, &change.display, updated)?;
            }
        }
    }
    Ok(applied)
}

/// A file without write permission is one the user asked to keep as it is: gsd refuses to
/// change it (an atomic rename would otherwise replace it even though it is read-only).
fn refuse_read_only(path: &Path, display: &Path) -> anyhow::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.permissions().readonly() => Err(anyhow::Error::new(
            crate::error::UserError::new("is read-only")
                .in_file(display)
                .hint("make it writable (chmod u+w) if gsd should change it; nothing was changed"),
        )),
        _ => Ok(()),
    }
}

fn write(path: &Path, display: &Path, text: &str) -> anyhow::Result<()> {
    crate::io::write_atomic(path, text.as_bytes()).map_err(|e| {
        anyhow::Error::new(
            crate::error::UserError::new(format!("cannot be written: {e}"))
                .in_file(display)
                .hint("check the file's and the folder's permissions; nothing was changed"),
        )
    })
}
