//! The frontmatter mirror of a body field: `state set` keeps the two saying the same thing.

use super::position::leading_phase;
use super::values::{parse_percent, whole_number};
use crate::edit::Edit;
use crate::error::UserError;
use crate::model::state::fields::FieldName;
use crate::ops::Clock;
use crate::ops::frontmatter;
use crate::ops::style::{date_separator_in, phase_like};
use crate::syntax::Doc;

/// The value a field kept only in the frontmatter gets, checked as the body's would be.
pub(super) fn checked_mirror_value(field: &FieldName, value: &str) -> Result<String, UserError> {
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

/// The frontmatter key that mirrors a field, when it has one.
pub(super) fn mirror_key(field: &str) -> Option<&'static str> {
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
pub(super) fn mirror_edits(
    doc: &Doc,
    clock: &Clock,
    field: &str,
    value: &str,
    shown: &str,
) -> Vec<Edit> {
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
