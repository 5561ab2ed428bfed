//! `complete`, step 4b: the phase's By Phase row, updated in place or inserted in phase
//! order, in the table's own shape.

use crate::edit::Edit;
use crate::model::ids::plan_ids_in;
use crate::model::state::{ByPhaseRow, ByPhaseTable, RecentTrend};
use crate::model::values::{first_integer, first_number};
use crate::ops::complete::facts::Facts;
use crate::ops::insert::{insert_after_line, insert_before_line, replace_line};
use crate::ops::style::{cell_raw, duration_like, pad_like, phase_like, row_like};
use crate::syntax::Doc;

/// The By Phase row for the plan's phase: updated in place, or inserted in phase order.
pub(super) fn by_phase_edit(
    doc: &Doc,
    table: &ByPhaseTable,
    facts: &Facts,
    recent: Option<&RecentTrend>,
) -> Vec<Edit> {
    let phase = &facts.plan.phase;
    if let Some(row) = table.row(phase) {
        // Plans of this phase the `Last N plans` list never got, when the row missed them
        // too (it counts fewer than the phase had done): recorded now with this one.
        let before = facts.before.phase(phase).map_or(0, |p| p.done());
        let extra: Vec<f64> = facts
            .unlisted
            .iter()
            .filter(|(id, _)| &id.phase == phase)
            .map(|(_, m)| *m)
            .collect();
        let stale = row
            .plans(doc)
            .is_some_and(|n| n + extra.len() as u64 <= before);
        let extra = if stale { extra } else { Vec::new() };
        return update_row(doc, row, facts, &extra);
    }
    let texts = new_row_texts(doc, table, facts, recent);
    let placeholder = table.rows.iter().find(|r| r.is_placeholder(doc));
    let real: Vec<&ByPhaseRow> = table
        .rows
        .iter()
        .filter(|r| !r.is_placeholder(doc))
        .collect();
    if let (Some(p), true) = (placeholder, real.is_empty()) {
        return vec![replace_line(doc, p.line, &row_like(doc, p.line, &texts))];
    }
    let template = real.last().map_or(table.header_line, |r| r.line);
    let row = row_like(doc, template, &texts);
    match real
        .iter()
        .find(|r| r.phase.as_ref().is_some_and(|p| p > phase))
    {
        Some(next) => vec![insert_before_line(doc, next.line, &[row])],
        None => vec![insert_after_line(doc, table.last_line, &[row])],
    }
}

fn update_row(doc: &Doc, row: &ByPhaseRow, facts: &Facts, extra: &[f64]) -> Vec<Edit> {
    let mut edits = Vec::new();
    // Each column is edited once, even when two header names point at the same column.
    let mut seen = Vec::new();
    let mut claim = |i: Option<usize>| i.filter(|i| !seen.contains(i)).inspect(|i| seen.push(*i));
    let (plans_col, total_col, average_col, status_col) = (
        claim(row.plans),
        claim(row.total),
        claim(row.average),
        claim(row.status),
    );
    let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i));
    // `4+FIX`: the plans, then extra runs the row names; this plan joins the plans, and the
    // average is over every run.
    let extra_runs = cell(plans_col).and_then(|c| {
        let t = doc.text(c.text.clone());
        let (n, r) = first_integer(t).filter(|(_, r)| r.start == 0)?;
        (facts.plan.suffix().is_none() && t[r.end..].starts_with('+'))
            .then(|| (n, t[r.end..].matches('+').count() as u64))
    });
    let plans = row
        .plans(doc)
        .or(extra_runs.map(|(n, _)| n))
        .map(|n| n + 1 + extra.len() as u64);
    let runs = plans.map(|n| n + extra_runs.map_or(0, |(_, k)| k));
    if let (Some(c), Some(n)) = (cell(plans_col), plans) {
        let text = doc.text(c.text.clone());
        let new = match text.split_once('/') {
            Some((done, total)) => {
                let t = total.trim();
                let shown = match t.parse::<u64>() {
                    Ok(m) if m < n => pad_like(n, t),
                    _ => t.to_string(),
                };
                format!("{}/{shown}", pad_like(n, done.trim()))
            }
            None => {
                let (_, r) = first_integer(text).unwrap_or((0, 0..text.len()));
                format!(
                    "{}{}{}",
                    &text[..r.start],
                    pad_like(n, &text[r.clone()]),
                    &text[r.end..]
                )
            }
        };
        edits.push(Edit::replace(c.raw.clone(), cell_raw(doc, c, &new)));
    }
    let total = row
        .total_minutes(doc)
        .map(|t| t + facts.minutes + extra.iter().sum::<f64>());
    if let (Some(c), Some(t)) = (cell(total_col), total) {
        let like = doc.text(c.text.clone());
        edits.push(Edit::replace(
            c.raw.clone(),
            cell_raw(doc, c, &duration_like(t, like)),
        ));
    }
    if let (Some(c), Some(t), Some(n)) = (cell(average_col), total, runs) {
        let like = doc.text(c.text.clone());
        let like = if first_number(like).is_some() {
            like.to_string()
        } else {
            doc.text(cell(row.total).map_or(c.text.clone(), |c| c.text.clone()))
                .to_string()
        };
        edits.push(Edit::replace(
            c.raw.clone(),
            cell_raw(doc, c, &duration_like(t / n as f64, &like)),
        ));
    }
    if let Some(c) = cell(status_col) {
        let status = if facts.phase_complete {
            "Complete"
        } else {
            "In progress"
        };
        edits.push(Edit::replace(c.raw.clone(), cell_raw(doc, c, status)));
    }
    edits
}

