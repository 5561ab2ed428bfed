//! `gsd phase remove <N>`: deletes the phase's checklist line, detail section and progress
//! rows, renumbers every later phase ([`crate::ops::renumber`]) in ROADMAP.md and STATE.md,
//! and moves its folder out (deleted once everything else is in place) and renames the later
//! folders and the files in them named after their phase. It refuses a phase with SUMMARY
//! files, the current phase, a complete one, or an integer phase with decimal phases, unless
//! forced.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::change::{FileChange, Move};
use crate::edit::Edit;
use crate::error::UserError;
use crate::ledger::Ledger;
use crate::model::ids::PhaseNum;
use crate::model::requirements::Requirements;
use crate::model::workspace::Workspace;
use crate::ops::phase_edit::no_roadmap;
use crate::ops::phase_roadmap_add::section_end;
use crate::ops::phase_state::{Totals, evolution_edits, phase_total_edits};
use crate::ops::renumber::Renumbering;
use crate::ops::renumber_files;
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter, planning_path};
use crate::source::Source;

/// `phase remove`'s inputs, read by the command layer (ops do no I/O): the names of the
/// files in each phase folder, so the files named after a renumbered phase can be renamed;
/// REQUIREMENTS.md; and the PLAN and SUMMARY files of the phases after the removed one, for
/// their `phase:` fields.
#[derive(Debug, Clone, Default)]
pub struct PhaseRemove<'a> {
    pub phase: &'a str,
    pub force: bool,
    pub listings: Vec<(PathBuf, Vec<String>)>,
    pub requirements: Option<&'a Requirements>,
    pub phase_files: Vec<(PathBuf, Source)>,
}

/// Runs `phase remove`.
pub fn phase_remove(
    ws: &Workspace,
    _clock: &Clock,
    args: &PhaseRemove,
) -> Result<Outcome, UserError> {
    let roadmap = ws.roadmap.as_ref().ok_or_else(no_roadmap)?;
    let n = PhaseNum::parse(args.phase).ok_or_else(|| {
        UserError::new(format!("`{}` is not a phase number", args.phase))
            .hint("use e.g. `gsd phase remove 4`")
    })?;
    let ledger = Ledger::build(ws, None);
    refuse_started(ws, &ledger, &n, args.force)?;
    let numbers: Vec<PhaseNum> = ledger.phases.iter().map(|p| p.number.clone()).collect();
    let mut renumber = Renumbering::closing_gap(&n, &numbers);
    let mut out = Outcome {
        moves: folder_moves(ws, &n, args, &mut renumber),
        ..Outcome::default()
    };
    roadmap_edits(ws, roadmap, &n, &numbers, &renumber, &mut out);
    state_edits(ws, &ledger, roadmap, &n, &numbers, &renumber, &mut out);
    other_files(ws, &n, args, &renumber, &mut out);
    Ok(out)
}

/// Refuses (unless `force`) a phase that was started, and (always) an integer phase that
/// has decimal phases.
fn refuse_started(
    ws: &Workspace,
    ledger: &Ledger,
    n: &PhaseNum,
    force: bool,
) -> Result<(), UserError> {
    let Some(entry) = ledger.phase(n) else {
        return Err(UserError::new(format!("phase {n} is not in this project"))
            .hint("check the number against `gsd roadmap show`"));
    };
    let summaries: Vec<String> = entry
        .plans
        .iter()
        .filter(|p| p.evidence.summary_file)
        .map(|p| p.id.canonical())
        .collect();
    let mut refusals = Vec::new();
    if !summaries.is_empty() {
        refusals.push(format!("it has SUMMARY files ({})", summaries.join(", ")));
    }
    if entry.complete() {
        refusals.push("it is complete".to_string());
    }
    if ws.state.current_phase().as_ref() == Some(n) {
        refusals.push("STATE.md is on it".to_string());
    }
    if !refusals.is_empty() && !force {
        return Err(
            UserError::new(format!("phase {n} was started: {}", refusals.join("; ")))
                .hint("remove only phases not yet worked on, or pass --force to remove it anyway"),
        );
    }
    if n.as_integer().is_some() {
        let kids: Vec<String> = ledger
            .phases
            .iter()
            .filter(|p| {
                p.number.as_integer().is_none()
                    && p.number
                        .as_str()
                        .split('.')
                        .next()
                        .and_then(PhaseNum::parse)
                        .as_ref()
                        == Some(n)
            })
            .map(|p| p.number.to_string())
            .collect();
        if !kids.is_empty() {
            return Err(UserError::new(format!(
                "phase {n} has decimal phases: {}",
                kids.join(", ")
            ))
            .hint(format!(
                "remove them first (`gsd phase remove {}`)",
                kids[kids.len() - 1]
            )));
        }
    }
    Ok(())
}

