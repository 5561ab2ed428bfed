//! Accumulated context: decisions, pending todos and blockers/concerns.
//!
//! These are lists of items in many shapes (bullets with tags, numbered lists, tables with
//! any columns). Each item keeps its line so commands can insert next to it in its style.

use std::ops::Range;

use crate::model::ids::{PlanId, plan_ids_in};
use crate::model::values::find_date;
use crate::syntax::{Doc, LineKind, Section};

/// One decision, in whichever shape the file wrote it.
#[derive(Debug, Clone)]
pub struct Decision {
    pub line: usize,
    pub id: Option<String>,
    pub text: String,
    pub rationale: Option<String>,
    pub phase: Option<String>,
    pub plan: Option<String>,
    pub date: Option<String>,
    /// The bold sub-label the decision sits under inside its section
    /// (`**v4.0 Decisions (from research):**`), if any.
    pub subgroup: Option<String>,
}

/// How a decision group is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListShape {
    /// A bullet or numbered list; `marker` is the first item's marker (`-`, `*`, `1.`).
    Bullets { marker: String, indent: String },
    /// A table with these lower-cased column names.
    Table { columns: Vec<String> },
    /// No items yet (a placeholder line or nothing).
    Empty,
}

/// A decisions heading and its entries (`### Decisions (v3.0 - Current)`).
#[derive(Debug, Clone)]
pub struct DecisionGroup {
    /// Index into `Doc::sections`.
    pub section: usize,
    pub title: String,
    pub shape: ListShape,
    pub entries: Vec<Decision>,
    /// Lines of the group's own items (for inserting after the last one).
    pub item_lines: Vec<usize>,
    /// A lone placeholder line (`None yet.`), if the group has one.
    pub placeholder: Option<usize>,
}

/// A list section (todos, blockers): its items and placeholder.
#[derive(Debug, Clone)]
pub struct ItemList {
    pub section: usize,
    pub shape: ListShape,
    pub items: Vec<Item>,
    pub placeholder: Option<usize>,
}

/// One todo or blocker line.
#[derive(Debug, Clone)]
pub struct Item {
    pub line: usize,
    /// The item's text after its marker.
    pub text: Range<usize>,
    /// Struck through, marked FIXED/RESOLVED, or ticked.
    pub resolved: bool,
    /// Bullet depth (1 = top level); 0 for table rows.
    pub depth: u8,
    /// What the item says, for people: `text` without a leading `[ ]`/`[x]` checkbox, or a
    /// table row's main cell (Item/Title/Issue/Description column).
    pub main: Range<usize>,
}

/// Whether a line is a lone "nothing here" placeholder: `None yet.`, `None.`, `(None)`,
/// `Nenhum.`, `(none yet)`, `- None`. Text that merely mentions "none" is not.
pub fn is_placeholder(line: &str) -> bool {
    let t = line
        .trim()
        .trim_start_matches(['-', '*'])
        .trim()
        .trim_matches(['(', ')', '*', '_', '.', ' '])
        .to_lowercase();
    matches!(
        t.as_str(),
        "none"
            | "none yet"
            | "nenhum"
            | "nenhuma"
            | "aucun"
            | "aucune"
            | "keine"
            | "kein"
            | "n/a"
            | "-"
            | "—"
    )
}

/// Whether an item's text marks it resolved: struck through (`~~…~~`), the word `fixed` or
/// `resolved` in any case (not `unresolved`, `prefixed`, `not fixed`), an upper-case `DONE`,
/// a leading ✓/✅, or a ticked checkbox.
pub fn is_resolved(text: &str) -> bool {
    let trimmed = text.trim_start();
    let struck = trimmed.starts_with("~~") || text.matches("~~").count() >= 2;
    let mut previous = "";
    let marked = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let hit = (w.eq_ignore_ascii_case("fixed") || w.eq_ignore_ascii_case("resolved"))
                && !previous.eq_ignore_ascii_case("not");
            previous = w;
            hit || w == "DONE"
        });
    struck
        || marked
        || trimmed.starts_with('✓')
        || trimmed.starts_with('✅')
        || trimmed.starts_with("[x]")
        || trimmed.starts_with("[X]")
}

