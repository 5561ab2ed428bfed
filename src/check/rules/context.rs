//! GSD301–GSD304: decisions and blockers are well-formed and point at real plans.

use std::collections::HashMap;
use std::ops::Range;

use crate::check::{Diagnostic, Input, PlanningFile, Rule, Severity};
use crate::model::ids::{PlanId, plan_ids_in};
use crate::syntax::Doc;

pub static RULES: &[Rule] = &[
    Rule {
        code: "GSD301",
        name: "duplicate-decision-id",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "Two decisions share one id.",
        what: "Collects decision ids (`D-01`, `D-09-01-01`, a table's `ID` or `#` column) across \
every decisions section and reports each repeat.",
        why: "Other documents cite decisions by id. A repeated id makes those references \
ambiguous; usually a decision was copied and not renumbered.",
        example: "| ID | Decision | Date |\n|----|----------|------|\n| D-02-01-01 | Cursor pagination | 2026-01-20 |\n| D-02-01-01 | Throttle at 5/h | 2026-01-21 |\n",
        fix: "Give the later decision the next free id in its series.",
    },
    Rule {
        code: "GSD302",
        name: "malformed-decision-id",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: false,
        summary: "A decision id does not follow the `D-NN` / `D-PP-MM-NN` shape.",
        what: "Checks ids that start with `D-` for dash-separated groups that each start with a \
digit (`D-01`, `D-09-01-01`, `D-02.1-01-01`).",
        why: "Tools (including `gsd state decide`) compute the next id from the series; an id \
like `D-` or `D-1a-` breaks the series and cannot be cited reliably.",
        example: "- D-x1: Use cursor pagination\n",
        fix: "Renumber the decision in the file's series, e.g. `D-03`.",
    },
    Rule {
        code: "GSD303",
        name: "unknown-plan-reference",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: true,
        summary: "A decision or blocker names a plan that does not exist.",
        what: "Finds plan ids (`02-03`) in decisions and blockers and checks them against the \
plans the ledger knows: listed in ROADMAP.md, with a file in the phases folder, or the next \
plan of their phase (within the total ROADMAP.md or STATE.md gives it). Only plans of phases \
with known plans are checked (a phase archived with an old milestone is not), and the rule \
is skipped without ROADMAP.md or phases/. Unpadded ranges (`phases 36-43`, `1-3 days`) are \
not plan ids.",
        why: "A reference to a plan that does not exist is a typo or a plan that was renumbered; \
readers following it find nothing.",
        example: "- Use RunSQL for unique indexes (01-07)\n<!-- phase 1 has plans 01-01 and 01-02 -->\n",
        fix: "Correct the plan id, or add the plan to the roadmap.",
    },
    Rule {
        code: "GSD304",
        name: "resolved-blocker-not-struck",
        severity: Severity::Warning,
        fixable: false,
        on_by_default: false,
        summary: "A blocker is marked FIXED or RESOLVED but not struck through.",
        what: "Reads the Blockers/Concerns items and reports those that say `FIXED` or \
`RESOLVED` (upper case) without `~~strike-through~~`.",
        why: "Open blockers are read at a glance; a resolved one that still looks open keeps \
people waiting on a problem that is gone. `gsd state unblock` strikes resolved items \
through.",
        example: "- Redis unavailable in CI — RESOLVED (10-03)\n",
        fix: "Strike the item through: `- ~~Redis unavailable in CI~~ — RESOLVED (10-03)`, or \
run `gsd state unblock \"Redis\"`, which does that and keeps the marker.",
    },
];

pub fn check(input: &Input) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    decision_ids(input, &mut out);
    plan_references(input, &mut out);
    resolved_blockers(input, &mut out);
    out
}

/// The span of `needle` on line `line`, or the line's text when it is not there.
fn span_in_line(doc: &Doc, line: usize, needle: &str) -> Range<usize> {
    let text = doc.line(line);
    let start = doc.line_start(line);
    match text.find(needle).filter(|_| !needle.is_empty()) {
        Some(i) => start + i..start + i + needle.len(),
        None => start..start + text.trim_end().len(),
    }
}

fn well_formed(id: &str) -> bool {
    if let Some(rest) = id.strip_prefix("D-") {
        !rest.is_empty()
            && rest.split('-').all(|g| {
                g.starts_with(|c: char| c.is_ascii_digit())
                    && g.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
            })
    } else {
        true
    }
}

