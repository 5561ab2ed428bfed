//! Finding a project's `.planning/` folder and reading it into a [`Workspace`]: the only
//! place the model's inputs come from the disk. The model itself parses text and never
//! reads a file, so tests and fuzzers build workspaces in memory.
//!
//! STATE.md is required; PROJECT.md, ROADMAP.md and `phases/` are used when present. A sibling
//! file that exists but cannot be read is an error (exit 2) for commands that need it, never
//! silently skipped.

use std::path::{Path, PathBuf};

use crate::error::UserError;
use crate::io::read_source;
use crate::model::project::ProjectDoc;
use crate::model::roadmap::Roadmap;
use crate::model::state::StateDoc;
use crate::model::workspace::{Needs, PLANNING, Workspace};

/// Finds the folder holding `.planning/`: `start` itself or its nearest ancestor.
pub fn find_root(start: &Path) -> Result<PathBuf, UserError> {
    let mut dir = Some(start);
    let mut not_a_folder: Option<PathBuf> = None;
    while let Some(d) = dir {
        let candidate = d.join(PLANNING);
        if candidate.is_dir() {
            return Ok(d.to_path_buf());
        }
        if not_a_folder.is_none() && std::fs::symlink_metadata(&candidate).is_ok() {
            not_a_folder = Some(candidate);
        }
        dir = d.parent();
    }
    let hint = match not_a_folder {
        Some(p) => format!(
            "{} exists but is not a folder; gsd needs .planning/ to be a folder holding STATE.md",
            p.display()
        ),
        None => "run gsd inside a GSD project, or pass -C <DIR> pointing at one".to_string(),
    };
    Err(UserError::new(format!(
        "no {PLANNING}/ folder in {} or any folder above it",
        start.display()
    ))
    .hint(hint))
}

impl Workspace {
    /// Loads STATE.md and whichever siblings `needs` asks for and exist.
    pub fn load(root: &Path, needs: Needs) -> Result<Workspace, UserError> {
        let planning = Self::planning_dir(root);
        let read = |name: &str| read_source(&Self::path_of(root, name), &Self::display_path(name));
        if crate::model::workstream::current().is_none()
            && std::fs::symlink_metadata(planning.join("STATE.md")).is_err()
        {
            let names = super::workstreams::list(&planning);
            if !names.is_empty() {
                return Err(UserError::new("does not exist")
                    .in_file(Self::display_path("STATE.md"))
                    .hint(format!(
                        "this project keeps its state in workstreams ({}): pass --ws NAME or set \
                         GSD_WORKSTREAM, or name one in .planning/active-workstream",
                        names.join(", ")
                    )));
            }
        }
        let state = read("STATE.md")?;
        if state.text[state.body_start..].trim().is_empty() {
            // An empty STATE.md reads as a file with no fields, and every edit would then
            // fail for a missing line or section: say what is actually wrong.
            return Err(UserError::new(format!(
                "{} is empty",
                Self::display_path("STATE.md").display()
            ))
            .hint(
                "restore it (`git checkout -- .planning/STATE.md`), or let the GSD workflow \
                 write it (/gsd:new-project); gsd edits a STATE.md, it does not create one",
            ));
        }
        let state = StateDoc::parse(state);
        let optional =
            |name: &str, wanted: bool| -> Result<Option<crate::source::Source>, UserError> {
                let path = Self::path_of(root, name);
                if wanted && std::fs::symlink_metadata(&path).is_ok() {
                    read(name).map(Some)
                } else {
                    Ok(None)
                }
            };
        let project = optional("PROJECT.md", needs.project)?.map(ProjectDoc::parse);
        let roadmap = optional("ROADMAP.md", needs.roadmap)?.map(Roadmap::parse);
        let phases_dir = planning.join("phases");
        let phases = if needs.phases && phases_dir.is_dir() {
            Some(super::phases_scan::scan(&phases_dir).map_err(|e| {
                UserError::new(format!("cannot list the phases folder: {e}"))
                    .in_file(Self::display_path("phases"))
            })?)
        } else {
            None
        };
        // What the text names on disk: asked by `gsd check`'s rules, which load every sibling;
        // a command that needs no listing looks up nothing.
        let facts = if needs.phases {
            super::facts::facts(root, &state, phases.as_ref())
        } else {
            crate::model::disk_facts::DiskFacts::default()
        };
        Ok(Workspace {
            root: root.to_path_buf(),
            state,
            project,
            roadmap,
            phases,
            facts,
        })
    }
}
