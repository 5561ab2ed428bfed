//! `gsd phase add <NAME>`, `gsd phase insert <AFTER> <NAME>` and `gsd phase remove <N>`:
//! roadmap surgery.
//!
//! `add` appends the next integer phase; `insert` adds the decimal phase after `AFTER` and its
//! existing decimals (`2.1`, then `2.2`), marked INSERTED as the workflow marks them. Both
//! write, in ROADMAP.md, a checklist line, a detail section and a progress row copied from the
//! shape of their neighbours' (bold or plain, `**Goal**:` or `**Goal:**`, the table's padding
//! and columns), and in STATE.md a `### Roadmap Evolution` entry where that list exists and the
//! `of M` of `Phase: N of M` where it counts the phases. No folder is made: `/gsd:plan-phase`
//! makes it.
//!
//! `remove` deletes the phase's checklist line, detail section and progress rows, renumbers
//! every later phase ([`crate::ops::renumber`]) in ROADMAP.md and STATE.md, and moves its
//! folder out (deleted once everything else is in place) and renames the later folders and
//! the files in them named after their phase. It refuses a phase with SUMMARY files, the
//! current phase, a complete one, or an integer phase with decimal phases, unless forced.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::change::Move;
use crate::edit::Edit;
use crate::error::UserError;
use crate::ledger::Ledger;
use crate::model::ids::PhaseNum;
use crate::model::roadmap::Roadmap;
use crate::model::state::StateDoc;
use crate::model::workspace::Workspace;
use crate::ops::insert::{insert_after_line, insert_before_line};
use crate::ops::renumber::{Renumbering, respell};
use crate::ops::style::row_like;
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter};
use crate::syntax::{Doc, LineKind};

fn no_roadmap() -> UserError {
    UserError::new("does not exist")
        .in_file(Workspace::display_path("ROADMAP.md"))
        .hint("phases are added to ROADMAP.md; create it first (`/gsd:new-project` writes it)")
}

fn check_name(name: &str) -> Result<&str, UserError> {
    let n = name.trim();
    if n.is_empty() || n.contains(['\n', '\r']) {
        return Err(UserError::new("the phase name must be one non-empty line")
            .hint("e.g. `gsd phase add \"Reporting\"`"));
    }
    Ok(n)
}

/// Runs `phase add`.
pub fn phase_add(ws: &Workspace, clock: &Clock, name: &str) -> Result<Outcome, UserError> {
    let name = check_name(name)?;
    let roadmap = ws.roadmap.as_ref().ok_or_else(no_roadmap)?;
    let ledger = Ledger::build(ws, None);
    let last = ledger.last_integer_phase();
    let anchor = ledger
        .phases
        .iter()
        .rev()
        .find(|p| p.in_roadmap)
        .map(|p| p.number.clone());
    let like = anchor.as_ref().map_or("1", |a| a.as_str()).to_string();
    let new = PhaseNum::parse(&format!("{}", last + 1)).expect("a phase number");
    let new = PhaseNum::parse(&respell(&new, &like)).unwrap_or(new);
    let spec = NewPhase {
        number: &new,
        name,
        inserted: false,
        depends: anchor.as_ref(),
    };
    let note = format!("Phase {new} added: {name}");
    surgery(
        ws,
        clock,
        roadmap,
        &ledger,
        anchor.as_ref(),
        &spec,
        &note,
        true,
    )
}

/// Runs `phase insert`.
pub fn phase_insert(
    ws: &Workspace,
    clock: &Clock,
    after: &str,
    name: &str,
) -> Result<Outcome, UserError> {
    let name = check_name(name)?;
    let roadmap = ws.roadmap.as_ref().ok_or_else(no_roadmap)?;
    let after = PhaseNum::parse(after).ok_or_else(|| {
        UserError::new(format!("`{after}` is not a phase number"))
            .hint("use e.g. `gsd phase insert 2 \"Hotfix\"` (adds phase 2.1)")
    })?;
    let ledger = Ledger::build(ws, None);
    if roadmap.phase(&after).is_none() {
        return Err(
            UserError::new(format!("phase {after} is not in ROADMAP.md"))
                .in_file(Workspace::display_path("ROADMAP.md"))
                .hint("insert after a phase the roadmap lists (`gsd roadmap show`)"),
        );
    }
    // The decimals already under `after`: the new one follows the highest.
    let prefix = format!("{}.", after.as_str());
    let children: Vec<&PhaseNum> = ledger
        .phases
        .iter()
        .map(|p| &p.number)
        .filter(|n| {
            let s = n.padded(after.as_str().split('.').next().map_or(1, str::len));
            s.starts_with(&prefix) && !s[prefix.len()..].contains('.')
        })
        .collect();
    let next = children
        .iter()
        .filter_map(|n| n.as_str().rsplit('.').next()?.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let new = PhaseNum::parse(&format!("{}.{next}", after.as_str())).expect("a phase number");
    let anchor = children
        .iter()
        .max()
        .map_or(after.clone(), |n| (*n).clone());
    let anchor = if roadmap.phase(&anchor).is_some() {
        anchor
    } else {
        after.clone()
    };
    let spec = NewPhase {
        number: &new,
        name,
        inserted: true,
        depends: Some(&after),
    };
    let note = format!("Phase {new} inserted after Phase {after}: {name}");
    surgery(
        ws,
        clock,
        roadmap,
        &ledger,
        Some(&anchor),
        &spec,
        &note,
        false,
    )
}

/// The phase being added.
struct NewPhase<'a> {
    number: &'a PhaseNum,
    name: &'a str,
    inserted: bool,
    depends: Option<&'a PhaseNum>,
}

