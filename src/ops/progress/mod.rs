//! Progress, wherever STATE.md keeps it: the `Progress:` line (percent, bar, `(n/m plans)`
//! note) and the frontmatter `progress:` mirror. Shared by every command that finishes work
//! (`state complete` a plan, `phase complete` a phase): each describes its change as a
//! [`Step`] between two ledgers, and the counts are re-read in the scope the file already
//! uses (never lowered).

use crate::edit::Edit;
use crate::ledger::{Ledger, Reach, Scope, Unit};
use crate::model::ids::PhaseNum;
use crate::model::state::progress::{NoteUnit, filled_glyphs, note_phase};
use crate::model::values::percent;
use crate::model::workspace::Workspace;
use crate::ops::frontmatter;
use crate::ops::style::{pad_like, render_bar};
use crate::syntax::Doc;

mod mirror;

pub use mirror::frontmatter_progress;

/// One finished unit of work, as the ledger saw the project before and after it.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    /// The ledger the file's current numbers were computed from.
    pub before: &'a Ledger,
    /// The ledger with the work done.
    pub after: &'a Ledger,
    /// The phase the work belongs to.
    pub phase: &'a PhaseNum,
    /// The step finishes the phase (it was not complete before).
    pub newly_complete: bool,
    /// Plans the step finishes (1 for `state complete`, 0 for `phase complete`): what a
    /// running tally of plans gains.
    pub plans_done: u64,
    /// Plans done earlier that the file's own tallies missed, recorded along with this step's
    /// (`state complete`'s catch-up): the ledger already counts them, a tally gains them too.
    pub caught: u64,
}

/// Percent, bar and the note's `(n/m plans)` counts, each in the scope it already
/// uses. The note's count is in the scope whose numbers reproduce it (`Phase 6: 3/4 plans` is
/// the phase's; `2/4 phases complete in v1.2` the milestone's phases), else it is the
/// author's own running tally and gains this plan. The percent follows the note when the
/// note's fraction is the percent, else the scope that reproduces it, else the template's
/// (plans over the project). Without sibling files the note is all there is to count. A
/// percent whose scope did not move is left as written (no re-rounding), and neither the
/// percent nor a count goes down.
pub fn progress_edits(ws: &Workspace, step: &Step, notices: &mut Vec<String>) -> Vec<Edit> {
    let (mut edits, new) = note_and_percent(ws, step, notices);
    let doc = &ws.state.doc;
    if let (Some(line), Some(new)) = (&ws.state.position.progress, new) {
        if let Some(r) = line.percent.clone() {
            let written = doc.text(r.clone());
            let text = if written.contains('.') {
                crate::model::values::format_like(new.exact, written)
            } else {
                new.rounded.to_string()
            };
            edits.push(Edit::replace(r, text));
        }
        if let Some(bar) = &line.bar {
            edits.push(Edit::replace(
                bar.span.clone(),
                render_bar(bar, new.rounded),
            ));
        }
    }
    edits
}

/// A count written like `like`, a mark before its digits kept (`~20` → `~21`: an estimate
/// stays one).
fn count_like(n: u64, like: &str) -> String {
    let digits = like
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(like.len());
    format!("{}{}", &like[..digits], pad_like(n, &like[digits..]))
}

/// A new percent for the `Progress:` line: exact, and rounded the way the file rounds.
#[derive(Debug, Clone, Copy)]
struct NewPercent {
    exact: f64,
    rounded: u64,
}

