//! `complete`, step 7: ROADMAP.md.
//!
//! Ticks the plan's checkbox, updates the phase's row in every progress table that lists it
//! (`N/M`, status, and the completion date when this plan finishes the phase), the completed
//! count of a `**Plans**: N/M plans complete` field and of a `(N/M plans)` checklist note, and
//! ticks the phase's own checklist line when its last plan is done — adding a
//! `(completed DATE)` suffix only when the file's other finished phases carry one. Table cells
//! are found by header meaning (column-shifted rows included) and status words are copied
//! from the table's other rows (`In Progress`, `✅ Complete`) so the column keeps one
//! vocabulary.

use chrono::NaiveDate;

use crate::edit::Edit;
use crate::model::ids::PhaseNum;
use crate::model::roadmap::{Column, ProgressRow, ProgressTable, Roadmap, RoadmapPhase, RowStatus};
use crate::ops::complete::facts::Facts;
use crate::ops::style::{cell_in_row, pad_like};
use crate::syntax::{Cell, Doc};

/// The ROADMAP.md edits.
pub fn roadmap_edits(roadmap: &Roadmap, facts: &Facts, date: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    match roadmap.plan(&facts.plan) {
        Some(p) if !p.checkbox.checked => {
            edits.push(Edit::replace(p.checkbox.mark.clone(), "x"));
        }
        Some(_) => {}
        None => edits.extend(listed_plan_line(roadmap, facts)),
    }
    edits.extend(phase_edits(roadmap, &PhaseTally::after(facts), date));
    edits
}

/// What a phase's ROADMAP.md lines must say after a change: its done count and total, and
/// whether it is complete. Built by `state complete` (one plan more) and `phase complete`
/// (every plan).
#[derive(Debug, Clone)]
pub struct PhaseTally {
    pub phase: PhaseNum,
    /// Plans done in the phase.
    pub done: u64,
    pub total: Option<u64>,
    /// The phase is complete after the change.
    pub complete: bool,
    /// The phase already counted as complete before it (its date is not rewritten).
    pub was_complete: bool,
}

impl PhaseTally {
    /// The phase's ROADMAP.md counts after the plan `facts` completes.
    pub fn after(facts: &Facts) -> PhaseTally {
        PhaseTally {
            phase: facts.plan.phase.clone(),
            done: facts.phase_done,
            total: facts.phase_total,
            complete: facts.phase_complete,
            was_complete: facts.was_complete,
        }
    }
}

/// The phase-level ROADMAP.md edits for `tally`: its row in every progress table that lists
/// it, the `**Plans**:` field, the `(N/M plans)` note of its checklist line, and, when it is
/// complete, its own checkbox or glyph with the file's completion-date form.
pub fn phase_edits(roadmap: &Roadmap, tally: &PhaseTally, date: &str) -> Vec<Edit> {
    let doc = &roadmap.doc;
    let mut edits = Vec::new();
    // The first table listing the phase, plus any later one that is plainly a progress table
    // (has a plans or completed column): a `Phase | Requirements | Status` coverage table
    // further down is not one to rewrite.
    let first = roadmap
        .progress_row(&tally.phase)
        .map(|(t, _)| t.header_line);
    for table in &roadmap.progress_tables {
        let progress_like = table.plans_col.is_some() || table.completed_col.is_some();
        if let Some(row) = table.row(&tally.phase)
            && (Some(table.header_line) == first || progress_like)
        {
            edits.extend(progress_row_edits(doc, table, row, tally, date));
        }
    }
    let Some(phase) = roadmap.phase(&tally.phase) else {
        return edits;
    };
    edits.extend(plans_field_edit(doc, phase, tally));
    if let Some(cb) = &phase.checkbox {
        edits.extend(checklist_count(doc, cb.line, tally));
    }
    if tally.complete {
        edits.extend(mark_phase_done(roadmap, phase, date));
    }
    edits
}

