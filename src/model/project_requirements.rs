//! PROJECT.md's requirements as groups: `### Validated`, `### Active (v1.1)`,
//! `### Out of Scope`, `### Future` under `## Requirements` (versioned groups kept apart,
//! deeper headings folded into their group), or one table whose Status column says each
//! row's group. `gsd project show` counts them and `gsd project validate` moves between them.

use std::ops::Range;

use crate::model::state::context::{Item, read_items, read_items_except};
use crate::syntax::sections::normalize_title;
use crate::syntax::{Doc, LineKind};

/// Which requirements subsection a group is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequirementKind {
    Validated,
    Active,
    OutOfScope,
    /// `### Future`, `### Deferred`, …
    Other,
}

/// One `### Validated (v4.0)`-style subsection under `## Requirements`, in file order.
#[derive(Debug, Clone)]
pub struct RequirementGroup {
    pub kind: RequirementKind,
    pub heading_line: usize,
    /// The heading text (`Validated (v1.0 — shipped 2026-01-30)`).
    pub title: String,
    /// The parenthetical of a versioned heading (`v1.0 — shipped 2026-01-30`).
    pub version: Option<String>,
    /// Items; `resolved` is true for ticked (`[x]`, `✓`, `✅`) or struck ones.
    pub items: Vec<Item>,
    /// A lone placeholder line such as `(None yet — ship to validate)`.
    pub placeholder: Option<usize>,
    /// For requirements kept in one table with a Status column (no subsections): that
    /// column. The group is then the table's rows of one status, and `heading_line` is the
    /// Requirements heading.
    pub status_col: Option<usize>,
}

/// `### Validated`, `### Active (v1.4)`, `### Out of Scope (v1)`, `### Future` under the
/// Requirements section (or anywhere, when the file has no such section). A deeper heading
/// of no known kind inside a group (`#### Test Quality` under `### Active (Part 4)`) is part
/// of that group: its requirements are the group's.
pub fn requirement_groups(doc: &Doc) -> Vec<RequirementGroup> {
    let parent_section = doc
        .sections
        .iter()
        .position(|s| normalize_title(doc.title(s)).starts_with("requirements"));
    let parent = parent_section.map(|i| doc.sections[i].body.clone());
    let candidates: Vec<(usize, RequirementKind)> = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.level >= 3)
        .filter(|(_, s)| parent.as_ref().is_none_or(|p| p.contains(&s.line)))
        .filter_map(|(i, s)| {
            let t = normalize_title(doc.title(s));
            let kind = if t.starts_with("validated") {
                RequirementKind::Validated
            } else if t.starts_with("active") {
                RequirementKind::Active
            } else if t.starts_with("out of scope") {
                RequirementKind::OutOfScope
            } else if parent.is_some() {
                RequirementKind::Other
            } else {
                return None;
            };
            Some((i, kind))
        })
        .collect();
    let inside =
        |i: usize, j: usize| i != j && doc.sections[j].body.contains(&doc.sections[i].line);
    let groups: Vec<(usize, RequirementKind)> = candidates
        .iter()
        .copied()
        .filter(|&(i, kind)| {
            kind != RequirementKind::Other || !candidates.iter().any(|&(j, _)| inside(i, j))
        })
        .collect();
    let groups: Vec<RequirementGroup> = groups
        .iter()
        .map(|&(i, kind)| {
            let s = &doc.sections[i];
            let title = doc.title(s).to_string();
            let skip: Vec<Range<usize>> = groups
                .iter()
                .filter(|&&(j, _)| inside(j, i))
                .map(|&(j, _)| doc.sections[j].line..doc.sections[j].body.end)
                .collect();
            let list = read_items_except(doc, i, s.body.clone(), &skip);
            let placeholder = list.placeholder.or_else(|| {
                s.own.clone().find(|&l| {
                    let line = doc.line(l).trim();
                    list.items.is_empty()
                        && doc.kinds[l] == LineKind::Text
                        && line.starts_with(['(', '（'])
                        && line.ends_with([')', '）'])
                })
            });
            RequirementGroup {
                kind,
                heading_line: s.line,
                version: heading_version(&title),
                title,
                items: list.items,
                placeholder,
                status_col: None,
            }
        })
        .collect();
    match parent_section {
        Some(p) if groups.is_empty() => status_table_groups(doc, p),
        _ => groups,
    }
}

