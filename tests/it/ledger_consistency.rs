//! `gsd check` counts the way the ledger does, on every fixture tree (`fixtures/ops/*`,
//! `fixtures/projects/*`, `fixtures/ledger/*`, `examples/demo`):
//! - every count a count finding states (GSD102's `N of M`, GSD104's plans in the phase,
//!   GSD405's plans done, GSD201's help) is the ledger's, on the trees as they are and with
//!   their percent and `Total plans completed` made wrong on purpose;
//! - what `complete` writes for the next plan, the check then accepts: no count finding
//!   appears that was not there before;
//! - the ledger is the same however often it is built, and on `examples/demo` it holds the
//!   numbers counted by hand.
//!
//! The check runs in process (`gsd::check::check`), as `gsd check --format json` does.

use std::path::Path;

use gsd::check::Diagnostic;
use gsd::ledger::{Ledger, Reach, Scope, Unit};
use gsd::model::ids::{PhaseNum, PlanId};

use crate::ops_support::{apply_checked, clock, tree};
use crate::support::Project;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
}

/// The numbers in `text`, in order.
fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|t| t.parse().ok())
        .collect()
}

/// The scope a GSD102 message states its counts in (`3 of 6 plans are done`, `… plans of
/// the current milestone are done`, `… plans of phase 2 are done`) and the counts.
fn stated_scope(message: &str) -> Option<(Scope, u64, u64)> {
    let (_, said) = message.split_once("% but ")?;
    let (counts, _) = said.split_once(" are done")?;
    let mut words = counts.split_whitespace();
    let done: u64 = words.next()?.parse().ok()?;
    (words.next()? == "of").then_some(())?;
    let total: u64 = words.next()?.parse().ok()?;
    let unit = match words.next()? {
        "plans" => Unit::Plans,
        "phases" => Unit::Phases,
        _ => return None,
    };
    let tail: Vec<&str> = words.collect();
    let reach = match tail.as_slice() {
        [] => Reach::Project,
        ["of", "the", "current", "milestone"] => Reach::Milestone,
        ["of", "phase", n] => Reach::Phase(PhaseNum::parse(n)?),
        _ => return None,
    };
    Some((Scope::new(unit, reach), done, total))
}

/// Every count the count findings of `diags` state that disagrees with `ledger`, as
/// messages; and how many count statements were compared.
fn contradictions(name: &str, ledger: &Ledger, diags: &[Diagnostic]) -> (Vec<String>, usize) {
    let files = ledger.besides_state();
    let mut bad = Vec::new();
    let mut compared = 0;
    for d in diags {
        let msg = &d.message;
        match d.code {
            "GSD102" => {
                if msg.contains("the note says") {
                    // STATE.md alone: the note's tally is the only count there is.
                    if ledger.has_siblings {
                        bad.push(format!("{name}: {msg}: a note's count with sibling files"));
                    }
                    continue;
                }
                compared += 1;
                match stated_scope(msg) {
                    Some((scope, done, total)) => {
                        let want = ledger.counts(&scope);
                        if want != Some((done, total)) {
                            bad.push(format!("{name}: {msg}: the ledger counts {want:?}"));
                        }
                    }
                    None => bad.push(format!("{name}: {msg}: no count in a scope")),
                }
            }
            "GSD104" => {
                compared += 1;
                // `the Plan line says B plans but phase N has M plans`
                let phase = msg
                    .split("but phase ")
                    .nth(1)
                    .and_then(|t| t.split_whitespace().next())
                    .and_then(PhaseNum::parse);
                let stated = numbers(msg).last().copied();
                let want = phase.and_then(|p| ledger.plans_in_phase_besides_state(&p));
                if stated != want {
                    bad.push(format!("{name}: {msg}: the ledger counts {want:?}"));
                }
            }
            "GSD405" => {
                compared += 1;
                let stated = numbers(msg).get(1).copied();
                let want = files.counts(&Scope::PROJECT_PLANS).map(|(d, _)| d);
                if stated != want {
                    bad.push(format!("{name}: {msg}: the ledger counts {want:?} done"));
                }
            }
            "GSD201" => {
                // The help names what the files record: the ledger's counts without STATE's.
                if let Some(help) = d.help.as_deref().filter(|h| h.contains("record")) {
                    compared += 1;
                    let readings = [files.clone(), files.undisputed()];
                    let want: Vec<u64> = readings
                        .iter()
                        .filter_map(|l| l.counts(&Scope::PROJECT_PLANS).map(|(d, _)| d))
                        .collect();
                    let stated = numbers(help.split(';').next().unwrap_or(""));
                    if stated.iter().any(|n| !want.contains(n)) {
                        bad.push(format!("{name}: {help}: the ledger counts {want:?}"));
                    }
                }
            }
            _ => {}
        }
    }
    (bad, compared)
}

