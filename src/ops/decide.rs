//! `gsd state decide <TEXT>`: a decision in the file's own format and current group.
//!
//! Bullets copy the last entry's shape (`[Phase 2]: …`, `[02-01]: …`, `… (02-01)`, plain);
//! tables get a row with the next id in the file's series (`D-11-01-02`), today in a date
//! column and the other columns filled where known. The group is the one titled "Current"
//! (`### Decisions (v3.0 - Current)`), else the first. `--project` also adds a row to
//! PROJECT.md's Key Decisions table; both files are written or neither.

use crate::edit::Edit;
use crate::error::UserError;
use crate::ledger::Ledger;
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::state::position::DASH_SEPARATORS;
use crate::model::state::{DecisionGroup, ListShape, StateDoc};
use crate::model::workspace::Workspace;
use crate::ops::complete::known_plan;
use crate::ops::decide_style::{Given, Slot, TagStyle, choose, has_own_tag, tag, untagged};
use crate::ops::insert::{
    create_context_section, first_in_section, insert_after_line, item_end, item_prefix,
    replace_placeholder,
};
use crate::ops::list_entry::one_line;
use crate::ops::style::{file_separator, increment_trailing, row_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change};
use crate::syntax::{Doc, LineKind};

/// What to record.
#[derive(Debug, Clone, Default)]
pub struct Decision<'a> {
    pub text: &'a str,
    pub rationale: Option<&'a str>,
    pub plan: Option<&'a str>,
    pub phase: Option<&'a str>,
    pub project: bool,
}

/// Runs `decide`.
pub fn decide(ws: &Workspace, clock: &Clock, d: &Decision) -> Result<Outcome, UserError> {
    let text = one_line("decision", d.text)?;
    let rationale = d.rationale.map(|r| one_line("rationale", r)).transpose()?;
    let plan = match d.plan {
        Some(p) => Some(PlanId::parse(p).ok_or_else(|| {
            UserError::new(format!("`{p}` is not a plan id")).hint("use PP-MM, e.g. --plan 02-01")
        })?),
        None => None,
    };
    if let Some(p) = &plan {
        // A decision tied to a plan the project does not have is a typo: refuse it rather
        // than file it under a plan no one can find.
        let ledger = Ledger::build(ws, None);
        known_plan(&ledger, &p.to_string())?;
    }
    let given = match d.phase {
        Some(p) => Some(PhaseNum::parse(p).ok_or_else(|| {
            UserError::new(format!("`{p}` is not a phase number"))
                .hint("use e.g. --phase 2 or --phase 02.1")
        })?),
        None => None,
    };
    let current = ws.state.current_phase();
    let phase = given
        .clone()
        .or_else(|| plan.as_ref().map(|p| p.phase.clone()))
        .or_else(|| current.clone());
    let entry = Entry {
        text: &text,
        rationale: rationale.as_deref(),
        plan: plan.as_ref(),
        phase: phase.as_ref(),
        given_phase: given.as_ref(),
        current: current.as_ref(),
    };
    let state = &ws.state;
    let edit = match current_group(state) {
        Some(group) => group_edit(state, group, &entry, clock),
        None => create_context_section(
            state,
            "Decisions",
            &format!(
                "- {}",
                bullet_body(&entry, &[], None, file_separator(&ws.state.doc))
            ),
        )?,
    };
    let mut out = Outcome::default();
    if let Some(group) = current_group(state) {
        out.notices.extend(table_notices(state, group, &entry));
    }
    let project_change = if d.project {
        Some(project_row(ws, &entry, clock)?)
    } else {
        None
    };
    if let Some(c) = file_change(ws, PlanningFile::State, &state.doc.source, vec![edit]) {
        out.changes.push((c, format!("decision logged: {text}")));
    }
    if let Some(c) = project_change {
        out.changes
            .push((c, format!("Key Decisions row added: {text}")));
    }
    Ok(out)
}

struct Entry<'a> {
    text: &'a str,
    rationale: Option<&'a str>,
    plan: Option<&'a PlanId>,
    /// The phase the decision belongs to: `--phase`, else the plan's, else the current one.
    phase: Option<&'a PhaseNum>,
    /// `--phase` as given.
    given_phase: Option<&'a PhaseNum>,
    /// The phase STATE.md's `Phase:` line names.
    current: Option<&'a PhaseNum>,
}

impl Entry<'_> {
    /// What the user asked the entry to name: `--plan`, else `--phase`.
    fn given(&self) -> Option<Given<'_>> {
        self.plan
            .map(Given::Plan)
            .or(self.given_phase.map(Given::Phase))
    }
}

