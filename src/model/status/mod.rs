//! The status vocabulary: what a `Status:` value means, and the words a file uses for it.
//!
//! Real files write status as free text (`In progress`, `Executing Phase 9`, `Phase complete —
//! ready for verification`, `ready_to_plan` in frontmatter, `**PLANNING** 📋`). Reading and
//! writing go through this one module so that every command and check rule agrees on what a
//! value means, and a command that must change the status writes it in the file's own family
//! of words and letter case, falling back to the template's words only when the file has
//! none to copy.

mod phase_end;

pub use phase_end::{phase_log_at_phase_end, phase_ready_at_phase_end};

use crate::model::ids::{PhaseNum, PlanId, plan_ids_in};

/// What a status says, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// `Ready to plan`, `Planning`, `Not started`, `Context gathered`.
    Planning,
    /// `Ready to execute`, `Planned`, `Ready for execution`.
    ReadyToExecute,
    /// `In progress`, `Executing`, `Active`.
    InProgress,
    /// `Verifying`, `UAT`, `Awaiting verification`.
    Verifying,
    /// `Phase complete`, `Phase 4 complete, Phase 5 next`, `Complete`.
    PhaseComplete,
    /// `Milestone complete`, `v1.3 SHIPPED`, `All phases complete`.
    MilestoneComplete,
    /// `Blocked`, `Paused`.
    Blocked,
    /// Anything else.
    Other,
}

impl StatusKind {
    /// Classifies a body or frontmatter status value.
    pub fn classify(text: &str) -> StatusKind {
        let t: String = text
            .trim()
            .trim_matches(['*', '"', '\'', '`'])
            .replace(['_', '-'], " ")
            .to_lowercase();
        let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
        let starts = |ps: &[&str]| {
            ps.iter().any(|p| {
                t.strip_prefix(p).is_some_and(|rest| {
                    rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric())
                })
            })
        };
        let milestone_done = (t.contains("milestone") || t.contains("all phases"))
            && (t.contains("complete") || t.contains("shipped") || t.contains("done"))
            || t.contains("shipped");
        if milestone_done {
            StatusKind::MilestoneComplete
        } else if starts(&[
            "in progress",
            "executing",
            "execution",
            "active",
            "implementing",
            // Words real files use in other languages, where they are unambiguous.
            "em andamento",
            "em progresso",
            "em execução",
            "in bearbeitung",
            "in arbeit",
            "en cours",
            "en progreso",
            "en curso",
        ]) {
            StatusKind::InProgress
        } else if starts(&[
            "ready to execute",
            "ready for execution",
            "planned",
            "plans ready",
        ]) {
            StatusKind::ReadyToExecute
        } else if starts(&[
            "ready to plan",
            "ready to start",
            "ready to begin",
            "planning",
            "not started",
            "context gathered",
            "discussing",
            "não iniciada",
            "não iniciado",
            "nicht begonnen",
            "non commencé",
            "no iniciado",
        ]) {
            StatusKind::Planning
        } else if starts(&["verifying", "uat", "awaiting verification", "in review"]) {
            StatusKind::Verifying
        } else if starts(&["blocked", "paused", "on hold"]) {
            StatusKind::Blocked
        } else if starts(&[
            "phase complete",
            "complete",
            "completed",
            "done",
            "concluída",
            "concluído",
            "abgeschlossen",
            "terminé",
            "terminée",
            "completado",
            "completada",
        ]) || (t.starts_with("phase ") && phase_n_complete(t))
        {
            StatusKind::PhaseComplete
        } else {
            StatusKind::Other
        }
    }

    /// The template's words for the kind.
    pub fn template_word(self) -> &'static str {
        match self {
            StatusKind::Planning => "Ready to plan",
            StatusKind::ReadyToExecute => "Ready to execute",
            StatusKind::InProgress => "In progress",
            StatusKind::Verifying => "Verifying",
            StatusKind::PhaseComplete => "Phase complete",
            StatusKind::MilestoneComplete => "Milestone complete",
            StatusKind::Blocked => "Blocked",
            StatusKind::Other => "In progress",
        }
    }

    /// The frontmatter's snake-case spelling (`in_progress`).
    pub fn frontmatter_word(self) -> &'static str {
        match self {
            StatusKind::Planning => "planning",
            StatusKind::ReadyToExecute => "ready_to_execute",
            StatusKind::InProgress => "in_progress",
            StatusKind::Verifying => "verifying",
            StatusKind::PhaseComplete => "phase_complete",
            StatusKind::MilestoneComplete => "milestone_complete",
            StatusKind::Blocked => "blocked",
            StatusKind::Other => "in_progress",
        }
    }
}

