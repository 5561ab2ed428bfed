//! Tool-appended per-plan metric rows: `| Phase 03 P03 | 3min | 2 tasks | 3 files |`.
//!
//! The incumbent appends one such row per completed plan, either as a header-less pipe block
//! after `*Updated after each plan completion*` or glued onto whatever table came last (By
//! Phase, Decisions, Quick Tasks). They are a record of durations, not rows of their host
//! table, so they are read here, from anywhere in the file, and skipped by the table readers.

use std::ops::Range;

use crate::model::values::{first_integer, parse_minutes};
use crate::syntax::Doc;
use crate::syntax::table::Cell;

/// One tool-written plan row.
#[derive(Debug, Clone)]
pub struct PlanMetricRow {
    pub line: usize,
    /// The phase part as written (`03`, `07-grid-rendering-fixes`).
    pub phase: Range<usize>,
    /// The plan part without its `P` (`03`), when there is one.
    pub plan: Option<Range<usize>>,
    /// The duration cell (`3min`, `4m 12s`, `4`).
    pub duration: Option<Range<usize>>,
    pub minutes: Option<f64>,
    pub tasks: Option<u64>,
    pub files: Option<u64>,
}

/// Every plan metric row in `lines`, in order.
pub fn read(doc: &Doc, lines: Range<usize>) -> Vec<PlanMetricRow> {
    lines
        .filter(|&i| doc.kinds[i].is_table_row())
        .filter_map(|i| {
            let cells = doc.cells(i)?;
            if !is_plan_metric_row(doc, &cells) {
                return None;
            }
            let first = cells.first()?.text.clone();
            let text = doc.text(first.clone());
            // `Phase 03 P03`: the word after `Phase` is the phase, a later `P<digits>` the plan.
            let mut words = text.split_whitespace();
            words.next();
            let phase_word = words.next()?;
            let phase_at = first.start + text.find(phase_word)?;
            let plan = text.split_whitespace().skip(2).find_map(|w| {
                let digits = w.strip_prefix(['P', 'p'])?;
                (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| {
                    let at = first.start + text.rfind(w).unwrap_or(0) + 1;
                    at..at + digits.len()
                })
            });
            let cell = |n: usize| cells.get(n).map(|c| c.text.clone());
            let count = |n: usize| {
                cell(n)
                    .and_then(|r| first_integer(doc.text(r)).filter(|(_, r)| r.start == 0))
                    .map(|(n, _)| n)
            };
            let duration = cell(1).filter(|r| !r.is_empty());
            Some(PlanMetricRow {
                line: i,
                phase: phase_at..phase_at + phase_word.len(),
                plan,
                minutes: duration.clone().and_then(|r| parse_minutes(doc.text(r))),
                duration,
                tasks: count(2),
                files: count(3),
            })
        })
        .collect()
}

/// Tool-appended per-plan rows (`| Phase 03 P03 | 3min | 2 tasks | 3 files |`).
pub fn is_plan_metric_row(doc: &Doc, cells: &[Cell]) -> bool {
    cells.first().is_some_and(|c| {
        let t = doc.text(c.text.clone());
        let mut words = t.split_whitespace();
        words
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("phase"))
            && t.split_whitespace().any(|w| {
                w.len() >= 2
                    && (w.starts_with('P') || w.starts_with('p'))
                    && w[1..].chars().all(|c| c.is_ascii_digit())
            })
    })
}
