//! GSD103–GSD110: the Current Position agrees with itself, with ROADMAP.md and the phases
//! folder, and with the calendar.

use std::ops::Range;

use chrono::NaiveDate;

use crate::check::{Diagnostic, Input, PlanningFile, Rule, Severity};
use crate::model::PhaseNum;
use crate::model::phase_ref::{Word, name_after_separator, phase_at_start};

use super::position_counts::{phase_line, plan_line};
use super::{lenient, mentions};

pub static RULES: &[Rule] = &[
    Rule {
        code: "GSD103",
        name: "plan-out-of-range",
        severity: Severity::Error,
        fixable: false,
        on_by_default: true,
        summary: "`Plan: A of B` with A greater than B.",
        what: "Reads `Plan: A of B` and checks that A is at most B.",
        why: "A phase cannot have more plans done than it has. Usually the count was bumped \
without updating the total, or the total was copied from another phase.",
        example: "Plan: 3 of 2\n",
        fix: "Set A to the number of plans finished in the phase and B to the number of plans \
in it: `Plan: 2 of 2`.",
    },
    Rule {
        code: "GSD104",
        name: "plan-total-mismatch",
        severity: Severity::Warning,
        fixable: true,
        on_by_default: true,
        summary: "`Plan: A of B` where B is not the number of plans in the current phase.",
        what: "Asks the ledger how many plans the current phase has by the evidence besides \
STATE.md: the plans ROADMAP.md lists and the phases folder holds (`NN-MM-PLAN.md` or \
SUMMARY files), and the totals ROADMAP.md writes for it (`**Plans:** 3`, a progress row's \
`1/3`). Checks B against that. Skipped when nothing besides STATE.md counts the phase.",
        why: "B tells the reader how much of the phase is left. When a plan was added or dropped \
and B was not updated, progress and the next step are wrong.",
        example: "Phase: 2 of 5 (API)\nPlan: 1 of 3\n<!-- ROADMAP.md lists two plans for Phase 2 -->\n",
        fix: "Set B to the number of plans the phase has (`Plan: 1 of 2`), or add the missing \
plan to ROADMAP.md. `gsd check --fix` raises B to the plans that exist when every reading of \
ROADMAP.md and phases/ counts the same. **The fix is withheld** when B is above the known \
plans: it may announce plans not written yet.",
    },
    Rule {
        code: "GSD105",
        name: "phase-out-of-range",
        severity: Severity::Error,
        fixable: false,
        on_by_default: true,
        summary: "`Phase: X of Y` with X greater than Y.",
        what: "Reads `Phase: X of Y` and checks that X is at most Y (for `3.2 of 6`, the whole \
part 3).",
        why: "The current phase cannot be past the last one. The total is stale, usually after \
phases were added to the roadmap.",
        example: "Phase: 7 of 5 (Hardening)\n",
        fix: "Update Y to the number of phases in ROADMAP.md.",
    },
    Rule {
        code: "GSD106",
        name: "phase-total-mismatch",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "`Phase: X of Y` where Y is not the number of phases in ROADMAP.md.",
        what: "Counts the phases ROADMAP.md lists (checklist, headings, progress rows) and \
checks Y against them. Any reasonable count \
passes: all phases, whole-numbered phases only (inserted `2.1` phases excluded), or the \
highest phase number. Skipped without ROADMAP.md.",
        why: "A stale phase total misstates how far along the milestone is.",
        example: "Phase: 2 of 4 (API)\n<!-- ROADMAP.md lists five phases -->\n",
        fix: "Set Y to the roadmap's phase count: `Phase: 2 of 5 (API)`.",
    },
    Rule {
        code: "GSD107",
        name: "focus-mismatch",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "`Current focus` names a different phase than the Current Position.",
        what: "When `**Current focus:**` names a phase (`Phase 3 — Name`), checks that it is the \
phase in `Phase:` and that its name matches the phase's name there or in ROADMAP.md \
(compared leniently: case, punctuation and `—` vs `-` do not matter). Free-text focus \
lines are not checked.",
        why: "The focus line is the first thing a resuming agent reads. Pointing it at another \
phase sends work to the wrong place.",
        example: "**Current focus:** Phase 3 — OpenAPI Docs\n...\nPhase: 2 of 5 (API Pagination)\n",
        fix: "Update the focus line to the current phase: `**Current focus:** Phase 2 — API \
Pagination`.",
    },
    Rule {
        code: "GSD108",
        name: "invalid-date",
        severity: Severity::Error,
        fixable: false,
        on_by_default: true,
        summary: "A date in the position, session or frontmatter is not a real calendar date.",
        what: "Reads the `YYYY-MM-DD` dates in `Last activity`, `Last session`, the PROJECT.md \
see-line and the frontmatter's `last_updated` / `last_activity`, and reports those that do \
not exist (`2026-02-30`, `2026-13-01`).",
        why: "An impossible date breaks every tool that sorts or compares sessions, and hides \
when work really happened.",
        example: "Last activity: 2026-02-30 — Completed 02-01-PLAN.md\n",
        fix: "Correct the date.",
    },
    Rule {
        code: "GSD109",
        name: "future-date",
        severity: Severity::Error,
        fixable: false,
        on_by_default: true,
        summary: "A date in the position, session or frontmatter is in the future.",
        what: "Compares the same dates as GSD108 with today (`GSD_NOW` when set). A date more \
than one day ahead is reported (one day of slack covers time zones).",
        why: "Work cannot be recorded before it happens; a future date is a typo or a wrong clock.",
        example: "Last activity: 2062-01-26 — Completed 02-01-PLAN.md\n",
        fix: "Correct the date.",
    },
    Rule {
        code: "GSD110",
        name: "activity-before-session",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "`Last activity` is older than `Last session`.",
        what: "Compares the date of `Last activity` with the date of `Last session`, with a \
day's slack (sessions run past midnight, and some tools stamp them in UTC).",
        why: "A session that ended after the last recorded activity means the activity line was \
not updated: the position may describe older work.",
        example: "Last activity: 2026-01-20 — Completed 01-02-PLAN.md\n...\nLast session: 2026-01-26 20:04\n",
        fix: "Update `Last activity` to what was done in the last session, with its date.",
    },
];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    plan_line(input, &mut out);
    phase_line(input, &mut out);
    focus(input, &mut out);
    dates(input, &mut out);
    out
}

