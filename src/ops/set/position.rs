//! `state set` for the position lines: `Phase:` (number, total, name), `Plan:` (number, total) and
//! `Last activity:`, each in the line's own shape, the parts not named left as written.

use super::values::whole_number;
use super::{AtValue, Plan};
use crate::edit::Edit;
use crate::error::UserError;
use crate::model::PhaseNum;
use crate::model::field::Field;
use crate::model::phase_ref::{Word, phase_at_start};
use crate::model::state::fields::{self, FieldName};
use crate::model::state::{ActivityLine, PhaseLine, PlanLine, StateDoc};
use crate::model::values::first_integer;
use crate::model::workspace::Workspace;
use crate::ops::field::set_field;
use crate::ops::style::{date_separator_in, pad_like};
use crate::ops::{Clock, state_error};
use crate::syntax::Doc;

/// The phase number a value starts with (after an optional `Phase `), and the rest.
pub(super) fn leading_phase(value: &str) -> Option<(PhaseNum, &str)> {
    let at = phase_at_start(value, Word::Optional)?;
    Some((at.number, &value[at.span.end..]))
}

/// The leading integer of a phase number (`02.1` → 2, `12A` → 12), for comparing with the
/// line's `of N`.
pub(super) fn phase_integer(n: &PhaseNum) -> Option<u64> {
    first_integer(n.as_str())
        .filter(|(_, r)| r.start == 0)
        .map(|(n, _)| n)
}

/// `set phase 3`: the number in the line's padding, `of N` kept (a number past it refused),
/// the name from ROADMAP.md (kept, with a notice, when ROADMAP.md does not name the phase), a
/// status the old phase had dropped. A value with more than a number replaces the whole
/// value, checked the same way.
pub(super) fn set_phase(ws: &Workspace, line: &PhaseLine, value: &str) -> Result<Plan, UserError> {
    let state = &ws.state;
    let doc = &state.doc;
    let accepted = "a phase number (`3`, `02.1`, `12A`), or the whole value: `3 of 5 (Name)`";
    let Some((n, rest)) = leading_phase(value) else {
        return Err(
            UserError::new(format!("`{value}` does not start with a phase number")).hint(accepted),
        );
    };
    let total_given = strip_of_total(rest);
    let total = total_given.or_else(|| {
        line.total
            .clone()
            .and_then(|r| doc.text(r).parse::<u64>().ok())
    });
    if let (Some(total), Some(i)) = (total, phase_integer(&n))
        && i > total
    {
        return Err(state_error(format!(
            "phase {n} is past the last phase: the line says `of {total}`"
        ))
        .at_value(doc, &line.field)
        .hint(format!(
            "set the total first (`gsd state set phase_total {i}`), or give the whole value: `gsd state set phase '{i} of {i} (Name)'`; `gsd state begin {n}` starts a phase"
        )));
    }
    // A phase ROADMAP.md does not list is a typo (`set phase 99` in a 31-phase project), not
    // a position; `gsd state begin` or an edit of ROADMAP.md come first.
    if let Some(roadmap) = ws.roadmap.as_ref().filter(|r| !r.phases.is_empty())
        && roadmap.phase(&n).is_none()
    {
        let last = roadmap
            .phases
            .iter()
            .map(|p| p.number.as_str())
            .next_back()
            .unwrap_or("?");
        return Err(UserError::new(format!(
            "phase {n} is not in ROADMAP.md (its phases run to {last})"
        ))
        .in_file(Workspace::display_path("ROADMAP.md"))
        .hint("give a phase ROADMAP.md lists, or add the phase to ROADMAP.md first"));
    }
    if !rest.trim().is_empty() || line.number.is_none() {
        return Ok(Plan::new(vec![set_field(state, &line.field, value)], value));
    }
    let current = line.number(doc).and_then(PhaseNum::parse);
    if current.as_ref() == Some(&n) {
        return Ok(Plan::new(Vec::new(), line.field.value(doc)));
    }
    let roadmap_name = ws
        .roadmap
        .as_ref()
        .and_then(|r| r.phase(&n))
        .and_then(|p| p.name.clone());
    let old_name = line.name.clone().map(|r| doc.text(r).to_string());
    let mut notices = Vec::new();
    if roadmap_name.is_none()
        && let Some(old) = &old_name
    {
        notices.push(format!(
            "ROADMAP.md does not name phase {n}, so the name `{old}` was kept; set it with `gsd state set phase_name …`"
        ));
    }
    let name = roadmap_name.or(old_name);
    let edits = crate::ops::position::phase_line_edits(state, line, &n, name.as_deref(), false);
    let shown = match &name {
        Some(name) => format!("{n} ({name})"),
        None => n.to_string(),
    };
    Ok(Plan {
        edits,
        shown,
        notices,
        phase_name: name,
    })
}