fn decision_ids(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (_, d) in state.all_decisions() {
        let Some(id) = d.id.as_deref().map(str::trim).filter(|i| !i.is_empty()) else {
            continue;
        };
        let span = span_in_line(doc, d.line, id);
        if !well_formed(id) {
            out.push(
                Diagnostic::new(
                    "GSD302",
                    PlanningFile::State,
                    span.clone(),
                    format!("decision id `{id}` is not in the `D-NN` / `D-PP-MM-NN` shape"),
                )
                .help("renumber the decision in the file's series, e.g. `D-03`"),
            );
        }
        let key = id.to_string();
        if let Some(first) = seen.get(&key) {
            out.push(
                Diagnostic::new(
                    "GSD301",
                    PlanningFile::State,
                    span,
                    format!("decision id `{id}` is already used on line {}", first + 1),
                )
                .help("give this decision the next free id in its series"),
            );
        } else {
            seen.insert(key, d.line);
        }
    }
}

/// Whether the project knows the plan's phase well enough to say the plan does not exist
/// (the ledger knows plans of it), and if so whether the ledger knows the plan: listed, with
/// a file, or the next plan of its phase.
fn plan_exists(input: &Input, id: &PlanId) -> Option<bool> {
    let phase = input.ledger.phase(&id.phase)?;
    if phase.plans.is_empty() {
        return None;
    }
    // An inserted plan (`01-02a`) and its base number name the same piece of work here.
    let same_number = phase.plans.iter().any(|p| p.id.plan == id.plan);
    Some(same_number || input.ledger.knows_plan(id))
}

fn plan_references(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    if input.ws.roadmap.is_none() && input.ws.phases.is_none() {
        return;
    }
    let mut refs: Vec<(usize, String, &str)> = Vec::new();
    for (_, d) in state.all_decisions() {
        if let Some(plan) = &d.plan {
            refs.push((d.line, plan.clone(), "decision"));
        }
    }
    if let Some(blockers) = state.blockers() {
        for item in &blockers.items {
            for id in plan_ids_in(doc.text(item.text.clone())) {
                refs.push((item.line, id.to_string(), "blocker"));
            }
        }
    }
    for (line, raw, what) in refs {
        let Some(id) = PlanId::parse(&raw) else {
            continue;
        };
        if plan_exists(input, &id) == Some(false)
            && !looks_like_range(&raw)
            && !counted_range(doc.line(line), &raw)
        {
            out.push(
                Diagnostic::new(
                    "GSD303",
                    PlanningFile::State,
                    span_in_line(doc, line, &raw),
                    format!(
                        "this {what} names plan {raw}, which phase {} does not have",
                        id.phase
                    ),
                )
                .help("correct the plan id, or add the plan to ROADMAP.md"),
            );
        }
    }
}

/// Whether `A-B` reads as a range of numbers rather than a plan id: neither side
/// zero-padded and the second larger (`phases 36-43`, `steps 6-8`, `1-3 business days`).
/// Plan ids are written padded (`02-05`), or with a plan number below the phase's.
fn looks_like_range(raw: &str) -> bool {
    let Some((phase, plan)) = raw.rsplit_once('-') else {
        return false;
    };
    let unpadded = |t: &str| !t.starts_with('0');
    let whole = |t: &str| t.split('.').next().and_then(|w| w.parse::<u64>().ok());
    unpadded(phase)
        && unpadded(plan)
        && matches!((whole(phase), whole(plan)), (Some(a), Some(b)) if b > a)
}

/// Whether `raw` follows a word that counts things (`bits 31-24`, `lines 40-12`, `steps
/// 3-1`), or a range word (`from`, `between`, `phases`): a range, in either order, not a plan.
fn counted_range(line: &str, raw: &str) -> bool {
    const UNITS: &[&str] = &[
        "bit",
        "bits",
        "byte",
        "bytes",
        "line",
        "lines",
        "step",
        "steps",
        "day",
        "days",
        "hour",
        "hours",
        "week",
        "weeks",
        "month",
        "months",
        "page",
        "pages",
        "row",
        "rows",
        "column",
        "columns",
        "item",
        "items",
        "test",
        "tests",
        "port",
        "ports",
        "phases",
        "from",
        "between",
        "range",
        "ranges",
        "v",
        "version",
        "versions",
        "chars",
        "characters",
        "min",
        "minutes",
        "sec",
        "seconds",
        "ms",
        "px",
        "level",
        "levels",
        "tier",
        "tiers",
        "issue",
        "issues",
        "pr",
        "prs",
        "sprint",
        "sprints",
        "chapter",
        "chapters",
        "section",
        "sections",
        "slide",
        "slides",
    ];
    line.match_indices(raw).any(|(at, _)| {
        let word: String = line[..at]
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        UNITS.contains(&word.to_lowercase().as_str())
    })
}

