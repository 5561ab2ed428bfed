//! `complete`, step 4: Performance Metrics.
//!
//! Total plans +1; total time = the file's own running total + this duration (a By Phase sum
//! only where it is that total written more precisely), average = total / count, or a running
//! average moved by this plan's share where the file keeps its average apart from its total;
//! all in the file's own units and precision. The phase's By Phase row updated or inserted in
//! phase order; `Last N plans` gains the item in its own shape, order and length; the
//! tool-written per-plan row appended in its table's shape.

use crate::edit::Edit;
use crate::model::ids::plan_ids_in;
use crate::model::state::metrics::leading_duration;
use crate::model::state::{ByPhaseRow, ByPhaseTable, RecentTrend, StateDoc};
use crate::model::values::{first_integer, first_number, format_like, is_placeholder_value};
use crate::ops::complete::Facts;
use crate::ops::insert::{insert_after_line, insert_before_line, replace_line};
use crate::ops::style::{cell_raw, duration_like, pad_like, phase_like, row_like};
use crate::syntax::Doc;

/// All metric edits for completing `facts.plan`.
pub fn metrics_edits(state: &StateDoc, facts: &Facts, notices: &mut Vec<String>) -> Vec<Edit> {
    let doc = &state.doc;
    let m = &state.metrics;
    let mut edits = Vec::new();
    let count = m.plans_completed_count(doc);
    if let (Some(field), Some(n)) = (&m.plans_completed, count) {
        let v = field.value(doc);
        if let Some((_, r)) = first_integer(v).filter(|(_, r)| r.start <= 1) {
            // `1,076`: the whole grouped number, written back grouped.
            let end = grouped_end(v, r.end);
            let abs = field.value.start + r.start..field.value.start + end;
            let text = if end > r.end {
                crate::model::values::with_thousands(n + 1)
            } else {
                pad_like(n + 1, &v[r])
            };
            edits.push(Edit::replace(abs, text));
            // `26/26 across 7 phases`: a count of a known total; a total the count passes
            // grows with it (never `27/26`).
            if let Some(rest) = v[end..].strip_prefix('/')
                && let Some((total, tr)) = first_integer(rest).filter(|(_, tr)| tr.start == 0)
                && total < n + 1
            {
                let at = field.value.start + end + 1;
                edits.push(Edit::replace(at..at + tr.end, pad_like(n + 1, &rest[tr])));
            }
        }
    }
    if let Some(row) = plan_row_edit(doc, &m.plan_rows, facts) {
        edits.push(row);
    }
    let prior_total = prior_total_minutes(state, count);
    match (count, prior_total) {
        (Some(n), Some(total)) => {
            let new_total = total + facts.minutes;
            let new_count = (n + 1) as f64;
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
                        let own = old.filter(|a| {
                            n > 0 && ((a - total / n as f64) / per_unit).abs() > half_unit + 1e-9
                        });
                        match own {
                            Some(a) => duration_like((a * n as f64 + facts.minutes) / new_count, v),
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
        edits.extend(recent_edit(doc, recent, facts, average_like));
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
        let half_unit = m.total_time.as_ref().map_or(0.0, |f| {
            let v = f.value(doc);
            first_number(v).map_or(0.0, |(_, r)| {
                let unit = 10f64.powi(-(crate::model::values::decimals(&v[r.clone()]) as i32));
                let after = v[r.end..].trim_start().to_ascii_lowercase();
                let minutes_per_unit = if after.starts_with('m') { 1.0 } else { 60.0 };
                unit * minutes_per_unit / 2.0
            })
        });
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

/// The By Phase row for the plan's phase: updated in place, or inserted in phase order.
fn by_phase_edit(
    doc: &Doc,
    table: &ByPhaseTable,
    facts: &Facts,
    recent: Option<&RecentTrend>,
) -> Vec<Edit> {
    let phase = &facts.plan.phase;
    if let Some(row) = table.row(phase) {
        return update_row(doc, row, facts);
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

fn update_row(doc: &Doc, row: &ByPhaseRow, facts: &Facts) -> Vec<Edit> {
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
    let plans = row.plans(doc).map(|n| n + 1);
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
    let total = row.total_minutes(doc).map(|t| t + facts.minutes);
    if let (Some(c), Some(t)) = (cell(total_col), total) {
        let like = doc.text(c.text.clone());
        edits.push(Edit::replace(
            c.raw.clone(),
            cell_raw(doc, c, &duration_like(t, like)),
        ));
    }
    if let (Some(c), Some(t), Some(n)) = (cell(average_col), total, plans) {
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

/// `Last 5 plans: a, b, c` → `…, c, <new>` in the list's own item shape and order: a list
/// written newest first gets the new item first; items that carry no duration (`01-01,
/// 01-02`) get none; a placeholder (`None yet`, `-`) is replaced by the first item, named by
/// its plan. The list keeps the label's cap, or the shorter length it has settled at (a
/// list of 4 or more under `Last 5` that the file keeps at that length).
fn recent_edit(
    doc: &Doc,
    recent: &crate::model::state::RecentTrend,
    facts: &Facts,
    average_like: Option<&str>,
) -> Vec<Edit> {
    let field = &recent.field;
    let label = field.label(doc).to_lowercase();
    // `Last 5 plans` holds five; `Last plan` (singular, no number) holds one.
    let singular = !label.contains("plans") && label.contains("plan");
    let label_cap = first_integer(&label)
        .map_or(if singular { 1 } else { 5 }, |(n, _)| n as usize)
        .max(1);
    let first_item = || {
        let like = average_like
            .filter(|v| {
                first_number(v).is_some() && crate::model::values::parse_minutes(v).is_some()
            })
            .map_or_else(|| "1 min".to_string(), |v| v.trim().to_string());
        format!(
            "{} ({})",
            facts.plan.canonical(),
            duration_like(facts.minutes, leading_unit_only(&like))
        )
    };
    let value = field.value(doc);
    let placeholder = recent.items.is_empty()
        || is_placeholder_value(value)
        || value.trim().eq_ignore_ascii_case("none yet")
        || value.trim().eq_ignore_ascii_case("none");
    if placeholder {
        return vec![crate::ops::field::set_field_text(doc, field, &first_item())];
    }
    let with_minutes = recent.items.iter().rev().find(|(_, m)| m.is_some());
    let last_text = recent.items.last().map(|(r, _)| doc.text(r.clone()));
    let new_item = match (with_minutes, last_text) {
        (Some((r, _)), _) => item_like(doc.text(r.clone()), facts),
        // Ids only (`01-01, 01-02`): the new id in the same spelling, no duration.
        (None, Some(t)) if is_bare_id(t) => id_like(t, facts),
        _ => format!("{} ({}min)", facts.plan, format_like(facts.minutes, "1")),
    };
    let ids: Vec<Option<crate::model::PlanId>> = recent
        .items
        .iter()
        .map(|(r, _)| plan_ids_in(doc.text(r.clone())).into_iter().next())
        .collect();
    let newest_first = matches!((ids.first(), ids.last()), (Some(Some(a)), Some(Some(b))) if a > b);
    let n = recent.items.len();
    let keep = if n >= 4 { label_cap.min(n) } else { label_cap };
    let sep = if n >= 2 {
        doc.text(recent.items[0].0.end..recent.items[1].0.start)
            .to_string()
    } else {
        ", ".to_string()
    };
    let total = n + 1;
    let drop = total.saturating_sub(keep).min(n);
    let mut edits = Vec::new();
    if drop == n {
        // Every old item goes (`Last plan:` holds one): the new one takes their place.
        let all = recent.items[0].0.start..recent.items[n - 1].0.end;
        return vec![Edit::replace(all, new_item)];
    }
    if newest_first {
        let first = recent.items[0].0.clone();
        edits.push(Edit::insert(first.start, format!("{new_item}{sep}")));
        if drop > 0 {
            let cut_start = recent.items[n - drop - 1].0.end;
            edits.push(Edit::replace(cut_start..recent.items[n - 1].0.end, ""));
        }
    } else {
        let last = recent.items[n - 1].0.clone();
        edits.push(Edit::insert(last.end, format!("{sep}{new_item}")));
        if drop > 0 {
            let cut_end = if drop < n {
                recent.items[drop].0.start
            } else {
                last.end
            };
            edits.push(Edit::replace(recent.items[0].0.start..cut_end, ""));
        }
    }
    edits
}

/// `12 min` → `12 min`, `8min (auto)` → `8min`: a duration's number and unit, without notes.
fn leading_unit_only(like: &str) -> &str {
    let end = like.find(['(', ',', ';']).unwrap_or(like.len());
    like[..end].trim()
}

/// Whether a trend item is only a plan id (`01-02`, `Plan 01-02`, `` `01-02` ``).
fn is_bare_id(item: &str) -> bool {
    let ids = plan_ids_in(item);
    let [id] = ids.as_slice() else { return false };
    let rest = item.replacen(&id.to_string(), "", 1);
    let rest = rest.trim().trim_matches(['`', '*']).trim();
    rest.is_empty() || rest.eq_ignore_ascii_case("plan")
}

/// The plan's id spelled like `old`, an id the file wrote (`04-02` → `05-02`, `4-2` → `5-2`).
fn id_spelled_like(facts: &Facts, old: &str) -> String {
    let (ph, pl) = old.rsplit_once('-').unwrap_or((old, ""));
    let pl = pl.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = facts.plan.suffix().map(String::from).unwrap_or_default();
    format!(
        "{}-{}{suffix}",
        facts.plan.phase.spelled_like(ph),
        pad_like(u64::from(facts.plan.plan), pl)
    )
}

/// An ids-only item (`01-02`, `Plan 01-02`) for the plan being completed.
fn id_like(like: &str, facts: &Facts) -> String {
    let Some(old) = plan_ids_in(like).into_iter().next() else {
        return facts.plan.to_string();
    };
    let old_text = old.to_string();
    let shown = format!(
        "{}-{}",
        crate::ops::style::phase_like(&facts.plan.phase, old.phase.as_str()),
        pad_like(
            u64::from(facts.plan.plan),
            &old_text[old_text.rfind('-').map_or(0, |i| i + 1)..]
        )
    );
    like.replacen(&old_text, &shown, 1)
}

/// A new trend item shaped like `like`: `3min` → `10min`, `05-02 (2min)` → `02-02 (10min)`,
/// `3 min (01-01)` → `10 min (02-02)`.
fn item_like(like: &str, facts: &Facts) -> String {
    let ids = crate::model::ids::plan_ids_in(like);
    let mut out = like.to_string();
    if let Some(old) = ids.first() {
        let old_text = old.to_string();
        let id = id_spelled_like(facts, &old_text);
        if let Some(pos) = out.find(&old_text) {
            // `10-01-FIX-FIX (2 min)`: the id's own suffix belongs to the old plan.
            let tail = &out[pos + old_text.len()..];
            let suffix = tail
                .find(|c: char| c.is_whitespace() || c == '(' || c == ',')
                .unwrap_or(tail.len());
            let suffix = if tail.starts_with('-') { suffix } else { 0 };
            out.replace_range(pos..pos + old_text.len() + suffix, &id);
        }
    }
    // The duration: inside parentheses when the item has an id before them, else leading.
    let (dur_start, dur_text) = match (out.find('('), ids.is_empty()) {
        (Some(open), false)
            if !out[..open].trim().is_empty()
                && out.starts_with(|c: char| c.is_ascii_digit())
                && out[..open].contains('-') =>
        {
            let close = out[open..].find(')').map_or(out.len(), |c| open + c);
            (open + 1, out[open + 1..close].to_string())
        }
        _ => {
            let end = out.find(" (").unwrap_or(out.len());
            (0, out[..end].to_string())
        }
    };
    // `~` marks an estimate; a measured duration is exact.
    let new_dur = duration_like(facts.minutes, dur_text.trim_start_matches(['~', '≈']));
    out.replace_range(dur_start..dur_start + dur_text.len(), &new_dur);
    out
}
