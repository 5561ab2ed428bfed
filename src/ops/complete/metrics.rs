//! `complete`, step 4: Performance Metrics.
//!
//! Total plans +1; total time = the file's own running total + this duration (a By Phase sum
//! only where it is that total written more precisely), average = total / count, or a running
//! average moved by this plan's share where the file keeps its average apart from its total;
//! all in the file's own units and precision. The phase's By Phase row updated or inserted in
//! phase order; `Last N plans` gains the item in its own shape, order and length; the
//! tool-written per-plan row appended in its table's shape.

use crate::edit::Edit;
use crate::model::state::metrics::leading_duration;
use crate::model::state::{ByPhaseRow, StateDoc};
use crate::model::values::{first_integer, first_number, format_like, is_placeholder_value};
use crate::ops::complete::facts::Facts;
use crate::ops::insert::insert_after_line;
use crate::ops::progress::plans_counter_after;
use crate::ops::style::{duration_like, pad_like, phase_like};
use crate::syntax::Doc;

use super::by_phase::by_phase_edit;
use super::recent::recent_edit;

/// All metric edits for completing `facts.plan`.
pub fn metrics_edits(state: &StateDoc, facts: &Facts, notices: &mut Vec<String>) -> Vec<Edit> {
    let doc = &state.doc;
    let m = &state.metrics;
    let mut edits = Vec::new();
    let count = m.plans_completed_count(doc);
    let caught = &facts.caught;
    let caught_minutes: f64 = caught.iter().map(|(_, m)| m).sum();
    // The new count, in the scope the old one counts.
    let new_count = count.map(|n| plans_counter_after(&facts.step(), n, None).0);
    if let (Some(field), Some(new)) = (&m.plans_completed, new_count) {
        let v = field.value(doc);
        if let Some((_, r)) = first_integer(v).filter(|(_, r)| r.start <= 1) {
            // `1,076`: the whole grouped number, written back grouped.
            let end = grouped_end(v, r.end);
            let abs = field.value.start + r.start..field.value.start + end;
            let text = if end > r.end {
                crate::model::values::with_thousands(new)
            } else {
                pad_like(new, &v[r])
            };
            edits.push(Edit::replace(abs, text));
            // `26/26 across 7 phases`: a count of a known total; a total the count passes
            // grows with it (never `27/26`).
            if let Some(rest) = v[end..].strip_prefix('/')
                && let Some((total, tr)) = first_integer(rest).filter(|(_, tr)| tr.start == 0)
                && total < new
            {
                let at = field.value.start + end + 1;
                edits.push(Edit::replace(at..at + tr.end, pad_like(new, &rest[tr])));
            }
        }
    }
    if let Some(row) = plan_row_edit(doc, &m.plan_rows, facts) {
        edits.push(row);
    }
    let prior_total = prior_total_minutes(state, count);
    match (count, prior_total) {
        (Some(n), Some(total)) => {
            let minutes = facts.minutes + caught_minutes;
            let new_total = total + minutes;
            let new_count = (n + 1 + caught.len() as u64) as f64;
            if let Some(f) = &m.average {
                let v = f.value(doc);
                // `~5.5 days per plan (v1.0 avg), 3.3 minutes (v1.1 avg)`: several averages
                // in one value; which one to move is the author's call.
                let several = first_number(v).is_some_and(|(_, r)| durations_in(&v[r.end..]) > 0);
                if !several
                    && (leading_duration(v).is_some()
                        || is_placeholder_value(v)
                        || dash_unit(v).is_some())
                {
                    let text = if let Some(unit) = dash_unit(v) {
                        duration_like(new_total / new_count, &format!("1 {unit}"))
                    } else if is_placeholder_value(v) {
                        format!("{} min", format_like(new_total / new_count, "1"))
                    } else {
                        // An average the file keeps apart from its total (it does not equal
                        // total / count as written) is a running average: it moves by this
                        // plan's share, rather than jumping to a figure the file never used.
                        let old = leading_duration(v);
                        let half_unit = first_number(v).map_or(0.5, |(_, r)| {
                            0.5 * 10f64.powi(-(crate::model::values::decimals(&v[r]) as i32))
                        });
                        // Compared in the value's own unit (a bare or `min` value in minutes,
                        // an `h` value in hours), within the rounding it is written with.
                        let per_unit = leading_duration(&format!("1{}", unit_of(v))).unwrap_or(1.0);
                        // A total written rounded (`0.6 hours`) is itself within a range: the
                        // average matches it anywhere in that range, shared over the plans.
                        let total_slack = total_half_unit(state) / n.max(1) as f64;
                        let own = old.filter(|a| {
                            n > 0
                                && (a - total / n as f64).abs()
                                    > half_unit * per_unit + total_slack + 1e-9
                        });
                        match own {
                            Some(a) => duration_like((a * n as f64 + minutes) / new_count, v),
                            None => duration_like(new_total / new_count, v),
                        }
                    };
                    edits.push(Edit::replace(f.value.clone(), text));
                }
            }
            if let Some(f) = &m.total_time {
                let v = f.value(doc);
                if let Some(text) = total_time_text(v, new_total) {
                    edits.push(Edit::replace(f.value.clone(), text));
                }
            }
        }
        _ if m.average.is_some() || m.total_time.is_some() => notices.push(
            "average and total time left as they are: STATE.md has no readable total to add to"
                .into(),
        ),
        _ => {}
    }
    if let Some(table) = &m.by_phase {
        edits.extend(by_phase_edit(doc, table, facts, m.recent.as_ref()));
    }
    if let Some(recent) = &m.recent {
        let average_like = m.average.as_ref().map(|f| f.value(doc));
        edits.extend(recent_edit(
            doc,
            recent,
            facts,
            average_like,
            m.plans_completed_count(doc),
        ));
    }
    edits
}

