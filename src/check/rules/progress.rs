//! GSD101–GSD102: the progress line agrees with itself and with the plan counts.

use crate::check::{Diagnostic, Input, PlanningFile, Rule, Severity};
use crate::edit::Edit;
use crate::ledger::{Ledger, Reach, Scope, Unit};
use crate::model::ids::{PhaseNum, PlanId};
use crate::model::state::progress::NoteUnit;
use crate::model::state::progress::note_phase;
use crate::model::state::{Bar, ProgressLine};
use crate::model::values;
use crate::syntax::Doc;

pub static RULES: &[Rule] = &[
    Rule {
        code: "GSD101",
        name: "progress-bar-mismatch",
        severity: Severity::Error,
        fixable: true,
        on_by_default: true,
        summary: "The progress bar's fill disagrees with the percent next to it.",
        what: "Counts the filled glyphs of the progress bar (any width, any glyphs: `█░`, `#-`, \
`#.`, `=`, `▓`) and checks that they show the percent written after the bar. Any fill \
between rounding down and rounding up is accepted.",
        why: "The bar is what people read at a glance. A bar that shows 70% next to `30%` means \
one of them was edited by hand or by a tool that forgot the other.",
        example: "Progress: [███████░░░] 30%\n",
        fix: "`gsd check --fix` redraws the bar from the percent, keeping its width and glyphs: \
`Progress: [███░░░░░░░] 30%`.",
    },
    Rule {
        code: "GSD102",
        name: "progress-percent-mismatch",
        severity: Severity::Error,
        fixable: true,
        on_by_default: true,
        summary: "The progress percent disagrees with the completed and total plan counts.",
        what: "Asks the ledger (every plan ROADMAP.md lists or phases/ holds; done when it has a \
SUMMARY file, is ticked, or its phase is marked complete) for the counts a percent can be a \
share of: plans over the project, the current milestone's plans, phases over the project or \
the milestone, the current phase's plans. The percent may round either way; it passes when \
any of them reproduces it, when it is 0% for a milestone just started (every phase with work \
done complete and in a shipped ROADMAP.md group, or no current phase and every phase complete), or when it is the share a `(12/22 plans …)` note writes and the \
ledger reads the note's counts in some scope, has nothing to count, or the note is the \
author's own tally (no scope reproduces it). A percent marked approximate (`~99%`) or naming a \
scope of its own (`100% MVP`) is not checked.",
        why: "The percent is a derived value. When it disagrees with the plans actually done, \
dashboards and status reports overstate or understate the project.",
        example: "Progress: [███░░░░░░░] 30% (4/10 plans complete)\n",
        fix: "`gsd check --fix` rewrites the percent in the scope the file uses (its note's, else \
plans over the project; here `40%`); the bar is then redrawn to match. No fix is offered when \
ROADMAP.md and the SUMMARY files disagree on which plans are done, when the file leaves the \
scope open (a note that is not a plan count, or phases whose plans are not written yet: the \
percent may be of phases or of the milestone), or when the fix would lower the percent. The \
finding is an error only when the fix is offered, a warning otherwise.",
    },
];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let state = &input.ws.state;
    let doc = &state.doc;
    let Some(progress) = &state.position.progress else {
        return Vec::new();
    };
    let Some(percent) = progress.percent_value(doc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(bar) = &progress.bar {
        bar_vs_percent(bar, percent, &mut out);
    }
    percent_vs_counts(input, doc, progress, percent, &mut out);
    out
}

fn bar_vs_percent(bar: &Bar, percent: u64, out: &mut Vec<Diagnostic>) {
    if bar.width == 0 || percent > 100 {
        return;
    }
    let exact = percent as f64 * bar.width as f64 / 100.0;
    let filled = bar.filled as f64;
    if filled >= exact.floor() - 1e-9 && filled <= exact.ceil() + 1e-9 {
        return;
    }
    let want = crate::model::state::progress::filled_glyphs(bar.width, percent as f64);
    let drawn: String = std::iter::repeat_n(bar.fill, want)
        .chain(std::iter::repeat_n(bar.empty, bar.width - want))
        .collect();
    out.push(
        Diagnostic::new(
            "GSD101",
            PlanningFile::State,
            bar.span.clone(),
            format!(
                "the progress bar shows {} of {} filled (about {}%) but the line says {percent}%",
                bar.filled,
                bar.width,
                (bar.filled * 100 + bar.width / 2) / bar.width
            ),
        )
        .fix(
            format!("redraw the bar for {percent}%: `{drawn}`"),
            vec![Edit::replace(bar.span.clone(), drawn.clone())],
        ),
    );
}

