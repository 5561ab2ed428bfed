//! ROADMAP.md after `milestone complete`: the finished milestone collapsed the way the
//! workflow's complete-milestone step reorganises it (and 40 of 87 real roadmaps show):
//!
//! ```markdown
//! <details>
//! <summary>✅ v1.0 MVP (Phases 1-4) — SHIPPED 2026-02-01</summary>
//!
//! - [x] **Phase 1: Setup** - schema and CI
//! …
//!
//! Full details: `.planning/milestones/v1.0-ROADMAP.md`
//!
//! </details>
//! ```
//!
//! The milestone's checklist lines move into the block byte for byte (with a `### v1.0 …`
//! heading of their own, the heading goes too). Their detail sections are dropped, since the
//! snapshot written in the same step keeps them, but only a section that holds nothing but
//! a phase's fields, lists and headings: one with prose, a table or a code block stays, and
//! the user is told. A `## Milestones` bullet for the version has its 🚧 (or 📋, 🔲) turned into ✅ and
//! `(in progress)` into `(shipped DATE)`. The progress table is kept. A milestone already
//! inside a `<details>` block, or whose checklist lines are not one block, is left as it is.

use crate::edit::Edit;
use crate::model::ids::PhaseNum;
use crate::model::roadmap::{MilestoneKind, Roadmap};
use crate::model::workspace::Workspace;
use crate::ops::insert::{eol_of, item_end};
use crate::ops::milestone_names::names_version;
use crate::ops::phase_roadmap_add::section_end;
use crate::syntax::{Doc, LineKind};

/// What the collapsed block says of the milestone.
pub struct Shipped<'a> {
    pub version: &'a str,
    pub name: &'a str,
    pub date: &'a str,
    /// The milestone's phases, in order.
    pub phases: &'a [PhaseNum],
}

/// The ROADMAP.md edits that collapse the milestone; `notices` gets what was left and why.
pub fn collapse_edits(roadmap: &Roadmap, m: &Shipped, notices: &mut Vec<String>) -> Vec<Edit> {
    let doc = &roadmap.doc;
    let listings: Vec<usize> = m
        .phases
        .iter()
        .filter_map(|n| roadmap.phase(n).and_then(|p| p.listing))
        .collect();
    let (Some(&first), Some(&last)) = (listings.iter().min(), listings.iter().max()) else {
        return Vec::new();
    };
    let collapsed = roadmap
        .milestones
        .iter()
        .any(|g| g.kind == MilestoneKind::Details && g.lines.contains(&first));
    if collapsed {
        return Vec::new();
    }
    let block_end = item_end(doc, last);
    let others: Vec<String> = roadmap
        .phases
        .iter()
        .filter(|p| !m.phases.contains(&p.number))
        .filter(|p| p.listing.is_some_and(|l| (first..=block_end).contains(&l)))
        .map(|p| p.number.to_string())
        .collect();
    if !others.is_empty() || listings.len() < m.phases.len() {
        notices.push(format!(
            "ROADMAP.md: milestone {} not collapsed into <details>: its phases are not one checklist block",
            m.version
        ));
        return Vec::new();
    }
    let region = own_heading(roadmap, m.version, first, block_end).unwrap_or(first..block_end + 1);
    let eol = eol_of(doc, first);
    let listed = doc.text(doc.line_start(first)..doc.source.lines[block_end].content_end);
    let text = details(m, listed, eol);
    let end = doc.source.lines[region.end - 1].content_end;
    let mut edits = vec![Edit::replace(doc.line_start(region.start)..end, text)];
    for n in m.phases {
        let Some(p) = roadmap.phase(n) else { continue };
        let (Some(h), Some(level)) = (p.heading, p.heading_level) else {
            continue;
        };
        if region.contains(&h) {
            continue;
        }
        let end = section_end(doc, h, level);
        if (h + 1..end).all(|i| detail_line(doc, i)) {
            let to = if end < doc.kinds.len() {
                doc.line_start(end)
            } else {
                doc.source.text.len()
            };
            edits.push(Edit::replace(doc.line_start(h)..to, ""));
        } else {
            notices.push(format!(
                "ROADMAP.md: kept the details of phase {n}: they hold more than the phase's fields"
            ));
        }
    }
    edits.extend(milestones_bullet(doc, m, region.clone()));
    edits
}

