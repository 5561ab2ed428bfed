//! The files a killed `gsd` leaves in `.planning/`, how to recognise them, and removing them.
//!
//! An atomic write puts the new text in a temp file beside its target, then renames it over
//! the target ([`super::atomic`]). A SIGKILL between the two leaves the temp file behind, and
//! nothing else would ever remove it: `git add -A` then commits it. So the temp file's name
//! says it is gsd's: [`TEMP_PREFIX`], the target's name, a dot and [`RANDOM_LEN`] random
//! letters and digits (`.gsd-tmp.STATE.md.a1B2c3`). Only the holder of the workspace lock
//! writes such files, so the holder may remove every one it finds: none can belong to a live
//! writer.
//!
//! Two older kinds of litter are recognised too, so projects an older version left them in
//! heal:
//! - temp files of versions that wrote through the atomic-write-file crate:
//!   `.STATE.md.AbC123` (a dot, the target's name, a dot, six random letters and digits). Only
//!   for the three files those versions wrote ([`LEGACY_TARGETS`]), only in `.planning/` itself,
//!   and only when the six characters mix letter case or digits: `.STATE.md.backup` or
//!   `.STATE.md.202601` is a name a person picks, and stays;
//! - `.planning/.gsd.lock`, the lock file older versions kept, once the workspace lock is
//!   taken on the folder itself ([`super::lock`]); where the lock still needs that file, it is
//!   left alone.

use std::path::{Path, PathBuf};

pub use super::lock::OLD_LOCK_FILE;
use super::lock::WorkspaceLock;
use crate::error::UserError;

/// How every gsd temp file's name starts.
pub const TEMP_PREFIX: &str = ".gsd-tmp.";

/// How many random characters end a temp file's name.
pub const RANDOM_LEN: usize = 6;

/// The files versions before the `.gsd-tmp.` prefix wrote, whose temp files were
/// `.NAME.XXXXXX`.
pub const LEGACY_TARGETS: [&str; 3] = ["STATE.md", "ROADMAP.md", "PROJECT.md"];

/// The start of the temp file name for `target_name`: `.gsd-tmp.STATE.md.`.
pub fn temp_prefix(target_name: &str) -> String {
    format!("{TEMP_PREFIX}{target_name}.")
}

/// Whether `name` is a gsd temp file's name: the prefix, a target name, a dot and
/// [`RANDOM_LEN`] ASCII letters and digits.
pub fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
        return false;
    };
    match rest.rsplit_once('.') {
        Some((target, random)) => !target.is_empty() && is_random(random),
        None => false,
    }
}

/// Whether `name` is a temp file of the versions before the prefix (see the module doc).
pub fn is_legacy_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    LEGACY_TARGETS.iter().any(|target| {
        rest.strip_prefix(target)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|random| is_random(random) && mixes_classes(random))
    })
}

