//! Accumulated context: pending todos and blockers/concerns, and the list helpers decisions
//! share (decisions themselves are in [`super::decisions`], re-exported here).
//!
//! These are lists of items in many shapes (bullets with tags, numbered lists, tables with
//! any columns). Each item keeps its line so commands can insert next to it in its style.

use std::ops::Range;

use crate::syntax::{Doc, LineKind};

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

impl ListShape {
    /// The bullet shape a list item line sets for the items added after it.
    pub fn bullets_of(line: &str) -> Option<ListShape> {
        list_marker(line).map(|(indent, marker)| ListShape::Bullets {
            marker: marker.to_string(),
            indent: indent.to_string(),
        })
    }
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

impl Item {
    /// What the item says in full, as the user reads it: a table row's `\|` is a `|`.
    pub fn says<'a>(&self, doc: &'a Doc) -> std::borrow::Cow<'a, str> {
        let text = doc.text(self.text.clone());
        if self.depth == 0 {
            crate::syntax::table::unescape_cell(text)
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    /// The item's main text as read: a list item's text after its bullet, a table row's main
    /// cell with `\|` read as `|`.
    pub fn main_text(&self, doc: &Doc) -> String {
        if self.depth == 0 {
            crate::syntax::table::unescape_cell(doc.text(self.main.clone())).into_owned()
        } else {
            doc.text(self.text.clone()).to_string()
        }
    }
}

/// Whether a line is a lone "nothing here" placeholder: `None yet.`, `None.`, `(None)`,
/// `Nenhum.`, `(none yet)`, `- None`, and the same word with the reason after a dash or a
/// full stop: `None — all blockers resolved.`, `(none — ready to plan Phase 1)`, `None - Phase 5
/// complete`, `None currently.`. Text that merely mentions "none" (`None of the inputs are
/// validated`) is not.
pub fn is_placeholder(line: &str) -> bool {
    is_bare_placeholder(line) || none_with_reason(line.trim())
}

/// A placeholder and nothing else (`None yet.`, `(none)`, `—`): no reason after it, so
/// nothing is lost by reading it as empty (a `Resume file: None - continue with 11-02` says
/// where to go on, and is shown).
pub fn is_bare_placeholder(line: &str) -> bool {
    let trimmed = line.trim();
    // The longest bare placeholder with its decoration is well under this; most lines are
    // longer, and are answered without allocating.
    if trimmed.len() <= 40 {
        let t = trimmed
            .trim_start_matches(['-', '*'])
            .trim()
            .trim_matches(['(', ')', '*', '_', '.', ' '])
            .to_lowercase();
        if matches!(
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
        ) {
            return true;
        }
    }
    false
}

/// `None — why`, `(none yet: why)`, `**None.** Why`, `None currently.`: a "nothing" word, an
/// optional qualifier, then the end, a dash, a colon, a full stop or a parenthesis.
fn none_with_reason(text: &str) -> bool {
    let t = text.trim_start_matches(['-', '*', '+', ' ', '(', '_']);
    let word_end = t.find(|c: char| !c.is_alphabetic()).unwrap_or(t.len());
    if word_end > 8 {
        return false;
    }
    let word = t[..word_end].to_lowercase();
    const NONE: &[&str] = &[
        "none", "nothing", "nenhum", "nenhuma", "aucun", "aucune", "keine", "kein",
    ];
    if !NONE.contains(&word.as_str()) {
        return false;
    }
    let mut rest = t[word_end..].trim_start_matches(['*', '_']);
    const QUALIFIERS: &[&str] = &[
        " yet",
        " currently",
        " active",
        " open",
        " so far",
        " blocking",
        " pending",
        " right now",
        " at the moment",
    ];
    if let Some(q) = QUALIFIERS.iter().find(|q| {
        rest.get(..q.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(q))
    }) {
        rest = rest[q.len()..].trim_start_matches(['*', '_']);
    }
    let rest = rest.trim_end();
    rest.is_empty()
        || rest.starts_with(['.', ')', ':', '('])
        || [" — ", " – ", " - ", " -- ", " —", " ("]
            .iter()
            .any(|sep| rest.starts_with(sep))
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
pub(crate) fn item_text_range(doc: &Doc, line: usize) -> Range<usize> {
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

/// [`read_items`] over `lines` without the `skip` ranges (sub-sections of another kind).
/// The first stretch of kept lines gives the list its shape; later stretches (a sub-section
/// of its own kind after a foreign one) add their items.
pub fn read_items_except(
    doc: &Doc,
    section: usize,
    lines: Range<usize>,
    skip: &[Range<usize>],
) -> ItemList {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for l in lines.filter(|l| !skip.iter().any(|r| r.contains(l))) {
        match runs.last_mut() {
            Some(run) if run.end == l => run.end = l + 1,
            _ => runs.push(l..l + 1),
        }
    }
    let mut runs = runs.into_iter();
    let Some(first) = runs.next() else {
        return read_items(doc, section, 0..0);
    };
    let mut list = read_items(doc, section, first);
    for run in runs {
        let more = read_items(doc, section, run);
        if list.items.is_empty() && list.placeholder.is_none() {
            list.shape = more.shape;
            list.placeholder = more.placeholder;
        }
        list.items.extend(more.items);
    }
    list.items.shrink_to_fit();
    list
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
                if t.trim().is_empty() {
                    continue; // an empty `-` bullet says nothing
                }
                if is_placeholder(t) && items.is_empty() {
                    placeholder = Some(i);
                    continue;
                }
                if shape == ListShape::Empty
                    && let Some(bullets) = ListShape::bullets_of(doc.line(i))
                {
                    shape = bullets;
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
    // Exact size: a list of 100 000 bullets would otherwise keep up to twice its size.
    items.shrink_to_fit();
    ItemList {
        section,
        shape,
        items,
        placeholder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_with_a_reason_are_placeholders() {
        for p in [
            "None yet.",
            "(None)",
            "- None",
            "None — all blockers resolved. Phase 5 shipped.",
            "(none — ready to plan Phase 1)",
            "None - Phase 5 complete",
            "None currently.",
            "**None.** Everything shipped.",
            "None yet: waiting for the first review",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for text in [
            "None of the inputs are validated upstream.",
            "Nothing to report from the API team yet, but watch the quota",
            "Nonetheless, the API is slow",
            "None, but watch the API quota",
            "Redis is down",
        ] {
            assert!(!is_placeholder(text), "{text}");
        }
    }
}