/// The marker and indentation of a list item line: (`  `, `-`) or (``, `1.`).
pub fn list_marker(line: &str) -> Option<(&str, &str)> {
    let indent_len = line.len() - line.trim_start().len();
    let rest = &line[indent_len..];
    let marker_len = if rest.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            digits + 1
        } else {
            return None;
        }
    };
    if !rest[marker_len..].starts_with(' ') && !rest[marker_len..].is_empty() {
        return None;
    }
    Some((&line[..indent_len], &rest[..marker_len]))
}

/// The item text of a list line (after marker and one space, and a `[ ]` checkbox).
fn item_text_range(doc: &Doc, line: usize) -> Range<usize> {
    let text = doc.line(line);
    let start = doc.line_start(line);
    match list_marker(text) {
        Some((indent, marker)) => {
            let after = indent.len() + marker.len();
            let rest = &text[after..];
            let lead = rest.len() - rest.trim_start().len();
            start + after + lead..start + text.trim_end().len().max(after + lead)
        }
        None => {
            let lead = text.len() - text.trim_start().len();
            start + lead..start + text.trim_end().len().max(lead)
        }
    }
}

/// `text` without a leading task-list checkbox (`[ ] `, `[x] `).
fn without_checkbox(doc: &Doc, text: Range<usize>) -> Range<usize> {
    let t = doc.text(text.clone());
    for prefix in ["[ ] ", "[x] ", "[X] "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            let lead = rest.len() - rest.trim_start().len();
            return text.start + prefix.len() + lead..text.end;
        }
    }
    text
}

/// The cell that names a table item: the first column called item, title, issue, todo,
/// blocker, concern, risk, task or description; else the longest cell.
fn main_cell(doc: &Doc, columns: &[String], cells: &[crate::syntax::Cell]) -> Option<Range<usize>> {
    const NAMES: &[&str] = &[
        "item",
        "title",
        "issue",
        "todo",
        "blocker",
        "concern",
        "risk",
        "task",
        "description",
        "problem",
    ];
    let named = NAMES
        .iter()
        .find_map(|n| columns.iter().position(|c| c.starts_with(n)))
        .and_then(|i| cells.get(i))
        .filter(|c| !c.text.is_empty());
    named
        .or_else(|| {
            cells
                .iter()
                .max_by_key(|c| doc.text(c.text.clone()).chars().count())
        })
        .map(|c| c.text.clone())
}

/// Whether a table row's Status column says the item is closed (`done`, `resolved`, `✅`).
fn status_cell_closed(doc: &Doc, columns: &[String], cells: &[crate::syntax::Cell]) -> bool {
    let Some(i) = columns
        .iter()
        .position(|c| c.starts_with("status") || c == "state")
    else {
        return false;
    };
    let Some(cell) = cells.get(i) else {
        return false;
    };
    let t = doc.text(cell.text.clone()).to_lowercase();
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    t.starts_with("done")
        || t.starts_with("closed")
        || t.starts_with("resolved")
        || t.starts_with("fixed")
        || t.starts_with("complete")
        || doc.text(cell.text.clone()).contains(['✅', '✓'])
}

/// Reads a list section (todos, blockers) in lines `lines`.
pub fn read_items(doc: &Doc, section: usize, lines: Range<usize>) -> ItemList {
    let mut items = Vec::new();
    let mut placeholder = None;
    let mut shape = ListShape::Empty;
    let mut table_columns: Option<Vec<String>> = None;
    for i in lines {
        let kind = doc.kinds[i];
        match kind {
            LineKind::ListItem { depth } => {
                let text = item_text_range(doc, i);
                let t = doc.text(text.clone());
                if is_placeholder(t) && items.is_empty() {
                    placeholder = Some(i);
                    continue;
                }
                if shape == ListShape::Empty
                    && let Some((indent, marker)) = list_marker(doc.line(i))
                {
                    shape = ListShape::Bullets {
                        marker: marker.to_string(),
                        indent: indent.to_string(),
                    };
                }
                let main = without_checkbox(doc, text.clone());
                items.push(Item {
                    line: i,
                    resolved: is_resolved(t),
                    text,
                    depth,
                    main,
                });
            }
            LineKind::TableRow | LineKind::PipeRow => {
                let cells = doc.cells(i).unwrap_or_default();
                if table_columns.is_none() {
                    let cols: Vec<String> = cells
                        .iter()
                        .map(|c| doc.text(c.text.clone()).to_lowercase())
                        .collect();
                    shape = ListShape::Table {
                        columns: cols.clone(),
                    };
                    table_columns = Some(cols);
                    continue;
                }
                let span = doc.line_start(i)..doc.line_start(i) + doc.line(i).trim_end().len();
                let t = doc.text(span.clone());
                if cells
                    .iter()
                    .all(|c| is_placeholder(doc.text(c.text.clone())))
                {
                    continue;
                }
                let columns = table_columns.as_deref().unwrap_or_default();
                let main = main_cell(doc, columns, &cells).unwrap_or(span.clone());
                items.push(Item {
                    line: i,
                    resolved: is_resolved(t) || status_cell_closed(doc, columns, &cells),
                    text: span,
                    depth: 0,
                    main,
                });
            }
            LineKind::Text
                if items.is_empty() && placeholder.is_none() && is_placeholder(doc.line(i)) =>
            {
                placeholder = Some(i);
            }
            _ => {}
        }
    }
    ItemList {
        section,
        shape,
        items,
        placeholder,
    }
}