/// The version part of a group heading: `Validated (v1.0 — shipped)` → `v1.0 — shipped`,
/// `Validated — v9.0 Enterprise Documentation` → `v9.0 Enterprise Documentation`.
fn heading_version(title: &str) -> Option<String> {
    if let Some(o) = title.find('(') {
        return Some(title[o + 1..].trim_end().trim_end_matches(')').to_string());
    }
    [" — ", " – ", " - ", ": "]
        .iter()
        .filter_map(|sep| title.find(sep).map(|i| i + sep.len()))
        .min()
        .map(|i| title[i..].trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Requirements kept in one table under `## Requirements` with a Status column: one group
/// per status kind, in the order Validated, Active, Out of Scope, other.
fn status_table_groups(doc: &Doc, parent: usize) -> Vec<RequirementGroup> {
    let section = &doc.sections[parent];
    let Some(header) = section
        .own
        .clone()
        .find(|&i| doc.kinds[i] == LineKind::TableRow)
    else {
        return Vec::new();
    };
    let Some(status_col) = doc.cells(header).and_then(|cells| {
        cells.iter().position(|c| {
            let t = doc.text(c.text.clone()).trim_matches('*').to_lowercase();
            t.starts_with("status") || t == "state"
        })
    }) else {
        return Vec::new();
    };
    let list = read_items(doc, parent, header..section.own.end);
    let kinds = [
        RequirementKind::Validated,
        RequirementKind::Active,
        RequirementKind::OutOfScope,
        RequirementKind::Other,
    ];
    let title = doc.title(section).to_string();
    kinds
        .into_iter()
        .filter_map(|kind| {
            let items: Vec<Item> = list
                .items
                .iter()
                .filter(|it| {
                    let cell = doc
                        .cells(it.line)
                        .and_then(|cells| cells.get(status_col).cloned())
                        .map_or("", |c| doc.text(c.text));
                    requirement_status_kind(cell) == kind
                })
                .cloned()
                .collect();
            (!items.is_empty()).then(|| RequirementGroup {
                kind,
                heading_line: section.line,
                title: title.clone(),
                version: None,
                items,
                placeholder: None,
                status_col: Some(status_col),
            })
        })
        .collect()
}

/// What a requirement's Status cell says: `✓ Validated`, `Shipped`, `Done` are validated;
/// `Out of scope`, `Won't do`, `Dropped` out of scope; `Deferred`, `Future` neither; anything
/// else (`Active`, `Planned`, `In progress`, empty) active.
pub fn requirement_status_kind(cell: &str) -> RequirementKind {
    let t = cell.to_lowercase();
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| list.iter().any(|w| words.contains(w));
    if t.contains("out of scope") || has(&["won't", "dropped", "rejected", "excluded", "cut"]) {
        RequirementKind::OutOfScope
    } else if has(&["deferred", "future", "later", "backlog"]) {
        RequirementKind::Other
    } else if t.contains(['✓', '✅', '✔'])
        || t.starts_with("[x]")
        || has(&[
            "validated",
            "shipped",
            "done",
            "complete",
            "completed",
            "delivered",
            "met",
        ])
    {
        RequirementKind::Validated
    } else {
        RequirementKind::Active
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project::ProjectDoc;
    use crate::source::Source;

    #[test]
    fn groups_absorb_nested_headings_and_read_dash_versions() {
        let text = "# A\n\n## Requirements\n\n### Validated — v9.0 Docs\n\n- ✓ Docs — v9.0\n\n### Active (Part 4)\n\n#### Test Quality\n\n- [ ] T-01: one\n- [ ] T-02: two\n\n### Out of Scope\n\n(None)\n";
        let p = ProjectDoc::parse(Source::new("P", text.to_string()));
        let g: Vec<_> = p
            .requirement_groups
            .iter()
            .map(|g| (g.kind, g.version.clone(), g.items.len()))
            .collect();
        assert_eq!(
            g,
            [
                (RequirementKind::Validated, Some("v9.0 Docs".to_string()), 1),
                (RequirementKind::Active, Some("Part 4".to_string()), 2),
                (RequirementKind::OutOfScope, None, 0),
            ]
        );
        assert!(p.requirement_groups[2].placeholder.is_some());
    }
}