/// The end of a number that starts before `end` and continues in `,ddd` groups.
fn grouped_end(text: &str, mut end: usize) -> usize {
    let b = text.as_bytes();
    while b.get(end) == Some(&b',')
        && (1..=3).all(|k| b.get(end + k).is_some_and(u8::is_ascii_digit))
        && !b.get(end + 4).is_some_and(u8::is_ascii_digit)
    {
        end += 4;
    }
    end
}

/// The tool-written per-plan metric row (`| Phase 06 P04 | 3min | 2 tasks | 4 files |`) for
/// this plan, appended after the file's last one in the same shape: phase and plan in its
/// padding, the duration in its unit, tasks and files from the SUMMARY (`-` when it does not
/// say). Files that keep no such rows get none.
fn plan_row_edit(
    doc: &Doc,
    rows: &[crate::model::state::plan_rows::PlanMetricRow],
    facts: &Facts,
) -> Option<Edit> {
    let last = rows.iter().max_by_key(|r| r.line)?;
    let start = doc.line_start(last.line);
    let line = doc.line(last.line);
    let mut parts: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let rel = |r: &std::ops::Range<usize>| r.start - start..r.end - start;
    let phase_text = doc.text(last.phase.clone());
    let num_len = phase_text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(phase_text.len());
    // `Phase 07-grid-fixes P01`: the number, and the slug of this plan's own phase folder
    // (another phase's slug would be wrong).
    let number = phase_like(&facts.plan.phase, &phase_text[..num_len]);
    let phase_new = if phase_text[num_len..].starts_with('-') {
        match &facts.phase_slug {
            Some(slug) => format!("{number}-{slug}"),
            None => number,
        }
    } else {
        number
    };
    let phase_part = rel(&last.phase);
    let phase_end = if phase_text[num_len..].starts_with('-') {
        phase_part.end
    } else {
        phase_part.start + num_len
    };
    parts.push((phase_part.start..phase_end, phase_new));
    if let Some(p) = &last.plan {
        parts.push((
            rel(p),
            pad_like(u64::from(facts.plan.plan), doc.text(p.clone())),
        ));
    }
    if let Some(d) = &last.duration {
        parts.push((rel(d), duration_like(facts.minutes, doc.text(d.clone()))));
    }
    let cells = doc.cells(last.line).unwrap_or_default();
    for (i, value) in [(2usize, facts.tasks), (3, facts.files)] {
        let Some(c) = cells.get(i) else { continue };
        let text = doc.text(c.text.clone());
        let new = match (value, first_integer(text)) {
            (Some(n), Some((_, r))) => format!("{}{n}{}", &text[..r.start], &text[r.end..]),
            (Some(n), None) => n.to_string(),
            (None, _) => "-".to_string(),
        };
        parts.push((rel(&c.text), new));
    }
    parts.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut new_line = line.to_string();
    let mut floor = usize::MAX;
    for (r, text) in parts {
        if r.end > floor || r.end > new_line.len() {
            continue; // overlapping pieces: keep the first (rightmost) one
        }
        new_line.replace_range(r.clone(), &text);
        floor = r.start;
    }
    Some(insert_after_line(doc, last.line, &[new_line]))
}