/// Cells of a new By Phase row, each in the shape of the column's other rows.
fn new_row_texts(
    doc: &Doc,
    table: &ByPhaseTable,
    facts: &Facts,
    recent: Option<&RecentTrend>,
) -> Vec<String> {
    let model = table.rows.iter().rev().find(|r| !r.is_placeholder(doc));
    let model_text = |i: usize| -> Option<String> {
        model
            .and_then(|r| r.cells.get(i))
            .map(|c| doc.text(c.text.clone()).to_string())
    };
    let (plans_col, total_col, avg_col, status_col) = match model {
        Some(r) => (r.plans, r.total, r.average, r.status),
        None => {
            let col = |pred: &dyn Fn(&str) -> bool| table.columns.iter().position(|c| pred(c));
            (
                col(&|c| c.starts_with("plans")),
                col(&|c| c.starts_with("total")),
                col(&|c| c.starts_with("avg") || c.starts_with("average")),
                col(&|c| c.starts_with("status")),
            )
        }
    };
    let (plans, minutes) = phase_so_far(doc, facts, recent);
    let average = minutes / plans as f64;
    (0..table.columns.len().max(1))
        .map(|i| {
            if i == 0 {
                phase_cell(doc, model, facts)
            } else if Some(i) == plans_col {
                let like = model_text(i).unwrap_or_default();
                match (like.contains('/'), facts.phase_total) {
                    (true, Some(t)) => format!("{plans}/{t}"),
                    _ => plans.to_string(),
                }
            } else if Some(i) == total_col || Some(i) == avg_col {
                duration_like(
                    if Some(i) == total_col {
                        minutes
                    } else {
                        average
                    },
                    &model_text(i)
                        .filter(|t| first_number(t).is_some())
                        .unwrap_or_else(|| "1 min".into()),
                )
            } else if Some(i) == status_col {
                if facts.phase_complete {
                    "Complete"
                } else {
                    "In progress"
                }
                .to_string()
            } else {
                "-".to_string()
            }
        })
        .collect()
}

/// Plans and minutes a new By Phase row starts with: this plan, plus the phase's earlier
/// completed plans when `Last 5 plans` names every one of them with a duration
/// (`10 min (03-01)`); otherwise only this plan, whose duration is known.
fn phase_so_far(doc: &Doc, facts: &Facts, recent: Option<&RecentTrend>) -> (u64, f64) {
    let earlier: Vec<f64> = recent
        .map(|r| {
            r.items
                .iter()
                .filter_map(|(range, minutes)| {
                    let ids = plan_ids_in(doc.text(range.clone()));
                    let ours = ids
                        .first()
                        .is_some_and(|id| id.phase == facts.plan.phase && *id != facts.plan);
                    ours.then_some(*minutes).flatten()
                })
                .collect()
        })
        .unwrap_or_default();
    if earlier.len() as u64 + 1 == facts.phase_done {
        (
            facts.phase_done,
            earlier.iter().sum::<f64>() + facts.minutes,
        )
    } else {
        (1, facts.minutes)
    }
}

/// The first cell for a new row, in the model row's form (`2`, `02`, `2. Name`, `Phase 02`).
fn phase_cell(doc: &Doc, model: Option<&ByPhaseRow>, facts: &Facts) -> String {
    let phase = &facts.plan.phase;
    let Some(row) = model else {
        return phase.padded(1);
    };
    let (Some(num), Some(cell)) = (row.phase_range.clone(), row.cells.first()) else {
        return phase.padded(1);
    };
    let text = doc.text(cell.text.clone());
    let shown = phase_like(phase, doc.text(num.clone()));
    let before = &text[..num.start - cell.text.start];
    let Some(n) = row.name.clone() else {
        return format!("{before}{shown}");
    };
    let between = &text[num.end - cell.text.start..n.start - cell.text.start];
    // `01-intake` rows name phases by folder slug; `1. Setup` rows by roadmap name.
    let name = if between == "-" {
        facts.phase_slug.as_deref().or(facts.phase_name.as_deref())
    } else {
        facts.phase_name.as_deref()
    };
    match name {
        Some(name) => format!("{before}{shown}{between}{name}"),
        None => format!("{before}{shown}"),
    }
}
