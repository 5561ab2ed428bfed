//! `state set` for values with units or a scale: the progress percent (bar, note), durations in the
//! file's own unit, whole numbers and dates, each checked before anything is written.

use super::{AtValue, Plan};
use crate::edit::Edit;
use crate::error::UserError;
use crate::model::field::Field;
use crate::model::state::StateDoc;
use crate::model::state::fields::FieldName;
use crate::model::values::{first_integer, first_number, is_placeholder_value, parse_minutes};
use crate::ops::field::set_field;
use crate::ops::state_error;
use crate::ops::style::render_bar;

/// `set progress 40`: a whole percent from 0 to 100; the number and the bar change, and a
/// note counting the percent (`(7 of 9 phases)`) follows it.
pub(super) fn set_progress(state: &StateDoc, value: &str) -> Result<Plan, UserError> {
    let pct = parse_percent(value)?;
    let doc = &state.doc;
    let Some(line) = state.position.progress.as_ref() else {
        return Ok(Plan::new(Vec::new(), format!("{pct}%")));
    };
    let mut plan = match (&line.percent, &line.bar) {
        (Some(pct_range), Some(bar)) => {
            let between = doc.text(bar.span.end..pct_range.start);
            Plan::new(
                vec![Edit::replace(
                    bar.span.start..pct_range.end,
                    format!("{}{between}{pct}", render_bar(bar, pct)),
                )],
                format!("{pct}%"),
            )
        }
        (Some(pct_range), None) => Plan::new(
            vec![Edit::replace(pct_range.clone(), pct.to_string())],
            format!("{pct}%"),
        ),
        (None, Some(bar)) => {
            let mut plan = Plan::new(
                vec![Edit::replace(bar.span.clone(), render_bar(bar, pct))],
                format!("{pct}%"),
            );
            plan.notices
                .push("the Progress line has no percent; only its bar was redrawn".to_string());
            plan
        }
        (None, None) if is_placeholder_value(line.field.value(doc)) => Plan::new(
            vec![set_field(state, &line.field, &format!("{pct}%"))],
            format!("{pct}%"),
        ),
        (None, None) => {
            return Err(state_error(format!(
                "the Progress line (`{}`) has no percent or bar to set",
                line.field.value(doc)
            ))
            .at_value(doc, &line.field)
            .hint("write a percent into the line by hand first (`Progress: 40%`)"));
        }
    };
    let (note, notice) = progress_note_edit(state, pct);
    plan.edits.extend(note);
    plan.notices.extend(notice);
    Ok(plan)
}

/// A percent as `set progress` takes it.
pub(super) fn parse_percent(value: &str) -> Result<u64, UserError> {
    let accepted = "a whole percent from 0 to 100: `40` or `40%`";
    let digits = value.trim_end_matches('%').trim();
    match digits.parse::<u64>() {
        Ok(n) if n <= 100 => Ok(n),
        Ok(n) => Err(UserError::new(format!("progress cannot be {n}%")).hint(accepted)),
        Err(_) => Err(UserError::new(format!("`{value}` is not a percent")).hint(accepted)),
    }
}

/// `set progress 100` next to `(7 of 9 phases)`: a note whose counts are the line's percent
/// moves with it (`(9 of 9 phases)`), so the line never says two things. When no whole count
/// gives the new percent (50% of 9 phases), the note is left as is and a notice says so. A
/// note counting something else (`Phase 6: 3/4 plans` beside the project's percent) is not
/// the percent and stays.
pub(super) fn progress_note_edit(state: &StateDoc, pct: u64) -> (Option<Edit>, Option<String>) {
    let doc = &state.doc;
    let Some(line) = state.position.progress.as_ref() else {
        return (None, None);
    };
    let (Some(note), Some(old)) = (line.note_counts(doc), line.percent_number(doc)) else {
        return (None, None);
    };
    let (done, total) = (note.done.0, note.total.0);
    let as_percent = |d: u64| (d as f64 * 100.0 / total as f64).round();
    if total == 0 || as_percent(done) != old.round() {
        return (None, None);
    }
    let pct = pct as f64;
    let nearest = (pct * total as f64 / 100.0).round() as u64;
    if as_percent(nearest) == pct {
        let edit = Edit::replace(note.done.1.clone(), nearest.to_string());
        return (Some(edit), None);
    }
    let text = line.note.clone().map_or("", |r| doc.text(r));
    (
        None,
        Some(format!(
            "the note `{text}` has no whole count for {pct}%; left as is"
        )),
    )
}

/// `set average_duration 5` / `set total_time 2`: a bare number replaces only the line's
/// number, so its unit (` min`, ` hours`) and decoration stay; a duration with a unit is the
/// whole value. A placeholder line (`-`, `[X] min`) gets the number with the line's unit, or
/// `default_unit`.
pub(super) fn set_duration(
    state: &StateDoc,
    field: &FieldName,
    line: &Field,
    value: &str,
    default_unit: &str,
) -> Result<Plan, UserError> {
    let doc = &state.doc;
    let accepted = format!(
        "a number in the line's unit (`{}: 6 min` → `set {} 5`), or a duration with its unit: `6 min`, `1.5 hours`, `1h 5m`",
        field.label, field.name
    );
    let bare = value.parse::<f64>().ok().filter(|n| n.is_finite());
    match bare {
        Some(n) if n < 0.0 => {
            return Err(UserError::new(format!("{} cannot be negative", field.name)).hint(accepted));
        }
        Some(_) => {}
        None if parse_minutes(value).is_some() => {
            return Ok(Plan::new(vec![set_field(state, line, value)], value));
        }
        None => {
            return Err(UserError::new(format!("`{value}` is not a duration")).hint(accepted));
        }
    }
    let old = line.value(doc);
    if let Some(slot) = old.find("[X]").or_else(|| old.find("[x]")) {
        let start = line.value.start + slot;
        return Ok(Plan::new(
            vec![Edit::replace(start..start + 3, value)],
            format!("{value}{}", &old[slot + 3..]),
        ));
    }
    match first_number(old) {
        Some((_, r)) if !is_placeholder_value(old) => {
            let abs = line.value.start + r.start..line.value.start + r.end;
            let shown = format!("{}{value}{}", &old[..r.start], &old[r.end..]);
            Ok(Plan::new(vec![Edit::replace(abs, value)], shown))
        }
        _ => {
            let text = format!("{value}{default_unit}");
            Ok(Plan::new(vec![set_field(state, line, &text)], text))
        }
    }
}

/// A bare number for a field whose line carries more (`14 (v2.0: 13, v3.0: 1)`): only the
/// number changes. A placeholder or a line without a number gets the value.
pub(super) fn number_only(state: &StateDoc, line: &Field, value: &str) -> Plan {
    let doc = &state.doc;
    let old = line.value(doc);
    match first_integer(old) {
        Some((_, r)) if !is_placeholder_value(old) => {
            let abs = line.value.start + r.start..line.value.start + r.end;
            Plan::new(vec![Edit::replace(abs, value)], value)
        }
        _ => Plan::new(vec![set_field(state, line, value)], value),
    }
}

pub(super) fn whole_number(field: &FieldName, value: &str) -> Result<u64, UserError> {
    value.parse::<u64>().map_err(|_| {
        UserError::new(format!("`{value}` is not a whole number"))
            .hint(format!("{} takes {}", field.name, field.about))
    })
}

pub(super) fn parse_date(field: &FieldName, value: &str) -> Result<String, UserError> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            UserError::new(format!("`{value}` is not a date")).hint(format!(
                "{} takes a date as YYYY-MM-DD (2026-02-01)",
                field.name
            ))
        })
}