/// The minutes spent so far: the file's own total time (a running total: the new one is
/// this plus the plan's duration), else average × count, else the By Phase totals when every
/// row has one and they add up to the count (a table the project stopped updating is no
/// better than the line it contradicts, so it is the last resort).
fn prior_total_minutes(state: &StateDoc, count: Option<u64>) -> Option<f64> {
    let doc = &state.doc;
    let m = &state.metrics;
    let by_phase = m.by_phase.as_ref().and_then(|t| {
        let rows: Vec<&ByPhaseRow> = t.rows.iter().filter(|r| !r.is_placeholder(doc)).collect();
        let totals: Vec<Option<f64>> = rows.iter().map(|r| r.total_minutes(doc)).collect();
        let sum_plans: u64 = rows.iter().filter_map(|r| r.plans(doc)).sum();
        (!rows.is_empty() && totals.iter().all(Option::is_some) && Some(sum_plans) == count)
            .then(|| totals.iter().flatten().sum::<f64>())
    });
    if let Some(h) = m.total_hours(doc) {
        let line = h * 60.0;
        // A rounded line (`0.3 hours`) that the table's exact sum (20 min) rounds to: the sum
        // is the same total, written more precisely.
        let half_unit = total_half_unit(state);
        return Some(match by_phase {
            Some(sum) if (sum - line).abs() <= half_unit + 1e-9 => sum,
            _ => line,
        });
    }
    if let (Some(a), Some(n)) = (m.average_minutes(doc), count) {
        return Some(a * n as f64);
    }
    if let Some(sum) = by_phase {
        return Some(sum);
    }
    match count {
        Some(0) => Some(0.0),
        _ => None,
    }
}

/// Half the last written digit of `Total execution time`, in minutes (`0.6 hours`: 3 min,
/// `147 min`: half a minute): how far the exact total may be from the figure written.
fn total_half_unit(state: &StateDoc) -> f64 {
    let doc = &state.doc;
    state.metrics.total_time.as_ref().map_or(0.0, |f| {
        let v = f.value(doc);
        first_number(v).map_or(0.0, |(_, r)| {
            let unit = 10f64.powi(-(crate::model::values::decimals(&v[r.clone()]) as i32));
            let after = v[r.end..].trim_start().to_ascii_lowercase();
            let minutes_per_unit = if after.starts_with('m') { 1.0 } else { 60.0 };
            unit * minutes_per_unit / 2.0
        })
    })
}

/// How many numbers in `text` are followed by a time unit (`3.3 minutes`, `2h`).
fn durations_in(text: &str) -> usize {
    let mut count = 0;
    let mut rest = text;
    while let Some((_, r)) = first_number(rest) {
        rest = &rest[r.end..];
        if crate::model::values::minutes_per_unit(word_at(rest)).is_some() {
            count += 1;
        }
    }
    count
}

/// The unit word after a duration's first number (`min` of `4.5 min (auto)`), or empty.
fn unit_of(value: &str) -> &str {
    first_number(value).map_or("", |(_, r)| word_at(&value[r.end..]))
}

/// The word that starts `text` after spaces (`min` of ` min (auto)`), or empty.
fn word_at(text: &str) -> &str {
    let t = text.trim_start();
    let end = t.find(|c: char| !c.is_alphabetic()).unwrap_or(t.len());
    &t[..end]
}

/// `— min`, `- hours`: a template placeholder with its unit; the unit.
fn dash_unit(value: &str) -> Option<&str> {
    let t = value.trim();
    let rest = t.trim_start_matches(['-', '—', '–']);
    if rest.len() == t.len() || !rest.starts_with(' ') {
        return None;
    }
    let unit = rest.trim();
    crate::model::values::minutes_per_unit(unit).map(|_| unit)
}

/// The total-time value for `minutes`, in the value's unit (a bare number means hours).
fn total_time_text(value: &str, minutes: f64) -> Option<String> {
    if is_placeholder_value(value) {
        return Some(format!("{} hours", format_like(minutes / 60.0, "0.1")));
    }
    if let Some(unit) = dash_unit(value) {
        let like = if unit.to_ascii_lowercase().starts_with('h') {
            format!("0.1 {unit}")
        } else {
            format!("1 {unit}")
        };
        return Some(duration_like(minutes, &like));
    }
    let (_, r) = first_number(value)?;
    if r.start > 1 {
        return None;
    }
    let unit = value[r.end..].trim_start().to_ascii_lowercase();
    let in_hours = unit.is_empty() || unit.starts_with('h') || unit.starts_with('(');
    let n = if in_hours {
        minutes / 60.0
    } else if unit.starts_with('m') {
        minutes
    } else {
        return None;
    };
    Some(format!(
        "{}{}{}",
        &value[..r.start],
        format_like(n, &value[r.clone()]),
        &value[r.end..]
    ))
}
