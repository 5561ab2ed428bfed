//! Stacked lines: a field the file writes more than once in the place it belongs
//! (`Last session:` / `Stopped at:` pairs written again below the old ones, a position block
//! repeated with the newest on top). Readers and writers must agree on one of them, and it
//! must be the current one, whichever order the file keeps them in: the latest date for dated
//! lines (`Last session`, `Last activity`), the highest phase for `Phase:`, and for the lines
//! that go with those (`Plan:`, `Status:`, `Stopped at:`) the one written with the chosen
//! line: after it and before the next of its kind, else the nearest.

use chrono::{NaiveDate, NaiveTime};

use crate::model::field::Field;
use crate::model::ids::PhaseNum;
use crate::model::values::{find_date, leading_date};
use crate::syntax::Doc;

/// One field the file stacks: every line that holds it, and the line gsd reads and edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stacked {
    /// The block the field belongs to: `Current Position` or `Session Continuity`.
    pub block: &'static str,
    /// The field's label as the first of its lines writes it (`Last session`).
    pub label: String,
    /// The line gsd reads and edits.
    pub chosen: usize,
    /// Every line holding the field, in order (the chosen one included).
    pub lines: Vec<usize>,
}

/// The candidate with the latest date and time in its value (`2026-01-26 20:04:22`); a
/// candidate without a date loses to any with one; ties go to the later line, as a stack
/// written below the old one is the common case.
pub fn newest_by_date(doc: &Doc, candidates: &[Field]) -> Option<usize> {
    let key = |f: &Field| {
        let v = f.value(doc);
        let (date, range) = leading_date(v).or_else(|| find_date(v))?;
        Some((date, time_after(&v[range.end..])))
    };
    let keys: Vec<Option<(NaiveDate, NaiveTime)>> = candidates.iter().map(key).collect();
    (0..candidates.len()).max_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)))
}

/// `T20:04:22`, ` 20:04`, or midnight.
fn time_after(rest: &str) -> NaiveTime {
    let t = rest.trim_start_matches(['T', ' ']);
    t.get(..8)
        .and_then(|s| NaiveTime::parse_from_str(s, "%H:%M:%S").ok())
        .or_else(|| {
            t.get(..5)
                .and_then(|s| NaiveTime::parse_from_str(s, "%H:%M").ok())
        })
        .unwrap_or(NaiveTime::MIN)
}

/// The candidate naming the highest phase (`Phase: 27.2 — …` over `Phase: 27.1 — …`); one
/// without a number loses; ties go to the later line.
pub fn newest_phase(numbers: &[Option<PhaseNum>]) -> Option<usize> {
    (0..numbers.len()).max_by(|&a, &b| numbers[a].cmp(&numbers[b]).then(a.cmp(&b)))
}

/// The candidate written with the line at `anchor` (one of `anchors`, the lines of the field
/// it goes with, in order): the first after it and before the next anchor, else the nearest
/// (a tie going to the later one). Without an anchor, the last candidate.
pub fn with_anchor(
    candidates: &[Field],
    anchor: Option<usize>,
    anchors: &[usize],
) -> Option<usize> {
    if candidates.len() <= 1 {
        return (!candidates.is_empty()).then_some(0);
    }
    let Some(anchor) = anchor else {
        return Some(candidates.len() - 1);
    };
    let block_end = anchors
        .iter()
        .copied()
        .filter(|&a| a > anchor)
        .min()
        .unwrap_or(usize::MAX);
    if let Some(i) = candidates
        .iter()
        .position(|f| f.line > anchor && f.line < block_end)
    {
        return Some(i);
    }
    (0..candidates.len()).min_by_key(|&i| {
        let l = candidates[i].line;
        (l.abs_diff(anchor), l < anchor)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(
            time_after("T20:04:22Z"),
            NaiveTime::from_hms_opt(20, 4, 22).unwrap()
        );
        assert_eq!(
            time_after(" 20:04 UTC"),
            NaiveTime::from_hms_opt(20, 4, 0).unwrap()
        );
        assert_eq!(time_after(" (plan execution)"), NaiveTime::MIN);
    }
}