/// The moves: the removed phase's folder set aside, later ones renamed (each recorded in
/// `renumber.folders`), then the files in them named after their phase.
fn folder_moves(
    ws: &Workspace,
    n: &PhaseNum,
    args: &PhaseRemove,
    renumber: &mut Renumbering,
) -> Vec<Move> {
    let mut moves = Vec::new();
    if let Some(dirs) = &ws.phases {
        for d in dirs.phases.iter().filter(|d| &d.number == n) {
            let name = file_name(&d.path);
            moves.push(Move {
                from: d.path.clone(),
                to: d.path.with_file_name(format!(".gsd-removed.{name}")),
                display_from: Workspace::display_path(&format!("phases/{name}")),
                display_to: Workspace::display_path(&format!("phases/.gsd-removed.{name}")),
                discard: true,
            });
        }
        let mut later: Vec<_> = dirs
            .phases
            .iter()
            .filter(|d| renumber.get(&d.number).is_some())
            .collect();
        later.sort_by(|a, b| a.number.cmp(&b.number));
        for d in later {
            let name = file_name(&d.path);
            let written = name.split('-').next().unwrap_or("");
            let (lead, rest) = match name.strip_prefix("phase-") {
                Some(r) => ("phase-", r),
                None => ("", name.as_str()),
            };
            let written = if lead.is_empty() {
                written
            } else {
                rest.split('-').next().unwrap_or("")
            };
            let Some(new_num) = renumber.respell(written) else {
                continue;
            };
            let new_name = format!("{lead}{new_num}{}", &rest[written.len()..]);
            renumber.folders.push((name.clone(), new_name.clone()));
            let new_path = d.path.with_file_name(&new_name);
            moves.push(Move {
                from: d.path.clone(),
                to: new_path.clone(),
                display_from: Workspace::display_path(&format!("phases/{name}")),
                display_to: Workspace::display_path(&format!("phases/{new_name}")),
                discard: false,
            });
            let files = args
                .listings
                .iter()
                .find(|(p, _)| p == &d.path)
                .map(|(_, f)| f.as_slice())
                .unwrap_or(&[]);
            for f in files {
                let Some(rest) = f.strip_prefix(written).filter(|r| r.starts_with('-')) else {
                    continue;
                };
                let new_file = format!("{new_num}{rest}");
                moves.push(Move {
                    from: new_path.join(f),
                    to: new_path.join(&new_file),
                    display_from: Workspace::display_path(&format!("phases/{new_name}/{f}")),
                    display_to: Workspace::display_path(&format!("phases/{new_name}/{new_file}")),
                    discard: false,
                });
            }
        }
    }
    moves
}

/// ROADMAP.md: the phase's lines go, later phases are renumbered.
fn roadmap_edits(
    ws: &Workspace,
    roadmap: &crate::model::roadmap::Roadmap,
    n: &PhaseNum,
    numbers: &[PhaseNum],
    renumber: &Renumbering,
    out: &mut Outcome,
) {
    let doc = &roadmap.doc;
    let mut gone: HashSet<usize> = HashSet::new();
    if let Some(p) = roadmap.phase(n) {
        if let Some(l) = p.listing {
            gone.insert(l);
        }
        if let (Some(h), Some(level)) = (p.heading, p.heading_level) {
            gone.extend(h..section_end(doc, h, level));
        }
    }
    for t in &roadmap.progress_tables {
        for r in t.rows.iter().filter(|r| r.phase.as_ref() == Some(n)) {
            gone.insert(r.line);
        }
    }
    let rows: HashSet<usize> = roadmap
        .progress_tables
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| r.line))
        .collect();
    let mut edits: Vec<Edit> = gone
        .iter()
        .map(|&l| Edit::replace(doc.line_span(l), ""))
        .collect();
    // `**Depends on**: Phase 3` of the removed phase 3 now depends on what phase 3 did.
    let depends: HashSet<usize> = (0..doc.kinds.len())
        .filter(|&i| !gone.contains(&i) && doc.line(i).to_ascii_lowercase().contains("depends on"))
        .collect();
    let mut elsewhere = gone.clone();
    elsewhere.extend(depends.iter().copied());
    edits.extend(renumber.doc_edits(doc, &elsewhere, &rows));
    let before = numbers.iter().filter(|p| *p < n).max();
    let mut on_depends = renumber.clone();
    if let Some(b) = before {
        on_depends.map.push((n.clone(), b.clone()));
    }
    let not_depends: HashSet<usize> = (0..doc.kinds.len())
        .filter(|i| !depends.contains(i))
        .collect();
    edits.extend(on_depends.doc_edits(doc, &not_depends, &rows));
    if let Some(c) = file_change(ws, PlanningFile::Roadmap, &doc.source, edits) {
        out.changes.push((
            c,
            format!(
                "removed phase {n}; {} later phase(s) renumbered",
                renumber.map.len()
            ),
        ));
    }
}

