//! GSD103–GSD106: the counts of STATE.md's `Plan: A of B` and `Phase: X of Y` against
//! each other and against the plans and phases the other files know.

use crate::check::{Diagnostic, Input, PlanningFile};
use crate::edit::Edit;
use crate::ledger::{Reach, Scope, Unit};
use crate::model::values::first_integer;

pub(super) fn plan_line(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let Some(plan) = &state.position.plan else {
        return;
    };
    let (Some(done), Some(total)) = (plan.done_count(doc), plan.total_count(doc)) else {
        return;
    };
    let total_span = plan.total.clone().expect("total was read");
    if done > total {
        out.push(
            Diagnostic::new(
                "GSD103",
                PlanningFile::State,
                plan.done.clone().expect("done was read").start..total_span.end,
                format!("the Plan line says {done} of {total}: more plans done than the phase has"),
            )
            .help("set the count to the plans finished and the total to the plans in the phase"),
        );
    }
    let Some(phase) = input.ws.state.current_phase() else {
        return;
    };
    // The phase's size by the evidence besides STATE.md (its own `B` does not vouch for
    // itself): its known plans and what ROADMAP.md writes for it.
    let Some(n) = input.ledger.plans_in_phase_besides_state(&phase) else {
        return;
    };
    if n == total {
        return;
    }
    let d = Diagnostic::new(
        "GSD104",
        PlanningFile::State,
        total_span.clone(),
        format!("the Plan line says {total} plans but phase {phase} has {n} plans"),
    );
    // The total is raised to plans that exist (every reading of the files counts them);
    // a total above the known plans may announce plans not written yet, and stays.
    let agreed = input
        .every_reading()
        .iter()
        .all(|l| l.plans_in_phase_besides_state(&phase) == Some(n));
    out.push(if n > total && agreed {
        let written = doc.text(total_span.clone());
        d.fix(
            format!("set the plan total to {n}"),
            vec![Edit::replace(
                total_span,
                crate::model::values::pad_like(n, written),
            )],
        )
    } else {
        d.help(format!(
            "set the plan total to {n}, or add the missing plans to ROADMAP.md"
        ))
    });
}

pub(super) fn phase_line(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let Some(phase) = &state.position.phase else {
        return;
    };
    let (Some(num), Some(total)) = (phase.number.clone(), phase.total.clone()) else {
        return;
    };
    let Some((x, _)) = first_integer(doc.text(num.clone())) else {
        return;
    };
    let Ok(y) = doc.text(total.clone()).parse::<u64>() else {
        return;
    };
    // `Phase: 212 of 5`: the total counts the current milestone's phases. A phase the files
    // know is not past the last one, whatever the total says (that is GSD106's concern).
    let milestone_total = input
        .ledger
        .counts(&Scope::new(Unit::Phases, Reach::Milestone))
        .map(|(_, t)| t);
    let known = input
        .ledger
        .phases
        .iter()
        .any(|p| p.number.as_integer() == Some(x) && (p.in_roadmap || p.has_folder));
    let milestone_relative = milestone_total == Some(y) || known;
    if x > y && !milestone_relative {
        out.push(
            Diagnostic::new(
                "GSD105",
                PlanningFile::State,
                num.start..total.end,
                format!("the Phase line says phase {x} of {y}: past the last phase"),
            )
            .help("update the phase total to the number of phases in ROADMAP.md"),
        );
        return;
    }
    // Whole-numbered phases, all phases, or the highest number: any reasonable count.
    let totals = input.ledger.roadmap_phase_totals();
    let Some(&whole) = totals.first() else {
        return;
    };
    if totals.contains(&y) || milestone_total == Some(y) {
        return;
    }
    out.push(
        Diagnostic::new(
            "GSD106",
            PlanningFile::State,
            total,
            format!("the Phase line says {y} phases but ROADMAP.md lists {whole}"),
        )
        .help(format!("set the phase total to {whole}")),
    );
}
