//! The Current Position edits every command that moves or records the position shares:
//! the `Phase:` line for a new phase, `Current focus:`, and `Last activity:` (body and
//! frontmatter). `begin`, `complete`, `phase complete` and `phase plan` call these; none keeps
//! its own copy, so the lines read the same whichever command wrote them last.

use crate::edit::Edit;
use crate::model::ids::PhaseNum;
use crate::model::state::StateDoc;
use crate::model::status::StatusKind;
use crate::model::values::is_placeholder_value;
use crate::ops::field::set_field;
use crate::ops::style::{date_separator_in, done_suffix, file_separator, phase_like};
use crate::ops::{Clock, frontmatter};
use crate::syntax::Doc;

/// `Phase: N of Y (Name)` for a new phase: the number in the line's padding, `of Y` kept, the
/// name replaced (or dropped when unknown: the old phase's name would be wrong), and the old
/// phase's status (`— EXECUTING`, `(complete)`, `— COMPLETE`) removed. Shared with `complete` when a plan moves to another phase.
pub fn phase_line_edits(
    state: &StateDoc,
    line: &crate::model::state::PhaseLine,
    phase: &PhaseNum,
    name: Option<&str>,
    executing: bool,
) -> Vec<Edit> {
    let doc = &state.doc;
    let mut edits = Vec::new();
    let shown = |written: &str| phase_like(phase, written);
    match line.number.clone() {
        Some(num) => {
            edits.push(Edit::replace(num.clone(), shown(doc.text(num.clone()))));
            let safe_name = name.map(|n| crate::ops::style::table_safe(doc, line.field.line, n));
            let name = safe_name.as_deref();
            match (name, line.name.clone(), line.total.clone()) {
                (Some(n), Some(r), _) => edits.push(Edit::replace(r, n)),
                (Some(n), None, Some(t)) => edits.push(Edit::insert(t.end, format!(" ({n})"))),
                // The old phase's name would be wrong for the new phase: drop it with its
                // parentheses or separator rather than leave it.
                (None, Some(r), total) => {
                    let from = total.map_or(num.end, |t| t.end);
                    let close = usize::from(doc.text(r.end..line.field.value.end).starts_with(')'));
                    edits.push(Edit::replace(from..r.end + close, ""));
                }
                _ => {}
            }
            let value = line.field.value(doc);
            let base = line.field.value.start;
            let handled = [
                Some(num.end),
                line.total.as_ref().map(|t| t.end),
                line.name.as_ref().map(|n| n.end),
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(num.end);
            // A status after the number (`— EXECUTING`, `(complete)`) described the old
            // phase: drop it with its separator.
            let from = handled
                + (doc.text(handled..line.field.value.end).len()
                    - doc
                        .text(handled..line.field.value.end)
                        .trim_start_matches(')')
                        .len());
            let stale_status = line.status.clone().filter(|st| {
                st.start >= from
                    && doc
                        .text(from..st.start)
                        .chars()
                        .all(|c| c.is_whitespace() || "—–-:(".contains(c))
            });
            // `— EXECUTING` alone still holds when the command records work in the new
            // phase (`complete` of its plan), as the incumbent's files write it.
            let still_true = |st: &std::ops::Range<usize>| {
                executing
                    && StatusKind::classify(doc.text(st.clone())) == StatusKind::InProgress
                    && doc.text(st.end..line.field.value.end).trim().is_empty()
            };
            if let Some(st) = stale_status.filter(|st| !still_true(st)) {
                let opened = doc.text(from..st.start).contains('(');
                let close =
                    usize::from(opened && doc.text(st.end..line.field.value.end).starts_with(')'));
                // A note in parentheses right after the status is part of it: `— COMPLETE
                // (5/5 plans)`, `— EXECUTING (Plan 02 verified, …)`.
                let mut end = st.end + close;
                let rest = doc.text(end..line.field.value.end);
                if let Some(inner) = rest.trim_start().strip_prefix('(')
                    && let Some(c) = crate::model::state::position::matching_paren(inner)
                {
                    end += rest.len() - rest.trim_start().len() + 1 + c + 1;
                }
                edits.push(Edit::replace(from..end, ""));
            } else if let Some(r) = done_suffix(value, handled - base) {
                edits.push(Edit::replace(base + r.start..base + r.end, ""));
            }
        }
        None => {
            let text = match name {
                Some(n) => format!("{phase} ({n})"),
                None => phase.to_string(),
            };
            edits.push(set_field(state, &line.field, &text));
        }
    }
    edits
}

/// `Current focus: Phase 2 - Name` → `Phase 3 - New name` in the same form: the words
/// before the phase (`v1.1 Discovery — Phase 4: Name`) kept, the number in its padding, the
/// separator as written, the old phase's name (and any note after it) replaced by the new
/// one's. `name` gives the new phase's name from the old one as written (a slug is answered
/// with a slug). A focus that names no phase (`v1.2 Referrals - referral tracking`), or names
/// several after other words, is about the milestone: `None`, left as the author wrote it.
pub fn focus_edit(
    state: &StateDoc,
    focus: &crate::model::Field,
    phase: &PhaseNum,
    name: impl Fn(Option<&str>) -> Option<String>,
) -> Option<Edit> {
    let value = focus.value(&state.doc);
    let mentions: Vec<usize> = value
        .match_indices("Phase ")
        .map(|(i, _)| i)
        .filter(|&i| value[i + 6..].starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    let Some(&at) = mentions.first() else {
        // No phase named: a placeholder or a bare status (`Ready to plan`) becomes the
        // phase; anything else is the author's own line about the milestone or project.
        let bare_status = matches!(
            StatusKind::classify(value),
            StatusKind::Planning
                | StatusKind::ReadyToExecute
                | StatusKind::InProgress
                | StatusKind::Verifying
                | StatusKind::PhaseComplete
        );
        if !(is_placeholder_value(value) || bare_status) {
            return None;
        }
        let text = match name(None) {
            Some(n) => format!("Phase {phase}{}{n}", file_separator(&state.doc)),
            None => format!("Phase {phase}"),
        };
        return Some(set_field(state, focus, &text));
    };
    if at > 0 && mentions.len() > 1 {
        return None;
    }
    let rest = &value[at + 6..];
    let num_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let after = &rest[num_len..];
    let sep = [" — ", " -- ", " - ", ": ", " – ", " ("]
        .into_iter()
        .find(|s| after.starts_with(*s));
    if sep.is_none() && at > 0 {
        return None;
    }
    let old_name = sep.map(|s| {
        let tail = &after[s.len()..];
        let end = if s == " (" {
            crate::model::state::position::matching_paren(tail).unwrap_or(tail.len())
        } else {
            [" (", " — ", " - ", "; ", ", "]
                .iter()
                .filter_map(|x| tail.find(x))
                .min()
                .unwrap_or(tail.len())
        };
        &tail[..end]
    });
    let shown = phase_like(phase, &rest[..num_len]);
    let prefix = &value[..at];
    let text = match (name(old_name), sep) {
        (Some(n), Some(" (")) => format!("{prefix}Phase {shown} ({n})"),
        (Some(n), Some(s)) => format!("{prefix}Phase {shown}{s}{n}"),
        (Some(n), None) => format!("{prefix}Phase {shown}{}{n}", file_separator(&state.doc)),
        (None, _) => format!("{prefix}Phase {shown}"),
    };
    Some(set_field(state, focus, &text))
}

/// `Last activity:` set to today and `text`, in the line's shape: a date alone stays a date
/// alone; `DATE — text` keeps its separator; anything else gets the file's separator. The one
/// implementation for every command that records what it did (`begin`, `complete`, `phase
/// complete`, `phase plan`).
pub fn activity_edit(state: &StateDoc, clock: &Clock, text: &str) -> Option<Edit> {
    let doc = &state.doc;
    let activity = state.position.last_activity.as_ref()?;
    let value = activity.field.value(doc);
    let today = clock.date();
    let dated = activity
        .date
        .as_ref()
        .is_some_and(|(_, d)| d.start == activity.field.value.start);
    let new = if dated && activity.text.is_none() && activity.separator.is_none() {
        today
    } else if dated {
        format!("{today}{}{text}", date_separator_in(doc, value))
    } else {
        format!("{today}{}{text}", file_separator(doc))
    };
    Some(set_field(state, &activity.field, &new))
}

/// The frontmatter's `last_activity:` mirror of [`activity_edit`]: a bare date stays a date,
/// a longer value gets today and `text` with its own separator.
pub fn frontmatter_activity_edits(doc: &Doc, clock: &Clock, text: &str) -> Vec<Edit> {
    let Some(old) = frontmatter::get(doc, "last_activity") else {
        return Vec::new();
    };
    let today = clock.date();
    let new = if old.len() <= 10 {
        today
    } else {
        format!("{today}{}{text}", date_separator_in(doc, old))
    };
    frontmatter::set(doc, "last_activity", &new)
}
