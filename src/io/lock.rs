//! The workspace lock: one writing `gsd` process at a time per `.planning/` folder.
//!
//! It is an OS advisory lock (std `File::lock`: `flock` on Unix, `LockFileEx` on Windows), so
//! the kernel releases it when its holder exits, even by SIGKILL: a crashed run never blocks
//! the next one. Where it is taken decides what it leaves behind:
//! - on the `.planning` folder itself wherever a folder can be locked (Linux, macOS and the
//!   other Unixes, on local file systems): nothing is created, so nothing ends up in a commit;
//! - else (Windows, where `LockFileEx` needs a file; network file systems that refuse to
//!   lock a folder) on a lock file: `gsd.lock` in the git directory of the repository the
//!   project is in (outside the work tree), or `.planning/.gsd.lock` when there is none.
//!
//! Every process on one folder makes the same choice, since it depends only on the platform
//! and the file system. (A Windows process and a WSL one on the same folder do not exclude
//! each other.)

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::UserError;

/// Holding this means no other `gsd` is writing in the workspace; dropping it (or exiting)
/// releases the lock.
#[derive(Debug)]
pub struct WorkspaceLock {
    _handle: File,
    /// The lock file, when the folder itself could not be locked.
    file: Option<PathBuf>,
}

/// How long a command waits for another `gsd` before giving up, unless `GSD_LOCK_TIMEOUT`
/// (seconds) says otherwise.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// What a lock is taken on: the folder, or a lock file.
struct Handle {
    file: File,
    lock_file: Option<PathBuf>,
}

impl WorkspaceLock {
    /// Takes the lock, waiting up to `timeout`.
    pub fn acquire(planning_dir: &Path, timeout: Duration) -> Result<Self, UserError> {
        let mut handle = match open_folder(planning_dir) {
            Some(folder) => Handle {
                file: folder,
                lock_file: None,
            },
            None => open_lock_file(planning_dir)?,
        };
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match handle.file.try_lock() {
                Ok(()) => {
                    return Ok(WorkspaceLock {
                        _handle: handle.file,
                        file: handle.lock_file,
                    });
                }
                Err(TryLockError::WouldBlock) => {
                    if started.elapsed() >= timeout {
                        let shown = handle.lock_file.as_deref().unwrap_or(planning_dir);
                        return Err(UserError::new(format!(
                            "another gsd process has held the lock for more than {} s",
                            timeout.as_secs_f64()
                        ))
                        .in_file(shown)
                        .hint(
                            "wait for it to finish, or set GSD_LOCK_TIMEOUT=<seconds> to wait longer",
                        ));
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                // The file system cannot lock a folder: every process falls back to the file.
                Err(TryLockError::Error(_)) if handle.lock_file.is_none() => {
                    handle = open_lock_file(planning_dir)?;
                }
                Err(TryLockError::Error(e)) => {
                    let shown = handle.lock_file.as_deref().unwrap_or(planning_dir);
                    return Err(UserError::new(format!("cannot lock: {e}")).in_file(shown));
                }
            }
        }
    }

    /// Whether the lock is on a lock file (rather than on the folder).
    pub fn uses_file(&self) -> bool {
        self.file.is_some()
    }

    /// The timeout from `GSD_LOCK_TIMEOUT` (seconds, decimals allowed), else the default. A
    /// value that is not a number of seconds is an error rather than the default: a typo
    /// would otherwise make a CI job wait 30 s where it asked for 300, or give up at once.
    pub fn timeout_from_env() -> Result<Duration, UserError> {
        let Some(raw) = std::env::var_os("GSD_LOCK_TIMEOUT") else {
            return Ok(DEFAULT_LOCK_TIMEOUT);
        };
        let text = raw.to_string_lossy();
        text.trim()
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0)
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
            .ok_or_else(|| {
                UserError::new(format!(
                    "GSD_LOCK_TIMEOUT=`{text}` is not a number of seconds"
                ))
                .hint("set it to how long to wait for another gsd, e.g. GSD_LOCK_TIMEOUT=60 (or 0.5), or unset it for the default of 30")
            })
    }
}

/// Whether the workspace lock of `planning_dir` is taken on a lock file, found out without
/// waiting (a shared lock taken and released at once): `gsd check` asks, to know whether an
/// old `.gsd.lock` is litter.
pub fn uses_lock_file(planning_dir: &Path) -> bool {
    let Some(folder) = open_folder(planning_dir) else {
        return true;
    };
    match folder.try_lock_shared() {
        Ok(()) => {
            let _ = folder.unlock();
            false
        }
        // Another process holds the folder's lock: folders can be locked here.
        Err(TryLockError::WouldBlock) => false,
        Err(TryLockError::Error(_)) => true,
    }
}

