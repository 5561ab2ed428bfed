//! `gsd state set <FIELD> <VALUE>`: one field's value, replaced in place.
//!
//! Only the value's bytes change; the label, its decoration and the line ending stay. An empty
//! field (`Resume file:`) is filled on its own line — the incumbent's regex ran on into the next
//! line and ate it. A field the file does not have is refused rather than invented.
//!
//! A value is checked against what the line holds before anything is written, because a bad
//! value breaks the file for every reader after it (`Progress: abc`, `Phase: 9 of 5`, an empty
//! `Status:`): refused values exit 2 with the forms the field accepts. A number given for a
//! line that carries more than a number changes only the number: `Average duration: 6 min`
//! keeps ` min`, `Phase: 2 of 5 (Name)` keeps ` of 5`, the bar is redrawn for a percent. The
//! frontmatter keys that mirror a field (`status`, `milestone`, `stopped_at`,
//! `last_activity`, `progress.percent`, `progress.completed_plans`, `current_phase`) follow
//! it, as `complete` and `begin` keep them.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::PhaseNum;
use crate::model::field::Field;
use crate::model::state::fields::{self, FieldName};
use crate::model::state::{ActivityLine, PhaseLine, PlanLine, StateDoc};
use crate::model::values::{first_integer, first_number, is_placeholder_value, parse_minutes};
use crate::model::workspace::Workspace;
use crate::ops::field::set_field;
use crate::ops::frontmatter;
use crate::ops::style::{date_separator_in, pad_like, phase_like, render_bar};
use crate::ops::{Clock, Outcome, PlanningFile, file_change, state_error};
use crate::syntax::Doc;

pub use crate::model::state::fields::FIELDS;

/// Resolves a user-typed field name (`status`, `Last-Activity`, `position.status`,
/// `average_minutes`) to its canonical name.
pub fn resolve(name: &str) -> Option<&'static str> {
    resolve_field(name).map(|f| f.name)
}

/// [`resolve`], giving the whole table entry. A JSON path prefix (`position.`) is ignored, so
/// what `get` prints under a path is set under the same path.
fn resolve_field(name: &str) -> Option<&'static FieldName> {
    let n = fields::normalize(name);
    let n = [
        "position.",
        "session.",
        "metrics.",
        "project_reference.",
        "progress.",
    ]
    .iter()
    .find_map(|p| n.strip_prefix(p))
    .unwrap_or(&n);
    let n = match n {
        "last_activity.text" => "last_activity",
        "last_activity.date" => "last_activity_date",
        "last" if name.contains('.') => "last_session",
        other => other,
    };
    fields::resolve(n)
}

/// The field line for a known short name, if the file has it.
pub fn field_of<'a>(state: &'a StateDoc, name: &str) -> Option<&'a Field> {
    let p = &state.position;
    let m = &state.metrics;
    let s = &state.session;
    match name {
        "status" => p.status.as_ref(),
        "phase" | "phase_total" | "phase_name" => p.phase.as_ref().map(|x| &x.field),
        "plan" | "plan_total" => p.plan.as_ref().map(|x| &x.field),
        "milestone" => p.milestone.as_ref(),
        "last_activity" | "last_activity_date" => p.last_activity.as_ref().map(|x| &x.field),
        "progress" => p.progress.as_ref().map(|x| &x.field),
        "core_value" => state.reference.core_value.as_ref(),
        "current_focus" => state.reference.current_focus.as_ref(),
        "project_updated" => state.reference.see.as_ref(),
        "plans_completed" => m.plans_completed.as_ref(),
        "average_duration" => m.average.as_ref(),
        "total_time" => m.total_time.as_ref(),
        "trend" => m.trend.as_ref(),
        "last_session" => s.last.as_ref(),
        "stopped_at" => s.stopped_at.as_ref(),
        "resume_file" => s.resume_file.as_ref(),
        _ => None,
    }
}

/// What setting one field comes to: the edits, how the new value reads, notices.
struct Plan {
    edits: Vec<Edit>,
    /// The summary line's value (`100%`, `3 of 5 (Docs)`).
    shown: String,
    notices: Vec<String>,
    /// The phase name a new phase number brought (for the frontmatter's
    /// `current_phase_name`).
    phase_name: Option<String>,
}