/// The first whole upper-case word `FIXED` or `RESOLVED` in `text`.
fn resolved_word(text: &str) -> Option<Range<usize>> {
    ["RESOLVED", "FIXED"]
        .iter()
        .filter_map(|w| {
            text.match_indices(w).find(|(i, _)| {
                let before = text[..*i].chars().next_back();
                let after = text[i + w.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .map(|(i, w)| i..i + w.len())
        .min_by_key(|r| r.start)
}

/// A few words that name a blocker for `gsd state unblock`: the first words of what it is
/// about (the part `unblock` strikes through), without Markdown.
fn phrase_of(text: &str) -> String {
    let subject = crate::model::state::resolved::marked_subject(text).map_or(text, |r| &text[r]);
    let words: Vec<&str> = subject.split_whitespace().take(4).collect();
    words
        .join(" ")
        .replace(['*', '`', '~', '_', '"', '[', ']'], "")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

fn resolved_blockers(input: &Input, out: &mut Vec<Diagnostic>) {
    let state = &input.ws.state;
    let doc = &state.doc;
    let Some(blockers) = state.blockers() else {
        return;
    };
    for item in &blockers.items {
        let text = doc.text(item.text.clone());
        if text.contains("~~") {
            continue;
        }
        if let Some(r) = resolved_word(text) {
            let word = &text[r.clone()];
            out.push(
                Diagnostic::new(
                    "GSD304",
                    PlanningFile::State,
                    item.text.start + r.start..item.text.start + r.end,
                    format!("this blocker is marked {word} but is not struck through"),
                )
                .help(format!(
                    "strike it through (`~~text~~ — RESOLVED`), or run `gsd state unblock \"{}\"`",
                    phrase_of(text)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_ids_are_read_whole() {
        // `D-20.01` and `D-20.02` are two decisions of phase 20, not two `D-20`s.
        let state = "## Current Position\n\nStatus: In progress\n\n## Accumulated Context\n\n### Decisions\n\n- D-20.01: Use Redis\n- D-20.02: Use Postgres\n";
        let c = crate::check::rules::testing::codes(state);
        assert!(!c.iter().any(|(c, _)| *c == "GSD301"), "{c:?}");
        let dup = state.replace("D-20.02", "D-20.01");
        let c = crate::check::rules::testing::codes(&dup);
        assert!(c.iter().any(|(c, _)| *c == "GSD301"), "{c:?}");
    }

    #[test]
    fn ids_and_words() {
        assert!(well_formed("D-01"));
        assert!(well_formed("D-09-01-01"));
        assert!(well_formed("D-02.1-01"));
        assert!(!well_formed("D-"));
        assert!(!well_formed("D-x1"));
        assert!(!well_formed("D-01-"));
        assert_eq!(resolved_word("Redis — RESOLVED (x)"), Some(10..18));
        assert_eq!(resolved_word("UNRESOLVED"), None);
        assert_eq!(resolved_word("resolved"), None);
    }

    #[test]
    fn counted_ranges_are_not_plan_ids() {
        assert!(counted_range(
            "- register bits 31-24 hold the mode",
            "31-24"
        ));
        assert!(counted_range("- Phases 12-3 moved", "12-3"));
        assert!(!counted_range("- blocked on 31-24 landing", "31-24"));
    }

    #[test]
    fn ranges_are_not_plan_ids() {
        for range in ["1-3", "36-43", "6-8", "10-13", "30-50"] {
            assert!(looks_like_range(range), "{range}");
        }
        for id in ["02-05", "36-04", "2-1", "12-3", "02.1-02", "10-10"] {
            assert!(!looks_like_range(id), "{id}");
        }
    }
}
