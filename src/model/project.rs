//! PROJECT.md: title, what-this-is, core value, requirements, constraints, the Key Decisions
//! table and the last-updated footer. How one requirement line is written (marker, suffix) is
//! [`super::project_items`]; the outcome words of the decisions table are
//! [`super::decision_outcome`].

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::state::context::{Item, ItemList, read_items};

pub use super::project_requirements::{
    RequirementGroup, RequirementKind, requirement_groups, requirement_status_kind,
};
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
    /// Column positions found by header meaning (any header shape, some localised).
    pub decision_col: Option<usize>,
    pub rationale_col: Option<usize>,
    pub outcome_col: Option<usize>,
    pub date_col: Option<usize>,
    pub phase_col: Option<usize>,
    /// The `|---|` row, when there is one.
    pub delimiter_line: Option<usize>,
}

impl KeyDecisions {
    /// A cell's text with `\|` escapes undone (`a\|b` → `a|b`), for reading; edits use the
    /// cell's byte range instead.
    pub fn cell_text(&self, doc: &Doc, row: usize, col: usize) -> Option<String> {
        let (_, cells) = self.rows.get(row)?;
        let cell = cells.get(col)?;
        Some(doc.text(cell.text.clone()).replace("\\|", "|"))
    }
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
    /// Requirements subsections in file order, versioned ones kept apart.
    pub requirement_groups: Vec<RequirementGroup>,
    /// The italic footer line (`*Last updated: …*`, `*Erstellt am …*`), if the file ends with one.
    pub footer: Option<usize>,
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
            .and_then(|(_, s)| read_table(&doc, s.body.clone()))
            .or_else(|| find_decision_table(&doc));
        let requirement_groups = requirement_groups(&doc);
        let footer = (0..doc.kinds.len())
            .rev()
            .find(|&i| doc.kinds[i] != LineKind::Blank)
            .filter(|&i| {
                let t = doc.line(i).trim();
                doc.kinds[i] == LineKind::Text
                    && t.len() > 2
                    && (t.starts_with('*') && t.ends_with('*')
                        || t.starts_with('_') && t.ends_with('_'))
            });
        // The latest date a last-updated line gives (the last such line on a tie): files
        // keep earlier footers in a `<details>` history after the current one.
        let last_updated = (0..doc.kinds.len())
            .filter_map(|i| {
                let line = doc.line(i);
                let lower = line.to_lowercase();
                if !(lower.contains("last updated") || lower.contains("updated:")) {
                    return None;
                }
                let (d, r) = find_date(line)?;
                let start = doc.line_start(i);
                Some((d, start + r.start..start + r.end))
            })
            .max_by_key(|(d, r)| (*d, r.start));
        ProjectDoc {
            doc,
            title,
            what_this_is,
            core_value,
            requirements,
            constraints,
            key_decisions,
            last_updated,
            requirement_groups,
            footer,
        }
    }

    /// The H1 title text (`Harbor Ledger`).
    pub fn title_text(&self) -> Option<&str> {
        self.title.clone().map(|r| self.doc.text(r))
    }

    /// The first paragraph line of `## What This Is`.
    pub fn what_this_is_text(&self) -> Option<&str> {
        self.what_this_is.clone().map(|r| self.doc.text(r))
    }

    /// The core value text.
    pub fn core_value_text(&self) -> Option<&str> {
        self.core_value.clone().map(|r| self.doc.text(r))
    }

    /// The whole paragraph starting at `first` (a range from [`ProjectDoc::core_value`] or
    /// [`ProjectDoc::what_this_is`]), its lines joined by spaces: files wrap these.
    pub fn paragraph(&self, first: &Range<usize>) -> String {
        let doc = &self.doc;
        let line = doc.source.line_of(first.start);
        (line..doc.kinds.len())
            .take_while(|&i| doc.kinds[i] == LineKind::Text)
            .map(|i| doc.line(i).trim())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The words after the last-updated date (` after Phase 3`, ` — v1.0 shipped`): from the
    /// date's end to the closing `*` or `_` of an italic footer, else to the line's end.
    pub fn last_updated_tail(&self) -> Option<Range<usize>> {
        let (_, date) = self.last_updated.as_ref()?;
        let doc = &self.doc;
        let line = doc.source.line_of(date.start);
        let text = doc.line(line);
        let start = doc.line_start(line);
        let trimmed = text.trim_end();
        let lead = text.trim_start();
        let mut end = start + trimmed.len();
        for marker in ['*', '_'] {
            if lead.starts_with(marker) && trimmed.ends_with(marker) {
                // As many markers close it as open it: `*… **bold**.*` keeps its bold's.
                let opening = lead.len() - lead.trim_start_matches(marker).len();
                let trailing = trimmed.len() - trimmed.trim_end_matches(marker).len();
                let closing = opening.min(trailing);
                end = start + trimmed.len() - closing;
                break;
            }
        }
        // `## Current State (Updated: 2025-12-26)`: the words end at the date's `)`.
        let before = &text[..date.start - start];
        if before.matches('(').count() > before.matches(')').count()
            && let Some(close) = doc.text(date.end..end.max(date.end)).find(')')
        {
            end = date.end + close;
        }
        (end >= date.end).then_some(date.end..end)
    }

    /// The name in a `## Current Milestone: v1.1 Sync` heading.
    pub fn current_milestone(&self) -> Option<&str> {
        self.doc.sections.iter().find_map(|s| {
            let title = self.doc.title(s);
            let lower = title.to_ascii_lowercase();
            let at = lower.find("current milestone")?;
            let rest = title[at + "current milestone".len()..]
                .trim_start_matches([':', ' ', '—', '-'])
                .trim();
            (!rest.is_empty()).then_some(rest)
        })
    }
}

