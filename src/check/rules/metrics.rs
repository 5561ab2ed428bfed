//! GSD201–GSD206: Performance Metrics add up, within the precision the file writes.

use crate::check::{Diagnostic, Input, PlanningFile, Rule, Severity};
use crate::edit::Edit;
use crate::ledger::Scope;
use crate::model::state::{ByPhaseRow, ByPhaseTable, Metrics};
use crate::syntax::Doc;

use super::metrics_text::{approximate, recent, unreadable};
use super::{Amount, minutes};

pub static RULES: &[Rule] = &[
    Rule {
        code: "GSD201",
        name: "plans-completed-mismatch",
        severity: Severity::Warning,
        fixable: true,
        on_by_default: true,
        summary: "`Total plans completed` is not the sum of the By Phase plans.",
        what: "Adds up the Plans column of the `**By Phase:**` table (the completed `N` of an \
`N/M` cell) and compares it with `Total plans completed`. Skipped when the table is scoped to \
one milestone (`**By Phase (v3.0):**`) or a row's plans cannot be read; a total that \
breaks itself down (`14 (v2.0: 11, v3.0: 3)`) agrees when one of its parts is the sum. A \
total that equals the plans the planning files record as done (SUMMARY files, ticks, phases \
marked complete) is right (the table lags), and a total kept per milestone is not compared. \
The fix is offered only when that count agrees with the table.",
        why: "The total is derived from the table. When they disagree, a plan was recorded in \
one place and not the other, and every average built on the total is off.",
        example: "- Total plans completed: 9\n\n| Phase | Plans | Total | Avg/Plan |\n|---|---|---|---|\n| 1 | 2 | 15 min | 7.5 min |\n| 2 | 1 | 3 min | 3 min |\n",
        fix: "`gsd check --fix` sets the total to the table's sum (here `3`).",
    },
    Rule {
        code: "GSD202",
        name: "total-time-mismatch",
        severity: Severity::Warning,
        fixable: true,
        on_by_default: true,
        summary: "`Total execution time` is not the sum of the By Phase totals.",
        what: "Adds up the Total column of the By Phase table and compares it with `Total \
execution time` in the unit and precision the file writes (`0.3 hours` agrees with 18 min: \
one decimal means ±0.05 hours), or within 5% of it (the table's cells are rounded too). \
Qualified values (`~`, `about`, `(automated only)`, `+ manual`) are not checked.",
        why: "The total time is derived from the table; a mismatch means a phase's time was \
recorded in one place only.",
        example: "- Total execution time: 0.5 hours\n\n| Phase | Plans | Total | Avg/Plan |\n|---|---|---|---|\n| 1 | 2 | 15 min | 7.5 min |\n| 2 | 1 | 3 min | 3 min |\n",
        fix: "`gsd check --fix` rewrites the number in the file's unit and precision (here `0.3`).",
    },
    Rule {
        code: "GSD203",
        name: "average-duration-mismatch",
        severity: Severity::Warning,
        fixable: true,
        on_by_default: true,
        summary: "`Average duration` is not total time divided by plans completed.",
        what: "Divides the By Phase table's total minutes by its plans (or, without a usable \
table, `Total execution time` by `Total plans completed`) and compares the result with \
`Average duration` within the file's precision or 5%. Values marked approximate or \
qualified (`~30 min`, `8min (automated only)`) are not checked.",
        why: "The average drives estimates for the remaining plans. A stale average makes every \
forecast wrong.",
        example: "- Total plans completed: 8\n- Average duration: 28 min\n<!-- the By Phase table adds up to 200 min: 25 min per plan -->\n",
        fix: "`gsd check --fix` rewrites the average (here `25`) when the By Phase table gives \
it; an average checked against the two hand-kept totals gets no automatic fix.",
    },
    Rule {
        code: "GSD204",
        name: "phase-average-mismatch",
        severity: Severity::Warning,
        fixable: true,
        on_by_default: true,
        summary: "A By Phase row's Avg/Plan is not its Total divided by its Plans.",
        what: "For each By Phase row with readable plans, total and average, checks average = \
total / plans within the precision of the average cell (`3min` for 2.5 min is fine) or 5%.",
        why: "The row average is derived; a wrong one usually means the row was updated for a \
new plan without recomputing it.",
        example: "| 2 | 2 | 85 min | 40 min |\n",
        fix: "`gsd check --fix` rewrites the average cell's number (here `42.5`).",
    },
    Rule {
        code: "GSD205",
        name: "too-many-recent-durations",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: false,
        summary: "`Last 5 plans` lists more durations than its label says.",
        what: "Counts the items of the `Last N plans` line (N from the label, 5 by default) and \
reports the extra ones.",
        why: "The recent trend is meant as a window. A list that only grows stops showing the \
trend and hides which plans are recent.",
        example: "- Last 5 plans: 3min, 4min, 5min, 6min, 7min, 8min\n",
        fix: "Drop the oldest items so N remain.",
    },
    Rule {
        code: "GSD206",
        name: "unparseable-duration",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: false,
        summary: "A duration in Performance Metrics cannot be read.",
        what: "Reads `Average duration`, `Total execution time`, the By Phase Total and Avg/Plan \
cells and the recent-trend items, and reports values that hold a number but are not a \
duration gsd understands (`12min`, `12 min`, `1h 5m`, `0.3 hours`, `90s`). Placeholders \
(`-`, `—`, `TBD`, `[X] min`) are fine.",
        why: "An unreadable duration silently disables the metrics checks and the averages \
`gsd state complete` maintains.",
        example: "- Average duration: 12 mn\n",
        fix: "Write the duration with a unit gsd reads: `12 min`.",
    },
];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let state = &input.ws.state;
    let doc = &state.doc;
    let m = &state.metrics;
    let mut out = Vec::new();
    let table = m.by_phase.as_ref().filter(|t| !is_scoped(doc, t));
    let rows: Vec<&ByPhaseRow> = table
        .map(|t| t.rows.iter().filter(|r| !r.is_placeholder(doc)).collect())
        .unwrap_or_default();
    let plans_sum: Option<u64> = (!rows.is_empty())
        .then(|| rows.iter().map(|r| r.plans(doc)).sum::<Option<u64>>())
        .flatten();
    let minutes_sum: Option<f64> = (!rows.is_empty())
        .then(|| {
            rows.iter()
                .map(|r| r.total_minutes(doc))
                .sum::<Option<f64>>()
        })
        .flatten();
    // The plans done by the files besides STATE.md (the table and the total are STATE's
    // own, and do not vouch for each other), in each reading; none without such files.
    let mut done: Vec<u64> = input
        .file_readings()
        .iter()
        .filter(|l| l.has_siblings)
        .filter_map(|l| l.counts(&Scope::PROJECT_PLANS).map(|(d, _)| d))
        .collect();
    done.dedup();
    plans_completed(doc, m, plans_sum, &done, &mut out);
    // A table the project stopped updating (its plans fall short of the plans the files, or
    // without them `Total plans completed`, record done) is no ground to rewrite a total.
    let table_current = plans_sum.is_some_and(|sum| {
        if done.is_empty() {
            m.plans_completed_count(doc).is_none_or(|n| n == sum)
        } else {
            done.contains(&sum)
        }
    });
    total_time(doc, m, minutes_sum, table_current, &mut out);
    average(doc, m, plans_sum.zip(minutes_sum), table_current, &mut out);
    if let Some(t) = &m.by_phase {
        for row in t.rows.iter().filter(|r| !r.is_placeholder(doc)) {
            row_average(doc, row, &mut out);
        }
    }
    recent(doc, m, &mut out);
    unreadable(doc, m, &mut out);
    out
}