/// A percent no scope of the ledger reproduces (nor comes within a point of).
fn unreproduced_percent(ledger: &Ledger, avoid: u64) -> u64 {
    let taken: Vec<f64> = ledger
        .candidate_scopes()
        .iter()
        .chain(std::iter::once(&Scope::PROJECT_PLANS))
        .filter_map(|s| ledger.counts(s))
        .map(|(d, t)| d.min(t) as f64 * 100.0 / t as f64)
        .collect();
    (1..100)
        .find(|p| *p != avoid && taken.iter().all(|e| (e - *p as f64).abs() >= 1.5))
        .expect("a free percent")
}

const COUNT_CODES: &[&str] = &["GSD102", "GSD104", "GSD201", "GSD405"];

#[test]
fn the_ledger_is_the_same_however_often_it_is_built() {
    for (name, root) in crate::ops_support::all_trees() {
        let ws = tree(&root);
        let a = format!("{:?}", Ledger::build(&ws, None));
        let b = format!("{:?}", Ledger::build(&tree(&root), None));
        assert_eq!(a, b, "{name}");
        // And the check, built on it, says the same twice.
        assert_eq!(
            gsd::check::check(&ws, today()),
            gsd::check::check(&ws, today()),
            "{name}"
        );
    }
}

#[test]
fn the_demo_ledger_holds_the_numbers_counted_by_hand() {
    let ws = tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"));
    let l = Ledger::build(&ws, None);
    let phase = |n: &str| PhaseNum::parse(n).unwrap();
    // Five phases of two plans; 01-01, 01-02 and 02-01 have SUMMARY files and ticks.
    assert_eq!(l.counts(&Scope::PROJECT_PLANS), Some((3, 10)));
    assert_eq!(
        l.counts(&Scope::new(Unit::Phases, Reach::Project)),
        Some((1, 5))
    );
    assert_eq!(
        l.counts(&Scope::new(Unit::Plans, Reach::Phase(phase("2")))),
        Some((1, 2))
    );
    assert_eq!(l.counts(&Scope::new(Unit::Plans, Reach::Milestone)), None);
    assert_eq!(l.current, Some(phase("2")));
    assert_eq!(
        l.phase(&phase("2")).map(|p| (p.done(), p.total())),
        Some((1, Some(2)))
    );
    assert_eq!(l.plans_in_phase_besides_state(&phase("2")), Some(2));
    assert_eq!(l.roadmap_phase_totals(), vec![5, 5, 5]);
    assert_eq!(l.trailing_done(), vec![1, 3]);
    assert!(l.disputed(&Scope::PROJECT_PLANS).is_empty());
    // `Progress: 30%` is 3 of 10 plans: the project's plans are the file's scope.
    assert_eq!(
        l.scope_of_percent(30.0, &l.candidate_scopes()),
        Some(Scope::PROJECT_PLANS)
    );
    // The ledger once 02-02 is done: 4 of 10 plans, phase 2 finished, 2 of 5 phases.
    let after = l.completing(&PlanId::parse("02-02").unwrap());
    assert_eq!(after.counts(&Scope::PROJECT_PLANS), Some((4, 10)));
    assert_eq!(
        after.counts(&Scope::new(Unit::Phases, Reach::Project)),
        Some((2, 5))
    );
    // The demo checks clean.
    assert_eq!(gsd::check::check(&ws, today()), Vec::<Diagnostic>::new());
}

#[test]
fn the_demo_with_wrong_counts_is_told_the_ledgers_numbers() {
    let ws = tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"));
    let text = ws.state.doc.source.text.clone();
    // 10% where 3 of 10 plans are done: fixed up to 30%.
    let low = ws.with_state(&text.replace("] 30%", "] 10%"));
    let d = gsd::check::check(&low, today());
    let d: Vec<&Diagnostic> = d.iter().filter(|d| d.code == "GSD102").collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        d[0].message,
        "progress says 10% but 3 of 10 plans are done (30%)"
    );
    let fix = d[0].fix.as_ref().expect("a fix that raises the percent");
    assert_eq!(fix.edits[0].replacement, "30");
    // 70%: reported, never lowered by a fix.
    let high = ws.with_state(&text.replace("] 30%", "] 70%"));
    let d = gsd::check::check(&high, today());
    let d: Vec<&Diagnostic> = d.iter().filter(|d| d.code == "GSD102").collect();
    assert_eq!(
        d[0].message,
        "progress says 70% but 3 of 10 plans are done (30%)"
    );
    assert!(d[0].fix.is_none());
    // Total plans completed 7 where 3 are done.
    let total =
        ws.with_state(&text.replace("Total plans completed: 3", "Total plans completed: 7"));
    let d = gsd::check::check(&total, today());
    let d: Vec<&Diagnostic> = d.iter().filter(|d| d.code == "GSD405").collect();
    assert_eq!(
        d[0].message,
        "Total plans completed is 7 but the planning files show 3 plans done"
    );
    // A Plan line claiming 3 plans in phase 2, which has 2.
    let plan = ws.with_state(&text.replace("Plan: 1 of 2", "Plan: 1 of 3"));
    let d = gsd::check::check(&plan, today());
    let d: Vec<&Diagnostic> = d.iter().filter(|d| d.code == "GSD104").collect();
    assert_eq!(
        d[0].message,
        "the Plan line says 3 plans but phase 2 has 2 plans"
    );
}

