//! `gsd state prune [--keep-recent K]`: move what STATE.md no longer needs to keep in view into
//! `STATE-ARCHIVE.md`.
//!
//! Moved: decision bullets tagged with a finished phase older than the last K finished ones
//! (`[Phase 2]:`, `[02-01]:`, `(02-01)`; untagged decisions and table rows stay), and blockers
//! marked resolved (struck through, `RESOLVED`, `FIXED`, ticked). Each moved item takes its
//! continuation lines with it, byte for byte; every other byte of STATE.md stays. The archive
//! gets one dated section per run, appended (the file is created with a title when absent).
//! Which phases are finished is the ledger's answer. Metric rows stay: the velocity figures
//! are computed from them. A decision group or blocker list left with no items gets the
//! file's own "nothing here" line (`None.` where its other lists say so, else the template's
//! `None yet.`), so the section reads as the workflow writes an empty one.

use crate::change::FileChange;
use crate::edit::{Edit, EditSet};
use crate::error::UserError;
use crate::ledger::Ledger;
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::state::ListShape;
use crate::model::workspace::Workspace;
use crate::ops::insert::item_end;
use crate::ops::{Clock, Outcome, PlanningFile, file_change, planning_path};
use crate::source::Source;

/// How many finished phases keep their decisions in STATE.md by default.
pub const DEFAULT_KEEP: usize = 3;

/// Runs `prune`; `archive` is STATE-ARCHIVE.md when it exists.
pub fn prune(
    ws: &Workspace,
    clock: &Clock,
    keep: usize,
    archive: Option<&Source>,
) -> Result<Outcome, UserError> {
    let ledger = Ledger::build(ws, None);
    let state = &ws.state;
    let doc = &state.doc;
    let finished: Vec<&PhaseNum> = ledger
        .phases
        .iter()
        .filter(|p| p.complete())
        .map(|p| &p.number)
        .collect();
    let old = &finished[..finished.len().saturating_sub(keep)];
    let mut decisions: Vec<(usize, usize)> = Vec::new();
    // The first moved line of each list the prune empties: it becomes the placeholder.
    let mut emptied: Vec<usize> = Vec::new();
    for group in &state.decisions {
        if !matches!(group.shape, ListShape::Bullets { .. }) {
            continue;
        }
        let before = decisions.len();
        for d in group.entries(doc) {
            let phase = d
                .plan
                .as_deref()
                .and_then(PlanId::parse)
                .map(|p| p.phase)
                .or_else(|| {
                    d.phase
                        .as_deref()
                        .and_then(|p| PhaseNum::parse(p.split('-').next().unwrap_or(p)))
                });
            if phase.is_some_and(|p| old.contains(&&p)) {
                decisions.push((d.line, item_end(doc, d.line)));
            }
        }
        let moved = decisions.len() - before;
        if moved > 0 && moved == group.entry_count {
            emptied.push(decisions[before].0);
        }
    }
    let mut blockers: Vec<(usize, usize)> = Vec::new();
    if let Some(list) = state.blockers() {
        for item in list.items.iter().filter(|i| i.resolved && i.depth == 1) {
            blockers.push((item.line, item_end(doc, item.line)));
        }
        let top = list.items.iter().filter(|i| i.depth == 1).count();
        if !blockers.is_empty() && blockers.len() == top {
            emptied.push(blockers[0].0);
        }
    }
    if decisions.is_empty() && blockers.is_empty() {
        return Ok(Outcome::nothing(format!(
            "nothing to prune (decisions of the last {keep} finished phases and open blockers stay)"
        )));
    }
    let lines_of = |spans: &[(usize, usize)]| -> String {
        spans
            .iter()
            .map(|&(a, b)| {
                let text = &doc.source.text[doc.line_start(a)..doc.line_span(b).end];
                if text.ends_with('\n') {
                    text.to_string()
                } else {
                    format!("{text}\n")
                }
            })
            .collect()
    };
    let mut section = format!("## Pruned {}\n\n", clock.date());
    if !decisions.is_empty() {
        section.push_str("### Decisions\n\n");
        section.push_str(&lines_of(&decisions));
        section.push('\n');
    }
    if !blockers.is_empty() {
        section.push_str("### Resolved Blockers\n\n");
        section.push_str(&lines_of(&blockers));
        section.push('\n');
    }
    let placeholder = placeholder_of(state);
    let mut edits = Vec::new();
    for &(a, b) in decisions.iter().chain(&blockers) {
        let range = doc.line_start(a)..doc.line_span(b).end;
        // A list left with no items keeps the file's own "nothing here" line, as the
        // template writes an empty list, rather than a heading over nothing.
        let keep = if emptied.contains(&a) {
            let ending = &doc.source.text[doc.source.lines[b].content_end..range.end];
            format!("{placeholder}{ending}")
        } else {
            String::new()
        };
        edits.push(Edit::replace(range, keep));
    }
    let mut out = Outcome::default();
    if let Some(c) = file_change(ws, PlanningFile::State, &doc.source, edits) {
        out.changes.push((
            c,
            format!(
                "moved {} decision(s) and {} resolved blocker(s) to STATE-ARCHIVE.md",
                decisions.len(),
                blockers.len()
            ),
        ));
    }
    let name = "STATE-ARCHIVE.md";
    let (original, insert) = match archive {
        Some(a) => {
            let sep = if a.text.is_empty() || a.text.ends_with("\n\n") {
                ""
            } else if a.text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            (a.text.clone(), format!("{sep}{section}"))
        }
        None => (String::new(), format!("# State Archive\n\n{section}")),
    };
    let mut set = EditSet::new();
    set.push(Edit::insert(
        original.len(),
        insert.trim_end().to_string() + "\n",
    ));
    out.changes.push((
        FileChange {
            path: planning_path(ws, name),
            display: Workspace::display_path(name),
            original,
            edits: set,
        },
        "appended a dated section".to_string(),
    ));
    Ok(out)
}

/// The placeholder an emptied list gets: the file's own, the first bare "nothing here" line
/// of its decision, todo and blocker lists (`None.`, `(None)`, `- None yet`), else the
/// template's `None yet.`.
fn placeholder_of(state: &crate::model::state::StateDoc) -> String {
    let doc = &state.doc;
    let lines = state
        .decisions
        .iter()
        .filter_map(|g| g.placeholder)
        .chain(state.todo_lists.iter().filter_map(|l| l.placeholder))
        .chain(state.blocker_lists.iter().filter_map(|l| l.placeholder));
    lines
        .map(|l| doc.line(l))
        .find(|text| crate::model::state::context::is_bare_placeholder(text))
        .map_or_else(|| "None yet.".to_string(), |t| t.trim_end().to_string())
}