/// `N` from ` of N` at the start of `rest`.
pub(super) fn strip_of_total(rest: &str) -> Option<u64> {
    let r = rest.trim_start();
    let r = crate::model::values::strip_prefix_ci(r, "of ")
        .or_else(|| r.strip_prefix('/'))?
        .trim_start();
    first_integer(r)
        .filter(|(_, range)| range.start == 0)
        .map(|(n, _)| n)
}

/// `set phase_total 6`: the `of N` of the Phase line.
pub(super) fn set_phase_total(doc: &Doc, line: &PhaseLine, value: &str) -> Result<Plan, UserError> {
    let field = fields::resolve("phase_total").expect("a field");
    let n = whole_number(field, value)?;
    let Some(total) = line.total.clone() else {
        return Err(no_part(field, &line.field, doc, "`of N` total"));
    };
    if let Some(i) = line
        .number(doc)
        .and_then(PhaseNum::parse)
        .as_ref()
        .and_then(phase_integer)
        && n < i
    {
        return Err(state_error(format!(
            "the phase total cannot be {n}: the line is on phase {i}"
        ))
        .at_value(doc, &line.field)
        .hint(format!("give a total of {i} or more")));
    }
    let text = pad_like(n, doc.text(total.clone()));
    Ok(Plan::new(vec![Edit::replace(total, text)], n.to_string()))
}

/// `set phase_name Docs`: the name on the Phase line, written in parentheses after the
/// number (or its total) when the line has none yet.
pub(super) fn set_phase_name(doc: &Doc, line: &PhaseLine, value: &str) -> Result<Plan, UserError> {
    let safe = crate::ops::style::table_safe(doc, line.field.line, value);
    if let Some(r) = line.name.clone() {
        return Ok(Plan::new(vec![Edit::replace(r, safe)], value));
    }
    let Some(after) = line.total.clone().or(line.number.clone()) else {
        let field = fields::resolve("phase_name").expect("a field");
        return Err(no_part(
            field,
            &line.field,
            doc,
            "phase number to put a name after",
        ));
    };
    Ok(Plan::new(
        vec![Edit::insert(after.end, format!(" ({safe})"))],
        value,
    ))
}

/// `set plan 2`: the plans-done count of `Plan: A of B` (a plan id `07-02` keeps its phase
/// part), refused past B. A value with more than a number replaces the whole value.
pub(super) fn set_plan(state: &StateDoc, line: &PlanLine, value: &str) -> Result<Plan, UserError> {
    let doc = &state.doc;
    if !value.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(UserError::new(format!("`{value}` is not a plan count"))
            .hint("a whole number (`2`), or the whole value: `2 of 4`"));
    }
    let given: Option<u64> = value.parse().ok();
    let (n, total) = match given {
        Some(n) => (Some(n), line.total_count(doc)),
        None => {
            let lead = first_integer(value).map(|(n, _)| n);
            let total = value
                .find(|c: char| !c.is_ascii_digit())
                .and_then(|i| strip_of_total(&value[i..]));
            (lead, total)
        }
    };
    if let (Some(n), Some(total)) = (n, total)
        && n > total
    {
        return Err(state_error(format!(
            "plan {n} is past the phase's plans: the line says `of {total}`"
        ))
        .at_value(doc, &line.field)
        .hint(format!(
            "set the total first (`gsd state set plan_total {n}`), or give the whole value: `gsd state set plan '{n} of {n}'`"
        )));
    }
    match (given, line.done.clone()) {
        (Some(n), Some(done)) => {
            let written = doc.text(done.clone());
            let text = match written.rsplit_once('-') {
                Some((phase, plan)) => format!("{phase}-{}", pad_like(n, plan)),
                None => pad_like(n, written),
            };
            Ok(Plan::new(vec![Edit::replace(done, text)], n.to_string()))
        }
        _ => Ok(Plan::new(vec![set_field(state, &line.field, value)], value)),
    }
}