impl DecisionGroup {
    /// Reads the decisions under one heading (its own lines, up to the next heading).
    pub fn read(doc: &Doc, section_index: usize, section: &Section) -> DecisionGroup {
        let title = doc.title(section).to_string();
        let mut entries = Vec::new();
        let mut item_lines = Vec::new();
        let mut shape = ListShape::Empty;
        let mut placeholder = None;
        let mut columns: Option<Vec<String>> = None;
        let mut subgroup: Option<String> = None;
        let mut in_table = false;
        for i in section.own.clone() {
            let kind = doc.kinds[i];
            let starts_table = kind == LineKind::TableRow && !in_table;
            in_table = matches!(kind, LineKind::TableRow | LineKind::TableDelimiter);
            match kind {
                LineKind::Text => {
                    if let Some(label) = bold_label(doc.line(i)) {
                        subgroup = Some(label.to_string());
                    } else if entries.is_empty() && is_placeholder(doc.line(i)) {
                        placeholder = Some(i);
                    }
                }
                LineKind::ListItem { depth: 1 } => {
                    let range = item_text_range(doc, i);
                    let text = doc.text(range);
                    if is_placeholder(text) && entries.is_empty() {
                        placeholder = Some(i);
                        continue;
                    }
                    if shape == ListShape::Empty
                        && let Some((indent, marker)) = list_marker(doc.line(i))
                    {
                        shape = ListShape::Bullets {
                            marker: marker.to_string(),
                            indent: indent.to_string(),
                        };
                    }
                    let mut decision = parse_bullet_decision(i, text);
                    decision.subgroup = subgroup.clone();
                    entries.push(decision);
                    item_lines.push(i);
                }
                LineKind::TableRow => {
                    let cells = doc.cells(i).unwrap_or_default();
                    if crate::model::state::metrics::is_plan_metric_row(doc, &cells) {
                        continue;
                    }
                    let texts: Vec<&str> = cells.iter().map(|c| doc.text(c.text.clone())).collect();
                    if starts_table {
                        columns = None;
                    }
                    match &columns {
                        None => {
                            let cols: Vec<String> =
                                texts.iter().map(|t| t.to_lowercase()).collect();
                            shape = ListShape::Table {
                                columns: cols.clone(),
                            };
                            columns = Some(cols);
                        }
                        Some(cols) => {
                            if texts.iter().all(|t| is_placeholder(t) || t.is_empty()) {
                                continue;
                            }
                            let mut decision = table_decision(i, cols, &texts);
                            decision.subgroup = subgroup.clone();
                            entries.push(decision);
                            item_lines.push(i);
                        }
                    }
                }
                LineKind::TableDelimiter if columns.is_some() => item_lines.push(i),
                _ => {}
            }
        }
        // The delimiter counts as an insertion point only while the table has no rows.
        if entries.iter().any(|_| true) {
            item_lines.retain(|&l| doc.kinds[l] != LineKind::TableDelimiter);
        }
        DecisionGroup {
            section: section_index,
            title,
            shape,
            entries,
            item_lines,
            placeholder,
        }
    }
}

/// A paragraph that is only a bold label: `**v4.0 Decisions (from research):**`,
/// `**Security**:`. Returns the label without `**` and the colon.
fn bold_label(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix("**")?;
    let inner = inner
        .strip_suffix("**")
        .or_else(|| inner.strip_suffix("**:"))?;
    if inner.contains("**") || inner.is_empty() {
        return None;
    }
    Some(inner.trim_end_matches(':').trim())
}