/// The note's edits, and the percent the line moves to (`None`: left as written).
fn note_and_percent(
    ws: &Workspace,
    step: &Step,
    notices: &mut Vec<String>,
) -> (Vec<Edit>, Option<NewPercent>) {
    let state = &ws.state;
    let doc = &state.doc;
    let Some(line) = &state.position.progress else {
        return (Vec::new(), None);
    };
    let (before, after) = (step.before, step.after);
    let note_text = line.note.clone().map_or("", |r| doc.text(r));
    let note = line.note_counts(doc);
    if note.is_none() && line.note_has_share(doc) {
        notices.push(format!(
            "progress left as is: its note counts a share of phases (`{note_text}`) that this plan's evidence does not restate"
        ));
        return (Vec::new(), None);
    }
    let old_pct = line.percent_number(doc);
    // A bar with words but no percent and no counts beside it (`[████░░] v3.0 — Phases 12-17
    // complete`): nothing says what it measures, so it is not redrawn from a guess.
    if old_pct.is_none() && note.is_none() && !note_text.trim().is_empty() {
        if line.bar.is_some() {
            notices.push(
                "progress bar left as is: the line has no percent or counts to tell what it measures"
                    .into(),
            );
        }
        return (Vec::new(), None);
    }
    let mut edits = Vec::new();

    // The note's counts: (old done, old total) → new (done, total), or None to leave it.
    let mut note_new: Option<(u64, u64)> = None;
    if let Some(n) = &note {
        let (d, t) = (n.done.0, n.total.0);
        let unit = match n.unit {
            NoteUnit::Plans => Unit::Plans,
            NoteUnit::Phases => Unit::Phases,
        };
        // The note's scope, inferred the way `gsd check` infers it: both numbers must match
        // (a done count alone matches by chance, and would swap the author's total for
        // another scope's).
        let phase = note_phase(note_text);
        let scoped_to_other_phase = phase.as_ref().is_some_and(|p| p != step.phase);
        let scope = before
            .scope_of_note(Some(unit), phase.as_ref(), d, t)
            .or_else(|| after.scope_of_note(Some(unit), phase.as_ref(), d, t));
        note_new = match scope.and_then(|s| after.counts(&s)) {
            Some((nd, nt)) => Some((nd.max(d), nt.max(t))),
            None if scoped_to_other_phase => None,
            // A tally of plans gains this plan; of phases, this phase if the plan ends it.
            None if unit == Unit::Plans => {
                let nd = d + step.plans_done;
                // A tally that reaches its total while the evidence still knows plans open
                // (`15 of 16+` with three plans of the phase unfinished) is no `16 of 16`.
                let open = after
                    .counts(&Scope::PROJECT_PLANS)
                    .map_or(0, |(ad, at)| at.saturating_sub(ad));
                let total = if nd >= t { nd + open } else { t };
                Some((nd, total))
            }
            None => {
                let newly = u64::from(step.newly_complete);
                Some((d + newly, t.max(d + newly)))
            }
        };
        if let Some((nd, nt)) = note_new {
            let (dr, tr) = (n.done.1.clone(), n.total.1.clone());
            edits.push(Edit::replace(dr.clone(), count_like(nd, doc.text(dr))));
            edits.push(Edit::replace(tr.clone(), count_like(nt, doc.text(tr))));
        }
    }

    // The percent.
    let note_is_percent = match (&note, old_pct) {
        (Some(n), Some(p)) if n.total.0 > 0 => {
            let exact = n.done.0.min(n.total.0) as f64 * 100.0 / n.total.0 as f64;
            (exact - p).abs() < 1.0
        }
        // A bar with no percent beside it draws its note's counts (`[███░░] 1/2 plans`).
        (Some(n), None) => n.total.0 > 0,
        _ => false,
    };
    // `Phase 4: 2/10 = 22/31 total plans`: the second count is the percent's, and gains
    // this plan in the scope that reproduces it (else as a tally of its own).
    let equal = line
        .note_equal_counts(doc)
        .filter(|e| old_pct.is_some_and(|p| e.total.0 > 0 && reproduces(e.done.0, e.total.0, p)));
    let counts: Option<PercentCounts> = if let Some(e) = &equal {
        let (d, t) = (e.done.0, e.total.0);
        let new = before
            .scope_of_note(Some(Unit::Plans), None, d, t)
            .and_then(|s| after.counts(&s))
            .map_or((d + step.plans_done + step.caught, t), |(nd, nt)| {
                (nd.max(d), nt.max(t))
            });
        edits.push(Edit::replace(
            e.done.1.clone(),
            count_like(new.0, doc.text(e.done.1.clone())),
        ));
        edits.push(Edit::replace(
            e.total.1.clone(),
            count_like(new.1.max(new.0), doc.text(e.total.1.clone())),
        ));
        Some(((new.0, new.1.max(new.0)), Some((d, t))))
    } else if note_is_percent {
        note_new.map(|c| (c, note.as_ref().map(|n| (n.done.0, n.total.0))))
    } else if !before.has_siblings {
        // No evidence but STATE.md: a plans tally in the note, else the frontmatter's plan
        // counters when they give the percent, else the file's own count of plans done read
        // against its percent (`Total plans completed: 3` at `30%`: 3 of 10).
        match (&note, note_new) {
            (Some(n), Some(c)) if n.unit == NoteUnit::Plans => Some((c, None)),
            _ if counts_phases(before, old_pct) => None,
            _ => mirrored_counts(doc, step, old_pct).or_else(|| {
                state
                    .metrics
                    .plans_completed_count(doc)
                    .zip(old_pct)
                    .and_then(|(n, p)| {
                        let (d, t) = author_counts(p, n, (n as f64 * 100.0 / p).round() as u64)?;
                        let done = d + step.plans_done;
                        Some(((done, t.max(done)), Some((d, t))))
                    })
            }),
        }
    } else {
        let candidates = before.candidate_scopes();
        let scope = match old_pct {
            Some(p) => before
                .scope_of_percent(p, &candidates)
                .or_else(|| after.scope_of_percent(p, &candidates)),
            None => None,
        };
        match zero_in_plans(step, old_pct, note.is_some()).or(scope.map(Ok)) {
            Some(Ok(scope)) => after.counts(&scope).map(|c| (c, before.counts(&scope))),
            Some(Err(counts)) => Some((counts, None)),
            None => partial_phases(step, old_pct)
                .or_else(|| mirrored_counts(doc, step, old_pct))
                .or_else(|| {
                    let tally = state.metrics.plans_completed_count(doc);
                    implied_total(step, old_pct, tally)
                }),
        }
    };
    let Some(((done, total), old_counts)) = counts else {
        if line.percent.is_some() || line.bar.is_some() {
            notices.push(
                "progress left as is: no ROADMAP.md plan list, phases/ folder, `(n/m plans)` note or count of plans done to count from"
                    .into(),
            );
        }
        return (edits, None);
    };
    if old_counts == Some((done, total)) {
        return (edits, None); // Nothing moved in the percent's scope: keep its rounding.
    }
    let exact = done.min(total) as f64 * 100.0 / total.max(1) as f64;
    // Rounded to the nearest, as the template and the incumbent do. A percent the file once
    // floored (`10%` for 2 of 19) is no sign of the next: measured on the replay corpus,
    // authors who wrote one rounded the next four times in five.
    let pct = exact.round() as u64;
    // A bar with no percent beside it holds its own: the share of its glyphs filled.
    let old_int = old_pct.map(|p| p.round() as u64).or_else(|| {
        line.bar
            .as_ref()
            .filter(|b| b.width > 0 && filled_glyphs(b.width, exact) < b.filled)
            .map(|b| (b.filled * 100 / b.width) as u64)
    });
    // The same percent: the bar stays as the author drew it (its rounding is the file's).
    if old_int == Some(pct) && old_pct.is_some_and(|p| p.fract() == 0.0) {
        return (edits, None);
    }
    if old_int.is_some_and(|o| pct < o) {
        notices.push(format!(
            "progress left at {}%: the evidence counts {done} of {total} ({pct}%), and progress never goes back",
            old_int.unwrap_or(0)
        ));
        // The note is the percent's own counts: it stays with the percent, as written.
        if note_is_percent {
            edits.clear();
        }
        return (edits, None);
    }
    let new = NewPercent {
        exact,
        rounded: pct,
    };
    (edits, Some(new))
}

