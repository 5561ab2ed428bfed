//! `complete`, step 4c: the `Last N plans` trend list gains this plan in its own shape,
//! order and length.

use crate::edit::Edit;
use crate::model::ids::plan_ids_in;
use crate::model::values::{first_integer, first_number, format_like, is_placeholder_value};
use crate::ops::complete::facts::Facts;
use crate::ops::style::{duration_like, pad_like};
use crate::syntax::Doc;

/// `Last 5 plans: a, b, c` → `…, c, <new>` in the list's own item shape and order: a list
/// written newest first gets the new item first; items that carry no duration (`01-01,
/// 01-02`) get none; a placeholder (`None yet`, `-`) is replaced by the first item, named by
/// its plan. The list keeps the label's cap, or the shorter length it has settled at (a
/// list of 4 or more under `Last 5` that the file keeps at that length), unless it still
/// names every plan done (`plans_done_before`, the file's `Total plans completed`): then it
/// is filling up to its cap.
pub(super) fn recent_edit(
    doc: &Doc,
    recent: &crate::model::state::RecentTrend,
    facts: &Facts,
    average_like: Option<&str>,
    plans_done_before: Option<u64>,
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
    // `8, 3, 3 min`: bare numbers, the list's unit written once after the last one. The new
    // number goes before that unit, shaped like the others.
    let texts: Vec<&str> = recent
        .items
        .iter()
        .map(|(r, _)| doc.text(r.clone()))
        .collect();
    let is_number = |t: &str| !t.is_empty() && t.parse::<f64>().is_ok();
    let trailing_unit = match texts.split_last() {
        Some((last, rest)) if !rest.is_empty() && rest.iter().all(|t| is_number(t.trim())) => {
            first_number(last)
                .filter(|(_, r)| r.start == 0 && r.end < last.len())
                .map(|(_, r)| r.end)
        }
        _ => None,
    };
    let new_item = match trailing_unit {
        Some(_) => format_like(facts.minutes, texts[0].trim()),
        None => new_item,
    };
    let ids: Vec<Option<crate::model::PlanId>> = recent
        .items
        .iter()
        .map(|(r, _)| plan_ids_in(doc.text(r.clone())).into_iter().next())
        .collect();
    // Newest first when the list leads with its highest id and ends lower: a list in the
    // order plans ran (`43-07, 43-08, 42-03`, a plan of an earlier phase run late) does not
    // lead with its highest, and is appended to.
    let highest = ids.iter().flatten().max();
    let newest_first = matches!((ids.first(), ids.last()), (Some(Some(a)), Some(Some(b))) if a > b && Some(a) == highest);
    let n = recent.items.len();
    // A list that names every plan done so far is still filling up to its cap; a shorter one
    // that has already dropped plans has settled at its length.
    let filling = plans_done_before.is_some_and(|done| done as usize == n);
    let keep = if n >= 4 && !filling {
        label_cap.min(n)
    } else {
        label_cap
    };
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
        let at = trailing_unit.map_or(last.end, |number_end| last.start + number_end);
        edits.push(Edit::insert(at, format!("{sep}{new_item}")));
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