impl Plan {
    fn new(edits: Vec<Edit>, shown: impl Into<String>) -> Plan {
        Plan {
            edits,
            shown: shown.into(),
            notices: Vec::new(),
            phase_name: None,
        }
    }
}

/// Runs `set`.
pub fn set(ws: &Workspace, clock: &Clock, name: &str, value: &str) -> Result<Outcome, UserError> {
    let Some(field) = resolve_field(name) else {
        return Err(unknown_field(name));
    };
    if value.contains(['\n', '\r']) {
        return Err(UserError::new("the value must be a single line")
            .hint("a field is one line of STATE.md; put longer text in a section"));
    }
    let value = value.trim();
    if value.is_empty() {
        return Err(UserError::new(format!("`{}` cannot be set to nothing", field.name))
            .hint(format!(
                "give a value ({}); to say there is none, write what the file uses for that, e.g. `None`",
                field.about
            )));
    }
    let state = &ws.state;
    let doc = &state.doc;
    let mut plan = match field_of(state, field.name) {
        Some(line) => plan_body(ws, clock, field, line, value)?,
        None => match mirror_key(field.name).filter(|k| frontmatter::get(doc, k).is_some()) {
            // Only the frontmatter has it: that is the field to set, checked the same way.
            Some(_) => Plan::new(Vec::new(), checked_mirror_value(field, value)?),
            None => {
                return Err(state_error(format!("has no `{}:` line to set", field.label)).hint(
                    "gsd changes fields in place and never invents one; add the line by hand first",
                ));
            }
        },
    };
    plan.edits
        .extend(mirror_edits(doc, clock, field.name, value, &plan.shown));
    if let Some(name) = &plan.phase_name {
        plan.edits
            .extend(frontmatter::set(doc, "current_phase_name", name));
    }
    let summary = match field_of(state, field.name) {
        Some(line) => format!("{}: {}", field.label, new_value(doc, line, &plan.edits)),
        None => format!("{}: {}", field.label, plan.shown),
    };
    let mut out = Outcome {
        notices: plan.notices,
        ..Outcome::default()
    };
    // `last_updated` moves only when something else changes.
    let changes = file_change(ws, PlanningFile::State, &doc.source, plan.edits.clone());
    match changes {
        Some(_) => {
            plan.edits
                .extend(frontmatter::set_timestamp(doc, "last_updated", clock.now));
            if let Some(change) = file_change(ws, PlanningFile::State, &doc.source, plan.edits) {
                out.changes.push((change, summary));
            }
        }
        None => {
            // The line's label, unless several fields share it (`Phase`: phase, phase_total).
            let shared = FIELDS.iter().filter(|f| f.label == field.label).count() > 1;
            let what = if shared { field.name } else { field.label };
            out.message = Some(format!("{what} is already `{}`", plan.shown));
        }
    }
    Ok(out)
}

/// The whole value of `line` once `edits` are made (the summary shows the line as written,
/// `02 of 06 (Search)`, not just the part that changed).
fn new_value(doc: &Doc, line: &Field, edits: &[Edit]) -> String {
    let start = line.value.start;
    let end = line.value.end;
    let mut ours: Vec<&Edit> = edits
        .iter()
        .filter(|e| e.range.start >= start && e.range.end <= end)
        .collect();
    ours.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::new();
    let mut cursor = start;
    for e in ours {
        if e.range.start < cursor {
            continue;
        }
        out.push_str(doc.text(cursor..e.range.start));
        out.push_str(&e.replacement);
        cursor = e.range.end;
    }
    out.push_str(doc.text(cursor..end));
    // A `| Field | Value |` cell shows `\|` as the `|` it stands for.
    if doc.kinds[line.line].is_table_row() {
        return crate::syntax::table::unescape_cell(out.trim()).into_owned();
    }
    out.trim().to_string()
}

/// The refusal for a name no field has: the closest name when one is near, and the list.
fn unknown_field(name: &str) -> UserError {
    let near = fields::suggest(name, fields::all_names())
        .and_then(fields::resolve)
        .map(|f| f.name);
    let message = match near {
        Some(n) => format!("unknown field `{name}`; did you mean `{n}`?"),
        None => format!("unknown field `{name}`"),
    };
    UserError::new(message).hint(format!(
        "fields: {} (`gsd state set --help` says what each takes)",
        fields::names_list()
    ))
}

