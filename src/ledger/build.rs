//! Building the ledger from a loaded workspace: one pass over ROADMAP.md's phases, plans and
//! progress rows, one over the `phases/` listing, and STATE.md's own counters.

use crate::ledger::{Ledger, PhaseEntry};
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::phases::PhaseDir;
use crate::model::roadmap::{Roadmap, RowStatus};
use crate::model::state::StateDoc;
use crate::model::status::StatusKind;
use crate::model::workspace::Workspace;

impl Ledger {
    /// The ledger of a workspace. `completing` is the plan the running command records,
    /// when there is one: it decides how STATE.md's `Plan:` line is read (see
    /// [`state_plan_names_next`]), not whether the plan is done (use [`Ledger::completing`]).
    pub fn build(ws: &Workspace, completing: Option<&PlanId>) -> Ledger {
        let state_phase_total = ws
            .state
            .position
            .phase
            .as_ref()
            .and_then(|l| l.total.clone())
            .and_then(|r| ws.state.doc.text(r).parse::<u64>().ok());
        let status = ws
            .state
            .position
            .status
            .as_ref()
            .map_or("", |s| s.value(&ws.state.doc));
        let milestone_done = says_milestone_done(status);
        let mut ledger = Ledger {
            current: ws.state.current_phase(),
            state_phase_total,
            milestone_done,
            ..Ledger::default()
        };
        if let Some(roadmap) = &ws.roadmap {
            add_roadmap(&mut ledger, roadmap);
        }
        if let Some(dirs) = &ws.phases {
            for dir in &dirs.phases {
                if another_folder_is_the_phase(&ledger, &dirs.phases, dir) {
                    continue;
                }
                let phase = ledger.phase_entry(&dir.number);
                phase.has_folder = true;
                phase.stages = phase.stages.merged(dir.stages);
                if phase.slug.is_none() {
                    phase.slug = dir.slug.clone();
                }
                for id in &dir.plans {
                    phase.entry_mut(id).evidence.plan_file = true;
                }
                for id in &dir.summaries {
                    phase.entry_mut(id).evidence.summary_file = true;
                }
                if dir.phase_summary.is_some() {
                    phase.marked_complete = true;
                }
            }
        }
        ledger.has_siblings = !ledger.phases.is_empty();
        add_state(&mut ledger, &ws.state, completing);
        reopen_current_phase_ticked_early(&mut ledger, ws);
        ledger.current_milestone = ledger
            .current
            .as_ref()
            .and_then(|c| ledger.phase(c))
            .and_then(|p| p.milestone)
            .or_else(|| {
                // No current phase in a group: the first group with unfinished phases.
                ledger
                    .phases
                    .iter()
                    .filter(|p| !p.complete())
                    .filter_map(|p| p.milestone)
                    .min()
            });
        ledger
    }

    fn phase_entry(&mut self, n: &PhaseNum) -> &mut PhaseEntry {
        let at = match self.phases.binary_search_by(|p| p.number.cmp(n)) {
            Ok(i) => i,
            Err(i) => {
                self.phases.insert(i, PhaseEntry::new(n.clone()));
                i
            }
        };
        &mut self.phases[at]
    }
}

/// A ROADMAP.md mark that STATE.md and `phases/` both contradict does not close the current
/// phase: `[x] Phase 475` beside `Plan: 15 of 45` and PLAN files left without a SUMMARY (in a
/// phase whose done plans leave one) is a mark written early, and trusting it would move
/// `Plan:` to `45 of 45`. A phase-level SUMMARY still closes the phase.
fn reopen_current_phase_ticked_early(ledger: &mut Ledger, ws: &Workspace) {
    let Some(current) = ledger.current.clone() else {
        return;
    };
    let phase_summary = ws.phases.as_ref().is_some_and(|dirs| {
        dirs.phases
            .iter()
            .any(|d| d.number == current && d.phase_summary.is_some())
    });
    let Some(phase) = ledger.phases.iter_mut().find(|p| p.number == current) else {
        return;
    };
    let state_says_open = matches!(
        (phase.state_counts.done, phase.state_counts.total),
        (Some(d), Some(t)) if d < t
    );
    let keeps_summaries = phase.plans.iter().any(|p| p.evidence.summary_file);
    let plans_open = phase
        .plans
        .iter()
        .any(|p| p.evidence.plan_file && !p.done());
    if phase.marked_complete && !phase_summary && state_says_open && keeps_summaries && plans_open {
        phase.marked_complete = false;
    }
}

fn add_roadmap(ledger: &mut Ledger, roadmap: &Roadmap) {
    let doc = &roadmap.doc;
    for rp in &roadmap.phases {
        let phase = ledger.phase_entry(&rp.number);
        phase.in_roadmap = true;
        phase.name = phase.name.take().or_else(|| rp.name.clone());
        phase.milestone = phase.milestone.or(rp.milestone);
        phase.marked_complete |= rp.is_checked();
        for plan in &rp.plans {
            let e = &mut phase.entry_mut(&plan.id).evidence;
            e.listed = true;
            e.ticked |= plan.checkbox.checked;
        }
        if let Some(f) = &rp.plans_value {
            let total = f.total.map(u64::from);
            // `**Plans:** 3 plans` is a total; only `3/4` states a done count.
            phase.roadmap_counts.raise(f.complete.map(u64::from), total);
        }
    }
    for table in &roadmap.progress_tables {
        for row in &table.rows {
            let Some(n) = &row.phase else { continue };
            let plans = table.plans(doc, row);
            let status = table.status(doc, row);
            let phase = ledger.phase_entry(n);
            phase.in_roadmap = true;
            if phase.name.is_none() {
                phase.name = row.name.clone();
            }
            if let Some((done, total)) = plans {
                phase
                    .roadmap_counts
                    .raise(Some(u64::from(done)), Some(u64::from(total)));
            }
            if status == Some(RowStatus::Complete) {
                phase.marked_complete = true;
            }
        }
    }
}

