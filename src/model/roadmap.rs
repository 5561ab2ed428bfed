//! ROADMAP.md: phases (checklist lines and `### Phase N: Name` sections, decimal and letter
//! ids, milestone groups incl. `<details>`), each phase's plan checklist, and the progress
//! table (4 or 5 columns).

use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::ids::{PhaseNum, PlanId};
use crate::model::state::context::list_marker;
use crate::source::Source;
use crate::syntax::{Cell, Doc, LineKind};

/// A `[ ]` / `[x]` checkbox: the line and the range of the mark character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkbox {
    pub line: usize,
    /// The one character between the brackets.
    pub mark: Range<usize>,
    pub checked: bool,
}

/// A plan line under a phase: `- [x] 02-01: text` or `- [ ] 02-01-PLAN.md — text`.
#[derive(Debug, Clone)]
pub struct RoadmapPlan {
    pub id: PlanId,
    pub checkbox: Checkbox,
    /// The text after the id.
    pub text: Range<usize>,
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
}

impl RoadmapPhase {
    /// Whether the roadmap marks the phase done (its checkbox is ticked).
    pub fn is_checked(&self) -> bool {
        self.checkbox.as_ref().is_some_and(|c| c.checked)
    }
}

/// The progress table and its column positions.
#[derive(Debug, Clone)]
pub struct ProgressTable {
    pub header_line: usize,
    pub columns: Vec<String>,
    pub rows: Vec<ProgressRow>,
    pub plans_col: Option<usize>,
    pub status_col: Option<usize>,
    pub completed_col: Option<usize>,
}

/// One progress-table row.
#[derive(Debug, Clone)]
pub struct ProgressRow {
    pub line: usize,
    pub cells: Vec<Cell>,
    pub phase: Option<PhaseNum>,
}

/// The ROADMAP.md model.
#[derive(Debug, Clone)]
pub struct Roadmap {
    pub doc: Doc,
    /// Phases in first-seen order, merged from checklist lines and headings.
    pub phases: Vec<RoadmapPhase>,
    pub progress: Option<ProgressTable>,
}

