//! GSD406: STATE.md's frontmatter against its body (status by meaning, the percent, the
//! current phase and plan), with the one fix a count can vouch for: the percent mirror.

use std::ops::Range;

use crate::check::{Diagnostic, Input, PlanningFile};

/// A status by meaning, from either the frontmatter or the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StatusKind {
    Planning,
    ReadyToExecute,
    InProgress,
    Verifying,
    Complete,
}

/// A status by meaning, through the one status vocabulary ([`crate::model::status`]).
pub(super) fn status_kind(text: &str) -> Option<StatusKind> {
    use crate::model::status::StatusKind as Kind;
    match Kind::classify(text) {
        Kind::Planning => Some(StatusKind::Planning),
        Kind::ReadyToExecute => Some(StatusKind::ReadyToExecute),
        Kind::InProgress => Some(StatusKind::InProgress),
        Kind::Verifying => Some(StatusKind::Verifying),
        Kind::PhaseComplete | Kind::MilestoneComplete => Some(StatusKind::Complete),
        Kind::Blocked | Kind::Other => None,
    }
}

/// Whether two statuses cannot both be true. Neighbouring states are not contradictions:
/// `verifying` next to `Phase complete — ready for verification` is one state, and
/// `planning` next to `Ready to execute` is a file updated a step late.
pub(super) fn contradict(a: StatusKind, b: StatusKind) -> bool {
    use StatusKind::{Complete, InProgress, Planning, ReadyToExecute};
    matches!(
        (a, b),
        (Complete, Planning | ReadyToExecute | InProgress)
            | (Planning | ReadyToExecute | InProgress, Complete)
            | (Planning, InProgress)
            | (InProgress, Planning)
    )
}

/// Whether two different percents are each right in a scope of their own (the frontmatter's
/// plans over the project, the body's `(Phase 1: 1/2 plans)`): two true figures, not a
/// contradiction.
pub(super) fn both_in_scope(input: &Input, a: u64, b: u64) -> bool {
    let state = &input.ws.state;
    // A body percent scoped to one phase (`(Phase 6: 3/4 plans)`) is not the project's.
    if state
        .position
        .progress
        .as_ref()
        .and_then(|p| p.note_phase(&state.doc))
        .is_some()
    {
        return true;
    }
    let ledger = &input.ledger;
    let scopes = ledger.candidate_scopes();
    ledger.scope_of_percent(a as f64, &scopes).is_some()
        && ledger.scope_of_percent(b as f64, &scopes).is_some()
}

pub(super) fn frontmatter(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let Some(fm) = doc.frontmatter.first() else {
        return;
    };
    let src = &doc.source;
    // Findings with a fix of their own, added after the plain ones.
    let mut mirrored: Vec<Diagnostic> = Vec::new();
    let mut flag = |span: Range<usize>, key: &str, theirs: &str| {
        let ours = src.slice(span.clone()).to_string();
        out.push(
            Diagnostic::new(
                "GSD406",
                PlanningFile::State,
                span,
                format!("frontmatter `{key}: {ours}` disagrees with the body ({theirs})"),
            )
            .help(format!("update `{key}` to match the body")),
        );
    };
    let p = &state.position;
    if let (Some(e), Some(status)) = (fm.get("status"), &p.status) {
        let body = status.value(doc);
        if let (Some(a), Some(b)) = (status_kind(e.value(src)), status_kind(body))
            && contradict(a, b)
        {
            flag(e.value_span.clone(), "status", &format!("Status: {body}"));
        }
    }
    if let (Some(e), Some(percent)) = (
        fm.get("progress.percent"),
        p.progress.as_ref().and_then(|pr| pr.percent_value(doc)),
    ) && let Ok(fm_pct) = e.value(src).trim_end_matches('%').parse::<u64>()
        && fm_pct != percent
        && !both_in_scope(input, fm_pct, percent)
    {
        // The mirror follows the body when the plan counts bear the body out in some scope
        // and not the mirror, and it only goes up.
        let bears = |pct: u64| {
            input.every_reading().iter().any(|l| {
                l.scope_of_percent(pct as f64, &l.candidate_scopes())
                    .is_some()
            })
        };
        let fixable = percent > fm_pct && bears(percent) && !bears(fm_pct);
        let ours = src.slice(e.value_span.clone()).to_string();
        let d = Diagnostic::new(
            "GSD406",
            PlanningFile::State,
            e.value_span.clone(),
            format!(
                "frontmatter `progress.percent: {ours}` disagrees with the body (Progress: {percent}%)"
            ),
        );
        mirrored.push(if fixable {
            d.fix(
                format!("set `progress.percent` to {percent}"),
                crate::ops::frontmatter::set(doc, "progress.percent", &percent.to_string()),
            )
        } else {
            d.help("update `progress.percent` to match the body")
        });
    }
    if let (Some(e), Some(num)) = (
        fm.get("current_phase"),
        p.phase.as_ref().and_then(|ph| ph.number(doc)),
    ) && let (Some(a), Some(b)) = (
        crate::model::PhaseNum::parse(e.value(src)),
        crate::model::PhaseNum::parse(num),
    ) && a != b
    {
        flag(
            e.value_span.clone(),
            "current_phase",
            &format!("Phase: {num}"),
        );
    }
    if let (Some(e), Some(done)) = (
        fm.get("current_plan"),
        p.plan.as_ref().and_then(|pl| pl.done_count(doc)),
    ) && let Ok(n) = e.value(src).parse::<u64>()
        && n != done
        && n != done + 1
    {
        flag(
            e.value_span.clone(),
            "current_plan",
            &format!("Plan: {done} done"),
        );
    }
    out.extend(mirrored);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_by_meaning() {
        assert_eq!(status_kind("executing"), status_kind("In progress"));
        assert_eq!(
            status_kind("milestone_complete"),
            Some(StatusKind::Complete)
        );
        assert_eq!(
            status_kind("Phase complete — ready for verification"),
            Some(StatusKind::Complete)
        );
        assert_eq!(status_kind("Plan 03-01 complete"), None);
        let v = status_kind("verifying").unwrap();
        let done = status_kind("Phase complete — ready for verification").unwrap();
        assert!(!contradict(v, done));
        assert!(contradict(
            status_kind("completed").unwrap(),
            status_kind("In progress").unwrap()
        ));
    }
}
