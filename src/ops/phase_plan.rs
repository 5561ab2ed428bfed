//! `gsd phase plan <N>` (alias `planned-phase`): record the plans a phase was given.
//!
//! After `/gsd:plan-phase` writes `NN-MM-PLAN.md` files, the roadmap and the position still
//! say `TBD`. This op lists each PLAN file in the phase's ROADMAP.md plan checklist (in the
//! list's own shape; a `Plans:` list is started under the phase's `**Plans**:` field when it
//! has none), sets that field and the progress row to the count (`0/C`, or `C plans` where the
//! field counts plans alone), and moves STATE.md to the phase ready to execute, with the
//! edits `state begin` makes. Plans already listed stay as they are; a second run changes
//! nothing.

use std::collections::BTreeMap;

use crate::edit::Edit;
use crate::error::UserError;
use crate::ledger::{Ledger, PhaseEntry};
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::roadmap::{Column, Roadmap, RoadmapPhase, fraction};
use crate::model::status::StatusKind;
use crate::model::workspace::Workspace;
use crate::ops::begin::{Activity, start_edits};
use crate::ops::insert::{insert_after_line, insert_before_line};
use crate::ops::style::{cell_raw, pad_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change};

/// `phase plan`'s inputs: the titles of the phase's PLAN files, read by the command layer
/// (ops do no I/O), by plan id.
#[derive(Debug, Clone, Default)]
pub struct PhasePlan<'a> {
    pub phase: &'a str,
    pub titles: BTreeMap<PlanId, String>,
}

/// Runs `phase plan`.
pub fn phase_plan(ws: &Workspace, clock: &Clock, args: &PhasePlan) -> Result<Outcome, UserError> {
    let ledger = Ledger::build(ws, None);
    let n = crate::ops::phase_complete::known_phase(&ledger, args.phase, "plan")?;
    let entry = ledger.phase(&n);
    let plans: Vec<PlanId> = entry
        .map(|p| {
            p.plans
                .iter()
                .filter(|e| e.evidence.plan_file)
                .map(|e| e.id.clone())
                .collect()
        })
        .unwrap_or_default();
    if plans.is_empty() {
        return Err(UserError::new(format!("phase {n} has no PLAN files yet"))
            .hint(format!(
                "write them first (`/gsd:plan-phase {n}` creates .planning/phases/NN-slug/NN-MM-PLAN.md)"
            )));
    }
    if entry.is_some_and(PhaseEntry::complete) {
        return Ok(Outcome::nothing(format!(
            "phase {n} is complete: nothing to plan"
        )));
    }
    let count = plans.len() as u64;
    let mut out = Outcome::default();
    if let Some(roadmap) = &ws.roadmap {
        let edits = roadmap_edits(roadmap, &n, &plans, &args.titles, count);
        if let Some(c) = file_change(ws, PlanningFile::Roadmap, &roadmap.doc.source, edits) {
            out.changes
                .push((c, format!("listed {count} plan(s) of phase {n}")));
        }
    }
    let state = &ws.state;
    let current = state.current_phase();
    let ready =
        state.position.status.as_ref().is_some_and(|s| {
            StatusKind::classify(s.value(&state.doc)) == StatusKind::ReadyToExecute
        });
    let on_total = state
        .position
        .plan
        .as_ref()
        .and_then(|l| l.total_count(&state.doc))
        == Some(count);
    let moves = match &current {
        Some(c) if c == &n => !(ready && on_total),
        // The position is on an earlier phase that is complete: the planned phase is next.
        Some(c) if c < &n => ledger.phase(c).is_none_or(PhaseEntry::complete),
        None => false,
        Some(_) => false,
    };
    if moves {
        let text = format!("Planned phase {n} ({count} plans)");
        let activity = Activity {
            body: text.clone(),
            frontmatter: text,
        };
        let edits = start_edits(ws, &ledger, clock, &n, &activity);
        if let Some(c) = file_change(ws, PlanningFile::State, &state.doc.source, edits) {
            out.changes
                .push((c, format!("phase {n} ready to execute ({count} plans)")));
        }
    } else if current.as_ref().is_some_and(|c| c < &n) {
        out.notices.push(format!(
            "STATE.md is on phase {}, which is not complete: position left where it is",
            current.map(|c| c.to_string()).unwrap_or_default()
        ));
    }
    if out.changes.is_empty() && out.message.is_none() {
        out.message = Some(format!("phase {n} already records its {count} plans"));
    }
    Ok(out)
}