fn add_state(ledger: &mut Ledger, state: &StateDoc, completing: Option<&PlanId>) {
    let doc = &state.doc;
    if let (Some(current), Some(line)) = (ledger.current.clone(), &state.position.plan) {
        let names_plan_id = line.plan_id(doc).is_some();
        let a = line.done_count(doc);
        let b = line.total_count(doc);
        // `Plan: 2` while plan 2 is being completed may mean "working on 2" (1 done) or
        // "2 done" (a rerun would have been caught as already complete): the lower bound
        // takes the smaller reading.
        let ambiguous =
            completing.is_some_and(|id| id.phase == current && a == Some(u64::from(id.plan)));
        // `Plan: 02-01 + 02-02 complete` names the plans done.
        let listed = line
            .done_list(doc)
            .filter(|l| l.ids.iter().all(|id| id.phase == current))
            .and_then(|l| l.ids.iter().map(|id| u64::from(id.plan)).max());
        let done = if listed.is_some() {
            listed
        } else if names_plan_id || ambiguous || state_plan_names_next(state, completing) {
            a.map(|a| a.saturating_sub(1))
        } else {
            a
        };
        let phase = ledger.phase_entry(&current);
        phase.state_counts.raise(done, b);
    }
    if let Some(table) = &state.metrics.by_phase {
        for row in &table.rows {
            let Some(n) = &row.phase else { continue };
            let done = row.plans(doc);
            let total = row.plans_total(doc);
            // A By Phase row for a phase nothing else knows is history (an archived
            // milestone), not a phase of the current plan.
            // (Without siblings, STATE.md is all there is, and its rows are the phases.)
            if let Some(phase) = ledger.phases.iter_mut().find(|p| &p.number == n) {
                phase.state_counts.raise(done, total);
            } else if !ledger.has_siblings {
                ledger.phase_entry(n).state_counts.raise(done, total);
            }
        }
    }
    if let Some(c) = &ledger.current
        && ledger.phase(c).is_none()
    {
        ledger.phase_entry(&c.clone());
    }
}

/// Whether STATE.md's `Plan: A of B` names the next plan to run (the incumbent's
/// `advance-plan` form) rather than the count of plans done. Read from the file itself: the
/// status says `Ready to execute` (the state `advance-plan` leaves between plans), `A` is
/// the very plan being completed now (a count would already be past it), or the file is one
/// the incumbent keeps (its `gsd_state_version` frontmatter) and `Plan:` holds the
/// `Not started` it writes between phases: its next step starts the phase at `Plan: 1 of N`
/// and advances the line to the plan after each one finished.
/// A status that says the milestone is finished: the status vocabulary's milestone-complete
/// words, a version declared complete (`v7.0 COMPLETE ✅`), or waiting for the next one
/// (`Between milestones`, `Awaiting next milestone`).
fn says_milestone_done(status: &str) -> bool {
    use crate::model::status::StatusKind;
    if StatusKind::classify(status) == StatusKind::MilestoneComplete {
        return true;
    }
    let lower = status.to_lowercase();
    let version_done = lower.split_whitespace().any(|w| {
        w.strip_prefix('v')
            .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
    }) && (lower.contains("complete") || lower.contains("done"));
    version_done || lower.contains("between milestones") || lower.contains("next milestone")
}

pub fn state_plan_names_next(state: &StateDoc, completing: Option<&PlanId>) -> bool {
    let doc = &state.doc;
    let Some(line) = &state.position.plan else {
        return false;
    };
    let status = state
        .position
        .status
        .as_ref()
        .map(|s| StatusKind::classify(s.value(doc)));
    if status == Some(StatusKind::ReadyToExecute) {
        return true;
    }
    if line_says_not_started(state) && state.kept_by_incumbent() {
        return true;
    }
    let current = state.current_phase();
    match (completing, line.done_count(doc)) {
        (Some(id), Some(a)) => current.as_ref() == Some(&id.phase) && u64::from(id.plan) == a,
        _ => false,
    }
}

/// Whether the `Plan:` line holds the words `Not started` and nothing else (no count).
fn line_says_not_started(state: &StateDoc) -> bool {
    state.position.plan.as_ref().is_some_and(|line| {
        line.done.is_none()
            && state
                .doc
                .text(line.field.value.clone())
                .trim()
                .eq_ignore_ascii_case("not started")
    })
}

/// Whether `dir` shares its phase number with another folder that is the phase ROADMAP.md
/// names (`01-benchmark` for `Phase 1: Benchmark`), while its own slug is another phase's
/// (`01-sft-data-and-training`, left from an earlier milestone): its plans are not this
/// phase's.
fn another_folder_is_the_phase(ledger: &Ledger, dirs: &[PhaseDir], dir: &PhaseDir) -> bool {
    let Some(word) = ledger
        .phase(&dir.number)
        .and_then(|p| p.name.as_deref())
        .and_then(first_word)
    else {
        return false;
    };
    let named = |d: &PhaseDir| d.slug.as_deref().and_then(first_word).as_ref() == Some(&word);
    let same_number = || dirs.iter().filter(|d| d.number == dir.number);
    same_number().count() > 1 && !named(dir) && same_number().any(named)
}

/// The first word of a name or slug, in lower case (`Benchmark 统计优化` → `benchmark`).
fn first_word(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase)
}
