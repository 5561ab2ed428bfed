//! Applying a command's edits to the workspace, all or nothing.
//!
//! A command computes `Vec<FileChange>` (no I/O). [`commit`] applies every edit set in memory
//! first — so an overlapping edit or any error writes nothing — then either returns unified
//! diffs (`--dry-run`) or writes each changed file atomically, first removing gsd temp files a
//! killed writer left in the folders it writes into. Callers hold the
//! [`crate::io::WorkspaceLock`] from before they read the files until this returns.

use std::path::{Path, PathBuf};

use crate::change::{Applied, FileChange, Move};
use crate::error::UserError;
use crate::render::diff::unified_diff;
use crate::source::{Undecoded, encode};

/// Applies all changes in memory, then (unless `dry_run`) writes the changed files.
pub fn commit(changes: &[FileChange], dry_run: bool) -> anyhow::Result<Vec<Applied>> {
    commit_all(changes, &[], dry_run)
}

/// [`commit`] with moves: every new text is staged (temp files beside their targets) and
/// every move checked before anything changes; then the moves run in order, then the staged
/// files are renamed into place, then set-aside folders are deleted. Each step is one
/// `rename(2)`, so a kill at any point leaves each file and folder old or new. An I/O error
/// during the moves undoes the moves already made; any later failure names every step left,
/// as commands, so the user can finish by hand. The changed files must not lie inside a
/// moved folder.
pub fn commit_all(
    changes: &[FileChange],
    moves: &[Move],
    dry_run: bool,
) -> anyhow::Result<Vec<Applied>> {
    let mut planned = Vec::with_capacity(changes.len());
    for change in changes {
        let updated = change.edits.apply(&change.original)?;
        planned.push((change, updated));
    }
    // The bytes of each file that are not UTF-8 (read as stand-ins, `source::decode`): no
    // edit may touch their lines, and they are written back as they were. Refused before
    // anything is written, and for a dry run too: a diff that could not be written is no
    // preview.
    let mut undecoded = Vec::with_capacity(planned.len());
    for (change, updated) in &planned {
        let bytes = if *updated == change.original {
            Vec::new()
        } else {
            crate::io::undecoded_of(
                &crate::change::paths::before_moves(&change.path, moves),
                &change.original,
            )
        };
        refuse_undecoded_lines(change, &bytes)?;
        undecoded.push(bytes);
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
    check_moves(moves)?;
    if dry_run {
        return Ok(applied);
    }
    // Refuse before writing anything, so a multi-file change stays all or nothing.
    for (change, updated) in &planned {
        if *updated != change.original {
            refuse_read_only(
                &crate::change::paths::before_moves(&change.path, moves),
                &change.display,
            )?;
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
    // leave the first one changed. A new file's folder (`milestones/`) is made first.
    let mut staged = Vec::with_capacity(planned.len());
    for ((change, updated), undecoded) in planned.iter().zip(&undecoded) {
        if *updated != change.original {
            // Only a file the command creates gets its folder made: a missing folder under a
            // file that was read means the tree changed, and the write must fail.
            let creating =
                change.original.is_empty() && std::fs::symlink_metadata(&change.path).is_err();
            if creating
                && let Some(folder) = change.path.parent()
                && !folder.as_os_str().is_empty()
            {
                std::fs::create_dir_all(folder).map_err(|e| write_error(&change.display, &e))?;
            }
            let bytes = output_bytes(change, updated, undecoded);
            let now = crate::change::paths::before_moves(&change.path, moves);
            let write = if now == change.path {
                crate::io::stage(&change.path, &bytes)
            } else {
                crate::io::atomic::stage_moved(
                    &change.path,
                    &crate::change::paths::outside_moves(&change.path, moves),
                    &now,
                    &bytes,
                )
            }
            .map_err(|e| write_error(&change.display, &e))?;
            staged.push((change, write));
        }
    }
    let mut step = 0;
    for (i, m) in moves.iter().enumerate() {
        fault_point(&mut step);
        if let Err(e) = crate::io::moves::move_path(&m.from, &m.to) {
            let undone = undo(&moves[..i]);
            return Err(move_error(m, &e, undone, &moves[..i]));
        }
    }
    let staged_names: Vec<PathBuf> = staged.iter().map(|(c, _)| c.display.clone()).collect();
    for (n, (change, write)) in staged.into_iter().enumerate() {
        fault_point(&mut step);
        write.commit().map_err(|e| {
            let left: Vec<String> = staged_names[n..]
                .iter()
                .map(|d| d.display().to_string())
                .collect();
            let mut err = write_error(&change.display, &e);
            if !moves.is_empty() {
                err = anyhow::Error::new(
                    crate::error::UserError::new(format!("cannot be written: {e}"))
                        .in_file(&change.display)
                        .hint(format!(
                            "the moves were made but these files keep their old text: {}; run the command again once the disk is writable",
                            left.join(", ")
                        )),
                );
            }
            err
        })?;
    }
    for m in moves.iter().filter(|m| m.discard) {
        fault_point(&mut step);
        crate::io::moves::remove_path(&m.to).map_err(|e| {
            anyhow::Error::new(
                crate::error::UserError::new(format!(
                    "was set aside as {} but cannot be deleted: {e}",
                    m.display_to.display()
                ))
                .in_file(&m.display_from)
                .hint(format!(
                    "everything else is done; delete it by hand: rm -r '{}'",
                    m.display_to.display()
                )),
            )
        })?;
    }
    Ok(applied)
}

/// A test hook for the crash tests: `GSD_FAULT_STEP=N` aborts the process (as a kill would)
/// just before the Nth step (0-based) of a commit's moves, file renames and deletions.
fn fault_point(step: &mut usize) {
    if let Some(n) = std::env::var("GSD_FAULT_STEP")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        && n == *step
    {
        std::process::abort();
    }
    *step += 1;
}

/// Every move's source exists and no destination does, taking the earlier moves of the list
/// into account (a folder renamed first, then files inside it under its new name).
fn check_moves(moves: &[Move]) -> anyhow::Result<()> {
    // Where a path named after the first `upto` moves lies on disk now.
    let on_disk = |p: &Path, upto: usize| -> PathBuf {
        let mut p = p.to_path_buf();
        for m in moves[..upto].iter().rev() {
            if let Ok(rest) = p.strip_prefix(&m.to) {
                p = m.from.join(rest);
            }
        }
        p
    };
    for (i, m) in moves.iter().enumerate() {
        let from = on_disk(&m.from, i);
        if std::fs::symlink_metadata(&from).is_err() {
            return Err(anyhow::Error::new(
                crate::error::UserError::new("does not exist")
                    .in_file(&m.display_from)
                    .hint("it was listed when gsd read the folder; run the command again; nothing was changed"),
            ));
        }
        let to = on_disk(&m.to, i);
        let vacated = moves[..i].iter().any(|e| on_disk(&e.from, 0) == to);
        if std::fs::symlink_metadata(&to).is_ok() && !vacated {
            return Err(anyhow::Error::new(
                crate::error::UserError::new(format!(
                    "cannot be moved: {} already exists",
                    m.display_to.display()
                ))
                .in_file(&m.display_from)
                .hint("move or delete the one in the way, then run the command again; nothing was changed"),
            ));
        }
    }
    Ok(())
}

/// Refuses a change whose edits touch a line holding a byte that is not UTF-8: that line was
/// read through a guess (the byte as Windows-1252), so gsd does not rewrite it, and an edit
/// over the byte itself could not keep it. Lines without such bytes are edited as usual.
fn refuse_undecoded_lines(change: &FileChange, undecoded: &[Undecoded]) -> Result<(), UserError> {
    let text = change.original.as_str();
    let bytes = text.as_bytes();
    for u in undecoded {
        // The line holding the byte, its terminator included.
        let start = bytes[..u.at]
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |i| i + 1);
        let end = bytes[u.at..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |i| {
                let eol = u.at + i;
                eol + if bytes[eol..].starts_with(b"\r\n") {
                    2
                } else {
                    1
                }
            });
        let touches = change.edits.edits().iter().any(|e| {
            let r = &e.range;
            if r.is_empty() {
                start < r.start && r.start < end
            } else {
                r.start < end && r.end > start
            }
        });
        if touches {
            let line = bytes[..start].iter().filter(|&&b| b == b'\n').count()
                + bytes[..start]
                    .iter()
                    .enumerate()
                    .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                    .count()
                + 1;
            let column = text[start..u.at].chars().count() + 1;
            return Err(UserError::new(format!(
                "line {line} holds byte 0x{:02X}, which is not UTF-8, and this command must change that line",
                u.byte
            ))
            .in_file(&change.display)
            .at(line, column)
            .hint(format!(
                "re-save {} as UTF-8 (the byte reads as `{}` in Windows-1252: `iconv -f windows-1252 -t utf-8`), then run the command again; nothing was changed",
                change.display.display(),
                u.stand_in()
            )));
        }
    }
    Ok(())
}

/// Moves `done` back, last first; whether every one went back.
fn undo(done: &[Move]) -> bool {
    done.iter()
        .rev()
        .all(|m| crate::io::moves::move_path(&m.to, &m.from).is_ok())
}

fn move_error(m: &Move, e: &std::io::Error, undone: bool, done: &[Move]) -> anyhow::Error {
    let hint = if undone {
        "nothing was changed (the moves made before it were undone)".to_string()
    } else {
        let back: Vec<String> = done
            .iter()
            .rev()
            .map(|m| {
                format!(
                    "mv '{}' '{}'",
                    m.display_to.display(),
                    m.display_from.display()
                )
            })
            .collect();
        format!(
            "some moves could not be undone; restore them by hand: {}",
            back.join("; ")
        )
    };
    anyhow::Error::new(
        crate::error::UserError::new(format!("cannot be moved: {e}"))
            .in_file(&m.display_from)
            .hint(hint),
    )
}

/// The bytes to write for `updated`: its UTF-8, with each undecoded byte of the original put
/// back where its stand-in moved to. No edit touches a line holding one (checked first), so
/// each stand-in moved by exactly the size change of the edits before it.
fn output_bytes(change: &FileChange, updated: &str, undecoded: &[Undecoded]) -> Vec<u8> {
    if undecoded.is_empty() {
        return updated.as_bytes().to_vec();
    }
    let mut edits: Vec<&crate::edit::Edit> = change.edits.edits().iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut shift: isize = 0;
    let mut next = 0;
    let moved = undecoded.iter().map(|u| {
        while next < edits.len() && edits[next].range.end <= u.at {
            let e = edits[next];
            shift += e.replacement.len() as isize - e.range.len() as isize;
            next += 1;
        }
        (u.at.saturating_add_signed(shift), u.byte)
    });
    encode(updated, moved)
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
    use crate::edit::{Edit, EditSet};

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