/// The ROADMAP.md and STATE.md edits that add `spec` after `anchor`.
#[allow(clippy::too_many_arguments)]
fn surgery(
    ws: &Workspace,
    _clock: &Clock,
    roadmap: &Roadmap,
    ledger: &Ledger,
    anchor: Option<&PhaseNum>,
    spec: &NewPhase,
    note: &str,
    counts: bool,
) -> Result<Outcome, UserError> {
    let n = spec.number;
    // Adding is not repeatable by nature; a phase of the same name means it was added.
    if let Some(same) = roadmap.phases.iter().find(|p| {
        p.name
            .as_deref()
            .is_some_and(|x| x.eq_ignore_ascii_case(spec.name))
    }) {
        return Ok(Outcome::nothing(format!(
            "ROADMAP.md already has phase {}: {}",
            same.number, spec.name
        )));
    }
    let mut out = Outcome::default();
    let edits = roadmap_add_edits(roadmap, anchor, spec);
    if let Some(c) = file_change(ws, PlanningFile::Roadmap, &roadmap.doc.source, edits) {
        out.changes
            .push((c, format!("added phase {n}: {}", spec.name)));
    }
    let mut edits = evolution_edits(&ws.state, note);
    let integers = ledger
        .phases
        .iter()
        .filter(|p| p.number.as_integer().is_some())
        .count() as u64;
    let all = ledger.phases.len() as u64;
    let highest = ledger.last_integer_phase();
    let step = Totals {
        integers: (integers, integers + u64::from(counts)),
        all: (all, all + 1),
        highest: (highest, if counts { highest + 1 } else { highest }),
    };
    edits.extend(phase_total_edits(&ws.state, &step));
    if let Some(c) = file_change(ws, PlanningFile::State, &ws.state.doc.source, edits) {
        out.changes.push((c, "roadmap evolution noted".to_string()));
    }
    Ok(out)
}

/// The end of phase `n`'s detail section: the line of the next heading at its level or above
/// (or the end of the file).
fn section_end(doc: &Doc, heading: usize, level: u8) -> usize {
    (heading + 1..doc.kinds.len())
        .find(|&i| matches!(doc.kinds[i], LineKind::Heading(l) if l <= level))
        .unwrap_or(doc.kinds.len())
}

