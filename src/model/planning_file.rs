//! Which planning file: the one name every layer uses for STATE.md, ROADMAP.md and
//! PROJECT.md, whether an op builds an edit set for it, a check finding points into it, or a
//! fix writes it.

use crate::model::workspace::Workspace;
use crate::source::Source;

/// A planning file gsd parses, or `Other` for one it does not (a leftover temp file, named
/// by the finding's own path).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlanningFile {
    State,
    Roadmap,
    Project,
    Other,
}

impl PlanningFile {
    /// The file's name inside the planning folder (`STATE.md`); `None` for `Other`.
    pub fn file_name(self) -> Option<&'static str> {
        match self {
            PlanningFile::State => Some("STATE.md"),
            PlanningFile::Roadmap => Some("ROADMAP.md"),
            PlanningFile::Project => Some("PROJECT.md"),
            PlanningFile::Other => None,
        }
    }

    /// The file as shown to users (stable in snapshots and CI annotations).
    pub fn display(self) -> &'static str {
        match self {
            PlanningFile::State => ".planning/STATE.md",
            PlanningFile::Roadmap => ".planning/ROADMAP.md",
            PlanningFile::Project => ".planning/PROJECT.md",
            PlanningFile::Other => ".planning/",
        }
    }

    /// The loaded source of this file, if the workspace has it.
    pub fn source(self, ws: &Workspace) -> Option<&Source> {
        match self {
            PlanningFile::State => Some(&ws.state.doc.source),
            PlanningFile::Roadmap => ws.roadmap.as_ref().map(|r| &r.doc.source),
            PlanningFile::Project => ws.project.as_ref().map(|p| &p.doc.source),
            PlanningFile::Other => None,
        }
    }
}
