//! The ROADMAP.md progress table: `Phase | Plans Complete | Status | Completed`, with or
//! without a `Milestone` column, padded cells, and rows a tool wrote in the wrong shape.

use crate::model::ids::PhaseNum;
use crate::syntax::{Cell, Doc, LineKind};

/// A progress table and its column positions (all indices into a row's cells).
#[derive(Debug, Clone)]
pub struct ProgressTable {
    pub header_line: usize,
    /// Lower-cased header texts.
    pub columns: Vec<String>,
    pub rows: Vec<ProgressRow>,
    pub plans_col: Option<usize>,
    pub status_col: Option<usize>,
    pub completed_col: Option<usize>,
    pub milestone_col: Option<usize>,
    /// The `|---|` row, when the table has one.
    pub delimiter_line: Option<usize>,
}

/// One progress-table row.
#[derive(Debug, Clone)]
pub struct ProgressRow {
    pub line: usize,
    pub cells: Vec<Cell>,
    pub phase: Option<PhaseNum>,
    /// The phase name from the first cell (`1. Foundation` → `Foundation`).
    pub name: Option<String>,
    /// A 4-column row written into a 5-column (Milestone) table: its values sit one column
    /// to the left of their headers. [`ProgressTable::cell`] accounts for it.
    pub shifted: bool,
}

/// The columns edit and check code asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Phase,
    Milestone,
    Plans,
    Status,
    Completed,
}

impl ProgressTable {
    /// The cell under `column` in `row`, allowing for a column-shifted row.
    pub fn cell<'a>(&self, row: &'a ProgressRow, column: Column) -> Option<&'a Cell> {
        let index = match column {
            Column::Phase => return row.cells.first(),
            Column::Milestone => {
                return if row.shifted {
                    None
                } else {
                    row.cells.get(self.milestone_col?)
                };
            }
            Column::Plans => self.plans_col?,
            Column::Status => self.status_col?,
            Column::Completed => self.completed_col?,
        };
        let index = match self.milestone_col {
            Some(m) if row.shifted && index > m => index - 1,
            _ => index,
        };
        row.cells.get(index)
    }

    /// The row for phase `n` (padding-insensitive).
    pub fn row(&self, n: &PhaseNum) -> Option<&ProgressRow> {
        self.rows.iter().find(|r| r.phase.as_ref() == Some(n))
    }

    /// The row's status cell, classified.
    pub fn status(&self, doc: &Doc, row: &ProgressRow) -> Option<RowStatus> {
        let cell = self.cell(row, Column::Status)?;
        Some(RowStatus::classify(doc.text(cell.text.clone())))
    }

    /// `N/M` from the row's plans cell as (done, total).
    pub fn plans(&self, doc: &Doc, row: &ProgressRow) -> Option<(u32, u32)> {
        let cell = self.cell(row, Column::Plans)?;
        fraction(doc.text(cell.text.clone()))
    }
}

/// What a status cell means, across the spellings real tables use (`Complete`, `✅ Complete`,
/// `Completed`, `done`, `Complete ✓`, `**Complete**`, `✅ Shipped`; `In Progress`,
/// `Executing`; `Not started`, `⬜ Not started`, `Planned`, `Pending`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    Complete,
    InProgress,
    NotStarted,
    /// Anything else (`Deferred`, a date in a shifted row, free text).
    Other,
}

impl RowStatus {
    pub fn classify(text: &str) -> RowStatus {
        let t: String = text
            .chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .trim()
            .to_lowercase();
        if ["complete", "completed", "done", "shipped", "finished"].contains(&t.as_str()) {
            RowStatus::Complete
        } else if t.starts_with("in progress") || t.starts_with("executing") || t == "active" {
            RowStatus::InProgress
        } else if ["not started", "planned", "pending", "todo", "not planned"].contains(&t.as_str())
        {
            RowStatus::NotStarted
        } else {
            RowStatus::Other
        }
    }
}