/// ROADMAP.md: the plan list, the `**Plans**:` field and the progress row.
fn roadmap_edits(
    roadmap: &Roadmap,
    n: &PhaseNum,
    plans: &[PlanId],
    titles: &BTreeMap<PlanId, String>,
    count: u64,
) -> Vec<Edit> {
    let doc = &roadmap.doc;
    let mut edits = Vec::new();
    let Some(phase) = roadmap.phase(n) else {
        return edits;
    };
    let missing: Vec<&PlanId> = plans
        .iter()
        .filter(|id| !phase.plans.iter().any(|p| &p.id == *id))
        .collect();
    if !missing.is_empty() {
        edits.extend(list_edits(roadmap, phase, &missing, titles));
    }
    if let Some(field) = &phase.plans_value {
        let value = doc.text(field.value.clone());
        let uses_fraction = roadmap
            .phases
            .iter()
            .filter_map(|p| p.plans_value.as_ref())
            .any(|f| fraction(doc.text(f.value.clone())).is_some());
        let new = match (field.complete, field.total) {
            (Some(_), Some(_)) => {
                // `0/TBD` never parses as a fraction; `1/3 plans complete` keeps its done
                // count and words.
                let slash = value.find('/').unwrap_or(0);
                let total_end = value[slash + 1..]
                    .find(|c: char| !c.is_ascii_digit())
                    .map_or(value.len(), |i| slash + 1 + i);
                format!(
                    "{}/{}{}",
                    &value[..slash],
                    pad_like(count, &value[slash + 1..total_end]),
                    &value[total_end..]
                )
            }
            (None, Some(_)) => {
                let digits = value
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(value.len());
                format!("{count}{}", &value[digits..])
            }
            _ if uses_fraction => format!("0/{count} plans"),
            _ => format!("{count} plans"),
        };
        if new != value {
            edits.push(Edit::replace(field.value.clone(), new));
        }
    }
    for table in &roadmap.progress_tables {
        let Some(row) = table.row(n) else { continue };
        let Some(cell) = table.cell(row, Column::Plans) else {
            continue;
        };
        let text = doc.text(cell.text.clone());
        if let Some((done, rest)) = text.split_once('/')
            && let Ok(d) = done.trim().parse::<u64>()
        {
            let total_ok = rest.trim().parse::<u64>().ok() == Some(count);
            if !total_ok {
                let new = format!("{}/{count}", pad_like(d, done.trim()));
                edits.push(Edit::replace(cell.raw.clone(), cell_raw(doc, cell, &new)));
            }
        }
    }
    edits
}

/// Lines for plans the checklist lacks: after the last listed plan in the list's own shape
/// (`- [ ] 02-03-PLAN.md — Title`), or, with no list yet, a template `Plans:` list under the
/// `**Plans**:` field (else under the phase heading).
fn list_edits(
    roadmap: &Roadmap,
    phase: &RoadmapPhase,
    missing: &[&PlanId],
    titles: &BTreeMap<PlanId, String>,
) -> Vec<Edit> {
    let doc = &roadmap.doc;
    let line_for = |id: &PlanId, like: Option<&str>| {
        let title = titles.get(id).map(String::as_str).unwrap_or("");
        match like {
            Some(template) => shaped_like(template, id, title),
            None if title.is_empty() => format!("- [ ] {}-PLAN.md", id.canonical()),
            None => format!("- [ ] {}-PLAN.md — {title}", id.canonical()),
        }
    };
    if let Some(last) = phase.plans.iter().max_by(|a, b| a.id.cmp(&b.id)) {
        let template = doc.line(last.checkbox.line).to_string();
        let lines: Vec<String> = missing
            .iter()
            .map(|id| line_for(id, Some(&template)))
            .collect();
        return vec![insert_after_line(doc, last.checkbox.line, &lines)];
    }
    let mut lines = vec![String::new(), "Plans:".to_string()];
    lines.extend(missing.iter().map(|id| line_for(id, None)));
    match (phase.plans_field, phase.heading) {
        (Some(field), _) => vec![insert_after_line(doc, field, &lines)],
        (None, Some(heading)) if heading + 1 < doc.kinds.len() => {
            // Right under the heading: the list, then a blank line before what followed.
            let mut under = lines[1..].to_vec();
            under.push(String::new());
            vec![insert_before_line(doc, heading + 1, &under)]
        }
        (None, Some(heading)) => vec![insert_after_line(doc, heading, &lines)],
        _ => Vec::new(),
    }
}

/// A checklist line for `id` in the shape of `template` (`- [x] 02-01-PLAN.md — Cart`):
/// the bullet and indent kept, the box open, the id spelt like the template's, and its
/// separator before the title.
fn shaped_like(template: &str, id: &PlanId, title: &str) -> String {
    let Some(open) = template.find('[') else {
        return format!("- [ ] {}-PLAN.md — {title}", id.canonical());
    };
    let lead = &template[..open];
    let body = template[open..].get(3..).unwrap_or("").trim_start();
    let decor = body.len() - body.trim_start_matches(['*', '`']).len();
    let token_end = body[decor..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .map_or(body.len(), |i| decor + i);
    let token = &body[decor..token_end];
    let (old_id, suffix) = if let Some(i) = token.strip_suffix("-PLAN.md") {
        (i, "-PLAN.md")
    } else if let Some(i) = token.strip_suffix("-PLAN") {
        (i, "-PLAN")
    } else {
        (token, "")
    };
    let spelled = match old_id.rsplit_once('-') {
        Some((ph, pl)) => format!(
            "{}-{}{}",
            id.phase.spelled_like(ph),
            pad_like(u64::from(id.plan), pl),
            id.suffix().map(String::from).unwrap_or_default()
        ),
        None => id.canonical(),
    };
    let rest = &body[token_end..];
    let closing_len = rest.len() - rest.trim_start_matches(['*', '`']).len();
    let (closing, after) = rest.split_at(closing_len);
    let sep_len = after.len() - after.trim_start_matches([':', ' ', '—', '–', '-']).len();
    let sep = if sep_len > 0 {
        &after[..sep_len]
    } else {
        " — "
    };
    let opening = &body[..decor];
    let tail = if title.is_empty() {
        String::new()
    } else {
        format!("{sep}{title}")
    };
    format!("{lead}[ ] {opening}{spelled}{suffix}{closing}{tail}")
}
