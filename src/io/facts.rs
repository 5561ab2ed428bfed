//! The load-time facts about files the planning text names ([`DiskFacts`]), looked up here so
//! that check rules ask the workspace instead of the disk.

use std::path::Path;

use crate::model::disk_facts::{DiskFacts, resume_path};
use crate::model::phases::PhasesDir;
use crate::model::state::StateDoc;
use crate::model::workspace::Workspace;

/// The facts for the project at `root` whose STATE.md is `state`; `phases` is its listing,
/// where a bare resume file name is looked for.
pub fn facts(root: &Path, state: &StateDoc, phases: Option<&PhasesDir>) -> DiskFacts {
    let mut facts = DiskFacts {
        milestones_archived: Workspace::path_of(root, "milestones").is_dir(),
        read_text,
        ..DiskFacts::default()
    };
    let doc = &state.doc;
    if let Some(field) = &state.session.resume_file
        && let Some((_, path)) = resume_path(field.value(doc))
        && resume_file_exists(root, path, phases)
    {
        facts.existing_resume_files.insert(path.to_string());
    }
    facts
}

/// Whether the resume file `path` is there: under the root or the planning folder, or, for a
/// bare file name (`02-03-PLAN.md`), in a phase folder. A dangling link is not.
fn resume_file_exists(root: &Path, path: &str, phases: Option<&PhasesDir>) -> bool {
    let in_a_phase = !path.contains('/')
        && phases.is_some_and(|ph| ph.phases.iter().any(|d| d.path.join(path).exists()));
    in_a_phase
        || [root.join(path), Workspace::planning_dir(root).join(path)]
            .iter()
            .any(|p| p.exists())
}

/// A file's text as it is now, `None` when it cannot be read as UTF-8.
fn read_text(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}
