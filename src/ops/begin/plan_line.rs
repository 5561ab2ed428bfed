//! `Plan:` for a new phase in the file's own counter convention (`1 of M`, the plan about to run,
//! or `0 of M` for files that count plans done), with a stale tail dropped.

use super::{Start, is_phase_field};
use crate::edit::Edit;
use crate::model::ids::PhaseNum;
use crate::model::state::{PlanLine, StateDoc};
use crate::ops::field::set_field;
use crate::ops::style::{done_suffix, pad_like, phase_like};
use crate::syntax::Doc;

/// The position's `Plan:` line, unless it belongs to another block: a second `Phase:` line
/// between it and the position's own stacks an older position (`Phase: 27.2 …` then `Phase:
/// 27.1 …` with `Plan: 27.1-01 …` under it), and that plan line is history.
pub(super) fn own_plan_line(state: &StateDoc) -> Option<&PlanLine> {
    let doc = &state.doc;
    let plan = state.position.plan.as_ref()?;
    let Some(phase) = state.position.phase.as_ref() else {
        return Some(plan);
    };
    let (a, b) = (phase.field.line, plan.field.line);
    let between = a.min(b) + 1..a.max(b);
    let stacked = between.into_iter().any(|i| is_phase_field(doc, i));
    (!stacked).then_some(plan)
}

/// `Plan: A of M` for the new phase: the counter in its padding (a plan id token becomes the
/// new phase's plan id, or `0` before there are plans), the total the phase's plan count (or
/// `TBD`: the old total belongs to the old phase), and the old phase's `— COMPLETE` dropped.
pub(super) fn plan_line_edits(state: &StateDoc, line: &PlanLine, start: &Start) -> Vec<Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    let counter = start.counter;
    match line.done.clone() {
        Some(done) => {
            let token = doc.text(done.clone());
            let first = match token.rsplit_once('-') {
                // `07-02 of 2`: the plan about to run, as a plan id in the token's spelling.
                Some((ph, pl)) if counter > 0 => {
                    format!("{}-{}", phase_like(start.phase, ph), pad_like(counter, pl))
                }
                Some(_) => "0".to_string(),
                None => pad_like(counter, token),
            };
            edits.push(Edit::replace(done.clone(), first));
            match (start.plans, line.total.clone()) {
                (None, Some(t)) => edits.push(Edit::replace(t, "TBD")),
                (Some(c), Some(t)) => {
                    edits.push(Edit::replace(t.clone(), pad_like(c, doc.text(t))))
                }
                (Some(c), None) => edits.push(Edit::insert(
                    done.end,
                    format!(" of {}", pad_like(c, token)),
                )),
                _ => {}
            }
            let handled = line.total.as_ref().map_or(done.end, |t| t.end);
            edits.extend(plan_tail_edits(doc, line, handled, start));
        }
        None => {
            if let Some(c) = start.plans {
                edits.push(set_field(state, &line.field, &format!("{counter} of {c}")));
            }
        }
    }
    edits
}

/// What follows the counter on a `Plan:` line describes the old phase: a note of what was
/// done (`(01-06 complete)`, `(all done)`, `— COMPLETE`, `— Phase 1 + gap closure DONE)`) is
/// dropped whole, parentheses and all, and a `Phase N` naming the old phase (`2 of 2 complete
/// in Phase 5`) names the new one. The rest (`in current phase`, `complete` as the counter's
/// own word) stays.
pub(super) fn plan_tail_edits(
    doc: &Doc,
    line: &PlanLine,
    handled: usize,
    start: &Start,
) -> Vec<Edit> {
    let value = line.field.value(doc);
    let base = line.field.value.start;
    let from = handled - base;
    let tail = &value[from..];
    let mut edits = Vec::new();
    // `19-01 COMPLETE — …`, `14-02 (in progress)`, `01-01 (Backend Init) — Ready to execute`:
    // after a plan id everything is about that plan.
    if line.plan_id(doc).is_some() {
        let end = value.trim_end_matches(['*', '`']).len().max(from);
        if end > from {
            edits.push(Edit::replace(handled..base + end, ""));
        }
        return edits;
    }
    let mut dropped = value.len()..value.len();
    let noted = |text: &str| {
        let lower = text.to_lowercase();
        ["complete", "done", "finished", "executed", "verified"]
            .iter()
            .any(|w| lower.contains(w))
            || !crate::model::ids::plan_ids_in(text).is_empty()
    };
    // ` (…done…)`: the first parenthetical that reports work done.
    let paren = tail.match_indices(" (").find_map(|(i, _)| {
        let open = from + i + 1;
        let close =
            crate::model::state::position::matching_paren(&value[open + 1..]).map(|c| open + 1 + c);
        let inner = &value[open + 1..close.unwrap_or(value.len())];
        noted(inner).then(|| from + i..close.map_or(value.len(), |c| c + 1))
    });
    if let Some(r) = paren {
        dropped = r;
    } else if let Some(r) = done_suffix(value, from) {
        // A dash note inside an unclosed parenthesis takes the parenthesis with it.
        let before = &value[from..r.start];
        let start = match (before.rfind('('), before.rfind(')')) {
            (Some(o), c) if c.is_none_or(|c| c < o) => {
                from + value[from..from + o].trim_end().len()
            }
            _ => r.start,
        };
        dropped = start..r.end;
    }
    if !dropped.is_empty() {
        edits.push(Edit::replace(base + dropped.start..base + dropped.end, ""));
    }
    // `in Phase 5` → `in Phase 6`, outside what was dropped.
    if let Some(old) = &start.from {
        let lower = value.to_ascii_lowercase();
        let mut at = from;
        while let Some(i) = lower[at..].find("phase ") {
            let num_start = at + i + "phase ".len();
            let rest = &value[num_start..];
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
                .unwrap_or(rest.len());
            let written = rest[..len].trim_end_matches('.');
            at = num_start;
            let outside = num_start + written.len() <= dropped.start || num_start >= dropped.end;
            if outside && PhaseNum::parse(written).is_some_and(|n| &n == old) {
                edits.push(Edit::replace(
                    base + num_start..base + num_start + written.len(),
                    phase_like(start.phase, written),
                ));
                break;
            }
        }
    }
    edits
}