/// A plan the phase's checklist does not list yet (written after the roadmap was): a ticked
/// line in the list's own shape (bullet, id spelling, `-PLAN.md` or not, separator), placed in
/// id order. Phases that list no plans get none: the list's shape is unknown.
fn listed_plan_line(roadmap: &Roadmap, facts: &Facts) -> Option<Edit> {
    let doc = &roadmap.doc;
    let phase = roadmap.phase(&facts.plan.phase)?;
    let template = phase.plans.last()?;
    let line_no = template.checkbox.line;
    let line = doc.line(line_no);
    let start = doc.line_start(line_no);
    let text_at = template.text.start - start;
    let mark_at = template.checkbox.mark.start - start;
    let body = doc.text(template.text.clone());
    let lead = body.len() - body.trim_start_matches(['*', '`']).len();
    let id_end = body[lead..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .map_or(body.len(), |i| lead + i);
    let id_token = &body[lead..id_end];
    let (old_id, file_suffix) = match id_token.strip_suffix("-PLAN.md") {
        Some(id) => (id, "-PLAN.md"),
        None => match id_token.strip_suffix("-PLAN") {
            Some(id) => (id, "-PLAN"),
            None => (id_token, ""),
        },
    };
    let (ph, pl) = old_id.rsplit_once('-')?;
    let new_id = format!(
        "{}-{}{}",
        facts.plan.phase.spelled_like(ph),
        pad_like(u64::from(facts.plan.plan), pl),
        facts.plan.suffix().map(String::from).unwrap_or_default()
    );
    // What follows the id: the separator up to the title (`: `, ` — `, ` -- `), kept.
    let rest = &body[id_end..];
    let sep_len = rest.len()
        - rest
            .trim_start_matches([':', ' ', '—', '–', '-', '*', '`'])
            .len();
    let sep = &rest[..sep_len];
    let title = facts.title.as_deref().unwrap_or("");
    let tail = if title.is_empty() {
        String::new()
    } else {
        format!("{sep}{title}")
    };
    let new_line = format!(
        "{}x{}{}{new_id}{file_suffix}{tail}",
        &line[..mark_at],
        &line[mark_at + 1..text_at],
        &body[..lead],
    );
    // After the last listed plan with a smaller id, else before the first.
    let before = phase
        .plans
        .iter()
        .filter(|p| p.id < facts.plan)
        .max_by(|a, b| a.id.cmp(&b.id));
    Some(match before {
        Some(p) => crate::ops::insert::insert_after_line(doc, p.checkbox.line, &[new_line]),
        None => crate::ops::insert::insert_before_line(
            doc,
            phase.plans.iter().map(|p| p.checkbox.line).min()?,
            &[new_line],
        ),
    })
}

/// Marks a finished phase on its listing line: `[ ]` → `[x]`, or a not-done emoji
/// (`- 🚧 **Phase 13: …**`) → the done emoji the file's other phases use (else ✅); then a
/// completion date in the file's own form, when its other finished phases carry one.
fn mark_phase_done(roadmap: &Roadmap, phase: &RoadmapPhase, date: &str) -> Vec<Edit> {
    let doc = &roadmap.doc;
    let mut edits = Vec::new();
    let line = if let Some(cb) = &phase.checkbox {
        if cb.checked {
            return edits;
        }
        edits.push(Edit::replace(cb.mark.clone(), "x"));
        cb.line
    } else if let Some(g) = &phase.glyph {
        if g.done {
            return edits;
        }
        let done = roadmap
            .phases
            .iter()
            .filter_map(|p| p.glyph.as_ref())
            .find(|g| g.done)
            .map_or("✅", |g| doc.text(g.glyph.clone()));
        edits.push(Edit::replace(g.glyph.clone(), done));
        g.line
    } else {
        return edits;
    };
    if phase.completed.is_none()
        && let Some((prefix, tail)) = completed_suffix_form(roadmap, line)
    {
        let end = doc.line_start(line) + doc.line(line).trim_end().len();
        edits.push(Edit::insert(end, format!("{prefix}{date}{tail}")));
    }
    edits
}

/// How the file's finished phases carry their date, as (text before the date, text after):
/// `(" (completed ", ")")` for the template's `(completed 2026-01-12)`, `(" — completed ", "")`
/// for the plain form `Phase 1: Name (2/2 plans) — completed 2026-03-11`. Copied from the
/// ticked phase line nearest above `line` (the same list's style, as files mix a bold active
/// list with plain `<details>` lists), else the nearest below; `None` when no finished phase
/// has a date, so a file that never dated its phases does not start now.
fn completed_suffix_form(roadmap: &Roadmap, line: usize) -> Option<(String, String)> {
    let doc = &roadmap.doc;
    let dated: Vec<(usize, &std::ops::Range<usize>)> = roadmap
        .phases
        .iter()
        .filter(|p| p.is_checked())
        .filter_map(|p| Some((p.listing?, &p.completed.as_ref()?.1)))
        .collect();
    let (other, date) = dated
        .iter()
        .filter(|(l, _)| *l < line)
        .max_by_key(|(l, _)| *l)
        .or_else(|| {
            dated
                .iter()
                .filter(|(l, _)| *l > line)
                .min_by_key(|(l, _)| *l)
        })?;
    let start = doc.line_start(*other);
    let text = doc.line(*other);
    let (date_start, date_end) = (date.start - start, date.end - start);
    let before = &text[..date_start];
    let lower = before.to_ascii_lowercase();
    let word = ["completed", "complete", "shipped", "done"]
        .iter()
        .filter_map(|w| lower.rfind(w))
        .max()?;
    // Back over the separator that opens the suffix: ` (`, ` — `, ` - `, ` – `, ` [`.
    let head = before[..word].trim_end();
    let head = head
        .strip_suffix(['(', '[', '—', '–', '-'])
        .map_or(head, str::trim_end);
    let prefix = &text[head.len()..date_start];
    let after = text[date_end..].trim_end();
    let tail = match prefix.trim_start().chars().next() {
        Some('(') if after.starts_with(')') => ")",
        Some('[') if after.starts_with(']') => "]",
        _ => "",
    };
    (!prefix.trim().is_empty()).then(|| (prefix.to_string(), tail.to_string()))
}

/// The phase's row in one progress table: the plans count, the status and, when this plan
/// finishes the phase, the completion date. Each table [`roadmap_edits`] picks gets the same
/// update through its own header positions.
///
/// Cells are found by meaning ([`ProgressTable::cell`]), never by raw index, so a
/// column-shifted row (a 4-column row a tool wrote into a 5-column Milestone table) is edited
/// where its values actually are and keeps its shape: repairing the row would rewrite cells
/// the user did not ask about (the Milestone value is not even known), so fixing the shape
/// belongs to a separate, explicit repair (no `gsd check` rule reports it yet). Only
/// cells whose text changes get an edit, and each keeps its padding ([`cell_raw`]).
fn progress_row_edits(
    doc: &Doc,
    table: &ProgressTable,
    row: &ProgressRow,
    tally: &PhaseTally,
    date: &str,
) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut set = |cell: &Cell, text: &str| {
        if doc.text(cell.text.clone()) != text {
            edits.push(Edit::replace(
                cell.raw.clone(),
                cell_in_row(doc, &row.cells, cell, text),
            ));
        }
    };
    if let Some(c) = table.cell(row, Column::Plans)
        && let Some(text) = plans_cell(table, doc.text(c.text.clone()), tally)
    {
        set(c, &text);
    }
    let target = if tally.complete {
        RowStatus::Complete
    } else {
        RowStatus::InProgress
    };
    if let Some(c) = table.cell(row, Column::Status)
        && RowStatus::classify(doc.text(c.text.clone())) != target
    {
        set(c, &status_word(doc, table, row, target));
    }
    if tally.complete
        && !tally.was_complete
        && let Some(c) = table.cell(row, Column::Completed)
        && !starts_with_date(doc.text(c.text.clone()))
    {
        set(c, date);
    }
    edits
}

