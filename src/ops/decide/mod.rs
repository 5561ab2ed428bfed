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
use crate::ops::style::{file_separator, row_like};
use crate::ops::{Clock, Outcome, PlanningFile, file_change};
use crate::syntax::{Doc, LineKind};

mod table;

use table::{header_line, project_row, table_cells, table_notices};

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
