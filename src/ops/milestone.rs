//! `gsd milestone complete <vX.Y>`: close a milestone (opening the next is
//! [`super::milestone_start`]).
//!
//! `complete` snapshots ROADMAP.md and REQUIREMENTS.md to `milestones/vX.Y-ROADMAP.md` /
//! `-REQUIREMENTS.md` (new files; an existing snapshot is kept), prepends the milestone's entry
//! to MILESTONES.md in the shape real files use (`## v1.0 Name (Shipped: DATE)`, the phase and
//! plan counts from the ledger, the SUMMARY one-liners as key accomplishments), optionally
//! moves the milestone's phase folders to `milestones/vX.Y-phases/`, and sets STATE.md's
//! status to its words for a finished milestone, and collapses the milestone's ROADMAP.md
//! checklist into a `<details>` block ([`super::milestone_collapse`]). It refuses while a phase of the milestone is
//! open (the ledger says so), unless forced.
//!
//! It is idempotent: a second run changes nothing.

use std::path::PathBuf;

use crate::change::{FileChange, Move};
use crate::edit::{Edit, EditSet};
use crate::error::UserError;
use crate::ledger::{Ledger, PhaseEntry};
use crate::model::ids::PhaseNum;
use crate::model::status::StatusKind;
use crate::model::workspace::Workspace;
use crate::ops::milestone_collapse::{Shipped, collapse_edits};
pub use crate::ops::milestone_names::{names_version, version};
use crate::ops::phase_complete::milestone_complete_edits;
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter, planning_path};
use crate::source::Source;

/// The files `milestone complete` reads besides the workspace (the command layer reads them:
/// ops do no I/O).
#[derive(Debug, Clone, Default)]
pub struct MilestoneFiles {
    pub requirements: Option<Source>,
    pub milestones: Option<Source>,
    /// Whether `milestones/vX.Y-ROADMAP.md` / `-REQUIREMENTS.md` exist already.
    pub roadmap_snapshot: bool,
    pub requirements_snapshot: bool,
    /// The one-liners of the milestone's SUMMARY files, in plan order.
    pub accomplishments: Vec<String>,
}

/// `milestone complete`'s inputs.
#[derive(Debug, Clone, Default)]
pub struct MilestoneComplete<'a> {
    pub version: &'a str,
    pub name: Option<&'a str>,
    pub archive_phases: bool,
    pub force: bool,
    pub files: MilestoneFiles,
}

/// The phases of milestone `version`: the ROADMAP.md group titled with it, else the group of
/// the current phase, else (a roadmap without groups) every phase the ledger knows.
pub fn milestone_phases<'l>(
    ws: &Workspace,
    ledger: &'l Ledger,
    version: &str,
) -> Vec<&'l PhaseEntry> {
    let groups = ws
        .roadmap
        .as_ref()
        .map(|r| r.milestones.as_slice())
        .unwrap_or(&[]);
    let named = groups.iter().position(|m| names_version(&m.title, version));
    let in_group = |g: usize| -> Vec<&'l PhaseEntry> {
        ledger
            .phases
            .iter()
            .filter(|p| p.milestone == Some(g))
            .collect()
    };
    if let Some(g) = named {
        let phases = in_group(g);
        if !phases.is_empty() {
            return phases;
        }
    }
    // No group lists the milestone's phases (often only shipped milestones are grouped):
    // the phases of the current group, and those outside every group.
    let current: Vec<&PhaseEntry> = ledger
        .phases
        .iter()
        .filter(|p| p.milestone.is_none() || p.milestone == ledger.current_milestone)
        .collect();
    if current.is_empty() {
        ledger.phases.iter().collect()
    } else {
        current
    }
}

