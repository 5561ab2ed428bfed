//! The ROADMAP.md lines `phase add` / `phase insert` write: a checklist line, a detail
//! section and progress-table rows, each copied from the shape of its neighbours (bold or
//! plain, `**Goal**:` or `**Goal:**`, the table's padding and columns).

use crate::edit::Edit;
use crate::model::ids::PhaseNum;
use crate::model::roadmap::{MilestoneKind, Roadmap};
use crate::ops::insert::{insert_after_line, insert_before_line};
use crate::ops::style::row_like;
use crate::syntax::{Doc, LineKind};

/// The phase being added.
pub(crate) struct NewPhase<'a> {
    pub number: &'a PhaseNum,
    pub name: &'a str,
    pub inserted: bool,
    pub depends: Option<&'a PhaseNum>,
}

/// The end of phase `n`'s detail section: the line of the next heading at its level or above
/// (or the end of the file).
pub(crate) fn section_end(doc: &Doc, heading: usize, level: u8) -> usize {
    (heading + 1..doc.kinds.len())
        .find(|&i| matches!(doc.kinds[i], LineKind::Heading(l) if l <= level))
        .unwrap_or(doc.kinds.len())
}

/// The ROADMAP.md edits that add `spec` after phase `anchor` (at the end without one).
pub(crate) fn roadmap_add_edits(
    roadmap: &Roadmap,
    anchor: Option<&PhaseNum>,
    spec: &NewPhase,
) -> Vec<Edit> {
    let doc = &roadmap.doc;
    let n = spec.number;
    let mut edits = Vec::new();
    let anchor_phase = anchor.and_then(|a| roadmap.phase(a));
    // The checklist line, in the anchor's shape.
    if let Some(line) = anchor_phase.and_then(|p| p.listing) {
        let text = doc.line(line);
        let prefix_len = text
            .find("**Phase")
            .or_else(|| text.find("Phase "))
            .unwrap_or(0);
        let mut prefix = text[..prefix_len].to_string();
        if let Some(open) = prefix.find('[') {
            prefix.replace_range(open..(open + 3).min(prefix.len()), "[ ]");
        }
        let bold = text[prefix_len..].starts_with("**");
        let mut new_line = if bold {
            format!("{prefix}**Phase {n}: {}**", spec.name)
        } else {
            format!("{prefix}Phase {n}: {}", spec.name)
        };
        if spec.inserted {
            new_line.push_str(" - INSERTED");
        }
        let after = roadmap
            .phases
            .iter()
            .filter(|p| {
                p.number.as_str().split('.').next()
                    == anchor.map(|a| a.as_str()).and_then(|a| a.split('.').next())
                    || Some(&p.number) == anchor
            })
            .filter_map(|p| p.listing)
            .filter(|l| doc.kinds.get(*l).is_some())
            .max()
            .unwrap_or(line)
            .max(line);
        // After a milestone collapsed into `<details>` (a shipped one), the new milestone's
        // phases start below the block, not inside it.
        match shipped_block(roadmap, after) {
            Some(close) => edits.push(insert_after_line(doc, close, &[String::new(), new_line])),
            None => edits.push(insert_after_line(doc, after, &[new_line])),
        }
    }
    // The detail section, after the anchor's (and its decimals'); after a collapsed
    // milestone, whose details went to its snapshot, after the last detail section left.
    let anchor_phase = match anchor_phase {
        Some(p)
            if p.heading.is_none()
                && p.listing.and_then(|l| shipped_block(roadmap, l)).is_some() =>
        {
            roadmap
                .phases
                .iter()
                .filter(|q| q.heading.is_some() && q.number < *n)
                .max_by(|a, b| a.number.cmp(&b.number))
                .or(Some(p))
        }
        other => other,
    };
    if let Some(p) = anchor_phase
        && let (Some(h), Some(level)) = (p.heading, p.heading_level)
    {
        let mut end = section_end(doc, h, level);
        for q in roadmap.phases.iter().filter(|q| {
            q.number > p.number
                && q.number.as_integer().is_none()
                && q.number.as_str().split('.').next() == p.number.as_str().split('.').next()
        }) {
            if let (Some(qh), Some(ql)) = (q.heading, q.heading_level) {
                end = end.max(section_end(doc, qh, ql));
            }
        }
        let colon_inside = doc.source.text.contains("**Goal:**");
        let label = |l: &str| {
            if colon_inside {
                format!("**{l}:**")
            } else {
                format!("**{l}**:")
            }
        };
        let hashes = "#".repeat(level as usize);
        let mut lines = Vec::new();
        let prev_blank = end == 0 || doc.line(end - 1).trim().is_empty();
        let at_end = end >= doc.kinds.len();
        if !prev_blank {
            lines.push(String::new());
        }
        let marker = if spec.inserted { " (INSERTED)" } else { "" };
        lines.push(format!("{hashes} Phase {n}: {}{marker}", spec.name));
        lines.push(format!("{} TBD", label("Goal")));
        if let Some(d) = spec.depends {
            lines.push(format!("{} Phase {d}", label("Depends on")));
        }
        lines.push(format!("{} TBD", label("Plans")));
        if !at_end {
            lines.push(String::new());
            edits.push(insert_before_line(doc, end, &lines));
        } else if let Some(last) = doc.kinds.len().checked_sub(1) {
            edits.push(insert_after_line(doc, last, &lines));
        }
    }
    // A progress row after the anchor's row in each table that has one.
    for t in &roadmap.progress_tables {
        let row = anchor.and_then(|a| t.row(a)).or_else(|| t.rows.last());
        let Some(row) = row else { continue };
        let mut at = row.line;
        for r in &t.rows {
            if let Some(rn) = &r.phase
                && anchor.is_some_and(|a| {
                    rn > a
                        && rn.as_integer().is_none()
                        && rn.as_str().split('.').next() == a.as_str().split('.').next()
                })
            {
                at = at.max(r.line);
            }
        }
        let first = doc.text(row.cells.first().map_or(0..0, |c| c.text.clone()));
        let phase_cell = if first.contains(". ") || first.contains(' ') {
            format!("{n}. {}", spec.name)
        } else {
            n.to_string()
        };
        let mut texts = vec![String::new(); row.cells.len()];
        texts[0] = phase_cell;
        let set = |texts: &mut Vec<String>, col: Option<usize>, v: &str| {
            if let Some(c) = col.filter(|c| *c < texts.len()) {
                texts[c] = v.to_string();
            }
        };
        // A new phase has no plans yet: the words the table's other unstarted rows use
        // (`0/?`, `0/TBD`, `⬜ Not started`, `—`), else the template's.
        let unstarted = t
            .rows
            .iter()
            .rev()
            .find(|r| t.status(doc, r) == Some(crate::model::roadmap::RowStatus::NotStarted));
        let cell_of = |col: crate::model::roadmap::Column| {
            unstarted
                .and_then(|r| t.cell(r, col))
                .map(|c| doc.text(c.text.clone()).to_string())
        };
        let plans = cell_of(crate::model::roadmap::Column::Plans)
            .filter(|p| {
                p.split_once('/')
                    .is_some_and(|(_, total)| total.trim().parse::<u64>().is_err())
            })
            .unwrap_or_else(|| "0/?".to_string());
        let status = cell_of(crate::model::roadmap::Column::Status)
            .unwrap_or_else(|| "Not started".to_string());
        let completed = cell_of(crate::model::roadmap::Column::Completed)
            .filter(|c| !c.starts_with(|ch: char| ch.is_ascii_digit()))
            .unwrap_or_else(|| "-".to_string());
        set(&mut texts, t.plans_col, &plans);
        set(&mut texts, t.status_col, &status);
        set(&mut texts, t.completed_col, &completed);
        if let Some(m) = t.milestone_col
            && let Some(cell) = row.cells.get(m)
        {
            texts[m] = doc.text(cell.text.clone()).to_string();
        }
        for (i, t) in texts.iter_mut().enumerate() {
            if t.is_empty() && i > 0 {
                *t = "-".to_string();
            }
        }
        edits.push(insert_after_line(
            doc,
            at,
            &[row_like(doc, row.line, &texts)],
        ));
    }
    edits
}

/// The closing line of the shipped milestone's `<details>` block holding line `line`, if
/// any.
fn shipped_block(roadmap: &Roadmap, line: usize) -> Option<usize> {
    roadmap
        .milestones
        .iter()
        .filter(|m| m.kind == MilestoneKind::Details && m.lines.contains(&line))
        .map(|m| m.lines.end - 1)
        .max()
}