/// `set plan_total 4`: the B of `Plan: A of B`, never below A.
pub(super) fn set_plan_total(doc: &Doc, line: &PlanLine, value: &str) -> Result<Plan, UserError> {
    let field = fields::resolve("plan_total").expect("a field");
    let n = whole_number(field, value)?;
    let Some(total) = line.total.clone() else {
        return Err(no_part(field, &line.field, doc, "`of N` total"));
    };
    if let Some(done) = line.done_count(doc)
        && n < done
    {
        return Err(state_error(format!(
            "the plan total cannot be {n}: the line counts {done} plans done"
        ))
        .at_value(doc, &line.field)
        .hint(format!("give a total of {done} or more")));
    }
    let text = pad_like(n, doc.text(total.clone()));
    Ok(Plan::new(vec![Edit::replace(total, text)], n.to_string()))
}

/// `set last_activity "Planned phase 3"`: the text after the date, with today's date (the
/// activity happened now) and the line's separator; a value that starts with a date is the
/// whole value, written as given.
pub(super) fn set_activity(
    state: &StateDoc,
    clock: &Clock,
    line: &ActivityLine,
    value: &str,
) -> Plan {
    let doc = &state.doc;
    if crate::model::values::leading_date(value).is_some() {
        return Plan::new(vec![set_field(state, &line.field, value)], value);
    }
    let today = clock.date();
    let Some((_, date)) = line
        .date
        .clone()
        .filter(|(_, d)| d.start == line.field.value.start)
    else {
        // `Phase 12 execution (2026-03-07)`: the date trails in parentheses; the new text
        // keeps that shape with today's date. Any other shape gets the value as given.
        if let Some((_, d)) = &line.date
            && doc.text(line.field.value.start..d.start).ends_with(" (")
            && doc.text(d.end..line.field.value.end) == ")"
        {
            let text = format!("{value} ({today})");
            return Plan::new(vec![set_field(state, &line.field, &text)], text);
        }
        return Plan::new(vec![set_field(state, &line.field, value)], value);
    };
    let old = line.field.value(doc);
    let sep = match &line.separator {
        Some(r) if doc.text(r.clone()).trim().is_empty() => date_separator_in(doc, old).to_string(),
        Some(r) => doc.text(r.clone()).to_string(),
        None => date_separator_in(doc, old).to_string(),
    };
    let safe = crate::ops::style::table_safe(doc, line.field.line, value);
    let edit = Edit::replace(
        date.start..line.field.value.end,
        format!("{today}{sep}{safe}"),
    );
    Plan::new(vec![edit], format!("{today}{sep}{value}"))
}

/// The refusal for a line without the part a field names.
pub(super) fn no_part(field: &FieldName, line: &Field, doc: &Doc, part: &str) -> UserError {
    state_error(format!(
        "the `{}:` line (`{}`) has no {part} to set",
        field.label,
        line.value(doc)
    ))
    .at_value(doc, line)
    .hint(format!(
        "set the whole line instead: `gsd state set {} '…'`",
        match field.name {
            "phase_total" | "phase_name" => "phase",
            "plan_total" => "plan",
            "last_activity_date" => "last_activity",
            other => other,
        }
    ))
}
