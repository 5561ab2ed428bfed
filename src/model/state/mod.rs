//! STATE.md as a typed model: position, progress, metrics, decisions, todos, blockers,
//! session continuity, milestones and frontmatter, each with its byte span.
//!
//! Sections are found by meaning and position (`Current Position`, `## Aktuelle Position`,
//! the bold-field variant without sections), and fields are read only from prose lines, so
//! a `Status:` inside a table, a code fence or a comment is never mistaken for the status.

pub mod context;
pub mod metrics;
pub mod position;

use std::ops::Range;

use crate::model::field::{Field, find_field};
use crate::source::Source;
use crate::syntax::Doc;
use crate::syntax::sections::normalize_title;

pub use context::{Decision, DecisionGroup, Item, ItemList, ListShape};
pub use metrics::{ByPhaseRow, ByPhaseTable, Metrics, RecentTrend};
pub use position::{ActivityLine, Bar, PhaseLine, PlanLine, ProgressLine, Reference};

/// Which canonical section a heading is, by its normalised title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionRole {
    Reference,
    Position,
    Metrics,
    Context,
    Decisions,
    Todos,
    Blockers,
    Session,
    Milestones,
    Other,
}

/// Classifies a normalised heading title.
pub fn section_role(title: &str) -> SectionRole {
    let has = |w: &str| title.contains(w);
    if has("project reference") || title == "reference" || has("referência") {
        SectionRole::Reference
    } else if has("current position")
        || title == "position"
        || has("current status")
        || has("aktuelle position")
        || has("posição atual")
        || has("position actuelle")
    {
        SectionRole::Position
    } else if has("performance metrics") || title == "metrics" || has("velocity") {
        SectionRole::Metrics
    } else if has("accumulated context") {
        SectionRole::Context
    } else if has("decision") {
        SectionRole::Decisions
    } else if has("todo") {
        SectionRole::Todos
    } else if has("blocker")
        || has("concerns")
        || has("known issues")
        || has("open issues")
        || has("known risks")
    {
        SectionRole::Blockers
    } else if has("session") {
        SectionRole::Session
    } else if has("milestone") {
        SectionRole::Milestones
    } else {
        SectionRole::Other
    }
}

/// Current Position fields.
#[derive(Debug, Clone, Default)]
pub struct Position {
    /// Index of the section holding the position, if there is one.
    pub section: Option<usize>,
    pub milestone: Option<Field>,
    pub phase: Option<PhaseLine>,
    pub plan: Option<PlanLine>,
    pub status: Option<Field>,
    pub last_activity: Option<ActivityLine>,
    pub progress: Option<ProgressLine>,
}

/// Session Continuity fields.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub section: Option<usize>,
    pub last: Option<Field>,
    pub stopped_at: Option<Field>,
    pub resume_file: Option<Field>,
}

/// A milestone entry (a heading under Milestones, or a bullet there).
#[derive(Debug, Clone)]
pub struct Milestone {
    pub line: usize,
    pub text: Range<usize>,
}

/// The whole STATE.md model.
#[derive(Debug, Clone)]
pub struct StateDoc {
    pub doc: Doc,
    pub title: Option<Range<usize>>,
    pub reference: Reference,
    pub position: Position,
    pub metrics: Metrics,
    pub decisions: Vec<DecisionGroup>,
    pub todos: Option<ItemList>,
    pub blockers: Option<ItemList>,
    pub session: Session,
    pub milestones: Vec<Milestone>,
    /// The italic footer line (`*Last updated: …*`), if the file ends with one.
    pub footer: Option<usize>,
}

impl StateDoc {
    /// Parses STATE.md text. Never fails: missing parts are `None`.
    pub fn parse(source: Source) -> StateDoc {
        let doc = Doc::parse(source);
        let total = doc.kinds.len();
        let body_line = doc.source.line_of(doc.body_from.min(doc.source.text.len()));
        let body = if doc.body_from >= doc.source.text.len() {
            total..total
        } else {
            body_line..total
        };
        let roles: Vec<SectionRole> = doc
            .sections
            .iter()
            .map(|s| section_role(&normalize_title(doc.title(s))))
            .collect();
        let first_with = |role: SectionRole| roles.iter().position(|r| *r == role);
        let lines_of = |role: SectionRole| first_with(role).map(|i| doc.sections[i].body.clone());
        // Lines not claimed by a section with another job: where fields are looked for when
        // their own section is missing (the bold-field variant, headless files).
        let fallback = body.clone();

        let in_role_or_anywhere = |role: SectionRole, labels: &[&str]| -> Option<Field> {
            lines_of(role)
                .and_then(|l| find_field(&doc, l, labels))
                .or_else(|| {
                    find_outside_other_sections(&doc, &roles, role, fallback.clone(), labels)
                })
        };

        let reference_lines = lines_of(SectionRole::Reference).unwrap_or(fallback.clone());
        let mut reference = Reference::parse(&doc, reference_lines);
        if reference.core_value.is_none() {
            reference.core_value = in_role_or_anywhere(SectionRole::Reference, &["core value"]);
        }
        if reference.current_focus.is_none() {
            reference.current_focus =
                in_role_or_anywhere(SectionRole::Reference, &["current focus"]);
        }

        let pos = SectionRole::Position;
        let position = Position {
            section: first_with(pos),
            milestone: in_role_or_anywhere(pos, &["milestone", "current milestone"]),
            phase: in_role_or_anywhere(pos, &["phase", "current phase"])
                .map(|f| PhaseLine::parse(&doc, f)),
            plan: in_role_or_anywhere(pos, &["plan", "current plan"])
                .map(|f| PlanLine::parse(&doc, f)),
            status: in_role_or_anywhere(pos, &["status", "current status"]),
            last_activity: in_role_or_anywhere(pos, &["last activity", "last activity date"])
                .map(|f| ActivityLine::parse(&doc, f)),
            progress: in_role_or_anywhere(pos, &["progress", "overall progress"])
                .map(|f| ProgressLine::parse(&doc, f)),
        };

        let metrics = Metrics::parse(
            &doc,
            lines_of(SectionRole::Metrics).unwrap_or_else(|| body.clone()),
        );

        let decisions = roles
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == SectionRole::Decisions)
            .map(|(i, _)| DecisionGroup::read(&doc, i, &doc.sections[i]))
            .collect();

