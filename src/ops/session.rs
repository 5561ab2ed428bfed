//! `gsd state session --stopped-at T [--resume-file P]`: session continuity.
//!
//! Touches the `Last session` line (same timestamp shape as before), `Stopped at`, the resume
//! pointer only when one is given, and the matching frontmatter keys that already exist.
//! A missing `Stopped at` / `Resume file` line is added next to its siblings in their label
//! style; a file with no session block at all gets the template's `## Session Continuity`
//! section at its end.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::field::Field;
use crate::model::state::StateDoc;
use crate::model::workspace::Workspace;
use crate::ops::field::set_field;
use crate::ops::insert::{insert_after_line, insert_before_line};
use crate::ops::style::timestamp_like;
use crate::ops::{Clock, Outcome, PlanningFile, file_change, frontmatter, state_error};
use crate::syntax::Doc;

/// The edits that record a session; shared with `complete`.
pub fn session_edits(
    state: &StateDoc,
    clock: &Clock,
    stopped_at: &str,
    resume_file: Option<&str>,
) -> Vec<Edit> {
    let s = &state.session;
    let doc = &state.doc;
    let mut edits = Vec::new();
    if let Some(last) = &s.last {
        edits.push(last_session_edit(state, last, clock));
    }
    let siblings: Vec<&Field> = [&s.last, &s.stopped_at, &s.resume_file]
        .into_iter()
        .flatten()
        .collect();
    let Some(model) = siblings.iter().max_by_key(|f| f.line).copied() else {
        // A file of no sections (empty, or notes) is not given one.
        if doc.sections.is_empty() {
            return edits;
        }
        edits.push(new_section(doc, clock, stopped_at, resume_file));
        edits.extend(frontmatter::set(doc, "stopped_at", stopped_at));
        edits.extend(frontmatter::set_timestamp(doc, "last_updated", clock.now));
        return edits;
    };
    let mut added: Vec<String> = Vec::new();
    match &s.stopped_at {
        Some(f) => edits.push(set_field(state, f, stopped_at)),
        None => added.push(format!(
            "{}{stopped_at}",
            model.style.render_label("Stopped at")
        )),
    }
    if let Some(path) = resume_file {
        match &s.resume_file {
            Some(f) => edits.push(set_field(state, f, path)),
            None => added.push(format!("{}{path}", model.style.render_label("Resume file"))),
        }
    }
    if !added.is_empty() {
        edits.push(insert_after_line(doc, model.line, &added));
    }
    edits.extend(frontmatter::set(doc, "stopped_at", stopped_at));
    if let Some(path) = resume_file {
        edits.extend(frontmatter::set(doc, "resume_file", path));
    }
    edits.extend(frontmatter::set_timestamp(doc, "last_updated", clock.now));
    edits
}

/// The template's `## Session Continuity` section, appended to a file that has none (where the
/// template keeps it: last). Replaying real completions, authors whose STATE.md lacked one
/// added it when they recorded a plan.
fn new_section(doc: &Doc, clock: &Clock, stopped_at: &str, resume_file: Option<&str>) -> Edit {
    let section = [
        "## Session Continuity".to_string(),
        String::new(),
        format!("Last session: {}", clock.date()),
        format!("Stopped at: {stopped_at}"),
        format!("Resume file: {}", resume_file.unwrap_or("None")),
    ];
    if let Some(rule) = footer_rule(doc) {
        // Above a closing `---` / `*State initialized: …*` footer, which stays last.
        let mut lines = Vec::new();
        if rule > 0 && !doc.line(rule - 1).trim().is_empty() {
            lines.push(String::new());
        }
        lines.extend(section);
        lines.push(String::new());
        return insert_before_line(doc, rule, &lines);
    }
    let last = doc.source.lines.len().saturating_sub(1);
    let mut lines = Vec::new();
    if !doc.line(last).trim().is_empty() {
        lines.push(String::new());
    }
    lines.extend(section);
    insert_after_line(doc, last, &lines)
}

/// The line of a closing footer's rule: a `---` after the last section's text, followed only
/// by italic lines (`*Last updated: …*`) and blank ones.
fn footer_rule(doc: &Doc) -> Option<usize> {
    let mut i = doc.source.lines.len();
    let mut saw_italic = false;
    while i > 0 {
        i -= 1;
        let t = doc.line(i).trim();
        if t.is_empty() {
            continue;
        }
        if t == "---" || t == "***" {
            return saw_italic.then_some(i);
        }
        let italic = (t.starts_with('*') && t.ends_with('*') && !t.starts_with("**"))
            || (t.starts_with('_') && t.ends_with('_'));
        if !italic {
            return None;
        }
        saw_italic = true;
    }
    None
}

/// `Last session:` with the current time in the shape the value already has; a value that is
/// not a timestamp (empty, or the incumbent's `--stopped-at` leak) gets an ISO timestamp.
fn last_session_edit(state: &StateDoc, field: &Field, clock: &Clock) -> Edit {
    let value = field.value(&state.doc);
    match timestamp_like(value, clock.now) {
        Some((ts, len)) => Edit::replace(field.value.start..field.value.start + len, ts),
        None => {
            let iso = clock
                .now
                .with_timezone(&chrono::Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            set_field(state, field, &iso)
        }
    }
}

/// Runs `session`.
pub fn session(
    ws: &Workspace,
    clock: &Clock,
    stopped_at: &str,
    resume_file: Option<&str>,
) -> Result<Outcome, UserError> {
    if stopped_at.trim().is_empty() || stopped_at.contains(['\n', '\r']) {
        return Err(UserError::new("--stopped-at needs one line of text")
            .hint("say where work stopped, e.g. --stopped-at \"Completed 02-01-PLAN.md\""));
    }
    let s = &ws.state.session;
    if s.last.is_none()
        && s.stopped_at.is_none()
        && s.resume_file.is_none()
        && ws.state.doc.sections.is_empty()
    {
        return Err(state_error(
            "has no session block (`Last session:` / `Stopped at:` lines) and no sections",
        )
        .hint(
            "add a `## Session Continuity` section with `Stopped at:` and `Resume file:` lines",
        ));
    }
    let edits = session_edits(&ws.state, clock, stopped_at.trim(), resume_file);
    let mut out = Outcome::default();
    match file_change(ws, PlanningFile::State, &ws.state.doc.source, edits) {
        Some(c) => out.changes.push((
            c,
            format!("session recorded (stopped at: {})", stopped_at.trim()),
        )),
        None => out.message = Some("the session is already recorded".into()),
    }
    Ok(out)
}