/// The new plans cell: `N/M` (or `N/?`) gets the phase's done count (and its total when known); a bare
/// number is a done count only under a header that says so (`Plans Complete`), since a bare
/// `Plans` column may hold the total. Anything else (`TBD`, `-`) is left alone.
fn plans_cell(table: &ProgressTable, text: &str, tally: &PhaseTally) -> Option<String> {
    if let Some((done, total)) = text.split_once('/') {
        // `1/2`, and `0/?` (total not yet known): the done part must be a count.
        done.trim().parse::<u64>().ok()?;
        let total = tally
            .total
            .map_or(total.trim().to_string(), |t| pad_like(t, total.trim()));
        return Some(format!("{}/{total}", pad_like(tally.done, done.trim())));
    }
    let header = table.columns.get(table.plans_col?)?;
    let counts_done = header.contains("complete") || header.contains("done");
    (counts_done && !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()))
        .then(|| pad_like(tally.done, text))
}

/// The status word for `target`, in the table's own vocabulary: the spelling the other rows
/// use most (`✅ Complete`, `Done`, `🚧 In progress`), else the template's `Complete` /
/// `In Progress` (the spelling real tables pair with `Not started`).
fn status_word(doc: &Doc, table: &ProgressTable, row: &ProgressRow, target: RowStatus) -> String {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for r in table.rows.iter().filter(|r| r.line != row.line) {
        let Some(c) = table.cell(r, Column::Status) else {
            continue;
        };
        let text = doc.text(c.text.clone());
        if RowStatus::classify(text) == target {
            match seen.iter_mut().find(|(t, _)| *t == text) {
                Some((_, n)) => *n += 1,
                None => seen.push((text, 1)),
            }
        }
    }
    // The most frequent spelling; the first seen on a tie.
    let best = seen
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
        .map(|(_, (t, _))| t.to_string());
    best.unwrap_or_else(|| match target {
        RowStatus::Complete => "Complete".into(),
        _ => "In Progress".into(),
    })
}