/// STATE.md: references to renumbered phases, the position, the evolution note.
fn state_edits(
    ws: &Workspace,
    ledger: &Ledger,
    roadmap: &crate::model::roadmap::Roadmap,
    n: &PhaseNum,
    numbers: &[PhaseNum],
    renumber: &Renumbering,
    out: &mut Outcome,
) {
    let state = &ws.state;
    let sdoc = &state.doc;
    let by_phase: HashSet<usize> = state
        .metrics
        .by_phase
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| r.line))
        .collect();
    let mut skip: HashSet<usize> = HashSet::new();
    let mut edits = Vec::new();
    if let Some(line) = &state.position.phase {
        skip.insert(line.field.line);
        if let Some(r) = &line.number
            && let Some(new) = renumber.respell(sdoc.text(r.clone()))
        {
            edits.push(Edit::replace(r.clone(), new));
        }
        let integers = ledger.integer_phase_count();
        let all = ledger.phases.len() as u64;
        let removed_integer = u64::from(n.as_integer().is_some());
        let highest = numbers
            .iter()
            .filter_map(PhaseNum::as_integer)
            .max()
            .unwrap_or(0);
        let t = Totals {
            integers: (integers, integers - removed_integer.min(integers)),
            all: (all, all.saturating_sub(1)),
            highest: (highest, highest.saturating_sub(removed_integer)),
        };
        edits.extend(phase_total_edits(state, &t));
    }
    let note = format!(
        "Phase {n} removed: {}",
        roadmap
            .phase(n)
            .and_then(|p| p.name.clone())
            .unwrap_or_default()
    );
    let evolution = evolution_edits(state, note.trim_end_matches([':', ' ']));
    edits.extend(renumber.doc_edits(sdoc, &skip, &by_phase));
    if let Some(old) = frontmatter::get(sdoc, "current_phase")
        && let Some(new) = renumber.respell(old)
    {
        edits.extend(frontmatter::set(sdoc, "current_phase", &new));
    }
    edits.extend(evolution);
    if let Some(c) = file_change(ws, PlanningFile::State, &sdoc.source, edits) {
        out.changes
            .push((c, "phase references renumbered".to_string()));
    }
}

/// REQUIREMENTS.md and the `phase:` fields of the renumbered phases' PLAN and SUMMARY files.
fn other_files(
    ws: &Workspace,
    n: &PhaseNum,
    args: &PhaseRemove,
    r: &Renumbering,
    out: &mut Outcome,
) {
    if let Some(req) = args.requirements {
        let edits = renumber_files::requirements_edits(req, r);
        let orphans = renumber_files::orphaned(req, n);
        let mut set = crate::edit::EditSet::new();
        set.extend(edits);
        let set = set.without_noops(&req.doc.source.text);
        let name = "REQUIREMENTS.md";
        if !orphans.is_empty() {
            out.notices.push(format!(
                "{}: {} still name removed phase {n}: reassign them",
                Workspace::display_path(name).display(),
                orphans.join(", ")
            ));
        }
        if !set.is_empty() {
            out.changes.push((
                FileChange {
                    path: planning_path(ws, name),
                    display: Workspace::display_path(name),
                    original: req.doc.source.text.clone(),
                    edits: set,
                },
                "phase references renumbered".to_string(),
            ));
        }
    }
    let phases = Workspace::planning_dir(&ws.root).join("phases");
    for (path, source) in &args.phase_files {
        let display_of = |p: &std::path::Path| {
            let rel = p.strip_prefix(&phases).unwrap_or(p);
            Workspace::display_path(&format!("phases/{}", rel.to_string_lossy()))
        };
        if let Some(c) = renumber_files::phase_file_change(path, source, r, &out.moves, display_of)
        {
            out.changes.push((c, "phase: field renumbered".to_string()));
        }
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