/// The group new decisions go to: one titled "current", else the first.
fn current_group(state: &StateDoc) -> Option<&DecisionGroup> {
    state
        .decisions
        .iter()
        .find(|g| g.title.to_lowercase().contains("current"))
        .or_else(|| state.decisions.first())
}

fn group_edit(state: &StateDoc, group: &DecisionGroup, e: &Entry, clock: &Clock) -> Edit {
    let doc = &state.doc;
    let section = &doc.sections[group.section];
    if let ListShape::Table { columns } = &group.shape {
        let template = group
            .last_entry_line()
            .unwrap_or(group.item_lines.last().copied().unwrap_or(section.line));
        let template_row = group
            .last_entry_line()
            .unwrap_or_else(|| header_line(doc, section.own.clone()).unwrap_or(template));
        let texts = table_cells(state, group, columns, e, clock);
        let after = group.item_lines.last().copied().unwrap_or(template);
        return insert_after_line(doc, after, &[row_like(doc, template_row, &texts)]);
    }
    let last = group.last_entry_line();
    let model_text = last.map(|l| item_body(doc, l));
    let styles: Vec<TagStyle> = group
        .item_lines
        .iter()
        .filter(|&&l| matches!(doc.kinds[l], LineKind::ListItem { .. }))
        .filter_map(|&l| TagStyle::read(&item_body(doc, l)))
        .collect();
    let bodies: Vec<String> = group
        .item_lines
        .iter()
        .filter(|&&l| matches!(doc.kinds[l], LineKind::ListItem { .. }))
        .map(|&l| item_body(doc, l))
        .collect();
    let joiner = rationale_joiner(&bodies).unwrap_or_else(|| file_separator(doc));
    let body = bullet_body(e, &styles, model_text.as_deref(), joiner);
    if let Some(l) = last {
        return insert_after_line(
            doc,
            item_end(doc, l),
            &[format!("{}{body}", item_prefix(doc, l))],
        );
    }
    if let Some(p) = group.placeholder {
        return replace_placeholder(doc, p, &body);
    }
    first_in_section(doc, section.line, section.own.end, &format!("- {body}"))
}

/// What a decisions table has no column for, said rather than dropped in silence: a
/// rationale without a Rationale (Why, Reason, Context) column, a `--plan` or `--phase`
/// without a Phase, Plan or ID column to carry it.
fn table_notices(state: &StateDoc, group: &DecisionGroup, e: &Entry) -> Vec<String> {
    let ListShape::Table { columns } = &group.shape else {
        return Vec::new();
    };
    let has = |names: &[&str]| {
        columns
            .iter()
            .any(|c| names.iter().any(|n| c == n || c.starts_with(n)))
    };
    let mut notes = Vec::new();
    if e.rationale.is_some() && rationale_column(columns).is_none() {
        notes.push(
            "the decisions table has no Rationale column; the rationale was not written"
                .to_string(),
        );
    }
    let tag = e
        .plan
        .map(|p| format!("--plan {p}"))
        .or(e.given_phase.map(|p| format!("--phase {p}")));
    // An ID column carries the plan only in the `D-PP-MM-NN` series.
    let plan_ids = state
        .all_decisions()
        .filter_map(|(_, d)| d.id)
        .any(|id| id.starts_with("D-") && id.split('-').count() == 4);
    if let Some(tag) = tag
        && !has(&["phase", "when", "plan"])
        && !(plan_ids && has(&["id", "#"]))
    {
        notes.push(format!(
            "the decisions table has no Phase, Plan or ID column; {tag} was not written"
        ));
    }
    notes
}

/// The column a decisions table keeps its rationale in: Rationale, Why or Reason, else
/// Context.
fn rationale_column(columns: &[String]) -> Option<usize> {
    let named = |names: &[&str]| {
        columns
            .iter()
            .position(|c| names.iter().any(|n| c == n || c.starts_with(n)))
    };
    named(&["rationale", "why", "reason"]).or_else(|| named(&["context"]))
}

/// The first table row in `lines` (a table's header).
fn header_line(doc: &Doc, lines: std::ops::Range<usize>) -> Option<usize> {
    lines
        .into_iter()
        .find(|&i| doc.kinds[i] == LineKind::TableRow)
}

/// A list line's text after its marker.
fn item_body(doc: &Doc, line: usize) -> String {
    let l = doc.line(line).trim_start();
    let l = l.trim_start_matches(['-', '*', '+']);
    let l = l
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ')']);
    l.trim().to_string()
}

