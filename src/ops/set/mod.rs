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
use crate::model::field::Field;
use crate::model::state::StateDoc;
use crate::model::state::fields::{self, FieldName};
use crate::model::workspace::Workspace;
use crate::ops::field::set_field;
use crate::ops::frontmatter;
use crate::ops::{Clock, Outcome, PlanningFile, file_change, state_error};
use crate::syntax::Doc;

pub use crate::model::state::fields::FIELDS;

mod mirror;
mod position;
mod values;

use mirror::{checked_mirror_value, mirror_edits, mirror_key};
use position::{
    no_part, set_activity, set_phase, set_phase_name, set_phase_total, set_plan, set_plan_total,
};
use values::{number_only, parse_date, set_duration, set_progress, whole_number};

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
