//! `gsd phase add <NAME>` and `gsd phase insert <AFTER> <NAME>`: roadmap surgery that adds
//! a phase.
//!
//! `add` appends the next integer phase; `insert` adds the decimal phase after `AFTER` and its
//! existing decimals (`2.1`, then `2.2`), marked INSERTED as the workflow marks them. Both
//! write, in ROADMAP.md, a checklist line, a detail section and a progress row copied from the
//! shape of their neighbours' ([`super::phase_roadmap_add`]), and in STATE.md a `### Roadmap
//! Evolution` entry where that list exists and the `of M` of `Phase: N of M` where it counts
//! the phases ([`super::phase_state`]). No folder is made: `/gsd:plan-phase` makes it.
//! Removing a phase is [`super::phase_remove`].

use crate::error::UserError;
use crate::ledger::Ledger;
use crate::model::ids::PhaseNum;
use crate::model::roadmap::Roadmap;
use crate::model::workspace::Workspace;
use crate::ops::phase_roadmap_add::{NewPhase, roadmap_add_edits};
use crate::ops::phase_state::{Totals, evolution_edits, phase_total_edits};
use crate::ops::renumber::respell;
use crate::ops::{Clock, Outcome, PlanningFile, file_change};

/// The error of a roadmap command in a project without ROADMAP.md.
pub(crate) fn no_roadmap() -> UserError {
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
    let integers = ledger.integer_phase_count();
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