/// `2/3` → (2, 3).
pub fn fraction(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.trim().split_once('/')?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// Every progress table in the file: tables whose first header is `Phase…` and that have a
/// `Status` column.
pub fn find_progress_tables(doc: &Doc) -> Vec<ProgressTable> {
    let mut tables = Vec::new();
    for table in doc.table_blocks() {
        let columns = table.header;
        let find = |pred: &dyn Fn(&str) -> bool| columns.iter().position(|c| pred(c));
        let status_col = find(&|c| c.starts_with("status"));
        let is_progress =
            columns.first().is_some_and(|c| c.starts_with("phase")) && status_col.is_some();
        let i = table.header_line;
        let mut rows = Vec::new();
        let mut delimiter_line = None;
        for j in table.body {
            if doc.kinds[j] == LineKind::TableDelimiter {
                delimiter_line.get_or_insert(j);
            } else if is_progress {
                rows.push(read_row(doc, j));
            }
        }
        if is_progress {
            let plans_col = find(&|c| c.starts_with("plans"));
            let milestone_col = find(&|c| c.starts_with("milestone"));
            let completed_col = find(&|c| {
                c.starts_with("completed") || c == "date" || c == "done" || c == "finished"
            });
            for row in &mut rows {
                row.shifted = is_shifted(doc, row, milestone_col, plans_col);
            }
            tables.push(ProgressTable {
                header_line: i,
                columns,
                rows,
                plans_col,
                status_col,
                completed_col,
                milestone_col,
                delimiter_line,
            });
        }
    }
    tables
}

/// A row is shifted when its Milestone cell holds the plans fraction and its Plans cell
/// does not.
fn is_shifted(
    doc: &Doc,
    row: &ProgressRow,
    milestone_col: Option<usize>,
    plans_col: Option<usize>,
) -> bool {
    let (Some(m), Some(p)) = (milestone_col, plans_col) else {
        return false;
    };
    let text = |i: usize| row.cells.get(i).map(|c| doc.text(c.text.clone()));
    text(m).and_then(fraction).is_some() && text(p).and_then(fraction).is_none()
}

fn read_row(doc: &Doc, line: usize) -> ProgressRow {
    let cells = doc.cells(line).unwrap_or_default();
    let (phase, name) = cells
        .first()
        .and_then(|c| phase_cell(doc.text(c.text.clone())))
        .map_or((None, None), |(p, n)| (Some(p), n));
    ProgressRow {
        line,
        cells,
        phase,
        name,
        shifted: false,
    }
}

/// A progress row's first cell: `1. Name`, `2.1. Name`, `3`, `4 - Name`, `5 Name`,
/// `Phase 6: Name`, `**7. Name**`. Range rows (`1-7. MVP Phases`) name no single phase.
pub fn phase_cell(text: &str) -> Option<(PhaseNum, Option<String>)> {
    let t = text.trim().trim_matches(['*', '~']).trim();
    let at = crate::model::phase_ref::phase_at_start(t, crate::model::phase_ref::Word::Optional)?;
    let (number, rest) = (at.number, &t[at.rest..]);
    let name = rest
        .trim_start_matches([' ', ':', '-', '—', '–'])
        .trim()
        .trim_matches(['*', '~'])
        .trim();
    Some((number, (!name.is_empty()).then(|| name.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        for t in [
            "Complete",
            "✅ Complete",
            "Completed",
            "done",
            "Complete ✓",
            "**Complete**",
            "✅ Shipped",
            "Complete    ",
        ] {
            assert_eq!(RowStatus::classify(t), RowStatus::Complete, "{t}");
        }
        for t in ["In Progress", "In progress", "Executing"] {
            assert_eq!(RowStatus::classify(t), RowStatus::InProgress, "{t}");
        }
        for t in [
            "Not started",
            "⬜ Not started",
            "Not Started",
            "Planned",
            "Pending",
        ] {
            assert_eq!(RowStatus::classify(t), RowStatus::NotStarted, "{t}");
        }
        for t in ["Deferred", "2026-02-19", ""] {
            assert_eq!(RowStatus::classify(t), RowStatus::Other, "{t}");
        }
    }

    #[test]
    fn first_cells() {
        let p = |t: &str| phase_cell(t).map(|(n, name)| (n.as_str().to_string(), name));
        assert_eq!(
            p("1. Foundation"),
            Some(("1".into(), Some("Foundation".into())))
        );
        assert_eq!(
            p("2.1. Hotfix"),
            Some(("2.1".into(), Some("Hotfix".into())))
        );
        assert_eq!(p("3"), Some(("3".into(), None)));
        assert_eq!(p("4 - Sync"), Some(("4".into(), Some("Sync".into()))));
        assert_eq!(p("05 Export"), Some(("05".into(), Some("Export".into()))));
        assert_eq!(p("Phase 6: Docs"), Some(("6".into(), Some("Docs".into()))));
        assert_eq!(p("1-7. MVP Phases"), None);
        assert_eq!(p("v6.0 Phase 1: X"), None);
    }
}