/// Runs `milestone complete`.
pub fn milestone_complete(
    ws: &Workspace,
    clock: &Clock,
    args: &MilestoneComplete,
) -> Result<Outcome, UserError> {
    let v = version(args.version)?;
    let ledger = Ledger::build(ws, None);
    let phases = milestone_phases(ws, &ledger, &v);
    let open: Vec<String> = phases
        .iter()
        .filter(|p| !p.complete())
        .map(|p| p.number.to_string())
        .collect();
    if !open.is_empty() && !args.force {
        return Err(UserError::new(format!(
            "milestone {v} has phases that are not complete: {}",
            open.join(", ")
        ))
        .hint(format!(
            "finish them (`gsd phase complete {}`), or pass --force to close the milestone anyway",
            open[0]
        )));
    }
    let mut out = Outcome::default();
    let files = &args.files;
    if let Some(roadmap) = &ws.roadmap
        && !files.roadmap_snapshot
    {
        let name = format!("milestones/{v}-ROADMAP.md");
        out.changes.push((
            new_file(ws, &name, &roadmap.doc.source.text),
            "snapshot of ROADMAP.md".to_string(),
        ));
    }
    if let Some(reqs) = &files.requirements
        && !files.requirements_snapshot
    {
        let name = format!("milestones/{v}-REQUIREMENTS.md");
        out.changes.push((
            new_file(ws, &name, &reqs.text),
            "snapshot of REQUIREMENTS.md".to_string(),
        ));
    }
    let name = args
        .name
        .map(str::to_string)
        .or_else(|| group_name(ws, &v))
        .or_else(|| {
            let doc = &ws.state.doc;
            frontmatter::get(doc, "milestone")
                .filter(|m| names_version(m, &v))
                .and(frontmatter::get(doc, "milestone_name"))
                .map(str::to_string)
        })
        .unwrap_or_default();
    let entry = Entry {
        version: &v,
        name: &name,
        date: clock.date(),
        phases: phases.len(),
        plans: phases
            .iter()
            .map(|p| p.total().unwrap_or(0).max(p.done()))
            .sum(),
        accomplishments: &files.accomplishments,
    };
    if let Some(change) = milestones_entry(ws, files.milestones.as_ref(), &entry) {
        out.changes.push((change, format!("added {v}")));
    }
    if let Some(roadmap) = &ws.roadmap {
        let numbers: Vec<PhaseNum> = phases.iter().map(|p| p.number.clone()).collect();
        let shipped = Shipped {
            version: &v,
            name: &name,
            date: &clock.date(),
            phases: &numbers,
        };
        let edits = collapse_edits(roadmap, &shipped, &mut out.notices);
        if let Some(c) = file_change(ws, PlanningFile::Roadmap, &roadmap.doc.source, edits) {
            out.changes
                .push((c, format!("collapsed {v} into a <details> block")));
        }
    }
    let state = &ws.state;
    let finished = state.position.status.as_ref().is_some_and(|s| {
        StatusKind::classify(s.value(&state.doc)) == StatusKind::MilestoneComplete
    });
    if !finished {
        let last = phases
            .iter()
            .map(|p| p.number.clone())
            .max()
            .or_else(|| state.current_phase())
            .unwrap_or_else(|| PhaseNum::parse("1").expect("a phase number"));
        let edits = milestone_complete_edits(state, clock, &last);
        if let Some(c) = file_change(ws, PlanningFile::State, &state.doc.source, edits) {
            out.changes.push((c, format!("milestone {v} complete")));
        }
    }
    if args.archive_phases
        && let Some(dirs) = &ws.phases
    {
        for p in &phases {
            for dir in dirs.phases.iter().filter(|d| d.number == p.number) {
                let Some(folder) = dir.path.file_name() else {
                    continue;
                };
                let folder = folder.to_string_lossy();
                let to = format!("milestones/{v}-phases/{folder}");
                out.moves.push(Move {
                    from: dir.path.clone(),
                    to: planning_path(ws, &to),
                    display_from: Workspace::display_path(&format!("phases/{folder}")),
                    display_to: Workspace::display_path(&to),
                    discard: false,
                });
            }
        }
    }
    if out.changes.is_empty() && out.moves.is_empty() {
        out.message = Some(format!("milestone {v} is already complete"));
    }
    Ok(out)
}

