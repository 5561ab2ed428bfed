//! Atomic file replacement: a crash leaves the old file or the new one, never a torn one.
//!
//! The new text goes to a temp file in the target's folder (so the rename stays on one file
//! system), named the way [`super::leftovers`] recognises (`.gsd-tmp.STATE.md.a1B2c3`), so a
//! temp file a SIGKILL strands can be found and removed later. The temp file is given the
//! target's permissions (and owner, where allowed) and fsynced, then renamed over the target,
//! and the folder is fsynced so the rename itself survives a power cut. A symlink is written
//! through to the file it names, so the link stays a link.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::folder_of;
use super::leftovers::{RANDOM_LEN, temp_prefix};

/// Replaces `path`'s contents atomically (see the module doc).
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    stage(path, contents)?.commit()
}

/// A new version of a file, written to a temp file beside it but not yet in place.
///
/// Multi-file commands stage every file first and only then commit each one, so a failure
/// while writing (disk full, permissions) leaves every file as it was; dropping a staged
/// write removes its temp file.
#[derive(Debug)]
pub struct StagedWrite {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

/// Writes `contents` to a temp file in `path`'s folder (following symlinks to the target),
/// with the target's permissions.
pub fn stage(path: &Path, contents: &[u8]) -> std::io::Result<StagedWrite> {
    let target = resolve_symlink(path)?;
    let name = target
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file name"))?
        .to_string_lossy()
        .into_owned();
    let folder = folder_of(&target);
    let existing = std::fs::metadata(&target).ok();
    let prefix = temp_prefix(&name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(RANDOM_LEN);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets what any new file gets (0666 less the umask), not a temp file's 0600.
        if existing.is_none() {
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
    }
    let mut temp = builder.tempfile_in(folder)?;
    if let Some(meta) = &existing {
        keep_permissions(temp.as_file(), meta)?;
    }
    temp.write_all(contents)?;
    Ok(StagedWrite { temp, target })
}

/// Writes `contents` to a temp file in `folder` for a target that does not exist yet because
/// a move will bring it there (a PLAN.md whose phase folder is renumbered and whose own name
/// changes): the temp file must live in a folder no move touches, or the rename that puts it
/// in place would look for it where it no longer is. `like` is where the file is now, for
/// its permissions.
pub fn stage_moved(
    target: &Path,
    folder: &Path,
    like: &Path,
    contents: &[u8],
) -> std::io::Result<StagedWrite> {
    let name = target
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file name"))?
        .to_string_lossy()
        .into_owned();
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(&name))
        .rand_bytes(RANDOM_LEN)
        .tempfile_in(folder)?;
    if let Ok(meta) = std::fs::metadata(like) {
        keep_permissions(temp.as_file(), &meta)?;
    }
    temp.write_all(contents)?;
    Ok(StagedWrite {
        temp,
        target: target.to_path_buf(),
    })
}

impl StagedWrite {
    /// Fsyncs the temp file, renames it over the target and fsyncs the folder.
    pub fn commit(self) -> std::io::Result<()> {
        self.temp.as_file().sync_all()?;
        self.temp.persist(&self.target).map_err(|e| e.error)?;
        sync_folder(folder_of(&self.target))
    }
}

/// Gives the temp file the target's mode exactly (umask does not apply to `fchmod`) and, when
/// this user may, its owner and group.
#[cfg(unix)]
fn keep_permissions(file: &std::fs::File, target: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    file.set_permissions(target.permissions())?;
    let own = file.metadata()?;
    if (own.uid(), own.gid()) != (target.uid(), target.gid()) {
        // Only root may give a file away; anyone else keeps their own ownership, as a
        // text editor saving the file would.
        match std::os::unix::fs::fchown(file, Some(target.uid()), Some(target.gid())) {
            Err(e) if e.kind() != std::io::ErrorKind::PermissionDenied => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn keep_permissions(file: &std::fs::File, target: &std::fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(target.permissions())
}

/// Makes a rename in `folder` durable. Windows cannot open a folder as a file; its rename
/// (`MoveFileEx`) is made durable by the file system's own journal.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Follows a chain of symlinks to the file they name (which need not exist yet).
fn resolve_symlink(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                current = if link.is_absolute() {
                    link
                } else {
                    current
                        .parent()
                        .map_or_else(|| link.clone(), |p| p.join(&link))
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// The file a write to `path` lands in (symlinks followed), for sweeping its folder.
pub fn target_of(path: &Path) -> PathBuf {
    resolve_symlink(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_staged_write_is_a_recognisable_temp_file_until_it_is_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("STATE.md");
        std::fs::write(&path, "old").unwrap();
        let staged = stage(&path, b"new").unwrap();
        let during = names(dir.path());
        assert_eq!(during.len(), 2, "{during:?}");
        assert!(during[0].starts_with(".gsd-tmp.STATE.md."), "{during:?}");
        assert!(super::super::leftovers::is_temp_name(&during[0]));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        staged.commit().unwrap();
        assert_eq!(names(dir.path()), ["STATE.md"]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_dropped_staged_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("STATE.md");
        std::fs::write(&path, "old").unwrap();
        drop(stage(&path, b"new").unwrap());
        assert_eq!(names(dir.path()), ["STATE.md"]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }

    #[cfg(unix)]
    #[test]
    fn the_mode_is_kept_exactly_and_a_new_file_gets_the_usual_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("STATE.md");
        std::fs::write(&path, "old").unwrap();
        // Group-writable: a umask of 022 would drop the group's write bit.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
        let fresh = dir.path().join("NEW.md");
        write_atomic(&fresh, b"x").unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode & 0o044,
            0,
            "a new file is readable by others as usual: {mode:o}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("STATE.md"), "old").unwrap();
        let link = dir.path().join("STATE.md");
        std::os::unix::fs::symlink("real/STATE.md", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(real.join("STATE.md")).unwrap(),
            "new"
        );
        assert_eq!(target_of(&link), real.join("STATE.md"));
    }
}