/// How the list's entries join a decision and its reason: the separator most of them use
/// after their tag (`- Use X: no server in CI`, `- Use X -- no server`, `- **Y** — because`);
/// `None` when none has one. A tag's own colon (`[Phase 2]: `) is not a joiner, so an entry
/// never gets a `: ` the list does not write.
fn rationale_joiner(bodies: &[String]) -> Option<&'static str> {
    const JOINERS: [&str; 5] = [
        DASH_SEPARATORS[0],
        DASH_SEPARATORS[1],
        DASH_SEPARATORS[2],
        DASH_SEPARATORS[3],
        ": ",
    ];
    let mut counts = [0usize; JOINERS.len()];
    for body in bodies {
        let text = untagged(body).trim_start_matches("**");
        let first = JOINERS
            .iter()
            .enumerate()
            .filter_map(|(n, sep)| text.find(sep).map(|i| (i, n)))
            .min();
        if let Some((_, n)) = first {
            counts[n] += 1;
        }
    }
    let (best, &count) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(n, c)| (*c, usize::MAX - n))?;
    (count > 0).then_some(JOINERS[best])
}

/// The decision as a bullet body: tagged with what the user passed (`--plan`, `--phase`) in
/// the list's own convention (`styles`, every entry's tag), or, with neither, with the current
/// phase where the last entry (`model`) is tagged with its phase. Text that brings its own tag
/// (`Phase 2 (02-01 done): …`) gets none added.
fn bullet_body(e: &Entry, styles: &[TagStyle], model: Option<&str>, joiner: &str) -> String {
    let model = model.unwrap_or("");
    let core = match e.rationale {
        Some(r) => format!("{}{joiner}{r}", e.text),
        None => e.text.to_string(),
    };
    if let Some(given) = e.given() {
        return tag(choose(styles, given), given, &core);
    }
    if has_own_tag(e.text) {
        return core;
    }
    match (TagStyle::read(model), e.current) {
        (Some(last), Some(current)) if last.slot == Slot::Phase => {
            tag(Some(&last), Given::Phase(current), &core)
        }
        _ => core,
    }
}

/// Cells for a new decisions-table row.
fn table_cells(
    state: &StateDoc,
    group: &DecisionGroup,
    columns: &[String],
    e: &Entry,
    clock: &Clock,
) -> Vec<String> {
    let doc = &state.doc;
    let last_cells: Vec<String> = group
        .last_entry_line()
        .and_then(|line| doc.cells(line))
        .unwrap_or_default()
        .iter()
        .map(|c| doc.text(c.text.clone()).to_string())
        .collect();
    let has = |c: &str, names: &[&str]| names.iter().any(|n| c == *n || c.starts_with(n));
    let decision_col = columns
        .iter()
        .position(|c| has(c, &["decision", "choice"]))
        .unwrap_or(0);
    // One column gets the rationale: a Rationale (Why, Reason) column, else a Context one
    // (`Decision | Context | Rationale` keeps the phase in Context, the reason in Rationale).
    let rationale_col = rationale_column(columns);
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == decision_col {
                e.text.to_string()
            } else if c == "id" || c == "#" {
                next_id(state, e)
            } else if has(c, &["date"]) {
                clock.date()
            } else if Some(i) == rationale_col {
                e.rationale.unwrap_or("").to_string()
            } else if has(c, &["plan"]) {
                e.plan.map(|p| p.to_string()).unwrap_or_default()
            } else if has(c, &["phase", "when"]) {
                // A column that holds plan ids (`14-05`) gets the plan, not just its phase.
                let holds_plans = column_holds_plans(state, group, i);
                let value = match (e.plan, e.phase) {
                    (Some(p), _) if holds_plans => Some(p.to_string()),
                    (_, Some(p)) => Some(p.to_string()),
                    _ => None,
                };
                match value {
                    Some(v) if last_cells.get(i).is_some_and(|v| v.starts_with("Phase ")) => {
                        format!("Phase {v}")
                    }
                    Some(v) => v,
                    None => String::new(),
                }
            } else {
                String::new()
            }
        })
        .collect()
}