fn read_table(doc: &Doc, lines: Range<usize>) -> Option<KeyDecisions> {
    let header = lines
        .clone()
        .find(|&i| doc.kinds[i] == LineKind::TableRow)?;
    let columns: Vec<String> = doc
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
    // Rows appended after a blank line (no header, no delimiter: pipe rows to Markdown) with
    // the table's columns are more of its rows: tools and agents append decisions that way.
    loop {
        let mut j = i;
        while j < lines.end && doc.kinds[j] == LineKind::Blank {
            j += 1;
        }
        let same_shape = |k: usize| {
            doc.kinds[k] == LineKind::PipeRow
                && doc.cells(k).is_some_and(|c| c.len() == columns.len())
        };
        if j == i || j >= lines.end || !same_shape(j) {
            break;
        }
        while j < lines.end && same_shape(j) {
            rows.push((j, doc.cells(j).unwrap_or_default()));
            last_line = j;
            j += 1;
        }
        i = j;
    }
    let col = |pred: &dyn Fn(&str) -> bool| columns.iter().position(|c: &String| pred(c));
    let decision_col = col(&|c| is_decision_header(c));
    let rationale_col = col(&|c| {
        [
            "rationale",
            "why",
            "reason",
            "begründung",
            "raison",
            "原因",
            "motivo",
        ]
        .iter()
        .any(|w| c.contains(w))
    });
    let outcome_col = col(&|c| {
        [
            "outcome",
            "status",
            "result",
            "ergebnis",
            "résultat",
            "结果",
            "resultado",
        ]
        .iter()
        .any(|w| c.contains(w))
    });
    let date_col = col(&|c| c.contains("date") || c.contains("datum"));
    let phase_col = col(&|c| c.starts_with("phase"));
    let delimiter_line =
        (header + 1..=last_line).find(|&i| doc.kinds[i] == LineKind::TableDelimiter);
    Some(KeyDecisions {
        header_line: header,
        columns,
        rows,
        last_line,
        decision_col,
        rationale_col,
        outcome_col,
        date_col,
        phase_col,
        delimiter_line,
    })
}

fn is_decision_header(c: &str) -> bool {
    [
        "decision",
        "entscheidung",
        "décision",
        "decisão",
        "decisión",
        "决策",
    ]
    .iter()
    .any(|w| c.contains(w))
}

/// A Key Decisions table outside a section of that name (localised or free-form files):
/// the first table with a decision column.
fn find_decision_table(doc: &Doc) -> Option<KeyDecisions> {
    (0..doc.kinds.len())
        .filter(|&i| {
            doc.kinds[i] == LineKind::TableRow
                && (i == 0 || !doc.kinds[i - 1].is_table_row())
                && doc.cells(i).is_some_and(|cells| {
                    cells
                        .iter()
                        .any(|c| is_decision_header(&doc.text(c.text.clone()).to_lowercase()))
                })
        })
        .find_map(|i| read_table(doc, i..doc.kinds.len()))
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

    #[test]
    fn decisions_appended_after_a_blank_line_are_rows() {
        let text = "# A\n\n## Key Decisions\n\n| Decision | Rationale | Outcome |\n|---|---|---|\n| One | a | ✓ Good |\n\n| Two | b | — Pending |\n| Three | c | ✓ Good |\n\n| Other | table |\n";
        let p = ProjectDoc::parse(Source::new("P", text.to_string()));
        let kd = p.key_decisions.unwrap();
        assert_eq!(kd.rows.len(), 3);
        assert_eq!(kd.last_line, 9);
    }

    #[test]
    fn last_updated_words_stop_at_the_closing_parenthesis() {
        let text = "# A\n\n## Current State (Updated: 2025-12-26)\n";
        let p = ProjectDoc::parse(Source::new("P", text.to_string()));
        let tail = p.last_updated_tail().unwrap();
        assert!(tail.is_empty());
        let text = "# A\n\n---\n*Last updated: 2026-01-22 after v1.3*\n";
        let p = ProjectDoc::parse(Source::new("P", text.to_string()));
        assert_eq!(p.doc.text(p.last_updated_tail().unwrap()), " after v1.3");
        // The current footer, not an older one kept below it; its bold keeps its markers.
        let text = "# A\n\n*Last updated: 2026-07-31 — **v25 shipped.***\n\n<details><summary>Previous</summary>\n\n*Last updated: 2026-07-23 — v24*\n\n</details>\n";
        let p = ProjectDoc::parse(Source::new("P", text.to_string()));
        assert_eq!(p.last_updated.as_ref().unwrap().0.to_string(), "2026-07-31");
        assert_eq!(
            p.doc.text(p.last_updated_tail().unwrap()),
            " — **v25 shipped.**"
        );
    }
}
