//! A decision as a table row: the cells in the table's own columns (plan, rationale, id, date), and
//! the notices when a column cannot be filled.

use super::Entry;
use crate::error::UserError;
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::state::{DecisionGroup, ListShape, StateDoc};
use crate::model::workspace::Workspace;
use crate::ops::insert::insert_after_line;
use crate::ops::style::{increment_trailing, row_like};
use crate::ops::{Clock, PlanningFile, file_change};
use crate::syntax::{Doc, LineKind};

/// What a decisions table has no column for, said rather than dropped in silence: a
/// rationale without a Rationale (Why, Reason, Context) column, a `--plan` or `--phase`
/// without a Phase, Plan or ID column to carry it.
pub(super) fn table_notices(state: &StateDoc, group: &DecisionGroup, e: &Entry) -> Vec<String> {
    let ListShape::Table { columns } = &group.shape else {
        return Vec::new();
    };
    let has = |names: &[&str]| {
        columns
            .iter()
            .any(|c| names.iter().any(|n| c == n || c.starts_with(n)))
    };
    let mut notes = Vec::new();
    if e.rationale.is_some() && rationale_column(columns).is_none() {
        notes.push(
            "the decisions table has no Rationale column; the rationale was not written"
                .to_string(),
        );
    }
    let tag = e
        .plan
        .map(|p| format!("--plan {p}"))
        .or(e.given_phase.map(|p| format!("--phase {p}")));
    // An ID column carries the plan only in the `D-PP-MM-NN` series.
    let plan_ids = state
        .all_decisions()
        .filter_map(|(_, d)| d.id)
        .any(|id| id.starts_with("D-") && id.split('-').count() == 4);
    if let Some(tag) = tag
        && !has(&["phase", "when", "plan"])
        && !(plan_ids && has(&["id", "#"]))
    {
        notes.push(format!(
            "the decisions table has no Phase, Plan or ID column; {tag} was not written"
        ));
    }
    notes
}

/// The column a decisions table keeps its rationale in: Rationale, Why or Reason, else
/// Context.
pub(super) fn rationale_column(columns: &[String]) -> Option<usize> {
    let named = |names: &[&str]| {
        columns
            .iter()
            .position(|c| names.iter().any(|n| c == n || c.starts_with(n)))
    };
    named(&["rationale", "why", "reason"]).or_else(|| named(&["context"]))
}

/// The first table row in `lines` (a table's header).
pub(super) fn header_line(doc: &Doc, lines: std::ops::Range<usize>) -> Option<usize> {
    lines
        .into_iter()
        .find(|&i| doc.kinds[i] == LineKind::TableRow)
}

/// Cells for a new decisions-table row.
pub(super) fn table_cells(
    state: &StateDoc,
    group: &DecisionGroup,
    columns: &[String],
    e: &Entry,
    clock: &Clock,
) -> Vec<String> {
    let doc = &state.doc;
    let last_cells: Vec<String> = group
        .last_entry_line()
        .and_then(|line| doc.cells(line))
        .unwrap_or_default()
        .iter()
        .map(|c| doc.text(c.text.clone()).to_string())
        .collect();
    let has = |c: &str, names: &[&str]| names.iter().any(|n| c == *n || c.starts_with(n));
    let decision_col = columns
        .iter()
        .position(|c| has(c, &["decision", "choice"]))
        .unwrap_or(0);
    // One column gets the rationale: a Rationale (Why, Reason) column, else a Context one
    // (`Decision | Context | Rationale` keeps the phase in Context, the reason in Rationale).
    let rationale_col = rationale_column(columns);
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == decision_col {
                e.text.to_string()
            } else if c == "id" || c == "#" {
                next_id(state, e)
            } else if has(c, &["date"]) {
                clock.date()
            } else if Some(i) == rationale_col {
                e.rationale.unwrap_or("").to_string()
            } else if has(c, &["plan"]) {
                e.plan.map(|p| p.to_string()).unwrap_or_default()
            } else if has(c, &["phase", "when"]) {
                // A column that holds plan ids (`14-05`) gets the plan, not just its phase.
                let holds_plans = column_holds_plans(state, group, i);
                let value = match (e.plan, e.phase) {
                    (Some(p), _) if holds_plans => Some(p.to_string()),
                    (_, Some(p)) => Some(p.to_string()),
                    _ => None,
                };
                match value {
                    Some(v) if last_cells.get(i).is_some_and(|v| v.starts_with("Phase ")) => {
                        format!("Phase {v}")
                    }
                    Some(v) => v,
                    None => String::new(),
                }
            } else {
                String::new()
            }
        })
        .collect()
}

