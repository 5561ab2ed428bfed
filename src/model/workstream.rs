//! Workstreams: parallel milestones of one project, each in `.planning/workstreams/<name>/`
//! with its own STATE.md, ROADMAP.md, REQUIREMENTS.md and `phases/`. PROJECT.md,
//! MILESTONES.md and `milestones/` stay shared in `.planning/` (the layout the GSD workflow's
//! own `workstream migrate` produces).
//!
//! Which workstream a command works on is chosen once per run, the way the workflow chooses
//! it: `--ws <name>`, else `GSD_WORKSTREAM`, else the name in `.planning/active-workstream`
//! (when that workstream exists), else none (the flat `.planning/`). The workflow's
//! per-terminal pointers in the temp folder are its own business and not read.
//!
//! The choice is held for the current thread ([`enter`]) rather than passed to every
//! function that names a planning file: it is a property of the whole run, like the current
//! folder, and [`super::workspace::Workspace::path_of`] / `display_path` are the only readers.
//! Listing the workstreams on disk and resolving a name is [`crate::io::workstreams`]'s job.

use std::cell::RefCell;

/// The folder in `.planning/` that holds the workstreams.
pub const WORKSTREAMS: &str = "workstreams";

/// The file in `.planning/` naming the active workstream (the workflow's shared pointer).
pub const ACTIVE_FILE: &str = "active-workstream";

thread_local! {
    static CURRENT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The workstream this thread works on, if any.
pub fn current() -> Option<String> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Works on workstream `name` (or the flat `.planning/` for `None`) until the guard drops,
/// when the previous choice comes back.
#[must_use = "the workstream is left when the guard drops"]
pub fn enter(name: Option<String>) -> Entered {
    let previous = CURRENT.with(|c| c.replace(name));
    Entered { previous }
}

/// Restores the previous workstream choice on drop.
#[derive(Debug)]
pub struct Entered {
    previous: Option<String>,
}

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// Whether `name` can name a workstream folder: letters, digits, `.`, `_`, `-`, starting
/// with a letter or digit, no `..` (the workflow's own rule), so it never leaves
/// `.planning/workstreams/`.
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !name.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(valid_name("feature-a"));
        assert!(valid_name("v2.0_b"));
        assert!(!valid_name(""));
        assert!(!valid_name("../x"));
        assert!(!valid_name("a..b"));
        assert!(!valid_name(".hidden"));
        assert!(!valid_name("a/b"));
    }

    #[test]
    fn entering_nests_and_restores() {
        assert_eq!(current(), None);
        {
            let _a = enter(Some("a".into()));
            assert_eq!(current().as_deref(), Some("a"));
            {
                let _b = enter(None);
                assert_eq!(current(), None);
            }
            assert_eq!(current().as_deref(), Some("a"));
        }
        assert_eq!(current(), None);
    }
}
