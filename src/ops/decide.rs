//! `gsd state decide <TEXT>`: a decision in the file's own format and current group.
//!
//! Bullets copy the last entry's shape (`[Phase 2]: …`, `[02-01]: …`, `… (02-01)`, plain);
//! tables get a row with the next id in the file's series (`D-11-01-02`), today in a date
//! column and the other columns filled where known. The group is the one titled "Current"
//! (`### Decisions (v3.0 - Current)`), else the first. `--project` also adds a row to
//! PROJECT.md's Key Decisions table; both files are written or neither.

use crate::edit::Edit;
use crate::error::UserError;
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::state::{DecisionGroup, ListShape, StateDoc};
use crate::model::workspace::Workspace;
use crate::ops::insert::{
    create_context_section, first_in_section, insert_after_line, item_end, item_prefix,
    replace_placeholder,
};
use crate::ops::style::{increment_trailing, pad_like, row_like};
use crate::ops::todo::one_line;
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
    let phase = match d.phase {
        Some(p) => Some(PhaseNum::parse(p).ok_or_else(|| {
            UserError::new(format!("`{p}` is not a phase number"))
                .hint("use e.g. --phase 2 or --phase 02.1")
        })?),
        None => plan
            .as_ref()
            .map(|p| p.phase.clone())
            .or_else(|| ws.state.current_phase()),
    };
    let entry = Entry {
        text: &text,
        rationale: rationale.as_deref(),
        plan: plan.as_ref(),
        phase: phase.as_ref(),
    };
    let state = &ws.state;
    let edit = match current_group(state) {
        Some(group) => group_edit(state, group, &entry, clock),
        None => create_context_section(
            state,
            "Decisions",
            &format!("- {}", bullet_body(&entry, None)),
        )?,
    };
    let mut out = Outcome::default();
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
    phase: Option<&'a PhaseNum>,
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
    let body = bullet_body(e, model_text.as_deref());
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

/// The decision as a bullet body in the shape of `model` (the last entry's text).
fn bullet_body(e: &Entry, model: Option<&str>) -> String {
    let model = model.unwrap_or("");
    let joiner = if model.contains(": ") || model.is_empty() {
        ": "
    } else {
        " — "
    };
    let core = match e.rationale {
        Some(r) => format!("{}{joiner}{r}", e.text),
        None => e.text.to_string(),
    };
    let plan = e.plan.map(|p| p.to_string());
    if let Some(rest) = model
        .strip_prefix("[Phase ")
        .or_else(|| model.strip_prefix("[phase "))
    {
        let like = rest.split(']').next().unwrap_or("");
        if let Some(ph) = e.phase {
            let like_num = like
                .split(|c: char| !(c.is_ascii_digit()))
                .next()
                .unwrap_or("");
            let shown = match ph.as_integer() {
                Some(n) if like_num.len() > 1 && like_num.starts_with('0') => pad_like(n, like_num),
                _ => ph.to_string(),
            };
            return format!("[Phase {shown}]: {core}");
        }
        return core;
    }
    // `(Plan 02-04) …` and `**41-01:** …`: the plan leads the entry.
    if let Some(rest) = model.strip_prefix("(Plan ")
        && rest.split(')').next().and_then(PlanId::parse).is_some()
    {
        return match plan {
            Some(p) => format!("(Plan {p}) {core}"),
            None => core,
        };
    }
    if let Some(rest) = model.strip_prefix("**")
        && let Some((id, _)) = rest.split_once(":**")
        && PlanId::parse(id).is_some()
    {
        return match plan {
            Some(p) => format!("**{p}:** {core}"),
            None => core,
        };
    }
    if model.starts_with('[')
        && model
            .split(']')
            .next()
            .and_then(|t| PlanId::parse(&t[1..]))
            .is_some()
    {
        return match plan {
            Some(p) => format!("[{p}]: {core}"),
            None => core,
        };
    }
    let trimmed = model.trim_end();
    if trimmed.ends_with(')')
        && let Some(open) = trimmed.rfind('(')
        && PlanId::parse(&trimmed[open + 1..trimmed.len() - 1]).is_some()
    {
        return match plan {
            Some(p) => format!("{core} ({p})"),
            None => core,
        };
    }
    if trimmed.ends_with(']')
        && let Some(open) = trimmed.rfind('[')
        && PlanId::parse(&trimmed[open + 1..trimmed.len() - 1]).is_some()
    {
        return match plan {
            Some(p) => format!("{core} [{p}]"),
            None => core,
        };
    }
    if model.starts_with("Phase ")
        && let Some(ph) = e.phase
    {
        return format!("Phase {ph}: {core}");
    }
    core
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
            } else if has(c, &["rationale", "why", "reason", "context"]) {
                e.rationale.unwrap_or("").to_string()
            } else if has(c, &["plan"]) {
                e.plan.map(|p| p.to_string()).unwrap_or_default()
            } else if has(c, &["phase", "when"]) {
                match e.phase {
                    Some(p) if last_cells.get(i).is_some_and(|v| v.starts_with("Phase ")) => {
                        format!("Phase {p}")
                    }
                    Some(p) => p.to_string(),
                    None => String::new(),
                }
            } else {
                String::new()
            }
        })
        .collect()
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
) -> Result<crate::transaction::FileChange, UserError> {
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