/// (new done, new total) for a percent, and where known the (done, total) its old value came
/// from.
type PercentCounts = ((u64, u64), Option<(u64, u64)>);

/// A bare `0%` (no note) says nothing of its scope: every scope starts at 0, and "no phase
/// done yet" gives it as well as "no plan done". It is read in the template's scope, plans:
/// the first plan scope that gives 0% before this step (`Ok`), else, when STATE.md had not
/// recorded plans the other files show done, the plans over the project now (`Err`, counts
/// with no old counts). Not when that would call the project 100% done while phases are
/// open (one plan known in a roadmap of three unplanned phases): then the phases' 0% stands.
fn zero_in_plans(
    step: &Step,
    old_pct: Option<f64>,
    has_note: bool,
) -> Option<Result<Scope, (u64, u64)>> {
    if old_pct != Some(0.0) || has_note {
        return None;
    }
    let (before, after) = (step.before, step.after);
    let plans: Vec<Scope> = before
        .candidate_scopes()
        .into_iter()
        .filter(|s| s.unit == Unit::Plans)
        .collect();
    let found = before.scope_of_percent(0.0, &plans);
    let counts = match &found {
        Some(s) => after.counts(s)?,
        None => after.counts(&Scope::PROJECT_PLANS)?,
    };
    let phases_open = after
        .counts(&Scope::new(Unit::Phases, Reach::Project))
        .is_some_and(|(d, t)| d < t);
    if counts.0 >= counts.1 && phases_open {
        return None;
    }
    Some(found.ok_or(counts))
}