fn roadmap_add_edits(roadmap: &Roadmap, anchor: Option<&PhaseNum>, spec: &NewPhase) -> Vec<Edit> {
    let doc = &roadmap.doc;
    let n = spec.number;
    let mut edits = Vec::new();
    let anchor_phase = anchor.and_then(|a| roadmap.phase(a));
    // The checklist line, in the anchor's shape.
    if let Some(line) = anchor_phase.and_then(|p| p.listing) {
        let text = doc.line(line);
        let prefix_len = text
            .find("**Phase")
            .or_else(|| text.find("Phase "))
            .unwrap_or(0);
        let mut prefix = text[..prefix_len].to_string();
        if let Some(open) = prefix.find('[') {
            prefix.replace_range(open..(open + 3).min(prefix.len()), "[ ]");
        }
        let bold = text[prefix_len..].starts_with("**");
        let mut new_line = if bold {
            format!("{prefix}**Phase {n}: {}**", spec.name)
        } else {
            format!("{prefix}Phase {n}: {}", spec.name)
        };
        if spec.inserted {
            new_line.push_str(" - INSERTED");
        }
        let after = roadmap
            .phases
            .iter()
            .filter(|p| {
                p.number.as_str().split('.').next()
                    == anchor.map(|a| a.as_str()).and_then(|a| a.split('.').next())
                    || Some(&p.number) == anchor
            })
            .filter_map(|p| p.listing)
            .filter(|l| doc.kinds.get(*l).is_some())
            .max()
            .unwrap_or(line)
            .max(line);
        edits.push(insert_after_line(doc, after, &[new_line]));
    }
    // The detail section, after the anchor's (and its decimals').
    if let Some(p) = anchor_phase
        && let (Some(h), Some(level)) = (p.heading, p.heading_level)
    {
        let mut end = section_end(doc, h, level);
        for q in roadmap.phases.iter().filter(|q| {
            q.number > p.number
                && q.number.as_integer().is_none()
                && q.number.as_str().split('.').next() == p.number.as_str().split('.').next()
        }) {
            if let (Some(qh), Some(ql)) = (q.heading, q.heading_level) {
                end = end.max(section_end(doc, qh, ql));
            }
        }
        let colon_inside = doc.source.text.contains("**Goal:**");
        let label = |l: &str| {
            if colon_inside {
                format!("**{l}:**")
            } else {
                format!("**{l}**:")
            }
        };
        let hashes = "#".repeat(level as usize);
        let mut lines = Vec::new();
        let prev_blank = end == 0 || doc.line(end - 1).trim().is_empty();
        let at_end = end >= doc.kinds.len();
        if !prev_blank {
            lines.push(String::new());
        }
        let marker = if spec.inserted { " (INSERTED)" } else { "" };
        lines.push(format!("{hashes} Phase {n}: {}{marker}", spec.name));
        lines.push(format!("{} TBD", label("Goal")));
        if let Some(d) = spec.depends {
            lines.push(format!("{} Phase {d}", label("Depends on")));
        }
        lines.push(format!("{} TBD", label("Plans")));
        if !at_end {
            lines.push(String::new());
            edits.push(insert_before_line(doc, end, &lines));
        } else if let Some(last) = doc.kinds.len().checked_sub(1) {
            edits.push(insert_after_line(doc, last, &lines));
        }
    }
    // A progress row after the anchor's row in each table that has one.
    for t in &roadmap.progress_tables {
        let row = anchor.and_then(|a| t.row(a)).or_else(|| t.rows.last());
        let Some(row) = row else { continue };
        let mut at = row.line;
        for r in &t.rows {
            if let Some(rn) = &r.phase
                && anchor.is_some_and(|a| {
                    rn > a
                        && rn.as_integer().is_none()
                        && rn.as_str().split('.').next() == a.as_str().split('.').next()
                })
            {
                at = at.max(r.line);
            }
        }
        let first = doc.text(row.cells.first().map_or(0..0, |c| c.text.clone()));
        let phase_cell = if first.contains(". ") || first.contains(' ') {
            format!("{n}. {}", spec.name)
        } else {
            n.to_string()
        };
        let mut texts = vec![String::new(); row.cells.len()];
        texts[0] = phase_cell;
        let set = |texts: &mut Vec<String>, col: Option<usize>, v: &str| {
            if let Some(c) = col.filter(|c| *c < texts.len()) {
                texts[c] = v.to_string();
            }
        };
        // A new phase has no plans yet: the words the table's other unstarted rows use
        // (`0/?`, `0/TBD`, `⬜ Not started`, `—`), else the template's.
        let unstarted = t
            .rows
            .iter()
            .rev()
            .find(|r| t.status(doc, r) == Some(crate::model::roadmap::RowStatus::NotStarted));
        let cell_of = |col: crate::model::roadmap::Column| {
            unstarted
                .and_then(|r| t.cell(r, col))
                .map(|c| doc.text(c.text.clone()).to_string())
        };
        let plans = cell_of(crate::model::roadmap::Column::Plans)
            .filter(|p| {
                p.split_once('/')
                    .is_some_and(|(_, total)| total.trim().parse::<u64>().is_err())
            })
            .unwrap_or_else(|| "0/?".to_string());
        let status = cell_of(crate::model::roadmap::Column::Status)
            .unwrap_or_else(|| "Not started".to_string());
        let completed = cell_of(crate::model::roadmap::Column::Completed)
            .filter(|c| !c.starts_with(|ch: char| ch.is_ascii_digit()))
            .unwrap_or_else(|| "-".to_string());
        set(&mut texts, t.plans_col, &plans);
        set(&mut texts, t.status_col, &status);
        set(&mut texts, t.completed_col, &completed);
        if let Some(m) = t.milestone_col
            && let Some(cell) = row.cells.get(m)
        {
            texts[m] = doc.text(cell.text.clone()).to_string();
        }
        for (i, t) in texts.iter_mut().enumerate() {
            if t.is_empty() && i > 0 {
                *t = "-".to_string();
            }
        }
        edits.push(insert_after_line(
            doc,
            at,
            &[row_like(doc, row.line, &texts)],
        ));
    }
    edits
}

