//! Moving files and folders inside `.planning/`: one `rename(2)` each, so a kill leaves every
//! path either where it was or where it goes, never half-copied. The folders on both sides
//! are fsynced so a finished move survives a power cut.

use std::path::Path;

use super::folder_of;

/// Moves `from` to `to` (a file or a whole folder), creating `to`'s folder when needed.
/// Refuses to replace anything already at `to`.
pub fn move_path(from: &Path, to: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already exists", to.display()),
        ));
    }
    std::fs::create_dir_all(folder_of(to))?;
    std::fs::rename(from, to)?;
    sync(folder_of(to))?;
    if folder_of(from) != folder_of(to) {
        sync(folder_of(from))?;
    }
    Ok(())
}

/// Deletes a folder (or file) that a move set aside: the last step of a removal, after every
/// other change is in place.
pub fn remove_path(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn sync(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_never_replaces_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("sub").join("b");
        std::fs::write(&a, "a").unwrap();
        move_path(&a, &b).unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "a");
        std::fs::write(&a, "other").unwrap();
        assert!(move_path(&a, &b).is_err());
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "a");
        remove_path(&dir.path().join("sub")).unwrap();
        assert!(!b.exists());
    }
}