/// Counts for a percent no scope reproduces: the author divides plans done by counts of their
/// own (plans not yet written for later phases, an estimate, a count that lags). Those counts
/// are read back from the percent: the pair nearest the files' own counts that gives it
/// (`42%` with 8 of 9 plans known → 5 of 12), and the new percent adds this step's plans to
/// them. Without a percent between 0 and 100 to read them from, plans over the project (the
/// template's scope).
fn implied_total(step: &Step, old_pct: Option<f64>, tally: Option<u64>) -> Option<PercentCounts> {
    let (before, after) = (step.before, step.after);
    let (d0, t0) = before.counts(&Scope::PROJECT_PLANS)?;
    let (d1, t1) = after.counts(&Scope::PROJECT_PLANS)?;
    // The file's own `Total plans completed` over the plans known gives the percent: the
    // author counts those (`3` of `7` at 43% while the SUMMARY files say 5).
    // Or over the plans known when it was written, one plan fewer than now (`15` of
    // `18` at 83%, with 19 plans known today: the next is 16 of 19).
    let own = tally.zip(old_pct).and_then(|(n, p)| {
        let gives = |t: u64| t > 0 && n <= t && reproduces(n, t, p);
        [t0, t1]
            .into_iter()
            .find(|&t| gives(t))
            .map(|t| (n, t, t))
            .or_else(|| {
                let then = t1.saturating_sub(1);
                gives(then).then_some((n, then, t1))
            })
    });
    // The tally gains what the counter does: the plans it missed and this step records too.
    let own = own.map(|(n, t, now)| (n + step.caught, (n, t), now));
    let implied = old_pct
        .and_then(|p| author_counts(p, d0, t0))
        .map(|(d, t)| (d, (d, t), t));
    match own.or(implied) {
        Some((from, old, now)) => {
            let done = from + d1.saturating_sub(d0);
            Some(((done, now.max(done)), Some(old)))
        }
        None => Some(((d1, t1), Some((d0, t0)))),
    }
}

/// Phases done plus the share of the current phase's plans done, over the phases (`1 of 6
/// phases and 1 of 2 plans` is 25%), in the reach (project or milestone) where that gives
/// the old percent and whole phases do not: the file credits a phase's plans as they finish.
/// As scaled counts, `(phases × plans + plans done, total × plans)`.
fn partial_phases(step: &Step, old_pct: Option<f64>) -> Option<PercentCounts> {
    let p = old_pct?;
    let scaled = |ledger: &Ledger, reach: &Reach| -> Option<(u64, u64)> {
        let (d, t) = ledger.counts(&Scope::new(Unit::Phases, reach.clone()))?;
        let phase = ledger.phase(step.phase)?;
        let (pd, pt) = (phase.done(), phase.total()?);
        (pt > 0 && pd < pt && t > 0).then_some((d * pt + pd, t * pt))
    };
    [Reach::Project, Reach::Milestone].iter().find_map(|reach| {
        let (d0, t0) = scaled(step.before, reach)?;
        let reproduces = |d: u64, t: u64| {
            let exact = d as f64 * 100.0 / t as f64;
            (exact.round() - p).abs() < 1e-9 || (exact.floor() - p).abs() < 1e-9
        };
        if !reproduces(d0, t0) {
            return None;
        }
        let after = match scaled(step.after, reach) {
            Some(c) => c,
            // The phase is done now: whole phases again.
            None => step
                .after
                .counts(&Scope::new(Unit::Phases, reach.clone()))?,
        };
        Some((after, Some((d0, t0))))
    })
}

/// Counts for a percent no scope reproduces, read from the frontmatter's own plan counters
/// when they give it (`completed_plans: 9`, `total_plans: 11` for 82%): the body and its
/// frontmatter mirror then move together, through the same [`plans_counter_after`].
fn mirrored_counts(doc: &Doc, step: &Step, old_pct: Option<f64>) -> Option<PercentCounts> {
    let num = |key: &str| frontmatter::get(doc, key).and_then(|v| v.trim().parse::<u64>().ok());
    let (d, t) = (
        num("progress.completed_plans")?,
        num("progress.total_plans")?,
    );
    let p = old_pct?;
    if t == 0 || (percent(d.min(t), t) as f64 - p).abs() >= 1.0 {
        return None;
    }
    Some((plans_counter_after(step, d, Some(t)), Some((d, t))))
}

/// Whether a percent counts phases by STATE.md's own `Phase: N of M`: the phases before the
/// current one, or up to it, over M. Such a percent moves when a phase completes, not a plan.
fn counts_phases(ledger: &crate::ledger::Ledger, pct: Option<f64>) -> bool {
    let (Some(p), Some(m), Some(n)) = (
        pct,
        ledger.state_phase_total.filter(|m| *m > 0),
        ledger.current.as_ref().and_then(PhaseNum::as_integer),
    ) else {
        return false;
    };
    [n.saturating_sub(1), n]
        .iter()
        .any(|&d| ((d.min(m) as f64 * 100.0 / m as f64) - p).abs() < 1.0)
}

