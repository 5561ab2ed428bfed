//! `gsd check --fix` in memory: applies the findings' safe fixes to the planning files they
//! target (STATE.md, ROADMAP.md, PROJECT.md), round after round, re-checking after each (a
//! fixed percent lets the bar be redrawn next round; a ticked plan lets a count be set).
//!
//! A fix targets one file, which need not be the file its finding points into: a stale
//! `Total plans completed` in STATE.md is fixed there, an unticked plan in ROADMAP.md there.
//! Edits of one round that overlap an earlier fix's edits wait for the next round, so two
//! findings never write the same bytes twice. Nothing here touches the disk: the caller turns
//! the changed texts into minimal line edits ([`line_edits`]) and commits them.

use std::ops::Range;

use chrono::NaiveDate;
use similar::{DiffTag, TextDiff};

use super::policy::Policy;
use super::{Diagnostic, PlanningFile, check};
use crate::edit::{Edit, EditSet};
use crate::model::project::ProjectDoc;
use crate::model::roadmap::Roadmap;
use crate::model::{StateDoc, Workspace};
use crate::source::Source;

/// How many fix rounds to run before giving up (each round fixes what the last one exposed).
pub const MAX_FIX_ROUNDS: usize = 8;

/// The files a fix may write, in the order changes are reported.
pub const FIXABLE_FILES: [PlanningFile; 3] = [
    PlanningFile::State,
    PlanningFile::Roadmap,
    PlanningFile::Project,
];

/// Applies every safe fix of a rule `policy` selects, in rounds, re-checking after each;
/// returns the fixed workspace and what is still found in it.
pub fn fix_in_memory(
    mut ws: Workspace,
    today: NaiveDate,
    policy: &Policy,
    mut diagnostics: Vec<Diagnostic>,
) -> anyhow::Result<(Workspace, Vec<Diagnostic>)> {
    for _ in 0..MAX_FIX_ROUNDS {
        let mut changed = false;
        for kind in FIXABLE_FILES {
            let Some(text) = kind.source(&ws).map(|s| s.text.clone()) else {
                continue;
            };
            let set = round_edits(&diagnostics, kind).without_noops(&text);
            if set.is_empty() {
                continue;
            }
            let new = set.apply(&text)?;
            replace_text(&mut ws, kind, new);
            changed = true;
        }
        if !changed {
            break;
        }
        diagnostics = policy.apply(check(&ws, today));
    }
    Ok((ws, diagnostics))
}

/// The edits of one round for `kind`: every fix targeting it whose edits do not clash with an
/// earlier one's.
fn round_edits(diagnostics: &[Diagnostic], kind: PlanningFile) -> EditSet {
    let mut set = EditSet::new();
    let mut taken: Vec<Range<usize>> = Vec::new();
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if fix.file != kind {
            continue;
        }
        let clashes = fix.edits.iter().any(|e| {
            taken
                .iter()
                .any(|t| e.range.start < t.end && t.start < e.range.end || e.range == *t)
        });
        if clashes {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.range.clone()));
        set.extend(fix.edits.iter().cloned());
    }
    set
}

/// Re-parses `kind` from `text` in the workspace.
fn replace_text(ws: &mut Workspace, kind: PlanningFile, text: String) {
    let path = |s: &Source| s.path.clone();
    match kind {
        PlanningFile::State => {
            let p = path(&ws.state.doc.source);
            ws.state = StateDoc::parse(Source::new(p, text));
        }
        PlanningFile::Roadmap => {
            if let Some(r) = &ws.roadmap {
                let p = path(&r.doc.source);
                ws.roadmap = Some(Roadmap::parse(Source::new(p, text)));
            }
        }
        PlanningFile::Project => {
            if let Some(pr) = &ws.project {
                let p = path(&pr.doc.source);
                ws.project = Some(ProjectDoc::parse(Source::new(p, text)));
            }
        }
        PlanningFile::Other => {}
    }
}

/// The change from `old` to `new` as edits replacing only the lines that differ.
pub fn line_edits(old: &str, new: &str) -> EditSet {
    let diff = TextDiff::from_lines(old, new);
    let mut offsets = Vec::with_capacity(diff.old_len() + 1);
    let mut at = 0;
    offsets.push(0);
    for s in diff.iter_old_slices() {
        at += s.len();
        offsets.push(at);
    }
    let mut set = EditSet::new();
    for op in diff.ops() {
        if op.tag() == DiffTag::Equal {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        set.push(Edit::replace(
            offsets[o.start]..offsets[o.end],
            n.filter_map(|i| diff.new_slice(i)).collect::<String>(),
        ));
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_edits_touch_only_changed_lines() {
        let old = "a\r\nb 28\nc\n";
        let new = "a\r\nb 25\nc\n";
        let set = line_edits(old, new);
        assert_eq!(set.len(), 1);
        assert_eq!(set.edits()[0].range, 3..8);
        assert_eq!(set.apply(old).unwrap(), new);
    }
}
