//! STATE.md as a typed model: position, progress, metrics, decisions, todos, blockers,
//! session continuity, milestones and frontmatter, each with its byte span.
//!
//! Sections are found by meaning and position (`Current Position`, `## Aktuelle Position`,
//! the bold-field variant without sections), and fields are read only from prose lines, so
//! a `Status:` inside a table, a code fence or a comment is never mistaken for the status.

pub mod context;
pub mod decisions;
pub mod fields;
pub mod labels;
pub mod locate;
pub mod metrics;
pub mod plan_rows;
pub mod position;
pub mod progress;
pub mod resolved;
pub mod stacked;

use std::ops::Range;

use crate::model::field::Field;
use crate::source::Source;
use crate::syntax::Doc;
use crate::syntax::sections::normalize_title;

pub use context::{Item, ItemList, ListShape};
pub use decisions::{Decision, DecisionGroup};
pub use locate::Locator;
pub use metrics::{ByPhaseRow, ByPhaseTable, Metrics, RecentTrend};
pub use position::{ActivityLine, Bar, PhaseLine, PlanLine, ProgressLine, Reference};
pub use stacked::Stacked;

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
    /// A `## Progress` section holding the progress line.
    Progress,
    Other,
}

/// The line ranges of sub-sections of section `i` that hold something else than `role`'s
/// items: another known role (`### Decisions` under `## Blockers`), or a tool-kept log
/// (`### Quick Tasks Completed`, `### Roadmap Evolution`). Their rows are not its items.
fn foreign_subsections(
    doc: &Doc,
    roles: &[SectionRole],
    i: usize,
    role: SectionRole,
) -> Vec<Range<usize>> {
    let body = doc.sections[i].body.clone();
    doc.sections
        .iter()
        .enumerate()
        .skip(i + 1)
        .take_while(|(_, s)| body.contains(&s.line))
        .filter(|(j, s)| {
            let title = normalize_title(doc.title(s));
            let other = roles[*j] != role && roles[*j] != SectionRole::Other;
            other || title.contains("quick task") || title.contains("roadmap evolution")
        })
        .map(|(_, s)| s.line..s.body.end)
        .collect()
}

