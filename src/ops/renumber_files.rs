//! The files besides ROADMAP.md and STATE.md that `phase remove` renumbers: REQUIREMENTS.md
//! (the traceability table's Phase cells, and `Phase N` in its prose) and the `phase:` fields
//! in the frontmatter of the PLAN and SUMMARY files of renumbered phases (`phase: 04-export`,
//! `phase: 4`, a `requires:` list's `- phase: 04-export`). Only what names a phase changes
//! ([`super::renumber`]): other tables, code fences and numbers in prose stay as written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::change::{FileChange, Move};
use crate::edit::Edit;
use crate::model::ids::PhaseNum;
use crate::model::requirements::Requirements;
use crate::ops::renumber::Renumbering;
use crate::source::Source;
use crate::syntax::{Doc, LineKind};

/// REQUIREMENTS.md's edits: each traceability row's Phase cell, then `Phase N` and plan ids
/// outside tables. The rows of `removed` keep its number: they are reported, not guessed at.
pub fn requirements_edits(req: &Requirements, r: &Renumbering) -> Vec<Edit> {
    let doc = &req.doc;
    let mut edits = r.doc_edits(doc, &HashSet::new(), &HashSet::new());
    for row in &req.rows {
        if let Some(cell) = &row.phase {
            edits.extend(r.cell_edits(doc.text(cell.text.clone()), cell.text.start));
        }
    }
    edits
}

/// The requirement ids whose traceability row names phase `removed` (and no other phase):
/// after the removal they point at nothing, and the user must reassign them.
pub fn orphaned(req: &Requirements, removed: &PhaseNum) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for row in req.rows.iter().filter(|r| r.phases == [removed.clone()]) {
        if !out.contains(&row.id) {
            out.push(row.id.clone());
        }
    }
    out
}

/// The edits to the `phase:` fields of a PLAN or SUMMARY file's frontmatter: the leading
/// phase number of each value (`04-export` → `03-export`, `"4"` → `"3"`), at any depth (a
/// `requires:` list's `- phase: 04-export` too).
pub fn phase_field_edits(doc: &Doc, r: &Renumbering) -> Vec<Edit> {
    let mut edits = Vec::new();
    for i in 0..doc.kinds.len() {
        if doc.kinds[i] != LineKind::Frontmatter {
            continue;
        }
        let line = doc.line(i);
        let key = line.trim_start();
        let key = key.strip_prefix("- ").map_or(key, str::trim_start);
        let Some(value) = key.strip_prefix("phase:") else {
            continue;
        };
        let value_at = line.len() - value.len();
        let lead = value.len() - value.trim_start().len();
        let value = value.trim_start();
        let quote = usize::from(value.starts_with(['"', '\'']));
        let unquoted = &value[quote..];
        let digits = unquoted
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(unquoted.len());
        let written = unquoted[..digits].trim_end_matches('.');
        // A value that goes on with letters after the number (`4b`) is not a phase number.
        let next = unquoted[written.len()..].chars().next();
        if written.is_empty() || next.is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        if let Some(new) = r.respell(written) {
            let start = doc.line_start(i) + value_at + lead + quote;
            edits.push(Edit::replace(start..start + written.len(), new));
        }
    }
    edits
}

/// The change to one PLAN/SUMMARY file (`source`, read at `path` before the moves), at the
/// place the moves bring it to; `None` when no `phase:` field names a renumbered phase.
pub fn phase_file_change(
    path: &Path,
    source: &Source,
    r: &Renumbering,
    moves: &[Move],
    display_of: impl Fn(&Path) -> PathBuf,
) -> Option<FileChange> {
    let doc = Doc::parse(source.clone());
    let edits = phase_field_edits(&doc, r);
    let mut set = crate::edit::EditSet::new();
    set.extend(edits);
    let set = set.without_noops(&source.text);
    if set.is_empty() {
        return None;
    }
    let to = crate::change::paths::after_moves(path, moves);
    Some(FileChange {
        display: display_of(&to),
        path: to,
        original: source.text.clone(),
        edits: set,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renumber() -> Renumbering {
        let nums: Vec<PhaseNum> = ["3", "4", "10"]
            .iter()
            .map(|s| PhaseNum::parse(s).unwrap())
            .collect();
        Renumbering::closing_gap(&PhaseNum::parse("3").unwrap(), &nums)
    }

    fn apply_fields(text: &str) -> String {
        let doc = Doc::parse(Source::new("x", text.to_string()));
        let mut set = crate::edit::EditSet::new();
        set.extend(phase_field_edits(&doc, &renumber()));
        set.apply(text).unwrap()
    }

    #[test]
    fn phase_fields_at_any_depth_and_nothing_else() {
        let text = "---\nphase: 04-export\nplan: 04\nrequires:\n  - phase: 10-docs\n    provides: 4 endpoints\nwave: 4\ntitle: \"4 things\"\n---\n\nphase: 04-export in the body\n";
        assert_eq!(
            apply_fields(text),
            "---\nphase: 03-export\nplan: 04\nrequires:\n  - phase: 9-docs\n    provides: 4 endpoints\nwave: 4\ntitle: \"4 things\"\n---\n\nphase: 04-export in the body\n"
        );
        assert_eq!(
            apply_fields("---\nphase: \"4\"\n---\n"),
            "---\nphase: \"3\"\n---\n"
        );
        assert_eq!(
            apply_fields("---\nphase: 4b\n---\n"),
            "---\nphase: 4b\n---\n"
        );
        assert_eq!(
            apply_fields("---\nphase: 02-x\n---\n"),
            "---\nphase: 02-x\n---\n"
        );
    }

    #[test]
    fn requirement_rows_and_prose_but_not_other_tables() {
        let text = "# R\n\n- [ ] **EXP-01**: CSV for 4 tools (Phase 4)\n\n| Requirement | Phase | Status |\n|---|---|---|\n| EXP-01 | Phase 4 | Pending |\n| DOC-01 | 10 | Pending |\n| OLD-01 | Phase 3 | Pending |\n\n| Tool | Count |\n|---|---|\n| Phase 4 | 4 |\n\n```\nPhase 4\n```\n";
        let req = Requirements::parse(Source::new("R", text.to_string()));
        let mut set = crate::edit::EditSet::new();
        set.extend(requirements_edits(&req, &renumber()));
        let out = set.apply(text).unwrap();
        assert_eq!(
            out,
            text.replace("(Phase 4)", "(Phase 3)")
                .replace("| EXP-01 | Phase 4 |", "| EXP-01 | Phase 3 |")
                .replace("| DOC-01 | 10 |", "| DOC-01 | 9 |")
        );
        assert_eq!(orphaned(&req, &PhaseNum::parse("3").unwrap()), ["OLD-01"]);
    }
}