/// The value a field kept only in the frontmatter gets, checked as the body's would be.
fn checked_mirror_value(field: &FieldName, value: &str) -> Result<String, UserError> {
    Ok(match field.name {
        "progress" => format!("{}%", parse_percent(value)?),
        "plans_completed" => whole_number(field, value)?.to_string(),
        "phase" | "current_phase" => match leading_phase(value) {
            Some((n, rest)) if rest.trim().is_empty() => n.to_string(),
            _ => {
                return Err(
                    UserError::new(format!("`{value}` is not a phase number")).hint(
                        "the frontmatter's `current_phase:` takes a phase number (`3`, `02.1`)",
                    ),
                );
            }
        },
        _ => value.to_string(),
    })
}

/// The body edits for one field, whose line is `line`.
fn plan_body(
    ws: &Workspace,
    clock: &Clock,
    field: &FieldName,
    line: &Field,
    value: &str,
) -> Result<Plan, UserError> {
    let state = &ws.state;
    let doc = &state.doc;
    let p = &state.position;
    let missing = || no_part(field, line, doc, "value");
    match field.name {
        "progress" => set_progress(state, value),
        "phase" => set_phase(ws, p.phase.as_ref().ok_or_else(missing)?, value),
        "phase_total" => set_phase_total(doc, p.phase.as_ref().ok_or_else(missing)?, value),
        "phase_name" => set_phase_name(doc, p.phase.as_ref().ok_or_else(missing)?, value),
        "plan" => set_plan(state, p.plan.as_ref().ok_or_else(missing)?, value),
        "plan_total" => set_plan_total(doc, p.plan.as_ref().ok_or_else(missing)?, value),
        "last_activity" => Ok(set_activity(
            state,
            clock,
            p.last_activity.as_ref().ok_or_else(missing)?,
            value,
        )),
        "last_activity_date" => {
            let date = parse_date(field, value)?;
            match p.last_activity.as_ref().and_then(|a| a.date.clone()) {
                Some((_, r)) => Ok(Plan::new(vec![Edit::replace(r, &date)], date)),
                None => Err(no_part(field, line, doc, "date")),
            }
        }
        "project_updated" => {
            let date = parse_date(field, value)?;
            match &state.reference.project_updated {
                Some((_, r)) => Ok(Plan::new(vec![Edit::replace(r.clone(), &date)], date)),
                None => Err(no_part(field, line, doc, "date")),
            }
        }
        "plans_completed" => {
            let n = whole_number(field, value)?;
            Ok(number_only(state, line, &n.to_string()))
        }
        "average_duration" => set_duration(state, field, line, value, " min"),
        "total_time" => set_duration(state, field, line, value, " hours"),
        _ => Ok(Plan::new(vec![set_field(state, line, value)], value)),
    }
}