#[cfg(test)]
mod foreign_words {
    use super::StatusKind;

    #[test]
    fn unambiguous_words_in_other_languages_are_classified() {
        assert_eq!(
            StatusKind::classify("**NÃO INICIADA**"),
            StatusKind::Planning
        );
        assert_eq!(StatusKind::classify("Em andamento"), StatusKind::InProgress);
        assert_eq!(
            StatusKind::classify("In Bearbeitung"),
            StatusKind::InProgress
        );
        assert_eq!(StatusKind::classify("Terminé"), StatusKind::PhaseComplete);
        assert_eq!(
            StatusKind::classify("Abgeschlossen"),
            StatusKind::PhaseComplete
        );
        assert_eq!(StatusKind::classify("in_progress"), StatusKind::InProgress);
    }
}

/// `phase 4 complete`, `phase 04 complete — next 05`.
fn phase_n_complete(t: &str) -> bool {
    let mut words = t.split_whitespace().skip(1);
    let num = words.next().unwrap_or("");
    num.starts_with(|c: char| c.is_ascii_digit())
        && words
            .next()
            .is_some_and(|w| w.starts_with("complete") || w == "done")
}

/// The status text to write for `target` in phase `phase`, in the style of `current` (the
/// value the field has now):
/// - a value that already means `target` is kept, detail and all; a phase number it names
///   (`Phase 8 complete`) becomes `phase`; one that names a plan id (`Executing 02-03`) is
///   stale and is rewritten;
/// - `Ready to execute` stays while the phase is still in progress (files that cycle
///   `Ready to execute` between plans), and becomes the workflow's `Phase complete — ready
///   for verification` when the phase is done;
/// - a value that reports a plan's completion (`Plan 02-01 complete, Plan 02-02 next`,
///   `Executing phase 7 - plan 01 complete`) is a log line the file rewrites each time: the
///   plan it names becomes the plan completed now, and a second id the next plan (`plan`
///   gives both), as long as the phase goes on;
/// - otherwise the template's words for `target`, in `current`'s letter case.
pub fn status_word(
    target: StatusKind,
    current: &str,
    phase: &str,
    plan: Option<(&PlanId, Option<&PlanId>)>,
) -> String {
    let value = current.trim();
    let kind = StatusKind::classify(value);
    if let Some(text) = with_plan(current, plan) {
        return text;
    }
    if kind == target && !names_a_plan(value) {
        let renumbered = with_phase(current, phase);
        if !renumbered.is_empty() {
            return renumbered;
        }
    }
    match (kind, target) {
        // The between-plans state itself (`Ready to execute`), not `Planned`: a phase's
        // first plan done moves a `Planned` phase on.
        (StatusKind::ReadyToExecute, StatusKind::InProgress)
            if !names_a_plan(value) && value.to_ascii_lowercase().starts_with("ready") =>
        {
            return current.to_string();
        }
        // Only the between-plans state itself: a `Planned` phase finished is `Phase complete`.
        (StatusKind::ReadyToExecute, StatusKind::PhaseComplete)
            if value.to_ascii_lowercase().starts_with("ready") =>
        {
            return in_case_of(PHASE_DONE_FOR_VERIFICATION, value);
        }
        _ => {}
    }
    if let Some(text) = phase_n_state(value, phase, target) {
        return text;
    }
    in_case_of(target.template_word(), value)
}