/// A bullet at the end of STATE.md's `### Roadmap Evolution` list, where the file keeps one.
fn evolution_edits(state: &StateDoc, note: &str) -> Vec<Edit> {
    let doc = &state.doc;
    let Some(section) = doc.sections.iter().find(|s| {
        doc.title(s)
            .to_ascii_lowercase()
            .contains("roadmap evolution")
    }) else {
        return Vec::new();
    };
    let last_item =
        section.own.clone().rev().find(|&i| {
            doc.kinds[i] != LineKind::Code && doc.line(i).trim_start().starts_with("- ")
        });
    match last_item {
        Some(i) => vec![insert_after_line(doc, i, &[format!("- {note}")])],
        None => vec![insert_after_line(
            doc,
            section.line,
            &[String::new(), format!("- {note}")],
        )],
    }
}

/// Phase counts before and after the change: integer phases (what `Phase: N of M` counts)
/// and all phases (what the frontmatter's `total_phases` counts).
struct Totals {
    integers: (u64, u64),
    all: (u64, u64),
    /// The highest integer phase, before and after (`of M` in roadmaps that number on from
    /// earlier milestones means the last phase).
    highest: (u64, u64),
}

/// `Phase: N of M` and the frontmatter's `total_phases`, where they hold the count before
/// the change (a count that already differs is the author's and stays).
fn phase_total_edits(state: &StateDoc, t: &Totals) -> Vec<Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    if let Some(line) = &state.position.phase
        && let Some(r) = &line.total
    {
        let m = doc.text(r.clone()).trim().parse::<u64>().ok();
        if t.integers.0 != t.integers.1 && m == Some(t.integers.0) {
            edits.push(Edit::replace(r.clone(), t.integers.1.to_string()));
        } else if t.highest.0 != t.highest.1 && m == Some(t.highest.0) {
            edits.push(Edit::replace(r.clone(), t.highest.1.to_string()));
        }
    }
    let fm =
        frontmatter::get(doc, "progress.total_phases").and_then(|v| v.trim().parse::<u64>().ok());
    if fm == Some(t.all.0) {
        edits.extend(frontmatter::set(
            doc,
            "progress.total_phases",
            &t.all.1.to_string(),
        ));
    }
    edits
}

/// `phase remove`'s inputs: the names of the files in each phase folder (read by the command
/// layer), so the files named after a renumbered phase can be renamed.
#[derive(Debug, Clone, Default)]
pub struct PhaseRemove<'a> {
    pub phase: &'a str,
    pub force: bool,
    pub listings: Vec<(PathBuf, Vec<String>)>,
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
    let Some(entry) = ledger.phase(&n) else {
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
    if ws.state.current_phase().as_ref() == Some(&n) {
        refusals.push("STATE.md is on it".to_string());
    }
    if !refusals.is_empty() && !args.force {
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
                        == Some(&n)
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
    let numbers: Vec<PhaseNum> = ledger.phases.iter().map(|p| p.number.clone()).collect();
    let mut renumber = Renumbering::closing_gap(&n, &numbers);
    let mut out = Outcome::default();
    // Folders: the removed one set aside, later ones renamed, then their files.
    if let Some(dirs) = &ws.phases {
        for d in dirs.phases.iter().filter(|d| d.number == n) {
            let name = file_name(&d.path);
            out.moves.push(Move {
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
            out.moves.push(Move {
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
                out.moves.push(Move {
                    from: new_path.join(f),
                    to: new_path.join(&new_file),
                    display_from: Workspace::display_path(&format!("phases/{new_name}/{f}")),
                    display_to: Workspace::display_path(&format!("phases/{new_name}/{new_file}")),
                    discard: false,
                });
            }
        }
    }
    // ROADMAP.md: the phase's lines go, later phases are renumbered.
    let doc = &roadmap.doc;
    let mut gone: HashSet<usize> = HashSet::new();
    if let Some(p) = roadmap.phase(&n) {
        if let Some(l) = p.listing {
            gone.insert(l);
        }
        if let (Some(h), Some(level)) = (p.heading, p.heading_level) {
            gone.extend(h..section_end(doc, h, level));
        }
    }
    for t in &roadmap.progress_tables {
        for r in t.rows.iter().filter(|r| r.phase.as_ref() == Some(&n)) {
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
    let before = numbers.iter().filter(|p| *p < &n).max();
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
    // STATE.md: references to renumbered phases, the position, the evolution note.
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
        let integers = ledger
            .phases
            .iter()
            .filter(|p| p.number.as_integer().is_some())
            .count() as u64;
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
            .phase(&n)
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
    Ok(out)
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