/// `set progress 40`: a whole percent from 0 to 100; the number and the bar change, and a
/// note counting the percent (`(7 of 9 phases)`) follows it.
fn set_progress(state: &StateDoc, value: &str) -> Result<Plan, UserError> {
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
fn parse_percent(value: &str) -> Result<u64, UserError> {
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
fn progress_note_edit(state: &StateDoc, pct: u64) -> (Option<Edit>, Option<String>) {
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

/// The phase number a value starts with (after an optional `Phase `), and the rest.
fn leading_phase(value: &str) -> Option<(PhaseNum, &str)> {
    let v = crate::model::values::strip_prefix_ci(value, "phase ").unwrap_or(value);
    let len = v
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(v.len());
    let num = v[..len].trim_end_matches('.');
    PhaseNum::parse(num).map(|n| (n, &v[num.len()..]))
}

/// The leading integer of a phase number (`02.1` → 2, `12A` → 12), for comparing with the
/// line's `of N`.
fn phase_integer(n: &PhaseNum) -> Option<u64> {
    first_integer(n.as_str())
        .filter(|(_, r)| r.start == 0)
        .map(|(n, _)| n)
}

/// `set phase 3`: the number in the line's padding, `of N` kept (a number past it refused),
/// the name from ROADMAP.md (kept, with a notice, when ROADMAP.md does not name the phase), a
/// status the old phase had dropped. A value with more than a number replaces the whole
/// value, checked the same way.
fn set_phase(ws: &Workspace, line: &PhaseLine, value: &str) -> Result<Plan, UserError> {
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
    let edits = crate::ops::position::phase_line_edits(state, line, &n, name.as_deref());
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
fn strip_of_total(rest: &str) -> Option<u64> {
    let r = rest.trim_start();
    let r = crate::model::values::strip_prefix_ci(r, "of ")
        .or_else(|| r.strip_prefix('/'))?
        .trim_start();
    first_integer(r)
        .filter(|(_, range)| range.start == 0)
        .map(|(n, _)| n)
}

/// `set phase_total 6`: the `of N` of the Phase line.
fn set_phase_total(doc: &Doc, line: &PhaseLine, value: &str) -> Result<Plan, UserError> {
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
fn set_phase_name(doc: &Doc, line: &PhaseLine, value: &str) -> Result<Plan, UserError> {
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
fn set_plan(state: &StateDoc, line: &PlanLine, value: &str) -> Result<Plan, UserError> {
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
fn set_plan_total(doc: &Doc, line: &PlanLine, value: &str) -> Result<Plan, UserError> {
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
fn set_activity(state: &StateDoc, clock: &Clock, line: &ActivityLine, value: &str) -> Plan {
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

/// `set average_duration 5` / `set total_time 2`: a bare number replaces only the line's
/// number, so its unit (` min`, ` hours`) and decoration stay; a duration with a unit is the
/// whole value. A placeholder line (`-`, `[X] min`) gets the number with the line's unit, or
/// `default_unit`.
fn set_duration(
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
fn number_only(state: &StateDoc, line: &Field, value: &str) -> Plan {
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

fn whole_number(field: &FieldName, value: &str) -> Result<u64, UserError> {
    value.parse::<u64>().map_err(|_| {
        UserError::new(format!("`{value}` is not a whole number"))
            .hint(format!("{} takes {}", field.name, field.about))
    })
}

fn parse_date(field: &FieldName, value: &str) -> Result<String, UserError> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            UserError::new(format!("`{value}` is not a date")).hint(format!(
                "{} takes a date as YYYY-MM-DD (2026-02-01)",
                field.name
            ))
        })
}

/// The refusal for a line without the part a field names.
fn no_part(field: &FieldName, line: &Field, doc: &Doc, part: &str) -> UserError {
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

/// The frontmatter key that mirrors a field, when it has one.
fn mirror_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "status" => "status",
        "milestone" => "milestone",
        "stopped_at" => "stopped_at",
        "last_activity" => "last_activity",
        "progress" => "progress.percent",
        "plans_completed" => "progress.completed_plans",
        "phase" => "current_phase",
        "phase_name" => "current_phase_name",
        _ => return None,
    })
}

/// The frontmatter edits that keep a field's mirror in step (only keys the file has).
fn mirror_edits(doc: &Doc, clock: &Clock, field: &str, value: &str, shown: &str) -> Vec<Edit> {
    let Some(key) = mirror_key(field) else {
        return Vec::new();
    };
    let Some(old) = frontmatter::get(doc, key) else {
        return Vec::new();
    };
    match field {
        "status" => frontmatter::set_status(doc, value),
        "progress" => frontmatter::set(doc, key, shown.trim_end_matches('%')),
        "phase" => match leading_phase(value) {
            Some((n, rest)) if rest.trim().is_empty() => {
                frontmatter::set(doc, key, &phase_like(&n, old))
            }
            Some((n, _)) => frontmatter::set(doc, key, &phase_like(&n, old)),
            None => Vec::new(),
        },
        "last_activity" => {
            // The mirror in its own shape: a date alone stays a date; a date and text get
            // the frontmatter value's own separator.
            let (date, text) = match crate::model::values::leading_date(value) {
                Some((d, r)) => {
                    let tail = &value[r.end..];
                    let sep = crate::model::state::position::separator_len(tail);
                    (d.format("%Y-%m-%d").to_string(), tail[sep..].to_string())
                }
                None => (clock.date(), value.to_string()),
            };
            let new = if old.len() <= 10 || text.is_empty() {
                date
            } else {
                format!("{date}{}{text}", date_separator_in(doc, old))
            };
            frontmatter::set(doc, key, &new)
        }
        _ => frontmatter::set(doc, key, value),
    }
}

/// Adds the `line:column` of a field's value to an error.
trait AtValue {
    fn at_value(self, doc: &Doc, field: &Field) -> Self;
}

impl AtValue for UserError {
    fn at_value(self, doc: &Doc, field: &Field) -> Self {
        let (l, c) = doc.source.line_col(field.value.start);
        self.at(l, c)
    }
}