fn percent_vs_counts(
    input: &Input,
    doc: &Doc,
    progress: &ProgressLine,
    percent: u64,
    out: &mut Vec<Diagnostic>,
) {
    // `~99%` says itself that it is not exact; `100% MVP` names a scope of its own.
    if let Some(span) = &progress.percent
        && (doc.text(0..span.start).trim_end().ends_with(['~', '≈'])
            || self_scoped(doc.text(span.end..progress.field.value.end)))
    {
        return;
    }
    let ledger = input.ledger;
    // A milestone just started, with no plan of it done yet: 0% is its share.
    if percent == 0 && ledger.new_milestone_unstarted() {
        return;
    }
    // STATE.md alone: its own counters (`Plan: 1 of 2`, By Phase rows) are no independent
    // count of the project, so only a note's tally can show the percent wrong.
    let evidence = ledger.has_siblings;
    let can_count = |unit, phase: Option<&PhaseNum>| evidence && ledger.can_count(unit, phase);
    // Any scope the project's counts come in reproduces it, in any reading of the evidence:
    // the file's own scope.
    if input.every_reading().iter().any(|l| {
        l.scope_of_percent(percent as f64, &l.candidate_scopes())
            .is_some()
    }) {
        return;
    }
    let agrees = |d: u64, t: u64| {
        let exact = d.min(t) as f64 * 100.0 / t as f64;
        t > 0 && (percent as f64 - exact).abs() < 1.0
    };
    let note_text = progress.note.clone().map_or("", |r| doc.text(r));
    let note = progress.note_counts(doc).map(|n| {
        let unit = match n.unit {
            NoteUnit::Plans => Unit::Plans,
            NoteUnit::Phases => Unit::Phases,
        };
        (n.done.0, n.total.0, unit)
    });
    let note_phase = note.as_ref().and_then(|_| note_phase(note_text));
    // (unit, phase) of a fraction in the note: the counted one's, or unknown for the others.
    let reach_of = |d: u64, t: u64| match note {
        Some((nd, nt, unit)) if (nd, nt) == (d, t) => (Some(unit), note_phase.clone()),
        _ => (None, None),
    };

    // The percent is a share the note writes (`(12/22 plans)`): right when some reading of
    // the ledger bears the note's counts out in a scope (its total may count plans not yet
    // written), when nothing counts in the note's terms, or when no scope reproduces the
    // note at all: the author's own tally, by a rule of their own ("fully closed" phases),
    // which is not ours to contradict. Left: a note in a known scope whose counts the
    // ledger has outgrown there.
    let mut stale: Option<Scope> = None;
    for (d, t) in fractions_in(note_text)
        .into_iter()
        .filter(|&(d, t)| agrees(d, t))
    {
        let (unit, phase) = reach_of(d, t);
        if !can_count(unit, phase.as_ref()) {
            return;
        }
        let outgrown = |l: &Ledger| {
            let s = l.scope_of_note(unit, phase.as_ref(), d, t)?;
            let (ld, lt) = l.counts(&s)?;
            (ld != d || t < lt).then_some(s)
        };
        match outgrown(ledger) {
            Some(s) if input.every_reading().iter().all(|l| outgrown(l).is_some()) => {
                stale.get_or_insert(s);
            }
            _ => return,
        }
    }

    // The scope the file's percent is in, the counts it should show, and whether a fix may
    // write them (only in the file's own scope, never from counts the files dispute).
    let (scope, counts, fixable) = match stale {
        Some(s) => (Some(s.clone()), ledger.counts(&s), true),
        None => match note {
            // `(4/10 plans complete)`: the percent is the note's share, in the note's scope.
            Some((d, t, Unit::Plans)) if note_phase.is_none() => {
                let inferred = evidence
                    .then(|| ledger.scope_of_note(Some(Unit::Plans), None, d, t))
                    .flatten();
                match inferred {
                    Some(s) => (Some(s.clone()), ledger.counts(&s), true),
                    // Nothing else to count: the note is the count.
                    None if !can_count(Some(Unit::Plans), None) => (None, Some((d, t)), true),
                    None => (
                        Some(Scope::PROJECT_PLANS),
                        ledger.counts(&Scope::PROJECT_PLANS),
                        false,
                    ),
                }
            }
            // No note at all (or one about a single phase): the template's scope, plans over
            // the project. Any other note (`(v1.0-v4.0 complete)`, `(6/8 phases)`) leaves the
            // percent's scope open: no fix.
            _ if !evidence => return,
            _ => {
                let s = Scope::PROJECT_PLANS;
                let fixable =
                    (progress.note.is_none() || note_phase.is_some()) && plan_total_known(ledger);
                (Some(s.clone()), ledger.counts(&s), fixable)
            }
        },
    };
    let Some((done, total)) = counts.filter(|(_, t)| *t > 0) else {
        return;
    };
    let want = values::percent(done.min(total), total);
    let said = match &scope {
        Some(s) => format!("{} ({want}%)", described(s, done, total)),
        None => format!("the note says {done}/{total} plans ({want}%)"),
    };
    let span = progress.percent.clone().expect("percent was read");
    let d = Diagnostic::new(
        "GSD102",
        PlanningFile::State,
        span.clone(),
        format!("progress says {percent}% but {said}"),
    );
    // Every reading of the evidence must give these counts for a fix to write them.
    let contested = scope.as_ref().is_some_and(|s| {
        input
            .every_reading()
            .iter()
            .any(|l| l.counts(s) != Some((done, total)))
    });
    let disputed = scope
        .as_ref()
        .map(|s| ledger.disputed(s))
        .unwrap_or_default();
    // An error only when a fix can be offered: the sources agree and the percent's scope is
    // known. When the files dispute each other, or the percent may be of a scope gsd cannot
    // count (phases not yet planned), the finding is a warning: it may be the counts, not the
    // percent, that are off.
    let d = if !contested && fixable && want >= percent {
        d
    } else {
        d.with_severity(Severity::Warning)
    };
    out.push(if contested && !disputed.is_empty() {
        let ids: Vec<String> = disputed.iter().map(PlanId::canonical).collect();
        d.help(format!(
            "ROADMAP.md and the SUMMARY files disagree on which plans are done ({}); set the percent once they agree",
            ids.join(", ")
        ))
    } else if contested {
        let files = scope
            .as_ref()
            .and_then(|s| input.readings.files.counts(s))
            .map_or_else(|| "nothing".to_string(), |(fd, ft)| format!("{fd} of {ft}"));
        d.help(format!(
            "STATE.md's own counters (the Plan line, By Phase rows) disagree with ROADMAP.md and phases/, which show {files}; set the percent once they agree"
        ))
    } else if !fixable {
        d.help(other_readings(ledger, percent))
    } else if want < percent {
        d.help(format!(
            "the counts give {want}%, below the {percent}% written; progress is never lowered automatically: set it by hand if the files are right"
        ))
    } else {
        d.fix(
            format!("set the percent to {want}%"),
            vec![Edit::replace(span, want.to_string())],
        )
    });
}