/// A `### v1.0 …` heading whose section holds only the milestone's checklist (and blank
/// lines): the whole section is replaced, heading included.
fn own_heading(
    roadmap: &Roadmap,
    version: &str,
    first: usize,
    last: usize,
) -> Option<std::ops::Range<usize>> {
    let doc = &roadmap.doc;
    let g = roadmap.milestones.iter().find(|g| {
        matches!(g.kind, MilestoneKind::Heading(_))
            && names_version(&g.title, version)
            && g.lines.start < first
            && last < g.lines.end
    })?;
    let only_list = (g.lines.start + 1..g.lines.end)
        .all(|i| (first..=last).contains(&i) || doc.kinds[i] == LineKind::Blank);
    let mut end = g.lines.end;
    while end > last + 1 && doc.kinds[end - 1] == LineKind::Blank {
        end -= 1;
    }
    only_list.then_some(g.lines.start..end)
}

/// The `<details>` block holding `listed` (the checklist lines as written).
fn details(m: &Shipped, listed: &str, eol: &str) -> String {
    let phases = match (m.phases.first(), m.phases.last()) {
        (Some(a), Some(b)) if a != b => format!(" (Phases {a}-{b})"),
        (Some(a), _) => format!(" (Phase {a})"),
        _ => String::new(),
    };
    let name = if m.name.is_empty() {
        String::new()
    } else {
        format!(" {}", m.name)
    };
    let archive = Workspace::display_path(&format!("milestones/{}-ROADMAP.md", m.version));
    [
        "<details>".to_string(),
        format!(
            "<summary>✅ {}{name}{phases} — SHIPPED {}</summary>",
            m.version, m.date
        ),
        String::new(),
        listed.to_string(),
        String::new(),
        format!(
            "Full details: `{}`",
            archive.to_string_lossy().replace('\\', "/")
        ),
        String::new(),
        "</details>".to_string(),
    ]
    .join(eol)
}

/// Whether line `i` of a phase's detail section is one the snapshot keeps for the user
/// without loss of anything they wrote around it: blank, a heading, a list line, or a
/// field line (`**Goal**: …`, `Plans:`).
fn detail_line(doc: &Doc, i: usize) -> bool {
    match doc.kinds[i] {
        LineKind::Blank
        | LineKind::Heading(_)
        | LineKind::ListItem { .. }
        | LineKind::ListContinuation => true,
        LineKind::Text => {
            let t = doc.line(i).trim();
            t.starts_with("**") || t.ends_with(':')
        }
        _ => false,
    }
}

/// The marks a `## Milestones` bullet gives a milestone not yet shipped: in progress (🚧, the
/// template's), planned (📋), and the ones real files use (🔲, ⏳, 🔄).
const OPEN_GLYPHS: &[char] = &['🚧', '📋', '🔲', '⏳', '🔄'];

/// The `## Milestones` bullet of the version (outside the collapsed region): its open mark
/// ([`OPEN_GLYPHS`]) → ✅ and `(in progress)` → `(shipped DATE)`.
fn milestones_bullet(doc: &Doc, m: &Shipped, region: std::ops::Range<usize>) -> Vec<Edit> {
    let mut edits = Vec::new();
    for i in (0..doc.kinds.len()).filter(|i| !region.contains(i)) {
        if !matches!(doc.kinds[i], LineKind::ListItem { .. }) {
            continue;
        }
        let line = doc.line(i);
        let Some((at, glyph)) = line
            .char_indices()
            .find(|(_, c)| OPEN_GLYPHS.contains(c))
            .filter(|_| names_version(line, m.version))
        else {
            continue;
        };
        let start = doc.line_start(i);
        edits.push(Edit::replace(
            start + at..start + at + glyph.len_utf8(),
            "✅",
        ));
        let lower = line.to_lowercase();
        if let Some(at) = lower.find("in progress")
            && lower.len() == line.len()
        {
            edits.push(Edit::replace(
                start + at..start + at + "in progress".len(),
                format!("shipped {}", m.date),
            ));
        }
        break;
    }
    edits
}
