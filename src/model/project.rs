//! PROJECT.md: title, what-this-is, core value, requirements, constraints, the Key Decisions
//! table and the last-updated footer.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::state::context::{Item, ItemList, read_items};
use crate::model::values::find_date;
use crate::source::Source;
use crate::syntax::sections::normalize_title;
use crate::syntax::{Cell, Doc, LineKind};

/// A requirements subsection (`### Validated`, `### Active (v1.4)`, `### Out of Scope`).
#[derive(Debug, Clone)]
pub struct Requirements {
    pub validated: Vec<Item>,
    pub active: Vec<Item>,
    pub out_of_scope: Vec<Item>,
}

/// The Key Decisions table.
#[derive(Debug, Clone)]
pub struct KeyDecisions {
    pub header_line: usize,
    pub columns: Vec<String>,
    pub rows: Vec<(usize, Vec<Cell>)>,
    /// The line after which a new row goes (last row, or the delimiter row).
    pub last_line: usize,
}

/// The PROJECT.md model.
#[derive(Debug, Clone)]
pub struct ProjectDoc {
    pub doc: Doc,
    pub title: Option<Range<usize>>,
    pub what_this_is: Option<Range<usize>>,
    /// The first paragraph line under `## Core Value`.
    pub core_value: Option<Range<usize>>,
    pub requirements: Requirements,
    pub constraints: Option<ItemList>,
    pub key_decisions: Option<KeyDecisions>,
    /// `*Last updated: 2026-01-22 after …*`: the date and its range.
    pub last_updated: Option<(NaiveDate, Range<usize>)>,
}

impl ProjectDoc {
    pub fn parse(source: Source) -> ProjectDoc {
        let doc = Doc::parse(source);
        let section = |pred: &dyn Fn(&str) -> bool| {
            doc.sections
                .iter()
                .enumerate()
                .find(|(_, s)| pred(&normalize_title(doc.title(s))))
        };
        let first_paragraph = |lines: Range<usize>| {
            lines
                .into_iter()
                .find(|&i| doc.kinds[i] == LineKind::Text)
                .map(|i| doc.line_start(i)..doc.line_start(i) + doc.line(i).trim_end().len())
        };
        let title = doc
            .sections
            .iter()
            .find(|s| s.level == 1)
            .map(|s| s.title.clone());
        let what_this_is = section(&|t| t.starts_with("what this is"))
            .and_then(|(_, s)| first_paragraph(s.own.clone()));
        let core_value = section(&|t| t.starts_with("core value"))
            .and_then(|(_, s)| first_paragraph(s.own.clone()));
        let items_of = |pred: &dyn Fn(&str) -> bool| -> Vec<Item> {
            doc.sections
                .iter()
                .enumerate()
                .filter(|(_, s)| pred(&normalize_title(doc.title(s))))
                .flat_map(|(i, s)| read_items(&doc, i, s.own.clone()).items)
                .collect()
        };
        let requirements = Requirements {
            validated: items_of(&|t| t.starts_with("validated")),
            active: items_of(&|t| t.starts_with("active")),
            out_of_scope: items_of(&|t| t.starts_with("out of scope")),
        };
        let constraints = section(&|t| t.starts_with("constraints"))
            .map(|(i, s)| read_items(&doc, i, s.own.clone()));
        let key_decisions = section(&|t| t.contains("key decisions") || t == "decisions")
            .and_then(|(_, s)| read_table(&doc, s.body.clone()));
        let last_updated = (0..doc.kinds.len()).rev().find_map(|i| {
            let line = doc.line(i);
            let lower = line.to_lowercase();
            if !(lower.contains("last updated") || lower.contains("updated:")) {
                return None;
            }
            let (d, r) = find_date(line)?;
            let start = doc.line_start(i);
            Some((d, start + r.start..start + r.end))
        });
        ProjectDoc {
            doc,
            title,
            what_this_is,
            core_value,
            requirements,
            constraints,
            key_decisions,
            last_updated,
        }
    }

    /// The core value text.
    pub fn core_value_text(&self) -> Option<&str> {
        self.core_value.clone().map(|r| self.doc.text(r))
    }
}

fn read_table(doc: &Doc, lines: Range<usize>) -> Option<KeyDecisions> {
    let header = lines
        .clone()
        .find(|&i| doc.kinds[i] == LineKind::TableRow)?;
    let columns = doc
        .cells(header)?
        .iter()
        .map(|c| doc.text(c.text.clone()).to_lowercase())
        .collect();
    let mut rows = Vec::new();
    let mut last_line = header;
    let mut i = header + 1;
    while i < lines.end && matches!(doc.kinds[i], LineKind::TableRow | LineKind::TableDelimiter) {
        if doc.kinds[i] == LineKind::TableRow {
            rows.push((i, doc.cells(i).unwrap_or_default()));
        }
        last_line = i;
        i += 1;
    }
    Some(KeyDecisions {
        header_line: header,
        columns,
        rows,
        last_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_core_value_decisions_and_footer() {
        let text = "# App\n\n## What This Is\n\nA thing.\n\n## Core Value\n\nShip it.\n\n## Requirements\n\n### Validated\n\n- ✓ Login — v1.0\n\n### Active\n\n- [ ] Export\n\n### Out of Scope\n\n- Mobile\n\n## Key Decisions\n\n| Decision | Rationale | Outcome |\n|---|---|---|\n| Rust | Fast | ✓ Good |\n\n---\n*Last updated: 2026-01-22 after v1.3*\n";
        let p = ProjectDoc::parse(Source::new("P", text.to_string()));
        assert_eq!(p.core_value_text(), Some("Ship it."));
        assert_eq!(p.requirements.validated.len(), 1);
        assert_eq!(p.requirements.active.len(), 1);
        assert_eq!(p.requirements.out_of_scope.len(), 1);
        assert_eq!(p.key_decisions.unwrap().rows.len(), 1);
        assert_eq!(p.last_updated.unwrap().0.to_string(), "2026-01-22");
    }
}
