//! Applying a command's edits to the workspace, all or nothing.
//!
//! A command computes `Vec<FileChange>` (no I/O). [`commit`] applies every edit set in memory
//! first — so an overlapping edit or any error writes nothing — then either returns unified
//! diffs (`--dry-run`) or writes each changed file atomically, first removing gsd temp files a
//! killed writer left in the folders it writes into. Callers hold the
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
        // Temp files a killed predecessor left beside these files: the lock is held, so no
        // live writer owns them.
        let targets: Vec<PathBuf> = planned
            .iter()
            .filter(|(change, updated)| *updated != change.original)
            .map(|(change, _)| crate::io::atomic::target_of(&change.path))
            .collect();
        crate::io::leftovers::sweep_beside(&targets);
        // Stage every file before renaming any, so an I/O error on the second file cannot
        // leave the first one changed.
        let mut staged = Vec::with_capacity(planned.len());
        for (change, updated) in &planned {
            if *updated != change.original {
                let write = crate::io::stage(&change.path, updated.as_bytes())
                    .map_err(|e| write_error(&change.display, &e))?;
                staged.push((change, write));
            }
        }
        for (change, write) in staged {
            write
                .commit()
                .map_err(|e| write_error(&change.display, &e))?;
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

fn write_error(display: &Path, e: &std::io::Error) -> anyhow::Error {
    anyhow::Error::new(
        crate::error::UserError::new(format!("cannot be written: {e}"))
            .in_file(display)
            .hint("check the file's and the folder's permissions; nothing was changed"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;

    fn change(path: PathBuf, original: &str, replacement: &str) -> FileChange {
        let mut edits = EditSet::new();
        edits.push(Edit::replace(0..original.len(), replacement));
        FileChange {
            display: path.clone(),
            path,
            original: original.to_string(),
            edits,
        }
    }

    #[test]
    fn a_file_that_cannot_be_written_leaves_every_file_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("STATE.md");
        std::fs::write(&first, "old").unwrap();
        // The second target's folder does not exist, so staging it fails.
        let second = dir.path().join("missing-folder").join("ROADMAP.md");
        let changes = [
            change(first.clone(), "old", "new"),
            change(second, "x", "y"),
        ];
        assert!(commit(&changes, false).is_err());
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "old");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "temp files left behind: {leftovers:?}");
    }

    #[test]
    fn dry_run_writes_nothing_and_returns_the_diff() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("STATE.md");
        std::fs::write(&path, "old\n").unwrap();
        let applied = commit(&[change(path.clone(), "old\n", "new\n")], true).unwrap();
        assert!(applied[0].changed);
        assert!(applied[0].diff.contains("-old\n+new\n"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
    }
}