/// `Phase 3 — Name (next)` in a focus line: the number's range and the name, if any.
fn focus_phase(text: &str) -> Option<(Range<usize>, Option<&str>)> {
    let lower = text.to_lowercase();
    let at = lower.find("phase ")?;
    if lower.len() != text.len() {
        return None;
    }
    let found = phase_at_start(&text[at..], Word::Required)?;
    let tail = text[at + found.span.end..].trim_start();
    let name = name_after_separator(tail)
        .or_else(|| {
            tail.strip_prefix('(')
                .map(|t| t.split(')').next().unwrap_or(t))
        })
        .map(|n| n.split(" (").next().unwrap_or(n).trim())
        .filter(|n| !n.is_empty());
    Some((at + found.span.start..at + found.span.end, name))
}

fn focus(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let (Some(field), Some(current)) = (
        &state.reference.current_focus,
        input.ws.state.current_phase(),
    ) else {
        return;
    };
    let value = field.value(doc);
    let Some((num_range, name)) = focus_phase(value) else {
        return;
    };
    let base = field.value.start;
    let focus_num = PhaseNum::parse(&value[num_range.clone()]).expect("parsed above");
    if focus_num != current {
        out.push(
            Diagnostic::new(
                "GSD107",
                PlanningFile::State,
                base + num_range.start..base + num_range.end,
                format!(
                    "the current focus is phase {focus_num} but the position is phase {current}"
                ),
            )
            .help(format!("point the focus at phase {current}")),
        );
        return;
    }
    let Some(name) = name else { return };
    let mut known: Vec<String> = Vec::new();
    if let Some(r) = state.position.phase.as_ref().and_then(|p| p.name.clone()) {
        known.push(doc.text(r).to_string());
    }
    if let Some(n) = input.ledger.phase(&current).and_then(|p| p.name.clone()) {
        known.push(n);
    }
    if known.is_empty()
        || known
            .iter()
            .any(|k| lenient(k) == lenient(name) || mentions(k, name) || mentions(name, k))
    {
        return;
    }
    let start = base + value.find(name).unwrap_or(0);
    out.push(
        Diagnostic::new(
            "GSD107",
            PlanningFile::State,
            start..start + name.len(),
            format!(
                "the current focus calls phase {current} `{name}` but its name is `{}`",
                known[0]
            ),
        )
        .help(format!(
            "use the phase's name: `Phase {current} — {}`",
            known[0]
        )),
    );
}

