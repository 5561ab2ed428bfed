//! Milestone groups in ROADMAP.md: `<details><summary>✅ v1.0 …</summary>` blocks and
//! `## v1.1 …` / `### Milestone 2: …` headings. Phases remember the group they were first
//! seen in, so check and edit code can tell the shipped milestones from the current one.

use std::ops::Range;

use crate::syntax::{Doc, LineKind};

/// How a milestone group is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneKind {
    /// `## v1.0 MVP` / `### Milestone 2: …` heading; the group runs to the next heading of
    /// the same or a higher level.
    Heading(u8),
    /// `<details><summary>✅ v1.0 MVP …</summary> … </details>`.
    Details,
}

/// A milestone group of phases.
#[derive(Debug, Clone)]
pub struct Milestone {
    /// The heading or `<summary>` text.
    pub title: String,
    pub kind: MilestoneKind,
    /// The lines of the group, its heading or `<details>` line first.
    pub lines: Range<usize>,
}

/// Milestone groups: `<details>` blocks and `vX.Y` / `Milestone …` headings.
pub fn find_milestones(doc: &Doc) -> Vec<Milestone> {
    let mut out = Vec::new();
    let mut open: Vec<(usize, String)> = Vec::new();
    for i in 0..doc.kinds.len() {
        if doc.kinds[i] == LineKind::Code {
            continue;
        }
        let line = doc.line(i);
        let lower = line.to_ascii_lowercase();
        if lower.contains("<details") {
            open.push((i, summary_text(line).unwrap_or_default()));
        }
        if let Some((_, title)) = open.last_mut()
            && title.is_empty()
            && let Some(s) = summary_text(line)
        {
            *title = s;
        }
        if lower.contains("</details")
            && let Some((from, title)) = open.pop()
        {
            out.push(Milestone {
                title,
                kind: MilestoneKind::Details,
                lines: from..i + 1,
            });
        }
        if let LineKind::Heading(level) = doc.kinds[i] {
            let title = line.trim_start_matches('#').trim();
            if is_milestone_title(title) {
                let end = doc
                    .sections
                    .iter()
                    .find(|s| s.line == i)
                    .map_or(i + 1, |s| s.body.end);
                out.push(Milestone {
                    title: title.to_string(),
                    kind: MilestoneKind::Heading(level),
                    lines: i..end,
                });
            }
        }
    }
    out.sort_by_key(|m| (m.lines.start, std::cmp::Reverse(m.lines.end)));
    out
}

/// `<summary>✅ v1.0 MVP (Phases 1-12) — SHIPPED</summary>` → its text.
fn summary_text(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let open = lower.find("<summary>")? + "<summary>".len();
    let close = lower[open..]
        .find("</summary>")
        .map_or(line.len(), |c| open + c);
    Some(line[open..close].trim().to_string())
}

/// `v1.0 MVP`, `✅ v1.1 …`, `Milestone 2: …`, `v2.0 Milestone (Phases 5-8)`.
fn is_milestone_title(title: &str) -> bool {
    let t = title
        .trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
        .trim_start();
    let lower = t.to_ascii_lowercase();
    (lower.starts_with('v') && lower[1..].starts_with(|c: char| c.is_ascii_digit()))
        || lower.starts_with("milestone ")
        || lower.starts_with("milestone:")
}