/// Whether the project's plan total is known: every phase has its plans written, and STATE.md
/// names no phase the files lack. A project at `Phase 2 of 6` whose later phases have no
/// plans yet has a plan total that only counts phases 1-2: a percent of it (100%) is no
/// ground to rewrite the author's `67%`, which may be of the phases or the milestone.
fn plan_total_known(ledger: &Ledger) -> bool {
    ledger
        .phases
        .iter()
        .all(|p| p.total().is_some_and(|t| t > 0))
        && ledger
            .state_phase_total
            .is_none_or(|n| n <= ledger.phases.len() as u64)
}

/// Whether the text after a percent (`% MVP | Post-MVP: …`) names what it is a share of in
/// a word of its own, not a count or a plain `complete`.
fn self_scoped(after: &str) -> bool {
    let rest = after.strip_prefix('%').unwrap_or(after).trim_start();
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    const PLAIN: &[&str] = &[
        "complete",
        "completed",
        "done",
        "overall",
        "finished",
        "total",
    ];
    word.starts_with(|c: char| c.is_alphabetic()) && !PLAIN.contains(&word.to_lowercase().as_str())
}

/// `3 of 6 plans are done`, in the words of the scope.
fn described(scope: &Scope, done: u64, total: u64) -> String {
    let unit = match scope.unit {
        Unit::Plans => "plans",
        Unit::Phases => "phases",
    };
    match &scope.reach {
        Reach::Project => format!("{done} of {total} {unit} are done"),
        Reach::Milestone => {
            format!("{done} of {total} {unit} of the current milestone are done")
        }
        Reach::Phase(n) => format!("{done} of {total} {unit} of phase {n} are done"),
    }
}

