//! A status at the end of a phase: a log of plans (`Plan 02-01 complete, plan 02-02 next`)
//! or of phases (`Phase 1 complete — ready for Phase 2 (API)`) moved on to the phase after.

use super::StatusKind;
use crate::model::ids::{PhaseNum, plan_ids_in};

/// `Phase complete — ready for Phase 14 (Tasks)` when phase 14 ends: the phase it says is
/// next is the one after `phase` now (`next_phase`, with its name in the parentheses that
/// followed the old number), and a `Phase 13 complete` before it names `phase`. `None`
/// unless the status says a phase is complete and names the next one (`ready for Phase N`,
/// `Phase N next`).
pub fn phase_ready_at_phase_end(
    text: &str,
    phase: &str,
    next_phase: &str,
    next_name: Option<&str>,
) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if StatusKind::classify(text) != StatusKind::PhaseComplete {
        return None;
    }
    // The number after each `phase ` (its range), in order.
    let numbered: Vec<(usize, usize)> = lower
        .match_indices("phase ")
        .filter_map(|(i, w)| {
            let from = i + w.len();
            let len = text[from..]
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(text.len() - from);
            let len = text[from..from + len].trim_end_matches('.').len();
            (len > 0).then_some((from, from + len))
        })
        .collect();
    let &(next_at, next_end) = numbered.last()?;
    let says_next = lower[..next_at].trim_end().ends_with("ready for phase")
        || lower[next_end..].trim_start().starts_with("next");
    if !says_next || numbered.len() > 2 {
        return None;
    }
    let spell = |old: &str, new: &str| {
        PhaseNum::parse(new).map_or(new.to_string(), |n| match PhaseNum::parse(old) {
            Some(_) => n.spelled_like(old),
            None => new.to_string(),
        })
    };
    let mut out = String::new();
    let mut at = 0;
    if let [(done_at, done_end), _] = numbered.as_slice() {
        out.push_str(&text[..*done_at]);
        out.push_str(&spell(&text[*done_at..*done_end], phase));
        at = *done_end;
    }
    out.push_str(&text[at..next_at]);
    out.push_str(&spell(&text[next_at..next_end], next_phase));
    let rest = &text[next_end..];
    // `(Task Integration + Signals)` after the old number was its name.
    match (rest.strip_prefix(" ("), next_name) {
        (Some(inner), Some(name)) => {
            let close = inner.find(')')?;
            out.push_str(&format!(" ({name}){}", &inner[close + 1..]));
        }
        _ => out.push_str(rest),
    }
    Some(out)
}

/// `Plan 02-01 complete, plan 02-02 next` when plan 02-02 ends phase 2: the same log one
/// level up, `Phase 2 complete, phase 3 next` (`next_phase`, when the ledger knows one).
/// `None` unless the status names exactly two plans, one done and one next.
pub fn phase_log_at_phase_end(text: &str, phase: &str, next_phase: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let ids = plan_ids_in(text);
    let [first, second] = ids.as_slice() else {
        return None;
    };
    if !(lower.contains("complete") || lower.contains("done")) || !lower.contains("next") {
        return None;
    }
    let (a, b) = (first.to_string(), second.to_string());
    let (at_a, at_b) = (text.find(&a)?, text.rfind(&b)?);
    // Each id follows its own `plan ` word: `plan 02-01 …, plan 02-02 next`.
    let word = |at: usize| at >= 5 && lower[..at].ends_with("plan ");
    if at_a >= at_b || !word(at_a) || !word(at_b) {
        return None;
    }
    // `plan` → `phase`, `Plan` → `Phase`, `PLAN` → `PHASE`.
    let label = |at: usize| {
        let word = &text[at - 5..at - 1];
        if word == "PLAN" {
            "PHASE"
        } else if word.starts_with('P') {
            "Phase"
        } else {
            "phase"
        }
    };
    let plain = |n: &str| PhaseNum::parse(n).map_or(n.to_string(), |p| p.spelled_like("1"));
    Some(format!(
        "{}{} {}{}{} {}{}",
        &text[..at_a - 5],
        label(at_a),
        plain(phase),
        &text[at_a + a.len()..at_b - 5],
        label(at_b),
        plain(next_phase),
        &text[at_b + b.len()..]
    ))
}
