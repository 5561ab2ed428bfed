//! The status vocabulary: what a `Status:` value means, and the words a file uses for it.
//!
//! Real files write status as free text (`In progress`, `Executing Phase 9`, `Phase complete —
//! ready for verification`, `ready_to_plan` in frontmatter, `**PLANNING** 📋`). Reading and
//! writing go through this one module so that every command and check rule agrees on what a
//! value means, and a command that must change the status writes it in the file's own family
//! of words and letter case, falling back to the template's words only when the file has
//! none to copy.

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
        } else if starts(&["in progress", "executing", "execution", "active", "implementing"]) {
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
            "planning",
            "not started",
            "context gathered",
            "discussing",
        ]) {
            StatusKind::Planning
        } else if starts(&["verifying", "uat", "awaiting verification", "in review"]) {
            StatusKind::Verifying
        } else if starts(&["blocked", "paused", "on hold"]) {
            StatusKind::Blocked
        } else if starts(&["phase complete", "complete", "completed", "done"])
            || (t.starts_with("phase ") && phase_n_complete(t))
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

/// `phase 4 complete`, `phase 04 complete — next 05`.
fn phase_n_complete(t: &str) -> bool {
    let mut words = t.split_whitespace().skip(1);
    let num = words.next().unwrap_or("");
    num.starts_with(|c: char| c.is_ascii_digit())
        && words
            .next()
            .is_some_and(|w| w.starts_with("complete") || w == "done")
}

/// The status text to write for `target`, in the style of `current` (the value the field has
/// now). A value that already means `target` is kept as it is, detail and all, unless it names
/// a plan (`Executing 02-03`) that is no longer the one in progress; otherwise the template's
/// words for `target`, in `current`'s letter case (`IN PROGRESS`, `In Progress`, `in progress`).
pub fn status_word(target: StatusKind, current: &str) -> String {
    let value = current.trim();
    if StatusKind::classify(value) == target && !names_a_plan(value) {
        return current.to_string();
    }
    in_case_of(target.template_word(), value)
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
            ("v1.3 Milestone SHIPPED - Ready for next milestone", MilestoneComplete),
            ("Milestone complete", MilestoneComplete),
            ("Verifying", Verifying),
            ("Blocked on API keys", Blocked),
            ("Ready for `/gsd:execute-phase 42`", Other),
        ] {
            assert_eq!(StatusKind::classify(text), kind, "{text}");
        }
    }

    #[test]
    fn writes_in_the_files_family_and_case() {
        assert_eq!(
            status_word(StatusKind::InProgress, "Ready to execute"),
            "In progress"
        );
        assert_eq!(
            status_word(StatusKind::InProgress, "Ready To Execute"),
            "In Progress"
        );
        assert_eq!(
            status_word(StatusKind::InProgress, "READY TO EXECUTE"),
            "IN PROGRESS"
        );
        assert_eq!(
            status_word(StatusKind::InProgress, "Executing"),
            "Executing"
        );
        assert_eq!(
            status_word(StatusKind::InProgress, "Executing 02-03"),
            "In progress"
        );
        assert_eq!(
            status_word(
                StatusKind::PhaseComplete,
                "Phase complete — ready for verification"
            ),
            "Phase complete — ready for verification"
        );
    }
}