impl Roadmap {
    pub fn parse(source: Source) -> Roadmap {
        let doc = Doc::parse(source);
        let mut order: Vec<PhaseNum> = Vec::new();
        let mut map: BTreeMap<PhaseNum, RoadmapPhase> = BTreeMap::new();
        let mut entry = |map: &mut BTreeMap<PhaseNum, RoadmapPhase>, n: &PhaseNum| {
            if !map.contains_key(n) {
                order.push(n.clone());
                map.insert(
                    n.clone(),
                    RoadmapPhase {
                        number: n.clone(),
                        name: None,
                        checkbox: None,
                        heading: None,
                        plans_field: None,
                        plans: Vec::new(),
                    },
                );
            }
        };
        let mut current_phase: Option<PhaseNum> = None;
        for i in 0..doc.kinds.len() {
            match doc.kinds[i] {
                LineKind::Heading(_) => {
                    let title = doc.line(i).trim_start_matches('#').trim();
                    current_phase = None;
                    if let Some((n, name)) = phase_title(title) {
                        entry(&mut map, &n);
                        let p = map.get_mut(&n).expect("inserted");
                        p.heading.get_or_insert(i);
                        if p.name.is_none() {
                            p.name = name;
                        }
                        current_phase = Some(n);
                    }
                }
                LineKind::ListItem { .. } | LineKind::Text | LineKind::ListContinuation => {
                    let Some(cb) = checkbox(&doc, i) else {
                        if let Some(n) = &current_phase
                            && doc.line(i).to_lowercase().contains("**plans")
                        {
                            map.get_mut(n)
                                .expect("current")
                                .plans_field
                                .get_or_insert(i);
                        }
                        continue;
                    };
                    let after = doc.text(cb.mark.end + 1..doc.line_start(i) + doc.line(i).len());
                    let after_trim = after.trim_start();
                    let text_start = doc.line_start(i) + doc.line(i).len() - after_trim.len();
                    let plain = after_trim.trim_start_matches("**").trim_start_matches('~');
                    if let Some((n, name)) = phase_title(plain) {
                        entry(&mut map, &n);
                        let p = map.get_mut(&n).expect("inserted");
                        if p.checkbox.is_none() {
                            p.checkbox = Some(cb);
                        }
                        if p.name.is_none() {
                            p.name = name;
                        }
                    } else if let Some(id) = leading_plan_id(plain) {
                        let n = id.phase.clone();
                        entry(&mut map, &n);
                        let p = map.get_mut(&n).expect("inserted");
                        if !p.plans.iter().any(|pl| pl.id == id) {
                            p.plans.push(RoadmapPlan {
                                id,
                                checkbox: cb,
                                text: text_start..doc.line_start(i) + doc.line(i).trim_end().len(),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        let phases = order.into_iter().filter_map(|n| map.remove(&n)).collect();
        let progress = find_progress_table(&doc);
        Roadmap {
            doc,
            phases,
            progress,
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

    /// All plans listed, and how many are ticked.
    pub fn plan_counts(&self) -> (usize, usize) {
        let all = self.phases.iter().flat_map(|p| &p.plans);
        let total = all.clone().count();
        (all.filter(|p| p.checkbox.checked).count(), total)
    }
}

/// `Phase 2: Name`, `Phase 2.1 — Name`, `Phase 12A: Name (INSERTED)`, `Phase 1 - Name`.
pub fn phase_title(text: &str) -> Option<(PhaseNum, Option<String>)> {
    let t = text.trim().trim_start_matches(['*', '~', ' ']);
    let t = t
        .trim_start_matches(|c: char| !c.is_ascii() && !c.is_alphanumeric())
        .trim_start();
    let rest = t
        .strip_prefix("Phase ")
        .or_else(|| t.strip_prefix("phase "))?;
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let num_text = rest[..len].trim_end_matches('.');
    let number = PhaseNum::parse(num_text)?;
    let tail = rest[num_text.len()..].trim_start_matches('.');
    let tail = tail.trim_start_matches("**").trim_start();
    let name = ["—", "--", "-", "–", ":"]
        .iter()
        .find_map(|sep| tail.strip_prefix(sep))
        .or_else(|| tail.strip_prefix("**:"))
        .map(|n| {
            let n = n.trim();
            let end = n.find("**").unwrap_or(n.len());
            let n = n[..end].trim();
            n.split(" (")
                .next()
                .unwrap_or(n)
                .trim_end_matches([' ', '*'])
                .to_string()
        })
        .filter(|n| !n.is_empty());
    Some((number, name))
}

/// A plan id at the start of checklist text: `02-01: …`, `02-01-PLAN.md — …`, `**02-01**`.
fn leading_plan_id(text: &str) -> Option<PlanId> {
    let t = text.trim_start_matches(['*', '`']);
    let t = t.strip_prefix("Plan ").unwrap_or(t);
    let end = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        .unwrap_or(t.len());
    let token = t[..end].trim_end_matches('.');
    let token = token
        .strip_suffix("-PLAN.md")
        .or_else(|| token.strip_suffix("-PLAN"))
        .unwrap_or(token);
    let token = token.strip_suffix("-PLAN").unwrap_or(token);
    let id = PlanId::parse(token)?;
    // `02-01` must be the whole token (not a date like 2026-01-05).
    (token.matches('-').count() == 1).then_some(id)
}

/// The checkbox of a list line (`- [x] …`, `1. [ ] …`), if it has one.
pub fn checkbox(doc: &Doc, line: usize) -> Option<Checkbox> {
    let text = doc.line(line);
    let (indent, marker) = list_marker(text)?;
    let after = &text[indent.len() + marker.len()..];
    let rest = after.trim_start();
    let offset = indent.len() + marker.len() + after.len() - rest.len();
    let bytes = rest.as_bytes();
    if bytes.len() >= 3
        && bytes[0] == b'['
        && bytes[2] == b']'
        && matches!(bytes[1], b' ' | b'x' | b'X')
    {
        let start = doc.line_start(line) + offset + 1;
        Some(Checkbox {
            line,
            mark: start..start + 1,
            checked: bytes[1] != b' ',
        })
    } else {
        None
    }
}

/// The progress table: a table whose header starts with `Phase` and has a `Status` column
/// and a plans column.
fn find_progress_table(doc: &Doc) -> Option<ProgressTable> {
    let mut i = 0;
    while i < doc.kinds.len() {
        if doc.kinds[i] == LineKind::TableRow
            && (i == 0
                || doc.kinds[i - 1] != LineKind::TableRow
                    && doc.kinds[i - 1] != LineKind::TableDelimiter)
        {
            let cells = doc.cells(i).unwrap_or_default();
            let columns: Vec<String> = cells
                .iter()
                .map(|c| doc.text(c.text.clone()).to_lowercase())
                .collect();
            let status_col = columns.iter().position(|c| c.starts_with("status"));
            let plans_col = columns.iter().position(|c| c.starts_with("plans"));
            if columns.first().is_some_and(|c| c == "phase") && status_col.is_some() {
                let completed_col = columns
                    .iter()
                    .position(|c| c.starts_with("completed") || c == "date" || c == "done");
                let mut rows = Vec::new();
                let mut j = i + 1;
                while j < doc.kinds.len()
                    && matches!(doc.kinds[j], LineKind::TableRow | LineKind::TableDelimiter)
                {
                    if doc.kinds[j] == LineKind::TableRow {
                        let cells = doc.cells(j).unwrap_or_default();
                        let phase = cells.first().and_then(|c| {
                            let t = doc.text(c.text.clone());
                            let t = t.trim_start_matches("Phase ");
                            let end = t
                                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.'))
                                .unwrap_or(t.len());
                            PhaseNum::parse(t[..end].trim_end_matches('.'))
                        });
                        rows.push(ProgressRow {
                            line: j,
                            cells,
                            phase,
                        });
                    }
                    j += 1;
                }
                return Some(ProgressTable {
                    header_line: i,
                    columns,
                    rows,
                    plans_col,
                    status_col,
                    completed_col,
                });
            }
        }
        i += 1;
    }
    None
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
        assert_eq!(r.phases[2].number.as_str(), "2.1");
        assert_eq!(r.phases[2].name.as_deref(), Some("Hotfix"));
        let t = r.progress.as_ref().unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].phase.as_ref().unwrap().as_str(), "2");
        assert_eq!(r.plan_counts(), (1, 2));
    }
}
