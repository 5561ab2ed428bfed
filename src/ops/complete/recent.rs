//! `complete`, step 4c: the `Last N plans` trend list gains this plan in its own shape,
//! order and length.

use crate::edit::Edit;
use crate::ledger::Ledger;
use crate::model::ids::{PlanId, plan_ids_in};
use crate::model::phases::SummaryInfo;
use crate::model::state::StateDoc;
use crate::model::state::metrics::leading_duration;
use crate::model::values::{
    first_integer, first_number, format_like, is_placeholder_value, parse_minutes,
};
use crate::ops::complete::facts::Facts;
use crate::ops::progress::counter_scope;
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
    let label_cap = label_cap(field.label(doc));
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
    let item = |plan: &PlanId, minutes: f64| match (with_minutes, last_text) {
        (Some((r, _)), _) => item_like(doc.text(r.clone()), plan, minutes),
        // Ids only (`01-01, 01-02`): the new id in the same spelling, no duration.
        (None, Some(t)) if is_bare_id(t) => id_like(t, plan),
        _ => format!("{plan} ({}min)", format_like(minutes, "1")),
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
    let item = |plan: &PlanId, minutes: f64| match trailing_unit {
        Some(_) => format_like(minutes, texts[0].trim()),
        None => item(plan, minutes),
    };
    // The plans done since the list was last kept come first, in the order they ran.
    let mut new_items: Vec<String> = facts
        .unlisted
        .iter()
        .map(|(plan, minutes)| item(plan, *minutes))
        .collect();
    new_items.push(item(&facts.plan, facts.minutes));
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
    // More new items than the list holds: only the newest stay.
    let extra = new_items.len().saturating_sub(keep);
    new_items.drain(..extra);
    let total = n + new_items.len();
    let drop = total.saturating_sub(keep).min(n);
    let mut edits = Vec::new();
    if newest_first {
        new_items.reverse();
    }
    let joined = new_items.join(&sep);
    if drop == n {
        // Every old item goes (`Last plan:` holds one): the new ones take their place.
        let all = recent.items[0].0.start..recent.items[n - 1].0.end;
        return vec![Edit::replace(all, joined)];
    }
    if newest_first {
        let first = recent.items[0].0.clone();
        edits.push(Edit::insert(first.start, format!("{joined}{sep}")));
        if drop > 0 {
            let cut_start = recent.items[n - drop - 1].0.end;
            edits.push(Edit::replace(cut_start..recent.items[n - 1].0.end, ""));
        }
    } else {
        let last = recent.items[n - 1].0.clone();
        let at = trailing_unit.map_or(last.end, |number_end| last.start + number_end);
        edits.push(Edit::insert(at, format!("{sep}{joined}")));
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

/// How many plans the list's label says it holds: `Last 5 plans` five, `Last plan` (singular,
/// no number) one, `Recent plans` five.
fn label_cap(label: &str) -> usize {
    let label = label.to_lowercase();
    let singular = !label.contains("plans") && label.contains("plan");
    first_integer(&label)
        .map_or(if singular { 1 } else { 5 }, |(n, _)| n as usize)
        .max(1)
}

/// The plans done since the `Last N plans` list was last kept, that it never got: plans with
/// a SUMMARY file after the newest plan the list names and before `plan`, in the order they
/// ran, as many as the list has room for beside `plan`, each with the minutes its SUMMARY
/// gives. The list names the last plans done; replaying real completions, the authors who
/// keep it add a plan it missed along with the new one. Empty when the list names no plan
/// or one of those SUMMARY files gives no duration (then the list gains `plan` alone).
pub(super) fn unlisted_done(
    state: &StateDoc,
    ledger: &Ledger,
    plan: &PlanId,
    read: &dyn Fn(&PlanId) -> Option<SummaryInfo>,
) -> Vec<(PlanId, f64)> {
    let Some(recent) = &state.metrics.recent else {
        return Vec::new();
    };
    let doc = &state.doc;
    let listed: Vec<PlanId> = recent
        .items
        .iter()
        .filter_map(|(r, _)| plan_ids_in(doc.text(r.clone())).into_iter().next())
        .collect();
    let Some(newest) = listed.iter().max() else {
        return Vec::new();
    };
    let mut unlisted: Vec<&PlanId> = ledger
        .phases
        .iter()
        .flat_map(|p| &p.plans)
        .filter(|e| e.evidence.summary_file && &e.id > newest && &e.id < plan)
        .map(|e| &e.id)
        .filter(|id| !listed.contains(id))
        .collect();
    unlisted.sort();
    let room = label_cap(recent.field.label(doc)).saturating_sub(1);
    let from = unlisted.len().saturating_sub(room);
    unlisted[from..]
        .iter()
        .map(|id| {
            let written = read(id)?.duration?;
            let minutes = parse_minutes(&written).or_else(|| leading_duration(&written))?;
            Some(((*id).clone(), minutes))
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// Which of the plans the list missed (`facts.unlisted`) the counters missed too: all of
/// them when `Total plans completed` stopped where the list did (it counts as many plans as
/// the list names) and is a tally of its own (no scope's count reproduces it); else none.
/// Recorded with this plan, so the count, the time and the percent agree with the list.
pub(super) fn caught_up(state: &StateDoc, facts: &Facts) -> Vec<(PlanId, f64)> {
    let m = &state.metrics;
    let count = m.plans_completed_count(&state.doc);
    let listed = m.recent.as_ref().map(|r| r.items.len() as u64);
    match count {
        Some(n) if listed == Some(n) && counter_scope(&facts.step(), n, None).is_none() => {
            facts.unlisted.clone()
        }
        _ => Vec::new(),
    }
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
fn id_spelled_like(plan: &PlanId, old: &str) -> String {
    let (ph, pl) = old.rsplit_once('-').unwrap_or((old, ""));
    let pl = pl.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = plan.suffix().map(String::from).unwrap_or_default();
    format!(
        "{}-{}{suffix}",
        plan.phase.spelled_like(ph),
        pad_like(u64::from(plan.plan), pl)
    )
}

/// An ids-only item (`01-02`, `Plan 01-02`) for the plan being completed.
fn id_like(like: &str, plan: &PlanId) -> String {
    let Some(old) = plan_ids_in(like).into_iter().next() else {
        return plan.to_string();
    };
    let old_text = old.to_string();
    let shown = format!(
        "{}-{}",
        crate::ops::style::phase_like(&plan.phase, old.phase.as_str()),
        pad_like(
            u64::from(plan.plan),
            &old_text[old_text.rfind('-').map_or(0, |i| i + 1)..]
        )
    );
    like.replacen(&old_text, &shown, 1)
}

/// A new trend item shaped like `like`: `3min` → `10min`, `05-02 (2min)` → `02-02 (10min)`,
/// `3 min (01-01)` → `10 min (02-02)`.
fn item_like(like: &str, plan: &PlanId, minutes: f64) -> String {
    let ids = crate::model::ids::plan_ids_in(like);
    let mut out = like.to_string();
    if let Some(old) = ids.first() {
        let old_text = old.to_string();
        let id = id_spelled_like(plan, &old_text);
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
    let new_dur = duration_like(minutes, dur_text.trim_start_matches(['~', '≈']));
    out.replace_range(dur_start..dur_start + dur_text.len(), &new_dur);
    out
}
