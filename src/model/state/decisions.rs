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

/// A decisions heading and where its entries are. The entries themselves are read on demand
/// ([`DecisionGroup::entries`]): each owns several strings, and a file with 100 000 decisions
/// would otherwise hold them all while most commands never look at one.
#[derive(Debug, Clone)]
pub struct DecisionGroup {
    /// Index into `Doc::sections`.
    pub section: usize,
    pub title: String,
    pub shape: ListShape,
    /// How many decisions the group holds.
    pub entry_count: usize,
    /// Lines of the group's own items (for inserting after the last one): its entries, or
    /// a table's delimiter row while the table has none.
    pub item_lines: Vec<usize>,
    /// A lone placeholder line (`None yet.`), if the group has one.
    pub placeholder: Option<usize>,
}

impl DecisionGroup {
    /// Reads the decisions under one heading (its own lines, up to the next heading).
    pub fn read(doc: &Doc, section_index: usize, section: &Section) -> DecisionGroup {
        let mut shape = ListShape::Empty;
        let mut placeholder = None;
        let mut item_lines = Vec::new();
        let mut entry_count = 0;
        for step in Walker::new(doc, section, false) {
            match step {
                Step::Entry(Decision { line, .. }) | Step::EntryAt(line) => {
                    entry_count += 1;
                    item_lines.push(line);
                }
                Step::Placeholder(line) => placeholder = Some(line),
                Step::Bullets(line) if shape == ListShape::Empty => {
                    shape = ListShape::bullets_of(doc.line(line)).unwrap_or(ListShape::Empty);
                }
                Step::Bullets(_) => {}
                Step::TableHeader(table) => shape = table,
                Step::Delimiter(line) => item_lines.push(line),
            }
        }
        // The delimiter counts as an insertion point only while the table has no rows.
        if entry_count > 0 {
            item_lines.retain(|&l| doc.kinds[l] != LineKind::TableDelimiter);
        }
        item_lines.shrink_to_fit();
        DecisionGroup {
            section: section_index,
            title: doc.title(section).to_string(),
            shape,
            entry_count,
            item_lines,
            placeholder,
        }
    }

    /// The group's decisions, in document order, read from the document again.
    pub fn entries<'a>(&self, doc: &'a Doc) -> impl Iterator<Item = Decision> + 'a {
        Walker::new(doc, &doc.sections[self.section], true).filter_map(|step| match step {
            Step::Entry(d) => Some(d),
            _ => None,
        })
    }

    /// The line of the group's last decision.
    pub fn last_entry_line(&self) -> Option<usize> {
        if self.entry_count == 0 {
            None
        } else {
            self.item_lines.last().copied()
        }
    }
}

/// What one line of a decisions section says.
enum Step {
    Entry(Decision),
    /// A decision's line, from a walker that does not read decisions.
    EntryAt(usize),
    Placeholder(usize),
    /// A list item's line: it sets the list's shape, if the group has none yet.
    Bullets(usize),
    /// A table's header row: the group's shape from here on.
    TableHeader(ListShape),
    /// A table's delimiter row.
    Delimiter(usize),
}

/// Reads a decisions section line by line, keeping the state a line's meaning depends on
/// (the bold sub-label above it, the columns of the table it is in).
struct Walker<'a> {
    doc: &'a Doc,
    lines: std::ops::Range<usize>,
    /// A step waiting to be returned after the one just returned (a list item yields its
    /// shape and then its entry).
    pending: Option<Step>,
    columns: Option<Vec<String>>,
    subgroup: Option<&'a str>,
    in_table: bool,
    seen_entry: bool,
    /// Whether to read each decision ([`Step::Entry`]) or only say where it is
    /// ([`Step::EntryAt`]): finding the group's shape and lines needs no decision text.
    read_entries: bool,
}