/// Whether most of the filled cells of column `col` in the group's rows are plan ids
/// (`14-05`, `Phase 14-05`) rather than phases.
pub(super) fn column_holds_plans(state: &StateDoc, group: &DecisionGroup, col: usize) -> bool {
    let doc = &state.doc;
    let (mut plans, mut filled) = (0, 0);
    for &line in &group.item_lines {
        let Some(cells) = doc.cells(line) else {
            continue;
        };
        let Some(cell) = cells.get(col) else {
            continue;
        };
        let t = doc.text(cell.text.clone()).trim_start_matches("Phase ");
        if t.is_empty() || matches!(t, "-" | "—") {
            continue;
        }
        filled += 1;
        if PlanId::parse(t).is_some() {
            plans += 1;
        }
    }
    filled > 0 && plans * 2 > filled
}

/// The next decision id in the file's series: `D-PP-MM-NN` per plan (`D-11-01-01` →
/// `D-11-01-02`, or `D-11-02-01` for a new plan), else the last id with its number + 1.
pub(super) fn next_id(state: &StateDoc, e: &Entry) -> String {
    let ids: Vec<String> = state.all_decisions().filter_map(|(_, d)| d.id).collect();
    let four: Vec<(String, u64, usize)> = ids
        .iter()
        .filter_map(|id| {
            let parts: Vec<&str> = id.split('-').collect();
            (parts.len() == 4
                && parts[0] == "D"
                && parts[1..]
                    .iter()
                    .all(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty()))
            .then(|| {
                (
                    format!("D-{}-{}", parts[1], parts[2]),
                    parts[3].parse().unwrap_or(0),
                    parts[3].len(),
                )
            })
        })
        .collect();
    if !four.is_empty() {
        let width = four[0].2;
        let prefix = match (e.plan, e.phase) {
            (Some(p), _) => format!("D-{}-{:02}", p.phase.padded(2), p.plan),
            (None, Some(ph)) => four
                .iter()
                .rev()
                .find(|(pre, _, _)| {
                    pre.split('-').nth(1).and_then(PhaseNum::parse).as_ref() == Some(ph)
                })
                .map_or_else(
                    || format!("D-{}-01", ph.padded(2)),
                    |(pre, _, _)| pre.clone(),
                ),
            (None, None) => four.last().map(|(p, _, _)| p.clone()).unwrap_or_default(),
        };
        let n = four
            .iter()
            .filter(|(p, _, _)| *p == prefix)
            .map(|(_, n, _)| *n)
            .max()
            .unwrap_or(0)
            + 1;
        return format!("{prefix}-{n:0>width$}");
    }
    match ids.last() {
        Some(last) => increment_trailing(last),
        None => "1".to_string(),
    }
}

/// The PROJECT.md Key Decisions row.
pub(super) fn project_row(
    ws: &Workspace,
    e: &Entry,
    clock: &Clock,
) -> Result<crate::change::FileChange, UserError> {
    let display = Workspace::display_path("PROJECT.md");
    let Some(project) = &ws.project else {
        return Err(UserError::new(
            "does not exist, so --project has no Key Decisions table to add to",
        )
        .in_file(display)
        .hint("drop --project, or create PROJECT.md with a `## Key Decisions` table"));
    };
    let Some(table) = &project.key_decisions else {
        return Err(UserError::new("has no Key Decisions table")
            .in_file(display)
            .hint("add `## Key Decisions` with a `| Decision | Rationale | Outcome |` table"));
    };
    let doc = &project.doc;
    let template = table.rows.last().map_or(table.header_line, |(l, _)| *l);
    let outcome_like = |col: usize| {
        table
            .rows
            .iter()
            .filter_map(|(_, cells)| cells.get(col).map(|c| doc.text(c.text.clone())))
            .find(|t| t.contains("Pending"))
            .unwrap_or("— Pending")
            .to_string()
    };
    let texts: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.starts_with("decision") {
                e.text.to_string()
            } else if c.starts_with("rationale") || c.starts_with("why") {
                e.rationale.unwrap_or("").to_string()
            } else if c.starts_with("outcome") || c.starts_with("status") {
                outcome_like(i)
            } else if c.starts_with("date") {
                clock.date()
            } else if c.starts_with("phase") {
                e.phase.map(|p| p.to_string()).unwrap_or_default()
            } else if c == "#" || c == "id" {
                table
                    .rows
                    .last()
                    .and_then(|(_, cells)| cells.get(i))
                    .map_or("1".into(), |c| increment_trailing(doc.text(c.text.clone())))
            } else {
                String::new()
            }
        })
        .collect();
    let edit = insert_after_line(doc, table.last_line, &[row_like(doc, template, &texts)]);
    file_change(ws, PlanningFile::Project, &doc.source, vec![edit])
        .ok_or_else(|| UserError::new("internal error: the Key Decisions row changed nothing"))
}