#[test]
fn counts_the_check_states_are_the_ledgers_on_every_tree() {
    let mut bad = Vec::new();
    let mut compared = 0;
    for (name, root) in crate::ops_support::all_trees() {
        let ws = tree(&root);
        let ledger = Ledger::build(&ws, None);
        let (b, n) = contradictions(&name, &ledger, &gsd::check::check(&ws, today()));
        bad.extend(b);
        compared += n;

        // The same tree with its percent and completed count made wrong on purpose.
        let doc = &ws.state.doc;
        let mut text = doc.source.text.clone();
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        if let Some(p) = ws.state.position.progress.as_ref()
            && let (Some(span), Some(old)) = (p.percent.clone(), p.percent_value(doc))
        {
            edits.push((span, unreproduced_percent(&ledger, old).to_string()));
        }
        if let Some(f) = &ws.state.metrics.plans_completed
            && let Some((n, r)) = gsd::model::values::first_integer(f.value(doc))
        {
            let at = f.value.start;
            edits.push((at + r.start..at + r.end, (n + 17).to_string()));
        }
        edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
        for (r, new) in edits {
            text.replace_range(r, &new);
        }
        let wrong = ws.with_state(&text);
        let ledger = Ledger::build(&wrong, None);
        let (b, n) = contradictions(
            &format!("{name} (made wrong)"),
            &ledger,
            &gsd::check::check(&wrong, today()),
        );
        bad.extend(b);
        compared += n;
    }
    assert!(
        bad.is_empty(),
        "{} contradictions:\n{}",
        bad.len(),
        bad.join("\n")
    );
    // The sweep compares real statements, not nothing.
    assert!(compared >= 40, "only {compared} counts compared");
}

/// On every tree the check accepts (no count finding, ROADMAP.md and the SUMMARY files
/// agreeing on which plans are done), completing the next plan leaves a tree it accepts: the
/// counts `complete` writes are the ones the check derives. (On a tree whose files disagree,
/// `complete` and the check may each settle the dispute their own way.)
#[test]
fn what_complete_writes_the_check_accepts() {
    let mut bad = Vec::new();
    let mut completed = 0;
    for (name, root) in crate::ops_support::all_trees() {
        let ws = tree(&root);
        let ledger = Ledger::build(&ws, None);
        let Some(next) = ledger
            .current
            .as_ref()
            .and_then(|c| ledger.phase(c))
            .and_then(|p| p.next_plan())
            .map(|p| p.id.clone())
        else {
            continue;
        };
        let before = gsd::check::check(&ws, today());
        if before
            .iter()
            .any(|d| COUNT_CODES.contains(&d.code) || ["GSD403", "GSD404"].contains(&d.code))
        {
            continue;
        }
        // The plan's SUMMARY comes first, as in real use.
        let p = Project::copy_of(&root);
        let ws = tree(p.root());
        if let Some(dir) = ws.phases.as_ref().and_then(|d| d.phase(&next.phase)) {
            std::fs::write(
                dir.path.join(format!("{}-SUMMARY.md", next.canonical())),
                "# Summary\n\n**Done.**\n",
            )
            .unwrap();
        }
        let ws = tree(p.root());
        let plan = next.canonical();
        let args = gsd::ops::complete::Complete {
            plan: &plan,
            duration: Some("10min"),
            ..Default::default()
        };
        let out = gsd::ops::complete::complete(&ws, &clock(), &args)
            .unwrap_or_else(|e| panic!("{name}: complete {plan}: {e}"));
        for (change, _) in &out.changes {
            std::fs::write(&change.path, apply_checked(change)).unwrap();
        }
        completed += 1;
        let after = gsd::check::check(&tree(p.root()), today());
        let found: Vec<String> = after
            .iter()
            .filter(|d| COUNT_CODES.contains(&d.code))
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        if !found.is_empty() {
            bad.push(format!("{name}: complete {plan} → {found:?}"));
        }
    }
    assert!(completed >= 10, "only {completed} trees completed");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
