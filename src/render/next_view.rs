//! `gsd next` and `gsd roadmap show`: where the project stands, phase by phase, and the one
//! step to take next. Both read the one [`Ledger`] (and ROADMAP.md for names and goals); the
//! JSON has a stable, versioned schema for agents.

use serde_json::{Value, json};

use crate::ledger::{Ledger, PhaseEntry, Reach, Route, Scope, Step, Unit};
use crate::model::roadmap::Roadmap;
use crate::render::style::Palette;

/// The JSON schema version of `next` and `roadmap show`.
pub const VERSION: u64 = 1;

/// What to run for a step: the GSD workflow command, and the gsd command that records it.
pub fn commands(route: &Route) -> (Option<String>, Option<String>) {
    let phase = route.phase.as_ref().map(|p| p.as_str().to_string());
    let plan = route.plan.as_ref().map(crate::model::PlanId::canonical);
    match (route.step, phase, plan) {
        (Step::DiscussPhase, Some(p), _) => (Some(format!("/gsd:discuss-phase {p}")), None),
        (Step::PlanPhase, Some(p), _) => (Some(format!("/gsd:plan-phase {p}")), None),
        (Step::ExecutePlan, Some(p), Some(id)) => (
            Some(format!("/gsd:execute-phase {p}")),
            Some(format!("gsd state complete {id}")),
        ),
        (Step::VerifyPhase, Some(p), _) => (Some(format!("/gsd:verify-work {p}")), None),
        (Step::CompletePhase, Some(p), _) => (None, Some(format!("gsd phase complete {p}"))),
        (Step::CompleteMilestone, _, _) => (Some("/gsd:complete-milestone".into()), None),
        (Step::NewMilestone, _, _) => (Some("/gsd:new-milestone".into()), None),
        _ => (None, None),
    }
}

fn counts(ledger: &Ledger, unit: Unit, reach: Reach) -> Value {
    ledger
        .counts(&Scope::new(unit, reach))
        .map(|(done, total)| json!({ "done": done, "total": total }))
        .unwrap_or(Value::Null)
}

/// `gsd next --json`.
pub fn next_json(ledger: &Ledger, roadmap: Option<&Roadmap>) -> Value {
    let route = ledger.route();
    let (workflow, record) = commands(&route);
    json!({
        "version": VERSION,
        "route": route.step.name(),
        "routes": ["discuss-phase", "plan-phase", "execute-plan", "verify-phase", "complete-phase", "complete-milestone", "new-milestone", "unknown"],
        "phase": route.phase.as_ref().map(|p| p.as_str().to_string()),
        "plan": route.plan.as_ref().map(crate::model::PlanId::canonical),
        "reason": route.reason,
        "workflow_command": workflow,
        "gsd_command": record,
        "current_phase": ledger.current.as_ref().map(|c| c.as_str().to_string()),
        "counts": {
            "plans": counts(ledger, Unit::Plans, Reach::Project),
            "phases": counts(ledger, Unit::Phases, Reach::Project),
            "milestone_plans": counts(ledger, Unit::Plans, Reach::Milestone),
            "milestone_phases": counts(ledger, Unit::Phases, Reach::Milestone),
        },
        "phases": phases_json(ledger, roadmap),
    })
}

/// `gsd roadmap show --json`.
pub fn roadmap_json(ledger: &Ledger, roadmap: Option<&Roadmap>) -> Value {
    json!({
        "version": VERSION,
        "current_phase": ledger.current.as_ref().map(|c| c.as_str().to_string()),
        "phases": phases_json(ledger, roadmap),
    })
}

fn phases_json(ledger: &Ledger, roadmap: Option<&Roadmap>) -> Vec<Value> {
    ledger
        .phases
        .iter()
        .map(|p| {
            let rp = roadmap.and_then(|r| r.phase(&p.number));
            json!({
                "phase": p.number.as_str(),
                "name": p.name,
                "goal": rp.and_then(|r| r.goal.clone()),
                "status": status(p),
                "done": p.done(),
                "total": p.total(),
                "marked_complete": p.marked_complete,
                "milestone": p.milestone.and_then(|m| roadmap?.milestones.get(m)).map(|m| m.title.clone()),
            })
        })
        .collect()
}

/// `complete`, `in-progress`, `planned` (plans written, none done), `not-started`.
fn status(p: &PhaseEntry) -> &'static str {
    if p.complete() {
        "complete"
    } else if p.done() > 0 {
        "in-progress"
    } else if p.plans.iter().any(|e| e.evidence.plan_file) {
        "planned"
    } else {
        "not-started"
    }
}

