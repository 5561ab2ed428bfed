//! `gsd state show --json`: a stable, versioned object. Keys are a contract (DESIGN.md §3);
//! add keys, never rename them. Absent values are `null`, never guessed; numbers that the
//! file writes as text (`TBD`) stay strings.
//!
//! Keys beyond DESIGN.md §3 (additive): `title`; `position.phase_number` (the phase id, null
//! for text such as `Milestone v6.0 complete`), `position.phase_status` (`EXECUTING`,
//! `complete`), `position.plan_id` (`07-02` in `Plan: 07-02 of 2`); `progress.bar` as
//! {`text`, `filled`, `width`}; `metrics.by_phase[].plans_total`/`status`/`line`;
//! `metrics.plan_rows` (tool-appended `| Phase 03 P03 | 3min | … |` rows); `decisions[].subgroup`
//! and `line`; `todos[]`/`blockers[]` {`text`, `resolved`, `line`} over every such section;
//! `session.next`; `milestones`; `footer`. Frontmatter scalars are typed by their spelling
//! (`05` and `1.0` stay strings).

use serde::Serialize;
use serde_json::{Value, json};

use crate::model::state::StateDoc;
use crate::model::values::is_placeholder_value;
use crate::syntax::Doc;

mod frontmatter;
mod lists;

use frontmatter::{frontmatter_json, unemphasized};
pub use lists::{DecisionView, Decisions, ItemView, Items};

/// The JSON schema version.
pub const VERSION: u64 = 1;

/// A count as written: a JSON number when it is an integer (`01` → 1), else the text.
fn count(text: &str) -> Value {
    match text.parse::<u64>() {
        Ok(n) => json!(n),
        Err(_) => json!(text),
    }
}

fn num(v: Option<f64>) -> Value {
    match v {
        Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => json!(n as i64),
        Some(n) => json!((n * 1000.0).round() / 1000.0),
        None => Value::Null,
    }
}

fn text(doc: &Doc, r: Option<std::ops::Range<usize>>) -> Value {
    r.map_or(Value::Null, |r| json!(doc.text(r)))
}

/// The `--json` object as a typed view borrowing from the document. Small, fixed-shape parts
/// are built as `Value`s; the lists that grow with the file (decisions, todos, blockers,
/// milestones, sections) are borrowed structs, so printing a large file costs about the size
/// of its output rather than an object per entry. Field order is the printed key order.
#[derive(Debug, Serialize)]
pub struct StateView<'a> {
    pub version: u64,
    pub file: &'a str,
    pub title: Option<&'a str>,
    pub project_reference: Value,
    pub position: Value,
    pub progress: Value,
    pub metrics: Value,
    pub decisions: Decisions<'a>,
    pub todos: Items<'a>,
    pub blockers: Items<'a>,
    pub session: Value,
    pub milestones: Vec<&'a str>,
    pub footer: Option<&'a str>,
    pub frontmatter: Value,
    pub sections: Vec<SectionView<'a>>,
}

/// One entry of `sections`.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub level: u8,
    pub line: usize,
}

impl StateView<'_> {
    /// The value at a dotted path (`position.plan`, `decisions.3.text`), building only the
    /// JSON on that path's way: the one top-level key, and of a list only the entry named.
    pub fn path(&self, path: &str) -> Option<Value> {
        let (key, rest) = path.split_once('.').unwrap_or((path, ""));
        let (index, tail) = rest.split_once('.').unwrap_or((rest, ""));
        if let Ok(i) = index.parse::<usize>() {
            let entry = match key {
                "decisions" => Some(self.decisions.nth(i)),
                "todos" => Some(self.todos.nth(i)),
                "blockers" => Some(self.blockers.nth(i)),
                _ => None,
            };
            if let Some(entry) = entry {
                return entry.and_then(|v| follow(&v, tail).cloned());
            }
        }
        self.key(key).and_then(|v| follow(&v, rest).cloned())
    }

    /// The value of one top-level key, serialised alone: `gsd state get status` on a file
    /// with 100 000 decisions does not build their JSON. `None` for a key the view lacks.
    pub fn key(&self, key: &str) -> Option<Value> {
        let value = match key {
            "version" => serde_json::to_value(self.version),
            "file" => serde_json::to_value(self.file),
            "title" => serde_json::to_value(self.title),
            "project_reference" => Ok(self.project_reference.clone()),
            "position" => Ok(self.position.clone()),
            "progress" => Ok(self.progress.clone()),
            "metrics" => Ok(self.metrics.clone()),
            "decisions" => serde_json::to_value(self.decisions),
            "todos" => serde_json::to_value(self.todos),
            "blockers" => serde_json::to_value(self.blockers),
            "session" => Ok(self.session.clone()),
            "milestones" => serde_json::to_value(&self.milestones),
            "footer" => serde_json::to_value(self.footer),
            "frontmatter" => Ok(self.frontmatter.clone()),
            "sections" => serde_json::to_value(&self.sections),
            _ => return None,
        };
        Some(value.expect("the view serializes to JSON"))
    }
}

