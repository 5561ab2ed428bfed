//! ROADMAP.md: phases (checklist lines and `### Phase N: Name` sections, decimal and letter
//! ids, milestone groups incl. `<details>`), each phase's plan checklist and `**Plans**:`
//! field, and the progress table (4 or 5 columns).
//!
//! A phase is usually mentioned several times (a checklist line, a detail heading, a progress
//! row); the model merges them by phase number, padding-insensitively, and keeps the line of
//! each so edits can tick the checkbox, fix the row, or set the completed date in place.
//!
//! `<details>` blocks: pulldown-cmark reads `<details>` as an HTML block that ends at the
//! first blank line, so a list written right under `<summary>` is HTML, not a list. Lines
//! inside a `<details>` group are therefore also read as text (outside HTML comments).

mod lines;
mod milestones;
mod progress;

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::NaiveDate;

pub use lines::{leading_plan_id, phase_title, phase_title_in_list, plans_numbers};
pub use milestones::{Milestone, MilestoneKind};
pub use progress::{Column, ProgressRow, ProgressTable, RowStatus, fraction, phase_cell};

use crate::model::ids::{PhaseNum, PlanId};
use crate::source::Source;
use crate::syntax::{Doc, LineKind};

/// A `[ ]` / `[x]` checkbox: the line and the range of the mark character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkbox {
    pub line: usize,
    /// The one character between the brackets.
    pub mark: Range<usize>,
    pub checked: bool,
}

/// An emoji used instead of a checkbox (`- ✅ **Phase 13: …**`, `- 🚧 …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusGlyph {
    pub line: usize,
    pub glyph: Range<usize>,
    /// ✅ / ✓ mean done; 🚧, 📋, ⬜ … do not.
    pub done: bool,
}

/// A plan line under a phase: `- [x] 02-01: text` or `- [ ] 02-01-PLAN.md — text`.
#[derive(Debug, Clone)]
pub struct RoadmapPlan {
    pub id: PlanId,
    pub checkbox: Checkbox,
    /// The text after the checkbox (id included), trimmed.
    pub text: Range<usize>,
}

/// The `**Plans**: …` field of a phase's detail section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlansField {
    pub line: usize,
    /// The value after the label (`2/3 plans complete`), trimmed.
    pub value: Range<usize>,
    /// `3 plans` → 3; `2/3 …` → 3; `TBD` → None.
    pub total: Option<u32>,
    /// `2/3 …` → 2.
    pub complete: Option<u32>,
}

/// Everything the roadmap says about one phase.
#[derive(Debug, Clone)]
pub struct RoadmapPhase {
    pub number: PhaseNum,
    pub name: Option<String>,
    /// The phase's checklist line (`- [x] **Phase 1: Name** - …`).
    pub checkbox: Option<Checkbox>,
    /// The `### Phase N: Name` heading line.
    pub heading: Option<usize>,
    /// `**Plans**: 3 plans` field line, if any.
    pub plans_field: Option<usize>,
    pub plans: Vec<RoadmapPlan>,
    /// The first list line naming the phase (with a checkbox, an emoji, or neither).
    pub listing: Option<usize>,
    /// The emoji mark on the listing line, when it uses one instead of a checkbox.
    pub glyph: Option<StatusGlyph>,
    /// The heading's level (2 for `## Phase 1:`, 4 under `### v1.0` groups).
    pub heading_level: Option<u8>,
    /// `INSERTED` / `(inserted DATE)` on the listing line or heading.
    pub inserted: bool,
    /// `(completed 2026-03-11)` on the listing line: the date and its byte range.
    pub completed: Option<(NaiveDate, Range<usize>)>,
    /// The parsed `**Plans**:` field.
    pub plans_value: Option<PlansField>,
    /// The `**Goal**:` of its detail section, trimmed.
    pub goal: Option<String>,
    /// Index into [`Roadmap::milestones`] of the group the phase was first seen in.
    pub milestone: Option<usize>,
}

impl RoadmapPhase {
    fn new(number: PhaseNum) -> RoadmapPhase {
        RoadmapPhase {
            number,
            name: None,
            checkbox: None,
            heading: None,
            plans_field: None,
            plans: Vec::new(),
            listing: None,
            glyph: None,
            heading_level: None,
            inserted: false,
            completed: None,
            plans_value: None,
            goal: None,
            milestone: None,
        }
    }