/// Whether a cell already holds a date (`2026-02-19`, `2026-02-19 ✓`).
fn starts_with_date(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['*', '~']);
    t.len() >= 10 && NaiveDate::parse_from_str(&t[..10], "%Y-%m-%d").is_ok()
}

/// `**Plans**: 1/2 plans complete` / `**Plans:** 1/2 complete`: the field's completed count
/// becomes the phase's done count; its total is raised only if the done count passed it
/// (the field may announce plans not yet written, so a smaller list is no reason to lower it).
/// `2 plans`, `TBD` and prose carry no completed count and are left alone.
fn plans_field_edit(doc: &Doc, phase: &RoadmapPhase, tally: &PhaseTally) -> Option<Edit> {
    let field = phase.plans_value.as_ref()?;
    let (complete, total) = (field.complete?, field.total?);
    let value = doc.text(field.value.clone());
    let done_len = value.find('/')?;
    let total_len = value[done_len + 1..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(value.len() - done_len - 1);
    let done = tally.done;
    let new_total = u64::from(total).max(done);
    if u64::from(complete) == done && u64::from(total) == new_total {
        return None;
    }
    let start = field.value.start;
    Some(Edit::replace(
        start..start + done_len + 1 + total_len,
        format!(
            "{}/{}",
            pad_like(done, &value[..done_len]),
            pad_like(new_total, &value[done_len + 1..done_len + 1 + total_len])
        ),
    ))
}

/// `- [ ] Phase 2: Scoring (0/2 plans)`: the `(N/M plans)` count on the phase's line.
fn checklist_count(doc: &Doc, line: usize, tally: &PhaseTally) -> Option<Edit> {
    let text = doc.line(line);
    let open = text
        .find(" plans)")
        .and_then(|end| text[..end].rfind('(').map(|o| (o, end)))?;
    let inner = &text[open.0 + 1..open.1];
    let (done, total) = inner.split_once('/')?;
    if done.parse::<u64>().is_err() || total.parse::<u64>().is_err() {
        return None;
    }
    let start = doc.line_start(line) + open.0 + 1;
    let total = tally
        .total
        .map_or(total.to_string(), |t| pad_like(t, total));
    Some(Edit::replace(
        start..start + inner.len(),
        format!("{}/{total}", pad_like(tally.done, done)),
    ))
}