/// A 10-cell bar.
fn bar(done: u64, total: Option<u64>) -> String {
    let Some(t) = total.filter(|t| *t > 0) else {
        return "░".repeat(10);
    };
    let filled = ((done.min(t) * 10 + t / 2) / t) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// The per-phase table shared by `next` and `roadmap show`.
fn phase_table(
    ledger: &Ledger,
    roadmap: Option<&Roadmap>,
    palette: &Palette,
    goals: bool,
) -> String {
    let mut out = String::new();
    let width = ledger
        .phases
        .iter()
        .map(|p| p.name.as_deref().map_or(0, |n| n.chars().count()))
        .max()
        .unwrap_or(0)
        .clamp(4, 32);
    out.push_str(&format!(
        "  {}\n",
        palette.paint(
            palette.heading,
            &format!(
                "{:<7} {:<width$}  {:>5}  {:<10}  Status",
                "Phase", "Name", "Plans", "Progress"
            )
        )
    ));
    for p in &ledger.phases {
        let total = p.total().map_or("?".to_string(), |t| t.to_string());
        let full = p.name.as_deref().unwrap_or("");
        let name: String = if full.chars().count() > width {
            let mut s: String = full.chars().take(width - 1).collect();
            s.push('…');
            s
        } else {
            full.to_string()
        };
        let st = status(p);
        let painted = match st {
            "complete" => palette.paint(palette.good, st),
            "in-progress" => palette.paint(palette.warn, st),
            _ => st.to_string(),
        };
        let here = if ledger.current.as_ref() == Some(&p.number) {
            "  ← current"
        } else {
            ""
        };
        out.push_str(&format!(
            "  {:<7} {:<width$}  {:>5}  {}  {painted}{here}\n",
            p.number.as_str(),
            name,
            format!("{}/{total}", p.done()),
            bar(p.done(), p.total()),
        ));
        if goals
            && let Some(goal) = roadmap
                .and_then(|r| r.phase(&p.number))
                .and_then(|r| r.goal.as_deref())
        {
            out.push_str(&format!("          {}\n", palette.paint(palette.dim, goal)));
        }
    }
    out
}

/// `gsd next`, for people.
pub fn next_human(ledger: &Ledger, roadmap: Option<&Roadmap>, palette: &Palette) -> String {
    let mut out = String::new();
    let share = |scope: Scope, noun: &str| {
        ledger.counts(&scope).map(|(d, t)| {
            format!(
                "{d} of {t} {noun} ({}%)",
                crate::model::values::percent(d.min(t), t)
            )
        })
    };
    let totals: Vec<String> = [
        share(Scope::PROJECT_PLANS, "plans done"),
        share(Scope::new(Unit::Phases, Reach::Project), "phases complete"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !totals.is_empty() {
        out.push_str(&format!(
            "{}  {}\n\n",
            palette.paint(palette.heading, "Progress"),
            totals.join(" · ")
        ));
    }
    if !ledger.phases.is_empty() {
        out.push_str(&phase_table(ledger, roadmap, palette, false));
        out.push('\n');
    }
    let route = ledger.route();
    let what = match (&route.step, &route.phase, &route.plan) {
        (Step::ExecutePlan, _, Some(id)) => format!("execute plan {}", id.canonical()),
        (Step::DiscussPhase, Some(p), _) => format!("discuss phase {p}"),
        (Step::PlanPhase, Some(p), _) => format!("plan phase {p}"),
        (Step::VerifyPhase, Some(p), _) => format!("verify phase {p}"),
        (Step::CompletePhase, Some(p), _) => format!("complete phase {p}"),
        (Step::CompleteMilestone, _, _) => "complete the milestone".to_string(),
        (Step::NewMilestone, _, _) => "start the next milestone".to_string(),
        _ => "unknown".to_string(),
    };
    out.push_str(&format!(
        "{} {what}\n",
        palette.paint(palette.heading, "Next:")
    ));
    out.push_str(&format!("  why: {}\n", route.reason));
    let (workflow, record) = commands(&route);
    if let Some(w) = workflow {
        out.push_str(&format!("  run: {w}\n"));
    }
    if let Some(r) = record {
        let label = if route.step == Step::ExecutePlan {
            "then"
        } else {
            "run"
        };
        out.push_str(&format!("  {label}: {r}\n"));
    }
    out
}

/// `gsd roadmap show`, for people.
pub fn roadmap_human(ledger: &Ledger, roadmap: Option<&Roadmap>, palette: &Palette) -> String {
    if ledger.phases.is_empty() {
        return "no ROADMAP.md phases or phases/ folders\n".to_string();
    }
    phase_table(ledger, roadmap, palette, true)
}