    /// Whether the roadmap marks the phase done (checkbox ticked, or a ✅-style glyph).
    pub fn is_checked(&self) -> bool {
        self.checkbox.as_ref().is_some_and(|c| c.checked)
            || self.glyph.as_ref().is_some_and(|g| g.done)
    }

    /// How many plans the phase has: its plan checklist, else the `**Plans**: N plans` field.
    pub fn plan_total(&self) -> Option<usize> {
        if self.plans.is_empty() {
            self.plans_value.as_ref()?.total.map(|n| n as usize)
        } else {
            Some(self.plans.len())
        }
    }

    /// How many plans are ticked (else the `N/M` of the `**Plans**:` field).
    pub fn plans_completed(&self) -> Option<usize> {
        if self.plans.is_empty() {
            self.plans_value.as_ref()?.complete.map(|n| n as usize)
        } else {
            Some(self.plans.iter().filter(|p| p.checkbox.checked).count())
        }
    }
}

/// The ROADMAP.md model.
#[derive(Debug, Clone)]
pub struct Roadmap {
    pub doc: Doc,
    /// Phases in first-seen order, merged from checklist lines and headings.
    pub phases: Vec<RoadmapPhase>,
    /// The first progress table.
    pub progress: Option<ProgressTable>,
    /// Every progress table (some roadmaps keep one per milestone).
    pub progress_tables: Vec<ProgressTable>,
    pub milestones: Vec<Milestone>,
}

impl Roadmap {
    pub fn parse(source: Source) -> Roadmap {
        let doc = Doc::parse(source);
        let milestones = milestones::find_milestones(&doc);
        let readable = readable_lines(&doc);
        let mut b = Builder::default();
        let mut current: Option<(PhaseNum, u8)> = None;
        for (i, _) in readable.iter().enumerate().filter(|(_, ok)| **ok) {
            let line = doc.line(i);
            let group = milestones.iter().rposition(|m| m.lines.contains(&i));
            if let Some(level) = heading_level(&doc, i) {
                let title = line.trim_start().trim_start_matches('#').trim();
                if current.as_ref().is_some_and(|(_, l)| level <= *l) {
                    current = None;
                }
                if let Some((n, name)) = phase_title(title) {
                    let p = b.entry(&n, group);
                    if p.heading.is_none() {
                        p.heading = Some(i);
                        p.heading_level = Some(level);
                    }
                    p.inserted |= lines::is_inserted(title);
                    if p.name.is_none() {
                        p.name = name;
                    }
                    current = Some((n, level));
                }
                continue;
            }
            let cur = current.as_ref().map(|(n, _)| n);
            if let (Some(goal), Some(n)) = (lines::goal_value(line), cur) {
                let p = b.entry(n, group);
                if p.goal.is_none() {
                    p.goal = Some(goal.to_string());
                }
                continue;
            }
            if let Some(v) = lines::plans_field_value(line)
                && let Some(n) = cur
            {
                let start = doc.line_start(i);
                let value = start + v..start + line.trim_end().len().max(v);
                let (total, complete) = plans_numbers(doc.text(value.clone()));
                let p = b.entry(n, group);
                if p.plans_field.is_none() {
                    p.plans_field = Some(i);
                    p.plans_value = Some(PlansField {
                        line: i,
                        value,
                        total,
                        complete,
                    });
                }
                continue;
            }
            read_list_line(&doc, i, cur.cloned(), group, &mut b);
        }
        let progress_tables = progress::find_progress_tables(&doc);
        Roadmap {
            doc,
            phases: b.finish(),
            progress: progress_tables.first().cloned(),
            progress_tables,
            milestones,
        }
    }

    /// The phase with this number (padding-insensitive).
    pub fn phase(&self, n: &PhaseNum) -> Option<&RoadmapPhase> {
        self.phases.iter().find(|p| &p.number == n)
    }

    /// The plan with this id.
    pub fn plan(&self, id: &PlanId) -> Option<&RoadmapPlan> {
        self.phase(&id.phase)?.plans.iter().find(|p| &p.id == id)
    }

    /// The progress-table row of phase `n`, with its table (first table that has one).
    pub fn progress_row(&self, n: &PhaseNum) -> Option<(&ProgressTable, &ProgressRow)> {
        self.progress_tables
            .iter()
            .find_map(|t| t.row(n).map(|r| (t, r)))
    }