        let item_list = |role: SectionRole| {
            first_with(role).map(|i| context::read_items(&doc, i, doc.sections[i].body.clone()))
        };
        let todos = item_list(SectionRole::Todos);
        let blockers = item_list(SectionRole::Blockers);

        let ses = SectionRole::Session;
        let session = Session {
            section: first_with(ses),
            last: in_role_or_anywhere(ses, &["last session", "last session date"]),
            stopped_at: in_role_or_anywhere(ses, &["stopped at", "stopped"]),
            resume_file: in_role_or_anywhere(ses, &["resume file", "resume"]),
        };

        let milestones = first_with(SectionRole::Milestones)
            .map(|i| read_milestones(&doc, &doc.sections[i]))
            .unwrap_or_default();

        let title = doc
            .sections
            .iter()
            .find(|s| s.level == 1)
            .map(|s| s.title.clone());
        let footer = (0..total)
            .rev()
            .find(|&i| !doc.line(i).trim().is_empty())
            .filter(|&i| {
                let t = doc.line(i).trim();
                doc.kinds[i].is_prose()
                    && t.len() > 2
                    && (t.starts_with('*') && t.ends_with('*') && !t.starts_with("**")
                        || t.starts_with('_') && t.ends_with('_'))
            });

        StateDoc {
            title,
            reference,
            position,
            metrics,
            decisions,
            todos,
            blockers,
            session,
            milestones,
            footer,
            doc,
        }
    }

    /// The file's text, unchanged.
    pub fn text(&self) -> &str {
        &self.doc.source.text
    }

    /// Every decision, across groups, in document order.
    pub fn all_decisions(&self) -> impl Iterator<Item = (&DecisionGroup, &Decision)> {
        self.decisions
            .iter()
            .flat_map(|g| g.entries.iter().map(move |d| (g, d)))
    }
}

/// Finds a field in `lines`, skipping lines of sections whose role is another canonical job
/// (a `Status:` under `## Milestones` is not the position status).
fn find_outside_other_sections(
    doc: &Doc,
    roles: &[SectionRole],
    wanted: SectionRole,
    lines: Range<usize>,
    labels: &[&str],
) -> Option<Field> {
    let mut blocked = vec![false; doc.kinds.len()];
    for (s, role) in doc.sections.iter().zip(roles) {
        if *role != wanted && *role != SectionRole::Other && *role != SectionRole::Context {
            for b in &mut blocked[s.own.clone()] {
                *b = true;
            }
        }
    }
    lines.filter(|&i| !blocked[i]).find_map(|i| {
        crate::model::field::field_at(doc, i)
            .filter(|f| labels.contains(&crate::syntax::kv::normalize_label(f.label(doc)).as_str()))
    })
}

/// Milestone entries: sub-headings under the section, else its top-level bullets.
fn read_milestones(doc: &Doc, section: &crate::syntax::Section) -> Vec<Milestone> {
    let headings: Vec<Milestone> = doc
        .sections
        .iter()
        .filter(|s| s.level == section.level + 1 && section.body.contains(&s.line))
        .map(|s| Milestone {
            line: s.line,
            text: s.title.clone(),
        })
        .collect();
    if !headings.is_empty() {
        return headings;
    }
    section
        .own
        .clone()
        .filter(|&i| matches!(doc.kinds[i], crate::syntax::LineKind::ListItem { depth: 1 }))
        .map(|i| {
            let text = doc.line(i);
            let lead = text.len() - text.trim_start_matches(['-', '*', '+', ' ']).len();
            let start = doc.line_start(i);
            Milestone {
                line: i,
                text: start + lead..start + text.trim_end().len(),
            }
        })
        .collect()
}