/// Whether `d` of `t` is the percent `p` as written (rounded, floored, or to its decimals).
fn reproduces(d: u64, t: u64, p: f64) -> bool {
    let exact = d as f64 * 100.0 / t as f64;
    (exact.round() - p).abs() < 1e-9
        || (exact.floor() - p).abs() < 1e-9
        || (p.fract() != 0.0 && (exact - p).abs() < 0.05)
}

/// The (done, total) an author's percent was computed from: of the pairs whose percent is `p`
/// as written (rounded, floored, or to its decimals), the one whose done count is nearest the
/// files' own `d0`, then whose total is nearest their `t0`. `None` for 0% and 100%, which say nothing of the total.
fn author_counts(p: f64, d0: u64, t0: u64) -> Option<(u64, u64)> {
    if p <= 0.0 || p >= 100.0 {
        return None;
    }
    let matches = |d: u64, t: u64| reproduces(d, t, p);
    // Totals from half the files' count to twice it, and up to the one that keeps `d0` done.
    let keeps_done = (d0 as f64 * 100.0 / p).ceil() as u64;
    let (low, high) = (
        (t0 / 2).max(1),
        t0.saturating_mul(2).max(keeps_done).max(4) + 2,
    );
    (low..=high)
        .flat_map(|t| {
            let near = (p * t as f64 / 100.0).floor() as u64;
            [near, near + 1].into_iter().map(move |d| (d, t))
        })
        .filter(|&(d, t)| d <= t && matches(d, t))
        .min_by_key(|&(d, t)| (d.abs_diff(d0), t.abs_diff(t0)))
}

/// The scope (project or milestone plans) whose counts before `step` reproduce a running
/// count of finished plans; `None` when none does and the count is a tally of its own.
pub fn counter_scope(step: &Step, old_done: u64, old_total: Option<u64>) -> Option<Scope> {
    let before = step.before;
    let plan_scopes: Vec<Scope> = before
        .candidate_scopes()
        .into_iter()
        .filter(|s| s.unit == Unit::Plans && !matches!(s.reach, Reach::Phase(_)))
        .collect();
    before
        .scope_of_counts(old_done, old_total, &plan_scopes)
        .or_else(|| before.scope_of_counts(old_done, None, &plan_scopes))
}

/// A running count of finished plans (`Total plans completed: 3`, frontmatter
/// `completed_plans`), and its total when it has one, after `step`: re-counted in the scope
/// (project or milestone plans) whose counts reproduce the old values, else a tally of its own
/// that gains the step's plans (a counter left behind by the SUMMARY files stays behind:
/// replaying real completions, authors add one to it). Never lower.
pub fn plans_counter_after(step: &Step, old_done: u64, old_total: Option<u64>) -> (u64, u64) {
    let after = step.after;
    let scope = counter_scope(step, old_done, old_total);
    let (done, total) = match scope.and_then(|s| after.counts(&s)) {
        Some((d, t)) => (d, t),
        None => {
            let d = old_done + step.plans_done + step.caught;
            (d, old_total.unwrap_or(d).max(d))
        }
    };
    let done = done.max(old_done);
    (done, total.max(old_total.unwrap_or(0)).max(done))
}

#[cfg(test)]
mod tests {
    use super::author_counts;

    #[test]
    fn an_authors_counts_are_read_back_from_their_percent() {
        // 3 of 10 known, written 30%: the files' own counts.
        assert_eq!(author_counts(30.0, 3, 10), Some((3, 10)));
        // 10% with 1 of 2 plans known: the author counts 1 of an estimated 10.
        assert_eq!(author_counts(10.0, 1, 2), Some((1, 10)));
        // 42% with 8 of 9 known: no total keeps 8 done; the nearest pair is 5 of 12.
        let (d, t) = author_counts(42.0, 8, 9).expect("a pair");
        assert_eq!(((d * 100) as f64 / t as f64).round(), 42.0);
        // A decimal percent is matched to its decimals.
        assert_eq!(author_counts(12.5, 1, 8), Some((1, 8)));
        // 0% and 100% say nothing of the total.
        assert_eq!(author_counts(0.0, 0, 5), None);
        assert_eq!(author_counts(100.0, 5, 5), None);
    }
}