/// `Phase 21 in progress` → `Phase 21 complete` (or `Phase 22 in progress`): a status that
/// is just the phase being worked on keeps naming the phase (the number spelled as written,
/// the words in the value's case). `None` for any other value. (A finished phase's `Phase 2
/// complete` is no such sign: replaying real completions, authors follow it with the
/// template's `In progress` more often than with `Phase 3 in progress`.)
fn phase_n_state(value: &str, phase: &str, target: StatusKind) -> Option<String> {
    let words = match target {
        StatusKind::InProgress => "in progress",
        StatusKind::PhaseComplete => "complete",
        _ => return None,
    };
    let mut parts = value.splitn(3, ' ');
    let (label, number, state) = (parts.next()?, parts.next()?, parts.next()?);
    let old = PhaseNum::parse(number)?;
    let new = PhaseNum::parse(phase)?;
    let in_progress = ["in progress", "in-progress"].contains(&state.to_ascii_lowercase().as_str());
    if !label.eq_ignore_ascii_case("phase") || !in_progress || new < old {
        return None;
    }
    Some(format!(
        "{label} {} {}",
        new.spelled_like(number),
        in_case_of(words, state)
    ))
}

/// The words the incumbent's `advance-plan` writes when a phase's last plan is done.
const PHASE_DONE_FOR_VERIFICATION: &str = "Phase complete — ready for verification";

/// The status the incumbent's workflow keeps between two plans of a phase.
const BETWEEN_PLANS: &str = "Ready to execute";

/// [`status_word`] for a file the incumbent keeps (its `gsd_state_version` frontmatter):
/// there a phase finished from a planning status (`Ready to plan`, `Roadmap created`) gets
/// the words the incumbent's workflow leaves at that point, `Phase complete — ready for
/// verification`, not the template's bare `Phase complete`; and where `Plan:` names the next
/// plan (`names_next`), a phase going on after a status of another state (`Phase complete`,
/// `Ready to plan`) gets the status that workflow keeps between plans, `Ready to execute`.
pub fn status_word_kept_by_incumbent(
    target: StatusKind,
    current: &str,
    phase: &str,
    plan: Option<(&PlanId, Option<&PlanId>)>,
    names_next: bool,
) -> String {
    let value = current.trim();
    let kind = StatusKind::classify(value);
    if target == StatusKind::PhaseComplete && kind == StatusKind::Planning {
        return in_case_of(PHASE_DONE_FOR_VERIFICATION, value);
    }
    if target == StatusKind::InProgress
        && names_next
        && !matches!(kind, StatusKind::InProgress | StatusKind::ReadyToExecute)
    {
        return in_case_of(BETWEEN_PLANS, value);
    }
    status_word(target, current, phase, plan)
}

/// The status `text` with the plan it reports as done replaced by `plan.0` and a second plan
/// id by `plan.1` (the next plan). `None` when the text reports no plan's completion (no
/// `complete`/`done`/`executed` word), names plans of another shape, or `plan` is `None`.
fn with_plan(text: &str, plan: Option<(&PlanId, Option<&PlanId>)>) -> Option<String> {
    let (done, next) = plan?;
    let lower = text.to_ascii_lowercase();
    if !["complete", "done", "executed", "finished"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return None;
    }
    let ids = plan_ids_in(text);
    let spell = |old: &PlanId, new: &PlanId| new.spelled_like(old);
    match ids.as_slice() {
        [one] => {
            let old = one.to_string();
            let at = text.find(&old)?;
            let new = spell(one, done);
            if new == old {
                return Some(text.to_string());
            }
            let renamed = format!("{}{new}{}", &text[..at], &text[at + old.len()..]);
            Some(without_old_detail(&renamed, at + new.len()))
        }
        [first, second] if next.is_some() && second > first => {
            let (a, b) = (first.to_string(), second.to_string());
            let at = text.find(&b)?;
            let tail = text[at..].replacen(&b, &spell(second, next?), 1);
            let head = text[..at].replacen(&a, &spell(first, done), 1);
            Some(format!("{head}{tail}"))
        }
        // `plans 03-01, 03-02, 03-03 complete`: a list of the plans done gains this one.
        [.., last] if ids.len() > 2 && ids.iter().all(|id| id.phase == done.phase) => {
            if ids.contains(done) {
                return Some(text.to_string());
            }
            let raw = last.to_string();
            let at = text.rfind(&raw)? + raw.len();
            let list = &text[text.find(&ids[0].to_string())?..at];
            let sep = if list.contains(", ") { ", " } else { "," };
            Some(format!(
                "{}{sep}{}{}",
                &text[..at],
                spell(last, done),
                &text[at..]
            ))
        }
        [] => {
            // `plan 01 complete`, at the start or after `phase N`: the plan number alone.
            let at = lower.find("plan ")? + 5;
            let digits = text[at..].chars().take_while(char::is_ascii_digit).count();
            if digits == 0 || !(at == 5 || lower[..at].contains("phase")) {
                return None;
            }
            let n = crate::model::values::pad_like(u64::from(done.plan), &text[at..at + digits]);
            Some(format!("{}{n}{}", &text[..at], &text[at + digits..]))
        }
        _ => None,
    }
}

