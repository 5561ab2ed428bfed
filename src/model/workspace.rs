//! The project's `.planning/` folder as parsed values. Finding and reading it is
//! [`crate::io::load`]'s job; nothing here touches the disk.
//!
//! STATE.md is required; PROJECT.md, ROADMAP.md and `phases/` are used when present. A sibling
//! file that exists but cannot be read is an error (exit 2) for commands that need it, never
//! silently skipped.

use std::path::{Path, PathBuf};

use crate::model::phases::PhasesDir;
use crate::model::project::ProjectDoc;
use crate::model::roadmap::Roadmap;
use crate::model::state::StateDoc;
use crate::source::Source;

/// The folder name gsd looks for.
pub const PLANNING: &str = ".planning";

/// A loaded `.planning/` folder.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The folder holding `.planning/`.
    pub root: PathBuf,
    pub state: StateDoc,
    pub project: Option<ProjectDoc>,
    pub roadmap: Option<Roadmap>,
    pub phases: Option<PhasesDir>,
}

/// Which sibling files a command needs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Needs {
    pub project: bool,
    pub roadmap: bool,
    pub phases: bool,
}

impl Needs {
    pub const STATE_ONLY: Needs = Needs {
        project: false,
        roadmap: false,
        phases: false,
    };
    pub const ALL: Needs = Needs {
        project: true,
        roadmap: true,
        phases: true,
    };
}

impl Workspace {
    /// `.planning/` under `root`.
    pub fn planning_dir(root: &Path) -> PathBuf {
        root.join(PLANNING)
    }

    /// The path shown to users for a file in `.planning/` (relative, stable in snapshots).
    pub fn display_path(name: &str) -> PathBuf {
        Path::new(PLANNING).join(name)
    }

    /// A workspace built from text in memory, with no file behind it: STATE.md `state` and no
    /// siblings (add them with [`Workspace::with_roadmap`] and friends). Tests, benches and
    /// fuzzers build their inputs this way; the root is a folder that does not exist, so
    /// nothing can read or write a real project by accident.
    pub fn in_memory(state: &str) -> Workspace {
        Workspace {
            root: PathBuf::from("/nonexistent-gsd-project"),
            state: StateDoc::parse(Source::new(
                Self::display_path("STATE.md"),
                state.to_string(),
            )),
            project: None,
            roadmap: None,
            phases: None,
        }
    }

    /// This workspace with ROADMAP.md `text`.
    pub fn with_roadmap(mut self, text: &str) -> Workspace {
        let source = Source::new(Self::display_path("ROADMAP.md"), text.to_string());
        self.roadmap = Some(Roadmap::parse(source));
        self
    }

    /// This workspace with PROJECT.md `text`.
    pub fn with_project(mut self, text: &str) -> Workspace {
        let source = Source::new(Self::display_path("PROJECT.md"), text.to_string());
        self.project = Some(ProjectDoc::parse(source));
        self
    }

    /// This workspace with a `phases/` listing.
    pub fn with_phases(mut self, phases: Option<PhasesDir>) -> Workspace {
        self.phases = phases;
        self
    }

    /// This workspace rooted at `root` (where its `phases/` files are, for rules that read them).
    pub fn at(mut self, root: &Path) -> Workspace {
        self.root = root.to_path_buf();
        self
    }

    /// This workspace with STATE.md's text replaced (same path).
    pub fn with_state(&self, text: &str) -> Workspace {
        let path = self.state.doc.source.path.clone();
        Workspace {
            state: StateDoc::parse(Source::new(path, text.to_string())),
            ..self.clone()
        }
    }
}