/// Every `YYYY-MM-DD`-shaped token in `text`: its range and the date, if it is one.
fn date_tokens(text: &str) -> Vec<(Range<usize>, Option<NaiveDate>)> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    while i + 10 <= b.len() {
        let shaped = (0..4).all(|k| digit(i + k))
            && b[i + 4] == b'-'
            && digit(i + 5)
            && digit(i + 6)
            && b[i + 7] == b'-'
            && digit(i + 8)
            && digit(i + 9)
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != b'-')
            && !digit(i + 10);
        if shaped {
            let date = NaiveDate::parse_from_str(&text[i..i + 10], "%Y-%m-%d").ok();
            out.push((i..i + 10, date));
            i += 10;
        } else {
            i += 1;
        }
    }
    out
}

fn dates(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let mut fields: Vec<(&str, Range<usize>)> = Vec::new();
    if let Some(a) = &state.position.last_activity {
        fields.push(("Last activity", a.field.value.clone()));
    }
    if let Some(s) = &state.session.last {
        fields.push(("Last session", s.value.clone()));
    }
    if let Some(see) = &state.reference.see {
        fields.push(("the PROJECT.md see-line", see.value.clone()));
    }
    if let Some(fm) = doc.frontmatter.first() {
        for key in ["last_updated", "last_activity"] {
            if let Some(e) = fm.get(key) {
                fields.push((key, e.value_span.clone()));
            }
        }
    }
    let latest_ok = input.today.succ_opt().unwrap_or(input.today);
    for (label, range) in fields {
        let text = doc.text(range.clone());
        for (r, date) in date_tokens(text) {
            let span = range.start + r.start..range.start + r.end;
            match date {
                None => out.push(
                    Diagnostic::new(
                        "GSD108",
                        PlanningFile::State,
                        span,
                        format!("{label} has `{}`, which is not a calendar date", &text[r]),
                    )
                    .help("correct the date (YYYY-MM-DD)"),
                ),
                Some(d) if d > latest_ok => out.push(
                    Diagnostic::new(
                        "GSD109",
                        PlanningFile::State,
                        span,
                        format!("{label} is {d}, after today ({})", input.today),
                    )
                    .help("correct the date; work cannot be recorded before it happens"),
                ),
                Some(_) => {}
            }
        }
    }
    let activity = state
        .position
        .last_activity
        .as_ref()
        .and_then(|a| a.date.clone());
    let session = state
        .session
        .last
        .as_ref()
        .and_then(|s| crate::model::values::find_date(s.value(doc)));
    // A day's slack: sessions run past midnight and tools stamp them in UTC.
    if let (Some((a, span)), Some((s, _))) = (activity, session)
        && (s - a).num_days() > 1
    {
        out.push(
            Diagnostic::new(
                "GSD110",
                PlanningFile::State,
                span,
                format!("Last activity ({a}) is older than Last session ({s})"),
            )
            .help("update Last activity to what the last session did, with its date"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_tokens_find_invalid_dates() {
        let t = date_tokens("2026-02-30 and 2026-01-26T10:00Z, not 12026-01-01");
        assert_eq!(t.len(), 2);
        assert!(t[0].1.is_none());
        assert!(t[1].1.is_some());
    }

    #[test]
    fn focus_lines() {
        let (r, name) = focus_phase("Phase 3 - OpenAPI Docs (next)").unwrap();
        assert_eq!(r, 6..7);
        assert_eq!(name, Some("OpenAPI Docs"));
        assert!(focus_phase("v1.0 shipped").is_none());
    }
}
