//! REQUIREMENTS.md: requirement checkboxes (`- [ ] **AUTH-01**: User can sign up`) and the
//! traceability table (`| AUTH-01 | Phase 1 | Pending |`), which together say which
//! requirement a phase delivers and whether it is delivered.
//!
//! Only what commands edit and check is read: the checkbox of each requirement (its id is the
//! first `WORD-NN` token of the item), and every table whose header has a `Requirement` (or
//! `ID`) column and a `Phase` column, with its `Status` column when it has one. A requirement
//! may be listed more than once (v1 and v2 sections, two tables): every mention is kept.

use std::ops::Range;

use crate::model::ids::PhaseNum;
use crate::model::roadmap::{Checkbox, checkbox};
use crate::source::Source;
use crate::syntax::{Cell, Doc};

/// One requirement checkbox.
#[derive(Debug, Clone)]
pub struct RequirementItem {
    /// `AUTH-01`, as written.
    pub id: String,
    pub checkbox: Checkbox,
}

/// One traceability row.
#[derive(Debug, Clone)]
pub struct TraceRow {
    pub line: usize,
    /// The requirement id in the row's first id cell.
    pub id: String,
    /// The phases its Phase cell names (`Phase 1`, `1, 2`, `Phase 2.1`).
    pub phases: Vec<PhaseNum>,
    /// The Phase cell (for renumbering).
    pub phase: Option<Cell>,
    /// The Status cell, when the table has one.
    pub status: Option<Cell>,
    /// Every cell of the row (for padding decisions).
    pub cells: Vec<Cell>,
}

/// A parsed REQUIREMENTS.md.
#[derive(Debug, Clone)]
pub struct Requirements {
    pub doc: Doc,
    pub items: Vec<RequirementItem>,
    pub rows: Vec<TraceRow>,
}

impl Requirements {
    pub fn parse(source: Source) -> Requirements {
        let doc = Doc::parse(source);
        let mut items = Vec::new();
        for i in 0..doc.kinds.len() {
            if doc.kinds[i].is_table_row() {
                continue;
            }
            let Some(cb) = checkbox(&doc, i) else {
                continue;
            };
            let after = cb.mark.end + 1 - doc.line_start(i);
            if let Some(id) = requirement_id(doc.line(i).get(after..).unwrap_or("")) {
                items.push(RequirementItem { id, checkbox: cb });
            }
        }
        let rows = trace_rows(&doc);
        Requirements { doc, items, rows }
    }

    /// The requirement ids a phase delivers, by the traceability table, in table order.
    pub fn ids_of_phase(&self, phase: &PhaseNum) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for row in self.rows.iter().filter(|r| r.phases.contains(phase)) {
            if !out.contains(&row.id) {
                out.push(row.id.clone());
            }
        }
        out
    }
}

/// The first requirement id in `text` (`**AUTH-01**: …` → `AUTH-01`): letters (digits
/// allowed after the first), a dash, digits; bold, backticks and brackets around it allowed.
pub fn requirement_id(text: &str) -> Option<String> {
    let t = text.trim_start().trim_start_matches(['*', '`', '[', '_']);
    let token: &str = t
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        .next()?;
    let token = token.trim_end_matches('.');
    crate::model::ids::is_requirement_id(token).then(|| token.to_string())
}

/// Rows of every table with a requirement column and a phase column.
fn trace_rows(doc: &Doc) -> Vec<TraceRow> {
    let mut rows = Vec::new();
    for table in doc.table_blocks() {
        let find = |pred: &dyn Fn(&str) -> bool| table.header.iter().position(|c| pred(c));
        let id_col = find(&|c| c.starts_with("requirement") || c == "id" || c == "req");
        let phase_col = find(&|c| c.starts_with("phase"));
        let status_col = find(&|c| c.starts_with("status"));
        let (Some(ic), Some(pc)) = (id_col, phase_col) else {
            continue;
        };
        for j in table.body.clone() {
            let Some(cells) = doc.cells(j) else { continue };
            let Some(id) = cells
                .get(ic)
                .and_then(|c| requirement_id(doc.text(c.text.clone())))
            else {
                continue;
            };
            let phases = cells
                .get(pc)
                .map(|c| phases_in(doc.text(c.text.clone())))
                .unwrap_or_default();
            rows.push(TraceRow {
                line: j,
                id,
                phases,
                phase: cells.get(pc).cloned(),
                status: status_col.and_then(|s| cells.get(s).cloned()),
                cells,
            });
        }
    }
    rows
}

/// The phases a Phase cell names: `Phase 1`, `1`, `Phase 2, 3`, `Phases 4-5` is not expanded
/// (a range names its ends only), `02.1`.
fn phases_in(text: &str) -> Vec<PhaseNum> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .filter_map(PhaseNum::parse)
        .collect()
}

/// The byte range of a checkbox's mark, for an edit.
pub fn mark(item: &RequirementItem) -> Range<usize> {
    item.checkbox.mark.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQS: &str = "# Requirements\n\n## v1\n\n- [ ] **AUTH-01**: sign up\n- [x] **AUTH-02**: log in\n- [ ] UI-3: dark mode\n\n## Traceability\n\n| Requirement | Phase | Status |\n|---|---|---|\n| AUTH-01 | Phase 1 | Pending |\n| AUTH-02 | Phase 1 | Complete |\n| UI-3 | Phase 2.1 | Pending |\n";

    #[test]
    fn reads_items_and_trace_rows() {
        let r = Requirements::parse(Source::new("R", REQS.to_string()));
        let ids: Vec<_> = r.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["AUTH-01", "AUTH-02", "UI-3"]);
        assert!(r.items[1].checkbox.checked);
        assert_eq!(r.rows.len(), 3);
        let one = PhaseNum::parse("1").unwrap();
        assert_eq!(r.ids_of_phase(&one), ["AUTH-01", "AUTH-02"]);
        let p21 = PhaseNum::parse("02.1").unwrap();
        assert_eq!(r.ids_of_phase(&p21), ["UI-3"]);
    }

    #[test]
    fn requirement_ids() {
        assert_eq!(requirement_id("**AUTH-01**: x").as_deref(), Some("AUTH-01"));
        assert_eq!(requirement_id("`PERF-10` fast").as_deref(), Some("PERF-10"));
        assert_eq!(requirement_id("Sign up"), None);
        assert_eq!(requirement_id("02-01 plan"), None);
    }
}