/// The name the ROADMAP.md group gives the milestone (`v1.0 MVP (Phases 1-4)` → `MVP`).
fn group_name(ws: &Workspace, v: &str) -> Option<String> {
    let title = ws
        .roadmap
        .as_ref()?
        .milestones
        .iter()
        .find(|m| names_version(&m.title, v))?
        .title
        .clone();
    let lower = title.to_ascii_lowercase();
    let at = lower.find(&v.to_ascii_lowercase())? + v.len();
    let rest = title[at..].trim_start_matches([' ', ':', '—', '-']).trim();
    let rest = rest.split(" (").next().unwrap_or(rest);
    let rest = rest.split(" — ").next().unwrap_or(rest).trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// A file that does not exist yet, with `text` as its contents.
fn new_file(ws: &Workspace, name: &str, text: &str) -> FileChange {
    let mut edits = EditSet::new();
    edits.push(Edit::insert(0, text));
    FileChange {
        path: planning_path(ws, name),
        display: Workspace::display_path(name),
        original: String::new(),
        edits,
    }
}

/// A MILESTONES.md entry.
struct Entry<'a> {
    version: &'a str,
    name: &'a str,
    date: String,
    phases: usize,
    plans: u64,
    accomplishments: &'a [String],
}

impl Entry<'_> {
    fn lines(&self, level: &str) -> Vec<String> {
        let title = if self.name.is_empty() {
            format!("{level} {} (Shipped: {})", self.version, self.date)
        } else {
            format!(
                "{level} {} {} (Shipped: {})",
                self.version, self.name, self.date
            )
        };
        let mut lines = vec![
            title,
            String::new(),
            format!(
                "**Phases completed:** {} phases, {} plans",
                self.phases, self.plans
            ),
        ];
        if !self.accomplishments.is_empty() {
            lines.push(String::new());
            lines.push("**Key accomplishments:**".to_string());
            lines.extend(self.accomplishments.iter().map(|a| format!("- {a}")));
        }
        lines
    }
}

/// The MILESTONES.md change: the entry before the newest one (same heading level, and the
/// `---` separator where the file puts one between entries), or a new file in the template's
/// shape. Nothing when the file already has an entry for the version.
fn milestones_entry(
    ws: &Workspace,
    existing: Option<&Source>,
    entry: &Entry,
) -> Option<FileChange> {
    let name = "MILESTONES.md";
    let Some(source) = existing else {
        let mut text = "# Milestones\n\n".to_string();
        for l in entry.lines("##") {
            text.push_str(&l);
            text.push('\n');
        }
        text.push_str("\n---\n");
        return Some(new_file(ws, name, &text));
    };
    let doc = crate::syntax::Doc::parse(source.clone());
    let headings: Vec<(usize, usize)> = (0..doc.kinds.len())
        .filter_map(|i| match doc.kinds[i] {
            crate::syntax::LineKind::Heading(l) if l >= 2 => Some((i, l as usize)),
            _ => None,
        })
        .collect();
    if headings
        .iter()
        .any(|(i, _)| names_version(doc.line(*i), entry.version))
    {
        return None;
    }
    let mut lines = Vec::new();
    let edit = match headings.first() {
        Some(&(first, level)) => {
            lines.extend(entry.lines(&"#".repeat(level)));
            lines.push(String::new());
            let ruled = (first..headings.get(1).map_or(doc.kinds.len(), |h| h.0))
                .any(|i| doc.line(i).trim() == "---");
            if ruled {
                lines.push("---".to_string());
                lines.push(String::new());
            }
            crate::ops::insert::insert_before_line(&doc, first, &lines)
        }
        None => {
            let last = doc.kinds.len().saturating_sub(1);
            lines.push(String::new());
            lines.extend(entry.lines("##"));
            if doc.kinds.is_empty() {
                Edit::insert(0, lines[1..].join("\n") + "\n")
            } else {
                crate::ops::insert::insert_after_line(&doc, last, &lines)
            }
        }
    };
    let mut set = EditSet::new();
    set.push(edit);
    Some(FileChange {
        path: planning_path(ws, name),
        display: Workspace::display_path(name),
        original: source.text.clone(),
        edits: set,
    })
}

/// The path of `milestones/<name>` in the workspace, for the command layer.
pub fn milestone_file(ws: &Workspace, name: &str) -> PathBuf {
    planning_path(ws, &format!("milestones/{name}"))
}