/// The `.planning` folder opened for locking, on platforms where a folder can be locked.
#[cfg(unix)]
fn open_folder(planning_dir: &Path) -> Option<File> {
    File::open(planning_dir).ok()
}

/// Windows locks byte ranges of files only; a folder handle cannot be locked.
#[cfg(not(unix))]
fn open_folder(_planning_dir: &Path) -> Option<File> {
    None
}

fn open_lock_file(planning_dir: &Path) -> Result<Handle, UserError> {
    let path = lock_file_path(planning_dir);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| {
            UserError::new(format!("cannot open the lock file: {e}"))
                .in_file(&path)
                .hint("gsd needs write access to it to change files")
        })?;
    Ok(Handle {
        file,
        lock_file: Some(path),
    })
}

/// The lock file versions before the folder lock kept in `.planning/`.
pub const OLD_LOCK_FILE: &str = ".gsd.lock";

/// Where the lock file goes when the folder cannot be locked: `gsd.lock` in the git directory
/// of the repository holding the project (never committed), else `.planning/.gsd.lock`.
pub fn lock_file_path(planning_dir: &Path) -> PathBuf {
    planning_dir.parent().and_then(git_dir).map_or_else(
        || planning_dir.join(OLD_LOCK_FILE),
        |git| git.join("gsd.lock"),
    )
}

/// The git directory of the work tree holding `dir`: the nearest `.git` folder, or the folder a
/// `.git` file names (`gitdir: …`, as in linked worktrees and submodules).
fn git_dir(dir: &Path) -> Option<PathBuf> {
    for d in dir.ancestors() {
        let dot_git = d.join(".git");
        let Ok(meta) = std::fs::metadata(&dot_git) else {
            continue;
        };
        if meta.is_dir() {
            return Some(dot_git);
        }
        let text = std::fs::read_to_string(&dot_git).ok()?;
        let target = text.lines().next()?.strip_prefix("gitdir:")?.trim();
        let target = d.join(target);
        return target.is_dir().then_some(target);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_folder_is_locked_and_no_file_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let held = WorkspaceLock::acquire(dir.path(), Duration::ZERO).unwrap();
        assert!(!held.uses_file());
        assert!(!uses_lock_file(dir.path()));
        assert!(WorkspaceLock::acquire(dir.path(), Duration::ZERO).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        drop(held);
        assert!(WorkspaceLock::acquire(dir.path(), Duration::ZERO).is_ok());
    }

    #[test]
    fn the_lock_file_goes_into_the_git_directory_when_there_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let planning = dir.path().join("app/.planning");
        std::fs::create_dir_all(&planning).unwrap();
        assert_eq!(lock_file_path(&planning), planning.join(".gsd.lock"));
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        assert_eq!(lock_file_path(&planning), dir.path().join(".git/gsd.lock"));
    }

    #[test]
    fn a_git_file_names_the_git_directory() {
        let dir = tempfile::tempdir().unwrap();
        let gitdir = dir.path().join("main/.git/worktrees/wt");
        std::fs::create_dir_all(&gitdir).unwrap();
        let tree = dir.path().join("wt");
        std::fs::create_dir_all(tree.join(".planning")).unwrap();
        std::fs::write(tree.join(".git"), "gitdir: ../main/.git/worktrees/wt\n").unwrap();
        assert_eq!(
            lock_file_path(&tree.join(".planning")),
            tree.join("../main/.git/worktrees/wt/gsd.lock")
        );
        // A `.git` file that names nothing: no git directory, the lock stays in `.planning/`.
        std::fs::write(tree.join(".git"), "gitdir: ../nowhere\n").unwrap();
        assert_eq!(
            lock_file_path(&tree.join(".planning")),
            tree.join(".planning/.gsd.lock")
        );
    }

    #[test]
    fn a_lock_file_excludes_like_the_folder_lock() {
        let dir = tempfile::tempdir().unwrap();
        let first = open_lock_file(dir.path()).unwrap();
        first.file.try_lock().unwrap();
        let second = open_lock_file(dir.path()).unwrap();
        assert!(matches!(
            second.file.try_lock(),
            Err(TryLockError::WouldBlock)
        ));
        drop(first);
        assert!(second.file.try_lock().is_ok());
    }
}