/// Follows a dotted path (object keys, array indexes) inside a JSON value; `""` is the value.
pub fn follow<'a>(json: &'a Value, path: &str) -> Option<&'a Value> {
    let mut v = json;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        v = match v {
            Value::Object(map) => map.get(part)?,
            Value::Array(items) => items.get(part.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

/// The JSON object for a STATE.md as a `Value` (for lookups such as `gsd state get`).
pub fn state_json(state: &StateDoc, file: &str) -> Value {
    serde_json::to_value(state_view(state, file)).expect("the view serializes to JSON")
}

/// Builds the typed view of a STATE.md.
pub fn state_view<'a>(state: &'a StateDoc, file: &'a str) -> StateView<'a> {
    let doc = &state.doc;
    let pos = &state.position;
    let field_text = |f: Option<&crate::model::Field>| {
        f.map_or(Value::Null, |f| {
            let value = unemphasized(f.value(doc));
            // A field kept in a `| Field | Value |` table reads `\|` as `|`.
            if doc.kinds[f.line].is_table_row() {
                json!(crate::syntax::table::unescape_cell(value))
            } else {
                json!(value)
            }
        })
    };

    let (phase, phase_total, phase_name) = match &pos.phase {
        Some(p) => (
            p.number
                .clone()
                .map_or_else(|| json!(p.field.value(doc)), |r| json!(doc.text(r))),
            p.total.clone().map_or(Value::Null, |r| count(doc.text(r))),
            text(doc, p.name.clone()),
        ),
        None => (Value::Null, Value::Null, Value::Null),
    };
    let phase_number = pos
        .phase
        .as_ref()
        .map_or(Value::Null, |p| text(doc, p.number.clone()));
    let phase_status = pos
        .phase
        .as_ref()
        .map_or(Value::Null, |p| text(doc, p.status.clone()));
    let plan_id = pos.plan.as_ref().and_then(|p| p.plan_id(doc));
    let (plan, plan_total) = match &pos.plan {
        Some(p) => (
            p.done
                .clone()
                .map_or_else(|| json!(p.field.value(doc)), |r| count(doc.text(r))),
            p.total.clone().map_or(Value::Null, |r| count(doc.text(r))),
        ),
        None => (Value::Null, Value::Null),
    };
    let last_activity = pos.last_activity.as_ref().map_or(Value::Null, |a| {
        json!({
            "date": a.date.as_ref().map(|(d, _)| d.to_string()),
            "text": a.text.clone().map(|r| doc.text(r)),
        })
    });
    let progress =
        pos.progress
            .as_ref()
            .map_or(json!({"percent": null, "bar": null, "note": null}), |p| {
                json!({
                    "percent": num(p.percent_number(doc)),
                    "bar": p.bar.as_ref().map(|b| json!({
                        "text": doc.text(b.span.clone()),
                        "filled": b.filled,
                        "width": b.width,
                    })),
                    "note": p.note.clone().map(|r| doc.text(r)),
                })
            });

    let m = &state.metrics;
    let by_phase: Vec<Value> = m
        .by_phase
        .as_ref()
        .map(|t| {
            t.rows
                .iter()
                .filter(|r| !r.is_placeholder(doc))
                .map(|r| {
                    json!({
                        "phase": r.phase.as_ref().map(|p| p.as_str().to_string()).or_else(|| r.cells.first().map(|c| doc.text(c.text.clone()).to_string())),
                        "name": r.name(doc),
                        "plans": r.plans(doc),
                        "plans_total": r.plans_total(doc),
                        "total_minutes": num(r.total_minutes(doc)),
                        "average_minutes": num(r.average_minutes(doc)),
                        "status": r.status(doc),
                        "line": r.line + 1,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let recent: Vec<Value> = m
        .recent
        .as_ref()
        .map(|r| r.minutes().into_iter().map(|x| num(Some(x))).collect())
        .unwrap_or_default();

    let plan_rows: Vec<Value> = m
        .plan_rows
        .iter()
        .map(|r| {
            json!({
                "phase": doc.text(r.phase.clone()),
                "plan": r.plan.clone().map(|p| doc.text(p)),
                "minutes": num(r.minutes),
                "tasks": r.tasks,
                "files": r.files,
                "line": r.line + 1,
            })
        })
        .collect();

    let frontmatter = frontmatter_json(state);
    let sections: Vec<SectionView> = doc
        .sections
        .iter()
        .map(|s| SectionView {
            title: doc.title(s),
            level: s.level,
            line: s.line + 1,
        })
        .collect();

    StateView {
        version: VERSION,
        file,
        title: state.title.clone().map(|r| doc.text(r)),
        project_reference: json!({
            "core_value": field_text(state.reference.core_value.as_ref()),
            "current_focus": field_text(state.reference.current_focus.as_ref()),
            "project_updated": state.reference.project_updated.as_ref().map(|(d, _)| d.to_string()),
        }),
        position: json!({
            "phase": phase,
            "phase_total": phase_total,
            "phase_name": phase_name,
            "plan": plan,
            "plan_total": plan_total,
            "status": field_text(pos.status.as_ref()),
            "last_activity": last_activity,
            "milestone": field_text(pos.milestone.as_ref()),
            "phase_number": phase_number,
            "phase_status": phase_status,
            "plan_id": plan_id,
        }),
        progress,
        metrics: json!({
            "plans_completed": m.plans_completed_count(doc),
            "average_minutes": num(m.average_minutes(doc)),
            "total_hours": num(m.total_hours(doc)),
            "by_phase": by_phase,
            "recent": recent,
            "trend": m.trend.as_ref().map(|f| f.value(doc)).filter(|t| !is_placeholder_value(t)),
            "plan_rows": plan_rows,
        }),
        decisions: Decisions(state),
        todos: Items {
            doc,
            lists: &state.todo_lists,
        },
        blockers: Items {
            doc,
            lists: &state.blocker_lists,
        },
        session: json!({
            "last": field_text(state.session.last.as_ref()),
            "stopped_at": field_text(state.session.stopped_at.as_ref()),
            "resume_file": field_text(state.session.resume_file.as_ref()),
            "next": field_text(state.session.next.as_ref()),
        }),
        milestones: state
            .milestones
            .iter()
            .map(|m| doc.text(m.text.clone()))
            .collect(),
        footer: state.footer.map(|l| doc.line(l).trim()),
        frontmatter,
        sections,
    }
}