/// Whether the table's label scopes it to part of the project (`**By Phase (v3.0):**`).
fn is_scoped(doc: &Doc, table: &ByPhaseTable) -> bool {
    (table.header_line.saturating_sub(3)..table.header_line)
        .rev()
        .map(|i| doc.line(i).to_lowercase())
        .find(|l| l.contains("by phase"))
        .is_some_and(|l| l.contains('('))
}

/// Whether a written total or average is the derived one: rounded the file's way, or within
/// 5% (the By Phase cells it is derived from are rounded themselves).
fn close(amount: &Amount, exact_minutes: f64) -> bool {
    amount.agrees(exact_minutes)
        || (amount.number * amount.unit_minutes - exact_minutes).abs() <= 0.05 * exact_minutes
}

/// `done` (the plans the files count done, in each reading) arbitrates: a total the files
/// bear out is right and the table is what lags, and the total is rewritten only when the
/// files agree with the table.
fn plans_completed(
    doc: &Doc,
    m: &Metrics,
    sum: Option<u64>,
    done: &[u64],
    out: &mut Vec<Diagnostic>,
) {
    let (Some(field), Some(sum)) = (&m.plans_completed, sum) else {
        return;
    };
    let value = field.value(doc);
    let Some((n, r)) = super::leading_count(value) else {
        return;
    };
    // `14 (v2.0: 13, v3.0: 1)` with a table of v3.0 phases only agrees through its breakdown.
    if n == sum || approximate(value) || super::integers_in(value).contains(&sum) {
        return;
    }
    let line = doc.source.line_of(field.value.start);
    if done.contains(&n) || super::cross_plans::milestone_scoped(doc, line, value) {
        return;
    }
    let span = field.value.start + r.start..field.value.start + r.end;
    let d = Diagnostic::new(
        "GSD201",
        PlanningFile::State,
        span.clone(),
        format!("Total plans completed is {n} but the By Phase table adds up to {sum}"),
    );
    out.push(if done.iter().all(|&s| s == sum) {
        d.fix(
            format!("set the total to {sum}"),
            vec![Edit::replace(span, super::count_like(sum, &value[r]))],
        )
    } else {
        let done: Vec<String> = done.iter().map(u64::to_string).collect();
        d.help(format!(
            "the planning files record {} plans done; set the total and the table to the plans completed",
            done.join(" or ")
        ))
    });
}

