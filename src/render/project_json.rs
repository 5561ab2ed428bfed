//! `gsd project show --json`: PROJECT.md as a versioned JSON object, and the same object
//! behind `gsd project get` and the human view, so the three never disagree.
//!
//! Top level: `version`, `file`, `title`, `what_this_is`, `core_value`, `current_milestone`,
//! `requirements` {`counts` {`validated`, `active`, `out_of_scope`, `other`}, `groups`
//! [{`kind`, `title`, `version`, `line`, `count`, `placeholder`, `items` [{`line`, `text`,
//! `done`, `validated_in`, `ids`}]}]}, `constraints` [{`line`, `label`, `text`}],
//! `key_decisions` {`line`, `columns`, `counts` {`good`, `revisit`, `pending`, `other`,
//! `total`}, `rows` [{`line`, `decision`, `rationale`, `outcome`, `outcome_kind`, `cells`}]},
//! `last_updated` {`date`, `text`, `line`}, `footer`, `sections` [{`title`, `level`, `line`}].
//! Lines are 1-based. A value the file does not have is `null`; text is as read (a table
//! cell's `\|` reads `|`), never a guess.

use serde_json::{Value, json};

use crate::model::decision_outcome::{OutcomeKind, classify};
use crate::model::project::{KeyDecisions, ProjectDoc, RequirementGroup, RequirementKind};
use crate::model::project_items::{marker_is_done, marker_len, requirement_ids, suffix};
use crate::model::state::Item;
use crate::syntax::Doc;
use crate::syntax::table::unescape_cell;

/// The JSON format's version; bumped only when a key changes meaning or goes away.
pub const VERSION: u32 = 1;

/// The whole view.
pub fn project_json(p: &ProjectDoc, file: &str) -> Value {
    let doc = &p.doc;
    json!({
        "version": VERSION,
        "file": file,
        "title": p.title_text().map(str::trim),
        "what_this_is": p.what_this_is.as_ref().map(|r| p.paragraph(r)),
        "core_value": p.core_value.as_ref().map(|r| p.paragraph(r)),
        "current_milestone": p.current_milestone(),
        "requirements": requirements(p),
        "constraints": constraints(p),
        "key_decisions": p.key_decisions.as_ref().map(|t| decisions(doc, t)),
        "last_updated": p.last_updated.as_ref().map(|(date, range)| json!({
            "date": date.to_string(),
            "text": p.last_updated_tail().map(|t| doc.text(t).trim().to_string()).filter(|t| !t.is_empty()),
            "line": doc.source.line_of(range.start) + 1,
        })),
        "footer": p.footer.map(|l| doc.line(l).trim()),
        "sections": doc.sections.iter().map(|s| json!({
            "title": doc.title(s),
            "level": s.level,
            "line": s.line + 1,
        })).collect::<Vec<_>>(),
    })
}

/// The JSON name of a requirements group kind.
pub fn kind_name(kind: RequirementKind) -> &'static str {
    match kind {
        RequirementKind::Validated => "validated",
        RequirementKind::Active => "active",
        RequirementKind::OutOfScope => "out_of_scope",
        RequirementKind::Other => "other",
    }
}

fn requirements(p: &ProjectDoc) -> Value {
    let count = |kind: RequirementKind| -> usize {
        p.requirement_groups
            .iter()
            .filter(|g| g.kind == kind)
            .map(|g| top_level(g).count())
            .sum()
    };
    json!({
        "counts": {
            "validated": count(RequirementKind::Validated),
            "active": count(RequirementKind::Active),
            "out_of_scope": count(RequirementKind::OutOfScope),
            "other": count(RequirementKind::Other),
        },
        "groups": p.requirement_groups.iter().map(|g| group(&p.doc, g)).collect::<Vec<_>>(),
    })
}

/// A group's requirements: its top-level items (nested bullets are details of the item
/// above them).
fn top_level(g: &RequirementGroup) -> impl Iterator<Item = &Item> {
    g.items.iter().filter(|i| i.depth <= 1)
}

fn group(doc: &Doc, g: &RequirementGroup) -> Value {
    let items: Vec<Value> = top_level(g).map(|i| item(doc, i)).collect();
    json!({
        "kind": kind_name(g.kind),
        "title": g.title,
        "version": g.version,
        "line": g.heading_line + 1,
        "count": items.len(),
        "placeholder": g.placeholder.map(|l| doc.line(l).trim()),
        "items": items,
    })
}

/// What a requirement line says: its text after the marker, whether it is marked done, the
/// value of its validation suffix and the requirement ids it names.
fn item(doc: &Doc, i: &Item) -> Value {
    let text = i.main_text(doc);
    let marker = marker_len(&text);
    let body = &text[marker..];
    json!({
        "line": i.line + 1,
        "text": body,
        "done": i.resolved || marker_is_done(&text[..marker]),
        "validated_in": suffix(body).map(|s| body[s.value].to_string()),
        "ids": requirement_ids(body),
    })
}

fn constraints(p: &ProjectDoc) -> Value {
    let doc = &p.doc;
    let Some(list) = &p.constraints else {
        return json!([]);
    };
    let items: Vec<Value> = list
        .items
        .iter()
        .filter(|i| i.depth <= 1)
        .map(|i| {
            let text = i.main_text(doc);
            let label = text.strip_prefix("**").and_then(|rest| {
                let end = rest.find("**")?;
                Some(rest[..end].trim_end_matches(':').trim().to_string())
            });
            json!({ "line": i.line + 1, "label": label, "text": text })
        })
        .collect();
    json!(items)
}

fn decisions(doc: &Doc, t: &KeyDecisions) -> Value {
    let cell = |row: usize, col: Option<usize>| col.and_then(|c| t.cell_text(doc, row, c));
    let mut counts = [0usize; 4];
    let rows: Vec<Value> = t
        .rows
        .iter()
        .enumerate()
        .map(|(n, (line, cells))| {
            let outcome = cell(n, t.outcome_col);
            let kind = outcome.as_deref().and_then(classify);
            counts[match kind {
                Some(OutcomeKind::Good) => 0,
                Some(OutcomeKind::Revisit) => 1,
                Some(OutcomeKind::Pending) => 2,
                None => 3,
            }] += 1;
            let named: serde_json::Map<String, Value> = t
                .columns
                .iter()
                .zip(cells)
                .map(|(c, cell)| (c.clone(), json!(unescape_cell(doc.text(cell.text.clone())))))
                .collect();
            json!({
                "line": line + 1,
                "decision": cell(n, t.decision_col),
                "rationale": cell(n, t.rationale_col),
                "outcome": outcome,
                "outcome_kind": kind.map(OutcomeKind::name),
                "cells": named,
            })
        })
        .collect();
    json!({
        "line": t.header_line + 1,
        "columns": t.columns,
        "counts": {
            "good": counts[0],
            "revisit": counts[1],
            "pending": counts[2],
            "other": counts[3],
            "total": rows.len(),
        },
        "rows": rows,
    })
}
