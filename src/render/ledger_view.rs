//! `gsd state ledger`: what the planning files together say is done, as JSON for scripts and
//! as a table for people. Both are built from the one [`Ledger`]; neither derives a count.

use serde_json::{Value, json};

use crate::ledger::{Ledger, PhaseEntry, Reach, Scope, Unit};
use crate::render::style::Palette;

/// The JSON schema version of the ledger view.
pub const VERSION: u64 = 1;

/// The ledger as a versioned JSON object.
pub fn ledger_json(ledger: &Ledger) -> Value {
    let counts = |unit: Unit, reach: Reach| {
        ledger
            .counts(&Scope::new(unit, reach))
            .map(|(done, total)| json!({ "done": done, "total": total }))
            .unwrap_or(Value::Null)
    };
    let current = ledger.current.as_ref();
    let next_phase = current.and_then(|c| ledger.next_phase(c));
    let next_plan = current
        .and_then(|c| ledger.phase(c))
        .and_then(PhaseEntry::next_plan)
        .map(|p| p.id.canonical());
    json!({
        "version": VERSION,
        "plans": counts(Unit::Plans, Reach::Project),
        "phases_complete": counts(Unit::Phases, Reach::Project),
        "milestone": {
            "plans": counts(Unit::Plans, Reach::Milestone),
            "phases_complete": counts(Unit::Phases, Reach::Milestone),
        },
        "current_phase": current.map(|c| c.as_str().to_string()),
        "next_plan": next_plan,
        "next_phase": next_phase.map(|p| p.number.as_str().to_string()),
        "phases": ledger.phases.iter().map(phase_json).collect::<Vec<_>>(),
    })
}

fn phase_json(p: &PhaseEntry) -> Value {
    json!({
        "phase": p.number.as_str(),
        "name": p.name,
        "done": p.done(),
        "total": p.total(),
        "complete": p.complete(),
        "in_roadmap": p.in_roadmap,
        "has_folder": p.has_folder,
        "plans": p.plans.iter().map(|e| json!({
            "id": e.id.canonical(),
            "done": e.done() || p.marked_complete,
            "listed": e.evidence.listed,
            "ticked": e.evidence.ticked,
            "plan_file": e.evidence.plan_file,
            "summary_file": e.evidence.summary_file,
        })).collect::<Vec<_>>(),
    })
}

/// The ledger as a short report: totals, where the project stands, and one row per phase.
pub fn ledger_human(ledger: &Ledger, palette: &Palette) -> String {
    let mut out = String::new();
    let head = |s: &str| palette.paint(palette.heading, s);
    out.push_str(&format!(
        "{}  {}\n",
        head("Ledger"),
        palette.paint(palette.dim, "(ROADMAP.md, phases/ and STATE.md together)")
    ));
    let share = |scope: Scope, noun: &str| {
        ledger.counts(&scope).map(|(d, t)| {
            let pct = crate::model::values::percent(d.min(t), t);
            format!("{d} of {t} {noun} ({pct}%)")
        })
    };
    if let Some(s) = share(Scope::PROJECT_PLANS, "plans done") {
        out.push_str(&format!("  Plans     {s}\n"));
    }
    if let Some(s) = share(Scope::new(Unit::Phases, Reach::Project), "phases complete") {
        out.push_str(&format!("  Phases    {s}\n"));
    }
    if let Some(s) = share(Scope::new(Unit::Plans, Reach::Milestone), "plans done") {
        out.push_str(&format!("  Milestone {s}\n"));
    }
    if let Some(c) = &ledger.current {
        let mut line = format!("  Current   phase {c}");
        if let Some(p) = ledger.phase(c) {
            let total = p.total().map_or("?".to_string(), |t| t.to_string());
            line.push_str(&format!(" · {} of {total} plans done", p.done()));
            if let Some(next) = p.next_plan() {
                line.push_str(&format!(" · next plan {}", next.id.canonical()));
            }
        }
        out.push_str(&line);
        out.push('\n');
        match ledger.next_phase(c) {
            Some(n) => out.push_str(&format!(
                "  Next      phase {}{}\n",
                n.number,
                n.name.as_ref().map_or(String::new(), |s| format!(" · {s}"))
            )),
            None => out.push_str("  Next      no open phase after this one\n"),
        }
    }
    if ledger.phases.is_empty() {
        out.push_str("  (no ROADMAP.md phases or phases/ folders to count from)\n");
        return out;
    }
    out.push_str(&format!(
        "\n  {}\n",
        head("Phase      Done  Total  State       Evidence")
    ));
    for p in &ledger.phases {
        let total = p.total().map_or("?".to_string(), |t| t.to_string());
        let state = if p.complete() {
            palette.paint(palette.good, "complete   ")
        } else if p.done() > 0 {
            palette.paint(palette.warn, "in progress")
        } else {
            "not started".to_string()
        };
        let count = |f: fn(&crate::ledger::Evidence) -> bool| {
            p.plans.iter().filter(|e| f(&e.evidence)).count()
        };
        let mut evidence = Vec::new();
        let summaries = count(|e| e.summary_file);
        let ticked = count(|e| e.ticked);
        let listed = count(|e| e.listed);
        if summaries > 0 {
            evidence.push(format!("{summaries} SUMMARY"));
        }
        if listed > 0 {
            evidence.push(format!("{ticked}/{listed} ticked"));
        }
        if p.marked_complete {
            evidence.push("marked complete".to_string());
        }
        if let Some(d) = p.roadmap_counts.done.filter(|d| *d > 0) {
            evidence.push(format!("ROADMAP says {d}"));
        }
        if let Some(d) = p.state_counts.done.filter(|d| *d > 0) {
            evidence.push(format!("STATE says {d}"));
        }
        out.push_str(&format!(
            "  {:<10} {:>4}  {:>5}  {}  {}\n",
            p.number.as_str(),
            p.done(),
            total,
            state,
            palette.paint(palette.dim, &evidence.join(", "))
        ));
    }
    out
}
