//! All file-system access for writes, and careful reads.
//!
//! Reads keep the exact bytes and turn every failure into a [`UserError`] naming the file.
//! Writes are atomic ([`atomic`]: a temp file in the same folder, fsync, rename; the file's
//! permissions kept; a symlink written through to its target): commands [`stage`] every
//! changed file and then [`StagedWrite::commit`] each (see `transaction::commit`);
//! [`write_atomic`] is the same for a single file. Every command that writes holds a
//! [`WorkspaceLock`] ([`lock`]) from before it reads until after it writes, and removes what
//! killed writers left behind ([`leftovers`]).

pub mod atomic;
pub mod leftovers;
pub mod lock;
pub mod moves;

use std::io::ErrorKind;
use std::path::Path;

pub use atomic::{StagedWrite, stage, write_atomic};
pub use lock::{DEFAULT_LOCK_TIMEOUT, WorkspaceLock};

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