/// Whether most of the filled cells of column `col` in the group's rows are plan ids
/// (`14-05`, `Phase 14-05`) rather than phases.
fn column_holds_plans(state: &StateDoc, group: &DecisionGroup, col: usize) -> bool {
    let doc = &state.doc;
    let (mut plans, mut filled) = (0, 0);
    for &line in &group.item_lines {
        let Some(cells) = doc.cells(line) else {
            continue;
        };
        let Some(cell) = cells.get(col) else {
            continue;
        };
        let t = doc.text(cell.text.clone()).trim_start_matches("Phase ");
        if t.is_empty() || matches!(t, "-" | "—") {
            continue;
        }
        filled += 1;
        if PlanId::parse(t).is_some() {
            plans += 1;
        }
    }
    filled > 0 && plans * 2 > filled
}

/// The next decision id in the file's series: `D-PP-MM-NN` per plan (`D-11-01-01` →
/// `D-11-01-02`, or `D-11-02-01` for a new plan), else the last id with its number + 1.
fn next_id(state: &StateDoc, e: &Entry) -> String {
    let ids: Vec<String> = state.all_decisions().filter_map(|(_, d)| d.id).collect();
    let four: Vec<(String, u64, usize)> = ids
        .iter()
        .filter_map(|id| {
            let parts: Vec<&str> = id.split('-').collect();
            (parts.len() == 4
                && parts[0] == "D"
                && parts[1..]
                    .iter()
                    .all(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty()))
            .then(|| {
                (
                    format!("D-{}-{}", parts[1], parts[2]),
                    parts[3].parse().unwrap_or(0),
                    parts[3].len(),
                )
            })
        })
        .collect();
    if !four.is_empty() {
        let width = four[0].2;
        let prefix = match (e.plan, e.phase) {
            (Some(p), _) => format!("D-{}-{:02}", p.phase.padded(2), p.plan),
            (None, Some(ph)) => four
                .iter()
                .rev()
                .find(|(pre, _, _)| {
                    pre.split('-').nth(1).and_then(PhaseNum::parse).as_ref() == Some(ph)
                })
                .map_or_else(
                    || format!("D-{}-01", ph.padded(2)),
                    |(pre, _, _)| pre.clone(),
                ),
            (None, None) => four.last().map(|(p, _, _)| p.clone()).unwrap_or_default(),
        };
        let n = four
            .iter()
            .filter(|(p, _, _)| *p == prefix)
            .map(|(_, n, _)| *n)
            .max()
            .unwrap_or(0)
            + 1;
        return format!("{prefix}-{n:0>width$}");
    }
    match ids.last() {
        Some(last) => increment_trailing(last),
        None => "1".to_string(),
    }
}

/// The PROJECT.md Key Decisions row.
fn project_row(
    ws: &Workspace,
    e: &Entry,
    clock: &Clock,
) -> Result<crate::change::FileChange, UserError> {
    let display = Workspace::display_path("PROJECT.md");
    let Some(project) = &ws.project else {
        return Err(UserError::new(
            "does not exist, so --project has no Key Decisions table to add to",
        )
        .in_file(display)
        .hint("drop --project, or create PROJECT.md with a `## Key Decisions` table"));
    };
    let Some(table) = &project.key_decisions else {
        return Err(UserError::new("has no Key Decisions table")
            .in_file(display)
            .hint("add `## Key Decisions` with a `| Decision | Rationale | Outcome |` table"));
    };
    let doc = &project.doc;
    let template = table.rows.last().map_or(table.header_line, |(l, _)| *l);
    let outcome_like = |col: usize| {
        table
            .rows
            .iter()
            .filter_map(|(_, cells)| cells.get(col).map(|c| doc.text(c.text.clone())))
            .find(|t| t.contains("Pending"))
            .unwrap_or("— Pending")
            .to_string()
    };
    let texts: Vec<String> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.starts_with("decision") {
                e.text.to_string()
            } else if c.starts_with("rationale") || c.starts_with("why") {
                e.rationale.unwrap_or("").to_string()
            } else if c.starts_with("outcome") || c.starts_with("status") {
                outcome_like(i)
            } else if c.starts_with("date") {
                clock.date()
            } else if c.starts_with("phase") {
                e.phase.map(|p| p.to_string()).unwrap_or_default()
            } else if c == "#" || c == "id" {
                table
                    .rows
                    .last()
                    .and_then(|(_, cells)| cells.get(i))
                    .map_or("1".into(), |c| increment_trailing(doc.text(c.text.clone())))
            } else {
                String::new()
            }
        })
        .collect();
    let edit = insert_after_line(doc, table.last_line, &[row_like(doc, template, &texts)]);
    file_change(ws, PlanningFile::Project, &doc.source, vec![edit])
        .ok_or_else(|| UserError::new("internal error: the Key Decisions row changed nothing"))
}
