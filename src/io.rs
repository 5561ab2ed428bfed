//! All file-system access for writes, and careful reads.
//!
//! Reads keep the exact bytes and turn every failure into a [`UserError`] naming the file.
//! Writes are atomic (temp file in the same folder, fsync, rename; the file's permissions
//! kept; a symlink written through to its target): commands [`stage`] every changed file and
//! then [`StagedWrite::commit`] each (see `transaction::commit`); [`write_atomic`] is the same
//! for a single file. Every command that writes holds a [`WorkspaceLock`] from before it reads
//! until after it writes.

use std::fs::File;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::UserError;
use crate::source::Source;

/// Reads a UTF-8 text file exactly, or explains why it cannot.
pub fn read_source(path: &Path, display: &Path) -> Result<Source, UserError> {
    let bytes = read_bytes(path, display)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(display, text)),
        Err(err) => {
            let valid_up_to = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid_up_to]);
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(UserError::new(format!(
                "is not valid UTF-8 (invalid byte 0x{:02x} at byte {valid_up_to})",
                bytes[valid_up_to]
            ))
            .in_file(display)
            .at(line, column)
            .hint("gsd reads UTF-8 Markdown; re-save the file as UTF-8"))
        }
    }
}

/// Reads a file's bytes with a clear error for directories, missing and unreadable files.
pub fn read_bytes(path: &Path, display: &Path) -> Result<Vec<u8>, UserError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(UserError::new("is a directory, expected a file")
                .in_file(display)
                .hint("move the directory away or point gsd at another project with -C"));
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if let Ok(link) = std::fs::read_link(path) {
                return Err(UserError::new(format!(
                    "is a symbolic link to {}, which does not exist",
                    link.display()
                ))
                .in_file(display)
                .hint("restore the file the link points to, or replace the link with the file"));
            }
            return Err(UserError::new("does not exist").in_file(display).hint(
                "create it (the GSD workflow writes it when a project starts), or pass -C <DIR> \
                 pointing at another project",
            ));
        }
        _ => {}
    }
    std::fs::read(path).map_err(|e| {
        let hint = if e.kind() == ErrorKind::PermissionDenied {
            "check the file's permissions (chmod u+r)"
        } else {
            "check that the file is readable"
        };
        UserError::new(format!("cannot be read: {e}"))
            .in_file(display)
            .hint(hint)
    })
}

/// Replaces `path`'s contents atomically: a crash leaves the old or the new file, never a
/// torn one. A symlink is followed so the link stays a link. The file's mode is kept.
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
    file: atomic_write_file::AtomicWriteFile,
}

/// Writes `contents` to a temp file in `path`'s folder (following symlinks to the target),
/// keeping the target's permissions.
pub fn stage(path: &Path, contents: &[u8]) -> std::io::Result<StagedWrite> {
    let target = resolve_symlink(path)?;
    let mut file = atomic_write_file::AtomicWriteFile::options().open(&target)?;
    file.write_all(contents)?;
    Ok(StagedWrite { file })
}

impl StagedWrite {
    /// Flushes, fsyncs and renames the temp file over the target.
    pub fn commit(self) -> std::io::Result<()> {
        self.file.commit()
    }
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

/// The advisory lock that serialises writing `gsd` processes on one `.planning/` folder.
///
/// It is an OS lock on `.planning/.gsd.lock` (std `File::lock`), so it is released when the
/// holder exits, even by SIGKILL: a lock file left behind never blocks the next command.
#[derive(Debug)]
pub struct WorkspaceLock {
    _file: File,
}

/// How long a command waits for another `gsd` before giving up, unless `GSD_LOCK_TIMEOUT`
/// (seconds) says otherwise.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

impl WorkspaceLock {
    /// Takes the lock, waiting up to `timeout`.
    pub fn acquire(planning_dir: &Path, timeout: Duration) -> Result<Self, UserError> {
        let path = planning_dir.join(".gsd.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| {
                UserError::new(format!("cannot open the lock file: {e}"))
                    .in_file(&path)
                    .hint("gsd needs write access to .planning/ to change files")
            })?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(WorkspaceLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) => {
                    if started.elapsed() >= timeout {
                        return Err(UserError::new(format!(
                            "another gsd process has held the lock for more than {} s",
                            timeout.as_secs_f64()
                        ))
                        .in_file(&path)
                        .hint("wait for it to finish, or set GSD_LOCK_TIMEOUT=<seconds> to wait longer"));
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(UserError::new(format!("cannot lock: {e}")).in_file(&path));
                }
            }
        }
    }

    /// The timeout from `GSD_LOCK_TIMEOUT`, else the default.
    pub fn timeout_from_env() -> Duration {
        std::env::var("GSD_LOCK_TIMEOUT")
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map_or(DEFAULT_LOCK_TIMEOUT, Duration::from_secs_f64)
    }
}