fn is_random(s: &str) -> bool {
    s.len() == RANDOM_LEN && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `s` holds characters of at least two classes (lower case, upper case, digits):
/// random text almost always does (99 %), a word or a date never does.
fn mixes_classes(s: &str) -> bool {
    let lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let upper = s.bytes().any(|b| b.is_ascii_uppercase());
    let digit = s.bytes().any(|b| b.is_ascii_digit());
    u8::from(lower) + u8::from(upper) + u8::from(digit) >= 2
}

/// What is left behind in one folder: gsd temp files, and with `legacy` the older kinds
/// (`old_lock`: whether `.gsd.lock` counts as litter here). Only regular files, sorted by
/// name. A folder that cannot be listed has nothing to report.
fn in_folder(dir: &Path, legacy: bool, old_lock: bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let name = e.file_name();
            let Some(name) = name.to_str() else {
                return false;
            };
            is_temp_name(name)
                || (legacy && is_legacy_temp_name(name))
                || (legacy && old_lock && name == OLD_LOCK_FILE)
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Every leftover in `.planning/`, `.planning/phases/` and each phase folder, in that order
/// (what `gsd check` reports). `.gsd.lock` is included only when the workspace lock does not
/// use it ([`super::lock::uses_lock_file`], asked only when the file is there).
pub fn find(planning_dir: &Path) -> Vec<PathBuf> {
    let mut found = in_folder(planning_dir, true, true);
    if found.iter().any(|p| p.ends_with(OLD_LOCK_FILE)) && super::lock::uses_lock_file(planning_dir)
    {
        found.retain(|p| !p.ends_with(OLD_LOCK_FILE));
    }
    let phases = planning_dir.join("phases");
    found.extend(in_folder(&phases, false, false));
    if let Ok(entries) = std::fs::read_dir(&phases) {
        let mut folders: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .collect();
        folders.sort();
        for folder in folders {
            found.extend(in_folder(&folder, false, false));
        }
    }
    found
}

/// Removes the leftovers in `.planning/` itself (every file gsd's commands write today lives
/// there); the proof that no live writer owns them is the lock `held`. Returns what was
/// removed. A file that cannot be removed stays and is reported by `gsd check`; it never fails
/// the command.
pub fn sweep(planning_dir: &Path, held: &WorkspaceLock) -> Vec<PathBuf> {
    remove(&in_folder(planning_dir, true, !held.uses_file()))
}

/// Removes gsd temp files in the folder of each of `targets` (the files a command is about to
/// write, symlinks resolved), so a command that writes into a phase folder, or through a
/// symlink into a folder outside `.planning/`, cleans up after its own killed predecessors.
/// Callers hold the workspace lock.
pub fn sweep_beside(targets: &[PathBuf]) -> Vec<PathBuf> {
    let mut folders: Vec<&Path> = targets.iter().map(|t| super::folder_of(t)).collect();
    folders.sort();
    folders.dedup();
    folders
        .into_iter()
        .flat_map(|f| remove(&in_folder(f, false, false)))
        .collect()
}

/// Deletes each file; returns those that are gone now.
pub fn remove(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|p| match std::fs::remove_file(p) {
            Ok(()) => true,
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        })
        .cloned()
        .collect()
}

// Taking the lock to write and clearing litter go together, and the clearing is this
// module's job: the lock itself knows nothing of temp files.
impl WorkspaceLock {
    /// Takes the lock for a command that writes (waiting `GSD_LOCK_TIMEOUT`), then removes the
    /// leftovers of killed writers in `.planning/` ([`sweep`]): holding the
    /// lock proves no live writer owns them.
    pub fn for_writing(planning_dir: &Path) -> Result<Self, UserError> {
        let lock = Self::acquire(planning_dir, Self::timeout_from_env()?)?;
        sweep(planning_dir, &lock);
        Ok(lock)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_by_prefix_target_and_suffix() {
        assert!(is_temp_name(".gsd-tmp.STATE.md.a1B2c3"));
        assert!(is_temp_name(".gsd-tmp.03-01-SUMMARY.md.zzzzzz"));
        assert!(!is_temp_name(".gsd-tmp.STATE.md.a1B2c"));
        assert!(!is_temp_name(".gsd-tmp.STATE.md.a1B2c3d"));
        assert!(!is_temp_name(".gsd-tmp.STATE.md.a1-2c3"));
        assert!(!is_temp_name(".gsd-tmp..a1B2c3"));
        assert!(!is_temp_name("gsd-tmp.STATE.md.a1B2c3"));
        assert!(!is_temp_name("STATE.md"));
    }

    #[test]
    fn legacy_names_are_only_random_looking_ones_of_the_three_files() {
        assert!(is_legacy_temp_name(".STATE.md.Xy3kQ9"));
        assert!(is_legacy_temp_name(".ROADMAP.md.abc123"));
        assert!(is_legacy_temp_name(".PROJECT.md.ABCde1"));
        // Words and dates are names people give backups.
        assert!(!is_legacy_temp_name(".STATE.md.backup"));
        assert!(!is_legacy_temp_name(".STATE.md.BACKUP"));
        assert!(!is_legacy_temp_name(".STATE.md.202601"));
        // Other files, other lengths, other shapes.
        assert!(!is_legacy_temp_name(".NOTES.md.Xy3kQ9"));
        assert!(!is_legacy_temp_name(".STATE.md.Xy3kQ"));
        assert!(!is_legacy_temp_name(".STATE.md.swp"));
        assert!(!is_legacy_temp_name("STATE.md.Xy3kQ9"));
        assert!(!is_legacy_temp_name(".STATE.md"));
    }

    #[test]
    fn find_lists_leftovers_in_planning_and_phase_folders_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let planning = dir.path();
        let phase = planning.join("phases/03-api");
        std::fs::create_dir_all(&phase).unwrap();
        for name in [
            "STATE.md",
            ".gsd-tmp.STATE.md.a1B2c3",
            ".STATE.md.Xy3kQ9",
            ".STATE.md.backup",
            "notes.txt",
        ] {
            std::fs::write(planning.join(name), "x").unwrap();
        }
        std::fs::write(planning.join("phases/.gsd-tmp.x.md.000000"), "x").unwrap();
        std::fs::write(phase.join(".gsd-tmp.03-01-PLAN.md.qQ1qQ1"), "x").unwrap();
        // Legacy names count only in .planning/ itself.
        std::fs::write(phase.join(".STATE.md.Xy3kQ9"), "x").unwrap();
        // A folder with a temp file's name is not a temp file.
        std::fs::create_dir(planning.join(".gsd-tmp.ROADMAP.md.dir123")).unwrap();
        let names: Vec<String> = find(planning)
            .iter()
            .map(|p| p.strip_prefix(planning).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                ".STATE.md.Xy3kQ9",
                ".gsd-tmp.STATE.md.a1B2c3",
                "phases/.gsd-tmp.x.md.000000",
                "phases/03-api/.gsd-tmp.03-01-PLAN.md.qQ1qQ1",
            ]
        );
    }

    #[test]
    fn sweeping_beside_targets_removes_only_temp_files_there() {
        let dir = tempfile::tempdir().unwrap();
        let keep = dir.path().join(".STATE.md.Xy3kQ9");
        let temp = dir.path().join(".gsd-tmp.STATE.md.a1B2c3");
        std::fs::write(&keep, "x").unwrap();
        std::fs::write(&temp, "x").unwrap();
        let removed = sweep_beside(&[dir.path().join("STATE.md"), dir.path().join("ROADMAP.md")]);
        assert_eq!(removed, std::slice::from_ref(&temp));
        assert!(!temp.exists());
        assert!(keep.exists());
    }
}
