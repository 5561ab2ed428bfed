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
pub mod facts;
pub mod leftovers;
pub mod load;
pub mod lock;
pub mod moves;
pub mod phases_scan;
pub mod workstreams;

use std::io::ErrorKind;
use std::path::Path;

pub use atomic::{StagedWrite, stage, write_atomic};
pub use lock::{DEFAULT_LOCK_TIMEOUT, WorkspaceLock};

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

use crate::error::UserError;
use crate::source::{NotText, Source};

/// Reads a text file exactly, or explains why it cannot.
///
/// Bytes that are not UTF-8 do not stop the command: they are read as Windows-1252 stand-ins
/// (see [`crate::source::decode`]), written back as they were, and a warning names the first
/// one ([`warn`]). UTF-16 and binary files are refused.
pub fn read_source(path: &Path, display: &Path) -> Result<Source, UserError> {
    let bytes = read_bytes(path, display)?;
    match Source::from_bytes(display, bytes) {
        Ok(source) => {
            if let Some(message) = undecoded_warning(&source) {
                warn(message);
            }
            Ok(source)
        }
        Err(NotText::Utf16 { bom: Some([a, b]) }) => Err(UserError::new(format!(
            "looks like UTF-16 (byte-order mark {a:02X} {b:02X}), not UTF-8"
        ))
        .in_file(display)
        .hint(utf16_hint(display))),
        Err(NotText::Utf16 { bom: None }) => Err(UserError::new(
            "looks like UTF-16 (no byte-order mark; every other byte is 0), not UTF-8",
        )
        .in_file(display)
        .hint(utf16_hint(display))),
        Err(NotText::Nul { line, column }) => {
            Err(UserError::new("holds a NUL byte: a binary file, not Markdown text")
                .in_file(display)
                .at(line, column)
                .hint("gsd reads UTF-8 Markdown; restore the file (e.g. from git) or re-save it as UTF-8 text"))
        }
    }
}

/// Whether anything (a file, a folder, a dangling link) is at `path`.
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// A file's text for a default a command may do without (a PLAN's title): bytes that are not
/// UTF-8 read as stand-ins (see [`crate::source::decode`]); `None` when the file cannot be
/// read or is not text.
pub fn read_text_lenient(path: &Path) -> Option<String> {
    let (text, _) = crate::source::decode(std::fs::read(path).ok()?).ok()?;
    Some(text)
}

/// A file in `.planning/` that a command reads when it is there (`REQUIREMENTS.md`,
/// `MILESTONES.md`, `STATE-ARCHIVE.md`): `None` when it is not.
pub fn read_planning_file(root: &Path, name: &str) -> Result<Option<Source>, UserError> {
    use crate::model::workspace::Workspace;
    let path = Workspace::path_of(root, name);
    if !exists(&path) {
        return Ok(None);
    }
    read_source(&path, &Workspace::display_path(name)).map(Some)
}

fn utf16_hint(display: &Path) -> String {
    format!(
        "gsd reads UTF-8 Markdown; re-save the file as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8 {0} > {0}.utf8` and move it back)",
        display.display()
    )
}

/// The warning for a source holding bytes that are not UTF-8: where the first is, what it
/// was read as, and what that means for edits.
pub fn undecoded_warning(source: &Source) -> Option<String> {
    let first = source.undecoded.first()?;
    let (line, column) = source.line_col(first.at);
    let more = match source.undecoded.len() - 1 {
        0 => String::new(),
        1 => " (and 1 more such byte)".to_string(),
        n => format!(" (and {n} more such bytes)"),
    };
    Some(format!(
        "{}:{line}:{column}: byte 0x{:02X} is not UTF-8; read as Windows-1252 `{}` and kept as is{more}; \
         gsd edits the other lines only (re-save the file as UTF-8 to fix)",
        source.path.display(),
        first.byte,
        shown(first.stand_in()),
    ))
}

/// A character as a message shows it: itself, or `U+0081` for a control character.
fn shown(c: char) -> String {
    if c.is_control() || c == '\u{a0}' {
        format!("U+{:04X}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// The bytes of the file at `path` that are not UTF-8, when the file still reads as
/// `original` (the text a command's edits were computed against); empty for a clean UTF-8
/// file, a file that is gone or one that changed. `transaction::commit` asks, so the writer
/// puts those bytes back without every command carrying them along.
pub fn undecoded_of(path: &Path, original: &str) -> Vec<crate::source::Undecoded> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    if std::str::from_utf8(&bytes).is_ok() {
        return Vec::new();
    }
    match crate::source::decode(bytes) {
        Ok((text, undecoded)) if text == original => undecoded,
        _ => Vec::new(),
    }
}

thread_local! {
    /// Warnings raised while reading, for `app` to print: library code never prints, and a
    /// reader deep in a command has no output of its own to put them in.
    static WARNINGS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Records a warning for the user (once: a file read twice warns once).
pub fn warn(message: String) {
    WARNINGS.with(|w| {
        let mut w = w.borrow_mut();
        if !w.contains(&message) {
            w.push(message);
        }
    });
}

/// The warnings recorded on this thread since the last call, oldest first.
pub fn take_warnings() -> Vec<String> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
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