/// `Phase 8 complete` → `Phase 9 complete`: the first `Phase N` in `text` renumbered to
/// `phase` (padding as written); text without one is returned as is.
fn with_phase(text: &str, phase: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mentions: Vec<usize> = lower.match_indices("phase ").map(|(i, _)| i).collect();
    let Some(&at) = mentions.first() else {
        return text.to_string();
    };
    let start = at + "phase ".len();
    let rest = &text[start..];
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let number = rest[..len].trim_end_matches('.');
    let (Some(old), Some(new)) = (PhaseNum::parse(number), PhaseNum::parse(phase)) else {
        return text.to_string();
    };
    if old == new {
        return text.to_string();
    }
    // `Phase 4 complete, Phase 5 next` names two phases; renumbering one would leave it
    // saying something false (`Phase 5 complete, Phase 5 next`).
    let numbered = mentions
        .iter()
        .filter(|&&i| text[i + 6..].starts_with(|c: char| c.is_ascii_digit()))
        .count();
    if numbered > 1 {
        return String::new();
    }
    let shown = new.spelled_like(number);
    let renamed = format!("{}{shown}{}", &text[..start], &text[start + number.len()..]);
    without_old_detail(&renamed, start + shown.len())
}

/// `Phase 12 complete (verified)` renumbered to 13: the detail after the state words was
/// about the old phase or plan, so it goes (`Phase 13 complete`); the words up to it stay.
fn without_old_detail(text: &str, from: usize) -> String {
    let cut = [" (", " - ", " — ", " – ", ": ", "; "]
        .iter()
        .filter_map(|sep| text[from..].find(sep))
        .min();
    match cut {
        Some(at) => text[..from + at].trim_end().to_string(),
        None => text.to_string(),
    }
}

/// Whether a status value names a plan id (`Executing 02-03`), which a new event makes stale.
fn names_a_plan(value: &str) -> bool {
    !crate::model::ids::plan_ids_in(value).is_empty()
}