/// Help for a percent whose scope the file leaves open: what each scope would show.
fn other_readings(ledger: &Ledger, percent: u64) -> String {
    let all: Vec<String> = ledger
        .candidate_scopes()
        .iter()
        .filter_map(|s| {
            let (d, t) = ledger.counts(s)?;
            Some(format!(
                "{} ({}%)",
                described(s, d, t),
                values::percent(d.min(t), t)
            ))
        })
        .collect();
    format!(
        "no count of the project gives {percent}%: {}; set the percent (and note) to the share the line tracks",
        all.join("; ")
    )
}

/// Every `N/M` and `N of M` in free text.
fn fractions_in(text: &str) -> Vec<(u64, u64)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | '[' | ']'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if let Some((a, b)) = w.split_once('/')
            && let (Ok(a), Ok(b)) = (a.parse(), b.trim_end_matches(['.', ':']).parse())
        {
            out.push((a, b));
        }
        if *w == "of"
            && i > 0
            && let (Ok(a), Some(Ok(b))) = (
                words[i - 1].parse(),
                words
                    .get(i + 1)
                    .map(|x| x.trim_end_matches(['.', ':']).parse()),
            )
        {
            out.push((a, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::rules::testing::{codes, findings};
    use crate::edit::EditSet;

    fn bar_codes(line: &str) -> Vec<&'static str> {
        codes(&format!("## Current Position\n\n{line}\n"))
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    }

    #[test]
    fn bars_of_any_width_and_glyphs() {
        for ok in [
            "Progress: [███░░░░░░░] 30%",
            "Progress: [##########] 100% (Phase 6: 4/4 plans)",
            "Progress: [########--] 75%",
            "Progress: [#.......] 12%",
            "Progress: [#############       ] 67%",
            "Progress: [===========] 100%",
            "**Progress:** ░░░░░░░░░░ 0%",
            "Progress: ███████████████░░░░░ 75% (x)",
            "Progress: [███████░░░] 67%",
            "Progress: [██████░░░░] 67%",
        ] {
            assert_eq!(bar_codes(ok), Vec::<&str>::new(), "{ok}");
        }
        for bad in [
            "Progress: [███████░░░] 30%",
            "Progress: [##--------] 75%",
            "Progress: [===========] 55%",
            "Progress: ████████████████████ 10%",
            "Progress: [█████░░░░░] 67%",
        ] {
            assert_eq!(bar_codes(bad), vec!["GSD101"], "{bad}");
        }
    }

    #[test]
    fn the_fix_redraws_in_the_same_glyphs_and_width() {
        let text = "## Current Position\r\n\r\nProgress: [##........] 75%\r\n";
        let d = findings(text);
        let mut set = EditSet::new();
        set.extend(d[0].fix.clone().unwrap().edits);
        assert_eq!(
            set.apply(text).unwrap(),
            "## Current Position\r\n\r\nProgress: [########..] 75%\r\n"
        );
    }

    #[test]
    fn a_percent_that_names_its_own_scope_is_not_checked() {
        assert!(super::self_scoped(
            "% MVP | Post-MVP: Phase 9.3 in progress"
        ));
        assert!(super::self_scoped("% phase-shipping (Phase 1)"));
        assert!(!super::self_scoped("% complete"));
        assert!(!super::self_scoped("% (4/10 plans complete)"));
        assert!(!super::self_scoped("%"));
    }

    #[test]
    fn the_percent_is_checked_against_the_note() {
        let c = codes("Progress: [██████░░░░░] 55% (12/22 plans complete)\n");
        assert!(c.is_empty(), "{c:?}");
        let c = codes("Progress: [███░░░░░░░] 30% (4/10 plans complete)\n");
        assert_eq!(c[0].0, "GSD102");
        assert!(c[0].1.contains("4/10 plans (40%)"), "{}", c[0].1);
        // A phase-scoped count is not the overall progress.
        let c = codes("Progress: [████░░░░░░] 40% (Phase 3: 0/8 plans complete)\n");
        assert!(c.is_empty(), "{c:?}");
    }
}