    /// The requirement ids the phase's detail section lists (`**Requirements**: AUTH-01,
    /// AUTH-02`), in order; empty when it lists none.
    pub fn requirement_ids(&self, n: &PhaseNum) -> Vec<String> {
        let Some(phase) = self.phase(n) else {
            return Vec::new();
        };
        let (Some(start), Some(level)) = (phase.heading, phase.heading_level) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for i in start + 1..self.doc.kinds.len() {
            if heading_level(&self.doc, i).is_some_and(|l| l <= level) {
                break;
            }
            let line = self.doc.line(i);
            let lower = line.to_ascii_lowercase();
            let Some(at) = lower.find("requirements") else {
                continue;
            };
            let Some(colon) = line[at..].find(':') else {
                continue;
            };
            for word in line[at + colon + 1..]
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .filter(|w| crate::model::ids::is_requirement_id(w))
            {
                if !out.iter().any(|o| o == word) {
                    out.push(word.to_string());
                }
            }
        }
        out
    }

    /// The text of a progress-row cell under `column` for phase `n`.
    pub fn progress_cell(&self, n: &PhaseNum, column: Column) -> Option<&str> {
        let (table, row) = self.progress_row(n)?;
        let cell = table.cell(row, column)?;
        Some(self.doc.text(cell.text.clone()))
    }
}

/// Collects phases by number in first-seen order.
#[derive(Default)]
struct Builder {
    order: Vec<PhaseNum>,
    map: BTreeMap<PhaseNum, RoadmapPhase>,
}

impl Builder {
    fn entry(&mut self, n: &PhaseNum, group: Option<usize>) -> &mut RoadmapPhase {
        if !self.map.contains_key(n) {
            self.order.push(n.clone());
            let mut p = RoadmapPhase::new(n.clone());
            p.milestone = group;
            self.map.insert(n.clone(), p);
        }
        self.map.get_mut(n).expect("inserted above")
    }

    fn finish(mut self) -> Vec<RoadmapPhase> {
        self.order
            .into_iter()
            .filter_map(|n| self.map.remove(&n))
            .collect()
    }
}

/// Reads a list line: a phase listing (checkbox, emoji, or plain bold/numbered) or a plan.
fn read_list_line(
    doc: &Doc,
    i: usize,
    current: Option<PhaseNum>,
    group: Option<usize>,
    b: &mut Builder,
) {
    let line = doc.line(i);
    let Some(body_at) = lines::list_body(line) else {
        return;
    };
    let start = doc.line_start(i);
    let body = &line[body_at..];
    if let Some(cb) = checkbox(doc, i) {
        let plain = body.trim_start_matches(['*', '~']);
        if let Some((n, name)) = phase_title_in_list(body) {
            let p = b.entry(&n, group);
            if p.listing.is_none() {
                p.listing = Some(i);
                p.checkbox = Some(cb);
                p.completed = lines::completed_date(body)
                    .map(|(d, r)| (d, start + body_at + r.start..start + body_at + r.end));
            }
            p.inserted |= lines::is_inserted(body);
            if p.name.is_none() {
                p.name = name;
            }
        } else if let Some(id) = leading_plan_id(plain, current.as_ref()) {
            if current.is_none() && !b.map.contains_key(&id.phase) {
                return; // an id-like token outside any phase: not evidence of a phase
            }
            let p = b.entry(&id.phase.clone(), group);
            if !p.plans.iter().any(|pl| pl.id == id) {
                p.plans.push(RoadmapPlan {
                    id,
                    checkbox: cb,
                    text: start + body_at..start + line.trim_end().len().max(body_at),
                });
            }
        }
        return;
    }
    // No checkbox: `- ✅ **Phase 13: …**`, `1. Phase 2: …`, `- **Phase 3: Name**`.
    let glyph = lines::status_glyph(body);
    let rest = glyph.map_or(body, |(len, _)| body[len..].trim_start());
    let named = rest.starts_with("**Phase") || rest.starts_with("Phase ");
    let Some((n, Some(name))) = named.then(|| phase_title_in_list(rest)).flatten() else {
        return;
    };
    let p = b.entry(&n, group);
    if p.listing.is_none() {
        p.listing = Some(i);
        p.glyph = glyph.map(|(len, done)| StatusGlyph {
            line: i,
            glyph: start + body_at..start + body_at + len,
            done,
        });
        p.completed = lines::completed_date(body)
            .map(|(d, r)| (d, start + body_at + r.start..start + body_at + r.end));
    }
    p.inserted |= lines::is_inserted(body);
    p.name.get_or_insert(name);
}

