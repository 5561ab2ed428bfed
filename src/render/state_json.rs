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
use serde_json::{Map, Value, json};

use crate::model::state::{Decision, DecisionGroup, StateDoc};
use crate::model::values::is_placeholder_value;
use crate::syntax::Doc;

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

/// One entry of `decisions`.
#[derive(Debug, Serialize)]
pub struct DecisionView<'a> {
    pub id: Option<&'a str>,
    pub text: &'a str,
    pub rationale: Option<&'a str>,
    pub phase: Option<&'a str>,
    pub plan: Option<&'a str>,
    pub date: Option<&'a str>,
    pub group: &'a str,
    pub subgroup: Option<&'a str>,
    pub line: usize,
}

/// The `decisions` array, read from the document while it is printed: a file with 100 000
/// decisions never holds them all at once.
#[derive(Debug, Clone, Copy)]
pub struct Decisions<'a>(&'a StateDoc);

impl Decisions<'_> {
    /// How many decisions the file has.
    pub fn len(&self) -> usize {
        self.0.decisions.iter().map(|g| g.entry_count).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entry `i` as JSON, reading no decision after it.
    fn nth(&self, i: usize) -> Option<Value> {
        let (g, d) = self.0.all_decisions().nth(i)?;
        Some(serde_json::to_value(DecisionView::new(g, &d)).expect("the view serializes"))
    }
}

impl Serialize for Decisions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for (g, d) in self.0.all_decisions() {
            seq.serialize_element(&DecisionView::new(g, &d))?;
        }
        seq.end()
    }
}

impl<'a> DecisionView<'a> {
    fn new(group: &'a DecisionGroup, d: &'a Decision) -> DecisionView<'a> {
        DecisionView {
            id: d.id.as_deref(),
            text: &d.text,
            rationale: d.rationale.as_deref(),
            phase: d.phase.as_deref(),
            plan: d.plan.as_deref(),
            date: d.date.as_deref(),
            group: &group.title,
            subgroup: d.subgroup.as_deref(),
            line: d.line + 1,
        }
    }
}

/// The `todos` or `blockers` array: every item of these lists, borrowed from the document.
#[derive(Debug, Clone, Copy)]
pub struct Items<'a> {
    doc: &'a Doc,
    lists: &'a [crate::model::state::ItemList],
}

impl<'a> Items<'a> {
    /// The entries, in document order.
    pub fn iter(&self) -> impl Iterator<Item = ItemView<'a>> + 'a {
        let doc = self.doc;
        self.lists
            .iter()
            .flat_map(|l| &l.items)
            .map(move |i| ItemView {
                // A table row's cell reads `\|` as `|`; a list item's text is as written.
                text: if i.depth == 0 {
                    crate::syntax::table::unescape_cell(doc.text(i.main.clone()))
                } else {
                    std::borrow::Cow::Borrowed(doc.text(i.main.clone()))
                },
                resolved: i.resolved,
                line: i.line + 1,
            })
    }

    pub fn is_empty(&self) -> bool {
        self.lists.iter().all(|l| l.items.is_empty())
    }

    /// Entry `i` as JSON.
    fn nth(&self, i: usize) -> Option<Value> {
        self.iter().nth(i).map(|item| json!(item))
    }
}

impl Serialize for Items<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// One entry of `todos` or `blockers`.
#[derive(Debug, Serialize)]
pub struct ItemView<'a> {
    pub text: std::borrow::Cow<'a, str>,
    pub resolved: bool,
    pub line: usize,
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

/// The frontmatter, each scalar typed by its spelling so nothing is reinterpreted: `05` and
/// `1.0` stay strings, `12` is a number, `true` a boolean, quotes are removed. Lists and other
/// structure the line reader does not see come from the YAML parse where it succeeds.
/// Several stacked blocks merge, later keys winning; `null` without frontmatter.
fn frontmatter_json(state: &StateDoc) -> Value {
    let doc = &state.doc;
    if doc.frontmatter.is_empty() {
        return Value::Null;
    }
    let mut out = Map::new();
    for fm in &doc.frontmatter {
        let mut block = Map::new();
        for e in &fm.entries {
            if e.value_span.is_empty() {
                continue;
            }
            let raw = doc.source.slice(e.value_span.clone());
            insert_path(&mut block, &e.key, typed_scalar(raw));
        }
        if let Some(Value::Object(yaml)) = &fm.yaml {
            for (k, v) in yaml {
                block.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        for (k, v) in block {
            out.insert(k, v);
        }
    }
    Value::Object(out)
}

/// A frontmatter scalar as JSON, by its spelling.
fn typed_scalar(raw: &str) -> Value {
    let unquoted = crate::syntax::frontmatter::unquote(raw);
    if unquoted.len() != raw.len() {
        return json!(unquoted);
    }
    let canonical_int = raw
        .strip_prefix('-')
        .unwrap_or(raw)
        .bytes()
        .all(|b| b.is_ascii_digit())
        && !raw.is_empty()
        && raw != "-"
        && !(raw.trim_start_matches('-').starts_with('0') && raw.trim_start_matches('-').len() > 1);
    match raw {
        "true" | "True" => json!(true),
        "false" | "False" => json!(false),
        "null" | "~" => Value::Null,
        _ if canonical_int => raw.parse::<i64>().map_or_else(|_| json!(raw), |n| json!(n)),
        _ => json!(raw),
    }
}

/// A value wholly wrapped in one emphasis pair reads without it (`**v1.4 SHIPPED**` →
/// `v1.4 SHIPPED`); anything else is kept exactly as written.
fn unemphasized(value: &str) -> &str {
    for mark in ["**", "__"] {
        if let Some(inner) = value
            .strip_prefix(mark)
            .and_then(|v| v.strip_suffix(mark))
            .filter(|inner| !inner.is_empty() && !inner.contains(mark))
        {
            return inner;
        }
    }
    value
}

fn insert_path(map: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        Some((head, rest)) => {
            let child = map
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = child {
                insert_path(m, rest, value);
            }
        }
        None => {
            map.insert(path.to_string(), value);
        }
    }
}
