//! `gsd state set <FIELD> <VALUE>`: one field's value, replaced in place.
//!
//! Only the value's bytes change; the label, its decoration and the line ending stay. An empty
//! field (`Resume file:`) is filled on its own line — the incumbent's regex ran on into the next
//! line and ate it. A field the file does not have is refused rather than invented.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::field::Field;
use crate::model::state::StateDoc;
use crate::model::workspace::Workspace;
use crate::ops::style::render_bar;
use crate::ops::{Outcome, PlanningFile, file_change, state_error};
use crate::syntax::Doc;

/// The fields `set` knows, by short name, with the label used in messages.
pub const FIELDS: &[(&str, &str)] = &[
    ("status", "Status"),
    ("phase", "Phase"),
    ("plan", "Plan"),
    ("milestone", "Milestone"),
    ("last_activity", "Last activity"),
    ("progress", "Progress"),
    ("core_value", "Core value"),
    ("current_focus", "Current focus"),
    ("plans_completed", "Total plans completed"),
    ("average_duration", "Average duration"),
    ("total_time", "Total execution time"),
    ("trend", "Trend"),
    ("last_session", "Last session"),
    ("stopped_at", "Stopped at"),
    ("resume_file", "Resume file"),
];

/// Resolves a user-typed field name (`status`, `Last-Activity`, `position.status`).
pub fn resolve(name: &str) -> Option<&'static str> {
    let n = name.trim().to_lowercase().replace(['-', ' '], "_");
    let n = n
        .strip_prefix("position.")
        .or_else(|| n.strip_prefix("session."))
        .or_else(|| n.strip_prefix("metrics."))
        .or_else(|| n.strip_prefix("project_reference."))
        .unwrap_or(&n)
        .to_string();
    let alias = match n.as_str() {
        "last" | "session" => "last_session",
        "resume" => "resume_file",
        "focus" => "current_focus",
        "average" | "average_minutes" => "average_duration",
        "total_hours" | "execution_time" => "total_time",
        "percent" => "progress",
        other => other,
    };
    FIELDS.iter().map(|(f, _)| *f).find(|f| *f == alias)
}

/// The field line for a known short name, if the file has it.
pub fn field_of<'a>(state: &'a StateDoc, name: &str) -> Option<&'a Field> {
    let p = &state.position;
    let m = &state.metrics;
    let s = &state.session;
    match name {
        "status" => p.status.as_ref(),
        "phase" => p.phase.as_ref().map(|x| &x.field),
        "plan" => p.plan.as_ref().map(|x| &x.field),
        "milestone" => p.milestone.as_ref(),
        "last_activity" => p.last_activity.as_ref().map(|x| &x.field),
        "progress" => p.progress.as_ref().map(|x| &x.field),
        "core_value" => state.reference.core_value.as_ref(),
        "current_focus" => state.reference.current_focus.as_ref(),
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

/// The edit that makes `field`'s value `value`, filling an empty value on its own line.
pub fn set_field(state: &StateDoc, field: &Field, value: &str) -> Edit {
    set_field_text(&state.doc, field, value)
}

/// [`set_field`] for any parsed document.
pub fn set_field_text(doc: &Doc, field: &Field, value: &str) -> Edit {
    let value = crate::ops::style::table_safe(doc, field.line, value.trim());
    let value = value.as_str();
    if field.value.is_empty() {
        let before = doc.source.text[..field.value.start].chars().last();
        // Any whitespace the parser trimmed (a vertical tab too) already separates the
        // label from the value; adding a space would make a second run change the file.
        let space = if before.is_some_and(char::is_whitespace) {
            ""
        } else {
            " "
        };
        Edit::insert(field.value.start, format!("{space}{value}"))
    } else {
        Edit::replace(field.value.clone(), value)
    }
}

/// Runs `set`.
pub fn set(ws: &Workspace, name: &str, value: &str) -> Result<Outcome, UserError> {
    let Some(key) = resolve(name) else {
        let names: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
        return Err(UserError::new(format!("unknown field `{name}`"))
            .hint(format!("fields: {}", names.join(", "))));
    };
    if value.contains(['\n', '\r']) {
        return Err(UserError::new("the value must be a single line")
            .hint("a field is one line of STATE.md; put longer text in a section"));
    }
    let state = &ws.state;
    let label = FIELDS
        .iter()
        .find(|(f, _)| *f == key)
        .map_or(key, |(_, l)| l);
    let Some(field) = field_of(state, key) else {
        return Err(state_error(format!("has no `{label}:` line to set")).hint(
            "gsd changes fields in place and never invents one; add the line by hand first",
        ));
    };
    let edit = progress_edit(state, key, value).unwrap_or_else(|| set_field(state, field, value));
    let summary = format!("{label}: {}", value.trim());
    let mut out = Outcome::default();
    let mut edits = vec![edit];
    if key == "progress" {
        let (note, notice) = progress_note_edit(state, value);
        edits.extend(note);
        out.notices.extend(notice);
    }
    match file_change(ws, PlanningFile::State, &state.doc.source, edits) {
        Some(change) => out.changes.push((change, summary)),
        None => out.message = Some(format!("{label} is already `{}`", value.trim())),
    }
    Ok(out)
}

/// `set progress 100` next to `(7 of 9 phases)`: a note whose counts are the line's percent
/// moves with it (`(9 of 9 phases)`), so the line never says two things. When no whole count
/// gives the new percent (50% of 9 phases), the note is left as is and a notice says so. A
/// note counting something else (`Phase 6: 3/4 plans` beside the project's percent) is not
/// the percent and stays.
fn progress_note_edit(state: &StateDoc, value: &str) -> (Option<Edit>, Option<String>) {
    let doc = &state.doc;
    let Ok(pct) = value.trim().trim_end_matches('%').trim().parse::<f64>() else {
        return (None, None);
    };
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
    let pct = pct.clamp(0.0, 100.0).round();
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

/// `set progress 50`: a bare percent updates the number and redraws the bar in its glyphs.
fn progress_edit(state: &StateDoc, key: &str, value: &str) -> Option<Edit> {
    if key != "progress" {
        return None;
    }
    let pct: u64 = value.trim().trim_end_matches('%').trim().parse().ok()?;
    let line = state.position.progress.as_ref()?;
    let pct_range = line.percent.clone()?;
    let pct = pct.min(100);
    match &line.bar {
        Some(bar) => {
            let between = state.doc.text(bar.span.end..pct_range.start);
            Some(Edit::replace(
                bar.span.start..pct_range.end,
                format!("{}{between}{pct}", render_bar(bar, pct)),
            ))
        }
        None => Some(Edit::replace(pct_range, pct.to_string())),
    }
}