/// The heading level of line `i`: a Markdown heading, or `### …` text inside an HTML block.
fn heading_level(doc: &Doc, i: usize) -> Option<u8> {
    match doc.kinds[i] {
        LineKind::Heading(l) => Some(l),
        LineKind::Html => {
            let t = doc.line(i);
            let hashes = t.bytes().take_while(|b| *b == b'#').count();
            ((1..=6).contains(&hashes) && t[hashes..].starts_with(' ')).then_some(hashes as u8)
        }
        _ => None,
    }
}

/// Which lines may hold phases and plans: prose and headings, plus HTML-block lines inside a
/// `<details>` group that are not inside an HTML comment. Code never.
fn readable_lines(doc: &Doc) -> Vec<bool> {
    let mut details = 0usize;
    let mut in_comment = false;
    doc.kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let lower = doc.line(i).to_ascii_lowercase();
            let was_comment = in_comment;
            if let Some(open) = lower.rfind("<!--") {
                in_comment = !lower[open..].contains("-->");
            } else if in_comment && lower.contains("-->") {
                in_comment = false;
            }
            if *kind != LineKind::Code {
                details += lower.matches("<details").count();
                details = details.saturating_sub(lower.matches("</details").count());
            }
            match kind {
                LineKind::Html => {
                    details > 0 && !was_comment && !in_comment && !lower.trim().starts_with('<')
                }
                LineKind::Code | LineKind::Frontmatter => false,
                _ => true,
            }
        })
        .collect()
}

/// The checkbox of a list line (`- [x] …`, `1. [ ] …`), if it has one.
pub fn checkbox(doc: &Doc, line: usize) -> Option<Checkbox> {
    let (offset, checked) = lines::checkbox_in(doc.line(line))?;
    let start = doc.line_start(line) + offset;
    Some(Checkbox {
        line,
        mark: start..start + 1,
        checked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROADMAP: &str = "# Roadmap: X\n\n## Phases\n\n- [x] **Phase 1: Foundation** - base\n- [ ] **Phase 2: API** - api\n- [ ] Phase 2.1: Hotfix (INSERTED)\n\n## Phase Details\n\n### Phase 2: API\n**Plans**: 2 plans\n\nPlans:\n- [x] 02-01-PLAN.md — filters\n- [ ] 02-02: pagination\n\n## Progress\n\n| Phase | Plans Complete | Status | Completed |\n|-------|----------------|--------|-----------|\n| 1. Foundation | 2/2 | Complete | 2026-01-20 |\n| 2. API | 1/2 | In Progress | - |\n";

    #[test]
    fn reads_phases_plans_and_progress() {
        let r = Roadmap::parse(Source::new("R", ROADMAP.to_string()));
        assert_eq!(r.phases.len(), 3);
        assert!(r.phases[0].is_checked());
        assert_eq!(r.phases[1].name.as_deref(), Some("API"));
        assert_eq!(r.phases[1].plans.len(), 2);
        assert!(r.phases[1].plans[0].checkbox.checked);
        assert_eq!(r.phases[1].plan_total(), Some(2));
        assert_eq!(r.phases[1].plans_completed(), Some(1));
        assert_eq!(r.phases[1].plans_value.as_ref().unwrap().total, Some(2));
        assert_eq!(r.phases[2].number.as_str(), "2.1");
        assert_eq!(r.phases[2].name.as_deref(), Some("Hotfix"));
        assert!(r.phases[2].inserted);
        let t = r.progress.as_ref().unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].phase.as_ref().unwrap().as_str(), "2");
        let listed: Vec<_> = r.phases.iter().flat_map(|p| &p.plans).collect();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed.iter().filter(|p| p.checkbox.checked).count(), 1);
        let two = PhaseNum::parse("02").unwrap();
        assert_eq!(r.progress_cell(&two, Column::Plans), Some("1/2"));
        assert_eq!(r.progress_cell(&two, Column::Status), Some("In Progress"));
    }
}