/// The help of a finding whose fix is withheld because the By Phase table lags.
const STALE_TABLE: &str = "the By Phase table counts fewer plans than are done, so its sums are stale; bring the table up to date, then re-run `gsd check --fix`";

fn total_time(
    doc: &Doc,
    m: &Metrics,
    sum: Option<f64>,
    table_current: bool,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(field), Some(sum)) = (&m.total_time, sum) else {
        return;
    };
    let value = field.value(doc);
    let Some(amount) = Amount::read(value, field.value.start, 60.0) else {
        return;
    };
    if approximate(value) || close(&amount, sum) {
        return;
    }
    let new = amount.rewrite(sum);
    let d = Diagnostic::new(
        "GSD202",
        PlanningFile::State,
        amount.range.clone(),
        format!(
            "Total execution time is {} but the By Phase table adds up to {} ({})",
            value,
            minutes(sum),
            amount.show(sum)
        ),
    );
    out.push(if table_current {
        d.fix(
            format!("set the total time to {new}"),
            vec![Edit::replace(amount.range.clone(), new)],
        )
    } else {
        d.help(STALE_TABLE)
    });
}

fn average(
    doc: &Doc,
    m: &Metrics,
    table: Option<(u64, f64)>,
    table_current: bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(field) = &m.average else { return };
    let value = field.value(doc);
    let Some(amount) = Amount::read(value, field.value.start, 1.0) else {
        return;
    };
    if approximate(value) {
        return;
    }
    let (plans, total, source) = match table {
        Some((plans, total)) if plans > 0 => (plans, total, "the By Phase table adds up to"),
        _ => {
            let (Some(plans), Some(t)) = (m.plans_completed_count(doc), &m.total_time) else {
                return;
            };
            let t_text = t.value(doc);
            let Some(total) = Amount::read(t_text, 0, 60.0) else {
                return;
            };
            if approximate(t_text) || plans == 0 {
                return;
            }
            (plans, total.number * total.unit_minutes, "the totals say")
        }
    };
    let exact = total / plans as f64;
    if close(&amount, exact) {
        return;
    }
    let new = amount.rewrite(exact);
    let d = Diagnostic::new(
        "GSD203",
        PlanningFile::State,
        amount.range.clone(),
        format!(
            "Average duration is {} but {source} {} over {plans} plans ({})",
            value,
            minutes(total),
            minutes(exact)
        ),
    );
    // Two other hand-kept values are no ground to rewrite a third: only the table's sums are.
    out.push(if table.is_some_and(|(p, _)| p > 0) && table_current {
        d.fix(
            format!("set the average to {new}"),
            vec![Edit::replace(amount.range.clone(), new)],
        )
    } else if table.is_some_and(|(p, _)| p > 0) {
        d.help(STALE_TABLE)
    } else {
        d.help(format!(
            "set the average to {new}, or correct Total execution time or Total plans completed"
        ))
    });
}

fn row_average(doc: &Doc, row: &ByPhaseRow, out: &mut Vec<Diagnostic>) {
    let (Some(plans), Some(total), Some(avg_col)) =
        (row.plans(doc), row.total_minutes(doc), row.average)
    else {
        return;
    };
    let Some(cell) = row.cells.get(avg_col) else {
        return;
    };
    let text = doc.text(cell.text.clone());
    let Some(amount) = Amount::read(text, cell.text.start, 1.0) else {
        return;
    };
    if plans == 0 || approximate(text) {
        return;
    }
    let exact = total / plans as f64;
    if close(&amount, exact) {
        return;
    }
    let new = amount.rewrite(exact);
    let phase = row
        .phase
        .as_ref()
        .map_or_else(|| "this phase".to_string(), |p| format!("phase {p}"));
    out.push(
        Diagnostic::new(
            "GSD204",
            PlanningFile::State,
            amount.range.clone(),
            format!(
                "the By Phase average for {phase} is {text} but {} over {plans} plans is {}",
                minutes(total),
                minutes(exact)
            ),
        )
        .fix(
            format!("set the average to {new}"),
            vec![Edit::replace(amount.range.clone(), new)],
        ),
    );
}

#[cfg(test)]
#[path = "metrics_tests.rs"]
mod tests;
