//! The project's `.planning/` folder as parsed values. Finding and reading it is
//! [`crate::io::load`]'s job; nothing here touches the disk.
//!
//! STATE.md is required; PROJECT.md, ROADMAP.md and `phases/` are used when present. A sibling
//! file that exists but cannot be read is an error (exit 2) for commands that need it, never
//! silently skipped.

use std::path::{Path, PathBuf};

use crate::model::disk_facts::DiskFacts;
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
    /// What the disk says about files the text names, looked up at load (nothing for a
    /// workspace built in memory).
    pub facts: DiskFacts,
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
    /// The planning folder commands work on under `root`: `.planning/`, or
    /// `.planning/workstreams/<name>/` inside a workstream ([`super::workstream`]).
    pub fn planning_dir(root: &Path) -> PathBuf {
        let shared = Self::shared_dir(root);
        match super::workstream::current() {
            Some(name) => shared.join(super::workstream::WORKSTREAMS).join(name),
            None => shared,
        }
    }

    /// `.planning/` under `root`, also inside a workstream: the home of the files all
    /// workstreams share.
    pub fn shared_dir(root: &Path) -> PathBuf {
        root.join(PLANNING)
    }

    /// Whether a planning file is one all workstreams share (PROJECT.md, MILESTONES.md and
    /// the `milestones/` archive stay in `.planning/` when a project has workstreams).
    fn is_shared(name: &str) -> bool {
        name == "PROJECT.md"
            || name == "MILESTONES.md"
            || name == "milestones"
            || name.starts_with("milestones/")
    }

    /// The on-disk path of planning file `name` (relative to the planning folder) under
    /// `root`: in the workstream's folder, or in `.planning/` for a shared file.
    pub fn path_of(root: &Path, name: &str) -> PathBuf {
        if Self::is_shared(name) {
            Self::shared_dir(root).join(name)
        } else {
            Self::planning_dir(root).join(name)
        }
    }

    /// The path shown to users for planning file `name` (relative, stable in snapshots):
    /// `.planning/STATE.md`, or `.planning/workstreams/<name>/STATE.md` in a workstream.
    pub fn display_path(name: &str) -> PathBuf {
        let shared = Path::new(PLANNING);
        match super::workstream::current() {
            Some(ws) if !Self::is_shared(name) => shared
                .join(super::workstream::WORKSTREAMS)
                .join(ws)
                .join(name),
            _ => shared.join(name),
        }
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
            facts: DiskFacts::default(),
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

    /// This workspace rooted at `root` (where its `phases/` files are). Facts about the disk
    /// stay as they were: rules never look at the disk themselves.
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
