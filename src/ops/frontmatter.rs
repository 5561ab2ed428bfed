//! Frontmatter edits: only keys that already exist, only their value bytes.
//!
//! Real frontmatter is not reliably YAML, so it is never re-serialised. A value is replaced in
//! place and keeps its quoting; keys are never added or dropped (the incumbent injected whole
//! blocks, which is one of the bugs gsd exists to fix).

use chrono::{DateTime, FixedOffset};

use crate::edit::Edit;
use crate::model::status::StatusKind;
use crate::ops::style::timestamp_like;
use crate::syntax::{Doc, Frontmatter, FrontmatterEntry};

/// Sets `key` (dotted, `progress.percent`) in every frontmatter block that has it.
pub fn set(doc: &Doc, key: &str, value: &str) -> Vec<Edit> {
    doc.frontmatter
        .iter()
        .filter_map(|fm| fm.get(key).map(|e| (fm, e)))
        .filter(|(fm, e)| !is_parent(fm, e))
        .map(|(_, e)| {
            let raw = doc.text(e.value_span.clone());
            Edit::replace(e.value_span.clone(), quote_like(raw, value))
        })
        .collect()
}

/// The current value of `key` in the first block that has it (quotes removed).
pub fn get<'a>(doc: &'a Doc, key: &str) -> Option<&'a str> {
    doc.frontmatter
        .iter()
        .find_map(|fm| fm.get(key))
        .map(|e| e.value(&doc.source))
}

/// Sets a timestamp key (`last_updated`) to `now` in the shape its value already has.
pub fn set_timestamp(doc: &Doc, key: &str, now: DateTime<FixedOffset>) -> Vec<Edit> {
    let Some(old) = get(doc, key) else {
        return Vec::new();
    };
    match timestamp_like(old, now) {
        Some((ts, len)) => set(doc, key, &format!("{ts}{}", &old[len..])),
        None => Vec::new(),
    }
}

/// Sets the frontmatter `status` (when the key exists) to match a new body status. A value
/// that already means it stays as written (`in-progress`). Files written by GSD keep a machine
/// token there (`executing`, `ready_to_plan`, `wave_2_ready`): a token gets a token, never
/// body words: GSD's own one-word tokens (`planning`, `executing`, `completed`), or for a
/// compound token the `ready_to_plan` / `ready-to-execute` form in its own separator. A
/// free-text value gets the body's words.
pub fn set_status(doc: &Doc, body_status: &str) -> Vec<Edit> {
    let Some(old) = get(doc, "status") else {
        return Vec::new();
    };
    let kind = StatusKind::classify(body_status);
    if StatusKind::classify(old) == kind {
        return Vec::new();
    }
    let token = !old.is_empty()
        && old
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !token {
        return set(doc, "status", body_status);
    }
    let sep = old.chars().find(|c| matches!(c, '_' | '-'));
    let new = match (sep, kind) {
        (Some(s), StatusKind::Planning) => format!("ready{s}to{s}plan"),
        (Some(s), StatusKind::ReadyToExecute) => format!("ready{s}to{s}execute"),
        (_, StatusKind::Planning) => "planning".to_string(),
        (_, StatusKind::ReadyToExecute | StatusKind::InProgress) => "executing".to_string(),
        (_, StatusKind::PhaseComplete | StatusKind::MilestoneComplete) => "completed".to_string(),
        _ => return set(doc, "status", body_status),
    };
    set(doc, "status", &new)
}

/// Whether an entry opens a nested map (a value-less key with `key.child` entries).
fn is_parent(fm: &Frontmatter, entry: &FrontmatterEntry) -> bool {
    let prefix = format!("{}.", entry.key);
    entry.value_span.is_empty() && fm.entries.iter().any(|e| e.key.starts_with(&prefix))
}

/// `value` written the way `raw` was: in the same quotes, or bare when that stays readable.
fn quote_like(raw: &str, value: &str) -> String {
    if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        return format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
    }
    if raw.len() >= 2 && raw.starts_with('\'') && raw.ends_with('\'') {
        return format!("'{}'", value.replace('\'', "''"));
    }
    let needs_quotes = value.contains(": ")
        || value.contains(" #")
        || value.starts_with([
            '"', '\'', '{', '[', '&', '*', '!', '|', '>', '%', '@', '`', '#',
        ])
        || value != value.trim();
    if needs_quotes && !raw.contains(": ") {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::EditSet;
    use crate::source::Source;

    fn apply(text: &str, edits: Vec<Edit>) -> String {
        let mut set = EditSet::new();
        set.extend(edits);
        set.apply(text).unwrap()
    }

    #[test]
    fn only_existing_keys_change_and_quotes_are_kept() {
        let text = "---\nstatus: executing\nlast_updated: \"2026-01-01T00:00:00.000Z\"\nprogress:\n  percent: 40\n---\n# S\n";
        let doc = Doc::parse(Source::new("S", text.to_string()));
        let now = DateTime::parse_from_rfc3339("2026-02-01T10:00:00Z").unwrap();
        let mut edits = set(&doc, "status", "complete");
        edits.extend(set(&doc, "progress.percent", "50"));
        edits.extend(set(&doc, "stopped_at", "x"));
        edits.extend(set_timestamp(&doc, "last_updated", now));
        assert_eq!(
            apply(text, edits),
            "---\nstatus: complete\nlast_updated: \"2026-02-01T10:00:00.000Z\"\nprogress:\n  percent: 50\n---\n# S\n"
        );
    }
}