/// `words` in the letter case of `like`: all capitals, Title Case, or as given.
pub fn in_case_of(words: &str, like: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 2 && letters.iter().all(|c| c.is_uppercase()) {
        return words.to_uppercase();
    }
    let lettered: Vec<&str> = like
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_alphabetic))
        .collect();
    let title = lettered.len() >= 2
        && lettered
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || w.len() <= 2);
    if title {
        return words
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_real_values() {
        use StatusKind::*;
        for (text, kind) in [
            ("In progress", InProgress),
            ("Executing Phase 9", InProgress),
            ("in_progress", InProgress),
            ("Ready to execute", ReadyToExecute),
            ("ready_to_plan", Planning),
            ("**PLANNING** 📋", Planning),
            ("Phase complete — ready for verification", PhaseComplete),
            ("Phase 4 complete, Phase 5 next", PhaseComplete),
            ("Complete — all tasks finished", PhaseComplete),
            (
                "v1.3 Milestone SHIPPED - Ready for next milestone",
                MilestoneComplete,
            ),
            ("Milestone complete", MilestoneComplete),
            ("Verifying", Verifying),
            ("Blocked on API keys", Blocked),
            ("Ready for `/gsd:execute-phase 42`", Other),
        ] {
            assert_eq!(StatusKind::classify(text), kind, "{text}");
        }
    }

    #[test]
    fn a_plan_log_line_moves_to_the_new_plan() {
        let done = PlanId::parse("02-02").unwrap();
        let next = PlanId::parse("02-03").unwrap();
        let w = |c: &str| status_word(StatusKind::InProgress, c, "2", Some((&done, Some(&next))));
        assert_eq!(
            w("Plan 02-01 complete, Plan 02-02 next"),
            "Plan 02-02 complete, Plan 02-03 next"
        );
        assert_eq!(
            w("Executing phase 2 - plan 01 complete"),
            "Executing phase 2 - plan 02 complete"
        );
        assert_eq!(w("Ready to plan"), "In progress");
        assert_eq!(w("Plan 01 complete"), "Plan 02 complete");
        assert_eq!(w("Phase 1 complete"), "In progress");
        assert_eq!(w("Phase 1 in progress"), "Phase 2 in progress");
        assert_eq!(
            status_word(StatusKind::PhaseComplete, "Phase 02 in progress", "2", None),
            "Phase 02 complete"
        );
        let four = PlanId::parse("03-04").unwrap();
        let listed = |c: &str| status_word(StatusKind::InProgress, c, "3", Some((&four, None)));
        assert_eq!(
            listed("In progress - plans 03-01, 03-02, 03-03 complete"),
            "In progress - plans 03-01, 03-02, 03-03, 03-04 complete"
        );
        // Plans finished out of order: `01-10` gives the id's width, so 9 is `09`; the
        // detail about 01-10 (`(queue)`) is not carried over to 01-09.
        let nine = PlanId::parse("01-09").unwrap();
        assert_eq!(
            status_word(
                StatusKind::InProgress,
                "Plan 01-10 complete (queue)",
                "1",
                Some((&nine, None))
            ),
            "Plan 01-09 complete"
        );
        // The detail after the state words was about the old plan or phase: it goes.
        assert_eq!(
            status_word(
                StatusKind::PhaseComplete,
                "Phase 11 complete (verified)",
                "11.1",
                None
            ),
            "Phase 11.1 complete"
        );
        assert_eq!(
            status_word(
                StatusKind::InProgress,
                "Executing phase 7.1 - plan 01 complete",
                "7.1",
                Some((&PlanId::parse("07.1-02").unwrap(), None))
            ),
            "Executing phase 7.1 - plan 02 complete"
        );
    }

    #[test]
    fn writes_in_the_files_family_and_case() {
        use StatusKind::{InProgress, PhaseComplete};
        let status_word = |t, c, p| super::status_word(t, c, p, None);
        assert_eq!(status_word(InProgress, "Ready to plan", "2"), "In progress");
        assert_eq!(status_word(InProgress, "Ready To Plan", "2"), "In Progress");
        assert_eq!(status_word(InProgress, "READY TO PLAN", "2"), "IN PROGRESS");
        assert_eq!(
            status_word(InProgress, "Ready to execute", "2"),
            "Ready to execute"
        );
        assert_eq!(status_word(InProgress, "Executing", "2"), "Executing");
        assert_eq!(
            status_word(InProgress, "Executing 02-03", "2"),
            "In progress"
        );
        assert_eq!(
            status_word(PhaseComplete, "Ready to execute", "2"),
            "Phase complete — ready for verification"
        );
        assert_eq!(
            status_word(
                PhaseComplete,
                "Phase complete — ready for verification",
                "3"
            ),
            "Phase complete — ready for verification"
        );
        assert_eq!(
            status_word(PhaseComplete, "Phase 08 complete", "9"),
            "Phase 09 complete"
        );
        assert_eq!(
            status_word(PhaseComplete, "In progress", "9"),
            "Phase complete"
        );
    }
}