/// A bullet decision: `[Phase 2]: text`, `[02-01]: text`, `D-01 (01-02): text`,
/// `text (02-01)`, `**Bold**: text`.
fn parse_bullet_decision(line: usize, text: &str) -> Decision {
    let mut body = text.trim();
    let mut phase = None;
    let mut plan = None;
    let mut id = None;
    // Leading `[tag]:` groups (there can be two).
    while let Some(rest) = body.strip_prefix('[') {
        let Some(close) = rest.find(']') else { break };
        let tag = &rest[..close];
        let after = rest[close + 1..].trim_start();
        let after = after.strip_prefix(':').unwrap_or(after).trim_start();
        if let Some(p) = crate::model::values::strip_prefix_ci(tag, "phase ")
            .or_else(|| crate::model::values::strip_prefix_ci(tag, "fase "))
        {
            phase.get_or_insert_with(|| p.trim().to_string());
        } else if PlanId::parse(tag).is_some() {
            plan.get_or_insert_with(|| tag.to_string());
        }
        body = after;
    }
    // `Phase 5: …`, `**Phase 6: Exports** — …`, and a trailing `[Phase 1]` tag.
    if phase.is_none() {
        let lead = body.trim_start_matches('*');
        if let Some(rest) = crate::model::values::strip_prefix_ci(lead, "phase ") {
            let n = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
                .unwrap_or(rest.len());
            let after = rest[n..].trim_start_matches('*');
            if n > 0
                && after.starts_with(':')
                && crate::model::ids::PhaseNum::parse(&rest[..n]).is_some()
            {
                phase = Some(rest[..n].to_string());
            }
        }
    }
    if phase.is_none()
        && let Some(open) = body.rfind('[')
        && body.trim_end().ends_with(']')
        && let Some(p) = crate::model::values::strip_prefix_ci(&body[open + 1..], "phase ")
    {
        phase = Some(p.trim_end().trim_end_matches(']').trim().to_string());
    }
    // Decision ids: `D-01`, `D-09-01-01`.
    if body.starts_with("D-") || body.starts_with("**D-") {
        let start = usize::from(body.starts_with("**")) * 2;
        let end = body[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(body.len(), |e| start + e);
        id = Some(body[start..end].to_string());
    }
    if plan.is_none() {
        plan = plan_ids_in(body).last().map(|p| p.to_string());
    }
    if phase.is_none() {
        phase = plan
            .as_deref()
            .and_then(PlanId::parse)
            .map(|p| p.phase.to_string());
    }
    Decision {
        line,
        id,
        text: body.to_string(),
        rationale: None,
        phase,
        plan,
        date: find_date(body).map(|(d, _)| d.to_string()),
        subgroup: None,
    }
}

/// A table decision, columns read by their header names.
fn table_decision(line: usize, columns: &[String], cells: &[&str]) -> Decision {
    // Names in order of preference: `Question | Decision` reads the Decision column.
    let get = |names: &[&str]| -> Option<String> {
        names
            .iter()
            .find_map(|n| columns.iter().position(|c| c == n || c.starts_with(n)))
            .and_then(|i| cells.get(i))
            .map(|s| s.trim().replace("\\|", "|"))
            .filter(|s| !s.is_empty() && !matches!(s.as_str(), "-" | "—"))
    };
    let text = get(&["decision", "choice", "question", "topic"])
        .or_else(|| {
            cells
                .iter()
                .find(|c| !c.trim().is_empty())
                .map(|s| s.to_string())
        })
        .unwrap_or_default();
    let id = get(&["id", "#"]);
    let plan = get(&["plan"]).or_else(|| {
        id.as_deref()
            .and_then(|i| i.strip_prefix("D-"))
            .and_then(|rest| rest.rsplit_once('-').map(|(p, _)| p.to_string()))
            .filter(|p| PlanId::parse(p).is_some())
    });
    let phase = get(&["phase", "when"])
        .map(|p| p.trim_start_matches("Phase ").to_string())
        .or_else(|| {
            plan.as_deref()
                .and_then(PlanId::parse)
                .map(|p| p.phase.to_string())
        });
    Decision {
        line,
        id,
        text,
        rationale: get(&["rationale", "why", "reason", "context"]),
        phase,
        plan,
        date: get(&["date"]),
        subgroup: None,
    }
}