/// Classifies a normalised heading title (English and the localised titles seen in real
/// files: pt, de, fr).
pub fn section_role(title: &str) -> SectionRole {
    let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if has(&[
        "project reference",
        "referência",
        "projektreferenz",
        "référence du projet",
    ]) || title == "reference"
    {
        SectionRole::Reference
    } else if has(&[
        "current position",
        "current status",
        "current state",
        "aktuelle position",
        "posição atual",
        "position actuelle",
        "version courante",
    ]) || title == "position"
    {
        SectionRole::Position
    } else if has(&[
        "performance metrics",
        "velocity",
        "leistungskennzahlen",
        "métricas",
    ]) || title == "metrics"
    {
        SectionRole::Metrics
    } else if has(&[
        "accumulated context",
        "contexto acumulado",
        "gesammelter kontext",
        "contexte accumulé",
    ]) {
        SectionRole::Context
    } else if has(&["decision", "decisõ", "decisão", "entscheidung", "décision"]) {
        SectionRole::Decisions
    } else if has(&[
        "todo",
        "pendentes",
        "offene aufgaben",
        "tâches en attente",
        "à faire",
    ]) {
        SectionRole::Todos
    } else if has(&[
        "blocker",
        "concerns",
        "known issues",
        "open issues",
        "known risks",
        "bloqueio",
        "bloqueador",
        "blocage",
    ]) {
        SectionRole::Blockers
    } else if has(&["session", "sessão", "sitzung"]) {
        SectionRole::Session
    } else if has(&["milestone"]) {
        SectionRole::Milestones
    } else if title == "progress" || title == "overall progress" || title == "fortschritt" {
        SectionRole::Progress
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
    /// `Next action:` / `Next step:` / `Resume with:` — what the session says to do next.
    pub next: Option<Field>,
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
    /// Every todos section, in order (`### Pending Todos` and `### Open Todos`).
    pub todo_lists: Vec<ItemList>,
    /// Every blockers section, in order (`### Blockers` and `### Known Risks`).
    pub blocker_lists: Vec<ItemList>,
    pub session: Session,
    pub milestones: Vec<Milestone>,
    /// The italic footer line (`*Last updated: …*`), if the file ends with one.
    pub footer: Option<usize>,
    /// Position and session fields the file writes more than once, and the line gsd uses.
    pub stacked: Vec<Stacked>,
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
        let find = Locator::new(&doc, roles, body.clone());
        let first_with = |role: SectionRole| find.first(role);
        let lines_of = |role: SectionRole| first_with(role).map(|i| doc.sections[i].body.clone());

        let refr = SectionRole::Reference;
        let reference = Reference::from_fields(
            &doc,
            find.field(refr, &[], labels::SEE),
            find.unambiguous_field(refr, labels::CORE_VALUE),
            find.unambiguous_field(refr, labels::CURRENT_FOCUS),
        );

        let mut stacked: Vec<Stacked> = Vec::new();
        let mut record = |block: &'static str, cands: &[Field], chosen: Option<usize>| {
            let i = chosen?;
            if cands.len() > 1 {
                stacked.push(Stacked {
                    block,
                    label: cands[0].label(&doc).trim_matches('*').trim().to_string(),
                    chosen: cands[i].line,
                    lines: cands.iter().map(|f| f.line).collect(),
                });
            }
            cands.get(i).cloned()
        };
        const POSITION: &str = "Current Position";
        const SESSION: &str = "Session Continuity";

        // A stacked position (the file repeats the block): the highest phase, and the lines
        // written with it.
        let pos = SectionRole::Position;
        let phases = find.candidates(pos, &[], labels::PHASE, false);
        let numbers: Vec<Option<crate::model::ids::PhaseNum>> = phases
            .iter()
            .map(|f| {
                let line = PhaseLine::parse(&doc, f.clone());
                line.number(&doc)
                    .and_then(crate::model::ids::PhaseNum::parse)
            })
            .collect();
        let phase_field = record(POSITION, &phases, stacked::newest_phase(&numbers));
        let phase_lines: Vec<usize> = phases.iter().map(|f| f.line).collect();
        let anchor = phase_field.as_ref().map(|f| f.line);
        let mut with_phase = |role: SectionRole, also: &[SectionRole], labels: &[&str]| {
            let cands = find.candidates(role, also, labels, false);
            record(
                POSITION,
                &cands,
                stacked::with_anchor(&cands, anchor, &phase_lines),
            )
        };
        let milestone = with_phase(pos, &[], labels::MILESTONE);
        let plan = with_phase(pos, &[], labels::PLAN);
        let status = with_phase(pos, &[], labels::STATUS);
        let progress = with_phase(pos, &[SectionRole::Progress], labels::PROGRESS)
            .or_else(|| fenced_progress(&doc, lines_of(pos)));
        let activities = find.candidates(pos, &[], labels::LAST_ACTIVITY, false);
        let last_activity = record(
            POSITION,
            &activities,
            stacked::newest_by_date(&doc, &activities),
        );
        let position = Position {
            section: first_with(pos),
            milestone,
            phase: phase_field.map(|f| PhaseLine::parse(&doc, f)),
            plan: plan.map(|f| PlanLine::parse(&doc, f)),
            status,
            last_activity: last_activity.map(|f| ActivityLine::parse(&doc, f)),
            progress: progress.map(|f| ProgressLine::parse(&doc, f)),
        };

        let metrics = Metrics::parse(
            &doc,
            lines_of(SectionRole::Metrics).unwrap_or_else(|| body.clone()),
        );

        let decisions = find
            .sections(SectionRole::Decisions)
            .map(|i| DecisionGroup::read(&doc, i, &doc.sections[i]))
            .collect();

        // Every section of the role, each read with its sub-headings; a section nested in an
        // earlier one is already covered by it.
        let item_lists = |role: SectionRole| {
            let mut covered: Vec<Range<usize>> = Vec::new();
            let mut lists = Vec::new();
            for i in find.sections(role) {
                let s = &doc.sections[i];
                if covered.iter().any(|c| c.contains(&s.line)) {
                    continue;
                }
                covered.push(s.body.clone());
                lists.push(context::read_items_except(
                    &doc,
                    i,
                    s.body.clone(),
                    &foreign_subsections(&doc, &find.roles, i, role),
                ));
            }
            lists
        };
        let todo_lists = item_lists(SectionRole::Todos);
        let blocker_lists = item_lists(SectionRole::Blockers);

        // Stacked session pairs: the latest `Last session`, and the lines written with it.
        let ses = SectionRole::Session;
        let lasts = find.candidates(ses, &[], labels::LAST_SESSION, true);
        let last = record(SESSION, &lasts, stacked::newest_by_date(&doc, &lasts));
        let last_lines: Vec<usize> = lasts.iter().map(|f| f.line).collect();
        let anchor = last.as_ref().map(|f| f.line);
        let mut with_last = |labels: &[&str], anywhere: bool| {
            let cands = find.candidates(ses, &[], labels, anywhere);
            let chosen = if anchor.is_none() && cands.len() > 1 {
                stacked::newest_by_date(&doc, &cands)
            } else {
                stacked::with_anchor(&cands, anchor, &last_lines)
            };
            record(SESSION, &cands, chosen)
        };
        let session = Session {
            section: first_with(ses),
            last,
            stopped_at: with_last(labels::STOPPED_AT, true),
            resume_file: with_last(labels::RESUME_FILE, true),
            next: with_last(labels::NEXT_ACTION, false),
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
            todo_lists,
            blocker_lists,
            session,
            milestones,
            footer,
            stacked,
            doc,
        }
    }

    /// The file's text, unchanged.
    pub fn text(&self) -> &str {
        &self.doc.source.text
    }

    /// The first todos section (where new todos go).
    pub fn todos(&self) -> Option<&ItemList> {
        self.todo_lists.first()
    }

    /// Whether the incumbent's `gsd-tools` keeps this file: its frontmatter carries
    /// `gsd_state_version`, which only that tool writes. Such files follow its workflow's
    /// conventions (`Plan:` names the next plan, its status words), read where a file gives
    /// no other sign.
    pub fn kept_by_incumbent(&self) -> bool {
        self.doc
            .frontmatter
            .iter()
            .any(|fm| fm.get("gsd_state_version").is_some())
    }

    /// The phase the `Phase:` line names (`2 of 5 (API)` → 2), when it starts with a number.
    pub fn current_phase(&self) -> Option<crate::model::ids::PhaseNum> {
        let line = self.position.phase.as_ref()?;
        crate::model::ids::PhaseNum::parse(line.number(&self.doc)?)
    }

    /// The first blockers section (where new blockers go).
    pub fn blockers(&self) -> Option<&ItemList> {
        self.blocker_lists.first()
    }

    /// Every decision, across groups, in document order (read from the text on each call).
    pub fn all_decisions(&self) -> impl Iterator<Item = (&DecisionGroup, Decision)> {
        self.decisions
            .iter()
            .flat_map(|g| g.entries(&self.doc).map(move |d| (g, d)))
    }
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
                text: start + lead..start + text.trim_end().len().max(lead),
            }
        })
        .collect()
}

/// A `Progress:` line inside a fenced code block of the Current Position section (files
/// that draw the position as a monospace block): the one field read from code, since no other
/// line there carries the project's progress.
fn fenced_progress(doc: &Doc, lines: Option<Range<usize>>) -> Option<Field> {
    lines?
        .filter(|&i| doc.kinds[i] == crate::syntax::LineKind::Code)
        .filter_map(|i| {
            let kv = crate::syntax::kv::parse(doc.line(i), doc.line_start(i))?;
            let field = Field {
                line: i,
                label: kv.label,
                value: kv.value,
                style: kv.style,
            };
            let label = crate::syntax::kv::normalize_label(field.label(doc));
            labels::PROGRESS.contains(&label.as_str()).then_some(field)
        })
        .next()
}