impl<'a> Walker<'a> {
    fn new(doc: &'a Doc, section: &Section, read_entries: bool) -> Walker<'a> {
        Walker {
            read_entries,
            doc,
            lines: section.own.clone(),
            pending: None,
            columns: None,
            subgroup: None,
            in_table: false,
            seen_entry: false,
        }
    }

    /// The step for line `i`, if it says anything.
    fn step(&mut self, i: usize) -> Option<Step> {
        let doc = self.doc;
        let kind = doc.kinds[i];
        let starts_table = kind == LineKind::TableRow && !self.in_table;
        self.in_table = matches!(kind, LineKind::TableRow | LineKind::TableDelimiter);
        match kind {
            LineKind::Text => {
                if let Some(label) = bold_label(doc.line(i)) {
                    self.subgroup = Some(label);
                    None
                } else if !self.seen_entry && is_placeholder(doc.line(i)) {
                    Some(Step::Placeholder(i))
                } else {
                    None
                }
            }
            LineKind::ListItem { depth: 1 } => {
                let text = doc.text(item_text_range(doc, i));
                if text.trim().is_empty() {
                    return None; // an empty `-` bullet says nothing
                }
                if is_placeholder(text) && !self.seen_entry {
                    return Some(Step::Placeholder(i));
                }
                self.seen_entry = true;
                let entry = if self.read_entries {
                    let mut decision = parse_bullet_decision(i, text);
                    decision.subgroup = self.subgroup.map(str::to_string);
                    Step::Entry(decision)
                } else {
                    Step::EntryAt(i)
                };
                self.pending = Some(entry);
                Some(Step::Bullets(i))
            }
            LineKind::TableRow => {
                let cells = doc.cells(i).unwrap_or_default();
                if crate::model::state::plan_rows::is_plan_metric_row(doc, &cells) {
                    return None;
                }
                let texts: Vec<&str> = cells.iter().map(|c| doc.text(c.text.clone())).collect();
                if starts_table {
                    self.columns = None;
                }
                match &self.columns {
                    None => {
                        let cols: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
                        self.columns = Some(cols.clone());
                        Some(Step::TableHeader(ListShape::Table { columns: cols }))
                    }
                    Some(cols) => {
                        if texts.iter().all(|t| is_placeholder(t) || t.is_empty()) {
                            return None;
                        }
                        self.seen_entry = true;
                        if !self.read_entries {
                            return Some(Step::EntryAt(i));
                        }
                        let mut decision = table_decision(i, cols, &texts);
                        decision.subgroup = self.subgroup.map(str::to_string);
                        Some(Step::Entry(decision))
                    }
                }
            }
            LineKind::TableDelimiter if self.columns.is_some() => Some(Step::Delimiter(i)),
            _ => None,
        }
    }
}

impl Iterator for Walker<'_> {
    type Item = Step;

    fn next(&mut self) -> Option<Step> {
        if let Some(step) = self.pending.take() {
            return Some(step);
        }
        while let Some(i) = self.lines.next() {
            if let Some(step) = self.step(i) {
                return Some(step);
            }
        }
        None
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
        // `D-20.01`: a dot between digits is part of the id (phase 20's decision 01).
        let b = body.as_bytes();
        let end = (start..body.len())
            .find(|&i| {
                let c = b[i];
                let dotted = c == b'.'
                    && i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit);
                !(c.is_ascii_alphanumeric() || c == b'-' || dotted)
            })
            .unwrap_or(body.len());
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
    // `\|` in a cell is a `|` of the text (the writer escapes it to keep the columns).
    let unescaped: Vec<String> = cells
        .iter()
        .map(|c| crate::syntax::table::unescape_cell(c).into_owned())
        .collect();
    let cells: Vec<&str> = unescaped.iter().map(String::as_str).collect();
    let cells = cells.as_slice();
    // Names in order of preference: `Question | Decision` reads the Decision column.
    let get = |names: &[&str]| -> Option<String> {
        names
            .iter()
            .find_map(|n| columns.iter().position(|c| c == n || c.starts_with(n)))
            .and_then(|i| cells.get(i))
            .map(|s| s.trim().to_string())
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
    let phase_cell = get(&["phase", "when"]).map(|p| p.trim_start_matches("Phase ").to_string());
    // A Phase column that holds a plan id (`14-05`) names the plan, and through it the phase.
    let plan = plan.or_else(|| {
        phase_cell
            .as_deref()
            .filter(|p| PlanId::parse(p).is_some())
            .map(str::to_string)
    });
    let phase = phase_cell
        .map(|p| match PlanId::parse(&p) {
            Some(id) => id.phase.to_string(),
            None => p,
        })
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
