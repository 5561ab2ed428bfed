//! What the disk says about files the planning text only names, looked up by `io::load` (see
//! `io::facts`) so that check rules read facts and never the disk: whether shipped milestones
//! were archived to `milestones/`, whether STATE.md's resume file exists, and a reader for
//! SUMMARY files' `completed:` dates. Those dates are read on demand, not at load: only a
//! `gsd check` fix that marks a phase complete asks for them, and reading every SUMMARY file
//! for every command would cost far more than the one rule saves.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

use crate::model::summary_date::completed_date_in;

/// Reads a file's text, `None` when it cannot (missing, unreadable, not UTF-8).
pub type ReadText = fn(&Path) -> Option<String>;

/// The load-time facts about files a workspace's text names.
#[derive(Debug, Clone)]
pub struct DiskFacts {
    /// `milestones/` (shared by all workstreams) is a folder: shipped milestones were
    /// archived out of `phases/`, so their plans still count.
    pub milestones_archived: bool,
    /// The paths STATE.md's `Resume file:` names ([`resume_path`]), as written, that exist:
    /// under the project root, under the planning folder, or (a bare file name) in a phase
    /// folder.
    pub existing_resume_files: BTreeSet<String>,
    /// How a SUMMARY file's text is read when a rule asks for its date.
    pub read_text: ReadText,
}

impl Default for DiskFacts {
    /// Nothing on disk: a workspace built in memory.
    fn default() -> Self {
        DiskFacts {
            milestones_archived: false,
            existing_resume_files: BTreeSet::new(),
            read_text: |_| None,
        }
    }
}

impl DiskFacts {
    /// Whether the resume file `path` (as STATE.md writes it) was found at load.
    pub fn resume_file_exists(&self, path: &str) -> bool {
        self.existing_resume_files.contains(path)
    }

    /// The completion date the SUMMARY file at `path` writes in its frontmatter
    /// ([`completed_date_in`]), read now.
    pub fn summary_date(&self, path: &Path) -> Option<NaiveDate> {
        completed_date_in(&(self.read_text)(path)?)
    }
}

/// The path in a `Resume file:` value, if it names one: backticks and Markdown links
/// unwrapped, trailing prose dropped.
pub fn resume_path(value: &str) -> Option<(Range<usize>, &str)> {
    let lower = value.trim().to_lowercase();
    if lower.is_empty() || lower.starts_with("none") || lower.starts_with("n/a") {
        return None;
    }
    let (start, body) = if let Some(open) = value.find("](") {
        let s = open + 2;
        (
            s,
            &value[s..value[s..].find(')').map_or(value.len(), |e| s + e)],
        )
    } else {
        let lead = value.len() - value.trim_start_matches(['`', '*']).len();
        (lead, &value[lead..])
    };
    let end = body
        .find(|c: char| c.is_whitespace() || c == '`')
        .unwrap_or(body.len());
    let path = body[..end].trim_end_matches(['*', ',', ';', ')']);
    // `/clear`, `/gsd:new-milestone`: a slash command to run, not a file.
    let command = path.starts_with('/') && !path[1..].contains('/') && !path.ends_with(".md");
    (!command && (path.contains('/') || path.ends_with(".md")))
        .then_some((start..start + path.len(), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_paths() {
        assert_eq!(resume_path("None").map(|r| r.1), None);
        assert_eq!(
            resume_path("None - continue with 11-02-PLAN.md").map(|r| r.1),
            None
        );
        assert_eq!(
            resume_path("`.planning/phases/02-api/02-02-PLAN.md`").map(|r| r.1),
            Some(".planning/phases/02-api/02-02-PLAN.md")
        );
        assert_eq!(
            resume_path("[x](/Users/a/b.md)").map(|r| r.1),
            Some("/Users/a/b.md")
        );
        assert_eq!(
            resume_path("`/clear` 后 `/gsd-new-milestone`").map(|r| r.1),
            None
        );
        assert_eq!(resume_path("/gsd:execute-phase 3").map(|r| r.1), None);
    }

    #[test]
    fn in_memory_nothing_exists() {
        let facts = DiskFacts::default();
        assert!(!facts.resume_file_exists("STATE.md"));
        assert_eq!(facts.summary_date(Path::new("/x/01-01-SUMMARY.md")), None);
        let dated = DiskFacts {
            read_text: |_| Some("---\ncompleted: 2026-01-26\n---\n".to_string()),
            ..DiskFacts::default()
        };
        assert_eq!(
            dated.summary_date(Path::new("S.md")),
            NaiveDate::from_ymd_opt(2026, 1, 26)
        );
    }
}
