//! Decisions in every shape: bullets with `[Phase X]:` / `[02-01]:` / `D-01 (01-02):` tags,
//! trailing `(02-01)` references, numbered and nested lists, bold sub-labels, and tables with
//! any columns (`ID | Decision | Date`, `Question | Decision`, …), under one or several
//! headings (`### Decisions (v3.0 - Current)`).

use crate::model::ids::{PlanId, plan_ids_in};
use crate::model::values::find_date;
use crate::syntax::{Doc, LineKind, Section};

use super::context::{ListShape, is_placeholder, item_text_range};

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
                    if text.trim().is_empty() {
                        continue; // an empty `-` bullet says nothing
                    }
                    if is_placeholder(text) && entries.is_empty() {
                        placeholder = Some(i);
                        continue;
                    }
                    if shape == ListShape::Empty
                        && let Some(bullets) = ListShape::bullets_of(doc.line(i))
                    {
                        shape = bullets;
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
